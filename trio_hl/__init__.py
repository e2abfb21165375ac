"""trio_hl: a Trio client for the Hyperliquid WebSocket API (and GoldRush's drop-in).

Layering: the public names below come from private modules. ``_protocol`` is the sans-IO
core (no trio); ``_client`` is the Trio shell over it; ``_api`` is the seed-shaped surface
over the shell. Public modules: ``trio_hl``, ``.errors``, ``.models``, ``.networks``,
``.books``, ``.signing``, ``.testing``.
"""

import contextlib
import logging

from . import errors as errors
from . import models as models
from . import networks as networks
from ._account import Account as Account
from ._api import Api as Api
from ._api import Subscriptions as Subscriptions
from ._api import Ws as Ws
from ._backoff import Backoff as Backoff
from ._client import (
    Client as Client,
)
from ._client import (
    ClientStatistics as ClientStatistics,
)
from ._client import (
    open_client as open_client,
)
from ._decode import decode_frame as decode_frame
from ._exchange import Exchange as Exchange
from ._exchange import NonceSource as NonceSource
from ._fanout import (
    SharedSendChannel as SharedSendChannel,
)
from ._fanout import (
    Stream as Stream,
)
from ._fanout import (
    StreamStatistics as StreamStatistics,
)
from ._fanout import (
    open_shared_channel as open_shared_channel,
)
from ._info import Info as Info
from ._policy import BufferPolicy as BufferPolicy
from ._protocol._session import Limits as Limits
from ._settings import Settings as Settings
from ._universe import AssetInfo as AssetInfo
from ._universe import Universe as Universe
from .models.exchange import LIMIT_ALO as LIMIT_ALO
from .models.exchange import LIMIT_GTC as LIMIT_GTC
from .models.exchange import LIMIT_IOC as LIMIT_IOC
from .models.exchange import BuilderFee as BuilderFee
from .models.exchange import CancelRequest as CancelRequest
from .models.exchange import Cloid as Cloid
from .models.exchange import ModifyRequest as ModifyRequest
from .models.exchange import OrderRequest as OrderRequest
from .models.exchange import stop_loss_limit as stop_loss_limit
from .models.exchange import stop_loss_market as stop_loss_market
from .models.exchange import take_profit_limit as take_profit_limit
from .models.exchange import take_profit_market as take_profit_market
from .networks import (
    MAINNET as MAINNET,
)
from .networks import (
    TESTNET as TESTNET,
)
from .networks import (
    Network as Network,
)
from .networks import (
    goldrush as goldrush,
)

__all__ = [
    "LIMIT_ALO",
    "LIMIT_GTC",
    "LIMIT_IOC",
    "MAINNET",
    "TESTNET",
    "Account",
    "Api",
    "AssetInfo",
    "Backoff",
    "BufferPolicy",
    "BuilderFee",
    "CancelRequest",
    "Client",
    "ClientStatistics",
    "Cloid",
    "Exchange",
    "Info",
    "Limits",
    "ModifyRequest",
    "Network",
    "NonceSource",
    "OrderRequest",
    "Settings",
    "SharedSendChannel",
    "Stream",
    "StreamStatistics",
    "Subscriptions",
    "Universe",
    "Ws",
    "decode_frame",
    "errors",
    "goldrush",
    "models",
    "networks",
    "open_client",
    "open_shared_channel",
    "stop_loss_limit",
    "stop_loss_market",
    "take_profit_limit",
    "take_profit_market",
]


def _fixup_module_metadata() -> None:
    # Make tracebacks and reprs say trio_hl.X rather than trio_hl._private.X (as trio does).
    for name in __all__:
        obj = globals()[name]
        if getattr(obj, "__module__", "").startswith("trio_hl._"):
            with contextlib.suppress(AttributeError, TypeError):
                obj.__module__ = __name__


_fixup_module_metadata()
del _fixup_module_metadata

# A library never decides where its log lines go. Without a handler on our logger, Python's
# last-resort handler prints our warnings to stderr of applications that configured no
# logging; with a NullHandler they stay silent until the application configures logging.
logging.getLogger(__name__).addHandler(logging.NullHandler())
