"""docs/goldrush.md maps every GoldRush channel and info type to the code's request and model.

The two tables are read from the page and checked against the channel table
(``_channels.CHANNELS``), the networks rule (``_venues``) and the info request classes, so
that a channel or info type added to the code without its row (or a row naming the wrong
class) fails here.
"""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path
from typing import Any

import pytest

import trio_hl.models.goldrush as goldrush_models
from trio_hl._protocol._channels import CHANNELS
from trio_hl._protocol._venues import GOLDRUSH_INFO_TYPES, GOLDRUSH_SERVED_TYPES
from trio_hl.models.goldrush import GoldRushUnknown
from trio_hl.models.info import INFO_REQUESTS, InfoRequest

PAGE = Path(__file__).resolve().parents[2] / "docs" / "goldrush.md"


def table(header: str) -> dict[str, list[str]]:
    """First-column name -> the row's cells, of the table whose header starts with ``header``."""
    lines = PAGE.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header} |"))
    rows: dict[str, list[str]] = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        name = re.match(r"`([^`]+)`", cells[0])
        assert name is not None, line
        rows[name.group(1)] = cells
    return rows


def names(model: Any) -> set[str]:
    """The classes a model annotation is made of (unions and tuples unpacked)."""
    if isinstance(model, type):
        return {model.__name__}
    if isinstance(model, types.UnionType) or typing.get_origin(model) in (typing.Union, tuple):
        return {n for arg in typing.get_args(model) if arg is not ... for n in names(arg)}
    return set()


def info_requests() -> dict[str, type[InfoRequest[Any]]]:
    """Info type -> request class: the Hyperliquid ones and GoldRush's natives."""
    natives: tuple[type[InfoRequest[Any]], ...] = (
        goldrush_models.BatchClearinghouseStateRequest,
        goldrush_models.BatchSpotClearinghouseStateRequest,
        goldrush_models.BuilderFillsRequest,
        goldrush_models.BuilderFillsByTimeRequest,
        goldrush_models.L2BookDiffSnapshotRequest,
        goldrush_models.L4BookSnapshotRequest,
    )
    return {**INFO_REQUESTS, **{cls.TYPE: cls for cls in natives}}


CHANNEL_ROWS = table("Channel")
INFO_ROWS = table("Info type")


def test_the_channel_table_lists_exactly_what_goldrush_serves() -> None:
    assert set(CHANNEL_ROWS) == GOLDRUSH_SERVED_TYPES


@pytest.mark.parametrize("channel", sorted(GOLDRUSH_SERVED_TYPES))
def test_a_channel_row_names_its_request_and_model(channel: str) -> None:
    _, request, model, _ = CHANNEL_ROWS[channel]
    row = CHANNELS[channel]
    assert f"`{row.request.__name__}`" in request
    for name in names(row.model) - {GoldRushUnknown.__name__}:
        assert f"`{name}`" in model, f"{channel}: {name} not in {model!r}"


def test_the_info_table_lists_exactly_what_goldrush_serves() -> None:
    assert set(INFO_ROWS) == GOLDRUSH_INFO_TYPES


@pytest.mark.parametrize("kind", sorted(GOLDRUSH_INFO_TYPES))
def test_an_info_row_names_its_request_and_model(kind: str) -> None:
    _, request, model, _ = INFO_ROWS[kind]
    cls = info_requests()[kind]
    assert f"`{cls.__name__}`" in request
    reply = names(cls.RESPONSE) - {"NoneType"}
    assert reply, kind
    for name in reply:
        assert f"`{name}`" in model, f"{kind}: {name} not in {model!r}"


@pytest.mark.parametrize("index", ["README.md", "docs/index.md"])
def test_the_page_is_reachable_from_the_indexes(index: str) -> None:
    # A newcomer finds GoldRush's channels only through the README and the docs map.
    text = (PAGE.parents[1] / index).read_text()
    assert re.search(r"\]\((docs/)?goldrush\.md\)", text), index
