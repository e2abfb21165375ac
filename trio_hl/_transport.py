"""Opening the byte stream and running the WebSocket handshake over it.

Production and tests share one path: a stream (TLS over TCP by default, memory streams in
the test kit) wrapped by ``trio_websocket.wrap_client_stream``, so every test runs real
wsproto framing. We do not use ``connect_websocket``: it logs the resource path at DEBUG,
and with GoldRush's ``?key=`` that path is a secret.
"""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

import trio
from trio_websocket import WebSocketConnection, wrap_client_stream

if TYPE_CHECKING:
    from ._settings import Settings
    from .networks import Network

__all__ = ["connect"]


async def _open_stream(network: Network, settings: Settings) -> trio.abc.Stream:
    if network.connect_stream is not None:
        return await network.connect_stream()
    parts = urlsplit(network.ws_url)
    host = parts.hostname or ""
    if parts.scheme == "wss":
        context = settings.ssl_context or ssl.create_default_context()
        return await trio.open_ssl_over_tcp_stream(
            host, parts.port or 443, ssl_context=context, https_compatible=True
        )
    return await trio.open_tcp_stream(host, parts.port or 80)


async def connect(
    nursery: trio.Nursery, network: Network, settings: Settings
) -> tuple[WebSocketConnection, trio.abc.Stream]:
    """Open a stream and complete the WebSocket handshake.

    The connection's reader task runs in ``nursery``; a handshake refusal is raised there
    as ``trio_websocket.ConnectionRejected`` (the caller maps it).
    """
    stream = await _open_stream(network, settings)
    parts = urlsplit(network.ws_url)
    resource = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    try:
        ws = await wrap_client_stream(
            nursery,
            # Annotated for socket/SSL streams, but any trio Stream works (tws's own tests
            # pass memory streams); this is the seam the test kit uses.
            cast("trio.SocketStream", stream),
            host,
            resource,
            message_queue_size=settings.message_queue_size,
            max_message_size=settings.max_message_size,
            receive_buffer_size=settings.receive_buffer_size,
        )
    except BaseException:
        await trio.aclose_forcefully(stream)
        raise
    return ws, stream
