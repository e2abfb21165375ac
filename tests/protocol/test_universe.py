"""The universe: asset id rules (perp, spot, builder dex), names and aliases, UnknownAsset."""

from __future__ import annotations

import pytest

from trio_hl._universe import AssetInfo, Universe, perp_asset_id, spot_asset_id
from trio_hl.errors import ConfigurationError, UnknownAsset
from trio_hl.models import info as mi
from trio_hl.testing._info_fixtures import MAIN_META, SPOT_META, TEST_DEX_META

META = mi.MetaRequest().decode(MAIN_META)
DEX_META = mi.MetaRequest(dex="test").decode(TEST_DEX_META)
SPOT = mi.SpotMetaRequest().decode(SPOT_META)
UNIVERSE = Universe.from_meta(META, SPOT, builder_dexs=[(1, "test", DEX_META)])


@pytest.mark.parametrize(
    ("index", "dex_index", "asset_id"),
    [(0, 0, 0), (4, 0, 4), (0, 1, 110_000), (5, 1, 110_005), (3, 2, 120_003), (9999, 7, 179_999)],
)
def test_perp_asset_ids(index: int, dex_index: int, asset_id: int) -> None:
    # Reference, OrderWire.a: perp = index in meta.universe; HIP-3 =
    # 100000 + dex_index * 10000 + index (dex_index = position in perpDexs).
    assert perp_asset_id(index, dex_index) == asset_id


@pytest.mark.parametrize(("spot_index", "asset_id"), [(0, 10_000), (1, 10_001), (107, 10_107)])
def test_spot_asset_ids(spot_index: int, asset_id: int) -> None:
    # Reference: spot = 10000 + spot index.
    assert spot_asset_id(spot_index) == asset_id


@pytest.mark.parametrize(
    "call",
    [lambda: perp_asset_id(10_000), lambda: perp_asset_id(-1), lambda: spot_asset_id(90_000)],
)
def test_ids_out_of_range(call: object) -> None:
    with pytest.raises(ConfigurationError):
        call()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("name", "asset_id", "coin"),
    [
        ("BTC", 0, "BTC"),
        ("ETH", 1, "ETH"),
        ("HYPE", 4, "HYPE"),
        ("test:ABC", 110_000, "test:ABC"),
        ("test:XYZ", 110_001, "test:XYZ"),
        ("PURR/USDC", 10_000, "PURR/USDC"),
        ("@1", 10_001, "@1"),
        ("@107", 10_107, "@107"),
        # aliases map back to the wire name
        ("@0", 10_000, "PURR/USDC"),
        ("HFUN/USDC", 10_001, "@1"),
        ("HYPE/USDC", 10_107, "@107"),
        # case-insensitive when unambiguous
        ("btc", 0, "BTC"),
        ("purr/usdc", 10_000, "PURR/USDC"),
        ("TEST:abc", 110_000, "test:ABC"),
    ],
)
def test_names_and_ids(name: str, asset_id: int, coin: str) -> None:
    assert UNIVERSE.id(name) == asset_id
    assert UNIVERSE.coin(name) == coin
    assert UNIVERSE.coin(asset_id) == coin
    assert name in UNIVERSE
    assert asset_id in UNIVERSE


def test_asset_details() -> None:
    btc = UNIVERSE.asset("BTC")
    assert (btc.kind, btc.sz_decimals, btc.max_leverage, btc.max_price_decimals) == (
        "perp",
        5,
        40,
        1,
    )
    hype_spot = UNIVERSE.asset("@107")
    assert hype_spot == AssetInfo(
        id=10_107,
        name="@107",
        kind="spot",
        index=107,
        sz_decimals=2,
        base="HYPE",
        quote="USDC",
    )
    assert hype_spot.max_price_decimals == 6
    assert UNIVERSE.asset("MATIC").is_delisted
    abc = UNIVERSE.asset("test:ABC")
    assert (abc.dex, abc.dex_index, abc.only_isolated, abc.max_leverage) == ("test", 1, True, 10)


def test_collections() -> None:
    assert len(UNIVERSE) == 5 + 2 + 3
    assert UNIVERSE.dexs == ("test",)
    assert [a.name for a in UNIVERSE.perps("")] == ["BTC", "ETH", "SOL", "MATIC", "HYPE"]
    assert [a.name for a in UNIVERSE.perps("test")] == ["test:ABC", "test:XYZ"]
    assert [a.id for a in UNIVERSE.spots()] == [10_000, 10_001, 10_107]
    assert UNIVERSE.names[:2] == ("BTC", "ETH")
    assert "perps" in repr(UNIVERSE)


@pytest.mark.parametrize(
    ("asset", "match"),
    [
        ("BTX", r"unknown asset 'BTX'; did you mean 'BTC'"),
        ("test:ABD", "did you mean 'test:ABC'"),
        ("NOPE12345", r"unknown asset 'NOPE12345' \(if it was listed recently"),
        (99_999, "unknown asset id 99999"),
    ],
)
def test_unknown_asset(asset: str | int, match: str) -> None:
    with pytest.raises(UnknownAsset, match=match) as caught:
        UNIVERSE.asset(asset)
    assert isinstance(caught.value, KeyError)
    assert caught.value.asset == asset
    assert not str(caught.value).startswith("'")  # not KeyError's quoted repr
    assert asset not in UNIVERSE
    assert UNIVERSE.get(asset) is None


@pytest.mark.parametrize("asset", [True, 1.5, None])
def test_neither_name_nor_id(asset: object) -> None:
    with pytest.raises(ConfigurationError):
        UNIVERSE.asset(asset)  # type: ignore[arg-type]
    assert asset not in UNIVERSE


def test_builder_names_without_prefix_get_one() -> None:
    bare = mi.MetaRequest(dex="xyz").decode(
        {"universe": [{"szDecimals": 1, "name": "XYZ100", "maxLeverage": 20}], "marginTables": []}
    )
    universe = Universe.from_meta(META, builder_dexs=[(2, "xyz", bare)])
    assert universe.id("xyz:XYZ100") == 120_000


def test_ambiguous_pair_names_get_no_alias() -> None:
    spot = mi.SpotMetaRequest().decode(
        {
            **SPOT_META,
            "universe": [
                *SPOT_META["universe"],
                {"tokens": [150, 0], "name": "@200", "index": 200, "isCanonical": False},
            ],
        }
    )
    universe = Universe.from_meta(META, spot)
    assert "HYPE/USDC" not in universe  # two HYPE/USDC pairs: ambiguous
    assert universe.coin("@200") == "@200"


def test_duplicates_are_refused() -> None:
    btc = UNIVERSE.asset("BTC")
    with pytest.raises(ConfigurationError, match="duplicate"):
        Universe([btc, btc])
    with pytest.raises(ConfigurationError, match="unknown asset id"):
        Universe([btc], aliases={"X": 5})
    with pytest.raises(ConfigurationError, match="dex_index"):
        Universe.from_meta(META, builder_dexs=[(0, "bad", DEX_META)])
