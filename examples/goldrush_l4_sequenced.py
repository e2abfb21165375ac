"""A sequenced order-level book on GoldRush's ``l4BookUpdates`` that heals itself.

``l4BookUpdates`` is diff-only and sequenced: each coin's diff carries ``seq`` and the
``prev_seq`` it follows, each batch the server's ``epoch``. ``books.open_l4_books`` seeds
each coin from ``l4BookSnapshot`` and checks every diff: a gap, a changed epoch or a height
going backwards drops the book (``BookStale``), fetches a fresh snapshot, replays the diffs
that arrived meanwhile, and reports ``BookResynced``; a duplicate is ignored. The book is
never silently wrong: at the end the example compares it with a snapshot from the server.

Offline, the fake GoldRush drops, duplicates and reorders frames and resets its epoch.

    uv run python examples/goldrush_l4_sequenced.py
    uv run python examples/goldrush_l4_sequenced.py --goldrush-key "$GOLDRUSH_API_KEY" --coin ETH
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import trio
from _common import Market, Options, run

from trio_hl import Api
from trio_hl.books import BookResynced, BookStale, BookUpdated, L4Book, open_l4_books
from trio_hl.models.goldrush import L4BookSnapshot, L4BookSnapshotRequest, L4BookUpdatesSubscription

if TYPE_CHECKING:
    from trio_hl import Network
    from trio_hl.testing import FakeHyperliquid


def book_levels(book: L4Book) -> dict[tuple[str, Decimal], Decimal]:
    bids, asks = book.to_l2()
    return {("B", lv.px): lv.sz for lv in bids} | {("A", lv.px): lv.sz for lv in asks}


def snapshot_levels(snapshot: L4BookSnapshot) -> dict[tuple[str, Decimal], Decimal]:
    out: dict[tuple[str, Decimal], Decimal] = {}
    for side, orders in zip("BA", snapshot.levels, strict=True):
        for order in orders:
            out[(side, order.limit_px)] = out.get((side, order.limit_px), Decimal(0)) + order.sz
    return out


async def main(network: Network, options: Options) -> None:
    coin = options.coin
    api = await Api.create(network=network)
    async with (
        api.ws.run() as client,
        open_l4_books(client, L4BookUpdatesSubscription(coin=coin), info=api.info) as feed,
    ):
        applied = 0
        async for event in feed:
            if isinstance(event, BookStale):
                print(f"-- {event.coin} book dropped ({event.reason}): fetching a snapshot")
            elif isinstance(event, BookResynced):
                epoch = str(event.epoch)[-4:]
                print(
                    f"-- BookResynced {event.coin} ({event.reason}): epoch ...{epoch}"
                    f" seq {event.seq}, block {event.height}"
                )
            elif isinstance(event, BookUpdated):
                applied += 1
                book = feed.books.get(event.coin)
                bid, ask = (None, None) if book is None else (book.best_bid(), book.best_ask())
                if bid is not None and ask is not None:
                    top = f"{bid.sz} @ {bid.px} / {ask.sz} @ {ask.px}"
                    print(f"{event.coin} seq {event.seq}: {top}")
                if applied >= options.count:
                    break
        # Right after a diff, ask the server for its book: at the same seq it must match.
        snapshot = await api.info.request(L4BookSnapshotRequest(coin=coin))
        book, position = feed.books.get(coin), feed.books.position(coin)
        if book is None or position is None or position[:2] != (snapshot.epoch, snapshot.seq):
            print(f"the server moved on (seq {snapshot.seq}); compare again later")
        else:
            same = book_levels(book) == snapshot_levels(snapshot)
            print(f"at seq {snapshot.seq} the local book equals the server's: {same}")
        stats = feed.books.statistics()
        print(
            f"{stats.applied} diffs applied, {stats.duplicates} duplicate(s) ignored, "
            f"{stats.resyncs} resync(s)"
        )


async def faulty_blocks(fake: FakeHyperliquid, market: Market) -> None:
    """Offline: a block every 0.4 s, and now and then a fault GoldRush's stream can have."""
    gold = fake.goldrush
    faults = {4: gold.duplicate, 7: gold.drop, 10: gold.reorder, 13: gold.reset_epoch}
    for block in range(1, 10_000):
        await trio.sleep(0.4)
        gold.step()
        fault = faults.get(block)
        if fault is not None:
            print(f"   (the fake: {fault.__name__.replace('_', ' ')} at block {gold.height})")
            fault()
        await gold.publish()


if __name__ == "__main__":
    run(main, description=__doc__, count=16, goldrush_only=True, scenario=faulty_blocks)
