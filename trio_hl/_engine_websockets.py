"""The default engine: websockets' sans-I/O ``ClientProtocol``, driven by the shell's task.

:class:`SansIOProtocol` is the whole WebSocket protocol with no I/O: bytes in, complete
messages out (fragments joined, text checked as UTF-8, server pings answered, Close frames
echoed, protocol errors failed with the right close code). :class:`SansIOWebSocket` drives it
from whichever task calls ``receive``: one socket read of up to ``receive_buffer_size``
bytes, then every message that read completed, in the caller's task. There is no reader
task of the library's and no channel between the socket and the session.

Nothing of websockets leaves this module: its failures become trio_hl's errors here.
"""

from __future__ import annotations

import contextlib
import logging
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, Final

import trio
from websockets.client import ClientProtocol
from websockets.exceptions import InvalidStatus, PayloadTooBig, ProtocolError
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory
from websockets.frames import Close, CloseCode, Frame, Opcode
from websockets.protocol import State
from websockets.uri import parse_uri

from ._transport import Closed, open_stream, rejection
from .errors import ConnectError, HandshakeRejected

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator

    from ._settings import Settings
    from .networks import Network

__all__ = ["SansIOProtocol", "SansIOWebSocket", "open_websockets"]

_TEXT: Final = Opcode.TEXT
_BINARY: Final = Opcode.BINARY
_CONT: Final = Opcode.CONT
_CLOSE: Final = Opcode.CLOSE
_OPEN: Final = State.OPEN


class _NoDebug(logging.LoggerAdapter[logging.Logger]):
    """websockets logs the request line at DEBUG, and GoldRush's ``?key=`` is in it."""

    def isEnabledFor(self, level: int) -> bool:
        return level > logging.DEBUG and self.logger.isEnabledFor(level)


_LOGGER: Final = _NoDebug(logging.getLogger("trio_hl.websockets"))


def deflate_offer() -> ClientPerMessageDeflateFactory:
    """permessage-deflate as websockets offers it by default (RFC 7692, 15-bit windows)."""
    return ClientPerMessageDeflateFactory(compress_settings={"memLevel": 5})


class SansIOProtocol:
    """The client side of one WebSocket, as bytes in and messages out.

    Call :meth:`handshake` first and write what it returns; then :meth:`feed` every chunk
    read (:meth:`feed_eof` at the end of the stream), and after each call, and after
    each ``send_*``, write :meth:`data_to_send`.
    """

    def __init__(self, network: Network, *, max_size: int, compression: bool) -> None:
        self._network = network
        self._protocol = ClientProtocol(
            parse_uri(network.ws_url),
            max_size=max_size,
            extensions=[deflate_offer()] if compression else None,
            logger=_LOGGER,
        )
        self.opened = False
        self.closed: Closed | None = None
        self._fragments: list[bytes] = []
        self._fragment_text = False

    @property
    def compressed(self) -> bool:
        """permessage-deflate was negotiated."""
        return bool(self._protocol.extensions)

    def handshake(self) -> bytes:
        """The upgrade request."""
        protocol = self._protocol
        protocol.send_request(protocol.connect())
        return self.data_to_send()

    def data_to_send(self) -> bytes:
        # An empty chunk asks for a half-close (EOF); the shell closes the whole stream
        # once the connection ends, so it is dropped here.
        return b"".join(self._protocol.data_to_send())

    def feed_eof(self) -> list[str | bytes]:
        """The stream ended."""
        self._protocol.receive_eof()
        return self._events()

    def feed(self, data: bytes) -> list[str | bytes]:
        """Take bytes read from the stream; return the messages they completed.

        Once the connection has ended (Close received, protocol error, EOF), :attr:`closed`
        is set; messages completed before the end are still returned.

        Raises:
            HandshakeRejected: the server answered the upgrade with an HTTP error.
            ConnectError: the upgrade response was not a valid WebSocket handshake.
        """
        self._protocol.receive_data(data)
        return self._events()

    def _events(self) -> list[str | bytes]:
        protocol = self._protocol
        messages: list[str | bytes] = []
        for event in protocol.events_received():
            if type(event) is not Frame:
                self._handshake_done()  # the Response (a client receives no Request)
                continue
            opcode = event.opcode
            if opcode is _TEXT or opcode is _BINARY:
                if event.fin:
                    if opcode is _TEXT:
                        text = self._text(event.data)
                        if text is None:
                            return messages
                        messages.append(text)
                    else:
                        messages.append(bytes(event.data))
                else:
                    self._fragments = [bytes(event.data)]
                    self._fragment_text = opcode is _TEXT
            elif opcode is _CONT:
                self._fragments.append(bytes(event.data))
                if event.fin:
                    whole = b"".join(self._fragments)
                    self._fragments = []
                    if self._fragment_text:
                        text = self._text(whole)
                        if text is None:
                            return messages
                        messages.append(text)
                    else:
                        messages.append(whole)
            elif opcode is _CLOSE:
                close = protocol.close_rcvd
                self._end(close.code if close else None, close.reason if close else "")
            # PING: websockets queued the Pong (data_to_send); PONG: nothing to do.
        if not self.opened:
            if protocol.handshake_exc is not None:
                self._handshake_done()
            return messages
        if self.closed is None and protocol.state is not _OPEN:
            self._failed()
        return messages

    def _text(self, data: Any) -> str | None:
        try:
            return data.decode() if type(data) is bytes else bytes(data).decode()
        except UnicodeDecodeError as exc:
            reason = f"invalid UTF-8 at byte {exc.start}"
            self._protocol.fail(CloseCode.INVALID_DATA, reason)
            self._end(CloseCode.INVALID_DATA, reason, sent=True)
            return None

    def _handshake_done(self) -> None:
        protocol = self._protocol
        error = protocol.handshake_exc
        if error is None:
            self.opened = True
            return
        if isinstance(error, InvalidStatus):
            response = error.response
            refusal: HandshakeRejected = rejection(
                self._network,
                response.status_code,
                bytes(response.body),
                response.headers.get("Retry-After"),
            )
            raise refusal from None
        cause = error.__cause__ or error
        if isinstance(cause, EOFError):
            raise ConnectError("the server closed the connection during the handshake") from None
        raise ConnectError(f"invalid WebSocket handshake response: {error}") from error

    def _failed(self) -> None:
        protocol = self._protocol
        error = protocol.parser_exc
        if isinstance(error, EOFError) or error is None:
            self._end(None, "")
            return
        sent: Close | None = protocol.close_sent
        code = sent.code if sent is not None else None
        if isinstance(error, PayloadTooBig):
            reason = f"message over max_message_size: {error}"
        elif isinstance(error, ProtocolError):
            reason = f"protocol error: {error}"
        else:
            reason = str(error)
        self._end(code, reason, sent=True)

    def _end(self, code: int | None, reason: str, *, sent: bool = False) -> None:
        if self.closed is not None:
            return
        if code is None:
            message = "connection lost (no close frame)"
        elif sent:
            message = f"closed by the client with {code}: {reason}"
        else:
            message = f"closed by the server with {code}" + (f": {reason}" if reason else "")
        self.closed = Closed(message, code=code, reason=reason)

    def send_text(self, text: str) -> bytes:
        """The frame(s) for one text message.

        Raises:
            Closed: the connection is no longer open.
        """
        protocol = self._protocol
        if protocol.state is not _OPEN:
            raise self.closed or Closed("connection closing")
        protocol.send_text(text.encode())
        return self.data_to_send()

    def send_close(self, code: int, reason: str) -> bytes:
        """A Close frame (nothing when one was sent or received already)."""
        if self._protocol.state is _OPEN:
            self._protocol.send_close(code, reason)
        return self.data_to_send()

    @property
    def close_received(self) -> bool:
        return self._protocol.close_rcvd is not None


class SansIOWebSocket:
    """A :class:`~trio_hl._transport.WebSocket` over a stream and a :class:`SansIOProtocol`."""

    def __init__(
        self, stream: trio.abc.Stream, protocol: SansIOProtocol, *, receive_size: int
    ) -> None:
        self._stream = stream
        self._protocol = protocol
        self._size = receive_size
        self._send_lock = trio.StrictFIFOLock()
        # Messages that arrived in the same read as the handshake response.
        self._early: list[str | bytes] = []

    @property
    def compressed(self) -> bool:
        return self._protocol.compressed

    async def handshake(self) -> None:
        protocol = self._protocol
        await self._write(protocol.handshake())
        while not protocol.opened:
            data = await self._read()
            # At the end of the stream the protocol raises ConnectError itself.
            self._early += protocol.feed(data) if data else protocol.feed_eof()

    async def _read(self) -> bytes:
        try:
            return bytes(await self._stream.receive_some(self._size))
        except (trio.BrokenResourceError, trio.ClosedResourceError) as exc:
            raise Closed(f"connection lost: {exc.__cause__ or exc}") from exc

    async def _write(self, data: bytes) -> None:
        if not data:
            return
        async with self._send_lock:
            try:
                await self._stream.send_all(data)
            except (trio.BrokenResourceError, trio.ClosedResourceError) as exc:
                raise Closed(f"connection lost while sending: {exc.__cause__ or exc}") from exc

    async def receive(self) -> list[str | bytes]:
        if self._early:
            early, self._early = self._early, []
            return early
        protocol = self._protocol
        if protocol.closed is not None:
            raise protocol.closed
        data = await self._read()
        messages = protocol.feed(data) if data else protocol.feed_eof()
        await self._write(protocol.data_to_send())  # pongs, the Close echo or our Close
        if not messages and protocol.closed is not None:
            raise protocol.closed
        return messages

    async def send_text(self, text: str) -> None:
        await self._write(self._protocol.send_text(text))

    async def close(self, code: int = 1000, reason: str = "") -> None:
        protocol = self._protocol
        with contextlib.suppress(Closed):  # it is ending anyway
            await self._write(protocol.send_close(code, reason))
            while not protocol.close_received and protocol.closed is None:
                data = await self._read()
                protocol.feed(data) if data else protocol.feed_eof()


@asynccontextmanager
async def open_websockets(
    network: Network, settings: Settings
) -> AsyncGenerator[SansIOWebSocket, None]:
    """Open the stream and handshake; see :func:`trio_hl._transport.open_websocket`."""
    stream: trio.abc.Stream | None = None
    ws: SansIOWebSocket | None = None
    try:
        with trio.move_on_after(settings.connect_timeout) as scope:
            stream = await open_stream(network, settings)
            protocol = SansIOProtocol(
                network,
                max_size=settings.max_message_size,
                compression=settings.compression == "deflate",
            )
            ws = SansIOWebSocket(stream, protocol, receive_size=settings.receive_buffer_size)
            try:
                await ws.handshake()
            except Closed as exc:
                raise ConnectError(f"handshake failed: {exc}") from exc.__cause__
        if scope.cancelled_caught or ws is None:
            raise ConnectError(f"no WebSocket handshake within {settings.connect_timeout} s")
        yield ws
    finally:
        if stream is not None:
            await trio.aclose_forcefully(stream)
