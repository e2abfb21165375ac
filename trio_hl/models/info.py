"""Info requests, each generic in its reply, and the reply models they decode into.

Every info request type of the ``/info`` endpoint has one request class here. A request is a
frozen attrs value that validates its parameters when built (addresses, times, coins) and
knows three things: its wire body (:meth:`InfoRequest.to_wire`), the model its reply decodes
into (the type parameter, so ``await info.request(AllMidsRequest())`` type-checks as
``AllMids | None``), and how to decode that reply (:meth:`InfoRequest.decode`, with the one
converter). The transport does not matter: a WebSocket ``post`` reply, once unwrapped, and an
HTTP body are the same JSON.

Replies reuse the channel models where the shapes are shared (fills, ledger updates, orders,
clearinghouse states, books, candles, contexts); this module adds the info-only shapes.

``null`` replies: where the server documents ``null`` (an unknown coin, dex, vault or
outcome, a user without multi-sig signers...), the reply type includes ``None``.
``subAccounts``/``subAccounts2`` answer ``null`` for "no sub-accounts" and decode to an empty
tuple. Anywhere else a ``null`` reply raises :class:`~trio_hl.errors.DecodeError`, as does
any reply that does not match its model.

Open enumerations (statuses, roles, stages, routes, categories) decode as ``str``; tagged
unions have an *unknown* variant that keeps the raw JSON, so a new value never fails a reply.
"""

import re
from decimal import Decimal
from typing import Any, ClassVar, Final, Generic, TypeVar, cast

import attrs
import cattrs
from cattrs.errors import BaseValidationError

from .._account import normalise_address
from .._convert import CONVERTER, register_union, wire_name
from ..errors import ConfigurationError, DecodeError
from ._common import wire
from ._unions import by_single_key
from .account import (
    ActiveAssetData,
    ClearinghouseState,
    FrontendOpenOrder,
    LeadingVault,
    SpotClearinghouseState,
    WebData2,
)
from .market import (
    AllMids,
    Candle,
    L2Book,
    MarginTable,
    PerpAssetCtx,
    PerpMeta,
    SpotAssetCtx,
    Trade,
)
from .subscriptions import CANDLE_INTERVALS
from .user import (
    BasicOrder,
    HistoricalOrder,
    LedgerUpdate,
    TwapHistoryItem,
    TwapSliceFill,
    UserFill,
)

__all__ = [
    "INFO_REQUESTS",
    "ActiveAssetDataRequest",
    "AllBorrowLendReserveStatesRequest",
    "AllMidsRequest",
    "AllPerpMetasRequest",
    "ApprovedBuildersRequest",
    "AuctionStatus",
    "BasisValue",
    "BorrowLendInterest",
    "BorrowLendReserveState",
    "BorrowLendReserveStateRequest",
    "BorrowLendTokenState",
    "BorrowLendUserState",
    "BorrowLendUserStateRequest",
    "CandleSnapshotRequest",
    "ClearinghouseStateRequest",
    "ConciseAnnotation",
    "DailyUserVolume",
    "Delegation",
    "DelegationChange",
    "DelegationDelta",
    "DelegationsRequest",
    "DelegatorDelta",
    "DelegatorHistoryEntry",
    "DelegatorHistoryRequest",
    "DelegatorReward",
    "DelegatorRewardsRequest",
    "DelegatorSummary",
    "DelegatorSummaryRequest",
    "EvmContract",
    "ExchangeStatus",
    "ExchangeStatusRequest",
    "ExtraAgent",
    "ExtraAgentsRequest",
    "FeeSchedule",
    "FeeTiers",
    "FrontendOpenOrdersRequest",
    "FundingHistoryEntry",
    "FundingHistoryRequest",
    "GossipPriorityAuctionStatusRequest",
    "GossipRootIpsRequest",
    "HistoricalOrdersRequest",
    "InfoRequest",
    "IsVipRequest",
    "L2BookRequest",
    "LeadingVaultsRequest",
    "LegalCheck",
    "LegalCheckRequest",
    "LiquidatablePosition",
    "LiquidatableRequest",
    "MakerTier",
    "MarginTableRequest",
    "MaxBuilderFeeRequest",
    "MaxMarketOrderNtlsRequest",
    "MetaAndAssetCtxs",
    "MetaAndAssetCtxsRequest",
    "MetaRequest",
    "MultiSigSigners",
    "OpenOrdersRequest",
    "OrderStatusRequest",
    "OrderStatusResult",
    "Outcome",
    "OutcomeMeta",
    "OutcomeMetaRequest",
    "OutcomeQuestion",
    "OutcomeSideSpec",
    "OutcomeSpec",
    "OutcomeTemplate",
    "OutcomeTemplateRole",
    "OutcomeTemplatesRequest",
    "PerpAnnotation",
    "PerpAnnotationRequest",
    "PerpCategoriesRequest",
    "PerpConciseAnnotationsRequest",
    "PerpDeployAuctionStatusRequest",
    "PerpDex",
    "PerpDexLimits",
    "PerpDexLimitsRequest",
    "PerpDexStatus",
    "PerpDexStatusRequest",
    "PerpDexsRequest",
    "PerpsAtOpenInterestCapRequest",
    "PortfolioPeriod",
    "PortfolioRequest",
    "PreTransferCheck",
    "PreTransferCheckRequest",
    "PredictedFunding",
    "PredictedFundingsRequest",
    "QuestionRef",
    "RecentTradesRequest",
    "Referral",
    "ReferralRequest",
    "ReferralState",
    "ReferralTokenState",
    "ReferredBy",
    "ReferrerData",
    "ReferrerState",
    "ReferrerTokenState",
    "RewardHistoryEntry",
    "SettledOutcome",
    "SettledOutcomeRequest",
    "SettledQuestion",
    "SpotClearinghouseStateRequest",
    "SpotDeployState",
    "SpotDeployStateRequest",
    "SpotDeployTokenState",
    "SpotMeta",
    "SpotMetaAndAssetCtxs",
    "SpotMetaAndAssetCtxsRequest",
    "SpotMetaRequest",
    "SpotPair",
    "SpotPairDeployAuctionStatusRequest",
    "SpotToken",
    "StakingAmount",
    "StakingDepositDelta",
    "StakingDiscount",
    "StakingLink",
    "StakingWithdrawal",
    "StakingWithdrawalDelta",
    "StandaloneOutcomeRole",
    "SubAccount",
    "SubAccount2",
    "SubAccounts2Request",
    "SubAccountsRequest",
    "TokenDetails",
    "TokenDetailsRequest",
    "TokenGenesis",
    "TokenSpec",
    "TwapHistoryRequest",
    "UnknownDelegatorDelta",
    "UsdcRouting",
    "UsdcRoutingRequest",
    "UserAbstractionRequest",
    "UserBorrowLendInterestRequest",
    "UserDexAbstractionRequest",
    "UserFees",
    "UserFeesRequest",
    "UserFillsByTimeRequest",
    "UserFillsRequest",
    "UserFunding",
    "UserFundingEntry",
    "UserFundingRequest",
    "UserNonFundingLedgerUpdatesRequest",
    "UserRateLimit",
    "UserRateLimitRequest",
    "UserRole",
    "UserRoleData",
    "UserRoleRequest",
    "UserToMultiSigSignersRequest",
    "UserTwapSliceFillsByTimeRequest",
    "UserTwapSliceFillsRequest",
    "UserVaultEquitiesRequest",
    "UserVaultEquity",
    "ValidatorL1Vote",
    "ValidatorL1VotesRequest",
    "ValidatorStats",
    "ValidatorSummariesRequest",
    "ValidatorSummary",
    "VaultDetails",
    "VaultDetailsRequest",
    "VaultFollower",
    "VaultRelationship",
    "VaultRelationshipData",
    "VaultSummariesRequest",
    "VaultSummary",
    "VipTier",
    "WebData2Request",
]

R_co = TypeVar("R_co", covariant=True)

_CLOID: Final = re.compile(r"^0x[0-9a-fA-F]{32}$")
_TOKEN_ID: Final = re.compile(r"^0x[0-9a-fA-F]{32}$")


# ============================================================================================
# Reply models (info-only shapes; shared shapes come from .market, .account and .user)
# ============================================================================================

# --- perpetual and spot metadata -----------------------------------------------------------


@attrs.frozen(kw_only=True)
class MetaAndAssetCtxs:
    """``metaAndAssetCtxs``: a dex's metadata and the live context of each of its perpetuals.

    ``asset_ctxs`` is parallel to ``meta.universe`` (the wire sends ``[meta, ctxs]``).
    """

    meta: PerpMeta
    asset_ctxs: tuple[PerpAssetCtx, ...]

    def ctx(self, name: str) -> PerpAssetCtx:
        """The context of perpetual ``name``.

        Raises:
            KeyError: no perpetual of that name in ``meta.universe``.
        """
        for asset, ctx in zip(self.meta.universe, self.asset_ctxs, strict=False):
            if asset.name == name:
                return ctx
        raise KeyError(name)


@attrs.frozen(kw_only=True)
class EvmContract:
    """The HyperEVM contract linked to a spot token."""

    address: str
    evm_extra_wei_decimals: int = wire("evm_extra_wei_decimals")


@attrs.frozen(kw_only=True)
class SpotToken:
    """One spot token. ``index`` is the token index used by spot pairs and balances."""

    name: str
    sz_decimals: int
    wei_decimals: int
    index: int
    token_id: str
    is_canonical: bool
    evm_contract: EvmContract | None = None
    full_name: str | None = None
    deployer_trading_fee_share: Decimal | None = None


@attrs.frozen(kw_only=True)
class SpotPair:
    """One spot pair. ``name`` is ``"PURR/USDC"`` for canonical pairs, else ``"@<index>"``;
    ``tokens`` is ``(base, quote)`` token indices. Its asset id is ``10000 + index``."""

    name: str
    tokens: tuple[int, int]
    index: int
    is_canonical: bool


@attrs.frozen(kw_only=True)
class SpotMeta:
    """``spotMeta``: every spot pair and token."""

    universe: tuple[SpotPair, ...]
    tokens: tuple[SpotToken, ...]

    def token(self, index: int) -> SpotToken:
        """The token with this token index.

        Raises:
            KeyError: no such token.
        """
        for token in self.tokens:
            if token.index == index:
                return token
        raise KeyError(index)


@attrs.frozen(kw_only=True)
class SpotMetaAndAssetCtxs:
    """``spotMetaAndAssetCtxs``. The contexts are **not** parallel to ``meta.universe``:
    join them by ``coin`` (:meth:`ctx` does)."""

    meta: SpotMeta
    asset_ctxs: tuple[SpotAssetCtx, ...]

    def ctx(self, coin: str) -> SpotAssetCtx:
        """The context of spot pair ``coin`` (``"PURR/USDC"``, ``"@107"``).

        Raises:
            KeyError: no context for that coin.
        """
        for ctx in self.asset_ctxs:
            if ctx.coin == coin:
                return ctx
        raise KeyError(coin)


@attrs.frozen(kw_only=True)
class PerpDex:
    """A builder-deployed perpetual dex (HIP-3), one entry of ``perpDexs``.

    Entry 0 of ``perpDexs`` is ``None`` (the main dex); entry ``k`` has asset ids
    ``100000 + k * 10000 + index``. Fields other than the first three are newer and may be
    absent from older servers. (The 2025 server sent snake_case keys, decoded alike.)
    """

    name: str
    full_name: str
    deployer: str
    oracle_updater: str | None = None
    fee_recipient: str | None = None
    asset_to_streaming_oi_cap: tuple[tuple[str, Decimal], ...] = ()
    sub_deployers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    deployer_fee_scale: Decimal | None = None
    last_deployer_fee_scale_change_time: str | None = None
    """ISO-8601 without timezone, as sent."""
    asset_to_funding_multiplier: tuple[tuple[str, Decimal], ...] = ()
    asset_to_funding_interest_rate: tuple[tuple[str, Decimal], ...] = ()


@attrs.frozen(kw_only=True)
class PerpDexLimits:
    """``perpDexLimits`` of a builder-deployed dex."""

    total_oi_cap: Decimal
    oi_sz_cap_per_perp: Decimal
    max_transfer_ntl: Decimal
    coin_to_oi_cap: tuple[tuple[str, Decimal], ...]


@attrs.frozen(kw_only=True)
class PerpDexStatus:
    """``perpDexStatus`` of a perp dex."""

    total_net_deposit: Decimal


@attrs.frozen(kw_only=True)
class PerpAnnotation:
    """``perpAnnotation``: how front ends should present one perpetual."""

    category: str
    description: str | None = None
    display_name: str | None = None
    keywords: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ConciseAnnotation:
    """One entry of ``perpConciseAnnotations``."""

    category: str
    display_name: str | None = None
    keywords: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class AuctionStatus:
    """A gas auction (perp deploy, spot pair deploy, gossip priority slot).

    Gas amounts are in the auction's token; times are **seconds** since the epoch.
    """

    current_gas: Decimal | None
    duration_seconds: int
    end_gas: Decimal | None
    start_gas: Decimal
    start_time_seconds: int


@attrs.frozen(kw_only=True)
class ExchangeStatus:
    """``exchangeStatus``: server time and any special status (``None`` when normal)."""

    time: int
    special_statuses: Any = None


# --- funding -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class FundingHistoryEntry:
    """One hourly funding rate of a coin (``fundingHistory``)."""

    coin: str
    funding_rate: Decimal
    premium: Decimal
    time: int


@attrs.frozen(kw_only=True)
class PredictedFunding:
    """A venue's next predicted funding rate for a coin."""

    funding_rate: Decimal
    next_funding_time: int
    funding_interval_hours: int | None = None


@attrs.frozen(kw_only=True)
class UserFunding:
    """The ``delta`` of a ``userFunding`` entry (``type`` is ``"funding"``)."""

    type: str
    coin: str
    usdc: Decimal
    """Signed: negative means the user paid."""
    szi: Decimal
    funding_rate: Decimal
    n_samples: int | None = None


@attrs.frozen(kw_only=True)
class UserFundingEntry:
    """One funding payment of the user (``userFunding``; unlike the ``userFundings`` channel,
    each entry has a hash and nests the payment under ``delta``)."""

    time: int
    hash: str
    delta: UserFunding


# --- user account --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OrderStatusResult:
    """``orderStatus``: ``status`` is ``"order"`` with ``order`` set, or ``"unknownOid"``
    (kept as a string) with ``order`` ``None``."""

    status: str
    order: HistoricalOrder | None = None

    @property
    def found(self) -> bool:
        """The order is known to the exchange."""
        return self.order is not None


@attrs.frozen(kw_only=True)
class UserRateLimit:
    """``userRateLimit``: the address-based action budget (grows with traded volume)."""

    cum_vlm: Decimal
    n_requests_used: int
    n_requests_cap: int
    n_requests_surplus: int | None = None


@attrs.frozen(kw_only=True)
class UserRoleData:
    """The ``data`` of a role: the master ``user`` of an agent, or the ``master`` of a
    sub-account."""

    user: str | None = None
    master: str | None = None


@attrs.frozen(kw_only=True)
class UserRole:
    """``userRole``: ``role`` is ``user``, ``vault``, ``agent``, ``subAccount`` or ``missing``
    (kept as a string)."""

    role: str
    data: UserRoleData | None = None


@attrs.frozen(kw_only=True)
class SubAccount:
    """One sub-account (``subAccounts``)."""

    name: str
    sub_account_user: str
    master: str
    clearinghouse_state: ClearinghouseState
    spot_state: SpotClearinghouseState


@attrs.frozen(kw_only=True)
class SubAccount2:
    """One sub-account (``subAccounts2``), with its perp state on every dex."""

    name: str
    sub_account_user: str
    master: str
    dex_to_clearinghouse_state: tuple[tuple[str, ClearinghouseState], ...]
    spot_state: SpotClearinghouseState


@attrs.frozen(kw_only=True)
class ExtraAgent:
    """A named API wallet of the user (``extraAgents``)."""

    address: str
    name: str
    valid_until: int


@attrs.frozen(kw_only=True)
class LegalCheck:
    """``legalCheck``."""

    ip_allowed: bool
    accepted_terms: bool
    user_allowed: bool


@attrs.frozen(kw_only=True)
class PreTransferCheck:
    """``preTransferCheck``: what a transfer to ``user`` would meet."""

    fee: Decimal
    """Activation fee charged when the destination does not exist yet."""
    is_sanctioned: bool
    user_exists: bool
    user_has_sent_tx: bool


@attrs.frozen(kw_only=True)
class MultiSigSigners:
    """``userToMultiSigSigners``."""

    authorized_users: tuple[str, ...]
    threshold: int


@attrs.frozen(kw_only=True)
class LiquidatablePosition:
    """One entry of ``liquidatable`` (shape only partly documented upstream)."""

    user: str
    position_index: Any
    """For example ``{"isolated": {"asset": 3}}``, kept as sent."""
    margin_available: tuple[Decimal, Decimal]


# --- fees ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DailyUserVolume:
    """One day of volume (``userFees.dailyUserVlm``)."""

    date: str
    """``YYYY-MM-DD``."""
    user_cross: Decimal
    user_add: Decimal
    exchange: Decimal


@attrs.frozen(kw_only=True)
class VipTier:
    ntl_cutoff: Decimal
    cross: Decimal
    add: Decimal
    spot_cross: Decimal | None = None
    spot_add: Decimal | None = None


@attrs.frozen(kw_only=True)
class MakerTier:
    maker_fraction_cutoff: Decimal
    add: Decimal
    """Signed: negative is a rebate."""


@attrs.frozen(kw_only=True)
class FeeTiers:
    vip: tuple[VipTier, ...]
    mm: tuple[MakerTier, ...]


@attrs.frozen(kw_only=True)
class StakingDiscount:
    bps_of_max_supply: Decimal
    discount: Decimal


@attrs.frozen(kw_only=True)
class FeeSchedule:
    cross: Decimal
    add: Decimal
    tiers: FeeTiers
    referral_discount: Decimal
    spot_cross: Decimal | None = None
    spot_add: Decimal | None = None
    staking_discount_tiers: tuple[StakingDiscount, ...] = ()


@attrs.frozen(kw_only=True)
class StakingLink:
    """A link between a staking account and a trading account."""

    staking_user: str
    type: str
    """``requested``, ``stakingUser`` or ``tradingUser`` (kept as a string)."""


@attrs.frozen(kw_only=True)
class UserFees:
    """``userFees``: the fee schedule, the user's rates, volumes and discounts.

    Rates are fractions (``0.00045`` is 4.5 bp).
    """

    daily_user_vlm: tuple[DailyUserVolume, ...]
    fee_schedule: FeeSchedule
    user_cross_rate: Decimal
    user_add_rate: Decimal
    active_referral_discount: Decimal
    user_spot_cross_rate: Decimal | None = None
    user_spot_add_rate: Decimal | None = None
    trial: Any = None
    fee_trial_escrow: Decimal | None = None
    next_trial_available_timestamp: Any = None
    staking_link: StakingLink | None = None
    active_staking_discount: StakingDiscount | None = None


# --- vaults --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PortfolioPeriod:
    """One period of a portfolio: ``(time ms, value)`` histories and the traded volume."""

    account_value_history: tuple[tuple[int, Decimal], ...]
    pnl_history: tuple[tuple[int, Decimal], ...]
    vlm: Decimal


@attrs.frozen(kw_only=True)
class VaultRelationshipData:
    child_addresses: tuple[str, ...]


@attrs.frozen(kw_only=True)
class VaultRelationship:
    """``type`` is ``normal``, ``child`` or ``parent`` (with its children in ``data``)."""

    type: str
    data: VaultRelationshipData | None = None


@attrs.frozen(kw_only=True)
class VaultFollower:
    """A depositor of a vault; ``user`` is ``"Leader"`` for the leader's own share."""

    user: str
    vault_equity: Decimal
    pnl: Decimal
    all_time_pnl: Decimal
    days_following: int
    vault_entry_time: int
    lockup_until: int


@attrs.frozen(kw_only=True)
class VaultDetails:
    """``vaultDetails``. Ratios (``apr``, ``leader_fraction``...) arrive as JSON numbers and
    are decoded exactly through their shortest text."""

    name: str
    vault_address: str
    leader: str
    description: str
    portfolio: tuple[tuple[str, PortfolioPeriod], ...]
    apr: Decimal
    follower_state: VaultFollower | None
    leader_fraction: Decimal
    leader_commission: Decimal
    followers: tuple[VaultFollower, ...]
    max_distributable: Decimal
    max_withdrawable: Decimal
    is_closed: bool
    relationship: VaultRelationship
    allow_deposits: bool
    always_close_on_withdraw: bool = False


@attrs.frozen(kw_only=True)
class VaultSummary:
    """One entry of ``vaultSummaries`` (vaults created in the last hours)."""

    name: str
    vault_address: str
    leader: str
    tvl: Decimal
    is_closed: bool
    relationship: VaultRelationship
    create_time_millis: int


@attrs.frozen(kw_only=True)
class UserVaultEquity:
    """The user's equity in one vault."""

    vault_address: str
    equity: Decimal
    locked_until_timestamp: int | None = None


# --- staking -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Delegation:
    """Stake delegated to one validator (amounts in HYPE)."""

    validator: str
    amount: Decimal
    locked_until_timestamp: int


@attrs.frozen(kw_only=True)
class DelegatorSummary:
    delegated: Decimal
    undelegated: Decimal
    total_pending_withdrawal: Decimal
    n_pending_withdrawals: int


@attrs.frozen(kw_only=True)
class DelegationChange:
    validator: str
    amount: Decimal
    is_undelegate: bool


@attrs.frozen(kw_only=True)
class StakingAmount:
    amount: Decimal


@attrs.frozen(kw_only=True)
class StakingWithdrawal:
    amount: Decimal
    phase: str
    """``initiated`` or ``finalized`` (kept as a string)."""


@attrs.frozen(kw_only=True)
class DelegationDelta:
    """A (un)delegation (wire key ``delegate``)."""

    delegate: DelegationChange


@attrs.frozen(kw_only=True)
class StakingDepositDelta:
    """A deposit into staking (wire key ``cDeposit``)."""

    c_deposit: StakingAmount


@attrs.frozen(kw_only=True)
class StakingWithdrawalDelta:
    """A withdrawal from staking (wire key ``withdrawal``)."""

    withdrawal: StakingWithdrawal


@attrs.frozen(kw_only=True)
class UnknownDelegatorDelta:
    """A delegator history delta of a kind this version does not know; ``raw`` keeps it."""

    raw: dict[str, Any]


DelegatorDelta = (
    DelegationDelta | StakingDepositDelta | StakingWithdrawalDelta | UnknownDelegatorDelta
)
"""A ``delegatorHistory`` delta, told apart by its single key."""

register_union(
    DelegatorDelta,
    by_single_key(
        {
            "delegate": DelegationDelta,
            "cDeposit": StakingDepositDelta,
            "withdrawal": StakingWithdrawalDelta,
        },
        lambda raw: UnknownDelegatorDelta(raw=raw),
    ),
)


@attrs.frozen(kw_only=True)
class DelegatorHistoryEntry:
    time: int
    hash: str
    delta: DelegatorDelta


@attrs.frozen(kw_only=True)
class DelegatorReward:
    """``source`` is ``delegation`` or ``commission`` (kept as a string)."""

    time: int
    source: str
    total_amount: Decimal


@attrs.frozen(kw_only=True)
class ValidatorStats:
    uptime_fraction: Decimal
    predicted_apr: Decimal
    n_samples: int


@attrs.frozen(kw_only=True)
class ValidatorSummary:
    """One validator of ``validatorSummaries``; ``stats`` pairs a period (``day``, ``week``,
    ``month``) with its statistics."""

    validator: str
    signer: str
    name: str
    description: str
    n_recent_blocks: int
    stake: int
    is_jailed: bool
    unjailable_after: int | None
    is_active: bool
    commission: Decimal
    stats: tuple[tuple[str, ValidatorStats], ...]


@attrs.frozen(kw_only=True)
class ValidatorL1Vote:
    """One L1 governance vote; ``action`` (a keyed union that keeps growing) stays raw."""

    expire_time: int
    action: dict[str, Any]
    votes: tuple[str, ...]


# --- referral ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ReferredBy:
    referrer: str
    code: str


@attrs.frozen(kw_only=True)
class ReferralTokenState:
    """Per-token part of a referred user's state."""

    cum_vlm: Decimal
    cum_rewarded_fees_since_referred: Decimal
    cum_fees_rewarded_to_referrer: Decimal


@attrs.frozen(kw_only=True)
class ReferralState:
    """One user referred by this referrer."""

    cum_vlm: Decimal
    cum_rewarded_fees_since_referred: Decimal
    cum_fees_rewarded_to_referrer: Decimal
    time_joined: int
    user: str
    token_to_state: tuple[tuple[int, ReferralTokenState], ...] = ()


@attrs.frozen(kw_only=True)
class ReferrerData:
    """The ``data`` of a referrer state: ``code``/``n_referrals``/``referral_states`` at stage
    ``ready``, ``required`` volume at stage ``needToTrade``."""

    code: str | None = None
    n_referrals: int | None = None
    referral_states: tuple[ReferralState, ...] = ()
    required: Decimal | None = None


@attrs.frozen(kw_only=True)
class ReferrerState:
    """``stage`` is ``ready``, ``needToCreateCode`` or ``needToTrade`` (kept as a string)."""

    stage: str
    data: ReferrerData | None = None


@attrs.frozen(kw_only=True)
class RewardHistoryEntry:
    earned: Decimal
    vlm: Decimal
    referral_vlm: Decimal
    time: int


@attrs.frozen(kw_only=True)
class ReferrerTokenState:
    """Per-token rewards of a referrer."""

    cum_vlm: Decimal
    unclaimed_rewards: Decimal
    claimed_rewards: Decimal
    builder_rewards: Decimal


@attrs.frozen(kw_only=True)
class Referral:
    """``referral``: who referred the user, and the user's own referrer state and rewards."""

    referred_by: ReferredBy | None
    cum_vlm: Decimal
    unclaimed_rewards: Decimal
    claimed_rewards: Decimal
    referrer_state: ReferrerState
    reward_history: tuple[RewardHistoryEntry, ...]
    builder_rewards: Decimal | None = None
    token_to_state: tuple[tuple[int, ReferrerTokenState], ...] = ()


# --- spot deployment and tokens ------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TokenSpec:
    name: str
    sz_decimals: int
    wei_decimals: int


@attrs.frozen(kw_only=True)
class SpotDeployTokenState:
    """Deployment progress of one HIP-1 token of the user."""

    token: int
    spec: TokenSpec
    full_name: str | None
    spots: tuple[int, ...]
    max_supply: Decimal | None
    hyperliquidity_genesis_balance: Decimal
    total_genesis_balance_wei: Decimal
    user_genesis_balances: tuple[tuple[str, Decimal], ...]
    existing_token_genesis_balances: tuple[tuple[int, Decimal], ...]
    deployer_trading_fee_share: Decimal | None = None
    blacklist_users: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class SpotDeployState:
    """``spotDeployState``: the user's tokens being deployed, and the gas auction."""

    states: tuple[SpotDeployTokenState, ...]
    gas_auction: AuctionStatus


@attrs.frozen(kw_only=True)
class TokenGenesis:
    user_balances: tuple[tuple[str, Decimal], ...]
    existing_token_balances: tuple[tuple[int, Decimal], ...]
    blacklist_users: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class TokenDetails:
    """``tokenDetails``: supply, prices and genesis of one token."""

    name: str
    max_supply: Decimal
    total_supply: Decimal
    circulating_supply: Decimal
    sz_decimals: int
    wei_decimals: int
    mid_px: Decimal | None
    mark_px: Decimal
    prev_day_px: Decimal
    genesis: TokenGenesis | None
    deployer: str | None
    deploy_gas: Decimal | None
    deploy_time: str | None
    """ISO-8601 without timezone, as sent."""
    seeded_usdc: Decimal
    non_circulating_user_balances: tuple[tuple[str, Decimal], ...]
    future_emissions: Decimal


@attrs.frozen(kw_only=True)
class UsdcRouting:
    """``usdcRouting``: ``bridge`` or ``cctp`` for each direction (kept as strings)."""

    deposit_route: str
    withdrawal_route: str


# --- borrow / lend -------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class BorrowLendReserveState:
    """One borrow/lend reserve; rates are yearly fractions."""

    borrow_yearly_rate: Decimal
    supply_yearly_rate: Decimal
    balance: Decimal
    utilization: Decimal
    oracle_px: Decimal
    ltv: Decimal
    total_supplied: Decimal
    total_borrowed: Decimal


@attrs.frozen(kw_only=True)
class BasisValue:
    basis: Decimal
    value: Decimal


@attrs.frozen(kw_only=True)
class BorrowLendTokenState:
    borrow: BasisValue
    supply: BasisValue


@attrs.frozen(kw_only=True)
class BorrowLendUserState:
    """``health`` is ``healthy``, ``atRisk``, ``marketLiquidatable``... (kept as a string)."""

    token_to_state: tuple[tuple[int, BorrowLendTokenState], ...]
    health: str
    health_factor: Decimal | None = None


@attrs.frozen(kw_only=True)
class BorrowLendInterest:
    time: int
    token: str
    borrow: Decimal
    supply: Decimal


# --- outcomes (HIP-4) ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OutcomeSideSpec:
    name: str
    token: int | None = None


@attrs.frozen(kw_only=True)
class Outcome:
    outcome: int
    name: str
    description: str
    side_specs: tuple[OutcomeSideSpec, ...]


@attrs.frozen(kw_only=True)
class OutcomeQuestion:
    question: int
    name: str
    description: str
    fallback_outcome: int
    named_outcomes: tuple[int, ...]
    settled_named_outcomes: tuple[int, ...]


@attrs.frozen(kw_only=True)
class OutcomeMeta:
    """``outcomeMeta``: prediction-market outcomes and questions."""

    outcomes: tuple[Outcome, ...]
    questions: tuple[OutcomeQuestion, ...]


@attrs.frozen(kw_only=True)
class StandaloneOutcomeRole:
    side_names: tuple[str, str]


@attrs.frozen(kw_only=True)
class OutcomeTemplateRole:
    standalone_outcome: StandaloneOutcomeRole | None = None


@attrs.frozen(kw_only=True)
class OutcomeTemplate:
    """A template that outcome deployers instantiate; ``keywords`` pairs each placeholder
    with its value format (``dateTime``, ``date``, ``string``, ``hlPerp``)."""

    id: str
    role: OutcomeTemplateRole
    name: str
    description: str
    keywords: tuple[tuple[str, str], ...]


@attrs.frozen(kw_only=True)
class OutcomeSpec:
    outcome: int
    name: str
    description: str
    side_specs: tuple[OutcomeSideSpec, ...]
    quote_token: str
    deployer: str | None = None


@attrs.frozen(kw_only=True)
class QuestionRef:
    """Exactly one of ``active`` or ``settled`` is set."""

    active: int | None = None
    settled: int | None = None


@attrs.frozen(kw_only=True)
class SettledQuestion:
    question: QuestionRef
    name: str
    description: str


@attrs.frozen(kw_only=True)
class SettledOutcome:
    """``settledOutcome``."""

    spec: OutcomeSpec
    settle_fraction: Decimal
    details: str
    question: SettledQuestion | None = None


# ============================================================================================
# Requests
# ============================================================================================


def _describe(exc: BaseException) -> str:
    if isinstance(exc, BaseValidationError):
        return "; ".join(_describe(e) for e in exc.exceptions[:3])
    return str(exc) or type(exc).__name__


_DECODE_ERRORS: Final = (
    BaseValidationError,
    AttributeError,
    IndexError,
    KeyError,
    TypeError,
    ValueError,
)


class InfoRequest(Generic[R_co]):
    """An info request, typed by the model its reply decodes into.

    Subclasses are frozen attrs classes whose fields are the request's parameters (snake_case
    here, camelCase on the wire; ``None`` parameters are left out of the body).
    """

    __slots__ = ()

    TYPE: ClassVar[str]
    """The wire ``type``."""
    RESPONSE: ClassVar[Any]
    """The type the reply's JSON is structured into."""
    NULLABLE: ClassVar[bool] = False
    """The server documents ``null`` as a valid reply (decoded as ``None``)."""

    def to_wire(self) -> dict[str, Any]:
        """The exact body: POSTed to ``/info``, or the ``payload`` of a WebSocket ``post``."""
        body: dict[str, Any] = {"type": self.TYPE}
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(self))):
            value = getattr(self, field.name)
            if value is not None:
                body[wire_name(field)] = value
        return body

    def decode(self, data: Any, converter: cattrs.Converter = CONVERTER) -> R_co:
        """Decode the reply's JSON (the HTTP body, or the unwrapped ``post`` data).

        Raises:
            DecodeError: the reply is ``null`` where that is not a valid answer, or does not
                match the model (the message names the request type).
        """
        if data is None and not self.NULLABLE:
            raise DecodeError(
                f"info {self.TYPE!r} answered null (unknown user, coin or dex?)",
                channel=None,
            )
        try:
            return cast("R_co", self._structure(data, converter))
        except _DECODE_ERRORS as exc:
            raise DecodeError(f"info {self.TYPE!r} reply: {_describe(exc)}") from exc

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        return converter.structure(data, self.RESPONSE)


# --- parameter validation ------------------------------------------------------------------


def _address(value: object) -> str:
    return normalise_address(value)


def _optional_address(value: object) -> str | None:
    return None if value is None else normalise_address(value)


def _check_coin(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not isinstance(value, str) or not value:
        raise ConfigurationError(f"{attribute.name} must be a non-empty string, got {value!r:.60}")


def _check_dex(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise ConfigurationError(f"{attribute.name} must be a string, got {value!r:.60}")


def _check_ms(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(
            f"{attribute.name} must be a non-negative int of milliseconds, got {value!r:.60}"
        )


def _check_index(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"{attribute.name} must be a non-negative int, got {value!r:.60}")


def _check_flag(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise ConfigurationError(f"{attribute.name} must be a bool, got {value!r:.60}")


def _user() -> Any:
    return attrs.field(converter=_address)


def _coin() -> Any:
    return attrs.field(validator=_check_coin)


def _dex() -> Any:
    return attrs.field(default=None, validator=_check_dex)


def _start() -> Any:
    return attrs.field(validator=_check_ms)


def _end() -> Any:
    return attrs.field(default=None, validator=_check_ms)


# --- market data ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class AllMidsRequest(InfoRequest[AllMids | None]):
    """``allMids``: every mid price of the main dex, or of builder dex ``dex``.

    Replies ``None`` for an unknown dex. (Unlike the ``allMids`` channel, the HTTP reply is
    the bare map; the model is the same.)
    """

    TYPE: ClassVar[str] = "allMids"
    RESPONSE: ClassVar[Any] = dict[str, Decimal]
    NULLABLE: ClassVar[bool] = True

    dex: str | None = _dex()

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        if data is None:
            return None
        mids = converter.structure(data, dict[str, Decimal])
        return AllMids(mids=mids, dex=self.dex or None)


@attrs.frozen(kw_only=True)
class L2BookRequest(InfoRequest[L2Book | None]):
    """``l2Book``: a snapshot of up to 20 levels a side; ``None`` for an unknown coin.

    Args:
        coin: the wire coin name (``"BTC"``, ``"PURR/USDC"``, ``"@107"``, ``"dex:COIN"``).
        n_sig_figs: aggregate prices to 2-5 significant figures (``None``: full precision).
        mantissa: with ``n_sig_figs=5`` only: 1, 2 or 5.
    """

    TYPE: ClassVar[str] = "l2Book"
    RESPONSE: ClassVar[Any] = L2Book | None
    NULLABLE: ClassVar[bool] = True

    coin: str = _coin()
    n_sig_figs: int | None = None
    mantissa: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.n_sig_figs not in (None, 2, 3, 4, 5):
            raise ConfigurationError(f"n_sig_figs must be 2, 3, 4, 5 or None: {self.n_sig_figs}")
        if self.mantissa is not None and (self.n_sig_figs != 5 or self.mantissa not in (1, 2, 5)):
            raise ConfigurationError("mantissa must be 1, 2 or 5, and only with n_sig_figs=5")


@attrs.frozen(kw_only=True)
class CandleSnapshotRequest(InfoRequest[tuple[Candle, ...]]):
    """``candleSnapshot``: candles of ``coin`` at ``interval`` in a time window (the
    parameters are nested under ``req`` on the wire). At most 5000 candles are returned."""

    TYPE: ClassVar[str] = "candleSnapshot"
    RESPONSE: ClassVar[Any] = tuple[Candle, ...]

    coin: str = _coin()
    interval: str
    start_time: int = _start()
    end_time: int | None = _end()

    def __attrs_post_init__(self) -> None:
        if self.interval not in CANDLE_INTERVALS:
            raise ConfigurationError(
                f"interval must be one of {sorted(CANDLE_INTERVALS)}, got {self.interval!r}"
            )

    def to_wire(self) -> dict[str, Any]:
        req: dict[str, Any] = {
            "coin": self.coin,
            "interval": self.interval,
            "startTime": self.start_time,
        }
        if self.end_time is not None:
            req["endTime"] = self.end_time
        return {"type": self.TYPE, "req": req}


@attrs.frozen(kw_only=True)
class RecentTradesRequest(InfoRequest[tuple[Trade, ...]]):
    """``recentTrades`` of ``coin``."""

    TYPE: ClassVar[str] = "recentTrades"
    RESPONSE: ClassVar[Any] = tuple[Trade, ...]

    coin: str = _coin()


@attrs.frozen(kw_only=True)
class MetaRequest(InfoRequest[PerpMeta]):
    """``meta``: the perpetual universe of the main dex or of builder dex ``dex``."""

    TYPE: ClassVar[str] = "meta"
    RESPONSE: ClassVar[Any] = PerpMeta

    dex: str | None = _dex()


@attrs.frozen(kw_only=True)
class MetaAndAssetCtxsRequest(InfoRequest[MetaAndAssetCtxs]):
    """``metaAndAssetCtxs``: ``meta`` plus the live context of every perpetual."""

    TYPE: ClassVar[str] = "metaAndAssetCtxs"
    RESPONSE: ClassVar[Any] = MetaAndAssetCtxs

    dex: str | None = _dex()

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        meta, ctxs = _pair(data)
        return MetaAndAssetCtxs(
            meta=converter.structure(meta, PerpMeta),
            asset_ctxs=converter.structure(ctxs, tuple[PerpAssetCtx, ...]),
        )


@attrs.frozen(kw_only=True)
class AllPerpMetasRequest(InfoRequest[tuple[PerpMeta, ...]]):
    """``allPerpMetas``: the ``meta`` of every perp dex, main dex first."""

    TYPE: ClassVar[str] = "allPerpMetas"
    RESPONSE: ClassVar[Any] = tuple[PerpMeta, ...]


@attrs.frozen(kw_only=True)
class SpotMetaRequest(InfoRequest[SpotMeta]):
    """``spotMeta``: every spot pair and token."""

    TYPE: ClassVar[str] = "spotMeta"
    RESPONSE: ClassVar[Any] = SpotMeta


@attrs.frozen(kw_only=True)
class SpotMetaAndAssetCtxsRequest(InfoRequest[SpotMetaAndAssetCtxs]):
    """``spotMetaAndAssetCtxs``: ``spotMeta`` plus the live context of every pair."""

    TYPE: ClassVar[str] = "spotMetaAndAssetCtxs"
    RESPONSE: ClassVar[Any] = SpotMetaAndAssetCtxs

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        meta, ctxs = _pair(data)
        return SpotMetaAndAssetCtxs(
            meta=converter.structure(meta, SpotMeta),
            asset_ctxs=converter.structure(ctxs, tuple[SpotAssetCtx, ...]),
        )


def _pair(data: Any) -> tuple[Any, Any]:
    if not isinstance(data, list) or len(data) != 2:
        raise TypeError(f"expected a [meta, contexts] pair, got {type(data).__name__}")
    return data[0], data[1]


_SNAKE_KEY: Final = re.compile(r"_([a-z])")


def _camel_keys(raw: Any) -> Any:
    # The 2025 server sent perpDexs entries with snake_case keys (full_name, oracle_updater);
    # the current one sends camelCase. Both decode into the one model.
    if not isinstance(raw, dict):
        return raw
    return {_SNAKE_KEY.sub(lambda m: m.group(1).upper(), key): value for key, value in raw.items()}


@attrs.frozen(kw_only=True)
class PerpDexsRequest(InfoRequest[tuple[PerpDex | None, ...]]):
    """``perpDexs``: every perp dex; entry 0 is ``None`` (the main dex)."""

    TYPE: ClassVar[str] = "perpDexs"
    RESPONSE: ClassVar[Any] = tuple[PerpDex | None, ...]

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        if not isinstance(data, list):
            raise TypeError(f"expected a list of dexes, got {type(data).__name__}")
        return converter.structure([_camel_keys(item) for item in data], self.RESPONSE)


@attrs.frozen(kw_only=True)
class PerpDexLimitsRequest(InfoRequest[PerpDexLimits | None]):
    """``perpDexLimits`` of builder dex ``dex`` (``None`` for the main dex or an unknown one)."""

    TYPE: ClassVar[str] = "perpDexLimits"
    RESPONSE: ClassVar[Any] = PerpDexLimits | None
    NULLABLE: ClassVar[bool] = True

    dex: str = attrs.field(validator=_check_dex)


@attrs.frozen(kw_only=True)
class PerpDexStatusRequest(InfoRequest[PerpDexStatus]):
    """``perpDexStatus`` of perp dex ``dex`` (``""`` is the main dex)."""

    TYPE: ClassVar[str] = "perpDexStatus"
    RESPONSE: ClassVar[Any] = PerpDexStatus

    dex: str = attrs.field(validator=_check_dex)


@attrs.frozen(kw_only=True)
class MarginTableRequest(InfoRequest[MarginTable]):
    """``marginTable`` number ``id`` (as referenced by ``meta.universe[i].margin_table_id``)."""

    TYPE: ClassVar[str] = "marginTable"
    RESPONSE: ClassVar[Any] = MarginTable

    id: int = attrs.field(validator=_check_index)
    dex: str | None = _dex()


@attrs.frozen(kw_only=True)
class FundingHistoryRequest(InfoRequest[tuple[FundingHistoryEntry, ...]]):
    """``fundingHistory`` of ``coin`` (paged: repeat with a later ``start_time``)."""

    TYPE: ClassVar[str] = "fundingHistory"
    RESPONSE: ClassVar[Any] = tuple[FundingHistoryEntry, ...]

    coin: str = _coin()
    start_time: int = _start()
    end_time: int | None = _end()


@attrs.frozen(kw_only=True)
class PredictedFundingsRequest(
    InfoRequest[tuple[tuple[str, tuple[tuple[str, PredictedFunding | None], ...]], ...]]
):
    """``predictedFundings``: per coin, per venue (``HlPerp``, ``BinPerp``...) the next
    predicted funding, or ``None`` where a venue does not list the coin."""

    TYPE: ClassVar[str] = "predictedFundings"
    RESPONSE: ClassVar[Any] = tuple[
        tuple[str, tuple[tuple[str, PredictedFunding | None], ...]], ...
    ]


@attrs.frozen(kw_only=True)
class PerpsAtOpenInterestCapRequest(InfoRequest[tuple[str, ...]]):
    """``perpsAtOpenInterestCap``: coins whose open interest is at its cap."""

    TYPE: ClassVar[str] = "perpsAtOpenInterestCap"
    RESPONSE: ClassVar[Any] = tuple[str, ...]

    dex: str | None = _dex()


@attrs.frozen(kw_only=True)
class PerpDeployAuctionStatusRequest(InfoRequest[AuctionStatus]):
    """``perpDeployAuctionStatus``: the HIP-3 deploy gas auction."""

    TYPE: ClassVar[str] = "perpDeployAuctionStatus"
    RESPONSE: ClassVar[Any] = AuctionStatus


@attrs.frozen(kw_only=True)
class SpotPairDeployAuctionStatusRequest(InfoRequest[AuctionStatus]):
    """``spotPairDeployAuctionStatus``: the spot pair deploy gas auction."""

    TYPE: ClassVar[str] = "spotPairDeployAuctionStatus"
    RESPONSE: ClassVar[Any] = AuctionStatus


@attrs.frozen(kw_only=True)
class PerpAnnotationRequest(InfoRequest[PerpAnnotation | None]):
    """``perpAnnotation`` of ``coin`` (``None`` when it has none)."""

    TYPE: ClassVar[str] = "perpAnnotation"
    RESPONSE: ClassVar[Any] = PerpAnnotation | None
    NULLABLE: ClassVar[bool] = True

    coin: str = _coin()


@attrs.frozen(kw_only=True)
class PerpCategoriesRequest(InfoRequest[tuple[tuple[str, str], ...]]):
    """``perpCategories``: ``(coin, category)`` pairs."""

    TYPE: ClassVar[str] = "perpCategories"
    RESPONSE: ClassVar[Any] = tuple[tuple[str, str], ...]


@attrs.frozen(kw_only=True)
class PerpConciseAnnotationsRequest(InfoRequest[tuple[tuple[str, ConciseAnnotation], ...]]):
    """``perpConciseAnnotations``: ``(coin, annotation)`` pairs."""

    TYPE: ClassVar[str] = "perpConciseAnnotations"
    RESPONSE: ClassVar[Any] = tuple[tuple[str, ConciseAnnotation], ...]


@attrs.frozen(kw_only=True)
class MaxMarketOrderNtlsRequest(InfoRequest[tuple[tuple[int, Decimal], ...]]):
    """``maxMarketOrderNtls``: ``(max leverage, max market order notional)`` pairs."""

    TYPE: ClassVar[str] = "maxMarketOrderNtls"
    RESPONSE: ClassVar[Any] = tuple[tuple[int, Decimal], ...]


@attrs.frozen(kw_only=True)
class LiquidatableRequest(InfoRequest[tuple[LiquidatablePosition, ...]]):
    """``liquidatable``: positions that can be liquidated now."""

    TYPE: ClassVar[str] = "liquidatable"
    RESPONSE: ClassVar[Any] = tuple[LiquidatablePosition, ...]


@attrs.frozen(kw_only=True)
class ExchangeStatusRequest(InfoRequest[ExchangeStatus]):
    """``exchangeStatus``."""

    TYPE: ClassVar[str] = "exchangeStatus"
    RESPONSE: ClassVar[Any] = ExchangeStatus


@attrs.frozen(kw_only=True)
class UsdcRoutingRequest(InfoRequest[UsdcRouting]):
    """``usdcRouting``: the current USDC deposit and withdrawal routes."""

    TYPE: ClassVar[str] = "usdcRouting"
    RESPONSE: ClassVar[Any] = UsdcRouting


@attrs.frozen(kw_only=True)
class TokenDetailsRequest(InfoRequest[TokenDetails]):
    """``tokenDetails`` of ``token_id`` (``0x`` + 32 hex digits, from ``spotMeta``)."""

    TYPE: ClassVar[str] = "tokenDetails"
    RESPONSE: ClassVar[Any] = TokenDetails

    token_id: str = attrs.field()

    @token_id.validator
    def _check_token_id(self, _: "attrs.Attribute[str]", value: object) -> None:
        if not isinstance(value, str) or not _TOKEN_ID.match(value):
            raise ConfigurationError(f"token_id must be 0x + 32 hex digits, got {value!r:.60}")


@attrs.frozen(kw_only=True)
class GossipRootIpsRequest(InfoRequest[tuple[str, ...]]):
    """``gossipRootIps``."""

    TYPE: ClassVar[str] = "gossipRootIps"
    RESPONSE: ClassVar[Any] = tuple[str, ...]


@attrs.frozen(kw_only=True)
class GossipPriorityAuctionStatusRequest(
    InfoRequest[tuple[tuple[str | None, ...], tuple[AuctionStatus, ...]]]
):
    """``gossipPriorityAuctionStatus``: previous winner IP per slot (or ``None``), and the
    current auction of each slot."""

    TYPE: ClassVar[str] = "gossipPriorityAuctionStatus"
    RESPONSE: ClassVar[Any] = tuple[tuple[str | None, ...], tuple[AuctionStatus, ...]]


@attrs.frozen(kw_only=True)
class ValidatorSummariesRequest(InfoRequest[tuple[ValidatorSummary, ...]]):
    """``validatorSummaries``."""

    TYPE: ClassVar[str] = "validatorSummaries"
    RESPONSE: ClassVar[Any] = tuple[ValidatorSummary, ...]


@attrs.frozen(kw_only=True)
class ValidatorL1VotesRequest(InfoRequest[tuple[ValidatorL1Vote, ...]]):
    """``validatorL1Votes``."""

    TYPE: ClassVar[str] = "validatorL1Votes"
    RESPONSE: ClassVar[Any] = tuple[ValidatorL1Vote, ...]


@attrs.frozen(kw_only=True)
class VaultSummariesRequest(InfoRequest[tuple[VaultSummary, ...]]):
    """``vaultSummaries``: vaults created in the last hours."""

    TYPE: ClassVar[str] = "vaultSummaries"
    RESPONSE: ClassVar[Any] = tuple[VaultSummary, ...]


@attrs.frozen(kw_only=True)
class AllBorrowLendReserveStatesRequest(
    InfoRequest[tuple[tuple[int, BorrowLendReserveState], ...]]
):
    """``allBorrowLendReserveStates``: ``(token, reserve)`` pairs."""

    TYPE: ClassVar[str] = "allBorrowLendReserveStates"
    RESPONSE: ClassVar[Any] = tuple[tuple[int, BorrowLendReserveState], ...]


@attrs.frozen(kw_only=True)
class BorrowLendReserveStateRequest(InfoRequest[BorrowLendReserveState]):
    """``borrowLendReserveState`` of token index ``token``."""

    TYPE: ClassVar[str] = "borrowLendReserveState"
    RESPONSE: ClassVar[Any] = BorrowLendReserveState

    token: int = attrs.field(validator=_check_index)


@attrs.frozen(kw_only=True)
class OutcomeMetaRequest(InfoRequest[OutcomeMeta]):
    """``outcomeMeta``."""

    TYPE: ClassVar[str] = "outcomeMeta"
    RESPONSE: ClassVar[Any] = OutcomeMeta


@attrs.frozen(kw_only=True)
class OutcomeTemplatesRequest(InfoRequest[tuple[OutcomeTemplate, ...]]):
    """``outcomeTemplates``."""

    TYPE: ClassVar[str] = "outcomeTemplates"
    RESPONSE: ClassVar[Any] = tuple[OutcomeTemplate, ...]


@attrs.frozen(kw_only=True)
class SettledOutcomeRequest(InfoRequest[SettledOutcome | None]):
    """``settledOutcome`` number ``outcome`` (``None`` while it is not settled)."""

    TYPE: ClassVar[str] = "settledOutcome"
    RESPONSE: ClassVar[Any] = SettledOutcome | None
    NULLABLE: ClassVar[bool] = True

    outcome: int = attrs.field(validator=_check_index)


# --- user queries --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ClearinghouseStateRequest(InfoRequest[ClearinghouseState]):
    """``clearinghouseState``: the user's perpetual account on the main dex or ``dex``."""

    TYPE: ClassVar[str] = "clearinghouseState"
    RESPONSE: ClassVar[Any] = ClearinghouseState

    user: str = _user()
    dex: str | None = _dex()


@attrs.frozen(kw_only=True)
class SpotClearinghouseStateRequest(InfoRequest[SpotClearinghouseState]):
    """``spotClearinghouseState``: the user's spot balances."""

    TYPE: ClassVar[str] = "spotClearinghouseState"
    RESPONSE: ClassVar[Any] = SpotClearinghouseState

    user: str = _user()
    dex: str | None = _dex()


@attrs.frozen(kw_only=True)
class OpenOrdersRequest(InfoRequest[tuple[BasicOrder, ...]]):
    """``openOrders``: the user's resting orders (basic fields)."""

    TYPE: ClassVar[str] = "openOrders"
    RESPONSE: ClassVar[Any] = tuple[BasicOrder, ...]

    user: str = _user()
    dex: str | None = _dex()


@attrs.frozen(kw_only=True)
class FrontendOpenOrdersRequest(InfoRequest[tuple[FrontendOpenOrder, ...]]):
    """``frontendOpenOrders``: the user's resting orders with trigger and TP/SL details."""

    TYPE: ClassVar[str] = "frontendOpenOrders"
    RESPONSE: ClassVar[Any] = tuple[FrontendOpenOrder, ...]

    user: str = _user()
    dex: str | None = _dex()


@attrs.frozen(kw_only=True)
class UserFillsRequest(InfoRequest[tuple[UserFill, ...]]):
    """``userFills``: the user's most recent fills (capped, about 2000)."""

    TYPE: ClassVar[str] = "userFills"
    RESPONSE: ClassVar[Any] = tuple[UserFill, ...]

    user: str = _user()
    aggregate_by_time: bool | None = attrs.field(default=None, validator=_check_flag)


@attrs.frozen(kw_only=True)
class UserFillsByTimeRequest(InfoRequest[tuple[UserFill, ...]]):
    """``userFillsByTime``: the user's fills in a time window (paged)."""

    TYPE: ClassVar[str] = "userFillsByTime"
    RESPONSE: ClassVar[Any] = tuple[UserFill, ...]

    user: str = _user()
    start_time: int = _start()
    end_time: int | None = _end()
    aggregate_by_time: bool | None = attrs.field(default=None, validator=_check_flag)
    reversed: bool | None = attrs.field(default=None, validator=_check_flag)


@attrs.frozen(kw_only=True)
class HistoricalOrdersRequest(InfoRequest[tuple[HistoricalOrder, ...]]):
    """``historicalOrders``: the user's most recent orders (capped, about 2000)."""

    TYPE: ClassVar[str] = "historicalOrders"
    RESPONSE: ClassVar[Any] = tuple[HistoricalOrder, ...]

    user: str = _user()


def _check_oid(_: object, __: "attrs.Attribute[Any]", value: object) -> None:
    if isinstance(value, str):
        if not _CLOID.match(value):
            raise ConfigurationError(f"a cloid is 0x + 32 hex digits, got {value!r:.60}")
    elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"oid must be an int order id or a cloid, got {value!r:.60}")


def _oid(value: int | str) -> int | str:
    return value.lower() if isinstance(value, str) else value


@attrs.frozen(kw_only=True)
class OrderStatusRequest(InfoRequest[OrderStatusResult]):
    """``orderStatus`` of one order, by order id (``int``) or cloid (``0x`` + 32 hex).

    An unknown order is not an error: ``status`` is ``"unknownOid"`` and ``order`` ``None``.
    """

    TYPE: ClassVar[str] = "orderStatus"
    RESPONSE: ClassVar[Any] = OrderStatusResult

    user: str = _user()
    oid: int | str = attrs.field(validator=_check_oid, converter=_oid)


@attrs.frozen(kw_only=True)
class UserFundingRequest(InfoRequest[tuple[UserFundingEntry, ...]]):
    """``userFunding``: the user's funding payments in a time window."""

    TYPE: ClassVar[str] = "userFunding"
    RESPONSE: ClassVar[Any] = tuple[UserFundingEntry, ...]

    user: str = _user()
    start_time: int = _start()
    end_time: int | None = _end()


@attrs.frozen(kw_only=True)
class UserNonFundingLedgerUpdatesRequest(InfoRequest[tuple[LedgerUpdate, ...]]):
    """``userNonFundingLedgerUpdates``: deposits, transfers, withdrawals, liquidations..."""

    TYPE: ClassVar[str] = "userNonFundingLedgerUpdates"
    RESPONSE: ClassVar[Any] = tuple[LedgerUpdate, ...]

    user: str = _user()
    start_time: int | None = _end()
    end_time: int | None = _end()


@attrs.frozen(kw_only=True)
class UserFeesRequest(InfoRequest[UserFees]):
    """``userFees``."""

    TYPE: ClassVar[str] = "userFees"
    RESPONSE: ClassVar[Any] = UserFees

    user: str = _user()


@attrs.frozen(kw_only=True)
class UserRateLimitRequest(InfoRequest[UserRateLimit]):
    """``userRateLimit``."""

    TYPE: ClassVar[str] = "userRateLimit"
    RESPONSE: ClassVar[Any] = UserRateLimit

    user: str = _user()


@attrs.frozen(kw_only=True)
class UserRoleRequest(InfoRequest[UserRole]):
    """``userRole``."""

    TYPE: ClassVar[str] = "userRole"
    RESPONSE: ClassVar[Any] = UserRole

    user: str = _user()


@attrs.frozen(kw_only=True)
class SubAccountsRequest(InfoRequest[tuple[SubAccount, ...]]):
    """``subAccounts`` (a ``null`` reply means none, and decodes to ``()``)."""

    TYPE: ClassVar[str] = "subAccounts"
    RESPONSE: ClassVar[Any] = tuple[SubAccount, ...]
    NULLABLE: ClassVar[bool] = True

    user: str = _user()

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        return () if data is None else converter.structure(data, self.RESPONSE)


@attrs.frozen(kw_only=True)
class SubAccounts2Request(InfoRequest[tuple[SubAccount2, ...]]):
    """``subAccounts2`` (a ``null`` reply means none, and decodes to ``()``)."""

    TYPE: ClassVar[str] = "subAccounts2"
    RESPONSE: ClassVar[Any] = tuple[SubAccount2, ...]
    NULLABLE: ClassVar[bool] = True

    user: str = _user()

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        return () if data is None else converter.structure(data, self.RESPONSE)


@attrs.frozen(kw_only=True)
class VaultDetailsRequest(InfoRequest[VaultDetails | None]):
    """``vaultDetails`` (``None`` for an unknown vault); ``user`` adds its follower state."""

    TYPE: ClassVar[str] = "vaultDetails"
    RESPONSE: ClassVar[Any] = VaultDetails | None
    NULLABLE: ClassVar[bool] = True

    vault_address: str = _user()
    user: str | None = attrs.field(default=None, converter=_optional_address)


@attrs.frozen(kw_only=True)
class UserVaultEquitiesRequest(InfoRequest[tuple[UserVaultEquity, ...]]):
    """``userVaultEquities``."""

    TYPE: ClassVar[str] = "userVaultEquities"
    RESPONSE: ClassVar[Any] = tuple[UserVaultEquity, ...]

    user: str = _user()


@attrs.frozen(kw_only=True)
class LeadingVaultsRequest(InfoRequest[tuple[LeadingVault, ...]]):
    """``leadingVaults``: vaults the user leads."""

    TYPE: ClassVar[str] = "leadingVaults"
    RESPONSE: ClassVar[Any] = tuple[LeadingVault, ...]

    user: str = _user()


@attrs.frozen(kw_only=True)
class DelegationsRequest(InfoRequest[tuple[Delegation, ...]]):
    """``delegations``."""

    TYPE: ClassVar[str] = "delegations"
    RESPONSE: ClassVar[Any] = tuple[Delegation, ...]

    user: str = _user()


@attrs.frozen(kw_only=True)
class DelegatorSummaryRequest(InfoRequest[DelegatorSummary]):
    """``delegatorSummary``."""

    TYPE: ClassVar[str] = "delegatorSummary"
    RESPONSE: ClassVar[Any] = DelegatorSummary

    user: str = _user()


@attrs.frozen(kw_only=True)
class DelegatorHistoryRequest(InfoRequest[tuple[DelegatorHistoryEntry, ...]]):
    """``delegatorHistory``."""

    TYPE: ClassVar[str] = "delegatorHistory"
    RESPONSE: ClassVar[Any] = tuple[DelegatorHistoryEntry, ...]

    user: str = _user()


@attrs.frozen(kw_only=True)
class DelegatorRewardsRequest(InfoRequest[tuple[DelegatorReward, ...]]):
    """``delegatorRewards``."""

    TYPE: ClassVar[str] = "delegatorRewards"
    RESPONSE: ClassVar[Any] = tuple[DelegatorReward, ...]

    user: str = _user()


@attrs.frozen(kw_only=True)
class PortfolioRequest(InfoRequest[tuple[tuple[str, PortfolioPeriod], ...]]):
    """``portfolio``: ``(period, data)`` pairs for ``day``, ``week``, ``month``, ``allTime``
    and their ``perp*`` counterparts (``dict(reply)["day"]`` indexes them)."""

    TYPE: ClassVar[str] = "portfolio"
    RESPONSE: ClassVar[Any] = tuple[tuple[str, PortfolioPeriod], ...]

    user: str = _user()


@attrs.frozen(kw_only=True)
class ReferralRequest(InfoRequest[Referral]):
    """``referral``."""

    TYPE: ClassVar[str] = "referral"
    RESPONSE: ClassVar[Any] = Referral

    user: str = _user()


@attrs.frozen(kw_only=True)
class MaxBuilderFeeRequest(InfoRequest[int]):
    """``maxBuilderFee`` the user approved for ``builder``, in tenths of a basis point."""

    TYPE: ClassVar[str] = "maxBuilderFee"
    RESPONSE: ClassVar[Any] = int

    user: str = _user()
    builder: str = _user()


@attrs.frozen(kw_only=True)
class ApprovedBuildersRequest(InfoRequest[tuple[str, ...]]):
    """``approvedBuilders``: builder addresses the user approved."""

    TYPE: ClassVar[str] = "approvedBuilders"
    RESPONSE: ClassVar[Any] = tuple[str, ...]

    user: str = _user()


@attrs.frozen(kw_only=True)
class SpotDeployStateRequest(InfoRequest[SpotDeployState]):
    """``spotDeployState``: the user's HIP-1 deployments and the gas auction."""

    TYPE: ClassVar[str] = "spotDeployState"
    RESPONSE: ClassVar[Any] = SpotDeployState

    user: str = _user()


@attrs.frozen(kw_only=True)
class ActiveAssetDataRequest(InfoRequest[ActiveAssetData]):
    """``activeAssetData``: the user's leverage and tradeable sizes on one perpetual."""

    TYPE: ClassVar[str] = "activeAssetData"
    RESPONSE: ClassVar[Any] = ActiveAssetData

    user: str = _user()
    coin: str = _coin()


@attrs.frozen(kw_only=True)
class UserTwapSliceFillsRequest(InfoRequest[tuple[TwapSliceFill, ...]]):
    """``userTwapSliceFills``: the user's most recent TWAP slice fills."""

    TYPE: ClassVar[str] = "userTwapSliceFills"
    RESPONSE: ClassVar[Any] = tuple[TwapSliceFill, ...]

    user: str = _user()


@attrs.frozen(kw_only=True)
class UserTwapSliceFillsByTimeRequest(InfoRequest[tuple[TwapSliceFill, ...]]):
    """``userTwapSliceFillsByTime``: TWAP slice fills in a time window."""

    TYPE: ClassVar[str] = "userTwapSliceFillsByTime"
    RESPONSE: ClassVar[Any] = tuple[TwapSliceFill, ...]

    user: str = _user()
    start_time: int = _start()
    end_time: int | None = _end()


@attrs.frozen(kw_only=True)
class TwapHistoryRequest(InfoRequest[tuple[TwapHistoryItem, ...]]):
    """``twapHistory`` (``time`` of each item is in **seconds**)."""

    TYPE: ClassVar[str] = "twapHistory"
    RESPONSE: ClassVar[Any] = tuple[TwapHistoryItem, ...]

    user: str = _user()


@attrs.frozen(kw_only=True)
class ExtraAgentsRequest(InfoRequest[tuple[ExtraAgent, ...]]):
    """``extraAgents``: the user's named API wallets."""

    TYPE: ClassVar[str] = "extraAgents"
    RESPONSE: ClassVar[Any] = tuple[ExtraAgent, ...]

    user: str = _user()


@attrs.frozen(kw_only=True)
class IsVipRequest(InfoRequest[bool | None]):
    """``isVip``."""

    TYPE: ClassVar[str] = "isVip"
    RESPONSE: ClassVar[Any] = bool | None
    NULLABLE: ClassVar[bool] = True

    user: str = _user()


@attrs.frozen(kw_only=True)
class LegalCheckRequest(InfoRequest[LegalCheck]):
    """``legalCheck``."""

    TYPE: ClassVar[str] = "legalCheck"
    RESPONSE: ClassVar[Any] = LegalCheck

    user: str = _user()


@attrs.frozen(kw_only=True)
class PreTransferCheckRequest(InfoRequest[PreTransferCheck]):
    """``preTransferCheck``: would a transfer from ``source`` to ``user`` work, and at what
    activation fee."""

    TYPE: ClassVar[str] = "preTransferCheck"
    RESPONSE: ClassVar[Any] = PreTransferCheck

    user: str = _user()
    source: str = _user()


@attrs.frozen(kw_only=True)
class UserToMultiSigSignersRequest(InfoRequest[MultiSigSigners | None]):
    """``userToMultiSigSigners`` (``None`` for a user that is not multi-sig)."""

    TYPE: ClassVar[str] = "userToMultiSigSigners"
    RESPONSE: ClassVar[Any] = MultiSigSigners | None
    NULLABLE: ClassVar[bool] = True

    user: str = _user()


@attrs.frozen(kw_only=True)
class UserAbstractionRequest(InfoRequest[str]):
    """``userAbstraction``: ``unifiedAccount``, ``portfolioMargin``, ``disabled``, ``default``
    or ``dexAbstraction`` (kept as a string)."""

    TYPE: ClassVar[str] = "userAbstraction"
    RESPONSE: ClassVar[Any] = str

    user: str = _user()


@attrs.frozen(kw_only=True)
class UserDexAbstractionRequest(InfoRequest[bool | None]):
    """``userDexAbstraction``: HIP-3 dex abstraction enabled (``None``: never set)."""

    TYPE: ClassVar[str] = "userDexAbstraction"
    RESPONSE: ClassVar[Any] = bool | None
    NULLABLE: ClassVar[bool] = True

    user: str = _user()


@attrs.frozen(kw_only=True)
class BorrowLendUserStateRequest(InfoRequest[BorrowLendUserState]):
    """``borrowLendUserState``."""

    TYPE: ClassVar[str] = "borrowLendUserState"
    RESPONSE: ClassVar[Any] = BorrowLendUserState

    user: str = _user()


@attrs.frozen(kw_only=True)
class UserBorrowLendInterestRequest(InfoRequest[tuple[BorrowLendInterest, ...]]):
    """``userBorrowLendInterest`` in a time window."""

    TYPE: ClassVar[str] = "userBorrowLendInterest"
    RESPONSE: ClassVar[Any] = tuple[BorrowLendInterest, ...]

    user: str = _user()
    start_time: int = _start()
    end_time: int | None = _end()


@attrs.frozen(kw_only=True)
class WebData2Request(InfoRequest[WebData2]):
    """``webData2``: the legacy front-end aggregate (large)."""

    TYPE: ClassVar[str] = "webData2"
    RESPONSE: ClassVar[Any] = WebData2

    user: str = _user()


INFO_REQUESTS: Final[dict[str, type[InfoRequest[Any]]]] = {
    cls.TYPE: cls
    for cls in (
        ActiveAssetDataRequest,
        AllBorrowLendReserveStatesRequest,
        AllMidsRequest,
        AllPerpMetasRequest,
        ApprovedBuildersRequest,
        BorrowLendReserveStateRequest,
        BorrowLendUserStateRequest,
        CandleSnapshotRequest,
        ClearinghouseStateRequest,
        DelegationsRequest,
        DelegatorHistoryRequest,
        DelegatorRewardsRequest,
        DelegatorSummaryRequest,
        ExchangeStatusRequest,
        ExtraAgentsRequest,
        FrontendOpenOrdersRequest,
        FundingHistoryRequest,
        GossipPriorityAuctionStatusRequest,
        GossipRootIpsRequest,
        HistoricalOrdersRequest,
        IsVipRequest,
        L2BookRequest,
        LeadingVaultsRequest,
        LegalCheckRequest,
        LiquidatableRequest,
        MarginTableRequest,
        MaxBuilderFeeRequest,
        MaxMarketOrderNtlsRequest,
        MetaRequest,
        MetaAndAssetCtxsRequest,
        OpenOrdersRequest,
        OrderStatusRequest,
        OutcomeMetaRequest,
        OutcomeTemplatesRequest,
        PerpAnnotationRequest,
        PerpCategoriesRequest,
        PerpConciseAnnotationsRequest,
        PerpDeployAuctionStatusRequest,
        PerpDexLimitsRequest,
        PerpDexStatusRequest,
        PerpDexsRequest,
        PerpsAtOpenInterestCapRequest,
        PortfolioRequest,
        PreTransferCheckRequest,
        PredictedFundingsRequest,
        RecentTradesRequest,
        ReferralRequest,
        SettledOutcomeRequest,
        SpotClearinghouseStateRequest,
        SpotDeployStateRequest,
        SpotMetaRequest,
        SpotMetaAndAssetCtxsRequest,
        SpotPairDeployAuctionStatusRequest,
        SubAccountsRequest,
        SubAccounts2Request,
        TokenDetailsRequest,
        TwapHistoryRequest,
        UsdcRoutingRequest,
        UserAbstractionRequest,
        UserBorrowLendInterestRequest,
        UserDexAbstractionRequest,
        UserFeesRequest,
        UserFillsRequest,
        UserFillsByTimeRequest,
        UserFundingRequest,
        UserNonFundingLedgerUpdatesRequest,
        UserRateLimitRequest,
        UserRoleRequest,
        UserToMultiSigSignersRequest,
        UserTwapSliceFillsRequest,
        UserTwapSliceFillsByTimeRequest,
        UserVaultEquitiesRequest,
        ValidatorL1VotesRequest,
        ValidatorSummariesRequest,
        VaultDetailsRequest,
        VaultSummariesRequest,
        WebData2Request,
    )
}
"""Every info request class, keyed by its wire ``type``."""
