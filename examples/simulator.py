"""The simulated exchange on a loopback port, traded over real TCP.

``serve_simulator`` serves the WebSocket API at ``/ws`` and the HTTP ``/info`` and
``/exchange`` on one port, all views of one simulated market that steps every half second.
Any client can use it: this script uses trio_hl, and the official SDK works the same way
(point its ``base_url`` at ``http_url``). Actions are verified for the testnet chain, and a
new address gets an account with 100,000 USDC on its first signed action.

    uv run python examples/simulator.py
"""

from __future__ import annotations

from decimal import Decimal

import eth_account
import trio

from trio_hl import Account, Api
from trio_hl.testing import SimulatorAddress, serve_simulator


async def main() -> None:
    async with trio.open_nursery() as nursery:
        address: SimulatorAddress = await nursery.start(serve_simulator)
        print(f"simulator at {address.ws_url} and {address.http_url}")
        key = "0x" + "71" * 32  # any key: the simulator opens its account
        account = Account(address=eth_account.Account.from_key(key).address, secret_key=key)
        api = await Api.create(network=address.network, account=account)
        async with api.ws.run():
            mids = await api.ws.info.all_mids()
            assert mids is not None
            price = mids.mids["BTC"] - 500
            placed = await api.ws.exchange.place_order(
                asset="BTC", is_buy=True, size=Decimal("0.01"), limit_price=price
            )
            print(f"placed over the socket: {placed}")
            orders = await api.info.user_open_orders()  # over HTTP, on the same port
            print(f"open orders over HTTP: {[order.oid for order in orders]}")
            state = await api.info.user_state()
            print(f"account value {state.margin_summary.account_value}")
        nursery.cancel_scope.cancel()  # stops the simulator


if __name__ == "__main__":
    trio.run(main)
