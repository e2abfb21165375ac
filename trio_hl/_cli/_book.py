"""``trio-hl book``: a live ladder of one coin's book, redrawn in place with rich's ``Live``.

:class:`BookScreen` holds what the screen shows and renders it; it does no I/O, so a test
renders it to a recording console. :func:`watch_book` feeds it from a client.
"""

from __future__ import annotations

import time
from collections import deque
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import trio
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .._client import open_client
from ..books import L2View
from ..models.market import L2Book
from ..models.subscriptions import L2BookSubscription, StreamRestarted
from ._options import run_until_interrupted

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import RenderableType

    from .._client import Client
    from ..models.market import L2Level
    from ._options import NetworkOptions

__all__ = ["BookScreen", "run_book", "watch_book"]

_BAR: Final = 24
_RATE_WINDOW: Final = 5.0


def _fmt(value: Decimal | None, places: int | None = None) -> str:
    if value is None:
        return "-"
    if places is not None:
        return f"{value:,.{places}f}"
    return f"{value.normalize():,f}"


def _places(levels: tuple[L2Level, ...], field: str) -> int:
    """Decimal places of ``field`` (``px`` or ``sz``) among ``levels``, to align a column."""
    places = 0
    for level in levels:
        exponent = getattr(level, field).as_tuple().exponent
        if isinstance(exponent, int):
            places = max(places, -exponent)
    return places


class BookScreen:
    """What the ladder shows: the latest book, its timing, and the connection's state."""

    def __init__(
        self,
        coin: str,
        *,
        levels: int = 10,
        size: Decimal | None = None,
        stale_after: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.coin = coin
        self.levels = levels
        self.size = size
        self.stale_after = stale_after
        self._clock = clock
        self.book: L2Book | None = None
        self.received_at: float | None = None
        self.delay_ms: int | None = None
        self.updates = 0
        self._times: deque[float] = deque()
        self.connected = False
        self.connections = 0
        self.restarts = 0

    def on_book(self, book: L2Book, *, local_ms: int | None = None) -> None:
        now = self._clock()
        self.book = book
        self.received_at = now
        self.updates += 1
        self._times.append(now)
        local = time.time_ns() // 1_000_000 if local_ms is None else local_ms
        self.delay_ms = local - book.time
        while self._times and now - self._times[0] > _RATE_WINDOW:
            self._times.popleft()

    def on_restart(self) -> None:
        self.restarts += 1

    def on_connection(self, *, connected: bool, connections: int) -> None:
        self.connected = connected
        self.connections = connections

    @property
    def rate(self) -> float:
        """Books per second over the last few seconds."""
        now = self._clock()
        recent = [t for t in self._times if now - t <= _RATE_WINDOW]
        if len(recent) < 2:
            return 0.0
        span = max(now - recent[0], recent[-1] - recent[0])
        return (len(recent) - 1) / span if span > 0 else 0.0

    @property
    def stale_for(self) -> float | None:
        """Seconds since the last book, when that is longer than ``stale_after``."""
        if self.received_at is None:
            return None
        idle = self._clock() - self.received_at
        return idle if idle >= self.stale_after else None

    def _ladder(self, book: L2Book) -> Table:
        bids, asks = book.levels[0][: self.levels], book.levels[1][: self.levels]
        deepest = max(
            (sum((level.sz for level in side), Decimal(0)) for side in (bids, asks)),
            default=Decimal(0),
        )
        table = Table(box=None, pad_edge=False, show_edge=False, expand=False)
        table.add_column("depth", justify="right", no_wrap=True, min_width=_BAR)
        table.add_column("size", justify="right", no_wrap=True)
        table.add_column("price", justify="right", no_wrap=True)
        table.add_column("n", justify="right", no_wrap=True)

        def bar(total: Decimal, style: str) -> Text:
            width = 0 if deepest <= 0 else round(float(total / deepest) * _BAR)
            return Text("█" * width, style=style)

        px_places = _places(bids + asks, "px")
        sz_places = _places(bids + asks, "sz")

        def rows(side: tuple[L2Level, ...], style: str) -> list[tuple[Text, str, Text, str]]:
            out: list[tuple[Text, str, Text, str]] = []
            total = Decimal(0)
            for level in side:
                total += level.sz
                px = Text(_fmt(level.px, px_places), style)
                out.append((bar(total, style), _fmt(level.sz, sz_places), px, str(level.n)))
            return out

        for row in reversed(rows(asks, "red")):
            table.add_row(*row)
        view = L2View.of(book)
        spread = view.spread
        bps = view.spread_bps
        table.add_row(
            Text("spread", style="bold"),
            "",
            Text(_fmt(spread), style="bold"),
            Text(f"{bps:.2f} bps" if bps is not None else "", style="dim"),
        )
        for row in rows(bids, "green"):
            table.add_row(*row)
        return table

    def _summary(self, book: L2Book) -> Text:
        view = L2View.of(book)
        places = _places(book.levels[0][:5] + book.levels[1][:5], "px") + 1
        text = Text()
        text.append(f"mid {_fmt(view.mid, places)}")
        text.append(f"   depth-weighted mid (5) {_fmt(view.depth_weighted_mid(5), places)}")
        if self.size is not None:
            for side in ("buy", "sell"):
                estimate = view.estimate_fill(side, self.size)
                average = _fmt(estimate.average_px, places)
                note = "" if estimate.complete else f" (only {_fmt(estimate.filled_size)})"
                text.append(f"\n{side} {_fmt(self.size)}: average {average}{note}")
        return text

    def status(self) -> Text:
        """The connection, the update rate and the delay, and a stale warning."""
        text = Text()
        if self.connected:
            text.append("● connected", style="green")
        else:
            text.append("○ disconnected: reconnecting", style="bold red")
        text.append(f"   connection {self.connections}, {self.restarts} reconnect(s)")
        text.append(f"   {self.rate:.1f} books/s, {self.updates} books")
        if self.delay_ms is not None:
            text.append(f"   delay {self.delay_ms} ms")
        stale = self.stale_for
        if stale is not None:
            text.append(f"\nSTALE: no book for {stale:.1f} s", style="bold yellow")
        return text

    def render(self, *, status: bool = True) -> RenderableType:
        """The screen; without ``status``, the book alone (see :meth:`status`)."""
        title = Text(f"{self.coin} order book", style="bold")
        parts: list[RenderableType] = [title]
        if self.book is None:
            parts.append(Text("waiting for the first book...", style="dim"))
        else:
            parts += [self._ladder(self.book), self._summary(self.book)]
        if status:
            parts.append(self.status())
        return Group(*parts)


async def watch_book(
    client: Client,
    screen: BookScreen,
    *,
    redraw: Callable[[], None],
    count: int | None = None,
) -> None:
    """Feed ``screen`` from the client's book of ``screen.coin``; ``redraw`` after each change.

    Returns after ``count`` books (``None``: runs until cancelled). The screen is also
    redrawn every half second, so that the connection state and a stale book show while
    no book arrives.
    """

    def refresh() -> None:
        stats = client.statistics()
        screen.on_connection(connected=stats.connected, connections=stats.connections)
        redraw()

    async def tick() -> None:
        while True:
            await trio.sleep(0.5)
            refresh()

    async with trio.open_nursery() as nursery:
        nursery.start_soon(tick)
        async with client.subscribe(L2BookSubscription(coin=screen.coin)) as books:
            async for message in books:
                if isinstance(message, StreamRestarted):
                    screen.on_restart()
                elif isinstance(message, L2Book):
                    screen.on_book(message)
                refresh()
                if count is not None and screen.updates >= count:
                    break
        nursery.cancel_scope.cancel(reason="done")


async def run_book(
    options: NetworkOptions,
    coin: str,
    *,
    size: Decimal | None,
    levels: int,
    stale: float,
    count: int | None,
    console: Console | None = None,
) -> None:
    from rich.live import Live

    from ._options import open_network

    screen = BookScreen(coin, levels=levels, size=size, stale_after=stale)

    async def work() -> None:
        async with open_network(options) as network, open_client(network) as client:
            with Live(
                screen.render(), console=console, auto_refresh=False, transient=False
            ) as live:
                await watch_book(
                    client,
                    screen,
                    redraw=lambda: live.update(screen.render(), refresh=True),
                    count=count,
                )
            if not live.console.is_terminal:
                live.console.line()  # off a terminal, Live prints its last frame unterminated

    await run_until_interrupted(work)
