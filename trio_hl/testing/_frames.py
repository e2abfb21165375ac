"""Typed builders of the server's ``data`` payloads, one (at least) per data channel.

Every builder returns the JSON object the server sends as ``data`` on its channel, shaped
like the recorded frames, with realistic defaults for everything you do not pass, so a test
says only what matters to it::

    await fake.push("userFills", user_fills_data(USER, [fill_data(px="108000", sz="0.01")]))

Numbers are accepted as :class:`~decimal.Decimal`, ``int`` or decimal text; text is sent as
given (so ``"108969.0"`` stays ``"108969.0"``, as the server writes it), other numbers in
canonical form. :data:`CHANNEL_BUILDERS` maps every channel to a builder taking no
arguments, which the package's tests use to prove that each one decodes.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal

from .._numbers import to_wire
from ._goldrush_frames import (
    fill_pairs_data,
    goldrush_fill,
    l2_diff2_data,
    l2_diff_snapshot_data,
    l2_diff_updates_data,
    l4_updates_data,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

__all__ = [
    "CHANNEL_BUILDERS",
    "Number",
    "active_asset_ctx_data",
    "active_asset_data",
    "all_dexs_asset_ctxs_data",
    "all_dexs_clearinghouse_state_data",
    "all_mids_data",
    "asset_ctxs_data",
    "basic_order_data",
    "bbo_data",
    "candle_data",
    "clearinghouse_state",
    "clearinghouse_state_data",
    "fill_data",
    "fill_pairs_data",
    "frontend_order_data",
    "goldrush_fill",
    "l2_book_data",
    "l2_diff2_data",
    "l2_diff_snapshot_data",
    "l2_diff_updates_data",
    "l4_book_snapshot_data",
    "l4_book_updates_data",
    "l4_updates_data",
    "ledger_updates_data",
    "level_data",
    "notification_data",
    "open_orders_data",
    "order_update_data",
    "perp_asset_ctx",
    "position_data",
    "spot_asset_ctx",
    "spot_asset_ctxs_data",
    "spot_state_data",
    "trade_data",
    "twap_history_data",
    "twap_slice_fills_data",
    "twap_state",
    "twap_states_data",
    "user_events_data",
    "user_fills_data",
    "user_fundings_data",
    "user_historical_orders_data",
    "web_data2_data",
    "web_data3_data",
]

Number = Decimal | int | str
"""A number in a payload: text is sent as written, the rest in canonical form."""

_USER: Final = "0x31ca8395cf837de08b24da3f660e77761dfb974b"
_OTHER: Final = "0xa62b923a112d50d03e1e096bbd53422490dac104"
_HASH: Final = "0x5a3a7c6b8429121cf3fa0417865cd1010f0024737e6f00b24077cd4c48ad5eb8"
_ZERO_HASH: Final = "0x" + "0" * 64
_TIME: Final = 1751494125554


def _n(value: Number) -> str:
    return value if isinstance(value, str) else to_wire(value)


# -- market data ------------------------------------------------------------------------------


def level_data(px: Number, sz: Number, n: int = 1) -> dict[str, Any]:
    """One ``{"px", "sz", "n"}`` book level."""
    return {"px": _n(px), "sz": _n(sz), "n": n}


def l2_book_data(
    coin: str = "BTC",
    *,
    mid: Number = "108250",
    levels: int = 20,
    tick: Number = "1",
    time: int = 1751206166616,
    bids: Sequence[Mapping[str, Any]] | None = None,
    asks: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """An ``l2Book`` data object: ``levels`` levels a side around ``mid``, or exactly the
    ``bids``/``asks`` given (best first, each a :func:`level_data`)."""
    mid_d, tick_d = Decimal(mid), Decimal(tick)
    bid_levels = (
        [dict(level) for level in bids]
        if bids is not None
        else [
            level_data(str(mid_d - tick_d * (i + 1)), str(Decimal("0.1") * (i + 1)), i + 1)
            for i in range(levels)
        ]
    )
    ask_levels = (
        [dict(level) for level in asks]
        if asks is not None
        else [
            level_data(str(mid_d + tick_d * (i + 1)), str(Decimal("0.2") * (i + 1)), i + 1)
            for i in range(levels)
        ]
    )
    return {"coin": coin, "time": time, "levels": [bid_levels, ask_levels]}


def trade_data(
    coin: str = "BTC",
    *,
    tid: int = 455478288652533,
    px: Number = "109572.0",
    sz: Number = "0.00023",
    side: Literal["A", "B"] = "B",
    time: int = 1751493267110,
    hash: str = "0xfe52cbe6ede4c8181992041785c36e01270101e11634e8f56794cc56d65c939e",
    users: tuple[str, str] = (
        "0xc64cc00b46101bd40aa1c3121195e85c0b0918d8",
        "0x2ac2016c45e26f41dc2eb5b49fd511bb7e3b6a0f",
    ),
) -> dict[str, Any]:
    """One element of a ``trades`` data list (``side`` is the aggressor's; ``users`` are
    ``(buyer, seller)``)."""
    return {
        "coin": coin,
        "side": side,
        "px": _n(px),
        "sz": _n(sz),
        "time": time,
        "hash": hash,
        "tid": tid,
        "users": list(users),
    }


def bbo_data(
    coin: str = "BTC",
    *,
    bid: Mapping[str, Any] | None = None,
    ask: Mapping[str, Any] | None = None,
    time: int = 1751502371906,
) -> dict[str, Any]:
    """A ``bbo`` data object; a side given as ``None`` is empty (``null``). With neither
    side given, a realistic two-sided quote."""
    if bid is None and ask is None:
        bid, ask = level_data("108843.0", "0.0006"), level_data("108866.0", "0.12403")
    return {
        "coin": coin,
        "time": time,
        "bbo": [None if bid is None else dict(bid), None if ask is None else dict(ask)],
    }


def all_mids_data(
    mids: Mapping[str, Number] | None = None, *, dex: str | None = None
) -> dict[str, Any]:
    """An ``allMids`` data object (``dex`` only for a builder dex, as the server does)."""
    if mids is None:
        mids = {"BTC": "107231.0", "ETH": "2427.1", "@1": "1.0936", "PURR/USDC": "5.2894"}
    data: dict[str, Any] = {"mids": {coin: _n(px) for coin, px in mids.items()}}
    if dex:
        data["dex"] = dex
    return data


def candle_data(
    coin: str = "BTC",
    interval: str = "1m",
    *,
    t: int = 1751493540000,
    close_time: int | None = None,
    o: Number = "109579.0",
    c: Number = "109588.0",
    h: Number = "109588.0",
    low: Number = "109579.0",
    v: Number = "0.0045",
    n: int = 3,
) -> dict[str, Any]:
    """A ``candle`` data object (``close_time`` defaults to ``t`` + one minute - 1 ms)."""
    return {
        "t": t,
        "T": close_time if close_time is not None else t + 59_999,
        "s": coin,
        "i": interval,
        "o": _n(o),
        "c": _n(c),
        "h": _n(h),
        "l": _n(low),
        "v": _n(v),
        "n": n,
    }


def perp_asset_ctx(
    *, mark_px: Number = "153.7", mid_px: Number | None = "153.72", **changes: Any
) -> dict[str, Any]:
    """A perp asset context (``activeAssetCtx``, ``assetCtxs``, ``webData2``)."""
    ctx: dict[str, Any] = {
        "funding": "0.0000125",
        "openInterest": "6084.52",
        "prevDayPx": "146.64",
        "dayNtlVlm": "322528.0396000001",
        "premium": "0.0005207655",
        "oraclePx": "153.62",
        "markPx": _n(mark_px),
        "midPx": None if mid_px is None else _n(mid_px),
        "impactPxs": ["153.7", "153.74"],
        "dayBaseVlm": "2171.39",
    }
    ctx.update(changes)
    return ctx


def spot_asset_ctx(
    coin: str = "PURR/USDC", *, mark_px: Number = "5.2631", **changes: Any
) -> dict[str, Any]:
    """A spot asset context (``activeSpotAssetCtx``, ``spotAssetCtxs``)."""
    ctx: dict[str, Any] = {
        "prevDayPx": "5.211",
        "dayNtlVlm": "514258.2666000001",
        "markPx": _n(mark_px),
        "midPx": "5.23705",
        "circulatingSupply": "198732793.9431799948",
        "coin": coin,
        "totalSupply": "198735670.942140013",
        "dayBaseVlm": "98684.0",
    }
    ctx.update(changes)
    return ctx


def active_asset_ctx_data(
    coin: str = "BTC", ctx: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """An ``activeAssetCtx`` (perp) or ``activeSpotAssetCtx`` (spot) data object."""
    return {"coin": coin, "ctx": dict(ctx) if ctx is not None else perp_asset_ctx()}


def asset_ctxs_data(
    ctxs: Sequence[Mapping[str, Any]] | None = None, *, dex: str = ""
) -> dict[str, Any]:
    """An ``assetCtxs`` data object (``dex`` is always present, ``""`` for the main dex)."""
    return {"dex": dex, "ctxs": [dict(c) for c in ctxs] if ctxs is not None else [perp_asset_ctx()]}


def spot_asset_ctxs_data(ctxs: Sequence[Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """``spotAssetCtxs`` data: a bare array."""
    return [dict(c) for c in ctxs] if ctxs is not None else [spot_asset_ctx()]


def all_dexs_asset_ctxs_data(
    ctxs: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> dict[str, Any]:
    """An ``allDexsAssetCtxs`` data object: ``{"ctxs": [[dex, [ctx...]], ...]}``."""
    by_dex = ctxs if ctxs is not None else {"": [perp_asset_ctx()]}
    return {"ctxs": [[dex, [dict(c) for c in items]] for dex, items in by_dex.items()]}


def l4_book_snapshot_data(
    coin: str = "BTC",
    *,
    bids: Sequence[Mapping[str, Any]] = (),
    asks: Sequence[Mapping[str, Any]] = (),
    time: int = 1778865761968,
    block_height: int = 997719816,
) -> dict[str, Any]:
    """A GoldRush ``l4Book`` ``Snapshot``: resting orders (:func:`frontend_order_data` plus
    ``user``) per side, in queue order."""
    return {
        "Snapshot": {
            "coin": coin,
            "time": time,
            "block_height": block_height,
            "levels": [[dict(o) for o in bids], [dict(o) for o in asks]],
        }
    }


def l4_book_updates_data(
    *,
    order_statuses: Sequence[Mapping[str, Any]] = (),
    book_diffs: Sequence[Mapping[str, Any]] = (),
    time: int = 1778865762168,
    block_height: int = 997719817,
) -> dict[str, Any]:
    """A GoldRush ``l4Book`` ``Updates`` of one block. A book diff is ``{"user", "oid",
    "px", "coin", "raw_book_diff"}`` with ``{"new": {"sz"}}``, ``{"update": {"origSz",
    "newSz"}}`` or ``"remove"``."""
    return {
        "Updates": {
            "time": time,
            "block_height": block_height,
            "order_statuses": [dict(s) for s in order_statuses],
            "book_diffs": [dict(d) for d in book_diffs],
        }
    }


# -- orders -----------------------------------------------------------------------------------


def basic_order_data(
    *,
    coin: str = "BTC",
    side: Literal["A", "B"] = "B",
    limit_px: Number = "109402.0",
    sz: Number = "0.001",
    oid: int = 34780723762,
    timestamp: int = _TIME,
    orig_sz: Number | None = None,
    cloid: str | None = None,
    reduce_only: bool = False,
) -> dict[str, Any]:
    """An order as ``orderUpdates`` and ``openOrders`` (info) show it (``origSz`` defaults
    to ``sz``; ``cloid``/``reduceOnly`` only when set, as the server omits them)."""
    data: dict[str, Any] = {
        "coin": coin,
        "side": side,
        "limitPx": _n(limit_px),
        "sz": _n(sz),
        "oid": oid,
        "timestamp": timestamp,
        "origSz": _n(orig_sz if orig_sz is not None else sz),
    }
    if cloid is not None:
        data["cloid"] = cloid
    if reduce_only:
        data["reduceOnly"] = True
    return data


def frontend_order_data(
    *,
    coin: str = "BTC",
    side: Literal["A", "B"] = "B",
    limit_px: Number = "109402.0",
    sz: Number = "0.001",
    oid: int = 34780723762,
    timestamp: int = _TIME,
    orig_sz: Number | None = None,
    cloid: str | None = None,
    reduce_only: bool = False,
    order_type: str = "Limit",
    tif: str | None = "Gtc",
    trigger_px: Number = "0.0",
    trigger_condition: str = "N/A",
    is_trigger: bool = False,
) -> dict[str, Any]:
    """An order as ``frontendOpenOrders``, ``orderStatus``, ``historicalOrders`` and the
    ``openOrders`` channel show it."""
    # The basic order's keys first, without its optional cloid/reduceOnly (always set here).
    basic = basic_order_data(
        coin=coin,
        side=side,
        limit_px=limit_px,
        sz=sz,
        oid=oid,
        timestamp=timestamp,
        orig_sz=orig_sz,
    )
    return {
        **basic,
        "triggerCondition": trigger_condition,
        "isTrigger": is_trigger,
        "triggerPx": _n(trigger_px),
        "children": [],
        "isPositionTpsl": False,
        "reduceOnly": reduce_only,
        "orderType": order_type,
        "tif": tif,
        "cloid": cloid,
    }


def order_update_data(
    order: Mapping[str, Any] | None = None,
    status: str = "open",
    *,
    status_timestamp: int | None = None,
) -> dict[str, Any]:
    """One element of ``orderUpdates`` data: ``{order, status, statusTimestamp}``."""
    body = dict(order) if order is not None else basic_order_data()
    stamp = status_timestamp if status_timestamp is not None else int(body.get("timestamp", _TIME))
    return {"order": body, "status": status, "statusTimestamp": stamp}


def user_historical_orders_data(
    user: str = _USER,
    orders: Sequence[Mapping[str, Any]] | None = None,
    *,
    is_snapshot: bool = True,
) -> dict[str, Any]:
    """A ``userHistoricalOrders`` data object; each order an :func:`order_update_data` of a
    :func:`frontend_order_data`."""
    history = (
        [dict(o) for o in orders]
        if orders is not None
        else [
            order_update_data(
                frontend_order_data(sz="0.0", orig_sz="0.001"),
                "filled",
                status_timestamp=1751494130001,
            )
        ]
    )
    return _snapshot({"user": user, "orderHistory": history}, is_snapshot)


# -- user data ----------------------------------------------------------------------------------


def fill_data(
    *,
    coin: str = "BTC",
    px: Number = "108969.0",
    sz: Number = "0.00845",
    side: Literal["A", "B"] = "A",
    time: int = 1751500067235,
    start_position: Number = "0.00845",
    dir: str = "Close Long",
    closed_pnl: Number = "27.63488",
    hash: str = _HASH,
    oid: int = 34783837615,
    crossed: bool = True,
    fee: Number = "0.414354",
    tid: int = 443403645240311,
    fee_token: str = "USDC",
    cloid: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One fill (``userFills``, ``user`` fills, ``userFills`` info); ``extra`` adds wire
    fields as written (``builderFee``, ``liquidation``, ``twapId``...)."""
    data: dict[str, Any] = {
        "coin": coin,
        "px": _n(px),
        "sz": _n(sz),
        "side": side,
        "time": time,
        "startPosition": _n(start_position),
        "dir": dir,
        "closedPnl": _n(closed_pnl),
        "hash": hash,
        "oid": oid,
        "crossed": crossed,
        "fee": _n(fee),
        "tid": tid,
        "feeToken": fee_token,
    }
    if cloid is not None:
        data["cloid"] = cloid
    data.update(extra)
    return data


def _snapshot(data: dict[str, Any], is_snapshot: bool) -> dict[str, Any]:
    return {"isSnapshot": True, **data} if is_snapshot else data


def user_fills_data(
    user: str = _USER,
    fills: Sequence[Mapping[str, Any]] | None = None,
    *,
    is_snapshot: bool = False,
) -> dict[str, Any]:
    """A ``userFills`` data object; the first after a subscription has ``is_snapshot``."""
    items = [dict(f) for f in fills] if fills is not None else [fill_data()]
    return _snapshot({"user": user, "fills": items}, is_snapshot)


def user_events_data(
    *,
    fills: Sequence[Mapping[str, Any]] | None = None,
    non_user_cancel: Sequence[tuple[str, int]] | None = None,
    funding: Mapping[str, Any] | None = None,
    liquidation: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A ``user`` (``userEvents``) data object: exactly one of the keyword arguments."""
    given = {
        "fills": None if fills is None else [dict(f) for f in fills],
        "nonUserCancel": None
        if non_user_cancel is None
        else [{"coin": coin, "oid": oid} for coin, oid in non_user_cancel],
        "funding": None if funding is None else dict(funding),
        "liquidation": None if liquidation is None else dict(liquidation),
    }
    present = {key: value for key, value in given.items() if value is not None}
    if len(present) != 1:
        raise ValueError("a userEvents frame carries exactly one of its keys")
    return present


def user_fundings_data(
    user: str = _USER,
    fundings: Sequence[Mapping[str, Any]] | None = None,
    *,
    is_snapshot: bool = True,
) -> dict[str, Any]:
    """A ``userFundings`` data object."""
    items = (
        [dict(f) for f in fundings]
        if fundings is not None
        else [
            {
                "time": 1751137200183,
                "coin": "BTC",
                "usdc": "-0.024289",
                "szi": "0.00695",
                "fundingRate": "0.0000325657",
                "nSamples": None,
            }
        ]
    )
    return _snapshot({"user": user, "fundings": items}, is_snapshot)


def ledger_updates_data(
    user: str = _USER,
    deltas: Sequence[Mapping[str, Any]] | None = None,
    *,
    time: int = 1750018761251,
    is_snapshot: bool = True,
) -> dict[str, Any]:
    """A ``userNonFundingLedgerUpdates`` data object, one update per delta (a millisecond
    apart from ``time``)."""
    items = list(deltas) if deltas is not None else [{"type": "deposit", "usdc": "500.0"}]
    updates = [
        {"time": time + i, "hash": _HASH, "delta": copy.deepcopy(delta)}
        for i, delta in enumerate(items)
    ]
    return _snapshot({"user": user, "nonFundingLedgerUpdates": updates}, is_snapshot)


def twap_state(*, coin: str = "BTC", user: str = "0x" + "0" * 40, **changes: Any) -> dict[str, Any]:
    """A TWAP state (``twapStates``, ``webData2``)."""
    state: dict[str, Any] = {
        "coin": coin,
        "user": user,
        "side": "B",
        "sz": "0.02",
        "executedSz": "0.00525",
        "executedNtl": "551.649",
        "minutes": 5,
        "reduceOnly": False,
        "randomize": True,
        "timestamp": 1750330465288,
        "stopPx": None,
        "trigger": None,
    }
    state.update(changes)
    return state


def twap_states_data(
    user: str = _USER,
    states: Sequence[tuple[int, Mapping[str, Any]]] | None = None,
    *,
    dex: str = "",
) -> dict[str, Any]:
    """A ``twapStates`` data object: ``[twapId, state]`` pairs."""
    items = states if states is not None else [(6552, twap_state())]
    return {"dex": dex, "user": user, "states": [[twap_id, dict(s)] for twap_id, s in items]}


def twap_slice_fills_data(
    user: str = _USER,
    slices: Sequence[tuple[int, Mapping[str, Any]]] | None = None,
    *,
    is_snapshot: bool = True,
) -> dict[str, Any]:
    """A ``userTwapSliceFills`` data object: ``(twapId, fill)`` pairs."""
    items = (
        slices
        if slices is not None
        else [
            (
                6552,
                fill_data(
                    tid=36638712655580,
                    px="105076.0",
                    sz="0.00212",
                    side="B",
                    time=1750330467117,
                    start_position="0.0017",
                    dir="Open Long",
                    closed_pnl="0.0",
                    hash=_ZERO_HASH,
                    oid=34075540961,
                    fee="0.100242",
                ),
            )
        ]
    )
    fills = [{"fill": dict(fill), "twapId": twap_id} for twap_id, fill in items]
    return _snapshot({"user": user, "twapSliceFills": fills}, is_snapshot)


def twap_history_data(
    user: str = _USER,
    history: Sequence[Mapping[str, Any]] | None = None,
    *,
    is_snapshot: bool = True,
) -> dict[str, Any]:
    """A ``userTwapHistory`` data object (``time`` in seconds, as the server writes it)."""
    state = {k: v for k, v in twap_state().items() if k not in ("stopPx", "trigger")}
    items = (
        [dict(h) for h in history]
        if history is not None
        else [{"time": 1750330465, "state": state, "status": {"status": "activated"}}]
    )
    return _snapshot({"user": user, "history": items}, is_snapshot)


def position_data(
    *,
    coin: str = "ETH",
    szi: Number = "-0.5",
    entry_px: Number = "2427.1",
    leverage: int = 10,
    cross: bool = False,
    position_value: Number = "1213.55",
    unrealized_pnl: Number = "-0.0",
    margin_used: Number = "121.35",
    max_leverage: int = 25,
    liquidation_px: Number | None = None,
) -> dict[str, Any]:
    """One ``assetPositions`` entry of a clearinghouse state."""
    lev: dict[str, Any] = {"type": "cross" if cross else "isolated", "value": leverage}
    if not cross:
        lev["rawUsd"] = "1300.25"
    return {
        "type": "oneWay",
        "position": {
            "coin": coin,
            "szi": _n(szi),
            "leverage": lev,
            "entryPx": _n(entry_px),
            "positionValue": _n(position_value),
            "unrealizedPnl": _n(unrealized_pnl),
            "returnOnEquity": "0.0",
            "liquidationPx": None if liquidation_px is None else _n(liquidation_px),
            "marginUsed": _n(margin_used),
            "maxLeverage": max_leverage,
            "cumFunding": {"allTime": "514.085417", "sinceOpen": "0.0", "sinceChange": "0.0"},
        },
    }


def clearinghouse_state(
    *,
    account_value: Number = "0.0",
    total_ntl_pos: Number = "0.0",
    total_raw_usd: Number = "0.0",
    total_margin_used: Number = "0.0",
    withdrawable: Number = "0.0",
    positions: Sequence[Mapping[str, Any]] | None = None,
    time: int = 1751492751597,
) -> dict[str, Any]:
    """A clearinghouse state (info ``clearinghouseState``; inside the channel's data and
    ``webData2``); ``positions`` are :func:`position_data` entries (default: one)."""
    summary = {
        "accountValue": _n(account_value),
        "totalNtlPos": _n(total_ntl_pos),
        "totalRawUsd": _n(total_raw_usd),
        "totalMarginUsed": _n(total_margin_used),
    }
    return {
        "marginSummary": dict(summary),
        "crossMarginSummary": dict(summary),
        "crossMaintenanceMarginUsed": "0.0",
        "withdrawable": _n(withdrawable),
        "assetPositions": copy.deepcopy(list(positions))
        if positions is not None
        else [position_data()],
        "time": time,
    }


def clearinghouse_state_data(
    user: str = _USER, state: Mapping[str, Any] | None = None, *, dex: str = ""
) -> dict[str, Any]:
    """A ``clearinghouseState`` data object: ``{dex, user, clearinghouseState}``."""
    return {
        "dex": dex,
        "user": user,
        "clearinghouseState": dict(state) if state is not None else clearinghouse_state(),
    }


def all_dexs_clearinghouse_state_data(
    user: str = _USER, states: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """An ``allDexsClearinghouseState`` data object: ``[dex, state]`` pairs."""
    by_dex = states if states is not None else {"": clearinghouse_state(positions=[])}
    return {"user": user, "clearinghouseStates": [[dex, dict(s)] for dex, s in by_dex.items()]}


def open_orders_data(
    user: str = _USER, orders: Sequence[Mapping[str, Any]] | None = None, *, dex: str = ""
) -> dict[str, Any]:
    """An ``openOrders`` (channel) data object; orders are :func:`frontend_order_data`."""
    items = [dict(o) for o in orders] if orders is not None else [frontend_order_data()]
    return {"dex": dex, "user": user, "orders": items}


def spot_state_data(
    user: str = _USER, balances: Mapping[str, tuple[int, Number]] | None = None
) -> dict[str, Any]:
    """A ``spotState`` data object; ``balances`` maps a token name to ``(token index,
    total)``."""
    items = balances if balances is not None else {"USDC": (0, "98491.416604")}
    return {
        "user": user,
        "spotState": {
            "balances": [
                {"coin": coin, "token": token, "total": _n(total), "hold": "0.0", "entryNtl": "0.0"}
                for coin, (token, total) in items.items()
            ]
        },
    }


def active_asset_data(user: str = _USER, coin: str = "BTC", **changes: Any) -> dict[str, Any]:
    """An ``activeAssetData`` data object (perps only)."""
    data: dict[str, Any] = {
        "user": user,
        "coin": coin,
        "leverage": {"type": "cross", "value": 20},
        "maxTradeSzs": ["0.45787", "0.45987"],
        "availableToTrade": ["65754.376128", "65765.272428"],
        "markPx": "108963.0",
    }
    data.update(changes)
    return data


_META_SAMPLE: Final = {
    "universe": [{"szDecimals": 2, "name": "SOL", "maxLeverage": 10, "marginTableId": 10}],
    "marginTables": [
        [50, {"description": "", "marginTiers": [{"lowerBound": "0.0", "maxLeverage": 50}]}]
    ],
}


def web_data2_data(
    user: str = _USER,
    *,
    state: Mapping[str, Any] | None = None,
    open_orders: Sequence[Mapping[str, Any]] | None = None,
    meta: Mapping[str, Any] | None = None,
    asset_ctxs: Sequence[Mapping[str, Any]] | None = None,
    spot_asset_ctxs: Sequence[Mapping[str, Any]] | None = None,
    server_time: int = 1751492751597,
) -> dict[str, Any]:
    """A ``webData2`` data object (the aggregate: clearinghouse state, frontend open orders,
    meta and contexts)."""
    return {
        "clearinghouseState": dict(state) if state is not None else clearinghouse_state(),
        "leadingVaults": [],
        "totalVaultEquity": "0.0",
        "openOrders": [dict(o) for o in open_orders]
        if open_orders is not None
        else [frontend_order_data()],
        "agentAddress": None,
        "agentValidUntil": None,
        "cumLedger": "0.0",
        "meta": copy.deepcopy(dict(meta) if meta is not None else _META_SAMPLE),
        "assetCtxs": [dict(c) for c in asset_ctxs]
        if asset_ctxs is not None
        else [perp_asset_ctx()],
        "serverTime": server_time,
        "isVault": False,
        "user": user,
        "twapStates": [],
        "spotAssetCtxs": [dict(c) for c in spot_asset_ctxs]
        if spot_asset_ctxs is not None
        else [spot_asset_ctx()],
        "perpsAtOpenInterestCap": [],
    }


def web_data3_data(user: str = _USER, *, server_time: int = 1751492751597) -> dict[str, Any]:
    """A ``webData3`` data object."""
    return {
        "userState": {
            "agentAddress": None,
            "agentValidUntil": None,
            "cumLedger": "0.0",
            "serverTime": server_time,
            "isVault": False,
            "user": user,
        },
        "perpDexStates": [
            {"totalVaultEquity": "0.0", "perpsAtOpenInterestCap": [], "leadingVaults": []}
        ],
    }


def notification_data(text: str = "Order filled") -> dict[str, Any]:
    """A ``notification`` data object."""
    return {"notification": text}


def _l4_sample_order(**changes: Any) -> dict[str, Any]:
    order = frontend_order_data(
        limit_px="79242", sz="0.74831", oid=427632406005, tif="Alo", timestamp=1778865761305
    )
    del order["children"]
    return {"user": _OTHER, **order, **changes}


CHANNEL_BUILDERS: Final[dict[str, Callable[[], Any]]] = {
    "l2Book": l2_book_data,
    "trades": lambda: [trade_data()],
    "bbo": bbo_data,
    "allMids": all_mids_data,
    "candle": candle_data,
    "activeAssetCtx": active_asset_ctx_data,
    "activeSpotAssetCtx": lambda: active_asset_ctx_data("PURR/USDC", spot_asset_ctx()),
    "assetCtxs": asset_ctxs_data,
    "spotAssetCtxs": spot_asset_ctxs_data,
    "allDexsAssetCtxs": all_dexs_asset_ctxs_data,
    "l4Book": lambda: l4_book_snapshot_data(bids=[_l4_sample_order()]),
    "orderUpdates": lambda: [order_update_data()],
    "user": lambda: user_events_data(fills=[fill_data()]),
    "notification": notification_data,
    "userFills": lambda: user_fills_data(is_snapshot=True),
    "userFundings": user_fundings_data,
    "userNonFundingLedgerUpdates": ledger_updates_data,
    "userTwapSliceFills": twap_slice_fills_data,
    "userTwapHistory": twap_history_data,
    "userHistoricalOrders": user_historical_orders_data,
    "twapStates": twap_states_data,
    "clearinghouseState": clearinghouse_state_data,
    "allDexsClearinghouseState": all_dexs_clearinghouse_state_data,
    "openOrders": open_orders_data,
    "spotState": spot_state_data,
    "activeAssetData": active_asset_data,
    "webData2": web_data2_data,
    "webData3": web_data3_data,
    # GoldRush-only channels (shapes in docs/goldrush.md).
    "l2BookDiff": lambda: l2_diff_snapshot_data(
        "BTC", [{"px": "79242", "sz": "0.5", "n": 1}], [{"px": "79243", "sz": "0.2", "n": 1}]
    ),
    "l2BookDiff2": lambda: l2_diff2_data([("BTC", 2, 1, [{"px": "79242", "sz": "0", "n": 0}], [])]),
    "l4BookUpdates": lambda: l4_updates_data([("BTC", 2, 1, [], [])]),
    "liquidationFills": lambda: fill_pairs_data([(_OTHER, goldrush_fill(liquidated_user=_OTHER))]),
    "builderFills": lambda: fill_pairs_data([(_OTHER, goldrush_fill(builder=_OTHER))]),
    "builderLiquidations": lambda: fill_pairs_data(
        [(_OTHER, goldrush_fill(builder=_OTHER, liquidated_user=_OTHER))]
    ),
    "allFills": lambda: fill_pairs_data([(_OTHER, goldrush_fill())]),
}
"""Every data channel -> a builder of one realistic ``data`` payload (no arguments)."""
