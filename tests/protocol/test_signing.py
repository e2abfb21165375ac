"""Signing, differential against the official Python SDK (the oracle), plus known answers.

Every differential test signs the same wire action with ``trio_hl.signing`` and with
``hyperliquid.utils.signing`` and requires identical hashes and byte-identical signature
dicts (r/s text included). The SDK mutates some inputs, so it always gets a deep copy.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import eth_account
import pytest
from eth_account.messages import encode_typed_data
from eth_utils.address import to_checksum_address
from hyperliquid.utils import signing as untyped_sdk  # type: ignore[import-untyped]
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trio_hl import signing
from trio_hl._numbers import to_wire
from trio_hl.errors import HyperliquidError, SigningError

from ..strategies import build

if TYPE_CHECKING:
    from collections.abc import Callable

    from eth_account.signers.local import LocalAccount

# The oracle ships no type information: declared Any, so that what it returns is compared as
# data rather than half-inferred from its source.
sdk: Any = untyped_sdk

# Fixed, public test keys. Never put a real key here.
UPSTREAM_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123"
TEST_SECRETS = ("0x" + "11" * 32, "0x" + "22" * 32, "0x" + "ab" * 32, UPSTREAM_KEY)
WALLETS: tuple[LocalAccount, ...] = tuple(eth_account.Account.from_key(k) for k in TEST_SECRETS)

DIFFERENTIAL = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# --- strategies ---------------------------------------------------------------------------

wallets = st.sampled_from(WALLETS)
networks = st.booleans()
nonces = st.integers(min_value=0, max_value=2**64 - 1)
timestamps = st.integers(min_value=1_600_000_000_000, max_value=2_000_000_000_000)
expiries = st.none() | st.integers(min_value=0, max_value=2**64 - 1)
lower_addresses = st.binary(min_size=20, max_size=20).map(lambda raw: "0x" + raw.hex())
# Case never matters for the vault (raw bytes are hashed), so try upper and checksum case too.
vaults = st.none() | lower_addresses | lower_addresses.map(lambda a: "0x" + a[2:].upper())
cloids = st.binary(min_size=16, max_size=16).map(lambda raw: "0x" + raw.hex())
assets = st.integers(min_value=0, max_value=200_000)
oids = st.integers(min_value=0, max_value=2**63)
wire_decimals = build(
    st.integers(min_value=1, max_value=10**12), st.integers(min_value=0, max_value=8)
)(lambda n, places: to_wire(Decimal(n).scaleb(-places)))
names = st.text(max_size=300)  # crosses the fixstr (31), str8 (255) and str16 boundaries

limit_types = st.sampled_from(["Gtc", "Alo", "Ioc"]).map(lambda tif: {"limit": {"tif": tif}})
trigger_types = build(st.booleans(), wire_decimals, st.sampled_from(["tp", "sl"]))(
    lambda is_market, px, tpsl: {"trigger": {"isMarket": is_market, "triggerPx": px, "tpsl": tpsl}}
)


@st.composite
def order_wires(draw: st.DrawFn) -> dict[str, Any]:
    wire: dict[str, Any] = {
        "a": draw(assets),
        "b": draw(st.booleans()),
        "p": draw(wire_decimals),
        "s": draw(wire_decimals),
        "r": draw(st.booleans()),
        "t": draw(limit_types | trigger_types),
    }
    if draw(st.booleans()):
        wire["c"] = draw(cloids)
    return wire


groupings = st.sampled_from(["na", "normalTpsl", "positionTpsl"]) | build(
    st.integers(min_value=0, max_value=10**8)
)(lambda p: {"p": p})


@st.composite
def order_actions(draw: st.DrawFn) -> dict[str, Any]:
    action: dict[str, Any] = {
        "type": "order",
        # up to 17 orders: crosses the fixarray (15) / array16 boundary
        "orders": draw(st.lists(order_wires(), min_size=1, max_size=17)),
        "grouping": draw(groupings),
    }
    if draw(st.booleans()):
        action["builder"] = {"b": draw(lower_addresses), "f": draw(st.integers(0, 1000))}
    return action


def _modify(oid: int | str, order: dict[str, Any]) -> dict[str, Any]:
    return {"oid": oid, "order": order}


modifies = st.builds(_modify, oids | cloids, order_wires())


def _schedule_cancel(time: int | None) -> dict[str, Any]:
    return {"type": "scheduleCancel"} if time is None else {"type": "scheduleCancel", "time": time}


other_l1_actions = st.one_of(
    build(st.lists(build(assets, oids)(lambda a, o: {"a": a, "o": o}), min_size=1, max_size=5))(
        lambda cancels: {"type": "cancel", "cancels": cancels}
    ),
    build(
        st.lists(
            build(assets, cloids)(lambda a, c: {"asset": a, "cloid": c}), min_size=1, max_size=5
        )
    )(lambda cancels: {"type": "cancelByCloid", "cancels": cancels}),
    build(modifies)(lambda m: {"type": "modify", **m}),
    build(st.lists(modifies, min_size=1, max_size=4))(
        lambda ms: {"type": "batchModify", "modifies": ms}
    ),
    build(assets, st.booleans(), st.integers(1, 100))(
        lambda a, cross, lev: {
            "type": "updateLeverage",
            "asset": a,
            "isCross": cross,
            "leverage": lev,
        }
    ),
    build(assets, st.integers(-(10**15), 10**15))(
        lambda a, ntli: {"type": "updateIsolatedMargin", "asset": a, "isBuy": True, "ntli": ntli}
    ),
    st.builds(_schedule_cancel, st.none() | timestamps),
    build(assets, st.booleans(), wire_decimals, st.booleans(), st.integers(5, 1440), st.booleans())(
        lambda a, b, s, r, m, t: {
            "type": "twapOrder",
            "twap": {"a": a, "b": b, "s": s, "r": r, "m": m, "t": t},
        }
    ),
    build(assets, oids)(lambda a, t: {"type": "twapCancel", "a": a, "t": t}),
    build(names)(lambda name: {"type": "createSubAccount", "name": name}),
    build(names)(lambda code: {"type": "setReferrer", "code": code}),
    build(lower_addresses, st.booleans(), st.integers(0, 10**13))(
        lambda user, dep, usd: {
            "type": "subAccountTransfer",
            "subAccountUser": user,
            "isDeposit": dep,
            "usd": usd,
        }
    ),
    build(lower_addresses, st.booleans(), st.integers(0, 10**13))(
        lambda vault, dep, usd: {
            "type": "vaultTransfer",
            "vaultAddress": vault,
            "isDeposit": dep,
            "usd": usd,
        }
    ),
    build(lower_addresses, st.none() | st.booleans(), st.none() | st.booleans())(
        lambda vault, allow, close: {
            "type": "vaultModify",
            "vaultAddress": vault,
            "allowDeposits": allow,
            "alwaysCloseOnWithdraw": close,
        }
    ),
    build(
        st.text(max_size=8),
        st.lists(st.tuples(st.text(max_size=6), wire_decimals).map(list), max_size=4),
    )(
        lambda dex, pxs: {
            "type": "perpDeploy",
            "setOracle": {"dex": dex, "oraclePxs": pxs, "markPxs": [pxs], "externalPerpPxs": []},
        }
    ),
    st.just({"type": "noop"}),
    build(st.booleans())(lambda b: {"type": "evmUserModify", "usingBigBlocks": b}),
    build(st.integers(0, 10**6))(lambda w: {"type": "reserveRequestWeight", "weight": w}),
)


# --- L1 actions: differential -------------------------------------------------------------


def _assert_l1_matches_sdk(
    wallet: LocalAccount,
    action: dict[str, Any],
    vault: str | None,
    nonce: int,
    expires_after: int | None,
    is_mainnet: bool,
) -> None:
    original = copy.deepcopy(action)
    expected_hash = sdk.action_hash(copy.deepcopy(action), vault, nonce, expires_after)
    expected = sdk.sign_l1_action(
        wallet, copy.deepcopy(action), vault, nonce, expires_after, is_mainnet
    )
    assert signing.action_hash(action, vault, nonce, expires_after) == expected_hash
    ours = signing.sign_l1_action(
        wallet, action, vault, nonce, expires_after, is_mainnet=is_mainnet
    )
    assert ours.to_wire() == expected
    assert action == original  # not mutated
    assert json.dumps(action) == json.dumps(original)  # not even reordered


@DIFFERENTIAL
@given(
    wallet=wallets,
    action=order_actions(),
    vault=vaults,
    nonce=nonces,
    expires_after=expiries,
    is_mainnet=networks,
)
def test_order_actions_match_sdk(
    wallet: LocalAccount,
    action: dict[str, Any],
    vault: str | None,
    nonce: int,
    expires_after: int | None,
    is_mainnet: bool,
) -> None:
    _assert_l1_matches_sdk(wallet, action, vault, nonce, expires_after, is_mainnet)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    wallet=wallets,
    action=other_l1_actions,
    vault=vaults,
    nonce=nonces,
    expires_after=expiries,
    is_mainnet=networks,
)
def test_other_l1_actions_match_sdk(
    wallet: LocalAccount,
    action: dict[str, Any],
    vault: str | None,
    nonce: int,
    expires_after: int | None,
    is_mainnet: bool,
) -> None:
    _assert_l1_matches_sdk(wallet, action, vault, nonce, expires_after, is_mainnet)


def test_sdk_order_builder_output_matches() -> None:
    """The SDK's own request-to-wire conversion (floats) hashes like our string action."""
    order_request = {
        "coin": "ETH",
        "is_buy": True,
        "sz": 0.0147,
        "limit_px": 1670.1,
        "reduce_only": False,
        "order_type": {"trigger": {"triggerPx": 1600.5, "isMarket": True, "tpsl": "sl"}},
        "cloid": None,
    }
    sdk_action = sdk.order_wires_to_order_action(
        [sdk.order_request_to_order_wire(order_request, 4)],
        {"b": "0x8c967e73e7b15087c42a10d344cff4c96d877f1d", "f": 10},
        "normalTpsl",
    )
    ours = {
        "type": "order",
        "orders": [
            {
                "a": 4,
                "b": True,
                "p": to_wire(Decimal("1670.1")),
                "s": to_wire(Decimal("0.0147")),
                "r": False,
                "t": {"trigger": {"isMarket": True, "triggerPx": "1600.5", "tpsl": "sl"}},
            }
        ],
        "grouping": "normalTpsl",
        "builder": {"b": "0x8c967e73e7b15087c42a10d344cff4c96d877f1d", "f": 10},
    }
    assert json.dumps(ours) == json.dumps(sdk_action)  # same keys in the same order
    assert signing.action_hash(ours, None, 1, None) == sdk.action_hash(sdk_action, None, 1, None)


# --- L1 actions: known answers (upstream tests/signing_test.py, independent of the SDK) --

DUMMY = {"type": "dummy", "num": 100_000_000_000}
ORDER_100 = {
    "type": "order",
    "orders": [
        {"a": 1, "b": True, "p": "100", "s": "100", "r": False, "t": {"limit": {"tif": "Gtc"}}}
    ],
    "grouping": "na",
}
ORDER_100_CLOID = {
    "type": "order",
    "orders": [
        {
            "a": 1,
            "b": True,
            "p": "100",
            "s": "100",
            "r": False,
            "t": {"limit": {"tif": "Gtc"}},
            "c": "0x00000000000000000000000000000001",
        }
    ],
    "grouping": "na",
}
ORDER_TPSL = {
    "type": "order",
    "orders": [
        {
            "a": 1,
            "b": True,
            "p": "100",
            "s": "100",
            "r": False,
            "t": {"trigger": {"isMarket": True, "triggerPx": "103", "tpsl": "sl"}},
        }
    ],
    "grouping": "na",
}
SUB_ACCOUNT_TRANSFER = {
    "type": "subAccountTransfer",
    "subAccountUser": "0x1d9470d4b963f552e6f671a81619d395877bf409",
    "isDeposit": True,
    "usd": 10,
}
UPSTREAM_VAULT = "0x1719884eb866cb12b2287399b15f7db5e7d775ea"

L1_VECTORS: list[tuple[str, dict[str, Any], str | None, bool, str, str, int]] = [
    (
        "dummy/mainnet",
        DUMMY,
        None,
        True,
        "0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298",
        "0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8",
        27,
    ),
    (
        "dummy/testnet",
        DUMMY,
        None,
        False,
        "0x542af61ef1f429707e3c76c5293c80d01f74ef853e34b76efffcb57e574f9510",
        "0x17b8b32f086e8cdede991f1e2c529f5dd5297cbe8128500e00cbaf766204a613",
        28,
    ),
    (
        "dummy_vault/mainnet",
        DUMMY,
        UPSTREAM_VAULT,
        True,
        "0x3c548db75e479f8012acf3000ca3a6b05606bc2ec0c29c50c515066a326239",
        "0x4d402be7396ce74fbba3795769cda45aec00dc3125a984f2a9f23177b190da2c",
        28,
    ),
    (
        "dummy_vault/testnet",
        DUMMY,
        UPSTREAM_VAULT,
        False,
        "0xe281d2fb5c6e25ca01601f878e4d69c965bb598b88fac58e475dd1f5e56c362b",
        "0x7ddad27e9a238d045c035bc606349d075d5c5cd00a6cd1da23ab5c39d4ef0f60",
        27,
    ),
    (
        "order/mainnet",
        ORDER_100,
        None,
        True,
        "0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e",
        "0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e",
        28,
    ),
    (
        "order/testnet",
        ORDER_100,
        None,
        False,
        "0x82b2ba28e76b3d761093aaded1b1cdad4960b3af30212b343fb2e6cdfa4e3d54",
        "0x6b53878fc99d26047f4d7e8c90eb98955a109f44209163f52d8dc4278cbbd9f5",
        27,
    ),
    (
        "order_cloid/mainnet",
        ORDER_100_CLOID,
        None,
        True,
        "0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3",
        "0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da",
        27,
    ),
    (
        "order_cloid/testnet",
        ORDER_100_CLOID,
        None,
        False,
        "0xeba0664bed2676fc4e5a743bf89e5c7501aa6d870bdb9446e122c9466c5cd16d",
        "0x7f3e74825c9114bc59086f1eebea2928c190fdfbfde144827cb02b85bbe90988",
        28,
    ),
    (
        "order_tpsl/mainnet",
        ORDER_TPSL,
        None,
        True,
        "0x98343f2b5ae8e26bb2587daad3863bc70d8792b09af1841b6fdd530a2065a3f9",
        "0x6b5bb6bb0633b710aa22b721dd9dee6d083646a5f8e581a20b545be6c1feb405",
        27,
    ),
    (
        "order_tpsl/testnet",
        ORDER_TPSL,
        None,
        False,
        "0x971c554d917c44e0e1b6cc45d8f9404f32172a9d3b3566262347d0302896a2e4",
        "0x206257b104788f80450f8e786c329daa589aa0b32ba96948201ae556d5637eac",
        28,
    ),
    (
        "create_sub_account/mainnet",
        {"type": "createSubAccount", "name": "example"},
        None,
        True,
        "0x51096fe3239421d16b671e192f574ae24ae14329099b6db28e479b86cdd6caa7",
        "0xb71f7d293af92d3772572afb8b102d167a7cef7473388286bc01f52a5c5b423",
        27,
    ),
    (
        "sub_account_transfer/testnet",
        SUB_ACCOUNT_TRANSFER,
        None,
        False,
        "0xe26574013395ad55ee2f4e0575310f003c5bb3351b5425482e2969fa51543927",
        "0xefb08999196366871f919fd0e138b3a7f30ee33e678df7cfaf203e25f0a4278",
        28,
    ),
    (
        "schedule_cancel_unset/mainnet",
        {"type": "scheduleCancel"},
        None,
        True,
        "0x6cdfb286702f5917e76cd9b3b8bf678fcc49aec194c02a73e6d4f16891195df9",
        "0x6557ac307fa05d25b8d61f21fb8a938e703b3d9bf575f6717ba21ec61261b2a0",
        27,
    ),
    (
        "schedule_cancel_time/testnet",
        {"type": "scheduleCancel", "time": 123456789},
        None,
        False,
        "0x4e4f2dbd4107c69783e251b7e1057d9f2b9d11cee213441ccfa2be63516dc5bc",
        "0x706c656b23428c8ba356d68db207e11139ede1670481a9e01ae2dfcdb0e1a678",
        27,
    ),
]


@pytest.mark.parametrize(
    ("action", "vault", "is_mainnet", "r", "s", "v"),
    [vector[1:] for vector in L1_VECTORS],
    ids=[vector[0] for vector in L1_VECTORS],
)
def test_l1_known_answers(
    action: dict[str, Any], vault: str | None, is_mainnet: bool, r: str, s: str, v: int
) -> None:
    signature = signing.sign_l1_action(UPSTREAM_KEY, action, vault, 0, None, is_mainnet=is_mainnet)
    assert signature.to_wire() == {"r": r, "s": s, "v": v}


def test_connection_id_known_answer() -> None:
    action = {
        "type": "order",
        "orders": [
            {
                "a": 4,
                "b": True,
                "p": "1670.1",
                "s": "0.0147",
                "r": False,
                "t": {"limit": {"tif": "Ioc"}},
            }
        ],
        "grouping": "na",
    }
    digest = signing.action_hash(action, None, 1677777606040, None)
    assert digest.hex() == "0fcbeda5ae3c4950a548021552a4fea2226858c4453571bf3f24ba017eac2908"


MSGPACK_BOUNDARY_INTS = [
    *(0, 127, 128, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64 - 1),
    *(-1, -32, -33, -128, -129, -32768, -32769, -(2**31), -(2**31) - 1, -(2**63)),
]


@pytest.mark.parametrize("length", [0, 31, 32, 255, 256, 65535, 65536])
def test_msgpack_string_and_array_boundaries_match_sdk(length: int) -> None:
    """fixstr/str8/str16/str32, fixarray/array16, fixmap/map16 and every int family."""
    action: dict[str, Any] = {
        "type": "boundaries",
        "text": "x" * length,
        "unicode": "é€😀" * (length // 9),
        "ints": MSGPACK_BOUNDARY_INTS,
        "list15": list(range(15)),
        "list16": list(range(16)),
        "map": {f"k{i}": i for i in range(16)},
        "nulls": [None, True, False, {}],
    }
    assert signing.action_hash(action, None, 3, None) == sdk.action_hash(action, None, 3, None)
    expected = sdk.sign_l1_action(WALLETS[0], action, None, 3, None, True)
    assert signing.sign_l1_action(WALLETS[0], action, None, 3, None, is_mainnet=True).to_wire() == (
        expected
    )


def test_hash_tail_layout() -> None:
    """Vault flag 01 + raw bytes; the expiresAfter marker is a zero byte (signing.md 3.1)."""
    action = {"type": "noop"}
    vault = "0x1234567890123456789012345678901234567890"
    with_both = signing.action_hash(action, vault, 1234567890, 1234567890)
    assert with_both == sdk.action_hash(action, vault, 1234567890, 1234567890)
    # each part changes the hash; a set expiresAfter is not the same as None
    variants = {
        signing.action_hash(action, None, 1234567890, None),
        signing.action_hash(action, vault, 1234567890, None),
        signing.action_hash(action, None, 1234567890, 0),
        with_both,
    }
    assert len(variants) == 4


def test_key_order_and_number_text_change_the_hash() -> None:
    base = {"type": "updateLeverage", "asset": 1, "isCross": True, "leverage": 10}
    reordered = {"type": "updateLeverage", "isCross": True, "asset": 1, "leverage": 10}
    assert signing.action_hash(base, None, 1, None) != signing.action_hash(reordered, None, 1, None)
    a = {"type": "topUpIsolatedOnlyMargin", "asset": 78, "leverage": "0.5"}
    b = {"type": "topUpIsolatedOnlyMargin", "asset": 78, "leverage": "0.50"}
    assert signing.action_hash(a, None, 1, None) != signing.action_hash(b, None, 1, None)


def test_mappings_and_tuples_hash_like_dicts_and_lists() -> None:
    from types import MappingProxyType

    action = {"type": "cancel", "cancels": [{"a": 1, "o": 2}]}
    frozen = MappingProxyType({"type": "cancel", "cancels": (MappingProxyType({"a": 1, "o": 2}),)})
    assert signing.action_hash(frozen, None, 5, None) == sdk.action_hash(action, None, 5, None)


def test_l1_typed_data_recovers_to_the_signer() -> None:
    wallet = WALLETS[0]
    action = {"type": "noop"}
    typed = signing.l1_typed_data(action, None, 42, None, is_mainnet=False)
    assert typed["message"]["source"] == "b"
    assert typed["domain"]["chainId"] == 1337
    signature = signing.sign_l1_action(wallet, action, None, 42, None, is_mainnet=False)
    recovered = eth_account.Account.recover_message(
        encode_typed_data(full_message=typed),
        vrs=(signature.v, int(signature.r, 16), int(signature.s, 16)),
    )
    assert recovered == wallet.address


# --- L1 actions: refusals -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "match"),
    [
        ({"type": "order", "orders": [{"a": 1, "p": 100.0}]}, r"action\.orders\[0\]\.p is a float"),
        ({"type": "x", "px": Decimal("1")}, "Decimal"),
        ({"type": "x", "raw": b"\x00"}, "bytes"),
        ({"type": "x", "n": 2**64}, "64 bits"),
        ({"type": "x", "n": -(2**63) - 1}, "64 bits"),
        ({"type": "x", 1: "a"}, "keys must be strings"),
        ({"type": "x", "s": {1, 2}}, "set"),
    ],
)
def test_l1_refuses_unencodable_values(action: dict[Any, Any], match: str) -> None:
    with pytest.raises(SigningError, match=match):
        signing.action_hash(action, None, 1, None)
    with pytest.raises(SigningError, match=match):
        signing.sign_l1_action(WALLETS[0], action, None, 1, None, is_mainnet=True)


@pytest.mark.parametrize(
    ("vault", "nonce", "expires_after", "match"),
    [
        ("1719884eb866cb12b2287399b15f7db5e7d775ea", 1, None, "vault_address"),
        ("0x1719884eb866cb12b2287399b15f7db5e7d775", 1, None, "vault_address"),
        ("0xzz19884eb866cb12b2287399b15f7db5e7d775ea", 1, None, "vault_address"),
        (None, -1, None, "nonce"),
        (None, 2**64, None, "nonce"),
        (None, True, None, "nonce"),
        (None, 1.0, None, "nonce"),
        (None, 1, -1, "expires_after"),
        (None, 1, 2**64, "expires_after"),
    ],
)
def test_l1_refuses_bad_arguments(
    vault: str | None, nonce: Any, expires_after: Any, match: str
) -> None:
    with pytest.raises(SigningError, match=match):
        signing.action_hash({"type": "noop"}, vault, nonce, expires_after)


def test_is_mainnet_must_be_a_bool() -> None:
    with pytest.raises(SigningError, match="is_mainnet"):
        signing.sign_l1_action(WALLETS[0], {"type": "noop"}, None, 1, None, is_mainnet="no")  # type: ignore[arg-type]


# --- user-signed actions: differential ----------------------------------------------------

amounts = wire_decimals
tokens = st.sampled_from(
    ["USDC:0xeb62eee3685fc4c43992febcd9e75443", "PURR:0xc1fb593aeffbeb02f85e0308e9956a90", "PURR"]
)
dexes = st.sampled_from(["", "spot", "test", "xyz"])


def _class_transfer_amount(amount: str, sub: str | None) -> str:
    return amount if sub is None else f"{amount} subaccount:{sub}"


def _signers_json(users: list[str], threshold: int) -> str:
    return json.dumps({"authorizedUsers": sorted(users), "threshold": threshold})


# (SDK signing function name, strategy for the SDK-style input action without chain fields)
USER_SIGNED_CASES: dict[str, tuple[str, st.SearchStrategy[dict[str, Any]]]] = {
    "usdSend": (
        "sign_usd_transfer_action",
        build(lower_addresses, amounts, timestamps)(
            lambda d, a, t: {"destination": d, "amount": a, "time": t, "type": "usdSend"}
        ),
    ),
    "spotSend": (
        "sign_spot_transfer_action",
        build(lower_addresses, amounts, tokens, timestamps)(
            lambda d, a, tok, t: {
                "destination": d,
                "amount": a,
                "token": tok,
                "time": t,
                "type": "spotSend",
            }
        ),
    ),
    "withdraw3": (
        "sign_withdraw_from_bridge_action",
        build(lower_addresses, amounts, timestamps)(
            lambda d, a, t: {"destination": d, "amount": a, "time": t, "type": "withdraw3"}
        ),
    ),
    "usdClassTransfer": (
        "sign_usd_class_transfer_action",
        build(amounts, st.none() | lower_addresses, st.booleans(), timestamps)(
            lambda a, sub, to_perp, n: {
                "type": "usdClassTransfer",
                "amount": _class_transfer_amount(a, sub),
                "toPerp": to_perp,
                "nonce": n,
            }
        ),
    ),
    "sendAsset": (
        "sign_send_asset_action",
        build(
            lower_addresses,
            dexes,
            dexes,
            tokens,
            amounts,
            st.just("") | lower_addresses,
            timestamps,
        )(
            lambda d, src, dst, tok, a, sub, n: {
                "type": "sendAsset",
                "destination": d,
                "sourceDex": src,
                "destinationDex": dst,
                "token": tok,
                "amount": a,
                "fromSubAccount": sub,
                "nonce": n,
            }
        ),
    ),
    "approveAgent": (
        "sign_agent",
        build(
            lower_addresses.map(to_checksum_address) | lower_addresses,
            st.text(max_size=16) | st.just("bot valid_until 1700000000000"),
            timestamps,
        )(
            lambda addr, name, n: {
                "type": "approveAgent",
                "agentAddress": addr,
                "agentName": name,
                "nonce": n,
            }
        ),
    ),
    "approveBuilderFee": (
        "sign_approve_builder_fee",
        build(st.sampled_from(["0.001%", "0.01%", "0.1%", "1%"]), lower_addresses, timestamps)(
            lambda rate, b, n: {
                "maxFeeRate": rate,
                "builder": b,
                "nonce": n,
                "type": "approveBuilderFee",
            }
        ),
    ),
    "tokenDelegate": (
        "sign_token_delegate_action",
        build(lower_addresses, st.integers(0, 2**64 - 1), st.booleans(), timestamps)(
            lambda v, wei, undelegate, n: {
                "validator": v,
                "wei": wei,
                "isUndelegate": undelegate,
                "nonce": n,
                "type": "tokenDelegate",
            }
        ),
    ),
    "convertToMultiSigUser": (
        "sign_convert_to_multi_sig_user_action",
        build(
            st.builds(
                _signers_json,
                st.lists(lower_addresses, min_size=1, max_size=4),
                st.integers(1, 4),
            )
            | st.just("null"),
            timestamps,
        )(lambda signers, n: {"type": "convertToMultiSigUser", "signers": signers, "nonce": n}),
    ),
    "userDexAbstraction": (
        "sign_user_dex_abstraction_action",
        build(lower_addresses, st.booleans(), timestamps)(
            lambda u, e, n: {"type": "userDexAbstraction", "user": u, "enabled": e, "nonce": n}
        ),
    ),
    "userSetAbstraction": (
        "sign_user_set_abstraction_action",
        build(
            lower_addresses,
            st.sampled_from(["disabled", "unifiedAccount", "portfolioMargin"]),
            timestamps,
        )(lambda u, a, n: {"type": "userSetAbstraction", "user": u, "abstraction": a, "nonce": n}),
    ),
}


def test_every_sdk_user_signed_helper_is_covered() -> None:
    helpers = {
        name
        for name in dir(sdk)
        if name.startswith("sign_")
        and name
        not in {
            "sign_l1_action",
            "sign_user_signed_action",
            "sign_inner",
            "sign_multi_sig_action",
            "sign_multi_sig_l1_action_payload",
            "sign_multi_sig_user_signed_action_payload",
        }
    }
    assert helpers == {helper for helper, _ in USER_SIGNED_CASES.values()}
    assert set(USER_SIGNED_CASES) <= set(signing.USER_SIGNED_TYPES)


@pytest.mark.parametrize(
    ("action_type", "sdk_constant"),
    [
        ("usdSend", "USD_SEND_SIGN_TYPES"),
        ("spotSend", "SPOT_TRANSFER_SIGN_TYPES"),
        ("withdraw3", "WITHDRAW_SIGN_TYPES"),
        ("usdClassTransfer", "USD_CLASS_TRANSFER_SIGN_TYPES"),
        ("sendAsset", "SEND_ASSET_SIGN_TYPES"),
        ("userDexAbstraction", "USER_DEX_ABSTRACTION_SIGN_TYPES"),
        ("userSetAbstraction", "USER_SET_ABSTRACTION_SIGN_TYPES"),
        ("tokenDelegate", "TOKEN_DELEGATE_TYPES"),
        ("convertToMultiSigUser", "CONVERT_TO_MULTI_SIG_USER_SIGN_TYPES"),
    ],
)
def test_field_tables_equal_sdk_constants(action_type: str, sdk_constant: str) -> None:
    assert signing.USER_SIGNED_TYPES[action_type].eip712_fields() == getattr(sdk, sdk_constant)


def test_send_multi_sig_table_equals_sdk() -> None:
    assert signing.SEND_MULTI_SIG.eip712_fields() == sdk.MULTI_SIG_ENVELOPE_SIGN_TYPES
    assert signing.SEND_MULTI_SIG.primary_type == "HyperliquidTransaction:SendMultiSig"


@pytest.mark.parametrize("action_type", sorted(USER_SIGNED_CASES))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), wallet=wallets, is_mainnet=networks)
def test_user_signed_actions_match_sdk(
    action_type: str, data: st.DataObject, wallet: LocalAccount, is_mainnet: bool
) -> None:
    helper, strategy = USER_SIGNED_CASES[action_type]
    action = data.draw(strategy)
    original = copy.deepcopy(action)
    sdk_action = copy.deepcopy(action)
    expected = getattr(sdk, helper)(wallet, sdk_action, is_mainnet)  # adds the chain fields

    prepared = signing.prepare_user_signed_action(action, is_mainnet=is_mainnet)
    assert prepared == sdk_action  # same wire fields and values (order aside)
    assert list(prepared)[:3] == ["type", "signatureChainId", "hyperliquidChain"]
    ours = signing.sign_user_signed(wallet, prepared, is_mainnet=is_mainnet)
    assert ours.to_wire() == expected
    spec = signing.USER_SIGNED_TYPES[action_type]
    assert signing.user_signed_nonce(prepared) == action[spec.nonce_field]
    assert action == original


@settings(max_examples=15, deadline=None)
@given(wallet=wallets, is_mainnet=networks, addr=lower_addresses, nonce=timestamps)
def test_unnamed_agent_matches_sdk(
    wallet: LocalAccount, is_mainnet: bool, addr: str, nonce: int
) -> None:
    # The SDK signs agentName "" and then deletes the key from the wire action.
    sdk_action = {"type": "approveAgent", "agentAddress": addr, "agentName": "", "nonce": nonce}
    expected = sdk.sign_agent(wallet, sdk_action, is_mainnet)
    unnamed = {"type": "approveAgent", "agentAddress": addr, "nonce": nonce}
    prepared = signing.prepare_user_signed_action(unnamed, is_mainnet=is_mainnet)
    assert "agentName" not in prepared
    assert signing.sign_user_signed(wallet, prepared, is_mainnet=is_mainnet).to_wire() == expected


# Types the official SDK has no helper for (TS / asyncio SDKs only): our table's fields,
# signed by our code versus by the SDK's generic user-signed path with the same fields.
EXTRA_USER_SIGNED: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "cDeposit": build(st.integers(0, 2**64 - 1), timestamps)(
        lambda wei, n: {"type": "cDeposit", "wei": wei, "nonce": n}
    ),
    "cWithdraw": build(st.integers(0, 2**64 - 1), timestamps)(
        lambda wei, n: {"type": "cWithdraw", "wei": wei, "nonce": n}
    ),
    "userPortfolioMargin": build(lower_addresses, st.booleans(), timestamps)(
        lambda u, e, n: {"type": "userPortfolioMargin", "user": u, "enabled": e, "nonce": n}
    ),
    "linkStakingUser": build(lower_addresses, st.booleans(), timestamps)(
        lambda u, f, n: {"type": "linkStakingUser", "user": u, "isFinalize": f, "nonce": n}
    ),
    "stakingLinkDisableTradingUser": build(lower_addresses, timestamps)(
        lambda u, n: {"type": "stakingLinkDisableTradingUser", "tradingUser": u, "nonce": n}
    ),
    "sendToEvmWithData": build(
        tokens,
        amounts,
        dexes,
        lower_addresses,
        st.sampled_from(["hex", "base58"]),
        st.integers(0, 2**32 - 1),
        st.integers(0, 2**64 - 1),
        st.binary(max_size=64),
        timestamps,
    )(
        lambda tok, a, src, rcpt, enc, chain, gas, payload, n: {
            "type": "sendToEvmWithData",
            "token": tok,
            "amount": a,
            "sourceDex": src,
            "destinationRecipient": rcpt,
            "addressEncoding": enc,
            "destinationChainId": chain,
            "gasLimit": gas,
            "data": "0x" + payload.hex(),
            "nonce": n,
        }
    ),
}


def test_table_is_complete() -> None:
    documented = set(USER_SIGNED_CASES) | set(EXTRA_USER_SIGNED)
    assert documented == set(signing.USER_SIGNED_TYPES)
    for spec in signing.USER_SIGNED_TYPES.values():
        assert spec.fields[0] == ("hyperliquidChain", "string")
        assert spec.fields[-1] == (spec.nonce_field, "uint64")
        assert spec.primary_type.startswith("HyperliquidTransaction:")
    assert signing.USER_SIGNED_TYPES["withdraw3"].primary_type == "HyperliquidTransaction:Withdraw"


@pytest.mark.parametrize("action_type", sorted(EXTRA_USER_SIGNED))
@settings(max_examples=10, deadline=None)
@given(
    data=st.data(),
    wallet=wallets,
    is_mainnet=networks,
    chain_id=st.sampled_from(["0x66eee", "0xa4b1", "0x1"]),
)
def test_types_without_sdk_helper_match_sdk_generic_path(
    action_type: str, data: st.DataObject, wallet: LocalAccount, is_mainnet: bool, chain_id: str
) -> None:
    action = data.draw(EXTRA_USER_SIGNED[action_type])
    spec = signing.USER_SIGNED_TYPES[action_type]
    prepared = signing.prepare_user_signed_action(
        action, is_mainnet=is_mainnet, signature_chain_id=chain_id
    )
    # The SDK's generic path with the chain id taken from the action (its public
    # sign_user_signed_action would force 0x66eee).
    payload = sdk.user_signed_payload(spec.primary_type, spec.eip712_fields(), dict(prepared))
    expected = sdk.sign_inner(wallet, payload)
    assert signing.sign_user_signed(wallet, prepared, is_mainnet=is_mainnet).to_wire() == expected


# --- user-signed actions: refusals --------------------------------------------------------


def _usd_send(**overrides: Any) -> dict[str, Any]:
    action: dict[str, Any] = {
        "type": "usdSend",
        "signatureChainId": "0x66eee",
        "hyperliquidChain": "Testnet",
        "destination": "0x5e9ee1089755c3435139848e47e6635505d5a13a",
        "amount": "1",
        "time": 1687816341423,
    }
    action.update(overrides)
    return {key: value for key, value in action.items() if value is not None}


def test_user_signed_known_answers() -> None:
    usd_send = signing.sign_user_signed(UPSTREAM_KEY, _usd_send(), is_mainnet=False)
    assert usd_send.to_wire() == {
        "r": "0x637b37dd731507cdd24f46532ca8ba6eec616952c56218baeff04144e4a77073",
        "s": "0x11a6a24900e6e314136d2592e2f8d502cd89b7c15b198e1bee043c9589f9fad7",
        "v": 27,
    }
    withdraw = signing.sign_user_signed(UPSTREAM_KEY, _usd_send(type="withdraw3"), is_mainnet=False)
    assert withdraw.to_wire() == {
        "r": "0x8363524c799e90ce9bc41022f7c39b4e9bdba786e5f9c72b20e43e1462c37cf9",
        "s": "0x58b1411a775938b83e29182e8ef74975f9054c8e97ebf5ec2dc8d51bfc893881",
        "v": 28,
    }


@pytest.mark.parametrize(
    ("action", "is_mainnet", "match"),
    [
        (_usd_send(), True, "hyperliquidChain"),
        (_usd_send(hyperliquidChain="testnet"), False, "hyperliquidChain"),
        (_usd_send(signatureChainId="66eee"), False, "signatureChainId"),
        (_usd_send(time=1.5), False, "'time'"),
        (_usd_send(time=-1), False, "out of range"),
        (_usd_send(amount=1), False, "'amount'"),
        (_usd_send(amount=Decimal(1)), False, "'amount'"),
        (_usd_send(destination=None), False, "lacks 'destination'"),
        (_usd_send(type="order"), False, "not a known user-signed"),
        (_usd_send(type="multiSig"), False, "sign_multi_sig_action"),
        (
            {
                "type": "tokenDelegate",
                "signatureChainId": "0x66eee",
                "hyperliquidChain": "Mainnet",
                "validator": "not an address",
                "wei": 1,
                "isUndelegate": False,
                "nonce": 1,
            },
            True,
            "'validator'",
        ),
    ],
)
def test_user_signed_refusals(action: dict[str, Any], is_mainnet: bool, match: str) -> None:
    with pytest.raises(SigningError, match=match):
        signing.sign_user_signed(WALLETS[0], action, is_mainnet=is_mainnet)


def test_prepare_refuses_the_other_network() -> None:
    with pytest.raises(SigningError, match="hyperliquidChain"):
        signing.prepare_user_signed_action(_usd_send(), is_mainnet=True)
    with pytest.raises(SigningError, match="signature_chain_id"):
        signing.prepare_user_signed_action(_usd_send(), is_mainnet=False, signature_chain_id="1")
    prepared = signing.prepare_user_signed_action(
        _usd_send(), is_mainnet=False, signature_chain_id="0xA4B1"
    )
    assert prepared["signatureChainId"] == "0xa4b1"


def test_explicit_types_accept_name_without_prefix() -> None:
    spec = signing.USER_SIGNED_TYPES["usdSend"]
    full = signing.sign_user_signed_action(
        WALLETS[0],
        _usd_send(),
        spec.eip712_fields(),
        "HyperliquidTransaction:UsdSend",
        is_mainnet=False,
    )
    short = signing.sign_user_signed_action(
        WALLETS[0], _usd_send(), spec.eip712_fields(), "UsdSend", is_mainnet=False
    )
    assert full == short
    assert full == signing.sign_user_signed(WALLETS[0], _usd_send(), is_mainnet=False)
    with pytest.raises(SigningError, match="hyperliquidChain"):
        signing.sign_user_signed_action(
            WALLETS[0], _usd_send(), spec.eip712_fields()[1:], "UsdSend", is_mainnet=False
        )


# --- multi-sig ----------------------------------------------------------------------------


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    wallet=wallets,
    action=other_l1_actions | order_actions(),
    user=lower_addresses,
    outer=st.sampled_from(WALLETS),
    vault=vaults,
    nonce=nonces,
    expires_after=expiries,
    is_mainnet=networks,
)
def test_multi_sig_l1_inner_and_outer_match_sdk(
    wallet: LocalAccount,
    action: dict[str, Any],
    user: str,
    outer: LocalAccount,
    vault: str | None,
    nonce: int,
    expires_after: int | None,
    is_mainnet: bool,
) -> None:
    expected_inner = sdk.sign_multi_sig_l1_action_payload(
        wallet,
        copy.deepcopy(action),
        is_mainnet,
        vault,
        nonce,
        expires_after,
        user,
        outer.address,  # checksum case: both sides lower-case it
    )
    inner = signing.sign_multi_sig_l1_inner(
        wallet,
        action,
        vault,
        nonce,
        expires_after,
        multi_sig_user=user,
        outer_signer=outer.address,
        is_mainnet=is_mainnet,
    )
    assert inner.to_wire() == expected_inner

    wrapper = signing.multi_sig_action(
        multi_sig_user=user, outer_signer=outer.address, inner_action=action, signatures=[inner]
    )
    sdk_wrapper = {
        "type": "multiSig",
        "signatureChainId": "0x66eee",
        "signatures": [expected_inner],
        "payload": {"multiSigUser": user, "outerSigner": outer.address.lower(), "action": action},
    }
    assert json.dumps(wrapper) == json.dumps(sdk_wrapper)
    expected_hash = sdk.action_hash(
        {k: v for k, v in sdk_wrapper.items() if k != "type"}, vault, nonce, expires_after
    )
    assert signing.multi_sig_action_hash(wrapper, vault, nonce, expires_after) == expected_hash
    expected_outer = sdk.sign_multi_sig_action(
        outer, copy.deepcopy(sdk_wrapper), is_mainnet, vault, nonce, expires_after
    )
    ours = signing.sign_multi_sig_action(
        outer, wrapper, vault, nonce, expires_after, is_mainnet=is_mainnet
    )
    assert ours.to_wire() == expected_outer


SDK_TYPE_CONSTANTS = {
    "usdSend": "USD_SEND_SIGN_TYPES",
    "spotSend": "SPOT_TRANSFER_SIGN_TYPES",
    "withdraw3": "WITHDRAW_SIGN_TYPES",
    "usdClassTransfer": "USD_CLASS_TRANSFER_SIGN_TYPES",
    "sendAsset": "SEND_ASSET_SIGN_TYPES",
    "userDexAbstraction": "USER_DEX_ABSTRACTION_SIGN_TYPES",
    "userSetAbstraction": "USER_SET_ABSTRACTION_SIGN_TYPES",
    "tokenDelegate": "TOKEN_DELEGATE_TYPES",
    "convertToMultiSigUser": "CONVERT_TO_MULTI_SIG_USER_SIGN_TYPES",
}


@pytest.mark.parametrize("action_type", sorted(SDK_TYPE_CONSTANTS))
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    wallet=wallets,
    outer=st.sampled_from(WALLETS),
    user=lower_addresses,
    is_mainnet=networks,
)
def test_multi_sig_user_signed_inner_and_outer_match_sdk(
    action_type: str,
    data: st.DataObject,
    wallet: LocalAccount,
    outer: LocalAccount,
    user: str,
    is_mainnet: bool,
) -> None:
    action = signing.prepare_user_signed_action(
        data.draw(USER_SIGNED_CASES[action_type][1]), is_mainnet=is_mainnet
    )
    spec = signing.USER_SIGNED_TYPES[action_type]
    expected_inner = sdk.sign_multi_sig_user_signed_action_payload(
        wallet,
        copy.deepcopy(action),
        is_mainnet,
        getattr(sdk, SDK_TYPE_CONSTANTS[action_type]),
        spec.primary_type,
        user,
        outer.address,
    )
    inner = signing.sign_multi_sig_user_signed_inner(
        wallet, action, multi_sig_user=user, outer_signer=outer.address, is_mainnet=is_mainnet
    )
    assert inner.to_wire() == expected_inner
    explicit = signing.sign_multi_sig_user_signed_inner(
        wallet,
        action,
        multi_sig_user=user,
        outer_signer=outer.address,
        is_mainnet=is_mainnet,
        payload_types=spec.eip712_fields(),
        primary_type=spec.primary_type,
    )
    assert explicit == inner

    nonce = signing.user_signed_nonce(action)
    wrapper = signing.multi_sig_action(
        multi_sig_user=user, outer_signer=outer.address, inner_action=action, signatures=[inner]
    )
    payload_action = dict(action)
    if action_type == "userSetAbstraction":  # the wrapper carries the short code
        codes = {"disabled": "i", "unifiedAccount": "u", "portfolioMargin": "p"}
        payload_action["abstraction"] = codes[action["abstraction"]]
    assert wrapper["payload"]["action"] == payload_action
    sdk_wrapper = {
        "type": "multiSig",
        "signatureChainId": "0x66eee",
        "signatures": [expected_inner],
        "payload": {
            "multiSigUser": user,
            "outerSigner": outer.address.lower(),
            "action": payload_action,
        },
    }
    assert json.dumps(wrapper) == json.dumps(sdk_wrapper)
    expected_outer = sdk.sign_multi_sig_action(outer, sdk_wrapper, is_mainnet, None, nonce, None)
    ours = signing.sign_multi_sig_action(outer, wrapper, None, nonce, None, is_mainnet=is_mainnet)
    assert ours.to_wire() == expected_outer


def test_multi_sig_refusals() -> None:
    with pytest.raises(SigningError, match="multiSig wrapper"):
        signing.multi_sig_action_hash({"type": "order"}, None, 1, None)
    with pytest.raises(SigningError, match="both"):
        signing.sign_multi_sig_user_signed_inner(
            WALLETS[0],
            _usd_send(),
            multi_sig_user=WALLETS[1].address,
            outer_signer=WALLETS[2].address,
            is_mainnet=False,
            primary_type="UsdSend",
        )
    with pytest.raises(SigningError, match="outer_signer"):
        signing.multi_sig_action(
            multi_sig_user=WALLETS[1].address,
            outer_signer="nobody",
            inner_action={"type": "noop"},
            signatures=[],
        )


# --- Signature ----------------------------------------------------------------------------


def test_signature_wire_form_is_unpadded_like_the_sdk() -> None:
    # Vector dummy/mainnet: r has 63 hex digits in the SDK's output.
    signature = signing.sign_l1_action(UPSTREAM_KEY, DUMMY, None, 0, None, is_mainnet=True)
    assert len(signature.r) == 65
    assert signature.to_wire() == {"r": signature.r, "s": signature.s, "v": 27}
    assert list(signature.to_wire()) == ["r", "s", "v"]
    padded = {"r": "0x0" + signature.r[2:].upper(), "s": signature.s, "v": 0}
    assert signing.Signature.from_wire(padded) == signature
    wrapper = signing.multi_sig_action(
        multi_sig_user=WALLETS[1].address,
        outer_signer=WALLETS[2].address,
        inner_action={"type": "noop"},
        signatures=[padded],
    )
    assert wrapper["signatures"] == [signature.to_wire()]


@pytest.mark.parametrize(
    "fields",
    [
        {"r": "0x01", "s": "0x1", "v": 27},
        {"r": "0xAB", "s": "0x1", "v": 27},
        {"r": "1", "s": "0x1", "v": 27},
        {"r": "0x" + "1" * 65, "s": "0x1", "v": 27},
        {"r": "0x1", "s": "0x1", "v": 1},
        {"r": "0x1", "s": "0x1", "v": True},
    ],
)
def test_signature_validation(fields: dict[str, Any]) -> None:
    with pytest.raises(SigningError):
        signing.Signature(**fields)


@pytest.mark.parametrize(
    "wire",
    [{"r": "0x1", "s": "0x1"}, {"r": "0xg", "s": "0x1", "v": 27}, {"r": 1, "s": "0x1", "v": 27}],
)
def test_signature_from_wire_refusals(wire: dict[str, Any]) -> None:
    with pytest.raises(SigningError):
        signing.Signature.from_wire(wire)


# --- Signer and secrecy -------------------------------------------------------------------

SECRET_HEX = "ab" * 32


def test_signer_never_shows_its_key() -> None:
    signer = signing.Signer.from_key("0x" + SECRET_HEX)
    assert signer.address == WALLETS[2].address.lower()
    for text in (repr(signer), str(signer), f"{signer}", repr([signer])):
        assert SECRET_HEX not in text.lower()
        assert signer.address in text
    assert signing.Signer.from_key(SECRET_HEX) == signer
    assert signing.Signer.from_key(bytes.fromhex(SECRET_HEX)) == signer
    assert signing.Signer(WALLETS[2]) == signer
    assert hash(signing.Signer(WALLETS[2])) == hash(signer)


@pytest.mark.parametrize(
    "secret",
    [
        "0x" + "zz" * 32,
        "0x" + "ab" * 31,
        "0x" + "ab" * 33,
        "0x" + "00" * 32,  # zero is not a key
        "0x" + "ff" * 32,  # above the curve order
        " 0x" + SECRET_HEX,
        bytes.fromhex("ab" * 31),
    ],
)
def test_bad_keys_are_refused_without_echo(secret: str | bytes) -> None:
    with pytest.raises(SigningError, match="invalid secret key") as info:
        signing.Signer.from_key(secret)
    error = info.value
    assert isinstance(error, HyperliquidError)
    assert error.__cause__ is None
    assert error.__context__ is None
    shown = secret.hex() if isinstance(secret, bytes) else secret.strip().removeprefix("0x")
    assert shown not in str(error)
    assert shown not in repr(error)
    with pytest.raises(SigningError, match="invalid secret key") as signing_info:
        signing.sign_l1_action(secret, {"type": "noop"}, None, 1, None, is_mainnet=True)
    assert shown not in str(signing_info.value)


def test_wallet_kinds_sign_alike() -> None:
    action = {"type": "noop"}
    by_account = signing.sign_l1_action(WALLETS[2], action, None, 7, None, is_mainnet=True)
    by_signer = signing.sign_l1_action(
        signing.Signer(WALLETS[2]), action, None, 7, None, is_mainnet=True
    )
    by_text = signing.sign_l1_action("0x" + SECRET_HEX, action, None, 7, None, is_mainnet=True)
    assert by_account == by_signer == by_text
    with pytest.raises(SigningError, match="expected a Signer"):
        signing.sign_l1_action(42, action, None, 7, None, is_mainnet=True)  # type: ignore[arg-type]


def test_error_messages_never_contain_the_key() -> None:
    secret = "0x" + SECRET_HEX
    failures: list[SigningError] = []
    calls: list[Callable[[], signing.Signature]] = [
        lambda: signing.sign_l1_action(secret, {"p": 1.5}, None, 1, None, is_mainnet=True),
        lambda: signing.sign_user_signed(secret, _usd_send(), is_mainnet=True),
        lambda: signing.sign_user_signed(secret, {"type": "order"}, is_mainnet=True),
    ]
    for call in calls:
        with pytest.raises(SigningError) as info:
            call()
        failures.append(info.value)
    for failure in failures:
        assert SECRET_HEX not in str(failure)
        assert SECRET_HEX not in repr(failure)
