"""Exchange actions (what is signed and sent) and their typed results.

Wire contract
=============

Every action class below is a frozen attrs value whose **attribute order is the wire key
order**. That order is not cosmetic: an L1 action is hashed as the msgpack bytes of its JSON
object, and msgpack writes a map in insertion order, so ``{"a": 1, "b": 2}`` and
``{"b": 2, "a": 1}`` sign differently (see :mod:`trio_hl.signing`). Each field declares its
exact wire key (``a``, ``isCross``, ``subAccountUser``...); :meth:`to_wire` walks the fields in
declaration order and writes ``{"type": <TYPE>, <key>: <value>, ...}``. **Do not reorder,
insert or rename fields** without checking the exchange's order (reference
``signing.md`` §7 and ``info-and-exchange.md`` §5); ``tests/protocol/test_exchange_models.py``
pins every shape against the reference byte for byte.

Values are written as the exchange expects them: :class:`~decimal.Decimal` quantities as
canonical decimal strings (:func:`trio_hl._numbers.to_wire`: ``"100"``, never ``"100.0"``),
integers as ``int``, addresses lower-cased, a :class:`Cloid` as its ``0x`` text. An optional
field marked "omitted when ``None``" is left out of the map (absent and ``null`` hash
differently); a few shapes carry an explicit ``null`` (``vaultModify`` flags, ``borrowLend``
amount) and keep it.

User-signed actions (:class:`UserSignedAction`) are signed as EIP-712 structs whose field
order is fixed by :data:`trio_hl.signing.USER_SIGNED_TYPES`, not by the map; their
:meth:`UserSignedAction.prepared` adds ``signatureChainId`` and ``hyperliquidChain`` and
writes the canonical order (which matters only inside a ``multiSig`` wrapper).

Models validate their values when built (floats refused with
:class:`~trio_hl.errors.NumberTypeError`, bad addresses and cloids with
:class:`~trio_hl.errors.ConfigurationError`), but know nothing about an asset's tick and lot
sizes: :class:`trio_hl.Exchange` checks those against the universe before signing.

Results
=======

``status: "ok"`` replies decode into values: per-order :class:`OrderResting`,
:class:`OrderFilled`, :class:`OrderWaiting` and :class:`OrderError`; per-cancel
:class:`CancelSuccess` or :class:`OrderError`; :class:`TwapRunning`. A per-entry
:class:`OrderError` is a *value*, not an exception, because a batch can partly succeed; the
single-entry methods of :class:`trio_hl.Exchange` turn it into
:class:`~trio_hl.errors.OrderRejected`. ``status: "err"`` is never decoded here: it raises
:class:`~trio_hl.errors.ActionRejected`.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar, Final, Literal, TypeAlias, cast

import attrs

from .._account import Account, normalise_address
from .._numbers import to_decimal, to_wire
from ..errors import ConfigurationError, ProtocolError
from ..signing import DEFAULT_SIGNATURE_CHAIN_ID, prepare_user_signed_action

__all__ = [
    "LIMIT_ALO",
    "LIMIT_FRONTEND_MARKET",
    "LIMIT_GTC",
    "LIMIT_IOC",
    "AgentEnableDexAbstractionAction",
    "AgentSetAbstractionAction",
    "ApproveAgentAction",
    "ApproveBuilderFeeAction",
    "ApprovedAgent",
    "BatchModifyAction",
    "BorrowLendAction",
    "BuilderFee",
    "CDepositAction",
    "CWithdrawAction",
    "CancelAction",
    "CancelByCloidAction",
    "CancelByCloidWire",
    "CancelRequest",
    "CancelResult",
    "CancelSuccess",
    "CancelWire",
    "ClaimRewardsAction",
    "Cloid",
    "ConvertToMultiSigUserAction",
    "CreateSubAccountAction",
    "CreateVaultAction",
    "EvmUserModifyAction",
    "Grouping",
    "L1Action",
    "LimitOrderType",
    "LinkStakingUserAction",
    "ModifyAction",
    "ModifyRequest",
    "ModifyWire",
    "NoopAction",
    "OrderAction",
    "OrderError",
    "OrderFilled",
    "OrderRequest",
    "OrderResting",
    "OrderResult",
    "OrderType",
    "OrderWaiting",
    "OrderWire",
    "PlacedOrder",
    "PriorityGrouping",
    "RegisterReferrerAction",
    "ReserveRequestWeightAction",
    "ScheduleCancelAction",
    "SendAssetAction",
    "SetDisplayNameAction",
    "SetReferrerAction",
    "SpotSendAction",
    "SpotUserAction",
    "StakingLinkDisableTradingUserAction",
    "SubAccountModifyAction",
    "SubAccountSpotTransferAction",
    "SubAccountTransferAction",
    "TokenDelegateAction",
    "TopUpIsolatedOnlyMarginAction",
    "TriggerOrderType",
    "TwapCancelAction",
    "TwapOrderAction",
    "TwapResult",
    "TwapRunning",
    "TwapWire",
    "UpdateIsolatedMarginAction",
    "UpdateLeverageAction",
    "UsdClassTransferAction",
    "UsdSendAction",
    "UserDexAbstractionAction",
    "UserPortfolioMarginAction",
    "UserSetAbstractionAction",
    "UserSignedAction",
    "VaultDistributeAction",
    "VaultModifyAction",
    "VaultTransferAction",
    "WithdrawAction",
    "decode_cancel_statuses",
    "decode_created_address",
    "decode_order_statuses",
    "decode_twap_cancel",
    "decode_twap_order",
    "stop_loss_limit",
    "stop_loss_market",
    "take_profit_limit",
    "take_profit_market",
]

_KEY: Final = "trio_hl.exchange.key"
_OMIT: Final = "trio_hl.exchange.omit_if_none"
_CLOID: Final = re.compile(r"0x[0-9a-fA-F]{32}")
_U64: Final = 2**64
_I64: Final = 2**63


def _key(name: str, *, omit_if_none: bool = False) -> dict[str, object]:
    """Field metadata: the exact wire key, and whether ``None`` means "leave the key out"."""
    return {_KEY: name, _OMIT: omit_if_none}


# ---------------------------------------------------------------------------------------
# Value checks (models are public: they validate whatever they are given)
# ---------------------------------------------------------------------------------------


def _check_int(low: int, high: int) -> Any:
    def check(_: object, attribute: attrs.Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigurationError(
                f"{attribute.name} must be an int, got {type(value).__name__}: {value!r:.60}"
            )
        if not low <= value < high:
            raise ConfigurationError(f"{attribute.name} is out of range: {value}")

    return check


_uint: Final = _check_int(0, _U64)
_int64: Final = _check_int(-_I64, _I64)


def _check_bool(_: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise ConfigurationError(f"{attribute.name} must be a bool, got {value!r:.60}")


def _check_optional_bool(_: object, attribute: attrs.Attribute[bool | None], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise ConfigurationError(f"{attribute.name} must be a bool or None, got {value!r:.60}")


def _check_str(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise ConfigurationError(f"{attribute.name} must be a str, got {value!r:.60}")


def _check_nonempty(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise ConfigurationError(f"{attribute.name} must be a non-empty str, got {value!r:.60}")


def _check_positive(_: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if value <= 0:
        raise ConfigurationError(f"{attribute.name} must be positive, got {to_wire(value)}")


def _check_not_negative(_: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if value < 0:
        raise ConfigurationError(f"{attribute.name} must not be negative, got {to_wire(value)}")


def _decimal(value: Decimal | int | str) -> Decimal:
    """Converter: an exact number (floats refused with NumberTypeError)."""
    return to_decimal(value, what="amount")


def _optional_decimal(value: Decimal | int | str | None) -> Decimal | None:
    return None if value is None else to_decimal(value, what="amount")


def _address(value: str) -> str:
    return normalise_address(value)


def _optional_address_text(value: str) -> str:
    """``""`` stays ``""`` (no sub-account); anything else must be an address."""
    return "" if value == "" else normalise_address(value)


def _size(value: Decimal | int | str) -> Decimal:
    return to_decimal(value, what="size")


def _price(value: Decimal | int | str) -> Decimal:
    return to_decimal(value, what="price")


def _trigger_price(value: Decimal | int | str) -> Decimal:
    return to_decimal(value, what="trigger price")


def _leverage(value: Decimal | int | str) -> Decimal:
    return to_decimal(value, what="leverage")


# ---------------------------------------------------------------------------------------
# Cloid
# ---------------------------------------------------------------------------------------


def _cloid_text(value: str) -> str:
    raw: object = value  # checked at run time too: untyped callers pass anything
    if not isinstance(raw, str) or _CLOID.fullmatch(raw) is None:
        raise ConfigurationError(
            f"a cloid is 0x followed by exactly 32 hex digits, got {value!r:.60}"
        )
    return value.lower()


@attrs.frozen
class Cloid:
    """A client order id: 16 bytes written ``0x`` + 32 hex digits (stored lower-case).

    ``Cloid("0x0000000000000000000000000000abcd")``, ``Cloid.from_int(1)``,
    ``Cloid.random()``. ``str(cloid)`` is the wire text.

    Raises:
        ConfigurationError: not ``0x`` followed by exactly 32 hex digits.
    """

    raw: str = attrs.field(converter=_cloid_text)

    @classmethod
    def from_int(cls, value: int) -> Cloid:
        """The cloid of an integer in ``0 .. 2**128 - 1``.

        Raises:
            ConfigurationError: out of range or not an int.
        """
        raw: object = value
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw < 2**128:
            raise ConfigurationError(f"a cloid integer must be in 0..2**128-1, got {value!r:.60}")
        return cls("0x" + format(value, "032x"))

    @classmethod
    def random(cls) -> Cloid:
        """A random cloid (128 bits from :mod:`secrets`)."""
        return cls("0x" + secrets.token_hex(16))

    @classmethod
    def parse(cls, value: Cloid | str) -> Cloid:
        """``value`` if it is a Cloid, else the Cloid of its text."""
        return value if isinstance(value, Cloid) else cls(value)

    def to_int(self) -> int:
        return int(self.raw, 16)

    def __str__(self) -> str:
        return self.raw


def _cloid(value: Cloid | str) -> Cloid:
    return Cloid.parse(value)


def _optional_cloid(value: Cloid | str | None) -> Cloid | None:
    return None if value is None else Cloid.parse(value)


def _oid_or_cloid(value: int | Cloid | str) -> int | Cloid:
    if isinstance(value, Cloid | str):
        return Cloid.parse(value)
    return value


def _check_oid_or_cloid(_: object, attribute: attrs.Attribute[int | Cloid], value: object) -> None:
    if isinstance(value, Cloid):
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < _U64:
        raise ConfigurationError(
            f"{attribute.name} must be an order id (int) or a Cloid, got {value!r:.60}"
        )


# ---------------------------------------------------------------------------------------
# Serialisation
# ---------------------------------------------------------------------------------------


def _wire_value(value: object) -> object:
    if isinstance(value, Decimal):
        return to_wire(value)
    if isinstance(value, Cloid):
        return value.raw
    if isinstance(value, _Wire | LimitOrderType | TriggerOrderType):
        return value.to_wire()
    if isinstance(value, tuple | list):
        return [_wire_value(item) for item in value]
    return value


class _Wire:
    """Mixin: ``to_wire()`` from the attrs fields, in declaration (= wire) order."""

    __slots__ = ()

    def to_wire(self) -> dict[str, Any]:
        """The JSON object, keys in the exchange's order (see the module docstring)."""
        wire: dict[str, Any] = {}
        for field in attrs.fields(cast("Any", type(self))):
            value = getattr(self, field.name)
            if value is None and field.metadata.get(_OMIT):
                continue
            wire[field.metadata[_KEY]] = _wire_value(value)
        return wire


class L1Action(_Wire):
    """An action signed with the L1 ("phantom agent") scheme; an API wallet may sign it."""

    __slots__ = ()
    TYPE: ClassVar[str]
    #: Accepts the request's ``vaultAddress`` (acting for a sub-account or vault).
    ACCEPTS_VAULT: ClassVar[bool] = False

    def to_wire(self) -> dict[str, Any]:
        return {"type": self.TYPE, **super().to_wire()}


class UserSignedAction(_Wire):
    """An action signed as its own EIP-712 struct; only the account's own key may sign it.

    The last field is the timestamp (``time`` or ``nonce``) that the request's ``nonce``
    must equal.
    """

    __slots__ = ()
    TYPE: ClassVar[str]

    def to_wire(self) -> dict[str, Any]:
        return {"type": self.TYPE, **super().to_wire()}

    def prepared(
        self, *, is_mainnet: bool, signature_chain_id: str = DEFAULT_SIGNATURE_CHAIN_ID
    ) -> dict[str, Any]:
        """The wire action with ``signatureChainId`` and ``hyperliquidChain``, in the
        canonical order ``type, signatureChainId, hyperliquidChain, <struct fields>``."""
        return prepare_user_signed_action(
            self.to_wire(), is_mainnet=is_mainnet, signature_chain_id=signature_chain_id
        )


# ---------------------------------------------------------------------------------------
# Order types
# ---------------------------------------------------------------------------------------

Tif: TypeAlias = Literal["Gtc", "Alo", "Ioc", "FrontendMarket"]


@attrs.frozen
class LimitOrderType:
    """A limit order: ``{"limit": {"tif": ...}}``.

    ``Gtc`` rests until filled or cancelled, ``Alo`` (add liquidity only, "post only") is
    cancelled instead of matching, ``Ioc`` cancels whatever does not match at once;
    ``FrontendMarket`` behaves like ``Ioc`` and is shown as a market order.
    """

    tif: Tif = attrs.field(validator=attrs.validators.in_(("Gtc", "Alo", "Ioc", "FrontendMarket")))

    def to_wire(self) -> dict[str, Any]:
        return {"limit": {"tif": self.tif}}


@attrs.frozen(kw_only=True)
class TriggerOrderType:
    """A take-profit or stop-loss trigger order.

    Wire: ``{"trigger": {"isMarket": bool, "triggerPx": "<decimal>", "tpsl": "tp"|"sl"}}``,
    keys in that order (``isMarket`` first). When the mark price crosses ``trigger_price``
    the exchange places a market order (``is_market=True``) or a limit order at the order's
    ``limit_price``. Build one with :func:`take_profit_market` and friends.
    """

    is_market: bool = attrs.field(validator=_check_bool)
    trigger_price: Decimal = attrs.field(converter=_trigger_price, validator=_check_positive)
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
    is_buy: bool = attrs.field(validator=_check_bool)
    size: Decimal = attrs.field(converter=_size, validator=_check_positive)
    limit_price: Decimal = attrs.field(converter=_price, validator=_check_positive)
    order_type: OrderType = attrs.field(default=LIMIT_GTC, validator=_check_order_type)
    reduce_only: bool = attrs.field(default=False, validator=_check_bool)
    cloid: Cloid | None = attrs.field(default=None, converter=_optional_cloid)


@attrs.frozen(kw_only=True)
class CancelRequest:
    """One cancel of :meth:`trio_hl.Exchange.cancel_orders`: by ``order_id`` or by ``cloid``.

    Raises:
        ConfigurationError: neither or both of ``order_id`` and ``cloid``.
    """

    asset: str | int = attrs.field(validator=_check_asset)
    order_id: int | None = attrs.field(default=None)
    cloid: Cloid | None = attrs.field(default=None, converter=_optional_cloid)

    def __attrs_post_init__(self) -> None:
        if (self.order_id is None) == (self.cloid is None):
            raise ConfigurationError("a cancel names its order by order_id= or by cloid=, one")
        if self.order_id is not None:
            _uint(self, attrs.fields(CancelRequest).order_id, self.order_id)


@attrs.frozen(kw_only=True)
class ModifyRequest:
    """One modification of :meth:`trio_hl.Exchange.modify_orders`.

    Attributes:
        order_id: the order to replace: its order id, or its :class:`Cloid`.
        order: the new order (its ``cloid`` is the new order's client id).
    """

    order_id: int | Cloid = attrs.field(converter=_oid_or_cloid, validator=_check_oid_or_cloid)
    order: OrderRequest = attrs.field(validator=attrs.validators.instance_of(OrderRequest))


# ---------------------------------------------------------------------------------------
# Order wire pieces
# ---------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OrderWire(_Wire):
    """One order as sent. Wire order ``a, b, p, s, r, t`` then ``c`` (contract)."""

    asset: int = attrs.field(validator=_uint, metadata=_key("a"))
    is_buy: bool = attrs.field(validator=_check_bool, metadata=_key("b"))
    price: Decimal = attrs.field(converter=_price, validator=_check_positive, metadata=_key("p"))
    size: Decimal = attrs.field(converter=_size, validator=_check_positive, metadata=_key("s"))
    reduce_only: bool = attrs.field(validator=_check_bool, metadata=_key("r"))
    order_type: OrderType = attrs.field(validator=_check_order_type, metadata=_key("t"))
    # Omitted when None: an absent "c" and "c": null hash differently.
    cloid: Cloid | None = attrs.field(
        default=None, converter=_optional_cloid, metadata=_key("c", omit_if_none=True)
    )


@attrs.frozen(kw_only=True)
class BuilderFee(_Wire):
    """A builder fee on an order action: ``{"b": <builder>, "f": <fee>}`` (contract order).

    Attributes:
        builder: the builder's address (lower-cased); the user must have approved it
            with ``approve_builder_fee``.
        fee: in tenths of a basis point (``10`` = 1 bp = 0.01%).
    """

    builder: str = attrs.field(converter=_address, metadata=_key("b"))
    fee: int = attrs.field(validator=_uint, metadata=_key("f"))


@attrs.frozen
class PriorityGrouping(_Wire):
    """The ``{"p": <int>}`` grouping: a priority fee rate of ``p / 1e8``."""

    p: int = attrs.field(validator=_check_int(0, 10**8 + 1), metadata=_key("p"))


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
        if not isinstance(value, tuple) or not all(isinstance(item, kind) for item in value):
            raise ConfigurationError(f"{attribute.name} must be a tuple of {kind.__name__}")
        if not value:
            raise ConfigurationError(f"{attribute.name} must not be empty")

    return check


@attrs.frozen(kw_only=True)
class CancelWire(_Wire):
    """``{"a": asset, "o": oid}`` (contract order)."""

    asset: int = attrs.field(validator=_uint, metadata=_key("a"))
    oid: int = attrs.field(validator=_uint, metadata=_key("o"))


@attrs.frozen(kw_only=True)
class CancelByCloidWire(_Wire):
    """``{"asset": asset, "cloid": cloid}`` (contract order; note the long key names)."""

    asset: int = attrs.field(validator=_uint, metadata=_key("asset"))
    cloid: Cloid = attrs.field(converter=_cloid, metadata=_key("cloid"))


@attrs.frozen(kw_only=True)
class ModifyWire(_Wire):
    """``{"oid": oid-or-cloid, "order": OrderWire}`` (contract order)."""

    oid: int | Cloid = attrs.field(
        converter=_oid_or_cloid, validator=_check_oid_or_cloid, metadata=_key("oid")
    )
    order: OrderWire = attrs.field(
        validator=attrs.validators.instance_of(OrderWire), metadata=_key("order")
    )


@attrs.frozen(kw_only=True)
class TwapWire(_Wire):
    """``{"a", "b", "s", "r", "m", "t"}`` (contract order): asset, is buy, size, reduce
    only, minutes, randomize."""

    asset: int = attrs.field(validator=_uint, metadata=_key("a"))
    is_buy: bool = attrs.field(validator=_check_bool, metadata=_key("b"))
    size: Decimal = attrs.field(converter=_size, validator=_check_positive, metadata=_key("s"))
    reduce_only: bool = attrs.field(validator=_check_bool, metadata=_key("r"))
    minutes: int = attrs.field(validator=_check_int(5, 1441), metadata=_key("m"))
    randomize: bool = attrs.field(validator=_check_bool, metadata=_key("t"))


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
        converter=_order_wires, validator=_tuple_of(OrderWire), metadata=_key("orders")
    )
    grouping: Grouping = attrs.field(
        default="na", validator=_check_grouping, metadata=_key("grouping")
    )
    # After grouping; omitted when None.
    builder: BuilderFee | None = attrs.field(
        default=None, metadata=_key("builder", omit_if_none=True)
    )


@attrs.frozen(kw_only=True)
class CancelAction(L1Action):
    """``{"type": "cancel", "cancels": [{"a", "o"}, ...]}``."""

    TYPE: ClassVar[str] = "cancel"
    ACCEPTS_VAULT: ClassVar[bool] = True
    cancels: tuple[CancelWire, ...] = attrs.field(
        converter=_cancel_wires, validator=_tuple_of(CancelWire), metadata=_key("cancels")
    )


@attrs.frozen(kw_only=True)
class CancelByCloidAction(L1Action):
    """``{"type": "cancelByCloid", "cancels": [{"asset", "cloid"}, ...]}``."""

    TYPE: ClassVar[str] = "cancelByCloid"
    ACCEPTS_VAULT: ClassVar[bool] = True
    cancels: tuple[CancelByCloidWire, ...] = attrs.field(
        converter=_cancel_by_cloid_wires,
        validator=_tuple_of(CancelByCloidWire),
        metadata=_key("cancels"),
    )


@attrs.frozen(kw_only=True)
class ModifyAction(L1Action):
    """``{"type": "modify", "oid": ..., "order": {...}}`` (answers ``default``, without the
    new order's status; :meth:`trio_hl.Exchange.modify_order` sends :class:`BatchModifyAction`)."""

    TYPE: ClassVar[str] = "modify"
    ACCEPTS_VAULT: ClassVar[bool] = True
    oid: int | Cloid = attrs.field(
        converter=_oid_or_cloid, validator=_check_oid_or_cloid, metadata=_key("oid")
    )
    order: OrderWire = attrs.field(
        validator=attrs.validators.instance_of(OrderWire), metadata=_key("order")
    )


@attrs.frozen(kw_only=True)
class BatchModifyAction(L1Action):
    """``{"type": "batchModify", "modifies": [{"oid", "order"}, ...]}``."""

    TYPE: ClassVar[str] = "batchModify"
    ACCEPTS_VAULT: ClassVar[bool] = True
    modifies: tuple[ModifyWire, ...] = attrs.field(
        converter=_modify_wires, validator=_tuple_of(ModifyWire), metadata=_key("modifies")
    )


@attrs.frozen(kw_only=True)
class ScheduleCancelAction(L1Action):
    """``{"type": "scheduleCancel", "time"?: ms}``: without ``time`` (key absent, not
    null) the scheduled cancel is removed."""

    TYPE: ClassVar[str] = "scheduleCancel"
    ACCEPTS_VAULT: ClassVar[bool] = True
    time: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_uint),
        metadata=_key("time", omit_if_none=True),
    )


@attrs.frozen(kw_only=True)
class UpdateLeverageAction(L1Action):
    """``{"type": "updateLeverage", "asset", "isCross", "leverage"}`` (leverage an int)."""

    TYPE: ClassVar[str] = "updateLeverage"
    ACCEPTS_VAULT: ClassVar[bool] = True
    asset: int = attrs.field(validator=_uint, metadata=_key("asset"))
    is_cross: bool = attrs.field(validator=_check_bool, metadata=_key("isCross"))
    leverage: int = attrs.field(validator=_check_int(1, 1001), metadata=_key("leverage"))


@attrs.frozen(kw_only=True)
class UpdateIsolatedMarginAction(L1Action):
    """``{"type": "updateIsolatedMargin", "asset", "isBuy", "ntli"}``; ``ntli`` is signed
    micro-USDC (negative removes margin)."""

    TYPE: ClassVar[str] = "updateIsolatedMargin"
    ACCEPTS_VAULT: ClassVar[bool] = True
    asset: int = attrs.field(validator=_uint, metadata=_key("asset"))
    is_buy: bool = attrs.field(validator=_check_bool, metadata=_key("isBuy"))
    ntli: int = attrs.field(validator=_int64, metadata=_key("ntli"))


@attrs.frozen(kw_only=True)
class TopUpIsolatedOnlyMarginAction(L1Action):
    """``{"type": "topUpIsolatedOnlyMargin", "asset", "leverage": "<decimal>"}``."""

    TYPE: ClassVar[str] = "topUpIsolatedOnlyMargin"
    ACCEPTS_VAULT: ClassVar[bool] = True
    asset: int = attrs.field(validator=_uint, metadata=_key("asset"))
    leverage: Decimal = attrs.field(
        converter=_leverage, validator=_check_positive, metadata=_key("leverage")
    )


@attrs.frozen(kw_only=True)
class TwapOrderAction(L1Action):
    """``{"type": "twapOrder", "twap": {"a", "b", "s", "r", "m", "t"}}``."""

    TYPE: ClassVar[str] = "twapOrder"
    ACCEPTS_VAULT: ClassVar[bool] = True
    twap: TwapWire = attrs.field(
        validator=attrs.validators.instance_of(TwapWire), metadata=_key("twap")
    )


@attrs.frozen(kw_only=True)
class TwapCancelAction(L1Action):
    """``{"type": "twapCancel", "a": asset, "t": twap_id}``."""

    TYPE: ClassVar[str] = "twapCancel"
    ACCEPTS_VAULT: ClassVar[bool] = True
    asset: int = attrs.field(validator=_uint, metadata=_key("a"))
    twap_id: int = attrs.field(validator=_uint, metadata=_key("t"))


@attrs.frozen(kw_only=True)
class BorrowLendAction(L1Action):
    """``{"type": "borrowLend", "operation", "token", "amount"}``; ``amount`` ``null``
    means "all" (an explicit null, kept)."""

    TYPE: ClassVar[str] = "borrowLend"
    ACCEPTS_VAULT: ClassVar[bool] = True
    operation: Literal["supply", "withdraw", "repay", "borrow"] = attrs.field(
        validator=attrs.validators.in_(("supply", "withdraw", "repay", "borrow")),
        metadata=_key("operation"),
    )
    token: int = attrs.field(validator=_uint, metadata=_key("token"))
    amount: Decimal | None = attrs.field(
        converter=_optional_decimal,
        validator=attrs.validators.optional(_check_positive),
        metadata=_key("amount"),
    )


# ---------------------------------------------------------------------------------------
# L1 actions: accounts, vaults, misc
# ---------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CreateSubAccountAction(L1Action):
    """``{"type": "createSubAccount", "name"}``; answers the new sub-account's address."""

    TYPE: ClassVar[str] = "createSubAccount"
    name: str = attrs.field(validator=_check_nonempty, metadata=_key("name"))


@attrs.frozen(kw_only=True)
class SubAccountTransferAction(L1Action):
    """``{"type": "subAccountTransfer", "subAccountUser", "isDeposit", "usd"}`` (usd in
    micro-USDC)."""

    TYPE: ClassVar[str] = "subAccountTransfer"
    sub_account_user: str = attrs.field(converter=_address, metadata=_key("subAccountUser"))
    is_deposit: bool = attrs.field(validator=_check_bool, metadata=_key("isDeposit"))
    usd: int = attrs.field(validator=_uint, metadata=_key("usd"))


@attrs.frozen(kw_only=True)
class SubAccountSpotTransferAction(L1Action):
    """``{"type": "subAccountSpotTransfer", "subAccountUser", "isDeposit", "token",
    "amount"}``."""

    TYPE: ClassVar[str] = "subAccountSpotTransfer"
    sub_account_user: str = attrs.field(converter=_address, metadata=_key("subAccountUser"))
    is_deposit: bool = attrs.field(validator=_check_bool, metadata=_key("isDeposit"))
    token: str = attrs.field(validator=_check_nonempty, metadata=_key("token"))
    amount: Decimal = attrs.field(
        converter=_decimal, validator=_check_positive, metadata=_key("amount")
    )


@attrs.frozen(kw_only=True)
class SubAccountModifyAction(L1Action):
    """``{"type": "subAccountModify", "subAccountUser", "name"}`` (renames it)."""

    TYPE: ClassVar[str] = "subAccountModify"
    sub_account_user: str = attrs.field(converter=_address, metadata=_key("subAccountUser"))
    name: str = attrs.field(validator=_check_nonempty, metadata=_key("name"))


@attrs.frozen(kw_only=True)
class VaultTransferAction(L1Action):
    """``{"type": "vaultTransfer", "vaultAddress", "isDeposit", "usd"}`` (micro-USDC)."""

    TYPE: ClassVar[str] = "vaultTransfer"
    vault_address: str = attrs.field(converter=_address, metadata=_key("vaultAddress"))
    is_deposit: bool = attrs.field(validator=_check_bool, metadata=_key("isDeposit"))
    usd: int = attrs.field(validator=_uint, metadata=_key("usd"))


@attrs.frozen(kw_only=True)
class CreateVaultAction(L1Action):
    """``{"type": "createVault", "name", "description", "initialUsd", "nonce"}``; the
    ``nonce`` equals the request's. Answers the new vault's address."""

    TYPE: ClassVar[str] = "createVault"
    name: str = attrs.field(validator=_check_nonempty, metadata=_key("name"))
    description: str = attrs.field(validator=_check_str, metadata=_key("description"))
    initial_usd: int = attrs.field(validator=_uint, metadata=_key("initialUsd"))
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))


@attrs.frozen(kw_only=True)
class VaultModifyAction(L1Action):
    """``{"type": "vaultModify", "vaultAddress", "allowDeposits", "alwaysCloseOnWithdraw"}``;
    a ``None`` flag is sent as an explicit ``null`` ("unchanged")."""

    TYPE: ClassVar[str] = "vaultModify"
    vault_address: str = attrs.field(converter=_address, metadata=_key("vaultAddress"))
    allow_deposits: bool | None = attrs.field(
        default=None, validator=_check_optional_bool, metadata=_key("allowDeposits")
    )
    always_close_on_withdraw: bool | None = attrs.field(
        default=None, validator=_check_optional_bool, metadata=_key("alwaysCloseOnWithdraw")
    )


@attrs.frozen(kw_only=True)
class VaultDistributeAction(L1Action):
    """``{"type": "vaultDistribute", "vaultAddress", "usd"}`` (micro-USDC; 0 closes)."""

    TYPE: ClassVar[str] = "vaultDistribute"
    vault_address: str = attrs.field(converter=_address, metadata=_key("vaultAddress"))
    usd: int = attrs.field(validator=_uint, metadata=_key("usd"))


@attrs.frozen(kw_only=True)
class SetReferrerAction(L1Action):
    """``{"type": "setReferrer", "code"}``."""

    TYPE: ClassVar[str] = "setReferrer"
    code: str = attrs.field(validator=_check_nonempty, metadata=_key("code"))


@attrs.frozen(kw_only=True)
class RegisterReferrerAction(L1Action):
    """``{"type": "registerReferrer", "code"}`` (create your own referral code)."""

    TYPE: ClassVar[str] = "registerReferrer"
    code: str = attrs.field(validator=_check_nonempty, metadata=_key("code"))


@attrs.frozen
class ClaimRewardsAction(L1Action):
    """``{"type": "claimRewards"}``."""

    TYPE: ClassVar[str] = "claimRewards"


@attrs.frozen(kw_only=True)
class SetDisplayNameAction(L1Action):
    """``{"type": "setDisplayName", "displayName"}``."""

    TYPE: ClassVar[str] = "setDisplayName"
    display_name: str = attrs.field(validator=_check_str, metadata=_key("displayName"))


@attrs.frozen(kw_only=True)
class _SpotDusting(_Wire):
    opt_out: bool = attrs.field(validator=_check_bool, metadata=_key("optOut"))


@attrs.frozen(kw_only=True)
class SpotUserAction(L1Action):
    """``{"type": "spotUser", "toggleSpotDusting": {"optOut": bool}}``."""

    TYPE: ClassVar[str] = "spotUser"
    toggle_spot_dusting: _SpotDusting = attrs.field(metadata=_key("toggleSpotDusting"))

    @classmethod
    def opt_out(cls, opt_out: bool) -> SpotUserAction:
        return cls(toggle_spot_dusting=_SpotDusting(opt_out=opt_out))


@attrs.frozen(kw_only=True)
class EvmUserModifyAction(L1Action):
    """``{"type": "evmUserModify", "usingBigBlocks"}``."""

    TYPE: ClassVar[str] = "evmUserModify"
    using_big_blocks: bool = attrs.field(validator=_check_bool, metadata=_key("usingBigBlocks"))


@attrs.frozen
class NoopAction(L1Action):
    """``{"type": "noop"}``: burns its nonce (invalidates a pending signed request)."""

    TYPE: ClassVar[str] = "noop"


@attrs.frozen(kw_only=True)
class ReserveRequestWeightAction(L1Action):
    """``{"type": "reserveRequestWeight", "weight"}`` (buys rate-limit weight)."""

    TYPE: ClassVar[str] = "reserveRequestWeight"
    weight: int = attrs.field(validator=_uint, metadata=_key("weight"))


@attrs.frozen
class AgentEnableDexAbstractionAction(L1Action):
    """``{"type": "agentEnableDexAbstraction"}``."""

    TYPE: ClassVar[str] = "agentEnableDexAbstraction"


@attrs.frozen(kw_only=True)
class AgentSetAbstractionAction(L1Action):
    """``{"type": "agentSetAbstraction", "abstraction": "i"|"u"|"p"}`` (disabled, unified
    account, portfolio margin)."""

    TYPE: ClassVar[str] = "agentSetAbstraction"
    abstraction: Literal["i", "u", "p"] = attrs.field(
        validator=attrs.validators.in_(("i", "u", "p")), metadata=_key("abstraction")
    )


# ---------------------------------------------------------------------------------------
# User-signed actions (field order as the official SDK's struct; see the module docstring)
# ---------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class UsdSendAction(UserSignedAction):
    """``usdSend`` (``UsdSend``): send USDC from the perp balance to another address."""

    TYPE: ClassVar[str] = "usdSend"
    destination: str = attrs.field(converter=_address, metadata=_key("destination"))
    amount: Decimal = attrs.field(
        converter=_decimal, validator=_check_positive, metadata=_key("amount")
    )
    time: int = attrs.field(validator=_uint, metadata=_key("time"))


@attrs.frozen(kw_only=True)
class SpotSendAction(UserSignedAction):
    """``spotSend`` (``SpotSend``); ``token`` is ``"NAME:0x<tokenId>"``."""

    TYPE: ClassVar[str] = "spotSend"
    destination: str = attrs.field(converter=_address, metadata=_key("destination"))
    token: str = attrs.field(validator=_check_nonempty, metadata=_key("token"))
    amount: Decimal = attrs.field(
        converter=_decimal, validator=_check_positive, metadata=_key("amount")
    )
    time: int = attrs.field(validator=_uint, metadata=_key("time"))


@attrs.frozen(kw_only=True)
class WithdrawAction(UserSignedAction):
    """``withdraw3`` (``Withdraw``): withdraw USDC to Arbitrum."""

    TYPE: ClassVar[str] = "withdraw3"
    destination: str = attrs.field(converter=_address, metadata=_key("destination"))
    amount: Decimal = attrs.field(
        converter=_decimal, validator=_check_positive, metadata=_key("amount")
    )
    time: int = attrs.field(validator=_uint, metadata=_key("time"))


@attrs.frozen(kw_only=True)
class UsdClassTransferAction(UserSignedAction):
    """``usdClassTransfer`` (``UsdClassTransfer``): move USDC between spot and perp.

    For a sub-account the amount text carries the suffix ``" subaccount:<address>"`` (the
    official SDK's form) and the request has no ``vaultAddress``.
    """

    TYPE: ClassVar[str] = "usdClassTransfer"
    amount: Decimal = attrs.field(converter=_decimal, validator=_check_positive)
    to_perp: bool = attrs.field(validator=_check_bool)
    nonce: int = attrs.field(validator=_uint)
    sub_account: str | None = attrs.field(
        default=None, converter=attrs.converters.optional(_address)
    )

    def to_wire(self) -> dict[str, Any]:
        amount = to_wire(self.amount)
        if self.sub_account is not None:
            amount += f" subaccount:{self.sub_account}"
        return {"type": self.TYPE, "amount": amount, "toPerp": self.to_perp, "nonce": self.nonce}


@attrs.frozen(kw_only=True)
class SendAssetAction(UserSignedAction):
    """``sendAsset`` (``SendAsset``): move a token between dexes, spot and users.

    ``source_dex``/``destination_dex``: ``""`` (main perp dex), ``"spot"`` or a builder dex
    name; ``from_sub_account``: ``""`` or the sub-account's address.
    """

    TYPE: ClassVar[str] = "sendAsset"
    destination: str = attrs.field(converter=_address, metadata=_key("destination"))
    source_dex: str = attrs.field(validator=_check_str, metadata=_key("sourceDex"))
    destination_dex: str = attrs.field(validator=_check_str, metadata=_key("destinationDex"))
    token: str = attrs.field(validator=_check_nonempty, metadata=_key("token"))
    amount: Decimal = attrs.field(
        converter=_decimal, validator=_check_positive, metadata=_key("amount")
    )
    from_sub_account: str = attrs.field(
        default="",
        converter=_optional_address_text,
        metadata=_key("fromSubAccount"),
    )
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))


@attrs.frozen(kw_only=True)
class ApproveAgentAction(UserSignedAction):
    """``approveAgent`` (``ApproveAgent``): authorise an API wallet.

    An unnamed agent has no ``agentName`` key on the wire but is signed with ``""``.
    """

    TYPE: ClassVar[str] = "approveAgent"
    agent_address: str = attrs.field(converter=_address, metadata=_key("agentAddress"))
    agent_name: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_check_str),
        metadata=_key("agentName", omit_if_none=True),
    )
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))


@attrs.frozen(kw_only=True)
class ApproveBuilderFeeAction(UserSignedAction):
    """``approveBuilderFee`` (``ApproveBuilderFee``); ``max_fee_rate`` like ``"0.01%"``."""

    TYPE: ClassVar[str] = "approveBuilderFee"
    max_fee_rate: str = attrs.field(validator=_check_nonempty, metadata=_key("maxFeeRate"))
    builder: str = attrs.field(converter=_address, metadata=_key("builder"))
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))


@attrs.frozen(kw_only=True)
class TokenDelegateAction(UserSignedAction):
    """``tokenDelegate`` (``TokenDelegate``): stake to (or unstake from) a validator;
    ``wei`` in 1e-8 HYPE."""

    TYPE: ClassVar[str] = "tokenDelegate"
    validator: str = attrs.field(converter=_address, metadata=_key("validator"))
    wei: int = attrs.field(validator=_uint, metadata=_key("wei"))
    is_undelegate: bool = attrs.field(validator=_check_bool, metadata=_key("isUndelegate"))
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))


@attrs.frozen(kw_only=True)
class CDepositAction(UserSignedAction):
    """``cDeposit`` (``CDeposit``): move HYPE from spot into staking (``wei`` 1e-8)."""

    TYPE: ClassVar[str] = "cDeposit"
    wei: int = attrs.field(validator=_uint, metadata=_key("wei"))
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))


@attrs.frozen(kw_only=True)
class CWithdrawAction(UserSignedAction):
    """``cWithdraw`` (``CWithdraw``): move HYPE from staking back to spot (``wei`` 1e-8)."""

    TYPE: ClassVar[str] = "cWithdraw"
    wei: int = attrs.field(validator=_uint, metadata=_key("wei"))
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))


@attrs.frozen(kw_only=True)
class ConvertToMultiSigUserAction(UserSignedAction):
    """``convertToMultiSigUser`` (``ConvertToMultiSigUser``); ``signers`` is JSON *text*."""

    TYPE: ClassVar[str] = "convertToMultiSigUser"
    signers: str = attrs.field(validator=_check_nonempty, metadata=_key("signers"))
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))

    @staticmethod
    def signers_text(authorized_users: Sequence[str] | None, threshold: int | None) -> str:
        """The ``signers`` text: ``json.dumps`` of ``{"authorizedUsers": [sorted lower-case
        addresses], "threshold": n}`` with Python's default separators (as the official SDK
        writes it), or ``"null"`` (back to a normal user) when ``authorized_users`` is None.

        Raises:
            ConfigurationError: a bad address, or a threshold outside 1..len(users).
        """
        if authorized_users is None:
            return "null"
        users = sorted(normalise_address(user) for user in authorized_users)
        if (
            isinstance(threshold, bool)
            or not isinstance(threshold, int)
            or not 1 <= threshold <= len(users)
        ):
            raise ConfigurationError(
                f"threshold must be an int between 1 and {len(users)}, got {threshold!r:.60}"
            )
        return json.dumps({"authorizedUsers": users, "threshold": threshold})


_ABSTRACTIONS: Final = ("disabled", "unifiedAccount", "portfolioMargin")


@attrs.frozen(kw_only=True)
class UserSetAbstractionAction(UserSignedAction):
    """``userSetAbstraction`` (``UserSetAbstraction``)."""

    TYPE: ClassVar[str] = "userSetAbstraction"
    user: str = attrs.field(converter=_address, metadata=_key("user"))
    abstraction: Literal["disabled", "unifiedAccount", "portfolioMargin"] = attrs.field(
        validator=attrs.validators.in_(_ABSTRACTIONS), metadata=_key("abstraction")
    )
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))


@attrs.frozen(kw_only=True)
class UserDexAbstractionAction(UserSignedAction):
    """``userDexAbstraction`` (``UserDexAbstraction``; deprecated upstream)."""

    TYPE: ClassVar[str] = "userDexAbstraction"
    user: str = attrs.field(converter=_address, metadata=_key("user"))
    enabled: bool = attrs.field(validator=_check_bool, metadata=_key("enabled"))
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))


@attrs.frozen(kw_only=True)
class UserPortfolioMarginAction(UserSignedAction):
    """``userPortfolioMargin`` (``UserPortfolioMargin``)."""

    TYPE: ClassVar[str] = "userPortfolioMargin"
    user: str = attrs.field(converter=_address, metadata=_key("user"))
    enabled: bool = attrs.field(validator=_check_bool, metadata=_key("enabled"))
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))


@attrs.frozen(kw_only=True)
class LinkStakingUserAction(UserSignedAction):
    """``linkStakingUser`` (``LinkStakingUser``)."""

    TYPE: ClassVar[str] = "linkStakingUser"
    user: str = attrs.field(converter=_address, metadata=_key("user"))
    is_finalize: bool = attrs.field(validator=_check_bool, metadata=_key("isFinalize"))
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))


@attrs.frozen(kw_only=True)
class StakingLinkDisableTradingUserAction(UserSignedAction):
    """``stakingLinkDisableTradingUser`` (``StakingLinkDisableTradingUser``)."""

    TYPE: ClassVar[str] = "stakingLinkDisableTradingUser"
    trading_user: str = attrs.field(converter=_address, metadata=_key("tradingUser"))
    nonce: int = attrs.field(validator=_uint, metadata=_key("nonce"))


# ---------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OrderResting:
    """The order rests on the book (``{"resting": {"oid", "cloid"?}}``)."""

    oid: int
    cloid: Cloid | None = None


@attrs.frozen(kw_only=True)
class OrderFilled:
    """The order filled at once (``{"filled": {"totalSz", "avgPx", "oid", "cloid"?}}``).

    ``total_sz`` may be less than the order's size for an IOC order (the rest was
    cancelled).
    """

    total_sz: Decimal
    avg_px: Decimal
    oid: int
    cloid: Cloid | None = None


@attrs.frozen(kw_only=True)
class OrderWaiting:
    """A bare status string: ``"waitingForFill"`` (a TP/SL child waiting for its parent)
    or ``"waitingForTrigger"`` (waiting for its trigger price)."""

    status: str


@attrs.frozen(kw_only=True)
class OrderError:
    """One entry failed (``{"error": message}``); the others in its batch may not have.

    Attributes:
        message: the server's message, e.g. ``Order could not immediately match against
            any resting orders. asset=0`` or ``Order was never placed, already canceled,
            or filled. asset=0``.
    """

    message: str


@attrs.frozen
class CancelSuccess:
    """The cancel succeeded (``"success"``)."""


@attrs.frozen(kw_only=True)
class TwapRunning:
    """The TWAP order runs (``{"running": {"twapId"}}``)."""

    twap_id: int


OrderResult: TypeAlias = OrderResting | OrderFilled | OrderWaiting | OrderError
PlacedOrder: TypeAlias = OrderResting | OrderFilled | OrderWaiting
"""What a single-order call returns (its error raises :class:`~trio_hl.errors.OrderRejected`)."""
CancelResult: TypeAlias = CancelSuccess | OrderError
TwapResult: TypeAlias = TwapRunning | OrderError


@attrs.frozen(kw_only=True)
class ApprovedAgent:
    """The outcome of :meth:`trio_hl.Exchange.approve_agent`.

    Attributes:
        agent_address: the API wallet's address (its nonces are its own).
        name: the agent's name, ``None`` for the unnamed agent.
        account: ``Account(address=<the master account>, secret_key=<the agent's key>)``,
            ready to trade as the master (``await Api.create(account=approved.account)``);
            its secret key is never shown. ``secret_key`` is ``None`` when only an address
            was approved.
    """

    agent_address: str
    name: str | None
    account: Account


# ---------------------------------------------------------------------------------------
# Decoding ``status: ok`` responses (manual and strict: a surprise is a ProtocolError)
# ---------------------------------------------------------------------------------------


def _malformed(what: str, value: object) -> ProtocolError:
    return ProtocolError(
        f"unexpected {what} in an exchange reply (the action was accepted and may have been "
        f"executed): {value!r:.200}"
    )


def _data(response: object, expected: str) -> Mapping[str, Any]:
    if not isinstance(response, Mapping) or response.get("type") != expected:
        raise _malformed(f"response (expected type {expected!r})", response)
    data = response.get("data")
    if not isinstance(data, Mapping):
        raise _malformed("response data", response)
    return data


def _int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _malformed(what, value)
    return value


def _dec(value: object, what: str) -> Decimal:
    if not isinstance(value, str):
        raise _malformed(what, value)
    try:
        return to_decimal(value, what=what)
    except Exception:
        raise _malformed(what, value) from None


def _reply_cloid(entry: Mapping[str, Any]) -> Cloid | None:
    raw = entry.get("cloid")
    if raw is None:
        return None
    try:
        return Cloid(raw)
    except ConfigurationError:
        raise _malformed("cloid", raw) from None


def _error(entry: object) -> OrderError | None:
    if isinstance(entry, Mapping) and set(entry) == {"error"}:
        return OrderError(message=str(entry["error"]))
    return None


def _order_status(entry: object) -> OrderResult:
    if isinstance(entry, str):
        return OrderWaiting(status=entry)
    error = _error(entry)
    if error is not None:
        return error
    if isinstance(entry, Mapping):
        resting = entry.get("resting")
        if isinstance(resting, Mapping):
            return OrderResting(oid=_int(resting.get("oid"), "oid"), cloid=_reply_cloid(resting))
        filled = entry.get("filled")
        if isinstance(filled, Mapping):
            return OrderFilled(
                total_sz=_dec(filled.get("totalSz"), "totalSz"),
                avg_px=_dec(filled.get("avgPx"), "avgPx"),
                oid=_int(filled.get("oid"), "oid"),
                cloid=_reply_cloid(filled),
            )
    raise _malformed("order status", entry)


def _statuses(response: object, expected: str) -> list[object]:
    statuses = _data(response, expected).get("statuses")
    if not isinstance(statuses, list):
        raise _malformed("statuses", response)
    return statuses


def decode_order_statuses(response: object) -> tuple[OrderResult, ...]:
    """Per-order statuses of an ``order`` or ``batchModify`` reply's ``response``.

    Raises:
        ProtocolError: the response does not have the documented shape.
    """
    return tuple(_order_status(entry) for entry in _statuses(response, "order"))


def decode_cancel_statuses(response: object) -> tuple[CancelResult, ...]:
    """Per-cancel statuses of a ``cancel``/``cancelByCloid`` reply's ``response``.

    Raises:
        ProtocolError: the response does not have the documented shape.
    """
    results: list[CancelResult] = []
    for entry in _statuses(response, "cancel"):
        error = _error(entry)
        if error is not None:
            results.append(error)
        elif entry == "success":
            results.append(CancelSuccess())
        else:
            raise _malformed("cancel status", entry)
    return tuple(results)


def decode_twap_order(response: object) -> TwapResult:
    """The status of a ``twapOrder`` reply's ``response``.

    Raises:
        ProtocolError: the response does not have the documented shape.
    """
    status = _data(response, "twapOrder").get("status")
    error = _error(status)
    if error is not None:
        return error
    running = status.get("running") if isinstance(status, Mapping) else None
    if isinstance(running, Mapping):
        return TwapRunning(twap_id=_int(running.get("twapId"), "twapId"))
    raise _malformed("twap status", status)


def decode_twap_cancel(response: object) -> CancelResult:
    """The status of a ``twapCancel`` reply's ``response``.

    Raises:
        ProtocolError: the response does not have the documented shape.
    """
    status = _data(response, "twapCancel").get("status")
    error = _error(status)
    if error is not None:
        return error
    if status == "success":
        return CancelSuccess()
    raise _malformed("twap cancel status", status)


def decode_created_address(response: object, expected: str) -> str:
    """The new address in a ``createSubAccount``/``createVault`` reply's ``response``.

    Raises:
        ProtocolError: the response does not have the documented shape.
    """
    if not isinstance(response, Mapping) or response.get("type") != expected:
        raise _malformed(f"response (expected type {expected!r})", response)
    data = response.get("data")
    try:
        return normalise_address(data)
    except ConfigurationError:
        raise _malformed("address", data) from None
