"""A user's fills, gap-free across a reconnect: ``api.ws.subscriptions.user_fills``.

The first message is a snapshot of recent fills (``is_snapshot=True``). After a reconnect the
server sends a snapshot again, overlapping what was already delivered; trio_hl removes the
fills this stream delivered before, so the first message after the ``StreamRestarted`` marker
holds exactly the fills missed while disconnected (possibly none), and every fill arrives once.

Offline, the fake server cuts the connection 1.6 simulated seconds after the subscription.
Online, pass the address to follow (fills are public); the example stops after ``--count``
messages, so for a quiet account stop it with Ctrl-C.

    uv run python examples/user_fills.py
    uv run python examples/user_fills.py --url wss://api.hyperliquid.xyz/ws --user 0x...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from _common import Options, drop_the_connection, run

from trio_hl import Api
from trio_hl.models import StreamRestarted, UserFills

if TYPE_CHECKING:
    from trio_hl import Network


async def main(network: Network, options: Options) -> None:
    api = await Api.create(network=network)
    async with api.ws.run():
        _, stream = await api.ws.subscriptions.user_fills(address=options.user)
        tids: list[int] = []
        messages = 0
        async for item in stream:
            match item:
                case StreamRestarted(connection=connection):
                    print(f"-- reconnected (connection {connection}): the next snapshot holds")
                    print("   only the fills missed while disconnected")
                    continue
                case UserFills(is_snapshot=True, fills=fills):
                    print(f"snapshot of {len(fills)} fill(s)")
                case UserFills(fills=fills):
                    print(f"{len(fills)} new fill(s)")
            for fill in item.fills:
                role = "taker" if fill.crossed else "maker"
                print(f"  {fill.dir:<10} {fill.sz} {fill.coin} @ {fill.px} {role}, tid {fill.tid}")
                tids.append(fill.tid)
            messages += 1
            if messages >= options.count:
                break
    repeated = len(tids) - len(set(tids))
    print(f"{len(tids)} fills received, " + (f"{repeated} repeated" if repeated else "each once"))


if __name__ == "__main__":
    run(main, description=__doc__, count=6, scenario=drop_the_connection, needs_user=True)
