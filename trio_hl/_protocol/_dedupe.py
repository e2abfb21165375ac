"""Per-subscription message filters: what makes ``userFills`` gap-free across reconnects.

``userFills`` re-sends a snapshot of recent fills after every (re)subscription. The snapshot
after a reconnect overlaps what the stream already delivered *and* contains the fills made
while disconnected. A filter attached to the wire subscription (in the session, so it
survives the connection and dies with the subscription) removes every fill it has already
let through, so the consumer sees each fill exactly once: the marker, then the missed fills.

Identity of a fill: its ``tid`` (unique per fill); a fill without a usable ``tid`` (0 or
negative) falls back to ``(hash, oid, time)``.

Memory bound: the identities of the ``memory`` newest fills (by ``time``; default
:data:`FILL_MEMORY`, 10 000) are kept, in a set plus a
min-heap of ``(time, seq, identity)``: about 1.5 MB per subscription at the default, whatever
the stream's length. Forgetting the oldest identity raises a *horizon* to its time; from the
next message on, a fill not newer than the horizon counts as already delivered (it is no
newer than a fill forgotten for being the oldest, so it was seen, or predates what this
stream delivered: either way it is never delivered twice).
Within one message the horizon is fixed at its start, so a first snapshot longer than
``memory`` is still delivered whole, in whatever order the server lists it. Work per fill is
O(log memory); the filter never blocks, so the reader stays non-blocking.

Channels that *cannot* be made gap-free this way are documented on
:class:`~trio_hl.models.StreamRestarted`: ``orderUpdates``, ``userEvents`` and
``notification`` replay nothing after a reconnect.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Hashable
from typing import Final

import attrs

from ..models.user import UserFill, UserFills

__all__ = ["FILL_MEMORY", "FillDeduplicator", "MessageFilter"]

FILL_MEMORY: Final = 10_000
"""How many recently delivered fills a ``userFills`` stream remembers to de-duplicate the
snapshot re-sent after a reconnect (see :class:`~trio_hl.models.UserFillsSubscription`)."""

MessageFilter = Callable[[object], object | None]
"""Takes a decoded message; returns it (possibly trimmed) or ``None`` to deliver nothing."""


def _identity(fill: UserFill) -> Hashable:
    if fill.tid > 0:
        return fill.tid
    return (fill.hash, fill.oid, fill.time)


class FillDeduplicator:
    """Removes fills already delivered on one ``userFills`` subscription (see module doc).

    Args:
        memory: how many fill identities to remember (at least 1).
    """

    def __init__(self, memory: int = FILL_MEMORY) -> None:
        if memory < 1:
            raise ValueError(f"memory must be at least 1, got {memory}")
        self.memory = memory
        self._seen: set[Hashable] = set()
        self._oldest: list[tuple[int, int, Hashable]] = []  # min-heap (time, seq, identity)
        self._seq = itertools.count()
        self._horizon: int | None = None

    @property
    def remembered(self) -> int:
        """Fill identities held now (never more than ``memory``)."""
        return len(self._seen)

    @property
    def horizon(self) -> int | None:
        """Time of the newest forgotten fill (``None`` until one was forgotten)."""
        return self._horizon

    def _remember(self, identity: Hashable, time: int) -> None:
        self._seen.add(identity)
        heapq.heappush(self._oldest, (time, next(self._seq), identity))
        if len(self._oldest) > self.memory:
            old_time, _, old = heapq.heappop(self._oldest)
            self._seen.discard(old)
            if self._horizon is None or old_time > self._horizon:
                self._horizon = old_time

    def __call__(self, message: object) -> object | None:
        if not isinstance(message, UserFills):
            return message
        # Judge the whole message against the memory as it was before it, then remember its
        # new fills: remembering first could forget a fill that appears later in the message.
        horizon = self._horizon
        fresh: list[UserFill] = []
        batch: dict[Hashable, int] = {}  # new identities of this message -> time, in order
        for fill in message.fills:
            identity = _identity(fill)
            if identity in self._seen or identity in batch:
                continue
            if horizon is not None and fill.time <= horizon:
                continue
            fresh.append(fill)
            batch[identity] = fill.time
        for identity, time in batch.items():
            self._remember(identity, time)
        if len(fresh) == len(message.fills):
            return message
        if not fresh and not message.is_snapshot:
            return None  # a live frame of nothing but repeats
        # A snapshot is kept even when empty: it tells the consumer the stream caught up.
        return attrs.evolve(message, fills=tuple(fresh))
