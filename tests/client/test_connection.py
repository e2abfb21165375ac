"""Connection lifecycle: heartbeat, backoff, reconnect, handshake refusal, shutdown."""

from __future__ import annotations

import itertools
import random

import attrs
import pytest
import trio
import trio.testing

from trio_hl import MAINNET, Api, Backoff, Client, Settings, goldrush, open_client
from trio_hl.errors import ConnectError, HandshakeRejected, KeyRejected
from trio_hl.models import L2Book, L2BookSubscription, StreamRestarted
from trio_hl.networks import custom
from trio_hl.testing import FakeHyperliquid, l2_book_data

from .helpers import is_method


async def test_run_forever_reports_started_when_connected(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    api = await Api.create(network=fake_hyperliquid.network)
    async with trio.open_nursery() as nursery:
        await nursery.start(api.ws.run_forever)
        assert fake_hyperliquid.handshakes == 1
        assert api.ws.client.statistics().connected
        _, stream = await api.ws.subscriptions.bbo(asset="BTC")
        await fake_hyperliquid.push("bbo", {"coin": "BTC", "time": 1, "bbo": [None, None]})
        assert (await stream.receive()).time == 1  # type: ignore[union-attr]
        nursery.cancel_scope.cancel()
    with pytest.raises(trio_hl_not_running()):
        api.ws.client  # noqa: B018


def trio_hl_not_running() -> type[Exception]:
    from trio_hl.errors import NotRunning

    return NotRunning


async def test_heartbeat_pings_on_interval(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with open_client(fake.network, settings=settings):
        start = trio.current_time()
        await fake.wait_received(is_method("ping"), count=3)
        assert trio.current_time() - start == pytest.approx(3 * settings.ping_interval)
        assert fake.handshakes == 1


async def test_missing_pong_forces_reconnect_and_resubscribe(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.network, settings=settings) as client,
        # Never fed here: without idle_timeout=None its idle deadline (30 s) would
        # resubscribe it on the first connection too (tests/client/test_idle.py).
        client.subscribe(L2BookSubscription(coin="BTC"), idle_timeout=None) as stream,
    ):
        start = trio.current_time()
        fake.go_silent()
        await fake.wait_connections(2)
        # ping at 30 s, pong deadline 10 s later, then the first backoff delay (0.5 s).
        assert trio.current_time() - start == pytest.approx(30 + 10 + 0.5)
        fake.answer_pings = True
        await fake.wait_received(is_method("subscribe"), count=2)
        await fake.push("l2Book", l2_book_data("BTC", levels=1))
        assert isinstance(await stream.receive(), StreamRestarted)
        assert isinstance(await stream.receive(), L2Book)


async def test_backoff_schedule_is_exact_and_capped(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    fake.reject_handshakes(503, times=9)
    expected_rng = random.Random(7)
    settings = attrs.evolve(
        settings, initial_connect_attempts=None, backoff=Backoff(random=random.Random(7).random)
    )
    async with open_client(fake.network, settings=settings):
        times = fake.handshake_times
        assert len(times) == 10
        gaps = [b - a for a, b in itertools.pairwise(times)]
        reference = Backoff(random=expected_rng.random)
        expected = [reference.delay(attempt) for attempt in range(9)]
        assert gaps == pytest.approx(expected)
        assert max(gaps) <= 30.0
        assert gaps[-1] == pytest.approx(expected[-1])
        assert expected[-1] > 20  # capped near 30 s with +-25% jitter, never above


def test_backoff_delays_without_jitter() -> None:
    backoff = Backoff(jitter=0.0)
    assert [backoff.delay(n) for n in range(8)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert backoff.delay(10_000) == 30
    assert Backoff(random=lambda: 0.999999).delay(20) <= 30


async def test_backoff_resets_after_a_healthy_connection(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with open_client(fake.network, settings=settings):
        for expected_connections in (2, 3):
            await trio.sleep(settings.stable_after + 1)
            dropped_at = trio.current_time()
            await fake.drop()
            await fake.wait_connections(expected_connections)
            assert trio.current_time() - dropped_at == pytest.approx(0.5)
        # Connections dropped at once are not healthy: the delay keeps growing.
        dropped_at = trio.current_time()
        await fake.drop()
        await fake.wait_connections(4)
        assert trio.current_time() - dropped_at == pytest.approx(1.0)
        dropped_at = trio.current_time()
        await fake.drop()
        await fake.wait_connections(5)
        assert trio.current_time() - dropped_at == pytest.approx(2.0)


async def test_key_rejected_fails_fast_without_retry(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    fake.require_key = "right-key"
    start = trio.current_time()
    with pytest.raises(KeyRejected) as info:
        async with open_client(fake.goldrush_network("wrong-key-SECRET"), settings=settings):
            pytest.fail("must not connect")
    assert info.value.status_code == 401
    assert trio.current_time() == start
    assert fake.handshakes == 1
    assert "wrong-key-SECRET" not in str(info.value)
    assert "wrong-key-SECRET" not in repr(info.value)
    async with open_client(fake.goldrush_network("right-key"), settings=settings) as client:
        assert client.statistics().connected


async def test_any_4xx_is_final_but_5xx_is_retried(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    fake.reject_handshakes(404, times=1, body="no such path")
    with pytest.raises(HandshakeRejected, match="404: no such path"):
        async with open_client(fake.network, settings=settings):
            pass
    fake.reject_handshakes(502, times=2)
    async with open_client(fake.network, settings=settings) as client:
        assert client.statistics().connections == 1
    assert fake.handshakes == 4


@pytest.mark.parametrize("status", [429, 503])
async def test_429_and_503_are_retried_honouring_retry_after(
    fake_hyperliquid: FakeHyperliquid,
    autojump_clock: trio.testing.MockClock,
    settings: Settings,
    status: int,
) -> None:
    fake = fake_hyperliquid
    fake.reject_handshakes(status, times=2, retry_after="7")
    start = trio.current_time()
    async with open_client(fake.network, settings=settings) as client:
        assert client.statistics().connections == 1
        # Two refusals, each followed by the server's 7 s (longer than the backoff's).
        assert trio.current_time() - start == pytest.approx(14)
    fake.reject_handshakes(status, times=1, retry_after="3600")
    start = trio.current_time()
    async with open_client(fake.network, settings=settings):
        assert trio.current_time() - start == pytest.approx(settings.backoff.cap)


async def test_429_when_attempts_are_spent_is_final_with_retry_after(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    fake.reject_handshakes(429, retry_after="12", body="slow down")
    with pytest.raises(HandshakeRejected, match="429: slow down") as info:
        async with open_client(fake.network, settings=settings):
            pass
    assert info.value.retry_after == 12
    assert fake.handshakes == settings.initial_connect_attempts


async def test_one_429_on_a_reconnect_does_not_end_the_client(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with open_client(fake.network, settings=settings) as client:
        fake.reject_handshakes(429, times=1)
        await fake.drop()
        await fake.wait_connections(2)
        await trio.testing.wait_all_tasks_blocked()
        assert client.statistics().connected
        assert client.statistics().connections == 2
        assert fake.handshakes == 3


async def test_rejection_after_a_reconnect_ends_the_client(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    with pytest.raises(KeyRejected):
        async with open_client(fake.goldrush_network("revoked-later"), settings=settings):
            fake.reject_handshakes(401)
            await fake.drop()
            await trio.sleep_forever()


async def test_first_connection_gives_up_after_the_configured_attempts(
    autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    async def refuse() -> trio.abc.Stream:
        raise OSError("connection refused")

    network = custom("ws://127.0.0.1:9/ws", connect_stream=refuse)
    with pytest.raises(ConnectError, match="after 3 attempts") as info:
        async with open_client(network, settings=settings):
            pass
    assert "connection refused" in str(info.value)


async def test_handshake_timeout(
    autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    async def black_hole() -> trio.abc.Stream:
        client_end, _server_end = trio.testing.memory_stream_pair()
        await trio.lowlevel.checkpoint()
        return client_end

    network = custom("ws://127.0.0.1:9/ws", connect_stream=black_hole)
    start = trio.current_time()
    with pytest.raises(ConnectError, match=r"no WebSocket handshake within 10\.0 s"):
        async with open_client(network, settings=settings):
            pass
    # three attempts of 10 s plus two backoff delays
    assert trio.current_time() - start == pytest.approx(30 + 0.5 + 1.0)


def test_goldrush_key_never_printed() -> None:
    network = goldrush("super-secret-key")
    assert "super-secret-key" in network.ws_url
    assert "super-secret-key" not in repr(network)
    assert "super-secret-key" not in network.redacted_url
    assert network.redacted_url == "wss://hypercore.goldrushdata.com/ws?key=***"
    assert network.limits.max_subscriptions is None


async def test_clean_shutdown_sends_close_and_leaves_no_task(
    fake_hyperliquid: FakeHyperliquid,
    settings: Settings,
) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.network, settings=settings) as client,
        client.subscribe(L2BookSubscription(coin="BTC")),
    ):
        pass
    await trio.testing.wait_all_tasks_blocked()
    assert fake.live == []
    assert _client_tasks() == []


async def test_user_exception_passes_through_unwrapped(
    fake_hyperliquid: FakeHyperliquid, settings: Settings
) -> None:
    class Mine(Exception):
        pass

    with pytest.raises(Mine):
        async with open_client(fake_hyperliquid.network, settings=settings):
            raise Mine


async def test_cancellation_passes_through(
    fake_hyperliquid: FakeHyperliquid, settings: Settings
) -> None:
    with trio.move_on_after(5) as scope:
        async with open_client(fake_hyperliquid.network, settings=settings):
            scope.cancel()
            await trio.sleep_forever()
    assert scope.cancelled_caught
    assert _client_tasks() == []


def _client_tasks() -> list[str]:
    """Names of live tasks running trio_hl client code."""
    names: list[str] = []

    def walk(task: trio.lowlevel.Task) -> None:
        if "trio_hl._client" in task.name or "Client." in task.name:
            names.append(task.name)
        for nursery in task.child_nurseries:
            for child in nursery.child_tasks:
                walk(child)

    root = trio.lowlevel.current_root_task()
    assert root is not None
    walk(root)
    return names


def test_a_client_is_built_only_by_open_client() -> None:
    # Only open_client builds one, running: no half-initialised client to call methods on.
    with pytest.raises(TypeError, match="no public constructor"):
        Client(MAINNET, Settings())
