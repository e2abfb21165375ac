"""When an order's reply is lost: RequestOutcomeUnknown, then orderStatus by cloid.

If the connection drops after an action was sent and before its reply, the exchange may or
may not have executed it. trio_hl never sends it again by itself: the call raises
``RequestOutcomeUnknown``. Give every order a client order id (cloid), and ask the exchange
about that cloid before you decide to place the order again.

Offline, the fake server holds the order (it never executes it), then cuts the connection.
Online the reply normally arrives, and the order simply rests; it is cancelled at the end.

    uv run python examples/lost_reply.py
    HL_SECRET_KEY=0x... uv run python examples/lost_reply.py --testnet
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from _common import Options, run

from trio_hl import Api, Cloid
from trio_hl.errors import RequestOutcomeUnknown

if TYPE_CHECKING:
    from _common import Market

    from trio_hl import Network
    from trio_hl.models.exchange import PlacedOrder
    from trio_hl.testing import FakeHyperliquid


async def main(network: Network, options: Options) -> None:
    api = await Api.create(network=network, account=options.account)
    mids = await api.info.all_mids()  # over HTTP
    assert mids is not None
    price = mids.mids[options.coin] * Decimal("0.9")  # 10% below the mid: it rests
    size = Decimal(20) / price  # about 20 USDC
    cloid = Cloid.random()  # the order's name, chosen before it is sent

    async def place() -> PlacedOrder:
        return await api.ws.exchange.place_order(
            asset=options.coin,
            is_buy=True,
            size=size,
            limit_price=price,
            cloid=cloid,
            auto_round=True,
        )

    async with api.ws.run():
        try:
            placed: PlacedOrder | None = await place()
        except RequestOutcomeUnknown as exc:
            print(f"RequestOutcomeUnknown: {exc}")
            # The client reconnects by itself; ask the exchange what became of the cloid.
            status = await api.ws.info.order_status(order_id=str(cloid))
            if status.found and status.order is not None:
                print(f"the exchange has it: {status.order.status}; not placing it again")
                placed = None
            else:
                print(f"the exchange never saw {cloid}: placing it again (with a new nonce)")
                placed = await place()
        print(f"placed: {placed}")
        await api.ws.exchange.cancel_order(asset=options.coin, cloid=cloid)
        print(f"cancelled {cloid}")


async def lose_the_first_reply(fake: FakeHyperliquid, market: Market) -> None:
    """Offline scenario: hold the first request on the socket, then cut the connection."""
    fake.hold_posts = True  # recorded, never executed, never answered
    await fake.wait_received(lambda frame: frame.get("method") == "post")
    await fake.drop()
    fake.hold_posts = False


if __name__ == "__main__":
    run(main, description=__doc__, scenario=lose_the_first_reply, signs=True)
