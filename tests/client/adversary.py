"""A small adversarial WebSocket server in raw bytes, for faults the fake server cannot make.

It speaks just enough of RFC 6455 to misbehave on purpose: a handshake it can answer wrongly,
frames it can malform, a socket it can stop reading. Connect a client to it through
``Network(connect_stream=...)`` over memory streams (safe under the mock clock) or, with
:func:`serve_tcp`, over loopback TCP.
"""

from __future__ import annotations

import base64
import hashlib
import struct
from collections.abc import Awaitable, Callable
from typing import Any

import trio
import trio.testing

from trio_hl.networks import Network

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, BINARY, CLOSE, PING, PONG = 0x1, 0x2, 0x8, 0x9, 0xA

Handler = Callable[["Peer"], Awaitable[None]]


def frame(
    payload: bytes, opcode: int = TEXT, *, fin: bool = True, length: int | None = None
) -> bytes:
    """An unmasked server frame; ``length`` overrides the announced payload length."""
    size = len(payload) if length is None else length
    head = bytes([(0x80 if fin else 0) | opcode])
    if size < 126:
        head += bytes([size])
    elif size < 1 << 16:
        head += bytes([126]) + struct.pack("!H", size)
    else:
        head += bytes([127]) + struct.pack("!Q", size)
    return head + payload


def close_frame(code: int, reason: str = "") -> bytes:
    return frame(struct.pack("!H", code) + reason.encode(), CLOSE)


class Peer:
    """The server's end of one connection."""

    def __init__(self, stream: trio.abc.Stream) -> None:
        self.stream = stream
        self.buffer = b""
        self.request = b""
        self.frames: list[tuple[int, bytes]] = []  # (opcode, unmasked payload) received

    async def _fill(self) -> bool:
        data = await self.stream.receive_some(65536)
        if not data:
            return False
        self.buffer += data
        return True

    async def read_request(self) -> bytes:
        while b"\r\n\r\n" not in self.buffer:
            if not await self._fill():
                raise EOFError("no request")
        self.request, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        return self.request

    def accept_key(self) -> bytes:
        for line in self.request.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"sec-websocket-key":
                return base64.b64encode(hashlib.sha1(value.strip() + GUID).digest())
        raise AssertionError("no Sec-WebSocket-Key")

    async def accept(self, *, accept: bytes | None = None, extra: bytes = b"") -> None:
        """Read the request and answer 101 (with a given ``Sec-WebSocket-Accept``)."""
        await self.read_request()
        key = self.accept_key() if accept is None else accept
        await self.stream.send_all(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Accept: " + key + b"\r\n\r\n" + extra
        )

    async def send(self, data: bytes) -> None:
        await self.stream.send_all(data)

    async def send_text(self, text: str) -> None:
        await self.stream.send_all(frame(text.encode()))

    async def receive_frame(self) -> tuple[int, bytes] | None:
        """The next client frame (unmasked), or ``None`` at the end of the stream."""
        while True:
            parsed = self._parse()
            if parsed is not None:
                self.frames.append(parsed)
                return parsed
            try:
                if not await self._fill():
                    return None
            except (trio.BrokenResourceError, trio.ClosedResourceError):
                return None

    def _parse(self) -> tuple[int, bytes] | None:
        buf = self.buffer
        if len(buf) < 2:
            return None
        opcode, size, offset = buf[0] & 0x0F, buf[1] & 0x7F, 2
        if size == 126:
            if len(buf) < 4:
                return None
            size, offset = struct.unpack("!H", buf[2:4])[0], 4
        elif size == 127:
            if len(buf) < 10:
                return None
            size, offset = struct.unpack("!Q", buf[2:10])[0], 10
        if len(buf) < offset + 4 + size:
            return None
        mask = buf[offset : offset + 4]
        body = bytes(b ^ mask[i % 4] for i, b in enumerate(buf[offset + 4 : offset + 4 + size]))
        self.buffer = buf[offset + 4 + size :]
        return opcode, body

    async def frames_until_close(self) -> list[tuple[int, bytes]]:
        """Read until the client's Close frame (or the end); return everything read."""
        while True:
            got = await self.receive_frame()
            if got is None or got[0] == CLOSE:
                return self.frames

    def texts(self) -> list[str]:
        return [body.decode() for opcode, body in self.frames if opcode == TEXT]

    def close_code(self) -> int | None:
        for opcode, body in self.frames:
            if opcode == CLOSE:
                return int(struct.unpack("!H", body[:2])[0]) if len(body) >= 2 else None
        return None


class Adversary:
    """Runs ``handler`` for each connection; records the peers."""

    def __init__(self, nursery: trio.Nursery, handler: Handler) -> None:
        self._nursery = nursery
        self.handler = handler
        self.peers: list[Peer] = []
        self.done: list[trio.Event] = []
        self._changed = trio.Event()

    def network(self, *, lockstep: bool = False, url: str = "ws://adversary.invalid/ws") -> Network:
        """A network whose connections reach this server in memory (``lockstep``: a
        stream with no buffer, so that a server that stops reading stalls the client)."""

        async def connect() -> trio.abc.Stream:
            pair = (
                trio.testing.lockstep_stream_pair if lockstep else trio.testing.memory_stream_pair
            )
            client, server = pair()
            self._nursery.start_soon(self._run, server)
            await trio.lowlevel.checkpoint()
            return client

        return Network(name="adversary", ws_url=url, connect_stream=connect)

    async def _run(self, stream: trio.abc.Stream) -> None:
        peer = Peer(stream)
        self.peers.append(peer)
        done = trio.Event()
        self.done.append(done)
        self._changed.set()
        self._changed = trio.Event()
        try:
            await self.handler(peer)
        except (trio.BrokenResourceError, trio.ClosedResourceError, EOFError):
            pass
        finally:
            done.set()
            await trio.aclose_forcefully(stream)

    async def wait_peers(self, count: int) -> None:
        while len(self.peers) < count:
            await self._changed.wait()

    async def wait_done(self, index: int) -> None:
        await self.wait_peers(index + 1)
        await self.done[index].wait()


async def forever(_: Any = None) -> None:
    await trio.sleep_forever()
