"""``trio-hl record``: every raw frame of some subscriptions, into rotating segments.

The recorder runs its own connection loop over the client's transport rather than a
:class:`~trio_hl.Client`: the client decodes frames and keeps no raw text, and a recorder
must keep every frame exactly as it arrived (pongs and acknowledgements included), decode
nothing, and never drop a frame for a slow consumer. It keeps the client's rules for the
rest: the settings' heartbeat and backoff, a 4xx handshake refusal is final
(:class:`~trio_hl.errors.KeyRejected` for 401/403), a refused subscription is an error.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING, Any, Final, TextIO

import trio

from .. import _transport
from .._protocol import PING, loads, subscribe_frame
from .._settings import Settings
from ..errors import ConnectError, HandshakeRejected
from ._options import CliError, open_network, run_until_interrupted
from ._recording import SegmentWriter

if TYPE_CHECKING:
    from pathlib import Path

    from ..models.subscriptions import SubscriptionRequest
    from ..networks import Network
    from ._options import NetworkOptions

__all__ = ["Recorder", "run_record"]

logger: Final = logging.getLogger("trio_hl.cli")

_CONTROL: Final = ('{"channel":"pong"', '{"channel":"error"')


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
        self._ended = ""
        self._refused: CliError | None = None

    async def run(self) -> None:
        attempt = 0
        failures = 0
        while True:
            started = trio.current_time()
            try:
                await self._connect_once()
            except ConnectError as exc:
                logger.info("connection to %s failed: %s", self.network.name, exc)
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
        """One connection, from the handshake until it ends (then :class:`_Lost`).

        Raises:
            ConnectError: it could not be established (retryable).
            HandshakeRejected: a 4xx refusal (``KeyRejected`` for 401/403): final.
            CliError: the server refused a subscription.
        """
        try:
            async with _transport.open_websocket(self.network, self.settings) as ws:
                self.connection += 1
                self.connected = True
                self._ended = "no pong"
                try:
                    for body in self.bodies:
                        await ws.send_text(subscribe_frame(body))
                    self.writer.event(
                        time.time_ns(), self.connection, "connected", subscriptions=self.bodies
                    )
                    logger.info(
                        "recording from %s (connection %d)", self.network.name, self.connection
                    )
                    async with trio.open_nursery() as nursery:
                        nursery.start_soon(self._heartbeat, ws, nursery.cancel_scope)
                        await self._read(ws, nursery.cancel_scope)
                    if self._refused is not None:
                        raise self._refused
                finally:
                    self.connected = False
        except HandshakeRejected as exc:
            if 400 <= exc.status_code < 500:
                raise
            raise ConnectError(f"handshake refused with HTTP {exc.status_code}") from None
        except _transport.Closed as exc:  # while subscribing
            self._ended = str(exc)
        self.writer.event(time.time_ns(), self.connection, "disconnected", reason=self._ended)
        logger.info("connection %d ended: %s", self.connection, self._ended)
        raise _Lost

    async def _read(self, ws: _transport.WebSocket, scope: trio.CancelScope) -> None:
        write = self.writer.frame
        connection = self.connection
        while True:
            try:
                messages = await ws.receive()
            except _transport.Closed as exc:
                self._ended = str(exc)
                scope.cancel(reason=self._ended)
                return
            for raw in messages:
                write(time.time_ns(), connection, raw)
                # Control frames start with their channel; data frames are never parsed.
                if isinstance(raw, str) and raw.startswith(_CONTROL) and self._control(raw):
                    scope.cancel(reason="a subscription was refused")
                    return

    def _control(self, raw: str) -> bool:
        """Note a pong; return whether the frame refuses a subscription (which ends it)."""
        message = loads(raw)
        channel = message.get("channel")
        if channel == "pong" and self._pong is not None:
            self._pong.set()
        elif channel == "error":
            text = str(message.get("data"))
            if text.startswith("Invalid subscription"):
                self._refused = CliError(f"the server refused a subscription: {text[:300]}")
                return True
        return False

    async def _heartbeat(self, ws: _transport.WebSocket, scope: trio.CancelScope) -> None:
        while True:
            await trio.sleep(self.settings.ping_interval)
            pong = self._pong = trio.Event()
            try:
                await ws.send_text(PING)
            except _transport.Closed as exc:
                self._ended = str(exc)
                scope.cancel(reason=self._ended)
                return
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
