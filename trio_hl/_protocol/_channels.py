"""Channel table: how each server ``channel`` decodes into models and which routes it feeds.

A data frame is ``{"channel": name, "data": ...}``. For each channel, one decoder turns
``data`` into zero or more :class:`Routed` items: the typed message plus every route it
belongs to (see :mod:`._keys`). Decoding happens once per frame, whatever the number of
local consumers. Structure hooks are looked up once, here, not per frame.

Routing asymmetries handled here, each tested:

* ``activeSpotAssetCtx`` frames serve the ``activeAssetCtx`` subscription of a spot coin;
* ``l2Book`` frames also feed the coin-less wildcard route, and a frame whose ``data`` is a
  list of books (a batch) is split into one message per coin;
* an empty ``trades`` list has no coin, routes nowhere and yields nothing;
* channel ``user`` serves the ``userEvents`` subscription;
* ``orderUpdates``, ``user`` and ``notification`` frames carry no user: they route to the
  bare channel (the session allows one user per connection on them); an empty
  ``orderUpdates`` list yields nothing;
* user frames route by the lower-cased ``user`` (``webData3``: ``userState.user``), plus the
  dex or the coin where the subscription has one (see ``_keys`` rule 5);
* ``spotAssetCtxs`` data is a bare array, wrapped into one :class:`SpotAssetCtxs`;
* GoldRush ``l4Book``: a ``Snapshot`` routes by its coin, an ``Updates`` block by the coin
  of its entries (it has no coin of its own); an ``Updates`` with no entries names no coin,
  carries nothing to apply and yields nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, Protocol, TypeVar

import attrs
from cattrs.errors import BaseValidationError

from .._convert import CONVERTER
from ..errors import DecodeError
from ..models.account import (
    ActiveAssetData,
    AllDexsClearinghouseState,
    ClearinghouseStateUpdate,
    OpenOrders,
    SpotState,
    TwapStates,
    WebData2,
    WebData3,
)
from ..models.l4 import decode_l4_book
from ..models.market import (
    ActiveAssetCtx,
    ActiveSpotAssetCtx,
    AllDexsAssetCtxs,
    AllMids,
    AssetCtxs,
    Bbo,
    Candle,
    L2Book,
    SpotAssetCtx,
    SpotAssetCtxs,
    Trade,
    Trades,
)
from ..models.user import (
    Notification,
    OrderUpdate,
    OrderUpdates,
    UserEvent,
    UserFills,
    UserFundings,
    UserHistoricalOrders,
    UserNonFundingLedgerUpdates,
    UserTwapHistory,
    UserTwapSliceFills,
)
from ._keys import WILDCARD, RouteKey

__all__ = ["CHANNEL_DECODERS", "Routed", "decode_channel"]

T = TypeVar("T")


@attrs.frozen
class Routed:
    """One decoded message and the routes that receive it."""

    routes: tuple[RouteKey, ...]
    message: object


def _hook(cls: type[T]) -> Callable[[Any], T]:
    hook = CONVERTER.get_structure_hook(cls)

    def structure(data: Any) -> T:
        return hook(data, cls)  # type: ignore[no-any-return]

    return structure


def _union_hook(union: Any) -> Callable[[Any], Any]:
    hook = CONVERTER.get_structure_hook(union)

    def structure(data: Any) -> Any:
        return hook(data, union)

    return structure


_l2_book = _hook(L2Book)
_trade = _hook(Trade)
_candle = _hook(Candle)
_bbo = _hook(Bbo)
_all_mids = _hook(AllMids)
_active_ctx = _hook(ActiveAssetCtx)
_active_spot_ctx = _hook(ActiveSpotAssetCtx)


def _mapping(data: Any) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise TypeError(f"expected an object, got {type(data).__name__}")
    return data


def _decode_l2_book(data: Any) -> list[Routed]:
    books = data if isinstance(data, list) else [data]
    out: list[Routed] = []
    for raw in books:
        book = _l2_book(_mapping(raw))
        if book.fast:
            routes: tuple[RouteKey, ...] = (
                ("l2Book", book.coin, "fast"),
                ("l2Book", WILDCARD, "fast"),
            )
        else:
            routes = (("l2Book", book.coin), ("l2Book", WILDCARD))
        out.append(Routed(routes, book))
    return out


def _decode_trades(data: Any) -> list[Routed]:
    if not isinstance(data, list):
        raise TypeError(f"expected a list of trades, got {type(data).__name__}")
    if not data:
        return []
    trades = tuple(_trade(item) for item in data)
    coin = trades[0].coin
    return [Routed((("trades", coin),), Trades(coin=coin, trades=trades))]


def _decode_candle(data: Any) -> list[Routed]:
    candle = _candle(_mapping(data))
    return [Routed((("candle", candle.coin, candle.interval),), candle)]


def _decode_bbo(data: Any) -> list[Routed]:
    bbo = _bbo(_mapping(data))
    return [Routed((("bbo", bbo.coin),), bbo)]


def _decode_all_mids(data: Any) -> list[Routed]:
    mids = _all_mids(_mapping(data))
    return [Routed((("allMids", mids.dex or ""),), mids)]


def _decode_active_ctx(data: Any) -> list[Routed]:
    ctx = _active_ctx(_mapping(data))
    return [Routed((("activeAssetCtx", ctx.coin),), ctx)]


def _decode_active_spot_ctx(data: Any) -> list[Routed]:
    ctx = _active_spot_ctx(_mapping(data))
    return [Routed((("activeAssetCtx", ctx.coin),), ctx)]


class _HasUser(Protocol):
    @property
    def user(self) -> str: ...


class _HasUserDex(_HasUser, Protocol):
    @property
    def dex(self) -> str: ...


def _list(data: Any, what: str) -> list[Any]:
    if not isinstance(data, list):
        raise TypeError(f"expected a list of {what}, got {type(data).__name__}")
    return data


def _by_user(channel: str, cls: type[_HasUser]) -> Callable[[Any], list[Routed]]:
    """``{..., "user": addr}`` routed as ``(channel, user)``."""
    structure = _hook(cls)

    def decode(data: Any) -> list[Routed]:
        message = structure(_mapping(data))
        return [Routed(((channel, message.user.lower()),), message)]

    return decode


def _by_user_dex(channel: str, cls: type[_HasUserDex]) -> Callable[[Any], list[Routed]]:
    """``{"dex", "user", ...}`` routed as ``(channel, user, dex)``."""
    structure = _hook(cls)

    def decode(data: Any) -> list[Routed]:
        message = structure(_mapping(data))
        return [Routed(((channel, message.user.lower(), message.dex),), message)]

    return decode


def _unattributed(route: str, structure: Callable[[Any], Any]) -> Callable[[Any], list[Routed]]:
    """Frames without a user: the route is the bare channel (one user per connection)."""

    def decode(data: Any) -> list[Routed]:
        return [Routed(((route,),), structure(data))]

    return decode


_web_data3 = _hook(WebData3)
_active_asset_data = _hook(ActiveAssetData)
_asset_ctxs = _hook(AssetCtxs)
_spot_asset_ctx = _hook(SpotAssetCtx)
_all_dexs_asset_ctxs = _hook(AllDexsAssetCtxs)
_order_update = _hook(OrderUpdate)
_user_event = _union_hook(UserEvent)
_notification = _hook(Notification)


def _decode_web_data3(data: Any) -> list[Routed]:
    message: WebData3 = _web_data3(_mapping(data))
    return [Routed((("webData3", message.user_state.user.lower()),), message)]


def _decode_active_asset_data(data: Any) -> list[Routed]:
    message: ActiveAssetData = _active_asset_data(_mapping(data))
    route = ("activeAssetData", message.user.lower(), message.coin)
    return [Routed((route,), message)]


def _decode_asset_ctxs(data: Any) -> list[Routed]:
    message: AssetCtxs = _asset_ctxs(_mapping(data))
    return [Routed((("assetCtxs", message.dex),), message)]


def _decode_spot_asset_ctxs(data: Any) -> list[Routed]:
    ctxs = tuple(_spot_asset_ctx(item) for item in _list(data, "spot asset contexts"))
    return [Routed((("spotAssetCtxs",),), SpotAssetCtxs(ctxs=ctxs))]


def _decode_order_updates(data: Any) -> list[Routed]:
    updates = tuple(_order_update(item) for item in _list(data, "order updates"))
    if not updates:
        return []
    return [Routed((("orderUpdates",),), OrderUpdates(updates=updates))]


def _decode_l4_book(data: Any) -> list[Routed]:
    message = decode_l4_book(data)
    coin = message.coin
    if coin is None:
        return []
    return [Routed((("l4Book", coin),), message)]


CHANNEL_DECODERS: Final[dict[str, Callable[[Any], list[Routed]]]] = {
    "l2Book": _decode_l2_book,
    "trades": _decode_trades,
    "candle": _decode_candle,
    "bbo": _decode_bbo,
    "allMids": _decode_all_mids,
    "activeAssetCtx": _decode_active_ctx,
    "activeSpotAssetCtx": _decode_active_spot_ctx,
    # user channels, by user (and dex or coin)
    "webData2": _by_user("webData2", WebData2),
    "webData3": _decode_web_data3,
    "userFills": _by_user("userFills", UserFills),
    "userFundings": _by_user("userFundings", UserFundings),
    "userNonFundingLedgerUpdates": _by_user(
        "userNonFundingLedgerUpdates", UserNonFundingLedgerUpdates
    ),
    "userTwapSliceFills": _by_user("userTwapSliceFills", UserTwapSliceFills),
    "userTwapHistory": _by_user("userTwapHistory", UserTwapHistory),
    "userHistoricalOrders": _by_user("userHistoricalOrders", UserHistoricalOrders),
    "spotState": _by_user("spotState", SpotState),
    "allDexsClearinghouseState": _by_user("allDexsClearinghouseState", AllDexsClearinghouseState),
    "clearinghouseState": _by_user_dex("clearinghouseState", ClearinghouseStateUpdate),
    "openOrders": _by_user_dex("openOrders", OpenOrders),
    "twapStates": _by_user_dex("twapStates", TwapStates),
    "activeAssetData": _decode_active_asset_data,
    # no user in the frames (one user per connection)
    "orderUpdates": _decode_order_updates,
    "user": _unattributed("userEvents", _user_event),
    "notification": _unattributed("notification", lambda d: _notification(_mapping(d))),
    # market-wide state
    "assetCtxs": _decode_asset_ctxs,
    "spotAssetCtxs": _decode_spot_asset_ctxs,
    "allDexsAssetCtxs": lambda d: [
        Routed((("allDexsAssetCtxs",),), _all_dexs_asset_ctxs(_mapping(d)))
    ],
    # GoldRush
    "l4Book": _decode_l4_book,
}


def _describe(exc: BaseException) -> str:
    if isinstance(exc, BaseValidationError):
        leaves = exc.exceptions
        return "; ".join(_describe(e) for e in leaves[:3])
    return str(exc) or type(exc).__name__


def decode_channel(channel: str, data: Any) -> list[Routed] | None:
    """Decode the ``data`` of a data frame.

    Returns:
        The routed messages, or ``None`` for a channel this client does not know.

    Raises:
        DecodeError: the data does not match the channel's model (names the channel).
    """
    decoder = CHANNEL_DECODERS.get(channel)
    if decoder is None:
        return None
    try:
        return decoder(data)
    except (BaseValidationError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise DecodeError(_describe(exc), channel=channel) from exc
