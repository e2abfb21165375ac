"""Reply models of the per-user info requests: account, fees, vaults, staking, referrals.

Info-only shapes; fills, orders, ledger updates and clearinghouse states are shared with the
user channels and come from :mod:`trio_hl.models.user` and :mod:`trio_hl.models.account`.
"""

from decimal import Decimal
from typing import Any

import attrs

from ..._convert import register_union
from .._unions import by_single_key
from ..account import (
    ClearinghouseState,
    SpotClearinghouseState,
)
from ..user import (
    HistoricalOrder,
)

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
