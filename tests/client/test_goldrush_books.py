"""Self-healing books against the fake's GoldRush mode: injected faults heal by themselves."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import trio
import trio.testing

from trio_hl import Api, open_client
from trio_hl._http import info_transport
from trio_hl.books import (
    BookEvent,
    BookResynced,
    BookStale,
    L2DiffBooks,
    L4SequencedBooks,
    open_l2_diff_books,
    open_l4_books,
)
from trio_hl.models.goldrush import (
    L2BookDiff2Subscription,
    L2BookDiffSubscription,
    L4BookUpdatesSubscription,
)
from trio_hl.testing import FakeHyperliquid
from trio_hl.testing._fake_goldrush import FakeGoldRush


def server_l2(goldrush: FakeGoldRush, coin: str) -> dict[tuple[str, Decimal], tuple[Decimal, int]]:
    bids, asks = goldrush.l2_levels(coin)
    out: dict[tuple[str, Decimal], tuple[Decimal, int]] = {}
    for side, levels in (("B", bids), ("A", asks)):
        for level in levels:
            out[(side, Decimal(level["px"]))] = (Decimal(level["sz"]), level["n"])
    return out


def server_l4(goldrush: FakeGoldRush, coin: str) -> dict[int, Decimal]:
    return {o["oid"]: Decimal(o["sz"]) for side in goldrush.l4_levels(coin) for o in side}


async def drain(feed: Any, into: list[BookEvent]) -> None:
    """Take the events that are ready (the pump has processed what was published)."""
    await trio.testing.wait_all_tasks_blocked()
    while True:
        try:
            into.append(feed._receive.receive_nowait())
        except trio.WouldBlock:
            return


async def blocks(goldrush: FakeGoldRush, feed: Any, events: list[BookEvent], n: int = 3) -> None:
    for _ in range(n):
        goldrush.step()
        await goldrush.publish()
        await drain(feed, events)


def l2_exact(books: L2DiffBooks, goldrush: FakeGoldRush, coins: tuple[str, ...]) -> bool:
    return all(
        (book := books.get(coin)) is not None and book.levels() == server_l2(goldrush, coin)
        for coin in coins
    )


async def test_l2_book_diff2_heals_every_injected_fault(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    goldrush = fake.goldrush
    network = fake.goldrush_network("k")
    coins = ("BTC", "ETH")
    events: list[BookEvent] = []
    async with (
        open_client(network) as client,
        open_l2_diff_books(
            client, L2BookDiff2Subscription(coin=list(coins)), info=info_transport(network)
        ) as feed,
    ):
        await blocks(goldrush, feed, events)
        assert [e.reason for e in events if isinstance(e, BookResynced)] == ["initial"] * 2
        assert l2_exact(feed.books, goldrush, coins)
        for fault, reason in (
            (goldrush.drop, "gap"),
            (goldrush.reorder, "gap"),
            (goldrush.reset_epoch, "epoch_changed"),
        ):
            events.clear()
            fault()
            await blocks(goldrush, feed, events)
            stale = [e for e in events if isinstance(e, BookStale)]
            assert stale
            assert stale[0].reason == reason
            assert any(isinstance(e, BookResynced) and e.reason == reason for e in events)
            assert l2_exact(feed.books, goldrush, coins)
        events.clear()
        goldrush.duplicate(2)
        await blocks(goldrush, feed, events)
        assert not [e for e in events if isinstance(e, BookStale)]  # duplicates are harmless
        assert l2_exact(feed.books, goldrush, coins)
        assert feed.books.statistics().duplicates >= 1
    snapshots = [body for path, body in fake.http.received if path == "/info"]
    assert {b["type"] for b in snapshots} == {"l2BookDiffSnapshot"}


async def test_l2_book_diff_inline_snapshots(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    goldrush = fake.goldrush
    network = fake.goldrush_network("k")
    events: list[BookEvent] = []
    async with (
        open_client(network) as client,
        open_l2_diff_books(client, L2BookDiffSubscription(), info=info_transport(network)) as feed,
    ):
        await blocks(goldrush, feed, events)
        assert l2_exact(feed.books, goldrush, goldrush.coins)
        assert [e.reason for e in events if isinstance(e, BookResynced)] == ["initial"] * 3
    assert fake.http.received == []  # inline snapshots: nothing fetched


async def test_l4_books_heal_gaps(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    goldrush = fake.goldrush
    network = fake.goldrush_network("k")
    events: list[BookEvent] = []

    def exact(books: L4SequencedBooks) -> bool:
        book = books.get("BTC")
        if book is None:
            return False
        mine = {o.oid: o.sz for side in ("B", "A") for o in _orders(book, side)}
        return mine == server_l4(goldrush, "BTC")

    async with (
        open_client(network) as client,
        open_l4_books(
            client, L4BookUpdatesSubscription(coin="BTC"), info=info_transport(network)
        ) as feed,
    ):
        await blocks(goldrush, feed, events)
        assert exact(feed.books)
        goldrush.drop()
        await blocks(goldrush, feed, events)
        assert any(isinstance(e, BookStale) and e.reason == "gap" for e in events)
        assert exact(feed.books)


def _orders(book: Any, side: str) -> list[Any]:
    out: list[Any] = []
    for level in book.to_l2()[0 if side == "B" else 1]:
        out.extend(book.orders_at(side, level.px))
    return out


async def test_snapshot_failures_are_retried(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    goldrush = fake.goldrush
    network = fake.goldrush_network("k")
    fake.http.respond_next(503, "busy", times=2)
    events: list[BookEvent] = []
    async with (
        open_client(network) as client,
        open_l2_diff_books(
            client, L2BookDiff2Subscription(coin="SOL"), info=info_transport(network)
        ) as feed,
    ):
        await blocks(goldrush, feed, events)
        await trio.sleep(5)
        await blocks(goldrush, feed, events)
        assert l2_exact(feed.books, goldrush, ("SOL",))
    assert len([p for p, _ in fake.http.received if p == "/info"]) == 3


async def test_books_fetch_snapshots_through_an_api_info(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    goldrush = fake.goldrush
    api = await Api.create(network=fake.goldrush_network("k"))
    events: list[BookEvent] = []
    async with (
        api.ws.run() as client,
        open_l4_books(client, L4BookUpdatesSubscription(coin="BTC"), info=api.info) as feed,
    ):
        await blocks(goldrush, feed, events)
        assert [e.reason for e in events if isinstance(e, BookResynced)] == ["initial"]
        book = feed.books.get("BTC")
        assert book is not None
        assert {o.oid for side in ("B", "A") for o in _orders(book, side)} == set(
            server_l4(goldrush, "BTC")
        )
    kinds = [body["type"] for path, body in fake.http.received if path == "/info"]
    assert kinds.count("l4BookSnapshot") == 1  # besides the universe Api.create loads
