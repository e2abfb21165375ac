"""Subscriptions through the real WebSocket protocol, against the fake server."""

from __future__ import annotations

from decimal import Decimal

import pytest
import trio
import trio.testing

import trio_hl
from trio_hl import Api, BufferPolicy, Settings, open_client, open_shared_channel
from trio_hl._streams import Mailbox
from trio_hl.errors import ConfigurationError, NotRunning, SubscriptionError, SubscriptionOverflow
from trio_hl.models import (
    Bbo,
    BboSubscription,
    L2Book,
    L2BookSubscription,
    StreamRestarted,
    Trades,
    TradesSubscription,
)
from trio_hl.testing import FakeHyperliquid, l2_book_data, trade_data

from .helpers import is_method


async def test_subscribe_receive_unsubscribe(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network)
    async with api.ws.run():
        sid, stream = await api.ws.subscriptions.l2_book(asset="BTC")
        assert fake.subscribe_frames() == [{"type": "l2Book", "coin": "BTC"}]
        await fake.push("l2Book", l2_book_data("BTC", levels=3))
        book = await stream.receive()
        assert isinstance(book, L2Book)
        assert book.coin == "BTC"
        assert len(book.bids) == 3
        await api.ws.subscriptions.unsubscribe(sid)
        await fake.wait_received(is_method("unsubscribe"))
        with pytest.raises(trio.EndOfChannel):
            await stream.receive()
        with pytest.raises(ConfigurationError, match="unknown subscription id"):
            await api.ws.subscriptions.unsubscribe(sid)


async def test_identical_subscriptions_share_one_wire_subscription(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    async with open_client(fake.network) as client:
        request = L2BookSubscription(coin="ETH")
        async with client.subscribe(request) as first, client.subscribe(request) as second:
            assert len(fake.subscribe_frames()) == 1
            assert client.statistics().wire_subscriptions == 1
            await fake.push("l2Book", l2_book_data("ETH", levels=1))
            assert isinstance(await first.receive(), L2Book)
            assert isinstance(await second.receive(), L2Book)
            async with client.subscribe(request):
                pass
            await trio.testing.wait_all_tasks_blocked()
            assert not any(is_method("unsubscribe")(f) for _, f in fake.received)
        await fake.wait_received(is_method("unsubscribe"))
        assert client.statistics().wire_subscriptions == 0


async def test_shared_channel_merges_streams(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network)
    send_channel, shared = open_shared_channel()
    async with api.ws.run():
        subs = api.ws.subscriptions
        book_sid, stream = await subs.subscribe(
            L2BookSubscription(coin="BTC"), send_channel=send_channel
        )
        trades_sid, _ = await subs.subscribe(
            TradesSubscription(coin="BTC"), send_channel=send_channel
        )
        assert stream is shared or stream.statistics() == shared.statistics()
        await fake.push("l2Book", l2_book_data("BTC", levels=1))
        await fake.push("trades", [trade_data("BTC")])
        kinds: list[tuple[str, str]] = []
        for _ in range(2):
            match await shared.receive():
                case L2Book(coin=coin):
                    kinds.append(("book", coin))
                case Trades(coin=coin):
                    kinds.append(("trades", coin))
                case other:
                    pytest.fail(f"unexpected {other!r}")
        assert kinds == [("book", "BTC"), ("trades", "BTC")]
        # Unsubscribing one feed leaves the shared stream open for the other.
        await api.ws.subscriptions.unsubscribe(book_sid)
        await fake.push("trades", [trade_data("BTC", tid=2)])
        assert isinstance(await shared.receive(), Trades)
        assert trades_sid != book_sid
    with pytest.raises(trio.EndOfChannel):
        await shared.receive()


async def test_a_closed_shared_channel_takes_no_new_feed(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    send_channel, shared = open_shared_channel()
    await shared.aclose()
    async with open_client(fake_hyperliquid.network) as client:
        with pytest.raises(SubscriptionError, match="the shared channel is closed"):
            await client.open_subscription(
                L2BookSubscription(coin="BTC"), send_channel=send_channel
            )
        assert client.statistics().subscriptions == 0


async def test_shared_channel_refuses_a_per_subscription_policy(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    send_channel, _ = open_shared_channel()
    async with open_client(fake_hyperliquid.network) as client:
        with pytest.raises(SubscriptionError, match="shared channel"):
            # The overloads refuse this statically; untyped callers get a clear error.
            await client.open_subscription(  # type: ignore[call-overload]
                L2BookSubscription(coin="BTC"),
                policy=BufferPolicy.block(),
                send_channel=send_channel,
            )


async def test_wildcard_l2_book_receives_every_coin(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.goldrush_network("k"))
    async with api.ws.run():
        _, every = await api.ws.subscriptions.l2_book()
        _, btc = await api.ws.subscriptions.l2_book(asset="BTC")
        assert fake.subscribe_frames() == [{"type": "l2Book"}, {"type": "l2Book", "coin": "BTC"}]
        await fake.push("l2Book", l2_book_data("ETH", levels=1))
        await fake.push("l2Book", [l2_book_data("SOL", levels=1), l2_book_data("BTC", levels=1)])
        got = [await every.receive() for _ in range(3)]
        assert [b.coin for b in got if isinstance(b, L2Book)] == ["ETH", "SOL", "BTC"]
        only = await btc.receive()
        assert isinstance(only, L2Book)
        assert only.coin == "BTC"
        assert btc.statistics().buffered == 0


async def test_invalid_subscription_raises_at_subscribe(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    fake.invalid_coins.add("NOPE")
    async with open_client(fake.network) as client:
        with pytest.raises(SubscriptionError, match="Invalid subscription"):
            await client.open_subscription(L2BookSubscription(coin="NOPE"))
        assert client.statistics().subscriptions == 0
        # The connection and other subscriptions are unaffected.
        async with client.subscribe(L2BookSubscription(coin="BTC")) as stream:
            await fake.push("l2Book", l2_book_data("BTC", levels=1))
            assert isinstance(await stream.receive(), L2Book)


async def test_indistinguishable_subscription_is_refused(fake_hyperliquid: FakeHyperliquid) -> None:
    api = await Api.create(network=fake_hyperliquid.network)
    async with api.ws.run():
        await api.ws.subscriptions.l2_book(asset="BTC")
        with pytest.raises(SubscriptionError, match="cannot be told apart"):
            await api.ws.subscriptions.l2_book(asset="BTC", n_sig_figs=5)


async def test_unacknowledged_subscription_times_out(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with open_client(fake.network, settings=settings) as client:
        fake.ack_subscriptions = False
        start = trio.current_time()
        with pytest.raises(trio_hl.errors.RequestTimeout, match="no acknowledgement"):
            await client.open_subscription(L2BookSubscription(coin="BTC"))
        assert trio.current_time() - start == pytest.approx(settings.request_timeout)
        assert client.statistics().subscriptions == 0


async def test_bad_arguments_fail_before_any_io(fake_hyperliquid: FakeHyperliquid) -> None:
    api = await Api.create(network=fake_hyperliquid.network)
    async with api.ws.run():
        with pytest.raises(ConfigurationError, match="interval"):
            await api.ws.subscriptions.candle(asset="BTC", interval="7m")
        with pytest.raises(ConfigurationError, match="mantissa"):
            await api.ws.subscriptions.l2_book(asset="BTC", n_sig_figs=4, mantissa=2)
        with pytest.raises(ConfigurationError, match="coin"):
            await api.ws.subscriptions.trades(asset="")
    assert fake_hyperliquid.subscribe_frames() == []


async def test_subscriptions_need_a_running_connection() -> None:
    api = await Api.create(load_universe=False)
    with pytest.raises(NotRunning, match="run"):
        await api.ws.subscriptions.l2_book(asset="BTC")


async def test_keep_latest_slow_consumer_stays_bounded_and_does_not_stall_others(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network)
    async with api.ws.run():
        _, slow = await api.ws.subscriptions.l2_book(asset="BTC")
        _, fast = await api.ws.subscriptions.bbo(asset="ETH", policy=BufferPolicy.block(8))
        for i in range(500):
            await fake.push("l2Book", l2_book_data("BTC", levels=1, time=i))
            await fake.push("bbo", {"coin": "ETH", "time": i, "bbo": [None, None]})
            received = await fast.receive()
            assert isinstance(received, Bbo)
            assert received.time == i
        stats = slow.statistics()
        assert stats.buffered == 1
        assert stats.peak_buffered == 1
        assert stats.dropped == 499
        latest = await slow.receive()
        assert isinstance(latest, L2Book)
        assert latest.time == 499


async def test_fail_policy_overflow_is_loud_and_unsubscribes(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network)
    async with api.ws.run():
        _, stream = await api.ws.subscriptions.trades(
            asset="BTC", policy=BufferPolicy.fail_on_overflow(3)
        )
        for tid in range(5):
            await fake.push("trades", [trade_data("BTC", tid=tid)])
        await fake.wait_received(is_method("unsubscribe"))
        received: list[int] = []
        with pytest.raises(SubscriptionOverflow, match="fell behind"):
            async for item in stream:
                assert isinstance(item, Trades)
                received.append(item.trades[0].tid)
        assert received == [0, 1, 2]
        assert api.ws.client.statistics().subscriptions == 0


async def test_block_policy_waits_for_the_consumer(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network)
    async with api.ws.run():
        _, stream = await api.ws.subscriptions.trades(asset="BTC", policy=BufferPolicy.block(2))
        for tid in range(6):
            await fake.push("trades", [trade_data("BTC", tid=tid)])
        await trio.testing.wait_all_tasks_blocked()
        assert stream.statistics().buffered == 2
        tids: list[int] = []
        for _ in range(6):
            item = await stream.receive()
            assert isinstance(item, Trades)
            tids.append(item.trades[0].tid)
        assert tids == list(range(6))


async def test_closing_a_stream_unsubscribes(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network)
    async with api.ws.run():
        _, stream = await api.ws.subscriptions.bbo(asset="BTC")
        await stream.aclose()
        await fake.wait_received(is_method("unsubscribe"))
        with pytest.raises(trio.ClosedResourceError):
            await stream.receive()
        assert api.ws.client.statistics().subscriptions == 0


async def test_streams_end_when_the_client_closes(fake_hyperliquid: FakeHyperliquid) -> None:
    api = await Api.create(network=fake_hyperliquid.network)
    async with api.ws.run():
        _, stream = await api.ws.subscriptions.all_mids()
        await fake_hyperliquid.push("allMids", {"mids": {"BTC": "1.5"}})
        await trio.testing.wait_all_tasks_blocked()
    mids = await stream.receive()  # buffered before the close: still delivered
    assert getattr(mids, "mids", None) == {"BTC": Decimal("1.5")}
    with pytest.raises(trio.EndOfChannel):
        await stream.receive()


async def test_restart_marker_precedes_new_data(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network, settings=settings)
    async with api.ws.run():
        sid, stream = await api.ws.subscriptions.l2_book(asset="BTC", n_sig_figs=5, mantissa=2)
        await fake.drop()
        await fake.wait_received(is_method("subscribe"), count=2)
        assert (
            fake.subscribe_frames()
            == [{"type": "l2Book", "coin": "BTC", "nSigFigs": 5, "mantissa": 2}] * 2
        )
        await fake.push("l2Book", l2_book_data("BTC", levels=1))
        marker = await stream.receive()
        assert marker == StreamRestarted(
            sid=sid,
            subscription={"type": "l2Book", "coin": "BTC", "nSigFigs": 5, "mantissa": 2},
            connection=2,
        )
        assert isinstance(await stream.receive(), L2Book)
        assert api.ws.client.statistics().connections == 2


async def test_large_frame_over_one_mebibyte(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.goldrush_network("k"))
    books = [l2_book_data(f"COIN{i}", levels=50) for i in range(300)]
    async with api.ws.run():
        _, every = await api.ws.subscriptions.l2_book()
        await fake.push("l2Book", books)
        import json

        assert len(json.dumps({"channel": "l2Book", "data": books})) > 1024 * 1024
        coins = [getattr(await every.receive(), "coin", None) for _ in range(300)]
        assert coins == [f"COIN{i}" for i in range(300)]


async def test_malformed_frames_are_isolated(
    fake_hyperliquid: FakeHyperliquid, caplog: pytest.LogCaptureFixture
) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network)
    async with api.ws.run():
        # Books are decoded by the consumer: under fail-on-overflow it takes (and so
        # reports) the malformed one; a keep-latest stream would drop it undecoded.
        _, btc = await api.ws.subscriptions.l2_book(
            asset="BTC", policy=BufferPolicy.fail_on_overflow()
        )
        _, eth = await api.ws.subscriptions.bbo(asset="ETH")
        await fake.send_raw("{this is not json")
        await fake.send_raw('{"channel":"l2Book","data":{"coin":"BTC","time":"x","levels":[]}}')
        await fake.push("bbo", {"coin": "ETH", "time": 1, "bbo": "garbage"})
        await fake.push("l2Book", l2_book_data("BTC", levels=1))
        await fake.push("bbo", {"coin": "ETH", "time": 2, "bbo": [None, None]})
        assert isinstance(await btc.receive(), L2Book)
        good = await eth.receive()
        assert isinstance(good, Bbo)
        assert good.time == 2
        stats = api.ws.client.statistics()
        assert stats.decode_errors == 3
        assert stats.connections == 1
    assert "cannot decode 'l2Book' frame" in caplog.text
    assert "cannot decode 'bbo' frame" in caplog.text


async def test_rejection_ends_every_local_consumer_of_the_key(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    fake.ack_subscriptions = False  # keep the first subscription waiting for its answer
    async with open_client(fake.network) as client:
        request = L2BookSubscription(coin="NOPE")
        results: list[object] = []

        async def first() -> None:
            try:
                await client.open_subscription(request)
            except SubscriptionError as exc:
                results.append(exc)

        async with trio.open_nursery() as nursery:
            nursery.start_soon(first)
            await fake.wait_received(is_method("subscribe"))
            # Refcounted onto the pending key: returns at once, and learns of the refusal
            # through its stream.
            _, second = await client.open_subscription(request)
            await fake.send_error('Invalid subscription {"type":"l2Book","coin":"NOPE"}')
        assert len(results) == 1
        with pytest.raises(SubscriptionError, match="Invalid subscription"):
            await second.receive()
        assert client.statistics().subscriptions == 0


async def test_shared_stream_ends_with_the_client_even_when_unsubscribed(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    send_channel, shared = open_shared_channel()
    api = await Api.create(network=fake_hyperliquid.network)
    async with api.ws.run():
        sid, _ = await api.ws.subscriptions.subscribe(
            BboSubscription(coin="BTC"), send_channel=send_channel
        )
        await api.ws.subscriptions.unsubscribe(sid)
    with trio.fail_after(1), pytest.raises(trio.EndOfChannel):
        await shared.receive()


async def test_subscribed_while_disconnected_gets_no_restart_marker(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network, settings=settings)
    async with api.ws.run() as client:
        _, before = await api.ws.subscriptions.bbo(asset="BTC")
        await fake.drop()
        # Spin without blocking, so the mock clock cannot jump to the reconnect.
        while client.statistics().connected:
            await trio.lowlevel.checkpoint()
        _, during = await api.ws.subscriptions.bbo(asset="ETH")
        await fake.wait_received(is_method("subscribe"), count=3)
        await fake.push("bbo", {"coin": "ETH", "time": 1, "bbo": [None, None]})
        await fake.push("bbo", {"coin": "BTC", "time": 2, "bbo": [None, None]})
        assert isinstance(await during.receive(), Bbo)
        assert isinstance(await before.receive(), StreamRestarted)
        assert isinstance(await before.receive(), Bbo)


async def test_one_connection_per_api(fake_hyperliquid: FakeHyperliquid) -> None:
    api = await Api.create(network=fake_hyperliquid.network)
    async with api.ws.run():
        with pytest.raises(ConfigurationError, match="already running"):
            async with api.ws.run():
                pass


def test_settings_validate_connect_attempts() -> None:
    with pytest.raises(ConfigurationError, match="initial_connect_attempts"):
        Settings(initial_connect_attempts=0)
    assert Settings(initial_connect_attempts=None).initial_connect_attempts is None


async def test_asset_names_and_ids_resolve_through_the_universe(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network)
    assert api.universe is not None
    async with api.ws.run():
        await api.ws.subscriptions.l2_book(asset="HYPE/USDC")  # an alias of a spot pair
        await api.ws.subscriptions.trades(asset=api.universe.id("BTC"))  # an asset id
        await api.ws.subscriptions.bbo(asset="eth")  # names fold case, as for orders
        with pytest.raises(trio_hl.errors.UnknownAsset):
            await api.ws.subscriptions.bbo(asset=987654)
    assert fake.subscribe_frames() == [
        {"type": "l2Book", "coin": "@107"},
        {"type": "trades", "coin": "BTC"},
        {"type": "bbo", "coin": "ETH"},
    ]


ASSET_STREAMS: list[tuple[str, dict[str, object]]] = [
    ("l2_book", {}),
    ("trades", {}),
    ("candle", {"interval": "1m"}),
    ("bbo", {}),
    ("active_asset_ctx", {}),
    ("active_asset_data", {"address": "0x" + "ab" * 20}),
    ("l4_book", {}),
]


@pytest.mark.parametrize(("method", "extra"), ASSET_STREAMS, ids=[m for m, _ in ASSET_STREAMS])
async def test_unknown_asset_is_refused_with_suggestions_before_sending(
    fake_hyperliquid: FakeHyperliquid, method: str, extra: dict[str, object]
) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network)
    assert api.universe is not None
    with pytest.raises(trio_hl.errors.UnknownAsset) as expected:
        api.universe.coin("BTCC")  # what place_order and info queries raise
    async with api.ws.run():
        subscribe = getattr(api.ws.subscriptions, method)
        with pytest.raises(trio_hl.errors.UnknownAsset, match="'BTCC'; did you mean 'BTC'") as info:
            await subscribe(asset="BTCC", **extra)
        assert api.ws.client.statistics().subscriptions == 0
    assert str(info.value) == str(expected.value)
    assert info.value.suggestions == ("BTC",)
    assert fake.subscribe_frames() == []


async def test_allow_unknown_assets_sends_new_listings_as_given(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network, allow_unknown_assets=True)
    assert api.allow_unknown_assets
    async with api.ws.run():
        await api.ws.subscriptions.bbo(asset="NEWCOIN")  # listed after the universe loaded
        await api.ws.subscriptions.bbo(asset="HYPE/USDC")  # known names still resolve
        with pytest.raises(trio_hl.errors.UnknownAsset):  # an id cannot be sent as given
            await api.ws.subscriptions.bbo(asset=987654)
    assert fake.subscribe_frames() == [
        {"type": "bbo", "coin": "NEWCOIN"},
        {"type": "bbo", "coin": "@107"},
    ]


async def test_without_a_universe_names_are_sent_as_given(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    api = await Api.create(network=fake_hyperliquid.network, load_universe=False)
    async with api.ws.run():
        await api.ws.subscriptions.bbo(asset="NEWCOIN")
    assert fake_hyperliquid.subscribe_frames() == [{"type": "bbo", "coin": "NEWCOIN"}]


async def test_asset_ids_need_a_universe(fake_hyperliquid: FakeHyperliquid) -> None:
    api = await Api.create(network=fake_hyperliquid.network, load_universe=False)
    async with api.ws.run():
        with pytest.raises(ConfigurationError, match="asset ids need a loaded universe"):
            await api.ws.subscriptions.trades(asset=0)


async def test_a_waiting_consumer_takes_its_message_in_one_step() -> None:
    # Having waited is the consumer's checkpoint: it returns the message as it wakes, with
    # no second trip through the scheduler (one scheduler round less latency per message).
    mailbox = Mailbox(BufferPolicy.keep_latest(1))
    got: list[object] = []
    steps: list[trio.lowlevel.Task] = []
    consumer: list[trio.lowlevel.Task] = []

    class CountSteps(trio.abc.Instrument):
        def before_task_step(self, task: trio.lowlevel.Task) -> None:
            if task in consumer:
                steps.append(task)

    async def consume() -> None:
        consumer.append(trio.lowlevel.current_task())
        got.append(await mailbox.receive())

    instrument = CountSteps()
    async with trio.open_nursery() as nursery:
        nursery.start_soon(consume)
        await trio.testing.wait_all_tasks_blocked()
        trio.lowlevel.add_instrument(instrument)
        mailbox.deliver("book")
    trio.lowlevel.remove_instrument(instrument)
    assert got == ["book"]
    assert len(steps) == 1


async def test_receiving_a_waiting_message_is_still_a_checkpoint() -> None:
    mailbox = Mailbox(BufferPolicy.keep_latest(1))
    mailbox.deliver("book")
    with trio.testing.assert_checkpoints():
        assert await mailbox.receive() == "book"
