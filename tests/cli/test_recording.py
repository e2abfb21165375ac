"""The recording format, the recorder's connection loop and the replay's timing, in process."""

from __future__ import annotations

import json
import logging
import math
from io import StringIO
from pathlib import Path

import pytest
import trio
import trio.testing

from trio_hl import Backoff, Settings
from trio_hl._cli._options import CliError, UsageError
from trio_hl._cli._record import Recorder
from trio_hl._cli._recording import Event, Frame, SegmentWriter, read_recording, segments
from trio_hl._cli._replay import parse_speed, print_recording
from trio_hl.errors import KeyRejected
from trio_hl.testing import FakeHyperliquid, l2_book_data

from .frames import book_frame, trades_frame

S = 1_000_000_000  # ns


def _writer(directory: Path, **limits: float) -> SegmentWriter:
    return SegmentWriter(
        directory,
        header={"network": "ws://x/ws", "subscriptions": []},
        max_bytes=int(limits.get("max_bytes", 10**9)),
        max_seconds=limits.get("max_seconds", 3600),
    )


def test_frames_and_events_read_back_exactly_in_order(tmp_path: Path) -> None:
    text = book_frame("BTC")
    with _writer(tmp_path) as writer:
        writer.event(1 * S, 1, "connected", subscriptions=[{"type": "l2Book", "coin": "BTC"}])
        writer.frame(1 * S + 5, 1, text)
        writer.frame(1 * S + 6, 1, b"\x00\xffbinary")
        writer.frame(1 * S + 7, 1, 'non-ASCII é and "quotes"')
    assert list(read_recording(tmp_path)) == [
        Event(1 * S, 1, "connected", {"subscriptions": [{"type": "l2Book", "coin": "BTC"}]}),
        Frame(1 * S + 5, 1, text),
        Frame(1 * S + 6, 1, b"\x00\xffbinary"),
        Frame(1 * S + 7, 1, 'non-ASCII é and "quotes"'),
    ]
    assert writer.frames == 3


def test_segments_rotate_by_size_and_by_age_each_with_a_header(tmp_path: Path) -> None:
    with _writer(tmp_path, max_bytes=600, max_seconds=10) as writer:
        for i in range(6):  # each line about 350 bytes: two lines per segment
            writer.frame(i * S, 1, book_frame("BTC", time=i))
        writer.frame(30 * S, 1, trades_frame("BTC"))  # 24 s later: a new segment by age
    found = segments(tmp_path)
    assert len(found) == writer.segments == 4
    assert [p.name.split("-")[-1] for p in found] == [f"{n:04d}.ndjson.zst" for n in (1, 2, 3, 4)]
    frames = [r for r in read_recording(tmp_path) if isinstance(r, Frame)]
    assert [f.t for f in frames] == [0, 1 * S, 2 * S, 3 * S, 4 * S, 5 * S, 30 * S]


def test_a_segment_cut_short_keeps_what_was_flushed(tmp_path: Path) -> None:
    writer = _writer(tmp_path)
    writer.frame(0, 1, book_frame("BTC", time=0))
    writer.frame(2 * S, 1, book_frame("BTC", time=2))  # a second later: a zstd frame ends
    writer.frame(2 * S + 1, 1, book_frame("BTC", time=3))  # not flushed yet
    assert writer.path is not None
    # As if the recorder were killed: copy what reached the file, never close the writer.
    killed = tmp_path / "killed"
    killed.mkdir()
    (killed / writer.path.name).write_bytes(writer.path.read_bytes())
    writer.close()
    frames = [r for r in read_recording(killed) if isinstance(r, Frame)]
    assert [f.t for f in frames] == [0, 2 * S]


def test_a_directory_without_segments_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"no \*\.ndjson\.zst segment"):
        segments(tmp_path)
    with pytest.raises(FileNotFoundError, match="not a directory"):
        segments(tmp_path / "missing")


@pytest.mark.parametrize(
    ("text", "speed"), [("1", 1.0), ("10", 10.0), ("0.5", 0.5), ("max", math.inf)]
)
def test_speeds(text: str, speed: float) -> None:
    assert parse_speed(text) == speed


@pytest.mark.parametrize("text", ["0", "-1", "fast", "nan", "inf"])
def test_bad_speeds(text: str) -> None:
    with pytest.raises(UsageError, match="--speed must be a positive number or max"):
        parse_speed(text)


def _timed_recording(directory: Path) -> None:
    with _writer(directory) as writer:
        writer.event(100 * S, 1, "connected", subscriptions=[])
        writer.frame(100 * S, 1, book_frame("BTC", time=0))
        writer.frame(101 * S, 1, trades_frame("BTC"))
        writer.frame(101 * S, 1, '{"channel":"pong"}')
        writer.frame(103 * S + S // 2, 1, book_frame("BTC", time=3500))


class _TimedOutput(StringIO):
    """Notes the Trio clock at every line written."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def write(self, text: str) -> int:
        self.times.append(trio.current_time())
        return super().write(text)


@pytest.mark.parametrize(("speed", "gaps"), [(1.0, [1.0, 3.5]), (10.0, [0.1, 0.35])])
async def test_replay_keeps_the_recorded_timing(
    tmp_path: Path, autojump_clock: trio.testing.MockClock, speed: float, gaps: list[float]
) -> None:
    _timed_recording(tmp_path)
    out = _TimedOutput()
    await print_recording(tmp_path, speed=speed, out=out, log=StringIO())
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["type"] for line in lines] == ["L2Book", "Trades", "L2Book"]
    start = out.times[0]
    assert [pytest.approx(t - start) for t in out.times[1:]] == gaps


async def test_replay_at_max_speed_does_not_wait(
    tmp_path: Path, autojump_clock: trio.testing.MockClock
) -> None:
    _timed_recording(tmp_path)
    out = _TimedOutput()
    start = trio.current_time()
    await print_recording(tmp_path, speed=math.inf, out=out, log=StringIO())
    assert trio.current_time() == start
    assert len(out.getvalue().splitlines()) == 3


def _settings() -> Settings:
    return Settings(backoff=Backoff(random=lambda: 0.5), ping_interval=5, pong_timeout=2)


async def test_the_recorder_reconnects_and_marks_the_restart(
    tmp_path: Path,
    autojump_clock: trio.testing.MockClock,
    fake_hyperliquid: FakeHyperliquid,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="trio_hl.cli")
    fake = fake_hyperliquid
    bodies = [{"type": "l2Book", "coin": "BTC"}]
    with _writer(tmp_path) as writer:
        recorder = Recorder(fake.network, bodies, writer, settings=_settings())
        async with trio.open_nursery() as nursery:
            nursery.start_soon(recorder.run)
            await fake.wait_received(lambda frame: frame.get("method") == "subscribe")
            await fake.push("l2Book", l2_book_data("BTC", levels=1, time=1))
            await trio.testing.wait_all_tasks_blocked()
            await fake.drop()
            await fake.wait_received(lambda frame: frame.get("method") == "subscribe", count=2)
            await fake.push("l2Book", l2_book_data("BTC", levels=1, time=2))
            await trio.sleep(6)  # a heartbeat: the pong is recorded too
            nursery.cancel_scope.cancel()
    records = list(read_recording(tmp_path))
    shape = [
        (r.connection, r.kind)
        if isinstance(r, Event)
        else (r.connection, json.loads(r.raw)["channel"])
        for r in records
    ]
    assert shape == [
        (1, "connected"),
        (1, "subscriptionResponse"),
        (1, "l2Book"),
        (1, "disconnected"),
        (2, "connected"),  # the restart marker: frames may be missing before it
        (2, "subscriptionResponse"),
        (2, "l2Book"),
        (2, "pong"),
    ]
    assert fake.subscribe_frames() == bodies * 2
    # -v shows the connection's events.
    assert [r.getMessage() for r in caplog.records if r.name == "trio_hl.cli"][:3] == [
        "recording from fake (connection 1)",
        "connection 1 ended: connection lost (no close frame)",
        "recording from fake (connection 2)",
    ]


async def test_the_recorder_reconnects_when_pongs_stop(
    tmp_path: Path, autojump_clock: trio.testing.MockClock, fake_hyperliquid: FakeHyperliquid
) -> None:
    fake = fake_hyperliquid
    fake.go_silent()
    with _writer(tmp_path) as writer:
        recorder = Recorder(fake.network, [{"type": "allMids"}], writer, settings=_settings())
        async with trio.open_nursery() as nursery:
            nursery.start_soon(recorder.run)
            await fake.wait_received(lambda frame: frame.get("method") == "subscribe", count=2)
            await trio.testing.wait_all_tasks_blocked()
            nursery.cancel_scope.cancel()
    events = [r for r in read_recording(tmp_path) if isinstance(r, Event)]
    assert [(e.connection, e.kind) for e in events][:3] == [
        (1, "connected"),
        (1, "disconnected"),
        (2, "connected"),
    ]
    assert events[1].detail == {"reason": "no pong"}


async def test_a_refused_key_ends_the_recorder(
    tmp_path: Path, autojump_clock: trio.testing.MockClock, fake_hyperliquid: FakeHyperliquid
) -> None:
    fake = fake_hyperliquid
    fake.require_key = "right"
    with _writer(tmp_path) as writer:
        recorder = Recorder(fake.goldrush_network("wrong"), [{"type": "allMids"}], writer)
        with pytest.raises(KeyRejected, match="HTTP 401"):
            await recorder.run()
    assert fake.handshakes == 1  # never retried


async def test_a_refused_subscription_ends_the_recorder(
    tmp_path: Path, autojump_clock: trio.testing.MockClock, fake_hyperliquid: FakeHyperliquid
) -> None:
    fake = fake_hyperliquid
    fake.invalid_coins.add("NOPE")
    with _writer(tmp_path) as writer:
        recorder = Recorder(fake.network, [{"type": "trades", "coin": "NOPE"}], writer)
        with pytest.raises(
            CliError, match="the server refused a subscription: Invalid subscription"
        ):
            await recorder.run()
    # The refusal itself is in the recording.
    frames = [r.raw for r in read_recording(tmp_path) if isinstance(r, Frame)]
    assert any("Invalid subscription" in str(raw) for raw in frames)
