"""Quick start: stream the BTC order book and print the top of book for 10 updates.

The trio version of the seed API's first example: ``Api.create``, ``api.ws.run()``,
``api.ws.subscriptions.l2_book(asset=...)`` returning ``(sid, stream)``, then unsubscribe.

    uv run python examples/l2_book.py                      # offline, simulated market
    uv run python examples/l2_book.py --url wss://api.hyperliquid.xyz/ws
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from _common import Options, run

from trio_hl import Api
from trio_hl.models import StreamRestarted

if TYPE_CHECKING:
    from trio_hl import Network


async def main(network: Network, options: Options) -> None:
    api = await Api.create(network=network)
    async with api.ws.run():
        sid, stream = await api.ws.subscriptions.l2_book(asset=options.coin)
        for _ in range(options.count):
            book = await stream.receive()
            if isinstance(book, StreamRestarted):
                print("reconnected: the next book is a fresh snapshot")
                continue
            if not (book.bids and book.asks):
                print(f"{book.coin}: one side of the book is empty")
                continue
            bid, ask = book.bids[0], book.asks[0]
            print(
                f"{book.coin} {len(book.bids)} bids, {len(book.asks)} asks"
                f"  best {bid.sz} @ {bid.px} / {ask.sz} @ {ask.px}  spread {ask.px - bid.px}"
            )
        await api.ws.subscriptions.unsubscribe(sid)
    print("unsubscribed and disconnected")


if __name__ == "__main__":
    run(main, description=__doc__)
