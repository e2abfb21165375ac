"""The simulated exchange on a loopback port, for any client: ours, the official SDK, a bot
in another language.

One TCP port serves the WebSocket API at ``/ws`` and the HTTP API at ``POST /info`` and
``POST /exchange`` (HTTP/1.1 with keep-alive, parsed with h11), all views of one
:class:`~trio_hl.testing._market.Market` that steps one block every half second of real
time. Actions are verified like the exchange verifies them, for the **testnet** chain (what
the official SDK signs for any URL but mainnet's), and the first signed action of an
unknown address opens its account with :data:`FAUCET_USDC` USDC, so any fresh key can
trade at once.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Final, NoReturn

import attrs
import h11
import httpx
import trio

from .._nonces import wall_clock_ms
from ..networks import Network, custom
from ._fake_server import FakeHyperliquid
from ._market import Market
from ._simulation import Simulation

if TYPE_CHECKING:
    from ._fake_http import FakeHttp

__all__ = ["FAUCET_USDC", "SimulatorAddress", "serve_simulator"]

FAUCET_USDC: Final = 100_000
"""USDC credited to an address the first time it signs an action on the simulator."""

_MAX_HEAD: Final = 64 * 1024
_MAX_BODY: Final = 16 * 1024 * 1024


@attrs.frozen(kw_only=True)
class SimulatorAddress:
    """Where :func:`serve_simulator` listens.

    Attributes:
        host: the address it is bound to.
        port: the TCP port (the one the OS chose, when asked for port 0).
        ws_url: the WebSocket API, ``ws://host:port/ws``.
        http_url: the HTTP API base, ``http://host:port`` (``/info``, ``/exchange``).
        is_mainnet: ``False``: actions are signed for the testnet chain.
    """

    host: str
    port: int
    ws_url: str
    http_url: str
    is_mainnet: bool = False

    @classmethod
    def of(cls, host: str, port: int) -> SimulatorAddress:
        netloc = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        return cls(host=host, port=port, ws_url=f"ws://{netloc}/ws", http_url=f"http://{netloc}")

    @property
    def network(self) -> Network:
        """A :class:`~trio_hl.Network` for this simulator (``open_client``, ``Api.create``)."""
        return custom(self.ws_url, name="simulator", is_mainnet=self.is_mainnet)


async def serve_simulator(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    seed: int = 0,
    goldrush: bool = False,
    task_status: trio.TaskStatus[SimulatorAddress] = trio.TASK_STATUS_IGNORED,
) -> NoReturn:
    """Serve a simulated exchange on ``host:port`` until cancelled.

    Args:
        host: the address to bind (loopback by default).
        port: the TCP port; ``0`` lets the OS choose (see ``task_status``).
        seed: fixes the synthetic market (prices, quotes and synthetic trades).
        goldrush: serve GoldRush's ``l4Book`` and wildcard ``l2Book``, without caps.
        task_status: reports the :class:`SimulatorAddress` once listening, for
            ``await nursery.start(serve_simulator)``.

    It uses real time (the wall clock for exchange times and nonces), so it is meant for
    demos, other SDKs and soak tests; under ``MockClock`` use ``open_fake_hyperliquid(seed=)``.
    """
    async with trio.open_nursery() as nursery:
        fake = FakeHyperliquid(nursery)
        fake.exchange.is_mainnet = False
        simulation = Simulation(fake, Market(seed, now_ms=wall_clock_ms()), goldrush=goldrush)
        simulation.faucet = FAUCET_USDC
        fake.simulation = simulation
        listeners = await trio.open_tcp_listeners(port, host=host)
        bound = listeners[0].socket.getsockname()
        nursery.start_soon(simulation.run)
        task_status.started(SimulatorAddress.of(host, bound[1]))
        await trio.serve_listeners(partial(_serve, fake), listeners)
    raise AssertionError("unreachable: serve_listeners never returns")


class _Replayed(trio.abc.Stream):
    """A stream that first gives back bytes already read from it (the handshake request)."""

    def __init__(self, prefix: bytes, stream: trio.abc.Stream) -> None:
        self._prefix = prefix
        self._stream = stream

    async def receive_some(self, max_bytes: int | None = None) -> bytes:
        if self._prefix:
            await trio.lowlevel.checkpoint()
            size = len(self._prefix) if max_bytes is None else max_bytes
            data, self._prefix = self._prefix[:size], self._prefix[size:]
            return data
        return bytes(await self._stream.receive_some(max_bytes))

    async def send_all(self, data: bytes | bytearray | memoryview) -> None:
        await self._stream.send_all(data)

    async def wait_send_all_might_not_block(self) -> None:
        await self._stream.wait_send_all_might_not_block()

    async def aclose(self) -> None:
        await self._stream.aclose()


async def _serve(fake: FakeHyperliquid, stream: trio.abc.Stream) -> None:
    """One TCP connection: a WebSocket handshake goes to the fake's WebSocket server,
    anything else is HTTP requests (keep-alive) answered by its HTTP side."""
    conn = h11.Connection(h11.SERVER, max_incomplete_event_size=_MAX_HEAD)
    received = bytearray()
    first = True
    try:
        while True:
            event = await _next(conn, stream, received)
            if isinstance(event, h11.ConnectionClosed) or event is None:
                return
            if not isinstance(event, h11.Request):
                return
            upgrade = dict(event.headers).get(b"upgrade", b"").lower()
            if upgrade == b"websocket":
                if not first:
                    await _respond(conn, stream, 400, b"WebSocket upgrade on a reused connection")
                    return
                await fake.serve_websocket(_Replayed(bytes(received), stream))
                return
            first = False
            body = bytearray()
            while True:
                part = await _next(conn, stream, received)
                if isinstance(part, h11.Data):
                    body += part.data
                    if len(body) > _MAX_BODY:
                        await _respond(conn, stream, 413, b"Payload Too Large")
                        return
                elif isinstance(part, h11.EndOfMessage):
                    break
                else:
                    return
            await _answer(fake.http, conn, stream, event, bytes(body))
            if conn.our_state is h11.MUST_CLOSE:
                return
            conn.start_next_cycle()
    except (h11.RemoteProtocolError, trio.BrokenResourceError, trio.ClosedResourceError):
        return
    finally:
        await trio.aclose_forcefully(stream)


async def _next(
    conn: h11.Connection, stream: trio.abc.Stream, received: bytearray
) -> h11.Event | None:
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA:
            data = bytes(await stream.receive_some(65536))
            received += data
            conn.receive_data(data)
            continue
        if event is h11.PAUSED:
            return None
        assert isinstance(event, h11.Event)
        return event


async def _answer(
    http: FakeHttp, conn: h11.Connection, stream: trio.abc.Stream, request: h11.Request, body: bytes
) -> None:
    path = request.target.decode("latin-1")
    method = request.method.decode("latin-1")
    try:
        response = await http.respond(
            httpx.Request(method, f"http://simulator{path}", content=body)
        )
    except httpx.TransportError:
        return  # the lost-reply case: the connection dies before the reply
    content = response.content
    headers = [(b"content-type", response.headers.get("content-type", "text/plain").encode())]
    await _respond(conn, stream, response.status_code, content, headers)


async def _respond(
    conn: h11.Connection,
    stream: trio.abc.Stream,
    status: int,
    content: bytes,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    all_headers = [*(headers or [(b"content-type", b"text/plain")])]
    all_headers.append((b"content-length", str(len(content)).encode()))
    for event in (
        h11.Response(status_code=status, headers=all_headers),
        h11.Data(data=content),
        h11.EndOfMessage(),
    ):
        data = conn.send(event)
        if data:
            await stream.send_all(data)
