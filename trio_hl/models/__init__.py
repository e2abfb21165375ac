"""Public wire models: frozen attrs classes decoded by the one converter."""

from .market import (
    ActiveAssetCtx as ActiveAssetCtx,
)
from .market import (
    ActiveSpotAssetCtx as ActiveSpotAssetCtx,
)
from .market import (
    AllMids as AllMids,
)
from .market import (
    Bbo as Bbo,
)
from .market import (
    Candle as Candle,
)
from .market import (
    L2Book as L2Book,
)
from .market import (
    L2Level as L2Level,
)
from .market import (
    PerpAssetCtx as PerpAssetCtx,
)
from .market import (
    SpotAssetCtx as SpotAssetCtx,
)
from .market import (
    Trade as Trade,
)
from .market import (
    Trades as Trades,
)
from .subscriptions import (
    CANDLE_INTERVALS as CANDLE_INTERVALS,
)
from .subscriptions import (
    ActiveAssetCtxSubscription as ActiveAssetCtxSubscription,
)
from .subscriptions import (
    AllMidsSubscription as AllMidsSubscription,
)
from .subscriptions import (
    BboSubscription as BboSubscription,
)
from .subscriptions import (
    CandleSubscription as CandleSubscription,
)
from .subscriptions import (
    L2BookSubscription as L2BookSubscription,
)
from .subscriptions import (
    StreamRestarted as StreamRestarted,
)
from .subscriptions import (
    SubscriptionRequest as SubscriptionRequest,
)
from .subscriptions import (
    TradesSubscription as TradesSubscription,
)

__all__ = [
    "CANDLE_INTERVALS",
    "ActiveAssetCtx",
    "ActiveAssetCtxSubscription",
    "ActiveSpotAssetCtx",
    "AllMids",
    "AllMidsSubscription",
    "Bbo",
    "BboSubscription",
    "Candle",
    "CandleSubscription",
    "L2Book",
    "L2BookSubscription",
    "L2Level",
    "PerpAssetCtx",
    "SpotAssetCtx",
    "StreamRestarted",
    "SubscriptionRequest",
    "Trade",
    "Trades",
    "TradesSubscription",
]
