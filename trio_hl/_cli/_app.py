"""The command line: every command, its options and its help, on cyclopts.

Exit status: 0 on success (and when Ctrl-C ends a command that runs until stopped), 1 for an
error, 2 for a usage error. An expected failure (a refused key, an unknown coin, no
connection) is one line on stderr, never a traceback.
"""

import os
import sys
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Any, NoReturn, cast

import trio
from cyclopts import App, CycloptsError, Parameter
from rich.console import Console
from rich.text import Text

from ..errors import HyperliquidError, KeyRejected
from ._options import CliError, NetworkOptions, UsageError

__all__ = ["app", "main"]

_DEFAULT_NETWORK = NetworkOptions()

app = App(
    name="trio-hl",
    help="Watch, record and replay Hyperliquid (and GoldRush) feeds; a simulated market.",
    version=version("trio_hl"),
    backend="trio",
    default_parameter=Parameter(negative=()),
    help_format="plaintext",
)

Coins = Annotated[list[str] | None, Parameter(name=["--coin", "-c"])]


@app.command
async def stream(
    channel: str,
    /,
    *,
    coin: Coins = None,
    user: str | None = None,
    interval: str | None = None,
    dex: str | None = None,
    count: Annotated[int | None, Parameter(name=["--count", "-n"])] = None,
    net: NetworkOptions = _DEFAULT_NETWORK,
) -> int:
    """Typed messages of one channel as JSON lines (for jq); restart markers on their own line.

    Args:
        channel: the subscription type: l2Book, trades, bbo, candle, allMids, userFills...
        coin: the coin (repeat for several: one subscription each).
        user: the address, for user channels.
        interval: the candle interval (1m, 5m, 1h...).
        dex: a builder-deployed perp dex.
        count: stop after this many messages (default: run until Ctrl-C).
    """
    from ._channels import requests_for
    from ._stream import run_stream

    requests = requests_for(channel, coins=coin, user=user, interval=interval, dex=dex)
    if count is not None and count < 1:
        raise UsageError("--count must be at least 1")
    await run_stream(net, requests, count=count)
    return 0


@app.command
async def book(
    coin: str,
    /,
    *,
    size: Decimal | None = None,
    levels: int = 10,
    stale: float = 5.0,
    count: Annotated[int | None, Parameter(name=["--count", "-n"])] = None,
    net: NetworkOptions = _DEFAULT_NETWORK,
) -> int:
    """A live order book ladder, redrawn in place.

    Bids and asks with depth bars, spread, mid, depth-weighted mid, the fill price of --size,
    the exchange-to-local delay, the update rate, the connection and its reconnects, and a
    warning when the book goes stale.

    Args:
        coin: the coin (BTC, ETH, PURR/USDC, @107...).
        size: show the average fill price of a market buy and sell of this size.
        levels: price levels shown on each side.
        stale: warn when no book arrived for this many seconds.
        count: stop after this many books (default: run until Ctrl-C).
    """
    from ._book import run_book

    if levels < 1:
        raise UsageError("--levels must be at least 1")
    if size is not None and size <= 0:
        raise UsageError("--size must be positive")
    if count is not None and count < 1:
        raise UsageError("--count must be at least 1")
    await run_book(net, coin, size=size, levels=levels, stale=stale, count=count)
    return 0


@app.command
async def info(
    type: str,
    /,
    *,
    param: Annotated[list[str] | None, Parameter(name=["--param", "-p"])] = None,
    net: NetworkOptions = _DEFAULT_NETWORK,
) -> int:
    """One info query; its typed reply as JSON.

    Args:
        type: the request type: allMids, l2Book, meta, clearinghouseState, openOrders...
        param: a request parameter as NAME=VALUE (repeat for several), e.g. -p coin=BTC.
    """
    from ._info import run_info

    await run_info(net, type, param or [])
    return 0


@app.command
async def record(
    channels: list[str],
    /,
    *,
    out: Path,
    coin: Coins = None,
    user: str | None = None,
    interval: str | None = None,
    dex: str | None = None,
    segment_mb: float = 64.0,
    segment_minutes: float = 60.0,
    net: NetworkOptions = _DEFAULT_NETWORK,
) -> int:
    """Record every raw frame into rotating zstd NDJSON segments, until Ctrl-C.

    Each line holds the frame exactly as received, its local receive time (ns) and the
    connection number; a reconnect is marked by its own line. Ctrl-C closes the current
    segment cleanly.

    Args:
        channels: the subscription types to record (l2Book trades bbo...); --coin applies to
            each channel that takes a coin.
        out: the directory of the segments (created if needed).
        coin: the coin (repeat for several).
        user: the address, for user channels.
        interval: the candle interval.
        dex: a builder-deployed perp dex.
        segment_mb: start a new segment after this many MB of frames.
        segment_minutes: start a new segment after this many minutes.
    """
    from ._channels import requests_for
    from ._record import run_record

    if segment_mb <= 0 or segment_minutes <= 0:
        raise UsageError("--segment-mb and --segment-minutes must be positive")
    requests = [
        request
        for channel in channels
        for request in requests_for(
            channel, coins=coin, user=user, interval=interval, dex=dex, coins_if_taken=True
        )
    ]
    await run_record(
        net,
        requests,
        out,
        segment_bytes=int(segment_mb * 1_000_000),
        segment_seconds=segment_minutes * 60,
    )
    return 0


@app.command
async def replay(
    directory: Path,
    /,
    *,
    speed: str = "1",
    port: int = 8766,
    to_stdout: bool = False,
    start_after: float = 0.5,
) -> int:
    """Serve a recording as a local WebSocket server (or print it with --to-stdout).

    Any client subscribes with the usual messages and receives the recorded frames of its
    subscriptions, byte for byte, with their original timing (at --speed 1).

    Args:
        directory: a directory written by `trio-hl record`.
        speed: 1 for the original timing, 10 for ten times faster, max for no waiting.
        port: the port to listen on (0: any free port) on 127.0.0.1.
        to_stdout: print the recording as typed JSON lines instead of serving it.
        start_after: a connection's replay starts this many seconds after its first
            subscribe, so that a client can send all its subscriptions first.
    """
    from ._replay import parse_speed, run_replay

    await run_replay(
        directory,
        speed=parse_speed(speed),
        port=port,
        to_stdout=to_stdout,
        start_after=start_after,
    )
    return 0


@app.command
async def demo(*, seconds: float | None = None, coin: str = "BTC") -> int:
    """The simulated market on loopback, watched through the real client: no network, no keys.

    Args:
        seconds: stop after this many seconds (default: run until Ctrl-C).
        coin: the coin to watch (BTC, ETH or SOL).
    """
    from ._demo import run_demo

    if seconds is not None and seconds <= 0:
        raise UsageError("--seconds must be positive")
    await run_demo(coin=coin, seconds=seconds)
    return 0


@app.command
async def simulate(*, port: int = 8765, seed: int = 0) -> int:
    """Serve the simulated market on 127.0.0.1 until Ctrl-C, for any client or SDK.

    Args:
        port: the port (0: any free port).
        seed: fixes the simulated market.
    """
    from ._demo import run_simulate

    await run_simulate(port=port, seed=seed)
    return 0


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if isinstance(exc, CliError):
        return text
    if isinstance(exc, KeyRejected):
        # The library's message names goldrush(...); here the key came from a variable.
        return (
            f"KeyRejected: API key rejected (HTTP {exc.status_code}): check the key in the "
            "variable named by --goldrush-key-env"
        )
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _leaf(exc: BaseException) -> BaseException:
    """The one error inside our nurseries' groups (cancellations aside)."""
    while isinstance(exc, BaseExceptionGroup):
        group = cast("BaseExceptionGroup[BaseException]", exc)  # isinstance leaves it unknown
        inner = [e for e in group.exceptions if not isinstance(e, trio.Cancelled)]
        if len(inner) != 1:
            return group
        exc = inner[0]
    return exc


def _fail(status: int, exc: BaseException) -> NoReturn:
    print(f"trio-hl: error: {_one_line(exc)}", file=sys.stderr)
    sys.exit(status)


def _format_usage_error(error: CycloptsError) -> Text:
    return Text(f"trio-hl: error: {' '.join(str(error).split())} (see trio-hl --help)")


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the command line and exit with its status."""
    errors = Console(stderr=True, soft_wrap=True, highlight=False)
    try:
        try:
            result: Any = app(
                sys.argv[1:] if argv is None else argv,
                result_action="return_value",
                error_console=errors,
                error_formatter=_format_usage_error,
            )
        except BaseExceptionGroup as group:
            raise _leaf(group) from None
    except UsageError as exc:
        _fail(2, exc)
    except BrokenPipeError:
        # The reader went away (`| head`): not an error. Point stdout at /dev/null so that
        # the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except (CliError, HyperliquidError, OSError) as exc:
        _fail(1, exc)
    except KeyboardInterrupt:
        # Ctrl-C before a command took over the signal (while starting): nothing to clean.
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)
