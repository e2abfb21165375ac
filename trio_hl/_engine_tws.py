"""The second engine: trio-websocket (``Settings(engine="trio-websocket")``).

trio-websocket runs its own reader task (in a nursery this module opens) and hands messages
over a channel of ``message_queue_size``; the shell's reader then takes them one at a time.
It is slower than the default engine (docs/performance.md) and kept as the pure-Trio
alternative. Nothing of trio-websocket, wsproto or h11 leaves this module: their failures
become trio_hl's errors here. We do not use ``connect_websocket``: it logs the resource
path at DEBUG, and with GoldRush's ``?key=`` that path is a secret.
"""

from __future__ import annotations

import contextlib
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Final, cast

import h11
import trio
import wsproto.utilities
from trio_websocket import (
    ConnectionClosed,
    ConnectionRejected,
    HandshakeError,
    WebSocketConnection,
    wrap_client_stream,
)

from ._transport import Closed, open_stream, rejection, resource
from .errors import ConnectError, HyperliquidError

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator

    from ._settings import Settings
    from .networks import Network

__all__ = ["TwsWebSocket", "open_tws"]

# What trio-websocket, wsproto and h11 raise when the peer misbehaves or goes away.
_LIBRARY_FAILURES: Final = (
    OSError,
    trio.BrokenResourceError,
    trio.ClosedResourceError,
    ConnectionClosed,
    HandshakeError,
    h11.ProtocolError,
    wsproto.utilities.LocalProtocolError,
    wsproto.utilities.RemoteProtocolError,
)


def _closed(exc: BaseException) -> Closed:
    if isinstance(exc, ConnectionClosed) and exc.reason is not None:
        code, reason = exc.reason.code, exc.reason.reason or ""
        if code == 1006:  # trio-websocket's name for "no Close frame"
            return Closed("connection lost (no close frame)")
        return Closed(
            f"closed with {code}" + (f": {reason}" if reason else ""), code=code, reason=reason
        )
    return Closed(f"connection lost: {type(exc).__name__}: {exc}")


class _HandshakeWatch(trio.abc.Stream):
    """The stream as trio-websocket sees it during the handshake: notes the end of the
    stream, which trio-websocket does not report until the connect timeout."""

    def __init__(self, stream: trio.abc.Stream) -> None:
        self._stream = stream
        self.ended = trio.Event()

    async def send_all(self, data: bytes | bytearray | memoryview) -> None:
        await self._stream.send_all(data)

    async def wait_send_all_might_not_block(self) -> None:
        await self._stream.wait_send_all_might_not_block()

    async def receive_some(self, max_bytes: int | None = None) -> bytes | bytearray:
        data = await self._stream.receive_some(max_bytes)
        if not data:
            self.ended.set()
        return data

    async def aclose(self) -> None:
        await self._stream.aclose()


class TwsWebSocket:
    """A :class:`~trio_hl._transport.WebSocket` over a trio-websocket connection."""

    compressed: Final = False

    def __init__(self, ws: WebSocketConnection) -> None:
        self._ws = ws

    async def receive(self) -> list[str | bytes]:
        try:
            return [await self._ws.get_message()]
        except _LIBRARY_FAILURES as exc:
            raise _closed(exc) from exc

    async def send_text(self, text: str) -> None:
        try:
            await self._ws.send_message(text)
        except _LIBRARY_FAILURES as exc:
            raise _closed(exc) from exc

    async def close(self, code: int = 1000, reason: str = "") -> None:
        with contextlib.suppress(*_LIBRARY_FAILURES):  # it is ending anyway
            await self._ws.aclose(code, reason or None)


def _one_error(
    group: BaseExceptionGroup[BaseException], network: Network, opened: bool
) -> BaseException | None:
    """The error of ours that stands for a failure of the library's nursery, if any."""
    leaves: list[BaseException] = []

    def walk(exc: BaseException) -> None:
        if isinstance(exc, BaseExceptionGroup):
            group = cast("BaseExceptionGroup[BaseException]", exc)  # isinstance leaves it unknown
            for sub in group.exceptions:
                walk(sub)
        elif not isinstance(exc, trio.Cancelled):
            leaves.append(exc)

    walk(group)
    for leaf in leaves:
        if isinstance(leaf, HyperliquidError):
            return leaf
    for leaf in leaves:
        if isinstance(leaf, _LIBRARY_FAILURES):
            return _closed(leaf) if opened else _not_opened(leaf, network)
    return None


def _not_opened(exc: BaseException, network: Network) -> HyperliquidError:
    if isinstance(exc, ConnectionRejected):
        headers = {name.lower(): value for name, value in exc.headers or []}
        retry_after = headers.get(b"retry-after")
        return rejection(
            network,
            exc.status_code,
            exc.body or b"",
            retry_after.decode("latin-1") if retry_after is not None else None,
        )
    error = ConnectError(f"handshake failed: {type(exc).__name__}: {exc}")
    error.__cause__ = exc
    return error


@asynccontextmanager
async def open_tws(network: Network, settings: Settings) -> AsyncGenerator[TwsWebSocket, None]:
    """Open the stream and handshake; see :func:`trio_hl._transport.open_websocket`."""
    host, path = resource(network)
    stream: trio.abc.Stream | None = None
    opened = False
    ws: WebSocketConnection | None = None
    try:
        async with trio.open_nursery() as nursery:
            with trio.move_on_after(settings.connect_timeout) as scope:
                stream = await open_stream(network, settings)
                watched = _HandshakeWatch(stream)
                opened_ws: WebSocketConnection | None = None
                try:
                    async with trio.open_nursery() as handshake:

                        async def watch() -> None:
                            await watched.ended.wait()
                            handshake.cancel_scope.cancel(reason="end of stream")

                        handshake.start_soon(watch)
                        opened_ws = await wrap_client_stream(
                            nursery,
                            # Annotated for socket/SSL streams, but any trio Stream works
                            # (tws's own tests pass memory streams).
                            cast("trio.SocketStream", watched),
                            host,
                            path,
                            message_queue_size=settings.message_queue_size,
                            max_message_size=settings.max_message_size,
                            receive_buffer_size=settings.receive_buffer_size,
                        )
                        handshake.cancel_scope.cancel(reason="opened")
                except _LIBRARY_FAILURES as exc:
                    error = _not_opened(exc, network)
                    raise error from error.__cause__
                # pyright cannot see the nursery swallow the Cancelled of watch()'s cancel.
                if opened_ws is None:  # pyright: ignore[reportUnnecessaryComparison]
                    raise ConnectError("the server closed the connection during the handshake")
                ws = opened_ws
            if scope.cancelled_caught or ws is None:
                raise ConnectError(f"no WebSocket handshake within {settings.connect_timeout} s")
            opened = True
            try:
                yield TwsWebSocket(ws)
            finally:
                nursery.cancel_scope.cancel()
    except BaseExceptionGroup as group:
        mapped = _one_error(group, network, opened)
        if mapped is None:
            raise
        raise mapped from mapped.__cause__
    finally:
        if stream is not None:
            await trio.aclose_forcefully(stream)
