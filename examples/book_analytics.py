"""Order-book analytics with trio_hl.books: L2View, L2BookStore and the L4 (order-level) book.

``L2View`` reads one ``l2Book``: top of book, spread, mid, a depth-weighted mid and what a
market order would get. ``L2BookStore`` keeps the latest book of every coin of a wildcard
stream. ``L4Book`` maintains GoldRush's ``l4Book`` (a snapshot, then one update per block)
order by order: queue positions, resting size per user, and the aggregated L2 levels. Feed
both every item of their stream, the ``StreamRestarted`` marker included.

Offline, the fake GoldRush server pushes simulated books and order-level updates, and drops
the connection once during the L4 part.

    uv run python examples/book_analytics.py
    uv run python examples/book_analytics.py --goldrush-key "$GOLDRUSH_API_KEY"
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import trio
from _common import Options, run

from trio_hl import Api
from trio_hl.books import L2BookStore, L2View, L4Book
from trio_hl.models import L2Book, L4Snapshot, L4Updates, StreamRestarted

if TYPE_CHECKING:
    from _common import Market

    from trio_hl import Network
    from trio_hl.testing import FakeHyperliquid


def analyse(book: L2Book) -> None:
    """Top of book, mids and two fill estimates of one ``l2Book``."""
    view = L2View.of(book)
    if view.best_bid is None or view.best_ask is None or view.spread_bps is None:
        print(f"{book.coin}: one side of the book is empty")
        return
    print(
        f"{book.coin}: {view.best_bid.sz} @ {view.best_bid.px} / {view.best_ask.sz} @ "
        f"{view.best_ask.px}, spread {view.spread} ({view.spread_bps:.2f} bps)"
    )
    print(f"  mid {view.mid}, depth-weighted mid over 5 levels {view.depth_weighted_mid(5):.2f}")
    near = sum(level.sz for level in view.asks[:3])
    beyond = 2 * sum(level.sz for level in view.asks)  # more than the 20 levels hold
    for size in (near, beyond):
        fill = view.estimate_fill("buy", size)
        if fill.average_px is None or fill.slippage_bps is None:
            continue
        outcome = "complete" if fill.complete else f"INCOMPLETE, {fill.unfilled_size} left over"
        print(
            f"  buy {size}: {fill.filled_size} @ {fill.average_px:.2f} avg over "
            f"{fill.levels_used} levels, {fill.slippage_bps:.2f} bps from the mid ({outcome})"
        )


async def every_coin(api: Api, books: int) -> None:
    """Keep the latest book of every coin of the wildcard stream in an L2BookStore."""
    store = L2BookStore()
    received = 0
    _, stream = await api.ws.subscriptions.l2_book()  # no asset: every coin (GoldRush)
    async with stream:
        async for item in stream:
            store.update(item)  # a StreamRestarted marker empties the store
            received += isinstance(item, L2Book)
            if received >= books:
                break
    print(f"{received} books, the latest of {len(store)} coins:")
    for coin in store.coins():
        view = store.view(coin)
        if view is not None and view.mid is not None and view.spread_bps is not None:
            print(f"  {coin:<5} mid {view.mid:<10} spread {view.spread_bps:.2f} bps")


async def order_level_book(api: Api, coin: str, updates: int) -> L4Book:
    """Maintain the L4 book of ``coin`` for ``updates`` blocks."""
    book = L4Book(coin)
    applied = 0
    _, stream = await api.ws.subscriptions.l4_book(asset=coin)
    async with stream:
        async for item in stream:
            book.update(item)  # seeds, applies, or resets on a restart
            match item:
                case StreamRestarted():
                    print("-- reconnected: the book is reset until the next snapshot")
                case L4Snapshot(block_height=height):
                    print(f"snapshot at block {height}: {len(book)} orders")
                case L4Updates(block_height=height, book_diffs=diffs):
                    applied += 1
                    print(f"block {height}: {len(diffs)} change(s), {len(book)} orders")
            if book.needs_resync:  # the feed and the book disagree: resubscribe
                print("the book needs a fresh snapshot")
                break
            if applied >= updates:
                break
    return book


def queues(book: L4Book) -> None:
    """Who is where in the queue at the best bid, and the book aggregated."""
    best = book.best_bid()
    if best is None:
        return
    queue = book.orders_at("B", best.px)  # first to fill first
    last = queue[-1]
    print(f"best bid {best.px}: {best.n} order(s), {best.sz} in total")
    print(
        f"  oid {last.oid} is number {book.queue_position(last.oid)} in line "
        f"(0 is first), with {book.size_ahead(last.oid)} ahead of it"
    )
    if last.user is not None:
        print(f"  {last.user} rests {book.resting_size_by_user(last.user)} in this book")
    bids, asks = book.to_l2(3)  # the l2Book this state aggregates to
    print("  to_l2(3): bids " + ", ".join(f"{lv.sz} @ {lv.px} ({lv.n})" for lv in bids))
    print("            asks " + ", ".join(f"{lv.sz} @ {lv.px} ({lv.n})" for lv in asks))
    stats = book.statistics()
    print(
        f"  {stats.snapshots} snapshot(s), {stats.updates_applied} updates applied, "
        f"{stats.resets} reset(s), {stats.anomalies} anomalies"
    )


async def main(network: Network, options: Options) -> None:
    api = await Api.create(network=network)
    async with api.ws.run():
        _, books = await api.ws.subscriptions.l2_book(asset=options.coin)
        async with books:
            async for item in books:
                if isinstance(item, L2Book):
                    analyse(item)
                    break
        await every_coin(api, books=20)
        book = await order_level_book(api, options.coin, options.count)
        queues(book)


async def drop_during_the_l4_book(fake: FakeHyperliquid, market: Market) -> None:
    """Offline scenario: cut the connection two seconds into the l4Book subscription."""

    def subscribes_to_l4_book(frame: object) -> bool:
        match frame:
            case {"method": "subscribe", "subscription": {"type": "l4Book"}}:
                return True
            case _:
                return False

    await fake.wait_received(subscribes_to_l4_book)
    await trio.sleep(2.1)
    await fake.drop()


if __name__ == "__main__":
    run(
        main,
        description=__doc__,
        count=8,
        scenario=drop_during_the_l4_book,
        goldrush_only=True,
    )
