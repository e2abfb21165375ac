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
* GoldRush batch channels (``l2BookDiff``, ``l2BookDiff2``, ``l4BookUpdates`` and the fill
  streams) route whole, as the bare channel (``_keys`` rule 8); a ``data`` of a shape not
  known decodes to :class:`~trio_hl.models.goldrush.GoldRushUnknown` (raw JSON kept);
* GoldRush ``userFills`` frames of ``[address, fill]`` pairs become one
  :class:`~trio_hl.models.UserFills` per wallet (for single-wallet subscriptions) plus one
  :class:`~trio_hl.models.goldrush.FillBatch` for the multi-wallet route (``_keys`` rule 9).

The session decodes lazily (``iter_decode``): the busiest channels (``l2Book``, ``trades``) name
their routes from the raw JSON before anything is decoded (:func:`peek_routes`), so a frame
no subscription wants costs no decoding, and a batch of books (a GoldRush wildcard frame of
hundreds of coins, over 1 MB) is decoded one coin at a time, as the shell asks for the next,
so that the shell can let other tasks run between coins. A malformed book in a batch spoils
only itself.

Straight from text (``iter_decode_text``): the hot channels (``l2Book``, ``trades``, ``bbo``)
are decoded from the frame's JSON text, without a parsed tree in between. msgspec reads the
text into the models in one C pass (:func:`.._convert.json_frame_decoder`): a 20-level book
in about 18 µs where parsing and then structuring took about 29 µs, and a 1.1 MB wildcard
frame of 200 books in about 16 ms where it took 57 ms, most of it the garbage collector
tracing the parsed dicts. A batch is split into one raw slice of text per book; unless a
wildcard subscriber takes every book, each book's coin is peeked before its slice is
decoded. Anything msgspec does not decode (malformed or unusual input) is parsed and
structured by the converter as above, which decodes it or explains the error: the results
are the same either way (``tests/protocol/test_decode_fuzz.py``, ``test_fast_path.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any, Final, Protocol, TypeVar

import attrs
import msgspec
from cattrs.errors import BaseValidationError

from .._convert import CONVERTER, bound_structure_hook, json_decoder, json_frame_decoder
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
from ..models.goldrush import (
    FillBatch,
    decode_fill_batch,
    decode_l2_book_diff,
    decode_l2_book_diff2,
    decode_l4_book_updates,
    is_fill_pairs,
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
from ._frames import loads
from ._keys import WILDCARD, RouteKey

__all__ = [
    "CHANNEL_DECODERS",
    "TEXT_CHANNELS",
    "Routed",
    "decode_channel",
    "iter_decode",
    "iter_decode_text",
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


def _one_book(raw: Any) -> L2Book:
    return _l2_book(_mapping(raw))


def _decode_l2_book(data: Any) -> list[Routed]:
    books = data if isinstance(data, list) else [data]
    out: list[Routed] = []
    for raw in books:
        book = _one_book(raw)
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


def _whole(channel: str, decode: Callable[[Any], Any]) -> Callable[[Any], list[Routed]]:
    """A GoldRush batch channel: the whole message to the bare channel route."""
    route: tuple[RouteKey, ...] = ((channel,),)
    return lambda data: [Routed(route, decode(data))]


def _decode_l2_book_diff(data: Any) -> list[Routed]:
    return [Routed((("l2BookDiff",),), m) for m in decode_l2_book_diff(data)]


_user_fills = _by_user("userFills", UserFills)


def _decode_user_fills(data: Any) -> list[Routed]:
    if not is_fill_pairs(data):
        return _user_fills(data)
    batch = decode_fill_batch("userFills", data)
    assert isinstance(batch, FillBatch)  # is_fill_pairs checked the shape
    per_user: dict[str, list[Any]] = {}
    for user, fill in batch.fills:
        per_user.setdefault(user, []).append(fill)
    out = [
        Routed((("userFills", user),), UserFills(user=user, fills=tuple(fills)))
        for user, fills in per_user.items()
    ]
    out.append(Routed((("userFills", WILDCARD),), batch))
    return out


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
    "userFills": _decode_user_fills,
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
    "l2BookDiff": _decode_l2_book_diff,
    "l2BookDiff2": _whole("l2BookDiff2", decode_l2_book_diff2),
    "l4BookUpdates": _whole("l4BookUpdates", decode_l4_book_updates),
    **{
        channel: _whole(channel, partial(decode_fill_batch, channel))
        for channel in ("liquidationFills", "builderFills", "builderLiquidations", "allFills")
    },
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


def decode_channel(channel: str, data: Any) -> list[Routed] | None:
    """Decode the ``data`` of a data frame.

    Args:
        channel: the frame's ``channel``.
        data: the frame's ``data``.

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
                book = _one_book(raw)
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
        routed = decode_channel(channel, data)
    except DecodeError as exc:
        yield exc
        return
    if routed is not None:
        yield from routed


# --- straight from text (see the module docstring) --------------------------------------------

_book_frame: Final = json_frame_decoder(L2Book, batch=True)
_book_text: Final = json_decoder(L2Book)
_trades_frame: Final = json_frame_decoder(tuple[Trade, ...])
_bbo_frame: Final = json_frame_decoder(Bbo)
# What msgspec raises on input it does not decode (its errors are ValueErrors).
_TEXT_FAILURES: Final = (ValueError, RecursionError)


class _Head(msgspec.Struct):
    """What routing needs of a book; msgspec skips everything else."""

    coin: Any = None
    fast: Any = False


_head: Final = msgspec.json.Decoder(_Head).decode


def _book_unwanted(item: msgspec.Raw, wanted: Callable[[RouteKey], bool]) -> bool:
    try:
        head = _head(item)
    except _TEXT_FAILURES:
        return False  # decoded, and its error reported, like a book someone wants
    if not isinstance(head.coin, str):
        return False
    return not any(wanted(route) for route in _book_routes(head.coin, head.fast is True))


def _iter_books_text(
    data: L2Book | list[msgspec.Raw], wanted: Callable[[RouteKey], bool]
) -> Iterator[Routed | DecodeError]:
    if isinstance(data, L2Book):
        yield Routed(_book_routes(data.coin, data.fast), data)
        return
    # Peeking at each coin pays only when some books may be for nobody: not for a
    # wildcard subscriber, who takes them all.
    peek = not (wanted(("l2Book", WILDCARD)) or wanted(("l2Book", WILDCARD, "fast")))
    for item in data:
        if peek and _book_unwanted(item, wanted):
            continue
        try:
            book: L2Book = _book_text(item)
        except _TEXT_FAILURES:
            # Unusual or malformed: the converter decides (and explains).
            try:
                parsed = loads(bytes(item))
            except _TEXT_FAILURES:
                # Text only json refuses (an integer of thousands of digits) in a field no
                # model reads: msgspec skipped it when it split the frame.
                yield DecodeError("a book is not JSON that json reads", channel="l2Book")
                continue
            yield from iter_decode("l2Book", [parsed], wanted)
            continue
        yield Routed(_book_routes(book.coin, book.fast), book)


def _iter_trades_text(
    data: tuple[Trade, ...], wanted: Callable[[RouteKey], bool]
) -> Iterator[Routed | DecodeError]:
    if data:
        coin = data[0].coin
        yield Routed((("trades", coin),), Trades(coin=coin, trades=data))


def _iter_bbo_text(data: Bbo, _wanted: Callable[[RouteKey], bool]) -> Iterator[Routed]:
    yield Routed((("bbo", data.coin),), data)


_TEXT_DECODERS: Final[dict[str, tuple[Callable[[Any], tuple[str, Any]], Any]]] = {
    "l2Book": (_book_frame, _iter_books_text),
    "trades": (_trades_frame, _iter_trades_text),
    "bbo": (_bbo_frame, _iter_bbo_text),
}

TEXT_CHANNELS: Final = frozenset(_TEXT_DECODERS)
"""The channels :func:`iter_decode_text` decodes."""


def iter_decode_text(
    channel: str, text: str, wanted: Callable[[RouteKey], bool]
) -> Iterator[Routed | DecodeError] | None:
    """:func:`iter_decode` straight from the text of a whole frame of ``channel`` (one of
    :data:`TEXT_CHANNELS`, as read by :func:`._frames.channel_prefix`).

    Returns:
        The same items :func:`iter_decode` gives for the parsed frame, or ``None`` when
        msgspec does not decode the frame (malformed or unusual text, another channel
        after all): parse it and take :func:`iter_decode`, which decodes it or explains.
        Two differences, both deliberate: a decimal sent as a JSON number is read from its
        digits (see :func:`.._convert.json_decoder`), and fields no model reads are skipped
        unread, so text there that only ``json`` refuses (an integer of thousands of
        digits) is no error.
    """
    decode_frame, items = _TEXT_DECODERS[channel]
    try:
        name, data = decode_frame(text)
    except _TEXT_FAILURES:
        return None
    if name != channel:  # a repeated "channel" key: the last one counts, as in parse()
        return None
    iterator: Iterator[Routed | DecodeError] = items(data, wanted)
    return iterator
