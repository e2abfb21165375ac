"""Public one-shot decoding of a recorded server frame."""

from __future__ import annotations

from ._protocol._channels import TEXT_CHANNELS, decode_channel, iter_decode_text
from ._protocol._frames import CONTROL_CHANNELS, channel_prefix, parse
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
    if isinstance(raw, str):
        # The hot channels as the reader decodes them: straight from the text.
        channel = channel_prefix(raw)
        if channel in TEXT_CHANNELS:
            items = iter_decode_text(channel, raw, lambda _: True)
            if items is not None:
                messages: list[object] = []
                for item in items:
                    if isinstance(item, DecodeError):
                        raise item
                    messages.append(item.message)
                return tuple(messages)
    frame = parse(raw)
    if frame is None or frame["channel"] in CONTROL_CHANNELS:
        return ()
    routed = decode_channel(frame["channel"], frame.get("data"))
    return () if routed is None else tuple(item.message for item in routed)
