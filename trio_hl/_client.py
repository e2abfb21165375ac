"""The Trio shell: owns the nursery, the socket, the clock and the tasks.

``open_client`` starts one supervisor task in a nursery it owns. The supervisor runs one
connection at a time inside its own nursery (a cancel scope per connection) with three
tasks: the *reader* (decodes each frame once, routes it through the sans-IO session and
delivers it), the *writer* (the only task that sends, so frames go out in order and nobody
else blocks on the socket) and the *heartbeat*. When any of them ends, the connection's
scope is cancelled with a reason; the supervisor fails in-flight requests, waits out the
backoff and connects again, resubscribing everything and marking every stream restarted.

No protocol decision is made here: the session decides, this module performs.
"""

from __future__ import annotations

import contextlib
import logging
import math
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, Final, Literal, NoReturn, TypeVar, cast, final, overload

import attrs
import trio

from . import _transport
from ._protocol import (
    PING,
    Deliver,
    Event,
    GiveUp,
    IdleWatch,
    Lazy,
    Pong,
    PostRejected,
    PostReplied,
    Reconnect,
    Retry,
    ServerNotice,
    Session,
    SubscribeAcked,
    SubscriptionRejected,
    Undecodable,
    check_info_venue,
    default_idle_timeout,
    default_policy,
    unwrap_reply,
)
from ._settings import Settings
from ._streams import Mailbox, SharedSendChannel, Stream
from .errors import (
    ApiError,
    ConfigurationError,
    ConnectError,
    ConnectionLost,
    DecodeError,
    HandshakeRejected,
    HyperliquidError,
    KeyRejected,
    NotRunning,
    RequestOutcomeUnknown,
    RequestTimeout,
    SubscriptionError,
)
from .models.subscriptions import StreamRestarted, SubscriptionRequest
from .networks import MAINNET, Network

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Mapping

    from ._policy import BufferPolicy

__all__ = ["Client", "ClientStatistics", "open_client"]

logger: Final = logging.getLogger("trio_hl")

M = TypeVar("M")

_YIELD_EVERY: Final = 8
"""Within one frame, deliveries between two checkpoints (8 wildcard books: about 1 ms)."""

_CLOSE: Final = "<close>"
"""The outbox's last item when the client closes (never a frame: frames are JSON)."""


@attrs.frozen(kw_only=True)
class ClientStatistics:
    """A snapshot of the client's counters.

    Attributes:
        connected: a connection is up now.
        connections: connections established so far (1 after the first connect).
        frames_received: WebSocket messages read.
        decode_errors: frames that did not decode (each also logged at WARNING).
        server_notices: ``error`` frames that could not be attributed to a request.
        subscriptions: live local subscriptions (sids).
        wire_subscriptions: distinct subscriptions on the wire (after refcounting).
        pending_requests: ``post`` requests awaiting a reply.
        idle_resubscribes: wire subscriptions sent again because they stayed silent past
            their idle deadline (each also logged at WARNING).
    """

    connected: bool
    connections: int
    frames_received: int
    decode_errors: int
    server_notices: int
    subscriptions: int
    wire_subscriptions: int
    pending_requests: int
    idle_resubscribes: int = 0


class _Waiter:
    """A one-shot result slot for a task waiting on a reply."""

    __slots__ = ("_error", "_event", "_value")

    def __init__(self) -> None:
        self._event = trio.Event()
        self._value: Any = None
        self._error: BaseException | None = None

    def set(self, value: Any) -> None:
        if not self._event.is_set():
            self._value = value
            self._event.set()

    def fail(self, error: BaseException) -> None:
        if not self._event.is_set():
            self._error = error
            self._event.set()

    async def wait(self) -> Any:
        await self._event.wait()
        if self._error is not None:
            raise self._error
        return self._value


def _leaves(exc: BaseException) -> list[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        group = cast("BaseExceptionGroup[BaseException]", exc)  # isinstance leaves it unknown
        return [leaf for sub in group.exceptions for leaf in _leaves(sub)]
    return [exc]


IdleTimeout = float | None | Literal["default"]
"""A subscription's idle deadline: seconds, ``None`` (off) or ``"default"`` (per channel)."""


def _idle_timeout(body: Mapping[str, Any], idle_timeout: object) -> float | None:
    """The idle deadline a subscription runs with, checked (ConfigurationError if bad)."""
    if idle_timeout == "default":
        return default_idle_timeout(body)
    if idle_timeout is None:
        return None
    if isinstance(idle_timeout, bool) or not isinstance(idle_timeout, int | float):
        raise ConfigurationError(
            f"idle_timeout must be seconds, None (off) or 'default', got {idle_timeout!r:.60}"
        )
    if not idle_timeout > 0:  # also NaN
        raise ConfigurationError(f"idle_timeout must be greater than 0, got {idle_timeout!r}")
    return float(idle_timeout)


def _redacted(exc: HandshakeRejected, network: Network) -> HandshakeRejected:
    """The refusal with every secret of the network's URL scrubbed from the body: a server
    may echo the request, key included, in its refusal."""
    body = network.redact(exc.body)
    if body == exc.body:
        return exc
    if isinstance(exc, KeyRejected):
        return KeyRejected(exc.status_code, body)
    return HandshakeRejected(exc.status_code, body, retry_after=exc.retry_after)


class _NoPublicConstructor(type):
    """Calling the class raises ``TypeError``; only :meth:`Client._open` builds one.

    trio's pattern (``trio._util.NoPublicConstructor``, for ``Nursery`` and friends): a
    ``Client`` only makes sense with its tasks running in the nursery ``open_client`` owns,
    so there is no way to hold one that is built but not started.
    """

    def __call__(cls, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(
            f"{cls.__module__}.{cls.__qualname__} has no public constructor: use "
            "`async with trio_hl.open_client(network) as client:`"
        )


@final
class Client(metaclass=_NoPublicConstructor):
    """A running connection to Hyperliquid: subscriptions and ``post`` requests.

    Made by :func:`open_client` (calling ``Client(...)`` raises ``TypeError``). Every method
    may be called from any task of the nursery the client lives in.
    """

    def __init__(self, network: Network, settings: Settings) -> None:
        self.network = network
        self.settings = settings
        self._session = Session(network.limits, lazy_books=True, venue=network.venue)
        self._mailboxes: dict[int, Mailbox] = {}
        # Shared mailboxes this client ever fed: ended with the client, like its own.
        self._shared: set[Mailbox] = set()
        self._ack_waiters: dict[str, _Waiter] = {}
        self._post_waiters: dict[int, _Waiter] = {}
        # Per connection: frames for the writer, with the post id they carry (if any).
        self._outbox: trio.MemorySendChannel[tuple[str, int | None]] | None = None
        self._outbox_recv: trio.MemoryReceiveChannel[tuple[str, int | None]] | None = None
        self._up = trio.Event()
        self._pong: trio.Event | None = None
        self._ping: trio.Event | None = None
        # Per connection: the WebSocket can still carry frames (no Close, no broken
        # stream, no frame cut in the middle), and the writer is inside a send.
        self._ws_open = False
        self._sending = False
        self._closed = trio.Event()
        self._running = False
        self._connections = 0
        self._frames = 0
        self._decode_errors = 0
        self._notices = 0
        # Idle deadlines: the core decides which sids went silent, _watch_idle acts.
        self._idle = IdleWatch()
        self._idle_changed = trio.Event()
        self._idle_resubscribes = 0

    def __repr__(self) -> str:
        return f"<trio_hl.Client {self.network!r} connected={self._outbox is not None}>"

    # -- lifecycle ------------------------------------------------------------------------

    @classmethod
    @asynccontextmanager
    async def _open(cls, network: Network, settings: Settings) -> AsyncGenerator[Client, None]:
        """The one way to make a client (see :func:`open_client`): built, started, closed."""
        # type.__call__ skips the metaclass's refusal; the client is running from here on.
        client: Client = type.__call__(cls, network, settings)
        client._running = True
        try:
            async with trio.open_nursery() as nursery:
                await nursery.start(client._supervise)
                nursery.start_soon(client._watch_idle)
                try:
                    yield client
                finally:
                    client._close_streams()
                    with trio.CancelScope(shield=True):
                        await client._close_gracefully()
                    nursery.cancel_scope.cancel(reason="client closed")
        except BaseExceptionGroup as group:
            chosen = unwrap_group(group)
            # Keep the error's own cause (a TLS failure's ssl error, say).
            raise chosen from chosen.__cause__
        finally:
            client._close_streams()

    # -- public API ------------------------------------------------------------------------

    def statistics(self) -> ClientStatistics:
        """Counters for monitoring and tests."""
        return ClientStatistics(
            connected=self._outbox is not None,
            connections=self._connections,
            frames_received=self._frames,
            decode_errors=self._decode_errors,
            server_notices=self._notices,
            subscriptions=len(self._mailboxes),
            wire_subscriptions=self._session.wire_count,
            pending_requests=self._session.pending_posts,
            idle_resubscribes=self._idle_resubscribes,
        )

    @overload
    async def open_subscription(
        self,
        request: SubscriptionRequest[M],
        *,
        policy: BufferPolicy | None = None,
        idle_timeout: IdleTimeout = "default",
    ) -> tuple[int, Stream[M | StreamRestarted]]: ...
    @overload
    async def open_subscription(
        self,
        request: SubscriptionRequest[Any],
        *,
        send_channel: SharedSendChannel,
        idle_timeout: IdleTimeout = "default",
    ) -> tuple[int, Stream[object]]: ...
    async def open_subscription(
        self,
        request: SubscriptionRequest[Any],
        *,
        policy: BufferPolicy | None = None,
        send_channel: SharedSendChannel | None = None,
        idle_timeout: IdleTimeout = "default",
    ) -> tuple[int, Stream[Any]]:
        """Subscribe and return ``(sid, stream)``; see :meth:`subscribe` for the details.

        With ``send_channel``, messages go to that shared stream (whose policy applies) and
        the shared stream is returned.

        Raises:
            SubscriptionError: the server refused it, or a client-side rule did.
            RequestTimeout: no acknowledgement within ``request_timeout``.
            ConfigurationError: malformed request.
            NotRunning: the client is closed.
        """
        self._check_running()
        body = request.to_wire()
        timeout = _idle_timeout(body, idle_timeout)
        if send_channel is not None:
            if policy is not None:
                raise SubscriptionError(
                    "a subscription feeding a shared channel uses that channel's policy"
                )
            mailbox = send_channel.attach()
            self._shared.add(mailbox)
        else:
            try:
                mailbox = Mailbox(policy or default_policy(body))
            except ValueError as exc:
                raise ConfigurationError(str(exc)) from None
        mailbox.release = self._release
        sid, key, frame = self._session.subscribe(body)
        self._mailboxes[sid] = mailbox
        mailbox.sids.add(sid)
        if timeout is not None:
            self._idle.watch(sid, timeout, trio.current_time())
            self._idle_changed.set()
        stream: Stream[Any] = Stream(mailbox)
        if frame is None:
            await trio.lowlevel.checkpoint()
            return sid, stream
        waiter = self._ack_waiters[key] = _Waiter()
        self._enqueue(frame)
        try:
            with trio.fail_after(self.settings.request_timeout):
                await waiter.wait()
        except trio.TooSlowError:
            self._forget_sid(sid)
            raise RequestTimeout(
                f"no acknowledgement of subscription {body} within "
                f"{self.settings.request_timeout} s"
            ) from None
        except BaseException:
            self._forget_sid(sid)
            raise
        finally:
            if self._ack_waiters.get(key) is waiter:
                del self._ack_waiters[key]
        return sid, stream

    @asynccontextmanager
    async def subscribe(
        self,
        request: SubscriptionRequest[M],
        *,
        policy: BufferPolicy | None = None,
        idle_timeout: IdleTimeout = "default",
    ) -> AsyncGenerator[Stream[M | StreamRestarted], None]:
        """Subscribe for the duration of an ``async with`` block.

        The stream yields typed messages, plus a :class:`StreamRestarted` marker after each
        reconnect. Identical subscriptions share one wire subscription; leaving the block
        unsubscribes (the wire unsubscribe is sent when the last local user leaves).

        Args:
            request: what to subscribe to, e.g. ``L2BookSubscription(coin="BTC")``.
            policy: override the request's default buffer policy.
            idle_timeout: seconds without a message after which the subscription is sent
                again (unsubscribe, subscribe) on the same connection, and the stream gets
                a ``StreamRestarted(reason="idle")`` marker. ``"default"``: 30 s for the
                channels that push every block (``l2Book``, ``allMids``), off for the
                others; ``None``: off. The deadline only runs while connected.

        Raises:
            ConfigurationError: ``idle_timeout`` is not a positive number, ``None`` or
                ``"default"``; see :meth:`open_subscription` for the rest.
        """
        sid, stream = await self.open_subscription(
            request, policy=policy, idle_timeout=idle_timeout
        )
        try:
            yield stream
        finally:
            if sid in self._mailboxes:
                self._forget_sid(sid)
            await stream.aclose()

    async def unsubscribe(self, sid: int) -> None:
        """End a subscription; its stream ends after its buffered items.

        Raises:
            ConfigurationError: unknown (or already unsubscribed) sid.
        """
        if sid not in self._mailboxes:
            # Let the session raise its uniform error for unknown ids.
            self._session.unsubscribe(sid)
        self._forget_sid(sid)
        await trio.lowlevel.checkpoint()

    async def info(self, payload: Mapping[str, Any]) -> Any:
        """Send an info request over the socket and return the reply's data (raw JSON).

        Raises:
            ApiError: the server answered with an error.
            ConfigurationError: a GoldRush-only type on a Hyperliquid network (not sent).
            RequestTimeout, ConnectionLost, RequestOutcomeUnknown: see :meth:`post`.
        """
        check_info_venue(self.network.venue, payload)
        return unwrap_reply("info", await self.post("info", payload))

    async def action(self, payload: Mapping[str, Any]) -> Any:
        """Send a signed exchange action (``{"action", "nonce", "signature", ...}``).

        Returns the exchange's JSON body (``{"status": "ok", "response": ...}``). Never
        retried: a reply lost to a disconnect raises :class:`RequestOutcomeUnknown`.
        """
        return unwrap_reply("action", await self.post("action", payload))

    async def post(self, kind: str, payload: Mapping[str, Any]) -> Any:
        """Send a ``post`` request and return the raw ``response`` object of its reply.

        Waits for a connection if there is none; all of it within
        ``settings.request_timeout`` (wrap the call in ``trio.move_on_after`` for less).

        Args:
            kind: ``"info"`` or ``"action"``.
            payload: the body you would POST over HTTP.

        Raises:
            RequestTimeout: no reply in time (the request may still have been executed).
            ConnectionLost: the connection dropped before the request was sent.
            RequestOutcomeUnknown: it dropped after the request was sent.
            ApiError: the ``error`` channel named this request.
            NotRunning: the client is closed.

        Cancellation abandons the request; a late reply is discarded.
        """
        self._check_running()
        limit = self.settings.request_timeout
        try:
            with trio.fail_after(limit):
                while self._outbox is None:
                    await self._up.wait()
                    self._check_running()
                post_id, frame = self._session.post(kind, payload)
                waiter = self._post_waiters[post_id] = _Waiter()
                try:
                    self._enqueue(frame, post_id)
                    return await waiter.wait()
                finally:
                    del self._post_waiters[post_id]
                    self._session.post_finished(post_id)
        except trio.TooSlowError:
            raise RequestTimeout(f"no reply to {kind} request within {limit} s") from None

    # -- internals: subscriptions ----------------------------------------------------------

    def _check_running(self) -> None:
        if not self._running:
            raise NotRunning(
                "the client is not running: use `async with open_client(...)` or "
                "`async with api.ws.run():`"
            )

    def _enqueue(self, frame: str, post_id: int | None = None) -> None:
        # Frames produced while disconnected are dropped: subscriptions are re-sent by
        # connection_made(), and posts only enqueue while connected.
        if self._outbox is not None:
            self._outbox.send_nowait((frame, post_id))

    def _forget_sid(self, sid: int) -> None:
        self._idle.unwatch(sid)
        mailbox = self._mailboxes.pop(sid, None)
        if self._session.key_of(sid) is not None:
            frame = self._session.unsubscribe(sid)
            if frame is not None:
                self._enqueue(frame)
        if mailbox is not None:
            mailbox.sids.discard(sid)
            if not mailbox.shared:
                mailbox.close()

    def _release(self, mailbox: Mailbox) -> None:
        for sid in list(mailbox.sids):
            if self._mailboxes.get(sid) is mailbox:
                self._forget_sid(sid)

    # -- internals: the reader's dispatch ---------------------------------------------------

    async def _dispatch(self, event: Event) -> None:
        if isinstance(event, Deliver):
            if type(event.message) is Lazy:
                event.message.report = self._report_decode_error
            if self._idle.watching:
                self._idle.fed(event.sids, trio.current_time())
            if len(event.sids) == 1:
                mailbox = self._mailboxes.get(event.sids[0])
                if mailbox is not None and not mailbox.deliver(event.message):
                    await mailbox.deliver_blocking(event.message)
                return
            # Several sids may feed one shared mailbox: deliver once per mailbox.
            seen: set[int] = set()
            for sid in event.sids:
                mailbox = self._mailboxes.get(sid)
                if mailbox is None or id(mailbox) in seen:
                    continue
                seen.add(id(mailbox))
                if not mailbox.deliver(event.message):
                    await mailbox.deliver_blocking(event.message)
        elif isinstance(event, PostReplied):
            waiter = self._post_waiters.get(event.post_id)
            if waiter is not None:
                waiter.set(event.response)
        elif isinstance(event, Pong):
            if self._pong is not None and self._ping is not None and self._ping.is_set():
                self._pong.set()
        elif isinstance(event, SubscribeAcked):
            ack = self._ack_waiters.get(event.key)
            if ack is not None:
                ack.set(None)
        elif isinstance(event, SubscriptionRejected):
            error = SubscriptionError(
                f"subscription refused by the server: {event.message}", response=event.message
            )
            ack = self._ack_waiters.get(event.key)
            if ack is not None:
                ack.fail(error)
            for sid in event.sids:
                self._idle.unwatch(sid)
                mailbox = self._mailboxes.pop(sid, None)
                if mailbox is None:
                    continue
                mailbox.sids.discard(sid)
                # The caller waiting for the acknowledgement gets the error raised; other
                # local consumers of the key (and resubscriptions nobody waits for) see it
                # end their stream. A shared stream is only ended when nobody is told.
                if not mailbox.shared or ack is None:
                    mailbox.close(error)
        elif isinstance(event, PostRejected):
            waiter = self._post_waiters.get(event.post_id)
            if waiter is not None:
                waiter.fail(ApiError(f"request refused: {event.message}", response=event.message))
        elif isinstance(event, Undecodable):
            self._report_decode_error(event.error)
        elif isinstance(event, ServerNotice):
            self._notices += 1
            logger.warning("server error on %s: %s", self.network.name, event.message[:300])

    def _report_decode_error(self, error: DecodeError) -> None:
        self._decode_errors += 1
        logger.warning("dropped a frame from %s: %s", self.network.name, error)

    # -- internals: the connection ---------------------------------------------------------

    async def _supervise(self, task_status: trio.TaskStatus[None]) -> NoReturn:
        # The decisions (retry or give up, and when) are the sans-IO core's.
        machine = Reconnect(
            backoff=self.settings.backoff,
            stable_after=self.settings.stable_after,
            initial_attempts=self.settings.initial_connect_attempts,
            name=self.network.redacted_url,
        )
        while True:
            action: Retry | GiveUp
            try:
                await self._connection(task_status if not machine.ever_connected else None, machine)
                action = machine.lost(trio.current_time())
            except (ConnectError, HandshakeRejected) as exc:
                action = machine.failed(exc)
                if isinstance(action, GiveUp):
                    raise action.error from action.error.__cause__
                logger.warning("connection to %s failed: %s", self.network.name, exc)
            if not self._running:
                # Closing: the graceful close ended the connection; do not reconnect.
                await trio.sleep_forever()
            logger.info("reconnecting to %s in %.2f s", self.network.name, action.delay)
            await trio.sleep(action.delay)

    async def _connection(
        self, task_status: trio.TaskStatus[None] | None, machine: Reconnect
    ) -> None:
        """Run one connection until it ends.

        Raises:
            ConnectError: the connection could not be established.
            HandshakeRejected: the server refused the upgrade.
        """
        try:
            async with _transport.open_websocket(self.network, self.settings) as ws:
                machine.connected(trio.current_time())
                self._connection_up(ws)
                if task_status is not None:
                    task_status.started()
                try:
                    async with trio.open_nursery() as nursery:
                        nursery.start_soon(self._reader, ws, nursery.cancel_scope)
                        nursery.start_soon(self._heartbeat, nursery.cancel_scope)
                        await self._writer(ws)
                        nursery.cancel_scope.cancel(reason="closing")
                finally:
                    leftovers = self._connection_down()
                    if self._ws_open:
                        # Shielded and bounded: also when we are cancelled, the frames the
                        # writer had not sent yet (unsubscribes) go out, then a Close.
                        with (
                            trio.CancelScope(shield=True),
                            trio.move_on_after(self.settings.close_timeout),
                        ):
                            await self._close_websocket(ws, leftovers)
                    if not self._running:
                        self._closed.set()
        except HandshakeRejected as exc:
            # The decision (retry or not) is the supervisor's; the body must not carry a
            # secret the server echoed, whatever is decided.
            raise _redacted(exc, self.network) from exc.__cause__
        except _transport.Closed as exc:
            logger.info("connection to %s lost: %s", self.network.name, exc)

    async def _close_websocket(self, ws: _transport.WebSocket, leftovers: list[str]) -> None:
        with contextlib.suppress(_transport.Closed):
            for frame in leftovers:
                await ws.send_text(frame)
        await ws.close()

    def _connection_up(self, ws: _transport.WebSocket) -> None:
        self._connections += 1
        outbox_send, outbox_recv = trio.open_memory_channel[tuple[str, int | None]](math.inf)
        self._outbox_recv = outbox_recv
        self._outbox = outbox_send
        self._ws_open = True
        self._sending = False
        for frame in self._session.connection_made():
            outbox_send.send_nowait((frame, None))
        # The session says which streams lived through the lost connection.
        for sid in self._session.take_restarted():
            mailbox = self._mailboxes.get(sid)
            body = self._session.body_of(sid)
            if mailbox is not None and body is not None:
                mailbox.mark_restart(
                    StreamRestarted(sid=sid, subscription=body, connection=self._connections)
                )
        self._idle.resume(trio.current_time())
        self._idle_changed.set()
        logger.info("connected to %s (connection %d)", self.network.name, self._connections)
        self._up.set()

    def _connection_down(self) -> list[str]:
        """Fail what the connection carried; return the frames still to send (no posts)."""
        leftovers: list[str] = []
        if self._outbox is None or self._outbox_recv is None:
            return leftovers
        if self._sending:
            # Cancelled in the middle of a frame: the stream cannot carry another one.
            self._ws_open = False
        self._outbox.close()
        while True:
            try:
                frame, post_id = self._outbox_recv.receive_nowait()
            except (trio.WouldBlock, trio.EndOfChannel):
                break
            if post_id is None and frame != _CLOSE:
                leftovers.append(frame)
        self._outbox = None
        self._outbox_recv = None
        self._pong = None
        self._up = trio.Event()
        self._idle.pause()
        lost = self._session.connection_lost()
        for post_id in lost.unsent:
            waiter = self._post_waiters.get(post_id)
            if waiter is not None:
                waiter.fail(ConnectionLost("connection lost before the request was sent"))
        for post_id in lost.sent:
            waiter = self._post_waiters.get(post_id)
            if waiter is not None:
                waiter.fail(
                    RequestOutcomeUnknown(
                        "connection lost after the request was sent and before its reply: "
                        "the server may or may not have executed it"
                    )
                )
        # Subscriptions stay registered and are re-sent on the next connection; a caller
        # waiting for an acknowledgement is released now rather than at its timeout.
        for waiter in self._ack_waiters.values():
            waiter.set(None)
        return leftovers

    async def _writer(self, ws: _transport.WebSocket) -> None:
        """Send the outbox in order; return when the close sentinel comes (or the outbox
        ends). A send that stalls past ``request_timeout`` (a server that stopped reading)
        recycles the connection: no request could be answered in time through it."""
        assert self._outbox_recv is not None
        stall = self.settings.request_timeout
        async for frame, post_id in self._outbox_recv:
            if frame == _CLOSE:
                return
            if post_id is not None:
                if post_id not in self._post_waiters:
                    continue  # abandoned (timed out or cancelled) before it was sent
                # Marked before the await: once the send starts, bytes may be on the
                # wire, so a failure from here on leaves the outcome unknown.
                self._session.post_sent(post_id)
            self._sending = True
            with trio.move_on_after(stall) as scope:
                try:
                    await ws.send_text(frame)
                except _transport.Closed:
                    self._ws_open = False
                    raise
            if scope.cancelled_caught:
                self._ws_open = False  # mid-frame: nothing more can follow it
                logger.warning(
                    "a send to %s stalled for %s s: reconnecting", self.network.name, stall
                )
                return
            self._sending = False
            if frame is PING and self._ping is not None:
                self._ping.set()

    async def _reader(self, ws: _transport.WebSocket, scope: trio.CancelScope) -> None:
        receive = self._session.receive_iter
        dispatch = self._dispatch
        while True:
            try:
                messages = await ws.receive()
            except _transport.Closed as exc:
                self._ws_open = False
                if self._running:
                    logger.info("connection to %s ended: %s", self.network.name, exc)
                scope.cancel(reason=str(exc))
                return
            for raw in messages:
                self._frames += 1
                delivered = 0
                # Events come lazily: a batch of books (a GoldRush wildcard frame, over
                # 1 MB) is decoded a coin at a time, and every few coins the reader lets
                # other tasks run (heartbeats, replies, consumers) instead of holding the
                # event loop for the whole frame.
                for event in receive(raw):
                    if isinstance(event, Deliver):
                        delivered += 1
                        if delivered % _YIELD_EVERY == 0:
                            await trio.lowlevel.checkpoint()
                    await dispatch(event)

    async def _heartbeat(self, scope: trio.CancelScope) -> None:
        interval = self.settings.ping_interval
        deadline = self.settings.pong_timeout
        while True:
            await trio.sleep(interval)
            # Only a pong that follows our ping onto the wire counts: a server that stops
            # reading while it keeps answering older pings must not look healthy.
            self._ping = trio.Event()
            pong = self._pong = trio.Event()
            self._enqueue(PING)
            with trio.move_on_after(deadline):
                await pong.wait()
            if not pong.is_set():
                logger.warning(
                    "no pong from %s within %s s: reconnecting", self.network.name, deadline
                )
                scope.cancel(reason=f"no pong within {deadline} s")
                return

    # -- internals: idle deadlines -----------------------------------------------------------

    async def _watch_idle(self) -> NoReturn:
        """Send again the subscriptions that stayed silent past their idle deadline.

        Runs for the client's lifetime. The core (:class:`IdleWatch`) decides which sids are
        due and when the next deadline falls; this task only sleeps until then (or until a
        deadline is added or the connection comes up) and performs the resubscribe.
        """
        idle = self._idle
        while True:
            changed = self._idle_changed = trio.Event()
            deadline = idle.next_deadline()
            with trio.move_on_at(math.inf if deadline is None else deadline):
                await changed.wait()
            now = trio.current_time()
            expired = idle.due(now)
            if not expired:
                continue
            frames, affected = self._session.resubscribe(expired)
            for frame in frames:
                self._enqueue(frame)
            # The whole wire subscription restarts now, for every local consumer of it.
            idle.fed(affected, now)
            for sid in affected:
                mailbox = self._mailboxes.get(sid)
                body = self._session.body_of(sid)
                if mailbox is not None and body is not None:
                    mailbox.mark_restart(
                        StreamRestarted(
                            sid=sid, subscription=body, connection=self._connections, reason="idle"
                        )
                    )
            resubscribed = len(frames) // 2
            self._idle_resubscribes += resubscribed
            if resubscribed:
                logger.warning(
                    "%d subscription(s) on %s silent past their idle deadline: subscribing again",
                    resubscribed,
                    self.network.name,
                )

    async def _close_gracefully(self) -> None:
        """Flush the outbox, then close the connection (the shell bounds the wait)."""
        if self._outbox is not None:
            self._outbox.send_nowait((_CLOSE, None))
            with trio.move_on_after(self.settings.close_timeout):
                await self._closed.wait()

    def _close_streams(self) -> None:
        self._running = False
        for mailbox in [*self._mailboxes.values(), *self._shared]:
            mailbox.close()
        self._mailboxes.clear()
        self._shared.clear()
        self._up.set()  # wake posts waiting for a connection: they see NotRunning


def unwrap_group(group: BaseExceptionGroup[BaseException]) -> BaseException:
    """The one exception a user should see from our nursery: never an ExceptionGroup (trio's
    nurseries always raise groups since 0.25); the user's own exception before ours, the
    others as notes. ``Cancelled`` is left to trio."""
    leaves = [leaf for leaf in _leaves(group) if not isinstance(leaf, trio.Cancelled)]
    if not leaves:
        return group
    foreign = [leaf for leaf in leaves if not isinstance(leaf, HyperliquidError)]
    chosen = foreign[0] if foreign else leaves[0]
    for other in leaves:
        if other is not chosen:
            chosen.add_note(f"also raised: {type(other).__name__}: {other}")
    return chosen


def open_client(
    network: Network = MAINNET, *, settings: Settings | None = None
) -> contextlib.AbstractAsyncContextManager[Client]:
    """Connect, and keep the connection alive for the duration of the block.

    Entering waits for the first connection. Inside, the connection reconnects by itself
    (capped exponential backoff with jitter) and resubscribes. Leaving ends every stream
    (consumers see end-of-channel), sends a WebSocket close, and leaves no task running.

    Args:
        network: where to connect (``MAINNET``, ``TESTNET``, ``goldrush(key)``, ``custom``).
        settings: timeouts, heartbeat, backoff and frame limits.

    Raises:
        KeyRejected / HandshakeRejected: the server refused the handshake (never retried).
        ConnectError: the first connection could not be made after
            ``settings.initial_connect_attempts`` attempts.
        Whatever the block raises, unchanged; never a bare ``ExceptionGroup`` of ours.
    """
    # The factory is private so that the client is built in one place only: here.
    return Client._open(network, settings or Settings())  # pyright: ignore[reportPrivateUsage]
