"""The loopback server of the streaming benchmarks: plain sockets, one thread per client.

Run by ``run.py`` as a subprocess, so that its work never shares an interpreter (or a GIL)
with the client being measured. It prints its port on stdout, then serves until killed.

Every connection is a minimal WebSocket server: the handshake, then client frames are read
(and unmasked) until a ``subscribe`` arrives; that is acknowledged the way Hyperliquid does
(``subscriptionResponse`` echoing the body), and then pre-serialized, pre-framed data is
written with ``sendall`` as fast as the socket takes it. No compression, no per-frame work
on the hot path: the server must never be what limits a client.

The request path selects what is streamed, ``/<scenario>/<mode>[/<arg>]`` (a trailing
``/ws`` is ignored, for the official SDK, which appends it to a base URL):

* ``/<scenario>/flood``: the scenario's frames in a cycle, until the client goes away.
* ``/<scenario>/count/<n>``: exactly ``n`` frames, then silence until the client goes away.
* ``/latency/paced/<rate>``: l2Book frames at ``rate`` a second; each frame's ``time`` is
  overwritten with the send time (``TIME_OFFSET + time.monotonic_ns() // 1000``: a clock
  shared by every process on the machine, padded to a fixed width) just before it is
  written.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import sys
import threading
import time
from typing import Final

from _frames import LATENCY_TIME_DIGITS, TIME_OFFSET, frames_for, l2book_frames

_GUID: Final = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
_CHUNK: Final = 256 * 1024


def encode(payload: bytes, opcode: int = 0x1) -> bytes:
    """One unmasked server-to-client frame."""
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", 0x80 | opcode, size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", 0x80 | opcode, 126, size)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 127, size)
    return header + payload


class _Reader:
    """Reads masked client frames from a blocking socket."""

    def __init__(self, sock: socket.socket, pending: bytes) -> None:
        self.sock = sock
        self.buffer = bytearray(pending)

    def _need(self, size: int) -> bytes:
        while len(self.buffer) < size:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("client went away")
            self.buffer += chunk
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def frame(self) -> tuple[int, bytes]:
        first, second = self._need(2)
        size = second & 0x7F
        if size == 126:
            (size,) = struct.unpack("!H", self._need(2))
        elif size == 127:
            (size,) = struct.unpack("!Q", self._need(8))
        mask = self._need(4) if second & 0x80 else b"\0\0\0\0"
        payload = self._need(size)
        unmasked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return first & 0x0F, unmasked


_cache: dict[str, tuple[bytes, list[bytes]]] = {}
_cache_lock = threading.Lock()


def _blob(scenario: str) -> tuple[bytes, list[bytes]]:
    """Every frame of a scenario, framed and concatenated, and the frames one by one."""
    with _cache_lock:
        if scenario not in _cache:
            frames = [encode(text.encode()) for text in frames_for(scenario)]
            _cache[scenario] = (b"".join(frames), frames)
        return _cache[scenario]


_latency: list[tuple[bytes, int]] = []


def _latency_frames() -> list[tuple[bytes, int]]:
    """Distinct l2Book frames with a fixed-width ``time`` placeholder, and its offset."""
    with _cache_lock:
        if not _latency:
            placeholder = "9" * LATENCY_TIME_DIGITS
            for text in l2book_frames(2000, seed=7):
                data = json.loads(text)
                data["data"]["time"] = int(placeholder)
                framed = encode(json.dumps(data, separators=(",", ":")).encode())
                _latency.append((framed, framed.index(placeholder.encode())))
        return _latency


def _drain(reader: _Reader) -> None:
    # Keep reading (pings, unsubscribes) so that the client never blocks on its writes.
    try:
        while True:
            opcode, _ = reader.frame()
            if opcode == 0x8:
                return
    except OSError:
        return


def _handle(sock: socket.socket) -> None:
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = sock.recv(65536)
            if not chunk:
                return
            request += chunk
        head, _, rest = request.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        path = lines[0].split(" ")[1]
        headers = {
            name.strip().lower(): value.strip()
            for name, _, value in (line.partition(":") for line in lines[1:])
        }
        accept = base64.b64encode(
            hashlib.sha1(headers["sec-websocket-key"].encode() + _GUID).digest()
        )
        sock.sendall(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n"
        )
        reader = _Reader(sock, rest)
        while True:
            opcode, payload = reader.frame()
            if opcode == 0x8:
                return
            if opcode != 0x1:
                continue
            try:
                message = json.loads(payload)
            except ValueError:
                continue
            if isinstance(message, dict) and message.get("method") == "subscribe":
                break
        ack = {
            "channel": "subscriptionResponse",
            "data": {"method": "subscribe", "subscription": message["subscription"]},
        }
        sock.sendall(encode(json.dumps(ack).encode()))
        threading.Thread(target=_drain, args=(reader,), daemon=True).start()
        parts = [part for part in path.split("?")[0].split("/") if part and part != "ws"]
        scenario, mode = parts[0], parts[1]
        if mode == "paced":
            _paced(sock, float(parts[2]))
        else:
            _flood(sock, scenario, int(parts[2]) if mode == "count" else None)
    except OSError:
        pass
    finally:
        sock.close()


def _flood(sock: socket.socket, scenario: str, count: int | None) -> None:
    blob, frames = _blob(scenario)
    view = memoryview(blob)
    if count is None:
        while True:
            for start in range(0, len(blob), _CHUNK):
                sock.sendall(view[start : start + _CHUNK])
    cycles, rest = divmod(count, len(frames))
    for _ in range(cycles):
        for start in range(0, len(blob), _CHUNK):
            sock.sendall(view[start : start + _CHUNK])
    if rest:
        sock.sendall(b"".join(frames[:rest]))
    # Silence until the client closes: reading returns b"" (or fails) then.
    while sock.recv(65536):
        pass


def _paced(sock: socket.socket, rate: float) -> None:
    frames = _latency_frames()
    interval = 1.0 / rate
    start = time.monotonic()
    i = 0
    while True:
        framed, offset = frames[i % len(frames)]
        target = start + i * interval
        delay = target - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        stamp = str(TIME_OFFSET + time.monotonic_ns() // 1000).encode()
        sock.sendall(framed[:offset] + stamp + framed[offset + LATENCY_TIME_DIGITS :])
        i += 1


def main() -> None:
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    print(listener.getsockname()[1], flush=True)
    for scenario in sys.argv[1:]:  # warm the caches before the first client connects
        _blob(scenario)
    _latency_frames()
    print("ready", flush=True)
    while True:
        sock, _ = listener.accept()
        threading.Thread(target=_handle, args=(sock,), daemon=True).start()


if __name__ == "__main__":
    main()
