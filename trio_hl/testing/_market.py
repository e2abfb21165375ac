"""The simulated exchange's state: books, a matching engine and accounts (sans-IO).

:class:`Market` is synchronous and knows nothing of Trio or sockets. Every call takes the
exchange time in milliseconds (``now_ms``) from its caller, so the same seed and the same
calls give the same market, fills and ids on every run. The fake server
(:class:`~trio_hl.testing.FakeHyperliquid`) and the loopback simulator
(:func:`~trio_hl.testing.serve_simulator`) are thin shells that feed it actions and time, and
send views of it: every stream frame and every info reply is computed from this one state.

What it models:

* per coin a book of resting orders in price-time priority; a taker matches the best price
  first, and within a price the oldest order first; self-trades cancel the resting order
  (``selfTradeCanceled``), as the exchange's self-trade prevention does;
* a deterministic synthetic market: market makers quote :data:`SYNTHETIC_LEVELS` levels a
  side around a random-walk mid, re-quoting every block (a re-quote that crosses a user's
  order fills it, as a moving market does), and a synthetic taker trades now and then;
* per user: open orders, order history with statuses, fills, perp positions (entry price,
  realised and unrealised PnL, fees), cross or isolated leverage, a USDC balance, spot
  balances; margin checks at placement;
* trigger orders (TP/SL) that fire when the mark crosses their trigger price, then execute
  as a market (IOC at the limit price) or rest as a limit order;
* scheduled cancels, which cancel every open order of the user at their time.

Answers use the exchange's own texts (:data:`ERRORS`). Everything that changed is reported
as :class:`Event` objects (:meth:`Market.drain`), from which the shell builds stream frames.

Not modelled (yet): liquidations, funding payments, spot fees in the received token (spot
fees are charged in USDC here), TWAP execution, portfolio margin.
"""

from __future__ import annotations

import bisect
import hashlib
import random
from collections import deque
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any, Final, Literal, final

import attrs

from .._guards import is_object
from .._numbers import to_wire, validate_price, validate_size
from ..errors import HyperliquidError
from ._info_fixtures import BUILDER_DEX, MAIN_META, SPOT_META, TEST_DEX_META

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

__all__ = [
    "ERRORS",
    "SYNTHETIC_LEVELS",
    "BookChanged",
    "CoinSpec",
    "Event",
    "FillEvent",
    "L4Change",
    "Market",
    "Order",
    "OrderEvent",
    "TradeEvent",
    "UserChanged",
]

SYNTHETIC_LEVELS: Final = 10
"""Price levels a side that the synthetic market makers quote."""

START_MS: Final = 1_767_225_600_000
"""Exchange time of a market at ``trio.current_time() == 0``: 2026-01-01T00:00:00Z."""

TAKER_FEE: Final = Decimal("0.00045")
MAKER_FEE: Final = Decimal("0.00015")
_FEE_QUANTUM: Final = Decimal("0.000001")
_MIN_NOTIONAL: Final = Decimal(10)
_SCHEDULE_MIN_MS: Final = 5_000
_FIRST_OID: Final = 40_000_000_000
_FIRST_TID: Final = 900_000_000_000_000
_HISTORY: Final = 2000  # what userFills / historicalOrders answer at most, newest first
_RECENT_TRADES: Final = 30

ERRORS: Final = {
    "tick": "Price must be divisible by tick size. asset={asset}",
    "size": "Order has invalid size. asset={asset}",
    "asset": "Order has invalid asset. asset={asset}",
    "min_value": "Order must have minimum value of $10. asset={asset}",
    "ioc": "Order could not immediately match against any resting orders. asset={asset}",
    "alo": "Post only order would have immediately matched, bbo was {bbo}. asset={asset}",
    "margin": "Insufficient margin to place order. asset={asset}",
    "spot_balance": "Insufficient spot balance asset={asset}",
    "reduce_only": "Reduce only order would increase position. asset={asset}",
    "cancel": "Order was never placed, already canceled, or filled. asset={asset}",
    "modify": "Cannot modify canceled or filled order",
    "schedule": "Scheduled cancel time too early, must be at least 5 seconds after current time",
    "leverage": "Invalid leverage value",
    "isolated_only": "Cross margin is not allowed for this asset.",
    "margin_empty": "Cannot update margin for empty position",
}
"""The exchange's error texts, ``{asset}``/``{bbo}`` filled in per order."""

Tif = Literal["Gtc", "Ioc", "Alo", "FrontendMarket"]


@attrs.frozen(kw_only=True)
class CoinSpec:
    """One tradable market: its name, asset id, lot and tick."""

    name: str
    asset: int
    sz_decimals: int
    max_leverage: int
    is_spot: bool
    dex: str
    start_px: Decimal
    only_isolated: bool = False

    @property
    def tick(self) -> Decimal:
        """The price step the synthetic market quotes on (5 significant figures)."""
        exponent = self.start_px.adjusted() - 4
        max_decimals = (8 if self.is_spot else 6) - self.sz_decimals
        return Decimal(1).scaleb(max(min(exponent, 0), -max_decimals))

    @property
    def lot(self) -> Decimal:
        return Decimal(1).scaleb(-self.sz_decimals)


def default_coins() -> list[CoinSpec]:
    """The fake's default universe (``meta``, the ``test`` dex and ``spotMeta``), minus
    delisted coins, with the fixtures' mids as starting prices."""
    from ._info_fixtures import MIDS  # the fixtures' mids: one table for both

    specs: list[CoinSpec] = []
    for index, asset in enumerate(MAIN_META["universe"]):
        if not asset.get("isDelisted"):
            specs.append(_perp(asset, index, "", Decimal(MIDS[""][asset["name"]])))
    for index, asset in enumerate(TEST_DEX_META["universe"]):
        mid = Decimal(MIDS[BUILDER_DEX][asset["name"]])
        specs.append(_perp(asset, 110_000 + index, BUILDER_DEX, mid))
    tokens = {token["index"]: token for token in SPOT_META["tokens"]}
    for pair in SPOT_META["universe"]:
        base = tokens[pair["tokens"][0]]
        specs.append(
            CoinSpec(
                name=pair["name"],
                asset=10_000 + pair["index"],
                sz_decimals=base["szDecimals"],
                max_leverage=1,
                is_spot=True,
                dex="",
                start_px=Decimal(MIDS[""][pair["name"]]),
            )
        )
    return specs


def _perp(asset: Mapping[str, Any], asset_id: int, dex: str, mid: Decimal) -> CoinSpec:
    return CoinSpec(
        name=asset["name"],
        asset=asset_id,
        sz_decimals=asset["szDecimals"],
        max_leverage=asset["maxLeverage"],
        is_spot=False,
        dex=dex,
        start_px=mid,
        only_isolated=bool(asset.get("onlyIsolated")),
    )


# -- orders, events ---------------------------------------------------------------------------


@attrs.define(eq=False, kw_only=True)
class Order:
    """An order of the simulated exchange (resting, waiting for its trigger, or done)."""

    oid: int
    user: str
    coin: str
    is_buy: bool
    limit_px: Decimal
    sz: Decimal
    orig_sz: Decimal
    timestamp: int
    tif: Tif = "Gtc"
    cloid: str | None = None
    reduce_only: bool = False
    trigger_px: Decimal | None = None
    tpsl: Literal["tp", "sl"] | None = None
    is_market: bool = False
    synthetic: bool = False

    @property
    def side(self) -> str:
        return "B" if self.is_buy else "A"

    @property
    def is_trigger(self) -> bool:
        return self.trigger_px is not None

    @property
    def order_type(self) -> str:
        if self.tpsl is None:
            return "Limit"
        kind = "Take Profit" if self.tpsl == "tp" else "Stop"
        return f"{kind} {'Market' if self.is_market else 'Limit'}"

    def _identity(self) -> dict[str, Any]:
        """The keys every view of an order starts with, in the server's order."""
        return {
            "coin": self.coin,
            "side": self.side,
            "limitPx": to_wire(self.limit_px),
            "sz": to_wire(self.sz),
            "oid": self.oid,
            "timestamp": self.timestamp,
            "origSz": to_wire(self.orig_sz),
        }

    def basic(self) -> dict[str, Any]:
        """The order as ``orderUpdates`` and ``openOrders`` show it."""
        data = self._identity()
        if self.cloid is not None:
            data["cloid"] = self.cloid
        if self.reduce_only:
            data["reduceOnly"] = True
        return data

    def frontend(self) -> dict[str, Any]:
        """The order as ``frontendOpenOrders``, ``orderStatus`` and ``historicalOrders``
        show it."""
        if self.trigger_px is None:
            condition = "N/A"
        else:
            above = (self.tpsl == "tp") != self.is_buy
            condition = f"Price {'above' if above else 'below'} {to_wire(self.trigger_px)}"
        return {
            **self._identity(),
            "triggerCondition": condition,
            "isTrigger": self.is_trigger,
            "triggerPx": to_wire(self.trigger_px or 0),
            "children": [],
            "isPositionTpsl": False,
            "reduceOnly": self.reduce_only,
            "orderType": self.order_type,
            "tif": None if self.is_trigger and self.is_market else self.tif,
            "cloid": self.cloid,
        }

    def l4(self, *, with_user: bool = True) -> dict[str, Any]:
        """The order as GoldRush's ``l4Book`` shows it."""
        data = self.frontend()
        del data["children"]
        return {"user": self.user if with_user else None, **data}


@attrs.frozen(kw_only=True)
class OrderEvent:
    """An order changed status (``orderUpdates``, ``historicalOrders``)."""

    user: str
    order: dict[str, Any]
    status: str
    status_timestamp: int

    def update(self) -> dict[str, Any]:
        return {
            "order": self.order,
            "status": self.status,
            "statusTimestamp": self.status_timestamp,
        }


@attrs.frozen(kw_only=True)
class FillEvent:
    """One side of a trade, as ``userFills`` and ``userEvents`` show it."""

    user: str
    fill: dict[str, Any]


@attrs.frozen(kw_only=True)
class TradeEvent:
    """A trade on the tape (``trades``, ``candle``)."""

    coin: str
    trade: dict[str, Any]


@attrs.frozen(kw_only=True)
class BookChanged:
    """The book of ``coin`` changed (``l2Book``, ``bbo``, ``allMids``)."""

    coin: str


@attrs.frozen(kw_only=True)
class UserChanged:
    """The account of ``user`` changed (``clearinghouseState``, ``openOrders``,
    ``webData2``...)."""

    user: str


@attrs.frozen(kw_only=True)
class L4Change:
    """One resting order appeared, shrank or left a book (GoldRush ``l4Book`` ``Updates``).

    ``kind`` names the wire ``raw_book_diff``: ``new`` (``sz``), ``update`` (``orig_sz`` to
    ``sz``) or ``remove``; a ``new`` change carries the order (``opened``, whose size may
    have changed since: ``sz`` is its size as it rested), for its order status entry. The
    views build the wire dicts: most changes are the synthetic makers' and nobody follows
    them.
    """

    coin: str
    user: str
    oid: int
    px: Decimal
    kind: Literal["new", "update", "remove"]
    sz: Decimal = Decimal(0)
    orig_sz: Decimal = Decimal(0)
    opened: Order | None = None
    time_ms: int = 0

    @classmethod
    def of(
        cls,
        order: Order,
        kind: Literal["new", "update", "remove"],
        *,
        sz: Decimal = Decimal(0),
        orig_sz: Decimal = Decimal(0),
        opened: Order | None = None,
        time_ms: int = 0,
    ) -> L4Change:
        """The change of ``order``'s book entry (its coin, user, oid and price)."""
        return cls(
            coin=order.coin,
            user=order.user,
            oid=order.oid,
            px=order.limit_px,
            kind=kind,
            sz=sz,
            orig_sz=orig_sz,
            opened=opened,
            time_ms=time_ms,
        )


Event = OrderEvent | FillEvent | TradeEvent | BookChanged | UserChanged | L4Change


# -- the book -------------------------------------------------------------------------------


@final
class _Side:
    """One side of a book: price levels, each a FIFO queue."""

    def __init__(self, *, is_bid: bool) -> None:
        self.is_bid = is_bid
        self._keys: list[Decimal] = []  # ascending sort keys (negated prices for bids)
        self._levels: dict[Decimal, deque[Order]] = {}

    def _key(self, px: Decimal) -> Decimal:
        return -px if self.is_bid else px

    def add(self, order: Order) -> None:
        level = self._levels.get(order.limit_px)
        if level is None:
            level = self._levels[order.limit_px] = deque()
            bisect.insort(self._keys, self._key(order.limit_px))
        level.append(order)

    def remove(self, order: Order) -> None:
        level = self._levels[order.limit_px]
        level.remove(order)
        if not level:
            del self._levels[order.limit_px]
            del self._keys[bisect.bisect_left(self._keys, self._key(order.limit_px))]

    def best(self) -> Order | None:
        if not self._keys:
            return None
        return self._levels[self._key(self._keys[0])][0]

    def best_px(self) -> Decimal | None:
        return None if not self._keys else self._key(self._keys[0])

    def levels(self) -> Iterator[tuple[Decimal, deque[Order]]]:
        """Best price first."""
        for key in self._keys:
            px = self._key(key)
            yield px, self._levels[px]

    def orders(self) -> Iterator[Order]:
        for _, level in self.levels():
            yield from level


@final
class Book:
    """The book of one coin: bids and asks in price-time priority."""

    def __init__(self, spec: CoinSpec) -> None:
        self.spec = spec
        self.bids = _Side(is_bid=True)
        self.asks = _Side(is_bid=False)

    def side(self, *, is_buy: bool) -> _Side:
        return self.bids if is_buy else self.asks

    def mid(self) -> Decimal | None:
        bid, ask = self.bids.best_px(), self.asks.best_px()
        if bid is None or ask is None:
            return None
        return (bid + ask) / 2

    def l2(
        self, depth: int = 20, *, n_sig_figs: int | None = None, mantissa: int | None = None
    ) -> list[list[dict[str, Any]]]:
        """Both sides, best first, ``depth`` levels each; with ``n_sig_figs`` the prices are
        bucketed to that many significant figures (bids down, asks up; ``mantissa`` 2 or 5
        widens 5-figure buckets), as the server aggregates them."""
        sides: list[list[dict[str, Any]]] = []
        for side in (self.bids, self.asks):
            buckets: dict[Decimal, list[Decimal | int]] = {}
            for px, queue in side.levels():
                key = px if n_sig_figs is None else _bucket(px, n_sig_figs, mantissa, side.is_bid)
                if key not in buckets:
                    if len(buckets) == depth:
                        break
                    buckets[key] = [Decimal(0), 0]
                bucket = buckets[key]
                bucket[0] = Decimal(bucket[0]) + sum((o.sz for o in queue), Decimal(0))
                bucket[1] = int(bucket[1]) + len(queue)
            sides.append(
                [
                    {"px": to_wire(px), "sz": to_wire(sz), "n": int(n)}
                    for px, (sz, n) in buckets.items()
                ]
            )
        return sides


def _bucket(px: Decimal, n_sig_figs: int, mantissa: int | None, is_bid: bool) -> Decimal:
    step = Decimal(1).scaleb(px.adjusted() - n_sig_figs + 1) * (mantissa or 1)
    units = (px / step).to_integral_value(rounding=ROUND_FLOOR if is_bid else ROUND_CEILING)
    return units * step


# -- accounts ---------------------------------------------------------------------------------


@attrs.define(kw_only=True)
class Position:
    szi: Decimal = Decimal(0)
    entry_px: Decimal = Decimal(0)
    isolated_margin: Decimal = Decimal(0)


@attrs.define(kw_only=True)
class Leverage:
    is_cross: bool
    value: int


@attrs.define(kw_only=True)
class AccountState:
    """One user's state on the simulated exchange."""

    usdc: Decimal = Decimal(0)
    spot: dict[str, Decimal] = attrs.Factory(dict[str, Decimal])
    positions: dict[str, Position] = attrs.Factory(dict[str, Position])
    leverage: dict[str, Leverage] = attrs.Factory(dict[str, Leverage])
    open_orders: dict[int, Order] = attrs.Factory(
        dict[int, Order]
    )  # resting and untriggered, by oid
    history: list[OrderEvent] = attrs.Factory(list[OrderEvent])  # every status change, oldest first
    latest: dict[int, OrderEvent] = attrs.Factory(dict[int, OrderEvent])  # oid -> latest status
    cloids: dict[str, int] = attrs.Factory(dict[str, int])  # cloid -> oid
    fills: list[dict[str, Any]] = attrs.Factory(list[dict[str, Any]])  # oldest first
    scheduled_cancel: int | None = None


class _Rejected(Exception):
    """An order status ``{"error": <message>}``."""


@final
class Market:
    """The simulated exchange; see the module docstring.

    Args:
        seed: fixes the synthetic market (prices, quotes, synthetic trades).
        coins: the markets (default: :func:`default_coins`).
        now_ms: the exchange time at creation (default :data:`START_MS`).
        synthetic: seed the books with market makers (``False``: books hold only users'
            orders, for unit tests of the matching engine).

    Attributes:
        now_ms: the exchange time of the last call.
        block_height: incremented by every :meth:`step`.
    """

    def __init__(
        self,
        seed: int = 0,
        *,
        coins: Iterable[CoinSpec] | None = None,
        now_ms: int = START_MS,
        synthetic: bool = True,
    ) -> None:
        self.seed = seed
        self._rng = random.Random(seed)
        self.specs: dict[str, CoinSpec] = {
            spec.name: spec for spec in (default_coins() if coins is None else coins)
        }
        self.by_asset: dict[int, CoinSpec] = {spec.asset: spec for spec in self.specs.values()}
        self.books: dict[str, Book] = {name: Book(spec) for name, spec in self.specs.items()}
        self.accounts: dict[str, AccountState] = {}
        self.trades: dict[str, deque[dict[str, Any]]] = {
            name: deque(maxlen=_RECENT_TRADES) for name in self.specs
        }
        self.now_ms: int = now_ms
        self.block_height: int = 800_000_000
        self.synthetic = synthetic
        self._events: list[Event] = []
        self._next_oid = _FIRST_OID
        self._next_tid = _FIRST_TID
        self._fair: dict[str, int] = {}  # coin -> synthetic fair price, in ticks
        self._stale: set[str] = set()  # coins whose makers were traded against
        self._makers = [self._address("maker", i) for i in range(2)]
        self._taker = self._address("taker", 0)
        self._orders: dict[int, Order] = {}  # every live order (users' and synthetic) by oid
        self.last_px: dict[str, Decimal] = {}
        if synthetic:
            for name, spec in self.specs.items():
                self._fair[name] = int(spec.start_px / spec.tick)
                self._quote(name)
            self._events.clear()

    def _address(self, role: str, index: int) -> str:
        digest = hashlib.sha256(f"{self.seed}:{role}:{index}".encode()).hexdigest()
        return "0x" + digest[:40]

    # -- reading ---------------------------------------------------------------------------

    def account(self, user: str) -> AccountState:
        """The state of ``user`` (created empty on first use)."""
        return self.accounts.setdefault(user.lower(), AccountState())

    def fund(self, user: str, usdc: Decimal | int | str, *, spot: Mapping[str, Any] = {}) -> None:
        """Credit ``usdc`` to the perp balance of ``user`` (and spot tokens, by name)."""
        account = self.account(user)
        account.usdc += Decimal(usdc)
        for token, amount in spot.items():
            account.spot[token] = account.spot.get(token, Decimal(0)) + Decimal(amount)
        self._events.append(UserChanged(user=user.lower()))

    def mid(self, coin: str) -> Decimal | None:
        book = self.books.get(coin)
        return None if book is None else book.mid()

    def mark(self, coin: str) -> Decimal | None:
        """The mark price: the book's mid, else the last trade, else the start price."""
        mid = self.mid(coin)
        if mid is not None:
            return mid
        spec = self.specs.get(coin)
        return self.last_px.get(coin, spec.start_px if spec is not None else None)

    def mids(self, dex: str | None = "") -> dict[str, str]:
        """``allMids``: the mid of every coin with a two-sided book (of one perp dex; spot
        pairs count as the main dex's)."""
        return {
            name: to_wire(self.tidy(mid, spec))
            for name, spec in self.specs.items()
            if (dex is None or spec.dex == dex) and (mid := self.mid(name)) is not None
        }

    @staticmethod
    def tidy(value: Decimal, spec: CoinSpec) -> Decimal:
        return value.quantize(spec.tick / 10, rounding=ROUND_HALF_EVEN)

    def order(self, user: str, oid: int | str) -> OrderEvent | None:
        """The latest status of an order of ``user``, by oid or cloid."""
        account = self.account(user)
        if isinstance(oid, str):
            found = account.cloids.get(oid.lower())
            if found is None:
                return None
            oid = found
        return account.latest.get(oid)

    def drain(self) -> list[Event]:
        """The events since the last call, in order."""
        events, self._events = self._events, []
        return events

    # -- time ------------------------------------------------------------------------------

    def step(self, now_ms: int) -> None:
        """One block: the synthetic market moves and re-quotes, maybe trades; triggers fire
        on the new marks; due scheduled cancels run."""
        self.now_ms = max(self.now_ms, now_ms)
        self.block_height += 1
        if self.synthetic:
            for name in self.specs:
                moved = self._rng.choice((-2, -1, 0, 0, 0, 1, 2))
                self._fair[name] = max(self._fair[name] + moved, SYNTHETIC_LEVELS + 2)
                if moved or name in self._stale:  # an untouched, unmoved book stays as it is
                    self._quote(name)
                if self._rng.random() < 0.3:
                    self._synthetic_trade(name)
        self._run_schedules()
        self._fire_triggers()

    def move(self, coin: str, px: Decimal | str, now_ms: int) -> None:
        """Move the synthetic market of ``coin`` to ``px``: the makers re-quote around it,
        filling users' orders the new quotes cross; triggers fire on the new mark."""
        spec = self._spec(coin)
        self.now_ms = max(self.now_ms, now_ms)
        self._fair[coin] = int(Decimal(px) / spec.tick)
        self._quote(coin)
        self._fire_triggers()

    def fill_resting(
        self, oid: int, now_ms: int, *, sz: Decimal | str | None = None
    ) -> list[dict[str, Any]]:
        """A synthetic taker takes ``sz`` (default: all) of resting order ``oid`` at its
        price, ahead of the queue; returns the maker's fills."""
        order = self._orders.get(oid)
        if order is None or order.is_trigger:
            raise KeyError(f"no resting order {oid}")
        self.now_ms = max(self.now_ms, now_ms)
        size = order.sz if sz is None else min(Decimal(sz), order.sz)
        taker = Order(
            oid=self._oid(),
            user=self._taker,
            coin=order.coin,
            is_buy=not order.is_buy,
            limit_px=order.limit_px,
            sz=size,
            orig_sz=size,
            timestamp=self.now_ms,
            tif="Ioc",
            synthetic=True,
        )
        before = len(self.account(order.user).fills)
        self._trade(taker, order, size)
        self._events.append(BookChanged(coin=order.coin))
        self._fire_triggers()
        return self.account(order.user).fills[before:]

    # -- actions ---------------------------------------------------------------------------

    def execute(self, action: Mapping[str, Any], user: str, now_ms: int) -> dict[str, Any]:
        """Answer one trading action of ``user`` (``order``, ``cancel``, ``cancelByCloid``,
        ``modify``, ``batchModify``, ``scheduleCancel``, ``updateLeverage``,
        ``updateIsolatedMargin``) with the exchange's body (``{"status": ..., ...}``)."""
        self.now_ms = max(self.now_ms, now_ms)
        user = user.lower()
        kind = action.get("type")
        if kind == "order":
            statuses = self._place_group(action.get("orders", []), user, action.get("grouping"))
            return _ok({"type": "order", "data": {"statuses": statuses}})
        if kind in ("cancel", "cancelByCloid"):
            results = [self._cancel_one(cancel, user) for cancel in action.get("cancels", [])]
            return _ok({"type": "cancel", "data": {"statuses": results}})
        if kind == "batchModify":
            modified = [
                self._modify(m.get("oid"), m.get("order", {}), user)
                for m in action.get("modifies", [])
            ]
            return _ok({"type": "order", "data": {"statuses": modified}})
        if kind == "modify":
            status = self._modify(action.get("oid"), action.get("order", {}), user)
            if is_object(status) and "error" in status:
                return _err(str(status["error"]))
            return _ok({"type": "default"})
        if kind == "scheduleCancel":
            when = action.get("time")
            if when is not None and when < self.now_ms + _SCHEDULE_MIN_MS:
                return _err(ERRORS["schedule"])
            self.account(user).scheduled_cancel = when
            return _ok({"type": "default"})
        if kind == "updateLeverage":
            return self._updateleverage_of(action, user)
        if kind == "updateIsolatedMargin":
            return self._update_isolated_margin(action, user)
        return _err(f"Unknown action type: {kind!r}")

    def _spec(self, coin: str) -> CoinSpec:
        spec = self.specs.get(coin)
        if spec is None:
            raise KeyError(f"unknown coin {coin!r}")
        return spec

    def _oid(self) -> int:
        self._next_oid += 1
        return self._next_oid

    def _place_group(self, wires: list[Any], user: str, grouping: Any) -> list[Any]:
        statuses: list[Any] = []
        for index, wire in enumerate(wires):
            if grouping == "normalTpsl" and index > 0 and "trigger" in (wire.get("t") or {}):
                parent = statuses[0]
                if isinstance(parent, dict) and "filled" in parent:
                    statuses.append(self._place(wire, user))
                    continue
                statuses.append(
                    "waitingForFill" if isinstance(parent, dict) and "resting" in parent else parent
                )
                continue
            statuses.append(self._place(wire, user))
        return statuses

    def _parse(self, wire: Mapping[str, Any], user: str) -> Order:
        asset_id = wire.get("a")
        spec = self.by_asset.get(asset_id) if isinstance(asset_id, int) else None
        if spec is None:
            raise _Rejected(ERRORS["asset"].format(asset=asset_id))
        try:
            px = validate_price(wire["p"], spec.sz_decimals, is_spot=spec.is_spot)
        except (HyperliquidError, KeyError, TypeError):
            raise _Rejected(ERRORS["tick"].format(asset=asset_id)) from None
        try:
            sz = validate_size(wire["s"], spec.sz_decimals)
        except (HyperliquidError, KeyError, TypeError):
            raise _Rejected(ERRORS["size"].format(asset=asset_id)) from None
        if sz <= 0:
            raise _Rejected(ERRORS["size"].format(asset=asset_id))
        order_type: dict[str, Any] = wire.get("t") or {}
        cloid = wire.get("c")
        order = Order(
            oid=0,
            user=user,
            coin=spec.name,
            is_buy=bool(wire.get("b")),
            limit_px=px,
            sz=sz,
            orig_sz=sz,
            timestamp=self.now_ms,
            cloid=None if cloid is None else str(cloid).lower(),
            reduce_only=bool(wire.get("r")),
        )
        trigger = order_type.get("trigger")
        if is_object(trigger):
            try:
                order.trigger_px = validate_price(
                    trigger["triggerPx"], spec.sz_decimals, is_spot=spec.is_spot
                )
            except (HyperliquidError, KeyError, TypeError):
                raise _Rejected(ERRORS["tick"].format(asset=asset_id)) from None
            order.tpsl = "tp" if trigger.get("tpsl") == "tp" else "sl"
            order.is_market = bool(trigger.get("isMarket"))
        else:
            limit: dict[str, Any] = order_type.get("limit") or {}
            tif = limit.get("tif", "Gtc")
            order.tif = tif if tif in ("Gtc", "Ioc", "Alo", "FrontendMarket") else "Gtc"
        return order

    def _place(self, wire: Mapping[str, Any], user: str) -> Any:
        try:
            order = self._parse(wire, user)
            self._check(order)
        except _Rejected as rejected:
            return {"error": str(rejected)}
        order.oid = self._oid()
        if order.cloid is not None:
            self.account(user).cloids[order.cloid] = order.oid
        return self._execute_new(order)

    def _execute_new(self, order: Order) -> Any:
        """Rest, match or refuse a checked order; its status for the reply."""
        extra = {} if order.cloid is None else {"cloid": order.cloid}
        if order.is_trigger:
            self._open(order)
            return {"resting": {"oid": order.oid, **extra}}
        filled = self._take(order)
        if order.sz > 0 and order.tif in ("Gtc", "Alo"):
            self._open(order)
            self._rest(order)
            return {"resting": {"oid": order.oid, **extra}}
        spec = self.specs[order.coin]
        if filled:
            total = sum((sz for _, sz in filled), Decimal(0))
            avg = sum((px * sz for px, sz in filled), Decimal(0)) / total
            self._status(order, "filled")
            return {
                "filled": {
                    "totalSz": to_wire(total),
                    "avgPx": to_wire(self.tidy(avg, spec)),
                    "oid": order.oid,
                    **extra,
                }
            }
        # An IOC that met nothing: the exchange rejects it.
        self._status(order, "ioCancelRejected")
        return {"error": ERRORS["ioc"].format(asset=spec.asset)}

    def _check(self, order: Order) -> None:
        """Refuse an order as the exchange does, before it touches the book."""
        spec = self.specs[order.coin]
        asset = spec.asset
        book = self.books[order.coin]
        if order.tif == "Alo" and not order.is_trigger:
            best = book.side(is_buy=not order.is_buy).best_px()
            if best is not None and (
                order.limit_px >= best if order.is_buy else order.limit_px <= best
            ):
                bid, ask = book.bids.best_px(), book.asks.best_px()
                bbo = f"{to_wire(bid) if bid else ''}@{to_wire(ask) if ask else ''}"
                raise _Rejected(ERRORS["alo"].format(bbo=bbo, asset=asset))
        if order.synthetic:
            return
        if spec.is_spot:
            self._check_spot(order, spec)
            return
        position = self.account(order.user).positions.get(order.coin, Position())
        if order.reduce_only:
            reduces = position.szi < 0 if order.is_buy else position.szi > 0
            if not reduces:
                raise _Rejected(ERRORS["reduce_only"].format(asset=asset))
            order.sz = min(order.sz, abs(position.szi))
            order.orig_sz = order.sz
            return
        if order.sz * order.limit_px < _MIN_NOTIONAL:
            raise _Rejected(ERRORS["min_value"].format(asset=asset))
        if order.is_trigger:
            return
        needed = self.margin_used(order.user) + self._order_margin(order, order.sz)
        if needed > self.account_value(order.user):
            raise _Rejected(ERRORS["margin"].format(asset=asset))

    def _check_spot(self, order: Order, spec: CoinSpec) -> None:
        account = self.account(order.user)
        base, quote = self._spot_tokens(spec)
        if order.is_buy:
            held = sum(
                (
                    o.sz * o.limit_px
                    for o in account.open_orders.values()
                    if o.coin in self.specs and self.specs[o.coin].is_spot and o.is_buy
                ),
                Decimal(0),
            )
            enough = account.spot.get(quote, Decimal(0)) - held >= order.sz * order.limit_px
        else:
            held = sum(
                (
                    o.sz
                    for o in account.open_orders.values()
                    if o.coin == order.coin and not o.is_buy
                ),
                Decimal(0),
            )
            enough = account.spot.get(base, Decimal(0)) - held >= order.sz
        if not enough:
            raise _Rejected(ERRORS["spot_balance"].format(asset=spec.asset))
        if order.sz * order.limit_px < _MIN_NOTIONAL:
            raise _Rejected(ERRORS["min_value"].format(asset=spec.asset))

    @staticmethod
    def _spot_tokens(spec: CoinSpec) -> tuple[str, str]:
        tokens = {token["index"]: token["name"] for token in SPOT_META["tokens"]}
        for pair in SPOT_META["universe"]:
            if pair["name"] == spec.name:
                return tokens[pair["tokens"][0]], tokens[pair["tokens"][1]]
        return spec.name, "USDC"

    def leverage_of(self, user: str, coin: str) -> Leverage:
        spec = self.specs[coin]
        account = self.account(user)
        default = Leverage(is_cross=not spec.only_isolated, value=min(20, spec.max_leverage))
        return account.leverage.get(coin, default)

    def _order_margin(self, order: Order, sz: Decimal) -> Decimal:
        spec = self.specs[order.coin]
        if spec.is_spot or order.reduce_only:
            return Decimal(0)
        return sz * order.limit_px / self.leverage_of(order.user, order.coin).value

    def margin_used(self, user: str) -> Decimal:
        account = self.account(user)
        used = sum(
            (self.position_margin(user, coin, p) for coin, p in account.positions.items()),
            Decimal(0),
        )
        return used + sum(
            (self._order_margin(o, o.sz) for o in account.open_orders.values() if not o.is_trigger),
            Decimal(0),
        )

    def position_margin(self, user: str, coin: str, position: Position) -> Decimal:
        leverage = self.leverage_of(user, coin)
        if not leverage.is_cross:
            return position.isolated_margin
        return abs(position.szi) * (self.mark(coin) or position.entry_px) / leverage.value

    def unrealized_pnl(self, coin: str, position: Position) -> Decimal:
        mark = self.mark(coin) or position.entry_px
        return position.szi * (mark - position.entry_px)

    def account_value(self, user: str) -> Decimal:
        account = self.account(user)
        return account.usdc + sum(
            (self.unrealized_pnl(coin, p) for coin, p in account.positions.items()), Decimal(0)
        )

    # -- matching ----------------------------------------------------------------------------

    def _take(self, taker: Order) -> list[tuple[Decimal, Decimal]]:
        """Match ``taker`` against the opposite side; returns ``(px, sz)`` of its fills."""
        book = self.books[taker.coin]
        opposite = book.side(is_buy=not taker.is_buy)
        filled: list[tuple[Decimal, Decimal]] = []
        while taker.sz > 0:
            maker = opposite.best()
            if maker is None:
                break
            if taker.is_buy and maker.limit_px > taker.limit_px:
                break
            if not taker.is_buy and maker.limit_px < taker.limit_px:
                break
            if maker.user == taker.user:
                self._unrest(maker)
                self._status(maker, "selfTradeCanceled")
                continue
            size = min(taker.sz, maker.sz)
            if taker.reduce_only:
                position = self.account(taker.user).positions.get(taker.coin, Position())
                size = min(size, abs(position.szi))
                if size <= 0:
                    break
            filled.append((maker.limit_px, size))
            self._trade(taker, maker, size)
        if filled:
            self._events.append(BookChanged(coin=taker.coin))
        return filled

    def _trade(self, taker: Order, maker: Order, size: Decimal) -> None:
        px = maker.limit_px
        self._next_tid += 1
        tid = self._next_tid
        digest = "0x" + hashlib.sha256(f"{self.seed}:{tid}".encode()).hexdigest()
        buyer, seller = (taker, maker) if taker.is_buy else (maker, taker)
        trade = {
            "coin": taker.coin,
            "side": taker.side,
            "px": to_wire(px),
            "sz": to_wire(size),
            "time": self.now_ms,
            "hash": digest,
            "tid": tid,
            "users": [buyer.user, seller.user],
        }
        self.trades[taker.coin].append(trade)
        if maker.synthetic:
            self._stale.add(taker.coin)
        self.last_px[taker.coin] = px
        self._events.append(TradeEvent(coin=taker.coin, trade=trade))
        for order, crossed in ((maker, False), (taker, True)):
            self._settle(order, px, size, tid, digest, crossed=crossed)
        maker.sz -= size
        taker.sz -= size
        if maker.sz == 0:
            self._unrest(maker)
            self._status(maker, "filled")
        else:
            self._events.append(L4Change.of(maker, "update", sz=maker.sz, orig_sz=maker.sz + size))
            if not maker.synthetic:
                self._events.append(UserChanged(user=maker.user))

    def _settle(
        self, order: Order, px: Decimal, size: Decimal, tid: int, digest: str, *, crossed: bool
    ) -> None:
        """Book one side of a trade into the owner's account and fills."""
        spec = self.specs[order.coin]
        account = self.account(order.user)
        notional = px * size
        fee = (notional * (TAKER_FEE if crossed else MAKER_FEE)).quantize(_FEE_QUANTUM)
        if spec.is_spot:
            base, quote = self._spot_tokens(spec)
            sign = 1 if order.is_buy else -1
            start = account.spot.get(base, Decimal(0))
            account.spot[base] = start + sign * size
            account.spot[quote] = account.spot.get(quote, Decimal(0)) - sign * notional - fee
            direction, closed_pnl = ("Buy" if order.is_buy else "Sell"), Decimal(0)
        else:
            position = account.positions.setdefault(order.coin, Position())
            start = position.szi
            direction, closed_pnl = self._apply(order, position, px, size)
            account.usdc += closed_pnl - fee
            if position.szi == 0:
                del account.positions[order.coin]
        if order.synthetic:
            return  # the synthetic traders' fills are on the tape, nobody follows them
        fill: dict[str, Any] = {
            "coin": order.coin,
            "px": to_wire(px),
            "sz": to_wire(size),
            "side": order.side,
            "time": self.now_ms,
            "startPosition": to_wire(start),
            "dir": direction,
            "closedPnl": to_wire(closed_pnl),
            "hash": digest,
            "oid": order.oid,
            "crossed": crossed,
            "fee": to_wire(fee),
            "tid": tid,
            "feeToken": "USDC",
        }
        if order.cloid is not None:
            fill["cloid"] = order.cloid
        account.fills.append(fill)
        self._events.append(FillEvent(user=order.user, fill=fill))
        self._events.append(UserChanged(user=order.user))

    def _apply(
        self, order: Order, position: Position, px: Decimal, size: Decimal
    ) -> tuple[str, Decimal]:
        """Move a perp position by one fill; returns (``dir``, closed PnL)."""
        delta = size if order.is_buy else -size
        old = position.szi
        leverage = self.leverage_of(order.user, order.coin)
        if old == 0 or (old > 0) == (delta > 0):
            new = old + delta
            position.entry_px = (abs(old) * position.entry_px + size * px) / abs(new)
            position.szi = new
            if not leverage.is_cross:
                position.isolated_margin += size * px / leverage.value
            return ("Open Long" if delta > 0 else "Open Short"), Decimal(0)
        closing = min(size, abs(old))
        pnl = closing * (px - position.entry_px) * (1 if old > 0 else -1)
        new = old + delta
        if not leverage.is_cross and old != 0:
            position.isolated_margin -= position.isolated_margin * closing / abs(old)
        position.szi = new
        if new == 0:
            position.entry_px = Decimal(0)
            position.isolated_margin = Decimal(0)
            return ("Close Long" if old > 0 else "Close Short"), pnl
        if (new > 0) != (old > 0):
            position.entry_px = px
            if not leverage.is_cross:
                position.isolated_margin = abs(new) * px / leverage.value
            return ("Long > Short" if old > 0 else "Short > Long"), pnl
        return ("Close Long" if old > 0 else "Close Short"), pnl

    # -- order bookkeeping ---------------------------------------------------------------------

    def _open(self, order: Order) -> None:
        """Record a new open order (resting, or waiting for its trigger)."""
        self._orders[order.oid] = order
        if not order.synthetic:
            self.account(order.user).open_orders[order.oid] = order
        self._status(order, "open")

    def _rest(self, order: Order) -> None:
        self.books[order.coin].side(is_buy=order.is_buy).add(order)
        self._events.append(BookChanged(coin=order.coin))
        self._events.append(
            L4Change.of(order, "new", sz=order.sz, opened=order, time_ms=self.now_ms)
        )

    def _unrest(self, order: Order) -> None:
        """Take an order off its book (filled or canceled) and out of the open orders."""
        self._orders.pop(order.oid, None)
        if not order.synthetic:
            self.account(order.user).open_orders.pop(order.oid, None)
        if order.is_trigger:
            return
        self.books[order.coin].side(is_buy=order.is_buy).remove(order)
        self._events.append(BookChanged(coin=order.coin))
        self._events.append(L4Change.of(order, "remove"))

    def _status(self, order: Order, status: str) -> None:
        if order.synthetic:
            return
        event = OrderEvent(
            user=order.user,
            order=order.basic(),
            status=status,
            status_timestamp=self.now_ms,
        )
        account = self.account(order.user)
        account.history.append(event)
        account.latest[order.oid] = OrderEvent(
            user=order.user, order=order.frontend(), status=status, status_timestamp=self.now_ms
        )
        self._events.append(event)
        self._events.append(UserChanged(user=order.user))

    def _find(self, user: str, key: Any, asset: Any = None) -> Order | None:
        account = self.account(user)
        if isinstance(key, str):
            oid = account.cloids.get(key.lower())
        elif isinstance(key, int) and not isinstance(key, bool):
            oid = key
        else:
            return None
        order = account.open_orders.get(oid) if oid is not None else None
        if order is None:
            return None
        if asset is not None and self.specs[order.coin].asset != asset:
            return None
        return order

    def _cancel_one(self, cancel: Mapping[str, Any], user: str) -> Any:
        asset = cancel.get("a", cancel.get("asset"))
        order = self._find(user, cancel.get("o", cancel.get("cloid")), asset)
        if order is None:
            return {"error": ERRORS["cancel"].format(asset=asset)}
        self._cancel(order, "canceled")
        return "success"

    def _cancel(self, order: Order, status: str) -> None:
        self._unrest(order)
        self._status(order, status)

    def _modify(self, key: Any, wire: Mapping[str, Any], user: str) -> Any:
        order = self._find(user, key)
        if order is None:
            return {"error": ERRORS["modify"]}
        account = self.account(user)
        try:
            replacement = self._parse(wire, user)
            # Checked without the order it replaces (its margin is released by the modify).
            del account.open_orders[order.oid]
            try:
                self._check(replacement)
            finally:
                account.open_orders[order.oid] = order
        except _Rejected as rejected:
            return {"error": str(rejected)}  # the original order stays as it was
        # The modified order keeps its oid and loses its place in the queue.
        self._unrest(order)
        replacement.oid = order.oid
        replacement.cloid = replacement.cloid or order.cloid
        if replacement.cloid is not None:
            account.cloids[replacement.cloid] = replacement.oid
        return self._execute_new(replacement)

    def _updateleverage_of(self, action: Mapping[str, Any], user: str) -> dict[str, Any]:
        spec = self.by_asset.get(action.get("asset"))  # type: ignore[arg-type]
        leverage = action.get("leverage")
        if spec is None or spec.is_spot:
            return _err(ERRORS["asset"].format(asset=action.get("asset")))
        if not isinstance(leverage, int) or not 1 <= leverage <= spec.max_leverage:
            return _err(ERRORS["leverage"])
        is_cross = bool(action.get("isCross"))
        if is_cross and spec.only_isolated:
            return _err(ERRORS["isolated_only"])
        account = self.account(user)
        account.leverage[spec.name] = Leverage(is_cross=is_cross, value=leverage)
        self._events.append(UserChanged(user=user))
        return _ok({"type": "default"})

    def _update_isolated_margin(self, action: Mapping[str, Any], user: str) -> dict[str, Any]:
        spec = self.by_asset.get(action.get("asset"))  # type: ignore[arg-type]
        if spec is None or spec.is_spot:
            return _err(ERRORS["asset"].format(asset=action.get("asset")))
        account = self.account(user)
        position = account.positions.get(spec.name)
        if position is None or self.leverage_of(user, spec.name).is_cross:
            return _err(ERRORS["margin_empty"])
        amount = Decimal(int(action.get("ntli", 0))) / 1_000_000
        if amount > 0 and amount > self.account_value(user) - self.margin_used(user):
            return _err(ERRORS["margin"].format(asset=spec.asset))
        position.isolated_margin += amount
        self._events.append(UserChanged(user=user))
        return _ok({"type": "default"})

    # -- time-driven --------------------------------------------------------------------------

    def _run_schedules(self) -> None:
        for account in self.accounts.values():
            when = account.scheduled_cancel
            if when is not None and when <= self.now_ms:
                account.scheduled_cancel = None
                for order in list(account.open_orders.values()):
                    self._cancel(order, "scheduledCancel")

    def _fire_triggers(self) -> None:
        for order in [o for o in self._orders.values() if o.is_trigger]:
            mark = self.mark(order.coin)
            assert order.trigger_px is not None
            if mark is None:
                continue
            # A TP sells above / buys below its trigger; an SL sells below / buys above.
            above = (order.tpsl == "tp") != order.is_buy
            if not (mark >= order.trigger_px if above else mark <= order.trigger_px):
                continue
            self._unrest(order)
            self._status(order, "triggered")
            order.trigger_px = None
            order.tpsl = None
            order.tif = "Ioc" if order.is_market else "Gtc"
            order.timestamp = self.now_ms
            self._take(order)
            if order.sz > 0 and order.tif == "Gtc":
                self._open(order)
                self._rest(order)
            elif order.sz < order.orig_sz:
                self._status(order, "filled")
            else:
                self._status(order, "canceled")

    # -- the synthetic market --------------------------------------------------------------------

    def _quote(self, coin: str) -> None:
        """The makers cancel their quotes and quote again around the fair price."""
        spec = self.specs[coin]
        book = self.books[coin]
        self._stale.discard(coin)
        for order in [o for o in book.bids.orders() if o.synthetic] + [
            o for o in book.asks.orders() if o.synthetic
        ]:
            self._unrest(order)
        fair = self._fair[coin]
        for level in range(SYNTHETIC_LEVELS):
            for is_buy in (True, False):
                ticks = fair - 1 - level if is_buy else fair + 1 + level
                notional = Decimal(self._rng.randint(2_000, 40_000))
                size = (notional / spec.start_px).quantize(spec.lot, rounding=ROUND_DOWN)
                if size <= 0:
                    size = spec.lot
                maker = Order(
                    oid=self._oid(),
                    user=self._makers[level % 2],
                    coin=coin,
                    is_buy=is_buy,
                    limit_px=spec.tick * ticks,
                    sz=size,
                    orig_sz=size,
                    timestamp=self.now_ms,
                    synthetic=True,
                )
                self._take(maker)
                if maker.sz > 0:
                    self._orders[maker.oid] = maker
                    self._rest(maker)

    def _synthetic_trade(self, coin: str) -> None:
        spec = self.specs[coin]
        is_buy = self._rng.random() < 0.5
        best = self.books[coin].side(is_buy=not is_buy).best_px()
        if best is None:
            return
        size = (Decimal(self._rng.randint(50, 2_000)) / spec.start_px).quantize(
            spec.lot, rounding=ROUND_DOWN
        ) or spec.lot
        taker = Order(
            oid=self._oid(),
            user=self._taker,
            coin=coin,
            is_buy=is_buy,
            limit_px=best,
            sz=size,
            orig_sz=size,
            timestamp=self.now_ms,
            tif="Ioc",
            synthetic=True,
        )
        self._take(taker)


def _ok(response: Any) -> dict[str, Any]:
    return {"status": "ok", "response": response}


def _err(message: str) -> dict[str, Any]:
    return {"status": "err", "response": message}
