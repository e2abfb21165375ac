"""The connection's state machine: what to do after each connection attempt ends.

The shell tells :class:`Reconnect` what happened (an attempt failed with an error, a
connection came up, an established connection ended) and the time; it answers with an
action: :class:`Retry` after a delay, or :class:`GiveUp` with the error to raise. No clock,
no I/O: the tests drive it row by row.

The rules:

* An HTTP 401/403 at the handshake (:class:`~trio_hl.errors.KeyRejected`) is final, and so
  is any other 4xx but 429: asking again will not change the answer.
* 429 (too many requests) and 503 (unavailable) are retried, waiting at least the server's
  ``Retry-After`` (capped at the backoff's cap); other 5xx are retried on the backoff.
* Network failures, handshake timeouts and malformed upgrade responses are retried.
* A TLS certificate that does not verify is final while the client has never connected (a
  configuration problem, named at once); once it has, it is retried like any failure, so a
  long-running client is not ended by one bad answer.
* Before the first connection, ``initial_connect_attempts`` bounds the attempts: then the
  last error is final (a :class:`~trio_hl.errors.HandshakeRejected` keeps its
  ``retry_after``). After it, reconnecting never gives up on a retryable failure.
* The delay follows the backoff (``Backoff.delay(n)`` for the n-th retry in a row); a
  connection that stayed up ``stable_after`` seconds starts the schedule again.
"""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING

import attrs

from ..errors import ConnectError, HandshakeRejected, HyperliquidError, KeyRejected

if TYPE_CHECKING:
    from .._backoff import Backoff

__all__ = ["GiveUp", "Reconnect", "Retry"]

_RETRYABLE_STATUSES = frozenset({429, 503})


@attrs.frozen
class Retry:
    """Connect again after ``delay`` seconds."""

    delay: float


@attrs.frozen
class GiveUp:
    """Stop: raise ``error`` from the client."""

    error: HyperliquidError


class Reconnect:
    """Decides, after each attempt, whether and when to connect again."""

    def __init__(
        self, *, backoff: Backoff, stable_after: float, initial_attempts: int | None, name: str
    ) -> None:
        self._backoff = backoff
        self._stable_after = stable_after
        self._initial_attempts = initial_attempts
        self._name = name
        self._retries = 0  # retries in a row since the last stable connection
        self._failures = 0  # failed attempts before the first connection
        self._up_since: float | None = None
        self.ever_connected = False

    def connected(self, now: float) -> None:
        """A connection was established at ``now``."""
        self._up_since = now
        self.ever_connected = True

    def lost(self, now: float) -> Retry:
        """The established connection ended at ``now`` (dropped, closed, recycled)."""
        if self._up_since is not None and now - self._up_since >= self._stable_after:
            self._retries = 0
        self._up_since = None
        return self._retry()

    def failed(self, error: HyperliquidError) -> Retry | GiveUp:
        """An attempt to connect failed with ``error`` (``ConnectError`` or
        ``HandshakeRejected``)."""
        wait = 0.0
        if isinstance(error, HandshakeRejected):
            if isinstance(error, KeyRejected) or (
                400 <= error.status_code < 500 and error.status_code not in _RETRYABLE_STATUSES
            ):
                return GiveUp(error)
            if error.status_code in _RETRYABLE_STATUSES and error.retry_after is not None:
                wait = min(error.retry_after, self._backoff.cap)
        elif not self.ever_connected and isinstance(error.__cause__, ssl.SSLCertVerificationError):
            return GiveUp(error)
        if not self.ever_connected:
            self._failures += 1
            limit = self._initial_attempts
            if limit is not None and self._failures >= limit:
                if isinstance(error, HandshakeRejected):
                    return GiveUp(error)
                final = ConnectError(
                    f"could not connect to {self._name} after {self._failures} attempts: {error}"
                )
                final.__cause__ = error.__cause__
                return GiveUp(final)
        retry = self._retry()
        return Retry(max(retry.delay, wait))

    def _retry(self) -> Retry:
        delay = self._backoff.delay(self._retries)
        self._retries += 1
        return Retry(delay)
