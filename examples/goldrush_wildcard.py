"""GoldRush's wildcard ``l2Book``: one subscription, the book of every coin.

``goldrush(key)`` connects to GoldRush's drop-in endpoint with ``?key=`` in the URL; the key is
redacted from every repr, log line and error. Calling ``l2_book()`` without ``asset`` sends
the coin-less body ``{"type": "l2Book"}``, which only GoldRush serves; its frames carry a
``block_height``. A refused key fails at once with ``KeyRejected`` (HTTP 401, never retried).

Offline, the fake server requires a key and pushes books for several coins.

    uv run python examples/goldrush_wildcard.py
    uv run python examples/goldrush_wildcard.py --goldrush-key "$GOLDRUSH_API_KEY"
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from _common import Options, run

from trio_hl import Api
from trio_hl.errors import KeyRejected
from trio_hl.models import L2Book, StreamRestarted

if TYPE_CHECKING:
    from trio_hl import Network


async def main(network: Network, options: Options) -> None:
    print(f"connecting to {network!r}")  # the key prints as ***
    api = await Api.create(network=network)
    latest: dict[str, L2Book] = {}  # each book replaces the coin's previous one
    received = 0
    try:
        async with api.ws.run():
            _, stream = await api.ws.subscriptions.l2_book()  # no asset: every coin
            async with stream:  # leaving the block unsubscribes
                async for book in stream:
                    if isinstance(book, StreamRestarted):
                        print("reconnected: every coin's next book is a fresh snapshot")
                        continue
                    latest[book.coin] = book
                    top = (
                        f"{book.bids[0].px} / {book.asks[0].px}"
                        if book.bids and book.asks
                        else "(one side empty)"
                    )
                    print(f"{book.coin:>6} block {book.block_height}  {top}")
                    received += 1
                    if received >= options.count:
                        break
    except KeyRejected as exc:
        sys.exit(f"GoldRush refused the key: {exc}")
    print(f"{received} books covering {len(latest)} coins: {', '.join(sorted(latest))}")


if __name__ == "__main__":
    run(main, description=__doc__, count=12, goldrush_only=True, takes_coin=False)
