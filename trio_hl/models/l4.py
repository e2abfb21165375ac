"""GoldRush ``l4Book``: the order-level book stream (Snapshot, then per-block Updates).

``data`` of an ``l4Book`` frame is an externally tagged union with exactly one key:

* ``{"Snapshot": {...}}`` -> :class:`L4Snapshot`: every resting order, in queue order within
  a price; sent once, first, after every (re)subscription;
* ``{"Updates": {...}}`` -> :class:`L4Updates`: one per block in which the coin's book
  changed: lifecycle events (``order_statuses``) and per-order changes (``book_diffs``).

The wire mixes three casings, and each is spelled out here rather than guessed: the tags are
PascalCase, the envelope keys (``block_height``, ``order_statuses``, ``book_diffs``,
``raw_book_diff``) snake_case, and the order fields and diff payloads camelCase.

``raw_book_diff`` is serde's externally tagged encoding as emitted by the upstream order-book
server that GoldRush mirrors: ``{"new": {"sz"}}``, ``{"update": {"origSz", "newSz"}}`` or
the bare string ``"remove"`` (a unit variant). GoldRush documents only ``new`` and says
other shapes may exist, so a shape we do not know decodes to :class:`L4UnknownDiff` instead
of failing the whole frame; a *known* tag whose payload is malformed is still an error.

Decode with :func:`decode_l4_book`; maintain a book with :class:`trio_hl.books.L4Book`.
"""

import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, ClassVar, Final, Literal

import attrs
import cattrs
from cattrs.errors import CattrsError

from .._convert import CONVERTER
from .._guards import is_mapping
from ..errors import DecodeError
from ._common import Side, wire

__all__ = [
    "L4BookDiff",
    "L4Diff",
    "L4New",
    "L4Order",
    "L4OrderStatus",
    "L4Remove",
    "L4Snapshot",
    "L4UnknownDiff",
    "L4Update",
    "L4Updates",
    "decode_l4_book",
    "register_l4_hooks",
]

_CHANNEL: Final = "l4Book"

# ``2026-05-15T17:22:41.768005701``: naive (UTC) with nanoseconds, which
# ``datetime.fromisoformat`` rejects. An explicit ``Z``/offset is accepted too, in case the
# feed starts sending one; more than nine fraction digits are truncated like the rest.
_ISO_TIME: Final = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?"
)
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


def _parse_iso_time(text: str) -> tuple[datetime, int]:
    """Parse an order-status time into (aware UTC datetime truncated to µs, exact epoch ns)."""
    match = _ISO_TIME.fullmatch(text)
    if match is None:
        raise ValueError(f"not an ISO-8601 time: {text[:40]!r}")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    digits = (fraction or "")[:9].ljust(9, "0")
    nanos = int(digits)
    # Truncation, not rounding: rounding .9999995 up would carry into the next second.
    try:
        stamp = datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            nanos // 1000,
            tzinfo=UTC,
        )
    except ValueError as exc:  # month 13, February 30, ...
        raise ValueError(f"not a valid ISO-8601 time: {text[:40]!r} ({exc})") from None
    if zone is not None and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
        stamp -= sign * offset
    whole_seconds = (stamp.replace(microsecond=0) - _EPOCH) // timedelta(seconds=1)
    return stamp, whole_seconds * 1_000_000_000 + nanos


def _check_iso_time(_instance: object, _attribute: object, value: str) -> None:
    # Validate when the model is built, so a malformed time fails the frame at decode time
    # (as a DecodeError) rather than later, in whatever code first reads ``time_utc``.
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO-8601 time string, got {type(value).__name__}")
    # The same checks as _parse_iso_time (shape, then calendar ranges), without the
    # arithmetic: this runs for every order status of every block.
    match = _ISO_TIME.fullmatch(value)
    if match is None:
        raise ValueError(f"not an ISO-8601 time: {value[:40]!r}")
    year, month, day, hour, minute, second, _, zone = match.groups()
    if zone is not None and zone != "Z":
        _parse_iso_time(value)  # an offset can take the time out of range: the full check
        return
    try:
        datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError as exc:  # month 13, February 30, ...
        raise ValueError(f"not a valid ISO-8601 time: {value[:40]!r} ({exc})") from None


@attrs.frozen(kw_only=True)
class L4Order:
    """One resting order, as in a snapshot level or nested in an order status.

    ``user`` is ``None`` when the order is nested in an :class:`L4OrderStatus` (the parent
    carries it). ``sz`` is the remaining size at the time of the message.
    """

    user: str | None
    coin: str
    side: Side
    limit_px: Decimal
    sz: Decimal
    oid: int
    """Stable for the order's whole life; the key of every book diff."""
    timestamp: int
    """Placement time, milliseconds."""
    trigger_condition: str
    """``"N/A"`` for plain limit orders."""
    is_trigger: bool
    trigger_px: Decimal
    """``0.0`` for non-trigger orders."""
    is_position_tpsl: bool
    reduce_only: bool
    order_type: str
    """``"Limit"``, ``"Stop Market"``, ...: an open set, so kept as text."""
    tif: str | None
    """``"Alo"``, ``"Gtc"``, ``"Ioc"``, ...; nullable upstream."""
    cloid: str | None


@attrs.frozen(kw_only=True)
class L4OrderStatus:
    """One lifecycle event of an order in an :class:`L4Updates`.

    Attributes:
        time: the event time exactly as sent: ISO-8601 with nanoseconds and no timezone
            (UTC). See :attr:`time_utc` and :attr:`time_ns` for parsed forms.
        user: the order's owner (the nested ``order.user`` is ``None``).
        status: ``"open"``, ``"filled"``, ``"canceled"``, ... The vocabulary keeps growing,
            so it stays text.
        order: the order, with ``user`` set to ``None`` on the wire.
    """

    time: str = attrs.field(validator=_check_iso_time)
    user: str
    status: str
    order: L4Order

    @property
    def time_utc(self) -> datetime:
        """The event time as an aware UTC datetime, truncated to microseconds."""
        return _parse_iso_time(self.time)[0]

    @property
    def time_ns(self) -> int:
        """The event time as exact nanoseconds since the Unix epoch (no precision lost)."""
        return _parse_iso_time(self.time)[1]


@attrs.frozen(kw_only=True)
class L4New:
    """``{"new": {"sz"}}``: the order was added to the book with this size."""

    sz: Decimal


@attrs.frozen(kw_only=True)
class L4Update:
    """``{"update": {"origSz", "newSz"}}``: the resting size changed; sizes are absolute."""

    orig_sz: Decimal
    new_sz: Decimal


@attrs.frozen(kw_only=True)
class L4Remove:
    """The bare string ``"remove"``: the order left the book (filled, cancelled, ...)."""


@attrs.frozen(kw_only=True)
class L4UnknownDiff:
    """A ``raw_book_diff`` shape this version does not know, kept verbatim.

    A book that meets one can no longer be trusted: resubscribe for a fresh snapshot.
    """

    raw: Any


L4Diff = L4New | L4Update | L4Remove | L4UnknownDiff
"""Every decoded form of ``raw_book_diff``."""


@attrs.frozen(kw_only=True)
class L4BookDiff:
    """One per-order book change in an :class:`L4Updates` (wire key of ``diff``:
    ``raw_book_diff``)."""

    user: str
    oid: int
    px: Decimal
    coin: str
    diff: L4Diff = wire("raw_book_diff")


@attrs.frozen(kw_only=True)
class L4Snapshot:
    """The full resting book of one coin at ``block_height`` (tag ``Snapshot``).

    ``levels`` is ``(bids, asks)``; each side lists individual orders, in queue order within
    each price.
    """

    is_snapshot: ClassVar[Literal[True]] = True

    coin: str
    time: int
    """Block time, milliseconds."""
    block_height: int = wire("block_height")
    levels: tuple[tuple[L4Order, ...], tuple[L4Order, ...]]

    @property
    def bids(self) -> tuple[L4Order, ...]:
        """Resting bids."""
        return self.levels[0]

    @property
    def asks(self) -> tuple[L4Order, ...]:
        """Resting asks."""
        return self.levels[1]


@attrs.frozen(kw_only=True)
class L4Updates:
    """What changed in one block (tag ``Updates``). The wire carries no coin at this level."""

    is_snapshot: ClassVar[Literal[False]] = False

    time: int
    """Block time, milliseconds."""
    block_height: int = wire("block_height")
    order_statuses: tuple[L4OrderStatus, ...] = wire("order_statuses")
    book_diffs: tuple[L4BookDiff, ...] = wire("book_diffs")

    @property
    def coin(self) -> str | None:
        """The coin, read from the first entry; ``None`` when both lists are empty."""
        if self.book_diffs:
            return self.book_diffs[0].coin
        if self.order_statuses:
            return self.order_statuses[0].order.coin
        return None


# --- decoding ------------------------------------------------------------------------------

_DIFF_TAGS: Final[Mapping[str, type[L4New] | type[L4Update]]] = {
    "new": L4New,
    "update": L4Update,
}
_REMOVE: Final = L4Remove()

_LIST_TYPES: Final = (
    tuple[L4Order, ...],
    tuple[tuple[L4Order, ...], tuple[L4Order, ...]],
    tuple[L4OrderStatus, ...],
    tuple[L4BookDiff, ...],
)


def _structure_diff_with(conv: cattrs.Converter) -> Callable[[Any, Any], L4Diff]:
    hooks: dict[str, Callable[[Any, Any], Any]] = {}  # tag -> structure hook, looked up once

    def structure_diff(value: Any, _: Any) -> L4Diff:
        if value == "remove":
            return _REMOVE
        if is_mapping(value) and len(value) == 1:
            ((tag, payload),) = value.items()
            cls = _DIFF_TAGS.get(tag)
            if cls is not None:
                # A known tag with a bad payload is malformed, not new: let it fail.
                hook = hooks.get(tag)
                if hook is None:
                    hook = hooks[tag] = conv.get_structure_hook(cls)
                result: L4New | L4Update = hook(payload, cls)
                return result
        # Anything else ("modified", several keys, another bare string) is a shape the
        # server may legitimately add; keep it rather than lose the whole block.
        return L4UnknownDiff(raw=value)

    return structure_diff


def _strict_list(
    hook: Callable[[Any, Any], Any],
) -> Callable[[Any, Any], Any]:
    # cattrs turns any iterable into a tuple, so ``{}`` would silently become ``()``; the
    # wire always sends JSON arrays here, and anything else is a malformed frame.
    def structure(value: Any, cls: Any) -> Any:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return hook(value, cls)

    return structure


def _is_type(expected: Any) -> Callable[[Any], bool]:
    # Unions and parametrised tuples are not classes, so they need a predicate hook.
    return lambda candidate: bool(candidate == expected)


def register_l4_hooks(converter: cattrs.Converter) -> None:
    """Teach a converter the ``l4Book`` shapes that renames alone cannot express.

    That is the ``raw_book_diff`` union (tagged objects and the bare ``"remove"``), and
    list-only checks for the order lists. Called on :data:`trio_hl._convert.CONVERTER` when
    this module is imported; call it on any other converter (for example a strict one from
    ``make_converter(forbid_extra_keys=True)``) before decoding with it.

    Args:
        converter: a converter built by :func:`trio_hl._convert.make_converter`.
    """
    converter.register_structure_hook_func(_is_type(L4Diff), _structure_diff_with(converter))
    # Inner element types first: the levels hook looks up its sides' hooks as it runs.
    for list_type in _LIST_TYPES:
        default = converter.get_structure_hook(list_type)
        converter.register_structure_hook_func(_is_type(list_type), _strict_list(default))


register_l4_hooks(CONVERTER)

# Looked up once: decoding is the hot path.
_SNAPSHOT_HOOK: Final = CONVERTER.get_structure_hook(L4Snapshot)
_UPDATES_HOOK: Final = CONVERTER.get_structure_hook(L4Updates)


def _describe(exc: BaseException) -> str:
    messages = cattrs.transform_error(exc, path="data") if isinstance(exc, CattrsError) else []
    if messages:
        shown = "; ".join(messages[:3])
        more = len(messages) - 3
        return shown + (f" (and {more} more)" if more > 0 else "")
    return str(exc) or type(exc).__name__


def decode_l4_book(
    data: Any, *, converter: cattrs.Converter | None = None
) -> L4Snapshot | L4Updates:
    """Decode the ``data`` of an ``l4Book`` frame.

    Args:
        data: the parsed JSON value of the frame's ``data`` key.
        converter: decode with this converter instead of the production one (tests pass a
            strict ``make_converter(forbid_extra_keys=True)``); it must have had
            :func:`register_l4_hooks` applied.

    Returns:
        An :class:`L4Snapshot` or an :class:`L4Updates`; check ``is_snapshot`` or use
        ``isinstance``. An unknown ``raw_book_diff`` shape does not fail: it decodes to
        :class:`L4UnknownDiff`.

    Raises:
        DecodeError: ``data`` is not an object with exactly one key ``Snapshot`` or
            ``Updates``, or its content does not match the model (wrong types, missing
            keys, a malformed time or decimal). The error's ``channel`` is ``"l4Book"``.
    """
    if not is_mapping(data) or len(data) != 1:
        if is_mapping(data):
            keys = ", ".join(repr(k)[:30] for k in list(data)[:4])
            got = f"an object with keys [{keys}]"
        else:
            got = type(data).__name__
        raise DecodeError(
            f"expected exactly one of 'Snapshot' or 'Updates', got {got}", channel=_CHANNEL
        )
    ((tag, payload),) = data.items()
    if tag == "Snapshot":
        cls: type[L4Snapshot] | type[L4Updates] = L4Snapshot
        hook = _SNAPSHOT_HOOK if converter is None else converter.get_structure_hook(cls)
    elif tag == "Updates":
        cls = L4Updates
        hook = _UPDATES_HOOK if converter is None else converter.get_structure_hook(cls)
    else:
        raise DecodeError(
            f"unknown variant {str(tag)[:40]!r}; expected 'Snapshot' or 'Updates'",
            channel=_CHANNEL,
        )
    if not is_mapping(payload):
        raise DecodeError(
            f"{tag} must be an object, got {type(payload).__name__}", channel=_CHANNEL
        )
    try:
        result: L4Snapshot | L4Updates = hook(payload, cls)
    except (CattrsError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise DecodeError(f"{tag}: {_describe(exc)}", channel=_CHANNEL) from exc
    return result
