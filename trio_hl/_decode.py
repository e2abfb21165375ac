"""Public one-shot decoding of a recorded server frame."""

from __future__ import annotations

from ._protocol._channels import Control, decode_message
from .errors import DecodeError

__all__ = ["decode_frame"]


def decode_frame(raw: str | bytes) -> tuple[object, ...]:
    """Decode one server frame exactly as the reader would, for replaying recorded data.

    Returns:
        The typed messages the frame carries, in order: usually one; several for a batched
        GoldRush wildcard book; none for an empty ``trades`` or ``orderUpdates`` list, an
        ``l4Book`` ``Updates`` block without entries (it names no coin), a control frame
        (``pong``, acknowledgements, ``post`` replies, ``error``), the connect banner or a
        channel this version does not know.

    Raises:
        DecodeError: the frame is not JSON, has no channel, or its data does not match the
            channel's model (the error names the channel).
    """
    decoded = decode_message(raw, lambda _: True)
    if isinstance(decoded, Control):
        return ()
    messages: list[object] = []
    for item in decoded:
        if isinstance(item, DecodeError):
            raise item
        messages.append(item.message)
    return tuple(messages)
