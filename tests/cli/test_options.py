"""The command line's parsing, its errors and exit statuses, and the book screen, in process."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from rich.console import Console

from trio_hl import MAINNET, TESTNET, decode_frame
from trio_hl._cli import main
from trio_hl._cli._book import BookScreen
from trio_hl._cli._channels import CHANNELS as CLI_CHANNELS
from trio_hl._cli._channels import requests_for
from trio_hl._cli._info import build_request
from trio_hl._cli._options import NetworkOptions, UsageError
from trio_hl._cli._output import to_json
from trio_hl._protocol import CHANNELS
from trio_hl.models import L2Book, L2BookSubscription, StreamRestarted, TradesSubscription
from trio_hl.models.info import CandleSnapshotRequest, L2BookRequest
from trio_hl.testing import l2_book_data

from .frames import book_frame


def _exit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    code = exited.value.code
    assert isinstance(code, int)
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["stream", "l2book"], "unknown channel 'l2book'; did you mean l2Book?"),
        (["stream", "trades"], "trades needs --coin"),
        (["stream", "allMids", "-c", "BTC"], "allMids takes no --coin"),
        (["stream", "userFills"], "userFills needs --user"),
        (["stream", "userFills", "--user", "nope"], "userFills: "),
        (["stream", "candle", "-c", "BTC", "--interval", "7m"], "candle: interval must be one of"),
        (["stream", "l2Book", "-c", "BTC", "-n", "0"], "--count must be at least 1"),
        (
            ["stream", "l2Book", "-c", "BTC", "--testnet", "--offline"],
            "choose one of --testnet, --offline",
        ),
        (["stream", "l2Book", "-c", "BTC", "--url", "http://x"], "not a ws:// or wss:// URL"),
        (
            ["stream", "l2Book", "-c", "BTC", "--goldrush-key-env", "TRIO_HL_TEST_UNSET"],
            "environment variable TRIO_HL_TEST_UNSET is empty or not set",
        ),
        (["stream"], "trio-hl: error: "),
        (["stream", "l2Book", "--cion", "BTC"], "Did you mean --coin?"),
        (["book", "BTC", "--levels", "0"], "--levels must be at least 1"),
        (["book", "BTC", "--size", "-1"], "--size must be positive"),
        (["info", "nope"], "unknown info type 'nope'"),
        (["info", "l2Book"], "l2Book needs -p coin=..."),
        (["info", "l2Book", "-p", "coin"], "bad parameter 'coin' (NAME=VALUE; accepted: coin, "),
        (["info", "l2Book", "-p", "colour=red"], "bad parameter 'colour=red'"),
        (["replay", "/nonexistent/recording"], "no recording at /nonexistent/recording"),
        (["replay", ".", "--speed", "fast"], "--speed must be a positive number or max"),
        (["record", "l2Book", "-c", "BTC"], "trio-hl: error: "),  # no --out
        (["demo", "--seconds", "0"], "--seconds must be positive"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, err = _exit(capsys, *argv)
    assert code == 2
    assert err.startswith("trio-hl: error: ")
    assert message in err
    assert err.count("\n") == 1, err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for command in ("stream", "book", "info", "record", "replay", "demo", "simulate"):
        assert command in out


def test_every_network_command_shares_the_network_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command in ("stream", "book", "info", "record"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        for option in ("--testnet", "--url", "--goldrush-key-env", "--offline", "--verbose -v"):
            assert option in out, (command, option)


def test_networks(monkeypatch: pytest.MonkeyPatch) -> None:
    assert NetworkOptions().network() is MAINNET
    assert NetworkOptions(testnet=True).network() is TESTNET
    assert NetworkOptions(url=TESTNET.ws_url).network() is TESTNET
    assert NetworkOptions(offline=True).network() is None
    custom = NetworkOptions(url="ws://127.0.0.1:9/ws").network()
    assert custom is not None
    assert custom.ws_url == "ws://127.0.0.1:9/ws"
    monkeypatch.setenv("GR_KEY", "sekrit")
    gold = NetworkOptions(goldrush_key_env="GR_KEY").network()
    assert gold is not None
    assert gold.name == "goldrush"
    assert "sekrit" not in repr(gold)
    here = NetworkOptions(goldrush_key_env="GR_KEY", url="wss://gr.example/ws").network()
    assert here is not None
    assert here.ws_url == "wss://gr.example/ws?key=sekrit"
    with pytest.raises(UsageError, match="choose one of --testnet, --goldrush-key-env"):
        NetworkOptions(testnet=True, goldrush_key_env="GR_KEY").network()


def test_channels_become_requests() -> None:
    assert requests_for("l2Book", coins=["BTC", "ETH", "BTC"]) == [
        L2BookSubscription(coin="BTC"),
        L2BookSubscription(coin="ETH"),
    ]
    assert requests_for("l2Book") == [L2BookSubscription()]  # the GoldRush wildcard
    assert requests_for("trades", coins=["BTC"]) == [TradesSubscription(coin="BTC")]
    mids = requests_for("allMids", coins=["BTC"], coins_if_taken=True)
    assert [r.to_wire() for r in mids] == [{"type": "allMids"}]
    fills = requests_for("userFills", user="0x" + "AB" * 20)
    assert [r.to_wire() for r in fills] == [{"type": "userFills", "user": "0x" + "ab" * 20}]


def test_the_command_line_offers_every_channel_of_the_table() -> None:
    # The CLI keeps its own name -> request map; a channel added to the core table must
    # appear here too. GoldRush's own streams (models.goldrush) take options the CLI lacks.
    goldrush_only = {
        kind
        for kind, row in CHANNELS.items()
        if row.request.__module__ == "trio_hl.models.goldrush"
    }
    assert goldrush_only
    offered = {kind: row.request for kind, row in CHANNELS.items() if kind not in goldrush_only}
    assert offered == CLI_CHANNELS, "add the channel to trio_hl/_cli/_channels.py"


def test_info_parameters() -> None:
    assert build_request("l2Book", ["coin=BTC"]) == L2BookRequest(coin="BTC")
    # Wire and Python names both work; numbers are read as JSON, text stays text.
    by_wire = build_request("candleSnapshot", ["coin=1", "interval=1m", "startTime=5"])
    by_name = build_request("candleSnapshot", ["coin=1", "interval=1m", "start_time=5"])
    assert by_wire == by_name
    assert isinstance(by_wire, CandleSnapshotRequest)
    assert by_wire.to_wire()["req"]["coin"] == "1"
    assert by_wire.to_wire()["req"]["startTime"] == 5


def test_messages_as_json_lines() -> None:
    (book,) = decode_frame(book_frame("BTC"))
    line = json.loads(to_json(book))
    assert line["type"] == "L2Book"
    assert line["levels"][0][0] == {"px": "108249", "sz": "0.1", "n": 1}
    marker = StreamRestarted(sid=3, subscription={"type": "trades", "coin": "BTC"}, connection=2)
    assert json.loads(to_json(marker)) == {
        "type": "StreamRestarted",
        "sid": 3,
        "subscription": {"type": "trades", "coin": "BTC"},
        "connection": 2,
        "reason": "reconnect",
    }


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _book(time: int = 1_000) -> L2Book:
    (book,) = decode_frame(
        json.dumps({"channel": "l2Book", "data": l2_book_data(levels=6, time=time)})
    )
    assert isinstance(book, L2Book)
    return book


def _screen_text(screen: BookScreen) -> str:
    console = Console(file=io.StringIO(), record=True, width=100, color_system=None)
    console.print(screen.render())
    return console.export_text()


def test_the_book_screen_draws_the_ladder_and_its_figures() -> None:
    clock = _Clock()
    screen = BookScreen("BTC", levels=3, size=Decimal("0.5"), stale_after=5, clock=clock)
    assert "waiting for the first book" in _screen_text(screen)
    screen.on_connection(connected=True, connections=1)
    for i in range(5):
        clock.now += 0.5
        screen.on_book(_book(1_000 + i), local_ms=1_250 + i)
    text = _screen_text(screen)
    lines = text.splitlines()
    assert lines[0] == "BTC order book"
    ladder = [line.split() for line in lines[2:9]]
    # Asks above, best last; the spread; bids below, best first; depth bars grow outwards.
    assert [row[-2] for row in ladder[:3] + ladder[4:]] == [
        "108,253",
        "108,252",
        "108,251",
        "108,249",
        "108,248",
        "108,247",
    ]
    assert ladder[3] == ["spread", "2", "0.18", "bps"]
    assert len(ladder[0][0]) > len(ladder[2][0])
    assert len(ladder[6][0]) > len(ladder[4][0])
    assert "mid 108,250.0   depth-weighted mid (5) 108,250.0" in text
    assert "buy 0.5: average 108,251.6" in text  # 0.2 at the touch, 0.3 at the next level
    assert "sell 0.5: average 108,247.8" in text
    assert (
        "● connected   connection 1, 0 reconnect(s)   2.0 books/s, 5 books   delay 250 ms" in text
    )
    assert "STALE" not in text

    clock.now += 6
    screen.on_restart()
    screen.on_connection(connected=False, connections=1)
    text = _screen_text(screen)
    assert "○ disconnected: reconnecting   connection 1, 1 reconnect(s)" in text
    assert "STALE: no book for 6.0 s" in text


def test_a_fill_larger_than_the_book_says_so() -> None:
    screen = BookScreen("BTC", levels=3, size=Decimal("100"), clock=_Clock())
    screen.on_book(_book(), local_ms=1_000)
    text = _screen_text(screen)
    assert "buy 100: average 108,254.3 (only 4.2)" in text
    assert "sell 100: average 108,245.7 (only 2.1)" in text
