"""``Info``: every info request as a typed, snake_case method, over any transport.

An :class:`Info` turns Python arguments (asset names or ids, ``int`` milliseconds or aware
``datetime`` values, addresses or accounts) into an :class:`~trio_hl.models.info.InfoRequest`,
sends its body through a *transport* and decodes the reply with the one converter. A
transport is any ``async (payload) -> data`` callable returning the reply's JSON:

* over the WebSocket, :meth:`trio_hl.Client.info` (it already unwraps the ``post`` reply's
  extra level, ``response.payload.data``);
* over HTTP, :class:`trio_hl._http.HttpTransport` (the ``/info`` body as is).

So both transports share the models, the validation and the errors: only the transport's own
failures differ (see each transport). User queries take ``address=`` or ``account=``; without
either they use the default account given at construction.

Every method raises :class:`~trio_hl.errors.ConfigurationError` for bad arguments (before
sending), :class:`~trio_hl.errors.UnknownAsset` for an asset the universe does not know,
:class:`~trio_hl.errors.ApiError` when the server refuses the request,
:class:`~trio_hl.errors.DecodeError` when the reply does not match its model, and the
transport's errors (timeouts, lost connections). Cancellation abandons the request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar, final

from ._account import Account, normalise_address
from .errors import ConfigurationError
from .models.exchange import Cloid
from .models.info import (
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
    InfoRequest,
    IsVipRequest,
    L2BookRequest,
    LeadingVaultsRequest,
    LegalCheckRequest,
    LiquidatableRequest,
    MarginTableRequest,
    MaxBuilderFeeRequest,
    MaxMarketOrderNtlsRequest,
    MetaAndAssetCtxsRequest,
    MetaRequest,
    OpenOrdersRequest,
    OrderStatusRequest,
    OutcomeMetaRequest,
    OutcomeTemplatesRequest,
    PerpAnnotationRequest,
    PerpCategoriesRequest,
    PerpConciseAnnotationsRequest,
    PerpDeployAuctionStatusRequest,
    PerpDexLimitsRequest,
    PerpDexsRequest,
    PerpDexStatusRequest,
    PerpsAtOpenInterestCapRequest,
    PortfolioRequest,
    PredictedFundingsRequest,
    PreTransferCheckRequest,
    RecentTradesRequest,
    ReferralRequest,
    SettledOutcomeRequest,
    SpotClearinghouseStateRequest,
    SpotDeployStateRequest,
    SpotMetaAndAssetCtxsRequest,
    SpotMetaRequest,
    SpotPairDeployAuctionStatusRequest,
    SubAccounts2Request,
    SubAccountsRequest,
    TokenDetailsRequest,
    TwapHistoryRequest,
    UsdcRoutingRequest,
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
    ValidatorL1VotesRequest,
    ValidatorSummariesRequest,
    VaultDetailsRequest,
    VaultSummariesRequest,
    WebData2Request,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from ._universe import Universe
    from .models.account import (
        ActiveAssetData,
        ClearinghouseState,
        FrontendOpenOrder,
        LeadingVault,
        SpotClearinghouseState,
        WebData2,
    )
    from .models.info import (
        AuctionStatus,
        BorrowLendInterest,
        BorrowLendReserveState,
        BorrowLendUserState,
        ConciseAnnotation,
        Delegation,
        DelegatorHistoryEntry,
        DelegatorReward,
        DelegatorSummary,
        ExchangeStatus,
        ExtraAgent,
        FundingHistoryEntry,
        LegalCheck,
        LiquidatablePosition,
        MetaAndAssetCtxs,
        MultiSigSigners,
        OrderStatusResult,
        OutcomeMeta,
        OutcomeTemplate,
        PerpAnnotation,
        PerpDex,
        PerpDexLimits,
        PerpDexStatus,
        PortfolioPeriod,
        PredictedFunding,
        PreTransferCheck,
        Referral,
        SettledOutcome,
        SpotDeployState,
        SpotMeta,
        SpotMetaAndAssetCtxs,
        SubAccount,
        SubAccount2,
        TokenDetails,
        UsdcRouting,
        UserFees,
        UserFundingEntry,
        UserRateLimit,
        UserRole,
        UserVaultEquity,
        ValidatorL1Vote,
        ValidatorSummary,
        VaultDetails,
        VaultSummary,
    )
    from .models.market import AllMids, Candle, L2Book, MarginTable, PerpMeta, Trade
    from .models.user import (
        BasicOrder,
        HistoricalOrder,
        LedgerUpdate,
        TwapHistoryItem,
        TwapSliceFill,
        UserFill,
    )

__all__ = ["Info", "InfoTransport", "Time", "to_ms"]

R = TypeVar("R")

InfoTransport: TypeAlias = Callable[[Mapping[str, Any]], Awaitable[Any]]
"""Sends an info body and returns the reply's JSON ``data`` (``Client.info``, HTTP)."""

Time: TypeAlias = int | datetime
"""Milliseconds since the epoch, or a timezone-aware ``datetime``."""

UniverseSource: TypeAlias = "Universe | Callable[[], Universe | None] | None"

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MS: Final = timedelta(milliseconds=1)


def to_ms(value: Time, *, what: str = "time") -> int:
    """Milliseconds since the epoch of ``value``.

    Raises:
        ConfigurationError: a naive ``datetime`` (its zone would be a guess), a negative or
            non-integer number, or another type.
    """
    raw: object = value  # checked at run time too: untyped callers pass anything
    if isinstance(raw, datetime):
        if raw.utcoffset() is None:
            raise ConfigurationError(
                f"{what} is a naive datetime: give it a timezone, e.g. tzinfo=datetime.UTC"
            )
        return (raw - _EPOCH) // _MS
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise ConfigurationError(
            f"{what} must be int milliseconds or an aware datetime, got {raw!r:.60}"
        )
    return raw


def _optional_ms(value: Time | None, *, what: str) -> int | None:
    return None if value is None else to_ms(value, what=what)


@final
class Info:
    """Typed info queries over one transport.

    Args:
        transport: ``async (payload) -> data``; see the module docstring.
        account: the default account of user queries.
        universe: resolves asset names and ids: a :class:`Universe`, or a callable returning
            the current one (so that a refreshed universe is picked up), or ``None`` (then
            ``asset=`` takes wire coin names only, passed through unchecked).
    """

    def __init__(
        self,
        transport: InfoTransport,
        *,
        account: Account | None = None,
        universe: UniverseSource = None,
    ) -> None:
        self._transport = transport
        self.account = account
        self._universe = universe

    def __repr__(self) -> str:
        return f"<trio_hl.Info account={self.account!r}>"

    @property
    def universe(self) -> Universe | None:
        """The universe used to resolve ``asset=`` arguments, if any."""
        source = self._universe
        return source() if callable(source) else source

    async def request(self, request: InfoRequest[R]) -> R:
        """Send any info request and decode its reply: ``await info.request(AllMidsRequest())``.

        Raises:
            DecodeError: the reply does not match the request's model.
            ApiError, TransportError: as raised by the transport.
        """
        data = await self._transport(request.to_wire())
        return request.decode(data)

    # -- argument helpers ----------------------------------------------------------------------

    def _user(self, address: str | None, account: Account | None) -> str:
        if address is not None and account is not None:
            raise ConfigurationError("pass address= or account=, not both")
        if account is not None:
            if not isinstance(account, Account):
                raise ConfigurationError(f"account must be an Account, got {account!r:.60}")
            return account.address
        if address is not None:
            return normalise_address(address)
        if self.account is not None:
            return self.account.address
        raise ConfigurationError(
            "this query is about a user: pass address= or account=, "
            "or give the Api a default account"
        )

    def _coin(self, asset: str | int) -> str:
        universe = self.universe
        if universe is not None:
            return universe.coin(asset)
        if isinstance(asset, bool) or not isinstance(asset, str):
            raise ConfigurationError(
                f"asset ids need a loaded universe; pass the coin name instead of {asset!r:.60}"
            )
        if not asset:
            raise ConfigurationError("asset must be a non-empty name")
        return asset

    # -- market data ---------------------------------------------------------------------------

    async def all_mids(self, *, dex: str | None = None) -> AllMids | None:
        """Every mid price (``allMids``) of the main dex, or of builder dex ``dex``.

        Returns ``None`` for an unknown dex. Keys mix perp names, ``"@<n>"`` spot names and
        ``"PURR/USDC"``.
        """
        return await self.request(AllMidsRequest(dex=dex))

    async def l2_book(
        self, *, asset: str | int, n_sig_figs: int | None = None, mantissa: int | None = None
    ) -> L2Book | None:
        """An L2 book snapshot of ``asset`` (``l2Book``); ``None`` for a coin the server does
        not know.

        Args:
            asset: a name or id (``"BTC"``, ``"PURR/USDC"``, ``"@107"``, ``"test:ABC"``).
            n_sig_figs: aggregate to 2-5 significant figures (``None``: full precision).
            mantissa: with ``n_sig_figs=5`` only: 1, 2 or 5.
        """
        return await self.request(
            L2BookRequest(coin=self._coin(asset), n_sig_figs=n_sig_figs, mantissa=mantissa)
        )

    async def candle_snapshot(
        self, *, asset: str | int, interval: str, start: Time, end: Time | None = None
    ) -> tuple[Candle, ...]:
        """Candles of ``asset`` at ``interval`` (``"1m"`` ... ``"1M"``) from ``start`` to
        ``end`` (``candleSnapshot``; at most 5000)."""
        return await self.request(
            CandleSnapshotRequest(
                coin=self._coin(asset),
                interval=interval,
                start_time=to_ms(start, what="start"),
                end_time=_optional_ms(end, what="end"),
            )
        )

    async def recent_trades(self, *, asset: str | int) -> tuple[Trade, ...]:
        """The most recent public trades of ``asset`` (``recentTrades``)."""
        return await self.request(RecentTradesRequest(coin=self._coin(asset)))

    async def funding_history(
        self, *, asset: str | int, start: Time, end: Time | None = None
    ) -> tuple[FundingHistoryEntry, ...]:
        """Hourly funding rates of perpetual ``asset`` (``fundingHistory``; paged: call again
        with a later ``start``)."""
        return await self.request(
            FundingHistoryRequest(
                coin=self._coin(asset),
                start_time=to_ms(start, what="start"),
                end_time=_optional_ms(end, what="end"),
            )
        )

    async def predicted_fundings(
        self,
    ) -> tuple[tuple[str, tuple[tuple[str, PredictedFunding | None], ...]], ...]:
        """Per coin, per venue, the next predicted funding (``predictedFundings``)."""
        return await self.request(PredictedFundingsRequest())

    async def perpetual_meta(self, *, dex: str | None = None) -> PerpMeta:
        """Perpetual metadata of the main dex or builder dex ``dex`` (``meta``)."""
        return await self.request(MetaRequest(dex=dex))

    async def perpetual_meta_and_asset_ctxs(self, *, dex: str | None = None) -> MetaAndAssetCtxs:
        """Metadata plus the live context of every perpetual (``metaAndAssetCtxs``)."""
        return await self.request(MetaAndAssetCtxsRequest(dex=dex))

    async def all_perpetual_metas(self) -> tuple[PerpMeta, ...]:
        """The metadata of every perp dex, main dex first (``allPerpMetas``)."""
        return await self.request(AllPerpMetasRequest())

    async def perpetual_dexs(self) -> tuple[PerpDex | None, ...]:
        """Every perp dex (``perpDexs``); entry 0 is ``None``, the main dex."""
        return await self.request(PerpDexsRequest())

    async def perpetual_dex_limits(self, *, dex: str) -> PerpDexLimits | None:
        """Open-interest and transfer limits of builder dex ``dex`` (``perpDexLimits``)."""
        return await self.request(PerpDexLimitsRequest(dex=dex))

    async def perpetual_dex_status(self, *, dex: str = "") -> PerpDexStatus:
        """Status of perp dex ``dex`` (``perpDexStatus``; ``""`` is the main dex)."""
        return await self.request(PerpDexStatusRequest(dex=dex))

    async def margin_table(self, *, table_id: int, dex: str | None = None) -> MarginTable:
        """Margin table ``table_id`` (``marginTable``)."""
        return await self.request(MarginTableRequest(id=table_id, dex=dex))

    async def perpetuals_at_open_interest_cap(self, *, dex: str | None = None) -> tuple[str, ...]:
        """Perpetuals whose open interest is at its cap (``perpsAtOpenInterestCap``)."""
        return await self.request(PerpsAtOpenInterestCapRequest(dex=dex))

    async def perpetual_deploy_auction_status(self) -> AuctionStatus:
        """The HIP-3 perp deploy gas auction (``perpDeployAuctionStatus``)."""
        return await self.request(PerpDeployAuctionStatusRequest())

    async def perpetual_annotation(self, *, asset: str | int) -> PerpAnnotation | None:
        """How front ends present perpetual ``asset`` (``perpAnnotation``)."""
        return await self.request(PerpAnnotationRequest(coin=self._coin(asset)))

    async def perpetual_categories(self) -> tuple[tuple[str, str], ...]:
        """``(coin, category)`` of every perpetual (``perpCategories``)."""
        return await self.request(PerpCategoriesRequest())

    async def perpetual_concise_annotations(self) -> tuple[tuple[str, ConciseAnnotation], ...]:
        """``(coin, annotation)`` of every annotated perpetual (``perpConciseAnnotations``)."""
        return await self.request(PerpConciseAnnotationsRequest())

    async def max_market_order_ntls(self) -> tuple[tuple[int, Decimal], ...]:
        """``(max leverage, max market order notional)`` pairs (``maxMarketOrderNtls``)."""
        return await self.request(MaxMarketOrderNtlsRequest())

    async def liquidatable(self) -> tuple[LiquidatablePosition, ...]:
        """Positions that can be liquidated now (``liquidatable``)."""
        return await self.request(LiquidatableRequest())

    async def spot_meta(self) -> SpotMeta:
        """Every spot pair and token (``spotMeta``)."""
        return await self.request(SpotMetaRequest())

    async def spot_meta_and_asset_ctxs(self) -> SpotMetaAndAssetCtxs:
        """Spot metadata plus the live context of every pair (``spotMetaAndAssetCtxs``)."""
        return await self.request(SpotMetaAndAssetCtxsRequest())

    async def spot_pair_deploy_auction_status(self) -> AuctionStatus:
        """The spot pair deploy gas auction (``spotPairDeployAuctionStatus``)."""
        return await self.request(SpotPairDeployAuctionStatusRequest())

    async def token_details(self, *, token_id: str) -> TokenDetails:
        """Supply, prices and genesis of a token (``tokenDetails``; the id is
        ``spotMeta.tokens[i].token_id``)."""
        return await self.request(TokenDetailsRequest(token_id=token_id))

    async def exchange_status(self) -> ExchangeStatus:
        """Server time and special statuses (``exchangeStatus``)."""
        return await self.request(ExchangeStatusRequest())

    async def usdc_routing(self) -> UsdcRouting:
        """The current USDC deposit and withdrawal routes (``usdcRouting``)."""
        return await self.request(UsdcRoutingRequest())

    async def gossip_root_ips(self) -> tuple[str, ...]:
        """Gossip root IPs (``gossipRootIps``)."""
        return await self.request(GossipRootIpsRequest())

    async def gossip_priority_auction_status(
        self,
    ) -> tuple[tuple[str | None, ...], tuple[AuctionStatus, ...]]:
        """Previous winners and current auctions of the gossip priority slots
        (``gossipPriorityAuctionStatus``)."""
        return await self.request(GossipPriorityAuctionStatusRequest())

    async def validator_summaries(self) -> tuple[ValidatorSummary, ...]:
        """Validator performance statistics (``validatorSummaries``)."""
        return await self.request(ValidatorSummariesRequest())

    async def validator_l1_votes(self) -> tuple[ValidatorL1Vote, ...]:
        """Validators' L1 governance votes (``validatorL1Votes``)."""
        return await self.request(ValidatorL1VotesRequest())

    async def vault_summaries(self) -> tuple[VaultSummary, ...]:
        """Vaults created in the last hours (``vaultSummaries``)."""
        return await self.request(VaultSummariesRequest())

    async def all_borrow_lend_reserve_states(
        self,
    ) -> tuple[tuple[int, BorrowLendReserveState], ...]:
        """Every borrow/lend reserve as ``(token, state)`` (``allBorrowLendReserveStates``)."""
        return await self.request(AllBorrowLendReserveStatesRequest())

    async def borrow_lend_reserve_state(self, *, token: int) -> BorrowLendReserveState:
        """The borrow/lend reserve of token index ``token`` (``borrowLendReserveState``)."""
        return await self.request(BorrowLendReserveStateRequest(token=token))

    async def outcome_meta(self) -> OutcomeMeta:
        """Prediction-market outcomes and questions (``outcomeMeta``)."""
        return await self.request(OutcomeMetaRequest())

    async def outcome_templates(self) -> tuple[OutcomeTemplate, ...]:
        """Templates that outcome deployers instantiate (``outcomeTemplates``)."""
        return await self.request(OutcomeTemplatesRequest())

    async def settled_outcome(self, *, outcome: int) -> SettledOutcome | None:
        """Settlement of outcome ``outcome``; ``None`` while unsettled (``settledOutcome``)."""
        return await self.request(SettledOutcomeRequest(outcome=outcome))

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
                end_time=_optional_ms(end, what="end"),
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
        oid = str(order_id) if isinstance(order_id, Cloid) else order_id
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
                end_time=_optional_ms(end, what="end"),
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
                start_time=_optional_ms(start, what="start"),
                end_time=_optional_ms(end, what="end"),
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
                end_time=_optional_ms(end, what="end"),
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
                end_time=_optional_ms(end, what="end"),
            )
        )

    async def user_web_data2(
        self, *, address: str | None = None, account: Account | None = None
    ) -> WebData2:
        """The legacy front-end aggregate of the user (``webData2``; large)."""
        return await self.request(WebData2Request(user=self._user(address, account)))
