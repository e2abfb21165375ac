"""Every ``trio-hl`` command line shown in the README and docs/cli.md is a valid one."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from trio_hl._cli._app import app

ROOT = Path(__file__).resolve().parents[2]
PAGES = (ROOT / "README.md", ROOT / "docs" / "cli.md")


def _command_lines() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for page in PAGES:
        for line in page.read_text().splitlines():
            if line.startswith("$ uv run trio-hl "):
                found.append((page.name, line))
    return found


def _tokens(line: str) -> list[str]:
    command = line.removeprefix("$ uv run trio-hl ")
    command = re.split(r"\s+(?:#|\||&\s*$)", command)[0]  # comment, pipe, background
    return shlex.split(command.rstrip("& "))


def test_the_pages_show_commands() -> None:
    shown = {_tokens(line)[0] for _, line in _command_lines()}
    assert shown >= {"demo", "book", "stream", "info", "record", "replay", "simulate"}
    readme = (ROOT / "README.md").read_text()
    start = readme.index("```console\n", readme.index("## Start here"))
    assert readme[start:].splitlines()[1:3] == [
        "$ uv run trio-hl demo          # a simulated market, watched live through the real client",
        "$ uv run pytest                # the tests",
    ]


@pytest.mark.parametrize(("page", "line"), _command_lines())
def test_each_command_line_parses(page: str, line: str) -> None:
    app.parse_args(_tokens(line), exit_on_error=False, print_error=False)


def test_the_readme_example_compiles() -> None:
    readme = (ROOT / "README.md").read_text()
    (block,) = re.findall(r"^```python\n(.*?)^```", readme, re.MULTILINE | re.DOTALL)
    compile(block, "README.md", "exec")
    assert len(block.splitlines()) <= 20
