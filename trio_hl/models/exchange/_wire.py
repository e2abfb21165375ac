"""How an action becomes its wire map: field keys, value checks, :class:`Cloid`, the bases.

Every action is a frozen attrs class whose attribute order is its wire key order (see
:mod:`trio_hl.models.exchange`); :class:`L1Action` and :class:`UserSignedAction` write the
map, and the validators here check every value when a model is built (floats refused,
addresses lower-cased, integers in range), so a model that exists is a model that signs.
"""

from __future__ import annotations

import re
import secrets
from decimal import Decimal
from typing import Any, ClassVar, Final, cast

import attrs

from ..._guards import is_array, is_tuple
from ..._numbers import to_decimal, to_wire
from ...errors import ConfigurationError
from .._common import normalise_address

_KEY: Final = "trio_hl.exchange.key"
_OMIT: Final = "trio_hl.exchange.omit_if_none"
_CLOID: Final = re.compile(r"0x[0-9a-fA-F]{32}")
_U64: Final = 2**64
_I64: Final = 2**63


def wire_key(name: str, *, omit_if_none: bool = False) -> dict[str, object]:
    """Field metadata: the exact wire key, and whether ``None`` means "leave the key out"."""
    return {_KEY: name, _OMIT: omit_if_none}


# ---------------------------------------------------------------------------------------
# Value checks (models are public: they validate whatever they are given)
# ---------------------------------------------------------------------------------------


def check_int(low: int, high: int) -> Any:
    def check(_: object, attribute: attrs.Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigurationError(
                f"{attribute.name} must be an int, got {type(value).__name__}: {value!r:.60}"
            )
        if not low <= value < high:
            raise ConfigurationError(f"{attribute.name} is out of range: {value}")

    return check


check_uint: Final = check_int(0, _U64)
check_int64: Final = check_int(-_I64, _I64)


def check_str(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise ConfigurationError(f"{attribute.name} must be a str, got {value!r:.60}")


def check_nonempty(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise ConfigurationError(f"{attribute.name} must be a non-empty str, got {value!r:.60}")


def check_positive(_: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if value <= 0:
        raise ConfigurationError(f"{attribute.name} must be positive, got {to_wire(value)}")


def to_amount(value: Decimal | int | str) -> Decimal:
    """Converter: an exact number (floats refused with NumberTypeError)."""
    return to_decimal(value, what="amount")


def to_optional_amount(value: Decimal | int | str | None) -> Decimal | None:
    return None if value is None else to_decimal(value, what="amount")


def to_address(value: str) -> str:
    return normalise_address(value)


def to_optional_address_text(value: str) -> str:
    """``""`` stays ``""`` (no sub-account); anything else must be an address."""
    return "" if value == "" else normalise_address(value)


def to_size(value: Decimal | int | str) -> Decimal:
    return to_decimal(value, what="size")


def to_price(value: Decimal | int | str) -> Decimal:
    return to_decimal(value, what="price")


def to_trigger_price(value: Decimal | int | str) -> Decimal:
    return to_decimal(value, what="trigger price")


def to_leverage(value: Decimal | int | str) -> Decimal:
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


def to_cloid(value: Cloid | str) -> Cloid:
    return Cloid.parse(value)


def to_optional_cloid(value: Cloid | str | None) -> Cloid | None:
    return None if value is None else Cloid.parse(value)


def to_oid_or_cloid(value: int | Cloid | str) -> int | Cloid:
    if isinstance(value, Cloid | str):
        return Cloid.parse(value)
    return value


def check_oid_or_cloid(_: object, attribute: attrs.Attribute[int | Cloid], value: object) -> None:
    if isinstance(value, Cloid):
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < _U64:
        raise ConfigurationError(
            f"{attribute.name} must be an order id (int) or a Cloid, got {value!r:.60}"
        )


# ---------------------------------------------------------------------------------------
# Serialisation
# ---------------------------------------------------------------------------------------


class WireValue:
    """A value that writes its own wire form: every action and wire piece, and the order
    types (whose shape is not a flat map of their fields)."""

    __slots__ = ()

    def to_wire(self) -> dict[str, Any]:
        raise NotImplementedError


def _wire_value(value: object) -> object:
    if isinstance(value, Decimal):
        return to_wire(value)
    if isinstance(value, Cloid):
        return value.raw
    if isinstance(value, WireValue):
        return value.to_wire()
    if is_tuple(value) or is_array(value):
        return [_wire_value(item) for item in value]
    return value


class Wire(WireValue):
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


class L1Action(Wire):
    """An action signed with the L1 ("phantom agent") scheme; an API wallet may sign it."""

    __slots__ = ()
    TYPE: ClassVar[str]
    #: Accepts the request's ``vaultAddress`` (acting for a sub-account or vault).
    ACCEPTS_VAULT: ClassVar[bool] = False

    def to_wire(self) -> dict[str, Any]:
        return {"type": self.TYPE, **super().to_wire()}


class UserSignedAction(Wire):
    """An action signed as its own EIP-712 struct; only the account's own key may sign it.

    The last field is the timestamp (``time`` or ``nonce``) that the request's ``nonce``
    must equal.
    """

    __slots__ = ()
    TYPE: ClassVar[str]

    def to_wire(self) -> dict[str, Any]:
        """The JSON object without the chain fields: signing adds them
        (:func:`trio_hl.signing.prepare_user_signed_action`), models do not sign."""
        return {"type": self.TYPE, **super().to_wire()}


# ---------------------------------------------------------------------------------------
