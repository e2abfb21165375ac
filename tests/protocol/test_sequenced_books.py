"""Self-healing books (sans-IO): the rules one by one, then the convergence property."""

from __future__ import annotations

import json
import random
from collections import deque
from decimal import Decimal
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.protocol.test_l4_models import SNAPSHOT_FRAME, UPDATES_FRAME
from trio_hl.books import (
    BookResynced,
    BookStale,
    BookUpdated,
    L2DiffBooks,
    L4SequencedBooks,
)
from trio_hl.errors import ConfigurationError
from trio_hl.models.goldrush import (
    GoldRushUnknown,
    L2BookDiffSnapshot,
    L2CoinDiff,
    L2Diff2Batch,
    L2DiffSnapshot,
    L2DiffUpdates,
    L2LevelChange,
    L4BookSnapshot,
    L4UpdatesBatch,
    decode_l4_book_updates,
)
from trio_hl.models.l4 import L4Snapshot, decode_l4_book
from trio_hl.models.market import L2Level
from trio_hl.models.subscriptions import StreamRestarted
from trio_hl.testing._goldrush_frames import l4_updates_data

D = Decimal


def lvl(px: str, sz: str, n: int = 1) -> L2Level:
    return L2Level(px=D(px), sz=D(sz), n=n)


def change(side: str, px: str, sz: str, n: int = 1) -> L2LevelChange:
    return L2LevelChange(side=side, px=D(px), sz=D(sz), n=n)  # type: ignore[arg-type]


def snap(
    coin: str = "BTC", *, seq: int = 10, height: int = 100, epoch: str = "E"
) -> L2BookDiffSnapshot:
    return L2BookDiffSnapshot(
        coin=coin,
        time=1,
        height=height,
        epoch=epoch,
        seq=seq,
        levels=((lvl("99", "1"), lvl("98", "2")), (lvl("101", "1"),)),
    )


def batch(
    *diffs: tuple[str, int, int, list[L2LevelChange]], height: int = 101, epoch: str = "E"
) -> L2Diff2Batch:
    return L2Diff2Batch(
        time=height,
        block_height=height,
        epoch=epoch,
        cursor=None,
        diffs=tuple(
            L2CoinDiff(coin=c, changes=tuple(ch), seq=s, prev_seq=p) for c, s, p, ch in diffs
        ),
    )


def ready(books: L2DiffBooks, coin: str = "BTC") -> None:
    out = books.feed(batch((coin, 11, 10, [change("B", "99", "5")]), height=101))
    assert out.fetch == (coin,)
    assert books.get(coin) is None  # rule 1: no book while waiting
    out = books.on_snapshot(snap(coin))
    assert out.events == (BookResynced(coin=coin, reason="initial", epoch="E", seq=11, height=101),)


# --- rules ---------------------------------------------------------------------------------


def test_bootstrap_buffers_and_replays_only_diffs_after_the_snapshot() -> None:
    books = L2DiffBooks()
    first = books.feed(batch(("BTC", 10, 9, [change("B", "99", "7")]), height=100))
    assert first.fetch == ("BTC",)
    second = books.feed(batch(("BTC", 11, 10, [change("B", "99", "5")]), height=101))
    assert second.fetch == ()  # one request in flight at a time
    out = books.on_snapshot(snap(seq=10, height=100))  # already contains seq 10
    assert out.events == (
        BookResynced(coin="BTC", reason="initial", epoch="E", seq=11, height=101),
    )
    book = books["BTC"]
    assert book.bids() == (lvl("99", "5"), lvl("98", "2"))
    assert books.statistics().replay_dropped == 1


def test_snapshot_behind_the_buffer_is_a_gap() -> None:
    books = L2DiffBooks()
    books.feed(batch(("BTC", 12, 11, []), height=102))
    out = books.on_snapshot(snap(seq=10))  # seq 11 is missing between them
    assert out.events == (BookStale(coin="BTC", reason="gap"),)
    assert out.fetch == ("BTC",)
    assert books.get("BTC") is None


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (batch(("BTC", 13, 12, []), height=102), "gap"),
        (batch(("BTC", 12, 11, []), height=102, epoch="F"), "epoch_changed"),
        (batch(("BTC", 12, 11, []), height=99), "height_backwards"),
    ],
)
def test_every_gap_makes_the_book_stale(item: L2Diff2Batch, reason: str) -> None:
    books = L2DiffBooks()
    ready(books)
    out = books.feed(item)
    assert out.events == (BookStale(coin="BTC", reason=reason),)  # type: ignore[arg-type]
    assert out.fetch == ("BTC",)
    assert books.get("BTC") is None


def test_an_epoch_reset_heals_from_the_new_epochs_snapshot() -> None:
    books = L2DiffBooks()
    ready(books)
    books.feed(batch(("BTC", 1, 0, [change("B", "97", "3")]), height=102, epoch="F"))
    out = books.on_snapshot(snap(seq=0, height=101, epoch="F"))
    assert out.events == (
        BookResynced(coin="BTC", reason="epoch_changed", epoch="F", seq=1, height=102),
    )
    assert books["BTC"].bids()[-1] == lvl("97", "3")


def test_duplicates_are_ignored_and_updates_reported() -> None:
    books = L2DiffBooks()
    ready(books)
    applied = books.feed(batch(("BTC", 12, 11, [change("A", "101", "0")]), height=102))
    assert applied.events == (BookUpdated(coin="BTC", seq=12, height=102),)
    assert books["BTC"].asks() == ()
    again = books.feed(batch(("BTC", 12, 11, [change("A", "101", "9")]), height=102))
    assert again.events == ()
    assert books["BTC"].asks() == ()
    assert books.statistics().duplicates == 1


def test_coins_are_sequenced_independently() -> None:
    books = L2DiffBooks()
    ready(books, "BTC")
    out = books.feed(batch(("BTC", 12, 11, []), ("ETH", 5, 4, []), height=102))
    assert out.fetch == ("ETH",)
    assert [type(e) for e in out.events] == [BookUpdated]
    assert books.ready_coins() == ("BTC",)
    assert books.waiting_coins() == ("ETH",)


def test_sequenced_books_survive_a_reconnect() -> None:
    books = L2DiffBooks()
    ready(books)
    assert books.feed(StreamRestarted(sid=1, subscription={}, connection=2)).events == ()
    out = books.feed(batch(("BTC", 12, 11, []), height=102))
    assert [type(e) for e in out.events] == [BookUpdated]


def test_unknown_message_makes_every_book_stale() -> None:
    books = L2DiffBooks()
    ready(books, "BTC")
    out = books.feed(GoldRushUnknown(channel="l2BookDiff2", raw={"x": 1}))
    assert out.events == (BookStale(coin="BTC", reason="unknown_message"),)
    assert out.fetch == ("BTC",)


def test_late_or_unrequested_snapshots_are_ignored() -> None:
    books = L2DiffBooks()
    assert books.on_snapshot(snap()).events == ()
    ready(books)
    assert books.on_snapshot(snap(seq=50)).events == ()
    assert books.statistics().snapshots_ignored == 2


def test_failed_snapshot_is_requested_again_and_track_starts_early() -> None:
    books = L2DiffBooks()
    assert books.track("BTC", "ETH").fetch == ("BTC", "ETH")
    assert books.track("BTC").fetch == ()
    assert books.snapshot_failed("BTC").fetch == ("BTC",)
    assert books.snapshot_failed("SOL").fetch == ()


def test_buffer_is_bounded_and_the_loss_is_caught() -> None:
    books = L2DiffBooks(max_buffer=2)
    for seq in (11, 12, 13):
        books.feed(batch(("BTC", seq, seq - 1, []), height=90 + seq))
    assert books.statistics().buffered_dropped == 1
    out = books.on_snapshot(snap(seq=10))  # 11 was dropped from the buffer: a gap
    assert out.events == (BookStale(coin="BTC", reason="gap"),)
    with pytest.raises(ConfigurationError):
        L2DiffBooks(max_buffer=0)


# --- l2BookDiff (inline snapshots, no sequence) ------------------------------------------------


def inline(coin: str = "BTC", height: int = 100) -> L2DiffSnapshot:
    return L2DiffSnapshot(coin=coin, time=1, block_height=height, levels=((lvl("99", "1"),), ()))


def updates(height: int, *changes: L2LevelChange, coin: str = "BTC") -> L2DiffUpdates:
    return L2DiffUpdates(
        time=height, block_height=height, diffs=(L2CoinDiff(coin=coin, changes=changes),)
    )


def test_l2_book_diff_inline_snapshot_then_updates() -> None:
    books = L2DiffBooks()
    out = books.feed(inline())
    assert out.events == (
        BookResynced(coin="BTC", reason="initial", epoch=None, seq=None, height=100),
    )
    assert out.fetch == ()
    books.feed(updates(101, change("A", "100", "3", 2)))
    assert books["BTC"].best_ask == lvl("100", "3", 2)
    assert books.feed(updates(101, change("A", "100", "9"))).events == ()  # the same block again
    assert books["BTC"].best_ask == lvl("100", "3", 2)
    view = books["BTC"].to_l2_book()
    assert view.levels == ((lvl("99", "1"),), (lvl("100", "3", 2),))


def test_l2_book_diff_update_before_snapshot_fetches_one() -> None:
    books = L2DiffBooks(inline_snapshots=True)
    out = books.feed(updates(101, change("B", "99", "4")))
    assert out.fetch == ("BTC",)
    # the full-depth snapshot aligns by height: the buffered block 101 is after it
    healed = books.on_snapshot(snap(seq=3, height=100))
    assert healed.events[0] == BookResynced(
        coin="BTC", reason="diff_before_snapshot", epoch="E", seq=None, height=101
    )
    assert books["BTC"].best_bid == lvl("99", "4")


def test_l2_book_diff_height_backwards_and_restart() -> None:
    books = L2DiffBooks()
    books.feed(inline())
    books.feed(updates(102))
    out = books.feed(updates(101))
    assert out.events == (BookStale(coin="BTC", reason="height_backwards"),)
    assert out.fetch == ("BTC",)
    books.feed(inline(height=105))  # the server's own snapshot heals it too
    restart = books.feed(StreamRestarted(sid=1, subscription={}, connection=2))
    assert restart.events == (BookStale(coin="BTC", reason="stream_restarted"),)
    assert restart.fetch == ()  # the server re-sends its Snapshot after resubscribing
    assert books.feed(inline(height=110)).events[0].reason == "stream_restarted"  # type: ignore[union-attr]


def test_feed_refuses_foreign_items() -> None:
    with pytest.raises(ConfigurationError):
        L2DiffBooks().feed(object())  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError):
        L4SequencedBooks().feed(object())  # type: ignore[arg-type]


# --- L4 ------------------------------------------------------------------------------------------


def l4_snapshot(seq: int = 1, height: int | None = None) -> L4BookSnapshot:
    seed = decode_l4_book(json.loads(SNAPSHOT_FRAME)["data"])
    assert isinstance(seed, L4Snapshot)
    return L4BookSnapshot(
        coin=seed.coin,
        time=1,
        height=height if height is not None else seed.block_height,
        epoch="E",
        seq=seq,
        levels=seed.levels,
    )


def l4_batch(seq: int, prev: int, height: int, *, epoch: str = "E") -> L4UpdatesBatch:
    raw = json.loads(UPDATES_FRAME)["data"]["Updates"]
    data = l4_updates_data(
        [("BTC", seq, prev, raw["order_statuses"], raw["book_diffs"])],
        epoch=epoch,
        block_height=height,
    )
    decoded = decode_l4_book_updates(data)
    assert isinstance(decoded, L4UpdatesBatch)
    return decoded


def test_l4_books_bootstrap_apply_and_heal() -> None:
    books = L4SequencedBooks()
    base = l4_snapshot().levels
    height = l4_snapshot().height
    assert books.feed(l4_batch(2, 1, height + 1)).fetch == ("BTC",)
    assert books.snapshot_request("BTC").to_wire() == {"type": "l4BookSnapshot", "coin": "BTC"}
    out = books.on_snapshot(l4_snapshot(seq=1))
    assert isinstance(out.events[0], BookResynced)
    book = books["BTC"]
    assert book.block_height == height + 1
    assert len(book) != sum(len(side) for side in base) or book.statistics().diffs_applied > 0
    gap = books.feed(l4_batch(4, 3, height + 3))
    assert gap.events == (BookStale(coin="BTC", reason="gap"),)
    epoch = L4SequencedBooks()
    epoch.feed(l4_batch(2, 1, height + 1))
    epoch.on_snapshot(l4_snapshot(seq=1))
    assert epoch.feed(l4_batch(3, 2, height + 2, epoch="F")).events == (
        BookStale(coin="BTC", reason="epoch_changed"),
    )


def test_l4_book_inconsistency_triggers_a_resync() -> None:
    books = L4SequencedBooks()
    raw = json.loads(UPDATES_FRAME)["data"]["Updates"]
    height = l4_snapshot().height
    books.feed(l4_batch(2, 1, height + 1))
    books.on_snapshot(l4_snapshot(seq=1))
    bogus = dict(
        raw["book_diffs"][0], oid=1, raw_book_diff={"update": {"origSz": "1", "newSz": "2"}}
    )
    data = l4_updates_data([("BTC", 3, 2, [], [bogus])], block_height=height + 2, epoch="E")
    item = decode_l4_book_updates(data)
    assert isinstance(item, L4UpdatesBatch)
    out = books.feed(item)
    assert out.events == (BookStale(coin="BTC", reason="book_inconsistent"),)
    assert out.fetch == ("BTC",)


# --- the property: any interleaving converges, and no wrong book is ever shown -------------------

COINS = ("BTC", "ETH", "SOL")
PRICES = tuple(D(p) for p in ("97", "98", "99", "101", "102", "103"))


class Server:
    """A model GoldRush: per-coin books, per-coin sequences, an epoch that can reset."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.epochs = 0
        self.epoch = "epoch-0"
        self.height = 1000
        self.seq: dict[str, int] = dict.fromkeys(COINS, 0)
        self.books: dict[str, dict[tuple[str, Decimal], tuple[Decimal, int]]] = {
            c: {} for c in COINS
        }
        self.history: dict[
            tuple[str, str, int], dict[tuple[str, Decimal], tuple[Decimal, int]]
        ] = {}
        for coin in COINS:
            self._record(coin)

    def _record(self, coin: str) -> None:
        self.history[(coin, self.epoch, self.seq[coin])] = dict(self.books[coin])

    def block(self, coins: tuple[str, ...]) -> L2Diff2Batch:
        self.height += 1
        diffs: list[L2CoinDiff] = []
        for coin in coins:
            changes: list[L2LevelChange] = []
            for _ in range(self.rng.randint(1, 3)):
                px = self.rng.choice(PRICES)
                side: Literal["A", "B"] = "B" if px < 100 else "A"
                if self.rng.random() < 0.3:
                    sz, n = D(0), 0
                    self.books[coin].pop((side, px), None)
                else:
                    sz, n = D(self.rng.randint(1, 9)), self.rng.randint(1, 4)
                    self.books[coin][(side, px)] = (sz, n)
                changes.append(L2LevelChange(side=side, px=px, sz=sz, n=n))
            prev = self.seq[coin]
            self.seq[coin] += 1
            self._record(coin)
            diffs.append(L2CoinDiff(coin=coin, changes=tuple(changes), seq=prev + 1, prev_seq=prev))
        return L2Diff2Batch(
            time=self.height,
            block_height=self.height,
            epoch=self.epoch,
            cursor=None,
            diffs=tuple(diffs),
        )

    def reset(self) -> None:
        self.epochs += 1
        self.epoch = f"epoch-{self.epochs}"
        for coin in COINS:
            self.seq[coin] = 0
            if self.rng.random() < 0.5:
                self.books[coin] = {}
            self._record(coin)

    def snapshot(self, coin: str) -> L2BookDiffSnapshot:
        book = self.books[coin]
        bids = tuple(
            L2Level(px=px, sz=sz, n=n)
            for (side, px), (sz, n) in sorted(book.items(), key=lambda kv: -kv[0][1])
            if side == "B"
        )
        asks = tuple(
            L2Level(px=px, sz=sz, n=n)
            for (side, px), (sz, n) in sorted(book.items(), key=lambda kv: kv[0][1])
            if side == "A"
        )
        return L2BookDiffSnapshot(
            coin=coin,
            time=self.height,
            height=self.height,
            epoch=self.epoch,
            seq=self.seq[coin],
            levels=(bids, asks),
        )


OPS = st.sampled_from(
    [
        "block",
        "block",
        "deliver",
        "deliver",
        "deliver",
        "drop",
        "dup",
        "swap",
        "reset",
        "snap",
        "snap",
    ]
)


def check_exact(books: L2DiffBooks, server: Server) -> None:
    """Never a wrong book: every ready book equals the server's at its (epoch, seq)."""
    for coin in books.ready_coins():
        position = books.position(coin)
        assert position is not None
        epoch, seq, _ = position
        assert epoch is not None
        assert seq is not None
        assert books[coin].levels() == server.history[(coin, epoch, seq)], (coin, epoch, seq)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OPS, max_size=80), seed=st.integers(0, 2**32 - 1))
def test_any_interleaving_converges_to_the_server_book(ops: list[str], seed: int) -> None:
    rng = random.Random(seed)
    server = Server(rng)
    books = L2DiffBooks()
    wire: deque[Any] = deque()
    pending: deque[str] = deque()

    def handle(out: Any) -> None:
        pending.extend(out.fetch)
        for event in out.events:
            if isinstance(event, BookResynced | BookUpdated):
                assert event.coin in books.ready_coins() or isinstance(event, BookUpdated)
        check_exact(books, server)

    for op in ops:
        if op == "block":
            coins = tuple(c for c in COINS if rng.random() < 0.6) or COINS[:1]
            wire.append(server.block(coins))
        elif op == "reset":
            server.reset()
        elif op == "snap" and pending:
            handle(books.on_snapshot(server.snapshot(pending.popleft())))
        elif wire:
            if op == "deliver":
                handle(books.feed(wire.popleft()))
            elif op == "drop":
                wire.popleft()
            elif op == "dup":
                handle(books.feed(wire[0]))
            elif op == "swap" and len(wire) > 1:
                wire[0], wire[1] = wire[1], wire[0]
    # The faults stop: everything in flight arrives in order, then every coin changes once
    # more (a gap is only visible on the next diff), and every snapshot is answered.
    while wire:
        handle(books.feed(wire.popleft()))
    for _ in range(3):
        handle(books.feed(server.block(COINS)))
        while pending:
            handle(books.on_snapshot(server.snapshot(pending.popleft())))
    assert set(books.ready_coins()) == set(COINS)
    for coin in COINS:
        assert books[coin].levels() == server.books[coin]
