"""Info queries about one user: orders, fills, account state, fees, vaults, staking.

Each takes ``address=`` or ``account=``, else the default account; the address is validated
and lower-cased before anything is sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models.info import (
    ActiveAssetDataRequest,
    ApprovedBuildersRequest,
    BorrowLendUserStateRequest,
    ClearinghouseStateRequest,
    DelegationsRequest,
    DelegatorHistoryRequest,
    DelegatorRewardsRequest,
    DelegatorSummaryRequest,
    ExtraAgentsRequest,
    FrontendOpenOrdersRequest,
    HistoricalOrdersRequest,
    IsVipRequest,
    LeadingVaultsRequest,
    LegalCheckRequest,
    MaxBuilderFeeRequest,
    OpenOrdersRequest,
    OrderStatusRequest,
    PortfolioRequest,
    PreTransferCheckRequest,
    ReferralRequest,
    SpotClearinghouseStateRequest,
    SpotDeployStateRequest,
    SubAccounts2Request,
    SubAccountsRequest,
    TwapHistoryRequest,
    UserAbstractionRequest,
    UserBorrowLendInterestRequest,
    UserDexAbstractionRequest,
    UserFeesRequest,
    UserFillsByTimeRequest,
    UserFillsRequest,
    UserFundingRequest,
    UserNonFundingLedgerUpdatesRequest,
    UserRateLimitRequest,
    UserRoleRequest,
    UserToMultiSigSignersRequest,
    UserTwapSliceFillsByTimeRequest,
    UserTwapSliceFillsRequest,
    UserVaultEquitiesRequest,
    VaultDetailsRequest,
    WebData2Request,
)

if TYPE_CHECKING:
    from .._account import Account
    from ..models.account import (
        ActiveAssetData,
        ClearinghouseState,
        FrontendOpenOrder,
        LeadingVault,
        SpotClearinghouseState,
        WebData2,
    )
    from ..models.exchange import Cloid
    from ..models.info import (
        BorrowLendInterest,
        BorrowLendUserState,
        Delegation,
        DelegatorHistoryEntry,
        DelegatorReward,
        DelegatorSummary,
        ExtraAgent,
        LegalCheck,
        MultiSigSigners,
        OrderStatusResult,
        PortfolioPeriod,
        PreTransferCheck,
        Referral,
        SpotDeployState,
        SubAccount,
        SubAccount2,
        UserFees,
        UserFundingEntry,
        UserRateLimit,
        UserRole,
        UserVaultEquity,
        VaultDetails,
    )
    from ..models.user import (
        BasicOrder,
        HistoricalOrder,
        LedgerUpdate,
        TwapHistoryItem,
        TwapSliceFill,
        UserFill,
    )
from ._base import (
    InfoBase,
    Time,
    optional_ms,
    to_ms,
)


class UserInfo(InfoBase):
    """The user queries of :class:`~trio_hl.Info`."""

    # -- user queries (address= / account= / the default account) -----------------------------

    async def user_state(
        self, *, dex: str | None = None, address: str | None = None, account: Account | None = None
    ) -> ClearinghouseState:
        """The user's perpetual account: margin, positions, withdrawable
        (``clearinghouseState``), on the main dex or builder dex ``dex``."""
        user = self._user(address, account)
        return await self.request(ClearinghouseStateRequest(user=user, dex=dex))

    async def spot_user_state(
        self, *, dex: str | None = None, address: str | None = None, account: Account | None = None
    ) -> SpotClearinghouseState:
        """The user's spot balances (``spotClearinghouseState``)."""
        user = self._user(address, account)
        return await self.request(SpotClearinghouseStateRequest(user=user, dex=dex))

    async def user_open_orders(
        self, *, dex: str | None = None, address: str | None = None, account: Account | None = None
    ) -> tuple[BasicOrder, ...]:
        """The user's resting orders (``openOrders``)."""
        user = self._user(address, account)
        return await self.request(OpenOrdersRequest(user=user, dex=dex))

    async def user_frontend_open_orders(
        self, *, dex: str | None = None, address: str | None = None, account: Account | None = None
    ) -> tuple[FrontendOpenOrder, ...]:
        """The user's resting orders with trigger and TP/SL details (``frontendOpenOrders``)."""
        user = self._user(address, account)
        return await self.request(FrontendOpenOrdersRequest(user=user, dex=dex))

    async def user_fills(
        self,
        *,
        aggregate_by_time: bool | None = None,
        address: str | None = None,
        account: Account | None = None,
    ) -> tuple[UserFill, ...]:
        """The user's most recent fills (``userFills``; capped at about 2000).

        Args:
            aggregate_by_time: merge the partial fills of one taker order.
        """
        user = self._user(address, account)
        return await self.request(UserFillsRequest(user=user, aggregate_by_time=aggregate_by_time))

    async def user_fills_by_time(
        self,
        *,
        start: Time,
        end: Time | None = None,
        aggregate_by_time: bool | None = None,
        reversed: bool | None = None,
        address: str | None = None,
        account: Account | None = None,
    ) -> tuple[UserFill, ...]:
        """The user's fills from ``start`` to ``end`` (``userFillsByTime``; paged).

        Args:
            aggregate_by_time: merge the partial fills of one taker order.
            reversed: newest first.
        """
        user = self._user(address, account)
        return await self.request(
            UserFillsByTimeRequest(
                user=user,
                start_time=to_ms(start, what="start"),
                end_time=optional_ms(end, what="end"),
                aggregate_by_time=aggregate_by_time,
                reversed=reversed,
            )
        )

    async def user_historical_orders(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[HistoricalOrder, ...]:
        """The user's most recent orders and their final statuses (``historicalOrders``)."""
        user = self._user(address, account)
        return await self.request(HistoricalOrdersRequest(user=user))

    async def order_status(
        self,
        *,
        order_id: int | str | Cloid,
        address: str | None = None,
        account: Account | None = None,
    ) -> OrderStatusResult:
        """The status of one order by order id or cloid (``orderStatus``).

        An unknown order is not an error: the result has ``status == "unknownOid"`` and
        ``order is None`` (check ``result.found``).
        """
        user = self._user(address, account)
        # A Cloid writes itself as its wire string (an isinstance check would load every
        # exchange model into a market-data program); anything else fails the request's check.
        oid = order_id if isinstance(order_id, int | str) else str(order_id)
        return await self.request(OrderStatusRequest(user=user, oid=oid))

    async def user_funding(
        self,
        *,
        start: Time,
        end: Time | None = None,
        address: str | None = None,
        account: Account | None = None,
    ) -> tuple[UserFundingEntry, ...]:
        """The user's funding payments from ``start`` to ``end`` (``userFunding``)."""
        user = self._user(address, account)
        return await self.request(
            UserFundingRequest(
                user=user,
                start_time=to_ms(start, what="start"),
                end_time=optional_ms(end, what="end"),
            )
        )

    async def user_non_funding_ledger_updates(
        self,
        *,
        start: Time | None = None,
        end: Time | None = None,
        address: str | None = None,
        account: Account | None = None,
    ) -> tuple[LedgerUpdate, ...]:
        """Deposits, transfers, withdrawals, liquidations... of the user
        (``userNonFundingLedgerUpdates``)."""
        user = self._user(address, account)
        return await self.request(
            UserNonFundingLedgerUpdatesRequest(
                user=user,
                start_time=optional_ms(start, what="start"),
                end_time=optional_ms(end, what="end"),
            )
        )

    async def user_fees(
        self, *, address: str | None = None, account: Account | None = None
    ) -> UserFees:
        """The fee schedule and the user's rates and volumes (``userFees``)."""
        return await self.request(UserFeesRequest(user=self._user(address, account)))

    async def user_rate_limit(
        self, *, address: str | None = None, account: Account | None = None
    ) -> UserRateLimit:
        """The user's address-based action budget (``userRateLimit``)."""
        return await self.request(UserRateLimitRequest(user=self._user(address, account)))

    async def user_role(
        self, *, address: str | None = None, account: Account | None = None
    ) -> UserRole:
        """Whether the address is a user, vault, agent or sub-account (``userRole``)."""
        return await self.request(UserRoleRequest(user=self._user(address, account)))

    async def user_sub_accounts(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[SubAccount, ...]:
        """The user's sub-accounts with their states (``subAccounts``; ``()`` when none)."""
        return await self.request(SubAccountsRequest(user=self._user(address, account)))

    async def user_sub_accounts2(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[SubAccount2, ...]:
        """The user's sub-accounts with their state on every dex (``subAccounts2``)."""
        return await self.request(SubAccounts2Request(user=self._user(address, account)))

    async def vault_details(
        self,
        *,
        vault_address: str,
        address: str | None = None,
        account: Account | None = None,
    ) -> VaultDetails | None:
        """A vault's details (``vaultDetails``); ``None`` for an unknown vault.

        The follower state is that of ``address``/``account``, or of the default account.
        """
        user = None
        if address is not None or account is not None or self.account is not None:
            user = self._user(address, account)
        return await self.request(VaultDetailsRequest(vault_address=vault_address, user=user))

    async def user_vault_equities(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[UserVaultEquity, ...]:
        """The user's equity in each vault (``userVaultEquities``)."""
        return await self.request(UserVaultEquitiesRequest(user=self._user(address, account)))

    async def user_leading_vaults(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[LeadingVault, ...]:
        """The vaults the user leads (``leadingVaults``)."""
        return await self.request(LeadingVaultsRequest(user=self._user(address, account)))

    async def user_delegations(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[Delegation, ...]:
        """The user's stake per validator (``delegations``)."""
        return await self.request(DelegationsRequest(user=self._user(address, account)))

    async def user_delegator_summary(
        self, *, address: str | None = None, account: Account | None = None
    ) -> DelegatorSummary:
        """The user's staking totals (``delegatorSummary``)."""
        return await self.request(DelegatorSummaryRequest(user=self._user(address, account)))

    async def user_delegator_history(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[DelegatorHistoryEntry, ...]:
        """The user's staking history (``delegatorHistory``)."""
        return await self.request(DelegatorHistoryRequest(user=self._user(address, account)))

    async def user_delegator_rewards(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[DelegatorReward, ...]:
        """The user's staking rewards (``delegatorRewards``)."""
        return await self.request(DelegatorRewardsRequest(user=self._user(address, account)))

    async def user_portfolio(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[tuple[str, PortfolioPeriod], ...]:
        """Account value and PnL histories per period (``portfolio``)."""
        return await self.request(PortfolioRequest(user=self._user(address, account)))

    async def user_referral(
        self, *, address: str | None = None, account: Account | None = None
    ) -> Referral:
        """The user's referrer and referral rewards (``referral``)."""
        return await self.request(ReferralRequest(user=self._user(address, account)))

    async def max_builder_fee(
        self, *, builder: str, address: str | None = None, account: Account | None = None
    ) -> int:
        """The fee the user approved for ``builder``, in tenths of a basis point
        (``maxBuilderFee``)."""
        user = self._user(address, account)
        return await self.request(MaxBuilderFeeRequest(user=user, builder=builder))

    async def user_approved_builders(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[str, ...]:
        """The builders the user approved (``approvedBuilders``)."""
        return await self.request(ApprovedBuildersRequest(user=self._user(address, account)))

    async def spot_deploy_state(
        self, *, address: str | None = None, account: Account | None = None
    ) -> SpotDeployState:
        """The user's HIP-1 token deployments and the gas auction (``spotDeployState``)."""
        return await self.request(SpotDeployStateRequest(user=self._user(address, account)))

    async def active_asset_data(
        self, *, asset: str | int, address: str | None = None, account: Account | None = None
    ) -> ActiveAssetData:
        """The user's leverage and tradeable sizes on perpetual ``asset``
        (``activeAssetData``)."""
        user = self._user(address, account)
        return await self.request(ActiveAssetDataRequest(user=user, coin=self._coin(asset)))

    async def user_twap_slice_fills(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[TwapSliceFill, ...]:
        """The user's most recent TWAP slice fills (``userTwapSliceFills``)."""
        return await self.request(UserTwapSliceFillsRequest(user=self._user(address, account)))

    async def user_twap_slice_fills_by_time(
        self,
        *,
        start: Time,
        end: Time | None = None,
        address: str | None = None,
        account: Account | None = None,
    ) -> tuple[TwapSliceFill, ...]:
        """The user's TWAP slice fills from ``start`` to ``end``
        (``userTwapSliceFillsByTime``)."""
        user = self._user(address, account)
        return await self.request(
            UserTwapSliceFillsByTimeRequest(
                user=user,
                start_time=to_ms(start, what="start"),
                end_time=optional_ms(end, what="end"),
            )
        )

    async def user_twap_history(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[TwapHistoryItem, ...]:
        """The user's TWAP orders (``twapHistory``; ``time`` in seconds, see ``time_ms``)."""
        return await self.request(TwapHistoryRequest(user=self._user(address, account)))

    async def user_extra_agents(
        self, *, address: str | None = None, account: Account | None = None
    ) -> tuple[ExtraAgent, ...]:
        """The user's named API wallets (``extraAgents``)."""
        return await self.request(ExtraAgentsRequest(user=self._user(address, account)))

    async def user_is_vip(
        self, *, address: str | None = None, account: Account | None = None
    ) -> bool | None:
        """``isVip``."""
        return await self.request(IsVipRequest(user=self._user(address, account)))

    async def user_legal_check(
        self, *, address: str | None = None, account: Account | None = None
    ) -> LegalCheck:
        """``legalCheck``."""
        return await self.request(LegalCheckRequest(user=self._user(address, account)))

    async def pre_transfer_check(
        self, *, destination: str, address: str | None = None, account: Account | None = None
    ) -> PreTransferCheck:
        """What a transfer from the user to ``destination`` would meet: whether the
        destination exists, and the activation fee (``preTransferCheck``)."""
        source = self._user(address, account)
        return await self.request(PreTransferCheckRequest(user=destination, source=source))

    async def user_multi_sig_signers(
        self, *, address: str | None = None, account: Account | None = None
    ) -> MultiSigSigners | None:
        """The signers of a multi-sig user, ``None`` otherwise (``userToMultiSigSigners``)."""
        return await self.request(UserToMultiSigSignersRequest(user=self._user(address, account)))

    async def user_abstraction(
        self, *, address: str | None = None, account: Account | None = None
    ) -> str:
        """The user's account abstraction mode (``userAbstraction``)."""
        return await self.request(UserAbstractionRequest(user=self._user(address, account)))

    async def user_dex_abstraction(
        self, *, address: str | None = None, account: Account | None = None
    ) -> bool | None:
        """Whether HIP-3 dex abstraction is on (``userDexAbstraction``)."""
        return await self.request(UserDexAbstractionRequest(user=self._user(address, account)))

    async def user_borrow_lend_state(
        self, *, address: str | None = None, account: Account | None = None
    ) -> BorrowLendUserState:
        """The user's borrow/lend positions and health (``borrowLendUserState``)."""
        return await self.request(BorrowLendUserStateRequest(user=self._user(address, account)))

    async def user_borrow_lend_interest(
        self,
        *,
        start: Time,
        end: Time | None = None,
        address: str | None = None,
        account: Account | None = None,
    ) -> tuple[BorrowLendInterest, ...]:
        """Borrow/lend interest of the user from ``start`` to ``end``
        (``userBorrowLendInterest``)."""
        user = self._user(address, account)
        return await self.request(
            UserBorrowLendInterestRequest(
                user=user,
                start_time=to_ms(start, what="start"),
                end_time=optional_ms(end, what="end"),
            )
        )

    async def user_web_data2(
        self, *, address: str | None = None, account: Account | None = None
    ) -> WebData2:
        """The legacy front-end aggregate of the user (``webData2``; large)."""
        return await self.request(WebData2Request(user=self._user(address, account)))
