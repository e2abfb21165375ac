"""User streams in the sans-IO session: refusals, limits and the gap-free fills filter."""

from __future__ import annotations

import json
from typing import Any

import pytest

from trio_hl._protocol._channels import CHANNELS, filter_for
from trio_hl._protocol._dedupe import FILL_MEMORY, FillDeduplicator
from trio_hl._protocol._session import Deliver, Limits, Session
from trio_hl.errors import SubscriptionError
from trio_hl.models import UserFill, UserFills, UserFillsSubscription

from ..user_frames import ALICE, BOB, fill, user_fills

CAROL = "0x" + "c" * 40


def frame(channel: str, data: Any) -> str:
    return json.dumps({"channel": channel, "data": data})


def connected(limits: Limits | None = None) -> Session:
    session = Session(limits)
    session.connection_made()
    return session


def delivered(session: Session, channel: str, data: Any) -> list[Deliver]:
    events = session.receive_message(frame(channel, data))
    assert all(isinstance(e, Deliver) for e in events)
    return [e for e in events if isinstance(e, Deliver)]


# --- refusal rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "channel"),
    [("orderUpdates", "orderUpdates"), ("userEvents", "user"), ("notification", "notification")],
)
def test_channels_without_user_serve_one_user_per_connection(kind: str, channel: str) -> None:
    session = connected()
    first, _, _ = session.subscribe({"type": kind, "user": ALICE})
    again, _, frame_again = session.subscribe({"type": kind, "user": ALICE.upper()[:2] + ALICE[2:]})
    assert frame_again is None  # the same user twice is refcounted, not refused
    with pytest.raises(SubscriptionError) as info:
        session.subscribe({"type": kind, "user": BOB})
    message = str(info.value)
    assert f"{kind} for {BOB}" in message
    assert f"already carries {kind} for {ALICE}" in message
    assert f"channel {channel!r}" in message
    assert "carry no user" in message
    assert "mis-delivered" in message
    assert "second client" in message
    # Nothing leaked from the refused attempt; the live stream keeps its consumers.
    assert session.sids() == (first, again)
    assert session.wire_count == 1


def test_a_second_user_is_allowed_once_the_first_left() -> None:
    session = connected()
    sid, _, _ = session.subscribe({"type": "orderUpdates", "user": ALICE})
    session.unsubscribe(sid)
    _, _, sent = session.subscribe({"type": "orderUpdates", "user": BOB})
    assert sent is not None


def test_different_unattributed_channels_may_have_different_users() -> None:
    session = connected()
    session.subscribe({"type": "orderUpdates", "user": ALICE})
    session.subscribe({"type": "userEvents", "user": BOB})
    session.subscribe({"type": "notification", "user": CAROL})
    assert session.wire_count == 3


@pytest.mark.parametrize(
    ("plain", "flagged"),
    [
        ({"type": "userFills", "user": ALICE}, {"aggregateByTime": True}),
        ({"type": "spotState", "user": ALICE}, {"ignorePortfolioMargin": True}),
    ],
)
def test_unechoed_flags_are_refused_as_indistinguishable(
    plain: dict[str, Any], flagged: dict[str, Any]
) -> None:
    session = connected()
    session.subscribe(plain)
    with pytest.raises(SubscriptionError, match="cannot be told apart"):
        session.subscribe({**plain, **flagged})
    # ...in either order, and another user is fine.
    other = connected()
    other.subscribe({**plain, **flagged})
    with pytest.raises(SubscriptionError, match="parameters that differ"):
        other.subscribe(plain)
    other.subscribe({**plain, "user": BOB})


def test_user_channels_with_routing_keys_allow_several_users() -> None:
    session = connected()
    for user in (ALICE, BOB):
        session.subscribe({"type": "userFills", "user": user})
        session.subscribe({"type": "clearinghouseState", "user": user})
        session.subscribe({"type": "clearinghouseState", "user": user, "dex": "xyz"})
        session.subscribe({"type": "activeAssetData", "user": user, "coin": "BTC"})
        session.subscribe({"type": "activeAssetData", "user": user, "coin": "ETH"})
    assert session.wire_count == 10


# --- limits --------------------------------------------------------------------------------

USER_TYPES = [
    "webData2",
    "webData3",
    "orderUpdates",
    "userEvents",
    "notification",
    "userFills",
    "userFundings",
    "userNonFundingLedgerUpdates",
    "userTwapSliceFills",
    "userTwapHistory",
    "userHistoricalOrders",
    "spotState",
    "allDexsClearinghouseState",
    "clearinghouseState",
    "openOrders",
    "twapStates",
]


@pytest.mark.parametrize("kind", [*USER_TYPES, "activeAssetData"])
def test_every_user_channel_counts_towards_the_user_limit(kind: str) -> None:
    session = connected(Limits(max_users=2))
    session.subscribe({"type": "userFills", "user": ALICE})
    session.subscribe({"type": "userFundings", "user": BOB})
    body = {"type": kind, "user": CAROL, "coin": "BTC"}
    if kind != "activeAssetData":
        del body["coin"]
    with pytest.raises(SubscriptionError) as info:
        session.subscribe(body)
    message = str(info.value)
    assert "distinct user limit reached" in message
    assert CAROL in message
    assert "2 users (Limits.max_users)" in message
    # More streams of a user already tracked do not count.
    session.subscribe({**body, "user": ALICE.upper().replace("0X", "0x")})


def test_user_limit_frees_up_when_a_user_leaves() -> None:
    session = connected(Limits(max_users=1))
    sid, _, _ = session.subscribe({"type": "webData3", "user": ALICE})
    with pytest.raises(SubscriptionError):
        session.subscribe({"type": "webData3", "user": BOB})
    session.unsubscribe(sid)
    session.subscribe({"type": "webData3", "user": BOB})


def test_default_limits_are_the_documented_ones() -> None:
    session = connected()
    for i in range(10):
        session.subscribe({"type": "userFills", "user": f"0x{i:040x}"})
    with pytest.raises(SubscriptionError, match="10 users"):
        session.subscribe({"type": "userFills", "user": f"0x{10:040x}"})
    assert Limits().max_subscriptions == 1000


def test_subscription_limit_counts_user_and_market_streams_alike() -> None:
    session = connected(Limits(max_subscriptions=3))
    session.subscribe({"type": "userFills", "user": ALICE})
    session.subscribe({"type": "spotAssetCtxs"})
    session.subscribe({"type": "orderUpdates", "user": ALICE})
    with pytest.raises(SubscriptionError) as info:
        session.subscribe({"type": "userFundings", "user": ALICE})
    assert "already has 3 subscriptions (Limits.max_subscriptions)" in str(info.value)


def test_no_caps_without_limits() -> None:
    session = connected(Limits(max_subscriptions=None, max_users=None))
    for i in range(1200):
        session.subscribe({"type": "webData3", "user": f"0x{i:040x}"})
    assert session.wire_count == 1200


# --- routing -------------------------------------------------------------------------------


def test_user_frames_reach_only_their_users_stream() -> None:
    session = connected()
    alice, _, _ = session.subscribe({"type": "userFundings", "user": ALICE})
    bob, _, _ = session.subscribe({"type": "userFundings", "user": BOB})
    data: dict[str, object] = {"user": BOB, "fundings": []}
    (event,) = delivered(session, "userFundings", data)
    assert event.sids == (bob,)
    assert delivered(session, "userFundings", {"user": CAROL, "fundings": []}) == []
    assert alice != bob


def test_user_events_channel_user_reaches_the_user_events_subscription() -> None:
    session = connected()
    sid, _, _ = session.subscribe({"type": "userEvents", "user": ALICE})
    (event,) = delivered(session, "user", {"nonUserCancel": []})
    assert event.sids == (sid,)


# --- gap-free fills --------------------------------------------------------------------------


def fills(message: object) -> list[int]:
    assert isinstance(message, UserFills)
    return [f.tid for f in message.fills]


def test_only_user_fills_has_a_filter() -> None:
    assert {kind for kind, row in CHANNELS.items() if row.dedupe is not None} == {"userFills"}
    assert isinstance(filter_for(UserFillsSubscription(user=ALICE).to_wire()), FillDeduplicator)
    assert filter_for({"type": "userFundings", "user": ALICE}) is None


def test_snapshot_after_reconnect_delivers_only_new_fills() -> None:
    session = connected()
    sid, _, _ = session.subscribe({"type": "userFills", "user": ALICE})
    (first,) = delivered(session, "userFills", user_fills(ALICE, [fill(1), fill(2)], snapshot=True))
    assert first.sids == (sid,)
    assert fills(first.message) == [1, 2]
    (live,) = delivered(session, "userFills", user_fills(ALICE, [fill(3)], snapshot=False))
    assert fills(live.message) == [3]
    session.connection_lost()
    session.connection_made()
    resent = user_fills(ALICE, [fill(5), fill(4), fill(3), fill(2), fill(1)], snapshot=True)
    (snapshot,) = delivered(session, "userFills", resent)
    assert fills(snapshot.message) == [5, 4]
    assert isinstance(snapshot.message, UserFills)
    assert snapshot.message.is_snapshot


def test_a_snapshot_with_nothing_new_is_still_delivered_empty() -> None:
    session = connected()
    session.subscribe({"type": "userFills", "user": ALICE})
    delivered(session, "userFills", user_fills(ALICE, [fill(1)], snapshot=True))
    (again,) = delivered(session, "userFills", user_fills(ALICE, [fill(1)], snapshot=True))
    assert fills(again.message) == []
    # A live frame of nothing but repeats is not delivered at all.
    assert delivered(session, "userFills", user_fills(ALICE, [fill(1)], snapshot=False)) == []


def test_dedupe_state_is_per_wire_subscription() -> None:
    session = connected()
    sid, _, _ = session.subscribe({"type": "userFills", "user": ALICE})
    session.subscribe({"type": "userFills", "user": BOB})
    delivered(session, "userFills", user_fills(ALICE, [fill(1)], snapshot=True))
    (bob_first,) = delivered(session, "userFills", user_fills(BOB, [fill(1)], snapshot=True))
    assert fills(bob_first.message) == [1]
    # A new subscription (after the last consumer left) starts from scratch.
    session.unsubscribe(sid)
    session.subscribe({"type": "userFills", "user": ALICE})
    (fresh,) = delivered(session, "userFills", user_fills(ALICE, [fill(1)], snapshot=True))
    assert fills(fresh.message) == [1]


def test_refcounted_consumers_share_one_filter() -> None:
    session = connected()
    one, _, _ = session.subscribe({"type": "userFills", "user": ALICE})
    two, _, _ = session.subscribe({"type": "userFills", "user": ALICE})
    (event,) = delivered(session, "userFills", user_fills(ALICE, [fill(1)], snapshot=True))
    assert event.sids == (one, two)


def make_fill(tid: int, time: int, **changes: Any) -> UserFill:
    from trio_hl._convert import CONVERTER

    return CONVERTER.structure(fill(tid, time=time, **changes), UserFill)


def test_fill_identity_falls_back_to_hash_oid_and_time() -> None:
    dedupe = FillDeduplicator()
    a = make_fill(0, 100, oid=7)
    b = make_fill(0, 100, oid=8)
    c = make_fill(0, 101, oid=7)
    message = UserFills(user=ALICE, fills=(a, b, c, a))
    out = dedupe(message)
    assert isinstance(out, UserFills)
    assert out.fills == (a, b, c)
    assert dedupe(UserFills(user=ALICE, fills=(a,))) is None


def test_memory_is_bounded_and_old_fills_stay_delivered_once() -> None:
    dedupe = FillDeduplicator(memory=3)
    for tid in range(1, 7):
        assert dedupe(UserFills(user=ALICE, fills=(make_fill(tid, 1000 + tid),))) is not None
        assert dedupe.remembered <= 3
    assert dedupe.remembered == 3
    assert dedupe.horizon == 1003  # fills 1..3 were forgotten
    # A snapshot re-listing everything, newest first, plus one new fill.
    snapshot = UserFills(
        is_snapshot=True,
        user=ALICE,
        fills=tuple(make_fill(tid, 1000 + tid) for tid in range(7, 0, -1)),
    )
    out = dedupe(snapshot)
    assert fills(out) == [7]


def test_a_first_snapshot_longer_than_memory_is_delivered_whole() -> None:
    dedupe = FillDeduplicator(memory=4)
    newest_first = tuple(make_fill(tid, 1000 + tid) for tid in range(10, 0, -1))
    first = UserFills(is_snapshot=True, user=ALICE, fills=newest_first)
    assert dedupe(first) is first  # untouched: same object
    assert dedupe.remembered == 4
    assert fills(dedupe(UserFills(is_snapshot=True, user=ALICE, fills=newest_first))) == []


def test_other_messages_pass_through_and_memory_must_be_positive() -> None:
    dedupe = FillDeduplicator()
    marker = object()
    assert dedupe(marker) is marker
    assert FillDeduplicator().memory == FILL_MEMORY == 10_000
    with pytest.raises(ValueError, match="at least 1"):
        FillDeduplicator(memory=0)


def test_memory_footprint_at_the_default_bound() -> None:
    import sys

    dedupe = FillDeduplicator()
    for tid in range(1, FILL_MEMORY + 500):
        dedupe(UserFills(user=ALICE, fills=(make_fill(tid, tid),)))
    assert dedupe.remembered == FILL_MEMORY
    heap = dedupe._oldest
    size = sys.getsizeof(dedupe._seen) + sys.getsizeof(heap)
    size += sum(sys.getsizeof(entry) for entry in heap)
    assert size < 2_000_000
