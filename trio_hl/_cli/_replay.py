"""``trio-hl replay``: a recording served as a local WebSocket server, or printed.

The server speaks the subscription protocol: it acknowledges ``subscribe`` and
``unsubscribe`` with the server's echo, answers ``ping`` with ``pong``, and refuses ``post``
(a recording holds no answers). Each connection gets its own replay of the recording's data
frames, from the start, ``start_after`` seconds after its first subscribe: every frame its
subscriptions would have received, as the exact recorded text, in order, with the recorded
gaps between frames divided by the speed. Control frames of the recording (pongs,
acknowledgements, replies) are not replayed: the server makes its own.
"""

from __future__ import annotations

import json
import math
import sys
from typing import TYPE_CHECKING, Any, Final, TextIO

import trio
from trio_websocket import ConnectionClosed, WebSocketRequest, serve_websocket

from .._decode import decode_frame
from .._guards import is_object
from .._protocol import CONTROL_CHANNELS, loads, serves_frame
from ..errors import DecodeError
from ._options import UsageError, run_until_interrupted
from ._output import to_json
from ._recording import Event, Frame, read_recording, segments

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = ["parse_speed", "run_replay"]

_MAX_BURST: Final = 64  # at --speed max, frames sent between two checkpoints


def parse_speed(text: str) -> float:
    """``"max"`` (no waiting) or a positive number.

    Raises:
        UsageError: anything else.
    """
    if text == "max":
        return math.inf
    try:
        speed = float(text)
    except ValueError:
        speed = math.nan
    if not speed > 0 or math.isinf(speed):
        raise UsageError(f"--speed must be a positive number or max, got {text!r}")
    return speed


class _Item:
    """A data frame of the recording, parsed once (for routing) and kept as its raw text."""

    __slots__ = ("channel", "data", "raw", "t")

    def __init__(self, t: int, raw: str | bytes, channel: str, data: Any) -> None:
        self.t = t
        self.raw = raw
        self.channel = channel
        self.data = data


def _data_frames(directory: Path) -> Iterator[_Item]:
    for record in read_recording(directory):
        if not isinstance(record, Frame):
            continue
        try:
            message = loads(record.raw)
        except ValueError:
            continue  # the plain-text banner
        channel = message.get("channel") if is_object(message) else None
        if isinstance(channel, str) and channel not in CONTROL_CHANNELS:
            yield _Item(record.t, record.raw, channel, message.get("data"))


async def _pace(start: float, first: int, t: int, speed: float, sent: int) -> None:
    if math.isinf(speed):
        if sent % _MAX_BURST == 0:
            await trio.lowlevel.checkpoint()
        return
    await trio.sleep_until(start + (t - first) / 1e9 / speed)


class _Connection:
    def __init__(self, number: int, ws: Any) -> None:
        self.number = number
        self.ws = ws
        self.subscriptions: list[dict[str, Any]] = []
        self.subscribed = trio.Event()


class ReplayServer:
    """Serves a recording to every WebSocket client that connects."""

    def __init__(self, directory: Path, *, speed: float, start_after: float, log: TextIO) -> None:
        self.directory = directory
        self.speed = speed
        self.start_after = start_after
        self.log = log
        self.connections = 0

    async def handle(self, request: WebSocketRequest) -> None:
        ws = await request.accept()
        self.connections += 1
        conn = _Connection(self.connections, ws)
        try:
            async with trio.open_nursery() as nursery:
                nursery.start_soon(self._replay, conn)
                await self._serve_requests(conn)
                nursery.cancel_scope.cancel(reason="client gone")
        except ConnectionClosed:
            pass

    async def _serve_requests(self, conn: _Connection) -> None:
        while True:
            try:
                text = await conn.ws.get_message()
            except ConnectionClosed:
                return
            try:
                message = json.loads(text)
            except ValueError:
                message = None
            method = message.get("method") if is_object(message) else None
            assert message is None or is_object(message)
            if method == "ping":
                await conn.ws.send_message('{"channel":"pong"}')
            elif method in ("subscribe", "unsubscribe") and isinstance(
                message and message.get("subscription"), dict
            ):
                assert message is not None
                body = message["subscription"]
                if method == "subscribe":
                    conn.subscriptions.append(body)
                    conn.subscribed.set()
                elif body in conn.subscriptions:
                    conn.subscriptions.remove(body)
                ack = {"method": method, "subscription": body}
                await conn.ws.send_message(
                    json.dumps({"channel": "subscriptionResponse", "data": ack})
                )
            elif method == "post" and isinstance(message and message.get("id"), int):
                assert message is not None
                reply = {
                    "id": message["id"],
                    "response": {
                        "type": "error",
                        "payload": "a replay serves recorded subscriptions only",
                    },
                }
                await conn.ws.send_message(json.dumps({"channel": "post", "data": reply}))
            else:
                error = f"Error parsing JSON into valid websocket request: {text}"
                await conn.ws.send_message(json.dumps({"channel": "error", "data": error}))

    async def _replay(self, conn: _Connection) -> None:
        await conn.subscribed.wait()
        await trio.sleep(self.start_after)
        start = trio.current_time()
        first: int | None = None
        sent = 0
        for item in _data_frames(self.directory):
            if first is None:
                first = item.t
            if not any(serves_frame(sub, item.channel, item.data) for sub in conn.subscriptions):
                continue
            await _pace(start, first, item.t, self.speed, sent)
            await conn.ws.send_message(item.raw)
            sent += 1
        self.log.write(f"connection {conn.number}: end of the recording, {sent} frames sent\n")
        self.log.flush()


async def print_recording(directory: Path, *, speed: float, out: TextIO, log: TextIO) -> None:
    """Every data frame decoded into typed JSON lines, and a line for each reconnect."""
    start = trio.current_time()
    first: int | None = None
    written = 0
    for record in read_recording(directory):
        first = record.t if first is None else first
        if isinstance(record, Event):
            if record.kind == "connected" and record.connection > 1:
                await _pace(start, first, record.t, speed, written)
                marker = {
                    "type": "StreamRestarted",
                    "connection": record.connection,
                    "subscriptions": record.detail.get("subscriptions"),
                }
                out.write(json.dumps(marker, separators=(",", ":")) + "\n")
            continue
        try:
            messages = decode_frame(record.raw)
        except DecodeError as exc:
            log.write(f"trio-hl: skipped a frame ({exc.channel}): {exc}\n")
            continue
        if not messages:
            continue
        await _pace(start, first, record.t, speed, written)
        for message in messages:
            out.write(to_json(message) + "\n")
            written += 1
        out.flush()


async def run_replay(
    directory: Path,
    *,
    speed: float,
    port: int,
    to_stdout: bool,
    start_after: float,
    out: TextIO | None = None,
) -> None:
    try:
        found = segments(directory)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    stdout = out or sys.stdout

    async def work() -> None:
        if to_stdout:
            await print_recording(directory, speed=speed, out=stdout, log=sys.stderr)
            return
        server = ReplayServer(directory, speed=speed, start_after=start_after, log=sys.stderr)
        async with trio.open_nursery() as nursery:
            listening = await nursery.start(serve_websocket, server.handle, "127.0.0.1", port, None)
            shown = "max" if math.isinf(speed) else f"{speed:g}x"
            stdout.write(
                f"replaying {directory} ({len(found)} segment(s)) at speed {shown} on "
                f"ws://127.0.0.1:{listening.port}/ws; Ctrl-C to stop\n"
            )
            stdout.flush()

    await run_until_interrupted(work)
