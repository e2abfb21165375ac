"""``trio-hl record``: every raw frame of some subscriptions, into rotating segments.

The recorder runs its own connection loop over the client's transport rather than a
:class:`~trio_hl.Client`: the client decodes frames and keeps no raw text, and a recorder
must keep every frame exactly as it arrived (pongs and acknowledgements included), decode
nothing, and never drop a frame for a slow consumer. It keeps the client's rules for the
rest: the settings' heartbeat and backoff, a 4xx handshake refusal is final
(:class:`~trio_hl.errors.KeyRejected` for 401/403), a refused subscription is an error.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any, Final, TextIO

import trio
from trio_websocket import ConnectionClosed, ConnectionRejected, HandshakeError

from .. import _transport
from .._protocol._frames import PING, loads, subscribe_frame
from .._settings import Settings
from ..errors import ConnectError, HandshakeRejected, KeyRejected
from ._options import CliError, open_network, run_until_interrupted
from ._recording import SegmentWriter

if TYPE_CHECKING:
    from pathlib import Path

    from ..models.subscriptions import SubscriptionRequest
    from ..networks import Network
    from ._options import NetworkOptions

__all__ = ["Recorder", "run_record"]

_FAILURES: Final = (
    OSError,
    trio.BrokenResourceError,
    trio.ClosedResourceError,
    ConnectionClosed,
    HandshakeError,
)


def _leaves(exc: BaseException) -> list[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for sub in exc.exceptions for leaf in _leaves(sub)]
    return [exc]


class _Lost(Exception):
    """The connection ended; the recorder reconnects."""


class Recorder:
    """Connects, subscribes, writes every frame; reconnects with backoff until cancelled."""

    def __init__(
        self,
        network: Network,
        bodies: list[dict[str, Any]],
        writer: SegmentWriter,
        *,
        settings: Settings | None = None,
    ) -> None:
        self.network = network
        self.bodies = bodies
        self.writer = writer
        self.settings = settings or Settings()
        self.connection = 0
        self.connected = False
        self._pong: trio.Event | None = None

    async def run(self) -> None:
        attempt = 0
        failures = 0
        while True:
            started = trio.current_time()
            try:
                await self._connect_once()
            except ConnectError as exc:
                failures += 1
                limit = self.settings.initial_connect_attempts
                if self.connection == 0 and limit is not None and failures >= limit:
                    raise ConnectError(
                        f"could not connect to {self.network.redacted_url} after "
                        f"{failures} attempts: {exc}"
                    ) from None
            except _Lost:
                if trio.current_time() - started >= self.settings.stable_after:
                    attempt = 0
            await trio.sleep(self.settings.backoff.delay(attempt))
            attempt += 1

    async def _connect_once(self) -> None:
        established = False
        try:
            async with trio.open_nursery() as nursery:
                try:
                    with trio.fail_after(self.settings.connect_timeout):
                        ws, stream = await _transport.connect(nursery, self.network, self.settings)
                except trio.TooSlowError:
                    raise ConnectError(
                        f"no WebSocket handshake within {self.settings.connect_timeout} s"
                    ) from None
                established = True
                self.connection += 1
                self.connected = True
                try:
                    for body in self.bodies:
                        await ws.send_message(subscribe_frame(body))
                    self.writer.event(
                        time.time_ns(), self.connection, "connected", subscriptions=self.bodies
                    )
                    nursery.start_soon(self._heartbeat, ws, nursery.cancel_scope)
                    await self._read(ws)
                finally:
                    self.connected = False
                    await trio.aclose_forcefully(stream)
        except BaseException as exc:
            leaves = _leaves(exc)
            for leaf in leaves:
                if isinstance(leaf, ConnectionRejected):
                    said = (leaf.body or b"")[:200].decode("utf-8", "replace")
                    if leaf.status_code in (401, 403):
                        raise KeyRejected(leaf.status_code, said) from None
                    if 400 <= leaf.status_code < 500:
                        raise HandshakeRejected(leaf.status_code, said) from None
                    raise ConnectError(f"handshake refused with HTTP {leaf.status_code}") from None
                if isinstance(leaf, (ConnectError, CliError)):
                    raise leaf from None
            failures = [leaf for leaf in leaves if not isinstance(leaf, trio.Cancelled)]
            if failures and all(isinstance(leaf, _FAILURES) for leaf in failures):
                if len(failures) < len(leaves):
                    raise  # we are being cancelled: that is what must propagate
                if not established:
                    raise ConnectError(f"{type(failures[0]).__name__}: {failures[0]}") from None
                self.writer.event(
                    time.time_ns(), self.connection, "disconnected", reason=repr(failures[0])
                )
                raise _Lost from None
            raise
        # The heartbeat cancelled the connection (no pong): reconnect.
        self.writer.event(time.time_ns(), self.connection, "disconnected", reason="no pong")
        raise _Lost

    async def _read(self, ws: Any) -> None:
        write = self.writer.frame
        connection = self.connection
        while True:
            raw = await ws.get_message()
            write(time.time_ns(), connection, raw)
            # Control frames start with their channel; data frames are never parsed here.
            if isinstance(raw, str) and raw.startswith(('{"channel":"pong"', '{"channel":"error"')):
                self._control(raw)

    def _control(self, raw: str) -> None:
        message = loads(raw)
        channel = message.get("channel")
        if channel == "pong" and self._pong is not None:
            self._pong.set()
        elif channel == "error":
            text = str(message.get("data"))
            if text.startswith("Invalid subscription"):
                raise CliError(f"the server refused a subscription: {text[:300]}")

    async def _heartbeat(self, ws: Any, scope: trio.CancelScope) -> None:
        while True:
            await trio.sleep(self.settings.ping_interval)
            pong = self._pong = trio.Event()
            await ws.send_message(PING)
            with trio.move_on_after(self.settings.pong_timeout):
                await pong.wait()
            if not pong.is_set():
                scope.cancel(reason="no pong")
                return


def _size(count: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    raise AssertionError("unreachable")


class _Progress:
    """The progress line: redrawn in place on a terminal, else a line per segment."""

    def __init__(self, out: TextIO, recorder: Recorder) -> None:
        self.out = out
        self.recorder = recorder
        self.tty = out.isatty()
        self.started = time.monotonic()
        self._last_frames = 0
        self._last_time = self.started
        self._rate = 0.0
        self._segment: object = None

    def line(self) -> str:
        writer = self.recorder.writer
        now = time.monotonic()
        if now - self._last_time >= 1:
            self._rate = (writer.frames - self._last_frames) / (now - self._last_time)
            self._last_frames, self._last_time = writer.frames, now
        state = "" if self.recorder.connected else "  (reconnecting)"
        name = writer.path.name if writer.path is not None else "-"
        return (
            f"{writer.frames:,} frames  {_size(writer.frame_bytes)}  {self._rate:,.0f} frames/s"
            f"  connection {self.recorder.connection}  -> {name}{state}"
        )

    def show(self) -> None:
        writer = self.recorder.writer
        if self.tty:
            self.out.write("\r\x1b[2K" + self.line())
            self.out.flush()
        elif writer.path != self._segment and writer.path is not None:
            self._segment = writer.path
            self.out.write(f"recording to {writer.path}\n")
            self.out.flush()

    async def run(self) -> None:
        while True:
            self.show()
            await trio.sleep(1 if self.tty else 0.2)

    def finish(self) -> None:
        writer = self.recorder.writer
        if self.tty:
            self.out.write("\r\x1b[2K")
        compressed = writer.compressed_bytes
        self.out.write(
            f"recorded {writer.frames:,} frames ({_size(writer.frame_bytes)}, "
            f"{_size(compressed)} compressed) in {writer.segments} segment(s) over "
            f"{self.recorder.connection} connection(s) in {writer.directory}\n"
        )
        self.out.flush()


async def run_record(
    options: NetworkOptions,
    requests: list[SubscriptionRequest[Any]],
    out: Path,
    *,
    segment_bytes: int,
    segment_seconds: float,
    progress: TextIO | None = None,
) -> None:
    bodies = [request.to_wire() for request in requests]
    stderr = progress or sys.stderr

    async def work() -> None:
        async with open_network(options) as network:
            header = {"network": network.redacted_url, "subscriptions": bodies}
            with SegmentWriter(
                out, header=header, max_bytes=segment_bytes, max_seconds=segment_seconds
            ) as writer:
                recorder = Recorder(network, bodies, writer)
                meter = _Progress(stderr, recorder)
                try:
                    async with trio.open_nursery() as nursery:
                        nursery.start_soon(meter.run)
                        await recorder.run()
                finally:
                    writer.close()
                    meter.finish()

    await run_until_interrupted(work)
