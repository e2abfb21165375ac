"""The connection state machine, row by row: what follows each way an attempt can end."""

from __future__ import annotations

import ssl

import pytest

from trio_hl import Backoff
from trio_hl._protocol._connection import GiveUp, Reconnect, Retry
from trio_hl.errors import ConnectError, HandshakeRejected, KeyRejected

BACKOFF = Backoff(jitter=0.0)  # 0.5, 1, 2, 4, 8, 16, 30, 30, ...


def machine(attempts: int | None = 3, *, connected: bool = False) -> Reconnect:
    reconnect = Reconnect(
        backoff=BACKOFF, stable_after=10.0, initial_attempts=attempts, name="wss://x/ws"
    )
    if connected:
        reconnect.connected(0.0)
    return reconnect


@pytest.mark.parametrize(
    ("error", "connected", "expected"),
    [
        (KeyRejected(401), False, "final"),
        (KeyRejected(403), True, "final"),
        (HandshakeRejected(400), True, "final"),
        (HandshakeRejected(404), False, "final"),
        (HandshakeRejected(429), True, "retry"),
        (HandshakeRejected(429), False, "retry"),
        (HandshakeRejected(503), True, "retry"),
        (HandshakeRejected(500), True, "retry"),
        (HandshakeRejected(502), False, "retry"),
        (ConnectError("refused"), False, "retry"),
        (ConnectError("refused"), True, "retry"),
    ],
)
def test_which_failures_are_final(
    error: HandshakeRejected | ConnectError, connected: bool, expected: str
) -> None:
    action = machine(connected=connected).failed(error)
    if expected == "final":
        assert action == GiveUp(error)
    else:
        assert action == Retry(0.5)


def test_a_certificate_that_does_not_verify_is_final_until_connected() -> None:
    error = ConnectError("TLS certificate verification failed")
    error.__cause__ = ssl.SSLCertVerificationError("bad certificate")
    assert machine().failed(error) == GiveUp(error)
    assert machine(connected=True).failed(error) == Retry(0.5)


def test_retry_after_is_honoured_and_capped() -> None:
    reconnect = machine(attempts=None)
    assert reconnect.failed(HandshakeRejected(429, retry_after=7)) == Retry(7)
    assert reconnect.failed(HandshakeRejected(503, retry_after=0.1)) == Retry(1.0)  # backoff
    assert reconnect.failed(HandshakeRejected(429, retry_after=3600)) == Retry(30.0)  # cap
    # Only 429 and 503 carry a meaningful Retry-After here.
    assert reconnect.failed(HandshakeRejected(502, retry_after=20)) == Retry(4.0)


def test_first_connection_gives_up_after_the_attempts() -> None:
    reconnect = machine(attempts=3)
    assert reconnect.failed(ConnectError("a")) == Retry(0.5)
    assert reconnect.failed(ConnectError("b")) == Retry(1.0)
    action = reconnect.failed(ConnectError("c"))
    assert isinstance(action, GiveUp)
    assert isinstance(action.error, ConnectError)
    assert str(action.error) == "could not connect to wss://x/ws after 3 attempts: c"


def test_a_refusal_that_spends_the_attempts_is_raised_itself() -> None:
    reconnect = machine(attempts=2)
    reconnect.failed(HandshakeRejected(429, retry_after=5))
    last = HandshakeRejected(429, retry_after=12)
    assert reconnect.failed(last) == GiveUp(last)
    assert last.retry_after == 12


def test_reconnects_never_give_up_on_retryable_failures() -> None:
    reconnect = machine(attempts=1, connected=True)
    delays = [reconnect.failed(ConnectError("x")) for _ in range(8)]
    assert delays == [Retry(d) for d in (0.5, 1, 2, 4, 8, 16, 30, 30)]


def test_without_a_limit_the_first_connection_is_tried_forever() -> None:
    reconnect = machine(attempts=None)
    assert all(isinstance(reconnect.failed(ConnectError("x")), Retry) for _ in range(100))


def test_a_stable_connection_resets_the_backoff() -> None:
    reconnect = machine(connected=True)
    assert reconnect.lost(now=12.0) == Retry(0.5)  # up 12 s >= stable_after
    reconnect.connected(12.5)
    assert reconnect.lost(now=13.0) == Retry(1.0)  # up 0.5 s: the schedule goes on
    assert reconnect.failed(ConnectError("x")) == Retry(2.0)
    reconnect.connected(20.0)
    assert reconnect.lost(now=30.0) == Retry(0.5)  # exactly stable_after counts
