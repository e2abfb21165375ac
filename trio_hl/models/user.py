"""User event streams: fills, funding, ledger, order updates, user events, TWAPs.

These channels carry *events*, so their streams default to fail-on-overflow (silent loss
would be a bug). Several of them start with a snapshot after every (re)subscription, flagged
``is_snapshot=True`` (``userFills``, ``userFundings``, ``userNonFundingLedgerUpdates``,
``userTwapSliceFills``, ``userTwapHistory``, ``userHistoricalOrders``); later messages have
``is_snapshot=False``. Identical subscriptions share one wire subscription, so a consumer
that joins one already live receives no snapshot of its own: fetch history with an info
request if it needs one.

Open enumerations stay open: order statuses, fill directions, ``orderType`` and ``tif``
decode as strings (:data:`ORDER_STATUSES` lists the values known today); ledger deltas and
user events of a kind this version does not know decode to :class:`UnknownLedgerDelta` /
:class:`UnknownUserEvent`, which keep the raw JSON.
"""

from decimal import Decimal
from typing import Any, ClassVar, Final

import attrs

from .._convert import register_union
from ._common import Side, wire
from ._unions import by_single_key, by_type_field
from .account import FrontendOpenOrder, TwapState

__all__ = [
    "ORDER_STATUSES",
    "AccountClassTransferDelta",
    "ActivateDexAbstractionDelta",
    "BasicOrder",
    "BorrowLendDelta",
    "CStakingTransferDelta",
    "DeployGasAuctionDelta",
    "DepositDelta",
    "FillLiquidation",
    "FillsEvent",
    "Funding",
    "FundingEvent",
    "HistoricalOrder",
    "InternalTransferDelta",
    "LedgerDelta",
    "LedgerUpdate",
    "LiquidatedPosition",
    "LiquidationDelta",
    "LiquidationEvent",
    "NonUserCancel",
    "NonUserCancelEvent",
    "Notification",
    "OrderUpdate",
    "OrderUpdates",
    "RewardsClaimDelta",
    "SendDelta",
    "SpotGenesisDelta",
    "SpotTransferDelta",
    "SubAccountTransferDelta",
    "TwapHistoryEvent",
    "TwapHistoryItem",
    "TwapSliceFill",
    "TwapSliceFillsEvent",
    "TwapStatus",
    "UnknownLedgerDelta",
    "UnknownUserEvent",
    "UserEvent",
    "UserEventFunding",
    "UserFill",
    "UserFills",
    "UserFundings",
    "UserHistoricalOrders",
    "UserLiquidation",
    "UserNonFundingLedgerUpdates",
    "UserTwapHistory",
    "UserTwapSliceFills",
    "VaultCreateDelta",
    "VaultDepositDelta",
    "VaultDistributionDelta",
    "VaultLeaderCommissionDelta",
    "VaultWithdrawDelta",
    "WithdrawDelta",
]

ORDER_STATUSES: Final = frozenset(
    {
        "open",
        "filled",
        "canceled",
        "triggered",
        "rejected",
        "marginCanceled",
        "vaultWithdrawalCanceled",
        "openInterestCapCanceled",
        "selfTradeCanceled",
        "reduceOnlyCanceled",
        "siblingFilledCanceled",
        "delistedCanceled",
        "liquidatedCanceled",
        "outcomeSettledCanceled",
        "scheduledCancel",
        "internalCancel",
        "tickRejected",
        "minTradeNtlRejected",
        "perpMarginRejected",
        "reduceOnlyRejected",
        "badAloPxRejected",
        "iocCancelRejected",
        "badTriggerPxRejected",
        "marketOrderNoLiquidityRejected",
        "positionIncreaseAtOpenInterestCapRejected",
        "positionFlipAtOpenInterestCapRejected",
        "tooAggressiveAtOpenInterestCapRejected",
        "openInterestIncreaseRejected",
        "insufficientSpotBalanceRejected",
        "oracleRejected",
        "perpMaxPositionRejected",
        "tooManyOpenOrdersRejected",
    }
)
"""Order status values known in 2026. Statuses are decoded as ``str``: the set grows, and a
status not listed here arrives unchanged rather than failing the frame."""


# --- fills ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class FillLiquidation:
    """Present on a fill that was part of a liquidation."""

    liquidated_user: str | None = None
    mark_px: Decimal
    method: str
    """``"market"`` or ``"backstop"`` (kept as a string)."""


@attrs.frozen(kw_only=True)
class UserFill:
    """One fill of the user's order. ``tid`` is unique per fill.

    ``dir`` is an open set (``Open Long``, ``Close Short``, ``Long > Short``, ``Buy``,
    ``Sell``...), kept as a string. ``fee`` is negative for a rebate. ``hash`` may be all
    zeros (TWAP slices).
    """

    coin: str
    px: Decimal
    sz: Decimal
    side: Side
    time: int
    start_position: Decimal
    dir: str
    closed_pnl: Decimal
    hash: str
    oid: int
    crossed: bool
    """``True`` when the user was the taker."""
    fee: Decimal
    tid: int
    fee_token: str
    builder_fee: Decimal | None = None
    fee_trial_escrow: Decimal | None = None
    twap_id: int | None = None
    cloid: str | None = None
    liquidation: FillLiquidation | None = None
    builder: str | None = None
    """The builder the order was routed through (GoldRush builder streams)."""
    deployer_fee: Decimal | None = None
    """The HIP-3 deployer's fee (GoldRush ``builderLiquidations``)."""


@attrs.frozen(kw_only=True)
class UserFills:
    """Fills of ``user`` (channel ``userFills``).

    The first message after every (re)subscription is a snapshot of recent fills
    (``is_snapshot=True``). Across a reconnect the client removes from that snapshot the
    fills this stream already delivered, so every fill arrives once (see
    :class:`~trio_hl.models.UserFillsSubscription`).
    """

    is_snapshot: bool = False
    user: str
    fills: tuple[UserFill, ...]


# --- funding -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Funding:
    """One hourly funding payment. ``usdc`` is signed (negative = paid by the user)."""

    time: int
    coin: str
    usdc: Decimal
    szi: Decimal
    funding_rate: Decimal
    n_samples: int | None


@attrs.frozen(kw_only=True)
class UserFundings:
    """Funding payments of ``user`` (channel ``userFundings``); snapshot first."""

    is_snapshot: bool = False
    user: str
    fundings: tuple[Funding, ...]


# --- ledger --------------------------------------------------------------------------------
# One class per ``delta.type``. The tag is implied by the class (``type`` class attribute);
# amounts are Decimal, addresses strings.


@attrs.frozen(kw_only=True)
class AccountClassTransferDelta:
    """USDC moved between the spot and perp accounts."""

    type: ClassVar[str] = "accountClassTransfer"
    usdc: Decimal
    to_perp: bool


@attrs.frozen(kw_only=True)
class DepositDelta:
    type: ClassVar[str] = "deposit"
    usdc: Decimal


@attrs.frozen(kw_only=True)
class WithdrawDelta:
    type: ClassVar[str] = "withdraw"
    usdc: Decimal
    nonce: int
    fee: Decimal


@attrs.frozen(kw_only=True)
class InternalTransferDelta:
    type: ClassVar[str] = "internalTransfer"
    usdc: Decimal
    user: str
    destination: str
    fee: Decimal


@attrs.frozen(kw_only=True)
class SubAccountTransferDelta:
    type: ClassVar[str] = "subAccountTransfer"
    usdc: Decimal
    user: str
    destination: str


@attrs.frozen(kw_only=True)
class SpotTransferDelta:
    type: ClassVar[str] = "spotTransfer"
    token: str
    amount: Decimal
    usdc_value: Decimal
    user: str
    destination: str
    fee: Decimal
    native_token_fee: Decimal
    nonce: int | None
    fee_token: str | None = None


@attrs.frozen(kw_only=True)
class SendDelta:
    type: ClassVar[str] = "send"
    user: str
    destination: str
    source_dex: str
    destination_dex: str
    token: str
    amount: Decimal
    usdc_value: Decimal
    fee: Decimal
    native_token_fee: Decimal
    nonce: int
    fee_token: str


@attrs.frozen(kw_only=True)
class LiquidatedPosition:
    coin: str
    szi: Decimal


@attrs.frozen(kw_only=True)
class LiquidationDelta:
    type: ClassVar[str] = "liquidation"
    liquidated_ntl_pos: Decimal
    account_value: Decimal
    leverage_type: str
    """``"Cross"`` or ``"Isolated"``."""
    liquidated_positions: tuple[LiquidatedPosition, ...]


@attrs.frozen(kw_only=True)
class VaultCreateDelta:
    type: ClassVar[str] = "vaultCreate"
    vault: str
    usdc: Decimal
    fee: Decimal


@attrs.frozen(kw_only=True)
class VaultDepositDelta:
    type: ClassVar[str] = "vaultDeposit"
    vault: str
    usdc: Decimal


@attrs.frozen(kw_only=True)
class VaultWithdrawDelta:
    type: ClassVar[str] = "vaultWithdraw"
    vault: str
    user: str
    requested_usd: Decimal
    commission: Decimal
    closing_cost: Decimal
    basis: Decimal
    net_withdrawn_usd: Decimal


@attrs.frozen(kw_only=True)
class VaultDistributionDelta:
    type: ClassVar[str] = "vaultDistribution"
    vault: str
    usdc: Decimal


@attrs.frozen(kw_only=True)
class VaultLeaderCommissionDelta:
    type: ClassVar[str] = "vaultLeaderCommission"
    user: str
    usdc: Decimal


@attrs.frozen(kw_only=True)
class RewardsClaimDelta:
    type: ClassVar[str] = "rewardsClaim"
    amount: Decimal
    token: str


@attrs.frozen(kw_only=True)
class CStakingTransferDelta:
    type: ClassVar[str] = "cStakingTransfer"
    token: str
    amount: Decimal
    is_deposit: bool


@attrs.frozen(kw_only=True)
class BorrowLendDelta:
    type: ClassVar[str] = "borrowLend"
    token: str
    operation: str
    """``supply``, ``withdraw``, ``repay`` or ``borrow``."""
    amount: Decimal
    interest_amount: Decimal


@attrs.frozen(kw_only=True)
class SpotGenesisDelta:
    type: ClassVar[str] = "spotGenesis"
    token: str
    amount: Decimal


@attrs.frozen(kw_only=True)
class DeployGasAuctionDelta:
    type: ClassVar[str] = "deployGasAuction"
    token: str
    amount: Decimal


@attrs.frozen(kw_only=True)
class ActivateDexAbstractionDelta:
    type: ClassVar[str] = "activateDexAbstraction"
    dex: str
    token: str
    amount: Decimal


@attrs.frozen(kw_only=True)
class UnknownLedgerDelta:
    """A ``delta.type`` this version does not know; ``raw`` is the whole delta object."""

    type: str
    raw: dict[str, Any]


LedgerDelta = (
    AccountClassTransferDelta
    | DepositDelta
    | WithdrawDelta
    | InternalTransferDelta
    | SubAccountTransferDelta
    | SpotTransferDelta
    | SendDelta
    | LiquidationDelta
    | VaultCreateDelta
    | VaultDepositDelta
    | VaultWithdrawDelta
    | VaultDistributionDelta
    | VaultLeaderCommissionDelta
    | RewardsClaimDelta
    | CStakingTransferDelta
    | BorrowLendDelta
    | SpotGenesisDelta
    | DeployGasAuctionDelta
    | ActivateDexAbstractionDelta
    | UnknownLedgerDelta
)
"""Every ledger delta variant, told apart by the wire's ``delta.type``."""

_LEDGER_VARIANTS: Final[dict[str, type]] = {
    cls.type: cls
    for cls in (
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
    )
}
register_union(
    LedgerDelta,
    by_type_field(_LEDGER_VARIANTS, lambda tag, raw: UnknownLedgerDelta(type=tag, raw=raw)),
)


@attrs.frozen(kw_only=True)
class LedgerUpdate:
    """One non-funding ledger entry (deposit, transfer, withdrawal, liquidation...)."""

    time: int
    hash: str
    delta: LedgerDelta


@attrs.frozen(kw_only=True)
class UserNonFundingLedgerUpdates:
    """Ledger entries of ``user`` (channel ``userNonFundingLedgerUpdates``); snapshot first."""

    is_snapshot: bool = False
    user: str
    non_funding_ledger_updates: tuple[LedgerUpdate, ...]


# --- orders --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class BasicOrder:
    """The order inside an ``orderUpdates`` entry (``sz`` is the remaining size)."""

    coin: str
    side: Side
    limit_px: Decimal
    sz: Decimal
    oid: int
    timestamp: int
    orig_sz: Decimal
    cloid: str | None = None
    reduce_only: bool = False


@attrs.frozen(kw_only=True)
class OrderUpdate:
    """A status change of one order. ``status`` is an open set (see :data:`ORDER_STATUSES`).

    ``user`` is the wallet, when the frame names it (GoldRush tags every entry with its
    wallet, which tells the wallets of a multi-wallet subscription apart); Hyperliquid's
    frames do not (``None``).
    """

    order: BasicOrder
    status: str
    status_timestamp: int
    user: str | None = None


@attrs.frozen(kw_only=True)
class OrderUpdates:
    """One ``orderUpdates`` frame: status changes of one or more orders.

    The frames carry no user and the channel sends nothing on (re)subscribe: changes made
    while disconnected are not replayed. After a :class:`~trio_hl.models.StreamRestarted`
    marker, reconcile with the ``openOrders``/``frontendOpenOrders`` or ``historicalOrders``
    info requests.
    """

    updates: tuple[OrderUpdate, ...]


@attrs.frozen(kw_only=True)
class HistoricalOrder:
    order: FrontendOpenOrder
    status: str
    """An open set (see :data:`ORDER_STATUSES`)."""
    status_timestamp: int


@attrs.frozen(kw_only=True)
class UserHistoricalOrders:
    """Order history of ``user`` (channel ``userHistoricalOrders``); snapshot first."""

    is_snapshot: bool = False
    user: str
    order_history: tuple[HistoricalOrder, ...]


# --- TWAP ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TwapSliceFill:
    fill: UserFill
    twap_id: int


@attrs.frozen(kw_only=True)
class UserTwapSliceFills:
    """Fills of the user's TWAP slices (channel ``userTwapSliceFills``); snapshot first."""

    is_snapshot: bool = False
    user: str
    twap_slice_fills: tuple[TwapSliceFill, ...]


@attrs.frozen(kw_only=True)
class TwapStatus:
    """``finished``, ``activated``, ``terminated``, ``waitingForTrigger``, ``stopped``, or
    ``error`` with a ``description`` (kept as a string)."""

    status: str
    description: str | None = None


@attrs.frozen(kw_only=True)
class TwapHistoryItem:
    """One TWAP history entry. Careful: ``time`` is in **seconds** (``state.timestamp`` is in
    milliseconds); :attr:`time_ms` converts."""

    time: int
    state: TwapState
    status: TwapStatus
    twap_id: int | None = None

    @property
    def time_ms(self) -> int:
        """``time`` in milliseconds, like every other timestamp."""
        return self.time * 1000


@attrs.frozen(kw_only=True)
class UserTwapHistory:
    """TWAP history of ``user`` (channel ``userTwapHistory``); snapshot first."""

    is_snapshot: bool = False
    user: str
    history: tuple[TwapHistoryItem, ...]


# --- userEvents (channel ``user``) ---------------------------------------------------------


@attrs.frozen(kw_only=True)
class UserEventFunding:
    """A funding payment as ``userEvents`` reports it (flat, no hash)."""

    time: int | None = None
    coin: str
    usdc: Decimal
    szi: Decimal
    funding_rate: Decimal
    n_samples: int | None


@attrs.frozen(kw_only=True)
class UserLiquidation:
    """The user was liquidated. The only snake_case object of the API."""

    lid: int
    liquidator: str
    liquidated_user: str = wire("liquidated_user")
    liquidated_ntl_pos: Decimal = wire("liquidated_ntl_pos")
    liquidated_account_value: Decimal = wire("liquidated_account_value")


@attrs.frozen(kw_only=True)
class NonUserCancel:
    """An order the exchange cancelled (liquidation, open-interest cap, delisting)."""

    coin: str
    oid: int


@attrs.frozen(kw_only=True)
class FillsEvent:
    fills: tuple[UserFill, ...]


@attrs.frozen(kw_only=True)
class FundingEvent:
    funding: UserEventFunding


@attrs.frozen(kw_only=True)
class LiquidationEvent:
    liquidation: UserLiquidation


@attrs.frozen(kw_only=True)
class NonUserCancelEvent:
    non_user_cancel: tuple[NonUserCancel, ...]


@attrs.frozen(kw_only=True)
class TwapHistoryEvent:
    twap_history: tuple[TwapHistoryItem, ...]


@attrs.frozen(kw_only=True)
class TwapSliceFillsEvent:
    twap_slice_fills: tuple[TwapSliceFill, ...]


@attrs.frozen(kw_only=True)
class UnknownUserEvent:
    """A ``userEvents`` frame of a kind this version does not know; ``raw`` is its data."""

    raw: dict[str, Any]


UserEvent = (
    FillsEvent
    | FundingEvent
    | LiquidationEvent
    | NonUserCancelEvent
    | TwapHistoryEvent
    | TwapSliceFillsEvent
    | UnknownUserEvent
)
"""A message of the ``userEvents`` subscription (channel ``user``), told apart by its key.

The frames carry no user and the channel sends nothing on (re)subscribe: events during a
disconnect are lost. After a :class:`~trio_hl.models.StreamRestarted` marker, reconcile
with the ``userFillsByTime`` / ``userFunding`` info requests.
"""

register_union(
    UserEvent,
    by_single_key(
        {
            "fills": FillsEvent,
            "funding": FundingEvent,
            "liquidation": LiquidationEvent,
            "nonUserCancel": NonUserCancelEvent,
            "twapHistory": TwapHistoryEvent,
            "twapSliceFills": TwapSliceFillsEvent,
        },
        lambda raw: UnknownUserEvent(raw=raw),
    ),
)


# --- notification --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Notification:
    """A free-text notification for the user (channel ``notification``; carries no user)."""

    notification: str
