"""``trio-hl demo`` and ``trio-hl simulate``: the simulated market, watched or served."""

from __future__ import annotations

import math
from collections import deque
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

import trio
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .._client import open_client
from ..models.market import Trade, Trades
from ..models.subscriptions import TradesSubscription
from ..networks import custom
from ._book import BookScreen, watch_book
from ._options import configure_logging, run_until_interrupted
from ._simulator import open_simulator

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["TradeTape", "run_demo", "run_simulate"]

_TAPE: Final = 10


class TradeTape:
    """The latest trades, newest first."""

    def __init__(self, rows: int = _TAPE) -> None:
        self.trades: deque[Trade] = deque(maxlen=rows)
        self.count = 0

    def on_trades(self, trades: Trades) -> None:
        for trade in trades.trades:
            self.trades.appendleft(trade)
            self.count += 1

    def render(self) -> RenderableType:
        table = Table(box=None, pad_edge=False, title_justify="left")
        table.add_column("time", no_wrap=True)
        table.add_column("side", no_wrap=True)
        table.add_column("size", justify="right", no_wrap=True)
        table.add_column("price", justify="right", no_wrap=True)
        for trade in self.trades:
            when = datetime.fromtimestamp(trade.time / 1000, UTC).strftime("%H:%M:%S.%f")[:-3]
            buy = trade.side == "B"
            style = "green" if buy else "red"
            table.add_row(
                when,
                Text("buy" if buy else "sell", style=style),
                f"{trade.sz:f}",
                Text(f"{trade.px:,f}", style=style),
            )
        return Group(Text(f"trades ({self.count} so far)", style="bold"), table)


async def run_demo(*, coin: str, seconds: float | None, console: Console | None = None) -> None:
    from rich.columns import Columns
    from rich.live import Live

    configure_logging(verbose=False)
    screen = BookScreen(coin, levels=8, size=None)
    tape = TradeTape()

    def render() -> RenderableType:
        note = Text(
            "simulated market on loopback TCP, through the real client and protocol"
            " (Ctrl-C to stop)",
            style="dim",
        )
        book_and_tape = Columns([screen.render(status=False), tape.render()], padding=(0, 4))
        return Group(note, book_and_tape, screen.status())

    async def work() -> None:
        async with open_simulator() as address:
            network = custom(address.ws_url, name="simulator", is_mainnet=False)
            async with open_client(network) as client:
                with Live(render(), console=console, auto_refresh=False) as live:

                    def redraw() -> None:
                        live.update(render(), refresh=True)

                    async def trades() -> None:
                        async with client.subscribe(TradesSubscription(coin=coin)) as stream:
                            async for message in stream:
                                if isinstance(message, Trades):
                                    tape.on_trades(message)
                                    redraw()

                    with trio.move_on_after(math.inf if seconds is None else seconds):
                        async with trio.open_nursery() as nursery:
                            nursery.start_soon(trades)
                            await watch_book(client, screen, redraw=redraw)
                if not live.console.is_terminal:
                    live.console.line()  # off a terminal, Live prints its last frame unterminated

    await run_until_interrupted(work)


async def run_simulate(*, port: int, seed: int) -> None:
    configure_logging(verbose=False)

    async def work() -> None:
        async with open_simulator(port=port, seed=seed) as address:
            print(
                f"simulated market (seed {seed}) on {address.ws_url} (HTTP {address.http_url});"
                " Ctrl-C to stop",
                flush=True,
            )
            await trio.sleep_forever()

    await run_until_interrupted(work)
