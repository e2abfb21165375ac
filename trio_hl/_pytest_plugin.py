"""pytest plugin (auto-registered through the ``pytest11`` entry point).

Provides the ``fake_hyperliquid`` fixture, a running :class:`~trio_hl.testing.FakeHyperliquid`,
and ``simulated_hyperliquid``, one with a simulated exchange behind it (seed 0). They are
async fixtures, so they need pytest-trio (``trio_mode = true``, or ``@pytest.mark.trio``).

pytest imports this module at start-up in every environment where trio_hl is installed,
including projects that never use the fixtures, so it imports nothing of the package: the
test kit (Trio, the fake server) loads when a fixture is first requested. It lives outside
``trio_hl.testing`` because importing it would run that package's ``__init__``, which loads
the whole kit. ``tests/test_import_cost.py`` keeps it that way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from .testing import FakeHyperliquid


@pytest.fixture
async def fake_hyperliquid() -> AsyncIterator[FakeHyperliquid]:
    """A fake Hyperliquid server; point a client at ``fake_hyperliquid.network``."""
    from .testing import open_fake_hyperliquid

    async with open_fake_hyperliquid() as fake:
        yield fake


@pytest.fixture
async def simulated_hyperliquid() -> AsyncIterator[FakeHyperliquid]:
    """A fake server with a simulated exchange (seed 0): orders rest, match and fill, and
    every stream and info reply is a view of one market."""
    from .testing import open_fake_hyperliquid

    async with open_fake_hyperliquid(seed=0) as fake:
        yield fake
