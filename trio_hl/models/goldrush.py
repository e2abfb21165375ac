"""GoldRush's additions to the Hyperliquid API: sequenced books, fill streams, native info types.

Everything here is GoldRush-native (no ``api.hyperliquid.xyz`` equivalent), except the
multi-wallet ``userFills`` body, which GoldRush accepts on a channel Hyperliquid also has.
The page each fact comes from is listed in ``docs/goldrush.md``; what the pages do not show
(most streamed message shapes) is decoded tolerantly:

* a per-coin change accepts either encoding seen in the family of these feeds, per-level
  entries (``{"side", "px", "sz", "n"}`` in ``book_diffs``) or per-side lists (``bids`` /
  ``asks`` of ``{"px", "sz", "n"}``);
* the heights accept ``block_height`` or ``height``; a batch may or may not be wrapped in an
  ``{"Updates": ...}`` tag;
* a ``data`` value of any other shape decodes to :class:`GoldRushUnknown`, which keeps the
  raw JSON, instead of failing the frame: a book that meets one re-bootstraps (see
  :mod:`trio_hl.books`).

A *known* shape with a malformed value (a price that is not a decimal, a missing ``seq``) is
still a :class:`~trio_hl.errors.DecodeError`: that is corruption, not a new variant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, TypeAlias

import attrs

from .._convert import CONVERTER, bound_structure_hook
from .._guards import is_array, is_iterable, is_mapping, is_sequence
from ..errors import ConfigurationError
from ._common import Side, check_optional_bool, normalise_address
from .account import ClearinghouseState, SpotClearinghouseState
from .info import InfoRequest
from .l4 import L4BookDiff, L4Order, L4OrderStatus
from .market import L2Level
from .subscriptions import SubscriptionRequest, wallet_list
from .user import UserFill

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "FILL_BATCHES",
    "MARKET_TYPES",
    "MAX_BATCH_USERS",
    "AllFills",
    "AllFillsSubscription",
    "BatchClearinghouseStateRequest",
    "BatchSlotError",
    "BatchSpotClearinghouseStateRequest",
    "BatchStates",
    "BuilderFill",
    "BuilderFills",
    "BuilderFillsByTimeRequest",
    "BuilderFillsRequest",
    "BuilderFillsSubscription",
    "BuilderLiquidations",
    "BuilderLiquidationsSubscription",
    "FillBatch",
    "GoldRushUnknown",
    "L2BookDiff2Subscription",
    "L2BookDiffSnapshot",
    "L2BookDiffSnapshotRequest",
    "L2BookDiffSubscription",
    "L2CoinDiff",
    "L2Diff2Batch",
    "L2DiffMessage",
    "L2DiffSnapshot",
    "L2DiffUpdates",
    "L2LevelChange",
    "L4BookSnapshot",
    "L4BookSnapshotRequest",
    "L4BookUpdatesSubscription",
    "L4CoinDiff",
    "L4UpdatesBatch",
    "LiquidationFills",
    "LiquidationFillsSubscription",
    "decode_fill_batch",
    "decode_l2_book_diff",
    "decode_l2_book_diff2",
    "decode_l4_book_updates",
    "split_fill_pairs",
]

MarketType: TypeAlias = Literal["perp", "spot", "outcome", "*"]

MARKET_TYPES: Final = frozenset({"perp", "spot", "outcome", "*"})
"""Values of ``marketTypes`` on a coin-less ``l2Book`` / ``l2BookDiff`` / ``l2BookDiff2``;
GoldRush's default is ``["perp"]`` and ``["*"]`` means every type, future ones included."""

MAX_BATCH_USERS: Final = 50
"""``batchClearinghouseState`` / ``batchSpotClearinghouseState`` take 1 to 50 wallets."""

# --- streamed messages ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class GoldRushUnknown:
    """A ``data`` value of a shape this version does not know, kept verbatim.

    Attributes:
        channel: the frame's channel.
        raw: the frame's ``data``, as parsed JSON.
    """

    channel: str
    raw: Any


@attrs.frozen(kw_only=True)
class L2LevelChange:
    """One changed aggregated level: the level's new absolute state.

    ``sz == 0`` (GoldRush sends ``"0"`` with ``n: 0``) removes the level; anything else
    replaces whatever the book held at that price.
    """

    side: Side
    px: Decimal
    sz: Decimal
    n: int

    @property
    def removes(self) -> bool:
        """Whether this change deletes the level."""
        return self.sz == 0


@attrs.frozen(kw_only=True)
class L2CoinDiff:
    """The changes of one coin in one block.

    ``seq`` / ``prev_seq`` are set on ``l2BookDiff2`` (per-coin sequence: a diff follows the
    one whose ``seq`` is its ``prev_seq``) and ``None`` on ``l2BookDiff``.
    """

    coin: str
    changes: tuple[L2LevelChange, ...]
    seq: int | None = None
    prev_seq: int | None = None


@attrs.frozen(kw_only=True)
class L2DiffSnapshot:
    """``l2BookDiff`` ``Snapshot``: the full aggregated book of one coin (sent first, per coin).

    ``levels`` is ``(bids, asks)``, best first.
    """

    coin: str
    time: int
    block_height: int | None
    levels: tuple[tuple[L2Level, ...], tuple[L2Level, ...]]


@attrs.frozen(kw_only=True)
class L2DiffUpdates:
    """``l2BookDiff`` ``Updates``: the levels that changed in one block, grouped by coin."""

    time: int
    block_height: int | None
    diffs: tuple[L2CoinDiff, ...]


@attrs.frozen(kw_only=True)
class L2Diff2Batch:
    """One ``l2BookDiff2`` message: the sequenced per-coin diffs of one block.

    Attributes:
        epoch: the server's stream epoch; a different epoch means the server reset its
            stream and every book built from the old one must re-bootstrap.
        cursor: the server's position in its stream (opaque; kept for logging/resume).
    """

    time: int
    block_height: int | None
    epoch: str | None
    cursor: str | None
    diffs: tuple[L2CoinDiff, ...]


L2DiffMessage: TypeAlias = L2DiffSnapshot | L2DiffUpdates | GoldRushUnknown
"""What an ``l2BookDiff`` stream yields."""


@attrs.frozen(kw_only=True)
class L4CoinDiff:
    """The order-level changes of one coin in one block of ``l4BookUpdates``."""

    coin: str
    seq: int
    prev_seq: int
    order_statuses: tuple[L4OrderStatus, ...]
    book_diffs: tuple[L4BookDiff, ...]


@attrs.frozen(kw_only=True)
class L4UpdatesBatch:
    """One ``l4BookUpdates`` message: per-coin sequenced order-level diffs of one block."""

    time: int
    block_height: int | None
    epoch: str | None
    cursor: str | None
    diffs: tuple[L4CoinDiff, ...]


@attrs.frozen(kw_only=True)
class FillBatch:
    """One block of a GoldRush fill stream: ``(address, fill)`` pairs.

    The address is the trader who executed the fill. Each stream has its own subclass, so
    that a stream's type says which it is.
    """

    fills: tuple[tuple[str, UserFill], ...]


@attrs.frozen(kw_only=True)
class LiquidationFills(FillBatch):
    """``liquidationFills``: every fill has its ``liquidation`` set."""


@attrs.frozen(kw_only=True)
class BuilderFills(FillBatch):
    """``builderFills``: every fill carries ``builder`` and ``builder_fee``."""


@attrs.frozen(kw_only=True)
class BuilderLiquidations(FillBatch):
    """``builderLiquidations``: liquidation fills attributed to the subscribed builder."""


@attrs.frozen(kw_only=True)
class AllFills(FillBatch):
    """``allFills``: every fill on HyperCore (or of the subscribed coin)."""


FILL_BATCHES: Final[Mapping[str, type[FillBatch]]] = {
    "liquidationFills": LiquidationFills,
    "builderFills": BuilderFills,
    "builderLiquidations": BuilderLiquidations,
    "allFills": AllFills,
}
"""The message class of each fill stream's channel."""


# --- info replies -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class L2BookDiffSnapshot:
    """Reply of ``l2BookDiffSnapshot``: the full-depth book of one coin, with what aligns
    the ``l2BookDiff2`` diffs onto it.

    It already contains every diff up to and including ``height``: apply only the diffs of
    ``epoch`` whose ``seq`` is above ``seq``.
    """

    coin: str
    time: int | None
    height: int
    epoch: str | None
    seq: int
    levels: tuple[tuple[L2Level, ...], tuple[L2Level, ...]]


@attrs.frozen(kw_only=True)
class L4BookSnapshot:
    """Reply of ``l4BookSnapshot``: every resting order of one coin (bids, asks; queue order),
    with the ``height``, ``epoch`` and ``seq`` that bootstrap ``l4BookUpdates``."""

    coin: str
    time: int | None
    height: int
    epoch: str | None
    seq: int
    levels: tuple[tuple[L4Order, ...], tuple[L4Order, ...]]


@attrs.frozen(kw_only=True)
class BatchSlotError:
    """One wallet of a batch request failed (the rest of the batch is unaffected).

    Attributes:
        user: the wallet (lower-cased).
        error: GoldRush's error code (``"upstream_error"``).
        message: its human-readable description, if sent.
        raw: the slot as sent.
    """

    user: str
    error: str
    message: str | None
    raw: Any


@attrs.frozen(kw_only=True)
class BatchStates:
    """The reply of a batch state request: one slot per distinct wallet, in request order.

    Attributes:
        users: the wallets asked for, lower-cased, duplicates removed (as GoldRush does).
        slots: per wallet, its state or a :class:`BatchSlotError`.
    """

    users: tuple[str, ...]
    slots: tuple[Any, ...]

    def get(self, user: str) -> Any:
        """The state (or :class:`BatchSlotError`) of ``user``.

        Raises:
            KeyError: ``user`` was not in the request.
        """
        wanted = user.lower()
        for name, slot in zip(self.users, self.slots, strict=True):
            if name == wanted:
                return slot
        raise KeyError(user)

    @property
    def failed(self) -> tuple[BatchSlotError, ...]:
        """The wallets whose slot is an error."""
        return tuple(slot for slot in self.slots if isinstance(slot, BatchSlotError))

    def states(self) -> dict[str, Any]:
        """``{user: state}`` for every wallet that succeeded."""
        return {
            user: slot
            for user, slot in zip(self.users, self.slots, strict=True)
            if not isinstance(slot, BatchSlotError)
        }


@attrs.frozen(kw_only=True)
class BuilderFill:
    """One fill attributed to a builder (``builderFills`` / ``builderFillsByTime`` reply).

    ``user`` is the trader when the reply names one (as ``[address, fill]`` pairs), else
    ``None``.
    """

    user: str | None
    fill: UserFill


# --- decoding ----------------------------------------------------------------------------------

_level = bound_structure_hook(CONVERTER, L2Level)
_fill = bound_structure_hook(CONVERTER, UserFill)
_l4_order = bound_structure_hook(CONVERTER, L4Order)
_l4_status = bound_structure_hook(CONVERTER, L4OrderStatus)
_l4_diff = bound_structure_hook(CONVERTER, L4BookDiff)
_clearinghouse = bound_structure_hook(CONVERTER, ClearinghouseState)
_spot_clearinghouse = bound_structure_hook(CONVERTER, SpotClearinghouseState)
_SIDES: Final[dict[str, Side]] = {"B": "B", "A": "A", "bid": "B", "ask": "A"}


def _obj(value: Any, what: str) -> Mapping[str, Any]:
    if not is_mapping(value):
        raise TypeError(f"{what}: expected an object, got {type(value).__name__}")
    return value


def _arr(value: Any, what: str) -> list[Any]:
    if not is_array(value):
        raise TypeError(f"{what}: expected a list, got {type(value).__name__}")
    return value


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what}: expected an integer, got {value!r:.40}")
    return value


def _opt_int(value: Any, what: str) -> int | None:
    return None if value is None else _int(value, what)


def _opt_str(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"{what}: expected a string, got {value!r:.40}")
    return str(value)


def _height(body: Mapping[str, Any]) -> int | None:
    value = body.get("block_height", body.get("height"))
    return _opt_int(value, "block_height")


def _untag(data: Any, tag: str) -> Any:
    if is_mapping(data) and len(data) == 1 and tag in data:
        return data[tag]
    return data


def _levels(value: Any) -> tuple[tuple[L2Level, ...], tuple[L2Level, ...]]:
    sides = _arr(value, "levels")
    if len(sides) != 2:
        raise ValueError(f"levels: expected [bids, asks], got {len(sides)} lists")
    bids, asks = (tuple(_level(_obj(x, "level")) for x in _arr(s, "levels side")) for s in sides)
    return bids, asks


def _change(raw: Any, side: Side | None) -> L2LevelChange:
    entry = _obj(raw, "level change")
    if side is None:
        named = entry.get("side")
        side = _SIDES.get(named) if isinstance(named, str) else None
        if side is None:
            raise ValueError(f"level change: unknown side {named!r:.20}")
    # A removal may come without ``n`` (it is 0 then).
    level = _level({"px": entry.get("px"), "sz": entry.get("sz"), "n": entry.get("n", 0)})
    return L2LevelChange(side=side, px=level.px, sz=level.sz, n=level.n)


def _changes(entry: Mapping[str, Any]) -> list[L2LevelChange]:
    if "px" in entry:  # a per-level entry: {coin, side, px, sz, n}
        return [_change(entry, None)]
    out: list[L2LevelChange] = []
    for raw in _arr(entry.get("book_diffs", []), "book_diffs"):
        out.append(_change(raw, None))
    for key, side in (("bids", "B"), ("asks", "A")):
        for raw in _arr(entry.get(key, []), key):
            out.append(_change(raw, side))  # type: ignore[arg-type]
    return out


def _coin_diffs(entries: Iterable[Any], *, sequenced: bool) -> tuple[L2CoinDiff, ...]:
    """Group level changes by coin, keeping first-seen coin order."""
    grouped: dict[str, L2CoinDiff] = {}
    for raw in entries:
        entry = _obj(raw, "diff")
        coin = entry.get("coin")
        if not isinstance(coin, str) or not coin:
            raise ValueError(f"diff: expected a coin, got {coin!r:.30}")
        changes = tuple(_changes(entry))
        seq = _int(entry.get("seq"), "seq") if sequenced else _opt_int(entry.get("seq"), "seq")
        prev = (
            _int(entry.get("prev_seq"), "prev_seq")
            if sequenced
            else _opt_int(entry.get("prev_seq"), "prev_seq")
        )
        previous = grouped.get(coin)
        if previous is not None and not sequenced and "px" in entry:
            # Per-level entries of one coin, one entry each: merge them into the coin's diff.
            grouped[coin] = attrs.evolve(previous, changes=previous.changes + changes)
            continue
        if previous is not None:
            raise ValueError(f"diff: coin {coin!r} appears twice in one batch")
        grouped[coin] = L2CoinDiff(coin=coin, changes=changes, seq=seq, prev_seq=prev)
    return tuple(grouped.values())


def _diff_entries(body: Mapping[str, Any]) -> list[Any]:
    for key in ("diffs", "book_diffs", "updates"):
        if key in body:
            return _arr(body[key], key)
    raise KeyError("diffs")


def _decode_l2_diff_one(data: Any) -> L2DiffMessage:
    if is_mapping(data) and len(data) == 1:
        ((tag, body),) = data.items()
        if tag == "Snapshot":
            body = _obj(body, "Snapshot")
            coin = body.get("coin")
            if not isinstance(coin, str) or not coin:
                raise ValueError(f"Snapshot: expected a coin, got {coin!r:.30}")
            return L2DiffSnapshot(
                coin=coin,
                time=_int(body.get("time"), "time"),
                block_height=_height(body),
                levels=_levels(body.get("levels")),
            )
        if tag == "Updates":
            body = _obj(body, "Updates")
            return L2DiffUpdates(
                time=_int(body.get("time"), "time"),
                block_height=_height(body),
                diffs=_coin_diffs(_diff_entries(body), sequenced=False),
            )
    return GoldRushUnknown(channel="l2BookDiff", raw=data)


def decode_l2_book_diff(data: Any) -> list[L2DiffMessage]:
    """Decode the ``data`` of an ``l2BookDiff`` frame (one message, or a list of them).

    Raises:
        TypeError, ValueError, KeyError: a known shape with malformed content (the channel
            table turns these into :class:`~trio_hl.errors.DecodeError`).
    """
    items = data if is_array(data) else [data]
    return [_decode_l2_diff_one(item) for item in items]


def _batch_head(body: Mapping[str, Any]) -> tuple[int, int | None, str | None, str | None]:
    return (
        _int(body.get("time"), "time"),
        _height(body),
        _opt_str(body.get("epoch"), "epoch"),
        _opt_str(body.get("cursor"), "cursor"),
    )


def _is_batch(body: Any) -> bool:
    return isinstance(body, Mapping) and "time" in body and "diffs" in body


def decode_l2_book_diff2(data: Any) -> L2Diff2Batch | GoldRushUnknown:
    """Decode the ``data`` of an ``l2BookDiff2`` frame.

    Raises:
        TypeError, ValueError, KeyError: a known shape with malformed content.
    """
    body = _untag(data, "Updates")
    if not _is_batch(body):
        return GoldRushUnknown(channel="l2BookDiff2", raw=data)
    time, height, epoch, cursor = _batch_head(body)
    diffs = _coin_diffs(_arr(body["diffs"], "diffs"), sequenced=True)
    return L2Diff2Batch(time=time, block_height=height, epoch=epoch, cursor=cursor, diffs=diffs)


def _l4_coin_diff(raw: Any) -> L4CoinDiff:
    entry = _obj(raw, "diff")
    coin = entry.get("coin")
    if not isinstance(coin, str) or not coin:
        raise ValueError(f"diff: expected a coin, got {coin!r:.30}")
    return L4CoinDiff(
        coin=coin,
        seq=_int(entry.get("seq"), "seq"),
        prev_seq=_int(entry.get("prev_seq"), "prev_seq"),
        order_statuses=tuple(
            _l4_status(_obj(x, "order status"))
            for x in _arr(entry.get("order_statuses", []), "order_statuses")
        ),
        book_diffs=tuple(
            _l4_diff(_obj(x, "book diff")) for x in _arr(entry.get("book_diffs", []), "book_diffs")
        ),
    )


def decode_l4_book_updates(data: Any) -> L4UpdatesBatch | GoldRushUnknown:
    """Decode the ``data`` of an ``l4BookUpdates`` frame.

    Raises:
        TypeError, ValueError, KeyError, cattrs errors: a known shape with malformed content.
    """
    body = _untag(data, "Updates")
    if not _is_batch(body):
        return GoldRushUnknown(channel="l4BookUpdates", raw=data)
    time, height, epoch, cursor = _batch_head(body)
    diffs = tuple(_l4_coin_diff(raw) for raw in _arr(body["diffs"], "diffs"))
    seen: set[str] = set()
    for diff in diffs:
        if diff.coin in seen:
            raise ValueError(f"diff: coin {diff.coin!r} appears twice in one batch")
        seen.add(diff.coin)
    return L4UpdatesBatch(time=time, block_height=height, epoch=epoch, cursor=cursor, diffs=diffs)


def _pair(raw: Any) -> tuple[str, UserFill]:
    pair = _arr(raw, "fill")
    if len(pair) != 2 or not isinstance(pair[0], str):
        raise ValueError("fill: expected an [address, fill] pair")
    return pair[0].lower(), _fill(_obj(pair[1], "fill"))


def decode_fill_batch(channel: str, data: Any) -> FillBatch | GoldRushUnknown:
    """Decode a block of ``[address, fill]`` pairs (``data.fills``, or ``data`` itself) into
    the channel's :data:`FILL_BATCHES` class.

    Raises:
        TypeError, ValueError, cattrs errors: a known shape with malformed content.
    """
    fills = data.get("fills") if is_mapping(data) else data
    if not is_array(fills):
        return GoldRushUnknown(channel=channel, raw=data)
    return FILL_BATCHES[channel](fills=tuple(_pair(raw) for raw in fills))


def split_fill_pairs(data: Any) -> list[dict[str, Any]] | None:
    """GoldRush's ``userFills`` form (``[address, fill]`` pairs) as one Hyperliquid-style
    ``{"user", "fills"}`` object per wallet, in first-seen order; ``None`` for any other
    form (decoded as usual)."""
    if not is_fill_pairs(data):
        return None
    per_user: dict[str, list[Any]] = {}
    for pair in data["fills"]:
        if len(pair) == 2 and isinstance(pair[0], str):
            per_user.setdefault(pair[0].lower(), []).append(pair[1])
        else:  # malformed: kept, so that decoding it reports the error
            per_user.setdefault("", []).append(pair)
    return [{"user": user, "fills": fills} for user, fills in per_user.items()]


def is_fill_pairs(data: Any) -> bool:
    """Whether ``userFills`` data is GoldRush's ``[address, fill]`` form (no ``user`` key)."""
    if not is_mapping(data) or "user" in data:
        return False
    fills = data.get("fills")
    return is_array(fills) and all(is_array(item) for item in fills)


# --- subscriptions ----------------------------------------------------------------------------


def _opt_coins(value: str | Sequence[str] | None) -> str | tuple[str, ...] | None:
    return _coins(value, required=False)


def _req_coins(value: str | Sequence[str]) -> str | tuple[str, ...]:
    coins = _coins(value, required=True)
    assert coins is not None  # required=True raised otherwise
    return coins


def _types(value: Sequence[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        raise ConfigurationError('market_types is a list, e.g. ["perp", "spot"]')
    return tuple(value)


def _coins(value: object, *, required: bool) -> str | tuple[str, ...] | None:
    if value is None:
        if required:
            raise ConfigurationError("coin is required: one coin or a list of coins")
        return None
    if isinstance(value, str):
        if not value:
            raise ConfigurationError("coin must be a non-empty string")
        return value
    if is_sequence(value):
        coins = tuple(value)
        names = tuple(c for c in coins if isinstance(c, str) and c)
        if not coins or len(names) != len(coins):
            raise ConfigurationError(f"coin must be a non-empty list of coins, got {value!r:.60}")
        if len(set(names)) != len(names):
            raise ConfigurationError(f"coin lists a coin twice: {value!r:.60}")
        return names
    raise ConfigurationError(f"coin must be a string, a list of strings or None: {value!r:.60}")


def check_market_types(market_types: Sequence[str] | None, coin: object) -> None:
    """Validate ``marketTypes`` (only without a coin; ``"*"`` alone).

    Raises:
        ConfigurationError: an unknown type, an empty list, ``"*"`` with others, or market
            types with a coin (GoldRush applies them to the coin-less form only).
    """
    if market_types is None:
        return
    types = _types(market_types) or ()
    if coin is not None:
        raise ConfigurationError("market_types applies only without a coin (the wildcard form)")
    if not types:
        raise ConfigurationError("market_types must not be empty (omit it for the default)")
    unknown = [t for t in types if t not in MARKET_TYPES]
    if unknown:
        raise ConfigurationError(
            f"unknown market types {unknown}: use {sorted(MARKET_TYPES)} ('*' alone = all)"
        )
    if "*" in types and len(types) > 1:
        raise ConfigurationError('"*" already means every market type: pass it alone')
    if len(set(types)) != len(types):
        raise ConfigurationError(f"market_types lists a type twice: {list(types)}")


def _coin_body(
    kind: str, coin: str | tuple[str, ...] | None, types: tuple[str, ...] | None
) -> dict[str, Any]:
    body: dict[str, Any] = {"type": kind}
    if coin is not None:
        body["coin"] = coin if isinstance(coin, str) else list(coin)
    if types is not None:
        body["marketTypes"] = list(types)
    return body


@attrs.frozen(kw_only=True)
class L2BookDiffSubscription(SubscriptionRequest[L2DiffMessage]):
    """GoldRush ``l2BookDiff``: a ``Snapshot`` per coin, then per-block ``Updates`` of the
    changed levels. Feed it to :class:`trio_hl.books.L2DiffBooks` (or
    :func:`trio_hl.books.open_l2_diff_books`).

    Args:
        coin: one coin, a list of coins (matched by exact body: unsubscribe sends the same
            list), or ``None`` for every coin.
        market_types: without a coin, which market families: ``("perp",)`` is GoldRush's
            default; ``"spot"``, ``"outcome"``, a mix, or ``("*",)``.
    """

    coin: str | tuple[str, ...] | None = attrs.field(default=None, converter=_opt_coins)
    market_types: tuple[str, ...] | None = attrs.field(default=None, converter=_types)

    def __attrs_post_init__(self) -> None:
        check_market_types(self.market_types, self.coin)

    def to_wire(self) -> dict[str, Any]:
        return _coin_body("l2BookDiff", self.coin, self.market_types)


@attrs.frozen(kw_only=True)
class L2BookDiff2Subscription(SubscriptionRequest[L2Diff2Batch | GoldRushUnknown]):
    """GoldRush ``l2BookDiff2``: diff-only, sequenced per coin (``seq``/``prev_seq``) with a
    server ``epoch``; bootstrap from :class:`L2BookDiffSnapshotRequest` (the books in
    :mod:`trio_hl.books` do it for you). Same ``coin`` / ``market_types`` as
    :class:`L2BookDiffSubscription`."""

    coin: str | tuple[str, ...] | None = attrs.field(default=None, converter=_opt_coins)
    market_types: tuple[str, ...] | None = attrs.field(default=None, converter=_types)

    def __attrs_post_init__(self) -> None:
        check_market_types(self.market_types, self.coin)

    def to_wire(self) -> dict[str, Any]:
        return _coin_body("l2BookDiff2", self.coin, self.market_types)


@attrs.frozen(kw_only=True)
class L4BookUpdatesSubscription(SubscriptionRequest[L4UpdatesBatch | GoldRushUnknown]):
    """GoldRush ``l4BookUpdates``: strictly block-ordered, sequenced order-level diffs (perps
    only); bootstrap from :class:`L4BookSnapshotRequest` (see :mod:`trio_hl.books`).

    Args:
        coin: one coin or a list of coins (required).
    """

    coin: str | tuple[str, ...] = attrs.field(converter=_req_coins)

    def to_wire(self) -> dict[str, Any]:
        return _coin_body("l4BookUpdates", self.coin, None)


def _flag_body(body: dict[str, Any], aggregate: bool | None, dex: str | None) -> dict[str, Any]:
    if aggregate is not None:
        body["aggregateByTime"] = aggregate
    if dex is not None:
        body["dex"] = dex
    return body


def _opt_address(value: object) -> str | None:
    return None if value is None else normalise_address(value)


def _check_dex(dex: object) -> None:
    if dex is not None and (not isinstance(dex, str) or not dex):
        raise ConfigurationError(f"dex must be a non-empty string or None, got {dex!r:.40}")


@attrs.frozen(kw_only=True)
class LiquidationFillsSubscription(SubscriptionRequest[LiquidationFills | GoldRushUnknown]):
    """GoldRush ``liquidationFills``: every liquidation fill on HyperCore (global, live only).

    Args:
        aggregate_by_time: merge partial fills of one order in a block (sent only when set).
    """

    aggregate_by_time: bool | None = attrs.field(default=None, validator=check_optional_bool)

    def to_wire(self) -> dict[str, Any]:
        return _flag_body({"type": "liquidationFills"}, self.aggregate_by_time, None)


@attrs.frozen(kw_only=True)
class BuilderFillsSubscription(SubscriptionRequest[BuilderFills | GoldRushUnknown]):
    """GoldRush ``builderFills``: every fill routed through one builder (``builder``) or many
    (``addresses``); each fill carries ``builder`` and ``builderFee``.

    Raises:
        ConfigurationError: neither or both of ``builder`` and ``addresses``.
    """

    builder: str | None = attrs.field(default=None, converter=_opt_address)
    addresses: tuple[str, ...] | None = attrs.field(default=None, converter=wallet_list)
    dex: str | None = None
    aggregate_by_time: bool | None = attrs.field(default=None, validator=check_optional_bool)

    def __attrs_post_init__(self) -> None:
        if (self.builder is None) == (self.addresses is None):
            raise ConfigurationError("builderFills takes exactly one of builder= or addresses=")
        _check_dex(self.dex)

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": "builderFills"}
        if self.builder is not None:
            body["builder"] = self.builder
        if self.addresses is not None:
            body["addresses"] = list(self.addresses)
        return _flag_body(body, self.aggregate_by_time, self.dex)


@attrs.frozen(kw_only=True)
class BuilderLiquidationsSubscription(SubscriptionRequest[BuilderLiquidations | GoldRushUnknown]):
    """GoldRush ``builderLiquidations``: liquidation fills attributed to ``builder``.

    Args:
        builder: the builder address (required).
        dex: narrow to one dex (``"xyz"``, ``"main"``).
        aggregate_by_time: GoldRush's default is ``False``.
    """

    builder: str = attrs.field(converter=normalise_address)
    dex: str | None = None
    aggregate_by_time: bool | None = attrs.field(default=None, validator=check_optional_bool)

    def __attrs_post_init__(self) -> None:
        _check_dex(self.dex)

    def to_wire(self) -> dict[str, Any]:
        body = {"type": "builderLiquidations", "builder": self.builder}
        return _flag_body(body, self.aggregate_by_time, self.dex)


@attrs.frozen(kw_only=True)
class AllFillsSubscription(SubscriptionRequest[AllFills | GoldRushUnknown]):
    """GoldRush ``allFills``: every fill on HyperCore, or one coin's with ``coin``."""

    coin: str | None = None
    aggregate_by_time: bool | None = attrs.field(default=None, validator=check_optional_bool)

    def __attrs_post_init__(self) -> None:
        coin: object = self.coin  # checked at run time: untyped callers pass anything
        if coin is not None and (not isinstance(coin, str) or not coin):
            raise ConfigurationError(f"coin must be a non-empty string or None: {coin!r}")

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": "allFills"}
        if self.coin is not None:
            body["coin"] = self.coin
        return _flag_body(body, self.aggregate_by_time, None)


# --- info requests -----------------------------------------------------------------------------


def _batch_users(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not is_iterable(value):
        raise ConfigurationError("users must be a list of addresses")
    out: list[str] = []
    for user in value:
        address = normalise_address(user)
        if address not in out:  # GoldRush removes duplicates, keeping the first
            out.append(address)
    if not 1 <= len(out) <= MAX_BATCH_USERS:
        raise ConfigurationError(
            f"a batch state request takes 1 to {MAX_BATCH_USERS} distinct wallets, got "
            f"{len(out)}: split the list"
        )
    return tuple(out)


def _slot_error(user: str, slot: Mapping[str, Any]) -> BatchSlotError:
    message = slot.get("message")
    return BatchSlotError(
        user=str(slot.get("user") or slot.get("address") or user).lower(),
        error=str(slot.get("error")),
        message=message if isinstance(message, str) else None,
        raw=dict(slot),
    )


def _batch(
    users: tuple[str, ...], data: Any, structure: Callable[[Any], Any], what: str
) -> BatchStates:
    slots = _arr(data, what)
    if len(slots) != len(users):
        raise ValueError(f"{what}: {len(slots)} slots for {len(users)} wallets")
    out: list[Any] = []
    for user, slot in zip(users, slots, strict=True):
        if is_mapping(slot) and "error" in slot:
            out.append(_slot_error(user, slot))
        else:
            out.append(structure(_obj(slot, what)))
    return BatchStates(users=users, slots=tuple(out))


@attrs.frozen(kw_only=True)
class BatchClearinghouseStateRequest(InfoRequest[BatchStates]):
    """GoldRush ``batchClearinghouseState``: the perp state of 1 to 50 wallets in one call.

    Each slot of the reply is a :class:`~trio_hl.models.ClearinghouseState` or a
    :class:`BatchSlotError` (that wallet failed; the rest did not).

    Raises:
        ConfigurationError: fewer than 1 or more than 50 distinct wallets, or a bad address.
    """

    TYPE: ClassVar[str] = "batchClearinghouseState"
    RESPONSE: ClassVar[Any] = BatchStates

    users: tuple[str, ...] = attrs.field(converter=_batch_users)
    dex: str | None = None

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": self.TYPE, "users": list(self.users)}
        if self.dex is not None:
            body["dex"] = self.dex
        return body

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        return _batch(self.users, data, _clearinghouse, self.TYPE)


@attrs.frozen(kw_only=True)
class BatchSpotClearinghouseStateRequest(InfoRequest[BatchStates]):
    """GoldRush ``batchSpotClearinghouseState``: the spot balances of 1 to 50 wallets.

    Raises:
        ConfigurationError: fewer than 1 or more than 50 distinct wallets, or a bad address.
    """

    TYPE: ClassVar[str] = "batchSpotClearinghouseState"
    RESPONSE: ClassVar[Any] = BatchStates

    users: tuple[str, ...] = attrs.field(converter=_batch_users)

    def to_wire(self) -> dict[str, Any]:
        return {"type": self.TYPE, "users": list(self.users)}

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        return _batch(self.users, data, _spot_clearinghouse, self.TYPE)


def _builder_fills(data: Any, what: str) -> tuple[BuilderFill, ...]:
    out: list[BuilderFill] = []
    for raw in _arr(data, what):
        if isinstance(raw, list):
            user, fill = _pair(raw)
            out.append(BuilderFill(user=user, fill=fill))
        else:
            out.append(BuilderFill(user=None, fill=_fill(_obj(raw, what))))
    return tuple(out)


@attrs.frozen(kw_only=True)
class BuilderFillsRequest(InfoRequest[tuple[BuilderFill, ...]]):
    """GoldRush ``builderFills``: the most recent fills attributed to ``builder``."""

    TYPE: ClassVar[str] = "builderFills"
    RESPONSE: ClassVar[Any] = tuple[BuilderFill, ...]

    builder: str = attrs.field(converter=normalise_address)

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        return _builder_fills(data, self.TYPE)


@attrs.frozen(kw_only=True)
class BuilderFillsByTimeRequest(InfoRequest[tuple[BuilderFill, ...]]):
    """GoldRush ``builderFillsByTime``: builder-attributed fills in ``[start_time, end_time)``
    (milliseconds)."""

    TYPE: ClassVar[str] = "builderFillsByTime"
    RESPONSE: ClassVar[Any] = tuple[BuilderFill, ...]

    builder: str = attrs.field(converter=normalise_address)
    start_time: int
    end_time: int | None = None
    aggregate_by_time: bool | None = attrs.field(default=None, validator=check_optional_bool)

    def __attrs_post_init__(self) -> None:
        for name in ("start_time", "end_time"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ConfigurationError(f"{name} must be int milliseconds, got {value!r:.40}")
        if self.end_time is not None and self.end_time < self.start_time:
            raise ConfigurationError("end_time is before start_time")

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        return _builder_fills(data, self.TYPE)


def _snapshot_head(body: Mapping[str, Any]) -> dict[str, Any]:
    coin = body.get("coin")
    if not isinstance(coin, str) or not coin:
        raise ValueError(f"snapshot: expected a coin, got {coin!r:.30}")
    height = _height(body)
    if height is None:
        raise KeyError("height")
    return {
        "coin": coin,
        "time": _opt_int(body.get("time"), "time"),
        "height": height,
        "epoch": _opt_str(body.get("epoch"), "epoch"),
        "seq": _int(body.get("seq"), "seq"),
    }


@attrs.frozen(kw_only=True)
class L2BookDiffSnapshotRequest(InfoRequest[L2BookDiffSnapshot]):
    """GoldRush ``l2BookDiffSnapshot``: the full-depth book of ``coin``, to bootstrap
    ``l2BookDiff2`` (and to re-bootstrap ``l2BookDiff`` after a gap)."""

    TYPE: ClassVar[str] = "l2BookDiffSnapshot"
    RESPONSE: ClassVar[Any] = L2BookDiffSnapshot

    coin: str

    def __attrs_post_init__(self) -> None:
        coin: object = self.coin  # checked at run time: untyped callers pass anything
        if not isinstance(coin, str) or not coin:
            raise ConfigurationError(f"coin must be a non-empty string, got {coin!r}")

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        body = _obj(_untag(data, "Snapshot"), self.TYPE)
        return L2BookDiffSnapshot(**_snapshot_head(body), levels=_levels(body.get("levels")))


@attrs.frozen(kw_only=True)
class L4BookSnapshotRequest(InfoRequest[L4BookSnapshot]):
    """GoldRush ``l4BookSnapshot``: every resting order of ``coin``, to bootstrap
    ``l4BookUpdates``."""

    TYPE: ClassVar[str] = "l4BookSnapshot"
    RESPONSE: ClassVar[Any] = L4BookSnapshot

    coin: str

    def __attrs_post_init__(self) -> None:
        coin: object = self.coin  # checked at run time: untyped callers pass anything
        if not isinstance(coin, str) or not coin:
            raise ConfigurationError(f"coin must be a non-empty string, got {coin!r}")

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        body = _obj(_untag(data, "Snapshot"), self.TYPE)
        sides = _arr(body.get("levels"), "levels")
        if len(sides) != 2:
            raise ValueError("levels: expected [bids, asks]")
        bids, asks = (tuple(_l4_order(_obj(o, "order")) for o in _arr(s, "side")) for s in sides)
        return L4BookSnapshot(**_snapshot_head(body), levels=(bids, asks))
