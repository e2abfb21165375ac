"""Public test kit: a fake Hyperliquid server that runs under ``trio.testing.MockClock``.

Compare ``trio.testing`` and httpcore's public mock backend. With pytest-trio, the
``fake_hyperliquid`` fixture (registered by trio_hl's pytest plugin) gives a running server.
"""

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

__all__ = [
    "FakeConnection",
    "FakeHttp",
    "FakeHyperliquid",
    "InfoHandler",
    "install_default_info",
    "l2_book_data",
    "open_fake_hyperliquid",
    "trade_data",
]
