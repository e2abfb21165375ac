"""Default info replies for the fake server: small, but shaped like the real ones.

:func:`install_default_info` teaches a :class:`~trio_hl.testing.FakeHyperliquid` (and through
it the fake HTTP endpoint) an answer to every info request type. The market is tiny and
consistent across requests, so a universe loaded from it is meaningful:

* main perp dex: ``BTC`` (asset 0), ``ETH`` (1), ``SOL`` (2), ``MATIC`` (3, delisted),
  ``HYPE`` (4);
* builder perp dex ``test`` (entry 1 of ``perpDexs``): ``test:ABC`` (asset 110000),
  ``test:XYZ`` (110001);
* spot tokens ``USDC`` (0), ``PURR`` (1), ``HFUN`` (2), ``HYPE`` (150) and the pairs
  ``PURR/USDC`` (spot index 0, asset 10000), ``@1`` (HFUN/USDC, 10001), ``@107``
  (HYPE/USDC, 10107).

Replies follow the documented ``null`` cases: ``l2Book`` of an unknown coin, ``allMids`` and
``meta`` of an unknown dex, ``vaultDetails`` of an unknown vault, ``subAccounts`` of a user
without sub-accounts, ``orderStatus`` of an unknown order (``{"status": "unknownOid"}``).
Values come from recorded replies where the references have them (trimmed), otherwise from
the documented schemas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ._fake_server import FakeHyperliquid

__all__ = [
    "BUILDER_DEX",
    "DEFAULT_INFO_HANDLERS",
    "KNOWN_CLOID",
    "KNOWN_OID",
    "KNOWN_VAULT",
    "OTHER_USER",
    "USER",
    "install_default_info",
]

USER: Final = "0x5e9ee1089755c3435139848e47e6635505d5a13a"
"""The user the fake knows (has sub-accounts, multi-sig signers, orders...)."""
OTHER_USER: Final = "0x0000000000000000000000000000000000000001"
"""Any other address: a user with no sub-accounts and no multi-sig."""
KNOWN_VAULT: Final = "0xdfc24b077bc1425ad1dea75bcb6f8158e10df303"
BUILDER: Final = "0x1924b8561eef20e70ede628a296175d358be80e5"
VALIDATOR: Final = "0x000000000056f99d36b6f2e0c51fd41496bbacb8"
KNOWN_OID: Final = 34780723762
KNOWN_CLOID: Final = "0x00000000000000000000000000000001"
BUILDER_DEX: Final = "test"
_HASH: Final = "0x5a3a7c6b8429121cf3fa0417865cd1010f0024737e6f00b24077cd4c48ad5eb8"
_ZERO_HASH: Final = "0x" + "0" * 64
_T: Final = 1751493540000  # a recent time in ms

# --- metadata ------------------------------------------------------------------------------


def _tiers(*pairs: tuple[str, int]) -> list[dict[str, Any]]:
    return [{"lowerBound": bound, "maxLeverage": lev} for bound, lev in pairs]


_MARGIN_TABLES: Final = [
    [10, {"description": "", "marginTiers": _tiers(("0.0", 10))}],
    [20, {"description": "", "marginTiers": _tiers(("0.0", 20))}],
    [55, {"description": "tiered 25x", "marginTiers": _tiers(("0.0", 25), ("100000000.0", 15))}],
    [56, {"description": "tiered 40x", "marginTiers": _tiers(("0.0", 40), ("150000000.0", 20))}],
]

MAIN_META: Final[dict[str, Any]] = {
    "universe": [
        {"szDecimals": 5, "name": "BTC", "maxLeverage": 40, "marginTableId": 56},
        {"szDecimals": 4, "name": "ETH", "maxLeverage": 25, "marginTableId": 55},
        {"szDecimals": 2, "name": "SOL", "maxLeverage": 20, "marginTableId": 20},
        {
            "szDecimals": 1,
            "name": "MATIC",
            "maxLeverage": 20,
            "marginTableId": 20,
            "isDelisted": True,
        },
        {"szDecimals": 2, "name": "HYPE", "maxLeverage": 10, "marginTableId": 10},
    ],
    "marginTables": _MARGIN_TABLES,
    "collateralToken": 0,
}

TEST_DEX_META: Final[dict[str, Any]] = {
    "universe": [
        {
            "szDecimals": 2,
            "name": "test:ABC",
            "maxLeverage": 10,
            "marginTableId": 10,
            "onlyIsolated": True,
            "marginMode": "strictIsolated",
        },
        {
            "szDecimals": 3,
            "name": "test:XYZ",
            "maxLeverage": 20,
            "marginTableId": 20,
            "growthMode": "enabled",
            "lastGrowthModeChangeTime": "2026-01-05T12:00:00.000",
        },
    ],
    "marginTables": _MARGIN_TABLES[:2],
    "collateralToken": 0,
}

_METAS: Final = {"": MAIN_META, BUILDER_DEX: TEST_DEX_META}

PERP_DEXS: Final[list[Any]] = [
    None,
    {
        "name": BUILDER_DEX,
        "fullName": "test dex",
        "deployer": USER,
        "oracleUpdater": None,
        "feeRecipient": None,
        "assetToStreamingOiCap": [["test:ABC", "1000000.0"]],
        "subDeployers": [["setOracle", [OTHER_USER]]],
        "deployerFeeScale": "1.0",
        "lastDeployerFeeScaleChangeTime": "1970-01-01T00:00:00",
        "assetToFundingMultiplier": [["test:ABC", "1.0"]],
        "assetToFundingInterestRate": [["test:ABC", "0.0"]],
    },
]


def _token(
    name: str,
    index: int,
    token_id: str,
    sz: int,
    wei: int,
    *,
    canonical: bool,
    evm: dict[str, Any] | None = None,
    full_name: str | None = None,
) -> dict[str, Any]:
    return {
        "name": name,
        "szDecimals": sz,
        "weiDecimals": wei,
        "index": index,
        "tokenId": token_id,
        "isCanonical": canonical,
        "evmContract": evm,
        "fullName": full_name,
        "deployerTradingFeeShare": "0.0",
    }


SPOT_META: Final[dict[str, Any]] = {
    "universe": [
        {"tokens": [1, 0], "name": "PURR/USDC", "index": 0, "isCanonical": True},
        {"tokens": [2, 0], "name": "@1", "index": 1, "isCanonical": False},
        {"tokens": [150, 0], "name": "@107", "index": 107, "isCanonical": False},
    ],
    "tokens": [
        _token("USDC", 0, "0x6d1e7cde53ba9467b783cb7c530ce054", 8, 8, canonical=True),
        _token(
            "PURR",
            1,
            "0xc1fb593aeffbeb02f85e0308e9956a90",
            0,
            5,
            canonical=True,
            evm={
                "address": "0x9b498c3c8a0b8cd8ba1d9851d40d186f1872b44e",
                "evm_extra_wei_decimals": 13,
            },
            full_name="Purr",
        ),
        _token("HFUN", 2, "0xbaf265ef389da684513d98d68edf4eae", 2, 8, canonical=False),
        _token(
            "HYPE",
            150,
            "0x0d01dc56dcaaca66ad901c959b4011ec",
            2,
            8,
            canonical=False,
            evm={
                "address": "0x2222222222222222222222222222222222222222",
                "evm_extra_wei_decimals": 10,
            },
            full_name="Hyperliquid",
        ),
    ],
}

MIDS: Final = {
    "": {
        "BTC": "108963.5",
        "ETH": "2427.15",
        "SOL": "153.72",
        "HYPE": "39.1265",
        "PURR/USDC": "0.19126",
        "@1": "12.5",
        "@107": "39.118",
    },
    BUILDER_DEX: {"test:ABC": "101.5", "test:XYZ": "7.125"},
}


def _perp_ctx(mark: str, mid: str | None) -> dict[str, Any]:
    return {
        "funding": "0.0000125",
        "openInterest": "6084.52",
        "prevDayPx": mark,
        "dayNtlVlm": "322528.0396000001",
        "premium": "0.0005207655",
        "oraclePx": mark,
        "markPx": mark,
        "midPx": mid,
        "impactPxs": [mark, mark] if mid is not None else None,
        "dayBaseVlm": "2171.39",
    }


def _perp_ctxs(dex: str) -> list[dict[str, Any]]:
    mids = MIDS[dex]
    return [
        _perp_ctx(mids.get(asset["name"], "0.5"), mids.get(asset["name"]))
        for asset in _METAS[dex]["universe"]
    ]


def _spot_ctxs() -> list[dict[str, Any]]:
    return [
        {
            "prevDayPx": "0.18",
            "dayNtlVlm": "514258.2666000001",
            "markPx": MIDS[""][pair["name"]],
            "midPx": MIDS[""][pair["name"]],
            "circulatingSupply": "198732793.9431799948",
            "coin": pair["name"],
            "totalSupply": "198735670.942140013",
            "dayBaseVlm": "98684.0",
        }
        for pair in SPOT_META["universe"]
    ]


def _known_coins() -> set[str]:
    return set(MIDS[""]) | set(MIDS[BUILDER_DEX]) | {"MATIC"}


# --- market data handlers --------------------------------------------------------------------


def _dex(payload: Mapping[str, Any]) -> str:
    dex = payload.get("dex")
    return dex if isinstance(dex, str) else ""


def _meta(payload: Mapping[str, Any]) -> Any:
    return _METAS.get(_dex(payload))


def _meta_and_ctxs(payload: Mapping[str, Any]) -> Any:
    dex = _dex(payload)
    return None if dex not in _METAS else [_METAS[dex], _perp_ctxs(dex)]


def _all_mids(payload: Mapping[str, Any]) -> Any:
    return MIDS.get(_dex(payload))


def _l2_book(payload: Mapping[str, Any]) -> Any:
    coin = payload.get("coin")
    if coin not in _known_coins():
        return None
    book: dict[str, Any] = {
        "coin": coin,
        "time": 1751206166616,
        "levels": [
            [
                {"px": "108246.0", "sz": "0.47662", "n": 2},
                {"px": "108241.0", "sz": "0.00123", "n": 1},
            ],
            [
                {"px": "108270.0", "sz": "0.00246", "n": 2},
                {"px": "108289.0", "sz": "0.27498", "n": 2},
            ],
        ],
    }
    if payload.get("nSigFigs") is not None:
        book["spread"] = "24.0"
    return book


def _candles(payload: Mapping[str, Any]) -> Any:
    req: Mapping[str, Any] = payload.get("req") or {}
    coin, interval = req.get("coin", "BTC"), req.get("interval", "1m")
    start = int(req.get("startTime", _T))
    return [
        {
            "t": start + i * 60_000,
            "T": start + (i + 1) * 60_000 - 1,
            "s": coin,
            "i": interval,
            "o": "109579.0",
            "c": "109588.0",
            "h": "109588.0",
            "l": "109579.0",
            "v": "0.0045",
            "n": 3,
        }
        for i in range(3)
    ]


def _recent_trades(payload: Mapping[str, Any]) -> Any:
    return [
        {
            "coin": payload.get("coin"),
            "side": "B",
            "px": "109572.0",
            "sz": "0.00023",
            "time": 1751493267110,
            "hash": "0xfe52cbe6ede4c8181992041785c36e01270101e11634e8f56794cc56d65c939e",
            "tid": 455478288652533,
            "users": [
                "0xc64cc00b46101bd40aa1c3121195e85c0b0918d8",
                "0x2ac2016c45e26f41dc2eb5b49fd511bb7e3b6a0f",
            ],
        }
    ]


def _funding_history(payload: Mapping[str, Any]) -> Any:
    start = int(payload.get("startTime", _T))
    return [
        {
            "coin": payload.get("coin"),
            "fundingRate": "0.0000125",
            "premium": "-0.0002874808",
            "time": start + 3_600_000 * i,
        }
        for i in range(2)
    ]


_AUCTION: Final = {
    "currentGas": "500.0",
    "durationSeconds": 111600,
    "endGas": None,
    "startGas": "500.0",
    "startTimeSeconds": 1751490000,
}

# --- user state ----------------------------------------------------------------------------

_SUMMARY: Final = {
    "accountValue": "13109.482328",
    "totalNtlPos": "108.9585",
    "totalRawUsd": "13000.523828",
    "totalMarginUsed": "5.447925",
}

CLEARINGHOUSE_STATE: Final[dict[str, Any]] = {
    "marginSummary": _SUMMARY,
    "crossMarginSummary": _SUMMARY,
    "crossMaintenanceMarginUsed": "1.634377",
    "withdrawable": "13104.034403",
    "assetPositions": [
        {
            "type": "oneWay",
            "position": {
                "coin": "BTC",
                "szi": "0.001",
                "leverage": {"type": "cross", "value": 20},
                "entryPx": "108950.0",
                "positionValue": "108.9585",
                "unrealizedPnl": "0.0085",
                "returnOnEquity": "0.0015601",
                "liquidationPx": None,
                "marginUsed": "5.447925",
                "maxLeverage": 40,
                "cumFunding": {"allTime": "-0.03", "sinceOpen": "0.0", "sinceChange": "0.0"},
            },
        },
        {
            "type": "oneWay",
            "position": {
                "coin": "ETH",
                "szi": "-0.5",
                "leverage": {"type": "isolated", "value": 5, "rawUsd": "1450.3"},
                "entryPx": "2430.0",
                "positionValue": "1213.575",
                "unrealizedPnl": "1.425",
                "returnOnEquity": "0.0058641975",
                "liquidationPx": "2893.1",
                "marginUsed": "236.725",
                "maxLeverage": 25,
                "cumFunding": {"allTime": "0.4", "sinceOpen": "0.1", "sinceChange": "0.1"},
            },
        },
    ],
    "time": 1751492751597,
}

SPOT_STATE: Final[dict[str, Any]] = {
    "balances": [
        {"coin": "USDC", "token": 0, "total": "98491.416604", "hold": "0.0", "entryNtl": "0.0"},
        {"coin": "PURR", "token": 1, "total": "2000.0", "hold": "100.0", "entryNtl": "380.0"},
        {"coin": "+12", "total": "5.0", "hold": "0.0", "entryNtl": "2.5"},
    ],
    "evmEscrows": [{"coin": "HYPE", "token": 150, "total": "1.5"}],
}

_BASIC_ORDER: Final = {
    "coin": "BTC",
    "side": "B",
    "limitPx": "109402.0",
    "sz": "0.001",
    "oid": KNOWN_OID,
    "timestamp": 1751494125554,
    "origSz": "0.001",
    "cloid": KNOWN_CLOID,
}

FRONTEND_ORDER: Final[dict[str, Any]] = {
    **_BASIC_ORDER,
    "triggerCondition": "N/A",
    "isTrigger": False,
    "triggerPx": "0.0",
    "children": [
        {
            "coin": "BTC",
            "side": "A",
            "limitPx": "120000.0",
            "sz": "0.001",
            "oid": KNOWN_OID + 1,
            "timestamp": 1751494125554,
            "origSz": "0.001",
            "triggerCondition": "Price above 120000",
            "isTrigger": True,
            "triggerPx": "120000.0",
            "children": [],
            "isPositionTpsl": False,
            "reduceOnly": True,
            "orderType": "Take Profit Market",
            "tif": None,
            "cloid": None,
        }
    ],
    "isPositionTpsl": False,
    "reduceOnly": False,
    "orderType": "Limit",
    "tif": "Gtc",
}

_HISTORICAL_ORDER: Final[dict[str, Any]] = {
    "order": {**FRONTEND_ORDER, "sz": "0.0", "children": []},
    "status": "filled",
    "statusTimestamp": 1751494130001,
}

_FILL: Final = {
    "coin": "BTC",
    "px": "108969.0",
    "sz": "0.00845",
    "side": "A",
    "time": 1751500067235,
    "startPosition": "0.00845",
    "dir": "Close Long",
    "closedPnl": "27.63488",
    "hash": _HASH,
    "oid": 34783837615,
    "crossed": True,
    "fee": "0.414354",
    "tid": 443403645240311,
    "feeToken": "USDC",
    "twapId": None,
}

FILLS: Final[list[dict[str, Any]]] = [
    _FILL,
    {
        "coin": "PURR/USDC",
        "px": "5.3157",
        "sz": "100.0",
        "side": "B",
        "time": 1750181279210,
        "startPosition": "0.0",
        "dir": "Buy",
        "closedPnl": "0.0",
        "hash": "0x60a745efefe8c326a6ba0417199184011400f1fe00066632546e7d5cd6105144",
        "oid": 33974868093,
        "crossed": True,
        "fee": "0.07",
        "tid": 7401842042654,
        "feeToken": "PURR",
        "builderFee": "0.01",
        "cloid": KNOWN_CLOID,
    },
    {
        **_FILL,
        "tid": 443403645240312,
        "dir": "Close Long",
        "liquidation": {"liquidatedUser": USER, "markPx": "108900.0", "method": "market"},
    },
]

_TWAP_STATE: Final = {
    "coin": "BTC",
    "user": USER,
    "side": "B",
    "sz": "0.02",
    "executedSz": "0.00525",
    "executedNtl": "551.649",
    "minutes": 5,
    "reduceOnly": False,
    "randomize": True,
    "timestamp": 1750330465288,
}

_TWAP_SLICE_FILLS: Final = [
    {
        "fill": {
            **_FILL,
            "hash": _ZERO_HASH,
            "side": "B",
            "dir": "Open Long",
            "twapId": 6552,
        },
        "twapId": 6552,
    }
]

LEDGER_UPDATES: Final[list[dict[str, Any]]] = [
    {
        "time": 1750018761251,
        "hash": "0x0ade444a97058e9a476604170be542010f0026576fdf20eeafe97118d5e66937",
        "delta": {"type": "accountClassTransfer", "usdc": "1.0", "toPerp": True},
    },
    {
        "time": 1750181964795,
        "hash": "0xe822977f1bca12d620591c0fa0a484007ebf6da11d0b906081037eab71c99030",
        "delta": {"type": "withdraw", "usdc": "99.0", "nonce": 1750181714145000, "fee": "1.0"},
    },
    {
        "time": 1750182000000,
        "hash": _HASH,
        "delta": {
            "type": "spotTransfer",
            "token": "PURR",
            "amount": "10.0",
            "usdcValue": "1.9",
            "user": USER,
            "destination": OTHER_USER,
            "fee": "0.0",
            "nativeTokenFee": "0.0",
            "nonce": 1750181999000,
            "feeToken": "USDC",
        },
    },
    {
        "time": 1750183000000,
        "hash": _HASH,
        "delta": {"type": "vaultDeposit", "vault": KNOWN_VAULT, "usdc": "100.0"},
    },
]

# --- user handlers -------------------------------------------------------------------------


def _user(payload: Mapping[str, Any]) -> str:
    return str(payload.get("user", ""))


def _order_status(payload: Mapping[str, Any]) -> Any:
    oid = payload.get("oid")
    if oid in (KNOWN_OID, KNOWN_CLOID):
        return {"status": "order", "order": _HISTORICAL_ORDER}
    return {"status": "unknownOid"}


def _sub_accounts_with(perp: Mapping[str, Any]) -> Callable[[Mapping[str, Any]], Any]:
    """``subAccounts`` (``perp`` is its ``clearinghouseState``) or ``subAccounts2`` (its
    ``dexToClearinghouseState``): the same sub-account, its perp state in either shape."""

    def reply(payload: Mapping[str, Any]) -> Any:
        if _user(payload) != USER:
            return None
        return [
            {
                "name": "market maker",
                "subAccountUser": "0x035605fc2f24d65300227189025e90a0d947f16c",
                "master": USER,
                **perp,
                "spotState": SPOT_STATE,
            }
        ]

    return reply


def _portfolio_period(value: str) -> dict[str, Any]:
    return {
        "accountValueHistory": [[1751400000000, value], [1751486400000, value]],
        "pnlHistory": [[1751400000000, "0.0"], [1751486400000, "-12.5"]],
        "vlm": "2231.27",
    }


PORTFOLIO: Final[list[Any]] = [
    [period, _portfolio_period("13109.48")]
    for period in (
        "day",
        "week",
        "month",
        "allTime",
        "perpDay",
        "perpWeek",
        "perpMonth",
        "perpAllTime",
    )
]

_FOLLOWER: Final = {
    "user": USER,
    "vaultEquity": "1021.482",
    "pnl": "21.482",
    "allTimePnl": "21.482",
    "daysFollowing": 12,
    "vaultEntryTime": 1750400000000,
    "lockupUntil": 1750745600000,
}


def _vault_details(payload: Mapping[str, Any]) -> Any:
    if payload.get("vaultAddress") != KNOWN_VAULT:
        return None
    return {
        "name": "Hyperliquidity Provider (HLP)",
        "vaultAddress": KNOWN_VAULT,
        "leader": "0x677d831aef5328190852e24f13c46cac05f984e7",
        "description": "This community-owned vault provides liquidity to Hyperliquid.",
        "portfolio": PORTFOLIO,
        "apr": 0.0914210526,
        "followerState": _FOLLOWER if payload.get("user") else None,
        "leaderFraction": 0.0007,
        "leaderCommission": 0,
        "followers": [{**_FOLLOWER, "user": "Leader"}, _FOLLOWER],
        "maxDistributable": 5000000.25,
        "maxWithdrawable": 1021.48,
        "isClosed": False,
        "relationship": {
            "type": "parent",
            "data": {"childAddresses": ["0x010461c14e146ac35fe42271bdc1134ee31c703a"]},
        },
        "allowDeposits": True,
        "alwaysCloseOnWithdraw": False,
    }


_REFERRAL: Final = {
    "referredBy": {"referrer": OTHER_USER, "code": "TESTNET"},
    "cumVlm": "153456.5",
    "unclaimedRewards": "1.25",
    "claimedRewards": "3.5",
    "builderRewards": "0.0",
    "referrerState": {
        "stage": "ready",
        "data": {
            "code": "MYCODE",
            "nReferrals": 1,
            "referralStates": [
                {
                    "cumVlm": "1000.0",
                    "cumRewardedFeesSinceReferred": "0.4",
                    "cumFeesRewardedToReferrer": "0.4",
                    "timeJoined": 1750000000000,
                    "user": OTHER_USER,
                    "tokenToState": [
                        [
                            0,
                            {
                                "cumVlm": "1000.0",
                                "cumRewardedFeesSinceReferred": "0.4",
                                "cumFeesRewardedToReferrer": "0.4",
                            },
                        ]
                    ],
                }
            ],
        },
    },
    "rewardHistory": [
        {"earned": "1.0", "vlm": "3000.0", "referralVlm": "1000.0", "time": 1750100000000}
    ],
    "tokenToState": [
        [
            0,
            {
                "cumVlm": "153456.5",
                "unclaimedRewards": "1.25",
                "claimedRewards": "3.5",
                "builderRewards": "0.0",
            },
        ]
    ],
}

_USER_FEES: Final = {
    "dailyUserVlm": [
        {
            "date": "2025-07-01",
            "userCross": "1532.5",
            "userAdd": "210.0",
            "exchange": "2093217831.87",
        }
    ],
    "feeSchedule": {
        "cross": "0.00045",
        "add": "0.00015",
        "spotCross": "0.0007",
        "spotAdd": "0.0004",
        "tiers": {
            "vip": [
                {
                    "ntlCutoff": "5000000.0",
                    "cross": "0.0004",
                    "add": "0.00012",
                    "spotCross": "0.0006",
                    "spotAdd": "0.0003",
                }
            ],
            "mm": [{"makerFractionCutoff": "0.005", "add": "-0.00001"}],
        },
        "referralDiscount": "0.04",
        "stakingDiscountTiers": [{"bpsOfMaxSupply": "0.0001", "discount": "0.05"}],
    },
    "userCrossRate": "0.000315",
    "userAddRate": "0.000105",
    "userSpotCrossRate": "0.00049",
    "userSpotAddRate": "0.00028",
    "activeReferralDiscount": "0.04",
    "trial": None,
    "feeTrialEscrow": "0.0",
    "nextTrialAvailableTimestamp": None,
    "stakingLink": None,
    "activeStakingDiscount": {"bpsOfMaxSupply": "0.0", "discount": "0.0"},
}

_SPOT_DEPLOY_STATE: Final = {
    "states": [
        {
            "token": 1205,
            "spec": {"name": "TESTX", "szDecimals": 2, "weiDecimals": 8},
            "fullName": "Test token",
            "deployerTradingFeeShare": "1.0",
            "spots": [1100],
            "maxSupply": "1000000000.0",
            "hyperliquidityGenesisBalance": "0.0",
            "totalGenesisBalanceWei": "100000000000000000",
            "userGenesisBalances": [[USER, "1000000000.0"]],
            "existingTokenGenesisBalances": [[1, "0.0"]],
            "blacklistUsers": [],
        }
    ],
    "gasAuction": _AUCTION,
}

_TOKEN_DETAILS: Final = {
    "name": "PURR",
    "maxSupply": "1000000000.0",
    "totalSupply": "999999991.0",
    "circulatingSupply": "596111025.6",
    "szDecimals": 0,
    "weiDecimals": 5,
    "midPx": "0.19126",
    "markPx": "0.19121",
    "prevDayPx": "0.18",
    "genesis": {
        "userBalances": [["0xffffffffffffffffffffffffffffffffffffffff", "600000000.0"]],
        "existingTokenBalances": [],
        "blacklistUsers": [],
    },
    "deployer": None,
    "deployGas": None,
    "deployTime": None,
    "seededUsdc": "0.0",
    "nonCirculatingUserBalances": [["0xffffffffffffffffffffffffffffffffffffffff", "403888965.4"]],
    "futureEmissions": "0.0",
}

_OUTCOME_SPEC: Final = {
    "outcome": 12,
    "name": "BTC above 100k on 2026-07-12",
    "description": "Settles Yes if the BTC oracle price is above 100000.",
    "sideSpecs": [{"name": "Yes", "token": 1300}, {"name": "No", "token": 1301}],
}


def _settled_outcome(payload: Mapping[str, Any]) -> Any:
    if payload.get("outcome") != 12:
        return None
    return {
        "spec": {**_OUTCOME_SPEC, "quoteToken": "USDC", "deployer": USER},
        "settleFraction": "1.0",
        "details": "oracle 108963.5",
        "question": {
            "question": {"settled": 3},
            "name": "BTC in July",
            "description": "Where will BTC be?",
        },
    }


_RESERVE: Final = {
    "borrowYearlyRate": "0.05",
    "supplyYearlyRate": "0.0425",
    "balance": "1000000.0",
    "utilization": "0.85",
    "oraclePx": "1.0",
    "ltv": "0.0",
    "totalSupplied": "1176470.5",
    "totalBorrowed": "1000000.0",
}


def _const(value: Any) -> Callable[[Mapping[str, Any]], Any]:
    return lambda _payload: value


DEFAULT_INFO_HANDLERS: Final[dict[str, Callable[[Mapping[str, Any]], Any]]] = {
    # -- market data --
    "allMids": _all_mids,
    "l2Book": _l2_book,
    "candleSnapshot": _candles,
    "recentTrades": _recent_trades,
    "meta": _meta,
    "metaAndAssetCtxs": _meta_and_ctxs,
    "allPerpMetas": _const([MAIN_META, TEST_DEX_META]),
    "spotMeta": _const(SPOT_META),
    "spotMetaAndAssetCtxs": lambda _p: [SPOT_META, _spot_ctxs()],
    "perpDexs": _const(PERP_DEXS),
    "perpDexLimits": lambda p: (
        {
            "totalOiCap": "10000000.0",
            "oiSzCapPerPerp": "10000000.0",
            "maxTransferNtl": "100000000.0",
            "coinToOiCap": [["test:ABC", "1000000.0"]],
        }
        if p.get("dex") == BUILDER_DEX
        else None
    ),
    "perpDexStatus": _const({"totalNetDeposit": "4103492.112"}),
    "marginTable": lambda p: next(
        (table for table_id, table in _MARGIN_TABLES if table_id == p.get("id")), None
    ),
    "fundingHistory": _funding_history,
    "predictedFundings": _const(
        [
            [
                "BTC",
                [
                    [
                        "BinPerp",
                        {
                            "fundingRate": "0.0001",
                            "nextFundingTime": 1751500800000,
                            "fundingIntervalHours": 8,
                        },
                    ],
                    ["HlPerp", {"fundingRate": "0.0000125", "nextFundingTime": 1751497200000}],
                    ["BybitPerp", None],
                ],
            ]
        ]
    ),
    "perpsAtOpenInterestCap": _const(["MATIC"]),
    "perpDeployAuctionStatus": _const(_AUCTION),
    "spotPairDeployAuctionStatus": _const(_AUCTION),
    "gossipPriorityAuctionStatus": _const([["52.68.71.160", None], [_AUCTION, _AUCTION]]),
    "gossipRootIps": _const(["52.68.71.160", "13.230.78.76"]),
    "perpAnnotation": lambda p: (
        {"category": "layer1", "description": "Bitcoin, the first blockchain."}
        if p.get("coin") == "BTC"
        else None
    ),
    "perpCategories": _const([["BTC", "layer1"], ["ETH", "layer1"], ["HYPE", "defi"]]),
    "perpConciseAnnotations": _const(
        [
            ["BTC", {"category": "layer1", "keywords": ["bitcoin"]}],
            ["test:ABC", {"category": "stocks", "displayName": "ABC Corp"}],
        ]
    ),
    "maxMarketOrderNtls": _const([[40, "4000000.0"], [10, "1000000.0"]]),
    "liquidatable": _const(
        [
            {
                "user": OTHER_USER,
                "positionIndex": {"isolated": {"asset": 1}},
                "marginAvailable": [0, 1],
            }
        ]
    ),
    "exchangeStatus": _const({"time": 1751493540000, "specialStatuses": None}),
    "usdcRouting": _const({"depositRoute": "bridge", "withdrawalRoute": "cctp"}),
    "tokenDetails": _const(_TOKEN_DETAILS),
    "validatorSummaries": _const(
        [
            {
                "validator": VALIDATOR,
                "signer": OTHER_USER,
                "name": "Hypurr Collective",
                "description": "A validator.",
                "nRecentBlocks": 1650,
                "stake": 4295470153710345,
                "isJailed": False,
                "unjailableAfter": None,
                "isActive": True,
                "commission": "0.04",
                "stats": [
                    [
                        period,
                        {"uptimeFraction": "0.999", "predictedApr": "0.0231", "nSamples": 1440},
                    ]
                    for period in ("day", "week", "month")
                ],
            }
        ]
    ),
    "validatorL1Votes": _const(
        [{"expireTime": 1751500000000, "action": {"D": "BTC"}, "votes": [VALIDATOR]}]
    ),
    "vaultSummaries": _const(
        [
            {
                "name": "new vault",
                "vaultAddress": "0x010461c14e146ac35fe42271bdc1134ee31c703a",
                "leader": USER,
                "tvl": "100.0",
                "isClosed": False,
                "relationship": {"type": "normal"},
                "createTimeMillis": 1751490000000,
            }
        ]
    ),
    "allBorrowLendReserveStates": lambda _p: [[0, _RESERVE]],
    "borrowLendReserveState": lambda _p: _RESERVE,
    "outcomeMeta": _const(
        {
            "outcomes": [_OUTCOME_SPEC],
            "questions": [
                {
                    "question": 3,
                    "name": "BTC in July",
                    "description": "Where will BTC be?",
                    "fallbackOutcome": 11,
                    "namedOutcomes": [12, 13],
                    "settledNamedOutcomes": [12],
                }
            ],
        }
    ),
    "outcomeTemplates": _const(
        [
            {
                "id": "priceAbove",
                "role": {"standaloneOutcome": {"sideNames": ["Yes", "No"]}},
                "name": "{coin} above {price} on {date}",
                "description": "Settles Yes if {coin} is above {price} at {date}.",
                "keywords": [["coin", "hlPerp"], ["price", "string"], ["date", "date"]],
            }
        ]
    ),
    "settledOutcome": _settled_outcome,
    # -- user queries --
    "clearinghouseState": _const(CLEARINGHOUSE_STATE),
    "spotClearinghouseState": _const(SPOT_STATE),
    "openOrders": _const([_BASIC_ORDER, {**_BASIC_ORDER, "oid": 1, "cloid": None}]),
    "frontendOpenOrders": _const([FRONTEND_ORDER]),
    "userFills": _const(FILLS),
    "userFillsByTime": _const(FILLS),
    "historicalOrders": _const([_HISTORICAL_ORDER]),
    "orderStatus": _order_status,
    "userFunding": _const(
        [
            {
                "time": 1751137200183,
                "hash": _ZERO_HASH,
                "delta": {
                    "type": "funding",
                    "coin": "BTC",
                    "usdc": "-0.024289",
                    "szi": "0.00695",
                    "fundingRate": "0.0000325657",
                    "nSamples": None,
                },
            }
        ]
    ),
    "userNonFundingLedgerUpdates": _const(LEDGER_UPDATES),
    "userFees": _const(_USER_FEES),
    "userRateLimit": _const(
        {
            "cumVlm": "2854574.593578",
            "nRequestsUsed": 2890,
            "nRequestsCap": 2864574,
            "nRequestsSurplus": 0,
        }
    ),
    "userRole": lambda p: (
        {"role": "user"} if _user(p) == USER else {"role": "subAccount", "data": {"master": USER}}
    ),
    "subAccounts": _sub_accounts_with({"clearinghouseState": CLEARINGHOUSE_STATE}),
    "subAccounts2": _sub_accounts_with({"dexToClearinghouseState": [["", CLEARINGHOUSE_STATE]]}),
    "vaultDetails": _vault_details,
    "userVaultEquities": _const(
        [
            {
                "vaultAddress": KNOWN_VAULT,
                "equity": "742500.082809",
                "lockedUntilTimestamp": 1751500000000,
            }
        ]
    ),
    "leadingVaults": _const([{"address": KNOWN_VAULT, "name": "Hyperliquidity Provider (HLP)"}]),
    "delegations": _const(
        [
            {
                "validator": VALIDATOR,
                "amount": "12060.16529862",
                "lockedUntilTimestamp": 1735466781353,
            }
        ]
    ),
    "delegatorSummary": _const(
        {
            "delegated": "12060.16529862",
            "undelegated": "0.0",
            "totalPendingWithdrawal": "0.0",
            "nPendingWithdrawals": 0,
        }
    ),
    "delegatorHistory": _const(
        [
            {
                "time": 1735380381353,
                "hash": _HASH,
                "delta": {
                    "delegate": {
                        "validator": VALIDATOR,
                        "amount": "10000.0",
                        "isUndelegate": False,
                    }
                },
            },
            {"time": 1735380300000, "hash": _HASH, "delta": {"cDeposit": {"amount": "10000.0"}}},
            {
                "time": 1735380200000,
                "hash": _HASH,
                "delta": {"withdrawal": {"amount": "5.0", "phase": "finalized"}},
            },
        ]
    ),
    "delegatorRewards": _const(
        [
            {"time": 1736726400073, "source": "delegation", "totalAmount": "0.73117184"},
            {"time": 1736726400073, "source": "commission", "totalAmount": "130.76445876"},
        ]
    ),
    "portfolio": _const(PORTFOLIO),
    "referral": _const(_REFERRAL),
    "maxBuilderFee": _const(10),
    "approvedBuilders": _const([BUILDER]),
    "spotDeployState": _const(_SPOT_DEPLOY_STATE),
    "activeAssetData": lambda p: {
        "user": _user(p),
        "coin": p.get("coin"),
        "leverage": {"type": "cross", "value": 20},
        "maxTradeSzs": ["0.45787", "0.45987"],
        "availableToTrade": ["65754.376128", "65765.272428"],
        "markPx": "108963.0",
    },
    "userTwapSliceFills": _const(_TWAP_SLICE_FILLS),
    "userTwapSliceFillsByTime": _const(_TWAP_SLICE_FILLS),
    "twapHistory": _const(
        [
            {
                "time": 1750330465,
                "state": _TWAP_STATE,
                "status": {"status": "activated"},
                "twapId": 6552,
            },
            {
                "time": 1750330000,
                "state": {
                    **_TWAP_STATE,
                    "stopPx": None,
                    "trigger": {"px": "100000.0", "above": False},
                },
                "status": {"status": "error", "description": "Insufficient margin"},
            },
        ]
    ),
    "extraAgents": _const([{"address": OTHER_USER, "name": "bot", "validUntil": 1782000000000}]),
    "isVip": _const(False),
    "legalCheck": _const({"ipAllowed": True, "acceptedTerms": True, "userAllowed": True}),
    "preTransferCheck": _const(
        {"fee": "1.0", "isSanctioned": False, "userExists": True, "userHasSentTx": True}
    ),
    "userToMultiSigSigners": lambda p: (
        {"authorizedUsers": [OTHER_USER, USER], "threshold": 2} if _user(p) == USER else None
    ),
    "userAbstraction": _const("unifiedAccount"),
    "userDexAbstraction": _const(True),
    "borrowLendUserState": _const(
        {
            "tokenToState": [
                [
                    0,
                    {
                        "borrow": {"basis": "0.0", "value": "0.0"},
                        "supply": {"basis": "100.0", "value": "100.5"},
                    },
                ]
            ],
            "health": "healthy",
            "healthFactor": None,
        }
    ),
    "userBorrowLendInterest": _const(
        [{"time": 1751490000000, "token": "USDC", "borrow": "0.0", "supply": "0.0125"}]
    ),
    "webData2": lambda p: {
        "clearinghouseState": CLEARINGHOUSE_STATE,
        "leadingVaults": [],
        "totalVaultEquity": "0.0",
        "openOrders": [FRONTEND_ORDER],
        "agentAddress": None,
        "agentValidUntil": None,
        "cumLedger": "0.0",
        "meta": MAIN_META,
        "assetCtxs": _perp_ctxs(""),
        "serverTime": 1751492751597,
        "isVault": False,
        "user": _user(p),
        "twapStates": [[6552, _TWAP_STATE]],
        "spotAssetCtxs": _spot_ctxs(),
        "perpsAtOpenInterestCap": ["MATIC"],
    },
}
"""Info request ``type`` -> handler computing the reply ``data`` from the request payload."""


def install_default_info(fake: FakeHyperliquid, *, replace: bool = False) -> None:
    """Answer every info request type with the default replies described above.

    Args:
        fake: the fake server (its HTTP side shares the same handlers).
        replace: also replace handlers the test already set (by default those are kept,
            so a test can script one type and take the defaults for the rest).
    """
    for info_type, handler in DEFAULT_INFO_HANDLERS.items():
        if replace or info_type not in fake.info_handlers:
            fake.info_handlers[info_type] = handler
