"""Print the figures of the chaos suite: the same scenario and seeds as the tests.

    uv run python benchmarks/chaos_report.py [SEED ...]

Each seed runs ``tests/chaos/scenario.py`` against the in-memory fake server on simulated
time (``MockClock``), checks that nothing was lost, and prints what it survived.
"""

from __future__ import annotations

import collections
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trio  # noqa: E402
import trio.testing  # noqa: E402

from tests.chaos.scenario import ChaosRun, delivered_fill_tids, run_chaos  # noqa: E402
from tests.chaos.test_chaos import SEEDS  # noqa: E402
from trio_hl.testing import open_fake_hyperliquid  # noqa: E402


async def one(seed: int) -> ChaosRun:
    async with open_fake_hyperliquid() as fake:
        return await run_chaos(fake, seed)


def check(run: ChaosRun) -> list[str]:
    """What went wrong, if anything (the tests assert the same, one property each)."""
    problems = []
    delivered = delivered_fill_tids(run.streams["userFills"])
    if sorted(delivered) != sorted(run.fill_tids_made):
        problems.append("fills lost or repeated")
    if run.decode_errors != run.figures.malformed:
        problems.append("malformed frames not all reported")
    if any(log.restarts != run.figures.reconnects for log in run.streams.values()):
        problems.append("a stream missed a restart")
    if run.leftover_tasks or run.pending_requests:
        problems.append("tasks or requests left behind")
    return problems


def main() -> None:
    logging.getLogger("trio_hl").setLevel(logging.ERROR)  # the chaos is on purpose
    seeds = [int(arg) for arg in sys.argv[1:]] or list(SEEDS)
    totals: collections.Counter[str] = collections.Counter()
    for seed in seeds:
        started = time.perf_counter()
        run = trio.run(one, seed, clock=trio.testing.MockClock(autojump_threshold=0))
        elapsed = time.perf_counter() - started
        problems = check(run)
        outcomes = collections.Counter(outcome for outcome, _ in run.post_outcomes)
        print(run.figures.summary())
        print(
            f"    info outcomes {dict(outcomes)}; "
            f"{'nothing lost' if not problems else 'PROBLEMS: ' + ', '.join(problems)} "
            f"({elapsed:.2f} s real time)"
        )
        figures = run.figures
        totals.update(
            frames=figures.frames,
            fills=figures.fills,
            reconnects=figures.reconnects,
            drops=figures.drops,
            stalls=figures.stalls,
            oversize=figures.oversize,
            refused=figures.rejected_handshakes,
            malformed=figures.malformed,
            errors=figures.error_frames,
        )
    print(
        f"total over {len(seeds)} seeds: {totals['frames']:,} frames, {totals['fills']} fills, "
        f"{totals['reconnects']} reconnects ({totals['drops']} drops, {totals['stalls']} pong "
        f"stalls, {totals['oversize']} oversize), {totals['refused']} refused handshakes, "
        f"{totals['malformed']} malformed and {totals['errors']} error frames"
    )


if __name__ == "__main__":
    main()
