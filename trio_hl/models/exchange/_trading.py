"""Trading: order types, what callers describe, the order wire pieces and the L1 trading actions.

:class:`OrderRequest`, :class:`CancelRequest` and :class:`ModifyRequest` are what a caller
writes (an asset name, ``Decimal`` quantities); the :class:`trio_hl.Exchange` resolves them
against the universe into the wire pieces (:class:`OrderWire`...) the actions carry.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, TypeAlias

import attrs

from ..._guards import is_tuple
from ..._numbers import to_wire
from ...errors import ConfigurationError
from .._common import check_bool
from ._wire import (
    Cloid,
    L1Action,
    Wire,
    WireValue,
    check_int,
    check_int64,
    check_oid_or_cloid,
    check_positive,
    check_uint,
    to_address,
    to_cloid,
    to_leverage,
    to_oid_or_cloid,
    to_optional_amount,
    to_optional_cloid,
    to_price,
    to_size,
    to_trigger_price,
    wire_key,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

# Order types
# ---------------------------------------------------------------------------------------

Tif: TypeAlias = Literal["Gtc", "Alo", "Ioc", "FrontendMarket"]


@attrs.frozen
class LimitOrderType(WireValue):
    """A limit order: ``{"limit": {"tif": ...}}``.

    ``Gtc`` rests until filled or cancelled, ``Alo`` (add liquidity only, "post only") is
    cancelled instead of matching, ``Ioc`` cancels whatever does not match at once;
    ``FrontendMarket`` behaves like ``Ioc`` and is shown as a market order.
    """

    tif: Tif = attrs.field(validator=attrs.validators.in_(("Gtc", "Alo", "Ioc", "FrontendMarket")))

    def to_wire(self) -> dict[str, Any]:
        return {"limit": {"tif": self.tif}}


@attrs.frozen(kw_only=True)
class TriggerOrderType(WireValue):
    """A take-profit or stop-loss trigger order.

    Wire: ``{"trigger": {"isMarket": bool, "triggerPx": "<decimal>", "tpsl": "tp"|"sl"}}``,
    keys in that order (``isMarket`` first). When the mark price crosses ``trigger_price``
    the exchange places a market order (``is_market=True``) or a limit order at the order's
    ``limit_price``. Build one with :func:`take_profit_market` and friends.
    """

    is_market: bool = attrs.field(validator=check_bool)
    trigger_price: Decimal = attrs.field(converter=to_trigger_price, validator=check_positive)
    tpsl: Literal["tp", "sl"] = attrs.field(validator=attrs.validators.in_(("tp", "sl")))

    def to_wire(self) -> dict[str, Any]:
        return {
            "trigger": {
                "isMarket": self.is_market,
                "triggerPx": to_wire(self.trigger_price),
                "tpsl": self.tpsl,
            }
        }


OrderType: TypeAlias = LimitOrderType | TriggerOrderType

LIMIT_GTC: Final = LimitOrderType("Gtc")
"""Good till cancelled."""
LIMIT_ALO: Final = LimitOrderType("Alo")
"""Add liquidity only (post only)."""
LIMIT_IOC: Final = LimitOrderType("Ioc")
"""Immediate or cancel."""
LIMIT_FRONTEND_MARKET: Final = LimitOrderType("FrontendMarket")
"""Like IOC, shown as a market order in the UI."""


def take_profit_market(trigger_price: Decimal | int | str) -> TriggerOrderType:
    """Take profit at market once the mark price reaches ``trigger_price``."""
    return TriggerOrderType(is_market=True, trigger_price=trigger_price, tpsl="tp")


def take_profit_limit(trigger_price: Decimal | int | str) -> TriggerOrderType:
    """Take profit with a limit order at the order's ``limit_price`` once triggered."""
    return TriggerOrderType(is_market=False, trigger_price=trigger_price, tpsl="tp")


def stop_loss_market(trigger_price: Decimal | int | str) -> TriggerOrderType:
    """Stop loss at market once the mark price reaches ``trigger_price``."""
    return TriggerOrderType(is_market=True, trigger_price=trigger_price, tpsl="sl")


def stop_loss_limit(trigger_price: Decimal | int | str) -> TriggerOrderType:
    """Stop loss with a limit order at the order's ``limit_price`` once triggered."""
    return TriggerOrderType(is_market=False, trigger_price=trigger_price, tpsl="sl")


def _check_order_type(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, LimitOrderType | TriggerOrderType):
        raise ConfigurationError(
            f"{attribute.name} must be LIMIT_GTC, LIMIT_ALO, LIMIT_IOC or a trigger order type "
            f"(take_profit_market(...), ...), got {value!r:.60}"
        )


# ---------------------------------------------------------------------------------------
# Requests (what callers describe; resolved against the universe by the Exchange)
# ---------------------------------------------------------------------------------------


def _check_asset(_: object, attribute: attrs.Attribute[str | int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise ConfigurationError(f"{attribute.name} must be an asset name or id, got {value!r:.60}")


@attrs.frozen(kw_only=True)
class OrderRequest:
    """One order of :meth:`trio_hl.Exchange.place_orders`, in the caller's terms.

    Attributes:
        asset: a name (``"BTC"``, ``"@107"``, ``"test:ABC"``) or an asset id.
        is_buy: buy (``True``) or sell.
        size: in units of the asset, exact (Decimal, int or decimal text; floats refused).
        limit_price: the limit price (for a trigger order, the price of the limit order
            placed when it fires; for trigger-market orders it bounds the slippage).
        order_type: :data:`LIMIT_GTC` (default), :data:`LIMIT_ALO`, :data:`LIMIT_IOC` or a
            trigger type.
        reduce_only: only ever reduce the position.
        cloid: an optional client order id.
    """

    asset: str | int = attrs.field(validator=_check_asset)
    is_buy: bool = attrs.field(validator=check_bool)
    size: Decimal = attrs.field(converter=to_size, validator=check_positive)
    limit_price: Decimal = attrs.field(converter=to_price, validator=check_positive)
    order_type: OrderType = attrs.field(default=LIMIT_GTC, validator=_check_order_type)
    reduce_only: bool = attrs.field(default=False, validator=check_bool)
    cloid: Cloid | None = attrs.field(default=None, converter=to_optional_cloid)


@attrs.frozen(kw_only=True)
class CancelRequest:
    """One cancel of :meth:`trio_hl.Exchange.cancel_orders`: by ``order_id`` or by ``cloid``.

    Raises:
        ConfigurationError: neither or both of ``order_id`` and ``cloid``.
    """

    asset: str | int = attrs.field(validator=_check_asset)
    order_id: int | None = attrs.field(default=None)
    cloid: Cloid | None = attrs.field(default=None, converter=to_optional_cloid)

    def __attrs_post_init__(self) -> None:
        if (self.order_id is None) == (self.cloid is None):
            raise ConfigurationError("a cancel names its order by order_id= or by cloid=, one")
        if self.order_id is not None:
            check_uint(self, attrs.fields(CancelRequest).order_id, self.order_id)


@attrs.frozen(kw_only=True)
class ModifyRequest:
    """One modification of :meth:`trio_hl.Exchange.modify_orders`.

    Attributes:
        order_id: the order to replace: its order id, or its :class:`Cloid`.
        order: the new order (its ``cloid`` is the new order's client id).
    """

    order_id: int | Cloid = attrs.field(converter=to_oid_or_cloid, validator=check_oid_or_cloid)
    order: OrderRequest = attrs.field(validator=attrs.validators.instance_of(OrderRequest))


# ---------------------------------------------------------------------------------------
# Order wire pieces
# ---------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OrderWire(Wire):
    """One order as sent. Wire order ``a, b, p, s, r, t`` then ``c`` (contract)."""

    asset: int = attrs.field(validator=check_uint, metadata=wire_key("a"))
    is_buy: bool = attrs.field(validator=check_bool, metadata=wire_key("b"))
    price: Decimal = attrs.field(
        converter=to_price, validator=check_positive, metadata=wire_key("p")
    )
    size: Decimal = attrs.field(converter=to_size, validator=check_positive, metadata=wire_key("s"))
    reduce_only: bool = attrs.field(validator=check_bool, metadata=wire_key("r"))
    order_type: OrderType = attrs.field(validator=_check_order_type, metadata=wire_key("t"))
    # Omitted when None: an absent "c" and "c": null hash differently.
    cloid: Cloid | None = attrs.field(
        default=None, converter=to_optional_cloid, metadata=wire_key("c", omit_if_none=True)
    )


@attrs.frozen(kw_only=True)
class BuilderFee(Wire):
    """A builder fee on an order action: ``{"b": <builder>, "f": <fee>}`` (contract order).

    Attributes:
        builder: the builder's address (lower-cased); the user must have approved it
            with ``approve_builder_fee``.
        fee: in tenths of a basis point (``10`` = 1 bp = 0.01%).
    """

    builder: str = attrs.field(converter=to_address, metadata=wire_key("b"))
    fee: int = attrs.field(validator=check_uint, metadata=wire_key("f"))


@attrs.frozen
class PriorityGrouping(Wire):
    """The ``{"p": <int>}`` grouping: a priority fee rate of ``p / 1e8``."""

    p: int = attrs.field(validator=check_int(0, 10**8 + 1), metadata=wire_key("p"))


Grouping: TypeAlias = Literal["na", "normalTpsl", "positionTpsl"] | PriorityGrouping
"""``"na"`` (plain), ``"normalTpsl"`` (TP/SL children of the batch's first order, fixed
size), ``"positionTpsl"`` (TP/SL of the whole position) or a :class:`PriorityGrouping`."""


def _check_grouping(_: object, attribute: attrs.Attribute[Grouping], value: object) -> None:
    if not isinstance(value, PriorityGrouping) and value not in (
        "na",
        "normalTpsl",
        "positionTpsl",
    ):
        raise ConfigurationError(
            f"{attribute.name} must be 'na', 'normalTpsl', 'positionTpsl' or a "
            f"PriorityGrouping, got {value!r:.60}"
        )


def _tuple_of(kind: type) -> Any:
    def check(_: object, attribute: attrs.Attribute[tuple[Any, ...]], value: object) -> None:
        if not is_tuple(value) or not all(isinstance(item, kind) for item in value):
            raise ConfigurationError(f"{attribute.name} must be a tuple of {kind.__name__}")
        if not value:
            raise ConfigurationError(f"{attribute.name} must not be empty")

    return check


@attrs.frozen(kw_only=True)
class CancelWire(Wire):
    """``{"a": asset, "o": oid}`` (contract order)."""

    asset: int = attrs.field(validator=check_uint, metadata=wire_key("a"))
    oid: int = attrs.field(validator=check_uint, metadata=wire_key("o"))


@attrs.frozen(kw_only=True)
class CancelByCloidWire(Wire):
    """``{"asset": asset, "cloid": cloid}`` (contract order; note the long key names)."""

    asset: int = attrs.field(validator=check_uint, metadata=wire_key("asset"))
    cloid: Cloid = attrs.field(converter=to_cloid, metadata=wire_key("cloid"))


@attrs.frozen(kw_only=True)
class ModifyWire(Wire):
    """``{"oid": oid-or-cloid, "order": OrderWire}`` (contract order)."""

    oid: int | Cloid = attrs.field(
        converter=to_oid_or_cloid, validator=check_oid_or_cloid, metadata=wire_key("oid")
    )
    order: OrderWire = attrs.field(
        validator=attrs.validators.instance_of(OrderWire), metadata=wire_key("order")
    )


@attrs.frozen(kw_only=True)
class TwapWire(Wire):
    """``{"a", "b", "s", "r", "m", "t"}`` (contract order): asset, is buy, size, reduce
    only, minutes, randomize."""

    asset: int = attrs.field(validator=check_uint, metadata=wire_key("a"))
    is_buy: bool = attrs.field(validator=check_bool, metadata=wire_key("b"))
    size: Decimal = attrs.field(converter=to_size, validator=check_positive, metadata=wire_key("s"))
    reduce_only: bool = attrs.field(validator=check_bool, metadata=wire_key("r"))
    minutes: int = attrs.field(validator=check_int(5, 1441), metadata=wire_key("m"))
    randomize: bool = attrs.field(validator=check_bool, metadata=wire_key("t"))


# ---------------------------------------------------------------------------------------
# L1 actions: trading
# ---------------------------------------------------------------------------------------


def _order_wires(value: Iterable[OrderWire]) -> tuple[OrderWire, ...]:
    return tuple(value)


def _cancel_wires(value: Iterable[CancelWire]) -> tuple[CancelWire, ...]:
    return tuple(value)


def _cancel_by_cloid_wires(value: Iterable[CancelByCloidWire]) -> tuple[CancelByCloidWire, ...]:
    return tuple(value)


def _modify_wires(value: Iterable[ModifyWire]) -> tuple[ModifyWire, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class OrderAction(L1Action):
    """``{"type": "order", "orders": [...], "grouping": ..., "builder"?: {...}}``."""

    TYPE: ClassVar[str] = "order"
    ACCEPTS_VAULT: ClassVar[bool] = True
    orders: tuple[OrderWire, ...] = attrs.field(
        converter=_order_wires, validator=_tuple_of(OrderWire), metadata=wire_key("orders")
    )
    grouping: Grouping = attrs.field(
        default="na", validator=_check_grouping, metadata=wire_key("grouping")
    )
    # After grouping; omitted when None.
    builder: BuilderFee | None = attrs.field(
        default=None, metadata=wire_key("builder", omit_if_none=True)
    )


@attrs.frozen(kw_only=True)
class CancelAction(L1Action):
    """``{"type": "cancel", "cancels": [{"a", "o"}, ...]}``."""

    TYPE: ClassVar[str] = "cancel"
    ACCEPTS_VAULT: ClassVar[bool] = True
    cancels: tuple[CancelWire, ...] = attrs.field(
        converter=_cancel_wires, validator=_tuple_of(CancelWire), metadata=wire_key("cancels")
    )


@attrs.frozen(kw_only=True)
class CancelByCloidAction(L1Action):
    """``{"type": "cancelByCloid", "cancels": [{"asset", "cloid"}, ...]}``."""

    TYPE: ClassVar[str] = "cancelByCloid"
    ACCEPTS_VAULT: ClassVar[bool] = True
    cancels: tuple[CancelByCloidWire, ...] = attrs.field(
        converter=_cancel_by_cloid_wires,
        validator=_tuple_of(CancelByCloidWire),
        metadata=wire_key("cancels"),
    )


@attrs.frozen(kw_only=True)
class ModifyAction(L1Action):
    """``{"type": "modify", "oid": ..., "order": {...}}`` (answers ``default``, without the
    new order's status; :meth:`trio_hl.Exchange.modify_order` sends :class:`BatchModifyAction`)."""

    TYPE: ClassVar[str] = "modify"
    ACCEPTS_VAULT: ClassVar[bool] = True
    oid: int | Cloid = attrs.field(
        converter=to_oid_or_cloid, validator=check_oid_or_cloid, metadata=wire_key("oid")
    )
    order: OrderWire = attrs.field(
        validator=attrs.validators.instance_of(OrderWire), metadata=wire_key("order")
    )


@attrs.frozen(kw_only=True)
class BatchModifyAction(L1Action):
    """``{"type": "batchModify", "modifies": [{"oid", "order"}, ...]}``."""

    TYPE: ClassVar[str] = "batchModify"
    ACCEPTS_VAULT: ClassVar[bool] = True
    modifies: tuple[ModifyWire, ...] = attrs.field(
        converter=_modify_wires, validator=_tuple_of(ModifyWire), metadata=wire_key("modifies")
    )


@attrs.frozen(kw_only=True)
class ScheduleCancelAction(L1Action):
    """``{"type": "scheduleCancel", "time"?: ms}``: without ``time`` (key absent, not
    null) the scheduled cancel is removed."""

    TYPE: ClassVar[str] = "scheduleCancel"
    ACCEPTS_VAULT: ClassVar[bool] = True
    time: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(check_uint),
        metadata=wire_key("time", omit_if_none=True),
    )


@attrs.frozen(kw_only=True)
class UpdateLeverageAction(L1Action):
    """``{"type": "updateLeverage", "asset", "isCross", "leverage"}`` (leverage an int)."""

    TYPE: ClassVar[str] = "updateLeverage"
    ACCEPTS_VAULT: ClassVar[bool] = True
    asset: int = attrs.field(validator=check_uint, metadata=wire_key("asset"))
    is_cross: bool = attrs.field(validator=check_bool, metadata=wire_key("isCross"))
    leverage: int = attrs.field(validator=check_int(1, 1001), metadata=wire_key("leverage"))


@attrs.frozen(kw_only=True)
class UpdateIsolatedMarginAction(L1Action):
    """``{"type": "updateIsolatedMargin", "asset", "isBuy", "ntli"}``; ``ntli`` is signed
    micro-USDC (negative removes margin)."""

    TYPE: ClassVar[str] = "updateIsolatedMargin"
    ACCEPTS_VAULT: ClassVar[bool] = True
    asset: int = attrs.field(validator=check_uint, metadata=wire_key("asset"))
    is_buy: bool = attrs.field(validator=check_bool, metadata=wire_key("isBuy"))
    ntli: int = attrs.field(validator=check_int64, metadata=wire_key("ntli"))


@attrs.frozen(kw_only=True)
class TopUpIsolatedOnlyMarginAction(L1Action):
    """``{"type": "topUpIsolatedOnlyMargin", "asset", "leverage": "<decimal>"}``."""

    TYPE: ClassVar[str] = "topUpIsolatedOnlyMargin"
    ACCEPTS_VAULT: ClassVar[bool] = True
    asset: int = attrs.field(validator=check_uint, metadata=wire_key("asset"))
    leverage: Decimal = attrs.field(
        converter=to_leverage, validator=check_positive, metadata=wire_key("leverage")
    )


@attrs.frozen(kw_only=True)
class TwapOrderAction(L1Action):
    """``{"type": "twapOrder", "twap": {"a", "b", "s", "r", "m", "t"}}``."""

    TYPE: ClassVar[str] = "twapOrder"
    ACCEPTS_VAULT: ClassVar[bool] = True
    twap: TwapWire = attrs.field(
        validator=attrs.validators.instance_of(TwapWire), metadata=wire_key("twap")
    )


@attrs.frozen(kw_only=True)
class TwapCancelAction(L1Action):
    """``{"type": "twapCancel", "a": asset, "t": twap_id}``."""

    TYPE: ClassVar[str] = "twapCancel"
    ACCEPTS_VAULT: ClassVar[bool] = True
    asset: int = attrs.field(validator=check_uint, metadata=wire_key("a"))
    twap_id: int = attrs.field(validator=check_uint, metadata=wire_key("t"))


@attrs.frozen(kw_only=True)
class BorrowLendAction(L1Action):
    """``{"type": "borrowLend", "operation", "token", "amount"}``; ``amount`` ``null``
    means "all" (an explicit null, kept)."""

    TYPE: ClassVar[str] = "borrowLend"
    ACCEPTS_VAULT: ClassVar[bool] = True
    operation: Literal["supply", "withdraw", "repay", "borrow"] = attrs.field(
        validator=attrs.validators.in_(("supply", "withdraw", "repay", "borrow")),
        metadata=wire_key("operation"),
    )
    token: int = attrs.field(validator=check_uint, metadata=wire_key("token"))
    amount: Decimal | None = attrs.field(
        converter=to_optional_amount,
        validator=attrs.validators.optional(check_positive),
        metadata=wire_key("amount"),
    )


# ---------------------------------------------------------------------------------------
