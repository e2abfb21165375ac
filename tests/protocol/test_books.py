"""trio_hl.books: L2 analytics and store, and the L4 order-level engine (with properties)."""

from __future__ import annotations

import json
from decimal import Decimal, localcontext
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trio_hl._convert import CONVERTER
from trio_hl.books import (
    UNKNOWN_ORDER_TYPE,
    FillEstimate,
    L2BookStore,
    L2View,
    L4Book,
    L4BookStatistics,
)
from trio_hl.errors import ConfigurationError, NumberTypeError
from trio_hl.models._common import Side
from trio_hl.models.l4 import (
    L4BookDiff,
    L4Diff,
    L4New,
    L4Order,
    L4OrderStatus,
    L4Remove,
    L4Snapshot,
    L4UnknownDiff,
    L4Update,
    L4Updates,
    decode_l4_book,
)
from trio_hl.models.market import L2Book, L2Level
from trio_hl.models.subscriptions import StreamRestarted

D = Decimal
RESTART = StreamRestarted(sid=1, subscription={"type": "l2Book"}, connection=2)


def lv(px: str, sz: str, n: int = 1) -> L2Level:
    return L2Level(px=D(px), sz=D(sz), n=n)


# --- L2 analytics --------------------------------------------------------------------------

# mid 100, spread 2; sizes chosen so that the hand computations below are exact.
BOOK = L2Book(
    coin="BTC",
    time=1,
    levels=(
        (lv("99", "1"), lv("98", "1", 2), lv("97", "2", 3)),
        (lv("101", "1"), lv("102", "1"), lv("104", "2", 2)),
    ),
)
VIEW = L2View.of(BOOK)


def test_top_of_book() -> None:
    assert VIEW.best_bid == lv("99", "1")
    assert VIEW.best_ask == lv("101", "1")
    assert VIEW.spread == D(2)
    assert VIEW.mid == D(100)
    assert VIEW.spread_bps == D(200)  # 2 / 100 * 10_000


def test_depth_weighted_mid() -> None:
    # k=1: (99 + 101) / 2
    assert VIEW.depth_weighted_mid(1) == D(100)
    # k=2: bids (99 + 98) / 2 = 98.5, asks (101 + 102) / 2 = 101.5
    assert VIEW.depth_weighted_mid(2) == D(100)
    # k=3: bids (99 + 98 + 2*97) / 4 = 97.75, asks (101 + 102 + 2*104) / 4 = 102.75
    assert VIEW.depth_weighted_mid(3) == D("100.25")
    assert VIEW.depth_weighted_mid() == D("100.25")  # k=5 > depth: every level
    assert VIEW.depth_weighted_mid(100) == D("100.25")


def test_estimate_buy_walks_the_asks() -> None:
    est = VIEW.estimate_fill("buy", D(4))
    with localcontext() as ctx:
        ctx.prec = 34  # the books module's documented precision for divisions
        impact = D("1.75") / D(101) * 10_000  # (102.75 - 101) / 101 * 10_000
    # 1@101 + 1@102 + 2@104 = 411, average 102.75
    assert est == FillEstimate(
        side="buy",
        requested_size=D(4),
        filled_size=D(4),
        complete=True,
        notional=D(411),
        average_px=D("102.75"),
        worst_px=D(104),
        levels_used=3,
        mid=D(100),
        slippage_bps=D(275),  # (102.75 - 100) / 100 * 10_000
        impact_bps=impact,
    )
    assert est.unfilled_size == 0


def test_estimate_sell_walks_the_bids_and_partially_takes_a_level() -> None:
    est = VIEW.estimate_fill("sell", "1.5")
    # 1@99 + 0.5@98 = 148, average 98.666..
    assert est.filled_size == D("1.5")
    assert est.complete
    assert est.notional == D(148)
    assert est.worst_px == D(98)
    assert est.levels_used == 2
    with localcontext() as ctx:
        ctx.prec = 34
        average = D(148) / D("1.5")
        assert est.average_px == average
        # A sell receives less than mid: a positive cost.
        assert est.slippage_bps == (D(100) - average) / D(100) * 10_000
    assert est.slippage_bps is not None
    assert est.slippage_bps > 0


def test_exact_level_fill() -> None:
    est = VIEW.estimate_fill("sell", 2)
    assert est.average_px == D("98.5")
    assert est.slippage_bps == D(150)
    assert est.levels_used == 2


def test_thin_book_is_a_clear_answer_not_an_error() -> None:
    est = VIEW.estimate_fill("buy", D(10))
    assert not est.complete
    assert est.filled_size == D(4)
    assert est.unfilled_size == D(6)
    assert est.notional == D(411)
    assert est.average_px == D("102.75")  # over what could fill
    assert est.worst_px == D(104)
    assert est.levels_used == 3


def test_empty_side() -> None:
    view = L2View(bids=(lv("99", "1"),), asks=())
    assert view.best_ask is None
    assert view.spread is None
    assert view.mid is None
    assert view.spread_bps is None
    assert view.depth_weighted_mid() is None
    est = view.estimate_fill("buy", D(1))
    assert est.filled_size == 0
    assert not est.complete
    assert est.average_px is None
    assert est.worst_px is None
    assert est.slippage_bps is None
    assert est.impact_bps is None
    assert est.levels_used == 0
    sell = view.estimate_fill("sell", D(1))
    assert sell.complete
    assert sell.mid is None
    assert sell.slippage_bps is None  # no mid
    assert sell.impact_bps == 0


def test_caller_decimal_context_does_not_matter() -> None:
    with localcontext() as ctx:
        ctx.prec = 3
        est = VIEW.estimate_fill("buy", D("3.999"))
        assert VIEW.mid == D(100)
    # 1@101 + 1@102 + 1.999@104 = 410.896 exactly, which 3 digits could not hold.
    assert est.notional == D("410.896")


@pytest.mark.parametrize("size", [0, D(0), D(-1), "-0.5", "abc"])
def test_bad_size(size: Any) -> None:
    with pytest.raises(ConfigurationError):
        VIEW.estimate_fill("buy", size)


def test_float_size_refused() -> None:
    with pytest.raises(NumberTypeError):
        VIEW.estimate_fill("buy", 1.5)  # type: ignore[arg-type]


def test_bad_side_and_k() -> None:
    with pytest.raises(ConfigurationError):
        VIEW.estimate_fill("B", D(1))  # type: ignore[arg-type]
    for k in (0, -1, True):
        with pytest.raises(ConfigurationError):
            VIEW.depth_weighted_mid(k)


def test_view_of_the_documented_l2_frame() -> None:
    frame = json.loads(
        '{"channel":"l2Book","data":{"coin":"BTC","time":1751206166616,"levels":[[{"px":"108246.0",'
        '"sz":"0.47662","n":2},{"px":"108241.0","sz":"0.00123","n":1}],[{"px":"108270.0",'
        '"sz":"0.00246","n":2},{"px":"108289.0","sz":"0.27498","n":2}]]}}'
    )
    view = L2View.of(CONVERTER.structure(frame["data"], L2Book))
    assert view.spread == D(24)
    assert view.mid == D("108258")
    est = view.estimate_fill("buy", "0.00246")
    assert est.average_px == D("108270.0")
    assert est.complete


# --- L2BookStore ---------------------------------------------------------------------------


def book(coin: str, time: int, bid: str = "1") -> L2Book:
    return L2Book(coin=coin, time=time, levels=((lv(bid, "1"),), (lv("1000", "1"),)))


def test_store_keeps_the_latest_book_per_coin() -> None:
    store = L2BookStore()
    # A wildcard stream interleaves coins.
    for item in (book("BTC", 1), book("ETH", 1), book("@107", 2), book("BTC", 3, "2")):
        assert store.update(item)
    assert store.coins() == ("@107", "BTC", "ETH")
    assert len(store) == 3
    assert "ETH" in store
    assert "SOL" not in store
    assert store.get("BTC") == book("BTC", 3, "2")
    assert store.get("SOL") is None
    view = store.view("BTC")
    assert view is not None
    assert view.best_bid == lv("2", "1")
    assert store.view("SOL") is None


def test_store_ignores_older_books_and_accepts_equal_times() -> None:
    store = L2BookStore()
    store.update(book("BTC", 5, "5"))
    assert not store.update(book("BTC", 4, "4"))
    assert store.get("BTC") == book("BTC", 5, "5")
    assert store.update(book("BTC", 5, "6"))
    assert store.get("BTC") == book("BTC", 5, "6")


def test_store_clears_on_restart() -> None:
    store = L2BookStore()
    store.update(book("BTC", 5))
    store.update(book("ETH", 5))
    assert store.update(RESTART)
    assert len(store) == 0
    assert store.coins() == ()
    # After a restart, any book is new again, even an older one.
    assert store.update(book("BTC", 1))
    store.clear()
    assert store.get("BTC") is None


def test_store_refuses_other_items() -> None:
    with pytest.raises(ConfigurationError):
        L2BookStore().update("BTC")  # type: ignore[arg-type]


# --- L4 engine: documented frames ----------------------------------------------------------

ALICE = "0xa62b923a112d50d03e1e096bbd53422490dac104"
BOB = "0x31ca8395cf837de08b24da3f660e77761dfb974b"
CAROL = "0xfcf104006bfff47695c1dc21dad3e9de1e72098e"


def order_json(
    *, user: str | None, side: str, px: str, sz: str, oid: int, tif: str = "Gtc"
) -> dict[str, Any]:
    return {
        "user": user,
        "coin": "BTC",
        "side": side,
        "limitPx": px,
        "sz": sz,
        "oid": oid,
        "timestamp": 1778865761305,
        "triggerCondition": "N/A",
        "isTrigger": False,
        "triggerPx": "0.0",
        "isPositionTpsl": False,
        "reduceOnly": False,
        "orderType": "Limit",
        "tif": tif,
        "cloid": None,
    }


def as_snapshot(message: L4Snapshot | L4Updates) -> L4Snapshot:
    assert isinstance(message, L4Snapshot)
    return message


def as_updates(message: L4Snapshot | L4Updates) -> L4Updates:
    assert isinstance(message, L4Updates)
    return message


# GoldRush's snapshot sample (seed 003), which has one bid and one ask.
SNAPSHOT = as_snapshot(
    decode_l4_book(
        {
            "Snapshot": {
                "coin": "BTC",
                "time": 1778865761968,
                "block_height": 997719816,
                "levels": [
                    [order_json(user=ALICE, side="B", px="79242", sz="0.74831", oid=427632406005)],
                    [order_json(user=CAROL, side="A", px="79250", sz="0.2961", oid=427632406032)],
                ],
            }
        }
    )
)

# ws-protocol.md §10.3's Updates line: one new bid, a partial fill, a remove.
UPDATES = as_updates(
    decode_l4_book(
        {
            "Updates": {
                "time": 1778865762168,
                "block_height": 997719817,
                "order_statuses": [
                    {
                        "time": "2026-05-15T17:22:42.168005701",
                        "user": BOB,
                        "status": "open",
                        "order": order_json(
                            user=None,
                            side="B",
                            px="79242.0",
                            sz="0.00867",
                            oid=427632416336,
                            tif="Alo",
                        ),
                    }
                ],
                "book_diffs": [
                    {
                        "user": BOB,
                        "oid": 427632416336,
                        "px": "79242.0",
                        "coin": "BTC",
                        "raw_book_diff": {"new": {"sz": "0.00867"}},
                    },
                    {
                        "user": ALICE,
                        "oid": 427632406005,
                        "px": "79242",
                        "coin": "BTC",
                        "raw_book_diff": {"update": {"origSz": "0.74831", "newSz": "0.5"}},
                    },
                    {
                        "user": CAROL,
                        "oid": 427632406032,
                        "px": "79250",
                        "coin": "BTC",
                        "raw_book_diff": "remove",
                    },
                ],
            }
        }
    )
)


def seeded() -> L4Book:
    engine = L4Book()
    engine.seed(SNAPSHOT)
    return engine


def test_snapshot_then_updates() -> None:
    engine = seeded()
    assert engine.coin == "BTC"
    assert engine.is_ready
    assert len(engine) == 2
    assert engine.to_l2() == ((lv("79242", "0.74831"),), (lv("79250", "0.2961"),))

    assert engine.apply(UPDATES)
    assert engine.block_height == 997719817
    assert engine.time == 1778865762168
    assert len(engine) == 2
    assert 427632406032 not in engine
    # Partial fill keeps Alice first; Bob's new order queues behind her.
    assert engine.to_l2() == ((lv("79242", "0.50867", 2),), ())
    first, second = engine.orders_at("B", "79242.0")
    assert (first.oid, first.sz, first.user) == (427632406005, D("0.5"), ALICE)
    assert (second.oid, second.sz, second.user) == (427632416336, D("0.00867"), BOB)
    assert second.tif == "Alo"  # metadata from the order status
    assert second.side == "B"
    assert engine.order(427632416336) == second
    assert engine.queue_position(427632406005) == 0
    assert engine.queue_position(427632416336) == 1
    assert engine.size_ahead(427632416336) == D("0.5")
    assert engine.size_ahead(427632406005) == 0
    assert engine.queue_position(1) is None
    assert engine.size_ahead(1) is None
    assert engine.resting_size_by_user(ALICE.upper().replace("0X", "0x")) == D("0.5")
    assert engine.resting_size_by_user(CAROL) == 0
    assert engine.best_bid() == lv("79242", "0.50867", 2)
    assert engine.best_ask() is None
    stats = engine.statistics()
    assert stats.updates_applied == 1
    assert stats.diffs_applied == 3
    assert stats.anomalies == 0
    assert not engine.needs_resync


def test_stale_block_is_ignored() -> None:
    engine = seeded()
    # GoldRush's own sample Updates is older than its snapshot.
    goldrush_sample = L4Updates(
        time=1778865761768,
        block_height=997719813,
        order_statuses=UPDATES.order_statuses,
        book_diffs=UPDATES.book_diffs[:1],
    )
    before = engine.to_l2()
    assert not engine.apply(goldrush_sample)
    same_height = L4Updates(
        time=1, block_height=SNAPSHOT.block_height, order_statuses=(), book_diffs=()
    )
    assert not engine.apply(same_height)
    assert engine.to_l2() == before
    assert engine.statistics().updates_stale == 2
    assert engine.apply(UPDATES)
    # The same block again (a replay) is stale too.
    assert not engine.apply(UPDATES)
    assert engine.statistics().updates_stale == 3


def test_updates_before_any_snapshot_are_ignored() -> None:
    engine = L4Book("BTC")
    assert not engine.is_ready
    assert engine.block_height is None
    assert not engine.apply(UPDATES)
    assert len(engine) == 0
    assert engine.statistics().updates_before_snapshot == 1


def test_restart_resets_and_waits_for_the_next_snapshot() -> None:
    engine = seeded()
    assert engine.update(RESTART)
    assert not engine.is_ready
    assert len(engine) == 0
    assert engine.to_l2() == ((), ())
    assert engine.resting_size_by_user(ALICE) == 0
    assert not engine.update(UPDATES)
    assert engine.update(SNAPSHOT)
    assert engine.update(UPDATES)
    stats = engine.statistics()
    assert (stats.resets, stats.snapshots, stats.updates_before_snapshot) == (1, 2, 1)
    assert stats.updates_applied == 1


def test_snapshot_replaces_everything_even_without_reset() -> None:
    engine = seeded()
    engine.apply(UPDATES)
    engine.seed(SNAPSHOT)
    assert engine.to_l2() == ((lv("79242", "0.74831"),), (lv("79250", "0.2961"),))
    assert engine.block_height == SNAPSHOT.block_height


def test_snapshot_of_another_coin_is_refused() -> None:
    engine = L4Book("ETH")
    with pytest.raises(ConfigurationError):
        engine.seed(SNAPSHOT)
    with pytest.raises(ConfigurationError):
        engine.update("nope")  # type: ignore[arg-type]


# --- L4 engine: hand-built flows -----------------------------------------------------------


def mk_order(
    oid: int, side: Side, px: str, sz: str, user: str | None = "0xu", coin: str = "BTC"
) -> L4Order:
    return L4Order(
        user=user,
        coin=coin,
        side=side,
        limit_px=D(px),
        sz=D(sz),
        oid=oid,
        timestamp=oid,
        trigger_condition="N/A",
        is_trigger=False,
        trigger_px=D(0),
        is_position_tpsl=False,
        reduce_only=False,
        order_type="Limit",
        tif="Gtc",
        cloid=None,
    )


def mk_snapshot(orders: list[L4Order], height: int = 100) -> L4Snapshot:
    bids = tuple(o for o in orders if o.side == "B")
    asks = tuple(o for o in orders if o.side == "A")
    return L4Snapshot(coin="BTC", time=height, block_height=height, levels=(bids, asks))


def status_for(order: L4Order) -> L4OrderStatus:
    assert order.user is not None
    return L4OrderStatus(
        time="2026-05-15T17:22:42.168005701",
        user=order.user,
        status="open",
        order=attrs.evolve(order, user=None),  # the parent carries the user
    )


def diff(oid: int, px: str, change: L4Diff, user: str = "0xu", coin: str = "BTC") -> L4BookDiff:
    return L4BookDiff(user=user, oid=oid, px=D(px), coin=coin, diff=change)


def block(
    height: int, diffs: list[L4BookDiff], statuses: tuple[L4OrderStatus, ...] = ()
) -> L4Updates:
    return L4Updates(
        time=height, block_height=height, order_statuses=statuses, book_diffs=tuple(diffs)
    )


def new(order: L4Order) -> tuple[L4BookDiff, L4OrderStatus]:
    assert order.user is not None
    return diff(order.oid, str(order.limit_px), L4New(sz=order.sz), order.user), status_for(order)


BASE = [
    mk_order(1, "B", "99", "1"),
    mk_order(2, "B", "99", "2"),
    mk_order(3, "B", "98", "3"),
    mk_order(4, "A", "101", "1"),
    mk_order(5, "A", "102", "2"),
]


def base_book() -> L4Book:
    engine = L4Book()
    engine.seed(mk_snapshot(BASE))
    return engine


def oids_at(engine: L4Book, side: Side, px: str) -> list[int]:
    return [o.oid for o in engine.orders_at(side, px)]


def test_queue_priority_decrease_keeps_place_increase_goes_to_back() -> None:
    engine = base_book()
    assert oids_at(engine, "B", "99") == [1, 2]
    engine.apply(block(101, [diff(1, "99", L4Update(orig_sz=D(1), new_sz=D("0.5")))]))
    assert oids_at(engine, "B", "99") == [1, 2]
    assert engine.size_ahead(2) == D("0.5")
    engine.apply(block(102, [diff(1, "99", L4Update(orig_sz=D("0.5"), new_sz=D(3)))]))
    assert oids_at(engine, "B", "99") == [2, 1]
    assert engine.queue_position(1) == 1
    assert engine.size_ahead(1) == D(2)
    assert engine.best_bid() == lv("99", "5", 2)


def test_update_to_zero_removes_and_price_change_moves() -> None:
    engine = base_book()
    engine.apply(
        block(
            101,
            [
                diff(2, "99", L4Update(orig_sz=D(2), new_sz=D(0))),
                diff(5, "101", L4Update(orig_sz=D(2), new_sz=D(2))),  # moved to 101
            ],
        )
    )
    assert 2 not in engine
    assert oids_at(engine, "A", "101") == [4, 5]
    assert engine.best_ask() == lv("101", "3", 2)
    assert engine.to_l2()[1] == (lv("101", "3", 2),)
    assert engine.statistics().anomalies == 0


def test_new_orders_queue_in_arrival_order_and_take_status_metadata() -> None:
    engine = base_book()
    o6 = mk_order(6, "B", "99", "1", user="0xDAVE")
    o7 = mk_order(7, "B", "99", "4", user="0xEVE")
    d6, s6 = new(o6)
    d7, s7 = new(o7)
    # Statuses in a different order than the diffs: the diffs decide the queue.
    engine.apply(block(101, [d7, d6], (s6, s7)))
    assert oids_at(engine, "B", "99") == [1, 2, 7, 6]
    assert engine.order(6) == o6
    assert engine.resting_size_by_user("0xdave") == D(1)
    assert engine.best_bid() == lv("99", "8", 4)


def test_size_mismatch_is_counted_and_absolute_size_wins() -> None:
    engine = base_book()
    engine.apply(block(101, [diff(3, "98", L4Update(orig_sz=D(9), new_sz=D(1)))]))
    assert engine.to_l2()[0][1] == lv("98", "1")
    assert engine.statistics().size_mismatches == 1


def test_unknown_oid_update_is_ignored_and_flags_resync() -> None:
    engine = base_book()
    before = engine.to_l2()
    assert engine.apply(block(101, [diff(42, "99", L4Update(orig_sz=D(1), new_sz=D(2)))]))
    assert engine.to_l2() == before
    assert engine.statistics().unknown_oid_updates == 1
    assert engine.needs_resync
    engine.seed(mk_snapshot(BASE, height=200))
    assert not engine.needs_resync


def test_unknown_oid_remove_is_ignored_without_resync() -> None:
    engine = base_book()
    before = engine.to_l2()
    engine.apply(block(101, [diff(42, "99", L4Remove())]))
    assert engine.to_l2() == before
    assert engine.statistics().unknown_oid_removes == 1
    assert not engine.needs_resync


@pytest.mark.parametrize(
    ("px", "side"),
    [
        ("99", "B"),  # an existing bid level
        ("102", "A"),  # an existing ask level
        ("97", "B"),  # below the best bid: an ask there would have crossed
        ("95", "B"),
        ("105", "A"),  # above the best ask
    ],
)
def test_new_without_status_infers_the_side(px: str, side: Side) -> None:
    engine = base_book()
    engine.apply(block(101, [diff(9, px, L4New(sz=D("0.5")), user="0xZED")]))
    (placed,) = [o for o in engine.orders_at(side, px) if o.oid == 9]
    assert placed.side == side
    assert placed.user == "0xZED"
    assert placed.order_type == UNKNOWN_ORDER_TYPE
    assert placed.timestamp == 101
    assert placed.tif is None
    assert engine.resting_size_by_user("0xzed") == D("0.5")
    stats = engine.statistics()
    assert stats.new_without_status == 1
    assert stats.new_side_unknown == 0
    assert not engine.needs_resync


def test_new_without_status_inside_the_spread_is_skipped() -> None:
    engine = base_book()
    before = engine.to_l2()
    engine.apply(block(101, [diff(9, "100", L4New(sz=D(1)))]))
    assert engine.to_l2() == before
    assert 9 not in engine
    stats = engine.statistics()
    assert (stats.new_without_status, stats.new_side_unknown) == (1, 1)
    assert engine.needs_resync


def test_new_without_status_on_an_empty_book_is_skipped() -> None:
    engine = L4Book()
    engine.seed(mk_snapshot([]))
    engine.apply(block(101, [diff(9, "100", L4New(sz=D(1)))]))
    assert len(engine) == 0
    assert engine.statistics().new_side_unknown == 1


def test_duplicate_new_replaces_the_order() -> None:
    engine = base_book()
    replacement = mk_order(1, "B", "98", "7")
    d, s = new(replacement)
    engine.apply(block(101, [d], (s,)))
    assert oids_at(engine, "B", "99") == [2]
    assert oids_at(engine, "B", "98") == [3, 1]
    assert engine.statistics().duplicate_new == 1
    assert len(engine) == 5


def test_unknown_diff_and_foreign_coin_are_skipped() -> None:
    engine = base_book()
    before = engine.to_l2()
    applied = engine.apply(
        block(
            101,
            [
                diff(1, "99", L4UnknownDiff(raw={"modified": {"sz": "1"}})),
                diff(1, "99", L4Remove(), coin="ETH"),
                diff(4, "101", L4Remove()),
            ],
        )
    )
    assert applied
    assert engine.to_l2() == (before[0], (lv("102", "2"),))
    stats = engine.statistics()
    assert (stats.unknown_diffs, stats.foreign_coin, stats.diffs_applied) == (1, 1, 1)
    assert engine.needs_resync


def test_non_positive_new_size_is_skipped() -> None:
    engine = base_book()
    engine.apply(block(101, [new(mk_order(9, "B", "99", "0"))[0]]))
    assert 9 not in engine
    assert engine.statistics().invalid_sizes == 1


def test_empty_level_disappears_and_best_moves() -> None:
    engine = base_book()
    engine.apply(block(101, [diff(1, "99", L4Remove()), diff(2, "99", L4Remove())]))
    assert engine.best_bid() == lv("98", "3")
    assert engine.orders_at("B", "99") == ()


def test_to_l2_levels_and_view() -> None:
    engine = base_book()
    bids, asks = engine.to_l2()
    assert bids == (lv("99", "3", 2), lv("98", "3"))
    assert asks == (lv("101", "1"), lv("102", "2"))
    assert engine.to_l2(1) == ((lv("99", "3", 2),), (lv("101", "1"),))
    assert engine.to_l2(0) == ((), ())
    view = engine.l2_view()
    assert view.mid == D(100)
    assert view.estimate_fill("buy", 3).notional == D(101 + 204)
    for bad in (-1, True, "3"):
        with pytest.raises(ConfigurationError):
            engine.to_l2(bad)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError):
        engine.orders_at("bid", "99")  # type: ignore[arg-type]


def test_statistics_is_a_frozen_copy() -> None:
    engine = base_book()
    stats = engine.statistics()
    assert stats == L4BookStatistics(snapshots=1)
    engine.reset()
    assert stats.resets == 0
    assert engine.statistics().resets == 1


# --- properties ----------------------------------------------------------------------------

# Bids rest below 100, asks above, so every generated flow keeps the book uncrossed. Each
# price has several spellings: the engine must treat "99" and "99.00" as one level.
BID_PXS = ("99", "98.5", "98")
ASK_PXS = ("101", "101.5", "102")
USERS = ("0xa1", "0xb2", "0xc3")
SIDES: tuple[Side, Side] = ("B", "A")


class RefBook:
    """The naive reference: plain lists in queue order, rebuilt by brute force."""

    def __init__(self) -> None:
        self.queues: dict[tuple[Side, Decimal], list[list[Any]]] = {}
        self.where: dict[int, tuple[Side, Decimal]] = {}
        self.users: dict[int, str] = {}
        self.next_oid = 1

    def add(self, side: Side, px: Decimal, sz: Decimal, user: str) -> int:
        oid = self.next_oid
        self.next_oid += 1
        self.queues.setdefault((side, px), []).append([oid, sz])
        self.where[oid] = (side, px)
        self.users[oid] = user
        return oid

    def size(self, oid: int) -> Decimal:
        for entry in self.queues[self.where[oid]]:
            if entry[0] == oid:
                return D(entry[1])
        raise AssertionError(oid)

    def set_size(self, oid: int, sz: Decimal) -> None:
        queue = self.queues[self.where[oid]]
        index = next(i for i, entry in enumerate(queue) if entry[0] == oid)
        if sz > queue[index][1]:
            del queue[index]
            queue.append([oid, sz])  # an increase loses time priority
        else:
            queue[index][1] = sz

    def remove(self, oid: int) -> None:
        key = self.where.pop(oid)
        self.queues[key] = [e for e in self.queues[key] if e[0] != oid]
        if not self.queues[key]:
            del self.queues[key]

    def order(self, oid: int, *, user: str | None) -> L4Order:
        side, px = self.where[oid]
        return mk_order(oid, side, str(px), str(self.size(oid)), user=user)

    def snapshot(self, height: int, price_order: list[Decimal]) -> L4Snapshot:
        # Levels grouped per price in an arbitrary order; queue order kept within a price.
        sides: dict[Side, list[L4Order]] = {"B": [], "A": []}
        for px in price_order:
            for side in SIDES:
                for oid, _ in self.queues.get((side, px), []):
                    sides[side].append(self.order(oid, user=self.users[oid]))
        return L4Snapshot(
            coin="BTC",
            time=height,
            block_height=height,
            levels=(tuple(sides["B"]), tuple(sides["A"])),
        )

    def state(self) -> dict[Side, list[tuple[Decimal, list[tuple[int, Decimal, str]]]]]:
        out: dict[Side, list[tuple[Decimal, list[tuple[int, Decimal, str]]]]] = {}
        for side in SIDES:
            pxs = sorted((px for s, px in self.queues if s == side), reverse=side == "B")
            out[side] = [
                (px, [(oid, D(sz), self.users[oid]) for oid, sz in self.queues[(side, px)]])
                for px in pxs
            ]
        return out

    def naive_l2(self) -> tuple[tuple[L2Level, ...], tuple[L2Level, ...]]:
        sums: dict[tuple[str, Decimal], list[Any]] = {}
        for oid, (side, px) in self.where.items():
            acc = sums.setdefault((side, px), [D(0), 0])
            acc[0] += self.size(oid)
            acc[1] += 1
        bids = sorted(((px, v) for (s, px), v in sums.items() if s == "B"), reverse=True)
        asks = sorted((px, v) for (s, px), v in sums.items() if s == "A")
        return (
            tuple(L2Level(px=px, sz=v[0], n=v[1]) for px, v in bids),
            tuple(L2Level(px=px, sz=v[0], n=v[1]) for px, v in asks),
        )


def engine_state(
    engine: L4Book,
) -> dict[Side, list[tuple[Decimal, list[tuple[int, Decimal, str]]]]]:
    out: dict[Side, list[tuple[Decimal, list[tuple[int, Decimal, str]]]]] = {}
    bids, asks = engine.to_l2()
    sides: tuple[tuple[Side, tuple[L2Level, ...]], ...] = (("B", bids), ("A", asks))
    for side, levels in sides:
        rows: list[tuple[Decimal, list[tuple[int, Decimal, str]]]] = []
        for level in levels:
            orders = engine.orders_at(side, level.px)
            assert all(o.user is not None for o in orders)
            rows.append((level.px, [(o.oid, o.sz, str(o.user)) for o in orders]))
        out[side] = rows
    return out


def spell(px: str, variant: int) -> str:
    # "99" -> "99", "99.0", "99.00": equal decimals, different wire text.
    return px if variant == 0 else (px if "." in px else px + ".") + "0" * variant


@st.composite
def flows(draw: st.DrawFn) -> tuple[RefBook, list[L4Snapshot], list[L4Updates]]:
    """A random order flow: per block, adds / partial fills / growths / removals.

    Returns the reference book after the flow, the reference snapshot taken before each
    block (and after the last), and the blocks as ``L4Updates``.
    """
    ref = RefBook()
    all_pxs = [D(p) for p in BID_PXS + ASK_PXS]
    # A pre-populated book, so that levels are often several orders deep and queue
    # priority (who is behind whom) is actually exercised.
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        side: Side = draw(st.sampled_from(SIDES))
        px = D(draw(st.sampled_from(BID_PXS if side == "B" else ASK_PXS)))
        ref.add(side, px, D(draw(st.integers(1, 50))).scaleb(-2), draw(st.sampled_from(USERS)))
    snapshots: list[L4Snapshot] = []
    blocks: list[L4Updates] = []
    n_blocks = draw(st.integers(min_value=1, max_value=8))
    for height in range(1, n_blocks + 1):
        snapshots.append(ref.snapshot(height - 1, draw(st.permutations(all_pxs))))
        diffs: list[L4BookDiff] = []
        statuses: list[L4OrderStatus] = []
        for _ in range(draw(st.integers(min_value=0, max_value=6))):
            live = sorted(ref.where)
            kind = draw(st.sampled_from(["add", "add", "fill", "grow", "remove", "zero"]))
            if kind == "add" or not live:
                side = draw(st.sampled_from(SIDES))
                px_text = draw(st.sampled_from(BID_PXS if side == "B" else ASK_PXS))
                sz = D(draw(st.integers(min_value=1, max_value=50))).scaleb(-2)
                user = draw(st.sampled_from(USERS))
                oid = ref.add(side, D(px_text), sz, user)
                wire_px = spell(px_text, draw(st.integers(min_value=0, max_value=2)))
                statuses.append(status_for(ref.order(oid, user=user)))
                diffs.append(diff(oid, wire_px, L4New(sz=sz), user))
                continue
            oid = draw(st.sampled_from(live))
            px_text = str(ref.where[oid][1])
            user = ref.users[oid]
            before = ref.size(oid)
            if kind == "remove":
                ref.remove(oid)
                diffs.append(diff(oid, px_text, L4Remove(), user))
            elif kind == "zero":
                ref.remove(oid)
                diffs.append(diff(oid, px_text, L4Update(orig_sz=before, new_sz=D(0)), user))
            else:
                step = D(draw(st.integers(min_value=1, max_value=20))).scaleb(-2)
                after = before + step if kind == "grow" else before - step
                if after <= 0:
                    ref.remove(oid)
                else:
                    ref.set_size(oid, after)
                diffs.append(
                    diff(oid, px_text, L4Update(orig_sz=before, new_sz=max(after, D(0))), user)
                )
        # Shuffle the statuses: only the diffs' order may matter.
        shuffled = draw(st.permutations(statuses))
        blocks.append(block(height, diffs, tuple(shuffled)))
    snapshots.append(ref.snapshot(n_blocks, draw(st.permutations(all_pxs))))
    return ref, snapshots, blocks


@settings(max_examples=150, deadline=None)
@given(flow=flows(), data=st.data())
def test_snapshot_plus_diffs_equals_rebuild_from_scratch(
    flow: tuple[RefBook, list[L4Snapshot], list[L4Updates]], data: st.DataObject
) -> None:
    ref, snapshots, blocks = flow
    # Seed from the snapshot taken before block k, then replay *every* block: the ones
    # already in the snapshot must be ignored as stale, the later ones applied.
    k = data.draw(st.integers(min_value=0, max_value=len(blocks)), label="seed before block")
    incremental = L4Book()
    incremental.seed(snapshots[k])
    for updates in blocks:
        incremental.apply(updates)
    rebuilt = L4Book()
    rebuilt.seed(snapshots[-1])

    assert engine_state(incremental) == engine_state(rebuilt) == ref.state()
    assert incremental.to_l2() == rebuilt.to_l2()
    assert len(incremental) == len(rebuilt) == len(ref.where)
    for oid in ref.where:
        assert incremental.queue_position(oid) == rebuilt.queue_position(oid)
        assert incremental.size_ahead(oid) == rebuilt.size_ahead(oid)
    for user in USERS:
        expected = sum(
            (ref.size(o) for o, u in ref.users.items() if u == user and o in ref.where), D(0)
        )
        assert incremental.resting_size_by_user(user) == expected
        assert rebuilt.resting_size_by_user(user) == expected
    stats = incremental.statistics()
    assert stats.updates_stale == k
    assert stats.updates_applied == len(blocks) - k
    assert stats.anomalies == 0
    assert not incremental.needs_resync


@settings(max_examples=150, deadline=None)
@given(flow=flows(), n_levels=st.integers(min_value=0, max_value=4))
def test_l4_to_l2_matches_naive_aggregation(
    flow: tuple[RefBook, list[L4Snapshot], list[L4Updates]], n_levels: int
) -> None:
    ref, snapshots, blocks = flow
    engine = L4Book()
    engine.seed(snapshots[0])
    for updates in blocks:
        engine.apply(updates)
    naive_bids, naive_asks = ref.naive_l2()
    assert engine.to_l2() == (naive_bids, naive_asks)
    assert engine.to_l2(n_levels) == (naive_bids[:n_levels], naive_asks[:n_levels])
    assert engine.best_bid() == (naive_bids[0] if naive_bids else None)
    assert engine.best_ask() == (naive_asks[0] if naive_asks else None)
    # The L2 analytics agree whether fed from the L4 engine or from an l2Book-like book.
    as_l2book = L2View.of(L2Book(coin="BTC", time=0, levels=(naive_bids, naive_asks)))
    assert engine.l2_view() == as_l2book


@pytest.mark.parametrize("coin", ["", 5])
def test_bad_coin(coin: Any) -> None:
    with pytest.raises(ConfigurationError):
        L4Book(coin)
