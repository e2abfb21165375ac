"""GoldRush ``l4Book`` models: recorded/documented frames, diff forms, times, malformed data."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trio_hl._convert import make_converter
from trio_hl.errors import DecodeError, ProtocolError
from trio_hl.models.l4 import (
    L4BookDiff,
    L4New,
    L4Order,
    L4OrderStatus,
    L4Remove,
    L4Snapshot,
    L4UnknownDiff,
    L4Update,
    L4Updates,
    decode_l4_book,
    register_l4_hooks,
)

STRICT = make_converter(forbid_extra_keys=True)
register_l4_hooks(STRICT)

# Verbatim from ws-protocol.md §10.3 (the first line is GoldRush's, the second adds the
# upstream "update" and bare "remove" forms to GoldRush's sample).
SNAPSHOT_FRAME = (
    '{"channel":"l4Book","data":{"Snapshot":{"coin":"BTC","time":1778865761968,'
    '"block_height":997719816,"levels":[[{"user":"0xa62b923a112d50d03e1e096bbd53422490dac104",'
    '"coin":"BTC","side":"B","limitPx":"79242","sz":"0.74831","oid":427632406005,'
    '"timestamp":1778865761305,"triggerCondition":"N/A","isTrigger":false,"triggerPx":"0.0",'
    '"isPositionTpsl":false,"reduceOnly":false,"orderType":"Limit","tif":"Alo",'
    '"cloid":"0x00000000000000000000019e2c8b7d66"}],[]]}}}'
)
UPDATES_FRAME = (
    '{"channel":"l4Book","data":{"Updates":{"time":1778865762168,"block_height":997719817,'
    '"order_statuses":[{"time":"2026-05-15T17:22:42.168005701",'
    '"user":"0x31ca8395cf837de08b24da3f660e77761dfb974b","status":"open","order":{"user":null,'
    '"coin":"BTC","side":"B","limitPx":"79242.0","sz":"0.00867","oid":427632416336,'
    '"timestamp":1778865762168,"triggerCondition":"N/A","isTrigger":false,"triggerPx":"0.0",'
    '"isPositionTpsl":false,"reduceOnly":false,"orderType":"Limit","tif":"Alo","cloid":null}}],'
    '"book_diffs":[{"user":"0x31ca8395cf837de08b24da3f660e77761dfb974b","oid":427632416336,'
    '"px":"79242.0","coin":"BTC","raw_book_diff":{"new":{"sz":"0.00867"}}},'
    '{"user":"0xa62b923a112d50d03e1e096bbd53422490dac104","oid":427632406005,"px":"79242",'
    '"coin":"BTC","raw_book_diff":{"update":{"origSz":"0.74831","newSz":"0.5"}}},'
    '{"user":"0xfcf104006bfff47695c1dc21dad3e9de1e72098e","oid":427632406032,"px":"79250",'
    '"coin":"BTC","raw_book_diff":"remove"}]}}}'
)
# GoldRush's own Updates sample (seed 003): note its block is *older* than its snapshot's.
GOLDRUSH_UPDATES_DATA: dict[str, Any] = {
    "Updates": {
        "time": 1778865761768,
        "block_height": 997719813,
        "order_statuses": [
            {
                "time": "2026-05-15T17:22:41.768005701",
                "user": "0x31ca8395cf837de08b24da3f660e77761dfb974b",
                "status": "open",
                "order": {
                    "user": None,
                    "coin": "BTC",
                    "side": "B",
                    "limitPx": "79242.0",
                    "sz": "0.00867",
                    "oid": 427632416336,
                    "timestamp": 1778865761768,
                    "triggerCondition": "N/A",
                    "isTrigger": False,
                    "triggerPx": "0.0",
                    "isPositionTpsl": False,
                    "reduceOnly": False,
                    "orderType": "Limit",
                    "tif": "Alo",
                    "cloid": None,
                },
            }
        ],
        "book_diffs": [
            {
                "user": "0x31ca8395cf837de08b24da3f660e77761dfb974b",
                "oid": 427632416336,
                "px": "79242.0",
                "coin": "BTC",
                "raw_book_diff": {"new": {"sz": "0.00867"}},
            }
        ],
    }
}


def _data(frame: str) -> Any:
    parsed = json.loads(frame)
    assert parsed["channel"] == "l4Book"
    return parsed["data"]


def _strict(data: Any) -> L4Snapshot | L4Updates:
    return decode_l4_book(data, converter=STRICT)


def _updates_with_diff(raw_book_diff: Any) -> Any:
    data = copy.deepcopy(_data(UPDATES_FRAME))
    data["Updates"]["book_diffs"][0]["raw_book_diff"] = raw_book_diff
    return data


# --- documented frames, decoded strictly ---------------------------------------------------


def test_snapshot_frame_decodes_exactly() -> None:
    snapshot = _strict(_data(SNAPSHOT_FRAME))
    assert isinstance(snapshot, L4Snapshot)
    assert snapshot.is_snapshot is True
    assert snapshot == L4Snapshot(
        coin="BTC",
        time=1778865761968,
        block_height=997719816,
        levels=(
            (
                L4Order(
                    user="0xa62b923a112d50d03e1e096bbd53422490dac104",
                    coin="BTC",
                    side="B",
                    limit_px=Decimal("79242"),
                    sz=Decimal("0.74831"),
                    oid=427632406005,
                    timestamp=1778865761305,
                    trigger_condition="N/A",
                    is_trigger=False,
                    trigger_px=Decimal("0.0"),
                    is_position_tpsl=False,
                    reduce_only=False,
                    order_type="Limit",
                    tif="Alo",
                    cloid="0x00000000000000000000019e2c8b7d66",
                ),
            ),
            (),
        ),
    )
    assert snapshot.bids == snapshot.levels[0]
    assert snapshot.asks == ()


def test_updates_frame_decodes_every_diff_form() -> None:
    updates = _strict(_data(UPDATES_FRAME))
    assert isinstance(updates, L4Updates)
    assert updates.is_snapshot is False
    assert updates.time == 1778865762168
    assert updates.block_height == 997719817
    assert updates.coin == "BTC"

    (status,) = updates.order_statuses
    assert status.user == "0x31ca8395cf837de08b24da3f660e77761dfb974b"
    assert status.status == "open"
    assert status.time == "2026-05-15T17:22:42.168005701"
    assert status.order.user is None  # the parent carries it
    assert status.order.oid == 427632416336
    assert status.order.cloid is None
    assert status.order.limit_px == Decimal("79242.0")

    assert updates.book_diffs == (
        L4BookDiff(
            user="0x31ca8395cf837de08b24da3f660e77761dfb974b",
            oid=427632416336,
            px=Decimal("79242.0"),
            coin="BTC",
            diff=L4New(sz=Decimal("0.00867")),
        ),
        L4BookDiff(
            user="0xa62b923a112d50d03e1e096bbd53422490dac104",
            oid=427632406005,
            px=Decimal("79242"),
            coin="BTC",
            diff=L4Update(orig_sz=Decimal("0.74831"), new_sz=Decimal("0.5")),
        ),
        L4BookDiff(
            user="0xfcf104006bfff47695c1dc21dad3e9de1e72098e",
            oid=427632406032,
            px=Decimal("79250"),
            coin="BTC",
            diff=L4Remove(),
        ),
    )


def test_goldrush_updates_sample_decodes() -> None:
    updates = _strict(GOLDRUSH_UPDATES_DATA)
    assert isinstance(updates, L4Updates)
    assert updates.block_height == 997719813
    assert updates.book_diffs[0].diff == L4New(sz=Decimal("0.00867"))


def test_production_decoder_gives_the_same_result() -> None:
    for frame in (SNAPSHOT_FRAME, UPDATES_FRAME):
        assert decode_l4_book(_data(frame)) == _strict(_data(frame))


def test_strict_converter_flags_schema_drift_production_tolerates_it() -> None:
    data = copy.deepcopy(_data(SNAPSHOT_FRAME))
    data["Snapshot"]["levels"][0][0]["newField"] = 1
    data["Snapshot"]["extra"] = "x"
    with pytest.raises(DecodeError, match="l4Book"):
        _strict(data)
    relaxed = decode_l4_book(data)
    assert relaxed == _strict(_data(SNAPSHOT_FRAME))


def test_extra_keys_inside_a_known_diff_payload() -> None:
    data = _updates_with_diff({"new": {"sz": "1", "extra": True}})
    with pytest.raises(DecodeError):
        _strict(data)
    updates = decode_l4_book(data)
    assert isinstance(updates, L4Updates)
    assert updates.book_diffs[0].diff == L4New(sz=Decimal("1"))


def test_updates_with_empty_lists_have_no_coin() -> None:
    updates = _strict(
        {"Updates": {"time": 1, "block_height": 2, "order_statuses": [], "book_diffs": []}}
    )
    assert isinstance(updates, L4Updates)
    assert updates.coin is None


def test_updates_coin_falls_back_to_statuses() -> None:
    data = copy.deepcopy(_data(UPDATES_FRAME))
    data["Updates"]["book_diffs"] = []
    updates = _strict(data)
    assert isinstance(updates, L4Updates)
    assert updates.coin == "BTC"


def test_nullable_tif_and_user() -> None:
    data = copy.deepcopy(_data(SNAPSHOT_FRAME))
    order = data["Snapshot"]["levels"][0][0]
    order["tif"] = None
    order["user"] = None
    snapshot = _strict(data)
    assert isinstance(snapshot, L4Snapshot)
    assert snapshot.bids[0].tif is None
    assert snapshot.bids[0].user is None


# --- raw_book_diff forms -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"new": {"sz": "0.25"}}, L4New(sz=Decimal("0.25"))),
        (
            {"update": {"origSz": "2", "newSz": "1.5"}},
            L4Update(orig_sz=Decimal("2"), new_sz=Decimal("1.5")),
        ),
        ("remove", L4Remove()),
    ],
)
def test_known_diff_forms(raw: Any, expected: object) -> None:
    updates = _strict(_updates_with_diff(raw))
    assert isinstance(updates, L4Updates)
    assert updates.book_diffs[0].diff == expected


@pytest.mark.parametrize(
    "raw",
    [
        {"modified": {"sz": "1"}},  # modelled by a third-party client, unverified
        "cancel",  # another unit variant
        {"new": {"sz": "1"}, "update": {"origSz": "1", "newSz": "2"}},  # two tags
        {},
        {"remove": None},  # "remove" as an object is not the documented form
        ["remove"],
        None,
        7,
    ],
)
def test_unknown_diff_shapes_are_kept_not_fatal(raw: Any) -> None:
    updates = _strict(_updates_with_diff(raw))
    assert isinstance(updates, L4Updates)
    assert updates.book_diffs[0].diff == L4UnknownDiff(raw=raw)
    # The rest of the block is still decoded.
    assert updates.book_diffs[1].diff == L4Update(orig_sz=Decimal("0.74831"), new_sz=Decimal("0.5"))


@pytest.mark.parametrize(
    "raw",
    [
        {"new": {"sz": "abc"}},
        {"new": {"sz": 1.5j}},
        {"new": {}},
        {"new": "0.5"},
        {"update": {"origSz": "1"}},
    ],
)
def test_known_diff_tag_with_bad_payload_is_malformed(raw: Any) -> None:
    with pytest.raises(DecodeError, match="l4Book"):
        decode_l4_book(_updates_with_diff(raw))


# --- nanosecond times ----------------------------------------------------------------------


def _status(time: str) -> L4OrderStatus:
    updates = _strict(_data(UPDATES_FRAME))
    assert isinstance(updates, L4Updates)
    return L4OrderStatus(
        time=time,
        user=updates.order_statuses[0].user,
        status="open",
        order=updates.order_statuses[0].order,
    )


def test_nanosecond_time_from_the_frame() -> None:
    updates = _strict(_data(UPDATES_FRAME))
    assert isinstance(updates, L4Updates)
    status = updates.order_statuses[0]
    assert status.time_utc == datetime(2026, 5, 15, 17, 22, 42, 168005, tzinfo=UTC)
    assert status.time_utc.tzinfo is UTC
    assert status.time_ns == 1778865762168005701
    # The block time (ms) agrees with the event time.
    assert status.time_ns // 1_000_000 == updates.time


@pytest.mark.parametrize(
    ("text", "expected", "nanos"),
    [
        # Truncated, never rounded up into the next second.
        (
            "2026-05-15T23:59:59.999999999",
            datetime(2026, 5, 15, 23, 59, 59, 999999, tzinfo=UTC),
            999999999,
        ),
        ("2026-05-15T17:22:41.5", datetime(2026, 5, 15, 17, 22, 41, 500000, tzinfo=UTC), 500000000),
        ("2026-05-15T17:22:41", datetime(2026, 5, 15, 17, 22, 41, tzinfo=UTC), 0),
        ("2026-05-15T17:22:41.000000001Z", datetime(2026, 5, 15, 17, 22, 41, tzinfo=UTC), 1),
        (
            "2026-05-15T19:22:41.25+02:00",
            datetime(2026, 5, 15, 17, 22, 41, 250000, tzinfo=UTC),
            250000000,
        ),
        (
            "2026-05-15T17:22:41.1234567891234",
            datetime(2026, 5, 15, 17, 22, 41, 123456, tzinfo=UTC),
            123456789,
        ),
    ],
)
def test_time_parsing(text: str, expected: datetime, nanos: int) -> None:
    status = _status(text)
    assert status.time_utc == expected
    assert status.time_utc.utcoffset() == timedelta(0)
    whole = int(
        (expected.replace(microsecond=0) - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds()
    )
    assert status.time_ns == whole * 1_000_000_000 + nanos


@pytest.mark.parametrize(
    "text",
    ["2026-13-01T00:00:00", "2026-05-15 17:22:41", "2026-05-15T17:22:41.", "yesterday", ""],
)
def test_malformed_time_fails_the_frame(text: str) -> None:
    data = copy.deepcopy(_data(UPDATES_FRAME))
    data["Updates"]["order_statuses"][0]["time"] = text
    with pytest.raises(DecodeError, match="l4Book"):
        decode_l4_book(data)
    with pytest.raises(ValueError, match="time"):
        _status(text)


@settings(max_examples=150)
@given(
    moment=st.datetimes(
        min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
    ),
    nanos=st.integers(min_value=0, max_value=999),
)
def test_time_parsing_roundtrip(moment: datetime, nanos: int) -> None:
    text = moment.replace(tzinfo=None).isoformat(timespec="microseconds") + f"{nanos:03d}"
    status = _status(text)
    assert status.time_utc == moment
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    expected_ns = (moment - epoch) // timedelta(microseconds=1) * 1000 + nanos
    assert status.time_ns == expected_ns


# --- malformed frames ----------------------------------------------------------------------


def _mutated(frame: str, mutate: Callable[[Any], object]) -> Any:
    """The frame's data, deep-copied, after ``mutate`` (which gets it as untyped JSON)."""
    data = copy.deepcopy(_data(frame))
    mutate(data)
    return data


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "Snapshot",
        {},
        {"Snapshot": {}, "Updates": {}},
        {"snapshot": _data(SNAPSHOT_FRAME)["Snapshot"]},  # tags are PascalCase
        {"Delta": {}},
        {"Snapshot": []},
        {"Updates": "x"},
        _mutated(SNAPSHOT_FRAME, lambda d: d["Snapshot"].pop("block_height")),
        _mutated(SNAPSHOT_FRAME, lambda d: d["Snapshot"].update(block_height="997719816")),
        _mutated(SNAPSHOT_FRAME, lambda d: d["Snapshot"].update(levels=[[]])),
        _mutated(SNAPSHOT_FRAME, lambda d: d["Snapshot"].update(levels=[[], [], []])),
        _mutated(SNAPSHOT_FRAME, lambda d: d["Snapshot"].update(levels={})),
        _mutated(SNAPSHOT_FRAME, lambda d: d["Snapshot"]["levels"].__setitem__(0, {})),
        _mutated(SNAPSHOT_FRAME, lambda d: d["Snapshot"]["levels"][0][0].update(side="X")),
        _mutated(SNAPSHOT_FRAME, lambda d: d["Snapshot"]["levels"][0][0].update(oid="1")),
        _mutated(SNAPSHOT_FRAME, lambda d: d["Snapshot"]["levels"][0][0].update(sz=None)),
        _mutated(SNAPSHOT_FRAME, lambda d: d["Snapshot"]["levels"][0][0].update(isTrigger=0)),
        _mutated(SNAPSHOT_FRAME, lambda d: d["Snapshot"]["levels"][0][0].pop("tif")),
        _mutated(UPDATES_FRAME, lambda d: d["Updates"].update(order_statuses={})),
        _mutated(UPDATES_FRAME, lambda d: d["Updates"].update(book_diffs=None)),
        _mutated(UPDATES_FRAME, lambda d: d["Updates"]["book_diffs"][0].pop("raw_book_diff")),
        _mutated(UPDATES_FRAME, lambda d: d["Updates"]["book_diffs"][0].update(px="NaN")),
        _mutated(UPDATES_FRAME, lambda d: d["Updates"]["order_statuses"][0].update(user=None)),
    ],
)
def test_malformed_data_raises_decode_error_naming_l4book(data: Any) -> None:
    with pytest.raises(DecodeError) as info:
        decode_l4_book(data)
    assert info.value.channel == "l4Book"
    assert "'l4Book'" in str(info.value)
    assert isinstance(info.value, ProtocolError)


def test_decode_error_points_at_the_field() -> None:
    data = _mutated(SNAPSHOT_FRAME, lambda d: d["Snapshot"]["levels"][0][0].update(oid="1"))
    with pytest.raises(DecodeError, match=r"levels.*\[0\].*oid"):
        decode_l4_book(data)
