"""Books that heal themselves: GoldRush's diff streams kept exact, sans-IO.

This module decides; it does no I/O and imports no trio. Feed it every item of a diff
stream and every snapshot reply; it returns what to tell the consumer
(:class:`BookResynced`, :class:`BookStale`, :class:`BookUpdated`) and which coins need a
snapshot fetched (the Trio driver in :mod:`trio_hl._book_driver` performs that).

**The rules**, per coin, each one tested (``tests/protocol/test_sequenced_books.py``, and a
property test that any interleaving of drops, duplicates, reorders and epoch resets
converges to the server's book without ever exposing a wrong one):

1. A coin is either *ready* (its book is exact as of its ``(epoch, seq, height)``) or
   *waiting* for a snapshot. A waiting coin has no book: :meth:`SequencedBooks.get` returns
   ``None``, never a book known to be wrong.
2. While waiting, diffs are buffered (bounded by ``max_buffer``; the oldest go first, and the
   continuity check below catches what that loses).
3. A snapshot seeds the book, then the buffered diffs are replayed, keeping only those of the
   snapshot's ``epoch`` and after its ``seq`` (for ``l2BookDiff``, which has no sequence:
   after its height). The snapshot already contains everything up to its height.
4. A ready coin applies a diff only if it follows the last one applied: a different
   ``epoch`` (the server reset its stream), a ``prev_seq`` that is not the last applied
   ``seq`` (a dropped or reordered diff) or a height below the book's (a block out of order)
   make the coin stale: the book is dropped, :class:`BookStale` says why, a snapshot is
   requested, and rule 2 applies. A diff whose ``seq`` was already applied is a duplicate
   and is ignored.
5. ``l2BookDiff`` carries no sequence: its ``Snapshot`` is inline (one per coin after each
   subscribe). A diff before any snapshot, or a height going backwards, makes the coin
   stale and fetches the ``l2BookDiffSnapshot`` (full depth, aligned by height). A stream
   restart drops every book until the server's new ``Snapshot``.
6. Sequenced streams survive a reconnect as they are: the first diff of each coin after it
   proves continuity (rule 4) or starts a resync. A message of a shape the decoder does not
   know makes every coin stale (it may have carried anything).
7. A book that detects an inconsistency of its own (an L4 ``update`` for an unknown order,
   an unknown diff shape) becomes stale too (reason ``"book_inconsistent"``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from bisect import bisect_left, insort
from collections import deque
from typing import TYPE_CHECKING, Final, Generic, Literal, TypeVar, final

import attrs

from .errors import ConfigurationError
from .models.goldrush import (
    GoldRushUnknown,
    L2BookDiffSnapshot,
    L2BookDiffSnapshotRequest,
    L2CoinDiff,
    L2Diff2Batch,
    L2DiffSnapshot,
    L2DiffUpdates,
    L4BookSnapshot,
    L4BookSnapshotRequest,
    L4CoinDiff,
    L4UpdatesBatch,
)
from .models.l4 import L4Snapshot, L4Updates
from .models.market import L2Book, L2Level
from .models.subscriptions import StreamRestarted

if TYPE_CHECKING:
    from collections.abc import Iterator
    from decimal import Decimal

    from .books import L4Book
    from .models._common import Side
    from .models.info import InfoRequest

__all__ = [
    "DEFAULT_MAX_BUFFER",
    "BookEvent",
    "BookOutput",
    "BookResynced",
    "BookStale",
    "BookUpdated",
    "L2DiffBook",
    "L2DiffBooks",
    "L4SequencedBooks",
    "ResyncReason",
    "SequencedBooks",
    "SequencedBooksStatistics",
]

ResyncReason = Literal[
    "initial",
    "gap",
    "epoch_changed",
    "height_backwards",
    "diff_before_snapshot",
    "stream_restarted",
    "unknown_message",
    "book_inconsistent",
]
"""Why a coin's book was (re)built: its first snapshot, or what made it stale."""

DEFAULT_MAX_BUFFER: Final = 10_000
"""Diffs buffered per coin while its snapshot is in flight."""


@attrs.frozen(kw_only=True)
class BookResynced:
    """The coin's book was (re)built from a snapshot and is exact as of ``seq`` / ``height``.

    Attributes:
        coin: the coin.
        reason: why it was rebuilt (``"initial"`` for the first time).
        epoch: the server epoch the book follows (``None`` on ``l2BookDiff``).
        seq: the last sequence number applied (``None`` on ``l2BookDiff``).
        height: the block height the book is at.
    """

    coin: str
    reason: ResyncReason
    epoch: str | None
    seq: int | None
    height: int | None


@attrs.frozen(kw_only=True)
class BookStale:
    """The coin's book was dropped (it would have been wrong); a snapshot is on its way."""

    coin: str
    reason: ResyncReason


@attrs.frozen(kw_only=True)
class BookUpdated:
    """One diff was applied to the coin's book."""

    coin: str
    seq: int | None
    height: int | None


BookEvent = BookResynced | BookStale | BookUpdated
"""What a consumer of a self-healing book sees."""


@attrs.frozen(kw_only=True)
class BookOutput:
    """The result of feeding an engine.

    Attributes:
        events: for the consumer, in order.
        fetch: coins whose snapshot must be requested now (each at most once until its
            reply, or :meth:`SequencedBooks.snapshot_failed`, comes back).
    """

    events: tuple[BookEvent, ...] = ()
    fetch: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class SequencedBooksStatistics:
    """Counters since the engine was created.

    Attributes:
        applied: diffs applied.
        duplicates: diffs ignored because their ``seq`` (or height) was already applied.
        resyncs: books rebuilt from a snapshot (first builds included).
        stale: times a book was dropped for a gap, an epoch change...
        buffered_dropped: buffered diffs dropped because a coin's buffer was full.
        replay_dropped: buffered diffs dropped at a snapshot (already in it, or of another
            epoch).
        snapshots_ignored: snapshot replies that came for a coin already rebuilt.
        unknown_messages: messages of a shape the decoder did not know.
    """

    applied: int = 0
    duplicates: int = 0
    resyncs: int = 0
    stale: int = 0
    buffered_dropped: int = 0
    replay_dropped: int = 0
    snapshots_ignored: int = 0
    unknown_messages: int = 0


_COUNTERS: Final = tuple(f.name for f in attrs.fields(SequencedBooksStatistics))

P = TypeVar("P")  # one coin's diff payload
B = TypeVar("B")  # one coin's book
S = TypeVar("S")  # one coin's snapshot


@attrs.frozen
class _Step(Generic[P]):
    epoch: str | None
    seq: int | None
    prev_seq: int | None
    height: int | None
    time: int
    payload: P


@attrs.define(eq=False)
class _Coin(Generic[B, P]):
    book: B | None = None
    epoch: str | None = None
    seq: int | None = None
    height: int | None = None
    buffer: deque[_Step[P]] = attrs.Factory(deque["_Step[P]"])
    reason: ResyncReason = "initial"
    requested: bool = False


class SequencedBooks(ABC, Generic[B, S, P]):
    """The engine shared by :class:`L2DiffBooks` and :class:`L4SequencedBooks` (see the
    module docstring for the rules). Not thread-safe; no I/O.

    Args:
        max_buffer: diffs buffered per coin while its snapshot is in flight.
    """

    _inline_snapshots: bool = False

    def __init__(self, *, max_buffer: int = DEFAULT_MAX_BUFFER) -> None:
        if max_buffer < 1:
            raise ConfigurationError(f"max_buffer must be at least 1, got {max_buffer}")
        self.max_buffer = max_buffer
        self._coins: dict[str, _Coin[B, P]] = {}
        self._counters: dict[str, int] = dict.fromkeys(_COUNTERS, 0)

    # -- queries ------------------------------------------------------------------------------

    def get(self, coin: str) -> B | None:
        """The coin's book when it is exact, else ``None`` (never seen, or resyncing)."""
        state = self._coins.get(coin)
        return None if state is None else state.book

    def __getitem__(self, coin: str) -> B:
        book = self.get(coin)
        if book is None:
            raise KeyError(coin)
        return book

    def __contains__(self, coin: object) -> bool:
        return isinstance(coin, str) and self.get(coin) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.ready_coins())

    def ready_coins(self) -> tuple[str, ...]:
        """Coins whose book is exact now."""
        return tuple(coin for coin, state in self._coins.items() if state.book is not None)

    def waiting_coins(self) -> tuple[str, ...]:
        """Coins waiting for a snapshot."""
        return tuple(coin for coin, state in self._coins.items() if state.book is None)

    def position(self, coin: str) -> tuple[str | None, int | None, int | None] | None:
        """``(epoch, seq, height)`` of a ready coin's book, else ``None``."""
        state = self._coins.get(coin)
        if state is None or state.book is None:
            return None
        return state.epoch, state.seq, state.height

    def statistics(self) -> SequencedBooksStatistics:
        """A frozen copy of the counters."""
        return SequencedBooksStatistics(**self._counters)

    # -- feeding ------------------------------------------------------------------------------

    def track(self, *coins: str) -> BookOutput:
        """Start books for ``coins`` now rather than at their first diff (fetches their
        snapshots; a coin already known is left alone)."""
        fetch: list[str] = []
        for coin in coins:
            if coin not in self._coins:
                state = self._state(coin)
                if not self._inline_snapshots:
                    state.requested = True
                    fetch.append(coin)
        return BookOutput(fetch=tuple(fetch))

    def snapshot_failed(self, coin: str) -> BookOutput:
        """The snapshot request of ``coin`` failed: it is requested again."""
        state = self._coins.get(coin)
        if state is None or state.book is not None:
            return BookOutput()
        state.requested = True
        return BookOutput(fetch=(coin,))

    @abstractmethod
    def snapshot_request(self, coin: str) -> InfoRequest[S]:
        """The info request whose reply (fed to ``on_snapshot``) bootstraps ``coin``."""

    @abstractmethod
    def on_snapshot(self, snapshot: S) -> BookOutput:
        """Seed a coin from its snapshot reply and replay its buffered diffs."""

    @abstractmethod
    def _new_book(self, coin: str, snapshot: S) -> B:
        """A book seeded from a snapshot."""

    @abstractmethod
    def _apply(self, book: B, step: _Step[P]) -> bool:
        """Apply one diff; ``False`` when the book found itself inconsistent."""

    def _state(self, coin: str) -> _Coin[B, P]:
        state = self._coins.get(coin)
        if state is None:
            state = self._coins[coin] = _Coin[B, P]()
        return state

    def _count(self, name: str, n: int = 1) -> None:
        self._counters[name] += n

    def _restart_all(self, reason: ResyncReason, out: list[BookEvent], fetch: list[str]) -> None:
        for coin, state in self._coins.items():
            if state.book is not None:
                self._go_stale(coin, state, reason, None, out, fetch)

    def _go_stale(
        self,
        coin: str,
        state: _Coin[B, P],
        reason: ResyncReason,
        step: _Step[P] | None,
        out: list[BookEvent],
        fetch: list[str],
    ) -> None:
        state.book = None
        state.buffer.clear()
        if step is not None:
            state.buffer.append(step)
        state.reason = reason
        self._count("stale")
        out.append(BookStale(coin=coin, reason=reason))
        if not state.requested and not (self._inline_snapshots and reason == "stream_restarted"):
            state.requested = True
            fetch.append(coin)

    def _buffer(self, coin: str, state: _Coin[B, P], step: _Step[P], fetch: list[str]) -> None:
        if len(state.buffer) >= self.max_buffer:
            state.buffer.popleft()
            self._count("buffered_dropped")
        state.buffer.append(step)
        if not state.requested:
            if self._inline_snapshots:
                # l2BookDiff: the server sends the Snapshot first; a diff before it means
                # the snapshot was missed (or never comes): fetch one.
                state.reason = "diff_before_snapshot"
            state.requested = True
            fetch.append(coin)

    def _step(self, coin: str, step: _Step[P], out: list[BookEvent], fetch: list[str]) -> None:
        state = self._state(coin)
        book = state.book
        if book is None:
            self._buffer(coin, state, step, fetch)
            return
        reason: ResyncReason | None = None
        if step.seq is not None:
            if step.epoch is not None and state.epoch is not None and step.epoch != state.epoch:
                reason = "epoch_changed"
            elif state.seq is not None and step.seq <= state.seq:
                self._count("duplicates")
                return
            elif step.prev_seq != state.seq:
                reason = "gap"
        elif step.height is not None and state.height is not None and step.height == state.height:
            self._count("duplicates")
            return
        if (
            reason is None
            and step.height is not None
            and state.height is not None
            and step.height < state.height
        ):
            reason = "height_backwards"
        if reason is not None:
            self._go_stale(coin, state, reason, step, out, fetch)
            return
        if not self._apply(book, step):
            self._go_stale(coin, state, "book_inconsistent", None, out, fetch)
            return
        state.seq = step.seq if step.seq is not None else state.seq
        state.height = step.height if step.height is not None else state.height
        self._count("applied")
        out.append(BookUpdated(coin=coin, seq=state.seq, height=state.height))

    def _seed(
        self,
        coin: str,
        snapshot: S,
        *,
        epoch: str | None,
        seq: int | None,
        height: int | None,
        inline: bool,
    ) -> BookOutput:
        state = self._state(coin)
        if not inline and (not state.requested or state.book is not None):
            self._count("snapshots_ignored")
            return BookOutput()
        state.requested = False
        reason = state.reason
        state.book = self._new_book(coin, snapshot)
        state.epoch, state.seq, state.height = epoch, seq, height
        self._count("resyncs")
        buffered = list(state.buffer)
        state.buffer.clear()
        out: list[BookEvent] = []
        fetch: list[str] = []
        for step in buffered:
            if epoch is not None and step.epoch is not None and step.epoch != epoch:
                self._count("replay_dropped")  # of another epoch: see rule 3
                continue
            if step.seq is not None and seq is not None:
                if step.seq <= seq:
                    self._count("replay_dropped")
                    continue
            elif step.height is not None and height is not None and step.height <= height:
                self._count("replay_dropped")
                continue
            if state.book is None:
                state.buffer.append(step)  # a replayed diff made it stale again: keep the rest
                continue
            self._step(coin, step, out, fetch)
        if state.book is not None:
            resynced = BookResynced(
                coin=coin, reason=reason, epoch=state.epoch, seq=state.seq, height=state.height
            )
            # The replayed updates are summed up by the resync marker.
            out = [event for event in out if not isinstance(event, BookUpdated)]
            out.insert(0, resynced)
        state.reason = "initial"
        return BookOutput(events=tuple(out), fetch=tuple(fetch))


# --- L2 -------------------------------------------------------------------------------------


class _Ladder:
    """One side of an L2 diff book: levels by price and the prices in sorted order."""

    __slots__ = ("_descending", "levels", "prices")

    def __init__(self, *, descending: bool) -> None:
        self._descending = descending
        self.levels: dict[Decimal, L2Level] = {}
        self.prices: list[Decimal] = []  # ascending

    def set(self, level: L2Level) -> None:
        if level.px not in self.levels:
            insort(self.prices, level.px)
        self.levels[level.px] = level

    def remove(self, px: Decimal) -> None:
        if self.levels.pop(px, None) is not None:
            del self.prices[bisect_left(self.prices, px)]

    def best_first(self, n: int | None) -> tuple[L2Level, ...]:
        prices = reversed(self.prices) if self._descending else iter(self.prices)
        out: list[L2Level] = []
        for px in prices:
            if n is not None and len(out) >= n:
                break
            out.append(self.levels[px])
        return tuple(out)


@final
class L2DiffBook:
    """The aggregated book of one coin, maintained from ``l2BookDiff`` / ``l2BookDiff2``.

    Levels are the server's ``{px, sz, n}``; a change replaces the level at its price, a
    size of zero removes it. Applying a change is O(1) except when it creates or empties a
    level (a ``bisect`` into the sorted prices).
    """

    __slots__ = ("_asks", "_bids", "coin", "time")

    def __init__(
        self,
        coin: str,
        levels: tuple[tuple[L2Level, ...], tuple[L2Level, ...]],
        *,
        time: int | None = None,
    ) -> None:
        self.coin: str = coin
        self.time: int | None = time
        self._bids = _Ladder(descending=True)
        self._asks = _Ladder(descending=False)
        for ladder, side in ((self._bids, levels[0]), (self._asks, levels[1])):
            for level in side:
                if level.sz > 0:
                    ladder.set(level)

    def apply(self, side: Side, px: Decimal, sz: Decimal, n: int) -> None:
        """Set the level at ``px`` to ``(sz, n)``; ``sz == 0`` removes it."""
        ladder = self._bids if side == "B" else self._asks
        if sz == 0:
            ladder.remove(px)
        else:
            ladder.set(L2Level(px=px, sz=sz, n=n))

    def bids(self, n: int | None = None) -> tuple[L2Level, ...]:
        """Bid levels, best (highest) first; the best ``n`` when given."""
        return self._bids.best_first(n)

    def asks(self, n: int | None = None) -> tuple[L2Level, ...]:
        """Ask levels, best (lowest) first; the best ``n`` when given."""
        return self._asks.best_first(n)

    @property
    def best_bid(self) -> L2Level | None:
        best = self._bids.best_first(1)
        return best[0] if best else None

    @property
    def best_ask(self) -> L2Level | None:
        best = self._asks.best_first(1)
        return best[0] if best else None

    def to_l2_book(self, n_levels: int | None = None) -> L2Book:
        """The book as an :class:`~trio_hl.models.L2Book` (for :class:`trio_hl.books.L2View`)."""
        return L2Book(
            coin=self.coin,
            time=self.time or 0,
            levels=(self.bids(n_levels), self.asks(n_levels)),
        )

    def levels(self) -> dict[tuple[Side, Decimal], tuple[Decimal, int]]:
        """Every level as ``{(side, px): (sz, n)}`` (handy for comparisons)."""
        out: dict[tuple[Side, Decimal], tuple[Decimal, int]] = {}
        for side, ladder in (("B", self._bids), ("A", self._asks)):
            for px, level in ladder.levels.items():
                out[(side, px)] = (level.sz, level.n)  # type: ignore[index]
        return out

    def __len__(self) -> int:
        return len(self._bids.levels) + len(self._asks.levels)

    def __repr__(self) -> str:
        return f"<L2DiffBook {self.coin} {len(self._bids.levels)}x{len(self._asks.levels)}>"


L2Item = L2DiffSnapshot | L2DiffUpdates | L2Diff2Batch | GoldRushUnknown | StreamRestarted


@final
class L2DiffBooks(SequencedBooks[L2DiffBook, L2BookDiffSnapshot, L2CoinDiff]):
    """Exact aggregated books of every coin of an ``l2BookDiff`` or ``l2BookDiff2`` stream.

    Feed every stream item to :meth:`feed` and every ``l2BookDiffSnapshot`` reply to
    :meth:`on_snapshot`; fetch the snapshots of :attr:`BookOutput.fetch`. The rules are in
    the module docstring. :func:`trio_hl.books.open_l2_diff_books` does all of it for you.

    Args:
        inline_snapshots: the stream sends its own snapshots (``l2BookDiff``); ``False``
            (``l2BookDiff2``) bootstraps every coin from ``l2BookDiffSnapshot``. ``None``
            (default) decides from the first message.
        max_buffer: diffs buffered per coin while its snapshot is in flight.
    """

    def __init__(
        self, *, inline_snapshots: bool | None = None, max_buffer: int = DEFAULT_MAX_BUFFER
    ) -> None:
        super().__init__(max_buffer=max_buffer)
        self._decided = inline_snapshots is not None
        self._inline_snapshots = bool(inline_snapshots)

    def _decide(self, inline: bool) -> None:
        if not self._decided:
            self._decided = True
            self._inline_snapshots = inline

    def snapshot_request(self, coin: str) -> L2BookDiffSnapshotRequest:
        return L2BookDiffSnapshotRequest(coin=coin)

    def _new_book(self, coin: str, snapshot: L2BookDiffSnapshot) -> L2DiffBook:
        return L2DiffBook(coin, snapshot.levels, time=snapshot.time)

    def _inline(self, snapshot: L2DiffSnapshot) -> BookOutput:
        # An inline Snapshot seeds like a fetched one, aligned by height only.
        seed = L2BookDiffSnapshot(
            coin=snapshot.coin,
            time=snapshot.time,
            height=snapshot.block_height or 0,
            epoch=None,
            seq=0,
            levels=snapshot.levels,
        )
        return self._seed(
            snapshot.coin,
            seed,
            epoch=None,
            seq=None,
            height=snapshot.block_height,
            inline=True,
        )

    def _apply(self, book: L2DiffBook, step: _Step[L2CoinDiff]) -> bool:
        for change in step.payload.changes:
            book.apply(change.side, change.px, change.sz, change.n)
        book.time = step.time
        return True

    def feed(self, item: L2Item) -> BookOutput:
        """Feed one item of an ``l2BookDiff`` / ``l2BookDiff2`` stream.

        Raises:
            ConfigurationError: ``item`` is of another type.
        """
        out: list[BookEvent] = []
        fetch: list[str] = []
        if isinstance(item, L2DiffSnapshot):
            self._decide(True)
            return self._inline(item)
        if isinstance(item, L2DiffUpdates | L2Diff2Batch):
            epoch = item.epoch if isinstance(item, L2Diff2Batch) else None
            self._decide(isinstance(item, L2DiffUpdates))
            for diff in item.diffs:
                step = _Step(epoch, diff.seq, diff.prev_seq, item.block_height, item.time, diff)
                self._step(diff.coin, step, out, fetch)
        elif isinstance(item, StreamRestarted):
            if self._inline_snapshots:
                self._restart_all("stream_restarted", out, fetch)
        elif isinstance(item, GoldRushUnknown):
            self._count("unknown_messages")
            self._restart_all("unknown_message", out, fetch)
        else:
            raise ConfigurationError(f"not an l2BookDiff/l2BookDiff2 item: {type(item).__name__}")
        return BookOutput(events=tuple(out), fetch=tuple(fetch))

    def on_snapshot(self, snapshot: L2BookDiffSnapshot) -> BookOutput:
        """Seed a coin from its ``l2BookDiffSnapshot`` reply and replay its buffered diffs."""
        return self._seed(
            snapshot.coin,
            snapshot,
            epoch=snapshot.epoch,
            seq=None if self._inline_snapshots else snapshot.seq,
            height=snapshot.height,
            inline=False,
        )


# --- L4 -------------------------------------------------------------------------------------


L4Item = L4UpdatesBatch | GoldRushUnknown | StreamRestarted


@final
class L4SequencedBooks(SequencedBooks["L4Book", L4BookSnapshot, L4CoinDiff]):
    """Exact order-level books of every coin of an ``l4BookUpdates`` stream.

    Each coin's book is a :class:`trio_hl.books.L4Book` (queue positions, per-user size...),
    seeded from ``l4BookSnapshot`` and kept exact by the rules of the module docstring.
    :func:`trio_hl.books.open_l4_books` drives it for you.
    """

    def snapshot_request(self, coin: str) -> L4BookSnapshotRequest:
        return L4BookSnapshotRequest(coin=coin)

    def _new_book(self, coin: str, snapshot: L4BookSnapshot) -> L4Book:
        from .books import L4Book  # here: books imports this module

        book = L4Book(coin)
        book.seed(
            L4Snapshot(
                coin=coin,
                time=snapshot.time or 0,
                block_height=snapshot.height,
                levels=snapshot.levels,
            )
        )
        return book

    def _apply(self, book: L4Book, step: _Step[L4CoinDiff]) -> bool:
        current = book.block_height or 0
        height = step.height if step.height is not None else current + 1
        applied = book.apply(
            L4Updates(
                time=step.time,
                block_height=height,
                order_statuses=step.payload.order_statuses,
                book_diffs=step.payload.book_diffs,
            )
        )
        return applied and not book.needs_resync

    def feed(self, item: L4Item) -> BookOutput:
        """Feed one item of an ``l4BookUpdates`` stream.

        Raises:
            ConfigurationError: ``item`` is of another type.
        """
        out: list[BookEvent] = []
        fetch: list[str] = []
        if isinstance(item, L4UpdatesBatch):
            for diff in item.diffs:
                step = _Step(
                    item.epoch, diff.seq, diff.prev_seq, item.block_height, item.time, diff
                )
                self._step(diff.coin, step, out, fetch)
        elif isinstance(item, GoldRushUnknown):
            self._count("unknown_messages")
            self._restart_all("unknown_message", out, fetch)
        elif not isinstance(item, StreamRestarted):
            raise ConfigurationError(f"not an l4BookUpdates item: {type(item).__name__}")
        return BookOutput(events=tuple(out), fetch=tuple(fetch))

    def on_snapshot(self, snapshot: L4BookSnapshot) -> BookOutput:
        """Seed a coin from its ``l4BookSnapshot`` reply and replay its buffered diffs."""
        return self._seed(
            snapshot.coin,
            snapshot,
            epoch=snapshot.epoch,
            seq=snapshot.seq,
            height=snapshot.height,
            inline=False,
        )
