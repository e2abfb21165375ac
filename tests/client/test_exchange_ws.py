"""Every ``Exchange`` method over the WebSocket (``api.ws.exchange``), through the fake
server, which recovers the signer of every action from the bytes it receives."""

from __future__ import annotations

import inspect
from decimal import Decimal
from typing import Any

import pytest
import trio

from trio_hl import Api, Exchange, NonceSource, Settings
from trio_hl.errors import ConfigurationError, NotRunning, RequestOutcomeUnknown
from trio_hl.models.exchange import OrderResting
from trio_hl.testing import TEST_ACCOUNT, FakeHyperliquid

from .exchange_calls import CALLS, Call, T, open_env, round_trip
from .exchange_scenarios import SCENARIOS
from .helpers import is_method


def _public_methods() -> set[str]:
    return {
        name
        for name, _ in inspect.getmembers(Exchange, inspect.iscoroutinefunction)
        if not name.startswith("_")
    }


def test_the_table_covers_every_method() -> None:
    assert {call.method for call in CALLS} == _public_methods()


@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.id)
async def test_round_trip(fake_hyperliquid: FakeHyperliquid, call: Call) -> None:
    async with open_env(fake_hyperliquid, "ws") as env:
        await round_trip(env, call)
        # Over the socket: one post of type "action" per call, nothing over HTTP.
        assert not [path for path, _ in fake_hyperliquid.http.received if path == "/exchange"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
async def test_scenario(fake_hyperliquid: FakeHyperliquid, scenario: Any) -> None:
    async with open_env(fake_hyperliquid, "ws") as env:
        await scenario(env)


async def test_outcome_unknown_is_raised_and_never_resent(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.abc.Clock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with open_env(fake, "ws", settings=settings) as env:
        fake.hold_posts = True  # the action arrives, its reply never leaves

        async def place() -> None:
            with pytest.raises(RequestOutcomeUnknown):
                await env.exchange.place_order(
                    asset="BTC", is_buy=True, size=Decimal("0.001"), limit_price=Decimal("65000")
                )

        async with trio.open_nursery() as nursery:
            nursery.start_soon(place)
            await fake.wait_received(is_method("post"))
            await fake.drop()
        fake.hold_posts = False
        await fake.wait_connections(2)
        await trio.sleep(30)  # long enough for any retry to show
        (held,) = env.sent()
        assert held["action"]["type"] == "order"
        # The next action goes out on the new connection with a new nonce.
        await env.exchange.noop()
        assert [e["nonce"] for e in env.sent()] == [T, T + 1]
        assert [a.action["type"] for a in fake.exchange.accepted] == ["noop"]


async def test_outside_run_is_not_running(fake_hyperliquid: FakeHyperliquid) -> None:
    api = Api(network=fake_hyperliquid.network, account=TEST_ACCOUNT)
    with pytest.raises(NotRunning):
        await api.ws.exchange.noop()
    assert api.ws.exchange.nonces is api.exchange.nonces


async def test_ws_and_http_share_nonces(fake_hyperliquid: FakeHyperliquid) -> None:
    async with open_env(fake_hyperliquid, "ws") as env:
        await env.api.ws.exchange.noop()
        await env.api.exchange.noop()
        await env.api.ws.exchange.noop()
    assert [a.nonce for a in fake_hyperliquid.exchange.accepted] == [T, T + 1, T + 2]


async def test_api_create_wires_the_account(fake_hyperliquid: FakeHyperliquid) -> None:
    api = await Api.create(network=fake_hyperliquid.network, account=TEST_ACCOUNT)
    assert api.exchange.account is TEST_ACCOUNT
    assert api.exchange.is_mainnet is True
    assert "secret" not in repr(api.exchange) or "<hidden>" in repr(api.exchange)
    async with api.ws.run():
        order = await api.ws.exchange.place_order(
            asset="BTC", is_buy=True, size="0.001", limit_price="65000"
        )
    assert isinstance(order, OrderResting)


# --- NonceSource ------------------------------------------------------------------------------


def test_nonces_follow_the_clock_and_never_repeat() -> None:
    now = [T]
    nonces = NonceSource(lambda: now[0])
    assert [nonces.next("0xA"), nonces.next("0xa"), nonces.next("0xa")] == [T, T + 1, T + 2]
    assert nonces.next("0xb") == T  # per signer
    now[0] = T + 10
    assert nonces.next("0xa") == T + 10
    now[0] = T - 1_000  # the clock stepped back
    assert nonces.next("0xa") == T + 11
    assert nonces.last("0xA") == T + 11
    assert nonces.last("0xc") is None
    assert "signers=2" in repr(nonces)


def test_nonce_clock_must_give_ints() -> None:
    with pytest.raises(ConfigurationError, match="int milliseconds"):
        NonceSource(lambda: 1.5).next("0xa")  # type: ignore[arg-type,return-value]


async def test_nonces_under_concurrent_tasks() -> None:
    nonces = NonceSource(lambda: T)
    drawn: list[int] = []

    async def draw() -> None:
        for _ in range(20):
            drawn.append(nonces.next(TEST_ACCOUNT.address))
            await trio.lowlevel.checkpoint()

    async with trio.open_nursery() as nursery:
        for _ in range(25):
            nursery.start_soon(draw)
    assert sorted(drawn) == list(range(T, T + 500))
