"""The simulated exchange's market model, synchronously: matching, accounts, actions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from trio_hl.testing._market import (
    ERRORS,
    START_MS,
    CoinSpec,
    FillEvent,
    Market,
    OrderEvent,
    TradeEvent,
)

ALICE = "0x000000000000000000000000000000000000a11c"
BOB = "0x0000000000000000000000000000000000000b0b"
CAROL = "0x000000000000000000000000000000000000ca01"
BTC = CoinSpec(
    name="BTC",
    asset=0,
    sz_decimals=5,
    max_leverage=40,
    is_spot=False,
    dex="",
    start_px=Decimal(100000),
)
T = START_MS


def empty() -> Market:
    """A market with one coin and no synthetic liquidity, two funded users."""
    market = Market(coins=[BTC], synthetic=False)
    market.fund(ALICE, 1_000_000)
    market.fund(BOB, 1_000_000)
    market.drain()
    return market


def limit(px: str, sz: str, *, buy: bool, tif: str = "Gtc", **extra: Any) -> dict[str, Any]:
    return {"a": 0, "b": buy, "p": px, "s": sz, "r": False, "t": {"limit": {"tif": tif}}, **extra}


def place(market: Market, user: str, *orders: dict[str, Any]) -> list[Any]:
    body = market.execute({"type": "order", "orders": list(orders), "grouping": "na"}, user, T)
    assert body["status"] == "ok", body
    statuses: list[Any] = body["response"]["data"]["statuses"]
    return statuses


def test_a_resting_order_then_a_crossing_order_fill_at_the_resting_price() -> None:
    market = empty()
    [rest] = place(market, ALICE, limit("100000", "0.01", buy=True))
    assert rest == {"resting": {"oid": rest["resting"]["oid"]}}
    [fill] = place(market, BOB, limit("99000", "0.004", buy=False, tif="Ioc"))
    assert fill == {"filled": {"totalSz": "0.004", "avgPx": "100000", "oid": fill["filled"]["oid"]}}
    oid = rest["resting"]["oid"]
    assert market.order(ALICE, oid).status == "open"  # type: ignore[union-attr]
    assert market.account(ALICE).open_orders[oid].sz == Decimal("0.006")
    [alice_fill] = market.account(ALICE).fills
    assert alice_fill["crossed"] is False
    assert alice_fill["dir"] == "Open Long"
    assert alice_fill["fee"] == "0.06"  # 400 USDC at the 1.5 bps maker fee
    [bob_fill] = market.account(BOB).fills
    assert bob_fill["crossed"] is True
    assert bob_fill["dir"] == "Open Short"
    assert bob_fill["fee"] == "0.18"  # taker 4.5 bps
    assert alice_fill["tid"] == bob_fill["tid"]
    assert market.account(ALICE).positions["BTC"].szi == Decimal("0.004")
    assert market.account(BOB).positions["BTC"].szi == Decimal("-0.004")


def test_price_time_priority() -> None:
    market = empty()
    [first] = place(market, ALICE, limit("100000", "0.01", buy=True))
    [better] = place(market, ALICE, limit("100001", "0.01", buy=True))
    [second] = place(market, BOB, limit("100000", "0.01", buy=True))
    market.fund(CAROL, 1_000_000)
    place(market, CAROL, limit("99000", "0.015", buy=False, tif="Ioc"))
    fills = market.account(ALICE).fills
    assert [(f["oid"], f["px"], f["sz"]) for f in fills] == [
        (better["resting"]["oid"], "100001", "0.01"),
        (first["resting"]["oid"], "100000", "0.005"),
    ]
    assert market.account(BOB).fills == []
    assert second["resting"]["oid"] in market.account(BOB).open_orders


def test_a_crossing_order_sweeps_levels_and_rests_the_rest() -> None:
    market = empty()
    place(market, ALICE, limit("100001", "0.01", buy=False), limit("100002", "0.01", buy=False))
    [status] = place(market, BOB, limit("100005", "0.03", buy=True))
    oid = status["resting"]["oid"]
    assert market.account(BOB).open_orders[oid].sz == Decimal("0.01")
    assert [f["px"] for f in market.account(BOB).fills] == ["100001", "100002"]
    assert market.books["BTC"].l2() == [[{"px": "100005", "sz": "0.01", "n": 1}], []]


def test_the_exchanges_refusals() -> None:
    market = empty()
    place(market, ALICE, limit("100010", "0.01", buy=False))
    place(market, BOB, limit("99990", "0.01", buy=True))
    statuses = place(
        market,
        BOB,
        limit("100010", "0.01", buy=True, tif="Alo"),
        limit("99000", "0.01", buy=True, tif="Ioc"),
        limit("100000.5", "0.01", buy=True),
        limit("100000", "0.000001", buy=True),
        limit("100000", "0.00005", buy=True),
        limit("100000", "0.01", buy=False, r=True),
        {**limit("1", "1", buy=True), "a": 77},
        limit("100000", "250", buy=True),
    )
    assert [s["error"] for s in statuses] == [
        "Post only order would have immediately matched, bbo was 99990@100010. asset=0",
        "Order could not immediately match against any resting orders. asset=0",
        "Price must be divisible by tick size. asset=0",
        "Order has invalid size. asset=0",
        "Order must have minimum value of $10. asset=0",
        "Reduce only order would increase position. asset=0",
        "Order has invalid asset. asset=77",
        "Insufficient margin to place order. asset=0",  # 25M notional at 20x > 1M
    ]


def test_reduce_only_is_clipped_to_the_position() -> None:
    market = empty()
    place(market, ALICE, limit("100000", "0.01", buy=False))
    place(market, BOB, limit("100000", "0.01", buy=True, tif="Ioc"))  # BOB is long 0.01
    place(market, ALICE, limit("99000", "0.05", buy=True))  # liquidity to close into
    [status] = place(market, BOB, limit("98000", "0.05", buy=False, tif="Ioc", r=True))
    assert status["filled"]["totalSz"] == "0.01"
    assert "BTC" not in market.account(BOB).positions
    closing = market.account(BOB).fills[-1]
    assert closing["dir"] == "Close Long"
    assert closing["closedPnl"] == "-10"  # bought at 100000, sold at 99000
    assert closing["startPosition"] == "0.01"


def test_self_trade_cancels_the_resting_order() -> None:
    market = empty()
    [rest] = place(market, ALICE, limit("100000", "0.01", buy=False))
    [status] = place(market, ALICE, limit("100000", "0.01", buy=True))
    assert "resting" in status
    assert market.order(ALICE, rest["resting"]["oid"]).status == "selfTradeCanceled"  # type: ignore[union-attr]
    assert market.account(ALICE).fills == []


def test_cancel_by_oid_and_cloid_and_the_unknown_order_text() -> None:
    market = empty()
    cloid = "0x000000000000000000000000000000aa"
    [a, b] = place(
        market, ALICE, limit("90000", "0.01", buy=True), limit("90001", "0.01", buy=True, c=cloid)
    )
    body = market.execute(
        {"type": "cancel", "cancels": [{"a": 0, "o": a["resting"]["oid"]}, {"a": 0, "o": 5}]},
        ALICE,
        T,
    )
    assert body["response"]["data"]["statuses"] == [
        "success",
        {"error": ERRORS["cancel"].format(asset=0)},
    ]
    body = market.execute(
        {"type": "cancelByCloid", "cancels": [{"asset": 0, "cloid": cloid}]}, ALICE, T
    )
    assert body["response"]["data"]["statuses"] == ["success"]
    assert market.order(ALICE, cloid).status == "canceled"  # type: ignore[union-attr]
    assert market.account(ALICE).open_orders == {}
    assert b["resting"]["cloid"] == cloid


def test_modify_keeps_the_oid_and_a_failed_modify_keeps_the_order() -> None:
    market = empty()
    [rest] = place(market, ALICE, limit("90000", "0.01", buy=True))
    oid = rest["resting"]["oid"]
    body = market.execute(
        {"type": "modify", "oid": oid, "order": limit("91000", "0.02", buy=True)}, ALICE, T
    )
    assert body == {"status": "ok", "response": {"type": "default"}}
    order = market.account(ALICE).open_orders[oid]
    assert (order.limit_px, order.sz) == (Decimal(91000), Decimal("0.02"))
    body = market.execute(
        {"type": "modify", "oid": oid, "order": limit("91000.5", "0.02", buy=True)}, ALICE, T
    )
    assert body == {"status": "err", "response": ERRORS["tick"].format(asset=0)}
    assert market.account(ALICE).open_orders[oid].limit_px == Decimal(91000)
    body = market.execute(
        {"type": "batchModify", "modifies": [{"oid": 1, "order": limit("1", "1", buy=True)}]},
        ALICE,
        T,
    )
    assert body["response"]["data"]["statuses"] == [{"error": ERRORS["modify"]}]


def test_a_stop_loss_fires_when_the_mark_crosses_its_trigger() -> None:
    market = Market(coins=[BTC])  # synthetic liquidity around 100000
    market.fund(ALICE, 100_000)
    place(market, ALICE, limit("100100", "0.1", buy=True, tif="Ioc"))
    stop = {
        "a": 0,
        "b": False,
        "p": "90000",
        "s": "0.1",
        "r": True,
        "t": {"trigger": {"isMarket": True, "triggerPx": "99000", "tpsl": "sl"}},
    }
    [status] = place(market, ALICE, stop)
    oid = status["resting"]["oid"]
    assert market.account(ALICE).open_orders[oid].frontend()["orderType"] == "Stop Market"
    market.move("BTC", "99500", T + 1000)
    assert market.order(ALICE, oid).status == "open"  # type: ignore[union-attr]
    market.drain()
    market.move("BTC", "98900", T + 2000)
    statuses = [
        e.status for e in market.drain() if isinstance(e, OrderEvent) and e.order["oid"] == oid
    ]
    assert statuses == ["triggered", "filled"]
    assert "BTC" not in market.account(ALICE).positions


def test_a_moving_market_fills_a_resting_order() -> None:
    market = Market(coins=[BTC])
    market.fund(ALICE, 100_000)
    [rest] = place(market, ALICE, limit("99000", "0.05", buy=True))
    market.move("BTC", "98000", T + 1000)
    assert market.order(ALICE, rest["resting"]["oid"]).status == "filled"  # type: ignore[union-attr]
    assert market.account(ALICE).positions["BTC"].szi == Decimal("0.05")


def test_fill_resting_partially() -> None:
    market = Market(coins=[BTC])
    market.fund(ALICE, 100_000)
    [rest] = place(market, ALICE, limit("99000", "0.05", buy=True))
    oid = rest["resting"]["oid"]
    [fill] = market.fill_resting(oid, T + 1000, sz="0.02")
    assert (fill["px"], fill["sz"], fill["crossed"]) == ("99000", "0.02", False)
    assert market.account(ALICE).open_orders[oid].sz == Decimal("0.03")


def test_schedule_cancel() -> None:
    market = empty()
    too_early = market.execute({"type": "scheduleCancel", "time": T + 4999}, ALICE, T)
    assert too_early == {"status": "err", "response": ERRORS["schedule"]}
    place(market, ALICE, limit("90000", "0.01", buy=True))
    market.execute({"type": "scheduleCancel", "time": T + 10_000}, ALICE, T)
    market.step(T + 9_999)
    assert len(market.account(ALICE).open_orders) == 1
    market.step(T + 10_000)
    assert market.account(ALICE).open_orders == {}
    assert market.account(ALICE).history[-1].status == "scheduledCancel"


def test_leverage_and_isolated_margin() -> None:
    market = empty()
    update = {"type": "updateLeverage", "asset": 0, "isCross": False, "leverage": 41}
    assert market.execute(update, ALICE, T) == {"status": "err", "response": ERRORS["leverage"]}
    assert market.execute({**update, "leverage": 5}, ALICE, T)["status"] == "ok"
    margin = {"type": "updateIsolatedMargin", "asset": 0, "isBuy": True, "ntli": 1_000_000}
    assert market.execute(margin, ALICE, T) == {
        "status": "err",
        "response": ERRORS["margin_empty"],
    }
    place(market, BOB, limit("100000", "0.1", buy=False))
    place(market, ALICE, limit("100000", "0.1", buy=True, tif="Ioc"))
    position = market.account(ALICE).positions["BTC"]
    assert position.isolated_margin == Decimal(2000)  # 10000 notional at 5x
    assert market.execute(margin, ALICE, T)["status"] == "ok"
    assert position.isolated_margin == Decimal(2001)


def test_the_synthetic_market_is_fixed_by_its_seed() -> None:
    def run(seed: int) -> list[Any]:
        market = Market(seed)
        for block in range(20):
            market.step(T + 500 * block)
        return [market.mids(), list(market.trades["ETH"])]

    assert run(3) == run(3)
    assert run(3) != run(4)


# -- properties -----------------------------------------------------------------------------

_orders = st.lists(
    st.tuples(
        st.sampled_from([ALICE, BOB, CAROL]),
        st.booleans(),
        st.integers(99_990, 100_010),
        st.integers(1, 300),
        st.sampled_from(["Gtc", "Ioc", "Alo"]),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(_orders)
def test_matching_properties(orders: list[tuple[str, bool, int, int, str]]) -> None:
    market = empty()
    market.fund(CAROL, 1_000_000)
    placed = Decimal(0)
    for user, buy, px, lots, tif in orders:
        size = Decimal(lots) / 1000
        place(market, user, limit(str(px), str(size), buy=buy, tif=tif))
        placed += size
        bid, ask = market.books["BTC"].bids.best_px(), market.books["BTC"].asks.best_px()
        assert bid is None or ask is None or bid < ask  # never crossed after matching
    events = market.drain()
    trades = [e.trade for e in events if isinstance(e, TradeEvent)]
    fills = [e.fill for e in events if isinstance(e, FillEvent)]
    # Every trade appears once for each side, with the same price and size.
    for trade in trades:
        sides = [f for f in fills if f["tid"] == trade["tid"]]
        assert sorted(f["side"] for f in sides) == ["A", "B"]
        assert {(f["px"], f["sz"]) for f in sides} == {(trade["px"], trade["sz"])}
        assert sorted(f["crossed"] for f in sides) == [False, True]
    # Positions net to zero (every contract bought was sold), and size is conserved:
    # each order's size is filled, resting, or gone (canceled / IOC remainder).
    assert (
        sum((p.szi for a in market.accounts.values() for p in a.positions.values()), Decimal(0))
        == 0
    )
    resting = sum((o.sz for o in market.books["BTC"].bids.orders()), Decimal(0)) + sum(
        (o.sz for o in market.books["BTC"].asks.orders()), Decimal(0)
    )
    traded = sum((Decimal(t["sz"]) for t in trades), Decimal(0))
    assert resting + 2 * traded <= placed
    # Money is conserved: what was funded is in the accounts (cash plus unrealised PnL, at
    # any mark, since positions net to zero) or was paid in fees.
    fees = sum((Decimal(f["fee"]) for f in fills), Decimal(0))
    values = sum((market.account_value(user) for user in market.accounts), Decimal(0))
    assert values + fees == 3_000_000
    # The book and the users' open orders are the same orders.
    open_orders = {oid for a in market.accounts.values() for oid in a.open_orders}
    in_book = {o.oid for o in market.books["BTC"].bids.orders()} | {
        o.oid for o in market.books["BTC"].asks.orders()
    }
    assert open_orders == in_book


def test_l2_aggregation_to_significant_figures() -> None:
    market = empty()
    place(
        market,
        ALICE,
        limit("100123", "0.01", buy=True),
        limit("100188", "0.02", buy=True),
        limit("100210", "0.04", buy=False),
        limit("100290", "0.08", buy=False),
    )
    assert market.books["BTC"].l2(n_sig_figs=4) == [
        [{"px": "100100", "sz": "0.03", "n": 2}],
        [{"px": "100300", "sz": "0.12", "n": 2}],
    ]
    assert market.books["BTC"].l2(n_sig_figs=5, mantissa=5) == [
        [{"px": "100150", "sz": "0.02", "n": 1}, {"px": "100100", "sz": "0.01", "n": 1}],
        [{"px": "100250", "sz": "0.04", "n": 1}, {"px": "100300", "sz": "0.08", "n": 1}],
    ]
