"""Books are routed by their coin in the reader and decoded by the consumer that takes
them: a book a keep-latest stream drops is never decoded, one book in two streams is decoded
once, and a malformed book is reported when it is taken."""

from __future__ import annotations

import json

import trio
import trio.testing

from trio_hl import BufferPolicy, Settings, open_client
from trio_hl.models import L2Book, L2BookSubscription
from trio_hl.testing import FakeHyperliquid, l2_book_data

from .helpers import is_method

BAD_BOOK = '{"channel":"l2Book","data":{"coin":"BTC","time":"x","levels":[]}}'


async def test_a_dropped_book_is_never_decoded(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.network, settings=settings) as client,
        client.subscribe(
            L2BookSubscription(coin="BTC"), policy=BufferPolicy.keep_latest(1)
        ) as stream,
    ):
        await fake.send_raw(BAD_BOOK)
        await fake.push("l2Book", l2_book_data("BTC", levels=1, time=7))
        await fake.wait_received(is_method("subscribe"))
        await trio.testing.wait_all_tasks_blocked()
        # The malformed book was evicted by the newer one before anyone decoded it.
        assert stream.statistics().dropped == 1
        book = await stream.receive()
        assert isinstance(book, L2Book)
        assert book.time == 7
        assert client.statistics().decode_errors == 0


async def test_a_malformed_book_is_reported_once_when_taken(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    policy = BufferPolicy.fail_on_overflow()
    async with (
        open_client(fake.network, settings=settings) as client,
        client.subscribe(L2BookSubscription(coin="BTC"), policy=policy) as first,
        client.subscribe(L2BookSubscription(coin="BTC"), policy=policy) as second,
    ):
        await fake.send_raw(BAD_BOOK)
        good = l2_book_data("BTC", levels=2, time=8)
        await fake.send_raw(json.dumps({"channel": "l2Book", "data": good}))
        one, two = await first.receive(), await second.receive()
        # One object, decoded once, skipping the malformed book in both streams.
        assert one is two
        assert isinstance(one, L2Book)
        assert one.time == 8
        assert client.statistics().decode_errors == 1
        assert first.statistics().delivered == second.statistics().delivered == 1


async def test_a_dropped_book_is_never_read(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    # A single book as the servers write it is routed by the coin in its first bytes: the
    # rest is read only by the consumer that takes it. Text that is not even JSON after the
    # coin is evicted unread (taken, it is reported: the next test).
    fake = fake_hyperliquid
    truncated = '{"channel":"l2Book","data":{"coin":"BTC","time":1,"lev'
    async with (
        open_client(fake.network, settings=settings) as client,
        client.subscribe(
            L2BookSubscription(coin="BTC"), policy=BufferPolicy.keep_latest(1)
        ) as stream,
    ):
        await fake.wait_received(is_method("subscribe"))
        await fake.send_raw(truncated)
        await fake.push("l2Book", l2_book_data("BTC", levels=1, time=7))
        await trio.testing.wait_all_tasks_blocked()
        assert stream.statistics().dropped == 1
        book = await stream.receive()
        assert isinstance(book, L2Book)
        assert book.time == 7
        assert client.statistics().decode_errors == 0


async def test_a_truncated_book_is_reported_when_taken(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.network, settings=settings) as client,
        client.subscribe(
            L2BookSubscription(coin="BTC"), policy=BufferPolicy.fail_on_overflow()
        ) as stream,
    ):
        await fake.wait_received(is_method("subscribe"))
        await fake.send_raw('{"channel":"l2Book","data":{"coin":"BTC","time":1,"lev')
        await fake.push("l2Book", l2_book_data("BTC", levels=1, time=8))
        book = await stream.receive()
        assert isinstance(book, L2Book)
        assert book.time == 8
        assert client.statistics().decode_errors == 1
        assert stream.statistics().delivered == 1
