"""A subscription acknowledged but never fed is sent again, with a typed marker.

The fake acknowledges every subscription and answers every ping, so the connection stays
healthy; it feeds a subscription only when the test pushes. Time is the mock clock's.
"""

from __future__ import annotations

from typing import Any

import pytest
import trio
import trio.testing

from trio_hl import Api, Backoff, Settings, open_client
from trio_hl.errors import ConfigurationError
from trio_hl.models import (
    AllMids,
    AllMidsSubscription,
    BboSubscription,
    L2Book,
    L2BookSubscription,
    StreamRestarted,
    TradesSubscription,
)
from trio_hl.testing import FakeHyperliquid, l2_book_data

from .helpers import is_method


def _methods(fake: FakeHyperliquid) -> list[tuple[str, object]]:
    return [
        (frame["method"], frame.get("subscription"))
        for _, frame in fake.received
        if is_method("subscribe")(frame) or is_method("unsubscribe")(frame)
    ]


async def test_a_silent_book_is_resubscribed_after_30_s_with_an_idle_marker(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    book = {"type": "l2Book", "coin": "BTC"}
    async with (
        open_client(fake.network, settings=settings) as client,
        client.subscribe(L2BookSubscription(coin="BTC")) as stream,
    ):
        await fake.push("l2Book", l2_book_data("BTC"))
        assert isinstance(await stream.receive(), L2Book)
        fed_at = trio.current_time()
        # The server goes quiet on this subscription; pings still get their pongs.
        await fake.wait_received(is_method("unsubscribe"))
        assert trio.current_time() - fed_at == pytest.approx(30.0)
        await fake.wait_received(is_method("subscribe"), count=2)
        assert _methods(fake) == [("subscribe", book), ("unsubscribe", book), ("subscribe", book)]
        marker = await stream.receive()
        assert isinstance(marker, StreamRestarted)
        assert (marker.subscription, marker.connection, marker.reason) == (book, 1, "idle")
        await fake.push("l2Book", l2_book_data("BTC"))
        assert isinstance(await stream.receive(), L2Book)  # fed again, on the same socket
        statistics = client.statistics()
        assert statistics.connections == 1
        assert statistics.idle_resubscribes == 1
        assert statistics.wire_subscriptions == 1


async def test_a_fed_subscription_is_never_resubscribed(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.network, settings=settings) as client,
        client.subscribe(AllMidsSubscription()) as stream,
    ):
        for _ in range(12):  # two minutes, a message every 10 s
            await fake.push("allMids", {"mids": {"BTC": "1"}})
            assert isinstance(await stream.receive(), AllMids)
            await trio.sleep(10)
        assert client.statistics().idle_resubscribes == 0
        assert not [frame for _, frame in fake.received if is_method("unsubscribe")(frame)]


async def test_event_and_on_change_channels_have_no_default_deadline(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.network, settings=settings) as client,
        client.subscribe(TradesSubscription(coin="BTC")),
        client.subscribe(BboSubscription(coin="BTC")),
        client.subscribe(L2BookSubscription(coin="ETH"), idle_timeout=None),  # opted out
    ):
        await trio.sleep(600)  # ten silent minutes
        assert client.statistics().idle_resubscribes == 0
        assert not [frame for _, frame in fake.received if is_method("unsubscribe")(frame)]


async def test_an_explicit_deadline_applies_to_any_channel(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.network, settings=settings) as client,
        client.subscribe(BboSubscription(coin="BTC"), idle_timeout=5) as stream,
    ):
        start = trio.current_time()
        marker = await stream.receive()
        assert isinstance(marker, StreamRestarted)
        assert marker.reason == "idle"
        assert trio.current_time() - start == pytest.approx(5.0)
        # Still silent: tried again one timeout later, not in a loop.
        await fake.wait_received(is_method("unsubscribe"), count=2)
        assert trio.current_time() - start == pytest.approx(10.0)
        assert client.statistics().idle_resubscribes == 2


async def test_the_deadline_does_not_run_while_disconnected(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    # A long first backoff: the client stays disconnected past the idle deadline.
    settings = Settings(backoff=Backoff(initial=60.0, jitter=0))
    async with (
        open_client(fake.network, settings=settings) as client,
        client.subscribe(AllMidsSubscription()) as stream,
    ):
        await fake.drop()
        await fake.wait_connections(2)
        reconnected = trio.current_time()
        marker = await stream.receive()
        assert isinstance(marker, StreamRestarted)
        assert marker.reason == "reconnect"  # one marker, for the reconnect only
        assert client.statistics().idle_resubscribes == 0
        # The deadline starts again with the new connection.
        idle = await stream.receive()
        assert isinstance(idle, StreamRestarted)
        assert idle.reason == "idle"
        assert trio.current_time() - reconnected == pytest.approx(30.0)


async def test_api_subscribe_takes_an_idle_timeout(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    api = await Api.create(network=fake_hyperliquid.network)
    async with api.ws.run():
        _, stream = await api.ws.subscriptions.subscribe(
            TradesSubscription(coin="BTC"), idle_timeout=2.5
        )
        start = trio.current_time()
        marker = await stream.receive()
        assert isinstance(marker, StreamRestarted)
        assert marker.reason == "idle"
        assert trio.current_time() - start == pytest.approx(2.5)


@pytest.mark.parametrize("bad", [0, -1, float("nan"), "30", True])
async def test_a_bad_idle_timeout_is_refused_before_sending(
    fake_hyperliquid: FakeHyperliquid, bad: Any
) -> None:
    async with open_client(fake_hyperliquid.network) as client:
        with pytest.raises(ConfigurationError, match="idle_timeout"):
            await client.open_subscription(
                L2BookSubscription(coin="BTC"),
                idle_timeout=bad,  # as a caller without a type checker would
            )
        assert client.statistics().subscriptions == 0
    assert fake_hyperliquid.subscribe_frames() == []
