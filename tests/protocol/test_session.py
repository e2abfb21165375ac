"""The session state machine, driven synchronously (no trio), as h11 tests its core."""

from __future__ import annotations

import json
from typing import Any

import pytest

from trio_hl._protocol._session import (
    _MAX_TARGETS,
    Deliver,
    Limits,
    Pong,
    PostRejected,
    PostReplied,
    ServerNotice,
    Session,
    SubscribeAcked,
    SubscriptionRejected,
    Undecodable,
)
from trio_hl.errors import ConfigurationError, SubscriptionError
from trio_hl.models import L2Book, Trades
from trio_hl.testing import l2_book_data, trade_data

BTC = {"type": "l2Book", "coin": "BTC"}


def frame(channel: str, data: Any = None) -> str:
    return json.dumps({"channel": channel, "data": data})


def connected(limits: Limits | None = None) -> Session:
    session = Session(limits)
    assert session.connection_made() == []
    return session


def test_refcount_sends_one_subscribe_and_one_unsubscribe() -> None:
    session = connected()
    sid1, key1, frame1 = session.subscribe(BTC)
    sid2, key2, frame2 = session.subscribe(dict(BTC))
    assert key1 == key2
    assert json.loads(frame1 or "") == {"method": "subscribe", "subscription": BTC}
    assert frame2 is None
    assert session.unsubscribe(sid1) is None
    assert json.loads(session.unsubscribe(sid2) or "") == {
        "method": "unsubscribe",
        "subscription": BTC,
    }
    assert session.wire_count == 0


def test_unknown_sid_is_a_clear_error() -> None:
    with pytest.raises(ConfigurationError, match="unknown subscription id 7"):
        connected().unsubscribe(7)


def test_delivery_reaches_every_local_consumer_once() -> None:
    session = connected()
    sid1, _, _ = session.subscribe(BTC)
    sid2, _, _ = session.subscribe(BTC)
    (event,) = session.receive_message(frame("l2Book", l2_book_data("BTC", levels=1)))
    assert isinstance(event, Deliver)
    assert event.sids == (sid1, sid2)
    assert isinstance(event.message, L2Book)


def test_wildcard_and_coin_both_receive_a_book() -> None:
    session = connected()
    wild, _, _ = session.subscribe({"type": "l2Book"})
    btc, _, _ = session.subscribe(BTC)
    (event,) = session.receive_message(frame("l2Book", l2_book_data("BTC", levels=1)))
    assert isinstance(event, Deliver)
    assert event.sids == (wild, btc)
    (eth,) = session.receive_message(frame("l2Book", l2_book_data("ETH", levels=1)))
    assert isinstance(eth, Deliver)
    assert eth.sids == (wild,)


def test_routing_follows_every_subscription_change_between_messages() -> None:
    # The session remembers who receives each route; every change of subscriptions since
    # the last message must show in the next one.
    session = connected()
    book = frame("l2Book", l2_book_data("BTC", levels=1))

    def sids() -> list[tuple[int, ...]]:
        return [e.sids for e in session.receive_message(book) if isinstance(e, Deliver)]

    assert sids() == []
    btc, _, _ = session.subscribe(BTC)
    assert sids() == [(btc,)]
    again, _, _ = session.subscribe(BTC)  # a second consumer of the same wire subscription
    assert sids() == [(btc, again)]
    wild, _, _ = session.subscribe({"type": "l2Book"})
    assert sids() == [(btc, again, wild)]
    session.unsubscribe(btc)
    assert sids() == [(again, wild)]
    session.unsubscribe(again)
    assert sids() == [(wild,)]
    # The server refuses the wildcard: nobody receives BTC books any more.
    session.receive_message(frame("error", 'Invalid subscription {"type":"l2Book"}'))
    assert session.sids() == ()
    assert sids() == []


def test_the_routing_memo_stays_bounded() -> None:
    session = connected()
    wild, _, _ = session.subscribe({"type": "l2Book"})
    for i in range(_MAX_TARGETS + 100):
        (event,) = session.receive_message(frame("l2Book", l2_book_data(f"C{i}", levels=1)))
        assert isinstance(event, Deliver)
        assert event.sids == (wild,)
    assert len(session._targets) <= _MAX_TARGETS


def test_batch_of_books_splits_per_coin() -> None:
    session = connected()
    _wild, _, _ = session.subscribe({"type": "l2Book"})
    events = session.receive_message(
        frame("l2Book", [l2_book_data("BTC", levels=1), l2_book_data("ETH", levels=1)])
    )
    coins = [
        e.message.coin for e in events if isinstance(e, Deliver) and isinstance(e.message, L2Book)
    ]
    assert coins == ["BTC", "ETH"]


def test_empty_trades_route_nowhere() -> None:
    session = connected()
    session.subscribe({"type": "trades", "coin": "BTC"})
    assert session.receive_message(frame("trades", [])) == []
    (event,) = session.receive_message(
        frame("trades", [trade_data("BTC"), trade_data("BTC", tid=2)])
    )
    assert isinstance(event, Deliver)
    assert isinstance(event.message, Trades)
    assert [t.tid for t in event.message.trades] == [455478288652533, 2]


def test_indistinguishable_subscriptions_are_refused() -> None:
    session = connected()
    session.subscribe(BTC)
    with pytest.raises(SubscriptionError, match="cannot be told apart"):
        session.subscribe({"type": "l2Book", "coin": "BTC", "nSigFigs": 5})


def test_subscription_limit() -> None:
    session = connected(Limits(max_subscriptions=2))
    session.subscribe({"type": "bbo", "coin": "A"})
    session.subscribe({"type": "bbo", "coin": "B"})
    session.subscribe({"type": "bbo", "coin": "B"})  # refcounted: not a new wire sub
    with pytest.raises(SubscriptionError, match="limit reached"):
        session.subscribe({"type": "bbo", "coin": "C"})


def test_ack_matches_by_subset_of_normalised_echo() -> None:
    session = connected()
    _, key, _ = session.subscribe(BTC)
    echo = {"type": "l2Book", "coin": "BTC", "nSigFigs": None, "mantissa": None}
    events = session.receive_message(
        frame("subscriptionResponse", {"method": "subscribe", "subscription": echo})
    )
    assert events == [SubscribeAcked(key)]
    # A second ack for the same key matches nothing pending.
    assert (
        session.receive_message(
            frame("subscriptionResponse", {"method": "subscribe", "subscription": echo})
        )
        == []
    )


def test_invalid_subscription_error_rejects_the_pending_subscription() -> None:
    session = connected()
    sid, key, _ = session.subscribe({"type": "trades", "coin": "NOPE"})
    text = 'Invalid subscription {"type":"trades","coin":"NOPE"}'
    assert session.receive_message(frame("error", text)) == [
        SubscriptionRejected(key, (sid,), text)
    ]
    assert session.wire_count == 0
    assert session.sids() == ()


def test_post_ids_replies_and_trailing_id_errors() -> None:
    session = connected()
    first, text = session.post("info", {"type": "allMids"})
    assert json.loads(text) == {
        "method": "post",
        "id": first,
        "request": {"type": "info", "payload": {"type": "allMids"}},
    }
    second, _ = session.post("info", {"type": "meta"})
    assert second == first + 1
    reply: dict[str, Any] = {
        "id": first,
        "response": {"type": "info", "payload": {"type": "allMids", "data": {}}},
    }
    (event,) = session.receive_message(frame("post", reply))
    assert event == PostReplied(first, reply["response"])
    (rejected,) = session.receive_message(
        frame("error", f"too many pending post requests id={second}")
    )
    assert rejected == PostRejected(second, f"too many pending post requests id={second}")


def test_parse_error_echo_with_id_fails_that_post() -> None:
    session = connected()
    post_id, text = session.post("info", {"type": "x"})
    error = f"Error parsing JSON into valid websocket request: {text}"
    assert session.receive_message(frame("error", error)) == [PostRejected(post_id, error)]


def test_unmatched_errors_become_notices() -> None:
    session = connected()
    text = "Cannot track more than 15 total users."
    assert session.receive_message(frame("error", text)) == [ServerNotice(text)]


def test_connection_lost_splits_sent_from_unsent() -> None:
    session = connected()
    sent, _ = session.post("info", {"type": "a"})
    unsent, _ = session.post("info", {"type": "b"})
    session.post_sent(sent)
    lost = session.connection_lost()
    assert lost.sent == (sent,)
    assert lost.unsent == (unsent,)
    assert session.pending_posts == 0


def test_which_streams_get_a_restart_marker() -> None:
    session = connected()
    lived, _, _ = session.subscribe(BTC)
    gone, _, _ = session.subscribe({"type": "trades", "coin": "BTC"})
    assert session.take_restarted() == ()  # nothing was lost yet
    session.connection_lost()
    session.unsubscribe(gone)  # left while disconnected: no marker
    fresh, _, _ = session.subscribe({"type": "bbo", "coin": "BTC"})  # starts afresh
    session.connection_made()
    assert session.take_restarted() == (lived,)
    assert fresh != lived
    assert session.take_restarted() == ()  # once per reconnect


def test_reconnect_resubscribes_exact_bodies() -> None:
    session = connected()
    body = {"type": "l2Book", "coin": "BTC", "nSigFigs": 5, "mantissa": 2}
    session.subscribe(body)
    session.connection_lost()
    frames = session.connection_made()
    assert [json.loads(f) for f in frames] == [{"method": "subscribe", "subscription": body}]


def test_subscribe_while_disconnected_is_sent_on_connect() -> None:
    session = Session()
    _, _, frame_now = session.subscribe(BTC)
    assert frame_now is None
    assert len(session.connection_made()) == 1


def test_unsubscribe_while_disconnected_sends_nothing() -> None:
    session = connected()
    sid, _, _ = session.subscribe(BTC)
    session.connection_lost()
    assert session.unsubscribe(sid) is None
    assert session.connection_made() == []


@pytest.mark.parametrize(
    "raw",
    ["not json", "[1,2]", '{"data": 1}', frame("bbo", {"coin": "BTC"})],
)
def test_malformed_frames_become_undecodable(raw: str) -> None:
    session = connected()
    session.subscribe({"type": "bbo", "coin": "BTC"})
    (event,) = session.receive_message(raw)
    assert isinstance(event, Undecodable)


def test_banner_and_pong() -> None:
    session = connected()
    assert session.receive_message("Websocket connection established.") == []
    assert session.receive_message('{"channel":"pong"}') == [Pong()]
