"""Micro-benchmarks of the simulated exchange's market model (trio_hl.testing's Market).

Run with ``uv run python benchmarks/bench_market.py``. Not a test: it prints microseconds
per operation (best of several repeats, so a scheduler hiccup does not count).

* ``step``: one block of the default universe (9 coins; makers re-quote 10 levels a side,
  sometimes a synthetic trade, triggers and scheduled cancels checked), events drained.
* ``place resting``: a user's GTC bid below the book, then its cancel (two actions).
* ``place crossing``: a user's IOC that takes one level of the synthetic book.
* ``view``: the l2Book, clearinghouseState and frontendOpenOrders views of one user with
  100 resting orders.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from trio_hl.testing._market import START_MS, Market
from trio_hl.testing._views import clearinghouse, frontend_open_orders, l2_book

if TYPE_CHECKING:
    from collections.abc import Callable

REPEATS = 5
USER = "0x" + "ab" * 20


def best_of(fn: Callable[[], object], number: int) -> float:
    """Microseconds per call of ``fn``: the best of REPEATS runs of ``number`` calls."""
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best * 1e6


def order(px: str, sz: str, *, buy: bool, tif: str) -> dict[str, Any]:
    action = {"a": 0, "b": buy, "p": px, "s": sz, "r": False, "t": {"limit": {"tif": tif}}}
    return {"type": "order", "orders": [action], "grouping": "na"}


def main() -> None:
    market = Market(seed=1)
    market.fund(USER, 10**9)
    clock = [START_MS]

    def step() -> None:
        clock[0] += 500
        market.step(clock[0])
        market.drain()

    def rest_and_cancel() -> None:
        body = market.execute(order("90000", "0.001", buy=True, tif="Gtc"), USER, clock[0])
        oid = body["response"]["data"]["statuses"][0]["resting"]["oid"]
        market.execute({"type": "cancel", "cancels": [{"a": 0, "o": oid}]}, USER, clock[0])
        market.drain()

    def cross() -> None:
        market.execute(order("200000", "0.0001", buy=True, tif="Ioc"), USER, clock[0])
        market.drain()

    viewer = Market(seed=2)
    viewer.fund(USER, 10**9)
    for i in range(100):
        viewer.execute(order(str(90000 + i), "0.001", buy=True, tif="Gtc"), USER, START_MS)

    def view() -> None:
        l2_book(viewer, "BTC")
        clearinghouse(viewer, USER)
        frontend_open_orders(viewer, USER)

    rows = [
        ("step (one block, 9 coins)", best_of(step, 200)),
        ("place resting + cancel", best_of(rest_and_cancel, 2000)),
        ("place crossing (IOC)", best_of(cross, 2000)),
        ("views of a user with 100 orders", best_of(view, 500)),
    ]
    for name, micros in rows:
        print(f"{name:34} {micros:10.1f} us")


if __name__ == "__main__":
    main()
