"""Wire formatting of numbers, tick and lot rules; differential against the official SDK."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_UP, Decimal

import pytest
from hyperliquid.utils import signing as sdk  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from trio_hl._numbers import (
    round_price,
    round_size,
    to_decimal,
    to_scaled_int,
    to_wire,
    validate_price,
    validate_size,
)
from trio_hl.errors import (
    ConfigurationError,
    HyperliquidError,
    NumberTypeError,
    PrecisionError,
)

# --- to_wire ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (100, "100"),
        (0, "0"),
        (-5, "-5"),
        (Decimal("100"), "100"),
        (Decimal("100.0"), "100"),
        (Decimal("1E+2"), "100"),
        (Decimal("1.500"), "1.5"),
        (Decimal("0.0147"), "0.0147"),
        (Decimal("1E-8"), "0.00000001"),
        (Decimal("-0"), "0"),
        (Decimal("-0.000"), "0"),
        (Decimal("0E-12"), "0"),
        (Decimal("-1.230"), "-1.23"),
        (Decimal("105000.0"), "105000"),
        (Decimal("123456789012345678901234567890.5"), "123456789012345678901234567890.5"),
        ("100.0", "100"),
        ("+1.10", "1.1"),
        ("1e-8", "0.00000001"),
        ("2.5E3", "2500"),
        (".5", "0.5"),
        ("5.", "5"),
        ("-0.0", "0"),
    ],
)
def test_to_wire_canonical(value: Decimal | int | str, expected: str) -> None:
    assert to_wire(value) == expected


@pytest.mark.parametrize("value", [0.1, 1.0, float("nan"), -0.0])
def test_to_wire_rejects_floats(value: float) -> None:
    with pytest.raises(NumberTypeError, match="float") as info:
        to_wire(value)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, HyperliquidError)


@pytest.mark.parametrize("value", [True, None, b"1", [1], 1j])
def test_to_wire_rejects_other_types(value: object) -> None:
    with pytest.raises(NumberTypeError):
        to_wire(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    ["", " 1", "1 ", "1_000", "abc", "NaN", "inf", "-Infinity", "0x10", "1,5", "1e", "--1"],
)
def test_to_wire_rejects_bad_text(value: str) -> None:
    with pytest.raises(ConfigurationError):
        to_wire(value)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("1e51"), "1e-51"])
def test_to_wire_rejects_non_finite_and_absurd(value: Decimal | str) -> None:
    with pytest.raises(ConfigurationError):
        to_wire(value)


def test_to_decimal_keeps_value() -> None:
    assert to_decimal("1.50").as_tuple() == Decimal("1.50").as_tuple()
    assert to_decimal(7) == Decimal(7)


# Values with at most 8 decimals whose float is within 5e-9 of them (|x| < 1e7), for which
# the official SDK's float_to_wire is exact: there, our text must equal its text.
sdk_exact_decimals = st.integers(min_value=0, max_value=8).flatmap(
    lambda places: st.integers(min_value=-(10 ** (7 + places)), max_value=10 ** (7 + places)).map(
        lambda n: Decimal(n).scaleb(-places)
    )
)


@settings(max_examples=100, deadline=None)
@given(value=sdk_exact_decimals)
def test_to_wire_matches_sdk_float_to_wire(value: Decimal) -> None:
    expected = sdk.float_to_wire(float(value))
    assert expected != "-0"  # never produced from a Decimal: Decimal(0).scaleb is +0
    assert to_wire(value) == expected
    assert to_wire(str(value)) == expected


@settings(max_examples=50, deadline=None)
@given(value=st.integers(min_value=-(2**53), max_value=2**53))
def test_to_wire_matches_sdk_for_integers(value: int) -> None:
    assert to_wire(value) == sdk.float_to_wire(float(value))


def test_sdk_negative_zero_quirk_is_not_copied() -> None:
    assert sdk.float_to_wire(-0.0) == "-0"  # the SDK's guard for "-0" never fires
    assert to_wire(Decimal("-0")) == "0"


# --- to_scaled_int ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        ("1.5", 6, 1_500_000),
        ("-2.5", 6, -2_500_000),
        (1000, 8, 100_000_000_000),
        ("1.033", 8, 103_300_000),
        ("0.00001231", 8, 1231),
        (Decimal("62.000000"), 6, 62_000_000),
        ("123123123123", 8, 12_312_312_312_300_000_000),
    ],
)
def test_to_scaled_int(value: str | int | Decimal, decimals: int, expected: int) -> None:
    assert to_scaled_int(value, decimals) == expected


def test_to_scaled_int_refuses_rounding() -> None:
    with pytest.raises(PrecisionError, match="more than 8 decimals"):
        to_scaled_int("0.000012312312", 8)
    with pytest.raises(NumberTypeError):
        to_scaled_int(1.5, 6)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError):
        to_scaled_int("1", -1)
    with pytest.raises(ConfigurationError):
        to_scaled_int("1", 10**6)


@settings(max_examples=60, deadline=None)
@given(
    decimals=st.sampled_from([6, 8]),
    places=st.integers(min_value=0, max_value=6),
    n=st.integers(min_value=-(10**13), max_value=10**13),
)
def test_to_scaled_int_matches_sdk(decimals: int, places: int, n: int) -> None:
    value = Decimal(n).scaleb(-places)
    # The SDK multiplies floats and refuses results more than 1e-3 from an integer: above
    # about 2**43 a float product is that coarse, so the SDK refuses (or, above 2**53,
    # returns a wrong integer: 23058430093 HYPE -> 2305843009299999744 wei). Compare below.
    if abs(value.scaleb(decimals)) >= 2**42:
        return
    assert to_scaled_int(value, decimals) == sdk.float_to_int(float(value), decimals)


def test_to_scaled_int_is_exact_where_the_sdk_float_math_is_not() -> None:
    assert sdk.float_to_int(23058430093.0, 8) == 2305843009299999744
    assert to_scaled_int(23058430093, 8) == 2305843009300000000


# --- prices -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("px", "sz_decimals", "is_spot"),
    [
        ("1234.5", 0, False),
        ("0.001234", 0, False),
        ("0.01234", 1, False),
        ("0.0001234", 0, True),
        ("0.0001234", 1, True),
        ("123456", 5, False),
        ("123456789", 0, True),
        ("100000", 0, False),
        ("99999", 3, False),
        ("1", 6, False),
        ("0.5", 5, False),
        ("1.0", 2, False),
    ],
)
def test_valid_prices(px: str, sz_decimals: int, is_spot: bool) -> None:
    assert validate_price(px, sz_decimals, is_spot=is_spot) == Decimal(px)
    assert round_price(px, sz_decimals, is_spot=is_spot) == Decimal(px)


@pytest.mark.parametrize(
    ("px", "sz_decimals", "is_spot", "nearest"),
    [
        ("1234.56", 0, False, "1234.6"),
        ("0.0012345", 0, False, "0.001234"),  # half-even on the 6th decimal
        ("0.012345", 1, False, "0.01234"),
        ("0.0001234", 2, True, "0.000123"),
        ("12345.6", 0, False, "12346"),
        ("123456.7", 0, False, "123457"),
        ("1.5", 6, False, "2"),  # 6 - 6 = 0 decimals
    ],
)
def test_invalid_prices(px: str, sz_decimals: int, is_spot: bool, nearest: str) -> None:
    with pytest.raises(PrecisionError, match=f"nearest valid price: {nearest}$") as info:
        validate_price(px, sz_decimals, is_spot=is_spot)
    assert isinstance(info.value, ValueError)
    assert to_wire(round_price(px, sz_decimals, is_spot=is_spot)) == nearest


def test_price_below_smallest_tick() -> None:
    with pytest.raises(PrecisionError, match="rounds to zero"):
        round_price("0.0000001", 0, is_spot=False)
    with pytest.raises(PrecisionError, match="smallest tick"):
        validate_price("0.0000001", 0, is_spot=False)


@pytest.mark.parametrize(
    ("px", "sz_decimals", "is_spot"),
    [("0", 0, False), ("-1", 0, False), ("1", -1, False), ("1", 7, False), ("1", 9, True)],
)
def test_price_configuration_errors(px: str, sz_decimals: int, is_spot: bool) -> None:
    with pytest.raises(ConfigurationError):
        round_price(px, sz_decimals, is_spot=is_spot)


def test_price_rejects_float() -> None:
    with pytest.raises(NumberTypeError):
        round_price(1.5, 0, is_spot=False)  # type: ignore[arg-type]
    with pytest.raises(NumberTypeError):
        validate_price(1.5, 0, is_spot=False)  # type: ignore[arg-type]


def test_price_rounding_modes() -> None:
    assert round_price("1234.56", 0, is_spot=False, rounding=ROUND_DOWN) == Decimal("1234.5")
    assert round_price("1234.51", 0, is_spot=False, rounding=ROUND_UP) == Decimal("1234.6")
    assert round_price("99999.5", 0, is_spot=False) == Decimal("100000")
    with pytest.raises(ConfigurationError, match="rounding"):
        round_price("1.5", 0, is_spot=False, rounding="nearest")


@pytest.mark.parametrize(
    ("reference", "factor", "sz_decimals", "expected"),
    [  # the official SDK's market-order examples (signing.md section 10)
        ("3000", "1.05", 4, "3150"),
        ("0.123456", "0.95", 0, "0.11728"),
        ("97123.5", "1.05", 0, "101980"),
    ],
)
def test_sdk_slippage_examples(
    reference: str, factor: str, sz_decimals: int, expected: str
) -> None:
    px = Decimal(reference) * Decimal(factor)
    assert to_wire(round_price(px, sz_decimals, is_spot=False)) == expected


@settings(max_examples=100, deadline=None)
@given(
    px=st.decimals(
        min_value=Decimal("0.000001"), max_value=Decimal(10**9), places=10, allow_nan=False
    ),
    sz_decimals=st.integers(min_value=0, max_value=5),
    is_spot=st.booleans(),
)
def test_round_price_properties(px: Decimal, sz_decimals: int, is_spot: bool) -> None:
    max_decimals = (8 if is_spot else 6) - sz_decimals
    try:
        rounded = round_price(px, sz_decimals, is_spot=is_spot)
    except PrecisionError:
        assert px < Decimal(1).scaleb(-max_decimals)
        return
    # on the grid, idempotent, canonical, and within half a tick of the input
    assert validate_price(rounded, sz_decimals, is_spot=is_spot) == rounded
    assert round_price(rounded, sz_decimals, is_spot=is_spot) == rounded
    assert str(rounded) == to_wire(rounded)
    exponent = rounded.as_tuple().exponent
    assert isinstance(exponent, int)
    assert -exponent <= max_decimals
    if rounded != rounded.to_integral_value():
        assert len(rounded.as_tuple().digits) <= 5
    if px == px.to_integral_value():
        assert rounded == px
    else:
        tick = Decimal(1).scaleb(min(0, max(px.adjusted() - 4, -max_decimals)))
        assert abs(rounded - px) <= tick / 2


# --- sizes --------------------------------------------------------------------------------


def test_sizes() -> None:
    assert validate_size("0.01", 2) == Decimal("0.01")
    assert validate_size("1.10", 2) == Decimal("1.1")
    assert validate_size(3, 0) == Decimal(3)
    with pytest.raises(PrecisionError, match=r"nearest valid size: 0\.02$"):
        validate_size("0.015", 2)  # half-even
    with pytest.raises(PrecisionError, match=r"nearest valid size: 0$"):
        validate_size("0.001", 2)
    assert round_size("0.015", 2) == Decimal("0.02")
    assert round_size("0.0149", 2, rounding=ROUND_UP) == Decimal("0.02")
    assert round_size("1.999", 2, rounding=ROUND_DOWN) == Decimal("1.99")
    assert str(round_size("100", 0)) == "100"
    with pytest.raises(PrecisionError, match="rounds to zero"):
        round_size("0.004", 2)
    with pytest.raises(ConfigurationError):
        round_size("0", 2)
    with pytest.raises(ConfigurationError):
        round_size("1", 9)
    with pytest.raises(NumberTypeError):
        validate_size(0.5, 2)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=10**12),
    places=st.integers(min_value=0, max_value=8),
    sz_decimals=st.integers(min_value=0, max_value=8),
)
def test_round_size_matches_python_round(n: int, places: int, sz_decimals: int) -> None:
    value = Decimal(n).scaleb(-places)
    expected = round(value, sz_decimals)  # Decimal.__round__ is exact half-even
    if expected == 0:
        with pytest.raises(PrecisionError):
            round_size(value, sz_decimals)
    else:
        assert round_size(value, sz_decimals) == expected
        if expected == value:
            assert validate_size(value, sz_decimals) == value
        else:
            with pytest.raises(PrecisionError):
                validate_size(value, sz_decimals)
