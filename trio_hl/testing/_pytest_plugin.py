"""pytest plugin (auto-registered through the ``pytest11`` entry point).

Provides the ``fake_hyperliquid`` fixture: a running :class:`FakeHyperliquid`. It is an
async fixture, so it needs pytest-trio (``trio_mode = true``, or ``@pytest.mark.trio``).
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
