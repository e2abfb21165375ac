"""A small bot that keeps one resting bid, and reconciles after reconnects and lost replies.

QuoteKeeper quotes ``size`` of a coin at ``offset`` below the mid, always with a client order
id (cloid). It follows its fills on the ``userFills`` stream; when its bid is filled, it
quotes again. Two things make a bot like this hard, and this one handles both:

* **a reconnect**: ``orderUpdates`` replays nothing, so after the ``StreamRestarted`` marker
  the bot asks ``openOrders`` whether its bid still rests; fills it missed arrive in the new
  ``userFills`` snapshot (the client delivers only those it had not delivered yet);
* **a lost reply**: when placing raises ``RequestOutcomeUnknown``, the exchange may or may not
  have the order, so the bot asks ``orderStatus`` by cloid before it places again.

Its tests, in ``test_quote_keeper.py``, run it against the simulated exchange of
``trio_hl.testing`` under a mock clock. Run this file to watch it trade there::

    uv run python examples/quote_keeper.py
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import trio
import trio.testing

from trio_hl import Api, Cloid
from trio_hl.errors import RequestOutcomeUnknown
from trio_hl.models import StreamRestarted
from trio_hl.models.exchange import OrderResting
from trio_hl.testing import TEST_ACCOUNT, open_fake_hyperliquid

if TYPE_CHECKING:
    from trio_hl.models import UserFill, UserFills


@attrs.define
class QuoteKeeper:
    """Keeps one bid resting; see the module docstring."""

    coin: str
    size: Decimal
    offset: Decimal
    log: Callable[[str], None] = print
    position: Decimal = Decimal(0)
    cloid: Cloid | None = None  # the bid we believe rests
    oid: int | None = None
    remaining: Decimal = Decimal(0)
    quotes: int = 0
    fills: int = 0
    restarts: int = 0

    async def run(self, api: Api, fills: int) -> None:
        """Quote and follow fills until ``fills`` fills were seen."""
        _, stream = await api.ws.subscriptions.user_fills()
        async for item in stream:
            if isinstance(item, StreamRestarted):
                self.restarts += 1
                await self.reconcile(api)
            else:
                self.on_fills(item)
            if self.fills >= fills:
                return
            if self.cloid is None:
                await self.quote(api)

    def on_fills(self, item: UserFills) -> None:
        if item.is_snapshot:
            self.log(f"snapshot: {len(item.fills)} new fill(s)")
        for fill in item.fills:
            self.apply(fill)

    def apply(self, fill: UserFill) -> None:
        signed = fill.sz if fill.side == "B" else -fill.sz
        self.position += signed
        self.fills += 1
        self.log(f"fill: {fill.sz} @ {fill.px} (oid {fill.oid}); position {self.position}")
        if fill.oid == self.oid:
            self.remaining -= fill.sz
            if self.remaining <= 0:
                self.log(f"bid {self.oid} filled")
                self.cloid = self.oid = None

    async def quote(self, api: Api) -> None:
        """Place a bid ``offset`` below the mid, with a fresh cloid."""
        mids = await api.ws.info.all_mids()
        assert mids is not None
        price = mids.mids[self.coin] - self.offset
        self.quotes += 1
        cloid = Cloid.from_int(self.quotes)  # deterministic: the n-th quote's name
        try:
            placed = await api.ws.exchange.place_order(
                asset=self.coin, is_buy=True, size=self.size, limit_price=price, cloid=cloid
            )
        except RequestOutcomeUnknown:
            self.log("reply lost: asking the exchange about the cloid")
            status = await api.ws.info.order_status(order_id=str(cloid))
            if status.order is None:
                self.log("the exchange never saw it: quoting again")
                await self.quote(api)
                return
            self.log(f"the exchange has it ({status.order.status}): not placing it again")
            self.track(cloid, status.order.order.oid, status.order.order.sz)
            return
        if isinstance(placed, OrderResting):
            self.log(f"bid {placed.oid}: {self.size} @ {price}")
            self.track(cloid, placed.oid, self.size)

    def track(self, cloid: Cloid, oid: int, remaining: Decimal) -> None:
        self.cloid, self.oid, self.remaining = cloid, oid, remaining

    async def reconcile(self, api: Api) -> None:
        """After a reconnect: does our bid still rest? (Missed fills come next, in the new
        ``userFills`` snapshot.)"""
        resting = {order.oid: order for order in await api.ws.info.user_open_orders()}
        if self.oid in resting:
            self.remaining = resting[self.oid].sz
            self.log(f"reconnected: bid {self.oid} still rests ({self.remaining} left)")
        elif self.oid is not None:
            self.log(f"reconnected: bid {self.oid} is gone; its fills follow")
        else:
            self.log("reconnected: no bid to check")


async def demo() -> None:
    """The bot on the simulated exchange: the market drifts through its bid, twice."""
    async with open_fake_hyperliquid(seed=7) as fake, trio.open_nursery() as nursery:
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        bot = QuoteKeeper(coin="ETH", size=Decimal("0.5"), offset=Decimal(3))
        async with api.ws.run():
            nursery.start_soon(bot.run, api, 2)
            for _ in range(2):
                await trio.testing.wait_all_tasks_blocked()
                assert bot.oid is not None
                await fake.fill_order(bot.oid)
            await trio.testing.wait_all_tasks_blocked()
        print(f"done: {bot.fills} fills, position {bot.position}")


if __name__ == "__main__":
    trio.run(demo, clock=trio.testing.MockClock(autojump_threshold=0))
