"""Envelopes the client sends, and the JSON text codec, in one place."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from ..errors import DecodeError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "BANNER",
    "CONTROL_CHANNELS",
    "PING",
    "dumps",
    "loads",
    "parse",
    "post_frame",
    "subscribe_frame",
    "unsubscribe_frame",
]

BANNER: Final = "Websocket connection established."
"""Plain-text (non-JSON) frame the server may send right after the handshake."""

PING: Final = '{"method":"ping"}'

CONTROL_CHANNELS: Final = frozenset({"pong", "subscriptionResponse", "post", "error"})
"""Channels that carry protocol control, not subscription data."""

_encoder: Final = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)
loads: Final = json.loads


def dumps(obj: Any) -> str:
    """Compact JSON, as the server expects (and as the fake server records)."""
    return _encoder.encode(obj)


def subscribe_frame(body: Mapping[str, Any]) -> str:
    return dumps({"method": "subscribe", "subscription": body})


def unsubscribe_frame(body: Mapping[str, Any]) -> str:
    return dumps({"method": "unsubscribe", "subscription": body})


def post_frame(post_id: int, kind: str, payload: Mapping[str, Any]) -> str:
    """A ``post`` envelope; ``kind`` is ``"info"`` or ``"action"`` (never ``"exchange"``)."""
    return dumps({"method": "post", "id": post_id, "request": {"type": kind, "payload": payload}})


def parse(raw: str | bytes) -> dict[str, Any] | None:
    """Parse one server message into a frame object, or ``None`` for the connect banner.

    Raises:
        DecodeError: not JSON, or not an object with a string ``channel``.
    """
    try:
        obj = loads(raw)
    except ValueError:
        text = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
        if text.strip() == BANNER:
            return None
        raise DecodeError(f"not JSON: {text[:60]!r}") from None
    if not isinstance(obj, dict):
        raise DecodeError(f"expected an object, got {type(obj).__name__}")
    if not isinstance(obj.get("channel"), str):
        raise DecodeError("frame has no channel")
    return obj
