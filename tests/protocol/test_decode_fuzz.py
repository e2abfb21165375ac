"""Fuzzing the decode path: whatever the server sends, only trio_hl's own errors escape.

``decode_frame`` (the public one-shot decoder) and ``Session.receive_message`` (the reader's
path: decoding from text, lazy per-coin decoding, message filters) are fed arbitrary text,
arbitrary JSON, arbitrary JSON under every known channel, and valid frames of every
channel with a random part replaced, removed or duplicated. ``decode_frame`` may only
return messages or raise a :class:`~trio_hl.errors.HyperliquidError`; the session may only
return events (malformed input becomes ``Undecodable``). A ``TypeError``, ``KeyError``,
``RecursionError``... escaping from either is a bug.

The fast path of the converter and the text path are checked against cattrs' own hooks
on the same inputs in ``test_fast_path.py``.
"""

from __future__ import annotations

import contextlib
import copy
import json
from typing import Any, cast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trio_hl import decode_frame
from trio_hl._protocol._channels import TEXT_CHANNELS, iter_decode_text
from trio_hl._protocol._frames import channel_prefix, loads
from trio_hl._protocol._session import Limits, Session
from trio_hl.errors import HyperliquidError
from trio_hl.testing import l2_book_data

from .channel_samples import SAMPLES

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**63, max_value=2**80)  # beyond 64 bits
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["NaN", "-Infinity", "1e999", "0x1", "", "BTC", "remove", "B", "A"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=16,
)
channels = st.sampled_from(sorted({channel for channel, _ in SAMPLES} | {"pong", "error", "post"}))


def _dumps(obj: Any) -> str:
    return json.dumps(obj, allow_nan=True)


@st.composite
def mutated(draw: st.DrawFn, channels: frozenset[str] | None = None) -> tuple[str, Any]:
    """A valid sample (of ``channels``, if given) with one part replaced, removed or
    duplicated (possibly nested)."""
    samples = [sample for sample in SAMPLES if channels is None or sample[0] in channels]
    channel, data = draw(st.sampled_from(samples))
    root: dict[str, Any] = {"data": copy.deepcopy(data)}
    holder: Any = root
    key: Any = "data"
    while True:
        value = holder[key]
        if isinstance(value, dict) and value and draw(st.booleans()):
            # JSON: a dict has str keys; pyright would leave them Unknown after isinstance.
            holder, key = (
                cast("Any", value),
                draw(st.sampled_from(sorted(cast("dict[str, Any]", value)))),
            )
        elif isinstance(value, list) and value and draw(st.booleans()):
            holder, key = cast("Any", value), draw(st.integers(0, len(value) - 1))
        else:
            break
    action = draw(st.sampled_from(["replace", "remove", "duplicate", "wrap"]))
    if action == "replace":
        holder[key] = draw(json_values)
    elif action == "remove":
        del holder[key]
    elif action == "duplicate" and isinstance(holder, list):
        items = cast("list[object]", holder)
        items.append(copy.deepcopy(items[key]))
    else:
        holder[key] = [holder[key]]
    return channel, root.get("data")


def _decode(raw: str | bytes) -> None:
    with contextlib.suppress(HyperliquidError):
        decode_frame(raw)


def _session(*bodies: dict[str, str]) -> Session:
    session = Session(Limits(max_subscriptions=None, max_users=None))
    for body in bodies:
        session.subscribe(body)
    session.connection_made()
    return session


SESSION_BODIES: tuple[dict[str, str], ...] = (
    {"type": "l2Book"},  # every coin: the lazy batch path sees everything
    {"type": "trades", "coin": "BTC"},
    {"type": "bbo", "coin": "BTC"},
    {"type": "userFills", "user": "0xa62b923a112d50d03e1e096bbd53422490dac104"},
    {"type": "l4Book", "coin": "BTC"},
    {"type": "orderUpdates", "user": "0xa62b923a112d50d03e1e096bbd53422490dac104"},
)
SESSION = _session(*SESSION_BODIES)


def _both(raw: str | bytes) -> None:
    _decode(raw)
    SESSION.receive_message(raw)  # must never raise: malformed input is an Undecodable event


@FUZZ
@given(st.text(max_size=200) | st.binary(max_size=200))
def test_arbitrary_text(raw: str | bytes) -> None:
    _both(raw)


@FUZZ
@given(json_values)
def test_arbitrary_json(value: Any) -> None:
    _both(_dumps(value))


@FUZZ
@given(channels, json_values)
def test_arbitrary_json_under_every_channel(channel: str, data: Any) -> None:
    _both(_dumps({"channel": channel, "data": data}))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_valid_frames_with_a_part_broken(sample: tuple[str, Any]) -> None:
    channel, data = sample
    _both(_dumps({"channel": channel, "data": data}))


def _events(session: Session, raw: str) -> list[str]:
    return [repr(event) for event in session.receive_message(raw)]


# No wildcard: books of a batch are peeked at and skipped when nobody wants them.
COIN_SESSION_BODIES: tuple[dict[str, str], ...] = (
    {"type": "l2Book", "coin": "BTC"},
    {"type": "l2Book", "coin": "ETH"},
    {"type": "trades", "coin": "BTC"},
    {"type": "bbo", "coin": "BTC"},
)
COIN_SESSION = _session(*COIN_SESSION_BODIES)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mutated(TEXT_CHANNELS)
    | mutated()
    | st.tuples(st.sampled_from(sorted(TEXT_CHANNELS)), json_values)
    | st.tuples(st.just("l2Book"), st.lists(mutated(frozenset({"l2Book"})).map(lambda s: s[1])))
)
def test_the_text_path_and_the_parsed_path_agree(sample: tuple[str, Any]) -> None:
    """Compact frames (as servers write them) of the hot channels are decoded straight from
    their text; the same frame with spaces is parsed first. Same events, same errors, for
    a wildcard subscriber and for per-coin subscribers (who skip other coins' books)."""
    channel, data = sample
    frame = {"channel": channel, "data": data}
    compact = json.dumps(frame, allow_nan=True, separators=(",", ":"))
    spaced = json.dumps(frame, allow_nan=True)
    # Two sessions in the same state for the two frames: one session would see the second
    # frame as a repeat (user fills are de-duplicated) and deliver nothing.
    for bodies in (SESSION_BODIES, COIN_SESSION_BODIES):
        assert _events(_session(*bodies), compact) == _events(_session(*bodies), spaced)


def test_the_text_path_leaves_binary_messages_to_the_parser() -> None:
    # msgspec skips what no model reads without checking its UTF-8: bytes are parsed.
    for time in (b"1", b'"x"'):  # a valid book, and a malformed one
        bad = b'{"channel":"l2Book","data":[{"coin":"BTC","time":%s,"levels":[[],[]],"x":"\xff"}]}'
        for session in (SESSION, COIN_SESSION):
            events = session.receive_message(bad % time)
            assert [type(event).__name__ for event in events] == ["Undecodable"]


def test_a_book_only_json_refuses_is_a_decode_error_of_its_own() -> None:
    # An integer beyond json's 4300 digits in a field no model reads: msgspec skips it when
    # splitting the batch; the book, malformed besides, falls back to json, which refuses.
    huge = "9" * 5000
    frame = (
        '{"channel":"l2Book","data":[{"coin":"BTC","time":1,"levels":[[],[]]},'
        f'{{"coin":"ETH","time":"x","levels":[[],[]],"x":{huge}}}]}}'
    )
    events = SESSION.receive_message(frame)
    assert [type(event).__name__ for event in events] == ["Deliver", "Undecodable"]


def _text_path(raw: str) -> bool:
    channel = channel_prefix(raw)
    return channel in TEXT_CHANNELS and iter_decode_text(channel, raw, SESSION_WANTS) is not None


SESSION_WANTS = SESSION._routes.__contains__


def test_compact_hot_frames_take_the_text_path() -> None:
    # The test above compares two paths only if compact frames do take the text path.
    book = json.dumps({"channel": "l2Book", "data": l2_book_data("BTC")}, separators=(",", ":"))
    assert _text_path(book)
    assert _text_path('{"channel":"l2Book","data":[{"coin":"X"}]}')  # items decode later
    assert _text_path('{"channel":"trades","data":[]}')
    assert _text_path('{"channel":"bbo","data":{"coin":"BTC","time":1,"bbo":[null,null]}}')
    assert not _text_path(book.replace('"channel":"l2Book",', '"channel": "l2Book", '))
    assert not _text_path('{"channel":"l2Book","data":[],"channel":"trades"}')
    assert not _text_path('{"channel":"l2Book"}')
    assert not _text_path('{"channel":"l2Book","data":{"coin":"BTC"}}')
    assert channel_prefix('{"channel":"pong"}') == "pong"
    assert channel_prefix('{"data":[],"channel":"trades"}') is None
    assert channel_prefix('{"channel":"l2Bookx') is None


def test_deep_nesting_is_a_decode_error() -> None:
    for raw in ("[" * 100_000, '{"channel":"l2Book","data":' + "[" * 100_000):
        _both(raw)


def test_the_samples_decode() -> None:
    for channel, data in SAMPLES:
        assert decode_frame(json.dumps({"channel": channel, "data": data})), channel


@FUZZ
@given(
    st.text(max_size=40)
    | json_values.map(_dumps)
    | json_values.map(lambda value: _dumps(value).encode())
    | json_values.map(lambda value: _dumps(value).encode("utf-16"))
    | st.binary(max_size=30)
    | st.sampled_from(['"\\ud800"', "NaN", "[Infinity]", str(2**70), '{"a":1,"a":2}', "1 2"])
    | st.sampled_from(['"\ud800"', '{"a":"\udc00x"}', "[" * 2000 + "]" * 2000])
)
def test_loads_accepts_exactly_what_json_accepts(text: str | bytes) -> None:
    """msgspec's refusals are retried with json: the same results, the same errors."""

    def outcome(parse: Any) -> str:
        try:
            return "ok " + repr(parse(text))
        except (ValueError, RecursionError) as exc:
            return f"error {type(exc).__name__}"

    assert outcome(loads) == outcome(json.loads)


def test_decode_frame_reads_hot_frames_as_the_reader_does() -> None:
    book = l2_book_data("BTC", levels=2)
    compact = json.dumps({"channel": "l2Book", "data": [book, book]}, separators=(",", ":"))
    spaced = json.dumps({"channel": "l2Book", "data": [book, book]})
    assert decode_frame(compact) == decode_frame(spaced)
    assert len(decode_frame(compact)) == 2
    bad = compact.replace('"time":', '"time":"x","t":', 1)
    for raw in (bad, bad.replace(",", ", ")):
        with contextlib.suppress(HyperliquidError):
            decode_frame(raw)
            raise AssertionError("a malformed book in a batch must fail decode_frame")
