"""Unwrapping ``post`` replies: the three layers a reply can fail at."""

from __future__ import annotations

from typing import Any

from .._guards import is_object
from ..errors import ApiError, ProtocolError

__all__ = ["unwrap_reply"]


def unwrap_reply(kind: str, response: Any) -> Any:
    """The useful part of a ``post`` reply's ``response`` object.

    * ``{"type": "info", "payload": {"type": ..., "data": X}}`` returns ``X`` (which may be
      ``None``: an unknown coin or vault is a ``null`` body, not an error);
    * ``{"type": "action", "payload": {...}}`` returns the exchange body unchanged (its
      ``status`` is checked by the exchange layer, which knows the action);
    * ``{"type": "error", "payload": "<text>"}`` raises :class:`ApiError`.

    Raises:
        ApiError: the server answered with an error.
        ProtocolError: the reply does not have the documented shape.
    """
    if not is_object(response):
        raise ProtocolError(f"post reply has no response object: {response!r:.200}")
    rtype = response.get("type")
    payload = response.get("payload")
    if rtype == "error":
        raise ApiError(f"request failed: {payload}", response=payload)
    if rtype != kind:
        raise ProtocolError(f"expected a {kind!r} reply, got {rtype!r}")
    if kind == "info":
        if not is_object(payload) or "data" not in payload:
            raise ProtocolError(f"info reply without data: {payload!r:.200}")
        return payload["data"]
    return payload
