"""User and account streams through the fake server: auth, routing, refusals, gap-free fills."""

from __future__ import annotations

from typing import Any

import pytest
import trio
import trio.testing

from trio_hl import Account, Api, Limits, Settings, goldrush, open_client
from trio_hl.errors import ConfigurationError, NotRunning, SubscriptionError
from trio_hl.models import (
    ActiveAssetData,
    AllDexsAssetCtxs,
    AllDexsClearinghouseState,
    AssetCtxs,
    ClearinghouseStateUpdate,
    FillsEvent,
    L4Snapshot,
    L4Updates,
    Notification,
    OpenOrders,
    OrderUpdates,
    SpotAssetCtxs,
    SpotState,
    StreamRestarted,
    TwapStates,
    UserFills,
    UserFillsSubscription,
    UserFundings,
    UserHistoricalOrders,
    UserNonFundingLedgerUpdates,
    UserTwapHistory,
    UserTwapSliceFills,
    WebData2,
    WebData3,
)
from trio_hl.networks import custom
from trio_hl.testing import FakeHyperliquid

from ..user_frames import (
    ALICE,
    BOB,
    PERP_CTX,
    SPOT_CTX,
    fill,
    order_updates,
    user_fills,
    user_frame,
)
from .helpers import is_method

SECRET = "0x" + "5e" * 32
CHECKSUMMED_ALICE = "0xA62B923A112D50D03E1E096BBD53422490DAC104"

# method, extra kwargs, channel, subscription body (without user), message class
USER_STREAMS: list[tuple[str, dict[str, Any], str, dict[str, Any], type]] = [
    ("web_data2", {}, "webData2", {"type": "webData2"}, WebData2),
    ("web_data3", {}, "webData3", {"type": "webData3"}, WebData3),
    ("user_fills", {}, "userFills", {"type": "userFills"}, UserFills),
    (
        "user_fills",
        {"aggregate_by_time": True},
        "userFills",
        {"type": "userFills", "aggregateByTime": True},
        UserFills,
    ),
    ("user_fundings", {}, "userFundings", {"type": "userFundings"}, UserFundings),
    (
        "user_non_funding_ledger_updates",
        {},
        "userNonFundingLedgerUpdates",
        {"type": "userNonFundingLedgerUpdates"},
        UserNonFundingLedgerUpdates,
    ),
    (
        "user_twap_slice_fills",
        {},
        "userTwapSliceFills",
        {"type": "userTwapSliceFills"},
        UserTwapSliceFills,
    ),
    ("user_twap_history", {}, "userTwapHistory", {"type": "userTwapHistory"}, UserTwapHistory),
    (
        "user_historical_orders",
        {},
        "userHistoricalOrders",
        {"type": "userHistoricalOrders"},
        UserHistoricalOrders,
    ),
    ("spot_state", {}, "spotState", {"type": "spotState"}, SpotState),
    (
        "spot_state",
        {"ignore_portfolio_margin": True},
        "spotState",
        {"type": "spotState", "ignorePortfolioMargin": True},
        SpotState,
    ),
    (
        "all_dexs_clearinghouse_state",
        {},
        "allDexsClearinghouseState",
        {"type": "allDexsClearinghouseState"},
        AllDexsClearinghouseState,
    ),
    (
        "clearinghouse_state",
        {},
        "clearinghouseState",
        {"type": "clearinghouseState"},
        ClearinghouseStateUpdate,
    ),
    ("open_orders", {}, "openOrders", {"type": "openOrders"}, OpenOrders),
    ("twap_states", {}, "twapStates", {"type": "twapStates"}, TwapStates),
    (
        "active_asset_data",
        {"asset": "BTC"},
        "activeAssetData",
        {"type": "activeAssetData", "coin": "BTC"},
        ActiveAssetData,
    ),
]


@pytest.mark.parametrize(
    ("method", "kwargs", "channel", "body", "cls"),
    USER_STREAMS,
    ids=[f"{row[0]}{'+' if row[1] else ''}" for row in USER_STREAMS],
)
async def test_user_stream_routes_by_user(
    fake_hyperliquid: FakeHyperliquid,
    method: str,
    kwargs: dict[str, Any],
    channel: str,
    body: dict[str, Any],
    cls: type,
) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network, account=Account(address=ALICE))
    async with api.ws.run():
        subscribe = getattr(api.ws.subscriptions, method)
        _, alice = await subscribe(**kwargs)  # the Api's account
        _, bob = await subscribe(address=BOB, **kwargs)
        assert fake.subscribe_frames() == [{**body, "user": ALICE}, {**body, "user": BOB}]
        _, data = user_frame(channel, BOB)
        await fake.push(channel, data)
        _, data = user_frame(channel, ALICE)
        await fake.push(channel, data)
        to_bob = await bob.receive()
        to_alice = await alice.receive()
        assert isinstance(to_bob, cls)
        assert isinstance(to_alice, cls)
        assert to_bob != to_alice
        await trio.testing.wait_all_tasks_blocked()
        assert alice.statistics().buffered == 0
        assert bob.statistics().buffered == 0


@pytest.mark.parametrize(
    ("method", "kwargs", "body", "policy_kind"),
    [
        (
            "clearinghouse_state",
            {"dex": "xyz"},
            {"type": "clearinghouseState", "dex": "xyz"},
            "latest",
        ),
        ("open_orders", {"dex": "xyz"}, {"type": "openOrders", "dex": "xyz"}, "latest"),
        ("twap_states", {"dex": "xyz"}, {"type": "twapStates", "dex": "xyz"}, "latest"),
        ("order_updates", {}, {"type": "orderUpdates"}, "fail"),
        ("user_events", {}, {"type": "userEvents"}, "fail"),
        ("notification", {}, {"type": "notification"}, "fail"),
        ("user_fills", {}, {"type": "userFills"}, "fail"),
        ("web_data3", {}, {"type": "webData3"}, "latest"),
    ],
)
async def test_bodies_and_default_policies(
    fake_hyperliquid: FakeHyperliquid,
    method: str,
    kwargs: dict[str, Any],
    body: dict[str, Any],
    policy_kind: str,
) -> None:
    api = await Api.create(network=fake_hyperliquid.network)
    async with api.ws.run():
        _, stream = await getattr(api.ws.subscriptions, method)(address=CHECKSUMMED_ALICE, **kwargs)
        assert fake_hyperliquid.subscribe_frames() == [{**body, "user": ALICE}]
        assert stream.statistics().policy.kind == policy_kind


async def test_dex_streams_route_by_user_and_dex(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network)
    async with api.ws.run():
        _, main = await api.ws.subscriptions.open_orders(address=ALICE)
        _, xyz = await api.ws.subscriptions.open_orders(address=ALICE, dex="xyz")
        _, data = user_frame("openOrders", ALICE)
        await fake.push("openOrders", {**data, "dex": "xyz", "orders": []})
        await fake.push("openOrders", data)
        got_xyz = await xyz.receive()
        got_main = await main.receive()
        assert isinstance(got_xyz, OpenOrders)
        assert got_xyz.dex == "xyz"
        assert got_xyz.orders == ()
        assert isinstance(got_main, OpenOrders)
        assert got_main.dex == ""
        assert len(got_main.orders) == 1


async def test_active_asset_data_routes_by_user_and_coin(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network)
    async with api.ws.run():
        _, btc = await api.ws.subscriptions.active_asset_data(asset="BTC", address=ALICE)
        _, eth = await api.ws.subscriptions.active_asset_data(asset="ETH", address=ALICE)
        await fake.push(
            "activeAssetData", user_frame("activeAssetData", ALICE)[1] | {"coin": "ETH"}
        )
        got = await eth.receive()
        assert isinstance(got, ActiveAssetData)
        assert got.coin == "ETH"
        await trio.testing.wait_all_tasks_blocked()
        assert btc.statistics().buffered == 0


@pytest.mark.parametrize(
    ("method", "channel", "data", "cls"),
    [
        ("order_updates", "orderUpdates", order_updates(), OrderUpdates),
        ("user_events", "user", {"fills": [fill()]}, FillsEvent),
        ("notification", "notification", {"notification": "hello"}, Notification),
    ],
)
async def test_channels_without_user_refuse_a_second_user(
    fake_hyperliquid: FakeHyperliquid, method: str, channel: str, data: Any, cls: type
) -> None:
    fake = fake_hyperliquid
    alice = Account(address=ALICE, secret_key=SECRET)
    api = await Api.create(network=fake.network, account=alice)
    async with api.ws.run():
        subscribe = getattr(api.ws.subscriptions, method)
        _, first = await subscribe()
        _, same = await subscribe(account=alice)  # the same user again: shared, not refused
        assert len(fake.subscribe_frames()) == 1
        with pytest.raises(SubscriptionError, match="carry no user") as info:
            await subscribe(address=BOB)
        assert SECRET not in str(info.value)
        assert len(fake.subscribe_frames()) == 1
        await fake.push(channel, data)
        assert isinstance(await first.receive(), cls)
        assert isinstance(await same.receive(), cls)


async def test_a_second_client_serves_the_second_user(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    async with open_client(fake.network) as one, open_client(fake.network) as two:
        from trio_hl.models import OrderUpdatesSubscription

        async with (
            one.subscribe(OrderUpdatesSubscription(user=ALICE)) as alice,
            two.subscribe(OrderUpdatesSubscription(user=BOB)) as bob,
        ):
            await fake.push("orderUpdates", order_updates())
            assert isinstance(await alice.receive(), OrderUpdates)
            assert isinstance(await bob.receive(), OrderUpdates)


async def test_indistinguishable_user_streams_are_refused(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    api = await Api.create(network=fake_hyperliquid.network, account=Account(address=ALICE))
    async with api.ws.run():
        await api.ws.subscriptions.user_fills()
        with pytest.raises(SubscriptionError, match="cannot be told apart"):
            await api.ws.subscriptions.user_fills(aggregate_by_time=True)
        await api.ws.subscriptions.spot_state(ignore_portfolio_margin=True)
        with pytest.raises(SubscriptionError, match="cannot be told apart"):
            await api.ws.subscriptions.spot_state()
        # Another user is a different route: fine.
        await api.ws.subscriptions.user_fills(address=BOB, aggregate_by_time=True)


# --- authentication --------------------------------------------------------------------------

USER_METHODS = sorted(
    {row[0] for row in USER_STREAMS} | {"order_updates", "user_events", "notification"}
)


@pytest.mark.parametrize("method", USER_METHODS)
async def test_user_streams_need_a_user(fake_hyperliquid: FakeHyperliquid, method: str) -> None:
    api = await Api.create(network=fake_hyperliquid.network)
    kwargs = {"asset": "BTC"} if method == "active_asset_data" else {}
    async with api.ws.run():
        with pytest.raises(ConfigurationError) as info:
            await getattr(api.ws.subscriptions, method)(**kwargs)
    message = str(info.value)
    assert f"{method} is a user stream and needs a user" in message
    assert "address=" in message
    assert "account=" in message
    assert "Api.create(account=...)" in message
    assert fake_hyperliquid.subscribe_frames() == []


async def test_address_and_account_rules(fake_hyperliquid: FakeHyperliquid) -> None:
    default = Account(address=BOB, secret_key=SECRET)
    api = await Api.create(network=fake_hyperliquid.network, account=default)
    other = Account(address=CHECKSUMMED_ALICE, secret_key=SECRET)
    subs = api.ws.subscriptions
    async with api.ws.run():
        with pytest.raises(ConfigurationError, match="not both"):
            await subs.user_fundings(address=ALICE, account=other)
        with pytest.raises(ConfigurationError, match="not an address") as bad:
            await subs.user_fundings(address="0x1234")
        assert SECRET not in str(bad.value)
        await subs.user_fundings(account=other)  # per call beats the Api's account
        await subs.user_fundings(address=CHECKSUMMED_ALICE.replace("A62", "a62"))  # refcounted
        await subs.user_fundings()  # the Api's account
    bodies = fake_hyperliquid.subscribe_frames()
    assert bodies == [
        {"type": "userFundings", "user": ALICE},
        {"type": "userFundings", "user": BOB},
    ]
    assert SECRET not in repr(api)
    assert SECRET not in repr(UserFillsSubscription(user=ALICE))


async def test_a_missing_user_fails_before_not_running() -> None:
    api = await Api.create(load_universe=False)
    with pytest.raises(ConfigurationError, match="needs a user"):
        await api.ws.subscriptions.order_updates()
    with pytest.raises(NotRunning):
        await api.ws.subscriptions.order_updates(address=ALICE)


# --- limits ----------------------------------------------------------------------------------


async def test_user_limit_through_the_api(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    network = custom(
        fake.network.ws_url,
        limits=Limits(max_subscriptions=4, max_users=2),
        connect_stream=fake.connect,
    )
    api = await Api.create(network=network, load_universe=False)
    subs = api.ws.subscriptions
    async with api.ws.run():
        await subs.web_data3(address=ALICE)
        await subs.user_fills(address=BOB)
        with pytest.raises(SubscriptionError, match="distinct user limit reached"):
            await subs.open_orders(address="0x" + "c" * 40)
        await subs.open_orders(address=ALICE)
        await subs.spot_asset_ctxs()
        with pytest.raises(SubscriptionError, match="subscription limit reached"):
            await subs.all_dexs_asset_ctxs()
        assert api.ws.client.statistics().wire_subscriptions == 4
    assert len(fake.subscribe_frames()) == 4


async def test_goldrush_has_no_caps(fake_hyperliquid: FakeHyperliquid) -> None:
    assert goldrush("k").limits == Limits(max_subscriptions=None, max_users=None)
    api = await Api.create(network=fake_hyperliquid.goldrush_network("k"))
    async with api.ws.run():
        for i in range(20):
            await api.ws.subscriptions.user_fills(address=f"0x{i:040x}")
        assert api.ws.client.statistics().wire_subscriptions == 20


# --- market-wide state and GoldRush l4Book ---------------------------------------------------


async def test_market_state_streams(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network)
    subs = api.ws.subscriptions
    async with api.ws.run():
        _, main = await subs.asset_ctxs()
        _, xyz = await subs.asset_ctxs(dex="xyz")
        _, spot = await subs.spot_asset_ctxs()
        _, every = await subs.all_dexs_asset_ctxs()
        assert fake.subscribe_frames() == [
            {"type": "assetCtxs"},
            {"type": "assetCtxs", "dex": "xyz"},
            {"type": "spotAssetCtxs"},
            {"type": "allDexsAssetCtxs"},
        ]
        await fake.push("assetCtxs", {"dex": "xyz", "ctxs": []})
        await fake.push("assetCtxs", {"dex": "", "ctxs": [PERP_CTX]})
        await fake.push("spotAssetCtxs", [SPOT_CTX])
        await fake.push("allDexsAssetCtxs", {"ctxs": [["", [PERP_CTX]]]})
        got_xyz = await xyz.receive()
        got_main = await main.receive()
        assert isinstance(got_xyz, AssetCtxs)
        assert got_xyz.dex == "xyz"
        assert isinstance(got_main, AssetCtxs)
        assert len(got_main.ctxs) == 1
        assert isinstance(await spot.receive(), SpotAssetCtxs)
        assert isinstance(await every.receive(), AllDexsAssetCtxs)
        assert main.statistics().policy.kind == "latest"


def l4_snapshot(coin: str) -> dict[str, Any]:
    return {"Snapshot": {"coin": coin, "time": 1, "block_height": 10, "levels": [[], []]}}


def l4_updates(coin: str, height: int) -> dict[str, Any]:
    diff = {"user": BOB, "oid": 7, "px": "10", "coin": coin, "raw_book_diff": "remove"}
    return {
        "Updates": {"time": 2, "block_height": height, "order_statuses": [], "book_diffs": [diff]}
    }


async def test_l4_book_routes_snapshot_by_coin_and_updates_by_entries(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.goldrush_network("k"))
    async with api.ws.run():
        _, btc = await api.ws.subscriptions.l4_book(asset="BTC")
        _, eth = await api.ws.subscriptions.l4_book(asset="ETH")
        assert fake.subscribe_frames() == [
            {"type": "l4Book", "coin": "BTC"},
            {"type": "l4Book", "coin": "ETH"},
        ]
        await fake.push("l4Book", l4_snapshot("ETH"))
        await fake.push("l4Book", l4_snapshot("BTC"))
        await fake.push("l4Book", l4_updates("BTC", 11))
        await fake.push("l4Book", l4_updates("ETH", 11))
        snapshot = await btc.receive()
        assert isinstance(snapshot, L4Snapshot)
        assert snapshot.coin == "BTC"
        updates = await btc.receive()
        assert isinstance(updates, L4Updates)
        assert updates.coin == "BTC"
        got = [await eth.receive(), await eth.receive()]
        assert [type(m) for m in got] == [L4Snapshot, L4Updates]
        assert btc.statistics().policy.kind == "fail"


# --- gap-free fills across a reconnect --------------------------------------------------------


async def test_fills_are_delivered_once_across_a_reconnect(
    fake_hyperliquid: FakeHyperliquid,
    autojump_clock: trio.testing.MockClock,
    settings: Settings,
) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network, account=Account(address=ALICE), settings=settings)
    async with api.ws.run():
        sid, stream = await api.ws.subscriptions.user_fills()
        await fake.push("userFills", user_fills(ALICE, [fill(2), fill(1)], snapshot=True))
        await fake.push("userFills", user_fills(ALICE, [fill(3)], snapshot=False))
        first = await stream.receive()
        assert isinstance(first, UserFills)
        assert first.is_snapshot
        assert [f.tid for f in first.fills] == [2, 1]
        live = await stream.receive()
        assert isinstance(live, UserFills)
        assert [f.tid for f in live.fills] == [3]

        await fake.drop()
        await fake.wait_received(is_method("subscribe"), count=2)
        # The server re-sends a snapshot holding old fills and those made while we were away.
        resent = [fill(5), fill(4), fill(3), fill(2), fill(1)]
        await fake.push("userFills", user_fills(ALICE, resent, snapshot=True))
        await fake.push("userFills", user_fills(ALICE, [fill(6)], snapshot=False))

        marker = await stream.receive()
        assert isinstance(marker, StreamRestarted)
        assert marker.sid == sid
        assert marker.subscription == {"type": "userFills", "user": ALICE}
        healed = await stream.receive()
        assert isinstance(healed, UserFills)
        assert healed.is_snapshot
        assert [f.tid for f in healed.fills] == [5, 4]
        after = await stream.receive()
        assert isinstance(after, UserFills)
        assert [f.tid for f in after.fills] == [6]
        await trio.testing.wait_all_tasks_blocked()
        assert stream.statistics().buffered == 0


async def test_event_streams_without_replay_only_get_the_marker(
    fake_hyperliquid: FakeHyperliquid,
    autojump_clock: trio.testing.MockClock,
    settings: Settings,
) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network, settings=settings)
    async with api.ws.run():
        sid, stream = await api.ws.subscriptions.order_updates(address=ALICE)
        await fake.push("orderUpdates", order_updates())
        assert isinstance(await stream.receive(), OrderUpdates)
        await fake.drop()
        await fake.wait_received(is_method("subscribe"), count=2)
        await trio.testing.wait_all_tasks_blocked()
        # Nothing is replayed: the marker is the consumer's cue to reconcile via info.
        marker = await stream.receive()
        assert marker == StreamRestarted(
            sid=sid, subscription={"type": "orderUpdates", "user": ALICE}, connection=2
        )
        assert stream.statistics().buffered == 0
