"""Streaming benchmarks: trio_hl against its own stack's floor and against the peers.

    uv run --all-groups python benchmarks/run.py [--seconds 0.6] [--rounds 3] [--profile]

(``--all-groups``: the peers and orjson live in the ``bench`` dependency group.)

Not a test: it prints tables. A loopback server (``_server.py``, its own process, plain
sockets) streams pre-serialized realistic frames (``_frames.py``) as fast as the socket
takes them; every client runs in a fresh process of its own (``_clients.py``), one after
the other and interleaved (each round visits every scenario and every client, in a rotated
order), so that a slow minute of the machine does not fall on one client. Reported:

* throughput: median messages/s over the rounds, CPU per message (user + system, every
  thread of the client's process), peak RSS, and the ratio of messages/s to raw
  trio-websocket (``tws``: its defaults + ``json``) and to the tuned floor of trio_hl's own
  stack (``tws-tuned``: trio_hl's 64 KiB reads and queue of 64, + ``orjson``). A wildcard
  "message" is one frame of 200 books: trio_hl delivers 200 typed books per frame.
  ``tws-typed`` bounds what any typed client can do on trio-websocket: the tuned floor with
  trio_hl's sans-IO session decoding every message into the same typed models inline, in
  the consumer's task (no reader task, no fan-out).
* latency: l2Book frames paced at a fixed rate, each stamped with its send time; the
  client records the time from the server's write to the consumer holding the message
  (typed, for trio_hl), median and p99.
* memory: a consumer that stops reading while 100k l2Book frames arrive, RSS sampled as
  they do: trio_hl under keep-latest and fail-on-overflow, and hl-sdk's unbounded queue.
* ``--profile``: a cProfile summary of trio_hl on the l2Book stream, by layer.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import importlib.util
import io
import json
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Final

HERE: Final = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _clients import CLIENTS  # noqa: E402
from _frames import SCENARIOS  # noqa: E402

PEER: Final = "hl-sdk"
FLOOR: Final = "ws-sansio"
TUNED: Final = "tws-tuned"
DEFAULT_SCENARIOS: Final = ("l2book", "trades", "wildcard")
LATENCY_RATE: Final = 2000
LATENCY_SECONDS: Final = 2.0
LATENCY_CLIENTS: Final = ("tws-tuned", "ws-sansio", "trio_hl", "trio_hl:tws", "hl-sdk", "official")
SPARSE_RATE: Final = 5000
SPARSE_SECONDS: Final = 2.0
BLOCK_SECONDS: Final = 2.0
# The peers' import names, by the distribution that installs them (the bench and dev groups).
PEER_MODULES: Final = {"hl-sdk": "hl", "hyperliquid-python-sdk": "hyperliquid", "orjson": "orjson"}
LABELS: Final = {
    "tws": "trio-websocket + json",
    "tws-tuned": "trio-websocket tuned + orjson",
    "tws-typed": "tws tuned + typed, no shell",
    "ws-sansio": "websockets sans-I/O + orjson",
    "ws-typed": "ws sans-I/O + typed, no shell",
    "websockets": "websockets (asyncio) + json",
    "trio_hl": "trio_hl (typed models)",
    "trio_hl:tws": "trio_hl on trio-websocket",
    "hl-sdk": "hl-sdk (dicts)",
    "official": "hyperliquid-python-sdk (dicts)",
}


class Server:
    """The loopback server process."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "_server.py"), *SCENARIOS],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline())
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("the benchmark server did not start")

    def url(self, path: str) -> str:
        return f"ws://127.0.0.1:{self.port}/{path}"

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def run_client(
    client: str, url: str, scenario: str, mode: str, seconds: float, timeout: float = 60
) -> dict[str, Any]:
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / "_clients.py"), client, url, scenario, mode, str(seconds)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"no result within {timeout} s"}
    lines = done.stdout.strip().splitlines()
    if not lines:
        return {"error": f"exit {done.returncode}: {done.stderr.strip()[-300:]}"}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def _mib(size: float) -> str:
    return f"{size / 2**20:.0f}"


def throughput(
    server: Server,
    rounds: int,
    seconds: float,
    clients: tuple[str, ...] = CLIENTS,
    scenarios: tuple[str, ...] = SCENARIOS,
) -> dict[str, dict[str, Any]]:
    results: dict[tuple[str, str], list[dict[str, Any]]] = {}
    failures: dict[tuple[str, str], str] = {}
    for round_ in range(rounds):
        for scenario in scenarios:
            shift = round_ % len(clients)
            for client in clients[shift:] + clients[:shift]:
                if (client, scenario) in failures:
                    continue  # a peer that cannot do a scenario is tried once
                result = run_client(
                    client, server.url(f"{scenario}/flood"), scenario, "throughput", seconds
                )
                if "error" in result:
                    failures[client, scenario] = result["error"]
                    continue
                results.setdefault((client, scenario), []).append(result)
    table: dict[str, dict[str, Any]] = {}
    print(
        f"\nThroughput: median of {rounds} interleaved runs of {seconds} s each (messages/s; "
        "GC: share of wall time in the garbage collector; ratios are messages/s against "
        "hl-sdk, the default engine's bare floor and tuned trio-websocket, same run)\n"
    )
    header = (
        f"{'scenario':<9} {'client':<31} {'msgs/s':>9} {'CPU µs/msg':>11} "
        f"{'peak RSS MiB':>13} {'GC':>5} {'÷ hl-sdk':>9} {'÷ floor':>8} {'÷ tws':>7}"
    )
    print(header)
    print("-" * len(header))
    for scenario in scenarios:
        medians: dict[str, dict[str, float]] = {}
        for client in clients:
            runs = results.get((client, scenario))
            if runs:
                medians[client] = {
                    key: statistics.median(run[key] for run in runs)
                    for key in ("rate", "cpu_us", "peak_rss", "gc_share")
                }
        for client in clients:
            label = LABELS[client]
            if client not in medians:
                reason = failures.get((client, scenario), "not run")
                print(f"{scenario:<9} {label:<31} {'n/a':>9}  {reason[:120]}")
                continue
            row = medians[client]
            ratios = []
            for base in (PEER, FLOOR, TUNED):
                rate = medians.get(base, {}).get("rate")
                ratios.append(f"{row['rate'] / rate:.2f}x" if rate else "-")
            print(
                f"{scenario:<9} {label:<31} {row['rate']:>9,.0f} {row['cpu_us']:>11,.1f} "
                f"{_mib(row['peak_rss']):>13} {row['gc_share']:>5.0%} {ratios[0]:>9} "
                f"{ratios[1]:>8} {ratios[2]:>7}"
            )
            table[f"{scenario}/{client}"] = row
        print()
    return table


ABLATION: Final = (
    "tws-tuned",
    "trio_hl:baseline",
    "trio_hl:-text",
    "trio_hl:-fast",
    "trio_hl:-msgspec",
    "trio_hl:-lazy",
    "trio_hl",
)
ABLATION_LABELS: Final = {
    "trio_hl:baseline": "none",
    "trio_hl:-text": "all but decoding straight from text",
    "trio_hl:-fast": "all but the converter's fast path",
    "trio_hl:-msgspec": "all but msgspec parsing (json instead)",
    "trio_hl:-lazy": "all but yielding between coins",
    "trio_hl": "all",
}


def ablation(server: Server, rounds: int, seconds: float) -> None:
    """trio_hl with each decode-path optimisation turned off in turn (see _clients.disable)."""
    runs: dict[tuple[str, str], list[float]] = {}
    for round_ in range(rounds):
        for scenario in SCENARIOS:
            shift = round_ % len(ABLATION)
            for client in ABLATION[shift:] + ABLATION[:shift]:
                result = run_client(
                    client, server.url(f"{scenario}/flood"), scenario, "throughput", seconds
                )
                if "rate" in result:
                    runs.setdefault((client, scenario), []).append(result["rate"])
    print(f"What each optimisation buys: trio_hl messages/s (÷ tuned floor), median of {rounds}\n")
    print(f"{'optimisations on':<40}" + "".join(f"{s:>18}" for s in SCENARIOS))
    for client in ABLATION[1:]:
        cells = []
        for scenario in SCENARIOS:
            rate = statistics.median(runs.get((client, scenario), [0.0]))
            floor = statistics.median(runs.get(("tws-tuned", scenario), [0.0]))
            ratio = f"({rate / floor:.2f}x)" if floor else ""
            cells.append(f"{rate:>10,.0f} {ratio:>7}")
        print(f"{ABLATION_LABELS[client]:<40}" + "".join(f"{c:>18}" for c in cells))
    print()


def latency(server: Server) -> None:
    print(
        f"Latency: l2Book frames paced at {LATENCY_RATE}/s for {LATENCY_SECONDS} s, server "
        "write -> consumer holds the message (µs)\n"
    )
    print(f"{'client':<31} {'median':>8} {'p99':>8}")
    for client in LATENCY_CLIENTS:
        result = run_client(
            client,
            server.url(f"latency/paced/{LATENCY_RATE}"),
            "latency",
            "latency",
            LATENCY_SECONDS,
        )
        if "error" in result or "latency_median_us" not in result:
            print(f"{LABELS[client]:<31} {'n/a':>8}  {result.get('error', 'no samples')[:100]}")
            continue
        print(
            f"{LABELS[client]:<31} {result['latency_median_us']:>8,.0f} "
            f"{result['latency_p99_us']:>8,.0f}"
        )
    print()


def sparse(server: Server) -> None:
    """The keep-latest target: the reader's CPU per wire message against a typed decode,
    with a consumer reading one book in ten (and, for scale, one reading every book)."""
    print(
        f"Keep-latest: l2Book paced at {SPARSE_RATE}/s; thread CPU per task (µs): the reader "
        "per wire message, the consumer per book it read (it decodes it); and the process\n"
    )
    for every, label in ((10, "keep_latest(1), 1 book in 10"), (1, "block(1024), every book")):
        result = run_client(
            "trio_hl",
            server.url(f"latency/paced/{SPARSE_RATE}"),
            str(every),
            "sparse",
            SPARSE_SECONDS,
        )
        if "error" in result:
            print(f"  {label:<30} n/a  {result['error'][:100]}")
            continue
        ratio = result["reader_per_wire_us"] / result["consumer_per_read_us"]
        print(
            f"  {label:<30} reader {result['reader_per_wire_us']:>6.1f} /wire msg, consumer "
            f"{result['consumer_per_read_us']:>6.1f} /read, process "
            f"{result['cpu_per_wire_us']:>6.1f} /wire msg; reader ÷ consumer {ratio:.0%}"
            + (" (target <= 30%)" if every > 1 else "")
        )
    print()


def block(server: Server) -> None:
    """The event-loop target: the longest task step while 1.1 MB wildcard frames arrive."""
    print(
        f"Event loop: trio_hl on the wildcard flood (1.1 MB frames) for {BLOCK_SECONDS} s; "
        "the longest task step (target <= 2 ms) and the p99 (µs)\n"
    )
    for client in ("trio_hl", "trio_hl:tws"):
        result = run_client(
            client, server.url("wildcard/flood"), "wildcard", "block", BLOCK_SECONDS
        )
        if "error" in result:
            print(f"  {LABELS[client]:<31} n/a  {result['error'][:100]}")
            continue
        print(
            f"  {LABELS[client]:<31} max {result['max_step_us']:>7,.0f}  p99 "
            f"{result['p99_step_us']:>6,.0f}  ({result['steps']:,} steps, "
            f"{result['frames']:,} frames)"
        )
    print()


def compression() -> None:
    """permessage-deflate's trade-off, offline: bytes on the wire against the CPU to inflate.

    Frames are deflated as a server with context takeover does (one compressor for the
    connection, a sync flush per message, RFC 7692) and inflated as websockets does. The
    CPU is set against trio_hl's typed decode of the same frames.
    """
    import zlib

    from _frames import frames_for

    from trio_hl._protocol._session import Limits, Session

    print(
        "Compression: permessage-deflate (context takeover), bytes per frame and CPU per "
        "frame to inflate, against the typed decode of the same frames\n"
    )
    print(
        f"{'scenario':<9} {'raw bytes':>10} {'deflated':>9} {'saved':>6} "
        f"{'inflate µs':>11} {'decode µs':>10} {'inflate/decode':>15}"
    )
    for scenario, body in (
        ("l2book", {"type": "l2Book", "coin": "BTC"}),
        ("trades", {"type": "trades", "coin": "BTC"}),
        ("wildcard", {"type": "l2Book"}),
    ):
        frames = [frame.encode() for frame in frames_for(scenario)][:2000]
        compressor = zlib.compressobj(wbits=-15)
        deflated = []
        for data in frames:
            chunk = compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)
            deflated.append(chunk[:-4])  # RFC 7692: the flush's 00 00 ff ff is implied
        inflater = zlib.decompressobj(wbits=-15)
        started = time.process_time()
        for chunk in deflated:
            inflater.decompress(chunk + b"\x00\x00\xff\xff")
        inflate = (time.process_time() - started) / len(deflated)
        session = Session(Limits(max_subscriptions=None, max_users=None))
        session.connection_made()
        session.subscribe(body)
        texts = [data.decode() for data in frames]
        started = time.process_time()
        for text in texts:
            for _ in session.receive_iter(text):
                pass
        decode = (time.process_time() - started) / len(texts)
        raw = statistics.mean(len(data) for data in frames)
        packed = statistics.mean(len(chunk) for chunk in deflated)
        print(
            f"{scenario:<9} {raw:>10,.0f} {packed:>9,.0f} {1 - packed / raw:>6.0%} "
            f"{inflate * 1e6:>11,.1f} {decode * 1e6:>10,.1f} {inflate / decode:>15.0%}"
        )
    print()


def memory(server: Server) -> None:
    print(
        "Memory: the consumer reads one l2Book and stops while 100k more arrive "
        "(RSS MiB after 10k frames / at the end / highest seen)\n"
    )
    print(
        f"{'client':<38} {'frames':>7} {'RSS 10k':>8} {'end':>6} {'max':>6} "
        f"{'peak buf':>9} {'dropped':>8}  outcome"
    )
    for client, label in (
        ("trio_hl:latest", "trio_hl keep_latest(1)"),
        ("trio_hl:fail", "trio_hl fail_on_overflow(1024)"),
        ("hl-sdk", "hl-sdk (asyncio.Queue, unbounded)"),
    ):
        result = run_client(
            client, server.url("l2book/count/100000"), "memory", "memory", 0, timeout=120
        )
        if "error" in result:
            print(f"{label:<38} n/a  {result['error'][:100]}")
            continue
        print(
            f"{label:<38} {result['frames']:>7,} {_mib(result['rss_early']):>8} "
            f"{_mib(result['rss_end']):>6} {_mib(result['rss_max']):>6} "
            f"{result['peak_buffered']:>9,} {result['dropped']:>8,}  {result['outcome']}"
        )
    print()


def profile(server: Server, seconds: float, scenario: str = "l2book") -> None:
    """Where trio_hl's time goes on one stream, grouped by layer (steady state only)."""
    import _clients
    import trio

    profiler = cProfile.Profile()

    class Done(Exception):
        pass

    class Profiled(_clients.Meter):
        def tick(self, stamp: int | None = None) -> bool:
            if self.count == 0:
                profiler.enable()
                self.start = time.perf_counter()
            self.count += 1
            if time.perf_counter() - self.start >= self.seconds:
                profiler.disable()
                raise Done
            return False

    meter = Profiled(seconds)

    async def bounded() -> None:
        with trio.move_on_after(seconds + 10):
            await _clients._trio_hl(server.url(f"{scenario}/flood"), scenario, meter)

    # The run ends by an exception from the consumer; the profile is what we want.
    with contextlib.suppress(BaseException):
        trio.run(bounded)
    stats = pstats.Stats(profiler, stream=io.StringIO())
    groups: dict[str, float] = {}
    total = 0.0
    raw: Any = stats.stats  # type: ignore[attr-defined]
    for (filename, _, _), (_, _, tottime, _, _) in raw.items():
        total += tottime
        if "trio_websocket" in filename:
            group = "trio_websocket"
        elif "wsproto" in filename or "h11" in filename:
            group = "wsproto"
        elif "/trio_hl/" in filename or "trio_hl fast" in filename or "cattrs" in filename:
            group = "trio_hl (session, decode, fan-out)"
        elif "/trio/" in filename:
            group = "trio (scheduler, sockets)"
        elif filename == "~":
            group = "C builtins (JSON, Decimal, recv, ...)"
        else:
            group = "other: " + filename[-40:]
        groups[group] = groups.get(group, 0.0) + tottime
    print(f"Profile: trio_hl on {scenario} for {seconds} s, {meter.count:,} messages (own time)\n")
    for group, spent in sorted(groups.items(), key=lambda item: -item[1])[:8]:
        per = spent / max(meter.count, 1) * 1e6
        print(f"  {group:<46} {spent / total:>6.1%}  {per:>6.1f} µs/msg")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(20)
    print("\n  top functions by own time (cProfile inflates Python-level calls):")
    for line in out.getvalue().splitlines():
        if line.strip() and ("{" in line or "/" in line or "<" in line):
            print("   ", line.strip()[:150])
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.6, help="per throughput run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="add a cProfile summary")
    parser.add_argument("--clients", default=",".join(CLIENTS), help="comma-separated")
    parser.add_argument(
        "--scenarios",
        default=",".join(DEFAULT_SCENARIOS),
        help=f"comma-separated, of {','.join(SCENARIOS)}",
    )
    parser.add_argument(
        "--only",
        choices=[
            "throughput",
            "ablation",
            "latency",
            "sparse",
            "block",
            "compression",
            "memory",
            "profile",
        ],
        default=None,
        help="one part (default: all but ablation and profile)",
    )
    args = parser.parse_args()
    missing = [name for name, mod in PEER_MODULES.items() if not importlib.util.find_spec(mod)]
    if missing:
        # A side-by-side table without its peers says nothing; a plain `uv sync` after an
        # `--all-groups` one can leave a peer's dist-info behind without its package, which
        # uv then takes as installed: reinstalling is the fix.
        fix = " ".join(f"--reinstall-package {name}" for name in missing)
        sys.exit(f"not importable: {', '.join(missing)}; run `uv sync --all-groups {fix}`")
    started = time.monotonic()
    server = Server()
    try:
        if args.only in (None, "throughput"):
            throughput(
                server,
                args.rounds,
                args.seconds,
                tuple(args.clients.split(",")),
                tuple(args.scenarios.split(",")),
            )
        if args.only == "ablation":
            ablation(server, args.rounds, args.seconds)
        if args.only in (None, "latency"):
            latency(server)
        if args.only in (None, "sparse"):
            sparse(server)
        if args.only in (None, "block"):
            block(server)
        if args.only in (None, "compression"):
            compression()
        if args.only in (None, "memory"):
            memory(server)
        if args.profile or args.only == "profile":
            # The first scenario asked for (l2book by default).
            profile(server, 3.0, args.scenarios.split(",")[0])
    finally:
        server.close()
    print(f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
