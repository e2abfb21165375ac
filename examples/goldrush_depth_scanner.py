"""A cross-asset depth scanner on GoldRush's ``l2BookDiff`` wildcard.

One coin-less ``l2BookDiff`` subscription carries every perp: a ``Snapshot`` per coin, then
per-block ``Updates`` with only the levels that changed. ``books.open_l2_diff_books`` keeps
an exact book per coin from them (and re-seeds a coin from ``l2BookDiffSnapshot`` if its
book is ever in doubt); every few blocks the scanner ranks the coins by the notional resting
within ``--bps`` basis points of their mid.

Offline, the fake GoldRush makes a block every 0.4 simulated seconds.

    uv run python examples/goldrush_depth_scanner.py
    uv run python examples/goldrush_depth_scanner.py --goldrush-key "$GOLDRUSH_API_KEY" --top 10
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from _common import Options, goldrush_blocks, run

from trio_hl import Api
from trio_hl.books import BookResynced, BookUpdated, L2DiffBook, open_l2_diff_books
from trio_hl.models.goldrush import L2BookDiffSubscription

if TYPE_CHECKING:
    from trio_hl import Network


def depth_within(book: L2DiffBook, bps: Decimal) -> tuple[Decimal, Decimal] | None:
    """Notional (px * sz) resting within ``bps`` of the mid, as (bids, asks)."""
    bid, ask = book.best_bid, book.best_ask
    if bid is None or ask is None:
        return None
    mid = (bid.px + ask.px) / 2
    band = mid * bps / 10_000
    bids = sum((lv.px * lv.sz for lv in book.bids() if lv.px >= mid - band), Decimal(0))
    asks = sum((lv.px * lv.sz for lv in book.asks() if lv.px <= mid + band), Decimal(0))
    return bids, asks


async def main(network: Network, options: Options) -> None:
    bps, top = Decimal(options.extra["bps"]), options.extra["top"]
    api = await Api.create(network=network)
    scans = 0
    async with (
        api.ws.run() as client,
        # No coin: every perp (marketTypes=["*"] would add spot and outcome markets).
        open_l2_diff_books(client, L2BookDiffSubscription(), info=api.info) as feed,
    ):
        last_block, blocks = None, 0
        async for event in feed:
            if isinstance(event, BookResynced):
                print(f"{event.coin:>6} book seeded at block {event.height} ({event.reason})")
                continue
            if not isinstance(event, BookUpdated) or event.height == last_block:
                continue  # BookStale (the coin is absent until it heals), or the same block
            # The first diff of a new block: every coin's book is exact as of its last diff.
            last_block, blocks = event.height, blocks + 1
            if blocks % 5:
                continue
            ranked: list[tuple[Decimal, str, Decimal, Decimal]] = []
            for coin in feed.books.ready_coins():
                book = feed.books.get(coin)
                depth = None if book is None else depth_within(book, bps)
                if depth is not None:
                    ranked.append((depth[0] + depth[1], coin, *depth))
            ranked.sort(reverse=True)
            print(f"block {event.height}: top {top} by depth within {bps} bps of mid")
            for total, coin, bids, asks in ranked[:top]:
                print(f"  {coin:>6} ${total:,.0f}  (bids ${bids:,.0f} / asks ${asks:,.0f})")
            scans += 1
            if scans >= options.count:
                break
    stats = feed.books.statistics()
    print(f"{scans} scans of {len(feed.books.ready_coins())} coins, {stats.applied} diffs applied")


if __name__ == "__main__":
    run(
        main,
        description=__doc__,
        count=3,
        goldrush_only=True,
        takes_coin=False,
        scenario=goldrush_blocks,
        extra={"bps": (str, "25", "band around the mid"), "top": (int, 3, "coins to show")},
    )
