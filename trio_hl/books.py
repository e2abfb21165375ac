"""Order-book analytics and state: L2 views and stores, and an L4 (order-level) book engine.

Nothing here does I/O or imports trio: feed these objects the messages a subscription yields
(including the :class:`~trio_hl.models.subscriptions.StreamRestarted` marker) and query them.

**L2** (``l2Book``): every message is a complete book, so no state is needed to read one.
:class:`L2View` computes top of book, spread, mids and a fill/slippage estimate from one
book; :class:`L2BookStore` keeps the latest book per coin, for a wildcard stream that
multiplexes every coin.

**L4** (GoldRush ``l4Book``): :class:`L4Book` seeds from a snapshot and applies per-block
updates, keeping every resting order in queue order. Its rules, each one tested:

1. Before the first snapshot (and after :meth:`L4Book.reset`), updates are ignored and
   counted: without a snapshot there is nothing to apply them to.
2. An update whose ``block_height`` is not above the book's height (the snapshot's, then the
   last applied update's) is ignored and counted. GoldRush's own example shows an update
   older than the snapshot; those are already contained in it.
3. ``book_diffs`` are authoritative for the book's contents; ``order_statuses`` only supply
   metadata (side, tif, cloid, ...) for ``new`` diffs of the same block. The ``user`` is
   re-attached from the diff (the nested order's ``user`` is ``null`` on the wire).
4. A ``new`` without a matching status still has a user, price and size but no side. The side
   is inferred: an oid already in the book keeps its side; otherwise the non-crossing
   invariant decides (a price already occupied belongs to that side; a price at or below the
   best bid can only rest as a bid, at or above the best ask only as an ask). The order gets
   placeholder metadata (``order_type`` ``"Unknown"``, ``tif`` ``None``, the block time as
   ``timestamp``) and is counted in ``new_without_status``. A price strictly inside the
   spread (or an empty book) leaves the side unknown: the diff is skipped, counted in
   ``new_side_unknown``, and the book is marked as needing a resync. A ``new`` for an oid
   already in the book replaces it (counted in ``duplicate_new``).
5. An ``update`` or ``remove`` for an oid the book does not hold is ignored and counted
   (``unknown_oid_updates`` / ``unknown_oid_removes``). A missed ``update`` means a missing
   order, so it marks the book as needing a resync; a missed ``remove`` does not (the order
   is gone either way).
6. Queue priority is price then time: snapshot order first, then arrival order of ``new``
   diffs. A size *decrease* (a partial fill) keeps the order's place. A size *increase* or a
   price change sends the order to the back of its (new) level: the usual price-time rule;
   this is an assumption, as neither GoldRush nor the upstream server documents it. An
   update to a size of zero removes the order.
7. An unknown ``raw_book_diff`` shape is skipped, counted, and marks the book as needing a
   resync (resubscribe to get a fresh snapshot: the documented remedy).

Costs (see ``benchmarks/bench_books.py``): applying a diff is O(1) except when it creates or
empties a price level, which is a ``bisect`` into the sorted price list (O(levels) memmove);
best bid/ask is O(1); ``to_l2(n)`` is O(n); queue position is O(orders ahead).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from decimal import Context, Decimal, localcontext
from typing import TYPE_CHECKING, Any, Final, Literal, final

import attrs

from ._numbers import to_decimal
from .errors import ConfigurationError
from .models.l4 import L4New, L4Order, L4Remove, L4Snapshot, L4Update, L4Updates
from .models.market import L2Book, L2Level
from .models.subscriptions import StreamRestarted

if TYPE_CHECKING:
    from collections.abc import Iterator

    # The Trio drivers load on first use (below): this module imports no trio.
    from ._book_driver import BookFeed as BookFeed
    from ._book_driver import open_l2_diff_books as open_l2_diff_books
    from ._book_driver import open_l4_books as open_l4_books
    from ._numbers import NumberLike
    from .models._common import Side
    from .models.l4 import L4BookDiff, L4OrderStatus

__all__ = [
    "UNKNOWN_ORDER_TYPE",
    "BookEvent",
    "BookFeed",
    "BookOutput",
    "BookResynced",
    "BookStale",
    "BookUpdated",
    "FillEstimate",
    "L2BookStore",
    "L2DiffBook",
    "L2DiffBooks",
    "L2View",
    "L4Book",
    "L4BookStatistics",
    "L4SequencedBooks",
    "ResyncReason",
    "SequencedBooksStatistics",
    "open_l2_diff_books",
    "open_l4_books",
]

# Every analytic runs in this context rather than the caller's (which may have been set to a
# low precision): sums and products of realistic prices and sizes stay exact, and divisions
# keep 34 significant digits (IEEE decimal128).
_CTX: Final = Context(prec=34)
_ZERO: Final = Decimal(0)
_TWO: Final = Decimal(2)
_BPS: Final = Decimal(10_000)

UNKNOWN_ORDER_TYPE: Final = "Unknown"
"""``order_type`` of an order placed from a ``new`` diff that had no order status."""


# --- L2 analytics --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class FillEstimate:
    """What a market order of a given size would get by walking the book.

    Attributes:
        side: ``"buy"`` walks the asks, ``"sell"`` walks the bids.
        requested_size: the size asked for.
        filled_size: the size the book could fill: less than requested when the book is too
            thin (then ``complete`` is false).
        complete: whether the whole requested size could be filled.
        notional: sum of price times size over the fill.
        average_px: size-weighted average fill price; ``None`` when nothing could fill.
        worst_px: the price of the last (worst) level touched; ``None`` when nothing filled.
        levels_used: how many levels the fill touched.
        mid: the book's mid before the fill; ``None`` when a side is empty.
        slippage_bps: how much worse than ``mid`` the average price is, in basis points;
            positive is a cost for either side. ``None`` when there is no mid or no fill.
        impact_bps: the same against the best price of the side walked (the recipe's
            "difference vs top of book"); ``None`` when nothing filled.
    """

    side: Literal["buy", "sell"]
    requested_size: Decimal
    filled_size: Decimal
    complete: bool
    notional: Decimal
    average_px: Decimal | None
    worst_px: Decimal | None
    levels_used: int
    mid: Decimal | None
    slippage_bps: Decimal | None
    impact_bps: Decimal | None

    @property
    def unfilled_size(self) -> Decimal:
        """The part of the requested size the book could not fill."""
        return _CTX.subtract(self.requested_size, self.filled_size)


def _is_coin(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _is_int(value: object) -> bool:
    # bool is an int subclass, and True as "1 level" is a bug at the call site.
    return isinstance(value, int) and not isinstance(value, bool)


def _vwap(levels: tuple[L2Level, ...]) -> Decimal | None:
    num = _ZERO
    den = _ZERO
    for level in levels:
        num += level.px * level.sz
        den += level.sz
    return num / den if den > 0 else None


def _bps(worse_by: Decimal, reference: Decimal) -> Decimal | None:
    return worse_by / reference * _BPS if reference != 0 else None


@attrs.frozen(kw_only=True)
class L2View:
    """Analytics over one aggregated book, sides given best first (as ``l2Book`` sends them).

    Build one with :meth:`of` from an :class:`~trio_hl.models.market.L2Book`, or from
    :meth:`L4Book.l2_view`. The levels are trusted to be sorted best first and not to
    contain duplicate prices, which the server guarantees. All results are ``Decimal``,
    computed exactly for sums and products and to 34 significant digits for divisions,
    whatever the caller's decimal context.
    """

    bids: tuple[L2Level, ...]
    asks: tuple[L2Level, ...]

    @classmethod
    def of(cls, book: L2Book) -> L2View:
        """A view of an ``l2Book`` message.

        Args:
            book: the book.

        Returns:
            The view (it shares the book's level tuples; nothing is copied).
        """
        return cls(bids=book.levels[0], asks=book.levels[1])

    @property
    def best_bid(self) -> L2Level | None:
        """The highest bid level, or ``None`` when there are no bids."""
        return self.bids[0] if self.bids else None

    @property
    def best_ask(self) -> L2Level | None:
        """The lowest ask level, or ``None`` when there are no asks."""
        return self.asks[0] if self.asks else None

    @property
    def spread(self) -> Decimal | None:
        """Best ask minus best bid, or ``None`` when a side is empty."""
        if not self.bids or not self.asks:
            return None
        return _CTX.subtract(self.asks[0].px, self.bids[0].px)

    @property
    def mid(self) -> Decimal | None:
        """The midpoint of the best bid and ask, or ``None`` when a side is empty."""
        if not self.bids or not self.asks:
            return None
        return _CTX.divide(_CTX.add(self.asks[0].px, self.bids[0].px), _TWO)

    @property
    def spread_bps(self) -> Decimal | None:
        """The spread in basis points of the mid, or ``None`` when a side is empty."""
        spread, mid = self.spread, self.mid
        if spread is None or mid is None:
            return None
        with localcontext(_CTX):
            return _bps(spread, mid)

    def depth_weighted_mid(self, k: int = 5) -> Decimal | None:
        """The average of the size-weighted prices of the first ``k`` levels of each side.

        This is the GoldRush recipe's fair-value mid: less sensitive than the plain mid to a
        thin top of book.

        Args:
            k: how many levels of each side to use (fewer when a side is shorter).

        Returns:
            ``(vwap(bids[:k]) + vwap(asks[:k])) / 2``, or ``None`` when a side is empty
            (or holds no size).

        Raises:
            ConfigurationError: ``k`` is not a positive integer.
        """
        if not _is_int(k) or k < 1:
            raise ConfigurationError(f"k must be a positive integer, got {k!r}")
        with localcontext(_CTX):
            bid = _vwap(self.bids[:k])
            ask = _vwap(self.asks[:k])
            if bid is None or ask is None:
                return None
            return (bid + ask) / _TWO

    def estimate_fill(self, side: Literal["buy", "sell"], size: NumberLike) -> FillEstimate:
        """Estimate a market order of ``size`` by walking the opposite side of the book.

        A book too thin for the size is a normal answer, not an error: the estimate then has
        ``complete=False`` and ``filled_size < size``. Only the levels in this view count, so
        a 20-level ``l2Book`` cannot see deeper liquidity.

        Args:
            side: ``"buy"`` (walks the asks) or ``"sell"`` (walks the bids).
            size: a positive size: a ``Decimal``, an ``int`` or a decimal string.

        Returns:
            The :class:`FillEstimate`.

        Raises:
            ConfigurationError: ``side`` is neither ``"buy"`` nor ``"sell"``, or ``size`` is
                not positive (or not a decimal number).
            NumberTypeError: ``size`` is a float.
        """
        if side == "buy":
            levels = self.asks
        elif side == "sell":
            levels = self.bids
        else:
            raise ConfigurationError(f"side must be 'buy' or 'sell', got {side!r}")
        wanted = to_decimal(size, what="size")
        if wanted <= 0:
            raise ConfigurationError(f"size must be positive, got {size!r}")
        with localcontext(_CTX):
            remaining = wanted
            notional = _ZERO
            worst: Decimal | None = None
            used = 0
            for level in levels:
                if remaining <= 0:
                    break
                if level.sz <= 0:
                    continue
                take = level.sz if level.sz < remaining else remaining
                notional += take * level.px
                remaining -= take
                worst = level.px
                used += 1
            filled = wanted - remaining
            mid = self.mid
            average: Decimal | None = None
            slippage: Decimal | None = None
            impact: Decimal | None = None
            if filled > 0:
                average = notional / filled
                touch = levels[0].px
                # Positive = worse for the taker: a buy pays above, a sell receives below.
                sign = 1 if side == "buy" else -1
                impact = _bps(sign * (average - touch), touch)
                if mid is not None:
                    slippage = _bps(sign * (average - mid), mid)
        return FillEstimate(
            side=side,
            requested_size=wanted,
            filled_size=filled,
            complete=remaining <= 0,
            notional=notional,
            average_px=average,
            worst_px=worst,
            levels_used=used,
            mid=mid,
            slippage_bps=slippage,
            impact_bps=impact,
        )


@final
class L2BookStore:
    """The latest ``l2Book`` of every coin seen, for one (typically wildcard) subscription.

    Feed it every item of the stream, the restart marker included::

        store = L2BookStore()
        async with client.subscribe(L2BookSubscription()) as books:  # every coin
            async for item in books:
                store.update(item)

    A book older (by ``time``) than the one stored for its coin is ignored, so feeding two
    overlapping streams cannot move a coin back in time. After a reconnect
    (:class:`~trio_hl.models.subscriptions.StreamRestarted`) the store is emptied: books of
    coins that stopped trading while disconnected would otherwise look current forever.
    """

    __slots__ = ("_books",)

    def __init__(self) -> None:
        self._books: dict[str, L2Book] = {}

    def update(self, item: L2Book | StreamRestarted) -> bool:
        """Store a book, or clear the store on a stream restart.

        Args:
            item: an item of an ``l2Book`` stream.

        Returns:
            ``True`` when the store changed (book stored, or cleared on a restart); ``False``
            when the book was older than the one already stored for its coin.

        Raises:
            ConfigurationError: ``item`` is neither an ``L2Book`` nor a ``StreamRestarted``.
        """
        if isinstance(item, L2Book):
            current = self._books.get(item.coin)
            if current is not None and item.time < current.time:
                return False
            self._books[item.coin] = item
            return True
        if isinstance(item, StreamRestarted):
            self._books.clear()
            return True
        raise ConfigurationError(
            f"expected an L2Book or StreamRestarted, got {type(item).__name__}"
        )

    def get(self, coin: str) -> L2Book | None:
        """The latest book of ``coin``, or ``None`` if none was seen since the last clear."""
        return self._books.get(coin)

    def view(self, coin: str) -> L2View | None:
        """An :class:`L2View` of the latest book of ``coin``, or ``None``."""
        book = self._books.get(coin)
        return None if book is None else L2View.of(book)

    def coins(self) -> tuple[str, ...]:
        """The coins with a stored book, sorted."""
        return tuple(sorted(self._books))

    def clear(self) -> None:
        """Forget every book."""
        self._books.clear()

    def __len__(self) -> int:
        return len(self._books)

    def __contains__(self, coin: object) -> bool:
        return coin in self._books


# --- L4 engine -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class L4BookStatistics:
    """Counters of an :class:`L4Book` since it was created (they survive resets).

    Attributes:
        snapshots: snapshots seeded.
        resets: calls to ``reset`` (including restart markers).
        updates_applied: ``Updates`` applied.
        updates_stale: ``Updates`` ignored because their block was not newer than the book.
        updates_before_snapshot: ``Updates`` ignored because no snapshot was seeded yet.
        diffs_applied: book diffs applied (a ``new`` placed with an inferred side included).
        new_without_status: ``new`` diffs with no order status in their block; placed with an
            inferred side and placeholder metadata.
        new_side_unknown: of those, the ones whose side could not be inferred (skipped).
        duplicate_new: ``new`` diffs for an oid already in the book (the old entry is
            replaced, and the order goes to the back of its level).
        unknown_oid_updates: ``update`` diffs for an oid not in the book (skipped).
        unknown_oid_removes: ``remove`` diffs for an oid not in the book (skipped).
        size_mismatches: ``update`` diffs whose ``origSz`` differed from the tracked size
            (the absolute ``newSz`` is applied anyway).
        foreign_coin: diffs for a different coin than the book's (skipped).
        unknown_diffs: diffs of an unknown shape (skipped).
        invalid_sizes: ``new`` diffs with a size that is not positive (skipped).
    """

    snapshots: int = 0
    resets: int = 0
    updates_applied: int = 0
    updates_stale: int = 0
    updates_before_snapshot: int = 0
    diffs_applied: int = 0
    new_without_status: int = 0
    new_side_unknown: int = 0
    duplicate_new: int = 0
    unknown_oid_updates: int = 0
    unknown_oid_removes: int = 0
    size_mismatches: int = 0
    foreign_coin: int = 0
    unknown_diffs: int = 0
    invalid_sizes: int = 0

    @property
    def anomalies(self) -> int:
        """Every diff that was not applied as sent, or applied by inference."""
        return (
            self.new_without_status
            + self.duplicate_new
            + self.unknown_oid_updates
            + self.unknown_oid_removes
            + self.size_mismatches
            + self.foreign_coin
            + self.unknown_diffs
            + self.invalid_sizes
        )


_COUNTER_NAMES: Final = tuple(f.name for f in attrs.fields(L4BookStatistics))


class _Entry:
    """One resting order. Mutable and private: queries hand out frozen ``L4Order`` copies."""

    __slots__ = ("oid", "order", "px", "side", "sz", "timestamp", "user")

    def __init__(
        self,
        *,
        oid: int,
        side: Side,
        px: Decimal,
        sz: Decimal,
        user: str | None,
        order: L4Order | None,
        timestamp: int,
    ) -> None:
        self.oid = oid
        self.side: Side = side
        self.px = px
        self.sz = sz
        self.user = user
        # The order's metadata as last materialised; its sz/user/px may be stale (the
        # entry's own fields are current). ``None`` for orders placed without a status.
        self.order = order
        self.timestamp = timestamp


class _Level:
    __slots__ = ("orders", "px", "total")

    def __init__(self, px: Decimal) -> None:
        self.px = px
        # Insertion order is queue order: dicts keep it, and delete in O(1).
        self.orders: dict[int, _Entry] = {}
        self.total = _ZERO


class _Side:
    __slots__ = ("is_bid", "levels", "prices")

    def __init__(self, *, is_bid: bool) -> None:
        self.is_bid = is_bid
        self.levels: dict[Decimal, _Level] = {}
        # Ascending on both sides; the best bid is the last, the best ask the first.
        # Decimal("79242") and Decimal("79242.0") are equal and hash alike, so one level.
        self.prices: list[Decimal] = []

    def best(self) -> _Level | None:
        if not self.prices:
            return None
        return self.levels[self.prices[-1] if self.is_bid else self.prices[0]]

    def best_first(self) -> Iterator[_Level]:
        prices = reversed(self.prices) if self.is_bid else iter(self.prices)
        levels = self.levels
        return (levels[px] for px in prices)

    def attach(self, entry: _Entry) -> None:
        level = self.levels.get(entry.px)
        if level is None:
            level = self.levels[entry.px] = _Level(entry.px)
            insort(self.prices, entry.px)
        level.orders[entry.oid] = entry
        level.total = _CTX.add(level.total, entry.sz)

    def detach(self, entry: _Entry) -> None:
        level = self.levels[entry.px]
        del level.orders[entry.oid]
        if level.orders:
            level.total = _CTX.subtract(level.total, entry.sz)
        else:
            del self.levels[entry.px]
            del self.prices[bisect_left(self.prices, entry.px)]

    def clear(self) -> None:
        self.levels.clear()
        self.prices.clear()


def _check_side(side: object) -> Side:
    if side == "B":
        return "B"
    if side == "A":
        return "A"
    raise ConfigurationError(f"side must be 'B' (bids) or 'A' (asks), got {side!r}")


@final
class L4Book:
    """The order-level book of one coin, maintained from an ``l4Book`` stream.

    Feed it every item of the stream with :meth:`update` (or call :meth:`seed`,
    :meth:`apply` and :meth:`reset` yourself)::

        book = L4Book("BTC")
        async with client.subscribe(L4BookSubscription(coin="BTC")) as items:
            async for item in items:  # Snapshot, Updates..., StreamRestarted, Snapshot, ...
                book.update(item)
                if book.needs_resync:
                    ...  # resubscribe to get a fresh snapshot

    The module docstring lists the rules for stale blocks, unknown oids and queue priority.
    Not thread-safe; no I/O.

    Args:
        coin: the book's coin. ``None`` (the default) takes it from the first snapshot.

    Raises:
        ConfigurationError: ``coin`` is not a non-empty string or ``None``.
    """

    __slots__ = (
        "_asks",
        "_bids",
        "_coin",
        "_counters",
        "_height",
        "_needs_resync",
        "_orders",
        "_time",
        "_user_sz",
    )

    def __init__(self, coin: str | None = None) -> None:
        if coin is not None and not _is_coin(coin):
            raise ConfigurationError(f"coin must be a non-empty string or None, got {coin!r}")
        self._coin = coin
        self._bids = _Side(is_bid=True)
        self._asks = _Side(is_bid=False)
        self._orders: dict[int, _Entry] = {}
        self._user_sz: dict[str, Decimal] = {}
        self._height: int | None = None
        self._time: int | None = None
        self._needs_resync = False
        self._counters: dict[str, int] = dict.fromkeys(_COUNTER_NAMES, 0)

    # -- state ----------------------------------------------------------------------------

    @property
    def coin(self) -> str | None:
        """The book's coin (``None`` until the first snapshot when none was given)."""
        return self._coin

    @property
    def is_ready(self) -> bool:
        """Whether a snapshot has been seeded since creation or the last reset."""
        return self._height is not None

    @property
    def block_height(self) -> int | None:
        """Height of the last snapshot or applied update; ``None`` before a snapshot."""
        return self._height

    @property
    def time(self) -> int | None:
        """Block time (ms) of the last snapshot or applied update; ``None`` before one."""
        return self._time

    @property
    def needs_resync(self) -> bool:
        """Whether the book may have diverged from the server's since the last snapshot.

        Set by an unknown diff shape, an ``update`` for an unknown oid, or a ``new`` whose
        side could not be inferred. Resubscribe to receive a fresh snapshot; seeding it
        clears the flag.
        """
        return self._needs_resync

    def statistics(self) -> L4BookStatistics:
        """A frozen copy of the counters (see :class:`L4BookStatistics`)."""
        return L4BookStatistics(**self._counters)

    def __len__(self) -> int:
        return len(self._orders)

    def __contains__(self, oid: object) -> bool:
        return oid in self._orders

    # -- feeding --------------------------------------------------------------------------

    def update(self, item: L4Snapshot | L4Updates | StreamRestarted) -> bool:
        """Feed one item of an ``l4Book`` stream.

        Args:
            item: a snapshot (seeds), an updates message (applies) or a restart marker
                (resets and waits for the next snapshot).

        Returns:
            Whether the book changed state: ``False`` only for an ignored ``Updates``.

        Raises:
            ConfigurationError: ``item`` is of another type, or is a snapshot of another
                coin.
        """
        if isinstance(item, L4Updates):
            return self.apply(item)
        if isinstance(item, L4Snapshot):
            self.seed(item)
            return True
        if isinstance(item, StreamRestarted):
            self.reset()
            return True
        raise ConfigurationError(
            f"expected L4Snapshot, L4Updates or StreamRestarted, got {type(item).__name__}"
        )

    def reset(self) -> None:
        """Drop every order and wait for the next snapshot (call on a stream restart)."""
        self._clear()
        self._height = None
        self._time = None
        self._counters["resets"] += 1

    def seed(self, snapshot: L4Snapshot) -> None:
        """Replace the whole book with a snapshot.

        A snapshot is authoritative whenever it arrives, even without a reset before it.
        Orders are queued in the order listed; an order with a non-positive size is left
        out (``l2Book`` does not count it either).

        Args:
            snapshot: the snapshot.

        Raises:
            ConfigurationError: the snapshot is for another coin than the book's.
        """
        if self._coin is None:
            self._coin = snapshot.coin
        elif snapshot.coin != self._coin:
            raise ConfigurationError(
                f"snapshot of {snapshot.coin!r} fed to the book of {self._coin!r}"
            )
        self._clear()
        for index, orders in enumerate(snapshot.levels):
            # The list an order arrives in decides its side: that is what l2Book
            # aggregates, whatever an order's own ``side`` field says.
            side: Side = "B" if index == 0 else "A"
            for order in orders:
                if order.sz <= 0:
                    continue
                entry = _Entry(
                    oid=order.oid,
                    side=side,
                    px=order.limit_px,
                    sz=order.sz,
                    user=order.user,
                    order=order,
                    timestamp=order.timestamp,
                )
                previous = self._orders.get(order.oid)
                if previous is not None:
                    self._counters["duplicate_new"] += 1
                    self._discard(previous)
                self._insert(entry)
        self._height = snapshot.block_height
        self._time = snapshot.time
        self._needs_resync = False
        self._counters["snapshots"] += 1

    def apply(self, updates: L4Updates) -> bool:
        """Apply one block of changes.

        Args:
            updates: the block's ``Updates``.

        Returns:
            ``True`` when applied; ``False`` when ignored, because no snapshot was seeded
            yet or the block is not newer than the book (both counted in
            :meth:`statistics`). Individual diffs that cannot be applied are skipped and
            counted; they never fail the block.
        """
        counters = self._counters
        if self._height is None:
            counters["updates_before_snapshot"] += 1
            return False
        if updates.block_height <= self._height:
            counters["updates_stale"] += 1
            return False
        statuses: dict[int, L4OrderStatus] | None = None
        coin = self._coin
        for diff in updates.book_diffs:
            if diff.coin != coin:
                counters["foreign_coin"] += 1
                continue
            change = diff.diff
            if isinstance(change, L4Update):
                self._apply_update(diff, change)
            elif isinstance(change, L4Remove):
                entry = self._orders.get(diff.oid)
                if entry is None:
                    counters["unknown_oid_removes"] += 1
                else:
                    self._discard(entry)
                    counters["diffs_applied"] += 1
            elif isinstance(change, L4New):
                if statuses is None:
                    # Built once per block, and only for blocks that add orders. The first
                    # status of an oid wins; its size is ignored anyway (the diff's counts).
                    statuses = {}
                    for status in updates.order_statuses:
                        statuses.setdefault(status.order.oid, status)
                self._apply_new(diff, change.sz, statuses.get(diff.oid), updates.time)
            else:
                counters["unknown_diffs"] += 1
                self._needs_resync = True
        self._height = updates.block_height
        self._time = updates.time
        counters["updates_applied"] += 1
        return True

    def _apply_new(
        self, diff: L4BookDiff, sz: Decimal, status: L4OrderStatus | None, time: int
    ) -> None:
        counters = self._counters
        if sz <= 0:
            counters["invalid_sizes"] += 1
            return
        previous = self._orders.get(diff.oid)
        order: L4Order | None = None
        side: Side | None
        if status is not None:
            order = status.order
            side = order.side
            timestamp = order.timestamp
        else:
            counters["new_without_status"] += 1
            # A re-added oid most likely keeps its side; otherwise infer it (rule 4).
            side = previous.side if previous is not None else self._infer_side(diff.px)
            timestamp = time
        if side is None:
            counters["new_side_unknown"] += 1
            self._needs_resync = True
            return
        if previous is not None:
            counters["duplicate_new"] += 1
            self._discard(previous)
        self._insert(
            _Entry(
                oid=diff.oid,
                side=side,
                px=diff.px,
                sz=sz,
                user=diff.user,
                order=order,
                timestamp=timestamp,
            )
        )
        counters["diffs_applied"] += 1

    def _apply_update(self, diff: L4BookDiff, change: L4Update) -> None:
        counters = self._counters
        entry = self._orders.get(diff.oid)
        if entry is None:
            counters["unknown_oid_updates"] += 1
            self._needs_resync = True
            return
        if change.orig_sz != entry.sz:
            counters["size_mismatches"] += 1
        new_sz = change.new_sz
        counters["diffs_applied"] += 1
        if new_sz <= 0:
            self._discard(entry)
        elif new_sz > entry.sz or diff.px != entry.px:
            # Loses time priority: back of the (possibly new) level.
            self._discard(entry)
            entry.sz = new_sz
            entry.px = diff.px
            self._insert(entry)
        else:
            # A decrease keeps the queue place: only the totals move.
            delta = _CTX.subtract(entry.sz, new_sz)
            side = self._bids if entry.side == "B" else self._asks
            level = side.levels[entry.px]
            level.total = _CTX.subtract(level.total, delta)
            entry.sz = new_sz
            if entry.user is not None:
                self._add_user(entry.user, -delta)

    def _infer_side(self, px: Decimal) -> Side | None:
        in_bids = px in self._bids.levels
        in_asks = px in self._asks.levels
        if in_bids != in_asks:
            return "B" if in_bids else "A"
        best_bid = self._bids.best()
        if best_bid is not None and px <= best_bid.px:
            return "B"  # an ask here would have crossed the best bid, not rested
        best_ask = self._asks.best()
        if best_ask is not None and px >= best_ask.px:
            return "A"
        return None

    def _insert(self, entry: _Entry) -> None:
        self._orders[entry.oid] = entry
        (self._bids if entry.side == "B" else self._asks).attach(entry)
        if entry.user is not None:
            self._add_user(entry.user, entry.sz)

    def _discard(self, entry: _Entry) -> None:
        del self._orders[entry.oid]
        (self._bids if entry.side == "B" else self._asks).detach(entry)
        if entry.user is not None:
            self._add_user(entry.user, -entry.sz)

    def _add_user(self, user: str, delta: Decimal) -> None:
        key = user.lower()
        total = _CTX.add(self._user_sz.get(key, _ZERO), delta)
        if total:
            self._user_sz[key] = total
        else:
            self._user_sz.pop(key, None)

    def _clear(self) -> None:
        self._orders.clear()
        self._bids.clear()
        self._asks.clear()
        self._user_sz.clear()

    # -- queries --------------------------------------------------------------------------

    def _materialise(self, entry: _Entry) -> L4Order:
        order = entry.order
        if order is None:
            order = L4Order(
                user=entry.user,
                coin=self._coin or "",
                side=entry.side,
                limit_px=entry.px,
                sz=entry.sz,
                oid=entry.oid,
                timestamp=entry.timestamp,
                trigger_condition="N/A",
                is_trigger=False,
                trigger_px=_ZERO,
                is_position_tpsl=False,
                reduce_only=False,
                order_type=UNKNOWN_ORDER_TYPE,
                tif=None,
                cloid=None,
            )
        elif (
            order.sz != entry.sz
            or order.user != entry.user
            or order.limit_px != entry.px
            or order.side != entry.side
        ):
            order = attrs.evolve(
                order, sz=entry.sz, user=entry.user, limit_px=entry.px, side=entry.side
            )
        else:
            return order
        entry.order = order  # cached until the entry changes again
        return order

    def order(self, oid: int) -> L4Order | None:
        """The resting order ``oid`` with its current size and user, or ``None``."""
        entry = self._orders.get(oid)
        return None if entry is None else self._materialise(entry)

    def orders_at(self, side: Side, px: NumberLike) -> tuple[L4Order, ...]:
        """The orders resting at one price, in queue order (first to fill first).

        Args:
            side: ``"B"`` for bids, ``"A"`` for asks.
            px: the price (``Decimal``, ``int`` or decimal string).

        Returns:
            The orders with their current sizes and users; empty when the level is empty.

        Raises:
            ConfigurationError: ``side`` is not ``"B"`` or ``"A"``, or ``px`` is not a
                decimal number.
            NumberTypeError: ``px`` is a float.
        """
        book_side = self._bids if _check_side(side) == "B" else self._asks
        level = book_side.levels.get(to_decimal(px, what="px"))
        if level is None:
            return ()
        return tuple(self._materialise(entry) for entry in level.orders.values())

    def queue_position(self, oid: int) -> int | None:
        """How many orders are ahead of ``oid`` at its price and side (0 = first in line).

        Args:
            oid: the order id.

        Returns:
            The 0-based position, or ``None`` when the order is not in the book.
        """
        ahead = self._ahead(oid)
        return None if ahead is None else ahead[0]

    def size_ahead(self, oid: int) -> Decimal | None:
        """The total size resting ahead of ``oid`` at its price and side.

        Args:
            oid: the order id.

        Returns:
            The size that must trade before ``oid`` starts filling, or ``None`` when the
            order is not in the book.
        """
        ahead = self._ahead(oid)
        return None if ahead is None else ahead[1]

    def _ahead(self, oid: int) -> tuple[int, Decimal] | None:
        entry = self._orders.get(oid)
        if entry is None:
            return None
        level = (self._bids if entry.side == "B" else self._asks).levels[entry.px]
        count = 0
        size = _ZERO
        for other in level.orders:
            if other == oid:
                break
            count += 1
            size = _CTX.add(size, level.orders[other].sz)
        return count, size

    def resting_size_by_user(self, user: str) -> Decimal:
        """The total size ``user`` has resting in this book, both sides together.

        Args:
            user: the address (any case).

        Returns:
            The size; ``Decimal(0)`` for a user with nothing resting.
        """
        return self._user_sz.get(user.lower(), _ZERO)

    def best_bid(self) -> L2Level | None:
        """The best bid level aggregated (``n`` = order count), or ``None``."""
        level = self._bids.best()
        return None if level is None else L2Level(px=level.px, sz=level.total, n=len(level.orders))

    def best_ask(self) -> L2Level | None:
        """The best ask level aggregated (``n`` = order count), or ``None``."""
        level = self._asks.best()
        return None if level is None else L2Level(px=level.px, sz=level.total, n=len(level.orders))

    def to_l2(self, n_levels: int | None = None) -> tuple[tuple[L2Level, ...], tuple[L2Level, ...]]:
        """Aggregate into ``l2Book``-style levels: the same state gives the same levels.

        Args:
            n_levels: keep at most this many levels a side (``l2Book`` sends 20); ``None``
                keeps every level.

        Returns:
            ``(bids, asks)``, each best first, with ``sz`` the level's total size and ``n``
            its order count. Compare with ``L2Book.levels`` of a full-precision
            (``n_sig_figs=None``) ``l2Book`` of the same block.

        Raises:
            ConfigurationError: ``n_levels`` is negative or not an integer.
        """
        if n_levels is not None and (not _is_int(n_levels) or n_levels < 0):
            raise ConfigurationError(f"n_levels must be a non-negative int or None: {n_levels!r}")
        return (self._side_l2(self._bids, n_levels), self._side_l2(self._asks, n_levels))

    @staticmethod
    def _side_l2(side: _Side, n_levels: int | None) -> tuple[L2Level, ...]:
        out: list[L2Level] = []
        for level in side.best_first():
            if n_levels is not None and len(out) >= n_levels:
                break
            out.append(L2Level(px=level.px, sz=level.total, n=len(level.orders)))
        return tuple(out)

    def l2_view(self, n_levels: int | None = None) -> L2View:
        """The L2 analytics (:class:`L2View`) of this book.

        Args:
            n_levels: as for :meth:`to_l2`.

        Returns:
            A view of the aggregated book as it is now (later changes do not affect it).

        Raises:
            ConfigurationError: as for :meth:`to_l2`.
        """
        bids, asks = self.to_l2(n_levels)
        return L2View(bids=bids, asks=asks)


# Self-healing books of GoldRush's diff streams (sans-IO; see that module's rules). Imported
# last: the L4 engine builds the L4Book defined above.
from ._sequenced_books import BookEvent as BookEvent  # noqa: E402
from ._sequenced_books import BookOutput as BookOutput  # noqa: E402
from ._sequenced_books import BookResynced as BookResynced  # noqa: E402
from ._sequenced_books import BookStale as BookStale  # noqa: E402
from ._sequenced_books import BookUpdated as BookUpdated  # noqa: E402
from ._sequenced_books import L2DiffBook as L2DiffBook  # noqa: E402
from ._sequenced_books import L2DiffBooks as L2DiffBooks  # noqa: E402
from ._sequenced_books import L4SequencedBooks as L4SequencedBooks  # noqa: E402
from ._sequenced_books import ResyncReason as ResyncReason  # noqa: E402
from ._sequenced_books import SequencedBooksStatistics as SequencedBooksStatistics  # noqa: E402

_DRIVERS: Final = frozenset({"BookFeed", "open_l2_diff_books", "open_l4_books"})


def __getattr__(name: str) -> Any:
    # The self-healing books' Trio drivers, imported on first use so that importing
    # trio_hl.books (analytics, sans-IO engines) never imports trio.
    if name in _DRIVERS:
        from . import _book_driver

        return getattr(_book_driver, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
