"""The shell's cost per message, counted without a network: instructions (or CPU) per message.

    uv run --all-groups python benchmarks/instructions.py                 # CPU µs/msg, 5 rounds
    uv run --all-groups python benchmarks/instructions.py --instructions  # under callgrind (slow)
    uv run --all-groups python benchmarks/instructions.py --one CLIENT SCENARIO COUNT

Not a test: it prints a table. ``run.py`` measures against a loopback server in another
process, which is what a user sees, but on a shared 2-core machine its figures move by
20-30 % between runs. Here the clients of ``_clients.py`` that run on trio_hl's engines
(the bare floor ``ws-sansio``, ``ws-typed``, ``trio_hl``) read a fixed number of
pre-framed messages from :class:`ReplayStream`, an in-memory stream that hands out up to
64 KiB per read as a flooded socket does (with a socket's checkpoints), in one process: no
server, no socket, no other process. Reported per message, after a warm-up:

* ``--instructions``: instructions executed, counted by valgrind's callgrind (instrumenting
  from the first counted message on): the same on every run, whatever else the machine
  does. An instruction is not a nanosecond (cache misses and branches are not counted),
  so compare clients, not machines.
* default: CPU time (user + system) of the process, the median over interleaved rounds.

The peers cannot be replayed (they open their own sockets); ``run.py`` compares with them.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

HERE: Final = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _clients  # noqa: E402
from _frames import subscription_for  # noqa: E402
from _server import _GUID, _blob, encode  # noqa: E402  # pyright: ignore[reportPrivateUsage]

if TYPE_CHECKING:
    import trio

CLIENTS: Final = ("ws-sansio", "ws-typed", "trio_hl")
SCENARIOS: Final = ("l2book", "trades", "wildcard")
COUNTS: Final = {"l2book": 3000, "trades": 6000, "wildcard": 8}
"""Messages counted in each scenario (a wildcard message: a frame of 200 books)."""
WARMUP: Final = {"l2book": 500, "trades": 1000, "wildcard": 2}
"""Messages before the count starts (first-time costs: decoders built, caches filled)."""
CPU_SCALE: Final = 5
"""The CPU runs are this many times longer than the instruction runs (they are cheap)."""


class ReplayStream:
    """A ``trio.abc.Stream`` serving one scenario's frames to a client, then nothing.

    It answers the WebSocket upgrade (no extensions), acknowledges the first frame the
    client sends (its subscribe) the way the benchmark server does, then serves ``count``
    data frames, at most ``max_bytes`` per read.
    """

    def __init__(self, scenario: str, count: int) -> None:
        import trio

        self._scenario = scenario
        self._count = count
        self._data = b""
        self._pos = 0
        # After the acknowledgement: the scenario's frames in a cycle, up to ``_left`` bytes.
        self._blob = b""
        self._left = 0
        self._served = 0
        self._handshaken = False
        self._subscribed = False
        self._more = trio.Event()

    def _serve(self, data: bytes) -> None:
        import trio

        self._data = self._data[self._pos :] + data
        self._pos = 0
        self._more.set()
        self._more = trio.Event()

    async def send_all(self, data: bytes | bytearray | memoryview) -> None:
        import trio

        await trio.lowlevel.checkpoint()
        if not self._handshaken:
            self._handshaken = True
            head = bytes(data).decode("latin-1")
            key = next(
                line.split(":", 1)[1].strip()
                for line in head.split("\r\n")
                if line.lower().startswith("sec-websocket-key:")
            )
            accept = base64.b64encode(hashlib.sha1(key.encode() + _GUID).digest())
            self._serve(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n"
            )
        elif not self._subscribed:
            self._subscribed = True
            body = subscription_for(self._scenario)
            ack = {
                "channel": "subscriptionResponse",
                "data": {"method": "subscribe", "subscription": body},
            }
            self._blob, frames = _blob(self._scenario)
            cycles, rest = divmod(self._count, len(frames))
            self._left = cycles * len(self._blob) + sum(len(frame) for frame in frames[:rest])
            self._serve(encode(json.dumps(ack).encode()))

    async def wait_send_all_might_not_block(self) -> None:
        import trio

        await trio.lowlevel.checkpoint()

    async def send_eof(self) -> None:
        import trio

        await trio.lowlevel.checkpoint()

    async def receive_some(self, max_bytes: int | None = None) -> bytes:
        import trio

        # As a socket with data ready: a cancel point before, a schedule point after.
        await trio.lowlevel.checkpoint_if_cancelled()
        size = max_bytes or 65536
        while self._pos >= len(self._data) and not self._left:
            await self._more.wait()
        if self._pos < len(self._data):
            chunk = self._data[self._pos : self._pos + size]
            self._pos += len(chunk)
        else:
            # The cycle of frames, as a flooded socket delivers it: up to ``size`` bytes.
            start = self._served % len(self._blob)
            chunk = self._blob[start : start + min(size, self._left)]
            if len(chunk) < min(size, self._left):
                chunk += self._blob[: min(size, self._left) - len(chunk)]
            self._served += len(chunk)
            self._left -= len(chunk)
        await trio.lowlevel.cancel_shielded_checkpoint()
        return chunk

    async def aclose(self) -> None:
        import trio

        await trio.lowlevel.checkpoint()


class Counted(_clients.Meter):
    """Skips ``warmup`` messages, counts ``count`` more, then prints the CPU they took and
    exits. Under callgrind (``instrument``), instructions are counted from the first
    counted message on: the interpreter's start, the imports and the connection are not."""

    def __init__(self, count: int, warmup: int, *, instrument: bool) -> None:
        super().__init__(0.0)
        self.total = count
        self.warmup = warmup
        self.instrument = instrument

    def tick(self, stamp: int | None = None) -> bool:
        self.count += 1
        if self.count == self.warmup:
            if self.instrument:
                subprocess.run(
                    ["callgrind_control", "--instr=on", str(os.getpid())],
                    capture_output=True,
                    check=True,
                )
            self.cpu = time.process_time()
        elif self.count == self.warmup + self.total:
            _clients.emit({"messages": self.total, "cpu": time.process_time() - self.cpu})
        return False


def one(client: str, scenario: str, count: int, *, instrument: bool = False) -> None:
    """Run one client over a replay of ``count`` messages after a warm-up (in this process)."""
    import trio

    warmup = WARMUP[scenario]

    async def connect() -> trio.abc.Stream:
        await trio.lowlevel.checkpoint()
        stream: Any = ReplayStream(scenario, warmup + count + 1)
        return stream  # type: ignore[no-any-return]

    _clients.CONNECT_STREAM = connect
    _clients.REQUEST_TIMEOUT = 600.0
    meter = Counted(count, warmup, instrument=instrument)
    url = "ws://replay.invalid/"
    if client in ("ws-sansio", "ws-typed"):
        ws_sansio = _clients._ws_sansio  # pyright: ignore[reportPrivateUsage]
        trio.run(lambda: ws_sansio(url, scenario, meter, typed=client == "ws-typed"))
    elif client == "trio_hl" or client.startswith("trio_hl:"):
        variant = client.partition(":")[2]
        if variant.startswith("-"):
            _clients.disable({variant[1:]})
        trio.run(_clients._trio_hl, url, scenario, meter, "websockets")  # pyright: ignore[reportPrivateUsage]
    raise RuntimeError(f"{client} ended before {count} messages")


def _run(client: str, scenario: str, count: int, *, callgrind: bool) -> float:
    """Instructions (callgrind) or CPU seconds of ``count`` messages, in a fresh process."""
    command = [sys.executable, str(Path(__file__)), "--one", client, scenario, str(count)]
    if not callgrind:
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        cpu: float = json.loads(done.stdout.strip().splitlines()[-1])["cpu"]
        return cpu
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--instr-atstart=no",
                f"--callgrind-out-file={out}",
                *command,
                "--instrument",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        for line in done.stderr.splitlines():
            if "Collected :" in line:
                return float(line.split(":")[1])
    raise RuntimeError(f"no instruction count from callgrind: {done.stderr[-300:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--instructions", action="store_true", help="count under callgrind")
    parser.add_argument("--rounds", type=int, default=5, help="CPU mode: interleaved rounds")
    parser.add_argument("--clients", default=",".join(CLIENTS))
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--one", nargs=3, metavar=("CLIENT", "SCENARIO", "COUNT"))
    parser.add_argument("--instrument", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        client, scenario, count = args.one
        one(client, scenario, int(count), instrument=args.instrument)
        return
    clients = args.clients.split(",")
    rounds = 1 if args.instructions else args.rounds
    scale = 1 if args.instructions else CPU_SCALE
    per: dict[tuple[str, str], list[float]] = {}
    for round_ in range(rounds):
        for scenario in args.scenarios.split(","):
            count = COUNTS[scenario] * scale
            shift = round_ % len(clients)
            for client in clients[shift:] + clients[:shift]:
                cost = _run(client, scenario, count, callgrind=args.instructions)
                per.setdefault((client, scenario), []).append(cost / count)
    unit = "instructions/msg" if args.instructions else "CPU µs/msg"
    print(f"\nReplay ({unit}; median of {rounds}; ratio to ws-typed, the no-shell bound)\n")
    for scenario in args.scenarios.split(","):
        bound = statistics.median(per.get(("ws-typed", scenario), [0.0]))
        for client in clients:
            value = statistics.median(per[client, scenario])
            shown = f"{value:,.0f}" if args.instructions else f"{value * 1e6:,.1f}"
            ratio = f"{value / bound:.2f}x" if bound else "-"
            print(f"{scenario:<9} {client:<24} {shown:>14} {ratio:>7}")
        print()


if __name__ == "__main__":
    main()
