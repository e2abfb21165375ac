"""One benchmark client per process: ``python _clients.py CLIENT URL SCENARIO MODE SECONDS``.

``run.py`` starts a fresh interpreter for every measurement, so that peak RSS, imports and
garbage belong to one client only, and prints one JSON line of results on stdout.

Clients (``CLIENTS``):

* ``tws``: raw trio-websocket (its defaults: 4 KiB reads, a queue of 1) + ``json.loads``.
* ``tws-tuned``: raw trio-websocket with trio_hl's transport settings (64 KiB reads, a
  queue of 64) + ``orjson.loads``: the floor of trio_hl's stack, as the issue defines it.
* ``tws-typed``: ``tws-tuned`` with trio_hl's sans-IO session decoding each message into
  typed models in the consumer's own task: no reader task, no fan-out. The bound of any
  typed client on trio-websocket (what trio_hl's shell adds is its distance to this).
* ``ws-sansio``: the default engine bare: websockets' sans-I/O protocol driven from one
  Trio task (trio_hl's ``_engine_websockets``, 64 KiB reads) + ``orjson.loads``. The floor
  of trio_hl's stack.
* ``ws-typed``: ``ws-sansio`` with trio_hl's sans-IO session decoding each message into
  typed models inline, in the same task: the bound of any typed client on this engine.
* ``websockets``: raw ``websockets`` (asyncio) + ``json.loads``.
* ``trio_hl``: :func:`trio_hl.open_client`, the consumer receiving typed models;
  ``trio_hl:tws`` the same on ``Settings(engine="trio-websocket")``.
* ``hl-sdk``: ``hl.ws_transport.WsTransport`` (asyncio, ``websockets``), dicts from a queue.
* ``official``: ``hyperliquid.websocket_manager.WebsocketManager`` (threads,
  ``websocket-client``), dicts to a callback.

Modes: ``throughput`` (count messages for SECONDS after the first), ``latency`` (the server
stamps each frame's ``time`` with its send time; record now minus that), ``memory``
(a consumer that stops reading; sample RSS while 100k frames arrive), ``sparse`` (trio_hl
under ``keep_latest(1)`` on a paced stream, the consumer reading one book in SCENARIO
(``1`` or ``10``): the process's CPU per wire message) and ``block`` (trio_hl on the
wildcard flood with an instrument timing every task step: the longest the event loop was
held).

The peers and orjson belong to the ``bench`` dependency group;
they are imported with ``importlib`` so that this file type-checks without them (and
without their stubs).
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import json
import os
import resource
import statistics
import sys
import threading
import time
from typing import TYPE_CHECKING, Any, Final

from _frames import TIME_OFFSET, subscription_for

if TYPE_CHECKING:
    from collections.abc import Callable

CLIENTS: Final = (
    "tws-tuned",
    "ws-sansio",
    "ws-typed",
    "trio_hl",
    "trio_hl:tws",
    "websockets",
    "hl-sdk",
    "official",
)
"""The default set (``tws``, ``tws-typed`` and the ``trio_hl:-NAME`` variants on request)."""
WILDCARD_COINS: Final = 200
LATENCY_WARMUP: Final = 0.3
MEMORY_FRAMES: Final = 100_000
_PAGE: Final = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    """Resident set size now, in bytes."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE


def peak_rss() -> int:
    """Peak resident set size of this process, in bytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class Meter:
    """Counts messages from the first one on, for ``seconds`` of wall time."""

    def __init__(self, seconds: float, *, latency: bool = False) -> None:
        self.seconds = seconds
        self.latency = latency
        self.count = 0
        self.start = 0.0
        self.cpu = 0.0
        self.end = 0.0
        self.cpu_end = 0.0
        self.samples: list[float] = []
        self.gc_seconds = 0.0
        self._gc_started = 0.0

    def _on_gc(self, phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        elif self._gc_started:
            self.gc_seconds += time.perf_counter() - self._gc_started

    def tick(self, stamp: int | None = None) -> bool:
        """One message arrived (with its server send time).

        When the time is up, the results are printed and the process exits at once: a
        client's teardown (a close handshake against a server still flooding it, thread
        joins) is not part of any measurement. Returns False otherwise.
        """
        now = time.perf_counter()
        if self.count == 0:
            self.start = now
            self.cpu = time.process_time()
            gc.callbacks.append(self._on_gc)  # time in the garbage collector, from now on
        self.count += 1
        if self.latency and stamp is not None and now - self.start > LATENCY_WARMUP:
            self.samples.append(time.monotonic_ns() / 1000 - (stamp - TIME_OFFSET))
        if now - self.start >= self.seconds:
            self.end = now
            self.cpu_end = time.process_time()
            emit(self.result())
        return False

    def result(self) -> dict[str, Any]:
        elapsed = self.end - self.start
        messages = self.count - 1
        out: dict[str, Any] = {
            "messages": messages,
            "rate": messages / elapsed,
            "cpu_us": (self.cpu_end - self.cpu) / messages * 1e6,
            "peak_rss": peak_rss(),
            "gc_share": self.gc_seconds / elapsed,
        }
        if self.latency and self.samples:
            ordered = sorted(self.samples)
            out["latency_median_us"] = statistics.median(ordered)
            out["latency_p99_us"] = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return out


def emit(result: dict[str, Any]) -> None:
    """Print the result line and end the process (see :meth:`Meter.tick`)."""
    print(json.dumps(result), flush=True)
    os._exit(0)


def _subscribe_text(scenario: str) -> str:
    return json.dumps({"method": "subscribe", "subscription": subscription_for(scenario)})


def _stamp(obj: Any) -> int | None:
    data = obj.get("data") if isinstance(obj, dict) else None
    return data.get("time") if isinstance(data, dict) else None


# --- trio-websocket ---------------------------------------------------------------------


async def _tws(url: str, scenario: str, meter: Meter, *, tuned: bool) -> None:
    import trio_websocket

    loads: Callable[[Any], Any] = importlib.import_module("orjson").loads if tuned else json.loads
    options: dict[str, Any] = {"max_message_size": 64 * 1024 * 1024}
    if tuned:
        options.update(receive_buffer_size=64 * 1024, message_queue_size=64)
    async with trio_websocket.open_websocket_url(url, **options) as ws:
        await ws.send_message(_subscribe_text(scenario))
        await ws.get_message()  # the acknowledgement
        while True:
            obj = loads(await ws.get_message())
            if meter.tick(_stamp(obj) if meter.latency else None):
                return


async def _tws_typed(url: str, scenario: str, meter: Meter) -> None:
    import trio_websocket

    from trio_hl._protocol._session import Deliver, Limits, Session
    from trio_hl.models import L2Book

    session = Session(Limits(max_subscriptions=None, max_users=None))
    session.connection_made()
    _, _, frame = session.subscribe(subscription_for(scenario))
    assert frame is not None
    options: dict[str, Any] = {
        "max_message_size": 64 * 1024 * 1024,
        "receive_buffer_size": 64 * 1024,
        "message_queue_size": 64,
    }
    async with trio_websocket.open_websocket_url(url, **options) as ws:
        await ws.send_message(frame)
        session.receive_message(await ws.get_message())  # the acknowledgement
        books = 0
        while True:
            for event in session.receive_iter(await ws.get_message()):
                if not isinstance(event, Deliver):
                    continue
                if scenario == "wildcard":
                    books += 1  # one frame is WILDCARD_COINS books
                    if books % WILDCARD_COINS:
                        continue
                message = event.message
                stamp = message.time if meter.latency and isinstance(message, L2Book) else None
                if meter.tick(stamp):
                    return


# --- the default engine, bare -------------------------------------------------------------


async def _ws_sansio(url: str, scenario: str, meter: Meter, *, typed: bool) -> None:
    from trio_hl import Settings
    from trio_hl._engine_websockets import open_websockets
    from trio_hl._protocol._session import Deliver, Limits, Session
    from trio_hl.models import L2Book

    loads: Callable[[Any], Any] = importlib.import_module("orjson").loads
    settings = Settings(max_message_size=64 * 1024 * 1024, connect_timeout=REQUEST_TIMEOUT)
    session = Session(Limits(max_subscriptions=None, max_users=None))
    session.connection_made()
    _, _, frame = session.subscribe(subscription_for(scenario))
    assert frame is not None
    async with open_websockets(_trio_hl_network(url), settings) as ws:
        await ws.send_text(frame)
        acked = False
        books = 0
        while True:
            for raw in await ws.receive():
                if not acked:
                    acked = True  # the acknowledgement
                    continue
                if not typed:
                    obj = loads(raw)
                    if meter.tick(_stamp(obj) if meter.latency else None):
                        return
                    continue
                for event in session.receive_iter(raw):
                    if not isinstance(event, Deliver):
                        continue
                    if scenario == "wildcard":
                        books += 1
                        if books % WILDCARD_COINS:
                            continue
                    message = event.message
                    stamp = message.time if meter.latency and isinstance(message, L2Book) else None
                    if meter.tick(stamp):
                        return


# --- websockets (asyncio) ---------------------------------------------------------------


async def _websockets(url: str, scenario: str, meter: Meter) -> None:
    client = importlib.import_module("websockets.asyncio.client")
    async with client.connect(url, max_size=None, compression=None, ping_interval=None) as ws:
        await ws.send(_subscribe_text(scenario))
        await ws.recv()
        while True:
            obj = json.loads(await ws.recv())
            if meter.tick(_stamp(obj) if meter.latency else None):
                return


# --- trio_hl --------------------------------------------------------------------------------


def _trio_hl_request(scenario: str) -> Any:
    from trio_hl.models import L2BookSubscription, L4BookSubscription, TradesSubscription

    if scenario == "trades":
        return TradesSubscription(coin="BTC")
    if scenario == "wildcard":
        return L2BookSubscription()
    if scenario == "l4book":
        return L4BookSubscription(coin="BTC")
    return L2BookSubscription(coin="BTC")


CONNECT_STREAM: Callable[[], Any] | None = None
"""Set by ``instructions.py``: the byte stream trio_hl's engines open instead of a socket."""
REQUEST_TIMEOUT: float = 10.0
"""trio_hl's ``request_timeout`` (``instructions.py`` raises it: valgrind starts slowly)."""


def _trio_hl_network(url: str) -> Any:
    from trio_hl import Limits
    from trio_hl.networks import custom

    return custom(
        url,
        name="bench",
        limits=Limits(max_subscriptions=None, max_users=None),
        connect_stream=CONNECT_STREAM,
    )


OPTIMISATIONS: Final = ("text", "fast", "msgspec", "lazy")
"""What ``trio_hl:-NAME`` turns off (``trio_hl:baseline``: all of them), for measuring what
each optimisation of the decode path buys:

* ``text``: decoding the hot channels (``l2Book``, ``trades``, ``bbo``) straight from the
  frame's text with msgspec; they are parsed, then structured by the converter, like the
  others;
* ``fast``: the converter's generated fast paths (cattrs' detailed hooks alone; the models
  read from text have none);
* ``msgspec``: ``msgspec`` for parsing (the standard ``json`` instead);
* ``lazy``: the checkpoints between the coins of a batch of books (the per-coin decoding
  and the skipping of unwanted frames cannot be turned off; they cost nothing here).
"""


def _patch(module: object, name: str, value: object) -> None:
    # setattr: several of these are Final in trio_hl (this is a benchmark's experiment).
    setattr(module, name, value)


def disable(names: set[str]) -> None:
    """Turn optimisations off by patching trio_hl's private modules (benchmarks only)."""
    from trio_hl import _client
    from trio_hl._protocol import _channels, _frames

    if "text" in names:
        _patch(_channels, "TEXT_CHANNELS", frozenset())
    if "fast" in names:
        # The generated fast paths (books, trades and bbo have none: msgspec reads them).
        from trio_hl._convert import make_converter
        from trio_hl.models import l4

        slow = make_converter(fast=False)
        l4.register_l4_hooks(slow)
        _patch(l4, "_SNAPSHOT_HOOK", slow.get_structure_hook(l4.L4Snapshot))
        _patch(l4, "_UPDATES_HOOK", slow.get_structure_hook(l4.L4Updates))
    if "msgspec" in names:  # for parsing (the text path is msgspec itself)
        _patch(_frames, "loads", json.loads)
        _patch(_channels, "loads", json.loads)
    if "lazy" in names:
        _patch(_client, "_YIELD_EVERY", 1 << 60)


async def _trio_hl(url: str, scenario: str, meter: Meter, engine: str = "websockets") -> None:
    from trio_hl import BufferPolicy, Settings, open_client
    from trio_hl.models import L2Book

    settings = Settings(
        initial_connect_attempts=1,
        engine=engine,  # type: ignore[arg-type]
        request_timeout=REQUEST_TIMEOUT,
        connect_timeout=REQUEST_TIMEOUT,
    )
    async with open_client(_trio_hl_network(url), settings=settings) as client:
        # Every message is counted, so the reader waits for the consumer rather than drop.
        request = _trio_hl_request(scenario)
        async with client.subscribe(request, policy=BufferPolicy.block(1024)) as stream:
            books = 0
            async for message in stream:
                if scenario == "wildcard":
                    books += 1  # one frame is WILDCARD_COINS books
                    if books % WILDCARD_COINS:
                        continue
                stamp = message.time if meter.latency and isinstance(message, L2Book) else None
                if meter.tick(stamp):
                    return


class StepTimer:
    """A Trio instrument: how long each task step held the event loop.

    Timed in CPU time of the thread (``time.thread_time``): on an idle machine that is the
    step's wall time, and on a busy one it leaves out the time other processes took the
    core in the middle of a step.
    """

    def __init__(self) -> None:
        self.steps: list[float] = []
        self._started: float | None = None

    def before_task_step(self, _task: Any) -> None:
        self._started = time.thread_time()

    def after_task_step(self, _task: Any) -> None:
        if self._started is not None:  # the step that added the instrument has no start
            self.steps.append(time.thread_time() - self._started)


async def _trio_hl_block(url: str, seconds: float, engine: str) -> dict[str, Any]:
    """trio_hl on the wildcard flood: the longest task step once the stream is running."""
    import trio

    timer = StepTimer()
    done = trio.Event()

    class Timed(Meter):
        def tick(self, stamp: int | None = None) -> bool:
            # From the third frame on: the first ones pay one-time costs (decoders built,
            # caches filled) that a running client has paid long ago.
            if self.count == 2:
                trio.lowlevel.add_instrument(timer)  # type: ignore[arg-type]
                self.start = time.perf_counter()
            self.count += 1
            if self.count <= 2:
                return False
            if time.perf_counter() - self.start >= self.seconds:
                trio.lowlevel.remove_instrument(timer)  # type: ignore[arg-type]
                done.set()
                return True
            return False

    meter = Timed(seconds)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(_trio_hl, url, "wildcard", meter, engine)
        await done.wait()
        nursery.cancel_scope.cancel()
    ordered = sorted(timer.steps)
    return {
        "frames": meter.count,
        "steps": len(ordered),
        "max_step_us": ordered[-1] * 1e6,
        "p99_step_us": ordered[int(len(ordered) * 0.99)] * 1e6,
    }


async def _trio_hl_sparse(url: str, every: int, rate: float, seconds: float) -> dict[str, Any]:
    """A paced l2Book stream, reading one book in ``every`` under keep_latest(1) (every
    book, under block(1024), for ``every == 1``): the process's CPU per wire message (the
    engine, the reader, the decodes)."""
    import trio

    from trio_hl import BufferPolicy, Settings, open_client
    from trio_hl.models import L2BookSubscription

    settings = Settings(initial_connect_attempts=1)
    # Reading every book: each one decoded and delivered, none dropped.
    policy = BufferPolicy.keep_latest(1) if every > 1 else BufferPolicy.block(1024)
    async with (
        open_client(_trio_hl_network(url), settings=settings) as client,
        client.subscribe(L2BookSubscription(coin="BTC"), policy=policy) as stream,
    ):
        await stream.receive()
        await trio.sleep(LATENCY_WARMUP)
        tasks = TaskCpu()
        trio.lowlevel.add_instrument(tasks)  # type: ignore[arg-type]
        frames = client.statistics().frames_received
        cpu = time.process_time()
        start = time.perf_counter()
        reads = 0
        while time.perf_counter() - start < seconds:
            await stream.receive()
            reads += 1
            if every > 1:
                await trio.sleep(every / rate)
        wire = client.statistics().frames_received - frames
        spent = time.process_time() - cpu
        trio.lowlevel.remove_instrument(tasks)  # type: ignore[arg-type]
    reader = sum(t for name, t in tasks.spent.items() if name.endswith("._reader"))
    consumer = sum(t for name, t in tasks.spent.items() if "_trio_hl_sparse" in name)
    return {
        "wire": wire,
        "reads": reads,
        "cpu_per_wire_us": spent / wire * 1e6,
        "reader_per_wire_us": reader / wire * 1e6,
        "consumer_per_read_us": consumer / reads * 1e6,
    }


class TaskCpu:
    """A Trio instrument: thread CPU time spent in each task's steps, by task name."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self._started: float | None = None

    def before_task_step(self, _task: Any) -> None:
        self._started = time.thread_time()

    def after_task_step(self, task: Any) -> None:
        if self._started is not None:
            name = task.name
            self.spent[name] = self.spent.get(name, 0.0) + time.thread_time() - self._started


# --- hl-sdk -----------------------------------------------------------------------------------


async def _hl_sdk(url: str, scenario: str, meter: Meter) -> None:
    ws_transport = importlib.import_module("hl.ws_transport")
    transport = ws_transport.WsTransport({"ws_url": url, "api_url": "", "name": "bench"})
    async with transport.run():
        _, queue = await transport.subscribe(subscription_for(scenario))
        while True:
            message = await queue.get()
            if meter.tick(_stamp(message) if meter.latency else None):
                return


# --- official SDK -----------------------------------------------------------------------------


def _official(url: str, scenario: str, meter: Meter) -> None:
    manager_module = importlib.import_module("hyperliquid.websocket_manager")
    done = threading.Event()

    def callback(message: Any) -> None:
        if not done.is_set() and meter.tick(_stamp(message) if meter.latency else None):
            done.set()

    # It takes the HTTP base URL and appends "/ws"; the server ignores that last segment.
    manager = manager_module.WebsocketManager("http" + url[len("ws") :])
    manager.daemon = True
    manager.start()
    manager.subscribe(subscription_for(scenario), callback)
    deadline = time.monotonic() + 5
    while meter.count == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    if meter.count == 0 or not done.wait(timeout=meter.seconds + 20):
        raise TimeoutError(f"{meter.count} messages delivered (the SDK drops what it can't route)")


# --- memory: a consumer that stops reading ------------------------------------------------------


async def _trio_hl_memory(url: str, policy_name: str) -> dict[str, Any]:
    import trio

    from trio_hl import BufferPolicy, Settings, open_client
    from trio_hl.errors import SubscriptionOverflow
    from trio_hl.models import L2BookSubscription

    if policy_name == "latest":
        policy = BufferPolicy.keep_latest(1)
    else:
        policy = BufferPolicy.fail_on_overflow()
    samples: list[tuple[int, int]] = []
    settings = Settings(initial_connect_attempts=1)
    async with (
        open_client(_trio_hl_network(url), settings=settings) as client,
        client.subscribe(L2BookSubscription(coin="BTC"), policy=policy) as stream,
    ):
        await stream.receive()
        with trio.fail_after(60):
            while True:
                # Every frame read, less the subscription's acknowledgement.
                frames = client.statistics().frames_received - 1
                samples.append((frames, rss()))
                if frames >= MEMORY_FRAMES:
                    break
                await trio.sleep(0.01)
        stats = stream.statistics()
        outcome = "open"
        try:
            while True:
                stream.receive_nowait()
        except SubscriptionOverflow:
            outcome = "closed with SubscriptionOverflow"
        except (trio.WouldBlock, trio.EndOfChannel):
            pass
    return _memory_result(samples, stats.peak_buffered, stats.dropped, outcome)


async def _hl_sdk_memory(url: str) -> dict[str, Any]:
    ws_transport = importlib.import_module("hl.ws_transport")
    transport = ws_transport.WsTransport({"ws_url": url, "api_url": "", "name": "bench"})
    samples: list[tuple[int, int]] = []
    async with transport.run():
        _, queue = await transport.subscribe(subscription_for("memory"))
        await queue.get()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            samples.append((queue.qsize() + 1, rss()))  # + the one read
            if queue.qsize() + 1 >= MEMORY_FRAMES:
                break
            await asyncio.sleep(0.01)
        peak = queue.qsize()
    return _memory_result(samples, peak, 0, "unbounded queue")


def _memory_result(
    samples: list[tuple[int, int]], peak_buffered: int, dropped: int, outcome: str
) -> dict[str, Any]:
    # RSS once the first 10% arrived (past warm-up allocations) against RSS at the end.
    early = next(size for frames, size in samples if frames >= MEMORY_FRAMES // 10)
    return {
        "frames": samples[-1][0],
        "rss_early": early,
        "rss_end": samples[-1][1],
        "rss_max": max(size for _, size in samples),
        "peak_buffered": peak_buffered,
        "dropped": dropped,
        "outcome": outcome,
    }


# --- entry point --------------------------------------------------------------------------------


def measure(client: str, url: str, scenario: str, mode: str, seconds: float) -> dict[str, Any]:
    import trio

    if mode == "memory":
        if client == "hl-sdk":
            return asyncio.run(_hl_sdk_memory(url))
        return trio.run(_trio_hl_memory, url, client.split(":")[1])
    engine = "trio-websocket" if client.endswith(":tws") else "websockets"
    if mode == "block":
        return trio.run(_trio_hl_block, url, seconds, engine)
    if mode == "sparse":
        rate = float(url.rsplit("/", 1)[1])
        return trio.run(_trio_hl_sparse, url, int(scenario), rate, seconds)
    meter = Meter(seconds, latency=mode == "latency")
    if client in ("tws", "tws-tuned"):
        trio.run(lambda: _tws(url, scenario, meter, tuned=client == "tws-tuned"))
    elif client == "tws-typed":
        trio.run(_tws_typed, url, scenario, meter)
    elif client in ("ws-sansio", "ws-typed"):
        trio.run(lambda: _ws_sansio(url, scenario, meter, typed=client == "ws-typed"))
    elif client == "websockets":
        asyncio.run(_websockets(url, scenario, meter))
    elif client == "trio_hl" or client.startswith("trio_hl:"):
        variant = client.partition(":")[2]
        if variant == "baseline":
            disable(set(OPTIMISATIONS))
        elif variant.startswith("-"):
            disable({variant[1:]})
        trio.run(_trio_hl, url, scenario, meter, engine)
    elif client == "hl-sdk":
        asyncio.run(_hl_sdk(url, scenario, meter))
    elif client == "official":
        _official(url, scenario, meter)
    else:
        raise ValueError(f"unknown client {client!r}")
    return meter.result()


def main() -> None:
    client, url, scenario, mode, seconds = sys.argv[1:6]
    try:
        result = measure(client, url, scenario, mode, float(seconds))
    except BaseException as exc:  # report what stopped a peer, exactly
        leaf: BaseException = exc
        while isinstance(leaf, BaseExceptionGroup):
            leaf = leaf.exceptions[0]
        result = {"error": f"{type(leaf).__name__}: {leaf}"[:300]}
    emit(result)


if __name__ == "__main__":
    main()
