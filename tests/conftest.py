"""Shared fixtures. ``fake_hyperliquid`` comes from trio_hl's own pytest plugin."""

from __future__ import annotations

import pytest

from trio_hl import Backoff, Settings


@pytest.fixture
def settings() -> Settings:
    """Defaults, with jitter pinned to its midpoint so that delays are exact."""
    return Settings(backoff=Backoff(random=lambda: 0.5))
