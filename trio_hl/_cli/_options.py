"""What every network command shares: where to connect, logging, errors and Ctrl-C."""

from __future__ import annotations

import logging
import os
import signal
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Final

import trio
from cyclopts import Parameter

from ..errors import ConfigurationError
from ..networks import MAINNET, TESTNET, Network, custom, goldrush
from ._simulator import open_simulator

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Awaitable, Callable

__all__ = [
    "CliError",
    "NetworkOptions",
    "UsageError",
    "open_network",
    "run_until_interrupted",
]

_KNOWN: Final = {MAINNET.ws_url: MAINNET, TESTNET.ws_url: TESTNET}


class CliError(Exception):
    """An expected failure: printed as one line, exit status 1."""


class UsageError(CliError):
    """The command line asks for something impossible: exit status 2."""


@Parameter(name="*")
@dataclass(frozen=True, kw_only=True)
class NetworkOptions:
    """Where to connect. Without any of these: Hyperliquid mainnet."""

    testnet: bool = False
    """Hyperliquid testnet."""

    url: str | None = None
    """Any ws:// or wss:// endpoint speaking the Hyperliquid protocol (GoldRush's URL with
    --goldrush-key-env)."""

    goldrush_key_env: Annotated[str | None, Parameter(name="--goldrush-key-env")] = None
    """GoldRush, with the API key read from this environment variable (never printed)."""

    offline: bool = False
    """The simulated market on loopback: no network, no keys."""

    verbose: Annotated[bool, Parameter(name=["--verbose", "-v"])] = False
    """Log connection events (connects, reconnects, drops) on stderr."""

    def chosen(self) -> list[str]:
        return [
            flag
            for flag, given in (
                ("--testnet", self.testnet),
                ("--url", self.url is not None and self.goldrush_key_env is None),
                ("--goldrush-key-env", self.goldrush_key_env is not None),
                ("--offline", self.offline),
            )
            if given
        ]

    def network(self) -> Network | None:
        """The network asked for, or ``None`` for the simulator (``--offline``).

        Raises:
            UsageError: contradictory options, a bad URL, or the key's variable is unset.
        """
        chosen = self.chosen()
        if len(chosen) > 1:
            raise UsageError(f"choose one of {', '.join(chosen)}")
        try:
            if self.offline:
                return None
            if self.goldrush_key_env is not None:
                key = os.environ.get(self.goldrush_key_env, "").strip()
                if not key:
                    raise UsageError(
                        f"environment variable {self.goldrush_key_env} is empty or not set "
                        "(--goldrush-key-env names the variable holding your GoldRush key)"
                    )
                return goldrush(key) if self.url is None else goldrush(key, url=self.url)
            if self.url is not None:
                return _KNOWN.get(self.url) or custom(self.url)
        except ConfigurationError as exc:
            raise UsageError(str(exc)) from None
        return TESTNET if self.testnet else MAINNET


def configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="trio-hl: %(message)s",
    )
    # Without -v only errors show: a retry or a reconnect is not worth a line of its own
    # (`book` shows the connection, `stream` its restart markers).
    logging.getLogger("trio_hl").setLevel(logging.INFO if verbose else logging.ERROR)


@asynccontextmanager
async def open_network(options: NetworkOptions) -> AsyncGenerator[Network, None]:
    """The network to use for the duration of the block; ``--offline`` runs the simulator."""
    network = options.network()
    configure_logging(options.verbose)
    if network is not None:
        yield network
        return
    async with open_simulator() as address:
        yield custom(address.ws_url, name="simulator", is_mainnet=False)


async def run_until_interrupted(work: Callable[[], Awaitable[object]]) -> bool:
    """Run ``work`` until it returns or the user presses Ctrl-C (or sends SIGTERM).

    A signal cancels ``work`` at its next checkpoint, so its ``finally`` blocks run (a
    recording closes its segment) instead of a ``KeyboardInterrupt`` landing anywhere.
    Returns whether a signal stopped it.
    """
    interrupted = False
    with trio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
        async with trio.open_nursery() as nursery:

            async def watch() -> None:
                nonlocal interrupted
                async for _ in signals:
                    interrupted = True
                    nursery.cancel_scope.cancel(reason="interrupted")
                    return

            nursery.start_soon(watch)
            await work()
            nursery.cancel_scope.cancel(reason="done")
    return interrupted
