"""Public test kit: a fake Hyperliquid server that runs under ``trio.testing.MockClock``.

Compare ``trio.testing`` and httpcore's public mock backend. With pytest-trio, the
``fake_hyperliquid`` fixture (registered by trio_hl's pytest plugin) gives a running server.
"""

from . import frames as frames
from ._fake_exchange import TEST_ACCOUNT as TEST_ACCOUNT
from ._fake_exchange import FakeExchange as FakeExchange
from ._fake_exchange import FakeOrder as FakeOrder
from ._fake_exchange import ReceivedAction as ReceivedAction
from ._fake_exchange import install_fake_exchange as install_fake_exchange
from ._fake_http import FakeHttp as FakeHttp
from ._fake_server import (
    FakeConnection as FakeConnection,
)
from ._fake_server import (
    FakeHyperliquid as FakeHyperliquid,
)
from ._fake_server import (
    InfoHandler as InfoHandler,
)
from ._fake_server import (
    open_fake_hyperliquid as open_fake_hyperliquid,
)
from ._frames import (
    l2_book_data as l2_book_data,
)
from ._frames import (
    trade_data as trade_data,
)
from ._info_fixtures import install_default_info as install_default_info
from ._simulator import SimulatorAddress as SimulatorAddress
from ._simulator import serve_simulator as serve_simulator

__all__ = [
    "TEST_ACCOUNT",
    "FakeConnection",
    "FakeExchange",
    "FakeHttp",
    "FakeHyperliquid",
    "FakeOrder",
    "InfoHandler",
    "ReceivedAction",
    "SimulatorAddress",
    "install_default_info",
    "install_fake_exchange",
    "l2_book_data",
    "open_fake_hyperliquid",
    "serve_simulator",
    "trade_data",
]
