"""The simulated exchange through our client: streams and info replies tell one story, and
the exchange's actions (triggers, modify, schedule-cancel, leverage) act on it."""

from __future__ import annotations

from decimal import Decimal

import pytest
import trio
import trio.testing

from trio_hl import LIMIT_ALO, LIMIT_IOC, Api, Cloid
from trio_hl.errors import ActionRejected, HyperliquidError, OrderRejected
from trio_hl.models import (
    Bbo,
    ClearinghouseStateUpdate,
    L2Book,
    OpenOrders,
    OrderUpdates,
    Trades,
    UserFills,
    WebData2,
)
from trio_hl.models.exchange import OrderFilled, OrderResting, stop_loss_market
from trio_hl.testing import TEST_ACCOUNT, FakeHyperliquid, open_fake_hyperliquid

SIZE = Decimal("0.01")


async def bid(api: Api, fake: FakeHyperliquid, below: int = 100, **extra: object) -> OrderResting:
    mid = fake.market.mid("BTC")
    assert mid is not None
    placed = await api.ws.exchange.place_order(
        asset="BTC",
        is_buy=True,
        size=SIZE,
        limit_price=mid - below,
        **extra,  # type: ignore[arg-type]
    )
    assert isinstance(placed, OrderResting)
    return placed


async def test_account_streams_agree_with_info(autojump_clock: trio.testing.MockClock) -> None:
    async with open_fake_hyperliquid(seed=4) as fake:
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        subs = api.ws.subscriptions
        async with api.ws.run():
            _, orders = await subs.open_orders()
            _, state = await subs.clearinghouse_state()
            _, web = await subs.web_data2()
            for stream in (orders, state, web):
                await stream.receive()  # the snapshots
            placed = await bid(api, fake)
            streamed = await orders.receive()
            assert isinstance(streamed, OpenOrders)
            assert streamed.orders == await api.ws.info.user_frontend_open_orders()
            assert [o.oid for o in streamed.orders] == [placed.oid]
            aggregate = await web.receive()
            assert isinstance(aggregate, WebData2)
            assert aggregate.open_orders == streamed.orders

            await fake.fill_order(placed.oid)
            update = await state.receive()
            while isinstance(update, ClearinghouseStateUpdate) and not (
                update.clearinghouse_state.asset_positions
            ):
                update = await state.receive()
            assert isinstance(update, ClearinghouseStateUpdate)
            info = await api.info.user_state()
            assert update.clearinghouse_state == info
            [position] = info.asset_positions
            assert position.position.szi == SIZE
            account = fake.market.account(TEST_ACCOUNT.address)
            assert info.margin_summary.total_raw_usd == account.usdc < 100_000  # the maker fee


async def test_market_streams_tell_one_story(autojump_clock: trio.testing.MockClock) -> None:
    async with open_fake_hyperliquid(seed=4) as fake:
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        subs = api.ws.subscriptions
        async with api.ws.run():
            _, books = await subs.l2_book(asset="SOL")
            _, tops = await subs.bbo(asset="SOL")
            _, trades = await subs.trades(asset="SOL")
            book = await books.receive()
            top = await tops.receive()
            assert isinstance(book, L2Book)
            assert isinstance(top, Bbo)
            assert top.bid is not None
            assert top.ask is not None
            assert (top.bid.px, top.ask.px) == (book.bids[0].px, book.asks[0].px)
            await fake.advance(blocks=8)
            printed = await trades.receive()
            assert isinstance(printed, Trades)
            mids = await api.ws.info.all_mids()
            assert mids is not None
            latest = await books.receive()
            assert isinstance(latest, L2Book)
            assert mids.mids["SOL"] == (latest.bids[0].px + latest.asks[0].px) / 2


async def test_a_stop_loss_triggers_on_the_mark(autojump_clock: trio.testing.MockClock) -> None:
    async with open_fake_hyperliquid(seed=4) as fake:
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        async with api.ws.run():
            _, updates = await api.ws.subscriptions.order_updates()
            mid = fake.market.mid("BTC")
            assert mid is not None
            entry = await api.ws.exchange.place_order(
                asset="BTC", is_buy=True, size=SIZE, limit_price=mid + 200, order_type=LIMIT_IOC
            )
            assert isinstance(entry, OrderFilled)
            stop = await api.ws.exchange.place_order(
                asset="BTC",
                is_buy=False,
                size=SIZE,
                limit_price=mid - 2000,
                order_type=stop_loss_market(mid - 1000),
                reduce_only=True,
            )
            assert isinstance(stop, OrderResting)
            await fake.move_price("BTC", mid - 1500)
            seen: list[tuple[int, str]] = []
            with trio.move_on_after(1):
                while True:
                    item = await updates.receive()
                    assert isinstance(item, OrderUpdates)
                    seen += [(u.order.oid, u.status) for u in item.updates]
            assert (stop.oid, "triggered") in seen
            assert (stop.oid, "filled") in seen
            assert fake.market.account(TEST_ACCOUNT.address).positions == {}


async def test_modify_alo_schedule_cancel_and_leverage(
    autojump_clock: trio.testing.MockClock,
) -> None:
    async with open_fake_hyperliquid(seed=4) as fake:
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        exchange = api.ws.exchange
        async with api.ws.run():
            cloid = Cloid.from_int(9)
            placed = await bid(api, fake, cloid=cloid)
            mid = fake.market.mid("BTC")
            assert mid is not None
            await exchange.modify_order(
                order_id=cloid, asset="BTC", is_buy=True, size=SIZE * 2, limit_price=mid - 300
            )
            [order] = await api.ws.info.user_open_orders()
            assert (order.oid, order.sz, order.limit_px) == (placed.oid, SIZE * 2, mid - 300)
            status = await api.info.order_status(order_id=str(cloid))
            assert status.order is not None
            assert status.order.order.oid == placed.oid

            ask = fake.market.books["BTC"].asks.best_px()
            assert ask is not None
            with pytest.raises(OrderRejected, match="Post only order would have immediately"):
                await exchange.place_order(
                    asset="BTC", is_buy=True, size=SIZE, limit_price=ask, order_type=LIMIT_ALO
                )

            with pytest.raises(ActionRejected, match="Invalid leverage value"):
                await exchange.update_leverage(asset="BTC", leverage=41)
            await exchange.update_leverage(asset="BTC", leverage=3, is_cross=False)
            assert fake.market.leverage_of(TEST_ACCOUNT.address, "BTC").value == 3

            now_ms = fake.market.now_ms
            await exchange.schedule_cancel(time=now_ms + 10_000)
            await fake.advance(blocks=19)  # 9.5 s
            assert len(await api.ws.info.user_open_orders()) == 1
            await fake.advance(blocks=1)
            assert await api.ws.info.user_open_orders() == ()
            [latest] = await api.ws.info.user_historical_orders()
            assert latest.status == "scheduledCancel"


async def test_the_subscription_cap(autojump_clock: trio.testing.MockClock) -> None:
    async with open_fake_hyperliquid(seed=0) as fake:
        assert fake.simulation is not None
        fake.simulation.max_subscriptions = 2
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        async with api.ws.run():
            await api.ws.subscriptions.all_mids()
            await api.ws.subscriptions.bbo(asset="BTC")
            # The server's refusal names no subscription, so the client cannot match it to
            # its request (it logs it); the request times out, and nothing was subscribed.
            with pytest.raises(HyperliquidError, match="no acknowledgement"):
                await api.ws.subscriptions.bbo(asset="ETH")
            [conn] = fake.live
            assert {"type": "bbo", "coin": "ETH"} not in conn.subscriptions


async def test_the_snapshot_then_live_fills(autojump_clock: trio.testing.MockClock) -> None:
    async with open_fake_hyperliquid(seed=4) as fake:
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        async with api.ws.run():
            placed = await bid(api, fake)
            await fake.fill_order(placed.oid, sz="0.004")
            _, fills = await api.ws.subscriptions.user_fills()
            snapshot = await fills.receive()
            assert isinstance(snapshot, UserFills)
            assert snapshot.is_snapshot
            assert [f.sz for f in snapshot.fills] == [Decimal("0.004")]
            await fake.fill_order(placed.oid)
            live = await fills.receive()
            assert isinstance(live, UserFills)
            assert not live.is_snapshot
            assert [f.sz for f in live.fills] == [Decimal("0.006")]
