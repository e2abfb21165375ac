"""Every ``Info`` method, with arguments and a check of its decoded reply.

Shared by the WebSocket and HTTP round-trip tests: the same calls, the same models, over
both transports. Replies come from the fake server's default info fixtures.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, cast

import attrs

from trio_hl import Account
from trio_hl.models import account as acc
from trio_hl.models import info as mi
from trio_hl.models import market as mk
from trio_hl.models import user as us
from trio_hl.models.exchange import Cloid
from trio_hl.testing._info_fixtures import (
    BUILDER,
    BUILDER_DEX,
    KNOWN_CLOID,
    KNOWN_OID,
    KNOWN_VAULT,
    OTHER_USER,
    USER,
)


@attrs.frozen
class Call:
    method: str
    kwargs: dict[str, Any]
    wire_type: str
    check: Callable[[Any], bool]
    wire: dict[str, Any] = attrs.field(factory=dict)
    """Keys the sent body must contain (beyond ``type``)."""

    @property
    def id(self) -> str:
        return f"{self.method}({','.join(self.kwargs)})"


def every(cls: type, *, min_len: int = 1) -> Callable[[Any], bool]:
    """A tuple of at least ``min_len`` instances of ``cls``."""

    def check(r: Any) -> bool:
        if not isinstance(r, tuple):
            return False
        items = cast("tuple[object, ...]", r)
        return len(items) >= min_len and all(isinstance(x, cls) for x in items)

    return check


def first_delta_types(r: Any) -> bool:
    types: list[type] = [type(u.delta) for u in r]
    return types[:2] == [us.AccountClassTransferDelta, us.WithdrawDelta] and all(
        isinstance(u, us.LedgerUpdate) for u in r
    )


JULY_2 = datetime(2025, 7, 2, tzinfo=UTC)

CALLS: list[Call] = [
    # -- market data --
    Call(
        "all_mids",
        {},
        "allMids",
        lambda r: (
            isinstance(r, mk.AllMids) and r.mids["@107"] == Decimal("39.118") and r.dex is None
        ),
    ),
    Call(
        "all_mids",
        {"dex": BUILDER_DEX},
        "allMids",
        lambda r: r.dex == BUILDER_DEX and set(r.mids) == {"test:ABC", "test:XYZ"},
        wire={"dex": BUILDER_DEX},
    ),
    Call(
        "l2_book",
        {"asset": "BTC", "n_sig_figs": 5, "mantissa": 2},
        "l2Book",
        lambda r: (
            isinstance(r, mk.L2Book)
            and r.bids[0].px == Decimal("108246.0")
            and r.spread is not None
        ),
        wire={"coin": "BTC", "nSigFigs": 5, "mantissa": 2},
    ),
    Call(
        "candle_snapshot",
        {"asset": "BTC", "interval": "15m", "start": JULY_2, "end": 1751500000000},
        "candleSnapshot",
        lambda r: every(mk.Candle, min_len=3)(r) and r[0].open_time == 1751414400000,
        wire={
            "req": {
                "coin": "BTC",
                "interval": "15m",
                "startTime": 1751414400000,
                "endTime": 1751500000000,
            }
        },
    ),
    Call("recent_trades", {"asset": "ETH"}, "recentTrades", every(mk.Trade), {"coin": "ETH"}),
    Call(
        "funding_history",
        {"asset": "BTC", "start": 1751400000000},
        "fundingHistory",
        lambda r: every(mi.FundingHistoryEntry, min_len=2)(r) and r[0].premium < 0,
        wire={"coin": "BTC", "startTime": 1751400000000},
    ),
    Call(
        "predicted_fundings",
        {},
        "predictedFundings",
        lambda r: (
            r[0][0] == "BTC"
            and r[0][1][2] == ("BybitPerp", None)
            and r[0][1][0][1].funding_interval_hours == 8
        ),
    ),
    Call(
        "perpetual_meta",
        {},
        "meta",
        lambda r: isinstance(r, mk.PerpMeta) and r.universe[3].is_delisted,
    ),
    Call(
        "perpetual_meta",
        {"dex": BUILDER_DEX},
        "meta",
        lambda r: [a.name for a in r.universe] == ["test:ABC", "test:XYZ"],
        wire={"dex": BUILDER_DEX},
    ),
    Call(
        "perpetual_meta_and_asset_ctxs",
        {},
        "metaAndAssetCtxs",
        lambda r: (
            isinstance(r, mi.MetaAndAssetCtxs) and r.ctx("BTC").mark_px == Decimal("108963.5")
        ),
    ),
    Call("all_perpetual_metas", {}, "allPerpMetas", every(mk.PerpMeta, min_len=2)),
    Call(
        "perpetual_dexs",
        {},
        "perpDexs",
        lambda r: r[0] is None and isinstance(r[1], mi.PerpDex) and r[1].name == BUILDER_DEX,
    ),
    Call(
        "perpetual_dex_limits",
        {"dex": BUILDER_DEX},
        "perpDexLimits",
        lambda r: isinstance(r, mi.PerpDexLimits) and r.coin_to_oi_cap[0][0] == "test:ABC",
    ),
    Call(
        "perpetual_dex_status",
        {},
        "perpDexStatus",
        lambda r: isinstance(r, mi.PerpDexStatus),
        wire={"dex": ""},
    ),
    Call(
        "margin_table",
        {"table_id": 56},
        "marginTable",
        lambda r: isinstance(r, mk.MarginTable) and r.margin_tiers[1].max_leverage == 20,
        wire={"id": 56},
    ),
    Call(
        "perpetuals_at_open_interest_cap",
        {},
        "perpsAtOpenInterestCap",
        lambda r: r == ("MATIC",),
    ),
    Call(
        "perpetual_deploy_auction_status",
        {},
        "perpDeployAuctionStatus",
        lambda r: isinstance(r, mi.AuctionStatus) and r.end_gas is None,
    ),
    Call(
        "perpetual_annotation",
        {"asset": "BTC"},
        "perpAnnotation",
        lambda r: isinstance(r, mi.PerpAnnotation) and r.category == "layer1",
    ),
    Call(
        "perpetual_categories",
        {},
        "perpCategories",
        lambda r: ("HYPE", "defi") in r,
    ),
    Call(
        "perpetual_concise_annotations",
        {},
        "perpConciseAnnotations",
        lambda r: r[1][1] == mi.ConciseAnnotation(category="stocks", display_name="ABC Corp"),
    ),
    Call(
        "max_market_order_ntls",
        {},
        "maxMarketOrderNtls",
        lambda r: r[0] == (40, Decimal("4000000.0")),
    ),
    Call("liquidatable", {}, "liquidatable", every(mi.LiquidatablePosition)),
    Call(
        "spot_meta",
        {},
        "spotMeta",
        lambda r: isinstance(r, mi.SpotMeta) and r.token(150).evm_contract is not None,
    ),
    Call(
        "spot_meta_and_asset_ctxs",
        {},
        "spotMetaAndAssetCtxs",
        lambda r: r.ctx("@107").mark_px == Decimal("39.118"),
    ),
    Call(
        "spot_pair_deploy_auction_status",
        {},
        "spotPairDeployAuctionStatus",
        lambda r: isinstance(r, mi.AuctionStatus),
    ),
    Call(
        "token_details",
        {"token_id": "0xc1fb593aeffbeb02f85e0308e9956a90"},
        "tokenDetails",
        lambda r: isinstance(r, mi.TokenDetails) and r.genesis is not None,
        wire={"tokenId": "0xc1fb593aeffbeb02f85e0308e9956a90"},
    ),
    Call("exchange_status", {}, "exchangeStatus", lambda r: isinstance(r, mi.ExchangeStatus)),
    Call(
        "usdc_routing",
        {},
        "usdcRouting",
        lambda r: r == mi.UsdcRouting(deposit_route="bridge", withdrawal_route="cctp"),
    ),
    Call("gossip_root_ips", {}, "gossipRootIps", lambda r: r[0] == "52.68.71.160"),
    Call(
        "gossip_priority_auction_status",
        {},
        "gossipPriorityAuctionStatus",
        lambda r: r[0] == ("52.68.71.160", None) and every(mi.AuctionStatus, min_len=2)(r[1]),
    ),
    Call(
        "validator_summaries",
        {},
        "validatorSummaries",
        lambda r: every(mi.ValidatorSummary)(r) and dict(r[0].stats)["week"].n_samples == 1440,
    ),
    Call("validator_l1_votes", {}, "validatorL1Votes", every(mi.ValidatorL1Vote)),
    Call("vault_summaries", {}, "vaultSummaries", every(mi.VaultSummary)),
    Call(
        "all_borrow_lend_reserve_states",
        {},
        "allBorrowLendReserveStates",
        lambda r: r[0][0] == 0 and isinstance(r[0][1], mi.BorrowLendReserveState),
    ),
    Call(
        "borrow_lend_reserve_state",
        {"token": 0},
        "borrowLendReserveState",
        lambda r: r.utilization == Decimal("0.85"),
        wire={"token": 0},
    ),
    Call(
        "outcome_meta", {}, "outcomeMeta", lambda r: r.questions[0].settled_named_outcomes == (12,)
    ),
    Call("outcome_templates", {}, "outcomeTemplates", every(mi.OutcomeTemplate)),
    Call(
        "settled_outcome",
        {"outcome": 12},
        "settledOutcome",
        lambda r: (
            isinstance(r, mi.SettledOutcome)
            and r.question is not None
            and r.question.question.settled == 3
        ),
        wire={"outcome": 12},
    ),
    # -- user queries: the default account, address= and account= --
    Call(
        "user_state",
        {},
        "clearinghouseState",
        lambda r: (
            isinstance(r, acc.ClearinghouseState)
            and r.asset_positions[1].position.leverage.raw_usd == Decimal("1450.3")
        ),
        wire={"user": USER},
    ),
    Call(
        "spot_user_state",
        {"address": "0x" + USER[2:].upper()},
        "spotClearinghouseState",
        lambda r: isinstance(r, acc.SpotClearinghouseState) and r.balances[2].token is None,
        wire={"user": USER},
    ),
    Call(
        "user_open_orders",
        {"account": Account(address=OTHER_USER)},
        "openOrders",
        lambda r: every(us.BasicOrder, min_len=2)(r) and r[0].cloid == KNOWN_CLOID,
        wire={"user": OTHER_USER},
    ),
    Call(
        "user_frontend_open_orders",
        {"dex": BUILDER_DEX},
        "frontendOpenOrders",
        lambda r: every(acc.FrontendOpenOrder)(r) and r[0].children[0].is_trigger,
        wire={"dex": BUILDER_DEX},
    ),
    Call(
        "user_fills",
        {"aggregate_by_time": True},
        "userFills",
        lambda r: every(us.UserFill, min_len=3)(r) and r[2].liquidation is not None,
        wire={"aggregateByTime": True},
    ),
    Call(
        "user_fills_by_time",
        {"start": JULY_2, "end": 1751500000000, "reversed": True},
        "userFillsByTime",
        every(us.UserFill),
        wire={"startTime": 1751414400000, "endTime": 1751500000000, "reversed": True},
    ),
    Call("user_historical_orders", {}, "historicalOrders", every(us.HistoricalOrder)),
    Call(
        "order_status",
        {"order_id": KNOWN_OID},
        "orderStatus",
        lambda r: r.found and r.order.order.oid == KNOWN_OID,
        wire={"oid": KNOWN_OID},
    ),
    Call(
        "order_status",
        {"order_id": "0x" + KNOWN_CLOID[2:].upper()},
        "orderStatus",
        lambda r: r.found and r.order.status == "filled",
        wire={"oid": KNOWN_CLOID},
    ),
    Call(
        "order_status",
        {"order_id": Cloid(KNOWN_CLOID)},
        "orderStatus",
        lambda r: r.found and r.order.status == "filled",
        wire={"oid": KNOWN_CLOID},
    ),
    Call(
        "order_status",
        {"order_id": 1},
        "orderStatus",
        lambda r: not r.found and r.status == "unknownOid",
    ),
    Call(
        "user_funding",
        {"start": 0},
        "userFunding",
        lambda r: every(mi.UserFundingEntry)(r) and r[0].delta.usdc == Decimal("-0.024289"),
        wire={"startTime": 0},
    ),
    Call("user_non_funding_ledger_updates", {}, "userNonFundingLedgerUpdates", first_delta_types),
    Call(
        "user_fees",
        {},
        "userFees",
        lambda r: isinstance(r, mi.UserFees) and r.fee_schedule.tiers.mm[0].add < 0,
    ),
    Call("user_rate_limit", {}, "userRateLimit", lambda r: r.n_requests_cap == 2864574),
    Call("user_role", {}, "userRole", lambda r: r == mi.UserRole(role="user")),
    Call(
        "user_role",
        {"address": OTHER_USER},
        "userRole",
        lambda r: r.role == "subAccount" and r.data.master == USER,
    ),
    Call("user_sub_accounts", {}, "subAccounts", every(mi.SubAccount)),
    Call("user_sub_accounts", {"address": OTHER_USER}, "subAccounts", lambda r: r == ()),
    Call("user_sub_accounts2", {}, "subAccounts2", every(mi.SubAccount2)),
    Call(
        "vault_details",
        {"vault_address": KNOWN_VAULT},
        "vaultDetails",
        lambda r: (
            isinstance(r, mi.VaultDetails)
            and r.follower_state is not None
            and r.apr == Decimal("0.0914210526")
        ),
        wire={"vaultAddress": KNOWN_VAULT, "user": USER},
    ),
    Call("user_vault_equities", {}, "userVaultEquities", every(mi.UserVaultEquity)),
    Call("user_leading_vaults", {}, "leadingVaults", every(acc.LeadingVault)),
    Call("user_delegations", {}, "delegations", every(mi.Delegation)),
    Call(
        "user_delegator_summary",
        {},
        "delegatorSummary",
        lambda r: isinstance(r, mi.DelegatorSummary),
    ),
    Call(
        "user_delegator_history",
        {},
        "delegatorHistory",
        lambda r: (
            [type(e.delta) for e in r]
            == [mi.DelegationDelta, mi.StakingDepositDelta, mi.StakingWithdrawalDelta]
        ),
    ),
    Call("user_delegator_rewards", {}, "delegatorRewards", every(mi.DelegatorReward, min_len=2)),
    Call(
        "user_portfolio",
        {},
        "portfolio",
        lambda r: len(r) == 8 and dict(r)["perpAllTime"].pnl_history[1][1] == Decimal("-12.5"),
    ),
    Call(
        "user_referral",
        {},
        "referral",
        lambda r: r.referrer_state.stage == "ready" and r.referrer_state.data.n_referrals == 1,
    ),
    Call(
        "max_builder_fee",
        {"builder": BUILDER},
        "maxBuilderFee",
        lambda r: r == 10,
        wire={"builder": BUILDER},
    ),
    Call("user_approved_builders", {}, "approvedBuilders", lambda r: r == (BUILDER,)),
    Call(
        "spot_deploy_state",
        {},
        "spotDeployState",
        lambda r: r.states[0].spec.name == "TESTX",
    ),
    Call(
        "active_asset_data",
        {"asset": "BTC"},
        "activeAssetData",
        lambda r: isinstance(r, acc.ActiveAssetData) and r.max_trade_szs[1] == Decimal("0.45987"),
        wire={"coin": "BTC", "user": USER},
    ),
    Call("user_twap_slice_fills", {}, "userTwapSliceFills", every(us.TwapSliceFill)),
    Call(
        "user_twap_slice_fills_by_time",
        {"start": 1},
        "userTwapSliceFillsByTime",
        every(us.TwapSliceFill),
        wire={"startTime": 1},
    ),
    Call(
        "user_twap_history",
        {},
        "twapHistory",
        lambda r: r[0].time_ms == 1750330465000 and r[1].status.description is not None,
    ),
    Call("user_extra_agents", {}, "extraAgents", every(mi.ExtraAgent)),
    Call("user_is_vip", {}, "isVip", lambda r: r is False),
    Call("user_legal_check", {}, "legalCheck", lambda r: r.user_allowed),
    Call(
        "pre_transfer_check",
        {"destination": OTHER_USER},
        "preTransferCheck",
        lambda r: r.fee == 1,
        wire={"user": OTHER_USER, "source": USER},
    ),
    Call(
        "user_multi_sig_signers",
        {},
        "userToMultiSigSigners",
        lambda r: r.threshold == 2,
    ),
    Call(
        "user_multi_sig_signers",
        {"address": OTHER_USER},
        "userToMultiSigSigners",
        lambda r: r is None,
    ),
    Call("user_abstraction", {}, "userAbstraction", lambda r: r == "unifiedAccount"),
    Call("user_dex_abstraction", {}, "userDexAbstraction", lambda r: r is True),
    Call("user_borrow_lend_state", {}, "borrowLendUserState", lambda r: r.health == "healthy"),
    Call(
        "user_borrow_lend_interest",
        {"start": 0},
        "userBorrowLendInterest",
        every(mi.BorrowLendInterest),
    ),
    Call(
        "user_web_data2",
        {},
        "webData2",
        lambda r: isinstance(r, acc.WebData2) and r.user == USER and len(r.asset_ctxs) == 5,
    ),
]
