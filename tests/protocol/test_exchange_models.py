"""Exchange action models: every wire shape exactly as the reference writes it, key order
included (L1 actions are hashed as msgpack, so order is part of the signature), plus the
decoding of every documented reply and the models' own validation."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import pytest

from trio_hl.errors import ConfigurationError, NumberTypeError, ProtocolError
from trio_hl.models import exchange as models
from trio_hl.models.exchange import (
    LIMIT_ALO,
    LIMIT_GTC,
    LIMIT_IOC,
    AgentEnableDexAbstractionAction,
    AgentSetAbstractionAction,
    ApproveAgentAction,
    ApproveBuilderFeeAction,
    BatchModifyAction,
    BorrowLendAction,
    BuilderFee,
    CancelAction,
    CancelByCloidAction,
    CancelByCloidWire,
    CancelRequest,
    CancelSuccess,
    CancelWire,
    CDepositAction,
    ClaimRewardsAction,
    Cloid,
    ConvertToMultiSigUserAction,
    CreateSubAccountAction,
    CreateVaultAction,
    CWithdrawAction,
    EvmUserModifyAction,
    L1Action,
    LimitOrderType,
    LinkStakingUserAction,
    ModifyAction,
    ModifyRequest,
    ModifyWire,
    NoopAction,
    OrderAction,
    OrderError,
    OrderFilled,
    OrderRequest,
    OrderResting,
    OrderWaiting,
    OrderWire,
    PriorityGrouping,
    RegisterReferrerAction,
    ReserveRequestWeightAction,
    ScheduleCancelAction,
    SendAssetAction,
    SetDisplayNameAction,
    SetReferrerAction,
    SpotSendAction,
    SpotUserAction,
    StakingLinkDisableTradingUserAction,
    SubAccountModifyAction,
    SubAccountSpotTransferAction,
    SubAccountTransferAction,
    TokenDelegateAction,
    TopUpIsolatedOnlyMarginAction,
    TriggerOrderType,
    TwapCancelAction,
    TwapOrderAction,
    TwapRunning,
    TwapWire,
    UpdateIsolatedMarginAction,
    UpdateLeverageAction,
    UsdClassTransferAction,
    UsdSendAction,
    UserDexAbstractionAction,
    UserPortfolioMarginAction,
    UserSetAbstractionAction,
    UserSignedAction,
    VaultDistributeAction,
    VaultModifyAction,
    VaultTransferAction,
    WithdrawAction,
    decode_cancel_statuses,
    decode_created_address,
    decode_order_statuses,
    decode_twap_cancel,
    decode_twap_order,
    stop_loss_limit,
    stop_loss_market,
    take_profit_limit,
    take_profit_market,
)
from trio_hl.signing import USER_SIGNED_TYPES, action_hash, prepare_user_signed_action

A = TypeVar("A")

ADDR = "0x1d9470d4b963f552e6f671a81619d395877bf409"
VAULT = "0xa15099a30bbf2e68942d6f4c43d70d04faeab0a0"
BUILDER = "0x8c967e73e7b15087c42a10d344cff4c96d877f1d"
DEST = "0x5e9ee1089755c3435139848e47e6635505d5a13a"
T = 1700000000000


def _order(**overrides: Any) -> OrderWire:
    fields: dict[str, Any] = {
        "asset": 1,
        "is_buy": True,
        "price": Decimal("3150"),
        "size": Decimal("0.05"),
        "reduce_only": False,
        "order_type": LIMIT_IOC,
    }
    fields.update(overrides)
    return OrderWire(**fields)


# (model, the reference's JSON text). json.loads keeps key order, and so does json.dumps:
# comparing the dumps compares keys, values and order.
L1_SHAPES: list[tuple[L1Action, str]] = [
    (
        OrderAction(
            orders=[_order(cloid="0x0000000000000000000000000000ABCD")],
            builder=BuilderFee(builder="0x" + BUILDER[2:].upper(), fee=10),
        ),
        '{"type": "order", "orders": [{"a": 1, "b": true, "p": "3150", "s": "0.05", "r": false,'
        ' "t": {"limit": {"tif": "Ioc"}}, "c": "0x0000000000000000000000000000abcd"}],'
        ' "grouping": "na", "builder": {"b": "0x8c967e73e7b15087c42a10d344cff4c96d877f1d",'
        ' "f": 10}}',
    ),
    (
        OrderAction(
            orders=[
                _order(order_type=LIMIT_GTC, price=Decimal("3000.0"), size=Decimal("1.50")),
                _order(
                    is_buy=False,
                    order_type=take_profit_limit(Decimal("3300.00")),
                    price=Decimal("3290"),
                    reduce_only=True,
                ),
                _order(is_buy=False, order_type=stop_loss_market("2900"), reduce_only=True),
            ],
            grouping="normalTpsl",
        ),
        '{"type": "order", "orders": ['
        '{"a": 1, "b": true, "p": "3000", "s": "1.5", "r": false, "t": {"limit": {"tif": "Gtc"}}},'
        ' {"a": 1, "b": false, "p": "3290", "s": "0.05", "r": true, "t": {"trigger":'
        ' {"isMarket": false, "triggerPx": "3300", "tpsl": "tp"}}},'
        ' {"a": 1, "b": false, "p": "3150", "s": "0.05", "r": true, "t": {"trigger":'
        ' {"isMarket": true, "triggerPx": "2900", "tpsl": "sl"}}}],'
        ' "grouping": "normalTpsl"}',
    ),
    (
        OrderAction(orders=[_order(order_type=LIMIT_ALO)], grouping=PriorityGrouping(1000)),
        '{"type": "order", "orders": [{"a": 1, "b": true, "p": "3150", "s": "0.05", "r": false,'
        ' "t": {"limit": {"tif": "Alo"}}}], "grouping": {"p": 1000}}',
    ),
    (
        CancelAction(cancels=[CancelWire(asset=0, oid=123456789)]),
        '{"type": "cancel", "cancels": [{"a": 0, "o": 123456789}]}',
    ),
    (
        CancelByCloidAction(
            cancels=[CancelByCloidWire(asset=10107, cloid="0x1234567890abcdef1234567890abcdef")]
        ),
        '{"type": "cancelByCloid", "cancels": [{"asset": 10107, "cloid":'
        ' "0x1234567890abcdef1234567890abcdef"}]}',
    ),
    (
        ModifyAction(
            oid=987654321,
            order=_order(
                is_buy=False,
                price=Decimal("3500.5"),
                size=Decimal("0.25"),
                order_type=LIMIT_ALO,
            ),
        ),
        '{"type": "modify", "oid": 987654321, "order": {"a": 1, "b": false, "p": "3500.5",'
        ' "s": "0.25", "r": false, "t": {"limit": {"tif": "Alo"}}}}',
    ),
    (
        BatchModifyAction(
            modifies=[
                ModifyWire(
                    oid=Cloid("0x1234567890abcdef1234567890abcdef"),
                    order=_order(order_type=LIMIT_GTC),
                )
            ]
        ),
        '{"type": "batchModify", "modifies": [{"oid": "0x1234567890abcdef1234567890abcdef",'
        ' "order": {"a": 1, "b": true, "p": "3150", "s": "0.05", "r": false,'
        ' "t": {"limit": {"tif": "Gtc"}}}}]}',
    ),
    (ScheduleCancelAction(time=1700003600000), '{"type": "scheduleCancel", "time": 1700003600000}'),
    (ScheduleCancelAction(), '{"type": "scheduleCancel"}'),
    (
        UpdateLeverageAction(asset=1, is_cross=True, leverage=10),
        '{"type": "updateLeverage", "asset": 1, "isCross": true, "leverage": 10}',
    ),
    (
        UpdateIsolatedMarginAction(asset=1, is_buy=True, ntli=-2500000),
        '{"type": "updateIsolatedMargin", "asset": 1, "isBuy": true, "ntli": -2500000}',
    ),
    (
        TopUpIsolatedOnlyMarginAction(asset=78, leverage="0.50"),
        '{"type": "topUpIsolatedOnlyMargin", "asset": 78, "leverage": "0.5"}',
    ),
    (
        TwapOrderAction(
            twap=TwapWire(
                asset=3, is_buy=True, size="0.02", reduce_only=False, minutes=5, randomize=True
            )
        ),
        '{"type": "twapOrder", "twap": {"a": 3, "b": true, "s": "0.02", "r": false, "m": 5,'
        ' "t": true}}',
    ),
    (TwapCancelAction(asset=3, twap_id=6552), '{"type": "twapCancel", "a": 3, "t": 6552}'),
    (
        BorrowLendAction(operation="supply", token=0, amount="10.0"),
        '{"type": "borrowLend", "operation": "supply", "token": 0, "amount": "10"}',
    ),
    (
        BorrowLendAction(operation="withdraw", token=0, amount=None),
        '{"type": "borrowLend", "operation": "withdraw", "token": 0, "amount": null}',
    ),
    (CreateSubAccountAction(name="example"), '{"type": "createSubAccount", "name": "example"}'),
    (
        SubAccountTransferAction(sub_account_user=ADDR, is_deposit=True, usd=10),
        '{"type": "subAccountTransfer", "subAccountUser":'
        ' "0x1d9470d4b963f552e6f671a81619d395877bf409", "isDeposit": true, "usd": 10}',
    ),
    (
        SubAccountSpotTransferAction(
            sub_account_user=ADDR,
            is_deposit=False,
            token="PURR:0xc1fb593aeffbeb02f85e0308e9956a90",
            amount="12.5",
        ),
        '{"type": "subAccountSpotTransfer", "subAccountUser":'
        ' "0x1d9470d4b963f552e6f671a81619d395877bf409", "isDeposit": false,'
        ' "token": "PURR:0xc1fb593aeffbeb02f85e0308e9956a90", "amount": "12.5"}',
    ),
    (
        SubAccountModifyAction(sub_account_user=ADDR, name="mm"),
        '{"type": "subAccountModify", "subAccountUser":'
        ' "0x1d9470d4b963f552e6f671a81619d395877bf409", "name": "mm"}',
    ),
    (
        VaultTransferAction(vault_address=VAULT, is_deposit=True, usd=5000000),
        '{"type": "vaultTransfer", "vaultAddress": "0xa15099a30bbf2e68942d6f4c43d70d04faeab0a0",'
        ' "isDeposit": true, "usd": 5000000}',
    ),
    (
        CreateVaultAction(name="v", description="a new vault", initial_usd=200000000, nonce=T),
        '{"type": "createVault", "name": "v", "description": "a new vault",'
        ' "initialUsd": 200000000, "nonce": 1700000000000}',
    ),
    (
        VaultModifyAction(vault_address=VAULT, allow_deposits=True),
        '{"type": "vaultModify", "vaultAddress": "0xa15099a30bbf2e68942d6f4c43d70d04faeab0a0",'
        ' "allowDeposits": true, "alwaysCloseOnWithdraw": null}',
    ),
    (
        VaultDistributeAction(vault_address=VAULT, usd=0),
        '{"type": "vaultDistribute", "vaultAddress": "0xa15099a30bbf2e68942d6f4c43d70d04faeab0a0",'
        ' "usd": 0}',
    ),
    (SetReferrerAction(code="ASDFASDF"), '{"type": "setReferrer", "code": "ASDFASDF"}'),
    (RegisterReferrerAction(code="MINE"), '{"type": "registerReferrer", "code": "MINE"}'),
    (ClaimRewardsAction(), '{"type": "claimRewards"}'),
    (SetDisplayNameAction(display_name="me"), '{"type": "setDisplayName", "displayName": "me"}'),
    (
        SpotUserAction.opt_out(True),
        '{"type": "spotUser", "toggleSpotDusting": {"optOut": true}}',
    ),
    (
        EvmUserModifyAction(using_big_blocks=True),
        '{"type": "evmUserModify", "usingBigBlocks": true}',
    ),
    (NoopAction(), '{"type": "noop"}'),
    (
        ReserveRequestWeightAction(weight=100),
        '{"type": "reserveRequestWeight", "weight": 100}',
    ),
    (AgentEnableDexAbstractionAction(), '{"type": "agentEnableDexAbstraction"}'),
    (
        AgentSetAbstractionAction(abstraction="u"),
        '{"type": "agentSetAbstraction", "abstraction": "u"}',
    ),
]

# User-signed: the prepared (canonical) form ``type, signatureChainId, hyperliquidChain,
# <struct fields>``, as both SDKs write it inside multi-sig wrappers.
USER_SHAPES: list[tuple[UserSignedAction, bool, str]] = [
    (
        UsdSendAction(destination=DEST, amount="1", time=1687816341423),
        False,
        '{"type": "usdSend", "signatureChainId": "0x66eee", "hyperliquidChain": "Testnet",'
        ' "destination": "0x5e9ee1089755c3435139848e47e6635505d5a13a", "amount": "1",'
        ' "time": 1687816341423}',
    ),
    (
        SpotSendAction(
            destination=DEST,
            token="PURR:0xc1fb593aeffbeb02f85e0308e9956a90",
            amount=Decimal("12.50"),
            time=T,
        ),
        True,
        '{"type": "spotSend", "signatureChainId": "0x66eee", "hyperliquidChain": "Mainnet",'
        ' "destination": "0x5e9ee1089755c3435139848e47e6635505d5a13a",'
        ' "token": "PURR:0xc1fb593aeffbeb02f85e0308e9956a90", "amount": "12.5",'
        ' "time": 1700000000000}',
    ),
    (
        WithdrawAction(destination=DEST, amount=2, time=T),
        True,
        '{"type": "withdraw3", "signatureChainId": "0x66eee", "hyperliquidChain": "Mainnet",'
        ' "destination": "0x5e9ee1089755c3435139848e47e6635505d5a13a", "amount": "2",'
        ' "time": 1700000000000}',
    ),
    (
        UsdClassTransferAction(amount="100", to_perp=True, nonce=T),
        True,
        '{"type": "usdClassTransfer", "signatureChainId": "0x66eee", "hyperliquidChain":'
        ' "Mainnet", "amount": "100", "toPerp": true, "nonce": 1700000000000}',
    ),
    (
        UsdClassTransferAction(amount="100", to_perp=False, nonce=T, sub_account=ADDR),
        True,
        '{"type": "usdClassTransfer", "signatureChainId": "0x66eee", "hyperliquidChain":'
        ' "Mainnet", "amount": "100 subaccount:0x1d9470d4b963f552e6f671a81619d395877bf409",'
        ' "toPerp": false, "nonce": 1700000000000}',
    ),
    (
        SendAssetAction(
            destination=DEST,
            source_dex="",
            destination_dex="spot",
            token="USDC",
            amount="12.5",
            nonce=T,
        ),
        True,
        '{"type": "sendAsset", "signatureChainId": "0x66eee", "hyperliquidChain": "Mainnet",'
        ' "destination": "0x5e9ee1089755c3435139848e47e6635505d5a13a", "sourceDex": "",'
        ' "destinationDex": "spot", "token": "USDC", "amount": "12.5", "fromSubAccount": "",'
        ' "nonce": 1700000000000}',
    ),
    (
        ApproveAgentAction(agent_address=ADDR, agent_name="bot", nonce=T),
        True,
        '{"type": "approveAgent", "signatureChainId": "0x66eee", "hyperliquidChain": "Mainnet",'
        ' "agentAddress": "0x1d9470d4b963f552e6f671a81619d395877bf409", "agentName": "bot",'
        ' "nonce": 1700000000000}',
    ),
    (
        ApproveAgentAction(agent_address=ADDR, nonce=T),
        True,
        '{"type": "approveAgent", "signatureChainId": "0x66eee", "hyperliquidChain": "Mainnet",'
        ' "agentAddress": "0x1d9470d4b963f552e6f671a81619d395877bf409",'
        ' "nonce": 1700000000000}',
    ),
    (
        ApproveBuilderFeeAction(max_fee_rate="0.001%", builder=BUILDER, nonce=T),
        True,
        '{"type": "approveBuilderFee", "signatureChainId": "0x66eee", "hyperliquidChain":'
        ' "Mainnet", "maxFeeRate": "0.001%", "builder":'
        ' "0x8c967e73e7b15087c42a10d344cff4c96d877f1d", "nonce": 1700000000000}',
    ),
    (
        TokenDelegateAction(validator=ADDR, wei=100000000, is_undelegate=False, nonce=T),
        True,
        '{"type": "tokenDelegate", "signatureChainId": "0x66eee", "hyperliquidChain":'
        ' "Mainnet", "validator": "0x1d9470d4b963f552e6f671a81619d395877bf409",'
        ' "wei": 100000000, "isUndelegate": false, "nonce": 1700000000000}',
    ),
    (
        CDepositAction(wei=100000000, nonce=T),
        True,
        '{"type": "cDeposit", "signatureChainId": "0x66eee", "hyperliquidChain": "Mainnet",'
        ' "wei": 100000000, "nonce": 1700000000000}',
    ),
    (
        CWithdrawAction(wei=1, nonce=T),
        False,
        '{"type": "cWithdraw", "signatureChainId": "0x66eee", "hyperliquidChain": "Testnet",'
        ' "wei": 1, "nonce": 1700000000000}',
    ),
    (
        ConvertToMultiSigUserAction(
            signers=ConvertToMultiSigUserAction.signers_text([DEST, "0x" + ADDR[2:].upper()], 2),
            nonce=T,
        ),
        True,
        '{"type": "convertToMultiSigUser", "signatureChainId": "0x66eee", "hyperliquidChain":'
        ' "Mainnet", "signers": "{\\"authorizedUsers\\":'
        ' [\\"0x1d9470d4b963f552e6f671a81619d395877bf409\\",'
        ' \\"0x5e9ee1089755c3435139848e47e6635505d5a13a\\"], \\"threshold\\": 2}",'
        ' "nonce": 1700000000000}',
    ),
    (
        ConvertToMultiSigUserAction(
            signers=ConvertToMultiSigUserAction.signers_text(None, None), nonce=T
        ),
        True,
        '{"type": "convertToMultiSigUser", "signatureChainId": "0x66eee", "hyperliquidChain":'
        ' "Mainnet", "signers": "null", "nonce": 1700000000000}',
    ),
    (
        UserSetAbstractionAction(user=ADDR, abstraction="unifiedAccount", nonce=T),
        True,
        '{"type": "userSetAbstraction", "signatureChainId": "0x66eee", "hyperliquidChain":'
        ' "Mainnet", "user": "0x1d9470d4b963f552e6f671a81619d395877bf409",'
        ' "abstraction": "unifiedAccount", "nonce": 1700000000000}',
    ),
    (
        UserDexAbstractionAction(user=ADDR, enabled=True, nonce=T),
        True,
        '{"type": "userDexAbstraction", "signatureChainId": "0x66eee", "hyperliquidChain":'
        ' "Mainnet", "user": "0x1d9470d4b963f552e6f671a81619d395877bf409", "enabled": true,'
        ' "nonce": 1700000000000}',
    ),
    (
        UserPortfolioMarginAction(user=ADDR, enabled=False, nonce=T),
        True,
        '{"type": "userPortfolioMargin", "signatureChainId": "0x66eee", "hyperliquidChain":'
        ' "Mainnet", "user": "0x1d9470d4b963f552e6f671a81619d395877bf409", "enabled": false,'
        ' "nonce": 1700000000000}',
    ),
    (
        LinkStakingUserAction(user=ADDR, is_finalize=True, nonce=T),
        True,
        '{"type": "linkStakingUser", "signatureChainId": "0x66eee", "hyperliquidChain":'
        ' "Mainnet", "user": "0x1d9470d4b963f552e6f671a81619d395877bf409", "isFinalize": true,'
        ' "nonce": 1700000000000}',
    ),
    (
        StakingLinkDisableTradingUserAction(trading_user=ADDR, nonce=T),
        True,
        '{"type": "stakingLinkDisableTradingUser", "signatureChainId": "0x66eee",'
        ' "hyperliquidChain": "Mainnet", "tradingUser":'
        ' "0x1d9470d4b963f552e6f671a81619d395877bf409", "nonce": 1700000000000}',
    ),
]


def _dumps(value: object) -> str:
    return json.dumps(value)


@pytest.mark.parametrize(
    ("model", "expected"), L1_SHAPES, ids=[f"{m.TYPE}-{i}" for i, (m, _) in enumerate(L1_SHAPES)]
)
def test_l1_wire_shape(model: L1Action, expected: str) -> None:
    wire = model.to_wire()
    assert _dumps(wire) == _dumps(json.loads(expected))
    # Same bytes, same hash: what is signed is exactly the reference object.
    assert action_hash(wire, None, T, None) == action_hash(json.loads(expected), None, T, None)


@pytest.mark.parametrize(
    ("model", "is_mainnet", "expected"),
    USER_SHAPES,
    ids=[f"{m.TYPE}-{i}" for i, (m, _, _) in enumerate(USER_SHAPES)],
)
def test_user_signed_wire_shape(model: UserSignedAction, is_mainnet: bool, expected: str) -> None:
    prepared = prepare_user_signed_action(model.to_wire(), is_mainnet=is_mainnet)
    assert _dumps(prepared) == _dumps(json.loads(expected))
    assert model.to_wire()["type"] == model.TYPE


def _concrete(base: type[A]) -> set[type[A]]:
    return {
        value
        for value in vars(models).values()
        if inspect.isclass(value) and issubclass(value, base) and value is not base
    }


def test_every_action_model_has_a_shape_test() -> None:
    assert _concrete(L1Action) == {type(model) for model, _ in L1_SHAPES}
    assert _concrete(UserSignedAction) == {type(model) for model, _, _ in USER_SHAPES}


def test_every_user_signed_type_but_one_has_a_model() -> None:
    # sendToEvmWithData (bytes data, uint32 chain id) is signable with trio_hl.signing but
    # has no model or method (no reference vector pins its wire form).
    modelled = {cls.TYPE for cls in _concrete(UserSignedAction)}
    assert set(USER_SIGNED_TYPES) - modelled == {"sendToEvmWithData"}


def test_l1_types_are_never_user_signed() -> None:
    assert not {cls.TYPE for cls in _concrete(L1Action)} & set(USER_SIGNED_TYPES)


# --- order types, cloids and requests ------------------------------------------------------------


def test_order_type_constants_and_builders() -> None:
    assert LIMIT_GTC.to_wire() == {"limit": {"tif": "Gtc"}}
    assert LIMIT_ALO.to_wire() == {"limit": {"tif": "Alo"}}
    assert LIMIT_IOC.to_wire() == {"limit": {"tif": "Ioc"}}
    assert models.LIMIT_FRONTEND_MARKET.to_wire() == {"limit": {"tif": "FrontendMarket"}}
    assert take_profit_market("100") == TriggerOrderType(
        is_market=True, trigger_price=Decimal(100), tpsl="tp"
    )
    assert stop_loss_limit(Decimal("99.5")).to_wire() == {
        "trigger": {"isMarket": False, "triggerPx": "99.5", "tpsl": "sl"}
    }
    # isMarket first, whatever order the fields were given in.
    assert list(take_profit_limit(1).to_wire()["trigger"]) == ["isMarket", "triggerPx", "tpsl"]
    with pytest.raises(ValueError, match="tif"):
        LimitOrderType("GTC")  # type: ignore[arg-type]


def test_cloid() -> None:
    cloid = Cloid("0x1234567890ABCDEF1234567890abcdef")
    assert str(cloid) == cloid.raw == "0x1234567890abcdef1234567890abcdef"
    assert Cloid.from_int(1) == Cloid("0x00000000000000000000000000000001")
    assert Cloid.from_int(1).to_int() == 1
    assert Cloid.parse(cloid) is cloid
    assert Cloid.random() != Cloid.random()
    for bad in ("0x1234", "1234567890abcdef1234567890abcdef00", "0x" + "g" * 32, 12):
        with pytest.raises(ConfigurationError, match="cloid"):
            Cloid(bad)  # type: ignore[arg-type]
    for bad_int in (-1, 2**128, True):
        with pytest.raises(ConfigurationError):
            Cloid.from_int(bad_int)


def test_floats_are_refused_everywhere() -> None:
    with pytest.raises(NumberTypeError, match="size is a float"):
        OrderRequest(asset="BTC", is_buy=True, size=0.1, limit_price=1)  # type: ignore[arg-type]
    with pytest.raises(NumberTypeError, match="price is a float"):
        _order(price=3150.0)
    with pytest.raises(NumberTypeError, match="trigger price is a float"):
        take_profit_market(1.5)  # type: ignore[arg-type]
    with pytest.raises(NumberTypeError, match="amount is a float"):
        UsdSendAction(destination=DEST, amount=1.0, time=T)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "build",
    [
        lambda: _order(asset=True),
        lambda: _order(asset=-1),
        lambda: _order(is_buy=1),
        lambda: _order(size=Decimal(0)),
        lambda: _order(price=Decimal(-1)),
        lambda: _order(order_type={"limit": {"tif": "Gtc"}}),
        lambda: CancelWire(asset=0, oid=-5),
        lambda: UpdateLeverageAction(asset=0, is_cross=True, leverage=0),
        lambda: TwapWire(
            asset=0, is_buy=True, size=Decimal(1), reduce_only=False, minutes=4, randomize=False
        ),
        lambda: OrderAction(orders=[]),
        lambda: OrderAction(orders=[_order()], grouping="bogus"),  # type: ignore[arg-type]
        lambda: PriorityGrouping(10**8 + 1),
        lambda: UsdSendAction(destination="0x123", amount=1, time=T),
        lambda: CreateSubAccountAction(name=""),
        lambda: CancelRequest(asset="BTC"),
        lambda: CancelRequest(asset="BTC", order_id=1, cloid=Cloid.from_int(1)),
        lambda: CancelRequest(asset="BTC", order_id=True),
        lambda: ModifyRequest(
            order_id=-1, order=OrderRequest(asset=0, is_buy=True, size=1, limit_price=1)
        ),
        lambda: OrderRequest(asset="", is_buy=True, size=1, limit_price=1),
        lambda: ConvertToMultiSigUserAction.signers_text([DEST], 2),
    ],
)
def test_models_validate_their_values(build: Any) -> None:
    with pytest.raises(ConfigurationError):
        build()


def test_requests() -> None:
    order = OrderRequest(asset="BTC", is_buy=True, size="0.001", limit_price=65000)
    assert order.size == Decimal("0.001")
    assert order.order_type == LIMIT_GTC
    assert order.reduce_only is False
    assert OrderRequest(
        asset=0, is_buy=False, size=1, limit_price=1, cloid="0x" + "AB" * 16
    ).cloid == Cloid("0x" + "ab" * 16)
    assert ModifyRequest(order_id="0x" + "00" * 16, order=order).order_id == Cloid.from_int(0)
    assert ModifyRequest(order_id=5, order=order).order_id == 5
    assert CancelRequest(asset="BTC", cloid="0x" + "01" * 16).order_id is None


# --- replies -------------------------------------------------------------------------------------


def test_order_statuses() -> None:
    response = {
        "type": "order",
        "data": {
            "statuses": [
                {"resting": {"oid": 77738308}},
                {"resting": {"oid": 1, "cloid": "0x0000000000000000000000000000abcd"}},
                {"filled": {"totalSz": "0.02", "avgPx": "1891.4", "oid": 77747314}},
                {
                    "filled": {
                        "totalSz": "0.00022",
                        "avgPx": "87102.0",
                        "oid": 2,
                        "cloid": "0x" + "1" * 32,
                    }
                },
                {"error": "Order must have minimum value of $10."},
                "waitingForFill",
                "waitingForTrigger",
            ]
        },
    }
    assert decode_order_statuses(response) == (
        OrderResting(oid=77738308),
        OrderResting(oid=1, cloid=Cloid("0x0000000000000000000000000000abcd")),
        OrderFilled(total_sz=Decimal("0.02"), avg_px=Decimal("1891.4"), oid=77747314),
        OrderFilled(
            total_sz=Decimal("0.00022"),
            avg_px=Decimal("87102"),
            oid=2,
            cloid=Cloid("0x" + "1" * 32),
        ),
        OrderError(message="Order must have minimum value of $10."),
        OrderWaiting(status="waitingForFill"),
        OrderWaiting(status="waitingForTrigger"),
    )


def test_cancel_and_twap_statuses() -> None:
    cancel = {
        "type": "cancel",
        "data": {
            "statuses": [
                "success",
                {"error": "Order was never placed, already canceled, or filled. asset=0"},
            ]
        },
    }
    assert decode_cancel_statuses(cancel) == (
        CancelSuccess(),
        OrderError(message="Order was never placed, already canceled, or filled. asset=0"),
    )
    assert decode_twap_order(
        {"type": "twapOrder", "data": {"status": {"running": {"twapId": 77738308}}}}
    ) == TwapRunning(twap_id=77738308)
    assert decode_twap_order(
        {"type": "twapOrder", "data": {"status": {"error": "Invalid TWAP duration: 1 min(s)"}}}
    ) == OrderError(message="Invalid TWAP duration: 1 min(s)")
    assert decode_twap_cancel({"type": "twapCancel", "data": {"status": "success"}}) == (
        CancelSuccess()
    )
    assert decode_twap_cancel(
        {"type": "twapCancel", "data": {"status": {"error": "TWAP was never placed"}}}
    ) == OrderError(message="TWAP was never placed")
    assert (
        decode_created_address(
            {"type": "createSubAccount", "data": "0x1D9470D4B963F552E6F671A81619D395877BF409"},
            "createSubAccount",
        )
        == ADDR
    )


def _created_vault(response: object) -> str:
    return decode_created_address(response, "createVault")


MALFORMED_RESPONSES: list[tuple[Callable[[object], object], object]] = [
    (decode_order_statuses, {"type": "default"}),
    (decode_order_statuses, {"type": "order", "data": {"statuses": "x"}}),
    (decode_order_statuses, {"type": "order", "data": {"statuses": [{"resting": {}}]}}),
    (
        decode_order_statuses,
        {"type": "order", "data": {"statuses": [{"filled": {"totalSz": 1}}]}},
    ),
    (decode_order_statuses, {"type": "order", "data": {"statuses": [{"weird": 1}]}}),
    (
        decode_order_statuses,
        {"type": "order", "data": {"statuses": [{"resting": {"oid": 1, "cloid": "x"}}]}},
    ),
    (decode_cancel_statuses, {"type": "cancel", "data": {"statuses": ["nope"]}}),
    (decode_twap_order, {"type": "twapOrder", "data": {"status": "running"}}),
    (decode_twap_cancel, {"type": "twapCancel", "data": {"status": 1}}),
    (_created_vault, {"type": "createVault", "data": 1}),
    (_created_vault, None),
]


@pytest.mark.parametrize(
    ("decode", "response"),
    MALFORMED_RESPONSES,
)
def test_malformed_replies_are_protocol_errors(decode: Any, response: Any) -> None:
    with pytest.raises(ProtocolError, match="may have been executed"):
        decode(response)
