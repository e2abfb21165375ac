"""The fake server with a simulated exchange behind it: every frame and reply is a view of
one market, through the real client over the real protocol."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Any

import pytest
import trio
import trio.testing
from trio_websocket import WebSocketConnection, wrap_client_stream

from trio_hl import LIMIT_IOC, Api
from trio_hl.errors import ConfigurationError, RequestOutcomeUnknown
from trio_hl.models import OrderUpdates, UserFills
from trio_hl.models.exchange import OrderFilled, OrderResting
from trio_hl.testing import TEST_ACCOUNT, FakeHyperliquid, open_fake_hyperliquid
from trio_hl.testing._market import SYNTHETIC_LEVELS


async def test_a_resting_order_fills_and_every_view_agrees(
    autojump_clock: trio.testing.MockClock,
) -> None:
    async with open_fake_hyperliquid(seed=1) as fake:
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        mid = fake.market.mid("BTC")
        assert mid is not None
        async with api.ws.run():
            _, updates = await api.ws.subscriptions.order_updates()
            _, fills = await api.ws.subscriptions.user_fills()
            snapshot = await fills.receive()
            assert isinstance(snapshot, UserFills)
            assert snapshot.is_snapshot
            assert snapshot.fills == ()

            price = mid - 100
            placed = await api.ws.exchange.place_order(
                asset="BTC", is_buy=True, size=Decimal("0.01"), limit_price=price
            )
            assert isinstance(placed, OrderResting)
            update = await updates.receive()
            assert isinstance(update, OrderUpdates)
            assert [(u.order.oid, u.status) for u in update.updates] == [(placed.oid, "open")]

            [listed] = await api.ws.info.user_open_orders()
            assert (listed.oid, listed.limit_px, listed.sz) == (placed.oid, price, Decimal("0.01"))
            status = await api.info.order_status(order_id=placed.oid)  # over HTTP
            assert status.order is not None
            assert status.order.status == "open"

            await fake.fill_order(placed.oid, sz="0.004")  # a partial fill
            live = await fills.receive()
            assert isinstance(live, UserFills)
            assert not live.is_snapshot
            [fill] = live.fills
            assert (fill.oid, fill.px, fill.sz, fill.crossed) == (
                placed.oid,
                price,
                Decimal("0.004"),
                False,
            )
            [listed] = await api.ws.info.user_open_orders()
            assert listed.sz == Decimal("0.006")

            await fake.move_price("BTC", price - 500)  # the market runs through the rest
            update = await updates.receive()
            assert isinstance(update, OrderUpdates)
            assert update.updates[-1].status == "filled"
            assert await api.ws.info.user_open_orders() == ()
            state = await api.ws.info.user_state()
            [position] = state.asset_positions
            assert position.position.szi == Decimal("0.01")
            history = await api.info.user_fills()
            assert sum(f.sz for f in history) == Decimal("0.01")


async def test_an_ioc_that_crosses_fills_at_the_book(
    autojump_clock: trio.testing.MockClock,
) -> None:
    async with open_fake_hyperliquid(seed=1) as fake:
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        book = fake.market.books["BTC"]
        best_ask = book.asks.best_px()
        assert best_ask is not None
        async with api.ws.run():
            result = await api.ws.exchange.place_order(
                asset="BTC",
                is_buy=True,
                size=Decimal("0.001"),
                limit_price=best_ask + 50,
                order_type=LIMIT_IOC,
            )
        assert isinstance(result, OrderFilled)
        assert result.avg_px == best_ask


@asynccontextmanager
async def raw_socket(fake: FakeHyperliquid) -> AsyncGenerator[WebSocketConnection, None]:
    """A bare WebSocket to the fake, to send what our client never would."""
    async with trio.open_nursery() as nursery:
        stream = await fake.connect()
        ws = await wrap_client_stream(
            nursery,
            stream,  # type: ignore[arg-type]  # any byte stream works
            "fake.hyperliquid.invalid",
            "/ws",
        )
        yield ws
        nursery.cancel_scope.cancel()


async def subscribe(ws: WebSocketConnection, subscription: dict[str, Any]) -> Any:
    """Subscribe and return the first frame answering it."""
    await ws.send_message(json.dumps({"method": "subscribe", "subscription": subscription}))
    return json.loads(await ws.get_message())


async def test_what_the_server_refuses(autojump_clock: trio.testing.MockClock) -> None:
    async with open_fake_hyperliquid(seed=0) as fake, raw_socket(fake) as ws:
        for subscription in (
            {"type": "l2Book", "coin": "NOPE"},
            {"type": "l4Book", "coin": "BTC"},  # GoldRush only
            {"type": "candle", "coin": "BTC", "interval": "2m"},
            {"type": "userFills", "user": "bob"},
            {"type": "nonsense"},
        ):
            answer = await subscribe(ws, subscription)
            assert answer == {
                "channel": "error",
                "data": "Invalid subscription " + json.dumps(subscription, separators=(",", ":")),
            }
        for i in range(10):
            answer = await subscribe(ws, {"type": "orderUpdates", "user": f"0x{i:040x}"})
            assert answer["channel"] == "subscriptionResponse"
        again = await subscribe(ws, {"type": "userFills", "user": f"0x{3:040x}"})
        assert again["channel"] == "subscriptionResponse"  # the same users: no new one
        assert json.loads(await ws.get_message())["data"]["isSnapshot"] is True
        answer = await subscribe(ws, {"type": "orderUpdates", "user": f"0x{10:040x}"})
        assert answer == {"channel": "error", "data": "Cannot track more than 10 total users."}


async def test_goldrush_mode_serves_the_l4_book(autojump_clock: trio.testing.MockClock) -> None:
    async with open_fake_hyperliquid(seed=0, goldrush=True) as fake, raw_socket(fake) as ws:
        ack = await subscribe(ws, {"type": "l4Book", "coin": "ETH"})
        assert ack["channel"] == "subscriptionResponse"
        snapshot = json.loads(await ws.get_message())["data"]["Snapshot"]
        assert snapshot["coin"] == "ETH"
        assert len(snapshot["levels"][0]) == len(snapshot["levels"][1]) == SYNTHETIC_LEVELS
        await fake.advance(blocks=5)  # an unmoved, untraded book sends nothing in a block
        with trio.fail_after(1):
            updates = json.loads(await ws.get_message())["data"]["Updates"]
        assert snapshot["block_height"] < updates["block_height"] <= snapshot["block_height"] + 5
        kinds = {json.dumps(d["raw_book_diff"])[:8] for d in updates["book_diffs"]}
        assert '"remove"' in kinds  # the makers re-quote every block


async def test_scripting_needs_a_simulated_exchange(autojump_clock: trio.testing.MockClock) -> None:
    async with open_fake_hyperliquid() as fake:
        with pytest.raises(ConfigurationError, match="seed"):
            await fake.advance()


async def test_the_lost_reply_executes_the_order(autojump_clock: trio.testing.MockClock) -> None:
    async with open_fake_hyperliquid(seed=2) as fake:
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        mid = fake.market.mid("ETH")
        assert mid is not None
        async with api.ws.run():
            fake.lose_next_reply()
            with pytest.raises(RequestOutcomeUnknown):
                await api.ws.exchange.place_order(
                    asset="ETH", is_buy=True, size=Decimal("0.1"), limit_price=mid - 10
                )
            [order] = await api.ws.info.user_open_orders()  # it was executed
            assert order.limit_px == mid - 10
            fake.lose_next_reply()
            with pytest.raises(RequestOutcomeUnknown):  # over HTTP too
                await api.exchange.cancel_order(asset="ETH", order_id=order.oid)
            assert await api.ws.info.user_open_orders() == ()


async def test_advance_steps_the_market_deterministically(
    autojump_clock: trio.testing.MockClock,
) -> None:
    async def run() -> list[Any]:
        async with open_fake_hyperliquid(seed=5) as fake:
            start = trio.current_time()
            await fake.advance(blocks=4)
            assert trio.current_time() - start == pytest.approx(2.0)
            return [fake.market.mids(), list(fake.market.trades["SOL"])]

    assert await run() == await run()


async def test_the_fixture_has_a_funded_test_account(
    simulated_hyperliquid: FakeHyperliquid,
) -> None:
    market = simulated_hyperliquid.market
    assert market.account_value(TEST_ACCOUNT.address) == 100_000
