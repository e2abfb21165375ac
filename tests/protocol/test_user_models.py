"""Every user/account channel decodes a realistic frame (hand-written from the reference).

Complete frames are also structured with a strict converter (``forbid_extra_keys=True``) so
that a field the models forgot is loud; production decoding tolerates unknown keys.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from trio_hl import decode_frame
from trio_hl._convert import make_converter
from trio_hl.errors import DecodeError
from trio_hl.models import (
    AccountClassTransferDelta,
    ActivateDexAbstractionDelta,
    ActiveAssetData,
    AllDexsAssetCtxs,
    AllDexsClearinghouseState,
    AssetCtxs,
    BorrowLendDelta,
    ClearinghouseStateUpdate,
    CStakingTransferDelta,
    DeployGasAuctionDelta,
    DepositDelta,
    FillsEvent,
    FundingEvent,
    InternalTransferDelta,
    LedgerDelta,
    LiquidationDelta,
    LiquidationEvent,
    NonUserCancelEvent,
    Notification,
    OpenOrders,
    OrderUpdates,
    RewardsClaimDelta,
    SendDelta,
    SpotAssetCtxs,
    SpotGenesisDelta,
    SpotState,
    SpotTransferDelta,
    SubAccountTransferDelta,
    TwapHistoryEvent,
    TwapSliceFillsEvent,
    TwapStates,
    UnknownLedgerDelta,
    UnknownUserEvent,
    UserEvent,
    UserFills,
    UserFundings,
    UserHistoricalOrders,
    UserNonFundingLedgerUpdates,
    UserTwapHistory,
    UserTwapSliceFills,
    VaultCreateDelta,
    VaultDepositDelta,
    VaultDistributionDelta,
    VaultLeaderCommissionDelta,
    VaultWithdrawDelta,
    WebData2,
    WebData3,
    WithdrawDelta,
)

from ..user_frames import (
    BOB,
    LEDGER_DELTAS,
    PERP_CTX,
    SPOT_CTX,
    TWAP_HISTORY_ITEM,
    TWAP_SLICE_FILL,
    ZERO,
    clearinghouse,
    fill,
    ledger,
    order_updates,
    user_frame,
)

STRICT = make_converter(forbid_extra_keys=True)


def one(channel: str, data: Any) -> object:
    """Decode a frame exactly as the reader does; it must carry exactly one message."""
    (message,) = decode_frame(json.dumps({"channel": channel, "data": data}))
    return message


@pytest.mark.parametrize(
    ("channel", "cls"),
    [
        ("webData2", WebData2),
        ("webData3", WebData3),
        ("userFills", UserFills),
        ("userFundings", UserFundings),
        ("userNonFundingLedgerUpdates", UserNonFundingLedgerUpdates),
        ("userTwapSliceFills", UserTwapSliceFills),
        ("userTwapHistory", UserTwapHistory),
        ("userHistoricalOrders", UserHistoricalOrders),
        ("spotState", SpotState),
        ("allDexsClearinghouseState", AllDexsClearinghouseState),
        ("clearinghouseState", ClearinghouseStateUpdate),
        ("openOrders", OpenOrders),
        ("twapStates", TwapStates),
        ("activeAssetData", ActiveAssetData),
    ],
)
def test_user_channel_frames_decode_strictly(channel: str, cls: type) -> None:
    _, data = user_frame(channel, ZERO)
    message = one(channel, data)
    assert isinstance(message, cls)
    assert STRICT.structure(data, cls) == message


def test_notification() -> None:
    data = {"notification": "Order 77738308 was filled"}
    message = one("notification", data)
    assert message == Notification(notification="Order 77738308 was filled")
    assert STRICT.structure(data, Notification) == message


def test_web_data2_fields() -> None:
    _, data = user_frame("webData2", ZERO)
    message = one("webData2", data)
    assert isinstance(message, WebData2)
    position = message.clearinghouse_state.asset_positions[0].position
    assert position.szi == Decimal("-0.5")
    assert position.leverage.type == "isolated"
    assert position.leverage.raw_usd == Decimal("1300.25")
    assert position.liquidation_px is None
    assert message.meta.universe[1].only_isolated
    assert message.meta.universe[1].last_growth_mode_change_time == "2025-11-23T17:37:10.033211662"
    assert message.meta.margin_tables[0][1].margin_tiers[0].max_leverage == 50
    assert message.asset_ctxs[0].impact_pxs == (Decimal("153.7"), Decimal("153.74"))
    assert message.spot_state is None
    assert message.perps_at_open_interest_cap == ("HYPE",)
    assert message.open_orders[0].tif == "Gtc"


def test_web_data3_fields() -> None:
    _, data = user_frame("webData3", BOB)
    message = one("webData3", data)
    assert isinstance(message, WebData3)
    assert message.user_state.user == BOB
    assert message.user_state.abstraction is None
    assert message.perp_dex_states[0].perps_at_open_interest_cap == ("HYPE",)


def test_order_updates_are_one_batch_with_open_statuses() -> None:
    data = order_updates()
    data.append(
        {
            **data[0],
            "status": "brandNewCanceledReason",
            "order": {**data[0]["order"], "cloid": "0x" + "ab" * 16, "reduceOnly": True},
        }
    )
    message = one("orderUpdates", data)
    assert isinstance(message, OrderUpdates)
    first, second = message.updates
    assert first.status == "open"
    assert first.order.limit_px == Decimal("109402.0")
    assert first.order.cloid is None
    assert not first.order.reduce_only
    assert second.status == "brandNewCanceledReason"  # an unknown status never fails a frame
    assert second.order.reduce_only
    assert STRICT.structure(data[0], type(first)) == first


def test_empty_order_updates_yield_nothing() -> None:
    assert decode_frame('{"channel":"orderUpdates","data":[]}') == ()


@pytest.mark.parametrize(
    ("data", "cls"),
    [
        ({"fills": [fill()]}, FillsEvent),
        (
            {
                "funding": {
                    "time": 1751137200183,
                    "coin": "BTC",
                    "usdc": "-0.024289",
                    "szi": "0.00695",
                    "fundingRate": "0.0000325657",
                    "nSamples": None,
                }
            },
            FundingEvent,
        ),
        (
            {
                "liquidation": {
                    "lid": 12345,
                    "liquidator": BOB,
                    "liquidated_user": ZERO,
                    "liquidated_ntl_pos": "1000.0",
                    "liquidated_account_value": "50.0",
                }
            },
            LiquidationEvent,
        ),
        ({"nonUserCancel": [{"coin": "BTC", "oid": 34783837615}]}, NonUserCancelEvent),
        ({"twapHistory": [TWAP_HISTORY_ITEM]}, TwapHistoryEvent),
        ({"twapSliceFills": [TWAP_SLICE_FILL]}, TwapSliceFillsEvent),
    ],
)
def test_user_events_every_variant(data: dict[str, Any], cls: type) -> None:
    message = one("user", data)
    assert isinstance(message, cls)
    assert STRICT.structure(data, UserEvent) == message  # type: ignore[arg-type]


def test_user_event_liquidation_keeps_snake_case_keys() -> None:
    message = one(
        "user",
        {
            "liquidation": {
                "lid": 1,
                "liquidator": BOB,
                "liquidated_user": ZERO,
                "liquidated_ntl_pos": "1000.0",
                "liquidated_account_value": "50.0",
            }
        },
    )
    assert isinstance(message, LiquidationEvent)
    assert message.liquidation.liquidated_user == ZERO
    assert message.liquidation.liquidated_account_value == Decimal("50.0")


@pytest.mark.parametrize(
    "data",
    [{"somethingNew": {"x": 1}}, {}, {"fills": [], "funding": {}}],
    ids=["new-kind", "empty", "two-kinds"],
)
def test_unknown_user_events_keep_the_raw_data(data: dict[str, Any]) -> None:
    message = one("user", data)
    assert message == UnknownUserEvent(raw=data)


def test_known_user_event_with_a_malformed_payload_is_an_error() -> None:
    with pytest.raises(DecodeError) as info:
        one("user", {"fills": [{"coin": "BTC"}]})
    assert info.value.channel == "user"


def test_user_fills_snapshot_and_optional_fill_fields() -> None:
    rich = fill(
        2,
        builderFee="0.01",
        feeTrialEscrow="0.0",
        twapId=None,
        cloid="0x" + "cd" * 16,
        liquidation={"liquidatedUser": BOB, "markPx": 108000.5, "method": "market"},
        dir="Long > Short",
    )
    data = {"isSnapshot": True, "user": ZERO, "fills": [fill(), rich]}
    message = one("userFills", data)
    assert isinstance(message, UserFills)
    assert message.is_snapshot
    plain, extra = message.fills
    assert plain.tid == 443403645240311
    assert plain.builder_fee is None
    assert plain.liquidation is None
    assert extra.builder_fee == Decimal("0.01")
    assert extra.liquidation is not None
    assert extra.liquidation.mark_px == Decimal("108000.5")  # a JSON number is accepted
    assert extra.dir == "Long > Short"
    assert STRICT.structure(data, UserFills) == message


def test_later_frames_are_not_snapshots() -> None:
    message = one("userFills", {"user": ZERO, "fills": [fill()]})
    assert isinstance(message, UserFills)
    assert not message.is_snapshot
    flagged = one("userFills", {"isSnapshot": False, "user": ZERO, "fills": []})
    assert isinstance(flagged, UserFills)
    assert not flagged.is_snapshot


EXPECTED_DELTAS: list[type] = [
    AccountClassTransferDelta,
    DepositDelta,
    WithdrawDelta,
    InternalTransferDelta,
    SubAccountTransferDelta,
    SpotTransferDelta,
    SendDelta,
    LiquidationDelta,
    VaultCreateDelta,
    VaultDepositDelta,
    VaultWithdrawDelta,
    VaultDistributionDelta,
    VaultLeaderCommissionDelta,
    RewardsClaimDelta,
    CStakingTransferDelta,
    BorrowLendDelta,
    SpotGenesisDelta,
    DeployGasAuctionDelta,
    ActivateDexAbstractionDelta,
]


def test_every_ledger_delta_variant() -> None:
    data = ledger(ZERO, LEDGER_DELTAS)
    message = one("userNonFundingLedgerUpdates", data)
    assert isinstance(message, UserNonFundingLedgerUpdates)
    deltas = [update.delta for update in message.non_funding_ledger_updates]
    assert [type(d) for d in deltas] == EXPECTED_DELTAS
    assert [d.type for d in deltas] == [raw["type"] for raw in LEDGER_DELTAS]
    assert STRICT.structure(data, UserNonFundingLedgerUpdates) == message
    withdraw = deltas[2]
    assert isinstance(withdraw, WithdrawDelta)
    assert withdraw.nonce == 1750181714145000  # microsecond-scale, not a ms timestamp
    liquidation = deltas[7]
    assert isinstance(liquidation, LiquidationDelta)
    assert liquidation.liquidated_positions[0].szi == Decimal("-0.5")


def test_spot_transfer_without_fee_token_decodes() -> None:
    legacy = {k: v for k, v in LEDGER_DELTAS[5].items() if k != "feeToken"}
    delta: object = STRICT.structure(legacy, LedgerDelta)  # type: ignore[arg-type]
    assert isinstance(delta, SpotTransferDelta)
    assert delta.fee_token is None
    assert delta.nonce is None


def test_unknown_ledger_delta_keeps_the_raw_delta() -> None:
    raw = {"type": "perpDexGenesis", "dex": "xyz", "amount": "1"}
    message = one("userNonFundingLedgerUpdates", ledger(ZERO, [raw, LEDGER_DELTAS[1]]))
    assert isinstance(message, UserNonFundingLedgerUpdates)
    unknown, known = (u.delta for u in message.non_funding_ledger_updates)
    assert unknown == UnknownLedgerDelta(type="perpDexGenesis", raw=raw)
    assert isinstance(known, DepositDelta)


@pytest.mark.parametrize(
    "delta",
    [{"usdc": "1"}, {"type": 3}, "deposit", {"type": "deposit", "usdc": "lots"}],
    ids=["no-type", "non-string-type", "not-an-object", "known-type-bad-payload"],
)
def test_malformed_ledger_deltas_fail_the_frame(delta: Any) -> None:
    with pytest.raises(DecodeError) as info:
        one("userNonFundingLedgerUpdates", ledger(ZERO, [delta]))
    assert info.value.channel == "userNonFundingLedgerUpdates"


def test_user_fundings() -> None:
    _, data = user_frame("userFundings", ZERO)
    message = one("userFundings", data)
    assert isinstance(message, UserFundings)
    (funding,) = message.fundings
    assert funding.usdc == Decimal("-0.024289")
    assert funding.n_samples is None


def test_twap_history_time_is_in_seconds() -> None:
    item = {
        **TWAP_HISTORY_ITEM,
        "status": {"status": "error", "description": "insufficient margin"},
        "twapId": 6552,
    }
    data = {"isSnapshot": True, "user": ZERO, "history": [item]}
    message = one("userTwapHistory", data)
    assert isinstance(message, UserTwapHistory)
    (entry,) = message.history
    assert entry.time == 1750330465
    assert entry.time_ms == 1750330465000
    assert entry.state.timestamp == 1750330465288
    assert entry.status.description == "insufficient margin"
    assert entry.twap_id == 6552
    assert entry.state.stop_px is None
    assert STRICT.structure(data, UserTwapHistory) == message


def test_twap_slice_fills_with_zero_hash() -> None:
    _, data = user_frame("userTwapSliceFills", ZERO)
    message = one("userTwapSliceFills", data)
    assert isinstance(message, UserTwapSliceFills)
    (slice_fill,) = message.twap_slice_fills
    assert slice_fill.twap_id == 6552
    assert slice_fill.fill.hash == "0x" + "0" * 64


def test_twap_states_pairs_and_newer_fields() -> None:
    _, data = user_frame("twapStates", ZERO)
    data["states"].append(
        [7000, {**data["states"][0][1], "stopPx": "99000.0", "trigger": {"px": "1", "above": True}}]
    )
    message = one("twapStates", data)
    assert isinstance(message, TwapStates)
    (first_id, first), (second_id, second) = message.states
    assert (first_id, second_id) == (6552, 7000)
    assert first.executed_ntl == Decimal("551.649")
    assert second.stop_px == Decimal("99000.0")
    assert second.trigger is not None
    assert second.trigger.above


def test_open_orders_with_children_and_unknown_order_type() -> None:
    _, data = user_frame("openOrders", ZERO)
    child = {**data["orders"][0], "orderType": "Take Profit Market", "tif": None, "isTrigger": True}
    data["orders"][0] = {**data["orders"][0], "children": [child], "orderType": "Brand New"}
    message = one("openOrders", data)
    assert isinstance(message, OpenOrders)
    (order,) = message.orders
    assert order.order_type == "Brand New"
    assert order.children[0].tif is None
    assert STRICT.structure(data, OpenOrders) == message


def test_historical_orders() -> None:
    _, data = user_frame("userHistoricalOrders", ZERO)
    message = one("userHistoricalOrders", data)
    assert isinstance(message, UserHistoricalOrders)
    (entry,) = message.order_history
    assert entry.status == "filled"
    assert entry.order.sz == Decimal("0.0")


def test_spot_state_with_portfolio_margin_and_outcome_shares() -> None:
    _, data = user_frame("spotState", ZERO)
    state = data["spotState"]
    state["balances"].append({"coin": "+12", "total": "3.0", "hold": "0.0", "entryNtl": "1.5"})
    state["balances"].append(
        {
            "coin": "HYPE",
            "token": 150,
            "total": "10.0",
            "hold": "1.0",
            "entryNtl": "300.0",
            "spotHold": "1.0",
            "ltv": "0.5",
            "borrowed": "0.0",
            "supplied": "2.0",
        }
    )
    state.update(
        portfolioMarginEnabled=True,
        evmEscrows=[{"coin": "HYPE", "token": 150, "total": "1.0"}],
        portfolioMarginRatio="0.12",
        tokenToPortfolioBorrowRatio=[[0, "0.1"]],
        tokenToPortfolioSupplyRatio=[[150, "0.2"]],
        tokenToAvailableAfterMaintenance=[[0, "1000.0"]],
    )
    message = one("spotState", data)
    assert isinstance(message, SpotState)
    usdc, share, hype = message.spot_state.balances
    assert usdc.token == 0
    assert share.token is None
    assert hype.ltv == Decimal("0.5")
    assert message.spot_state.token_to_portfolio_supply_ratio == ((150, Decimal("0.2")),)
    assert STRICT.structure(data, SpotState) == message


def test_clearinghouse_state_and_all_dexs() -> None:
    _, data = user_frame("clearinghouseState", ZERO)
    message = one("clearinghouseState", data)
    assert isinstance(message, ClearinghouseStateUpdate)
    assert message.dex == ""
    assert message.clearinghouse_state.asset_positions[0].position.cum_funding.all_time == (
        Decimal("514.085417")
    )
    everything = one(
        "allDexsClearinghouseState",
        {"user": ZERO, "clearinghouseStates": [["", clearinghouse()], ["xyz", clearinghouse()]]},
    )
    assert isinstance(everything, AllDexsClearinghouseState)
    assert set(everything.by_dex()) == {"", "xyz"}


def test_active_asset_data_isolated_leverage() -> None:
    _, data = user_frame("activeAssetData", ZERO)
    data["leverage"] = {"type": "isolated", "value": 5, "rawUsd": "-120.5"}
    message = one("activeAssetData", data)
    assert isinstance(message, ActiveAssetData)
    assert message.leverage.raw_usd == Decimal("-120.5")
    assert message.max_trade_szs == (Decimal("0.45787"), Decimal("0.45987"))
    assert message.mark_px == Decimal("108963.0")


def test_asset_ctxs_spot_asset_ctxs_and_all_dexs() -> None:
    data = {"dex": "", "ctxs": [PERP_CTX]}
    ctxs = one("assetCtxs", data)
    assert isinstance(ctxs, AssetCtxs)
    assert ctxs.ctxs[0].funding == Decimal("0.0000125")
    assert STRICT.structure(data, AssetCtxs) == ctxs
    spot = one("spotAssetCtxs", [SPOT_CTX])
    assert isinstance(spot, SpotAssetCtxs)
    assert spot.ctxs[0].coin == "PURR/USDC"
    every = one("allDexsAssetCtxs", {"ctxs": [["", [PERP_CTX]], ["xyz", []]]})
    assert isinstance(every, AllDexsAssetCtxs)
    assert every.by_dex()["xyz"] == ()
    assert every.by_dex()[""][0].mark_px == Decimal("153.7")


@pytest.mark.parametrize(
    ("channel", "data"),
    [
        ("spotAssetCtxs", {"coin": "PURR/USDC"}),
        ("orderUpdates", {"order": {}}),
        ("notification", "text"),
        ("user", ["fills"]),
        ("webData3", {"userState": {}}),
        ("userFills", {"user": ZERO, "fills": [fill(tid="x")]}),  # type: ignore[arg-type]
    ],
)
def test_malformed_user_frames_name_their_channel(channel: str, data: Any) -> None:
    with pytest.raises(DecodeError) as info:
        one(channel, data)
    assert info.value.channel == channel
