"""Realistic ``data`` payloads of the user and account channels for model and routing tests,
built with :mod:`trio_hl.testing`'s frame builders (this module only keeps the short names
the tests use, and a few deliberately odd samples)."""

from __future__ import annotations

import copy
from typing import Any

from trio_hl.testing import frames

ZERO = "0x0000000000000000000000000000000000000000"
ALICE = "0xa62b923a112d50d03e1e096bbd53422490dac104"
BOB = "0x31ca8395cf837de08b24da3f660e77761dfb974b"
HASH = "0x5a3a7c6b8429121cf3fa0417865cd1010f0024737e6f00b24077cd4c48ad5eb8"


def fill(tid: int = 443403645240311, **changes: Any) -> dict[str, Any]:
    """One ``UserFill`` object (§9.0), as in the ``user`` fixture; ``changes`` are wire keys."""
    return {**frames.fill_data(tid=tid), **changes}


def user_fills(user: str, fills: list[dict[str, Any]], *, snapshot: bool) -> dict[str, Any]:
    return frames.user_fills_data(user, fills, is_snapshot=snapshot)


MARGIN = {
    "accountValue": "0.0",
    "totalNtlPos": "0.0",
    "totalRawUsd": "0.0",
    "totalMarginUsed": "0.0",
}

POSITION = frames.position_data()


def clearinghouse(*, positions: bool = True) -> dict[str, Any]:
    return frames.clearinghouse_state(positions=None if positions else [])


OPEN_ORDER = frames.frontend_order_data()

PERP_CTX = frames.perp_asset_ctx()

SPOT_CTX = frames.spot_asset_ctx()

TWAP_STATE = frames.twap_state(user=ZERO)

TWAP_SLICE_FILL = frames.twap_slice_fills_data(ZERO)["twapSliceFills"][0]

TWAP_HISTORY_ITEM = frames.twap_history_data(ZERO)["history"][0]

# One delta of every type in the §9.0 ledger table, in table order.
LEDGER_DELTAS: list[dict[str, Any]] = [
    {"type": "accountClassTransfer", "usdc": "1.0", "toPerp": True},
    {"type": "deposit", "usdc": "500.0"},
    {"type": "withdraw", "usdc": "99.0", "nonce": 1750181714145000, "fee": "1.0"},
    {"type": "internalTransfer", "usdc": "5.0", "user": ZERO, "destination": BOB, "fee": "1.0"},
    {"type": "subAccountTransfer", "usdc": "5.0", "user": ZERO, "destination": BOB},
    {
        "type": "spotTransfer",
        "token": "PURR",
        "amount": "10.0",
        "usdcValue": "52.6",
        "user": ZERO,
        "destination": BOB,
        "fee": "0.0",
        "nativeTokenFee": "0.0",
        "nonce": None,
        "feeToken": "",
    },
    {
        "type": "send",
        "user": ZERO,
        "destination": BOB,
        "sourceDex": "",
        "destinationDex": "spot",
        "token": "USDC",
        "amount": "10.0",
        "usdcValue": "10.0",
        "fee": "0.0",
        "nativeTokenFee": "0.0",
        "nonce": 1750181714145,
        "feeToken": "USDC",
    },
    {
        "type": "liquidation",
        "liquidatedNtlPos": "1000.0",
        "accountValue": "50.0",
        "leverageType": "Cross",
        "liquidatedPositions": [{"coin": "ETH", "szi": "-0.5"}],
    },
    {"type": "vaultCreate", "vault": BOB, "usdc": "100.0", "fee": "100.0"},
    {"type": "vaultDeposit", "vault": BOB, "usdc": "10.0"},
    {
        "type": "vaultWithdraw",
        "vault": BOB,
        "user": ZERO,
        "requestedUsd": "5.0",
        "commission": "0.0",
        "closingCost": "0.0",
        "basis": "5.0",
        "netWithdrawnUsd": "5.0",
    },
    {"type": "vaultDistribution", "vault": BOB, "usdc": "1.5"},
    {"type": "vaultLeaderCommission", "user": ZERO, "usdc": "0.2"},
    {"type": "rewardsClaim", "amount": "3.0", "token": "USDC"},
    {"type": "cStakingTransfer", "token": "HYPE", "amount": "1.0", "isDeposit": True},
    {
        "type": "borrowLend",
        "token": "USDC",
        "operation": "supply",
        "amount": "100.0",
        "interestAmount": "0.0",
    },
    {"type": "spotGenesis", "token": "PURR", "amount": "1000.0"},
    {"type": "deployGasAuction", "token": "HYPE", "amount": "500.0"},
    {"type": "activateDexAbstraction", "dex": "xyz", "token": "USDC", "amount": "1.0"},
]


def ledger(user: str, deltas: list[dict[str, Any]], *, snapshot: bool = True) -> dict[str, Any]:
    return frames.ledger_updates_data(user, deltas, is_snapshot=snapshot)


def web_data2(user: str) -> dict[str, Any]:
    meta = {
        "universe": [
            {"szDecimals": 2, "name": "SOL", "maxLeverage": 10, "marginTableId": 10},
            {
                "szDecimals": 4,
                "name": "xyz:XYZ100",
                "maxLeverage": 30,
                "marginTableId": 30,
                "onlyIsolated": True,
                "marginMode": "strictIsolated",
                "growthMode": "enabled",
                "lastGrowthModeChangeTime": "2025-11-23T17:37:10.033211662",
            },
        ],
        "marginTables": [
            [50, {"description": "", "marginTiers": [{"lowerBound": "0.0", "maxLeverage": 50}]}]
        ],
    }
    data = frames.web_data2_data(user, meta=meta)
    data["leadingVaults"] = [{"address": BOB, "name": "HLP"}]
    data["perpsAtOpenInterestCap"] = ["HYPE"]
    return data


def web_data3(user: str) -> dict[str, Any]:
    data = frames.web_data3_data(user)
    data["perpDexStates"][0]["perpsAtOpenInterestCap"] = ["HYPE"]
    return data


def order_updates() -> list[dict[str, Any]]:
    return [frames.order_update_data()]


def spot_state(user: str) -> dict[str, Any]:
    return frames.spot_state_data(user)


def active_asset_data(user: str, coin: str = "BTC") -> dict[str, Any]:
    return frames.active_asset_data(user, coin)


def user_frame(channel: str, user: str) -> tuple[str, Any]:
    """A valid ``(channel, data)`` frame for ``user`` on a per-user channel."""
    by_channel: dict[str, Any] = {
        "webData2": web_data2(user),
        "webData3": web_data3(user),
        "userFills": user_fills(user, [fill()], snapshot=True),
        "userFundings": frames.user_fundings_data(user),
        "userNonFundingLedgerUpdates": ledger(user, LEDGER_DELTAS[:2]),
        "userTwapSliceFills": frames.twap_slice_fills_data(
            user, [(6552, copy.deepcopy(TWAP_SLICE_FILL["fill"]))]
        ),
        "userTwapHistory": frames.twap_history_data(user),
        "userHistoricalOrders": frames.user_historical_orders_data(user),
        "spotState": spot_state(user),
        "allDexsClearinghouseState": frames.all_dexs_clearinghouse_state_data(user),
        "clearinghouseState": frames.clearinghouse_state_data(user),
        "openOrders": frames.open_orders_data(user),
        "twapStates": frames.twap_states_data(user, [(6552, TWAP_STATE)]),
        "activeAssetData": active_asset_data(user),
    }
    return channel, by_channel[channel]
