"""Per-subscription delivery: bounded mailboxes with an explicit buffer policy.

The reader task calls :meth:`Mailbox.deliver` for every message. Books arrive undecoded
(:class:`._protocol.Lazy`) and are decoded in :meth:`Mailbox.receive_nowait`, by
the consumer: a book the keep-latest policy evicts is never decoded. Under ``latest`` and
``fail`` it never waits, so one slow consumer cannot stall the connection; only ``block``
(opt-in) makes the reader wait. Consumers read through :class:`Stream`, a
``trio.abc.ReceiveChannel``.

This is a small channel of our own rather than ``trio.open_memory_channel`` because the
policies need what a memory channel's sender cannot do: evict the oldest *data* item while
keeping restart markers, and end the stream with an error after the buffered items.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Generic, TypeVar, final

import attrs
import trio

from ._policy import BufferPolicy
from ._protocol import UNDECODABLE, Lazy
from .errors import SubscriptionError, SubscriptionOverflow
from .models.subscriptions import StreamRestarted

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Mailbox", "SharedSendChannel", "Stream", "StreamStatistics", "open_shared_channel"]

T_co = TypeVar("T_co", covariant=True)


@attrs.frozen(kw_only=True)
class StreamStatistics:
    """Counters of one stream (compare ``trio.MemoryChannelStatistics``).

    Attributes:
        buffered: items waiting for the consumer now (markers included).
        max_buffer_size: the policy's bound on buffered data items.
        peak_buffered: the most data items ever buffered at once.
        delivered: items handed to the consumer.
        dropped: items evicted by the keep-latest policy.
        policy: the buffer policy.
        closed: no further item will arrive.
    """

    buffered: int
    max_buffer_size: int
    peak_buffered: int
    delivered: int
    dropped: int
    policy: BufferPolicy
    closed: bool


class Mailbox:
    """The buffer behind one stream; fed by one or more local subscriptions."""

    def __init__(self, policy: BufferPolicy, *, shared: bool = False) -> None:
        self.policy = policy
        self.shared = shared
        self.sids: set[int] = set()
        # Set by the client that feeds this mailbox: unsubscribes every sid feeding it.
        # Called when the consumer closes the stream or a fail-on-overflow stream overflows.
        self.release: Callable[[Mailbox], None] | None = None
        self._items: deque[object] = deque()
        self._data = 0  # buffered items that are not markers
        self._receivers = trio.lowlevel.ParkingLot()
        self._senders = trio.lowlevel.ParkingLot()
        self._error: BaseException | None = None
        self.closed: bool = False
        self.consumer_closed: bool = False
        self._peak = 0
        self._delivered = 0
        self._dropped = 0

    def deliver(self, item: object) -> bool:
        """Buffer ``item`` without waiting.

        Returns:
            ``False`` only under the ``block`` policy when the buffer is full: the caller
            must then ``await deliver_blocking(item)``.
        """
        if self.closed or self.consumer_closed:
            return True
        if self._data >= self.policy.size:
            kind = self.policy.kind
            if kind == "block":
                return False
            if kind == "fail":
                self.close(
                    SubscriptionOverflow(
                        f"consumer fell behind: more than {self.policy.size} messages "
                        "buffered on a fail-on-overflow stream; the stream was closed"
                    )
                )
                if self.release is not None:
                    self.release(self)
                return True
            self._evict_oldest_data()
        self._items.append(item)
        self._data += 1
        self._peak = max(self._peak, self._data)
        self._receivers.unpark()
        return True

    async def deliver_blocking(self, item: object) -> None:
        """Wait for room, then buffer ``item`` (``block`` policy)."""
        while not self.deliver(item):
            await self._senders.park()

    def _evict_oldest_data(self) -> None:
        markers: list[object] = []
        while self._items:
            item = self._items.popleft()
            if isinstance(item, StreamRestarted):
                markers.append(item)
                continue
            self._data -= 1
            self._dropped += 1
            break
        self._items.extendleft(reversed(markers))

    def mark_restart(self, marker: StreamRestarted) -> None:
        """Queue a restart marker; never dropped, and a repeat of the newest one replaces it."""
        if self.closed or self.consumer_closed:
            return
        if self._items:
            last = self._items[-1]
            if isinstance(last, StreamRestarted) and last.sid == marker.sid:
                self._items[-1] = marker
                return
        self._items.append(marker)
        self._receivers.unpark()

    def close(self, error: BaseException | None = None) -> None:
        """No more items: the consumer drains the buffer, then gets ``error`` or end-of-channel."""
        if self.closed:
            return
        self.closed = True
        self._error = error
        self._receivers.unpark_all()
        self._senders.unpark_all()

    def receive_nowait(self) -> object:
        if self.consumer_closed:
            raise trio.ClosedResourceError("this stream was closed by its consumer")
        items = self._items
        while items:
            item = items.popleft()
            if not isinstance(item, StreamRestarted):
                self._data -= 1
                self._senders.unpark()
                if type(item) is Lazy:
                    # Decoded here, by the consumer: what a policy dropped never is.
                    item = item.value()
                    if item is UNDECODABLE:
                        continue  # reported (and counted) by the client
            self._delivered += 1
            return item
        if self.closed:
            if self._error is not None:
                raise self._error
            raise trio.EndOfChannel
        raise trio.WouldBlock

    async def receive(self) -> object:
        await trio.lowlevel.checkpoint_if_cancelled()
        # Every call is a checkpoint (a cancel point and a schedule point). Having waited in
        # park() is one already; only a call that found an item at once yields here, as
        # trio's memory channels do. A consumer that keeps up then costs the scheduler one
        # task switch per message rather than two.
        parked = False
        while True:
            try:
                item = self.receive_nowait()
            except trio.WouldBlock:
                await self._receivers.park()
                parked = True
                continue
            except BaseException:
                if not parked:
                    await trio.lowlevel.cancel_shielded_checkpoint()
                raise
            if not parked:
                await trio.lowlevel.cancel_shielded_checkpoint()
            return item

    def consumer_close(self) -> None:
        self.consumer_closed = True
        self._items.clear()
        self._data = 0
        self._receivers.unpark_all()
        self._senders.unpark_all()

    def statistics(self) -> StreamStatistics:
        return StreamStatistics(
            buffered=len(self._items),
            max_buffer_size=self.policy.size,
            peak_buffered=self._peak,
            delivered=self._delivered,
            dropped=self._dropped,
            policy=self.policy,
            closed=self.closed or self.consumer_closed,
        )


@final
class Stream(trio.abc.ReceiveChannel[T_co], Generic[T_co]):
    """The receive side of a subscription (or of a shared channel).

    Iterate it with ``async for``. It ends (``EndOfChannel``) when the subscription is
    unsubscribed or the client closes; it raises
    :class:`~trio_hl.errors.SubscriptionOverflow` after the buffered items when a
    fail-on-overflow consumer fell behind, and
    :class:`~trio_hl.errors.SubscriptionError` when the server refused a resubscription.
    Closing it (``aclose``) unsubscribes the subscriptions that feed it.
    """

    def __init__(self, mailbox: Mailbox) -> None:
        self._mailbox = mailbox

    def receive_nowait(self) -> T_co:
        """Take a buffered item without waiting; raises ``trio.WouldBlock`` if none."""
        return self._mailbox.receive_nowait()  # type: ignore[return-value]

    async def receive(self) -> T_co:
        """Wait for the next item. Cancellation leaves the buffer untouched."""
        return await self._mailbox.receive()  # type: ignore[return-value]

    async def aclose(self) -> None:
        """Stop consuming: drop buffered items and unsubscribe what feeds this stream."""
        if not self._mailbox.consumer_closed:
            self._mailbox.consumer_close()
            if self._mailbox.release is not None:
                self._mailbox.release(self._mailbox)
        await trio.lowlevel.checkpoint()

    def statistics(self) -> StreamStatistics:
        return self._mailbox.statistics()


@final
class SharedSendChannel:
    """The sending side of a shared stream: pass it as ``send_channel=`` to
    ``subscriptions.subscribe`` (or ``Client.open_subscription``) and that subscription's
    messages go into the shared stream. It has no ``send`` of its own: the client sends.

    Made by :func:`open_shared_channel`. The shared stream's policy applies to all of them;
    tell messages apart with ``match``/``isinstance`` (restart markers carry their ``sid``).
    """

    def __init__(self, mailbox: Mailbox) -> None:
        self._mailbox = mailbox

    def attach(self) -> Mailbox:
        """The buffer a new subscription feeding this channel delivers into (the client
        calls it when it opens such a subscription; a user has no need to).

        Raises:
            SubscriptionError: the shared stream was closed (by its consumer or the client).
        """
        if self._mailbox.closed or self._mailbox.consumer_closed:
            raise SubscriptionError("the shared channel is closed")
        return self._mailbox

    def __repr__(self) -> str:
        return (
            f"SharedSendChannel(policy={self._mailbox.policy!r}, sids={sorted(self._mailbox.sids)})"
        )


def open_shared_channel(
    policy: BufferPolicy | None = None,
) -> tuple[SharedSendChannel, Stream[object]]:
    """One stream fed by several subscriptions (the "shared queue" pattern).

    Args:
        policy: the buffer policy of the shared stream (default: fail on overflow, 1024).

    Returns:
        ``(send_channel, stream)``: pass ``send_channel=`` to ``subscriptions.subscribe`` for
        each subscription and
        read every message from ``stream``.
    """
    mailbox = Mailbox(policy or BufferPolicy.fail_on_overflow(), shared=True)
    return SharedSendChannel(mailbox), Stream(mailbox)
