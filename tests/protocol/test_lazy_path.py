"""The client's l2Book path: books routed by their coin, decoded when a consumer takes them.

``Session(lazy_books=True)`` (what the client runs) must deliver what the eager session
delivers, book for book, to the same sids, and fail what it fails: only *when* a failure is
reported differs (when the book is taken, not when the frame arrives). A single book as the
servers write it is routed by the coin in its first bytes, without reading the rest.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trio_hl._protocol._channels import UNDECODABLE, Lazy, _peeked_coin
from trio_hl._protocol._session import Deliver, Limits, Session, Undecodable
from trio_hl.errors import DecodeError
from trio_hl.testing import l2_book_data

from .test_decode_fuzz import json_values, mutated

BODIES: tuple[dict[str, object], ...] = (
    {"type": "l2Book"},
    {"type": "l2Book", "coin": "BTC"},
    {"type": "l2Book", "coin": "ETH", "fast": True},
)


def _session(*, lazy: bool) -> Session:
    session = Session(Limits(max_subscriptions=None, max_users=None), lazy_books=lazy)
    for body in BODIES:
        session.subscribe(body)
    session.connection_made()
    return session


def _outcomes(session: Session, raw: str) -> list[object]:
    """What reaches the consumers: ``(sids, book)`` per delivery, ``"error"`` per failure."""
    out: list[object] = []
    for event in session.receive_message(raw):
        if isinstance(event, Undecodable):
            out.append("error")
        elif isinstance(event, Deliver):
            message = event.message
            if type(message) is Lazy:
                errors: list[DecodeError] = []
                message.report = errors.append
                message = message.value()
                if message is UNDECODABLE:
                    assert len(errors) == 1
                    out.append("error")
                    continue
            out.append((event.sids, repr(message)))
    return out


def _compact(channel: str, data: Any) -> str:
    return json.dumps({"channel": channel, "data": data}, allow_nan=True, separators=(",", ":"))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mutated(frozenset({"l2Book"}))
    | st.tuples(st.just("l2Book"), json_values)
    | st.tuples(st.just("l2Book"), st.lists(mutated(frozenset({"l2Book"})).map(lambda s: s[1])))
)
def test_the_lazy_path_delivers_what_the_eager_path_delivers(sample: tuple[str, Any]) -> None:
    channel, data = sample
    for raw in (_compact(channel, data), json.dumps({"channel": channel, "data": data})):
        # The wildcard wants every coin, so the eager path decodes (and fails) every book too.
        assert _outcomes(_session(lazy=True), raw) == _outcomes(_session(lazy=False), raw)


@pytest.mark.parametrize(
    ("text", "coin"),
    [
        ('{"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[],[]]}}', "BTC"),
        # Not read from the first bytes: the JSON pass reads them.
        ('{"channel":"l2Book","data":{"coin":"ETH","time":1,"levels":[[],[]],"fast":true}}', None),
        ('{"channel":"l2Book","data":{"coin":"B\\u0054C","time":1,"levels":[[],[]]}}', None),
        ('{"channel": "l2Book", "data": {"coin": "BTC"}}', None),
        ('{"channel":"l2Book","data":{"time":1,"coin":"BTC","levels":[[],[]]}}', None),
        ('{"channel":"l2Book","data":{"coin":"BTC', None),
        ('{"channel":"l2Book","data":{"coin":"","time":1}}', None),
    ],
)
def test_which_frames_are_routed_by_their_first_bytes(text: str, coin: str | None) -> None:
    assert _peeked_coin(text) == coin


def test_a_fast_book_routes_apart() -> None:
    raw = _compact("l2Book", {**l2_book_data("ETH", levels=1), "fast": True})
    (event,) = _session(lazy=True).receive_message(raw)
    assert isinstance(event, Deliver)
    assert event.sids == (3,)  # the fast ETH stream, not the wildcard (a fast book)


def test_a_book_routed_by_its_first_coin_must_not_name_another() -> None:
    # JSON's last duplicate key wins in a decode; the book must be of the coin it was
    # routed by, or it is a decode error (reported when taken).
    raw = '{"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[],[]],"coin":"SOL"}}'
    assert _outcomes(_session(lazy=True), raw) == ["error"]


def test_a_truncated_single_book_is_an_error_when_taken() -> None:
    raw = _compact("l2Book", l2_book_data("BTC", levels=2))[:-30]
    (event,) = _session(lazy=True).receive_message(raw)
    assert isinstance(event, Deliver)
    assert event.sids == (1, 2)  # routed by its coin: the wildcard and the BTC stream
    assert _outcomes(_session(lazy=True), raw) == ["error"]
    assert _outcomes(_session(lazy=False), raw) == ["error"]
