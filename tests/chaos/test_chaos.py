"""Chaos: a long seeded stream through drops, pong stalls, oversize, malformed and error
frames and refused handshakes; nothing is lost, nothing hangs, nothing leaks.

The scenario lives in :mod:`tests.chaos.scenario`. ``pytest -s`` prints one summary line of
figures per seed; ``uv run python benchmarks/chaos_report.py`` prints the same figures.
"""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING

import pytest

from trio_hl.models import L2Book, StreamRestarted, Trades, UserFills

from .scenario import SETTINGS, ChaosRun, delivered_fill_tids, run_chaos

if TYPE_CHECKING:
    import trio.testing

    from trio_hl.testing import FakeHyperliquid

SEEDS = (1, 2, 3)


_RUNS: dict[int, ChaosRun] = {}


@pytest.fixture(params=SEEDS, ids=[f"seed{seed}" for seed in SEEDS])
async def chaos(request: pytest.FixtureRequest, fake_hyperliquid: FakeHyperliquid) -> ChaosRun:
    """One run per seed, shared by the tests below (each test checks one property).

    Every test also takes ``autojump_clock``: pytest-trio finds the clock among the test
    function's own arguments, and the run must happen on simulated time.
    """
    seed: int = request.param
    if seed not in _RUNS:
        _RUNS[seed] = await run_chaos(fake_hyperliquid, seed)
        if request.config.getoption("capture") == "no":
            print(f"\nchaos {_RUNS[seed].figures.summary()}")  # `pytest -s` shows them
    return _RUNS[seed]


async def test_the_chaos_actually_happened(
    chaos: ChaosRun, autojump_clock: trio.testing.MockClock
) -> None:
    figures = chaos.figures
    assert figures.frames >= 2000
    assert figures.drops >= 3
    assert figures.stalls + figures.oversize >= 2
    assert figures.malformed >= 5
    assert figures.error_frames >= 3
    assert figures.fills >= 100
    assert figures.connections == 1 + figures.reconnects


async def test_every_subscription_recovers_after_every_reconnect(
    chaos: ChaosRun, autojump_clock: trio.testing.MockClock
) -> None:
    reconnects = chaos.figures.reconnects
    for log in chaos.streams.values():
        assert log.error is None, f"{log.name}: {log.error!r}"
        assert log.restarts == reconnects, log.name
        # After every restart marker, the stream carries data again before the next one.
        since_marker: int | None = None
        for item in log.items:
            if isinstance(item, StreamRestarted):
                assert since_marker != 0, f"{log.name}: two restarts with no data between"
                since_marker = 0
            elif since_marker is not None:
                since_marker += 1
        assert since_marker, f"{log.name}: no data after the last restart"
    kinds = {name: {type(i) for i in log.items} for name, log in chaos.streams.items()}
    assert kinds["l2Book"] <= {L2Book, StreamRestarted}
    assert kinds["trades"] <= {Trades, StreamRestarted}
    assert kinds["userFills"] <= {UserFills, StreamRestarted}


async def test_every_fill_is_delivered_exactly_once(
    chaos: ChaosRun, autojump_clock: trio.testing.MockClock
) -> None:
    delivered = delivered_fill_tids(chaos.streams["userFills"])
    repeated = [tid for tid, n in collections.Counter(delivered).items() if n > 1]
    assert repeated == []
    assert sorted(delivered) == sorted(chaos.fill_tids_made)
    assert chaos.figures.fills_while_down > 0  # some only came back through a snapshot


async def test_no_request_hangs(chaos: ChaosRun, autojump_clock: trio.testing.MockClock) -> None:
    assert len(chaos.post_outcomes) == chaos.figures.posts
    outcomes = collections.Counter(outcome for outcome, _ in chaos.post_outcomes)
    allowed = {"ok", "ConnectionLost", "RequestOutcomeUnknown", "RequestTimeout"}
    assert set(outcomes) <= allowed, outcomes
    # Held at a drop: sent, never answered, so its outcome is unknown.
    assert outcomes["RequestOutcomeUnknown"] >= chaos.figures.posts_in_flight_at_drop > 0
    assert outcomes["ok"] > 0
    assert max(taken for _, taken in chaos.post_outcomes) <= SETTINGS.request_timeout + 1e-6
    assert chaos.pending_requests == 0


async def test_every_malformed_frame_is_reported_and_isolated(
    chaos: ChaosRun, autojump_clock: trio.testing.MockClock
) -> None:
    assert chaos.decode_errors == chaos.figures.malformed
    assert chaos.server_notices == chaos.figures.error_frames
    # Isolated: none of them cost a connection (every reconnect has a scripted cause).
    assert chaos.figures.connections == 1 + chaos.figures.reconnects


async def test_memory_stays_within_the_policies(
    chaos: ChaosRun, autojump_clock: trio.testing.MockClock
) -> None:
    for log in chaos.streams.values():
        stats = log.statistics
        assert stats is not None
        assert stats.peak_buffered <= stats.max_buffer_size, log.name
    books = chaos.streams["l2Book"].statistics
    assert books is not None
    assert books.max_buffer_size == 1  # keep-latest: one book at most


async def test_no_client_task_outlives_the_client(
    chaos: ChaosRun, autojump_clock: trio.testing.MockClock
) -> None:
    assert chaos.leftover_tasks == []
