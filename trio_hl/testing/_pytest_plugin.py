"""pytest plugin (auto-registered through the ``pytest11`` entry point).

Provides the ``fake_hyperliquid`` fixture, a running :class:`FakeHyperliquid`, and
``simulated_hyperliquid``, one with a simulated exchange behind it (seed 0). They are async
fixtures, so they need pytest-trio (``trio_mode = true``, or ``@pytest.mark.trio``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ._fake_server import FakeHyperliquid, open_fake_hyperliquid

if TYPE_CHECKING:
    from collections.abc import AsyncIterator


@pytest.fixture
async def fake_hyperliquid() -> AsyncIterator[FakeHyperliquid]:
    """A fake Hyperliquid server; point a client at ``fake_hyperliquid.network``."""
    async with open_fake_hyperliquid() as fake:
        yield fake


@pytest.fixture
async def simulated_hyperliquid() -> AsyncIterator[FakeHyperliquid]:
    """A fake server with a simulated exchange (seed 0): orders rest, match and fill, and
    every stream and info reply is a view of one market."""
    async with open_fake_hyperliquid(seed=0) as fake:
        yield fake
