"""TLS verification is on by default for wss:// URLs."""

from __future__ import annotations

import ssl
from typing import Any

import pytest
import trio

from trio_hl import MAINNET, Settings, open_client
from trio_hl._transport import open_stream
from trio_hl.errors import ConnectError


async def test_wss_verifies_certificates_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    async def capture(host: str, port: int, **kwargs: Any) -> trio.abc.Stream:
        seen.update(host=host, port=port, **kwargs)
        raise OSError("no network in tests")

    monkeypatch.setattr(trio, "open_ssl_over_tcp_stream", capture)
    with pytest.raises(ConnectError, match="no network"):
        await open_stream(MAINNET, Settings())
    context = seen["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname
    assert (seen["host"], seen["port"]) == ("api.hyperliquid.xyz", 443)


async def test_unreachable_network_is_a_connect_error(
    monkeypatch: pytest.MonkeyPatch, autojump_clock: trio.testing.MockClock
) -> None:
    async def unreachable(*_: Any, **__: Any) -> trio.abc.Stream:
        raise OSError("Name or service not known")

    monkeypatch.setattr(trio, "open_ssl_over_tcp_stream", unreachable)
    with pytest.raises(ConnectError, match="Name or service not known"):
        async with open_client(MAINNET, settings=Settings(initial_connect_attempts=1)):
            pass
