"""A long-running connection as a task: ``await nursery.start(api.ws.run_forever)``.

``run_forever`` is a ``nursery.start`` target, like ``trio.serve_tcp``: ``start`` returns once
the first connection is up, and the connection then lives until its nursery is cancelled.
Here two watcher tasks share it; when both are done, cancelling the nursery closes the
connection, and nothing of trio_hl outlives the ``async with`` block.

    uv run python examples/run_forever.py
    uv run python examples/run_forever.py --testnet --coin ETH
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import trio
from _common import Options, run

from trio_hl import Api
from trio_hl.errors import NotRunning
from trio_hl.models import ActiveAssetCtx, ActiveSpotAssetCtx, Bbo

if TYPE_CHECKING:
    from trio_hl import Network


async def watch_bbo(api: Api, coin: str, count: int) -> None:
    _, stream = await api.ws.subscriptions.bbo(asset=coin)
    async with stream:  # closing the stream unsubscribes
        seen = 0
        async for item in stream:
            if isinstance(item, Bbo) and item.bid and item.ask:
                print(f"bbo  {item.coin} {item.bid.px} / {item.ask.px}")
                seen += 1
                if seen >= count:
                    return


async def watch_context(api: Api, coin: str, count: int) -> None:
    _, stream = await api.ws.subscriptions.active_asset_ctx(asset=coin)
    async with stream:
        seen = 0
        async for item in stream:
            match item:
                case ActiveAssetCtx(ctx=ctx):
                    print(f"ctx  {item.coin} mark {ctx.mark_px} funding {ctx.funding}")
                case ActiveSpotAssetCtx(ctx=ctx):
                    print(f"ctx  {item.coin} mark {ctx.mark_px} (spot)")
                case _:
                    continue  # a StreamRestarted marker: contexts are snapshots, nothing to do
            seen += 1
            if seen >= count:
                return


async def main(network: Network, options: Options) -> None:
    api = await Api.create(network=network)
    async with trio.open_nursery() as nursery:
        await nursery.start(api.ws.run_forever)
        print(f"connected ({api.ws.client.statistics().connections} connection)")
        async with trio.open_nursery() as watchers:
            watchers.start_soon(watch_bbo, api, options.coin, options.count)
            watchers.start_soon(watch_context, api, options.coin, options.count)
        print("watchers done; cancelling the nursery closes the connection")
        nursery.cancel_scope.cancel()
    try:
        api.ws.client  # noqa: B018 (only to show that it raises)
    except NotRunning as exc:
        print(f"after the block: {exc}")


if __name__ == "__main__":
    run(main, description=__doc__, count=3)
