"""The examples run offline, quickly and quietly, and the docs quote only code that runs.

Each script runs in a subprocess, exactly as a user would run it (``python examples/x.py``),
against its in-process fake server. They start all at once: a script spends most of its time
importing (about 2.5 s of its 3 s of CPU time), so running them side by side keeps the module
to the CPU time of the scripts spread over the cores, about half a minute on two.

Every ``python`` block in ``docs/`` must be an excerpt of an example file (modulo
indentation), so that no snippet in the docs is untested.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DOCS = ROOT / "docs"

# Script -> lines (or parts of lines) its offline run must print.
EXPECTED: dict[str, tuple[str, ...]] = {
    "l2_book.py": ("BTC 20 bids, 20 asks  best ", "unsubscribed and disconnected"),
    "shared_channel.py": (
        "book    BTC ",
        "trades  BTC ",
        "candle  BTC 1m ",
        "12 messages from 3 subscriptions on one stream",
    ),
    "connection.py": (
        "connecting to ws://fake.hyperliquid.invalid/ws",
        "stream restarted ",
        "50 books over 2 connection(s)",
    ),
    "reconnect.py": (
        "subscribed to BTC trades (sid 1)",
        "-- stream restarted on connection 2, resubscribed {'type': 'trades', 'coin': 'BTC'}",
        "already seen",
        "distinct trades over 2 connection(s)",
    ),
    "run_forever.py": (
        "connected (1 connection)",
        "bbo  BTC ",
        "ctx  BTC mark ",
        "watchers done; cancelling the nursery closes the connection",
        "after the block: api.ws is not running",
    ),
    "info_request.py": (
        "allMids: 5 coins",
        "l2Book BTC: best ",
        "refused: request failed: 422 Unprocessable Entity",
        "second allMids: answered",
        "pending requests: 0",
    ),
    "goldrush_wildcard.py": (
        "connecting to Network(name='fake-goldrush', url='ws://fake.goldrush.invalid/ws?key=***')",
        "   SOL block ",
        "12 books covering 4 coins: BTC, ETH, HYPE, SOL",
    ),
    "goldrush_depth_scanner.py": (
        "   BTC book seeded at block 900000001 (initial)",
        "block 900000006: top 3 by depth within 25 bps of mid",
        "     BTC $43,344,092  (bids $24,641,861 / asks $18,702,231)",
        "3 scans of 3 coins, 45 diffs applied",
    ),
    "goldrush_l4_sequenced.py": (
        "-- BookResynced BTC (initial): epoch ...0000 seq 0, block 900000000",
        "-- BTC book dropped (gap): fetching a snapshot",
        "-- BookResynced BTC (gap): epoch ...0000 seq 8, block 900000008",
        "-- BookResynced BTC (epoch_changed): epoch ...0001 seq 0, block 900000013",
        "at seq 8 the local book equals the server's: True",
        "16 diffs applied, 2 duplicate(s) ignored, 4 resync(s)",
    ),
    "goldrush_liquidations.py": (
        "17:22:42   BTC Close Short   0.09 @ 79240   $  7,131.60  0x0000..00a1 mark 79240 "
        "(backstop)",
        "9 liquidation fills, $388,436.79 in all: BTC $377,184, ETH $9,761, SOL $1,491",
    ),
    "goldrush_batch_state.py": (
        "refused locally: a batch state request takes 1 to 50 distinct wallets, got 51",
        "50 wallets in one call: 49 states",
        "  0x34255a6ee326fa15bcc1693ff765802f8e949b9e: upstream_error (upstream request failed)",
        "  0x1c0065aa..  account $  126,867.71  withdrawable $   63,433.86  2 position(s)",
        "total account value of 49 wallets: $2,575,429.01",
        "slot of 0x34255a6e..: upstream_error",
    ),
    "spread_watcher.py": ("wide: BTC ", "20 quotes of BTC (reference mid "),
    "subscriptions_tour.py": (
        "l2_book           BTC: 20 bids, 20 asks",
        "trades            BTC: ",
        "candle            BTC 1m: close ",
        "bbo               ETH: ",
        "all_mids          5 coins, BTC at ",
        "active_asset_ctx  BTC (ActiveAssetCtx): mark ",
        "active_asset_ctx  PURR/USDC (ActiveSpotAssetCtx): mark ",
        "keep_latest(1)    buffered 1, dropped ",
        "keep_latest(100)  buffered ",
        "two identical subscriptions: 2 local, 1 on the wire",
        "after both blocks: 0 on the wire",
        "refused: cannot subscribe to ",
        "the stream ended after 0 buffered item(s)",
        "leaving api.ws.run() ended every stream and closed the connection",
    ),
    "user_fills.py": (
        "snapshot of 3 fill(s)",
        "-- reconnected (connection 2): the next snapshot holds",
        "fills received, each once",
    ),
    "replay.py": (
        " 3  L2Book BTC: 2 bids, 2 asks",
        " 4  Trades BTC: 0.00023 @ 109572.0, 0.01500 @ 109571.0",
        " 5  (no data message)",
        "14  L2Book SOL at block 996629014: 1 bids, 0 asks",
        "15  skipped (l2Book): cannot decode 'l2Book' frame",
        "the BTC stream got 2 books (times [1751206166616, 1762450000123])",
    ),
    "info_queries.py": (
        "<Universe 7 perps, 3 spot pairs, dexes ('test',)>",
        "  PURR/USDC  -> id  10000  coin 'PURR/USDC'  spot",
        "  HYPE/USDC  -> id  10107  coin '@107'",
        "  test:ABC   -> id 110000  builder dex 'test' (#1)",
        "UnknownAsset: unknown asset 'BTX'; did you mean 'BTC'?",
        "account value 13109.482328, withdrawable 13104.034403",
        "l2Book @107: 20 bids, 20 asks",
        "allMids of an unknown dex: None",
        "order by cloid: found=False (unknownOid)",
        "rate limited (HTTP 429); retry after 1 s: Too many requests: retrying in 1 s",
        "fees: taker ",
    ),
    "place_order.py": (
        "refused locally: BTC price: price 97425.45 is not on the tick grid",
        "resting: oid ",
        "second cancel: Order was never placed, already canceled, or filled. asset=0",
        "batch: OrderResting(",
        "batch: OrderError(message='Order could not immediately match",
        "market buy: 0.00021 @ ",
        "market sell: OrderFilled(",
        "ActionRejected: User or API Wallet 0x",
    ),
    "lost_reply.py": (
        "RequestOutcomeUnknown: ",
        "the exchange never saw 0x",
        "placed: OrderResting(",
        "cancelled 0x",
    ),
    "agent_wallet.py": (
        "approved API wallet 0x",
        "secret_key=<hidden>)",
        "placed by the API wallet: OrderResting(",
        "usd_send with the API wallet's key: usd_send is a user-signed action",
        "placed for 0x",
        "cancelled oid ",
    ),
    "book_analytics.py": (
        "BTC: 0.85188 @ 108250.0 / 0.64743 @ 108251.0, spread 1.0 (0.09 bps)",
        "  mid 108250.5, depth-weighted mid over 5 levels ",
        "(complete)",
        "(INCOMPLETE, ",
        "20 books, the latest of 4 coins:",
        "snapshot at block ",
        "-- reconnected: the book is reset until the next snapshot",
        " is number ",
        "  to_l2(3): bids ",
        "  2 snapshot(s), 8 updates applied, 1 reset(s), 0 anomalies",
    ),
    "sign_offline.py": (
        "Signer(address='0x",
        '{"type": "order", "orders": [{"a": 0, "b": true, "p": "65000", "s": "0.001", "r": false',
        "keys reordered: another hash",
        '"65000.0" for "65000": another hash',
        "SigningError: action.px is a float (0.1)",
        "eth_account signing l1_typed_data: the same signature",
        '"hyperliquidChain": "Mainnet"',
        "noop sent with client.action: {'status': 'ok', 'response': {'type': 'default'}}",
    ),
    "quote_keeper.py": (
        "snapshot: 0 new fill(s)",
        "bid 40000000181: 0.5 @ 2424.1",
        "fill: 0.5 @ 2424.1 (oid 40000000181); position 0.5",
        "done: 2 fills, position 1.0",
    ),
    "simulator.py": (
        "simulator at ws://127.0.0.1:",
        "placed over the socket: OrderResting(oid=",
        "open orders over HTTP: [",
        "account value 100000",
    ),
    # The example test suites, run with pytest as their docstrings say.
    "test_spread_watcher.py": ("8 passed",),
    "test_quote_keeper.py": ("3 passed",),
    "test_silent_subscriptions.py": ("2 passed",),
}


# What an example may print on stderr (log lines it demonstrates); the others must print none.
EXPECTED_STDERR: dict[str, str] = {
    "connection.py": "trio_hl WARNING no pong from fake within 5.0 s: reconnecting\n",
    "test_spread_watcher.py": "",
    "test_quote_keeper.py": "",
    "test_silent_subscriptions.py": "",
}


def _command(name: str) -> list[str]:
    path = str(EXAMPLES / name)
    if name.startswith("test_"):
        return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", path]
    return [sys.executable, path]


def _start(name: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _command(name),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, subprocess.CompletedProcess[str]]:
    # Most of a script's time is importing. Where bytecode caching is switched off
    # (PYTHONDONTWRITEBYTECODE), every script would compile trio, trio_hl and pytest from
    # source; a bytecode cache kept apart from the source tree (in pytest's cache, else a
    # temporary directory) halves the time and writes nothing next to the sources.
    cache = getattr(request.config, "cache", None)
    prefix = cache.mkdir("examples-pycache") if cache is not None else None
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(prefix or tmp_path_factory.mktemp("pycache"))
    # One script fills the shared part of the cache; then a few run at a time. Starting all
    # of them at once on a 2-core machine made the slowest miss their own 10 s timeouts.
    names = list(EXPECTED)
    window = (os.cpu_count() or 2) + 1
    procs: dict[str, subprocess.Popen[str]] = {}
    results: dict[str, subprocess.CompletedProcess[str]] = {}
    try:
        for index, name in enumerate(names):
            for ahead in names[index : index + window] if index else [name]:
                if ahead not in procs:
                    procs[ahead] = _start(ahead, env)
            proc = procs[name]
            out, err = proc.communicate(timeout=120)
            results[name] = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    return results


def test_every_example_is_run() -> None:
    scripts = {path.name for path in EXAMPLES.glob("*.py") if not path.name.startswith("_")}
    assert scripts == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_runs_offline(name: str, runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    result = runs[name]
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == EXPECTED_STDERR.get(name, "")  # quiet: no stray warnings or logs
    for expected in EXPECTED[name]:
        assert expected in result.stdout, f"{expected!r} not in:\n{result.stdout}"


def _python_blocks() -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = []
    for path in sorted(DOCS.glob("*.md")):
        found = re.findall(r"^```python\n(.*?)^```", path.read_text(), re.MULTILINE | re.DOTALL)
        blocks.extend((f"{path.name}#{i}", block) for i, block in enumerate(found, 1))
    return blocks


def _is_excerpt(block: str, source: str) -> bool:
    want = textwrap.dedent(block).strip("\n").splitlines()
    lines = source.splitlines()
    for start in range(len(lines) - len(want) + 1):
        window = textwrap.dedent("\n".join(lines[start : start + len(want)])).splitlines()
        if window == want:
            return True
    return False


@pytest.mark.parametrize(("where", "block"), _python_blocks(), ids=lambda value: value[:40])
def test_docs_snippets_come_from_examples(where: str, block: str) -> None:
    sources = [path.read_text() for path in sorted(EXAMPLES.glob("*.py"))]
    assert any(_is_excerpt(block, source) for source in sources), f"{where} is not in examples/"


def test_docs_links_resolve() -> None:
    for path in sorted(DOCS.glob("*.md")):
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", path.read_text()):
            if "://" in target:
                continue
            assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


def test_an_example_offers_only_the_options_it_uses() -> None:
    # A GoldRush-only example could only refuse --url and --testnet; one that watches every
    # coin would ignore --coin. Neither is offered.
    def options(name: str) -> set[str]:
        done = subprocess.run(
            [sys.executable, str(EXAMPLES / name), "--help"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return set(re.findall(r"--[a-z][a-z-]*", done.stdout))

    assert {"--url", "--testnet", "--coin"} <= options("l2_book.py")
    tape = options("goldrush_liquidations.py")
    assert "--goldrush-key" in tape
    assert not {"--url", "--testnet", "--coin"} & tape
    l4 = options("goldrush_l4_sequenced.py")
    assert "--coin" in l4
    assert not {"--url", "--testnet"} & l4
