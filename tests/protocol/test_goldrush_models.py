"""GoldRush channels: requests, decoding (tolerant of unknown variants), routes, venues."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from tests.protocol.test_l4_models import UPDATES_FRAME
from tests.user_frames import ALICE, BOB, clearinghouse
from trio_hl._protocol._channels import decode_channel, default_policy, subscription_route
from trio_hl._protocol._keys import subscription_key
from trio_hl._protocol._session import Session, SubscribeAcked
from trio_hl._protocol._venues import (
    GOLDRUSH_SERVED_TYPES,
    check_info_venue,
    check_subscription_venue,
    goldrush_only_reason,
)
from trio_hl.errors import ConfigurationError, DecodeError, SubscriptionError
from trio_hl.models import ClearinghouseState, UserFills
from trio_hl.models.goldrush import (
    AllFillsSubscription,
    BatchClearinghouseStateRequest,
    BatchSlotError,
    BuilderFillsByTimeRequest,
    BuilderFillsRequest,
    BuilderFillsSubscription,
    BuilderLiquidationsSubscription,
    GoldRushUnknown,
    L2BookDiff2Subscription,
    L2BookDiffSnapshotRequest,
    L2BookDiffSubscription,
    L2Diff2Batch,
    L2DiffSnapshot,
    L2DiffUpdates,
    L4BookSnapshotRequest,
    L4BookUpdatesSubscription,
    L4UpdatesBatch,
    LiquidationFills,
    LiquidationFillsSubscription,
)
from trio_hl.models.subscriptions import L2BookSubscription
from trio_hl.testing._goldrush_frames import (
    fill_pairs_data,
    goldrush_fill,
    l2_diff2_data,
    l2_diff_snapshot_data,
    l2_diff_updates_data,
    l4_updates_data,
)

LEVEL = {"px": "100.5", "sz": "2", "n": 3}
GONE = {"px": "100.4", "sz": "0", "n": 0}


# --- requests ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_", "wire"),
    [
        (L2BookDiffSubscription(), {"type": "l2BookDiff"}),
        (L2BookDiffSubscription(coin="HYPE"), {"type": "l2BookDiff", "coin": "HYPE"}),
        (
            L2BookDiffSubscription(coin=["ETH", "BTC"]),
            {"type": "l2BookDiff", "coin": ["ETH", "BTC"]},
        ),
        (
            L2BookDiffSubscription(market_types=("spot", "outcome")),
            {"type": "l2BookDiff", "marketTypes": ["spot", "outcome"]},
        ),
        (
            L2BookDiff2Subscription(market_types=["*"]),
            {"type": "l2BookDiff2", "marketTypes": ["*"]},
        ),
        (L4BookUpdatesSubscription(coin="BTC"), {"type": "l4BookUpdates", "coin": "BTC"}),
        (
            L4BookUpdatesSubscription(coin=("BTC", "ETH")),
            {"type": "l4BookUpdates", "coin": ["BTC", "ETH"]},
        ),
        (LiquidationFillsSubscription(), {"type": "liquidationFills"}),
        (
            BuilderFillsSubscription(builder=BOB.upper().replace("0X", "0x"), dex="xyz"),
            {"type": "builderFills", "builder": BOB, "dex": "xyz"},
        ),
        (
            BuilderFillsSubscription(addresses=[ALICE, BOB], aggregate_by_time=True),
            {"type": "builderFills", "addresses": [ALICE, BOB], "aggregateByTime": True},
        ),
        (
            BuilderLiquidationsSubscription(builder=BOB, aggregate_by_time=False),
            {"type": "builderLiquidations", "builder": BOB, "aggregateByTime": False},
        ),
        (AllFillsSubscription(coin="BTC"), {"type": "allFills", "coin": "BTC"}),
        (
            L2BookSubscription(market_types=("perp", "spot")),
            {"type": "l2Book", "marketTypes": ["perp", "spot"]},
        ),
    ],
)
def test_subscription_bodies(request_: Any, wire: dict[str, Any]) -> None:
    assert request_.to_wire() == wire
    expected = "latest" if wire["type"] == "l2Book" else "fail"
    assert default_policy(wire).kind == expected


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (lambda: L2BookDiffSubscription(coin="BTC", market_types=["spot"]), "only without a coin"),
        (lambda: L2BookDiffSubscription(market_types=["*", "perp"]), "alone"),
        (lambda: L2BookDiffSubscription(market_types=[]), "must not be empty"),
        (lambda: L2BookDiffSubscription(market_types=["futures"]), "unknown market types"),
        (lambda: L2BookDiffSubscription(market_types="spot"), "is a list"),
        (lambda: L2BookDiffSubscription(coin=[]), "non-empty list"),
        (lambda: L2BookDiffSubscription(coin=["BTC", "BTC"]), "twice"),
        (lambda: L2BookSubscription(coin="BTC", market_types=["spot"]), "only without a coin"),
        (lambda: L4BookUpdatesSubscription(coin=None), "required"),  # type: ignore[arg-type]
        (lambda: BuilderFillsSubscription(), "exactly one"),
        (lambda: BuilderFillsSubscription(builder=BOB, addresses=[ALICE]), "exactly one"),
        (lambda: BuilderFillsSubscription(builder="0x12"), "not an address"),
        (lambda: BuilderFillsSubscription(addresses=[]), "1 to 1000"),
        (lambda: BuilderFillsSubscription(addresses=[f"0x{i:040x}" for i in range(1001)]), "1000"),
        (lambda: BatchClearinghouseStateRequest(users=[]), "1 to 50"),
        (
            lambda: BatchClearinghouseStateRequest(users=[f"0x{i:040x}" for i in range(51)]),
            "1 to 50 distinct wallets, got 51",
        ),
        (lambda: L2BookDiffSnapshotRequest(coin=""), "non-empty"),
        (lambda: BuilderFillsByTimeRequest(builder=BOB, start_time=5, end_time=1), "before"),
        # An untyped caller's "yes" would otherwise go out as "aggregateByTime": "yes".
        (lambda: AllFillsSubscription(aggregate_by_time="yes"), "must be a bool or None"),  # type: ignore[arg-type]
        (lambda: LiquidationFillsSubscription(aggregate_by_time=1), "must be a bool or None"),  # type: ignore[arg-type]
        (
            lambda: BuilderFillsSubscription(builder=BOB, aggregate_by_time="no"),  # type: ignore[arg-type]
            "must be a bool or None",
        ),
        (
            lambda: BuilderFillsByTimeRequest(builder=BOB, start_time=1, aggregate_by_time="y"),  # type: ignore[arg-type]
            "must be a bool or None",
        ),
        (
            lambda: BuilderLiquidationsSubscription(builder=BOB, aggregate_by_time=0),  # type: ignore[arg-type]
            "must be a bool or None",
        ),
    ],
)
def test_bad_requests_raise_before_sending(build: Any, match: str) -> None:
    with pytest.raises(ConfigurationError, match=match):
        build()


def test_batch_users_are_deduplicated_like_goldrush() -> None:
    request = BatchClearinghouseStateRequest(users=[BOB, ALICE, BOB.upper().replace("0X", "0x")])
    assert request.users == (BOB, ALICE)
    assert request.to_wire() == {"type": "batchClearinghouseState", "users": [BOB, ALICE]}
    # 60 entries, 50 distinct: accepted
    many = [f"0x{i % 50:040x}" for i in range(60)]
    assert len(BatchClearinghouseStateRequest(users=many).users) == 50


def test_batch_reply_keeps_failed_slots() -> None:
    request = BatchClearinghouseStateRequest(users=[BOB, ALICE])
    error = {"error": "upstream_error", "user": ALICE, "message": "upstream returned HTTP 500"}
    reply = request.decode([clearinghouse(), error])
    assert isinstance(reply.get(BOB), ClearinghouseState)
    failed = reply.get(ALICE)
    assert isinstance(failed, BatchSlotError)
    assert failed.error == "upstream_error"
    assert failed.message == "upstream returned HTTP 500"
    assert reply.failed == (failed,)
    assert list(reply.states()) == [BOB]
    with pytest.raises(DecodeError, match="1 slots for 2 wallets"):
        request.decode([clearinghouse()])


def test_snapshot_and_builder_info_replies() -> None:
    snap = L2BookDiffSnapshotRequest(coin="BTC").decode(
        {
            "coin": "BTC",
            "time": 1,
            "height": 50,
            "epoch": "e1",
            "seq": 9,
            "levels": [[LEVEL], []],
        }
    )
    assert (snap.height, snap.epoch, snap.seq, snap.levels[0][0].px) == (
        50,
        "e1",
        9,
        Decimal("100.5"),
    )
    updates = json.loads(UPDATES_FRAME)["data"]["Updates"]
    order = updates["order_statuses"][0]["order"]
    l4 = L4BookSnapshotRequest(coin="BTC").decode(
        {"coin": "BTC", "height": 5, "epoch": "e", "seq": 1, "levels": [[order], []]}
    )
    assert l4.levels[0][0].oid == order["oid"]
    with pytest.raises(DecodeError):
        L4BookSnapshotRequest(coin="BTC").decode({"coin": "BTC", "height": 5, "levels": [[], []]})
    fills = BuilderFillsRequest(builder=BOB).decode(
        [goldrush_fill(builder=BOB), [ALICE, goldrush_fill(tid=2)]]
    )
    assert [f.user for f in fills] == [None, ALICE]
    assert fills[0].fill.builder == BOB
    assert BuilderFillsByTimeRequest(builder=BOB, start_time=1).to_wire() == {
        "type": "builderFillsByTime",
        "builder": BOB,
        "startTime": 1,
    }


# --- decoding ----------------------------------------------------------------------------------


def _one(channel: str, data: Any) -> Any:
    routed = decode_channel(channel, data)
    assert routed is not None
    assert len(routed) == 1
    return routed[0]


def test_l2_book_diff_snapshot_and_updates() -> None:
    snap = _one("l2BookDiff", l2_diff_snapshot_data("BTC", [LEVEL], [], block_height=10))
    assert snap.routes == (("l2BookDiff",),)
    assert isinstance(snap.message, L2DiffSnapshot)
    assert snap.message.block_height == 10
    updates = _one("l2BookDiff", l2_diff_updates_data({"BTC": ([GONE], [LEVEL])}))
    message = updates.message
    assert isinstance(message, L2DiffUpdates)
    (btc,) = message.diffs
    assert [(c.side, c.removes) for c in btc.changes] == [("B", True), ("A", False)]


def test_l2_diff_accepts_per_level_entries_too() -> None:
    data = {
        "Updates": {
            "time": 1,
            "height": 4,
            "book_diffs": [
                {"coin": "BTC", "side": "B", "px": "1", "sz": "0"},  # a removal, no n
                {"coin": "BTC", "side": "A", "px": "2", "sz": "3", "n": 1},
                {"coin": "ETH", "side": "A", "px": "5", "sz": "1", "n": 2},
            ],
        }
    }
    message = _one("l2BookDiff", data).message
    assert isinstance(message, L2DiffUpdates)
    assert message.block_height == 4
    assert [(d.coin, len(d.changes)) for d in message.diffs] == [("BTC", 2), ("ETH", 1)]
    assert message.diffs[0].changes[0].n == 0


@pytest.mark.parametrize(
    ("channel", "data"),
    [
        ("l2BookDiff", {"Checkpoint": {"coin": "BTC"}}),
        ("l2BookDiff", "hello"),
        ("l2BookDiff2", {"Snapshot": {"coin": "BTC"}}),
        ("l4BookUpdates", {"Heartbeat": {}}),
        ("liquidationFills", {"status": "warming up"}),
    ],
)
def test_unknown_variants_keep_their_raw_json(channel: str, data: Any) -> None:
    message = _one(channel, data).message
    assert message == GoldRushUnknown(channel=channel, raw=data)


@pytest.mark.parametrize(
    ("channel", "data"),
    [
        ("l2BookDiff", {"Updates": {"time": 1, "diffs": [{"coin": "BTC", "bids": [{"px": "x"}]}]}}),
        ("l2BookDiff2", l2_diff2_data([("BTC", "8", 7, [LEVEL], [])])),  # type: ignore[list-item]
        ("l2BookDiff2", l2_diff2_data([("BTC", 8, 7, [], []), ("BTC", 9, 8, [], [])])),
        ("l4BookUpdates", l4_updates_data([("BTC", 1, None, [], [])])),  # type: ignore[list-item]
        ("allFills", {"fills": [["0xabc"]]}),
    ],
)
def test_known_shapes_with_bad_values_are_decode_errors(channel: str, data: Any) -> None:
    with pytest.raises(DecodeError, match=channel):
        decode_channel(channel, data)


def test_sequenced_batches() -> None:
    batch = _one("l2BookDiff2", l2_diff2_data([("BTC", 8, 7, [LEVEL], [GONE])], epoch="E"))
    assert batch.routes == (("l2BookDiff2",),)
    message = batch.message
    assert isinstance(message, L2Diff2Batch)
    assert (message.epoch, message.diffs[0].seq, message.diffs[0].prev_seq) == ("E", 8, 7)
    raw = json.loads(UPDATES_FRAME)["data"]["Updates"]
    l4 = _one(
        "l4BookUpdates",
        l4_updates_data([("BTC", 3, 2, raw["order_statuses"], raw["book_diffs"])]),
    ).message
    assert isinstance(l4, L4UpdatesBatch)
    assert len(l4.diffs[0].book_diffs) == len(raw["book_diffs"])


def test_fill_streams_are_address_fill_pairs() -> None:
    data = fill_pairs_data(
        [(BOB.upper().replace("0X", "0x"), goldrush_fill(liquidated_user=ALICE))]
    )
    routed = _one("liquidationFills", data)
    assert routed.routes == (("liquidationFills",),)
    batch = routed.message
    assert isinstance(batch, LiquidationFills)
    ((who, fill),) = batch.fills
    assert who == BOB
    assert fill.liquidation is not None
    assert fill.liquidation.liquidated_user == ALICE


def test_goldrush_user_fills_pairs_become_one_message_per_wallet() -> None:
    data = fill_pairs_data(
        [(ALICE, goldrush_fill()), (BOB, goldrush_fill(tid=2)), (ALICE, goldrush_fill(tid=3))]
    )
    routed = decode_channel("userFills", data)
    assert routed is not None
    assert [r.routes for r in routed] == [(("userFills", ALICE),), (("userFills", BOB),)]
    first = routed[0].message
    assert isinstance(first, UserFills)
    assert [f.tid for f in first.fills] == [1, 3]
    with pytest.raises(DecodeError):
        decode_channel("userFills", {"fills": [["0xabc"]]})


# --- routes and venues --------------------------------------------------------------------------


def test_batch_channels_route_as_the_bare_channel_and_match_exact_bodies() -> None:
    body = L2BookDiffSubscription(coin=["BTC", "ETH"]).to_wire()
    assert subscription_route(body) == ("l2BookDiff",)
    other = L2BookDiffSubscription(coin=["ETH", "BTC"]).to_wire()
    assert subscription_key(body) != subscription_key(other)  # list order is part of the body
    session = Session(venue="goldrush")
    session.connection_made()
    _, _, frame = session.subscribe(body)
    assert frame is not None
    assert json.loads(frame)["subscription"] == body
    with pytest.raises(SubscriptionError, match="cannot be told apart"):
        session.subscribe(other)


def test_unsubscribe_sends_the_exact_multi_coin_body() -> None:
    session = Session(venue="goldrush")
    session.connection_made()
    body = L4BookUpdatesSubscription(coin=["ETH", "BTC"]).to_wire()
    sid, _, _ = session.subscribe(body)
    events = session.receive_message(
        json.dumps(
            {
                "channel": "subscriptionResponse",
                "data": {"method": "subscribe", "subscription": body},
            }
        )
    )
    assert any(isinstance(e, SubscribeAcked) for e in events)
    frame = session.unsubscribe(sid)
    assert frame is not None
    assert json.loads(frame) == {"method": "unsubscribe", "subscription": body}


@pytest.mark.parametrize(
    "body",
    [
        {"type": "l2Book"},
        {"type": "l2Book", "marketTypes": ["spot"]},
        {"type": "l4Book", "coin": "BTC"},
        {"type": "l2BookDiff"},
        {"type": "l2BookDiff2", "coin": "BTC"},
        {"type": "l4BookUpdates", "coin": "BTC"},
        {"type": "liquidationFills"},
        {"type": "builderFills", "builder": BOB},
        {"type": "builderLiquidations", "builder": BOB},
        {"type": "allFills"},
        {"type": "userFills", "addresses": [BOB]},
        {"type": "builderFills", "addresses": [BOB]},
    ],
)
def test_goldrush_only_subscriptions_refused_on_hyperliquid(body: dict[str, Any]) -> None:
    assert goldrush_only_reason(body) is not None
    with pytest.raises(SubscriptionError, match=r"goldrush\(key\)"):
        check_subscription_venue("hyperliquid", body)
    check_subscription_venue("goldrush", body)
    check_subscription_venue("any", body)
    session = Session(venue="hyperliquid")
    session.connection_made()
    with pytest.raises(SubscriptionError):
        session.subscribe(body)
    assert session.wire_count == 0


@pytest.mark.parametrize(
    "body",
    [
        {"type": "trades", "coin": "BTC"},
        {"type": "bbo", "coin": "BTC"},
        {"type": "allMids"},
        {"type": "webData3", "user": BOB},
        {"type": "candle", "coin": "BTC", "interval": "1m"},
    ],
)
def test_unserved_channels_refused_on_goldrush(body: dict[str, Any]) -> None:
    with pytest.raises(SubscriptionError, match=f"GoldRush does not serve {body['type']}"):
        check_subscription_venue("goldrush", body)
    check_subscription_venue("hyperliquid", body)
    assert body["type"] not in GOLDRUSH_SERVED_TYPES


def test_goldrush_only_info_types_refused_on_hyperliquid() -> None:
    with pytest.raises(ConfigurationError, match="served only by GoldRush"):
        check_info_venue("hyperliquid", {"type": "l2BookDiffSnapshot", "coin": "BTC"})
    check_info_venue("goldrush", {"type": "l2BookDiffSnapshot", "coin": "BTC"})
    check_info_venue("hyperliquid", {"type": "allMids"})
