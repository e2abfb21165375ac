"""Signed orders over the socket: place, modify, cancel, batches, a market order, refusals.

``api.ws.exchange`` signs each action with the account's key and sends it on the connection
(``api.exchange`` has the same methods over HTTP). A single-order call returns the order's
status (``OrderResting``, ``OrderFilled``...) or raises ``OrderRejected``; a batch returns
every status, errors included; a refused action raises ``ActionRejected``. Sizes and prices
off the asset's grid are refused before anything is sent, unless ``auto_round=True``.

Offline, the fake exchange verifies every signature and fills at the mid. Online it trades
for real (about 20 USDC, on --coin): set HL_SECRET_KEY (and HL_ADDRESS for an API wallet's
key); mainnet also needs --i-mean-it.

    uv run python examples/place_order.py
    HL_SECRET_KEY=0x... uv run python examples/place_order.py --testnet
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import TYPE_CHECKING

from _common import Options, run

from trio_hl import LIMIT_ALO, LIMIT_GTC, LIMIT_IOC, Account, Api, Cloid, OrderRequest
from trio_hl.errors import ActionRejected, OrderRejected, PrecisionError
from trio_hl.models.exchange import OrderFilled, OrderResting

if TYPE_CHECKING:
    from trio_hl import Network


async def main(network: Network, options: Options) -> None:
    assert options.account is not None  # run(..., signs=True) always gives one
    api = await Api.create(network=network, account=options.account)
    coin = options.coin
    print(f"trading {coin} as {options.account.address}")  # the key is never shown
    async with api.ws.run():
        exchange = api.ws.exchange
        mids = await api.ws.info.all_mids()
        assert mids is not None
        mid = mids.mids[coin]
        price = mid * Decimal("0.9")  # 10% below the mid: it rests
        size = Decimal(20) / price  # about 20 USDC (the exchange's minimum is 10)

        try:
            await exchange.place_order(asset=coin, is_buy=True, size=size, limit_price=price)
        except PrecisionError as exc:  # raised before anything is signed or sent
            print(f"refused locally: {exc}")
        placed = await exchange.place_order(
            asset=coin,
            is_buy=True,
            size=size,
            limit_price=price,
            order_type=LIMIT_GTC,
            reduce_only=False,
            auto_round=True,  # round onto the asset's tick and lot grid
        )
        if not isinstance(placed, OrderResting):
            print(f"expected a resting order, got {placed}")
            return
        print(f"resting: oid {placed.oid}")

        moved = await exchange.modify_order(
            order_id=placed.oid,
            asset=coin,
            is_buy=True,
            size=size,
            limit_price=price * Decimal("0.99"),
            auto_round=True,
        )
        print(f"modified: {moved}")
        oid = moved.oid if isinstance(moved, OrderResting) else placed.oid
        await exchange.cancel_order(asset=coin, order_id=oid)
        print(f"cancelled oid {oid}")
        try:
            await exchange.cancel_order(asset=coin, order_id=oid)
        except OrderRejected as exc:  # the action went through; the one cancel failed
            print(f"second cancel: {exc.message}")

        cloid = Cloid.random()  # a client order id: cancel and look up orders by it
        results = await exchange.place_orders(
            [
                OrderRequest(
                    asset=coin,
                    is_buy=True,
                    size=size,
                    limit_price=price,
                    order_type=LIMIT_ALO,
                    cloid=cloid,
                ),
                OrderRequest(
                    asset=coin, is_buy=True, size=size, limit_price=price, order_type=LIMIT_IOC
                ),
            ],
            auto_round=True,
        )
        for result in results:  # a batch returns per-order errors as values
            print(f"batch: {result}")
        await exchange.cancel_order(asset=coin, cloid=cloid)
        print(f"cancelled cloid {cloid}")

        bought = await exchange.market_order(
            asset=coin, is_buy=True, size=size, slippage=Decimal("0.01"), auto_round=True
        )
        if isinstance(bought, OrderFilled):  # an IOC at most 1% above the mid
            print(f"market buy: {bought.total_sz} @ {bought.avg_px}")
            sold = await exchange.market_order(
                asset=coin, is_buy=False, size=bought.total_sz, reduce_only=True
            )
            print(f"market sell: {sold}")

        stranger = Account(address=options.account.address, secret_key="0x" + secrets.token_hex(32))
        try:
            await exchange.noop(account=stranger)  # signed by a key the exchange does not know
        except ActionRejected as exc:  # the whole action was refused: nothing executed
            print(f"{type(exc).__name__}: {exc.message}")


if __name__ == "__main__":
    run(main, description=__doc__, signs=True)
