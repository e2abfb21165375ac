"""The channel table: every fact about a subscription channel, in one row.

:data:`CHANNELS` holds one :class:`ChannelSpec` per subscription type: its wire type, the
``channel`` its data frames arrive on, its request class and the model its stream yields,
its route (how frames are told apart, computed from a subscription body and from a decoded
message alike, see :mod:`._keys`), its default buffer policy, its message filter (``_dedupe``)
and its decoder. The session, :func:`trio_hl.decode_frame`, the fake server and the ``Api``
read this table and nothing else; ``tests/protocol/test_channel_table.py`` checks it against
every request class and model. Adding a channel is a model, a request class, one row here and
its tests (see "How to add a channel" in ``docs/concepts.md``).

A data frame is ``{"channel": name, "data": ...}``. The row's decoder turns ``data`` into
zero or more :class:`Routed` items: the typed message plus every route it belongs to.
Decoding happens once per frame, whatever the number of local consumers. Structure hooks
are looked up once, here, not per frame.

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
* GoldRush's batch channels (``l2BookDiff``, ``l2BookDiff2``, ``l4BookUpdates`` and the fill
  streams) push one message per block mixing every coin (or wallet) of the subscription:
  each routes whole, as the bare channel (``_keys`` rule 8); a ``data`` of a shape not known
  decodes to :class:`~trio_hl.models.goldrush.GoldRushUnknown` (raw JSON kept);
* GoldRush's ``userFills`` frames carry ``[address, fill]`` pairs: they are split into one
  :class:`~trio_hl.models.UserFills` per wallet (``ChannelSpec.split``), so a ``userFills``
  subscription reads the same on both servers.

The session decodes lazily (``iter_decode``): the busiest channels (``l2Book``, ``trades``) name
their routes from the raw JSON before anything is decoded (``ChannelSpec.peek``), so a frame
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
from typing import Any, Final, TypeVar, cast

import attrs
import msgspec

from .._convert import (
    CONVERTER,
    DECODE_FAILURES,
    bound_structure_hook,
    describe_failure,
    json_decoder,
    json_frame_decoder,
)
from .._guards import is_array, is_mapping, is_object
from .._policy import BufferPolicy
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
    AllFills,
    AllFillsSubscription,
    BuilderFills,
    BuilderFillsSubscription,
    BuilderLiquidations,
    BuilderLiquidationsSubscription,
    GoldRushUnknown,
    L2BookDiff2Subscription,
    L2BookDiffSubscription,
    L2Diff2Batch,
    L2DiffSnapshot,
    L2DiffUpdates,
    L4BookUpdatesSubscription,
    L4UpdatesBatch,
    LiquidationFills,
    LiquidationFillsSubscription,
    decode_fill_batch,
    decode_l2_book_diff,
    decode_l2_book_diff2,
    decode_l4_book_updates,
    split_fill_pairs,
)
from ..models.l4 import L4Snapshot, L4Updates, decode_l4_book
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
from ..models.subscriptions import (
    ActiveAssetCtxSubscription,
    ActiveAssetDataSubscription,
    AllDexsAssetCtxsSubscription,
    AllDexsClearinghouseStateSubscription,
    AllMidsSubscription,
    AssetCtxsSubscription,
    BboSubscription,
    CandleSubscription,
    ClearinghouseStateSubscription,
    L2BookSubscription,
    L4BookSubscription,
    NotificationSubscription,
    OpenOrdersSubscription,
    OrderUpdatesSubscription,
    SpotAssetCtxsSubscription,
    SpotStateSubscription,
    SubscriptionRequest,
    TradesSubscription,
    TwapStatesSubscription,
    UserEventsSubscription,
    UserFillsSubscription,
    UserFundingsSubscription,
    UserHistoricalOrdersSubscription,
    UserNonFundingLedgerUpdatesSubscription,
    UserTwapHistorySubscription,
    UserTwapSliceFillsSubscription,
    WebData2Subscription,
    WebData3Subscription,
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
from ._dedupe import FillDeduplicator, MessageFilter
from ._frames import CONTROL_CHANNELS, channel_prefix, loads, parse
from ._keys import WALLET_LIST_FIELDS, WILDCARD, BookRoute, FieldRoute, Route, Routed, RouteKey

__all__ = [
    "CHANNELS",
    "TEXT_CHANNELS",
    "TEXT_REFUSED",
    "UNDECODABLE",
    "ChannelSpec",
    "Control",
    "Decoder",
    "Lazy",
    "decode_channel",
    "decode_message",
    "default_policy",
    "filter_for",
    "iter_books_lazy",
    "iter_decode",
    "iter_decode_text",
    "serves_frame",
    "spec_for_frame",
    "subscription_route",
    "subscription_routes",
]

T = TypeVar("T")

Decoder = Callable[[Any], object | None]
"""One item of a frame's ``data`` -> its message, or ``None`` for an item carrying nothing.

Raises any of :data:`trio_hl._convert.DECODE_FAILURES` (or :class:`DecodeError`) on malformed
data."""

Wanted = Callable[[RouteKey], bool]
"""Does some live subscription want this route?"""

TextPath = Callable[[str, Wanted], Iterator[Routed | DecodeError] | None]
"""Decodes a whole frame from its text; ``None`` when it cannot (then it is parsed)."""

_EVENTS: Final = BufferPolicy.fail_on_overflow()
_STATE: Final = BufferPolicy.keep_latest(1)
_GOLDRUSH: Final = BufferPolicy.fail_on_overflow(4096)


@attrs.frozen(kw_only=True)
class ChannelSpec:
    """Everything about one subscription channel (one row of :data:`CHANNELS`).

    Attributes:
        wire_type: the subscription's ``type`` (``"userEvents"``).
        frame_channel: the ``channel`` of its data frames (``"user"``).
        request: the request class (its ``to_wire()["type"]`` is ``wire_type``).
        model: what its stream yields (a class or a union), the request's type argument.
        route: how its frames are told apart, from a body and from a message (``_keys``).
        decode: the data of one frame (or one item of a batch) -> message, or ``None``.
        policy: the default buffer policy: keep the latest for *state* channels (every
            message is the whole state), fail on overflow for *event* channels (a silently
            dropped event is a bug).
        wildcard_policy: the default for a subscription without a coin (GoldRush's every-coin
            book, which carries every coin on one stream and must not lose coins).
        dedupe: makes the message filter each wire subscription of this type gets.
        batch: a list ``data`` is several items, each decoded and routed on its own.
        also: other frame channels serving this subscription, with their decoders
            (``activeSpotAssetCtx`` serves ``activeAssetCtx``).
        peek: the routes of one item read from the raw JSON without decoding it, or
            ``None`` when that cannot be told cheaply (only for the busiest channels).
        text: decodes a whole frame straight from its text (the hot channels).
        split: splits one frame's ``data`` into items decoded and routed one by one, or
            returns ``None`` to decode it as usual (GoldRush's ``userFills`` pairs).
    """

    wire_type: str
    frame_channel: str
    request: type[SubscriptionRequest[Any]]
    model: Any
    route: Route
    decode: Decoder
    policy: BufferPolicy = _EVENTS
    wildcard_policy: BufferPolicy | None = None
    dedupe: Callable[[], MessageFilter] | None = None
    batch: bool = False
    also: Mapping[str, Decoder] = attrs.field(factory=dict[str, Decoder])
    peek: Callable[[Any], tuple[RouteKey, ...] | None] | None = None
    text: TextPath | None = None
    split: Callable[[Any], list[Any] | None] | None = None


# --- decoders ---------------------------------------------------------------------------------


def _hook(cls: type[T]) -> Callable[[Any], T]:
    return bound_structure_hook(CONVERTER, cls)


def _mapping(data: Any) -> Mapping[str, Any]:
    if not is_mapping(data):
        raise TypeError(f"expected an object, got {type(data).__name__}")
    return data


def _list(data: Any, what: str) -> list[Any]:
    if not is_array(data):
        raise TypeError(f"expected a list of {what}, got {type(data).__name__}")
    return data


def _object(cls: type[T]) -> Callable[[Any], T]:
    """Data that is one JSON object of ``cls``."""
    structure = _hook(cls)

    def decode(data: Any) -> T:
        return structure(_mapping(data))

    return decode


def _union(union: Any) -> Decoder:
    hook = CONVERTER.get_structure_hook(union)

    def decode(data: Any) -> object:
        return hook(data, union)

    return decode


_trade: Final = _hook(Trade)
_order_update: Final = _hook(OrderUpdate)
_spot_asset_ctx: Final = _hook(SpotAssetCtx)
_l2_book: Final = _object(L2Book)


def _trades(data: Any) -> Trades | None:
    items = _list(data, "trades")
    if not items:
        return None  # an empty list names no coin: it routes nowhere
    trades = tuple([_trade(item) for item in items])
    return Trades(coin=trades[0].coin, trades=trades)


def _order_updates(data: Any) -> OrderUpdates | None:
    # Hyperliquid sends a bare list; GoldRush's page describes "an updates array" of
    # user-tagged entries without showing the frame, so ``{"updates": [...]}`` is read too.
    if isinstance(data, Mapping) and "updates" in data:
        return _order_updates(cast("Mapping[str, Any]", data)["updates"])
    updates = tuple(_order_update(item) for item in _list(data, "order updates"))
    return OrderUpdates(updates=updates) if updates else None


def _spot_asset_ctxs(data: Any) -> SpotAssetCtxs:
    # The data is a bare array: wrapped into one message.
    return SpotAssetCtxs(ctxs=tuple(_spot_asset_ctx(item) for item in _list(data, "contexts")))


def _l4_book(data: Any) -> L4Snapshot | L4Updates | None:
    message = decode_l4_book(data)
    # An Updates block without entries names no coin and carries nothing to apply.
    return message if message.coin is not None else None


def _peek_book(data: Any) -> tuple[RouteKey, ...] | None:
    if not is_object(data):
        return None
    coin = data.get("coin")
    if not isinstance(coin, str):
        return None
    return BookRoute.of_coin(coin, data.get("fast") is True)


def _peek_trades(data: Any) -> tuple[RouteKey, ...] | None:
    if not is_array(data) or not data or not is_object(first := data[0]):
        return None
    coin = first.get("coin")
    return (("trades", coin),) if isinstance(coin, str) else None


# --- straight from text (see the module docstring) --------------------------------------------

# What msgspec raises on input it does not decode (its errors are ValueErrors).
_TEXT_FAILURES: Final = (ValueError, RecursionError)
_BOOK_ROUTE: Final = BookRoute()
_TRADES_ROUTE: Final = FieldRoute("trades", ("coin",))
_BBO_ROUTE: Final = FieldRoute("bbo", ("coin",))


class _Head(msgspec.Struct):
    """What routing needs of a book; msgspec skips everything else."""

    coin: Any = None
    fast: Any = False


_head: Final = msgspec.json.Decoder(_Head).decode


def _book_unwanted(item: msgspec.Raw, wanted: Wanted) -> bool:
    try:
        head = _head(item)
    except _TEXT_FAILURES:
        return False  # decoded, and its error reported, like a book someone wants
    if not isinstance(head.coin, str):
        return False
    return not any(wanted(route) for route in BookRoute.of_coin(head.coin, head.fast is True))


def _books_text() -> Callable[[L2Book | list[msgspec.Raw], Wanted], Iterator[Routed | DecodeError]]:
    book_text = json_decoder(L2Book)

    def items(data: L2Book | list[msgspec.Raw], wanted: Wanted) -> Iterator[Routed | DecodeError]:
        if isinstance(data, L2Book):
            yield Routed(_BOOK_ROUTE.of_message(data), data)
            return
        # Peeking at each coin pays only when some books may be for nobody: not for a
        # wildcard subscriber, who takes them all.
        peek = not (wanted(("l2Book", WILDCARD)) or wanted(("l2Book", WILDCARD, "fast")))
        for item in data:
            if peek and _book_unwanted(item, wanted):
                continue
            try:
                book: L2Book = book_text(item)
            except _TEXT_FAILURES:
                # Unusual or malformed: the converter decides (and explains).
                try:
                    parsed = loads(bytes(item))
                except _TEXT_FAILURES:
                    # Text only json refuses (an integer of thousands of digits) in a field
                    # no model reads: msgspec skipped it when it split the frame.
                    yield DecodeError("a book is not JSON that json reads", channel="l2Book")
                    continue
                yield from iter_decode("l2Book", [parsed], wanted)
                continue
            yield Routed(_BOOK_ROUTE.of_message(book), book)

    return items


# --- routed now, decoded by the consumer (the shell's l2Book path) ----------------------------

UNDECODABLE: Final = object()
"""What :meth:`Lazy.value` returns for a message that did not decode (already reported)."""


class Lazy:
    """A message routed but not decoded yet: the first consumer to take it decodes it.

    A book a keep-latest stream drops is never decoded, and a decoded book dies young
    (the consumer holds it, not a buffer), which keeps the garbage collector's work small.
    One object may sit in several streams: it is decoded once. ``report`` (set by the
    shell) is told of a decoding failure, once.
    """

    __slots__ = ("_decode", "_raw", "_value", "report")

    def __init__(self, decode: Callable[[Any], object], raw: Any) -> None:
        self._decode = decode
        self._raw = raw
        self._value: object = None
        self.report: Callable[[DecodeError], None] | None = None

    def value(self) -> object:
        """The decoded message, or :data:`UNDECODABLE`."""
        if self._raw is None:
            return self._value
        raw, self._raw = self._raw, None
        try:
            self._value = self._decode(raw)
        except DecodeError as exc:
            self._value = UNDECODABLE
            if self.report is not None:
                self.report(exc)
        return self._value


def _lazy_book_decoder() -> Callable[[msgspec.Raw], L2Book] | None:
    # As the eager text path: a model msgspec cannot read disables the lazy path (the
    # reason is in TEXT_REFUSED), it does not fail the import.
    try:
        return json_decoder(L2Book)
    except TypeError:
        return None


_book_text: Final = _lazy_book_decoder()


class _LazyFrame(msgspec.Struct):
    """An ``l2Book`` frame, read in one pass: a batch's books as slices of text, or a
    single book's routing head (the rest of it skipped)."""

    channel: str
    data: list[msgspec.Raw] | _Head


_lazy_frame: Final = msgspec.json.Decoder(_LazyFrame).decode


def _book_from_raw(item: msgspec.Raw) -> L2Book:
    """One book's text -> the model, or :class:`DecodeError` (as the eager path decides)."""
    assert _book_text is not None  # only iter_books_lazy, which checks it, gets here
    try:
        book: L2Book = _book_text(item)
    except _TEXT_FAILURES:
        try:
            parsed = loads(bytes(item))
        except _TEXT_FAILURES:
            raise DecodeError("a book is not JSON that json reads", channel="l2Book") from None
        return _first_book(iter_decode("l2Book", [parsed], _everything))
    return book


def _book_from_frame(text: str) -> L2Book:
    """A single-book frame's text -> the model, or :class:`DecodeError`."""
    items = iter_decode_text("l2Book", text, _everything)
    if items is None:
        frame = parse(text)  # what the text path does not decode: the converter explains
        items = iter_decode("l2Book", frame.get("data") if frame else None, _everything)
    return _first_book(items)


def _first_book(items: Iterator[Routed | DecodeError]) -> L2Book:
    for item in items:
        if isinstance(item, DecodeError):
            raise item
        return item.message  # type: ignore[return-value]
    raise DecodeError("not a book", channel="l2Book")


def iter_books_lazy(text: str, wanted: Wanted) -> Iterator[Routed | DecodeError] | None:
    """An ``l2Book`` frame's books, routed by their coin and each left undecoded
    (:class:`Lazy`); ``None`` as :func:`iter_decode_text` says it.

    The frame is read once, and only what routing needs (the coin, the ``fast`` flag): a
    book whose head does not read that way is decoded at once, so that its error is
    reported as the eager path reports it.
    """
    if _book_text is None:
        return None
    try:
        frame = _lazy_frame(text)
    except _TEXT_FAILURES:
        return None
    if frame.channel != "l2Book":
        return None
    data = frame.data
    if isinstance(data, _Head):
        if not isinstance(data.coin, str) or not isinstance(data.fast, bool):
            return None
        routes = BookRoute.of_coin(data.coin, data.fast)
        if not any(wanted(route) for route in routes):
            return iter(())
        return iter((Routed(routes, Lazy(_book_from_frame, text)),))
    return _lazy_books(data, wanted)


def _lazy_books(items: list[msgspec.Raw], wanted: Wanted) -> Iterator[Routed | DecodeError]:
    for item in items:
        try:
            head = _head(item)
        except _TEXT_FAILURES:
            head = None
        if head is None or not isinstance(head.coin, str) or not isinstance(head.fast, bool):
            try:
                book = _book_from_raw(item)
            except DecodeError as exc:
                yield exc
                continue
            yield Routed(_BOOK_ROUTE.of_message(book), book)
            continue
        routes = BookRoute.of_coin(head.coin, head.fast)
        if any(wanted(route) for route in routes):
            yield Routed(routes, Lazy(_book_from_raw, item))


def _trades_text() -> Callable[[tuple[Trade, ...], Wanted], Iterator[Routed]]:
    def items(data: tuple[Trade, ...], _wanted: Wanted) -> Iterator[Routed]:
        if data:
            message = Trades(coin=data[0].coin, trades=data)
            yield Routed(_TRADES_ROUTE.of_message(message), message)

    return items


def _bbo_text() -> Callable[[Bbo, Wanted], Iterator[Routed]]:
    def items(data: Bbo, _wanted: Wanted) -> Iterator[Routed]:
        yield Routed(_BBO_ROUTE.of_message(data), data)

    return items


TEXT_REFUSED: Final[dict[str, str]] = {}
"""Frame channel -> why its model cannot be read from text (then its frames are parsed).

Empty unless a model change broke a hot channel's fast path; ``test_fast_path.py`` fails then.
"""


def _text_path(
    channel: str,
    data_type: Any,
    make_items: Callable[[], Callable[[Any, Wanted], Iterator[Routed | DecodeError]]],
    *,
    batch: bool = False,
) -> TextPath | None:
    """The text path of a hot channel, or ``None`` when msgspec cannot read its model as the
    converter does: the channel then decodes parsed frames (slower, same results), and the
    reason is kept in :data:`TEXT_REFUSED` rather than failing the import."""
    try:
        decode_frame = json_frame_decoder(data_type, batch=batch)
        items = make_items()
    except TypeError as exc:
        TEXT_REFUSED[channel] = str(exc)
        return None

    def decode(text: str, wanted: Wanted) -> Iterator[Routed | DecodeError] | None:
        try:
            name, data = decode_frame(text)
        except _TEXT_FAILURES:
            return None
        if name != channel:  # a repeated "channel" key: the last one counts, as in parse()
            return None
        return items(data, wanted)

    return decode


# --- the table --------------------------------------------------------------------------------


def _user(kind: str, *more: str) -> FieldRoute:
    """Rule 5: a user channel routes by the lower-cased user (and ``more``)."""
    return FieldRoute(kind, ("user", *more))


def _unattributed(kind: str) -> FieldRoute:
    """Rule 6: the frames carry no user; the body must still name one."""
    return FieldRoute(kind, (), required=("user",))


_ROWS: Final = (
    ChannelSpec(
        wire_type="l2Book",
        frame_channel="l2Book",
        request=L2BookSubscription,
        model=L2Book,
        route=_BOOK_ROUTE,
        decode=_l2_book,
        policy=_STATE,
        wildcard_policy=BufferPolicy.keep_latest(1024),
        batch=True,
        peek=_peek_book,
        text=_text_path("l2Book", L2Book, _books_text, batch=True),
    ),
    ChannelSpec(
        wire_type="trades",
        frame_channel="trades",
        request=TradesSubscription,
        model=Trades,
        route=_TRADES_ROUTE,
        decode=_trades,
        peek=_peek_trades,
        text=_text_path("trades", tuple[Trade, ...], _trades_text),
    ),
    ChannelSpec(
        wire_type="candle",
        frame_channel="candle",
        request=CandleSubscription,
        model=Candle,
        route=FieldRoute("candle", ("coin", "interval")),
        decode=_object(Candle),
    ),
    ChannelSpec(
        wire_type="bbo",
        frame_channel="bbo",
        request=BboSubscription,
        model=Bbo,
        route=_BBO_ROUTE,
        decode=_object(Bbo),
        policy=_STATE,
        text=_text_path("bbo", Bbo, _bbo_text),
    ),
    ChannelSpec(
        wire_type="allMids",
        frame_channel="allMids",
        request=AllMidsSubscription,
        model=AllMids,
        route=FieldRoute("allMids", ("dex",)),
        decode=_object(AllMids),
        policy=_STATE,
    ),
    ChannelSpec(
        wire_type="activeAssetCtx",
        frame_channel="activeAssetCtx",
        request=ActiveAssetCtxSubscription,
        model=ActiveAssetCtx | ActiveSpotAssetCtx,
        route=FieldRoute("activeAssetCtx", ("coin",)),
        decode=_object(ActiveAssetCtx),
        policy=_STATE,
        also={"activeSpotAssetCtx": _object(ActiveSpotAssetCtx)},
    ),
    # rule 5: user channels, by user (and dex or coin)
    ChannelSpec(
        wire_type="webData2",
        frame_channel="webData2",
        request=WebData2Subscription,
        model=WebData2,
        route=_user("webData2"),
        decode=_object(WebData2),
        policy=_STATE,
    ),
    ChannelSpec(
        wire_type="webData3",
        frame_channel="webData3",
        request=WebData3Subscription,
        model=WebData3,
        route=FieldRoute("webData3", ("user",), user_of=lambda m: m.user_state.user),
        decode=_object(WebData3),
        policy=_STATE,
    ),
    ChannelSpec(
        wire_type="userFills",
        frame_channel="userFills",
        request=UserFillsSubscription,
        model=UserFills,
        route=_user("userFills"),
        decode=_object(UserFills),
        dedupe=FillDeduplicator,
        split=split_fill_pairs,
    ),
    ChannelSpec(
        wire_type="userFundings",
        frame_channel="userFundings",
        request=UserFundingsSubscription,
        model=UserFundings,
        route=_user("userFundings"),
        decode=_object(UserFundings),
    ),
    ChannelSpec(
        wire_type="userNonFundingLedgerUpdates",
        frame_channel="userNonFundingLedgerUpdates",
        request=UserNonFundingLedgerUpdatesSubscription,
        model=UserNonFundingLedgerUpdates,
        route=_user("userNonFundingLedgerUpdates"),
        decode=_object(UserNonFundingLedgerUpdates),
    ),
    ChannelSpec(
        wire_type="userTwapSliceFills",
        frame_channel="userTwapSliceFills",
        request=UserTwapSliceFillsSubscription,
        model=UserTwapSliceFills,
        route=_user("userTwapSliceFills"),
        decode=_object(UserTwapSliceFills),
    ),
    ChannelSpec(
        wire_type="userTwapHistory",
        frame_channel="userTwapHistory",
        request=UserTwapHistorySubscription,
        model=UserTwapHistory,
        route=_user("userTwapHistory"),
        decode=_object(UserTwapHistory),
    ),
    ChannelSpec(
        wire_type="userHistoricalOrders",
        frame_channel="userHistoricalOrders",
        request=UserHistoricalOrdersSubscription,
        model=UserHistoricalOrders,
        route=_user("userHistoricalOrders"),
        decode=_object(UserHistoricalOrders),
    ),
    ChannelSpec(
        wire_type="spotState",
        frame_channel="spotState",
        request=SpotStateSubscription,
        model=SpotState,
        route=_user("spotState"),
        decode=_object(SpotState),
        policy=_STATE,
    ),
    ChannelSpec(
        wire_type="allDexsClearinghouseState",
        frame_channel="allDexsClearinghouseState",
        request=AllDexsClearinghouseStateSubscription,
        model=AllDexsClearinghouseState,
        route=_user("allDexsClearinghouseState"),
        decode=_object(AllDexsClearinghouseState),
        policy=_STATE,
    ),
    ChannelSpec(
        wire_type="clearinghouseState",
        frame_channel="clearinghouseState",
        request=ClearinghouseStateSubscription,
        model=ClearinghouseStateUpdate,
        route=_user("clearinghouseState", "dex"),
        decode=_object(ClearinghouseStateUpdate),
        policy=_STATE,
    ),
    ChannelSpec(
        wire_type="openOrders",
        frame_channel="openOrders",
        request=OpenOrdersSubscription,
        model=OpenOrders,
        route=_user("openOrders", "dex"),
        decode=_object(OpenOrders),
        policy=_STATE,
    ),
    ChannelSpec(
        wire_type="twapStates",
        frame_channel="twapStates",
        request=TwapStatesSubscription,
        model=TwapStates,
        route=_user("twapStates", "dex"),
        decode=_object(TwapStates),
        policy=_STATE,
    ),
    ChannelSpec(
        wire_type="activeAssetData",
        frame_channel="activeAssetData",
        request=ActiveAssetDataSubscription,
        model=ActiveAssetData,
        route=_user("activeAssetData", "coin"),
        decode=_object(ActiveAssetData),
        policy=_STATE,
    ),
    # rule 6: no user in the frames (one user per connection)
    ChannelSpec(
        wire_type="orderUpdates",
        frame_channel="orderUpdates",
        request=OrderUpdatesSubscription,
        model=OrderUpdates,
        route=_unattributed("orderUpdates"),
        decode=_order_updates,
    ),
    ChannelSpec(
        wire_type="userEvents",
        frame_channel="user",
        request=UserEventsSubscription,
        model=UserEvent,
        route=_unattributed("userEvents"),
        decode=_union(UserEvent),
    ),
    ChannelSpec(
        wire_type="notification",
        frame_channel="notification",
        request=NotificationSubscription,
        model=Notification,
        route=_unattributed("notification"),
        decode=_object(Notification),
    ),
    # rule 7: market-wide state
    ChannelSpec(
        wire_type="assetCtxs",
        frame_channel="assetCtxs",
        request=AssetCtxsSubscription,
        model=AssetCtxs,
        route=FieldRoute("assetCtxs", ("dex",)),
        decode=_object(AssetCtxs),
        policy=_STATE,
    ),
    ChannelSpec(
        wire_type="spotAssetCtxs",
        frame_channel="spotAssetCtxs",
        request=SpotAssetCtxsSubscription,
        model=SpotAssetCtxs,
        route=FieldRoute("spotAssetCtxs"),
        decode=_spot_asset_ctxs,
        policy=_STATE,
    ),
    ChannelSpec(
        wire_type="allDexsAssetCtxs",
        frame_channel="allDexsAssetCtxs",
        request=AllDexsAssetCtxsSubscription,
        model=AllDexsAssetCtxs,
        route=FieldRoute("allDexsAssetCtxs"),
        decode=_object(AllDexsAssetCtxs),
        policy=_STATE,
    ),
    # GoldRush. A diff stream: it fails on overflow (a dropped update corrupts the book).
    ChannelSpec(
        wire_type="l4Book",
        frame_channel="l4Book",
        request=L4BookSubscription,
        model=L4Snapshot | L4Updates,
        route=FieldRoute("l4Book", ("coin",)),
        decode=_l4_book,
    ),
    # GoldRush batch channels (rule 8): one message per block, routed whole by exact body.
    # Diffs and fills fail on overflow with a deep buffer: a wildcard carries every coin.
    ChannelSpec(
        wire_type="l2BookDiff",
        frame_channel="l2BookDiff",
        request=L2BookDiffSubscription,
        model=L2DiffSnapshot | L2DiffUpdates | GoldRushUnknown,
        route=FieldRoute("l2BookDiff"),
        decode=lambda data: decode_l2_book_diff(data)[0],
        policy=_GOLDRUSH,
        batch=True,
    ),
    ChannelSpec(
        wire_type="l2BookDiff2",
        frame_channel="l2BookDiff2",
        request=L2BookDiff2Subscription,
        model=L2Diff2Batch | GoldRushUnknown,
        route=FieldRoute("l2BookDiff2"),
        decode=decode_l2_book_diff2,
        policy=_GOLDRUSH,
    ),
    ChannelSpec(
        wire_type="l4BookUpdates",
        frame_channel="l4BookUpdates",
        request=L4BookUpdatesSubscription,
        model=L4UpdatesBatch | GoldRushUnknown,
        route=FieldRoute("l4BookUpdates"),
        decode=decode_l4_book_updates,
        policy=_GOLDRUSH,
    ),
    ChannelSpec(
        wire_type="liquidationFills",
        frame_channel="liquidationFills",
        request=LiquidationFillsSubscription,
        model=LiquidationFills | GoldRushUnknown,
        route=FieldRoute("liquidationFills"),
        decode=partial(decode_fill_batch, "liquidationFills"),
        policy=_GOLDRUSH,
    ),
    ChannelSpec(
        wire_type="builderFills",
        frame_channel="builderFills",
        request=BuilderFillsSubscription,
        model=BuilderFills | GoldRushUnknown,
        route=FieldRoute("builderFills"),
        decode=partial(decode_fill_batch, "builderFills"),
        policy=_GOLDRUSH,
    ),
    ChannelSpec(
        wire_type="builderLiquidations",
        frame_channel="builderLiquidations",
        request=BuilderLiquidationsSubscription,
        model=BuilderLiquidations | GoldRushUnknown,
        route=FieldRoute("builderLiquidations"),
        decode=partial(decode_fill_batch, "builderLiquidations"),
        policy=_GOLDRUSH,
    ),
    ChannelSpec(
        wire_type="allFills",
        frame_channel="allFills",
        request=AllFillsSubscription,
        model=AllFills | GoldRushUnknown,
        route=FieldRoute("allFills"),
        decode=partial(decode_fill_batch, "allFills"),
        policy=_GOLDRUSH,
    ),
)

CHANNELS: Final[Mapping[str, ChannelSpec]] = {row.wire_type: row for row in _ROWS}
"""Subscription type -> its row."""

_BY_FRAME: Final[dict[str, tuple[ChannelSpec, Decoder]]] = {
    channel: (row, decode)
    for row in _ROWS
    for channel, decode in ((row.frame_channel, row.decode), *row.also.items())
}

_TEXT_PATHS: Final = {row.frame_channel: row.text for row in _ROWS if row.text is not None}

TEXT_CHANNELS: Final = frozenset(_TEXT_PATHS)
"""The frame channels :func:`iter_decode_text` decodes."""


def spec_for_frame(channel: str) -> ChannelSpec | None:
    """The row whose subscription a data frame of ``channel`` serves (``None``: unknown)."""
    entry = _BY_FRAME.get(channel)
    return None if entry is None else entry[0]


def _frame_coin(channel: str, data: Any) -> str | None:
    """The coin a data frame is about: its object's (a candle's ``s``), a list's first item's."""
    item: object = data
    if isinstance(item, list):
        items = cast("list[object]", item)
        item = items[0] if items else None
    if not isinstance(item, dict):
        return None
    coin = cast("dict[str, object]", item).get("s" if channel == "candle" else "coin")
    return coin if isinstance(coin, str) else None


def serves_frame(subscription: Mapping[str, Any], channel: str, data: Any) -> bool:
    """Would the server send this data frame to this subscription? The servers of the test
    kit and of ``trio_hl replay`` decide with it (the client routes with :class:`Route`)."""
    row = spec_for_frame(channel)
    if row is None or subscription.get("type") != row.wire_type:
        return False
    wanted = subscription.get("coin")
    if wanted is None:
        return True  # a wildcard (GoldRush l2Book) or a channel without coins
    if isinstance(data, list) and row.batch:
        return True  # a batch of books: let the client split it
    return _frame_coin(channel, data) in (wanted, None)


def _row(body: Mapping[str, Any]) -> ChannelSpec:
    kind = body.get("type")
    row = CHANNELS.get(kind) if isinstance(kind, str) else None
    if row is None:
        raise ValueError(f"unknown subscription type {kind!r}")
    return row


def subscription_route(body: Mapping[str, Any]) -> RouteKey:
    """The route of a subscription body (``_keys`` rule 2).

    Raises:
        ValueError: unknown subscription type or a missing required field.
    """
    return _row(body).route.of_subscription(body)


def subscription_routes(body: Mapping[str, Any]) -> tuple[RouteKey, ...]:
    """Every route a subscription body claims (one per wallet of a multi-wallet body,
    ``_keys`` rule 9).

    Raises:
        ValueError: unknown subscription type or a missing required field.
    """
    return _row(body).route.of_subscriptions(body)


def default_policy(body: Mapping[str, Any]) -> BufferPolicy:
    """The buffer policy of a subscription whose caller chose none."""
    row = _row(body)
    if row.wildcard_policy is not None and body.get("coin") is None:
        return row.wildcard_policy
    return row.policy


def filter_for(body: Mapping[str, Any]) -> MessageFilter | None:
    """A fresh message filter for a new wire subscription with this body, if its type has one."""
    row = _row(body)
    if row.dedupe is None or any(name in body for name in WALLET_LIST_FIELDS):
        # A multi-wallet userFills (GoldRush, live only) replays nothing to remove, and two
        # of its wallets on either side of one trade share the fill's tid.
        return None
    return row.dedupe()


# --- decoding ---------------------------------------------------------------------------------


def iter_decode(channel: str, data: Any, wanted: Wanted) -> Iterator[Routed | DecodeError]:
    """Decode lazily what some route wants: one message per step, errors as values.

    A batch (a list ``data`` on a :attr:`ChannelSpec.batch` channel) is decoded one item at a
    time; a malformed item yields its :class:`DecodeError` and the rest of the batch goes
    on. An item whose routes can be read from the raw JSON (:attr:`ChannelSpec.peek`) and
    that nobody wants is not decoded at all. An unknown channel yields nothing.
    """
    entry = _BY_FRAME.get(channel)
    if entry is None:
        return
    row, decode = entry
    parts = row.split(data) if row.split is not None else None
    if parts is not None:
        items: Any = parts
    else:
        items = data if row.batch and is_array(data) else (data,)
    for item in items:
        if row.peek is not None:
            routes = row.peek(item)
            if routes is not None and not any(wanted(route) for route in routes):
                continue
        try:
            message = decode(item)
            if message is None:
                continue
            routed = Routed(row.route.of_message(message), message)
        except DecodeError as exc:
            yield exc
            continue
        except DECODE_FAILURES as exc:
            yield DecodeError(describe_failure(exc), channel=channel)
            continue
        yield routed


def _everything(_: RouteKey) -> bool:
    return True


def decode_channel(channel: str, data: Any) -> list[Routed] | None:
    """Decode the whole ``data`` of a data frame.

    Returns:
        The routed messages, or ``None`` for a channel this client does not know.

    Raises:
        DecodeError: the data does not match the channel's model (names the channel).
    """
    if channel not in _BY_FRAME:
        return None
    out: list[Routed] = []
    for item in iter_decode(channel, data, _everything):
        if isinstance(item, DecodeError):
            raise item
        out.append(item)
    return out


def iter_decode_text(
    channel: str, text: str, wanted: Wanted
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
    return _TEXT_PATHS[channel](text, wanted)


@attrs.frozen
class Control:
    """A control frame (``pong``, ``subscriptionResponse``, ``post``, ``error``) to handle."""

    channel: str
    data: Any


def decode_message(
    raw: str | bytes, wanted: Wanted, *, lazy_books: bool = False
) -> Control | Iterator[Routed | DecodeError]:
    """One WebSocket message, the one way every reader takes (session and ``decode_frame``).

    The hot channels are decoded straight from the text when they can be; everything else
    is parsed once, then decoded lazily (:func:`iter_decode`). Text messages arrive as
    ``str`` (UTF-8 already checked by the WebSocket layer); the rare binary message is
    parsed, which checks its UTF-8 throughout.

    With ``lazy_books``, ``l2Book`` books come routed but undecoded, as :class:`Lazy`
    (:func:`iter_books_lazy`).

    Returns:
        A :class:`Control` frame, or the decoded items (errors as values: a message that is
        not JSON or has no channel yields one :class:`DecodeError`; the connect banner and
        unknown channels yield nothing).
    """
    if isinstance(raw, str):
        channel = channel_prefix(raw)
        if lazy_books and channel == "l2Book":
            lazy = iter_books_lazy(raw, wanted)
            if lazy is not None:
                return lazy
        if channel in TEXT_CHANNELS:
            items = iter_decode_text(channel, raw, wanted)
            if items is not None:
                return items
    try:
        frame = parse(raw)
    except DecodeError as exc:
        return iter((exc,))
    if frame is None:
        return iter(())
    channel = frame["channel"]
    if channel in CONTROL_CHANNELS:
        return Control(channel, frame.get("data"))
    return iter_decode(channel, frame.get("data"), wanted)
