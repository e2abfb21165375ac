"""trio_hl logs through the ``trio_hl`` logger and, as a library, never prints by itself."""

from __future__ import annotations

import io
import logging

import pytest
import trio.testing

from trio_hl import open_client
from trio_hl.models import TradesSubscription
from trio_hl.testing import FakeHyperliquid


def test_trio_hl_logger_has_a_null_handler() -> None:
    handlers = logging.getLogger("trio_hl").handlers
    assert any(isinstance(handler, logging.NullHandler) for handler in handlers)


async def test_warnings_stay_silent_in_an_application_without_logging_configured(
    fake_hyperliquid: FakeHyperliquid, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An application that configured no logging: no handler on the root logger, so a record
    # that finds no handler on its way up goes to logging.lastResort, which prints to stderr.
    # Captured here instead of stderr, to see whether it would have printed.
    printed = io.StringIO()
    monkeypatch.setattr(logging, "lastResort", logging.StreamHandler(printed))
    saved = logging.root.handlers
    logging.root.handlers = []  # pytest's capture handlers, restored below
    try:
        async with (
            open_client(fake_hyperliquid.network) as client,
            client.subscribe(TradesSubscription(coin="BTC")),
        ):
            # An undecodable frame is dropped with a WARNING on the trio_hl logger (trades are
            # decoded by the reader; a book would only be decoded by its consumer).
            await fake_hyperliquid.push("trades", [{"coin": "BTC", "px": "not a price"}])
            await trio.testing.wait_all_tasks_blocked()
            assert client.statistics().decode_errors == 1
    finally:
        logging.root.handlers = saved
    assert printed.getvalue() == ""


async def test_warnings_reach_the_application_once_it_configures_logging(
    fake_hyperliquid: FakeHyperliquid, caplog: pytest.LogCaptureFixture
) -> None:
    async with (
        open_client(fake_hyperliquid.network) as client,
        client.subscribe(TradesSubscription(coin="BTC")),
    ):
        await fake_hyperliquid.push("trades", [{"coin": "BTC", "px": "not a price"}])
        await trio.testing.wait_all_tasks_blocked()
        assert client.statistics().decode_errors == 1
    assert [(r.name, r.levelname) for r in caplog.records] == [("trio_hl", "WARNING")]
    assert caplog.records[0].getMessage().startswith("dropped a frame from fake")
