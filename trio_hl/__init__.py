"""trio_hl: a Trio client for the Hyperliquid WebSocket API (and GoldRush's drop-in).

Layering: the public names below come from private modules. ``_protocol`` is the sans-IO
core (no trio); ``_client`` is the Trio shell over it; ``_api`` is the seed-shaped surface
over the shell. Public modules: ``trio_hl``, ``.errors``, ``.models``, ``.networks``,
``.books``, ``.signing``, ``.testing``.

Import cost: every name here loads on first use (module ``__getattr__``), so ``import
trio_hl`` costs almost nothing, and a program pays only for what it touches: market data
never loads signing (eth_account, msgpack), HTTP (httpx) or the test kit, which load
when first used. Type checkers read the imports under ``TYPE_CHECKING`` below, so every
name keeps its precise type; ``tests/test_import_cost.py`` holds both lists together.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from . import errors as errors
    from . import models as models
    from . import networks as networks
    from ._account import Account as Account
    from ._api import Api as Api
    from ._api import Subscriptions as Subscriptions
    from ._api import Ws as Ws
    from ._backoff import Backoff as Backoff
    from ._client import Client as Client
    from ._client import ClientStatistics as ClientStatistics
    from ._client import open_client as open_client
    from ._decode import decode_frame as decode_frame
    from ._exchange import Exchange as Exchange
    from ._info import Info as Info
    from ._limits import Limits as Limits
    from ._nonces import NonceSource as NonceSource
    from ._policy import BufferPolicy as BufferPolicy
    from ._settings import Settings as Settings
    from ._streams import SharedSendChannel as SharedSendChannel
    from ._streams import Stream as Stream
    from ._streams import StreamStatistics as StreamStatistics
    from ._streams import open_shared_channel as open_shared_channel
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
    from .networks import MAINNET as MAINNET
    from .networks import TESTNET as TESTNET
    from .networks import Network as Network
    from .networks import goldrush as goldrush

# Public name -> the module that defines it (a submodule itself when the name is one).
_EXPORTS: Final[dict[str, str]] = {
    "errors": ".errors",
    "models": ".models",
    "networks": ".networks",
    "Account": "._account",
    "Api": "._api",
    "Subscriptions": "._api",
    "Ws": "._api",
    "Backoff": "._backoff",
    "Client": "._client",
    "ClientStatistics": "._client",
    "open_client": "._client",
    "decode_frame": "._decode",
    "Exchange": "._exchange",
    "NonceSource": "._nonces",
    "SharedSendChannel": "._streams",
    "Stream": "._streams",
    "StreamStatistics": "._streams",
    "open_shared_channel": "._streams",
    "Info": "._info",
    "BufferPolicy": "._policy",
    "Limits": "._limits",
    "Settings": "._settings",
    "AssetInfo": "._universe",
    "Universe": "._universe",
    "LIMIT_ALO": ".models.exchange",
    "LIMIT_GTC": ".models.exchange",
    "LIMIT_IOC": ".models.exchange",
    "BuilderFee": ".models.exchange",
    "CancelRequest": ".models.exchange",
    "Cloid": ".models.exchange",
    "ModifyRequest": ".models.exchange",
    "OrderRequest": ".models.exchange",
    "stop_loss_limit": ".models.exchange",
    "stop_loss_market": ".models.exchange",
    "take_profit_limit": ".models.exchange",
    "take_profit_market": ".models.exchange",
    "MAINNET": ".networks",
    "TESTNET": ".networks",
    "Network": ".networks",
    "goldrush": ".networks",
}

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


# Runtime only: a type checker that saw a module ``__getattr__`` would accept any name
# (``trio_hl.Typo``); it reads the imports above instead.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        where = _EXPORTS.get(name)
        if where is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        module = importlib.import_module(where, __name__)
        value = module if where == f".{name}" else getattr(module, name)
        # Tracebacks and reprs say trio_hl.X rather than trio_hl._private.X (as trio does).
        if getattr(value, "__module__", "").startswith("trio_hl._"):
            with contextlib.suppress(AttributeError, TypeError):
                value.__module__ = __name__
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})


# A library never decides where its log lines go. Without a handler on our logger, Python's
# last-resort handler prints our warnings to stderr of applications that configured no
# logging; with a NullHandler they stay silent until the application configures logging.
logging.getLogger(__name__).addHandler(logging.NullHandler())
