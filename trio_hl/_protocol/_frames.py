"""Envelopes the client sends, and the JSON text codec, in one place."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

import msgspec

from .._guards import is_object
from ..errors import DecodeError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "BANNER",
    "CONTROL_CHANNELS",
    "PING",
    "channel_prefix",
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


_decoder: Final = msgspec.json.Decoder()


def loads(text: str | bytes) -> Any:
    """Parse JSON text with ``msgspec`` (about 1.6x faster than ``json`` on book frames),
    with exactly the results of the standard library.

    ``msgspec`` is stricter (``NaN``, lone surrogates, numbers beyond a float's range or
    integers beyond 4300 digits): what it refuses is parsed again by ``json``, which
    accepts it or raises its own error. Whatever ``msgspec`` accepts, it reads as ``json``
    does (``tests/protocol/test_decode_fuzz.py``), up to ``json``'s recursion limit (a few
    levels of nesting short of a thousand). Only the speed differs.

    Raises:
        ValueError: not JSON.
        RecursionError: absurdly deep nesting (``json``'s limit).
    """
    try:
        return _decoder.decode(text)
    # A ValueError subclass; a str with a lone surrogate does not even encode to UTF-8;
    # msgspec's own nesting limit.
    except (msgspec.DecodeError, UnicodeEncodeError, RecursionError):
        return json.loads(text)


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
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        text = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
        if text.strip() == BANNER:
            return None
        raise DecodeError(f"not JSON: {text[:60]!r}") from None
    if not is_object(obj):
        raise DecodeError(f"expected an object, got {type(obj).__name__}")
    if not isinstance(obj.get("channel"), str):
        raise DecodeError("frame has no channel")
    return obj


_PREFIX: Final = '{"channel":"'


def channel_prefix(raw: str) -> str | None:
    """The channel of a frame that starts as the servers write them (``{"channel":"NAME"``),
    read without parsing; ``None`` for anything else."""
    start = len(_PREFIX)
    end = raw.find('"', start) if raw.startswith(_PREFIX) else -1
    return raw[start:end] if end >= 0 else None
