"""Connection settings at work: a heartbeat that notices a silent server, and the backoff.

The client pings every ``ping_interval`` seconds; a pong later than ``pong_timeout`` means a
dead (half-open) connection, so it reconnects after a jittered backoff delay and resubscribes.
Offline, the fake server stops answering pings two seconds in; with the settings below the
stream restarts about 21 simulated seconds after subscribing (ping at 15 s, no pong by 20 s,
then a 1 s +-25% delay), and the client logs a warning. The handlers in ``main`` show what
each connection failure means.

    uv run python examples/connection.py
    uv run python examples/connection.py --testnet -v
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import trio
from _common import Market, Options, run

from trio_hl import Backoff, Settings, open_client
from trio_hl.errors import ConnectError, HandshakeRejected, KeyRejected
from trio_hl.models import L2BookSubscription, StreamRestarted

if TYPE_CHECKING:
    from trio_hl import Network
    from trio_hl.testing import FakeHyperliquid

SETTINGS = Settings(
    ping_interval=15.0,  # ping twice as often as the default 30 s
    pong_timeout=5.0,  # and give up on a pong sooner than the default 10 s
    request_timeout=5.0,
    backoff=Backoff(initial=1.0, cap=10.0),  # 1 s, 2 s, 4 s, 8 s, 10 s... each +-25%
    initial_connect_attempts=5,  # before open_client gives up with ConnectError
)


async def watch(network: Network, options: Options) -> None:
    print(f"connecting to {network.redacted_url}")
    async with open_client(network, settings=SETTINGS) as client:
        updates = 0
        start = trio.current_time()
        async with client.subscribe(L2BookSubscription(coin=options.coin)) as books:
            async for item in books:
                if isinstance(item, StreamRestarted):
                    elapsed = trio.current_time() - start
                    print(f"stream restarted {elapsed:.1f} s after subscribing")
                    continue
                updates += 1
                if updates >= options.count:
                    break
        stats = client.statistics()
        print(f"{updates} books over {stats.connections} connection(s)")


async def main(network: Network, options: Options) -> None:
    try:
        await watch(network, options)
    except KeyRejected as exc:
        sys.exit(f"the API key was refused, check it: {exc}")  # final, never retried
    except HandshakeRejected as exc:
        sys.exit(f"the server refused the connection: {exc}")  # any other 4xx: final too
    except ConnectError as exc:
        sys.exit(f"no connection after {SETTINGS.initial_connect_attempts} attempts: {exc}")


async def go_silent(fake: FakeHyperliquid, market: Market) -> None:
    """Offline scenario: stop answering pings (a half-open connection), then recover."""
    await trio.sleep(2)
    fake.go_silent()
    await fake.wait_connections(2)
    fake.answer_pings = True


if __name__ == "__main__":
    run(main, description=__doc__, count=50, scenario=go_silent)
