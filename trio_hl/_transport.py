"""The engine seam: the one interface between the Trio shell and a WebSocket library.

An *engine* opens the byte stream (TLS over TCP by default, memory streams in the test kit),
runs the WebSocket handshake over it, and then offers :class:`WebSocket`: ``receive`` (the
complete messages of one socket read), ``send_text``, ``close`` (the close handshake). Every
failure leaves an engine as one of trio_hl's errors, never as a library's exception:

* before the connection is up: :class:`~trio_hl.errors.ConnectError` (retryable, its cause
  the original error) or :class:`~trio_hl.errors.HandshakeRejected` (an HTTP refusal, with
  its status and ``Retry-After``);
* once it is up: :class:`Closed`, with the close code and reason when there was a Close
  frame; the shell reconnects.

Two engines (``Settings.engine``):

* ``"websockets"`` (default, :mod:`._engine_websockets`): websockets' sans-I/O
  ``ClientProtocol`` driven from the shell's own reader task: the task reads 64 KiB, feeds
  the protocol, and hands each complete message to the session with no task or channel in
  between. Measured 2.3x trio-websocket's rate on book streams (docs/performance.md).
* ``"trio-websocket"`` (:mod:`._engine_tws`): trio-websocket's connection, whose reader
  task and message channel sit between the socket and our reader.

Swapping the WebSocket library touches an engine module only.
"""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

import trio

from .errors import ConnectError, HandshakeRejected, KeyRejected, TransportError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from contextlib import AbstractAsyncContextManager

    from ._settings import Settings
    from .networks import Network

__all__ = ["Closed", "WebSocket", "open_stream", "open_websocket", "rejection", "resource"]


class Closed(TransportError):
    """The WebSocket ended after it was established (internal: the shell reconnects).

    Attributes:
        code: the close code received (or sent, on a protocol error), ``None`` without a
            Close frame (the stream broke or ended).
        reason: the close reason.
    """

    def __init__(self, message: str, *, code: int | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason


class WebSocket(Protocol):
    """An established WebSocket, as the shell sees it.

    ``receive`` is called by one task (the reader); ``send_text`` by one task at a time (the
    writer, or the shell's close once the writer is gone); ``close`` once, by a task that no
    other task is reading beside.
    """

    async def receive(self) -> Sequence[str | bytes]:
        """Wait for data; return the complete messages it finished (possibly none).

        Text messages are ``str`` (UTF-8 checked: invalid text closes with 1007), binary
        ones ``bytes``. Server pings are answered here.

        Raises:
            Closed: the connection ended (close handshake, protocol error, broken stream).
        """
        ...

    async def send_text(self, text: str) -> None:
        """Send one text message.

        Raises:
            Closed: the connection is gone.
        """
        ...

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Run the close handshake: send Close, then wait for the server's (bound the
        wait from outside). Never raises an error of the connection: it is ending anyway."""
        ...


def rejection(
    network: Network, status: int, body: bytes, retry_after: str | None
) -> HandshakeRejected:
    """The error for an HTTP refusal of the upgrade (shared by the engines).

    401/403 is :class:`KeyRejected` only on a network that sends a key (GoldRush's
    ``?key=``): elsewhere no key is to blame, and the refusal says only what it is.
    """
    text = body[:200].decode("utf-8", "replace")
    if status in (401, 403) and network.has_credentials:
        return KeyRejected(status, text)
    return HandshakeRejected(status, text, retry_after=_retry_after(retry_after))


def _retry_after(value: str | None) -> float | None:
    # Seconds only: an HTTP date would need the wall clock, which a Trio clock is not.
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    if seconds != seconds or seconds < 0 or seconds == float("inf"):  # NaN, negative
        return None
    return seconds


def resource(network: Network) -> tuple[str, str]:
    """``(host header, resource path)`` of the network's URL."""
    parts = urlsplit(network.ws_url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return host, path


async def open_stream(network: Network, settings: Settings) -> trio.abc.Stream:
    """Open the byte stream to ``network``.

    Raises:
        ConnectError: the TCP connection or the TLS handshake failed; a certificate that
            does not verify says so at once (the cause is ``ssl.SSLCertVerificationError``).
    """
    if network.connect_stream is not None:
        try:
            return await network.connect_stream()
        except OSError as exc:
            raise ConnectError(f"could not open the stream: {exc}") from exc
    parts = urlsplit(network.ws_url)
    host = parts.hostname or ""
    try:
        if parts.scheme == "wss":
            context = settings.ssl_context or ssl.create_default_context()
            stream: trio.abc.Stream = await trio.open_ssl_over_tcp_stream(
                host, parts.port or 443, ssl_context=context, https_compatible=True
            )
            # trio runs the TLS handshake lazily; run it now, so that a certificate that
            # does not verify is named here rather than as a handshake timeout later.
            assert isinstance(stream, trio.SSLStream)
            try:
                await stream.do_handshake()
            except BaseException:
                await trio.aclose_forcefully(stream)
                raise
            return stream
        return await trio.open_tcp_stream(host, parts.port or 80)
    except ssl.SSLCertVerificationError as exc:
        raise ConnectError(f"TLS certificate verification failed: {exc.verify_message}") from exc
    except (OSError, trio.BrokenResourceError) as exc:
        cause = exc.__cause__ if isinstance(exc, trio.BrokenResourceError) else exc
        if isinstance(cause, ssl.SSLCertVerificationError):
            raise ConnectError(
                f"TLS certificate verification failed: {cause.verify_message}"
            ) from cause
        raise ConnectError(f"could not connect: {cause or exc}") from (cause or exc)


def open_websocket(network: Network, settings: Settings) -> AbstractAsyncContextManager[WebSocket]:
    """Open the stream and run the handshake with the engine ``settings.engine`` names.

    The stream is closed when the block is left. ``settings.connect_timeout`` bounds the
    opening and the handshake (then ``ConnectError``).

    Raises:
        ConnectError: the stream or the handshake failed (retryable).
        HandshakeRejected: the server answered the upgrade with an HTTP error status.
    """
    if settings.engine == "trio-websocket":
        from ._engine_tws import open_tws

        return open_tws(network, settings)
    from ._engine_websockets import open_websockets

    return open_websockets(network, settings)
