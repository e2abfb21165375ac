"""The idle-deadline decisions of the sans-IO core (no trio, no clock: ``now`` is passed)."""

from __future__ import annotations

import json

import pytest

from trio_hl._protocol._idle import IDLE_TIMEOUTS, IdleWatch, default_idle_timeout
from trio_hl._protocol._session import Session


@pytest.mark.parametrize(
    ("body", "timeout"),
    [
        ({"type": "l2Book", "coin": "BTC"}, 30.0),
        ({"type": "l2Book"}, 30.0),  # GoldRush's wildcard pushes every block too
        ({"type": "allMids"}, 30.0),
        ({"type": "bbo", "coin": "BTC"}, None),  # only on change: a quiet coin is silent
        ({"type": "trades", "coin": "BTC"}, None),
        ({"type": "userFills", "user": "0x" + "ab" * 20}, None),
        ({"type": "l4Book", "coin": "BTC"}, None),
    ],
)
def test_only_channels_that_push_every_block_have_a_default(
    body: dict[str, object], timeout: float | None
) -> None:
    assert default_idle_timeout(body) == timeout
    assert set(IDLE_TIMEOUTS) == {"l2Book", "allMids"}


def test_a_silent_sid_is_due_at_its_deadline_and_rearmed() -> None:
    watch = IdleWatch()
    watch.resume(now=0.0)
    watch.watch(1, 30.0, now=0.0)
    watch.watch(2, 10.0, now=0.0)
    assert watch.next_deadline() == 10.0
    assert watch.due(9.9) == []
    assert watch.due(10.0) == [2]
    assert watch.next_deadline() == 20.0  # re-armed: tried again a timeout later
    watch.fed([1], now=25.0)  # a message pushes the deadline back
    assert watch.due(30.0) == [2]
    assert watch.next_deadline() == 40.0
    assert watch.due(54.9) == [2]  # sid 2 at 40 again; sid 1 not before 55
    assert watch.due(55.0) == [1]


def test_deadlines_run_only_while_connected() -> None:
    watch = IdleWatch()
    watch.watch(1, 30.0, now=0.0)  # subscribed while disconnected
    assert watch.next_deadline() is None
    watch.fed([1], now=5.0)
    assert watch.next_deadline() is None
    watch.resume(now=100.0)
    assert watch.next_deadline() == 130.0
    watch.pause()
    assert watch.next_deadline() is None
    assert watch.due(1000.0) == []
    watch.resume(now=2000.0)
    assert watch.due(2030.0) == [1]


def test_unwatched_and_unknown_sids_are_ignored() -> None:
    watch = IdleWatch()
    watch.resume(now=0.0)
    states = [watch.watching]
    watch.watch(1, 5.0, now=0.0)
    states.append(watch.watching)
    watch.fed([7, 8], now=1.0)  # not watched: nothing happens
    watch.unwatch(1)
    watch.unwatch(1)  # idempotent
    states.append(watch.watching)
    assert states == [False, True, False]
    assert watch.next_deadline() is None
    assert watch.due(100.0) == []


def _frames(frames: list[str]) -> list[tuple[str, object]]:
    return [(json.loads(f)["method"], json.loads(f)["subscription"]) for f in frames]


def test_session_resubscribes_each_wire_subscription_once_for_all_its_sids() -> None:
    session = Session()
    session.connection_made()
    book = {"type": "l2Book", "coin": "BTC"}
    first, _, _ = session.subscribe(book)
    second, _, none = session.subscribe(book)  # refcounted: same wire subscription
    assert none is None
    mids, _, _ = session.subscribe({"type": "allMids"})
    frames, affected = session.resubscribe([first, second])
    assert _frames(frames) == [("unsubscribe", book), ("subscribe", book)]
    assert affected == [first, second]
    assert session.wire_count == 2  # nothing was forgotten
    assert session.resubscribe([mids, 99])[1] == [mids]  # unknown sids are skipped


def test_session_resubscribes_nothing_while_disconnected() -> None:
    session = Session()
    sid, _, _ = session.subscribe({"type": "allMids"})
    assert session.resubscribe([sid]) == ([], [])
