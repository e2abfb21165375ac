"""GoldRush's multi-wallet bodies: validated requests, routes per wallet, the networks rule
and the fake serving them."""

from __future__ import annotations

from typing import Any, cast

import pytest
import trio
import trio.testing

from tests.user_frames import ALICE, BOB
from trio_hl import Api, open_client
from trio_hl._protocol._channels import decode_channel, subscription_routes
from trio_hl._protocol._session import Session
from trio_hl.errors import ConfigurationError, SubscriptionError
from trio_hl.models import (
    OrderUpdates,
    OrderUpdatesSubscription,
    UserFills,
    UserFillsSubscription,
    UserNonFundingLedgerUpdates,
    UserNonFundingLedgerUpdatesSubscription,
)
from trio_hl.models.subscriptions import MAX_WALLETS
from trio_hl.testing import FakeHyperliquid
from trio_hl.testing._fake_goldrush import BUILDERS
from trio_hl.testing._goldrush_frames import fill_pairs_data, goldrush_fill

CAROL = "0x" + "c" * 40
WALLET_REQUESTS = [
    UserFillsSubscription,
    OrderUpdatesSubscription,
    UserNonFundingLedgerUpdatesSubscription,
]


def wallets(n: int) -> list[str]:
    return [f"0x{i:040x}" for i in range(1, n + 1)]


@pytest.mark.parametrize("cls", WALLET_REQUESTS)
def test_addresses_body_is_lower_cased_in_the_callers_order(cls: Any) -> None:
    request = cls(addresses=[BOB.upper().replace("0X", "0x"), ALICE])
    body = request.to_wire()
    assert body == {"type": body["type"], "addresses": [BOB, ALICE]}
    assert cls(user=ALICE).to_wire() == {"type": body["type"], "user": ALICE}


@pytest.mark.parametrize("cls", WALLET_REQUESTS)
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({}, "exactly one of user= or addresses="),
        ({"user": ALICE, "addresses": [BOB]}, "exactly one of user= or addresses="),
        ({"addresses": []}, "1 to 1000 wallets, got 0"),
        ({"addresses": wallets(MAX_WALLETS + 1)}, "1 to 1000 wallets, got 1001"),
        ({"addresses": [ALICE, ALICE.upper().replace("0X", "0x")]}, "lists a wallet twice"),
        ({"addresses": ["0x123"]}, "not an address"),
        ({"addresses": ALICE}, "must be a list"),
    ],
)
def test_addresses_are_validated(cls: Any, kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ConfigurationError, match=match):
        cls(**kwargs)


def test_a_thousand_wallets_are_accepted() -> None:
    assert len(UserFillsSubscription(addresses=wallets(MAX_WALLETS)).to_wire()["addresses"]) == 1000


def test_a_wallet_list_claims_one_route_per_wallet() -> None:
    body = UserFillsSubscription(addresses=[ALICE, BOB]).to_wire()
    assert subscription_routes(body) == (("userFills", ALICE), ("userFills", BOB))
    # GoldRush's alias, in a raw body: the same routes (addresses lower-cased).
    alias = {"type": "userFills", "users": [ALICE.replace("a", "A"), BOB]}
    assert subscription_routes(alias) == (("userFills", ALICE), ("userFills", BOB))
    ledger = UserNonFundingLedgerUpdatesSubscription(addresses=[ALICE, BOB]).to_wire()
    assert subscription_routes(ledger) == (
        ("userNonFundingLedgerUpdates", ALICE),
        ("userNonFundingLedgerUpdates", BOB),
    )
    # orderUpdates frames name no subscription: the list routes whole, like one user.
    orders = OrderUpdatesSubscription(addresses=[ALICE, BOB]).to_wire()
    assert subscription_routes(orders) == (("orderUpdates",),)


def test_lists_sharing_a_wallet_cannot_share_a_connection() -> None:
    session = Session(venue="goldrush")
    session.connection_made()
    session.subscribe(UserFillsSubscription(addresses=[ALICE, BOB]).to_wire())
    session.subscribe(UserFillsSubscription(user=CAROL).to_wire())  # disjoint: fine
    with pytest.raises(SubscriptionError, match=f"already follows {BOB}"):
        session.subscribe(UserFillsSubscription(addresses=[BOB, CAROL]).to_wire())
    with pytest.raises(SubscriptionError, match=f"already follows {ALICE}"):
        session.subscribe(UserFillsSubscription(user=ALICE).to_wire())


def test_bodies_are_matched_exactly_list_order_included() -> None:
    session = Session(venue="goldrush")
    session.connection_made()
    sid, _, frame = session.subscribe(UserFillsSubscription(addresses=[ALICE, BOB]).to_wire())
    assert frame is not None
    # The same wallets in another order are another GoldRush subscription (and overlap).
    with pytest.raises(SubscriptionError):
        session.subscribe(UserFillsSubscription(addresses=[BOB, ALICE]).to_wire())
    # Unsubscribing sends the subscribed body, and frees every wallet's route.
    assert session.unsubscribe(sid) == frame.replace('"subscribe"', '"unsubscribe"', 1)
    session.subscribe(UserFillsSubscription(addresses=[BOB, ALICE]).to_wire())


ENTRY: dict[str, Any] = {"order": {}, "status": "filled", "statusTimestamp": 5, "user": ALICE}
ORDER_FRAMES: list[Any] = [[dict(ENTRY)], {"updates": [dict(ENTRY)]}]


@pytest.mark.parametrize("data", ORDER_FRAMES, ids=["bare-list", "updates-object"])
def test_order_updates_keep_the_wallet_of_each_entry(data: Any) -> None:
    order = {
        "coin": "BTC",
        "side": "B",
        "limitPx": "100",
        "sz": "0",
        "oid": 7,
        "timestamp": 5,
        "origSz": "1",
    }
    entries = cast("list[dict[str, Any]]", data if isinstance(data, list) else data["updates"])
    entries[0]["order"] = order
    routed = decode_channel("orderUpdates", data)
    assert routed is not None
    (item,) = routed
    assert isinstance(item.message, OrderUpdates)
    assert item.message.updates[0].user == ALICE
    assert item.routes == (("orderUpdates",),)


@pytest.mark.parametrize("cls", WALLET_REQUESTS)
async def test_wallet_lists_refused_on_hyperliquid_before_sending(
    fake_hyperliquid: FakeHyperliquid, cls: Any
) -> None:
    fake = fake_hyperliquid
    async with open_client(fake.network) as client:
        with pytest.raises(SubscriptionError, match=r"addresses= \(several wallets\)"):
            async with client.subscribe(cls(addresses=[ALICE, BOB])):
                pass
        assert client.statistics().subscriptions == 0
    assert fake.subscribe_frames() == []


async def test_each_wallets_fills_reach_the_list_that_names_it(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.goldrush_network("k")) as client,
        client.subscribe(UserFillsSubscription(addresses=[ALICE, BOB])) as pair,
        client.subscribe(UserFillsSubscription(addresses=[CAROL])) as carol,
    ):
        # One block, three wallets, and one trade between ALICE and BOB (one tid, two fills).
        await fake.push(
            "userFills",
            fill_pairs_data(
                [
                    (ALICE, goldrush_fill(tid=9)),
                    (CAROL, goldrush_fill(tid=8)),
                    (BOB, goldrush_fill(tid=9)),
                ]
            ),
        )
        got = [await pair.receive(), await pair.receive()]
        assert [(m.user, [f.tid for f in m.fills]) for m in got if isinstance(m, UserFills)] == [
            (ALICE, [9]),
            (BOB, [9]),
        ]
        only = await carol.receive()
        assert isinstance(only, UserFills)
        assert (only.user, [f.tid for f in only.fills]) == (CAROL, [8])


async def test_the_fake_serves_every_wallet_stream_to_its_list(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    gold = fake.goldrush
    mine, other = list(gold.wallets[:3]), list(gold.wallets[3:])
    api = await Api.create(network=fake.goldrush_network("k"))
    async with api.ws.run():
        _, fills = await api.ws.subscriptions.user_fills(addresses=mine)
        _, orders = await api.ws.subscriptions.order_updates(addresses=mine)
        _, ledger = await api.ws.subscriptions.user_non_funding_ledger_updates(addresses=mine)
        _, others = await api.ws.subscriptions.user_fills(addresses=other)
        expected: list[tuple[str, int]] = []
        expected_orders: list[tuple[str, int]] = []
        for _ in range(20):
            gold.step()
            expected.extend((t, f["tid"]) for t, f in gold.fills if t in mine)
            expected_orders.extend((t, f["oid"]) for t, f in gold.fills if t in mine)
            await gold.publish()
        await trio.testing.wait_all_tasks_blocked()
        got = [(m.user, f.tid) for m in _drain(fills) if isinstance(m, UserFills) for f in m.fills]
        assert sorted(got) == sorted(expected)
        assert expected
        updates = [u for m in _drain(orders) if isinstance(m, OrderUpdates) for u in m.updates]
        assert sorted((u.user, u.order.oid) for u in updates) == sorted(expected_orders)
        entries = [m for m in _drain(ledger) if isinstance(m, UserNonFundingLedgerUpdates)]
        assert {m.user for m in entries} <= set(mine)
        assert sum(len(m.non_funding_ledger_updates) for m in entries) == len(expected)
        assert all(m.user in other for m in _drain(others) if isinstance(m, UserFills))


def _drain(stream: Any) -> list[Any]:
    out: list[Any] = []
    while True:
        try:
            out.append(stream.receive_nowait())
        except trio.WouldBlock:
            return out


async def test_the_fake_serves_each_fill_stream_its_fills(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    gold = fake.goldrush
    builder = BUILDERS[0]
    api = await Api.create(network=fake.goldrush_network("k"))
    subs = api.ws.subscriptions
    async with api.ws.run():
        _, liquidations = await subs.liquidation_fills()
        _, built = await subs.builder_fills(addresses=[builder])
        _, built_liquidations = await subs.builder_liquidations(builder=builder)
        _, btc = await subs.all_fills(asset="BTC")
        expected: dict[str, list[int]] = {"liq": [], "built": [], "built_liq": [], "btc": []}
        for _ in range(20):
            gold.step()
            for _, fill in gold.fills:
                liquidated = "liquidation" in fill
                mine = fill.get("builder") == builder
                for name, wanted in (
                    ("liq", liquidated),
                    ("built", mine),
                    ("built_liq", liquidated and mine),
                    ("btc", fill["coin"] == "BTC"),
                ):
                    if wanted:
                        expected[name].append(fill["tid"])
            await gold.publish()
        await trio.testing.wait_all_tasks_blocked()
        got = {
            name: [fill.tid for batch in _drain(stream) for _, fill in batch.fills]
            for name, stream in (
                ("liq", liquidations),
                ("built", built),
                ("built_liq", built_liquidations),
                ("btc", btc),
            )
        }
    assert got == expected
    assert all(expected.values())
