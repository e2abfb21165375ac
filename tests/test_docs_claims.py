"""Claims of the README and the docs that no example run checks, checked here."""

from __future__ import annotations

import re
import types
from pathlib import Path

import pytest
import trio
import trio.testing

import trio_hl
from trio_hl.testing import FakeHyperliquid, l2_book_data

ROOT = Path(__file__).resolve().parents[1]


def _python_blocks(path: Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", path.read_text(), re.MULTILINE | re.DOTALL)


async def test_readme_quick_start_runs_and_survives_an_empty_book_side(
    fake_hyperliquid: FakeHyperliquid, capsys: pytest.CaptureFixture[str]
) -> None:
    # The README's first program, verbatim, with MAINNET pointed at the fake.
    source = _python_blocks(ROOT / "README.md")[0]
    assert source.endswith("trio.run(main)\n")
    namespace: dict[str, object] = {}
    exec(compile(source.removesuffix("trio.run(main)\n"), "README.md", "exec"), namespace)
    names = {name: getattr(trio_hl, name) for name in trio_hl.__all__}
    namespace["trio_hl"] = types.SimpleNamespace(**{**names, "MAINNET": fake_hyperliquid.network})
    main = namespace["main"]
    assert isinstance(main, types.FunctionType)
    one_sided: dict[str, object] = {
        **l2_book_data("BTC"),
        "levels": [[], l2_book_data("BTC")["levels"][1]],
    }
    async with trio.open_nursery() as nursery:
        nursery.start_soon(main)
        await fake_hyperliquid.wait_received(lambda frame: frame.get("method") == "subscribe")
        await fake_hyperliquid.push("l2Book", one_sided)  # bids[0] would raise IndexError
        await trio.testing.wait_all_tasks_blocked()
        await fake_hyperliquid.push("l2Book", l2_book_data("BTC", mid="108250"))
        await trio.testing.wait_all_tasks_blocked()
        nursery.cancel_scope.cancel()
    assert capsys.readouterr().out.splitlines() == [
        "BTC: one side of the book is empty",
        "BTC 108249 / 108251",
    ]


def test_silence_excerpt_shows_the_jitter_its_exact_timing_needs() -> None:
    # The excerpt asserts an exact reconnect time, which only holds without jitter: the
    # text must not claim it holds "with the default settings", and the excerpt must show
    # the settings it runs with.
    text = (ROOT / "docs" / "testing.md").read_text()
    section = text[text.index("### Silence") :]
    section = section[: section.index("\n### ", 1)]
    assert "default settings" not in section
    (block,) = re.findall(r"^```python\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    assert "approx(30 + 10 + 0.5)" in block
    assert "Settings(backoff=Backoff(jitter=0))" in block
