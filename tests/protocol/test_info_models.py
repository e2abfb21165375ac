"""Info requests: wire bodies, parameter validation, and every reply model decoding a
realistic payload with the strict converter (unknown keys rejected)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from trio_hl._convert import CONVERTER, make_converter
from trio_hl._protocol._replies import unwrap_reply
from trio_hl.errors import ConfigurationError, DecodeError
from trio_hl.models import info as mi
from trio_hl.models.account import WebData2
from trio_hl.models.market import AllMids
from trio_hl.models.user import UnknownLedgerDelta
from trio_hl.testing._info_fixtures import (
    DEFAULT_INFO_HANDLERS,
    KNOWN_CLOID,
    KNOWN_OID,
    KNOWN_VAULT,
    USER,
)

STRICT = make_converter(forbid_extra_keys=True)
U = USER

# One request of every type, with the parameters its default fixture answers best.
SAMPLES: list[mi.InfoRequest[Any]] = [
    mi.ActiveAssetDataRequest(user=U, coin="BTC"),
    mi.AllBorrowLendReserveStatesRequest(),
    mi.AllMidsRequest(),
    mi.AllPerpMetasRequest(),
    mi.ApprovedBuildersRequest(user=U),
    mi.BorrowLendReserveStateRequest(token=0),
    mi.BorrowLendUserStateRequest(user=U),
    mi.CandleSnapshotRequest(coin="BTC", interval="1m", start_time=1751493540000),
    mi.ClearinghouseStateRequest(user=U),
    mi.DelegationsRequest(user=U),
    mi.DelegatorHistoryRequest(user=U),
    mi.DelegatorRewardsRequest(user=U),
    mi.DelegatorSummaryRequest(user=U),
    mi.ExchangeStatusRequest(),
    mi.ExtraAgentsRequest(user=U),
    mi.FrontendOpenOrdersRequest(user=U),
    mi.FundingHistoryRequest(coin="BTC", start_time=1),
    mi.GossipPriorityAuctionStatusRequest(),
    mi.GossipRootIpsRequest(),
    mi.HistoricalOrdersRequest(user=U),
    mi.IsVipRequest(user=U),
    mi.L2BookRequest(coin="BTC"),
    mi.LeadingVaultsRequest(user=U),
    mi.LegalCheckRequest(user=U),
    mi.LiquidatableRequest(),
    mi.MarginTableRequest(id=10),
    mi.MaxBuilderFeeRequest(user=U, builder=U),
    mi.MaxMarketOrderNtlsRequest(),
    mi.MetaRequest(),
    mi.MetaAndAssetCtxsRequest(),
    mi.OpenOrdersRequest(user=U),
    mi.OrderStatusRequest(user=U, oid=KNOWN_OID),
    mi.OutcomeMetaRequest(),
    mi.OutcomeTemplatesRequest(),
    mi.PerpAnnotationRequest(coin="BTC"),
    mi.PerpCategoriesRequest(),
    mi.PerpConciseAnnotationsRequest(),
    mi.PerpDeployAuctionStatusRequest(),
    mi.PerpDexLimitsRequest(dex="test"),
    mi.PerpDexStatusRequest(dex=""),
    mi.PerpDexsRequest(),
    mi.PerpsAtOpenInterestCapRequest(),
    mi.PortfolioRequest(user=U),
    mi.PreTransferCheckRequest(user=U, source=U),
    mi.PredictedFundingsRequest(),
    mi.RecentTradesRequest(coin="BTC"),
    mi.ReferralRequest(user=U),
    mi.SettledOutcomeRequest(outcome=12),
    mi.SpotClearinghouseStateRequest(user=U),
    mi.SpotDeployStateRequest(user=U),
    mi.SpotMetaRequest(),
    mi.SpotMetaAndAssetCtxsRequest(),
    mi.SpotPairDeployAuctionStatusRequest(),
    mi.SubAccountsRequest(user=U),
    mi.SubAccounts2Request(user=U),
    mi.TokenDetailsRequest(token_id="0xc1fb593aeffbeb02f85e0308e9956a90"),
    mi.TwapHistoryRequest(user=U),
    mi.UsdcRoutingRequest(),
    mi.UserAbstractionRequest(user=U),
    mi.UserBorrowLendInterestRequest(user=U, start_time=0),
    mi.UserDexAbstractionRequest(user=U),
    mi.UserFeesRequest(user=U),
    mi.UserFillsRequest(user=U),
    mi.UserFillsByTimeRequest(user=U, start_time=0),
    mi.UserFundingRequest(user=U, start_time=0),
    mi.UserNonFundingLedgerUpdatesRequest(user=U),
    mi.UserRateLimitRequest(user=U),
    mi.UserRoleRequest(user=U),
    mi.UserToMultiSigSignersRequest(user=U),
    mi.UserTwapSliceFillsRequest(user=U),
    mi.UserTwapSliceFillsByTimeRequest(user=U, start_time=0),
    mi.UserVaultEquitiesRequest(user=U),
    mi.ValidatorL1VotesRequest(),
    mi.ValidatorSummariesRequest(),
    mi.VaultDetailsRequest(vault_address=KNOWN_VAULT, user=U),
    mi.VaultSummariesRequest(),
    mi.WebData2Request(user=U),
]

# Every info request type of the reference (shared/reference/info-and-exchange.md §2).
REFERENCE_TYPES = [
    "activeAssetData",
    "allBorrowLendReserveStates",
    "allMids",
    "allPerpMetas",
    "approvedBuilders",
    "borrowLendReserveState",
    "borrowLendUserState",
    "candleSnapshot",
    "clearinghouseState",
    "delegations",
    "delegatorHistory",
    "delegatorRewards",
    "delegatorSummary",
    "exchangeStatus",
    "extraAgents",
    "frontendOpenOrders",
    "fundingHistory",
    "gossipPriorityAuctionStatus",
    "gossipRootIps",
    "historicalOrders",
    "isVip",
    "l2Book",
    "leadingVaults",
    "legalCheck",
    "liquidatable",
    "marginTable",
    "maxBuilderFee",
    "maxMarketOrderNtls",
    "meta",
    "metaAndAssetCtxs",
    "openOrders",
    "orderStatus",
    "outcomeMeta",
    "outcomeTemplates",
    "perpAnnotation",
    "perpCategories",
    "perpConciseAnnotations",
    "perpDeployAuctionStatus",
    "perpDexLimits",
    "perpDexStatus",
    "perpDexs",
    "perpsAtOpenInterestCap",
    "portfolio",
    "preTransferCheck",
    "predictedFundings",
    "recentTrades",
    "referral",
    "settledOutcome",
    "spotClearinghouseState",
    "spotDeployState",
    "spotMeta",
    "spotMetaAndAssetCtxs",
    "spotPairDeployAuctionStatus",
    "subAccounts",
    "subAccounts2",
    "tokenDetails",
    "twapHistory",
    "usdcRouting",
    "userAbstraction",
    "userBorrowLendInterest",
    "userDexAbstraction",
    "userFees",
    "userFills",
    "userFillsByTime",
    "userFunding",
    "userNonFundingLedgerUpdates",
    "userRateLimit",
    "userRole",
    "userToMultiSigSigners",
    "userTwapSliceFills",
    "userTwapSliceFillsByTime",
    "userVaultEquities",
    "validatorL1Votes",
    "validatorSummaries",
    "vaultDetails",
    "vaultSummaries",
    "webData2",
]


def _reply(request: mi.InfoRequest[Any]) -> Any:
    """The default fixture's reply, through JSON like the wire."""
    return json.loads(json.dumps(DEFAULT_INFO_HANDLERS[request.TYPE](request.to_wire())))


def test_every_reference_type_has_a_request_a_sample_and_a_fixture() -> None:
    assert set(mi.INFO_REQUESTS) == set(REFERENCE_TYPES)
    assert {type(r) for r in SAMPLES} == set(mi.INFO_REQUESTS.values())
    assert set(DEFAULT_INFO_HANDLERS) == set(REFERENCE_TYPES)


@pytest.mark.parametrize("request_", SAMPLES, ids=lambda r: r.TYPE)
def test_every_reply_decodes_strictly(request_: mi.InfoRequest[Any]) -> None:
    data = _reply(request_)
    strict = request_.decode(data, STRICT)
    assert strict is not None
    assert request_.decode(data) == strict  # the production converter agrees


# --- replies recorded or documented in the references ------------------------------------


def test_web_data2_reference_sample() -> None:
    data = json.loads(
        '{"clearinghouseState":{"marginSummary":{"accountValue":"0.0","totalNtlPos":"0.0",'
        '"totalRawUsd":"0.0","totalMarginUsed":"0.0"},"crossMarginSummary":{"accountValue":"0.0",'
        '"totalNtlPos":"0.0","totalRawUsd":"0.0","totalMarginUsed":"0.0"},'
        '"crossMaintenanceMarginUsed":"0.0","withdrawable":"0.0","assetPositions":[],'
        '"time":1751492751597},"leadingVaults":[],"totalVaultEquity":"0.0","openOrders":[],'
        '"agentAddress":null,"agentValidUntil":null,"cumLedger":"0.0","meta":{"universe":'
        '[{"szDecimals":2,"name":"SOL","maxLeverage":10,"marginTableId":10}],"marginTables":'
        '[[50,{"description":"","marginTiers":[{"lowerBound":"0.0","maxLeverage":50}]}]]},'
        '"assetCtxs":[{"funding":"0.0000125","openInterest":"6084.52","prevDayPx":"146.64",'
        '"dayNtlVlm":"322528.0396000001","premium":"0.0005207655","oraclePx":"153.62",'
        '"markPx":"153.7","midPx":"153.72","impactPxs":["153.7","153.74"],"dayBaseVlm":"2171.39"}],'
        '"serverTime":1751492751597,"isVault":false,"user":"0x0000000000000000000000000000000000000000",'
        '"twapStates":[],"spotAssetCtxs":[],"perpsAtOpenInterestCap":["HYPE"]}'
    )
    reply = mi.WebData2Request(user=U).decode(data, STRICT)
    assert isinstance(reply, WebData2)
    assert reply.asset_ctxs[0].day_ntl_vlm == Decimal("322528.0396000001")
    assert reply.spot_state is None


def test_perp_dexs_decode_the_2025_snake_case_form() -> None:
    data = [
        None,
        {
            "name": "test",
            "full_name": "test dex",
            "deployer": "0x5e9ee1089755c3435139848e47e6635505d5a13a",
            "oracle_updater": None,
        },
    ]
    dexs = mi.PerpDexsRequest().decode(data, STRICT)
    assert dexs[0] is None
    assert dexs[1] == mi.PerpDex(
        name="test", full_name="test dex", deployer="0x5e9ee1089755c3435139848e47e6635505d5a13a"
    )


def test_user_rate_limit_without_the_newer_surplus() -> None:
    data = {"cumVlm": "2854574.593578", "nRequestsUsed": 2890, "nRequestsCap": 2864574}
    assert mi.UserRateLimitRequest(user=U).decode(data, STRICT).n_requests_surplus is None


def test_unknown_variants_keep_their_raw_json() -> None:
    ledger = [{"time": 1, "hash": "0x00", "delta": {"type": "newKind", "amount": "1"}}]
    (update,) = mi.UserNonFundingLedgerUpdatesRequest(user=U).decode(ledger, STRICT)
    assert update.delta == UnknownLedgerDelta(
        type="newKind", raw={"type": "newKind", "amount": "1"}
    )
    history = [{"time": 1, "hash": "0x00", "delta": {"restake": {"amount": "1"}}}]
    (entry,) = mi.DelegatorHistoryRequest(user=U).decode(history, STRICT)
    assert entry.delta == mi.UnknownDelegatorDelta(raw={"restake": {"amount": "1"}})


def test_order_status_unknown_oid() -> None:
    reply = mi.OrderStatusRequest(user=U, oid=7).decode({"status": "unknownOid"}, STRICT)
    assert reply == mi.OrderStatusResult(status="unknownOid")
    assert not reply.found


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        (mi.AllMidsRequest(dex="nope"), None),
        (mi.L2BookRequest(coin="NOPE"), None),
        (mi.VaultDetailsRequest(vault_address=USER), None),
        (mi.SubAccountsRequest(user=U), ()),
        (mi.SubAccounts2Request(user=U), ()),
        (mi.UserToMultiSigSignersRequest(user=U), None),
        (mi.SettledOutcomeRequest(outcome=1), None),
        (mi.PerpAnnotationRequest(coin="ETH"), None),
        (mi.PerpDexLimitsRequest(dex=""), None),
        (mi.UserDexAbstractionRequest(user=U), None),
    ],
    ids=lambda v: getattr(v, "TYPE", repr(v)),
)
def test_documented_null_replies(request_: mi.InfoRequest[Any], expected: object) -> None:
    assert request_.decode(None, STRICT) == expected


@pytest.mark.parametrize(
    "request_",
    [mi.MetaRequest(), mi.ClearinghouseStateRequest(user=U), mi.UserFillsRequest(user=U)],
)
def test_undocumented_null_reply_is_a_decode_error(request_: mi.InfoRequest[Any]) -> None:
    with pytest.raises(DecodeError, match=f"'{request_.TYPE}' answered null"):
        request_.decode(None)


MALFORMED_REPLIES: list[tuple[mi.InfoRequest[Any], Any, str]] = [
    (mi.UserRateLimitRequest(user=U), {"cumVlm": "x"}, "userRateLimit"),
    (mi.AllMidsRequest(), ["BTC"], "allMids"),
    (mi.MetaAndAssetCtxsRequest(), [{}], r"metaAndAssetCtxs.*\[meta, contexts\]"),
    (mi.PerpDexsRequest(), {}, "list of dexes"),
    (mi.MaxBuilderFeeRequest(user=U, builder=U), "10", "expected an integer"),
]


@pytest.mark.parametrize(
    ("request_", "data", "match"),
    MALFORMED_REPLIES,
)
def test_malformed_replies(request_: mi.InfoRequest[Any], data: Any, match: str) -> None:
    with pytest.raises(DecodeError, match=match):
        request_.decode(data)


def test_strict_converter_rejects_unknown_keys_production_ignores_them() -> None:
    data = {"cumVlm": "1", "nRequestsUsed": 1, "nRequestsCap": 2, "brandNew": True}
    with pytest.raises(DecodeError):
        mi.UserRateLimitRequest(user=U).decode(data, STRICT)
    assert mi.UserRateLimitRequest(user=U).decode(data, CONVERTER).n_requests_cap == 2


def test_post_reply_nesting_versus_http_body() -> None:
    """Over the socket the info result sits one level deeper; once unwrapped it is the very
    body HTTP returns, and decodes into the same model."""
    body = {"BTC": "108963.5", "@107": "39.118"}
    post_response = {"type": "info", "payload": {"type": "allMids", "data": body}}
    request = mi.AllMidsRequest()
    over_ws = request.decode(unwrap_reply("info", post_response))
    over_http = request.decode(json.loads(json.dumps(body)))
    assert over_ws == over_http == AllMids(mids={k: Decimal(v) for k, v in body.items()})


# --- request bodies and validation -------------------------------------------------------


@pytest.mark.parametrize(
    ("request_", "body"),
    [
        (mi.AllMidsRequest(), {"type": "allMids"}),
        (mi.MetaRequest(dex="test"), {"type": "meta", "dex": "test"}),
        (
            mi.L2BookRequest(coin="BTC", n_sig_figs=5, mantissa=2),
            {"type": "l2Book", "coin": "BTC", "nSigFigs": 5, "mantissa": 2},
        ),
        (
            mi.CandleSnapshotRequest(coin="ETH", interval="1h", start_time=1, end_time=2),
            {
                "type": "candleSnapshot",
                "req": {"coin": "ETH", "interval": "1h", "startTime": 1, "endTime": 2},
            },
        ),
        (
            mi.UserFillsByTimeRequest(user=U.upper().replace("0X", "0x"), start_time=5),
            {"type": "userFillsByTime", "user": U, "startTime": 5},
        ),
        (
            mi.OrderStatusRequest(user=U, oid="0x" + "AB" * 16),
            {"type": "orderStatus", "user": U, "oid": "0x" + "ab" * 16},
        ),
        (
            mi.OrderStatusRequest(user=U, oid=KNOWN_OID),
            {"type": "orderStatus", "user": U, "oid": KNOWN_OID},
        ),
        (
            mi.VaultDetailsRequest(vault_address=KNOWN_VAULT),
            {"type": "vaultDetails", "vaultAddress": KNOWN_VAULT},
        ),
        (
            mi.TokenDetailsRequest(token_id="0xc1fb593aeffbeb02f85e0308e9956a90"),
            {"type": "tokenDetails", "tokenId": "0xc1fb593aeffbeb02f85e0308e9956a90"},
        ),
        (mi.PerpDexStatusRequest(dex=""), {"type": "perpDexStatus", "dex": ""}),
        (mi.MarginTableRequest(id=56), {"type": "marginTable", "id": 56}),
    ],
    ids=lambda v: getattr(v, "TYPE", None),
)
def test_wire_bodies(request_: mi.InfoRequest[Any], body: dict[str, Any]) -> None:
    assert request_.to_wire() == body


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (lambda: mi.UserFeesRequest(user="0x1234"), "not an address"),
        (lambda: mi.L2BookRequest(coin=""), "non-empty"),
        (lambda: mi.L2BookRequest(coin="BTC", n_sig_figs=6), "n_sig_figs"),
        (lambda: mi.L2BookRequest(coin="BTC", mantissa=2), "mantissa"),
        (lambda: mi.CandleSnapshotRequest(coin="BTC", interval="2m", start_time=0), "interval"),
        (lambda: mi.FundingHistoryRequest(coin="BTC", start_time=-1), "milliseconds"),
        (lambda: mi.OrderStatusRequest(user=U, oid="0x12"), "cloid"),
        (lambda: mi.OrderStatusRequest(user=U, oid=True), "oid"),
        (lambda: mi.TokenDetailsRequest(token_id="PURR"), "token_id"),
        (lambda: mi.UserFillsRequest(user=U, aggregate_by_time=1), "bool"),  # type: ignore[arg-type]
        (lambda: mi.BorrowLendReserveStateRequest(token=-1), "non-negative"),
    ],
)
def test_parameter_validation(build: Any, match: str) -> None:
    with pytest.raises(ConfigurationError, match=match):
        build()


def test_known_cloid_fixture_is_a_cloid() -> None:
    assert mi.OrderStatusRequest(user=U, oid=KNOWN_CLOID).to_wire()["oid"] == KNOWN_CLOID
