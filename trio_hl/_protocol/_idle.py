"""Idle deadlines: which subscriptions have been silent for too long (sans-IO).

A subscription the server acknowledged but never feeds is silent forever, while pongs keep
the connection looking healthy. For channels that push on every block whatever happens,
silence is a fault, not a quiet market, and the cure is to subscribe again. This module
decides *when*; the shell owns the clock and the timer, and passes ``now`` in.

Which channels push every block (reference ``ws-protocol.md`` §8): ``l2Book`` ("pushed
each block, at least 0.5 s since the last push"; the non-fast book at worst every 5 s by
another account), and ``allMids`` (the full map on every push, about once a second). Not
``bbo`` (pushed "on every change": a quiet coin's best bid and offer may not move for
minutes), not event channels (trades, fills, order updates: nothing happens, nothing is
sent), and not the state channels whose cadence is not documented. Their deadline is off
unless the caller sets one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["IDLE_TIMEOUTS", "IdleWatch", "default_idle_timeout"]

IDLE_TIMEOUTS: Final[Mapping[str, float]] = {"l2Book": 30.0, "allMids": 30.0}
"""Default idle deadline per subscription type, in seconds: six times the slowest cadence
reported for these channels (5 s), so that only a subscription that really stopped trips."""


def default_idle_timeout(body: Mapping[str, object]) -> float | None:
    """The idle deadline a subscription gets unless its caller chose one (``None``: off)."""
    kind = body.get("type")
    return IDLE_TIMEOUTS.get(kind) if isinstance(kind, str) else None


class IdleWatch:
    """Per-subscription idle deadlines, keyed by local subscription id.

    Deadlines run only while connected (:meth:`resume` to :meth:`pause`): silence while
    disconnected is the connection's fault, and a reconnect resubscribes anyway. Every
    message delivered to a sid pushes its deadline back by its timeout.
    """

    def __init__(self) -> None:
        self._timeouts: dict[int, float] = {}
        self._deadlines: dict[int, float] = {}
        self._running = False

    @property
    def watching(self) -> bool:
        """Whether any subscription has a deadline (the shell skips :meth:`fed` if not)."""
        return bool(self._timeouts)

    def watch(self, sid: int, timeout: float, now: float) -> None:
        """Give ``sid`` a deadline of ``timeout`` seconds of silence, starting ``now``."""
        self._timeouts[sid] = timeout
        if self._running:
            self._deadlines[sid] = now + timeout

    def unwatch(self, sid: int) -> None:
        """Forget ``sid`` (unsubscribed or refused). Idempotent."""
        self._timeouts.pop(sid, None)
        self._deadlines.pop(sid, None)

    def fed(self, sids: Iterable[int], now: float) -> None:
        """Messages reached ``sids``: their silence starts again ``now``."""
        if not self._running:
            return
        timeouts = self._timeouts
        for sid in sids:
            timeout = timeouts.get(sid)
            if timeout is not None:
                self._deadlines[sid] = now + timeout

    def resume(self, now: float) -> None:
        """A connection is up: every deadline starts ``now``."""
        self._running = True
        self._deadlines = {sid: now + timeout for sid, timeout in self._timeouts.items()}

    def pause(self) -> None:
        """The connection is gone: no deadline runs until :meth:`resume`."""
        self._running = False
        self._deadlines.clear()

    def next_deadline(self) -> float | None:
        """When the next deadline falls (``None``: none is running)."""
        return min(self._deadlines.values(), default=None)

    def due(self, now: float) -> list[int]:
        """The sids silent past their deadline at ``now``, oldest deadline first.

        Each is re-armed from ``now``: if the remedy (resubscribing) does not help either,
        it is tried again one timeout later rather than in a loop.
        """
        expired = sorted(
            (deadline, sid) for sid, deadline in self._deadlines.items() if deadline <= now
        )
        for _, sid in expired:
            self._deadlines[sid] = now + self._timeouts[sid]
        return [sid for _, sid in expired]
