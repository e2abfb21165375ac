"""Info requests about the market: mids, books, candles, metadata, funding, tokens, outcomes.

Each class is a frozen attrs value whose fields are the request's parameters, validated when
built, and whose type parameter is the model its reply decodes into (see :class:`InfoRequest`).
"""

import re
from decimal import Decimal
from typing import Any, ClassVar, Final

import attrs
import cattrs

from ..._guards import is_array, is_object
from ...errors import ConfigurationError
from ..market import (
    AllMids,
    Candle,
    L2Book,
    MarginTable,
    PerpAssetCtx,
    PerpMeta,
    SpotAssetCtx,
    Trade,
)
from ..subscriptions import CANDLE_INTERVALS
from ._base import (
    TOKEN_ID,
    InfoRequest,
    check_dex,
    check_index,
    coin_field,
    dex_field,
    end_field,
    start_field,
)
from ._market_replies import (
    AuctionStatus,
    BorrowLendReserveState,
    ConciseAnnotation,
    ExchangeStatus,
    FundingHistoryEntry,
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
)
from ._user_replies import (
    LiquidatablePosition,
    ValidatorL1Vote,
    ValidatorSummary,
    VaultSummary,
)

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

    dex: str | None = dex_field()

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

    coin: str = coin_field()
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

    coin: str = coin_field()
    interval: str
    start_time: int = start_field()
    end_time: int | None = end_field()

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

    coin: str = coin_field()


@attrs.frozen(kw_only=True)
class MetaRequest(InfoRequest[PerpMeta]):
    """``meta``: the perpetual universe of the main dex or of builder dex ``dex``."""

    TYPE: ClassVar[str] = "meta"
    RESPONSE: ClassVar[Any] = PerpMeta

    dex: str | None = dex_field()


@attrs.frozen(kw_only=True)
class MetaAndAssetCtxsRequest(InfoRequest[MetaAndAssetCtxs]):
    """``metaAndAssetCtxs``: ``meta`` plus the live context of every perpetual."""

    TYPE: ClassVar[str] = "metaAndAssetCtxs"
    RESPONSE: ClassVar[Any] = MetaAndAssetCtxs

    dex: str | None = dex_field()

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
    if not is_array(data) or len(data) != 2:
        raise TypeError(f"expected a [meta, contexts] pair, got {type(data).__name__}")
    return data[0], data[1]


_SNAKE_KEY: Final = re.compile(r"_([a-z])")


def _camel_keys(raw: Any) -> Any:
    # The 2025 server sent perpDexs entries with snake_case keys (full_name, oracle_updater);
    # the current one sends camelCase. Both decode into the one model.
    if not is_object(raw):
        return raw
    return {_SNAKE_KEY.sub(lambda m: m.group(1).upper(), key): value for key, value in raw.items()}


@attrs.frozen(kw_only=True)
class PerpDexsRequest(InfoRequest[tuple[PerpDex | None, ...]]):
    """``perpDexs``: every perp dex; entry 0 is ``None`` (the main dex)."""

    TYPE: ClassVar[str] = "perpDexs"
    RESPONSE: ClassVar[Any] = tuple[PerpDex | None, ...]

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        if not is_array(data):
            raise TypeError(f"expected a list of dexes, got {type(data).__name__}")
        return converter.structure([_camel_keys(item) for item in data], self.RESPONSE)


@attrs.frozen(kw_only=True)
class PerpDexLimitsRequest(InfoRequest[PerpDexLimits | None]):
    """``perpDexLimits`` of builder dex ``dex`` (``None`` for the main dex or an unknown one)."""

    TYPE: ClassVar[str] = "perpDexLimits"
    RESPONSE: ClassVar[Any] = PerpDexLimits | None
    NULLABLE: ClassVar[bool] = True

    dex: str = attrs.field(validator=check_dex)


@attrs.frozen(kw_only=True)
class PerpDexStatusRequest(InfoRequest[PerpDexStatus]):
    """``perpDexStatus`` of perp dex ``dex`` (``""`` is the main dex)."""

    TYPE: ClassVar[str] = "perpDexStatus"
    RESPONSE: ClassVar[Any] = PerpDexStatus

    dex: str = attrs.field(validator=check_dex)


@attrs.frozen(kw_only=True)
class MarginTableRequest(InfoRequest[MarginTable]):
    """``marginTable`` number ``id`` (as referenced by ``meta.universe[i].margin_table_id``)."""

    TYPE: ClassVar[str] = "marginTable"
    RESPONSE: ClassVar[Any] = MarginTable

    id: int = attrs.field(validator=check_index)
    dex: str | None = dex_field()


@attrs.frozen(kw_only=True)
class FundingHistoryRequest(InfoRequest[tuple[FundingHistoryEntry, ...]]):
    """``fundingHistory`` of ``coin`` (paged: repeat with a later ``start_time``)."""

    TYPE: ClassVar[str] = "fundingHistory"
    RESPONSE: ClassVar[Any] = tuple[FundingHistoryEntry, ...]

    coin: str = coin_field()
    start_time: int = start_field()
    end_time: int | None = end_field()


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

    dex: str | None = dex_field()


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

    coin: str = coin_field()


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


def _check_token_id(_: object, __: "attrs.Attribute[str]", value: object) -> None:
    if not isinstance(value, str) or not TOKEN_ID.match(value):
        raise ConfigurationError(f"token_id must be 0x + 32 hex digits, got {value!r:.60}")


@attrs.frozen(kw_only=True)
class TokenDetailsRequest(InfoRequest[TokenDetails]):
    """``tokenDetails`` of ``token_id`` (``0x`` + 32 hex digits, from ``spotMeta``)."""

    TYPE: ClassVar[str] = "tokenDetails"
    RESPONSE: ClassVar[Any] = TokenDetails

    # A validator passed to the field (type checkers cannot follow ``@token_id.validator``).
    token_id: str = attrs.field(validator=_check_token_id)


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

    token: int = attrs.field(validator=check_index)


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

    outcome: int = attrs.field(validator=check_index)
