"""``post`` requests: correlation, timeouts, connection loss, errors and cancellation."""

from __future__ import annotations

from typing import Any

import pytest
import trio
import trio.testing

from trio_hl import Settings, open_client
from trio_hl.errors import (
    ApiError,
    ConnectionLost,
    NotRunning,
    ProtocolError,
    RequestOutcomeUnknown,
    RequestTimeout,
)
from trio_hl.networks import custom
from trio_hl.testing import FakeHyperliquid

from .helpers import is_method


async def test_info_round_trip_and_concurrent_correlation(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    fake.info_handlers["allMids"] = {"BTC": "107231.0"}
    no_levels: list[list[Any]] = [[], []]
    fake.info_handlers["l2Book"] = lambda payload: {"coin": payload["coin"], "levels": no_levels}
    results: dict[str, Any] = {}
    async with open_client(fake.network) as client:

        async def ask(coin: str) -> None:
            results[coin] = await client.info({"type": "l2Book", "coin": coin})

        async with trio.open_nursery() as nursery:
            for coin in ("BTC", "ETH", "SOL"):
                nursery.start_soon(ask, coin)
        assert {c: r["coin"] for c, r in results.items()} == {
            "BTC": "BTC",
            "ETH": "ETH",
            "SOL": "SOL",
        }
        assert await client.info({"type": "allMids"}) == {"BTC": "107231.0"}
        assert client.statistics().pending_requests == 0
    posts = [f for _, f in fake.received if is_method("post")(f)]
    assert len({p["id"] for p in posts}) == 4
    assert {"type": "info", "payload": {"type": "l2Book", "coin": "BTC"}} in [
        p["request"] for p in posts
    ]


async def test_null_info_body_is_none(fake_hyperliquid: FakeHyperliquid) -> None:
    fake_hyperliquid.info_handlers["l2Book"] = None
    async with open_client(fake_hyperliquid.network) as client:
        assert await client.info({"type": "l2Book", "coin": "NOPE"}) is None


async def test_error_reply_raises_api_error(fake_hyperliquid: FakeHyperliquid) -> None:
    async with open_client(fake_hyperliquid.network) as client:
        with pytest.raises(ApiError, match="Failed to deserialize") as info:
            await client.info({"type": "notARequest"})
        assert "422" in str(info.value.response)


async def test_action_reply_is_returned_whole(fake_hyperliquid: FakeHyperliquid) -> None:
    body = {"status": "ok", "response": {"type": "default"}}
    fake_hyperliquid.action_handler = lambda payload: body
    async with open_client(fake_hyperliquid.network) as client:
        assert await client.action({"action": {"type": "noop"}, "nonce": 1}) == body


async def test_error_channel_with_trailing_id_fails_that_request(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    fake.hold_posts = True
    async with open_client(fake.network) as client, trio.open_nursery() as nursery:

        async def refuse() -> None:
            (post,) = await fake.wait_received(is_method("post"))
            await fake.send_error(f"too many pending post requests id={post['id']}")

        nursery.start_soon(refuse)
        with pytest.raises(ApiError, match="too many pending post requests"):
            await client.info({"type": "allMids"})


async def test_malformed_reply_is_a_protocol_error(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    fake.hold_posts = True
    async with open_client(fake.network) as client, trio.open_nursery() as nursery:

        async def answer() -> None:
            (post,) = await fake.wait_received(is_method("post"))
            await fake.reply(post["id"], {"type": "info", "payload": "no data"})

        nursery.start_soon(answer)
        with pytest.raises(ProtocolError, match="without data"):
            await client.info({"type": "allMids"})


async def test_request_timeout(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake_hyperliquid.hold_posts = True
    async with open_client(fake_hyperliquid.network, settings=settings) as client:
        start = trio.current_time()
        with pytest.raises(RequestTimeout, match=r"within 10\.0 s"):
            await client.info({"type": "allMids"})
        assert trio.current_time() - start == pytest.approx(10.0)
        assert client.statistics().pending_requests == 0


async def test_sent_request_fails_at_once_on_drop(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    fake.hold_posts = True
    async with open_client(fake.network, settings=settings) as client:

        async def drop_after_receipt() -> None:
            await fake.wait_received(is_method("post"))
            await fake.drop()

        async with trio.open_nursery() as nursery:
            nursery.start_soon(drop_after_receipt)
            start = trio.current_time()
            with pytest.raises(RequestOutcomeUnknown, match="may or may not"):
                await client.action({"action": {"type": "noop"}, "nonce": 1})
            assert trio.current_time() == start
        assert client.statistics().pending_requests == 0
        # Never resent: the next connection receives no post.
        await fake.wait_connections(2)
        await trio.testing.wait_all_tasks_blocked()
        assert [i for i, f in fake.received if is_method("post")(f)] == [0]


async def test_request_while_disconnected_waits_for_the_connection(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    fake.info_handlers["allMids"] = {}
    async with open_client(fake.network, settings=settings) as client:
        fake.reject_handshakes(503, times=2)
        await fake.drop()
        await trio.testing.wait_all_tasks_blocked()
        assert not client.statistics().connected
        assert await client.info({"type": "allMids"}) == {}
        assert client.statistics().connections == 2


class GatedStream(trio.abc.Stream):
    """A client stream whose sends can be held back, to catch a request mid-send."""

    def __init__(self, inner: trio.abc.Stream) -> None:
        self.inner = inner
        self.open = trio.Event()
        self.open.set()

    async def send_all(self, data: bytes | bytearray | memoryview) -> None:
        await self.open.wait()
        await self.inner.send_all(data)

    async def wait_send_all_might_not_block(self) -> None:
        await self.inner.wait_send_all_might_not_block()

    async def receive_some(self, max_bytes: int | None = None) -> bytes | bytearray:
        return await self.inner.receive_some(max_bytes)

    async def aclose(self) -> None:
        await self.inner.aclose()


async def test_sent_and_unsent_requests_fail_differently_on_drop(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    streams: list[GatedStream] = []

    async def connect() -> trio.abc.Stream:
        stream = GatedStream(await fake.connect())
        streams.append(stream)
        return stream

    network = custom("ws://fake.invalid/ws", connect_stream=connect)
    outcomes: dict[str, BaseException] = {}
    async with open_client(network, settings=settings) as client:
        streams[0].open = trio.Event()  # hold every send from now on

        async def request(name: str) -> None:
            try:
                await client.info({"type": name})
            except (ConnectionLost, RequestOutcomeUnknown) as exc:
                outcomes[name] = exc

        async with trio.open_nursery() as nursery:
            nursery.start_soon(request, "first")
            await trio.testing.wait_all_tasks_blocked()  # the writer is stuck sending it
            nursery.start_soon(request, "second")
            await trio.testing.wait_all_tasks_blocked()  # queued behind the first
            assert client.statistics().pending_requests == 2
            await fake.drop()
        assert isinstance(outcomes["first"], RequestOutcomeUnknown)
        assert isinstance(outcomes["second"], ConnectionLost)
        assert "before the request was sent" in str(outcomes["second"])
        assert client.statistics().pending_requests == 0


async def test_cancelled_request_leaves_nothing_pending(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    fake.hold_posts = True
    async with open_client(fake.network, settings=settings) as client:
        with trio.move_on_after(1):
            await client.info({"type": "allMids"})
        assert client.statistics().pending_requests == 0
        (post,) = await fake.wait_received(is_method("post"))
        # A late reply to the abandoned request is ignored.
        await fake.reply(post["id"], {"type": "info", "payload": {"type": "allMids", "data": {}}})
        await trio.testing.wait_all_tasks_blocked()
        assert client.statistics().connected


async def test_requests_after_close_raise_not_running(fake_hyperliquid: FakeHyperliquid) -> None:
    async with open_client(fake_hyperliquid.network) as client:
        pass
    with pytest.raises(NotRunning):
        await client.info({"type": "allMids"})
