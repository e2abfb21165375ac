"""What importing trio_hl costs: wall time and modules loaded, per way of using it.

Run with ``uv run python benchmarks/import_cost.py`` (``--repeats N``, ``--importtime`` to print
the slowest modules of each scenario as ``python -X importtime`` reports them). Not a test:
each scenario runs in a fresh interpreter ``repeats`` times and the table shows the median
time and the number of modules the statement added to ``sys.modules``.

Scenarios:

* ``import trio_hl``: the package alone (its names load on first use);
* ``market data``: what a market-data program imports (``Api``, ``open_client``, the models
  and the books), without signing (eth_account, msgpack) or HTTP (httpx);
* ``books``: ``trio_hl.books`` alone, which needs no Trio;
* ``pytest plugin``: what pytest imports at start-up in any environment where trio_hl is
  installed (the ``pytest11`` entry point), before any fixture is requested;
* ``everything``: signing, HTTP and the test kit too, for comparison.

Targets (issue 12): ``import trio_hl`` <= 0.4 s and <= 250 modules; plugin <= 50 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

# name -> (setup, not timed; the statement timed)
SCENARIOS: dict[str, tuple[str, str]] = {
    "import trio_hl": ("", "import trio_hl"),
    "market data": (
        "",
        "from trio_hl import Api, open_client, decode_frame\n"
        "from trio_hl.models import L2Book, L2BookSubscription\n"
        "import trio_hl.books",
    ),
    "books": ("", "import trio_hl.books"),
    # pytest itself is loaded before any plugin: what the plugin adds is what counts.
    "pytest plugin": ("import pytest", "import trio_hl._pytest_plugin"),
    "everything": (
        "",
        "from trio_hl import Api, open_client\n"
        "import trio_hl.signing, trio_hl.testing, trio_hl._http\n"
        "trio_hl.signing.Signer.from_key('0x' + '1' * 64)\n"
        "import httpx, msgpack",
    ),
}

HEAVY = ("eth_account", "msgpack", "httpx", "trio", "trio_hl.testing")

# Runs in the child: times the statement and says what it loaded.
_PROBE = """
import json, sys, time
exec({setup!r})
before = set(sys.modules)
start = time.perf_counter()
exec(compile({code!r}, "<scenario>", "exec"))
elapsed = time.perf_counter() - start
added = set(sys.modules) - before
heavy = sorted(name for name in {heavy!r} if name in added)
print(json.dumps({{"seconds": elapsed, "modules": len(added), "heavy": heavy}}))
"""


def probe(setup: str, code: str) -> dict[str, object]:
    script = _PROBE.format(setup=setup, code=code, heavy=HEAVY)
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, object] = json.loads(out)
    return result


def slowest(setup: str, code: str, top: int = 8) -> list[tuple[int, str]]:
    """The ``top`` modules by cumulative import time (``python -X importtime``)."""
    err = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"{setup}\n{code}"],
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    rows = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--importtime", action="store_true", help="print the slowest modules")
    args = parser.parse_args()
    print(f"{'scenario':16} {'median ms':>10} {'min ms':>8} {'modules':>8}  loaded")
    for name, (setup, code) in SCENARIOS.items():
        runs = [probe(setup, code) for _ in range(args.repeats)]
        times = [float(str(run["seconds"])) * 1000 for run in runs]
        heavy = ", ".join(str(h) for h in runs[0]["heavy"]) or "-"  # type: ignore[attr-defined]
        print(
            f"{name:16} {statistics.median(times):10.1f} {min(times):8.1f} "
            f"{runs[0]['modules']!s:>8}  {heavy}"
        )
        if args.importtime:
            for cumulative, module in slowest(setup, code):
                print(f"{'':18}{cumulative / 1000:8.1f} ms {module}")


if __name__ == "__main__":
    main()
