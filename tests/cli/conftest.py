"""Running ``trio-hl`` as a user does: ``python -m trio_hl ...`` in a subprocess.

Starting a process is most of each test's time (importing trio_hl and the command-line
libraries), so the subprocesses share a bytecode cache kept apart from the source tree, as
the examples test does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def cli_env(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    cache = getattr(request.config, "cache", None)
    prefix = cache.mkdir("examples-pycache") if cache is not None else None
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(prefix or tmp_path_factory.mktemp("pycache"))
    env["COLUMNS"] = "100"  # rich lays out for this width when output is not a terminal
    env["PYTHONUNBUFFERED"] = "1"
    return env


def cli(*args: str | Path) -> list[str]:
    """The command line of ``trio-hl ARGS``."""
    return [sys.executable, "-m", "trio_hl", *map(str, args)]
