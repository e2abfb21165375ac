"""What a consumer sees when the connection drops: a ``StreamRestarted`` marker, then data.

trio_hl reconnects by itself (capped exponential backoff with jitter), resubscribes, and puts
a ``StreamRestarted`` marker in every stream before the first message of the new connection.
Whatever the server pushed while disconnected is gone; here, the consumer counts distinct
trades, and after a resubscribe the server sends a backlog of recent trades, some of which
the consumer already saw: it deduplicates them by trade id (``tid``).

Offline, the fake server cuts the connection 1.6 simulated seconds after the subscription.
Online the example just streams trades; a marker appears if the network really drops.

    uv run python examples/reconnect.py
    uv run python examples/reconnect.py -v          # also log the reconnect itself
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from _common import Options, drop_the_connection, run

from trio_hl import Api
from trio_hl.models import StreamRestarted, Trades

if TYPE_CHECKING:
    from trio_hl import Network


class RecentIds:
    """The last ``size`` ids seen: enough to recognise a backlog, without growing forever."""

    def __init__(self, size: int = 10_000) -> None:
        self._order: deque[int] = deque()
        self._ids: set[int] = set()
        self._size = size

    def add(self, tid: int) -> bool:
        """Remember ``tid``; returns whether it is new."""
        if tid in self._ids:
            return False
        self._ids.add(tid)
        self._order.append(tid)
        if len(self._order) > self._size:
            self._ids.discard(self._order.popleft())
        return True


async def main(network: Network, options: Options) -> None:
    api = await Api.create(network=network)
    async with api.ws.run() as client:
        sid, stream = await api.ws.subscriptions.trades(asset=options.coin)
        print(f"subscribed to {options.coin} trades (sid {sid})")
        seen = RecentIds()
        distinct = batches = 0
        async for item in stream:
            match item:
                case StreamRestarted(connection=connection, subscription=body):
                    # Anything that counts events or applies diffs must resynchronise here.
                    print(f"-- stream restarted on connection {connection}, resubscribed {body}")
                case Trades(trades=trades):
                    new = sum(seen.add(trade.tid) for trade in trades)
                    distinct += new
                    repeated = len(trades) - new
                    note = f", {repeated} already seen" if repeated else ""
                    print(f"batch of {len(trades):2}: {new} new{note}")
                    batches += 1
                    if batches >= options.count:
                        break
        print(f"{distinct} distinct trades over {client.statistics().connections} connection(s)")


if __name__ == "__main__":
    run(main, description=__doc__, count=8, scenario=drop_the_connection)
