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

The session decodes lazily (``iter_decode``): the hot channels (``l2Book``, ``trades``) name
their routes from the raw JSON before anything is decoded (:func:`peek_routes`), so a frame
no subscription wants costs no decoding, and a batch of books (a GoldRush wildcard frame of
hundreds of coins, over 1 MB) is decoded one coin at a time, as the shell asks for the next,
so that the shell can let other tasks run between coins. A malformed book in a batch spoils
only itself.

Books are snapshots, and consecutive snapshots of a coin share most of their levels. An
:class:`L2Memo` keeps, per coin, the levels of its last book keyed by their wire values
``(px, sz, n)``; a level seen in the previous book is reused (levels are immutable) instead
of being built again: a 20-level book with a quarter of its levels changed decodes in
about 21 µs instead of 29 µs. Memory: one book's levels per coin (bounded by
:attr:`L2Memo.max_coins`). Only single-book frames use it: a batch of hundreds of books
would keep tens of thousands of levels alive, which costs the garbage collector more than
the reuse saves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from operator import itemgetter
from typing import Any, Final, Protocol, TypeVar

import attrs
from cattrs.errors import BaseValidationError

from .._convert import CONVERTER, bound_structure_hook
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
    L2Level,
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

__all__ = [
    "CHANNEL_DECODERS",
    "L2Memo",
    "Routed",
    "decode_channel",
    "iter_decode",
    "peek_routes",
]

T = TypeVar("T")


@attrs.frozen
class Routed:
    """One decoded message and the routes that receive it."""

    routes: tuple[RouteKey, ...]
    message: object


def _hook(cls: type[T]) -> Callable[[Any], T]:
    return bound_structure_hook(CONVERTER, cls)


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


def _book_routes(coin: str, fast: bool) -> tuple[RouteKey, ...]:
    if fast:
        return (("l2Book", coin, "fast"), ("l2Book", WILDCARD, "fast"))
    return (("l2Book", coin), ("l2Book", WILDCARD))


_L2_FIELDS: Final = frozenset({"coin", "time", "levels", "spread", "fast", "block_height"})
if {f.name for f in attrs.fields(L2Book)} != _L2_FIELDS:  # pragma: no cover - a guard
    raise RuntimeError("L2Book changed: update _memo_book() to decode every field")
_level_fast: Callable[[Any], L2Level] = getattr(
    CONVERTER.get_structure_hook(L2Level), "_trio_hl_fast", lambda raw: _hook(L2Level)(raw)
)
_LevelKey = tuple[str, str, int]
_LEVEL_KEY: Final = itemgetter("px", "sz", "n")


class L2Memo:
    """Per coin, the levels of its last book, keyed by their wire values (see module doc).

    Args:
        max_coins: forget every coin when more than this many were seen (a bound for
            streams with an unbounded set of coins; real ones have a few hundred).
    """

    def __init__(self, max_coins: int = 4096) -> None:
        self.max_coins = max_coins
        self._books: dict[str, dict[_LevelKey, L2Level]] = {}

    def book(self, raw: Any) -> L2Book:
        """Decode one raw book, reusing the levels of the coin's previous book.

        Raises anything on input off the common path (the caller then decodes it with the
        converter, which decodes unusual input or raises the detailed error).
        """
        coin = raw["coin"]
        time = raw["time"]
        sides = raw["levels"]
        if type(coin) is not str or type(time) is not int or type(sides) is not list:
            raise TypeError
        bids_raw, asks_raw = sides
        if type(bids_raw) is not list or type(asks_raw) is not list:
            raise TypeError
        previous = self._books.get(coin, _NO_LEVELS)
        current: dict[_LevelKey, L2Level] = {}
        sides_out: list[tuple[L2Level, ...]] = []
        key_of = _LEVEL_KEY
        lookup = previous.get
        for side_raw in (bids_raw, asks_raw):
            side: list[L2Level] = []
            append = side.append
            for level_raw in side_raw:
                key = key_of(level_raw)
                level = lookup(key)
                # As dict keys 1 == 1.0 == True, and 5 == 5.0 (which decode to different
                # Decimals): only the wire's own types may match or enter the memo. A key
                # equal to a remembered one has str prices and sizes already (only a str
                # equals a str); its count must be checked.
                if level is None:
                    px, sz, n = key
                    if type(px) is not str or type(sz) is not str or type(n) is not int:
                        raise TypeError
                    level = _level_fast(level_raw)
                elif type(key[2]) is not int:
                    raise TypeError
                current[key] = level
                append(level)
            sides_out.append(tuple(side))
        bids, asks = sides_out
        spread = raw.get("spread")
        if spread is not None:
            if type(spread) is not str:
                raise TypeError
            spread = Decimal(spread)
            if not spread.is_finite():
                raise ValueError
        fast = raw.get("fast", False)
        block_height = raw.get("block_height")
        if type(fast) is not bool or (block_height is not None and type(block_height) is not int):
            raise TypeError
        book = L2Book(
            coin=coin,
            time=time,
            levels=(bids, asks),
            spread=spread,
            fast=fast,
            block_height=block_height,
        )
        if coin not in self._books and len(self._books) >= self.max_coins:
            self._books.clear()
        self._books[coin] = current
        return book


_NO_LEVELS: Final[dict[_LevelKey, L2Level]] = {}


def _one_book(raw: Any, memo: L2Memo | None) -> L2Book:
    if memo is not None:
        try:
            return memo.book(raw)
        except Exception:  # unusual or malformed: the converter decides (and explains)
            pass
    return _l2_book(_mapping(raw))


def _decode_l2_book(data: Any, memo: L2Memo | None = None) -> list[Routed]:
    books = data if isinstance(data, list) else [data]
    out: list[Routed] = []
    for raw in books:
        book = _one_book(raw, memo)
        out.append(Routed(_book_routes(book.coin, book.fast), book))
    return out


def _decode_trades(data: Any) -> list[Routed]:
    if not isinstance(data, list):
        raise TypeError(f"expected a list of trades, got {type(data).__name__}")
    if not data:
        return []
    trades = tuple([_trade(item) for item in data])
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


_DECODE_FAILURES: Final = (
    BaseValidationError,
    TypeError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
    ArithmeticError,  # decimal.InvalidOperation and friends
    RecursionError,  # absurdly deep nesting
)


def decode_channel(channel: str, data: Any, *, memo: L2Memo | None = None) -> list[Routed] | None:
    """Decode the ``data`` of a data frame.

    Args:
        channel: the frame's ``channel``.
        data: the frame's ``data``.
        memo: reuse book levels across ``l2Book`` frames (see :class:`L2Memo`).

    Returns:
        The routed messages, or ``None`` for a channel this client does not know.

    Raises:
        DecodeError: the data does not match the channel's model (names the channel).
    """
    decoder = CHANNEL_DECODERS.get(channel)
    if decoder is None:
        return None
    try:
        if channel == "l2Book" and memo is not None:
            return _decode_l2_book(data, memo)
        return decoder(data)
    except DecodeError:
        raise
    except _DECODE_FAILURES as exc:
        raise DecodeError(_describe(exc), channel=channel) from exc


def _peek_book(data: Any) -> tuple[RouteKey, ...] | None:
    if not isinstance(data, dict):
        return None
    coin = data.get("coin")
    if not isinstance(coin, str):
        return None
    return _book_routes(coin, data.get("fast") is True)


def _peek_trades(data: Any) -> tuple[RouteKey, ...] | None:
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        return None
    coin = data[0].get("coin")
    return (("trades", coin),) if isinstance(coin, str) else None


_PEEKS: Final[dict[str, Callable[[Any], tuple[RouteKey, ...] | None]]] = {
    "l2Book": _peek_book,
    "trades": _peek_trades,
}


def peek_routes(channel: str, data: Any) -> tuple[RouteKey, ...] | None:
    """The routes a frame will have, read from the raw JSON without decoding it.

    Returns ``None`` when that cannot be told cheaply (other channels, batches, anything
    malformed): the frame must then be decoded to be routed. When a tuple is returned, it
    is exactly the routes :func:`decode_channel` gives the decoded message, should it decode.
    """
    peek = _PEEKS.get(channel)
    return None if peek is None else peek(data)


def iter_decode(
    channel: str,
    data: Any,
    wanted: Callable[[RouteKey], bool],
    *,
    memo: L2Memo | None = None,
) -> Iterator[Routed | DecodeError]:
    """Decode lazily what some route wants: one message per step, errors as values.

    A batch of books is decoded one book at a time, only for books whose coin some
    subscription wants; a malformed book yields its :class:`DecodeError` and the rest of the
    batch goes on. A frame whose routes can be read from the raw JSON (:func:`peek_routes`)
    and that nobody wants is not decoded at all. An unknown channel yields nothing.
    """
    if channel == "l2Book" and isinstance(data, list):
        for raw in data:
            routes = _peek_book(raw)
            if routes is not None and not any(wanted(route) for route in routes):
                continue
            try:
                # No memo for a batch: remembering every coin's levels (tens of thousands
                # of objects in a GoldRush wildcard frame) costs the garbage collector more
                # than the reuse saves; measured about 25% slower (benchmarks/run.py).
                book = _one_book(raw, None)
            except DecodeError as exc:
                yield exc
                continue
            except _DECODE_FAILURES as exc:
                yield DecodeError(_describe(exc), channel=channel)
                continue
            yield Routed(_book_routes(book.coin, book.fast), book)
        return
    routes = peek_routes(channel, data)
    if routes is not None and not any(wanted(route) for route in routes):
        return
    try:
        routed = decode_channel(channel, data, memo=memo)
    except DecodeError as exc:
        yield exc
        return
    if routed is not None:
        yield from routed
