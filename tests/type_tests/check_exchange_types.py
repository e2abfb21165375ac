"""Only type-checked (mypy --strict), never run: the exchange API's inferred types."""

from __future__ import annotations

from decimal import Decimal
from typing import assert_type

from trio_hl import LIMIT_GTC, Api, CancelRequest, Exchange, OrderRequest
from trio_hl.models.exchange import (
    ApprovedAgent,
    CancelResult,
    OrderResult,
    PlacedOrder,
    TwapRunning,
)


async def exchange_surface(api: Api) -> None:
    assert_type(api.exchange, Exchange)
    assert_type(api.ws.exchange, Exchange)
    placed = await api.ws.exchange.place_order(
        asset="BTC",
        is_buy=True,
        size=Decimal("0.001"),
        limit_price=Decimal("65000"),
        order_type=LIMIT_GTC,
        reduce_only=False,
    )
    assert_type(placed, PlacedOrder)
    assert_type(await api.ws.exchange.cancel_order(asset="BTC", order_id=123), None)
    batch = await api.exchange.place_orders(
        [OrderRequest(asset="BTC", is_buy=True, size="0.001", limit_price="65000")]
    )
    assert_type(batch, tuple[OrderResult, ...])
    cancels = await api.exchange.cancel_orders([CancelRequest(asset="BTC", order_id=1)])
    assert_type(cancels, tuple[CancelResult, ...])
    twap = await api.exchange.twap_order(asset="BTC", is_buy=True, size="1", minutes=5)
    assert_type(twap, TwapRunning)
    assert_type(await api.exchange.approve_agent(), ApprovedAgent)
    assert_type(await api.exchange.create_sub_account(name="x"), str)
    await api.exchange.place_order(
        asset="BTC",
        is_buy=True,
        size=0.001,  # type: ignore[arg-type]
        limit_price=Decimal("65000"),
    )
