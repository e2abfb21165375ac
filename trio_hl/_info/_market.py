"""Info queries about the market: mids, books, candles, trades, metadata, funding, tokens.

Each method builds its request (:mod:`trio_hl.models.info`), resolving ``asset=`` through the
universe, and returns the decoded reply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models.info import (
    AllBorrowLendReserveStatesRequest,
    AllMidsRequest,
    AllPerpMetasRequest,
    BorrowLendReserveStateRequest,
    CandleSnapshotRequest,
    ExchangeStatusRequest,
    FundingHistoryRequest,
    GossipPriorityAuctionStatusRequest,
    GossipRootIpsRequest,
    L2BookRequest,
    LiquidatableRequest,
    MarginTableRequest,
    MaxMarketOrderNtlsRequest,
    MetaAndAssetCtxsRequest,
    MetaRequest,
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
    PredictedFundingsRequest,
    RecentTradesRequest,
    SettledOutcomeRequest,
    SpotMetaAndAssetCtxsRequest,
    SpotMetaRequest,
    SpotPairDeployAuctionStatusRequest,
    TokenDetailsRequest,
    UsdcRoutingRequest,
    ValidatorL1VotesRequest,
    ValidatorSummariesRequest,
    VaultSummariesRequest,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from ..models.info import (
        AuctionStatus,
        BorrowLendReserveState,
        ConciseAnnotation,
        ExchangeStatus,
        FundingHistoryEntry,
        LiquidatablePosition,
        MetaAndAssetCtxs,
        OutcomeMeta,
        OutcomeTemplate,
        PerpAnnotation,
        PerpDex,
        PerpDexLimits,
        PerpDexStatus,
        PredictedFunding,
        SettledOutcome,
        SpotMeta,
        SpotMetaAndAssetCtxs,
        TokenDetails,
        UsdcRouting,
        ValidatorL1Vote,
        ValidatorSummary,
        VaultSummary,
    )
    from ..models.market import AllMids, Candle, L2Book, MarginTable, PerpMeta, Trade
from ._base import (
    InfoBase,
    Time,
    optional_ms,
    to_ms,
)


class MarketInfo(InfoBase):
    """The market queries of :class:`~trio_hl.Info`."""

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
                end_time=optional_ms(end, what="end"),
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
                end_time=optional_ms(end, what="end"),
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
