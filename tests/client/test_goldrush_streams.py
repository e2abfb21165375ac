"""GoldRush channels end to end over the fake's WebSocket, and the networks rule."""

from __future__ import annotations

import pytest

from tests.user_frames import ALICE, BOB
from trio_hl import open_client
from trio_hl.errors import SubscriptionError
from trio_hl.models import L2BookSubscription, TradesSubscription, UserFills, UserFillsSubscription
from trio_hl.models.goldrush import (
    L2BookDiffSubscription,
    L2DiffSnapshot,
    L2DiffUpdates,
    LiquidationFills,
    LiquidationFillsSubscription,
)
from trio_hl.models.l4 import L4Snapshot
from trio_hl.models.subscriptions import L4BookSubscription
from trio_hl.testing import FakeHyperliquid
from trio_hl.testing._goldrush_frames import (
    fill_pairs_data,
    goldrush_fill,
    l2_diff_snapshot_data,
    l2_diff_updates_data,
)

LEVEL = {"px": "100.5", "sz": "2", "n": 3}


async def test_l2_book_diff_over_the_wire(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.goldrush_network("k")) as client,
        client.subscribe(L2BookDiffSubscription(coin=["BTC", "ETH"])) as stream,
    ):
        assert fake.subscribe_frames() == [{"type": "l2BookDiff", "coin": ["BTC", "ETH"]}]
        await fake.push("l2BookDiff", l2_diff_snapshot_data("BTC", [LEVEL], []))
        await fake.push("l2BookDiff", l2_diff_updates_data({"BTC": ([], [LEVEL])}))
        assert isinstance(await stream.receive(), L2DiffSnapshot)
        assert isinstance(await stream.receive(), L2DiffUpdates)


async def test_fill_streams_over_the_wire(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.goldrush_network("k")) as client,
        client.subscribe(LiquidationFillsSubscription()) as liquidations,
        client.subscribe(UserFillsSubscription(user=BOB)) as bob,
    ):
        await fake.push(
            "liquidationFills", fill_pairs_data([(BOB, goldrush_fill(liquidated_user=ALICE))])
        )
        batch = await liquidations.receive()
        assert isinstance(batch, LiquidationFills)
        assert batch.fills[0][1].liquidation is not None
        await fake.push(
            "userFills", fill_pairs_data([(ALICE, goldrush_fill()), (BOB, goldrush_fill(tid=2))])
        )
        only_bob = await bob.receive()
        assert isinstance(only_bob, UserFills)
        assert [f.tid for f in only_bob.fills] == [2]


@pytest.mark.parametrize(
    "request_",
    [
        L2BookSubscription(),  # the coin-less wildcard
        L4BookSubscription(coin="BTC"),
        L2BookDiffSubscription(coin="BTC"),
        LiquidationFillsSubscription(),
    ],
)
async def test_goldrush_only_refused_on_hyperliquid_before_sending(
    fake_hyperliquid: FakeHyperliquid, request_: object
) -> None:
    fake = fake_hyperliquid
    async with open_client(fake.network) as client:
        with pytest.raises(SubscriptionError, match=r"[Uu]se goldrush\(key\)"):
            async with client.subscribe(request_):  # type: ignore[arg-type]
                pass
        assert client.statistics().subscriptions == 0
    assert fake.subscribe_frames() == []


async def test_unserved_channel_refused_on_goldrush(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    async with open_client(fake.goldrush_network("k")) as client:
        with pytest.raises(SubscriptionError, match="GoldRush does not serve trades"):
            async with client.subscribe(TradesSubscription(coin="BTC")):
                pass
        async with client.subscribe(L4BookSubscription(coin="BTC")) as l4:
            await fake.push(
                "l4Book",
                {"Snapshot": {"coin": "BTC", "time": 1, "block_height": 2, "levels": [[], []]}},
            )
            assert isinstance(await l4.receive(), L4Snapshot)
    assert fake.subscribe_frames() == [{"type": "l4Book", "coin": "BTC"}]
