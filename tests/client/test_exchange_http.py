"""Every ``Exchange`` method over HTTP (``api.exchange``, ``POST /exchange``), through the
fake server's HTTP side, which shares the signature-verifying fake exchange."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from trio_hl import Exchange, NonceSource
from trio_hl._http import HttpTransport
from trio_hl.errors import HttpStatusError, RateLimited, RequestOutcomeUnknown
from trio_hl.testing import TEST_ACCOUNT, FakeHyperliquid

from .exchange_calls import CALLS, Call, T, open_env, round_trip
from .exchange_scenarios import SCENARIOS


@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.id)
async def test_round_trip(fake_hyperliquid: FakeHyperliquid, call: Call) -> None:
    async with open_env(fake_hyperliquid, "http") as env:
        await round_trip(env, call)
        assert not [f for _, f in fake_hyperliquid.received if isinstance(f, dict)]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
async def test_scenario(fake_hyperliquid: FakeHyperliquid, scenario: Any) -> None:
    async with open_env(fake_hyperliquid, "http") as env:
        await scenario(env)


class _DropAfterSend(httpx.AsyncBaseTransport):
    """The server receives and executes ``/exchange`` requests, then the connection dies
    before the reply arrives."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.url.path == "/exchange":
            raise httpx.ReadError("connection reset by peer")
        return response


async def test_outcome_unknown_is_raised_and_never_resent(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    async with open_env(fake, "http") as env:
        http = HttpTransport(fake.http.url, transport=_DropAfterSend(fake.http.transport))
        exchange = Exchange(
            http.exchange,
            is_mainnet=True,
            account=TEST_ACCOUNT,
            universe=env.api.universe,
            nonces=NonceSource(lambda: T),
        )
        with pytest.raises(RequestOutcomeUnknown, match="after the request was sent"):
            await exchange.place_order(
                asset="BTC", is_buy=True, size=Decimal("0.001"), limit_price=Decimal("65000")
            )
        # Received and executed exactly once: the order rests, and nothing was resent.
        assert len(env.sent()) == 1
        assert [a.action["type"] for a in fake.exchange.accepted] == ["order"]
        assert len(fake.exchange.orders) == 1


async def test_http_errors_pass_through(fake_hyperliquid: FakeHyperliquid) -> None:
    async with open_env(fake_hyperliquid, "http") as env:
        fake_hyperliquid.http.respond_next(
            422, "Failed to deserialize the JSON body into the target type"
        )
        with pytest.raises(HttpStatusError, match="422"):
            await env.exchange.noop()
        fake_hyperliquid.http.respond_next(429, "", headers={"Retry-After": "1"})
        with pytest.raises(RateLimited):
            await env.exchange.noop()
        assert fake_hyperliquid.exchange.accepted == []
        await env.exchange.noop()
        # Three distinct nonces: a refused request still used one.
        assert [e["nonce"] for e in env.sent()] == [T, T + 1, T + 2]
