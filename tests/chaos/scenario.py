"""The chaos scenario: a long seeded stream through a misbehaving fake server.

One run subscribes a client to ``l2Book`` BTC, ``trades`` BTC and ``userFills`` of one user,
and streams thousands of frames while the fake server, driven by ``random.Random(seed)``:

* drops the connection (sometimes with an info request in flight that the server holds,
  and sometimes refusing the next 1-3 reconnect handshakes with HTTP 503);
* stalls pongs (``go_silent``) until the client's heartbeat gives up and reconnects, then
  answers them again;
* sends a frame over ``Settings.max_message_size`` (trio-websocket closes with 1009 and the
  client reconnects);
* sends malformed frames (not JSON, not an object, no channel, a subscribed channel with
  the wrong shape, a batch of books with one bad book) and ``error`` frames;
* makes fills while the client is disconnected.

It behaves like the real server where that matters: after every ``userFills``
(re)subscription it sends a snapshot (``isSnapshot: true``) of the user's recent fills,
which overlaps what the client already delivered and holds what it missed. Chaos events
happen one at a time, each waiting until the client has recovered (every subscription
re-established and carrying data again), so that every count is exact.

Everything runs in memory under ``MockClock(autojump_threshold=0)``: simulated minutes take
a few hundred milliseconds, and a seed always produces the same chaos. The run returns
:class:`ChaosRun`: the figures (``ChaosFigures``) and what the consumers saw, for the tests
to check and ``benchmarks/chaos_report.py`` to print.
"""

from __future__ import annotations

import json
import random
from typing import TYPE_CHECKING, Any, Final

import attrs
import trio

from tests.user_frames import fill, user_fills
from trio_hl import Backoff, BufferPolicy, Settings, StreamStatistics, open_client
from trio_hl._guards import is_object
from trio_hl.errors import (
    ConnectionLost,
    HyperliquidError,
    RequestOutcomeUnknown,
    RequestTimeout,
)
from trio_hl.models import (
    L2BookSubscription,
    StreamRestarted,
    TradesSubscription,
    UserFills,
    UserFillsSubscription,
)
from trio_hl.testing import l2_book_data, trade_data

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from trio_hl import Client
    from trio_hl.testing import FakeHyperliquid

USER: Final = "0x31ca8395cf837de08b24da3f660e77761dfb974b"
MAX_MESSAGE: Final = 64 * 1024
SNAPSHOT_FILLS: Final = 60
"""Fills in each snapshot: the server's window, far more than one outage leaves behind."""

SETTINGS: Final = Settings(
    ping_interval=5.0,
    pong_timeout=2.0,
    request_timeout=10.0,
    stable_after=3.0,
    max_message_size=MAX_MESSAGE,
)

MALFORMED: Final = (
    "not json at all",
    "[1, 2, 3]",
    '{"data": {"coin": "BTC"}}',
    '{"channel": 7, "data": {}}',
    '{"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":"no levels"}}',
    '{"channel":"l2Book","data":{"coin":"BTC","time":"soon","levels":[[],[]]}}',
    json.dumps({"channel": "trades", "data": [{**trade_data("BTC"), "px": "a lot"}]}),
    json.dumps({"channel": "userFills", "data": {"user": USER, "fills": [{"tid": "x"}]}}),
    # A batch of books: the bad one is reported, the good one still delivered.
    json.dumps({"channel": "l2Book", "data": [l2_book_data("BTC", levels=2), {"coin": "BTC"}]}),
)


@attrs.define(kw_only=True)
class ChaosFigures:
    """What one run did to the client (all decided by the seed) and what came out."""

    seed: int
    frames: int = 0
    """Data frames the server sent to a live connection (not counting malformed ones)."""
    frames_unsent: int = 0
    """Data frames produced while no connection was live (lost to the client, as with the
    real server; fills among them come back in the next snapshot)."""
    fills: int = 0
    """Distinct fills made (each must be delivered exactly once)."""
    fills_while_down: int = 0
    drops: int = 0
    stalls: int = 0
    oversize: int = 0
    rejected_handshakes: int = 0
    malformed: int = 0
    error_frames: int = 0
    posts: int = 0
    posts_in_flight_at_drop: int = 0
    connections: int = 0
    simulated_seconds: float = 0.0

    @property
    def reconnects(self) -> int:
        return self.drops + self.stalls + self.oversize

    def summary(self) -> str:
        return (
            f"seed {self.seed}: {self.frames:,} frames ({self.frames_unsent} produced while "
            f"down), {self.fills} fills ({self.fills_while_down} made while down), "
            f"{self.reconnects} reconnects survived ({self.drops} drops, {self.stalls} pong "
            f"stalls, {self.oversize} oversize frames), {self.rejected_handshakes} handshakes "
            f"refused with 503, {self.malformed} malformed frames, {self.error_frames} error "
            f"frames, {self.posts} info requests ({self.posts_in_flight_at_drop} in flight at a "
            f"drop), {self.simulated_seconds:.0f} simulated seconds"
        )


@attrs.define(kw_only=True)
class StreamLog:
    """Everything one consumer received, in order: ``"restart"`` markers and messages."""

    name: str
    items: list[object] = attrs.Factory(list[object])
    statistics: StreamStatistics | None = None
    error: BaseException | None = None

    @property
    def restarts(self) -> int:
        return sum(isinstance(item, StreamRestarted) for item in self.items)

    def data_since_restart(self) -> int:
        count = 0
        for item in reversed(self.items):
            if isinstance(item, StreamRestarted):
                break
            count += 1
        return count


@attrs.define(kw_only=True)
class ChaosRun:
    figures: ChaosFigures
    streams: dict[str, StreamLog]
    fill_tids_made: list[int]
    post_outcomes: list[tuple[str, float]]
    """``(outcome, seconds taken)`` of every info request."""
    decode_errors: int = 0
    server_notices: int = 0
    pending_requests: int = 0
    leftover_tasks: list[str] = attrs.Factory(list[str])


async def until(predicate: Callable[[], bool], poll: float = 0.01) -> None:
    """Wait until ``predicate()`` holds, polling on simulated time.

    The client and the fake expose counters rather than events for these conditions, and
    polling costs nothing under the MockClock.
    """
    while not predicate():  # noqa: ASYNC110 - counters, not events (see docstring)
        await trio.sleep(poll)


def _client_tasks() -> list[str]:
    """Names of every task of trio_hl's client still alive anywhere in this run."""
    names: list[str] = []

    def walk(task: trio.lowlevel.Task) -> None:
        for nursery in task.child_nurseries:
            for child in nursery.child_tasks:
                if "trio_hl." in child.name and "testing" not in child.name:
                    names.append(child.name)
                walk(child)

    root = trio.lowlevel.current_root_task()
    assert root is not None
    walk(root)
    return names


class _Driver:
    def __init__(self, fake: FakeHyperliquid, seed: int, steps: int) -> None:
        self.fake = fake
        self.rng = random.Random(seed)
        self.steps = steps
        self.figures = ChaosFigures(seed=seed)
        self.streams = {name: StreamLog(name=name) for name in ("l2Book", "trades", "userFills")}
        self.fills_made: list[dict[str, Any]] = []
        self.tid = 500_000
        self.trade_tid = 900_000
        self.time = 1_751_500_000_000
        self.post_outcomes: list[tuple[str, float]] = []
        self.snapshots_sent = 0

    # -- the server side -------------------------------------------------------------------

    def _new_fill(self) -> dict[str, Any]:
        self.tid += self.rng.randint(1, 9)
        self.time += self.rng.randint(1, 500)
        made = fill(tid=self.tid, time=self.time)
        self.fills_made.append(made)
        self.figures.fills += 1
        return made

    async def _send(self, channel: str, data: Any) -> bool:
        sent = await self.fake.push(channel, data) > 0
        if sent:
            self.figures.frames += 1
        else:
            self.figures.frames_unsent += 1
        return sent

    async def push_random(self) -> None:
        roll = self.rng.random()
        self.time += self.rng.randint(1, 300)
        if roll < 0.45:
            await self._send("l2Book", l2_book_data("BTC", levels=5, time=self.time))
        elif roll < 0.85:
            trades: list[dict[str, Any]] = []
            for _ in range(self.rng.randint(1, 3)):
                self.trade_tid += 1
                trades.append(trade_data("BTC", tid=self.trade_tid))
            await self._send("trades", trades)
        else:
            fresh = [self._new_fill() for _ in range(self.rng.randint(1, 2))]
            await self._send("userFills", user_fills(USER, fresh, snapshot=False))

    def _fills_subscribes(self) -> int:
        return sum(
            1
            for _, frame in self.fake.received
            if is_object(frame)
            and frame.get("method") == "subscribe"
            and frame.get("subscription", {}).get("type") == "userFills"
        )

    async def snapshots(self) -> None:
        """Like the server: a snapshot of recent fills after every userFills subscription."""
        while True:
            await self.fake.wait_received(
                lambda frame: (
                    is_object(frame)
                    and frame.get("method") == "subscribe"
                    and frame.get("subscription", {}).get("type") == "userFills"
                ),
                count=self.snapshots_sent + 1,
            )
            self.snapshots_sent += 1
            # The fake registers the subscription right after recording the frame.
            await until(
                lambda: any(
                    sub.get("type") == "userFills"
                    for conn in self.fake.live
                    for sub in conn.subscriptions
                )
            )
            recent = self.fills_made[-SNAPSHOT_FILLS:]
            await self._send("userFills", user_fills(USER, list(recent), snapshot=True))

    # -- waiting for the client --------------------------------------------------------------

    async def recovered(self, connections: int) -> None:
        """Wait until connection number ``connections`` carries every subscription's data."""
        try:
            await self._recovered(connections)
        except trio.TooSlowError:
            state = {
                name: (log.restarts, log.data_since_restart()) for name, log in self.streams.items()
            }
            raise AssertionError(
                f"the client did not recover on connection {connections}: "
                f"{len(self.fake.connections)} connections, {self.snapshots_sent} snapshots, "
                f"(restarts, data since) per stream: {state}"
            ) from None

    async def _recovered(self, connections: int) -> None:
        with trio.fail_after(120):
            await until(lambda: len(self.fake.connections) >= connections)
            await until(lambda: self.snapshots_sent >= connections)
            await self._send("l2Book", l2_book_data("BTC", levels=5, time=self.time))
            self.trade_tid += 1
            await self._send("trades", [trade_data("BTC", tid=self.trade_tid)])
            await until(
                lambda: all(
                    log.restarts >= connections - 1 and log.data_since_restart() > 0
                    for log in self.streams.values()
                )
            )

    # -- requests --------------------------------------------------------------------------

    async def post(self, client: Client) -> None:
        self.figures.posts += 1
        started = trio.current_time()
        try:
            await client.info({"type": "allMids"})
            outcome = "ok"
        except ConnectionLost:
            outcome = "ConnectionLost"
        except RequestOutcomeUnknown:
            outcome = "RequestOutcomeUnknown"
        except RequestTimeout:
            outcome = "RequestTimeout"
        except HyperliquidError as exc:
            outcome = f"unexpected {type(exc).__name__}"
        self.post_outcomes.append((outcome, trio.current_time() - started))

    # -- chaos -------------------------------------------------------------------------------

    async def drop(self, client: Client, nursery: trio.Nursery) -> None:
        next_connection = len(self.fake.connections) + 1
        if self.rng.random() < 0.5:
            # An info request the server holds: it is in flight when the connection drops.
            self.fake.hold_posts = True
            posts = sum(
                1 for _, f in self.fake.received if is_object(f) and f.get("method") == "post"
            )
            nursery.start_soon(self.post, client)
            await self.fake.wait_received(
                lambda f: is_object(f) and f.get("method") == "post", count=posts + 1
            )
            self.figures.posts_in_flight_at_drop += 1
        if self.rng.random() < 0.4:
            refused = self.rng.randint(1, 3)
            self.fake.reject_handshakes(503, times=refused, body="chaos: busy")
            self.figures.rejected_handshakes += refused
        await self.fake.drop()
        self.figures.drops += 1
        # Fills made while the client is away: only the next snapshot carries them.
        for _ in range(self.rng.randint(0, 3)):
            await self._send("userFills", user_fills(USER, [self._new_fill()], snapshot=False))
            self.figures.fills_while_down += 1
        await self.recovered(next_connection)
        self.fake.hold_posts = False

    async def stall(self) -> None:
        next_connection = len(self.fake.connections) + 1
        self.fake.go_silent()
        self.figures.stalls += 1
        with trio.fail_after(120):
            # Data keeps flowing while pongs stall, until the heartbeat gives up.
            while len(self.fake.connections) < next_connection:
                await self.push_random()
                await trio.sleep(0.05)
        self.fake.answer_pings = True
        await self.recovered(next_connection)

    async def oversize(self) -> None:
        next_connection = len(self.fake.connections) + 1
        body = "x" * (MAX_MESSAGE + self.rng.randint(1, 4096))
        await self.fake.send_raw(json.dumps({"channel": "l2Book", "data": body}))
        self.figures.oversize += 1
        await self.recovered(next_connection)

    async def malformed(self, client: Client) -> None:
        await self.fake.send_raw(self.rng.choice(MALFORMED))
        self.figures.malformed += 1
        with trio.fail_after(30):
            await until(lambda: client.statistics().decode_errors >= self.figures.malformed)

    async def error_frame(self, client: Client) -> None:
        await self.fake.send_error(f"Internal error, chaos {self.figures.error_frames}")
        self.figures.error_frames += 1
        with trio.fail_after(30):
            await until(lambda: client.statistics().server_notices >= self.figures.error_frames)

    # -- the run -------------------------------------------------------------------------------

    async def consume(self, name: str, stream: Any) -> None:
        log = self.streams[name]
        try:
            async for item in stream:
                log.items.append(item)
                log.statistics = stream.statistics()
        except HyperliquidError as exc:  # an overflow would be a failure of the run
            log.error = exc
        log.statistics = stream.statistics()

    async def run(self) -> ChaosRun:
        started = trio.current_time()
        settings = attrs.evolve(SETTINGS, backoff=Backoff(random=self.rng.random))
        for _ in range(5):  # fills made before the client came: in the first snapshot
            self._new_fill()
        async with trio.open_nursery() as outer:
            outer.start_soon(self.snapshots)
            async with (
                open_client(self.fake.network, settings=settings) as client,
                client.subscribe(L2BookSubscription(coin="BTC")) as books,
                client.subscribe(TradesSubscription(coin="BTC")) as trades,
                client.subscribe(
                    UserFillsSubscription(user=USER), policy=BufferPolicy.fail_on_overflow()
                ) as fills,
                trio.open_nursery() as nursery,
            ):
                nursery.start_soon(self.consume, "l2Book", books)
                nursery.start_soon(self.consume, "trades", trades)
                nursery.start_soon(self.consume, "userFills", fills)
                await self.recovered(1)
                await self._stream(client, nursery)
                await self.recovered(len(self.fake.connections))
                self.figures.connections = len(self.fake.connections)
                stats = client.statistics()
                run = ChaosRun(
                    figures=self.figures,
                    streams=self.streams,
                    fill_tids_made=[made["tid"] for made in self.fills_made],
                    post_outcomes=self.post_outcomes,
                    decode_errors=stats.decode_errors,
                    server_notices=stats.server_notices,
                    pending_requests=stats.pending_requests,
                )
                nursery.cancel_scope.cancel()
            await trio.testing.wait_all_tasks_blocked()
            run.leftover_tasks = _client_tasks()
            outer.cancel_scope.cancel()
        self.figures.simulated_seconds = trio.current_time() - started
        return run

    async def _stream(self, client: Client, nursery: trio.Nursery) -> None:
        chaos: list[tuple[float, Callable[[], Awaitable[None]]]] = [
            (0.004, lambda: self.drop(client, nursery)),
            (0.002, self.stall),
            (0.002, self.oversize),
            (0.006, lambda: self.malformed(client)),
            (0.004, lambda: self.error_frame(client)),
        ]
        for _ in range(self.steps):
            roll = self.rng.random()
            for chance, event in chaos:
                if roll < chance:
                    await event()
                    break
                roll -= chance
            else:
                if self.rng.random() < 0.01:
                    nursery.start_soon(self.post, client)
                await self.push_random()
            await trio.sleep(self.rng.choice((0.0, 0.001, 0.01)))


async def run_chaos(fake: FakeHyperliquid, seed: int, *, steps: int = 2500) -> ChaosRun:
    """Run the scenario against ``fake`` (under a MockClock with autojump)."""
    return await _Driver(fake, seed, steps).run()


def delivered_fill_tids(log: StreamLog) -> list[int]:
    return [f.tid for item in log.items if isinstance(item, UserFills) for f in item.fills]


__all__ = [
    "MALFORMED",
    "SETTINGS",
    "ChaosFigures",
    "ChaosRun",
    "StreamLog",
    "delivered_fill_tids",
    "run_chaos",
]
