"""Shared plumbing for the examples: the command line, the network, and an offline market.

Every example is a plain script. By default it runs *offline*: it starts an in-process
:class:`~trio_hl.testing.FakeHyperliquid`, feeds it a simulated market (:class:`Market`) and
points the client at it. Offline runs use ``trio.testing.MockClock(autojump_threshold=0)``:
whenever every task is waiting, the clock jumps to the next deadline, so the simulated
seconds between market updates (and reconnect back-offs) pass instantly and each script
ends by itself. That is only safe because nothing offline does real I/O.

Pass a network to use the real thing::

    uv run python examples/l2_book.py --url wss://api.hyperliquid.xyz/ws
    uv run python examples/l2_book.py --testnet
    uv run python examples/goldrush_wildcard.py --goldrush-key "$GOLDRUSH_API_KEY"
    GOLDRUSH_API_KEY=... uv run python examples/goldrush_wildcard.py --goldrush

Examples that sign actions (``run(..., signs=True)``) use the fake's public test key offline.
Online they read your key from the environment (``HL_SECRET_KEY``, plus ``HL_ADDRESS`` when
the key is an API wallet's), never print it, and refuse to sign for mainnet without
``--i-mean-it``::

    HL_SECRET_KEY=0x... uv run python examples/place_order.py --testnet

Nothing here is needed to use trio_hl; it only keeps the examples short.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import sys
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from functools import partial
from typing import Any, Final

import attrs
import trio
import trio.testing

from trio_hl import MAINNET, TESTNET, Account, Network, goldrush
from trio_hl.errors import ConfigurationError, HyperliquidError, SigningError
from trio_hl.networks import custom
from trio_hl.signing import Signer
from trio_hl.testing import TEST_ACCOUNT, FakeHyperliquid, open_fake_hyperliquid

__all__ = [
    "DEMO_USER",
    "GOLDRUSH_KEY_VARIABLE",
    "OFFLINE_GOLDRUSH_KEY",
    "Market",
    "Options",
    "drop_the_connection",
    "goldrush_blocks",
    "run",
    "simulate_market",
]

GOLDRUSH_KEY_VARIABLE: Final = "GOLDRUSH_API_KEY"
"""Where ``--goldrush`` reads the key (kept out of the command line and shell history)."""

OFFLINE_GOLDRUSH_KEY: Final = "offline-demo-key"
"""The key the offline GoldRush stand-in requires (and the examples send)."""

DEMO_USER: Final = "0x31ca8395cf837de08b24da3f660e77761dfb974b"
"""The address whose simulated fills the offline examples follow."""

_BASE_MS: Final = 1_751_493_267_110  # 2025-07-02: simulated time 0, in exchange milliseconds
_INTERVAL_MS: Final = {
    "1m": 60_000,
    "3m": 180_000,
    "5m": 300_000,
    "15m": 900_000,
    "30m": 1_800_000,
    "1h": 3_600_000,
    "2h": 7_200_000,
    "4h": 14_400_000,
    "8h": 28_800_000,
    "12h": 43_200_000,
    "1d": 86_400_000,
    "3d": 259_200_000,
    "1w": 604_800_000,
    "1M": 2_592_000_000,
}


@attrs.frozen(kw_only=True)
class Options:
    """What the command line asked for.

    Attributes:
        count: how many messages (or updates) the example handles before it stops.
        coin: the coin to watch.
        offline: the example runs against the in-process fake server.
        user: the address whose user streams to follow (``--user``).
        account: the account that signs (``run(..., signs=True)``): offline the fake's
            public test account, online ``HL_SECRET_KEY`` / ``HL_ADDRESS``.
        extra: the example's own options (``run(..., extra=...)``), by flag.
    """

    count: int
    coin: str
    offline: bool
    user: str | None = None
    account: Account | None = None
    extra: Mapping[str, Any] = attrs.Factory(dict[str, Any])


# -- the simulated market ----------------------------------------------------------------


@attrs.define
class _Coin:
    tick: Decimal
    lot: Decimal
    spot: bool
    bid_ticks: int
    prev_day_px: Decimal
    spread_ticks: int = 1
    bids: list[dict[str, Any]] = attrs.Factory(list[dict[str, Any]])
    asks: list[dict[str, Any]] = attrs.Factory(list[dict[str, Any]])
    last_trades: list[dict[str, Any]] = attrs.Factory(list[dict[str, Any]])
    recent: deque[dict[str, Any]] = attrs.Factory(lambda: deque(maxlen=30))
    volume: Decimal = Decimal(0)
    notional: Decimal = Decimal(0)
    candles: dict[str, dict[str, Any]] = attrs.Factory(dict[str, dict[str, Any]])

    @property
    def bid(self) -> Decimal:
        return self.tick * self.bid_ticks

    @property
    def ask(self) -> Decimal:
        return self.tick * (self.bid_ticks + self.spread_ticks)

    @property
    def mid(self) -> Decimal:
        return (self.bid + self.ask) / 2


@attrs.define
class _L4Order:
    oid: int
    user: str
    side: str
    px: Decimal
    sz: Decimal
    time: int
    tif: str


# name: (first bid, tick size, lot size, spot?)
_COINS: Final = {
    "BTC": ("108250", "1", "0.00001", False),
    "ETH": ("2427.1", "0.1", "0.0001", False),
    "SOL": ("151.62", "0.01", "0.01", False),
    "HYPE": ("39.812", "0.001", "0.01", False),
    "PURR/USDC": ("5.2894", "0.0001", "1", True),
}


def _places(step: Decimal) -> int:
    exponent = step.as_tuple().exponent
    return max(1, -exponent) if isinstance(exponent, int) else 1


def _fmt(value: Decimal, step: Decimal) -> str:
    return f"{value:.{_places(step)}f}"


class Market:
    """A deterministic random-walk market producing realistic Hyperliquid ``data`` payloads.

    Prices move on each coin's tick grid, sizes on its lot grid, trades happen at the touch
    and feed the candles, volumes and the recent-trades backlog, so every channel tells the
    same story. Unknown coins are added on first use.
    """

    def __init__(self, seed: int = 7) -> None:
        self._rng = random.Random(seed)
        self._coins: dict[str, _Coin] = {}
        self._tid = 455_478_288_652_533
        self._users = [f"0x{self._rng.getrandbits(160):040x}" for _ in range(12)]
        self.time_ms = _BASE_MS
        self.block_height = 996_629_014
        self._fills: dict[str, deque[dict[str, Any]]] = {}  # user -> recent fills
        self._new_fills: dict[str, list[dict[str, Any]]] = {}  # user -> fills of the last step
        self._oid = 33_974_868_093
        # GoldRush l4Book: resting orders per coin (dicts keep queue order), on a random
        # stream of their own so that the other channels tell the same story with or without.
        self._l4_rng = random.Random(seed + 1)
        self._l4: dict[str, dict[int, _L4Order]] = {}
        self._l4_updates: dict[str, dict[str, Any] | None] = {}
        for name, (px, tick, lot, spot) in _COINS.items():
            self._add(name, Decimal(px), Decimal(tick), Decimal(lot), spot=spot)

    def _add(self, name: str, px: Decimal, tick: Decimal, lot: Decimal, *, spot: bool) -> _Coin:
        coin = _Coin(
            tick=tick,
            lot=lot,
            spot=spot,
            bid_ticks=int(px / tick),
            prev_day_px=(px * Decimal("0.98")).quantize(tick),
        )
        self._coins[name] = coin
        self._rebuild(coin)
        return coin

    def coin(self, name: str) -> _Coin:
        """The state of ``name``, created at a mid of about 10 if it is new."""
        found = self._coins.get(name)
        if found is not None:
            return found
        spot = "/" in name or name.startswith("@")
        return self._add(name, Decimal("10"), Decimal("0.001"), Decimal("0.1"), spot=spot)

    @property
    def perps(self) -> list[str]:
        return [name for name, coin in self._coins.items() if not coin.spot]

    def step(self, time_ms: int) -> None:
        """Advance every coin: move the touch, rebuild the book, print a few trades."""
        self.time_ms = time_ms
        self.block_height += 5
        for name, coin in self._coins.items():
            coin.bid_ticks += self._rng.choice((-2, -1, -1, 0, 0, 1, 1, 2))
            wide = self._rng.random() < 0.2
            coin.spread_ticks = self._rng.randint(2, 16) if wide else 1
            self._rebuild(coin)
            coin.last_trades = [self._trade(name, coin) for _ in range(self._rng.randint(1, 3))]
            coin.recent.extend(coin.last_trades)
        for user, recent in self._fills.items():
            fills = [self._fill()] if self._rng.random() < 0.6 else []
            recent.extend(fills)
            self._new_fills[user] = fills
        for name in self._l4:
            self._l4_updates[name] = self._l4_step(name)

    def _size(self, coin: _Coin, most: int) -> Decimal:
        return coin.lot * self._rng.randint(1, most)

    def _rebuild(self, coin: _Coin) -> None:
        bids: list[dict[str, Any]] = []
        asks: list[dict[str, Any]] = []
        bid, ask = coin.bid, coin.ask
        for _ in range(20):
            for side, px in ((bids, bid), (asks, ask)):
                side.append(
                    {
                        "px": _fmt(px, coin.tick),
                        "sz": _fmt(self._size(coin, 100_000), coin.lot),
                        "n": self._rng.randint(1, 8),
                    }
                )
            bid -= coin.tick * self._rng.randint(1, 3)
            ask += coin.tick * self._rng.randint(1, 3)
        coin.bids, coin.asks = bids, asks

    def _trade(self, name: str, coin: _Coin) -> dict[str, Any]:
        self._tid += self._rng.randint(1, 40)
        side = self._rng.choice(("A", "B"))
        px = coin.ask if side == "B" else coin.bid  # the aggressor takes the touch
        sz = self._size(coin, 5_000)
        buyer, seller = self._rng.sample(self._users, 2)
        coin.volume += sz
        coin.notional += px * sz
        for interval, candle in coin.candles.items():
            self._roll_candle(candle, interval, _fmt(px, coin.tick))
            candle["h"] = _fmt(max(Decimal(candle["h"]), px), coin.tick)
            candle["l"] = _fmt(min(Decimal(candle["l"]), px), coin.tick)
            candle["c"] = _fmt(px, coin.tick)
            candle["v"] = _fmt(Decimal(candle["v"]) + sz, coin.lot)
            candle["n"] += 1
        return {
            "coin": name,
            "side": side,
            "px": _fmt(px, coin.tick),
            "sz": _fmt(sz, coin.lot),
            "time": self.time_ms,
            "hash": f"0x{self._rng.getrandbits(256):064x}",
            "tid": self._tid,
            "users": [buyer, seller],
        }

    def _fill(self) -> dict[str, Any]:
        """A fill of one of the user's orders, at the touch of a random perp."""
        name = self._rng.choice(self.perps)
        coin = self._coins[name]
        self._tid += self._rng.randint(1, 40)
        self._oid += self._rng.randint(1, 900)
        side = self._rng.choice(("A", "B"))
        crossed = self._rng.random() < 0.5  # taker: pays the fee; maker: earns less
        px = (coin.ask if side == "B" else coin.bid) if crossed else coin.mid.quantize(coin.tick)
        sz = self._size(coin, 2_000)
        fee = (px * sz * Decimal("0.00045" if crossed else "0.00015")).quantize(Decimal("0.000001"))
        return {
            "coin": name,
            "px": _fmt(px, coin.tick),
            "sz": _fmt(sz, coin.lot),
            "side": side,
            "time": self.time_ms,
            "startPosition": "0.0",
            "dir": "Open Long" if side == "B" else "Open Short",
            "closedPnl": "0.0",
            "hash": f"0x{self._rng.getrandbits(256):064x}",
            "oid": self._oid,
            "crossed": crossed,
            "fee": str(fee),
            "tid": self._tid,
            "feeToken": "USDC",
        }

    def user_fills(self, user: str, *, snapshot: bool) -> dict[str, Any] | None:
        """A ``userFills`` payload: the recent fills (``snapshot``) or the last step's."""
        if user not in self._fills:  # a new user starts with a little history
            self._fills[user] = deque((self._fill() for _ in range(3)), maxlen=30)
            self._new_fills[user] = []
        if snapshot:
            return {"isSnapshot": True, "user": user, "fills": list(self._fills[user])}
        fills = self._new_fills[user]
        return {"user": user, "fills": fills} if fills else None

    def _roll_candle(self, candle: dict[str, Any], interval: str, price: str) -> None:
        """Start a new candle when the interval changed; it opens at the last close."""
        length = _INTERVAL_MS[interval]
        start = self.time_ms - self.time_ms % length
        if candle["t"] != start:
            text = candle["c"] if candle["n"] else price
            candle.update(t=start, T=start + length - 1, o=text, h=text, l=text, v="0", n=0)

    # -- GoldRush l4Book: individual orders, a snapshot then one update per block -----------

    def _l4_user(self) -> str:
        rng = self._l4_rng
        return DEMO_USER if rng.random() < 0.2 else rng.choice(self._users)

    def _l4_new(self, name: str, side: str, px: Decimal) -> _L4Order:
        coin = self.coin(name)
        self._oid += self._l4_rng.randint(1, 900)
        order = _L4Order(
            oid=self._oid,
            user=self._l4_user(),
            side=side,
            px=px,
            sz=coin.lot * self._l4_rng.randint(1, 20_000),
            time=self.time_ms,
            tif=self._l4_rng.choice(("Gtc", "Alo")),
        )
        self._l4[name][order.oid] = order
        return order

    def _l4_order_json(self, name: str, order: _L4Order, *, user: str | None) -> dict[str, Any]:
        coin = self.coin(name)
        return {
            "user": user,
            "coin": name,
            "side": order.side,
            "limitPx": _fmt(order.px, coin.tick),
            "sz": _fmt(order.sz, coin.lot),
            "oid": order.oid,
            "timestamp": order.time,
            "triggerCondition": "N/A",
            "isTrigger": False,
            "triggerPx": "0.0",
            "isPositionTpsl": False,
            "reduceOnly": False,
            "orderType": "Limit",
            "tif": order.tif,
            "cloid": None,
        }

    def _l4_touch(self, name: str, side: str) -> Decimal:
        prices = [o.px for o in self._l4[name].values() if o.side == side]
        return max(prices) if side == "B" else min(prices)

    def _l4_step(self, name: str) -> dict[str, Any] | None:
        """One block of changes: new orders (with their status), partial fills, cancels."""
        rng, coin, orders = self._l4_rng, self.coin(name), self._l4[name]
        statuses: list[dict[str, Any]] = []
        diffs: list[dict[str, Any]] = []

        def diff(order: _L4Order, change: Any) -> None:
            diffs.append(
                {
                    "user": order.user,
                    "oid": order.oid,
                    "px": _fmt(order.px, coin.tick),
                    "coin": name,
                    "raw_book_diff": change,
                }
            )

        for _ in range(rng.randint(1, 4)):
            side = rng.choice(("B", "A"))
            on_side = [o for o in orders.values() if o.side == side]
            action = rng.random()
            if action < 0.45:  # a new order at or behind the touch: it never crosses
                step = coin.tick * rng.randint(0, 3)
                touch = self._l4_touch(name, side)
                order = self._l4_new(name, side, touch - step if side == "B" else touch + step)
                wall = datetime.fromtimestamp(self.time_ms / 1000, UTC)
                statuses.append(
                    {
                        "time": f"{wall:%Y-%m-%dT%H:%M:%S}.{self.time_ms % 1000:03d}000000",
                        "user": order.user,
                        "status": "open",
                        "order": self._l4_order_json(name, order, user=None),
                    }
                )
                diff(order, {"new": {"sz": _fmt(order.sz, coin.lot)}})
            elif action < 0.8:  # a taker fills part of the first order at the touch
                touch = self._l4_touch(name, side)
                first = next(o for o in on_side if o.px == touch)
                left = (first.sz * Decimal(rng.randint(0, 9)) / 10).quantize(coin.lot)
                if left > 0 or len(on_side) > 4:
                    old, first.sz = first.sz, left
                    if left > 0:
                        change = {"origSz": _fmt(old, coin.lot), "newSz": _fmt(left, coin.lot)}
                        diff(first, {"update": change})
                    else:
                        del orders[first.oid]
                        diff(first, "remove")
            elif len(on_side) > 4:  # a cancel anywhere in the book
                gone = rng.choice(on_side)
                del orders[gone.oid]
                diff(gone, "remove")
        if not diffs:
            return None
        return {
            "Updates": {
                "time": self.time_ms,
                "block_height": self.block_height,
                "order_statuses": statuses,
                "book_diffs": diffs,
            }
        }

    def l4_book(self, name: str, *, snapshot: bool) -> dict[str, Any] | None:
        """An ``l4Book`` payload: the whole book (``snapshot``) or the last block's changes."""
        if name not in self._l4:  # a new book: a few orders on each of the top levels
            coin = self.coin(name)
            self._l4[name] = {}
            for side, levels in (("B", coin.bids), ("A", coin.asks)):
                for level in levels[:6]:
                    for _ in range(self._l4_rng.randint(1, 3)):
                        self._l4_new(name, side, Decimal(level["px"]))
            self._l4_updates[name] = None
        if not snapshot:
            return self._l4_updates[name]
        orders = list(self._l4[name].values())  # in queue order; sorting by price keeps it
        bids = sorted((o for o in orders if o.side == "B"), key=lambda o: -o.px)
        asks = sorted((o for o in orders if o.side == "A"), key=lambda o: o.px)
        sides = [[self._l4_order_json(name, o, user=o.user) for o in side] for side in (bids, asks)]
        return {
            "Snapshot": {
                "coin": name,
                "time": self.time_ms,
                "block_height": self.block_height,
                "levels": sides,
            }
        }

    # -- payloads, exactly as the server's ``data`` --------------------------------------

    def book(self, name: str, *, fast: bool = False, block_height: bool = False) -> dict[str, Any]:
        coin = self.coin(name)
        depth = 5 if fast else 20
        data: dict[str, Any] = {
            "coin": name,
            "time": self.time_ms,
            "levels": [coin.bids[:depth], coin.asks[:depth]],
        }
        if fast:
            data["fast"] = True
        if block_height:
            data["block_height"] = self.block_height
        return data

    def bbo(self, name: str) -> dict[str, Any]:
        coin = self.coin(name)
        return {"coin": name, "time": self.time_ms, "bbo": [coin.bids[0], coin.asks[0]]}

    def trades(self, name: str, *, backlog: bool = False) -> list[dict[str, Any]]:
        """The trades of the last step, or (``backlog``) the recent ones a new subscriber gets."""
        coin = self.coin(name)
        return list(coin.recent) if backlog else list(coin.last_trades)

    def candle(self, name: str, interval: str) -> dict[str, Any]:
        coin = self.coin(name)
        mid = _fmt(coin.mid, coin.tick / 10)
        candle = coin.candles.get(interval)
        if candle is None:
            candle = {"t": -1, "s": name, "i": interval, "c": mid, "n": 0}
            coin.candles[interval] = candle
        self._roll_candle(candle, interval, mid)
        return dict(candle)

    def mids(self) -> dict[str, str]:
        return {
            name: _fmt(coin.mid, coin.tick / 10 if coin.spread_ticks % 2 else coin.tick)
            for name, coin in self._coins.items()
        }

    def asset_ctx(self, name: str) -> tuple[str, dict[str, Any]]:
        """``(channel, data)``: spot coins answer on ``activeSpotAssetCtx``."""
        coin = self.coin(name)
        common = {
            "prevDayPx": _fmt(coin.prev_day_px, coin.tick),
            "dayNtlVlm": _fmt(coin.notional, coin.lot),
            "markPx": _fmt(coin.mid, coin.tick / 10),
            "midPx": _fmt(coin.mid, coin.tick / 10),
            "dayBaseVlm": _fmt(coin.volume, coin.lot),
        }
        ctx: dict[str, Any]
        if coin.spot:
            supply = "198732793.9431799948"
            ctx = {**common, "circulatingSupply": supply, "coin": name, "totalSupply": supply}
            return "activeSpotAssetCtx", {"coin": name, "ctx": ctx}
        ctx = {
            **common,
            "funding": "0.0000125",
            "openInterest": _fmt(coin.lot * 4_620_660, coin.lot),
            "premium": "0.0001451",
            "oraclePx": _fmt(coin.bid, coin.tick),
            "impactPxs": [coin.bids[1]["px"], coin.asks[1]["px"]],
        }
        return "activeAssetCtx", {"coin": name, "ctx": ctx}

    def frames(
        self, subscription: Mapping[str, Any], *, first: bool, block_height: bool = False
    ) -> list[tuple[str, Any]]:
        """The ``(channel, data)`` frames the server would push for one subscription now."""
        kind, name = subscription.get("type"), subscription.get("coin")
        if kind == "l2Book":
            fast = bool(subscription.get("fast"))
            names = [name] if isinstance(name, str) else self.perps  # no coin: every perp
            return [("l2Book", self.book(n, fast=fast, block_height=block_height)) for n in names]
        if kind == "allMids":
            dex = subscription.get("dex")
            return [("allMids", {"mids": self.mids(), **({"dex": dex} if dex else {})})]
        if kind == "userFills":
            # After every (re)subscribe the server re-sends a snapshot of recent fills.
            fills = self.user_fills(str(subscription.get("user")), snapshot=first)
            return [("userFills", fills)] if fills is not None else []
        if not isinstance(name, str):
            return []
        if kind == "trades":
            trades = self.trades(name, backlog=first)
            return [("trades", trades)] if trades else []
        if kind == "candle":
            return [("candle", self.candle(name, str(subscription.get("interval"))))]
        if kind == "bbo":
            return [("bbo", self.bbo(name))]
        if kind == "activeAssetCtx":
            return [self.asset_ctx(name)]
        if kind == "l4Book":
            l4 = self.l4_book(name, snapshot=first)
            return [("l4Book", l4)] if l4 is not None else []
        return []


async def simulate_market(
    fake: FakeHyperliquid, market: Market, *, interval: float = 0.5, block_height: bool = False
) -> None:
    """Step ``market`` every ``interval`` seconds and push what each live subscription gets.

    A subscription's first push is its snapshot (for ``trades``: the recent backlog the real
    server sends after every (re)subscribe). Frames are pushed once even when several
    subscriptions want them, as the fake delivers each frame once per connection.
    """
    served: set[tuple[int, str]] = set()
    while True:
        await trio.sleep(interval)
        market.step(_BASE_MS + int(trio.current_time() * 1000))
        pushed: set[str] = set()
        for conn in fake.live:
            for subscription in list(conn.subscriptions):
                key = (conn.index, json.dumps(subscription, sort_keys=True))
                first = key not in served
                served.add(key)
                for channel, data in market.frames(
                    subscription, first=first, block_height=block_height
                ):
                    text = json.dumps([channel, data], sort_keys=True)
                    if text not in pushed:
                        pushed.add(text)
                        await fake.push(channel, data)


async def goldrush_blocks(fake: FakeHyperliquid, market: Market, interval: float = 0.4) -> None:
    """Offline scenario: the fake GoldRush makes a block every ``interval`` seconds and
    publishes it to the GoldRush-native subscriptions (diffs, fill streams, wallet lists)."""
    await fake.goldrush.run(interval)


async def drop_the_connection(fake: FakeHyperliquid, market: Market) -> None:
    """Offline scenario: cut the connection abruptly, as a network failure would."""
    await fake.wait_received(lambda frame: frame.get("method") == "subscribe")
    await trio.sleep(1.6)
    await fake.drop()


def serve_info(fake: FakeHyperliquid, market: Market) -> None:
    """Answer ``allMids`` and ``l2Book`` info requests from the simulated market.

    ``allMids`` of a builder dex keeps the fake's default answer (``None`` for an unknown
    dex, as the server answers).
    """
    default_mids = fake.info_handlers["allMids"]
    fake.info_handlers["allMids"] = lambda payload: (
        default_mids(payload) if payload.get("dex") else market.mids()
    )
    fake.info_handlers["l2Book"] = lambda payload: market.book(str(payload.get("coin")))


# -- running an example ----------------------------------------------------------------------

Main = Callable[[Network, Options], Awaitable[None]]
Scenario = Callable[[FakeHyperliquid, Market], Awaitable[None]]


def _network(args: argparse.Namespace) -> Network | None:
    """The network the command line names, or ``None`` to run offline."""
    if args.url is not None:
        known = {MAINNET.ws_url: MAINNET, TESTNET.ws_url: TESTNET}
        return known.get(args.url) or custom(args.url)  # any endpoint speaking the protocol
    if args.testnet:
        return TESTNET
    if args.goldrush_key is not None:
        return goldrush(args.goldrush_key)  # the key goes in the URL, and is never printed
    if args.goldrush:
        key = os.environ.get(GOLDRUSH_KEY_VARIABLE, "").strip()
        if not key:
            sys.exit(f"--goldrush reads the key from {GOLDRUSH_KEY_VARIABLE}, which is not set")
        return goldrush(key)
    return None


async def _run_offline(
    main: Main, options: Options, scenario: Scenario | None, goldrush_only: bool
) -> None:
    market = Market()
    async with open_fake_hyperliquid() as fake:
        serve_info(fake, market)
        if goldrush_only:
            fake.require_key = OFFLINE_GOLDRUSH_KEY
            network = fake.goldrush_network(OFFLINE_GOLDRUSH_KEY)
        else:
            network = fake.network
        try:
            async with trio.open_nursery() as nursery:
                nursery.start_soon(
                    partial(simulate_market, fake, market, block_height=goldrush_only)
                )
                if scenario is not None:
                    nursery.start_soon(scenario, fake, market)
                await main(network, options)
                nursery.cancel_scope.cancel()
        except BaseExceptionGroup as group:
            # Show the example's own error rather than a group around it.
            if len(group.exceptions) == 1:
                raise group.exceptions[0] from None
            raise


def _account_from_environment(parser: argparse.ArgumentParser) -> Account:
    """``HL_SECRET_KEY`` (and ``HL_ADDRESS`` for an API wallet's key) as an Account.

    Neither the key nor anything derived from it but the address is ever printed.
    """
    secret = os.environ.get("HL_SECRET_KEY", "").strip()
    if not secret:
        parser.error(
            "this example signs actions: set HL_SECRET_KEY to your key (and HL_ADDRESS to "
            "the account's address when the key is an API wallet's)"
        )
    try:
        signer = Signer.from_key(secret)  # its errors never quote the key
        return Account(address=os.environ.get("HL_ADDRESS") or signer.address, secret_key=secret)
    except (SigningError, ConfigurationError) as exc:
        parser.error(f"HL_SECRET_KEY / HL_ADDRESS: {exc}")


def run(
    main: Main,
    *,
    description: str | None,
    count: int = 10,
    scenario: Scenario | None = None,
    goldrush_only: bool = False,
    takes_coin: bool = True,
    needs_user: bool = False,
    signs: bool = False,
    extra: Mapping[str, tuple[type, Any, str]] | None = None,
) -> None:
    """Parse the command line and run ``main(network, options)`` offline or online.

    Args:
        main: the example itself.
        description: the script's docstring, for ``--help``.
        count: the default of ``--count``.
        scenario: offline only, a task scripting the fake server (drops, silence...).
        goldrush_only: the example needs GoldRush; offline, the fake requires a key. It
            offers no ``--url`` or ``--testnet``, which it could only refuse.
        takes_coin: the example watches one coin: add ``--coin`` (the others watch every
            coin, and an option they would ignore is not offered).
        needs_user: the example follows a user's streams: add ``--user ADDRESS``.
        signs: the example signs actions: ``options.account`` holds the key (offline the
            fake's test account, online ``HL_SECRET_KEY``), and ``--i-mean-it`` is needed
            to sign for mainnet.
        extra: more options, ``{flag: (type, default, help)}``, read from
            ``options.extra[flag]``.
    """
    parser = argparse.ArgumentParser(
        description=(description or "").strip().splitlines()[0] if description else None,
        epilog=(
            "Without --goldrush-key or --goldrush"
            if goldrush_only
            else "Without --url, --testnet or --goldrush-key"
        )
        + " the example runs offline against an in-process fake server.",
    )
    where = parser.add_mutually_exclusive_group()
    parser.set_defaults(url=None, testnet=False, coin="BTC")
    if not goldrush_only:
        where.add_argument("--url", help="a ws:// or wss:// URL, e.g. wss://api.hyperliquid.xyz/ws")
        where.add_argument("--testnet", action="store_true", help="Hyperliquid testnet")
    where.add_argument("--goldrush-key", metavar="KEY", help="GoldRush, with this API key")
    where.add_argument(
        "--goldrush",
        action="store_true",
        help=f"GoldRush, with the key in ${GOLDRUSH_KEY_VARIABLE}",
    )
    parser.add_argument("-n", "--count", type=int, default=count, help=f"default {count}")
    for flag, (kind, default, text) in (extra or {}).items():
        parser.add_argument(
            f"--{flag}", type=kind, default=default, help=f"{text} (default {default})"
        )
    if takes_coin:
        parser.add_argument("--coin", default="BTC", help="default BTC")
    if needs_user:
        parser.add_argument(
            "--user", metavar="ADDRESS", help=f"whose streams to follow (offline: {DEMO_USER})"
        )
    if signs:
        parser.add_argument(
            "--i-mean-it",
            action="store_true",
            help="allow signed actions on mainnet (real funds); --testnet needs no flag",
        )
    parser.add_argument("-v", "--verbose", action="store_true", help="log connection events")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("--count must be at least 1")
    network = _network(args)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(name)s %(levelname)s %(message)s",
    )
    user = getattr(args, "user", None)
    if needs_user and user is None:
        if network is not None:
            parser.error("this example follows a user's streams: pass --user 0x...")
        user = DEMO_USER
    account: Account | None = None
    if signs:
        if network is None:
            account = TEST_ACCOUNT  # the fake knows this public test key; never fund it
        elif network.is_mainnet and not args.i_mean_it:
            parser.error(
                f"{network.redacted_url} trades real funds on mainnet: pass --i-mean-it to "
                "sign for it, or try --testnet"
            )
        else:
            account = _account_from_environment(parser)
    options = Options(
        count=args.count,
        coin=args.coin,
        offline=network is None,
        user=user,
        account=account,
        extra={flag: getattr(args, flag.replace("-", "_")) for flag in extra or {}},
    )
    try:
        if network is None:
            clock = trio.testing.MockClock(autojump_threshold=0)
            trio.run(_run_offline, main, options, scenario, goldrush_only, clock=clock)
        else:
            trio.run(main, network, options)
    except HyperliquidError as exc:
        # Public calls raise exactly one error of ours (never an ExceptionGroup).
        sys.exit(f"{type(exc).__name__}: {exc}")
    except KeyboardInterrupt:
        sys.exit(130)
