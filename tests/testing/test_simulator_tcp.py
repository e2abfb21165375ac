"""The simulator on a loopback port: WebSocket at /ws and HTTP /info, /exchange on one port,
driven by our client and by the official SDK (real sockets, real time: a few blocks)."""

from __future__ import annotations

import importlib
import json
from decimal import Decimal
from functools import partial
from typing import Any

import eth_account
import httpx
import pytest
import trio

from trio_hl import Account, Api, open_client
from trio_hl.models import L2Book, L2BookSubscription, OrderUpdates
from trio_hl.models.exchange import OrderResting
from trio_hl.testing import SimulatorAddress, serve_simulator

KEY = "0x" + "71" * 32  # a fresh key: the simulator's faucet opens its account


async def test_our_client_trades_over_loopback() -> None:
    async with trio.open_nursery() as nursery:
        address: SimulatorAddress = await nursery.start(partial(serve_simulator, seed=3))
        assert address.ws_url == f"ws://127.0.0.1:{address.port}/ws"
        assert address.http_url == f"http://127.0.0.1:{address.port}"
        account = Account(address=eth_account.Account.from_key(KEY).address, secret_key=KEY)
        api = await Api.create(network=address.network, account=account)  # meta over HTTP
        async with api.ws.run():
            mids = await api.info.all_mids()
            assert mids is not None
            price = (mids.mids["ETH"] - 20).quantize(Decimal("0.1"))
            _, updates = await api.ws.subscriptions.order_updates()
            placed = await api.ws.exchange.place_order(
                asset="ETH", is_buy=True, size=Decimal("0.5"), limit_price=price
            )
            assert isinstance(placed, OrderResting)
            update = await updates.receive()
            assert isinstance(update, OrderUpdates)
            assert update.updates[0].order.oid == placed.oid
            [listed] = await api.info.user_open_orders()  # over HTTP, same port
            assert listed.oid == placed.oid
            await api.exchange.cancel_order(asset="ETH", order_id=placed.oid)
            assert await api.ws.info.user_open_orders() == ()
        async with open_client(address.network) as client:
            async with client.subscribe(L2BookSubscription(coin="BTC")) as books:
                first = await books.receive()
                second = await books.receive()  # the market steps in real time
            assert isinstance(first, L2Book)
            assert isinstance(second, L2Book)
            assert first.coin == second.coin == "BTC"
        nursery.cancel_scope.cancel()


async def test_http_errors_like_the_server() -> None:
    async with trio.open_nursery() as nursery:
        address: SimulatorAddress = await nursery.start(serve_simulator)
        async with httpx.AsyncClient(base_url=address.http_url) as http:
            unknown = await http.post("/info", json={"type": "nope"})
            assert unknown.status_code == 422
            assert unknown.text == "Failed to deserialize the JSON body into the target type"
            book = await http.post("/info", json={"type": "l2Book", "coin": "SOL"})
            assert book.status_code == 200
            assert book.json()["coin"] == "SOL"
            assert (await http.post("/nothing", json={})).status_code == 404
        nursery.cancel_scope.cancel()


def _sdk_session(http_url: str) -> dict[str, Any]:
    """Drive the official SDK (synchronous, in a thread): place, list, cancel."""
    # The SDK ships no types: its modules are taken as Any, not inferred from its source.
    sdk_exchange: Any = importlib.import_module("hyperliquid.exchange")
    sdk_info: Any = importlib.import_module("hyperliquid.info")

    wallet = eth_account.Account.from_key(KEY)
    info = sdk_info.Info(http_url, skip_ws=True)
    exchange = sdk_exchange.Exchange(wallet, http_url)
    mid = float(info.all_mids()["BTC"])
    placed = exchange.order("BTC", True, 0.01, round(mid * 0.95), {"limit": {"tif": "Gtc"}})
    open_orders = info.open_orders(wallet.address)
    oid = placed["response"]["data"]["statuses"][0]["resting"]["oid"]
    cancelled = exchange.cancel("BTC", oid)
    return {"placed": placed, "open": open_orders, "cancelled": cancelled}


async def test_the_official_sdk_trades_over_loopback() -> None:
    pytest.importorskip("hyperliquid")
    async with trio.open_nursery() as nursery:
        address: SimulatorAddress = await nursery.start(serve_simulator)
        result = await trio.to_thread.run_sync(_sdk_session, address.http_url)
        nursery.cancel_scope.cancel()
    assert result["placed"]["status"] == "ok", json.dumps(result)
    oid = result["placed"]["response"]["data"]["statuses"][0]["resting"]["oid"]
    assert [o["oid"] for o in result["open"]] == [oid]
    assert result["cancelled"]["response"]["data"]["statuses"] == ["success"]
