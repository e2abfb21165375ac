"""The simulated exchange behind ``--offline``, ``demo`` and ``simulate``: one seam.

Every command reaches the simulator through :func:`open_simulator` or :func:`serve`, and they
through ``serve_simulator`` alone.

Until ``trio_hl.testing.serve_simulator`` (the simulated exchange's loopback server) exists,
``serve_simulator`` here is a stand-in with its signature: the test kit's
:class:`~trio_hl.testing.FakeHyperliquid` on a loopback port, fed by a small seeded random
walk (books, trades, best bid and offer, mids of a few coins). Switching to the real one is
replacing the stand-in by its import.
"""

from __future__ import annotations

import random
import time
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, NoReturn

import attrs
import trio

from ..testing import FakeHyperliquid

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

__all__ = ["SimulatorAddress", "open_simulator", "serve_simulator"]


@attrs.frozen(kw_only=True)
class SimulatorAddress:
    """Where a simulator listens."""

    ws_url: str
    http_url: str
    port: int


_COINS: Final = {"BTC": ("108250", "1"), "ETH": ("2427.1", "0.1"), "SOL": ("151.62", "0.01")}
_STEP: Final = 0.2


def _book(rng: random.Random, coin: str, bid: Decimal, tick: Decimal, ms: int) -> dict[str, Any]:
    bids: list[dict[str, Any]] = []
    asks: list[dict[str, Any]] = []
    ask = bid + tick
    for level in range(20):
        for side, px in ((bids, bid - tick * level), (asks, ask + tick * level)):
            side.append({"px": str(px), "sz": f"{rng.randint(1, 90_000) / 10_000:.4f}", "n": 1})
    return {"coin": coin, "time": ms, "levels": [bids, asks]}


async def _walk(fake: FakeHyperliquid, seed: int) -> NoReturn:
    rng = random.Random(seed)
    prices = {coin: (Decimal(px), Decimal(tick)) for coin, (px, tick) in _COINS.items()}
    tid = 455_478_288_652_533
    while True:
        await trio.sleep(_STEP)
        ms = time.time_ns() // 1_000_000
        for coin, (bid, tick) in prices.items():
            bid += tick * rng.choice((-2, -1, 0, 1, 2))
            prices[coin] = (bid, tick)
            book = _book(rng, coin, bid, tick, ms)
            await fake.push("l2Book", book)
            await fake.push(
                "bbo", {"coin": coin, "time": ms, "bbo": [b[0] for b in book["levels"]]}
            )
            tid += rng.randint(1, 40)
            side = rng.choice("AB")
            trade = {
                "coin": coin,
                "side": side,
                "px": str(bid if side == "A" else bid + tick),
                "sz": f"{rng.randint(1, 5_000) / 10_000:.4f}",
                "time": ms,
                "hash": f"0x{rng.getrandbits(256):064x}",
                "tid": tid,
                "users": [f"0x{rng.getrandbits(160):040x}", f"0x{rng.getrandbits(160):040x}"],
            }
            await fake.push("trades", [trade])
        mids = {coin: str(bid + tick / 2) for coin, (bid, tick) in prices.items()}
        await fake.push("allMids", {"mids": mids})


async def serve_simulator(
    *,
    port: int = 0,
    seed: int = 0,
    task_status: trio.TaskStatus[SimulatorAddress] = trio.TASK_STATUS_IGNORED,
) -> NoReturn:
    """Serve the simulated market on ``127.0.0.1:port`` (0: any free port) until cancelled."""
    async with trio.open_nursery() as nursery:
        fake = FakeHyperliquid(nursery)
        bound = await nursery.start(fake.serve_tcp, port)
        nursery.start_soon(_walk, fake, seed)
        task_status.started(
            SimulatorAddress(
                ws_url=f"ws://127.0.0.1:{bound}/ws",
                http_url=f"http://127.0.0.1:{bound}",
                port=bound,
            )
        )
        await trio.sleep_forever()
    raise AssertionError("unreachable")


@asynccontextmanager
async def open_simulator(*, port: int = 0, seed: int = 0) -> AsyncIterator[SimulatorAddress]:
    """Run the simulator for the duration of the block."""
    async with trio.open_nursery() as nursery:
        address: SimulatorAddress = await nursery.start(
            lambda task_status: serve_simulator(port=port, seed=seed, task_status=task_status)
        )
        yield address
        nursery.cancel_scope.cancel(reason="simulator closed")
