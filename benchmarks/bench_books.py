"""Micro-benchmarks of trio_hl.books: L2 analytics and the L4 engine at realistic sizes.

Run with ``uv run python benchmarks/bench_books.py``. Not a test: it prints a table of
microseconds per operation (best of several repeats, so a scheduler hiccup does not count).

Scenario:

* L2: a 20-level ``l2Book`` per side (what Hyperliquid sends), a fill walking ~10 levels.
* L4: a book of ~2,000 resting orders (about 5 per price on 200 prices a side) and a stream
  of ``Updates`` of 10 diffs each (3 ``new`` with their order statuses, 4 partial fills,
  3 removes), which keeps the book's size stable. Messages are built up front; only
  ``apply`` is timed. Decoding one such ``Updates`` from JSON is timed separately.
"""

from __future__ import annotations

import json
import random
import time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from trio_hl.books import L2BookStore, L2View, L4Book
from trio_hl.models.l4 import (
    L4BookDiff,
    L4New,
    L4Order,
    L4OrderStatus,
    L4Remove,
    L4Snapshot,
    L4Update,
    L4Updates,
    decode_l4_book,
)
from trio_hl.models.market import L2Book, L2Level

if TYPE_CHECKING:
    from collections.abc import Callable

REPEATS = 5
L4_ORDERS = 2_000
L4_PRICES_PER_SIDE = 200
DIFFS_PER_UPDATE = 10
N_UPDATES = 2_000
USERS = [f"0x{i:040x}" for i in range(50)]


def best_of(fn: Callable[[], object], number: int) -> float:
    """Microseconds per call of ``fn``: the best of REPEATS runs of ``number`` calls."""
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, time.perf_counter() - start)
    return best / number * 1e6


# --- L2 ------------------------------------------------------------------------------------


def l2_book(coin: str = "BTC", t: int = 1) -> L2Book:
    rng = random.Random(1)
    bids = tuple(
        L2Level(px=Decimal(f"{79242 - i}.0"), sz=Decimal(f"{rng.uniform(0.01, 3):.5f}"), n=3)
        for i in range(20)
    )
    asks = tuple(
        L2Level(px=Decimal(f"{79243 + i}.0"), sz=Decimal(f"{rng.uniform(0.01, 3):.5f}"), n=3)
        for i in range(20)
    )
    return L2Book(coin=coin, time=t, levels=(bids, asks))


def bench_l2() -> list[tuple[str, float]]:
    book = l2_book()
    view = L2View.of(book)
    depth10 = sum((lvl.sz for lvl in book.asks[:10]), Decimal(0))
    store = L2BookStore()
    books = [l2_book(coin, t) for t, coin in enumerate(["BTC", "ETH", "SOL", "HYPE"] * 25)]

    def feed_store() -> None:
        for b in books:
            store.update(b)

    return [
        ("L2View.of(book)", best_of(lambda: L2View.of(book), 20_000)),
        ("L2View.best_bid + best_ask", best_of(lambda: (view.best_bid, view.best_ask), 20_000)),
        ("L2View.spread", best_of(lambda: view.spread, 20_000)),
        ("L2View.mid", best_of(lambda: view.mid, 20_000)),
        ("L2View.depth_weighted_mid(5)", best_of(lambda: view.depth_weighted_mid(5), 10_000)),
        ("L2View.depth_weighted_mid(20)", best_of(lambda: view.depth_weighted_mid(20), 5_000)),
        (
            "L2View.estimate_fill (10 levels)",
            best_of(lambda: view.estimate_fill("buy", depth10), 5_000),
        ),
        ("L2View.estimate_fill (1 level)", best_of(lambda: view.estimate_fill("sell", 1), 5_000)),
        ("L2BookStore.update", best_of(feed_store, 200) / len(books)),
    ]


# --- L4 ------------------------------------------------------------------------------------


def order(oid: int, side: str, px: Decimal, sz: Decimal, user: str | None) -> L4Order:
    return L4Order(
        user=user,
        coin="BTC",
        side="B" if side == "B" else "A",
        limit_px=px,
        sz=sz,
        oid=oid,
        timestamp=1778865761305,
        trigger_condition="N/A",
        is_trigger=False,
        trigger_px=Decimal("0.0"),
        is_position_tpsl=False,
        reduce_only=False,
        order_type="Limit",
        tif="Alo",
        cloid=None,
    )


def px_of(side: str, level: int) -> Decimal:
    return Decimal(f"{79242 - level}.0") if side == "B" else Decimal(f"{79243 + level}.0")


def l4_scenario() -> tuple[L4Snapshot, list[L4Updates]]:
    rng = random.Random(7)
    live: dict[int, tuple[str, Decimal, Decimal, str]] = {}  # oid -> side, px, sz, user
    next_oid = 1
    per_side: dict[str, list[L4Order]] = {"B": [], "A": []}
    for _ in range(L4_ORDERS):
        side = rng.choice("BA")
        px = px_of(side, rng.randrange(L4_PRICES_PER_SIDE))
        sz = Decimal(f"{rng.uniform(0.001, 2):.5f}")
        user = rng.choice(USERS)
        live[next_oid] = (side, px, sz, user)
        per_side[side].append(order(next_oid, side, px, sz, user))
        next_oid += 1
    snapshot = L4Snapshot(
        coin="BTC",
        time=1,
        block_height=1,
        levels=(tuple(per_side["B"]), tuple(per_side["A"])),
    )
    blocks: list[L4Updates] = []
    for height in range(2, N_UPDATES + 2):
        diffs: list[L4BookDiff] = []
        statuses: list[L4OrderStatus] = []
        for _ in range(3):
            side = rng.choice("BA")
            # New orders cluster near the touch, as they do in practice.
            px = px_of(side, min(int(rng.expovariate(0.1)), L4_PRICES_PER_SIDE - 1))
            sz = Decimal(f"{rng.uniform(0.001, 2):.5f}")
            user = rng.choice(USERS)
            live[next_oid] = (side, px, sz, user)
            statuses.append(
                L4OrderStatus(
                    time="2026-05-15T17:22:42.168005701",
                    user=user,
                    status="open",
                    order=order(next_oid, side, px, sz, None),
                )
            )
            diffs.append(L4BookDiff(user=user, oid=next_oid, px=px, coin="BTC", diff=L4New(sz=sz)))
            next_oid += 1
        for _ in range(4):
            oid = rng.choice(list(live))
            side, px, sz, user = live[oid]
            new_sz = (sz / 2).quantize(Decimal("0.00001"))
            if new_sz <= 0:
                continue
            live[oid] = (side, px, new_sz, user)
            diffs.append(
                L4BookDiff(
                    user=user, oid=oid, px=px, coin="BTC", diff=L4Update(orig_sz=sz, new_sz=new_sz)
                )
            )
        for _ in range(3):
            oid = rng.choice(list(live))
            side, px, _, user = live.pop(oid)
            diffs.append(L4BookDiff(user=user, oid=oid, px=px, coin="BTC", diff=L4Remove()))
        blocks.append(
            L4Updates(
                time=height,
                block_height=height,
                order_statuses=tuple(statuses),
                book_diffs=tuple(diffs),
            )
        )
    return snapshot, blocks


def updates_json(updates: L4Updates) -> dict[str, Any]:
    """The wire form of an Updates, for timing the decoder on realistic input."""

    def order_wire(o: L4Order) -> dict[str, Any]:
        return {
            "user": o.user,
            "coin": o.coin,
            "side": o.side,
            "limitPx": str(o.limit_px),
            "sz": str(o.sz),
            "oid": o.oid,
            "timestamp": o.timestamp,
            "triggerCondition": o.trigger_condition,
            "isTrigger": o.is_trigger,
            "triggerPx": str(o.trigger_px),
            "isPositionTpsl": o.is_position_tpsl,
            "reduceOnly": o.reduce_only,
            "orderType": o.order_type,
            "tif": o.tif,
            "cloid": o.cloid,
        }

    def diff_wire(d: L4BookDiff) -> Any:
        if isinstance(d.diff, L4New):
            return {"new": {"sz": str(d.diff.sz)}}
        if isinstance(d.diff, L4Update):
            return {"update": {"origSz": str(d.diff.orig_sz), "newSz": str(d.diff.new_sz)}}
        return "remove"

    return {
        "Updates": {
            "time": updates.time,
            "block_height": updates.block_height,
            "order_statuses": [
                {"time": s.time, "user": s.user, "status": s.status, "order": order_wire(s.order)}
                for s in updates.order_statuses
            ],
            "book_diffs": [
                {
                    "user": d.user,
                    "oid": d.oid,
                    "px": str(d.px),
                    "coin": d.coin,
                    "raw_book_diff": diff_wire(d),
                }
                for d in updates.book_diffs
            ],
        }
    }


def bench_l4() -> list[tuple[str, float]]:
    snapshot, blocks = l4_scenario()
    n_diffs = sum(len(b.book_diffs) for b in blocks)

    engine = L4Book()
    seed_us = best_of(lambda: engine.seed(snapshot), 20)

    best_apply = float("inf")
    for _ in range(REPEATS):
        engine = L4Book()
        engine.seed(snapshot)
        start = time.perf_counter()
        for updates in blocks:
            engine.apply(updates)
        best_apply = min(best_apply, time.perf_counter() - start)
        assert engine.statistics().anomalies == 0, engine.statistics()
    apply_us = best_apply / len(blocks) * 1e6

    # Every order of the 20 best levels of each side: positions 0 .. level depth.
    some_oids = [
        o.oid
        for side, levels in zip(("B", "A"), engine.to_l2(20), strict=True)
        for level in levels
        for o in engine.orders_at(side, level.px)  # type: ignore[arg-type]
    ]

    def queue_positions() -> None:
        for oid in some_oids:
            engine.queue_position(oid)

    raw = json.dumps(updates_json(blocks[0]))
    parsed = json.loads(raw)
    snap_levels = engine.to_l2()
    rows = [
        (f"L4Book.seed ({len(snapshot.bids) + len(snapshot.asks)} orders)", seed_us),
        (f"L4Book.apply (Updates of ~{n_diffs / len(blocks):.0f} diffs)", apply_us),
        ("  per diff", best_apply / n_diffs * 1e6),
        (
            "L4Book.best_bid + best_ask",
            best_of(lambda: (engine.best_bid(), engine.best_ask()), 20_000),
        ),
        ("L4Book.to_l2(20)", best_of(lambda: engine.to_l2(20), 5_000)),
        (
            f"L4Book.to_l2() ({len(snap_levels[0]) + len(snap_levels[1])} levels)",
            best_of(lambda: engine.to_l2(), 200),
        ),
        (
            "L4Book.l2_view(20).estimate_fill",
            best_of(lambda: engine.l2_view(20).estimate_fill("buy", 5), 2_000),
        ),
        ("L4Book.queue_position (avg)", best_of(queue_positions, 50) / len(some_oids)),
        (
            "L4Book.resting_size_by_user",
            best_of(lambda: engine.resting_size_by_user(USERS[3]), 50_000),
        ),
        (
            "L4Book.orders_at (best bid level)",
            best_of(lambda: engine.orders_at("B", snap_levels[0][0].px), 5_000),
        ),
        ("decode_l4_book (Updates, 10 diffs)", best_of(lambda: decode_l4_book(parsed), 2_000)),
        ("json.loads + decode_l4_book", best_of(lambda: decode_l4_book(json.loads(raw)), 2_000)),
    ]
    print(
        f"(final L4 book: {len(engine)} orders, {len(snap_levels[0])}+{len(snap_levels[1])} levels)"
    )
    return rows


def main() -> None:
    rows = bench_l2() + bench_l4()
    width = max(len(name) for name, _ in rows)
    print(f"{'operation':<{width}}  {'us/op':>9}")
    print(f"{'-' * width}  {'-' * 9}")
    for name, us in rows:
        print(f"{name:<{width}}  {us:>9.2f}")


if __name__ == "__main__":
    main()
