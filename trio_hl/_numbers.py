"""Decimal numbers on the Hyperliquid wire, in one place.

Prices, sizes, trigger prices and transfer amounts travel as decimal *strings*, and for
signed actions those strings are hashed byte for byte: ``"100"`` and ``"100.0"`` are the
same number but different signatures, and the exchange expects the canonical form
(``docs: "trailing zeroes should be removed"``). This module owns that form:

* :func:`to_wire` turns a :class:`~decimal.Decimal`, an ``int`` or a decimal ``str`` into
  the canonical text: plain fixed-point notation, no exponent, no ``+``, no trailing zeros
  after the point, no trailing point, and ``"0"`` for every zero (never ``"-0"``).
* :func:`to_scaled_int` turns an amount into the integer units some fields use
  (micro-USDC for ``ntli``/``usd``, 1e-8 for ``wei``), refusing anything inexact.
* :func:`round_price` / :func:`round_size` move a value onto the exchange's tick and lot
  grid, and :func:`validate_price` / :func:`validate_size` *check* that a value already is
  on it, raising :class:`~trio_hl.errors.PrecisionError` instead of rounding silently.

Floats are refused everywhere (:class:`~trio_hl.errors.NumberTypeError`): a float such as
``0.1 + 0.2`` has no exact decimal text, so whichever string we picked would be a guess.
The official SDK's ``float_to_wire`` guesses with 8 decimals; for every value it accepts,
:func:`to_wire` of the equal :class:`~decimal.Decimal` produces the same text (tested),
except that the SDK lets ``-0.0`` through as ``"-0"`` where we write ``"0"``.

The tick and lot rules (docs "Tick and lot size"):

* size: at most ``szDecimals`` decimals;
* price: at most 5 significant figures *and* at most ``MAX_DECIMALS - szDecimals``
  decimals, where ``MAX_DECIMALS`` is 6 for perps and 8 for spot; an integer price is
  always allowed, whatever its number of significant figures (``123456`` is valid,
  ``12345.6`` is not).

Everything here is pure and never touches the global :mod:`decimal` context: rounding
uses a private context wide enough that no intermediate step is itself rounded.
"""

from __future__ import annotations

import decimal
import re
from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation
from typing import Final

from trio_hl.errors import ConfigurationError, NumberTypeError, PrecisionError

__all__ = [
    "MAX_SIGNIFICANT_FIGURES",
    "PERP_MAX_DECIMALS",
    "SPOT_MAX_DECIMALS",
    "round_price",
    "round_size",
    "to_decimal",
    "to_scaled_int",
    "to_wire",
    "validate_price",
    "validate_size",
]

#: A non-integer price may have at most this many significant figures.
MAX_SIGNIFICANT_FIGURES: Final = 5
#: Perp prices may have at most ``PERP_MAX_DECIMALS - szDecimals`` decimals.
PERP_MAX_DECIMALS: Final = 6
#: Spot prices may have at most ``SPOT_MAX_DECIMALS - szDecimals`` decimals.
SPOT_MAX_DECIMALS: Final = 8

# Sanity bound on magnitudes: nothing on Hyperliquid is 1e50 or 1e-50, and the bound keeps
# to_wire linear in its input (format(Decimal("1e999999"), "f") would be a megabyte).
_MAX_ADJUSTED_EXPONENT: Final = 50

# The largest unit exponent to_scaled_int accepts (HL uses 6 and 8; EVM tokens up to 18).
_MAX_SCALE: Final = 36

# Every decimal.ROUND_* mode, read from the module rather than listed again.
_ROUNDING_MODES: Final = frozenset(
    value for name, value in vars(decimal).items() if name.startswith("ROUND_")
)

# Plain decimal or scientific text, nothing else: no whitespace, underscores, NaN or Inf.
_DECIMAL_TEXT: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")

# Wide enough that quantize never needs to round the coefficient itself (values are
# bounded by _MAX_ADJUSTED_EXPONENT and quanta by the decimal limits).
_CONTEXT: Final = Context(prec=200, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation])

NumberLike = Decimal | int | str


def to_decimal(value: NumberLike, *, what: str = "value") -> Decimal:
    """Convert an exact number to a finite :class:`~decimal.Decimal`, refusing floats.

    Args:
        value: a :class:`~decimal.Decimal`, an ``int`` or decimal text such as ``"0.0147"``
            or ``"1e-8"`` (no whitespace, underscores, ``NaN`` or ``Infinity``).
        what: how to name the value in error messages (``"price"``, ``"size"``, ...).

    Returns:
        The value as a Decimal, unchanged (no rounding, trailing zeros kept).

    Raises:
        NumberTypeError: ``value`` is a ``float``, a ``bool`` or another type.
        ConfigurationError: the text is not a decimal number, the value is not finite, or
            its magnitude is absurd (beyond 1e50 either way).
    """
    # bool is an int subclass; True as "1" is almost certainly a bug at the call site.
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        if isinstance(value, float):
            msg = (
                f"{what} is a float ({value!r}); floats cannot carry exact decimals: "
                "pass a decimal.Decimal, an int or a decimal string such as '0.1'"
            )
        else:
            msg = (
                f"{what} must be a Decimal, an int or a decimal string, not {type(value).__name__}"
            )
        raise NumberTypeError(msg)
    if isinstance(value, str):
        if _DECIMAL_TEXT.fullmatch(value) is None:
            raise ConfigurationError(f"{what} {value!r} is not a decimal number")
        number = Decimal(value)  # exact: the constructor never rounds
    elif isinstance(value, int):
        number = Decimal(value)
    else:
        number = value
    if not number.is_finite():
        raise ConfigurationError(f"{what} must be finite, got {value!r}")
    if not number.is_zero() and abs(number.adjusted()) > _MAX_ADJUSTED_EXPONENT:
        raise ConfigurationError(f"{what} {value!r} is out of range")
    return number


def _canonical_text(number: Decimal) -> str:
    # format(..., "f") writes the exact value in fixed point without consulting the
    # context, so nothing is rounded here; we only strip the redundant zeros.
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def to_wire(value: NumberLike) -> str:
    """Format an exact number as the canonical decimal string the exchange expects.

    ``Decimal("100.0")`` and ``100`` give ``"100"``, ``Decimal("1E-8")`` gives
    ``"0.00000001"``, ``Decimal("-0.00")`` gives ``"0"``. The value is never rounded.

    Args:
        value: a :class:`~decimal.Decimal`, an ``int`` or decimal text.

    Returns:
        Fixed-point text without exponent, ``+`` sign, trailing zeros or trailing point.

    Raises:
        NumberTypeError: ``value`` is a ``float`` (or ``bool`` or another type).
        ConfigurationError: ``value`` is not a finite decimal number in a sane range.
    """
    return _canonical_text(to_decimal(value))


def _canonical(number: Decimal) -> Decimal:
    # Same value, coefficient without trailing zeros and exponent <= 0 (so that str() never
    # shows an exponent for integers, unlike Decimal.normalize(), which yields 1E+2).
    return Decimal(_canonical_text(number))


def _is_int(value: object) -> bool:
    # Runtime guard for untyped callers; bool is an int subclass but never a count here.
    return isinstance(value, int) and not isinstance(value, bool)


def to_scaled_int(value: NumberLike, decimals: int, *, what: str = "value") -> int:
    """Convert an amount to integer units of ``10**-decimals``, refusing inexact results.

    For example micro-USDC (``decimals=6``, used by ``updateIsolatedMargin.ntli`` and the
    ``usd`` of transfers: ``"1.5"`` -> ``1500000``) or HYPE wei (``decimals=8``).

    Args:
        value: the amount in whole units, as Decimal, int or decimal text (may be negative).
        decimals: the number of decimals of the unit, ``0..36``.
        what: how to name the value in error messages.

    Returns:
        ``value * 10**decimals`` as an exact integer.

    Raises:
        NumberTypeError: ``value`` is a float (or another unsupported type).
        ConfigurationError: ``value`` is not a finite decimal, or ``decimals`` is invalid.
        PrecisionError: ``value`` has more than ``decimals`` decimals.
    """
    if not _is_int(decimals) or not 0 <= decimals <= _MAX_SCALE:
        raise ConfigurationError(f"decimals must be an int in 0..{_MAX_SCALE}, got {decimals!r}")
    scaled = _CONTEXT.scaleb(to_decimal(value, what=what), decimals)
    if scaled != scaled.to_integral_value(context=_CONTEXT):
        raise PrecisionError(
            f"{what} {to_wire(value)} has more than {decimals} decimals and cannot be "
            f"expressed in units of 1e-{decimals} without rounding"
        )
    return int(scaled)


def _check_sz_decimals(sz_decimals: int, limit: int) -> None:
    if not _is_int(sz_decimals):
        raise ConfigurationError(f"sz_decimals must be an int, got {type(sz_decimals).__name__}")
    if not 0 <= sz_decimals <= limit:
        raise ConfigurationError(f"sz_decimals must be between 0 and {limit}, got {sz_decimals}")


def _max_price_decimals(sz_decimals: int, *, is_spot: bool) -> int:
    limit = SPOT_MAX_DECIMALS if is_spot else PERP_MAX_DECIMALS
    _check_sz_decimals(sz_decimals, limit)
    return limit - sz_decimals


def _quantize(number: Decimal, exponent: int, rounding: str) -> Decimal:
    if rounding not in _ROUNDING_MODES:
        raise ConfigurationError(f"rounding must be a decimal.ROUND_* mode, got {rounding!r}")
    return number.quantize(Decimal((0, (1,), exponent)), rounding=rounding, context=_CONTEXT)


def round_price(
    px: NumberLike, sz_decimals: int, *, is_spot: bool, rounding: str = ROUND_HALF_EVEN
) -> Decimal:
    """Round a price to the nearest value the exchange accepts for this asset.

    An integer price is returned unchanged (always valid). Otherwise the price is rounded
    to whichever is coarser of 5 significant figures and ``MAX_DECIMALS - sz_decimals``
    decimals; from 1e5 upwards 5 significant figures reach the units, and the price is
    rounded to an integer (so ``123456.7`` becomes ``123457``, not ``123460``).

    Args:
        px: the price, positive; Decimal, int or decimal text.
        sz_decimals: the asset's ``szDecimals`` (perps: from ``meta``; spot: the base
            token's, from ``spotMeta``).
        is_spot: spot market (8 maximum decimals) rather than perp (6).
        rounding: a :mod:`decimal` rounding mode; the default, half-even, matches the
            official SDK's float rounding. Use ``ROUND_DOWN``/``ROUND_UP`` (toward/away
            from zero) to never cross a limit in the wrong direction.

    Returns:
        The rounded price in canonical form (no trailing zeros); pass it to :func:`to_wire`.

    Raises:
        NumberTypeError: ``px`` is a float.
        ConfigurationError: ``px`` is not a positive finite decimal, or ``sz_decimals`` is
            outside ``0..MAX_DECIMALS``.
        PrecisionError: the price rounds to zero (it is below the smallest tick).
    """
    number = to_decimal(px, what="price")
    max_decimals = _max_price_decimals(sz_decimals, is_spot=is_spot)
    if number <= 0:
        raise ConfigurationError(f"price must be positive, got {to_wire(number)}")
    if number == number.to_integral_value(context=_CONTEXT):
        return _canonical(number)
    significant_exponent = number.adjusted() - (MAX_SIGNIFICANT_FIGURES - 1)
    exponent = min(0, max(significant_exponent, -max_decimals))
    rounded = _quantize(number, exponent, rounding)
    if rounded.is_zero():
        raise PrecisionError(
            f"price {to_wire(number)} rounds to zero with at most {max_decimals} decimals"
        )
    return _canonical(rounded)


def round_size(sz: NumberLike, sz_decimals: int, *, rounding: str = ROUND_HALF_EVEN) -> Decimal:
    """Round a size to at most ``sz_decimals`` decimals (the asset's lot size).

    Args:
        sz: the size, positive; Decimal, int or decimal text.
        sz_decimals: the asset's ``szDecimals``, ``0..8``.
        rounding: a :mod:`decimal` rounding mode; half-even by default (as the official
            SDK's ``round``); ``ROUND_DOWN`` never exceeds the requested size.

    Returns:
        The rounded size in canonical form.

    Raises:
        NumberTypeError: ``sz`` is a float.
        ConfigurationError: ``sz`` is not a positive finite decimal, or ``sz_decimals`` is
            outside ``0..8``.
        PrecisionError: the size rounds to zero.
    """
    number = to_decimal(sz, what="size")
    _check_sz_decimals(sz_decimals, SPOT_MAX_DECIMALS)
    if number <= 0:
        raise ConfigurationError(f"size must be positive, got {to_wire(number)}")
    rounded = _quantize(number, -sz_decimals, rounding)
    if rounded.is_zero():
        raise PrecisionError(f"size {to_wire(number)} rounds to zero with szDecimals={sz_decimals}")
    return _canonical(rounded)


def validate_price(px: NumberLike, sz_decimals: int, *, is_spot: bool) -> Decimal:
    """Check that a price is on the exchange's tick grid, without rounding it.

    Args:
        px: the price, positive; Decimal, int or decimal text.
        sz_decimals: the asset's ``szDecimals``.
        is_spot: spot market (8 maximum decimals) rather than perp (6).

    Returns:
        The same price in canonical form (``Decimal("100.50")`` -> ``Decimal("100.5")``).

    Raises:
        NumberTypeError: ``px`` is a float.
        ConfigurationError: ``px`` is not a positive finite decimal, or ``sz_decimals`` is
            out of range.
        PrecisionError: the price has more than 5 significant figures (and is not an
            integer) or more decimals than allowed; the message names the nearest valid
            price.
    """
    number = to_decimal(px, what="price")
    max_decimals = _max_price_decimals(sz_decimals, is_spot=is_spot)
    market = "spot" if is_spot else "perp"
    rule = (
        f"{market} prices with szDecimals={sz_decimals} allow at most "
        f"{MAX_SIGNIFICANT_FIGURES} significant figures and {max_decimals} decimals "
        "(integers are always allowed)"
    )
    try:
        rounded = round_price(number, sz_decimals, is_spot=is_spot)
    except PrecisionError:
        raise PrecisionError(
            f"price {to_wire(number)} is below the smallest tick: {rule}"
        ) from None
    if rounded != number:
        raise PrecisionError(
            f"price {to_wire(number)} is not on the tick grid: {rule}; "
            f"nearest valid price: {to_wire(rounded)}"
        )
    return rounded


def validate_size(sz: NumberLike, sz_decimals: int) -> Decimal:
    """Check that a size has at most ``sz_decimals`` decimals, without rounding it.

    Args:
        sz: the size, positive; Decimal, int or decimal text.
        sz_decimals: the asset's ``szDecimals``, ``0..8``.

    Returns:
        The same size in canonical form.

    Raises:
        NumberTypeError: ``sz`` is a float.
        ConfigurationError: ``sz`` is not a positive finite decimal, or ``sz_decimals`` is
            out of range.
        PrecisionError: the size has more than ``sz_decimals`` decimals.
    """
    number = to_decimal(sz, what="size")
    try:
        rounded = round_size(number, sz_decimals)
    except PrecisionError:
        rounded = Decimal(0)
    if rounded != number:
        raise PrecisionError(
            f"size {to_wire(number)} has more than szDecimals={sz_decimals} decimals; "
            f"nearest valid size: {to_wire(rounded)}"
        )
    return rounded
