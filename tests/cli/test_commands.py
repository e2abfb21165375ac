"""Every command, run as a subprocess against the simulated market on a loopback port.

The market (or a scripted fake server) runs in the test's own Trio loop; the command is a
real process, reached over real TCP. These tests do real I/O, so they run on the real clock,
each bounded by a generous ``fail_after`` that a healthy run never comes near.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
from pathlib import Path

import trio
import trio_websocket

from trio_hl._cli._recording import Event, Frame, SegmentWriter, read_recording
from trio_hl._cli._simulator import open_simulator
from trio_hl.testing import FakeHyperliquid

from .conftest import cli
from .frames import book_frame, trades_frame

_BOUND = 60  # seconds: only a hang reaches it


async def _run(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[bytes]:
    with trio.fail_after(_BOUND):
        return await trio.run_process(
            cli(*args), env=env, capture_stdout=True, capture_stderr=True, check=False
        )


class _Reader:
    """Collects a process's output stream in the background."""

    def __init__(self, stream: trio.abc.ReceiveStream) -> None:
        self.stream = stream
        self.data = b""
        self._changed = trio.Event()

    async def run(self) -> None:
        async for chunk in self.stream:
            self.data += chunk
            self._changed.set()
            self._changed = trio.Event()
        self._changed.set()

    async def wait_for(self, pattern: str) -> re.Match[str]:
        while True:
            found = re.search(pattern, self.data.decode())
            if found is not None:
                return found
            await self._changed.wait()

    @property
    def text(self) -> str:
        return self.data.decode()


async def test_stream_writes_typed_json_lines(cli_env: dict[str, str]) -> None:
    async with open_simulator() as sim:
        result = await _run(
            cli_env, "stream", "l2Book", "--coin", "BTC", "--url", sim.ws_url, "-n", "2"
        )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2
    for line in lines:
        book = json.loads(line)
        assert book["type"] == "L2Book"
        assert book["coin"] == "BTC"
        bids, asks = book["levels"]
        assert bids
        assert asks
        assert isinstance(bids[0]["px"], str)  # exact decimals, as the wire carries them
    assert result.stderr == b"", result.stderr.decode()


async def test_ctrl_c_ends_a_stream_cleanly(cli_env: dict[str, str]) -> None:
    with trio.fail_after(_BOUND):
        async with open_simulator() as sim, trio.open_nursery() as nursery:
            proc = await trio.lowlevel.open_process(
                cli("stream", "bbo", "-c", "BTC", "-c", "ETH", "--url", sim.ws_url),
                env=cli_env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            assert proc.stdout is not None
            assert proc.stderr is not None
            out, err = _Reader(proc.stdout), _Reader(proc.stderr)
            nursery.start_soon(out.run)
            nursery.start_soon(err.run)
            await out.wait_for(r'"coin":"ETH".*\n')
            proc.send_signal(signal.SIGINT)
            assert await proc.wait() == 0
    assert err.text == ""  # no traceback, no KeyboardInterrupt
    lines = out.text.splitlines()
    assert {json.loads(line)["type"] for line in lines} == {"Bbo"}  # every line whole


async def test_info_prints_the_typed_reply(cli_env: dict[str, str]) -> None:
    async with open_simulator() as sim:
        result = await _run(cli_env, "info", "l2Book", "-p", "coin=BTC", "--url", sim.ws_url, "-v")
    assert result.returncode == 0, result.stderr
    # -v logs the connection's events on stderr; stdout is the reply alone.
    assert "trio-hl: connected to custom (connection 1)" in result.stderr.decode()
    reply = json.loads(result.stdout)
    assert reply["type"] == "L2Book"
    assert reply["coin"] == "BTC"


def _data_frames(directory: Path) -> list[str]:
    frames: list[str] = []
    for record in read_recording(directory):
        if isinstance(record, Frame) and isinstance(record.raw, str):
            channel = json.loads(record.raw).get("channel")
            if channel in ("l2Book", "trades"):
                frames.append(record.raw)
    return frames


async def test_record_stops_cleanly_on_ctrl_c_and_replay_serves_it_byte_for_byte(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "rec"
    with trio.fail_after(_BOUND):
        async with open_simulator() as sim, trio.open_nursery() as nursery:
            record = await trio.lowlevel.open_process(
                cli(
                    "record", "--out", out, "l2Book", "trades", "--coin", "BTC", "--url", sim.ws_url
                ),
                env=cli_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            assert record.stderr is not None
            progress = _Reader(record.stderr)
            nursery.start_soon(progress.run)
            await progress.wait_for(r"recording to \S+")
            await trio.sleep(1.2)  # a few blocks of the market (one every half second)
            record.send_signal(signal.SIGINT)  # Ctrl-C
            assert await record.wait() == 0
        summary = progress.text.splitlines()[-1]
        assert re.fullmatch(
            r"recorded \d+ frames \(.*, .* compressed\) in 1 segment\(s\) over 1 "
            r"connection\(s\) in .*rec",
            summary,
        ), progress.text

        # The segment was closed, not cut: it reads back to the end.
        records = list(read_recording(out))
        assert isinstance(records[0], Event)
        assert records[0].kind == "connected"
        assert records[0].detail["subscriptions"] == [
            {"type": "l2Book", "coin": "BTC"},
            {"type": "trades", "coin": "BTC"},
        ]
        frames = [r for r in records if isinstance(r, Frame)]
        assert all(f.connection == 1 for f in frames)
        times = [f.t for f in frames]
        assert times == sorted(times)
        recorded = _data_frames(out)
        assert len(recorded) >= 2, records

        served = await _served_by_replay(cli_env, out, len(recorded))
        assert served == recorded  # byte for byte, in order


async def _served_by_replay(env: dict[str, str], out: Path, count: int) -> list[str]:
    async with trio.open_nursery() as nursery:
        replay = await trio.lowlevel.open_process(
            cli("replay", out, "--port", "0", "--speed", "max", "--start-after", "0.1"),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert replay.stdout is not None
        announced = _Reader(replay.stdout)
        nursery.start_soon(announced.run)
        url = (await announced.wait_for(r"ws://127\.0\.0\.1:\d+/ws")).group(0)
        served: list[str] = []
        async with trio_websocket.open_websocket_url(url) as ws:
            for body in ({"type": "l2Book", "coin": "BTC"}, {"type": "trades", "coin": "BTC"}):
                await ws.send_message(json.dumps({"method": "subscribe", "subscription": body}))
            while len(served) < count:
                message = await ws.get_message()
                assert isinstance(message, str)
                if json.loads(message)["channel"] != "subscriptionResponse":
                    served.append(message)
        replay.send_signal(signal.SIGINT)
        assert await replay.wait() == 0
    return served


async def test_replay_to_stdout_decodes_the_recording(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    with SegmentWriter(tmp_path, header={}, max_bytes=10**9, max_seconds=3600) as writer:
        writer.event(1_000_000_000, 1, "connected", subscriptions=[])
        writer.frame(1_000_000_000, 1, book_frame("BTC"))
        writer.event(1_100_000_000, 1, "disconnected", reason="test")
        writer.event(1_200_000_000, 2, "connected", subscriptions=[{"type": "trades"}])
        writer.frame(1_300_000_000, 2, trades_frame("BTC"))
    result = await _run(cli_env, "replay", tmp_path, "--to-stdout", "--speed", "max")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line["type"] for line in lines] == ["L2Book", "StreamRestarted", "Trades"]
    assert lines[1]["connection"] == 2


async def test_book_draws_the_ladder(cli_env: dict[str, str]) -> None:
    async with open_simulator() as sim:
        result = await _run(
            cli_env, "book", "BTC", "--url", sim.ws_url, "-n", "3", "--levels", "4", "--size", "2"
        )
    assert result.returncode == 0, result.stderr
    screen = result.stdout.decode()
    assert "BTC order book" in screen
    assert "spread" in screen
    assert "depth-weighted mid (5)" in screen
    assert "buy 2: average " in screen
    assert "connected   connection 1, 0 reconnect(s)" in screen
    ladder = [line for line in screen.splitlines() if re.search(r"█+ +[\d.]+ +[\d,]+ +\d+$", line)]
    assert len(ladder) == 8  # 4 asks above the spread, 4 bids below


async def test_demo_runs_offline_and_exits(cli_env: dict[str, str]) -> None:
    result = await _run(cli_env, "demo", "--seconds", "2")
    assert result.returncode == 0, result.stderr
    screen = result.stdout.decode()
    assert "BTC order book" in screen
    assert re.search(r"trades \(\d+ so far\)", screen)  # the tape (the market trades now and then)
    assert re.search(r"● connected   connection 1, 0 reconnect\(s\)   [\d.]+ books/s", screen)


async def test_a_refused_key_is_one_line_and_never_printed(
    cli_env: dict[str, str], fake_hyperliquid: FakeHyperliquid
) -> None:
    fake_hyperliquid.require_key = "the-right-key"
    env = {**cli_env, "MY_GOLDRUSH_KEY": "a-wrong-secret-key"}
    async with trio.open_nursery() as nursery:
        port = await nursery.start(fake_hyperliquid.serve_tcp)
        with trio.fail_after(_BOUND):
            result = await trio.run_process(
                cli(
                    "stream",
                    "l2Book",
                    "-c",
                    "BTC",
                    "--goldrush-key-env",
                    "MY_GOLDRUSH_KEY",
                    "--url",
                    f"ws://127.0.0.1:{port}/ws",
                ),
                env=env,
                capture_stdout=True,
                capture_stderr=True,
                check=False,
            )
        nursery.cancel_scope.cancel()
    assert result.returncode == 1
    error = result.stderr.decode()
    assert error == (
        "trio-hl: error: KeyRejected: API key rejected (HTTP 401): check the key in the "
        "variable named by --goldrush-key-env\n"
    )
    assert error.count("\n") == 1
    assert "a-wrong-secret-key" not in error + result.stdout.decode()


async def test_an_unknown_coin_is_one_line(
    cli_env: dict[str, str], fake_hyperliquid: FakeHyperliquid
) -> None:
    fake_hyperliquid.invalid_coins.add("NOPE")
    async with trio.open_nursery() as nursery:
        port = await nursery.start(fake_hyperliquid.serve_tcp)
        result = await _run(
            cli_env, "stream", "trades", "-c", "NOPE", "--url", f"ws://127.0.0.1:{port}/ws"
        )
        nursery.cancel_scope.cancel()
    assert result.returncode == 1
    error = result.stderr.decode()
    assert error.startswith("trio-hl: error: SubscriptionError: ")
    assert "NOPE" in error
    assert error.count("\n") == 1


async def test_no_connection_is_one_line(cli_env: dict[str, str]) -> None:
    listener = trio.socket.socket()
    await listener.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    port = listener.getsockname()[1]
    with listener:
        result = await _run(cli_env, "info", "allMids", "--url", f"ws://127.0.0.1:{port}/ws")
    assert result.returncode == 1
    error = result.stderr.decode()
    url = f"ws://127.0.0.1:{port}/ws"
    assert error.startswith(f"trio-hl: error: ConnectError: could not connect to {url} after 3 ")
    assert error.count("\n") == 1


async def test_import_trio_hl_loads_no_command_line_library(cli_env: dict[str, str]) -> None:
    # httpx imports its own command line (rich, click, pygments) whenever those happen to be
    # installed (the docs group brings click and pygments): not trio_hl's doing, so it is
    # kept out of the count.
    code = (
        "import sys\n"
        "sys.modules['httpx._main'] = None\n"
        "import trio_hl, trio_hl.testing\n"
        "cli = ('cyclopts', 'rich', 'backports', 'compression', 'zstandard', 'trio_hl._cli')\n"
        "print([m for m in sys.modules if m in cli or m.startswith(tuple(c + '.' for c in cli))])\n"
    )
    with trio.fail_after(_BOUND):
        result = await trio.run_process(
            [cli()[0], "-c", code], env=cli_env, capture_stdout=True, check=True
        )
    assert result.stdout.decode().strip() == "[]"
