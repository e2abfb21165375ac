"""Public wire models: frozen attrs classes decoded by the one converter.

One module per family: ``market`` (books, trades, candles, mids, asset contexts), ``account``
(margin, positions, balances, open orders and the user *state* channels), ``user`` (fills,
funding, ledger, order updates, user events, TWAPs: the user *event* channels), ``l4``
(GoldRush's order-level book) and ``subscriptions`` (the requests, generic in their message
type, and the restart marker).
"""

from .account import ActiveAssetData as ActiveAssetData
from .account import AllDexsClearinghouseState as AllDexsClearinghouseState
from .account import AssetPosition as AssetPosition
from .account import ClearinghouseState as ClearinghouseState
from .account import ClearinghouseStateUpdate as ClearinghouseStateUpdate
from .account import CumFunding as CumFunding
from .account import EvmEscrow as EvmEscrow
from .account import FrontendOpenOrder as FrontendOpenOrder
from .account import LeadingVault as LeadingVault
from .account import Leverage as Leverage
from .account import MarginSummary as MarginSummary
from .account import OpenOrders as OpenOrders
from .account import PerpDexState as PerpDexState
from .account import Position as Position
from .account import SpotBalance as SpotBalance
from .account import SpotClearinghouseState as SpotClearinghouseState
from .account import SpotState as SpotState
from .account import TwapState as TwapState
from .account import TwapStates as TwapStates
from .account import TwapTrigger as TwapTrigger
from .account import WebData2 as WebData2
from .account import WebData3 as WebData3
from .account import WebData3UserState as WebData3UserState
from .l4 import L4BookDiff as L4BookDiff
from .l4 import L4Diff as L4Diff
from .l4 import L4New as L4New
from .l4 import L4Order as L4Order
from .l4 import L4OrderStatus as L4OrderStatus
from .l4 import L4Remove as L4Remove
from .l4 import L4Snapshot as L4Snapshot
from .l4 import L4UnknownDiff as L4UnknownDiff
from .l4 import L4Update as L4Update
from .l4 import L4Updates as L4Updates
from .l4 import decode_l4_book as decode_l4_book
from .market import ActiveAssetCtx as ActiveAssetCtx
from .market import ActiveSpotAssetCtx as ActiveSpotAssetCtx
from .market import AllDexsAssetCtxs as AllDexsAssetCtxs
from .market import AllMids as AllMids
from .market import AssetCtxs as AssetCtxs
from .market import Bbo as Bbo
from .market import Candle as Candle
from .market import L2Book as L2Book
from .market import L2Level as L2Level
from .market import MarginTable as MarginTable
from .market import MarginTier as MarginTier
from .market import PerpAssetCtx as PerpAssetCtx
from .market import PerpMeta as PerpMeta
from .market import PerpUniverseAsset as PerpUniverseAsset
from .market import SpotAssetCtx as SpotAssetCtx
from .market import SpotAssetCtxs as SpotAssetCtxs
from .market import Trade as Trade
from .market import Trades as Trades
from .subscriptions import CANDLE_INTERVALS as CANDLE_INTERVALS
from .subscriptions import ActiveAssetCtxSubscription as ActiveAssetCtxSubscription
from .subscriptions import ActiveAssetDataSubscription as ActiveAssetDataSubscription
from .subscriptions import AllDexsAssetCtxsSubscription as AllDexsAssetCtxsSubscription
from .subscriptions import (
    AllDexsClearinghouseStateSubscription as AllDexsClearinghouseStateSubscription,
)
from .subscriptions import AllMidsSubscription as AllMidsSubscription
from .subscriptions import AssetCtxsSubscription as AssetCtxsSubscription
from .subscriptions import BboSubscription as BboSubscription
from .subscriptions import CandleSubscription as CandleSubscription
from .subscriptions import ClearinghouseStateSubscription as ClearinghouseStateSubscription
from .subscriptions import L2BookSubscription as L2BookSubscription
from .subscriptions import L4BookSubscription as L4BookSubscription
from .subscriptions import NotificationSubscription as NotificationSubscription
from .subscriptions import OpenOrdersSubscription as OpenOrdersSubscription
from .subscriptions import OrderUpdatesSubscription as OrderUpdatesSubscription
from .subscriptions import SpotAssetCtxsSubscription as SpotAssetCtxsSubscription
from .subscriptions import SpotStateSubscription as SpotStateSubscription
from .subscriptions import StreamRestarted as StreamRestarted
from .subscriptions import SubscriptionRequest as SubscriptionRequest
from .subscriptions import TradesSubscription as TradesSubscription
from .subscriptions import TwapStatesSubscription as TwapStatesSubscription
from .subscriptions import UserEventsSubscription as UserEventsSubscription
from .subscriptions import UserFillsSubscription as UserFillsSubscription
from .subscriptions import UserFundingsSubscription as UserFundingsSubscription
from .subscriptions import UserHistoricalOrdersSubscription as UserHistoricalOrdersSubscription
from .subscriptions import (
    UserNonFundingLedgerUpdatesSubscription as UserNonFundingLedgerUpdatesSubscription,
)
from .subscriptions import UserTwapHistorySubscription as UserTwapHistorySubscription
from .subscriptions import UserTwapSliceFillsSubscription as UserTwapSliceFillsSubscription
from .subscriptions import WebData2Subscription as WebData2Subscription
from .subscriptions import WebData3Subscription as WebData3Subscription
from .user import ORDER_STATUSES as ORDER_STATUSES
from .user import AccountClassTransferDelta as AccountClassTransferDelta
from .user import ActivateDexAbstractionDelta as ActivateDexAbstractionDelta
from .user import BasicOrder as BasicOrder
from .user import BorrowLendDelta as BorrowLendDelta
from .user import CStakingTransferDelta as CStakingTransferDelta
from .user import DeployGasAuctionDelta as DeployGasAuctionDelta
from .user import DepositDelta as DepositDelta
from .user import FillLiquidation as FillLiquidation
from .user import FillsEvent as FillsEvent
from .user import Funding as Funding
from .user import FundingEvent as FundingEvent
from .user import HistoricalOrder as HistoricalOrder
from .user import InternalTransferDelta as InternalTransferDelta
from .user import LedgerDelta as LedgerDelta
from .user import LedgerUpdate as LedgerUpdate
from .user import LiquidatedPosition as LiquidatedPosition
from .user import LiquidationDelta as LiquidationDelta
from .user import LiquidationEvent as LiquidationEvent
from .user import NonUserCancel as NonUserCancel
from .user import NonUserCancelEvent as NonUserCancelEvent
from .user import Notification as Notification
from .user import OrderUpdate as OrderUpdate
from .user import OrderUpdates as OrderUpdates
from .user import RewardsClaimDelta as RewardsClaimDelta
from .user import SendDelta as SendDelta
from .user import SpotGenesisDelta as SpotGenesisDelta
from .user import SpotTransferDelta as SpotTransferDelta
from .user import SubAccountTransferDelta as SubAccountTransferDelta
from .user import TwapHistoryEvent as TwapHistoryEvent
from .user import TwapHistoryItem as TwapHistoryItem
from .user import TwapSliceFill as TwapSliceFill
from .user import TwapSliceFillsEvent as TwapSliceFillsEvent
from .user import TwapStatus as TwapStatus
from .user import UnknownLedgerDelta as UnknownLedgerDelta
from .user import UnknownUserEvent as UnknownUserEvent
from .user import UserEvent as UserEvent
from .user import UserEventFunding as UserEventFunding
from .user import UserFill as UserFill
from .user import UserFills as UserFills
from .user import UserFundings as UserFundings
from .user import UserHistoricalOrders as UserHistoricalOrders
from .user import UserLiquidation as UserLiquidation
from .user import UserNonFundingLedgerUpdates as UserNonFundingLedgerUpdates
from .user import UserTwapHistory as UserTwapHistory
from .user import UserTwapSliceFills as UserTwapSliceFills
from .user import VaultCreateDelta as VaultCreateDelta
from .user import VaultDepositDelta as VaultDepositDelta
from .user import VaultDistributionDelta as VaultDistributionDelta
from .user import VaultLeaderCommissionDelta as VaultLeaderCommissionDelta
from .user import VaultWithdrawDelta as VaultWithdrawDelta
from .user import WithdrawDelta as WithdrawDelta

__all__ = [
    "CANDLE_INTERVALS",
    "ORDER_STATUSES",
    "AccountClassTransferDelta",
    "ActivateDexAbstractionDelta",
    "ActiveAssetCtx",
    "ActiveAssetCtxSubscription",
    "ActiveAssetData",
    "ActiveAssetDataSubscription",
    "ActiveSpotAssetCtx",
    "AllDexsAssetCtxs",
    "AllDexsAssetCtxsSubscription",
    "AllDexsClearinghouseState",
    "AllDexsClearinghouseStateSubscription",
    "AllMids",
    "AllMidsSubscription",
    "AssetCtxs",
    "AssetCtxsSubscription",
    "AssetPosition",
    "BasicOrder",
    "Bbo",
    "BboSubscription",
    "BorrowLendDelta",
    "CStakingTransferDelta",
    "Candle",
    "CandleSubscription",
    "ClearinghouseState",
    "ClearinghouseStateSubscription",
    "ClearinghouseStateUpdate",
    "CumFunding",
    "DeployGasAuctionDelta",
    "DepositDelta",
    "EvmEscrow",
    "FillLiquidation",
    "FillsEvent",
    "FrontendOpenOrder",
    "Funding",
    "FundingEvent",
    "HistoricalOrder",
    "InternalTransferDelta",
    "L2Book",
    "L2BookSubscription",
    "L2Level",
    "L4BookDiff",
    "L4BookSubscription",
    "L4Diff",
    "L4New",
    "L4Order",
    "L4OrderStatus",
    "L4Remove",
    "L4Snapshot",
    "L4UnknownDiff",
    "L4Update",
    "L4Updates",
    "LeadingVault",
    "LedgerDelta",
    "LedgerUpdate",
    "Leverage",
    "LiquidatedPosition",
    "LiquidationDelta",
    "LiquidationEvent",
    "MarginSummary",
    "MarginTable",
    "MarginTier",
    "NonUserCancel",
    "NonUserCancelEvent",
    "Notification",
    "NotificationSubscription",
    "OpenOrders",
    "OpenOrdersSubscription",
    "OrderUpdate",
    "OrderUpdates",
    "OrderUpdatesSubscription",
    "PerpAssetCtx",
    "PerpDexState",
    "PerpMeta",
    "PerpUniverseAsset",
    "Position",
    "RewardsClaimDelta",
    "SendDelta",
    "SpotAssetCtx",
    "SpotAssetCtxs",
    "SpotAssetCtxsSubscription",
    "SpotBalance",
    "SpotClearinghouseState",
    "SpotGenesisDelta",
    "SpotState",
    "SpotStateSubscription",
    "SpotTransferDelta",
    "StreamRestarted",
    "SubAccountTransferDelta",
    "SubscriptionRequest",
    "Trade",
    "Trades",
    "TradesSubscription",
    "TwapHistoryEvent",
    "TwapHistoryItem",
    "TwapSliceFill",
    "TwapSliceFillsEvent",
    "TwapState",
    "TwapStates",
    "TwapStatesSubscription",
    "TwapStatus",
    "TwapTrigger",
    "UnknownLedgerDelta",
    "UnknownUserEvent",
    "UserEvent",
    "UserEventFunding",
    "UserEventsSubscription",
    "UserFill",
    "UserFills",
    "UserFillsSubscription",
    "UserFundings",
    "UserFundingsSubscription",
    "UserHistoricalOrders",
    "UserHistoricalOrdersSubscription",
    "UserLiquidation",
    "UserNonFundingLedgerUpdates",
    "UserNonFundingLedgerUpdatesSubscription",
    "UserTwapHistory",
    "UserTwapHistorySubscription",
    "UserTwapSliceFills",
    "UserTwapSliceFillsSubscription",
    "VaultCreateDelta",
    "VaultDepositDelta",
    "VaultDistributionDelta",
    "VaultLeaderCommissionDelta",
    "VaultWithdrawDelta",
    "WebData2",
    "WebData2Subscription",
    "WebData3",
    "WebData3Subscription",
    "WebData3UserState",
    "WithdrawDelta",
    "decode_l4_book",
]
