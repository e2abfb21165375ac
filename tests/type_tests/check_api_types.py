"""Only type-checked (mypy --strict), never run: the public API's inferred types."""

from __future__ import annotations

from typing import Any, assert_type

from trio_hl import Api, Stream, open_shared_channel
from trio_hl.models import (
    ActiveAssetCtx,
    ActiveSpotAssetCtx,
    L2Book,
    L2BookSubscription,
    StreamRestarted,
    Trades,
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
    _, same = await api.ws.subscriptions.bbo(asset="BTC", send_channel=send_channel)
    assert_type(same, Stream[object])
    assert_type(shared, Stream[object])


async def trio_first(api: Api) -> None:
    async with api.ws.run() as client, client.subscribe(L2BookSubscription(coin="BTC")) as s:
        assert_type(await s.receive(), L2Book | StreamRestarted)
        assert_type(await client.info({"type": "allMids"}), Any)
