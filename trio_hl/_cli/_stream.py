"""``trio-hl stream``: typed messages as JSON lines."""

from __future__ import annotations

import sys
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, Any, TextIO

import trio

from .._client import open_client
from ._options import run_until_interrupted
from ._output import to_json

if TYPE_CHECKING:
    from ..models.subscriptions import SubscriptionRequest
    from ._options import NetworkOptions

__all__ = ["run_stream"]


async def run_stream(
    options: NetworkOptions,
    requests: list[SubscriptionRequest[Any]],
    *,
    count: int | None,
    out: TextIO | None = None,
) -> None:
    """Subscribe to every request and write each message as a line of JSON to ``out``.

    Each line is flushed at once, so a pipe (``| jq``) sees every message as it arrives.
    """
    from ._options import open_network

    write = (out or sys.stdout).write
    flush = (out or sys.stdout).flush
    written = 0

    async def pump(stream: Any, done: trio.Event) -> None:
        nonlocal written
        async for message in stream:
            write(to_json(message) + "\n")
            flush()
            written += 1
            if count is not None and written >= count:
                done.set()
                return

    async def work() -> None:
        done = trio.Event()
        async with (
            open_network(options) as network,
            open_client(network) as client,
            AsyncExitStack() as stack,
            trio.open_nursery() as nursery,
        ):
            for request in requests:
                stream = await stack.enter_async_context(client.subscribe(request))
                nursery.start_soon(pump, stream, done)
            await done.wait()
            nursery.cancel_scope.cancel(reason="count reached")

    await run_until_interrupted(work)
