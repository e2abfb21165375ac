"""Buffer policies: what a subscription does when its consumer falls behind."""

from __future__ import annotations

from typing import Literal

import attrs

from ._validate import integer, one_of

__all__ = ["BufferPolicy"]


@attrs.frozen
class BufferPolicy:
    """How a stream's bounded buffer behaves when full.

    The reader task carries every stream plus request replies and pongs, so under the two
    non-blocking policies it never waits for a consumer and memory stays bounded.

    * ``keep_latest(n)``: drop the oldest buffered item. Right for snapshot feeds (each
      message replaces the previous: l2Book, bbo, allMids, asset contexts).
    * ``fail_on_overflow(n)``: close the stream; the consumer receives what was buffered and
      then :class:`~trio_hl.errors.SubscriptionOverflow`. The default for event feeds
      (trades, candles, fills), where silent loss would be a bug.
    * ``block(n)``: the reader waits for the consumer. Opt-in only: while it waits, every
      other stream, request reply and heartbeat on the connection waits too, and a stalled
      consumer ends up looking like a dead connection.

    Stream-restarted markers are never dropped and do not count against ``n``; consecutive
    markers of one subscription collapse into one.

    A size that is not an integer of at least 1 raises
    :class:`~trio_hl.errors.ConfigurationError`.
    """

    kind: Literal["latest", "fail", "block"] = attrs.field(
        validator=one_of(("latest", "fail", "block"))
    )
    size: int = attrs.field(validator=integer(ge=1))

    @classmethod
    def keep_latest(cls, size: int = 1) -> BufferPolicy:
        return cls("latest", size)

    @classmethod
    def fail_on_overflow(cls, size: int = 1024) -> BufferPolicy:
        return cls("fail", size)

    @classmethod
    def block(cls, size: int = 64) -> BufferPolicy:
        return cls("block", size)
