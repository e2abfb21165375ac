"""Shared fixtures. ``fake_hyperliquid`` comes from trio_hl's own pytest plugin."""

from __future__ import annotations

import pytest

from trio_hl import Backoff, Settings
from trio_hl._settings import Engine


@pytest.fixture(params=["websockets", "trio-websocket"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """Each WebSocket engine in turn: connection-level tests run over both."""
    value: Engine = request.param
    return value


@pytest.fixture
def settings(engine: Engine) -> Settings:
    """Defaults on each engine, with jitter pinned to its midpoint so that delays are exact."""
    return Settings(engine=engine, backoff=Backoff(random=lambda: 0.5))
