"""Only type-checked (mypy --strict), never run: the public API's inferred types."""

from __future__ import annotations

from typing import Any, assert_type

from trio_hl import Account, Api, Stream, open_shared_channel
from trio_hl.models import (
    ActiveAssetCtx,
    ActiveSpotAssetCtx,
    Bbo,
    BboSubscription,
    L2Book,
    L2BookSubscription,
    L4Snapshot,
    L4Updates,
    OrderUpdates,
    SpotAssetCtxs,
    StreamRestarted,
    Trades,
    UserEvent,
    UserFills,
    UserFillsSubscription,
    UserFundings,
    UserFundingsSubscription,
)


async def api_surface(api: Api) -> None:
    sid, books = await api.ws.subscriptions.l2_book(asset="BTC")
    assert_type(sid, int)
    assert_type(books, Stream[L2Book | StreamRestarted])
    _, trades = await api.ws.subscriptions.trades(asset="BTC")
    assert_type(await trades.receive(), Trades | StreamRestarted)
    _, ctx = await api.ws.subscriptions.active_asset_ctx(asset="@1")
    assert_type(await ctx.receive(), ActiveAssetCtx | ActiveSpotAssetCtx | StreamRestarted)
    send_channel, shared = open_shared_channel()
    _, same = await api.ws.subscriptions.subscribe(
        BboSubscription(coin="BTC"), send_channel=send_channel
    )
    assert_type(same, Stream[object])
    _, own = await api.ws.subscriptions.subscribe(BboSubscription(coin="BTC"))
    assert_type(own, Stream[Bbo | StreamRestarted])
    assert_type(shared, Stream[object])


async def user_streams(api: Api, other: Account) -> None:
    _, fills = await api.ws.subscriptions.user_fills(address="0x" + "0" * 40)
    assert_type(fills, Stream[UserFills | StreamRestarted])
    _, orders = await api.ws.subscriptions.order_updates(account=other)
    assert_type(await orders.receive(), OrderUpdates | StreamRestarted)
    # GoldRush's multi-wallet bodies yield the same models (one UserFills per wallet).
    _, many = await api.ws.subscriptions.user_fills(addresses=["0x" + "1" * 40, "0x" + "2" * 40])
    assert_type(many, Stream[UserFills | StreamRestarted])
    assert_type((await many.receive()), UserFills | StreamRestarted)
    _, events = await api.ws.subscriptions.user_events()
    assert_type(await events.receive(), UserEvent | StreamRestarted)
    _, spot = await api.ws.subscriptions.spot_asset_ctxs()
    assert_type(await spot.receive(), SpotAssetCtxs | StreamRestarted)
    _, l4 = await api.ws.subscriptions.l4_book(asset="BTC")
    assert_type(await l4.receive(), L4Snapshot | L4Updates | StreamRestarted)
    send_channel, _ = open_shared_channel()
    _, merged = await api.ws.subscriptions.subscribe(
        UserFundingsSubscription(user="0x" + "0" * 40), send_channel=send_channel
    )
    assert_type(merged, Stream[object])
    _, funding = await api.ws.subscriptions.user_fundings()
    assert_type(funding, Stream[UserFundings | StreamRestarted])
    async with api.ws.run() as client, client.subscribe(UserFillsSubscription(user="0x")) as s:
        assert_type(await s.receive(), UserFills | StreamRestarted)


async def trio_first(api: Api) -> None:
    async with api.ws.run() as client, client.subscribe(L2BookSubscription(coin="BTC")) as s:
        assert_type(await s.receive(), L2Book | StreamRestarted)
        assert_type(await client.info({"type": "allMids"}), Any)
