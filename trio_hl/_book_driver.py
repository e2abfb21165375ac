"""The Trio side of the self-healing books: subscribe, fetch snapshots, report.

The decisions are :mod:`._sequenced_books`'s; this shell only performs them. It subscribes,
feeds every stream item to the engine, fetches each snapshot the engine asks for (one task
per coin, retried with a capped backoff when the request fails for a reason that may pass)
and forwards the engine's events to the consumer through a bounded channel. When the
consumer falls behind, the channel fills and the pump waits: the subscription's own buffer
policy then decides (by default a diff stream fails with
:class:`~trio_hl.errors.SubscriptionOverflow` rather than dropping a diff).
"""

from __future__ import annotations

import logging
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar, final

import trio

from ._client import unwrap_group
from ._sequenced_books import BookEvent, BookOutput, L2DiffBooks, L4SequencedBooks, SequencedBooks
from .errors import ConfigurationError, HyperliquidError, SubscriptionOverflow, UnsupportedInfoType
from .models.goldrush import (
    L2BookDiff2Subscription,
    L2BookDiffSubscription,
    L4BookUpdatesSubscription,
)

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Callable

    from ._client import Client
    from ._info import Info, InfoTransport
    from ._policy import BufferPolicy

__all__ = ["BookFeed", "open_l2_diff_books", "open_l4_books"]

logger: Final = logging.getLogger("trio_hl")

E = TypeVar("E", bound=SequencedBooks[Any, Any, Any])

_FINAL: Final = (UnsupportedInfoType, ConfigurationError, SubscriptionOverflow)
"""Snapshot failures that retrying cannot fix."""


@final
class BookFeed(Generic[E]):
    """The events of a self-healing book and the books themselves.

    Iterate it for :class:`~trio_hl.books.BookResynced`, :class:`~trio_hl.books.BookStale`
    and :class:`~trio_hl.books.BookUpdated` events; read :attr:`books` for the state (a coin's
    book is ``None`` while it resyncs, never wrong).

    Attributes:
        books: the engine (:class:`~trio_hl.books.L2DiffBooks` or
            :class:`~trio_hl.books.L4SequencedBooks`).
    """

    def __init__(self, books: E, receive: trio.MemoryReceiveChannel[BookEvent]) -> None:
        self.books = books
        self._receive = receive

    def __aiter__(self) -> BookFeed[E]:
        return self

    async def __anext__(self) -> BookEvent:
        try:
            return await self._receive.receive()
        except trio.EndOfChannel:
            raise StopAsyncIteration from None

    async def receive(self) -> BookEvent:
        """The next event.

        Raises:
            trio.EndOfChannel: the stream ended (the client closed).
        """
        return await self._receive.receive()


async def _fetch(
    coin: str,
    books: SequencedBooks[Any, Any, Any],
    info: InfoTransport | Info,
    emit: Any,
    *,
    retry_delay: float,
    max_retry_delay: float,
) -> None:
    delay = retry_delay
    while True:
        request = books.snapshot_request(coin)
        try:
            if callable(info):
                snapshot = request.decode(await info(request.to_wire()))
            else:
                snapshot = await info.request(request)
        except _FINAL:
            raise
        except HyperliquidError as exc:
            logger.warning("snapshot of %s failed (%s); retrying in %.2f s", coin, exc, delay)
            books.snapshot_failed(coin)  # still requested: this task asks again
            await trio.sleep(delay)
            delay = min(delay * 2, max_retry_delay)
            continue
        await emit(books.on_snapshot(snapshot))
        return


@asynccontextmanager
async def _open(
    client: Client,
    subscription: Any,
    books: E,
    feed_item: Callable[[Any], BookOutput],
    info: InfoTransport | Info,
    *,
    policy: BufferPolicy | None,
    events: int,
    retry_delay: float,
    max_retry_delay: float,
) -> AsyncGenerator[BookFeed[E], None]:
    send, receive = trio.open_memory_channel[BookEvent](events)
    feed = BookFeed(books, receive)
    try:
        async with (
            client.subscribe(subscription, policy=policy) as stream,
            trio.open_nursery() as nursery,
        ):

            async def emit(out: BookOutput) -> None:
                for coin in out.fetch:
                    nursery.start_soon(
                        partial(
                            _fetch,
                            coin,
                            books,
                            info,
                            emit,
                            retry_delay=retry_delay,
                            max_retry_delay=max_retry_delay,
                        )
                    )
                for event in out.events:
                    await send.send(event)

            async def pump() -> None:
                async with send:
                    coins = getattr(subscription, "coin", None)
                    if coins is not None and not isinstance(subscription, L2BookDiffSubscription):
                        # Known coins start at once: the subscription is live, so every
                        # diff after the snapshot is on its way and gets buffered.
                        await emit(books.track(*([coins] if isinstance(coins, str) else coins)))
                    async for item in stream:
                        await emit(feed_item(item))

            nursery.start_soon(pump)
            try:
                yield feed
            finally:
                nursery.cancel_scope.cancel(reason="book feed closed")
    except BaseExceptionGroup as group:
        raise unwrap_group(group) from None


def open_l2_diff_books(
    client: Client,
    subscription: L2BookDiffSubscription | L2BookDiff2Subscription,
    *,
    info: InfoTransport | Info,
    policy: BufferPolicy | None = None,
    events: int = 4096,
    retry_delay: float = 0.25,
    max_retry_delay: float = 10.0,
) -> AbstractAsyncContextManager[BookFeed[L2DiffBooks]]:
    """Subscribe to ``l2BookDiff`` or ``l2BookDiff2`` and keep exact books of every coin.

    ``async with open_l2_diff_books(client, sub, info=api.info) as feed: async for event in
    feed``. Snapshots (``l2BookDiffSnapshot``) are fetched through ``info`` whenever a coin
    starts or heals: ``api.info`` (an :class:`~trio_hl.Api`'s Info on the same
    ``goldrush(key)`` network, GoldRush's Info API) or any ``async (payload) -> data``
    callable.

    Args:
        client: a running client on a GoldRush network.
        subscription: which coins (one, a list, or every coin).
        info: ``api.info``, or ``async (payload) -> data``, answering
            ``l2BookDiffSnapshot``.
        policy: the subscription's buffer policy (default: its own, fail on overflow).
        events: how many events may wait for the consumer before the pump waits.
        retry_delay: first wait after a failed snapshot request (doubles up to
            ``max_retry_delay``).

    Raises:
        SubscriptionError: refused (for example on a Hyperliquid network).
        UnsupportedInfoType, ConfigurationError: the snapshot request cannot succeed.
        SubscriptionOverflow: the consumer fell behind the stream.
    """
    books = L2DiffBooks(inline_snapshots=isinstance(subscription, L2BookDiffSubscription))
    return _open(
        client,
        subscription,
        books,
        books.feed,
        info,
        policy=policy,
        events=events,
        retry_delay=retry_delay,
        max_retry_delay=max_retry_delay,
    )


def open_l4_books(
    client: Client,
    subscription: L4BookUpdatesSubscription,
    *,
    info: InfoTransport | Info,
    policy: BufferPolicy | None = None,
    events: int = 4096,
    retry_delay: float = 0.25,
    max_retry_delay: float = 10.0,
) -> AbstractAsyncContextManager[BookFeed[L4SequencedBooks]]:
    """Subscribe to ``l4BookUpdates`` and keep exact order-level books (bootstrapped from
    ``l4BookSnapshot`` through ``info``); the arguments are those of
    :func:`open_l2_diff_books`."""
    books = L4SequencedBooks()
    return _open(
        client,
        subscription,
        books,
        books.feed,
        info,
        policy=policy,
        events=events,
        retry_delay=retry_delay,
        max_retry_delay=max_retry_delay,
    )
