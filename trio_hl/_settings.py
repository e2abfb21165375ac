"""Connection settings, with the defaults and the reasons for them."""

from __future__ import annotations

import ssl
from typing import Literal

import attrs

from ._backoff import Backoff
from ._validate import instance_of, integer, number, one_of

__all__ = ["Engine", "Settings"]

Engine = Literal["websockets", "trio-websocket"]
"""The WebSocket implementation under the client (see docs/connection.md)."""

_MIB = 1024 * 1024


@attrs.frozen(kw_only=True)
class Settings:
    """How the client keeps its connection alive. Every time is in seconds.

    A value of the wrong type or out of range raises
    :class:`~trio_hl.errors.ConfigurationError` naming the setting.

    Attributes:
        ping_interval: send ``{"method":"ping"}`` this often. The server drops a client that
            has sent nothing for about 60 s, however much it is receiving.
        pong_timeout: a ping unanswered this long means a dead (half-open) connection:
            reconnect.
        request_timeout: default bound on a ``post`` request, and on a subscription's
            acknowledgement.
        connect_timeout: bound on opening the socket plus the WebSocket handshake.
        close_timeout: how long a clean shutdown waits for the close handshake.
        backoff: delays between reconnect attempts.
        stable_after: a connection that stayed up this long counts as healthy, and the
            backoff starts again from its first delay.
        initial_connect_attempts: how many times to try the *first* connection before
            ``open_client`` gives up with ``ConnectError`` (``None``: forever). Later
            reconnects retry forever; a 4xx handshake refusal is never retried.
        max_message_size: largest accepted frame. GoldRush's wildcard books exceed 1 MiB,
            trio-websocket's default; a bigger frame closes the connection with 1009.
        receive_buffer_size: bytes per socket read. trio-websocket reads 4 KiB at a time;
            64 KiB was measured about 25% faster on book streams.
        message_queue_size: with ``engine="trio-websocket"``, the frames it may buffer
            ahead of our reader (its default of 1 makes the socket reader and ours run in
            lockstep). The default engine has no queue: our reader reads the socket.
        engine: the WebSocket implementation. ``"websockets"`` (default): websockets'
            sans-I/O protocol driven by trio_hl's own reader task, measured 2-3x faster than
            ``"trio-websocket"``, which runs its own reader task and channel.
        compression: ``"deflate"`` (default) offers permessage-deflate (RFC 7692) at the
            handshake, used when the server accepts it; ``None`` does not offer it. Measured
            (docs/connection.md): book frames shrink by 77-92 % for about 5 % more CPU than
            their decoding. The trio-websocket engine cannot compress and ignores it.
        ssl_context: TLS settings for ``wss://``; ``None`` uses the system's default
            context, which verifies certificates.
    """

    ping_interval: float = attrs.field(default=30.0, validator=number(gt=0))
    pong_timeout: float = attrs.field(default=10.0, validator=number(gt=0))
    request_timeout: float = attrs.field(default=10.0, validator=number(gt=0))
    connect_timeout: float = attrs.field(default=10.0, validator=number(gt=0))
    close_timeout: float = attrs.field(default=1.0, validator=number(ge=0))
    backoff: Backoff = attrs.field(factory=Backoff, validator=instance_of(Backoff))
    stable_after: float = attrs.field(default=10.0, validator=number(ge=0))
    initial_connect_attempts: int | None = attrs.field(
        default=3, validator=integer(ge=1, optional=True)
    )
    max_message_size: int = attrs.field(default=16 * _MIB, validator=integer(gt=0))
    receive_buffer_size: int = attrs.field(default=64 * 1024, validator=integer(gt=0))
    message_queue_size: int = attrs.field(default=64, validator=integer(ge=0))
    ssl_context: ssl.SSLContext | None = attrs.field(
        default=None, eq=False, validator=instance_of(ssl.SSLContext, optional=True)
    )
    engine: Engine = attrs.field(
        default="websockets", validator=one_of(("websockets", "trio-websocket"))
    )
    compression: Literal["deflate"] | None = attrs.field(
        default="deflate", validator=one_of(("deflate", None))
    )
