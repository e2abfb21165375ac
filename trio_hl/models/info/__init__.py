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

Layout: the package splits requests from replies, and each by family: ``_market_replies``
and ``_user_replies`` hold the reply models, ``_market_requests`` and ``_user_requests`` the
requests, ``_base`` the request base class and the parameter validators. This ``__init__``
re-exports every public name, so ``trio_hl.models.info.X`` is the one import path, and
holds :data:`INFO_REQUESTS`.
"""

from typing import Any, Final

from .._common import fixup_module_metadata
from ._base import InfoRequest as InfoRequest
from ._market_replies import AuctionStatus as AuctionStatus
from ._market_replies import BasisValue as BasisValue
from ._market_replies import BorrowLendInterest as BorrowLendInterest
from ._market_replies import BorrowLendReserveState as BorrowLendReserveState
from ._market_replies import BorrowLendTokenState as BorrowLendTokenState
from ._market_replies import BorrowLendUserState as BorrowLendUserState
from ._market_replies import ConciseAnnotation as ConciseAnnotation
from ._market_replies import EvmContract as EvmContract
from ._market_replies import ExchangeStatus as ExchangeStatus
from ._market_replies import FundingHistoryEntry as FundingHistoryEntry
from ._market_replies import MetaAndAssetCtxs as MetaAndAssetCtxs
from ._market_replies import Outcome as Outcome
from ._market_replies import OutcomeMeta as OutcomeMeta
from ._market_replies import OutcomeQuestion as OutcomeQuestion
from ._market_replies import OutcomeSideSpec as OutcomeSideSpec
from ._market_replies import OutcomeSpec as OutcomeSpec
from ._market_replies import OutcomeTemplate as OutcomeTemplate
from ._market_replies import OutcomeTemplateRole as OutcomeTemplateRole
from ._market_replies import PerpAnnotation as PerpAnnotation
from ._market_replies import PerpDex as PerpDex
from ._market_replies import PerpDexLimits as PerpDexLimits
from ._market_replies import PerpDexStatus as PerpDexStatus
from ._market_replies import PredictedFunding as PredictedFunding
from ._market_replies import QuestionRef as QuestionRef
from ._market_replies import SettledOutcome as SettledOutcome
from ._market_replies import SettledQuestion as SettledQuestion
from ._market_replies import SpotDeployState as SpotDeployState
from ._market_replies import SpotDeployTokenState as SpotDeployTokenState
from ._market_replies import SpotMeta as SpotMeta
from ._market_replies import SpotMetaAndAssetCtxs as SpotMetaAndAssetCtxs
from ._market_replies import SpotPair as SpotPair
from ._market_replies import SpotToken as SpotToken
from ._market_replies import StandaloneOutcomeRole as StandaloneOutcomeRole
from ._market_replies import TokenDetails as TokenDetails
from ._market_replies import TokenGenesis as TokenGenesis
from ._market_replies import TokenSpec as TokenSpec
from ._market_replies import UsdcRouting as UsdcRouting
from ._market_replies import UserFunding as UserFunding
from ._market_replies import UserFundingEntry as UserFundingEntry
from ._market_requests import AllBorrowLendReserveStatesRequest as AllBorrowLendReserveStatesRequest
from ._market_requests import AllMidsRequest as AllMidsRequest
from ._market_requests import AllPerpMetasRequest as AllPerpMetasRequest
from ._market_requests import BorrowLendReserveStateRequest as BorrowLendReserveStateRequest
from ._market_requests import CandleSnapshotRequest as CandleSnapshotRequest
from ._market_requests import ExchangeStatusRequest as ExchangeStatusRequest
from ._market_requests import FundingHistoryRequest as FundingHistoryRequest
from ._market_requests import (
    GossipPriorityAuctionStatusRequest as GossipPriorityAuctionStatusRequest,
)
from ._market_requests import GossipRootIpsRequest as GossipRootIpsRequest
from ._market_requests import L2BookRequest as L2BookRequest
from ._market_requests import LiquidatableRequest as LiquidatableRequest
from ._market_requests import MarginTableRequest as MarginTableRequest
from ._market_requests import MaxMarketOrderNtlsRequest as MaxMarketOrderNtlsRequest
from ._market_requests import MetaAndAssetCtxsRequest as MetaAndAssetCtxsRequest
from ._market_requests import MetaRequest as MetaRequest
from ._market_requests import OutcomeMetaRequest as OutcomeMetaRequest
from ._market_requests import OutcomeTemplatesRequest as OutcomeTemplatesRequest
from ._market_requests import PerpAnnotationRequest as PerpAnnotationRequest
from ._market_requests import PerpCategoriesRequest as PerpCategoriesRequest
from ._market_requests import PerpConciseAnnotationsRequest as PerpConciseAnnotationsRequest
from ._market_requests import PerpDeployAuctionStatusRequest as PerpDeployAuctionStatusRequest
from ._market_requests import PerpDexLimitsRequest as PerpDexLimitsRequest
from ._market_requests import PerpDexsRequest as PerpDexsRequest
from ._market_requests import PerpDexStatusRequest as PerpDexStatusRequest
from ._market_requests import PerpsAtOpenInterestCapRequest as PerpsAtOpenInterestCapRequest
from ._market_requests import PredictedFundingsRequest as PredictedFundingsRequest
from ._market_requests import RecentTradesRequest as RecentTradesRequest
from ._market_requests import SettledOutcomeRequest as SettledOutcomeRequest
from ._market_requests import SpotMetaAndAssetCtxsRequest as SpotMetaAndAssetCtxsRequest
from ._market_requests import SpotMetaRequest as SpotMetaRequest
from ._market_requests import (
    SpotPairDeployAuctionStatusRequest as SpotPairDeployAuctionStatusRequest,
)
from ._market_requests import TokenDetailsRequest as TokenDetailsRequest
from ._market_requests import UsdcRoutingRequest as UsdcRoutingRequest
from ._market_requests import ValidatorL1VotesRequest as ValidatorL1VotesRequest
from ._market_requests import ValidatorSummariesRequest as ValidatorSummariesRequest
from ._market_requests import VaultSummariesRequest as VaultSummariesRequest
from ._user_replies import DailyUserVolume as DailyUserVolume
from ._user_replies import Delegation as Delegation
from ._user_replies import DelegationChange as DelegationChange
from ._user_replies import DelegationDelta as DelegationDelta
from ._user_replies import DelegatorDelta as DelegatorDelta
from ._user_replies import DelegatorHistoryEntry as DelegatorHistoryEntry
from ._user_replies import DelegatorReward as DelegatorReward
from ._user_replies import DelegatorSummary as DelegatorSummary
from ._user_replies import ExtraAgent as ExtraAgent
from ._user_replies import FeeSchedule as FeeSchedule
from ._user_replies import FeeTiers as FeeTiers
from ._user_replies import LegalCheck as LegalCheck
from ._user_replies import LiquidatablePosition as LiquidatablePosition
from ._user_replies import MakerTier as MakerTier
from ._user_replies import MultiSigSigners as MultiSigSigners
from ._user_replies import OrderStatusResult as OrderStatusResult
from ._user_replies import PortfolioPeriod as PortfolioPeriod
from ._user_replies import PreTransferCheck as PreTransferCheck
from ._user_replies import Referral as Referral
from ._user_replies import ReferralState as ReferralState
from ._user_replies import ReferralTokenState as ReferralTokenState
from ._user_replies import ReferredBy as ReferredBy
from ._user_replies import ReferrerData as ReferrerData
from ._user_replies import ReferrerState as ReferrerState
from ._user_replies import ReferrerTokenState as ReferrerTokenState
from ._user_replies import RewardHistoryEntry as RewardHistoryEntry
from ._user_replies import StakingAmount as StakingAmount
from ._user_replies import StakingDepositDelta as StakingDepositDelta
from ._user_replies import StakingDiscount as StakingDiscount
from ._user_replies import StakingLink as StakingLink
from ._user_replies import StakingWithdrawal as StakingWithdrawal
from ._user_replies import StakingWithdrawalDelta as StakingWithdrawalDelta
from ._user_replies import SubAccount as SubAccount
from ._user_replies import SubAccount2 as SubAccount2
from ._user_replies import UnknownDelegatorDelta as UnknownDelegatorDelta
from ._user_replies import UserFees as UserFees
from ._user_replies import UserRateLimit as UserRateLimit
from ._user_replies import UserRole as UserRole
from ._user_replies import UserRoleData as UserRoleData
from ._user_replies import UserVaultEquity as UserVaultEquity
from ._user_replies import ValidatorL1Vote as ValidatorL1Vote
from ._user_replies import ValidatorStats as ValidatorStats
from ._user_replies import ValidatorSummary as ValidatorSummary
from ._user_replies import VaultDetails as VaultDetails
from ._user_replies import VaultFollower as VaultFollower
from ._user_replies import VaultRelationship as VaultRelationship
from ._user_replies import VaultRelationshipData as VaultRelationshipData
from ._user_replies import VaultSummary as VaultSummary
from ._user_replies import VipTier as VipTier
from ._user_requests import ActiveAssetDataRequest as ActiveAssetDataRequest
from ._user_requests import ApprovedBuildersRequest as ApprovedBuildersRequest
from ._user_requests import BorrowLendUserStateRequest as BorrowLendUserStateRequest
from ._user_requests import ClearinghouseStateRequest as ClearinghouseStateRequest
from ._user_requests import DelegationsRequest as DelegationsRequest
from ._user_requests import DelegatorHistoryRequest as DelegatorHistoryRequest
from ._user_requests import DelegatorRewardsRequest as DelegatorRewardsRequest
from ._user_requests import DelegatorSummaryRequest as DelegatorSummaryRequest
from ._user_requests import ExtraAgentsRequest as ExtraAgentsRequest
from ._user_requests import FrontendOpenOrdersRequest as FrontendOpenOrdersRequest
from ._user_requests import HistoricalOrdersRequest as HistoricalOrdersRequest
from ._user_requests import IsVipRequest as IsVipRequest
from ._user_requests import LeadingVaultsRequest as LeadingVaultsRequest
from ._user_requests import LegalCheckRequest as LegalCheckRequest
from ._user_requests import MaxBuilderFeeRequest as MaxBuilderFeeRequest
from ._user_requests import OpenOrdersRequest as OpenOrdersRequest
from ._user_requests import OrderStatusRequest as OrderStatusRequest
from ._user_requests import PortfolioRequest as PortfolioRequest
from ._user_requests import PreTransferCheckRequest as PreTransferCheckRequest
from ._user_requests import ReferralRequest as ReferralRequest
from ._user_requests import SpotClearinghouseStateRequest as SpotClearinghouseStateRequest
from ._user_requests import SpotDeployStateRequest as SpotDeployStateRequest
from ._user_requests import SubAccounts2Request as SubAccounts2Request
from ._user_requests import SubAccountsRequest as SubAccountsRequest
from ._user_requests import TwapHistoryRequest as TwapHistoryRequest
from ._user_requests import UserAbstractionRequest as UserAbstractionRequest
from ._user_requests import UserBorrowLendInterestRequest as UserBorrowLendInterestRequest
from ._user_requests import UserDexAbstractionRequest as UserDexAbstractionRequest
from ._user_requests import UserFeesRequest as UserFeesRequest
from ._user_requests import UserFillsByTimeRequest as UserFillsByTimeRequest
from ._user_requests import UserFillsRequest as UserFillsRequest
from ._user_requests import UserFundingRequest as UserFundingRequest
from ._user_requests import UserNonFundingLedgerUpdatesRequest as UserNonFundingLedgerUpdatesRequest
from ._user_requests import UserRateLimitRequest as UserRateLimitRequest
from ._user_requests import UserRoleRequest as UserRoleRequest
from ._user_requests import UserToMultiSigSignersRequest as UserToMultiSigSignersRequest
from ._user_requests import UserTwapSliceFillsByTimeRequest as UserTwapSliceFillsByTimeRequest
from ._user_requests import UserTwapSliceFillsRequest as UserTwapSliceFillsRequest
from ._user_requests import UserVaultEquitiesRequest as UserVaultEquitiesRequest
from ._user_requests import VaultDetailsRequest as VaultDetailsRequest
from ._user_requests import WebData2Request as WebData2Request

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

fixup_module_metadata(__name__, globals(), __all__)
