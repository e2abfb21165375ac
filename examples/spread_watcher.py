"""A small bot: watch one coin's best bid and offer and report when the spread is wide.

It is also the subject of ``test_spread_watcher.py``, which shows how to test a bot against
``FakeHyperliquid``. It uses the trio-first API: ``open_client`` and ``client.subscribe`` (an
``async with`` block that unsubscribes on exit). It fetches a reference mid with an info
request at start and again after every reconnect, because quotes pushed while it was
disconnected are lost and its reference may be stale.

    uv run python examples/spread_watcher.py
    uv run python examples/spread_watcher.py --url wss://api.hyperliquid.xyz/ws -n 50
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
from _common import Options, run

from trio_hl import open_client
from trio_hl.models import Bbo, BboSubscription, StreamRestarted

if TYPE_CHECKING:
    from trio_hl import Client, Network

_BPS = Decimal(10_000)


@attrs.define
class SpreadWatcher:
    """Follows the best bid and offer of ``coin``; collects the quotes wider than a limit.

    Attributes:
        coin: the coin to watch.
        max_spread_bps: spreads above this many basis points of the mid are reported.
        log: where report lines go.
        reference_mid: the mid from the last ``allMids`` info request.
        quotes: two-sided quotes seen.
        wide: the quotes whose spread exceeded the limit.
        restarts: reconnects seen on the stream.
    """

    coin: str
    max_spread_bps: Decimal
    log: Callable[[str], object] = print
    reference_mid: Decimal | None = None
    quotes: int = 0
    wide: list[Bbo] = attrs.Factory(list[Bbo])
    restarts: int = 0

    async def refresh_reference(self, client: Client) -> None:
        """Ask for every mid over the socket (an info request) and keep ours."""
        mids = await client.info({"type": "allMids"})
        self.reference_mid = Decimal(mids[self.coin])

    async def run(self, client: Client, *, quotes: int) -> None:
        """Watch until ``quotes`` two-sided quotes were seen."""
        await self.refresh_reference(client)
        async with client.subscribe(BboSubscription(coin=self.coin)) as stream:
            async for item in stream:
                if isinstance(item, StreamRestarted):
                    self.restarts += 1
                    await self.refresh_reference(client)
                    self.log(f"reconnected; reference mid is now {self.reference_mid}")
                    continue
                if item.bid is None or item.ask is None:
                    continue
                self.quotes += 1
                spread = item.ask.px - item.bid.px
                bps = spread / ((item.ask.px + item.bid.px) / 2) * _BPS
                if bps > self.max_spread_bps:
                    self.wide.append(item)
                    self.log(f"wide: {self.coin} {item.bid.px} / {item.ask.px} ({bps:.2f} bps)")
                if self.quotes >= quotes:
                    return


async def main(network: Network, options: Options) -> None:
    watcher = SpreadWatcher(coin=options.coin, max_spread_bps=Decimal("0.5"))
    async with open_client(network) as client:
        await watcher.run(client, quotes=options.count)
    print(
        f"{watcher.quotes} quotes of {watcher.coin} (reference mid {watcher.reference_mid}),"
        f" {len(watcher.wide)} wider than {watcher.max_spread_bps} bps,"
        f" {watcher.restarts} reconnects"
    )


if __name__ == "__main__":
    run(main, description=__doc__, count=20)
