"""What the simulated exchange shows: info replies and stream frames, computed from a
:class:`~trio_hl.testing._market.Market` (sans-IO, like the market itself).

Every reply and every frame is a view of the one state, so a bot sees the same order in its
``orderUpdates``, its ``openOrders`` reply, its ``webData2`` and the book.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from .._numbers import to_wire
from .._policy import BufferPolicy
from .._protocol import CHANNELS
from . import frames
from ._info_fixtures import BUILDER_DEX, MAIN_META, SPOT_META, TEST_DEX_META
from ._market import (
    BookChanged,
    Event,
    FillEvent,
    L4Change,
    Market,
    OrderEvent,
    TradeEvent,
    UserChanged,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "COIN_CHANNELS",
    "INTERVALS",
    "USER_CHANNELS",
    "Changes",
    "Frame",
    "info_reply",
    "live_frames",
    "snapshot_frames",
    "subscription_error",
]

Frame = tuple[str, Any]
"""``(channel, data)``."""

INTERVALS: Final = {
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

COIN_CHANNELS: Final = frozenset(
    {"l2Book", "trades", "bbo", "candle", "activeAssetCtx", "activeAssetData", "l4Book"}
)
"""Subscription types whose ``coin`` must be a listed coin."""

USER_CHANNELS: Final = frozenset(
    {
        "orderUpdates",
        "userEvents",
        "userFills",
        "userFundings",
        "userNonFundingLedgerUpdates",
        "userTwapSliceFills",
        "userTwapHistory",
        "userHistoricalOrders",
        "clearinghouseState",
        "openOrders",
        "spotState",
        "twapStates",
        "allDexsClearinghouseState",
        "webData2",
        "webData3",
        "activeAssetData",
        "notification",
    }
)
"""Subscription types that name a ``user`` (they count toward the distinct-user cap)."""

_MARKET_CHANNELS: Final = frozenset(
    {"l2Book", "trades", "bbo", "candle", "allMids", "activeAssetCtx", "l4Book"}
    | {"assetCtxs", "spotAssetCtxs"}
)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))


def subscription_error(
    market: Market, subscription: Mapping[str, Any], *, goldrush: bool
) -> str | None:
    """The ``error`` text the server answers a subscribe with, or ``None`` if it is valid."""
    kind = subscription.get("type")
    invalid = f"Invalid subscription {_dumps(subscription)}"
    if not isinstance(kind, str) or kind not in _MARKET_CHANNELS | USER_CHANNELS:
        return invalid
    if kind == "l4Book" and not goldrush:
        return invalid
    if kind in COIN_CHANNELS:
        coin = subscription.get("coin")
        if coin is None and kind == "l2Book" and goldrush:
            pass  # GoldRush's wildcard book
        elif not isinstance(coin, str) or coin not in market.specs:
            return invalid
    if kind == "candle" and subscription.get("interval") not in INTERVALS:
        return invalid
    if kind == "l2Book" and not _valid_aggregation(subscription):
        return invalid
    if kind in USER_CHANNELS and not _is_address(subscription.get("user")):
        return invalid
    return None


def _valid_aggregation(subscription: Mapping[str, Any]) -> bool:
    figures, mantissa = subscription.get("nSigFigs"), subscription.get("mantissa")
    if figures is not None and figures not in (2, 3, 4, 5):
        return False
    return mantissa is None or (figures == 5 and mantissa in (1, 2, 5))


def _is_address(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 42 or not value.startswith("0x"):
        return False
    try:
        int(value[2:], 16)
    except ValueError:
        return False
    return True


# -- one block's changes, indexed once for every subscription ----------------------------------


@attrs.define
class Changes:
    """The events of one publication, indexed for the subscriptions."""

    books: set[str] = attrs.Factory(set[str])
    trades: dict[str, list[dict[str, Any]]] = attrs.Factory(lambda: defaultdict(list))
    orders: dict[str, list[OrderEvent]] = attrs.Factory(lambda: defaultdict(list))
    fills: dict[str, list[dict[str, Any]]] = attrs.Factory(lambda: defaultdict(list))
    users: set[str] = attrs.Factory(set[str])
    l4: dict[str, list[L4Change]] = attrs.Factory(lambda: defaultdict(list))
    bbo: set[str] = attrs.Factory(set[str])  # coins whose top of book changed (set by the shell)

    @classmethod
    def of(cls, events: list[Event]) -> Changes:
        changes = cls()
        for event in events:
            if isinstance(event, BookChanged):
                changes.books.add(event.coin)
            elif isinstance(event, TradeEvent):
                changes.trades[event.coin].append(event.trade)
            elif isinstance(event, OrderEvent):
                changes.orders[event.user].append(event)
            elif isinstance(event, FillEvent):
                changes.fills[event.user].append(event.fill)
            elif isinstance(event, UserChanged):
                changes.users.add(event.user)
            else:
                changes.l4[event.coin].append(event)
        return changes


# -- stream frames ----------------------------------------------------------------------------


def bbo(market: Market, coin: str) -> dict[str, Any]:
    book = market.books[coin]
    sides: list[dict[str, Any] | None] = []
    for side in (book.bids, book.asks):
        level = next(iter(side.levels()), None)
        sides.append(
            None
            if level is None
            else frames.level_data(
                level[0], sum((o.sz for o in level[1]), Decimal(0)), len(level[1])
            )
        )
    return (
        frames.bbo_data(coin, bid=sides[0], ask=sides[1], time=market.now_ms)
        if any(sides)
        else {"coin": coin, "time": market.now_ms, "bbo": [None, None]}
    )


def l2_book(
    market: Market,
    coin: str,
    *,
    goldrush: bool = False,
    n_sig_figs: Any = None,
    mantissa: Any = None,
) -> dict[str, Any]:
    bids, asks = market.books[coin].l2(n_sig_figs=n_sig_figs, mantissa=mantissa)
    data = frames.l2_book_data(coin, bids=bids, asks=asks, time=market.now_ms)
    if goldrush:
        data["block_height"] = market.block_height
    return data


def _l2_frame(
    market: Market, coin: str, subscription: Mapping[str, Any], goldrush: bool
) -> dict[str, Any]:
    return l2_book(
        market,
        coin,
        goldrush=goldrush,
        n_sig_figs=subscription.get("nSigFigs"),
        mantissa=subscription.get("mantissa"),
    )


def _user(subscription: Mapping[str, Any]) -> str:
    return str(subscription.get("user", "")).lower()


def snapshot_frames(
    market: Market, subscription: Mapping[str, Any], *, goldrush: bool = False
) -> list[Frame]:
    """What the server sends right after acknowledging ``subscription``."""
    kind = subscription["type"]
    coin = str(subscription.get("coin") or "")  # "" only for GoldRush's wildcard l2Book
    user = _user(subscription)
    if kind == "l2Book":
        coins = [coin] if coin else list(market.specs)
        return [("l2Book", _l2_frame(market, c, subscription, goldrush)) for c in coins]
    if kind == "bbo":
        return [("bbo", bbo(market, coin))]
    if kind == "trades":
        recent = list(market.trades[coin])
        return [("trades", recent)] if recent else []
    if kind == "allMids":
        return [("allMids", _all_mids(market, subscription))]
    if kind == "candle":
        candle = market_candle(market, coin, subscription["interval"])
        return [] if candle is None else [("candle", candle)]
    if kind == "activeAssetCtx":
        return [_active_ctx(market, coin)]
    if kind == "assetCtxs":
        dex = str(subscription.get("dex") or "")
        return [("assetCtxs", frames.asset_ctxs_data(perp_ctxs(market, dex), dex=dex))]
    if kind == "spotAssetCtxs":
        return [("spotAssetCtxs", spot_ctxs(market))]
    if kind == "l4Book":
        return [("l4Book", l4_snapshot(market, coin))]
    if kind == "userFills":
        fills = market.account(user).fills[-_SNAPSHOT:]
        return [("userFills", frames.user_fills_data(user, fills, is_snapshot=True))]
    if kind == "userHistoricalOrders":
        history = [e.update() for e in reversed(market.account(user).history[-_SNAPSHOT:])]
        return [("userHistoricalOrders", frames.user_historical_orders_data(user, history))]
    if kind == "userFundings":
        return [("userFundings", frames.user_fundings_data(user, []))]
    if kind == "userNonFundingLedgerUpdates":
        return [("userNonFundingLedgerUpdates", frames.ledger_updates_data(user, []))]
    if kind == "userTwapSliceFills":
        return [("userTwapSliceFills", frames.twap_slice_fills_data(user, []))]
    if kind == "userTwapHistory":
        return [("userTwapHistory", frames.twap_history_data(user, []))]
    return _user_state_frames(market, subscription)


_SNAPSHOT: Final = 2000


def live_frames(
    market: Market, subscription: Mapping[str, Any], changes: Changes, *, goldrush: bool = False
) -> list[Frame]:
    """What ``changes`` send to ``subscription``."""
    kind = subscription["type"]
    coin = str(subscription.get("coin") or "")  # "" only for GoldRush's wildcard l2Book
    user = _user(subscription)
    if kind == "l2Book":
        coins = [coin] if coin else sorted(changes.books)
        return [
            ("l2Book", _l2_frame(market, c, subscription, goldrush))
            for c in coins
            if c in changes.books
        ]
    if kind == "bbo":
        return [("bbo", bbo(market, coin))] if coin in changes.bbo else []
    if kind == "trades":
        trades = changes.trades.get(coin)
        return [("trades", trades)] if trades else []
    if kind == "allMids":
        return [("allMids", _all_mids(market, subscription))] if changes.books else []
    if kind == "candle":
        if not changes.trades.get(coin):
            return []
        candle = market_candle(market, coin, subscription["interval"])
        return [] if candle is None else [("candle", candle)]
    if kind == "activeAssetCtx":
        return [_active_ctx(market, coin)] if coin in changes.books else []
    if kind == "assetCtxs":
        dex = str(subscription.get("dex") or "")
        return (
            [("assetCtxs", frames.asset_ctxs_data(perp_ctxs(market, dex), dex=dex))]
            if changes.books
            else []
        )
    if kind == "spotAssetCtxs":
        return [("spotAssetCtxs", spot_ctxs(market))] if changes.books else []
    if kind == "l4Book":
        diffs = changes.l4.get(coin)
        return [("l4Book", l4_updates(market, diffs))] if diffs else []
    if kind == "orderUpdates":
        updates = changes.orders.get(user)
        return [("orderUpdates", [e.update() for e in updates])] if updates else []
    if kind == "userEvents":
        fills = changes.fills.get(user)
        return [("user", frames.user_events_data(fills=fills))] if fills else []
    if kind == "userFills":
        fills = changes.fills.get(user)
        return [("userFills", frames.user_fills_data(user, fills))] if fills else []
    if kind == "userHistoricalOrders":
        updates = changes.orders.get(user)
        if not updates:
            return []
        history = [
            e.update() | {"order": market.account(user).latest[e.order["oid"]].order}
            for e in updates
        ]
        return [
            (
                "userHistoricalOrders",
                frames.user_historical_orders_data(user, history, is_snapshot=False),
            )
        ]
    if kind in _STATE_CHANNELS and user in changes.users:
        return _user_state_frames(market, subscription)
    return []


# The user channels whose every message is the whole state: the table's keep-latest rows.
_STATE_CHANNELS: Final = frozenset(
    kind for kind in USER_CHANNELS if CHANNELS[kind].policy == BufferPolicy.keep_latest(1)
)


def _user_state_frames(market: Market, subscription: Mapping[str, Any]) -> list[Frame]:
    kind = subscription["type"]
    user = _user(subscription)
    dex = str(subscription.get("dex") or "")
    if kind == "clearinghouseState":
        return [
            (
                "clearinghouseState",
                frames.clearinghouse_state_data(user, clearinghouse(market, user, dex), dex=dex),
            )
        ]
    if kind == "openOrders":
        orders = frontend_open_orders(market, user, dex)
        return [("openOrders", frames.open_orders_data(user, orders, dex=dex))]
    if kind == "spotState":
        return [("spotState", {"user": user, "spotState": spot_clearinghouse(market, user)})]
    if kind == "twapStates":
        return [("twapStates", frames.twap_states_data(user, [], dex=dex))]
    if kind == "allDexsClearinghouseState":
        states = {d: clearinghouse(market, user, d) for d in ("", BUILDER_DEX)}
        return [
            ("allDexsClearinghouseState", frames.all_dexs_clearinghouse_state_data(user, states))
        ]
    if kind == "webData2":
        return [("webData2", web_data2(market, user))]
    if kind == "webData3":
        return [("webData3", frames.web_data3_data(user, server_time=market.now_ms))]
    if kind == "activeAssetData":
        return [("activeAssetData", active_asset_data(market, user, subscription["coin"]))]
    return []  # orderUpdates, userEvents, notification: nothing until something happens


def _all_mids(market: Market, subscription: Mapping[str, Any]) -> dict[str, Any]:
    dex = str(subscription.get("dex") or "")
    return frames.all_mids_data(market.mids(dex), dex=dex or None)


def _active_ctx(market: Market, coin: str) -> Frame:
    spec = market.specs[coin]
    if spec.is_spot:
        return ("activeSpotAssetCtx", frames.active_asset_ctx_data(coin, _spot_ctx(market, coin)))
    return ("activeAssetCtx", frames.active_asset_ctx_data(coin, _perp_ctx(market, coin)))


def market_candle(market: Market, coin: str, interval: str) -> dict[str, Any] | None:
    """The open candle of ``coin`` (from the recent trades), or ``None`` without trades."""
    step = INTERVALS[interval]
    start = market.now_ms - market.now_ms % step
    trades = [t for t in market.trades[coin] if t["time"] >= start]
    if not trades:
        return None
    prices = [Decimal(t["px"]) for t in trades]
    return frames.candle_data(
        coin,
        interval,
        t=start,
        close_time=start + step - 1,
        o=trades[0]["px"],
        c=trades[-1]["px"],
        h=max(prices),
        low=min(prices),
        v=sum((Decimal(t["sz"]) for t in trades), Decimal(0)),
        n=len(trades),
    )


def l4_snapshot(market: Market, coin: str) -> dict[str, Any]:
    book = market.books[coin]
    return frames.l4_book_snapshot_data(
        coin,
        bids=[o.l4() for o in book.bids.orders()],
        asks=[o.l4() for o in book.asks.orders()],
        time=market.now_ms,
        block_height=market.block_height,
    )


def l4_updates(market: Market, changes: list[L4Change]) -> dict[str, Any]:
    return frames.l4_book_updates_data(
        order_statuses=[
            {
                "time": _iso(c.time_ms),
                "user": c.user,
                "status": "open",
                "order": c.opened.l4(with_user=False) | {"sz": to_wire(c.sz)},
            }
            for c in changes
            if c.opened is not None
        ],
        book_diffs=[
            {
                "user": c.user,
                "oid": c.oid,
                "px": to_wire(c.px),
                "coin": c.coin,
                "raw_book_diff": _raw_diff(c),
            }
            for c in changes
        ],
        time=market.now_ms,
        block_height=market.block_height,
    )


def _raw_diff(change: L4Change) -> Any:
    if change.kind == "new":
        return {"new": {"sz": to_wire(change.sz)}}
    if change.kind == "update":
        return {"update": {"origSz": to_wire(change.orig_sz), "newSz": to_wire(change.sz)}}
    return "remove"


def _iso(ms: int) -> str:
    """GoldRush's order-status time: naive UTC with nanoseconds."""
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.%f") + "000"


# -- account views ------------------------------------------------------------------------------


def _dex_of(market: Market, coin: str) -> str:
    return market.specs[coin].dex


def frontend_open_orders(market: Market, user: str, dex: str = "") -> list[dict[str, Any]]:
    """Newest first, as the server lists them."""
    orders = market.account(user).open_orders.values()
    return [
        o.frontend()
        for o in sorted(orders, key=lambda o: (o.timestamp, o.oid), reverse=True)
        if _dex_of(market, o.coin) == dex or (dex == "" and market.specs[o.coin].is_spot)
    ]


def open_orders(market: Market, user: str, dex: str = "") -> list[dict[str, Any]]:
    orders = market.account(user).open_orders.values()
    return [
        o.basic()
        for o in sorted(orders, key=lambda o: (o.timestamp, o.oid), reverse=True)
        if _dex_of(market, o.coin) == dex or (dex == "" and market.specs[o.coin].is_spot)
    ]


def clearinghouse(market: Market, user: str, dex: str = "") -> dict[str, Any]:
    account = market.account(user)
    positions: list[dict[str, Any]] = []
    total_ntl = Decimal(0)
    for coin, position in sorted(account.positions.items()):
        spec = market.specs[coin]
        if spec.dex != dex or spec.is_spot:
            continue
        mark = market.mark(coin) or position.entry_px
        leverage = market.leverage_of(user, coin)
        value = abs(position.szi) * mark
        margin = market.position_margin(user, coin, position)
        pnl = market.unrealized_pnl(coin, position)
        total_ntl += value
        entry = position.entry_px.quantize(spec.tick / 10)
        positions.append(
            frames.position_data(
                coin=coin,
                szi=position.szi,
                entry_px=entry,
                leverage=leverage.value,
                cross=leverage.is_cross,
                position_value=value.quantize(Decimal("0.000001")),
                unrealized_pnl=pnl.quantize(Decimal("0.000001")),
                margin_used=margin.quantize(Decimal("0.000001")),
                max_leverage=spec.max_leverage,
            )
        )
        entry_ = positions[-1]["position"]
        entry_["returnOnEquity"] = (
            to_wire((pnl / margin).quantize(Decimal("0.00000001"))) if margin else "0.0"
        )
        entry_["cumFunding"] = {"allTime": "0.0", "sinceOpen": "0.0", "sinceChange": "0.0"}
        if not leverage.is_cross:
            entry_["leverage"]["rawUsd"] = to_wire(
                (-position.szi * position.entry_px + position.isolated_margin).quantize(
                    Decimal("0.000001")
                )
            )
    value = market.account_value(user).quantize(Decimal("0.000001"))
    used = market.margin_used(user).quantize(Decimal("0.000001"))
    if dex:
        value = used = Decimal(0)
    return frames.clearinghouse_state(
        account_value=value,
        total_ntl_pos=total_ntl.quantize(Decimal("0.000001")),
        total_raw_usd=account.usdc.quantize(Decimal("0.000001")) if not dex else Decimal(0),
        total_margin_used=used,
        withdrawable=max(value - used, Decimal(0)),
        positions=positions,
        time=market.now_ms,
    )


def spot_clearinghouse(market: Market, user: str) -> dict[str, Any]:
    account = market.account(user)
    tokens = {token["name"]: token["index"] for token in SPOT_META["tokens"]}
    return {
        "balances": [
            {
                "coin": name,
                "token": tokens.get(name, 0),
                "total": to_wire(total),
                "hold": "0.0",
                "entryNtl": "0.0",
            }
            for name, total in sorted(account.spot.items())
        ]
    }


def _perp_ctx(market: Market, coin: str) -> dict[str, Any]:
    mark = market.mark(coin)
    mid = market.mid(coin)
    spec = market.specs[coin]
    mark_text = to_wire(market.tidy(mark, spec)) if mark is not None else "0.0"
    return frames.perp_asset_ctx(
        mark_px=mark_text,
        mid_px=None if mid is None else to_wire(market.tidy(mid, spec)),
        oraclePx=mark_text,
        prevDayPx=to_wire(spec.start_px),
        impactPxs=None if mid is None else [mark_text, mark_text],
    )


def _spot_ctx(market: Market, coin: str) -> dict[str, Any]:
    mark = market.mark(coin)
    spec = market.specs[coin]
    text = to_wire(market.tidy(mark, spec)) if mark is not None else "0.0"
    return frames.spot_asset_ctx(coin, mark_px=text, midPx=text, prevDayPx=to_wire(spec.start_px))


def perp_ctxs(market: Market, dex: str) -> list[dict[str, Any]]:
    meta = TEST_DEX_META if dex == BUILDER_DEX else MAIN_META
    return [
        _perp_ctx(market, asset["name"])
        if asset["name"] in market.specs
        else frames.perp_asset_ctx()
        for asset in meta["universe"]
    ]


def spot_ctxs(market: Market) -> list[dict[str, Any]]:
    return [
        _spot_ctx(market, pair["name"])
        for pair in SPOT_META["universe"]
        if pair["name"] in market.specs
    ]


def web_data2(market: Market, user: str) -> dict[str, Any]:
    return frames.web_data2_data(
        user,
        state=clearinghouse(market, user),
        open_orders=frontend_open_orders(market, user),
        meta=MAIN_META,
        asset_ctxs=perp_ctxs(market, ""),
        spot_asset_ctxs=spot_ctxs(market),
        server_time=market.now_ms,
    )


def active_asset_data(market: Market, user: str, coin: str) -> dict[str, Any]:
    leverage = market.leverage_of(user, coin)
    mark = market.mark(coin) or Decimal(1)
    free = max(market.account_value(user) - market.margin_used(user), Decimal(0))
    spec = market.specs[coin]
    max_size = to_wire((free * leverage.value / mark).quantize(spec.lot, rounding="ROUND_DOWN"))
    return frames.active_asset_data(
        user,
        coin,
        leverage={"type": "cross" if leverage.is_cross else "isolated", "value": leverage.value},
        maxTradeSzs=[max_size, max_size],
        availableToTrade=[to_wire(free.quantize(Decimal("0.000001")))] * 2,
        markPx=to_wire(market.tidy(mark, spec)),
    )


# -- info --------------------------------------------------------------------------------------


def info_reply(market: Market, payload: Mapping[str, Any]) -> Any:
    """The ``data`` of an info reply of a type in :data:`MARKET_INFO_TYPES`."""
    kind = payload.get("type")
    user = str(payload.get("user", "")).lower()
    dex = str(payload.get("dex") or "")
    if kind == "openOrders":
        return open_orders(market, user, dex)
    if kind == "frontendOpenOrders":
        return frontend_open_orders(market, user, dex)
    if kind == "orderStatus":
        oid = payload.get("oid")
        found = market.order(user, oid) if isinstance(oid, int | str) else None
        if found is None:
            return {"status": "unknownOid"}
        return {"status": "order", "order": found.update()}
    if kind == "historicalOrders":
        account = market.account(user)
        return [
            account.latest[oid].update()
            for oid in sorted(
                account.latest, key=lambda o: account.latest[o].status_timestamp, reverse=True
            )
        ][:_SNAPSHOT]
    if kind == "userFills":
        return list(reversed(market.account(user).fills))[:_SNAPSHOT]
    if kind == "userFillsByTime":
        start = int(payload.get("startTime", 0))
        end = payload.get("endTime")
        stop = int(end) if end is not None else market.now_ms
        return [f for f in market.account(user).fills if start <= f["time"] <= stop][:_SNAPSHOT]
    if kind == "clearinghouseState":
        return clearinghouse(market, user, dex)
    if kind == "spotClearinghouseState":
        return spot_clearinghouse(market, user)
    if kind == "l2Book":
        coin = payload.get("coin")
        if coin not in market.specs or not _valid_aggregation(payload):
            return None
        return _l2_frame(market, str(coin), payload, False)
    if kind == "allMids":
        if dex not in ("", BUILDER_DEX):
            return None
        return market.mids(dex)
    if kind == "recentTrades":
        coin = payload.get("coin")
        return list(market.trades[coin]) if coin in market.specs else []
    if kind == "metaAndAssetCtxs":
        if dex not in ("", BUILDER_DEX):
            return None
        return [TEST_DEX_META if dex else MAIN_META, perp_ctxs(market, dex)]
    if kind == "spotMetaAndAssetCtxs":
        return [SPOT_META, spot_ctxs(market)]
    if kind == "webData2":
        return web_data2(market, user)
    if kind == "activeAssetData":
        coin = payload.get("coin")
        return active_asset_data(market, user, str(coin)) if coin in market.specs else None
    raise KeyError(f"the market does not answer {kind!r}")


MARKET_INFO_TYPES: Final = (
    "openOrders",
    "frontendOpenOrders",
    "orderStatus",
    "historicalOrders",
    "userFills",
    "userFillsByTime",
    "clearinghouseState",
    "spotClearinghouseState",
    "l2Book",
    "allMids",
    "recentTrades",
    "metaAndAssetCtxs",
    "spotMetaAndAssetCtxs",
    "webData2",
    "activeAssetData",
)
"""The info types the market answers (``meta``, ``spotMeta`` and the rest keep the
fixtures, which describe the same universe)."""
