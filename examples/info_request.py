"""Info requests over the WebSocket: ``client.info(payload)`` returns the reply's raw JSON.

The payload is exactly the body you would POST to ``/info``; the reply arrives on the same
connection as the streams, correlated by id. An error reply raises ``ApiError``;
``trio.move_on_after`` (or ``fail_after``) bounds a request more tightly than
``Settings.request_timeout``.

    uv run python examples/info_request.py
    uv run python examples/info_request.py --url wss://api.hyperliquid.xyz/ws
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import trio
from _common import Options, run

from trio_hl import Api
from trio_hl.errors import ApiError

if TYPE_CHECKING:
    from trio_hl import Network


async def main(network: Network, options: Options) -> None:
    api = await Api.create(network=network)
    async with api.ws.run() as client:
        mids = await client.info({"type": "allMids"})
        print(f"allMids: {len(mids)} coins")
        for coin in ("BTC", "ETH", "SOL"):
            print(f"  {coin:<4} {mids.get(coin)}")

        book = await client.info({"type": "l2Book", "coin": options.coin})
        if book is None:  # an unknown coin is a null body, not an error
            print(f"no book for {options.coin}")
        else:
            bids, asks = book["levels"]
            top = f"{bids[0]['px']} / {asks[0]['px']}" if bids and asks else "(one side empty)"
            print(f"l2Book {book['coin']}: best {top}")

        try:
            await client.info({"type": "noSuchRequest"})
        except ApiError as exc:
            print(f"refused: {exc}")

        with trio.move_on_after(5) as scope:
            await client.info({"type": "allMids"})
        print("second allMids: " + ("timed out" if scope.cancelled_caught else "answered"))
        print(f"pending requests: {client.statistics().pending_requests}")


if __name__ == "__main__":
    run(main, description=__doc__)
