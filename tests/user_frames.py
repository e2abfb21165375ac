"""Realistic ``data`` payloads of the user and account channels, hand-written from
``ws-protocol.md`` §9 (shapes and sample values), for model and routing tests."""

from __future__ import annotations

import copy
from typing import Any

ZERO = "0x0000000000000000000000000000000000000000"
ALICE = "0xa62b923a112d50d03e1e096bbd53422490dac104"
BOB = "0x31ca8395cf837de08b24da3f660e77761dfb974b"
HASH = "0x5a3a7c6b8429121cf3fa0417865cd1010f0024737e6f00b24077cd4c48ad5eb8"


def fill(tid: int = 443403645240311, **changes: Any) -> dict[str, Any]:
    """One ``UserFill`` object (§9.0), as in the ``user`` fixture."""
    base: dict[str, Any] = {
        "coin": "BTC",
        "px": "108969.0",
        "sz": "0.00845",
        "side": "A",
        "time": 1751500067235,
        "startPosition": "0.00845",
        "dir": "Close Long",
        "closedPnl": "27.63488",
        "hash": HASH,
        "oid": 34783837615,
        "crossed": True,
        "fee": "0.414354",
        "tid": tid,
        "feeToken": "USDC",
    }
    base.update(changes)
    return base


def user_fills(user: str, fills: list[dict[str, Any]], *, snapshot: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"user": user, "fills": fills}
    if snapshot:
        data["isSnapshot"] = True
    return data


MARGIN = {
    "accountValue": "0.0",
    "totalNtlPos": "0.0",
    "totalRawUsd": "0.0",
    "totalMarginUsed": "0.0",
}

POSITION = {
    "type": "oneWay",
    "position": {
        "coin": "ETH",
        "szi": "-0.5",
        "leverage": {"type": "isolated", "value": 10, "rawUsd": "1300.25"},
        "entryPx": "2427.1",
        "positionValue": "1213.55",
        "unrealizedPnl": "-0.0",
        "returnOnEquity": "0.0",
        "liquidationPx": None,
        "marginUsed": "121.35",
        "maxLeverage": 25,
        "cumFunding": {"allTime": "514.085417", "sinceOpen": "0.0", "sinceChange": "0.0"},
    },
}


def clearinghouse(*, positions: bool = True) -> dict[str, Any]:
    return {
        "marginSummary": dict(MARGIN),
        "crossMarginSummary": dict(MARGIN),
        "crossMaintenanceMarginUsed": "0.0",
        "withdrawable": "0.0",
        "assetPositions": [copy.deepcopy(POSITION)] if positions else [],
        "time": 1751492751597,
    }


OPEN_ORDER: dict[str, object] = {
    "coin": "BTC",
    "side": "B",
    "limitPx": "109402.0",
    "sz": "0.001",
    "oid": 34780723762,
    "timestamp": 1751494125554,
    "origSz": "0.001",
    "triggerCondition": "N/A",
    "isTrigger": False,
    "triggerPx": "0.0",
    "children": [],
    "isPositionTpsl": False,
    "reduceOnly": False,
    "orderType": "Limit",
    "tif": "Gtc",
    "cloid": None,
}

PERP_CTX = {
    "funding": "0.0000125",
    "openInterest": "6084.52",
    "prevDayPx": "146.64",
    "dayNtlVlm": "322528.0396000001",
    "premium": "0.0005207655",
    "oraclePx": "153.62",
    "markPx": "153.7",
    "midPx": "153.72",
    "impactPxs": ["153.7", "153.74"],
    "dayBaseVlm": "2171.39",
}

SPOT_CTX = {
    "prevDayPx": "5.211",
    "dayNtlVlm": "514258.2666000001",
    "markPx": "5.2631",
    "midPx": "5.23705",
    "circulatingSupply": "198732793.9431799948",
    "coin": "PURR/USDC",
    "totalSupply": "198735670.942140013",
    "dayBaseVlm": "98684.0",
}

TWAP_STATE = {
    "coin": "BTC",
    "user": ZERO,
    "side": "B",
    "sz": "0.02",
    "executedSz": "0.00525",
    "executedNtl": "551.649",
    "minutes": 5,
    "reduceOnly": False,
    "randomize": True,
    "timestamp": 1750330465288,
    "stopPx": None,
    "trigger": None,
}

TWAP_SLICE_FILL = {
    "fill": fill(
        36638712655580,
        px="105076.0",
        sz="0.00212",
        side="B",
        time=1750330467117,
        startPosition="0.0017",
        dir="Open Long",
        closedPnl="0.0",
        hash="0x" + "0" * 64,
        oid=34075540961,
        fee="0.100242",
    ),
    "twapId": 6552,
}

TWAP_HISTORY_ITEM = {
    "time": 1750330465,
    "state": {k: v for k, v in TWAP_STATE.items() if k not in ("stopPx", "trigger")},
    "status": {"status": "activated"},
}

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
    data: dict[str, Any] = {
        "user": user,
        "nonFundingLedgerUpdates": [
            {"time": 1750018761251 + i, "hash": HASH, "delta": delta}
            for i, delta in enumerate(deltas)
        ],
    }
    if snapshot:
        data["isSnapshot"] = True
    return data


def web_data2(user: str) -> dict[str, Any]:
    return {
        "clearinghouseState": clearinghouse(),
        "leadingVaults": [{"address": BOB, "name": "HLP"}],
        "totalVaultEquity": "0.0",
        "openOrders": [dict(OPEN_ORDER)],
        "agentAddress": None,
        "agentValidUntil": None,
        "cumLedger": "0.0",
        "meta": {
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
        },
        "assetCtxs": [dict(PERP_CTX)],
        "serverTime": 1751492751597,
        "isVault": False,
        "user": user,
        "twapStates": [],
        "spotAssetCtxs": [dict(SPOT_CTX)],
        "perpsAtOpenInterestCap": ["HYPE"],
    }


def web_data3(user: str) -> dict[str, Any]:
    return {
        "userState": {
            "agentAddress": None,
            "agentValidUntil": None,
            "cumLedger": "0.0",
            "serverTime": 1751492751597,
            "isVault": False,
            "user": user,
        },
        "perpDexStates": [
            {"totalVaultEquity": "0.0", "perpsAtOpenInterestCap": ["HYPE"], "leadingVaults": []}
        ],
    }


def order_updates() -> list[dict[str, Any]]:
    return [
        {
            "order": {
                "coin": "BTC",
                "side": "B",
                "limitPx": "109402.0",
                "sz": "0.001",
                "oid": 34780723762,
                "timestamp": 1751494125554,
                "origSz": "0.001",
            },
            "status": "open",
            "statusTimestamp": 1751494125554,
        }
    ]


def spot_state(user: str) -> dict[str, Any]:
    return {
        "user": user,
        "spotState": {
            "balances": [
                {
                    "coin": "USDC",
                    "token": 0,
                    "total": "98491.416604",
                    "hold": "0.0",
                    "entryNtl": "0.0",
                }
            ]
        },
    }


def active_asset_data(user: str, coin: str = "BTC") -> dict[str, Any]:
    return {
        "user": user,
        "coin": coin,
        "leverage": {"type": "cross", "value": 20},
        "maxTradeSzs": ["0.45787", "0.45987"],
        "availableToTrade": ["65754.376128", "65765.272428"],
        "markPx": "108963.0",
    }


def user_frame(channel: str, user: str) -> tuple[str, Any]:
    """A valid ``(channel, data)`` frame for ``user`` on a per-user channel."""
    frames: dict[str, Any] = {
        "webData2": web_data2(user),
        "webData3": web_data3(user),
        "userFills": user_fills(user, [fill()], snapshot=True),
        "userFundings": {
            "isSnapshot": True,
            "user": user,
            "fundings": [
                {
                    "time": 1751137200183,
                    "coin": "BTC",
                    "usdc": "-0.024289",
                    "szi": "0.00695",
                    "fundingRate": "0.0000325657",
                    "nSamples": None,
                }
            ],
        },
        "userNonFundingLedgerUpdates": ledger(user, LEDGER_DELTAS[:2]),
        "userTwapSliceFills": {
            "isSnapshot": True,
            "user": user,
            "twapSliceFills": [copy.deepcopy(TWAP_SLICE_FILL)],
        },
        "userTwapHistory": {
            "isSnapshot": True,
            "user": user,
            "history": [copy.deepcopy(TWAP_HISTORY_ITEM)],
        },
        "userHistoricalOrders": {
            "isSnapshot": True,
            "user": user,
            "orderHistory": [
                {
                    "order": {**OPEN_ORDER, "sz": "0.0"},
                    "status": "filled",
                    "statusTimestamp": 1751494130001,
                }
            ],
        },
        "spotState": spot_state(user),
        "allDexsClearinghouseState": {
            "user": user,
            "clearinghouseStates": [["", clearinghouse(positions=False)]],
        },
        "clearinghouseState": {"dex": "", "user": user, "clearinghouseState": clearinghouse()},
        "openOrders": {"dex": "", "user": user, "orders": [dict(OPEN_ORDER)]},
        "twapStates": {"dex": "", "user": user, "states": [[6552, dict(TWAP_STATE)]]},
        "activeAssetData": active_asset_data(user),
    }
    return channel, frames[channel]
