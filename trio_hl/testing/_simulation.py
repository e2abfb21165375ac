"""The Trio shell around a :class:`~trio_hl.testing._market.Market`: it feeds the market time
and actions and sends views of it to a :class:`~trio_hl.testing.FakeHyperliquid`'s clients.

Time is the Trio clock's: ``market time = start_ms + (trio.current_time() - t0) * 1000``,
so under ``MockClock`` a test decides when blocks happen (:meth:`Simulation.advance`) and
every run is the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, final

import trio

from ..errors import ConfigurationError
from ._views import (
    MARKET_INFO_TYPES,
    USER_CHANNELS,
    Changes,
    bbo,
    info_reply,
    live_frames,
    snapshot_frames,
    subscription_error,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from decimal import Decimal

    from ._fake_server import FakeConnection, FakeHyperliquid
    from ._market import Market

__all__ = ["MARKET_ACTIONS", "Simulation"]

MARKET_ACTIONS: Final = frozenset(
    {
        "order",
        "cancel",
        "cancelByCloid",
        "modify",
        "batchModify",
        "scheduleCancel",
        "updateLeverage",
        "updateIsolatedMargin",
    }
)
"""Action types the market executes (the others keep :class:`FakeExchange`'s answers)."""

DEFAULT_BALANCE: Final = 100_000
"""USDC that :data:`~trio_hl.testing.TEST_ACCOUNT` starts with on a simulated exchange."""


@final
class Simulation:
    """The simulated exchange behind a fake server (``fake.simulation``).

    Attributes:
        market: the state everything is a view of.
        goldrush: serve GoldRush's ``l4Book`` and wildcard ``l2Book`` (and no caps).
        block_seconds: simulated seconds per block in :meth:`advance`.
        max_users: distinct users the server lets user streams follow (all connections).
        max_subscriptions: subscriptions the server accepts (all connections).
        faucet: when set, an unknown address that signs an action becomes a user with this
            much USDC (the loopback simulator; tests call :meth:`fund` instead).
    """

    def __init__(
        self,
        fake: FakeHyperliquid,
        market: Market,
        *,
        goldrush: bool = False,
        block_seconds: float = 0.5,
        max_users: int = 10,
        max_subscriptions: int = 1000,
    ) -> None:
        from ._fake_exchange import TEST_ACCOUNT

        self.fake = fake
        self.market = market
        self.goldrush = goldrush
        self.block_seconds = block_seconds
        self.max_users = max_users
        self.max_subscriptions = max_subscriptions
        self._t0 = trio.current_time()
        self._start_ms = market.now_ms
        self._lost_replies = 0
        self.faucet: int | None = None
        self._bbo = {coin: bbo(market, coin)["bbo"] for coin in market.specs}
        market.fund(TEST_ACCOUNT.address, DEFAULT_BALANCE)
        market.drain()
        for info_type in MARKET_INFO_TYPES:
            fake.info_handlers[info_type] = self._info

    def now_ms(self) -> int:
        """The exchange time now, from the Trio clock."""
        return self._start_ms + int((trio.current_time() - self._t0) * 1000)

    def _info(self, payload: Mapping[str, Any]) -> Any:
        return info_reply(self.market, payload)

    # -- scripting --------------------------------------------------------------------------

    async def advance(self, blocks: int = 1) -> None:
        """Let ``blocks`` blocks pass (``block_seconds`` of Trio time each): the synthetic
        market moves and trades, triggers and scheduled cancels fire, and every
        subscription gets what changed."""
        if blocks < 0:
            raise ConfigurationError(f"blocks must be >= 0, got {blocks}")
        for _ in range(blocks):
            await trio.sleep(self.block_seconds)
            self.market.step(self.now_ms())
            await self.publish()

    async def move_price(self, coin: str, px: Decimal | str) -> None:
        """Move the market of ``coin`` to ``px`` now (resting orders it crosses fill)."""
        self._check_coin(coin)
        self.market.move(coin, px, self.now_ms())
        await self.publish()

    async def fill_order(self, oid: int, sz: Decimal | str | None = None) -> list[dict[str, Any]]:
        """Fill ``sz`` (default: all) of resting order ``oid`` now; returns its fills."""
        try:
            fills = self.market.fill_resting(oid, self.now_ms(), sz=sz)
        except KeyError:
            raise ConfigurationError(f"no resting order {oid} on the simulated exchange") from None
        await self.publish()
        return fills

    def lose_next_reply(self, times: int = 1) -> None:
        """Execute the next ``times`` actions, then cut the connection (WebSocket) or fail
        the request (HTTP) instead of answering: the lost-reply case."""
        self._lost_replies += times

    def fund(self, user: str, usdc: Decimal | int | str) -> None:
        """Make ``user`` exist on the exchange (``fake.exchange`` knows it) with ``usdc``
        more USDC."""
        self.fake.exchange.add_user(user)
        self.market.fund(user, usdc)

    def _check_coin(self, coin: str) -> None:
        if coin not in self.market.specs:
            known = ", ".join(sorted(self.market.specs))
            raise ConfigurationError(f"unknown coin {coin!r} (the simulated coins: {known})")

    # -- the server's side --------------------------------------------------------------------

    def take_lost_reply(self) -> bool:
        if self._lost_replies:
            self._lost_replies -= 1
            return True
        return False

    def execute(self, action: Mapping[str, Any], user: str) -> dict[str, Any]:
        return self.market.execute(action, user, self.now_ms())

    def invalid(self, subscription: Mapping[str, Any]) -> str | None:
        """The error answering a subscription the server does not know."""
        return subscription_error(self.market, subscription, goldrush=self.goldrush)

    def over_cap(self, subscription: Mapping[str, Any]) -> str | None:
        """The error answering a subscription over the server's caps (GoldRush has none)."""
        if self.goldrush:
            return None
        live = [sub for conn in self.fake.live for sub in conn.subscriptions]
        if len(live) >= self.max_subscriptions:
            return f"Cannot track more than {self.max_subscriptions} total subscriptions."
        if subscription.get("type") in USER_CHANNELS:
            users = {
                str(sub.get("user")).lower() for sub in live if sub.get("type") in USER_CHANNELS
            }
            users.add(str(subscription.get("user")).lower())
            if len(users) > self.max_users:
                return f"Cannot track more than {self.max_users} total users."
        return None

    async def on_subscribe(self, conn: FakeConnection, subscription: Mapping[str, Any]) -> None:
        for channel, data in snapshot_frames(self.market, subscription, goldrush=self.goldrush):
            await conn.send({"channel": channel, "data": data})

    async def publish(self) -> None:
        """Send every subscription what changed since the last publication."""
        events = self.market.drain()
        if not events:
            return
        changes = Changes.of(events)
        for coin in changes.books:
            top = bbo(self.market, coin)["bbo"]
            if top != self._bbo.get(coin):
                self._bbo[coin] = top
                changes.bbo.add(coin)
        for conn in self.fake.live:
            for subscription in list(conn.subscriptions):
                for channel, data in live_frames(
                    self.market, subscription, changes, goldrush=self.goldrush
                ):
                    await conn.send({"channel": channel, "data": data})

    async def run(self) -> None:
        """Step the market forever, one block every ``block_seconds`` (the simulator)."""
        while True:
            await self.advance(1)
