"""Typed messages as JSON lines: the model's wire-shaped fields plus its type's name."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

import attrs

from .._convert import CONVERTER
from .._guards import is_object
from ..models.subscriptions import StreamRestarted

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["to_json"]


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)  # exact, as the wire carries it
    if isinstance(value, (tuple, frozenset, set)):
        # isinstance leaves the element type unknown; any element is written as JSON.
        return list(cast("Iterable[object]", value))
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(message: object) -> str:
    """One line of JSON: ``{"type": "<Model>", ...fields}``; ``Decimal`` as strings.

    A restart marker is ``{"type": "StreamRestarted", "sid": .., "subscription": ..,
    "connection": ..}``, so a consumer (``jq``) sees exactly where data may be missing.
    """
    body: Any
    if isinstance(message, StreamRestarted):
        body = attrs.asdict(message)
    else:
        body = CONVERTER.unstructure(message)
    if is_object(body) and attrs.has(type(message)):
        body = {"type": type(message).__name__, **body}
    return json.dumps(body, default=_default, separators=(",", ":"), ensure_ascii=False)
