"""A liquidation tape from GoldRush's ``liquidationFills``: every liquidation on HyperCore.

One global subscription (no address filter) pushes, per block, the fills that were part of
a liquidation, as ``(trader, fill)`` pairs; each fill carries its ``liquidation`` (the
liquidated user, the mark price, the method). The stream is live only: nothing is replayed
after a reconnect (the ``StreamRestarted`` marker says when that happened).

Offline, the fake GoldRush makes a block every 0.4 simulated seconds; some of its fills are
liquidations.

    uv run python examples/goldrush_liquidations.py
    uv run python examples/goldrush_liquidations.py --goldrush-key "$GOLDRUSH_API_KEY" -n 50
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from _common import Options, goldrush_blocks, run

from trio_hl import Api
from trio_hl.models import StreamRestarted
from trio_hl.models.goldrush import LiquidationFills

if TYPE_CHECKING:
    from trio_hl import Network


async def main(network: Network, options: Options) -> None:
    api = await Api.create(network=network)
    notional: defaultdict[str, Decimal] = defaultdict(Decimal)
    fills = 0
    async with api.ws.run():
        _, stream = await api.ws.subscriptions.liquidation_fills()
        async with stream:
            async for batch in stream:
                if isinstance(batch, StreamRestarted):
                    print("-- reconnected: liquidations during the outage are not replayed")
                    continue
                if not isinstance(batch, LiquidationFills):
                    print(f"(a message of a new shape, kept raw: {batch.raw!r:.60})")
                    continue
                for trader, fill in batch.fills:
                    liquidation = fill.liquidation
                    assert liquidation is not None  # every fill of this stream has one
                    when = datetime.fromtimestamp(fill.time / 1000, UTC).strftime("%H:%M:%S")
                    value = fill.px * fill.sz
                    notional[fill.coin] += value
                    fills += 1
                    victim = liquidation.liquidated_user or trader
                    print(
                        f"{when} {fill.coin:>5} {fill.dir:<11} {fill.sz:>6} @ {fill.px:<7}"
                        f" ${value:>10,.2f}  {victim[:6]}..{victim[-4:]} mark {liquidation.mark_px}"
                        f" ({liquidation.method})"
                    )
                if fills >= options.count:
                    break
    total = sum(notional.values(), Decimal(0))
    ranked = sorted(notional.items(), key=lambda item: item[1], reverse=True)
    by_coin = ", ".join(f"{coin} ${value:,.0f}" for coin, value in ranked)
    print(f"{fills} liquidation fills, ${total:,.2f} in all: {by_coin}")


if __name__ == "__main__":
    run(
        main,
        description=__doc__,
        count=8,
        goldrush_only=True,
        takes_coin=False,
        scenario=goldrush_blocks,
    )
