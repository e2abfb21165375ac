"""A tour of subscriptions: every method, buffer policies, refcounting, refusals, unsubscribe.

Each section prints a line or two; ``docs/subscriptions.md`` quotes this file.

    uv run python examples/subscriptions_tour.py
    uv run python examples/subscriptions_tour.py --url wss://api.hyperliquid.xyz/ws
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import trio
from _common import Options, run

from trio_hl import Api, BufferPolicy
from trio_hl.errors import SubscriptionError
from trio_hl.models import (
    ActiveAssetCtx,
    ActiveSpotAssetCtx,
    L2BookSubscription,
    StreamRestarted,
)

if TYPE_CHECKING:
    from trio_hl import Client, Network, Stream

M = TypeVar("M")


async def first_message(stream: Stream[M | StreamRestarted]) -> M:
    """The next data message of ``stream``, skipping restart markers."""
    async for item in stream:
        if not isinstance(item, StreamRestarted):
            return item
    raise RuntimeError("the stream ended")


async def every_method(api: Api) -> None:
    subs = api.ws.subscriptions
    _, books = await subs.l2_book(asset="BTC")
    book = await first_message(books)
    print(f"l2_book           {book.coin}: {len(book.bids)} bids, {len(book.asks)} asks")

    _, trades = await subs.trades(asset="BTC")
    batch = await first_message(trades)
    print(f"trades            {batch.coin}: {len(batch.trades)} trades, last {batch.trades[-1].px}")

    _, candles = await subs.candle(asset="BTC", interval="1m")
    candle = await first_message(candles)
    print(f"candle            {candle.coin} {candle.interval}: close {candle.close}")

    _, bbos = await subs.bbo(asset="ETH")
    bbo = await first_message(bbos)
    print(f"bbo               {bbo.coin}: {bbo.bid and bbo.bid.px} / {bbo.ask and bbo.ask.px}")

    _, all_mids = await subs.all_mids()
    mids = await first_message(all_mids)
    print(f"all_mids          {len(mids.mids)} coins, BTC at {mids.mids['BTC']}")

    _, perp = await subs.active_asset_ctx(asset="BTC")
    _, spot = await subs.active_asset_ctx(asset="PURR/USDC")
    for stream in (perp, spot):
        # A perp answers with ActiveAssetCtx, a spot coin with ActiveSpotAssetCtx.
        ctx: ActiveAssetCtx | ActiveSpotAssetCtx = await first_message(stream)
        print(f"active_asset_ctx  {ctx.coin} ({type(ctx).__name__}): mark {ctx.ctx.mark_px}")


async def buffer_policies(api: Api) -> None:
    subs = api.ws.subscriptions
    _, latest = await subs.l2_book(asset="SOL")  # default for books: keep_latest(1)
    _, deeper = await subs.bbo(asset="SOL", policy=BufferPolicy.keep_latest(100))
    await trio.sleep(2)  # read nothing for two seconds
    for name, stream in (("keep_latest(1)  ", latest), ("keep_latest(100)", deeper)):
        stats = stream.statistics()
        print(f"{name}  buffered {stats.buffered}, dropped {stats.dropped}")
    await latest.aclose()  # closing a stream unsubscribes it
    await deeper.aclose()


async def refcounting(client: Client) -> None:
    before = client.statistics()
    request = L2BookSubscription(coin="HYPE")
    async with client.subscribe(request) as first, client.subscribe(request) as second:
        inside = client.statistics()
        local = inside.subscriptions - before.subscriptions
        wire = inside.wire_subscriptions - before.wire_subscriptions
        print(f"two identical subscriptions: {local} local, {wire} on the wire")
        print(f"both streams receive: {(await first_message(first)).coin}")
        print(f"                      {(await first_message(second)).coin}")
    after = client.statistics()
    print(f"after both blocks: {after.wire_subscriptions - before.wire_subscriptions} on the wire")


async def refusal_and_unsubscribe(api: Api) -> None:
    subs = api.ws.subscriptions
    try:
        # BTC books are already streaming at full precision; the server's frames do not say
        # which precision they carry, so a second BTC book subscription is refused.
        await subs.l2_book(asset="BTC", n_sig_figs=3)
    except SubscriptionError as exc:
        print(f"refused: {exc}")

    sid, stream = await subs.bbo(asset="BTC")
    await first_message(stream)
    await subs.unsubscribe(sid)
    leftover = [item async for item in stream]  # buffered items, then the end of the stream
    print(f"unsubscribed sid {sid}; the stream ended after {len(leftover)} buffered item(s)")


async def main(network: Network, options: Options) -> None:
    api = await Api.create(network=network)
    async with api.ws.run() as client:
        await every_method(api)
        await buffer_policies(api)
        await refcounting(client)
        await refusal_and_unsubscribe(api)
        stats = client.statistics()
        print(f"still open: {stats.subscriptions} subscriptions, {stats.wire_subscriptions} wire")
    print("leaving api.ws.run() ended every stream and closed the connection")


if __name__ == "__main__":
    run(main, description=__doc__)
