"""The simulated exchange behind ``--offline``, ``demo`` and ``simulate``: one seam.

Every command reaches the simulator through :func:`open_simulator`, which runs
:func:`trio_hl.testing.serve_simulator` (the simulated exchange on a loopback port: the
WebSocket API at ``/ws``, the HTTP API beside it) for the duration of a block.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING

import trio

from ..testing import SimulatorAddress, serve_simulator

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator

__all__ = ["SimulatorAddress", "open_simulator"]


@asynccontextmanager
async def open_simulator(*, port: int = 0, seed: int = 0) -> AsyncGenerator[SimulatorAddress, None]:
    """Run the simulator on ``127.0.0.1:port`` (0: a free port) for the duration of the block."""
    async with trio.open_nursery() as nursery:
        address: SimulatorAddress = await nursery.start(
            partial(serve_simulator, port=port, seed=seed)
        )
        yield address
        nursery.cancel_scope.cancel(reason="simulator closed")
