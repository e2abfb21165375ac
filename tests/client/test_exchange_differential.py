"""``Exchange`` against the official SDK's ``Exchange``, end to end.

Both sign the same call with the same key, nonce and network; the SDK's HTTP ``post`` and
clock are replaced so that nothing leaves the process. The envelopes must agree: the action
(key order included for L1 actions, whose msgpack bytes are hashed; as a mapping for
user-signed actions, whose struct fixes the order), the nonce, the signature text, and the
vault and expiry. This pins our wire building (asset ids, number text, trigger key order,
cloids, builder, grouping, sub-account suffixes, micro-USDC and wei scaling, market-order
prices), not just our signing, to the reference implementation.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import attrs
import eth_account
import hyperliquid.exchange as untyped_sdk_module  # type: ignore[import-untyped]
import pytest
from hyperliquid.utils.constants import (  # type: ignore[import-untyped]
    MAINNET_API_URL,
    TESTNET_API_URL,
)
from hyperliquid.utils.types import Cloid as SdkCloid  # type: ignore[import-untyped]

from trio_hl import Exchange, NonceSource, Universe
from trio_hl._info import Info
from trio_hl._universe import load_universe
from trio_hl.models.exchange import (
    LIMIT_ALO,
    LIMIT_IOC,
    BuilderFee,
    CancelRequest,
    Cloid,
    OrderRequest,
    stop_loss_market,
    take_profit_limit,
)
from trio_hl.testing import TEST_ACCOUNT, FakeHyperliquid
from trio_hl.testing._info_fixtures import BUILDER, MAIN_META, SPOT_META, VALIDATOR

# The oracle ships no type information: declared Any (pyright would half-infer its source).
sdk_module: Any = untyped_sdk_module

T = 1_750_000_000_000
DEST = "0x5e9ee1089755c3435139848e47e6635505d5a13a"
SUB = "0x1d9470d4b963f552e6f671a81619d395877bf409"
VAULT = "0xa15099a30bbf2e68942d6f4c43d70d04faeab0a0"
PURR = "PURR:0xc1fb593aeffbeb02f85e0308e9956a90"
AGENT_HEX = "66" * 32
GTC = {"limit": {"tif": "Gtc"}}


def _reply(payload: dict[str, Any]) -> dict[str, Any]:
    """A well-formed ok reply for whatever was sent (ours must decode it)."""
    action = payload["action"]
    kind = action["type"]
    if kind in ("order", "batchModify"):
        count = len(action.get("orders", action.get("modifies", [])))
        return {
            "status": "ok",
            "response": {"type": "order", "data": {"statuses": [{"resting": {"oid": 1}}] * count}},
        }
    if kind in ("cancel", "cancelByCloid"):
        statuses = ["success"] * len(action["cancels"])
        return {"status": "ok", "response": {"type": "cancel", "data": {"statuses": statuses}}}
    if kind == "createSubAccount":
        return {"status": "ok", "response": {"type": "createSubAccount", "data": SUB}}
    return {"status": "ok", "response": {"type": "default"}}


@attrs.define
class Pair:
    ours: Exchange
    sdk: Any
    ours_sent: list[dict[str, Any]]
    sdk_sent: list[dict[str, Any]]


@pytest.fixture
async def universe(fake_hyperliquid: FakeHyperliquid) -> Universe:
    return await load_universe(Info(fake_hyperliquid.http.info_transport()))


def _pair(
    monkeypatch: pytest.MonkeyPatch,
    universe: Universe,
    *,
    is_mainnet: bool = True,
    vault: str | None = None,
) -> Pair:
    sdk_sent: list[dict[str, Any]] = []
    ours_sent: list[dict[str, Any]] = []
    wallet = eth_account.Account.from_key(TEST_ACCOUNT.secret_key)
    sdk = sdk_module.Exchange(
        wallet,
        MAINNET_API_URL if is_mainnet else TESTNET_API_URL,
        meta=MAIN_META,
        spot_meta=SPOT_META,
        vault_address=vault,
    )

    def post(path: str, payload: dict[str, Any]) -> Any:
        assert path == "/exchange"
        sdk_sent.append(json.loads(json.dumps(payload)))
        return _reply(payload)

    monkeypatch.setattr(sdk, "post", post)
    sdk_clock = itertools.count(T)  # the SDK reads the clock once per action, as we do
    monkeypatch.setattr(sdk_module, "get_timestamp_ms", lambda: next(sdk_clock))

    def token_hex(nbytes: int | None = None) -> str:
        return AGENT_HEX

    monkeypatch.setattr(sdk_module.secrets, "token_hex", token_hex)

    async def transport(payload: Any) -> Any:
        ours_sent.append(json.loads(json.dumps(payload)))
        return _reply(payload)

    ours = Exchange(
        transport,
        is_mainnet=is_mainnet,
        account=TEST_ACCOUNT,
        universe=universe,
        nonces=NonceSource(lambda: T),
        vault_address=vault,
    )
    return Pair(ours, sdk, ours_sent, sdk_sent)


OursCall = Callable[[Exchange], Awaitable[Any]]
SdkCall = Callable[[Any], Any]


@attrs.frozen
class Case:
    name: str
    sdk: SdkCall
    ours: OursCall
    user_signed: bool = False


CASES = [
    Case(
        "order-gtc",
        lambda s: s.order("BTC", True, 0.001, 65000, GTC),
        lambda o: o.place_order(asset="BTC", is_buy=True, size="0.001", limit_price="65000"),
    ),
    Case(
        "order-ioc-reduce-cloid-builder",
        lambda s: s.order(
            "ETH",
            False,
            0.5,
            1900.5,
            {"limit": {"tif": "Ioc"}},
            reduce_only=True,
            cloid=SdkCloid.from_int(0xABCD),
            builder={"b": BUILDER, "f": 10},
        ),
        lambda o: o.place_order(
            asset="ETH",
            is_buy=False,
            size=Decimal("0.5"),
            limit_price=Decimal("1900.5"),
            order_type=LIMIT_IOC,
            reduce_only=True,
            cloid=Cloid.from_int(0xABCD),
            builder=BuilderFee(builder=BUILDER, fee=10),
        ),
    ),
    Case(
        "order-trigger",
        lambda s: s.order(
            "ETH",
            False,
            0.5,
            1900,
            {"trigger": {"triggerPx": 2000, "isMarket": True, "tpsl": "sl"}},
            reduce_only=True,
        ),
        lambda o: o.place_order(
            asset="ETH",
            is_buy=False,
            size="0.5",
            limit_price="1900",
            order_type=stop_loss_market("2000"),
            reduce_only=True,
        ),
    ),
    Case(
        "order-spot-canonical",
        lambda s: s.order("PURR/USDC", True, 10, 0.19, GTC),
        lambda o: o.place_order(asset="PURR/USDC", is_buy=True, size=10, limit_price="0.19"),
    ),
    Case(
        "order-spot-at-name",
        lambda s: s.order("@107", False, 1.5, 39.1, GTC),
        lambda o: o.place_order(asset="HYPE/USDC", is_buy=False, size="1.5", limit_price="39.1"),
    ),
    Case(
        "bulk-orders-normal-tpsl",
        lambda s: s.bulk_orders(
            [
                {
                    "coin": "BTC",
                    "is_buy": True,
                    "sz": 0.001,
                    "limit_px": 65000,
                    "order_type": GTC,
                    "reduce_only": False,
                },
                {
                    "coin": "BTC",
                    "is_buy": False,
                    "sz": 0.001,
                    "limit_px": 70000,
                    "order_type": {
                        "trigger": {"triggerPx": 70500, "isMarket": False, "tpsl": "tp"}
                    },
                    "reduce_only": True,
                },
            ],
            grouping="normalTpsl",
        ),
        lambda o: o.place_orders(
            [
                OrderRequest(asset="BTC", is_buy=True, size="0.001", limit_price="65000"),
                OrderRequest(
                    asset="BTC",
                    is_buy=False,
                    size="0.001",
                    limit_price="70000",
                    order_type=take_profit_limit("70500"),
                    reduce_only=True,
                ),
            ],
            grouping="normalTpsl",
        ),
    ),
    Case(
        "modify-by-oid",
        lambda s: s.modify_order(12345, "ETH", False, 0.25, 3500.5, {"limit": {"tif": "Alo"}}),
        lambda o: o.modify_order(
            order_id=12345,
            asset="ETH",
            is_buy=False,
            size="0.25",
            limit_price="3500.5",
            order_type=LIMIT_ALO,
        ),
    ),
    Case(
        "modify-by-cloid",
        lambda s: s.modify_order(
            SdkCloid.from_int(7), "BTC", True, 0.002, 64000, GTC, cloid=SdkCloid.from_int(8)
        ),
        lambda o: o.modify_order(
            order_id=Cloid.from_int(7),
            asset="BTC",
            is_buy=True,
            size="0.002",
            limit_price="64000",
            cloid=Cloid.from_int(8),
        ),
    ),
    Case(
        "cancel",
        lambda s: s.cancel("BTC", 123),
        lambda o: o.cancel_order(asset="BTC", order_id=123),
    ),
    Case(
        "cancel-by-cloid",
        lambda s: s.cancel_by_cloid("@107", SdkCloid.from_int(5)),
        lambda o: o.cancel_order(asset=10107, cloid=Cloid.from_int(5)),
    ),
    Case(
        "bulk-cancel",
        lambda s: s.bulk_cancel([{"coin": "BTC", "oid": 1}, {"coin": "SOL", "oid": 2}]),
        lambda o: o.cancel_orders(
            [CancelRequest(asset="BTC", order_id=1), CancelRequest(asset="SOL", order_id=2)]
        ),
    ),
    Case(
        "schedule-cancel",
        lambda s: s.schedule_cancel(T + 60_000),
        lambda o: o.schedule_cancel(time=T + 60_000),
    ),
    Case(
        "schedule-cancel-unset",
        lambda s: s.schedule_cancel(None),
        lambda o: o.schedule_cancel(time=None),
    ),
    Case(
        "update-leverage",
        lambda s: s.update_leverage(10, "ETH", is_cross=False),
        lambda o: o.update_leverage(asset="ETH", leverage=10, is_cross=False),
    ),
    Case(
        "update-isolated-margin",
        lambda s: s.update_isolated_margin(-2.5, "ETH"),
        lambda o: o.update_isolated_margin(asset="ETH", amount="-2.5"),
    ),
    Case(
        "set-referrer",
        lambda s: s.set_referrer("ASDFASDF"),
        lambda o: o.set_referrer(code="ASDFASDF"),
    ),
    Case(
        "create-sub-account",
        lambda s: s.create_sub_account("mm"),
        lambda o: o.create_sub_account(name="mm"),
    ),
    Case(
        "sub-account-transfer",
        lambda s: s.sub_account_transfer(SUB, True, 10_000_000),
        lambda o: o.sub_account_transfer(sub_account=SUB, is_deposit=True, amount="10"),
    ),
    Case(
        "sub-account-spot-transfer",
        lambda s: s.sub_account_spot_transfer(SUB, False, PURR, 12.5),
        lambda o: o.sub_account_spot_transfer(
            sub_account=SUB, is_deposit=False, token=PURR, amount="12.5"
        ),
    ),
    Case(
        "vault-transfer",
        lambda s: s.vault_usd_transfer(VAULT, True, 5_000_000),
        lambda o: o.vault_transfer(vault=VAULT, is_deposit=True, amount=5),
    ),
    Case(
        "use-big-blocks",
        lambda s: s.use_big_blocks(True),
        lambda o: o.use_big_blocks(enabled=True),
    ),
    Case(
        "agent-enable-dex-abstraction",
        lambda s: s.agent_enable_dex_abstraction(),
        lambda o: o.agent_enable_dex_abstraction(),
    ),
    Case(
        "agent-set-abstraction",
        lambda s: s.agent_set_abstraction("u"),
        lambda o: o.agent_set_abstraction(abstraction="unifiedAccount"),
    ),
    Case("noop", lambda s: s.noop(T), lambda o: o.noop()),
    Case(
        "market-open-buy",
        lambda s: s.market_open("ETH", True, 0.1, px=3000),
        lambda o: o.market_order(asset="ETH", is_buy=True, size="0.1", reference_price=3000),
    ),
    Case(
        "market-open-sell",
        lambda s: s.market_open("BTC", False, 0.001, px=97123.5),
        lambda o: o.market_order(
            asset="BTC", is_buy=False, size="0.001", reference_price="97123.5"
        ),
    ),
    Case(
        "market-open-spot",
        lambda s: s.market_open("PURR/USDC", False, 100, px=0.123456, slippage=0.01),
        lambda o: o.market_order(
            asset="PURR/USDC",
            is_buy=False,
            size=100,
            reference_price="0.123456",
            slippage="0.01",
        ),
    ),
    # -- user-signed
    Case(
        "usd-send",
        lambda s: s.usd_transfer(1, DEST),
        lambda o: o.usd_send(destination=DEST, amount=1),
        user_signed=True,
    ),
    Case(
        "spot-send",
        lambda s: s.spot_transfer(12.5, DEST, PURR),
        lambda o: o.spot_send(destination=DEST, token=PURR, amount="12.5"),
        user_signed=True,
    ),
    Case(
        "withdraw",
        lambda s: s.withdraw_from_bridge(2, DEST),
        lambda o: o.withdraw(destination=DEST, amount=2),
        user_signed=True,
    ),
    Case(
        "usd-class-transfer",
        lambda s: s.usd_class_transfer(100, True),
        lambda o: o.usd_class_transfer(amount=100, to_perp=True),
        user_signed=True,
    ),
    Case(
        "send-asset",
        lambda s: s.send_asset(DEST, "", "spot", "USDC", 12.5),
        lambda o: o.send_asset(
            destination=DEST, source_dex="", destination_dex="spot", token="USDC", amount="12.5"
        ),
        user_signed=True,
    ),
    Case(
        "token-delegate",
        lambda s: s.token_delegate(VALIDATOR, 150_000_000, False),
        lambda o: o.token_delegate(validator=VALIDATOR, amount="1.5"),
        user_signed=True,
    ),
    Case(
        "approve-agent-named",
        lambda s: s.approve_agent("bot"),
        lambda o: o.approve_agent(name="bot", agent_key="0x" + AGENT_HEX),
        user_signed=True,
    ),
    Case(
        "approve-agent-unnamed",
        lambda s: s.approve_agent(),
        lambda o: o.approve_agent(agent_key="0x" + AGENT_HEX),
        user_signed=True,
    ),
    Case(
        "approve-builder-fee",
        lambda s: s.approve_builder_fee(BUILDER, "0.01%"),
        lambda o: o.approve_builder_fee(builder=BUILDER, max_fee_rate=Decimal("0.01")),
        user_signed=True,
    ),
    Case(
        "convert-to-multi-sig",
        lambda s: s.convert_to_multi_sig_user([DEST, BUILDER], 1),
        lambda o: o.convert_to_multi_sig_user(authorized_users=[BUILDER, DEST], threshold=1),
        user_signed=True,
    ),
    Case(
        "user-dex-abstraction",
        lambda s: s.user_dex_abstraction(TEST_ACCOUNT.address, True),
        lambda o: o.user_dex_abstraction(enabled=True),
        user_signed=True,
    ),
    Case(
        "user-set-abstraction",
        lambda s: s.user_set_abstraction(TEST_ACCOUNT.address, "portfolioMargin"),
        lambda o: o.user_set_abstraction(abstraction="portfolioMargin"),
        user_signed=True,
    ),
]


def _assert_same(ours: dict[str, Any], sdk: dict[str, Any], *, user_signed: bool) -> None:
    ours_action, sdk_action = dict(ours["action"]), dict(sdk["action"])
    if "agentAddress" in sdk_action:  # the SDK writes it checksummed; it is signed as bytes
        sdk_action["agentAddress"] = sdk_action["agentAddress"].lower()
    if user_signed:
        assert ours_action == sdk_action
    else:
        assert json.dumps(ours_action) == json.dumps(sdk_action)  # key order is hashed
    assert ours["nonce"] == sdk["nonce"]
    assert ours["signature"] == sdk["signature"]
    assert ours.get("vaultAddress") == sdk["vaultAddress"]
    assert ours.get("expiresAfter") == sdk["expiresAfter"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("is_mainnet", [True, False], ids=["mainnet", "testnet"])
async def test_same_envelope_as_the_official_sdk(
    monkeypatch: pytest.MonkeyPatch, universe: Universe, case: Case, is_mainnet: bool
) -> None:
    pair = _pair(monkeypatch, universe, is_mainnet=is_mainnet)
    case.sdk(pair.sdk)
    await case.ours(pair.ours)
    ((ours,), (sdk,)) = (pair.ours_sent, pair.sdk_sent)
    _assert_same(ours, sdk, user_signed=case.user_signed)
    assert ours["nonce"] == T


VAULT_CASES = [
    case
    for case in CASES
    if case.name
    in {
        "order-gtc",
        "cancel",
        "modify-by-oid",
        "schedule-cancel",
        "update-leverage",
        "update-isolated-margin",
        "order-trigger",
    }
]


@pytest.mark.parametrize("case", VAULT_CASES, ids=lambda c: c.name)
async def test_vault_trading_matches_the_official_sdk(
    monkeypatch: pytest.MonkeyPatch, universe: Universe, case: Case
) -> None:
    pair = _pair(monkeypatch, universe, vault=VAULT)
    case.sdk(pair.sdk)
    await case.ours(pair.ours)
    ((ours,), (sdk,)) = (pair.ours_sent, pair.sdk_sent)
    _assert_same(ours, sdk, user_signed=False)
    assert ours["vaultAddress"] == VAULT


async def test_sub_account_class_transfer_matches_the_official_sdk(
    monkeypatch: pytest.MonkeyPatch, universe: Universe
) -> None:
    pair = _pair(monkeypatch, universe, vault=SUB)
    pair.sdk.usd_class_transfer(100, False)
    await pair.ours.usd_class_transfer(amount=100, to_perp=False)
    pair.sdk.send_asset(DEST, "spot", "", "USDC", 1)
    await pair.ours.send_asset(
        destination=DEST, source_dex="spot", destination_dex="", token="USDC", amount=1
    )
    for ours, sdk in zip(pair.ours_sent, pair.sdk_sent, strict=True):
        _assert_same(ours, sdk, user_signed=True)
    assert pair.ours_sent[0]["action"]["amount"] == f"100 subaccount:{SUB}"
    assert pair.ours_sent[1]["action"]["fromSubAccount"] == SUB


async def test_expires_after_matches_the_official_sdk(
    monkeypatch: pytest.MonkeyPatch, universe: Universe
) -> None:
    pair = _pair(monkeypatch, universe)
    pair.sdk.set_expires_after(T + 1_000)
    pair.sdk.order("BTC", True, 0.001, 65000, GTC)
    await pair.ours.place_order(
        asset="BTC", is_buy=True, size="0.001", limit_price="65000", expires_after=T + 1_000
    )
    ((ours,), (sdk,)) = (pair.ours_sent, pair.sdk_sent)
    _assert_same(ours, sdk, user_signed=False)
    assert ours["expiresAfter"] == T + 1_000
