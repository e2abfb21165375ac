"""FakeHyperliquid: a scriptable Hyperliquid WebSocket server for tests.

It speaks the real protocol (trio-websocket's server side over the far end of
``trio.testing.memory_stream_pair``), so a client under test runs its real framing, handshake
and close paths, and everything works under ``MockClock(autojump_threshold=0)``: no real
I/O is ever in flight. It can also listen on a loopback port for clients that are not Trio.

Which subscription type a data channel serves (``user`` serves ``userEvents``) and which
channels batch several items in one frame are facts of the protocol, read from the channel
table (``_protocol.CHANNELS``) like everywhere else. Which frames reach which subscription is
the server's rule (``serves_frame``, shared with ``trio_hl replay``), written apart from the
client's routing (``Route``), so that a routing bug in the client cannot hide itself in the fake.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, Final, final
from urllib.parse import parse_qs, urlsplit

import attrs
import trio
import trio.testing
from trio_websocket import ConnectionClosed, WebSocketConnection, wrap_server_stream

from .._guards import is_object
from .._limits import Limits
from .._protocol import serves_frame
from ..errors import ConfigurationError
from ..networks import Network
from ._fake_exchange import FakeExchange, install_fake_exchange
from ._fake_goldrush import FakeGoldRush, install_fake_goldrush
from ._fake_goldrush import refusal as goldrush_refusal
from ._fake_http import FakeHttp
from ._info_fixtures import install_default_info
from ._market import Market
from ._simulation import Simulation

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = ["FakeConnection", "FakeHyperliquid", "InfoHandler", "open_fake_hyperliquid"]

InfoHandler = Callable[[dict[str, Any]], Any]
"""Computes the ``data`` of an info reply from the request payload."""

ActionHandler = Callable[[dict[str, Any]], Any]
"""Computes the exchange body (``{"status": ..., "response": ...}``) of an action."""

# Defaults the real server adds when it echoes a subscription in its acknowledgement.
_ECHO_DEFAULTS: Final[dict[str, dict[str, Any]]] = {
    "l2Book": {"nSigFigs": None, "mantissa": None},
    "userFills": {"aggregateByTime": False},
}

_MAX_FRAME: Final = 64 * 1024 * 1024


def _dumps(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))


@final
class FakeConnection:
    """One client connection as the fake server sees it."""

    def __init__(
        self, index: int, ws: WebSocketConnection, path: str, stream: trio.abc.Stream
    ) -> None:
        self.index = index
        self.path = path
        self.subscriptions: list[dict[str, Any]] = []
        self._ws = ws
        self._stream = stream
        self.closed: bool = False

    async def cut(self) -> None:
        """End the connection abruptly (no close frame), like a network failure."""
        self.closed = True
        await trio.aclose_forcefully(self._stream)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close the connection with a WebSocket close frame (bounded: 1 s)."""
        self.closed = True
        with trio.move_on_after(1):
            await self._ws.aclose(code, reason or None)

    async def send_text(self, text: str) -> None:
        """Send one raw text frame (may be malformed on purpose)."""
        if not self.closed:
            try:
                await self._ws.send_message(text)
            except ConnectionClosed:
                self.closed = True

    async def send(self, obj: Any) -> None:
        await self.send_text(_dumps(obj))


@attrs.define(eq=False)
class _Rejection:
    status: int
    body: str
    remaining: int | None
    headers: list[tuple[bytes, bytes]] = attrs.Factory(list[tuple[bytes, bytes]])


@final
class FakeHyperliquid:
    """A scriptable server; make one with :func:`open_fake_hyperliquid`.

    Defaults are the real server's: subscriptions are acknowledged with the server's
    normalised echo, duplicates and unknown unsubscribes answer on the ``error`` channel,
    pings are answered, and unknown info requests fail like an HTTP 422 would.

    Attributes:
        received: every frame received, in order, as ``(connection index, parsed JSON)``
            (the raw text when it was not JSON).
        handshake_times: ``trio.current_time()`` of every handshake, accepted or refused.
        answer_pings: answer ``ping`` with ``pong`` (``go_silent()`` turns it off).
        ack_subscriptions: acknowledge (un)subscriptions; when off they take effect silently.
        hold_posts: record ``post`` requests but never answer them.
        info_handlers: info request ``type`` -> value or callable computing the reply data.
        action_handler: callable computing the exchange reply to a signed action (by
            default :attr:`exchange`'s, which verifies signatures).
        exchange: the :class:`~trio_hl.testing.FakeExchange` answering actions.
        invalid_coins: coins whose subscriptions are refused as ``Invalid subscription``.
        require_key: when set, handshakes without ``?key=<it>`` are refused with 401 (and
            so are GoldRush Info API requests without ``Authorization: Bearer <it>``).
        goldrush: the GoldRush mode (sequenced diff streams, faults, the Info API).
        simulation: the simulated exchange behind the server (``open_fake_hyperliquid(
            seed=...)``), or ``None`` when every reply is scripted.
    """

    def __init__(
        self, nursery: trio.Nursery, *, seed: int | None = None, goldrush: bool = False
    ) -> None:
        self._nursery = nursery
        self.received: list[tuple[int, Any]] = []
        self.connections: list[FakeConnection] = []
        self.answer_pings: bool = True
        self.ack_subscriptions = True
        self.hold_posts = False
        # A value (the reply's data) or an InfoHandler; naming the callable lets a type
        # checker infer a lambda's payload type.
        self.info_handlers: dict[str, InfoHandler | Any] = {}
        self.action_handler: ActionHandler | None = None
        self.invalid_coins: set[str] = set()
        # A simulated exchange in GoldRush mode is a GoldRush server on every connection.
        self._serves_goldrush = seed is not None and goldrush
        self.require_key: str | None = None
        self._rejection: _Rejection | None = None
        self.handshake_times: list[float] = []
        self._changed = trio.Event()
        self._listen_port: int | None = None
        self.http: FakeHttp = FakeHttp(self)
        """The HTTP API (``/info``, ``/exchange``), answering from the same scripting."""
        install_default_info(self)
        self.exchange: FakeExchange = install_fake_exchange(self)
        self.goldrush: FakeGoldRush = install_fake_goldrush(self)
        self.simulation: Simulation | None = (
            None if seed is None else Simulation(self, Market(seed), goldrush=goldrush)
        )

    # -- pointing a client at it -------------------------------------------------------------

    @property
    def network(self) -> Network:
        """A :class:`~trio_hl.Network` whose connections reach this server in memory (in
        GoldRush mode, a GoldRush network)."""
        if self._serves_goldrush:
            return self.goldrush_network("fake-key")
        return Network(
            name="fake",
            ws_url="ws://fake.hyperliquid.invalid/ws",
            connect_stream=self.connect,
            http_transport=self.http.transport,
            venue="hyperliquid",
        )

    def goldrush_network(self, key: str, *, info_fallback: bool = False) -> Network:
        """Like GoldRush: ``?key=`` in the URL, no subscription cap, GoldRush's channels."""
        return Network(
            name="fake-goldrush",
            ws_url=f"ws://fake.goldrush.invalid/ws?key={key}",
            limits=Limits(max_subscriptions=None, max_users=None),
            connect_stream=self.connect,
            http_transport=self.http.transport,
            venue="goldrush",
            info_fallback=info_fallback,
        )

    async def connect(self) -> trio.abc.Stream:
        """Open an in-memory byte stream to this server (the client's end)."""
        client_end, server_end = trio.testing.memory_stream_pair()
        self._nursery.start_soon(self.serve_websocket, server_end)
        await trio.lowlevel.checkpoint()
        return client_end

    @property
    def url(self) -> str:
        """``ws://127.0.0.1:<port>/ws`` once :meth:`serve_tcp` is listening."""
        if self._listen_port is None:
            raise RuntimeError("call `await nursery.start(fake.serve_tcp)` first")
        return f"ws://127.0.0.1:{self._listen_port}/ws"

    async def serve_tcp(
        self, port: int = 0, *, task_status: trio.TaskStatus[int] = trio.TASK_STATUS_IGNORED
    ) -> None:
        """Listen on 127.0.0.1 for any WebSocket client; reports the port when listening."""
        listeners = await trio.open_tcp_listeners(port, host="127.0.0.1")
        port = self._listen_port = listeners[0].socket.getsockname()[1]
        task_status.started(port)
        await trio.serve_listeners(self.serve_websocket, listeners)

    # -- scripting -----------------------------------------------------------------------------

    def reject_handshakes(
        self,
        status: int,
        *,
        times: int | None = None,
        body: str = "",
        retry_after: str | None = None,
    ) -> None:
        """Refuse the next ``times`` handshakes (``None``: all) with HTTP ``status``
        (and a ``Retry-After`` header, when given)."""
        headers = [] if retry_after is None else [(b"Retry-After", retry_after.encode())]
        self._rejection = _Rejection(status, body, times, headers)

    def accept_handshakes(self) -> None:
        self._rejection = None

    def go_silent(self) -> None:
        """Stop answering pings (a half-open connection, as seen from the client)."""
        self.answer_pings = False

    @property
    def live(self) -> list[FakeConnection]:
        return [c for c in self.connections if not c.closed]

    @property
    def handshakes(self) -> int:
        """Handshakes attempted so far (accepted or not); times in ``handshake_times``."""
        return len(self.handshake_times)

    async def push(self, channel: str, data: Any) -> int:
        """Send ``{"channel", "data"}`` to every connection subscribed to it, as the server
        would; returns how many connections it went to."""
        text = _dumps({"channel": channel, "data": data})
        sent = 0
        for conn in self.live:
            if any(serves_frame(sub, channel, data) for sub in conn.subscriptions):
                await conn.send_text(text)
                sent += 1
        return sent

    async def send_raw(self, text: str) -> None:
        """Send a raw text frame to every live connection (e.g. malformed JSON)."""
        for conn in self.live:
            await conn.send_text(text)

    async def send_error(self, message: str) -> None:
        """Send an ``error`` channel frame to every live connection."""
        for conn in self.live:
            await conn.send({"channel": "error", "data": message})

    async def reply(self, post_id: int, response: Any, *, connection: int | None = None) -> None:
        """Answer a held post by hand with a raw ``response`` object."""
        for conn in self.live:
            if connection is None or conn.index == connection:
                await conn.send({"channel": "post", "data": {"id": post_id, "response": response}})

    async def drop(self) -> None:
        """Cut every live connection abruptly (no close frame), like a network failure."""
        for conn in self.live:
            await conn.cut()

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close every live connection with a WebSocket close frame."""
        for conn in self.live:
            await conn.close(code, reason)

    async def wait_received(
        self, predicate: Callable[[Any], bool], *, count: int = 1, since: int = 0
    ) -> list[Any]:
        """Wait until ``count`` received frames (from index ``since``) satisfy ``predicate``."""
        while True:
            found = [frame for _, frame in self.received[since:] if predicate(frame)]
            if len(found) >= count:
                return found
            await self._changed.wait()

    async def wait_connections(self, count: int) -> None:
        """Wait until ``count`` connections were accepted in total."""
        while len(self.connections) < count:
            await self._changed.wait()

    def subscribe_frames(self, since: int = 0) -> list[dict[str, Any]]:
        """The ``subscription`` bodies of every subscribe frame received."""
        return [
            frame["subscription"]
            for _, frame in self.received[since:]
            if is_object(frame) and frame.get("method") == "subscribe"
        ]

    # -- the simulated exchange -----------------------------------------------------------------

    @property
    def market(self) -> Market:
        """The simulated exchange's state (``open_fake_hyperliquid(seed=...)`` only)."""
        return self._simulation().market

    def _simulation(self) -> Simulation:
        if self.simulation is None:
            raise ConfigurationError(
                "this fake has no simulated exchange: open it with "
                "open_fake_hyperliquid(seed=...) (or use the simulated_hyperliquid fixture)"
            )
        return self.simulation

    async def advance(self, blocks: int = 1) -> None:
        """Let ``blocks`` blocks of the simulated market pass; see :meth:`Simulation.advance`."""
        await self._simulation().advance(blocks)

    async def move_price(self, coin: str, px: Decimal | str) -> None:
        """Move the simulated market of ``coin`` to ``px``; crossed resting orders fill."""
        await self._simulation().move_price(coin, px)

    async def fill_order(self, oid: int, sz: Decimal | str | None = None) -> list[dict[str, Any]]:
        """Fill ``sz`` (default: all) of resting order ``oid``; returns its fills."""
        return await self._simulation().fill_order(oid, sz)

    def lose_next_reply(self, times: int = 1) -> None:
        """Execute the next ``times`` actions but lose their replies (the connection is cut
        before the reply, or the HTTP request fails)."""
        self._simulation().lose_next_reply(times)

    def fund(self, user: str, usdc: Decimal | int | str) -> None:
        """Make ``user`` exist on the simulated exchange with ``usdc`` more USDC."""
        self._simulation().fund(user, usdc)

    # -- the server ------------------------------------------------------------------------

    def _notify(self) -> None:
        self._changed.set()
        self._changed = trio.Event()

    async def serve_websocket(self, stream: trio.abc.Stream) -> None:
        """Serve one client over a byte stream: the WebSocket handshake, then the session.

        :meth:`connect` and :meth:`serve_tcp` call it; a server of your own that accepted
        the stream (an HTTP front, as the simulator's) hands the stream over with it.
        """
        try:
            async with trio.open_nursery() as nursery:
                request = await wrap_server_stream(nursery, stream, max_message_size=_MAX_FRAME)
                self.handshake_times.append(trio.current_time())
                refusal = self._refusal(request.path)
                if refusal is not None:
                    await request.reject(
                        refusal.status, extra_headers=refusal.headers, body=refusal.body.encode()
                    )
                    self._notify()
                    return
                ws = await request.accept()
                conn = FakeConnection(len(self.connections), ws, request.path, stream)
                self.connections.append(conn)
                self._notify()
                try:
                    await self._run(conn, ws)
                finally:
                    conn.closed = True
                    self._notify()
                    nursery.cancel_scope.cancel()
        except (trio.BrokenResourceError, trio.ClosedResourceError, ConnectionClosed):
            pass
        except BaseExceptionGroup as group:
            _, rest = group.split(
                (trio.BrokenResourceError, trio.ClosedResourceError, ConnectionClosed)
            )
            if rest is not None:
                raise rest from None
        finally:
            await trio.aclose_forcefully(stream)

    def _refusal(self, path: str) -> _Rejection | None:
        rejection = self._rejection
        if rejection is not None:
            if rejection.remaining is not None:
                rejection.remaining -= 1
                if rejection.remaining <= 0:
                    self._rejection = None
            return rejection
        if self.require_key is not None:
            keys = parse_qs(urlsplit(path).query).get("key", [])
            if keys != [self.require_key]:
                return _Rejection(401, "Unauthorized", None)
        return None

    async def _run(self, conn: FakeConnection, ws: WebSocketConnection) -> None:
        while not conn.closed:
            try:
                text = await ws.get_message()
            except ConnectionClosed:
                return
            try:
                message = json.loads(text)
            except ValueError:
                message = text
            self.received.append((conn.index, message))
            self._notify()
            await self._handle(conn, message, text)

    async def _handle(self, conn: FakeConnection, message: Any, text: Any) -> None:
        method = message.get("method") if is_object(message) else None
        if method == "ping":
            if self.answer_pings:
                await conn.send({"channel": "pong"})
        elif method in ("subscribe", "unsubscribe") and isinstance(
            message.get("subscription"), dict
        ):
            await self._subscription(conn, method, message["subscription"])
        elif method == "post" and isinstance(message.get("id"), int):
            if not self.hold_posts:
                await self._post(conn, message["id"], message.get("request"))
        else:
            await conn.send(
                {
                    "channel": "error",
                    "data": f"Error parsing JSON into valid websocket request: {text}",
                }
            )

    async def _subscription(
        self, conn: FakeConnection, method: str, subscription: dict[str, Any]
    ) -> None:
        echo = {**_ECHO_DEFAULTS.get(str(subscription.get("type")), {}), **subscription}
        if isinstance(echo.get("user"), str):
            echo["user"] = echo["user"].lower()
        if method == "subscribe":
            refused = goldrush_refusal(conn, subscription, goldrush=self._serves_goldrush)
            if refused is not None:
                await conn.send(
                    {"channel": "error", "data": f"Invalid subscription {_dumps(subscription)}"}
                )
                return
            simulation = self.simulation
            coin = subscription.get("coin")
            if isinstance(coin, str) and coin in self.invalid_coins:
                await conn.send(
                    {"channel": "error", "data": f"Invalid subscription {_dumps(subscription)}"}
                )
                return
            refusal = None if simulation is None else simulation.invalid(subscription)
            if refusal is not None:
                await conn.send({"channel": "error", "data": refusal})
                return
            if subscription in conn.subscriptions:
                await conn.send({"channel": "error", "data": f"Already subscribed: {_dumps(echo)}"})
                return
            refusal = None if simulation is None else simulation.over_cap(subscription)
            if refusal is not None:
                await conn.send({"channel": "error", "data": refusal})
                return
            conn.subscriptions.append(subscription)
        else:
            if subscription not in conn.subscriptions:
                await conn.send(
                    {"channel": "error", "data": f"Already unsubscribed: {_dumps(echo)}"}
                )
                return
            conn.subscriptions.remove(subscription)
        if self.ack_subscriptions:
            await conn.send(
                {
                    "channel": "subscriptionResponse",
                    "data": {"method": method, "subscription": echo},
                }
            )
        if method == "subscribe" and self.simulation is not None:
            await self.simulation.on_subscribe(conn, subscription)

    async def _post(self, conn: FakeConnection, post_id: int, request: Any) -> None:
        kind = request.get("type") if is_object(request) else None
        payload = request.get("payload") if is_object(request) else None
        if not is_object(payload):
            response: dict[str, Any] = {"type": "error", "payload": "missing payload"}
        elif kind == "info":
            response = self._info(payload)
        elif kind == "action":
            handler = self.action_handler
            body = (
                handler(payload)
                if handler is not None
                else {"status": "err", "response": "fake server: no action handler"}
            )
            response = {"type": "action", "payload": body}
            simulation = self.simulation
            if simulation is not None:
                if simulation.take_lost_reply():
                    # Executed, and the connection dies before the reply leaves.
                    await conn.cut()
                    await simulation.publish()
                    return
                await conn.send({"channel": "post", "data": {"id": post_id, "response": response}})
                await simulation.publish()
                return
        else:
            response = {"type": "error", "payload": f"unknown request type {kind!r}"}
        await conn.send({"channel": "post", "data": {"id": post_id, "response": response}})

    def _info(self, payload: dict[str, Any]) -> dict[str, Any]:
        info_type = payload.get("type")
        if not isinstance(info_type, str) or info_type not in self.info_handlers:
            return {
                "type": "error",
                "payload": "422 Unprocessable Entity: Failed to deserialize the JSON body "
                "into the target type",
            }
        handler = self.info_handlers[info_type]
        data = handler(payload) if callable(handler) else handler
        return {"type": "info", "payload": {"type": info_type, "data": data}}


@asynccontextmanager
async def open_fake_hyperliquid(
    *, seed: int | None = None, goldrush: bool = False
) -> AsyncGenerator[FakeHyperliquid, None]:
    """Run a :class:`FakeHyperliquid` for the duration of the block.

    Args:
        seed: put a simulated exchange behind the server, its synthetic market fixed by
            ``seed``: orders rest, match and fill, and every stream and info reply is a view
            of that one state. Without it, replies are the fixtures and your scripting.
        goldrush: (with ``seed``) serve GoldRush's ``l4Book`` and wildcard ``l2Book``, with
            no subscription or user caps.

    Example::

        async with open_fake_hyperliquid() as fake:
            async with trio_hl.open_client(fake.network) as client:
                ...
    """
    async with trio.open_nursery() as nursery:
        fake = FakeHyperliquid(nursery, seed=seed, goldrush=goldrush)
        try:
            yield fake
        finally:
            nursery.cancel_scope.cancel(reason="fake server closed")
