"""What importing trio_hl loads, checked in fresh interpreters (``benchmarks/import_cost.py``
measures the times; these tests fail when a heavy module comes back onto a light path)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import trio_hl

SIGNING_AND_HTTP = ("eth_account", "eth_utils", "msgpack", "httpx", "pydantic")
TEST_KIT = ("trio_hl.testing", "trio_websocket.testing")
# Signed actions: their models, their methods and the signing module: none for market data.
EXCHANGE = ("trio_hl._exchange", "trio_hl.models.exchange", "trio_hl.signing")


def loaded(code: str, *, setup: str = "") -> set[str]:
    """The modules ``code`` adds to ``sys.modules`` in a fresh interpreter."""
    script = (
        f"import json, sys\n{setup}\nbefore = set(sys.modules)\n{code}\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(out))


def heavy(modules: set[str], roots: tuple[str, ...]) -> set[str]:
    return {name for name in modules if name.split(".")[0] in roots or name in roots}


def test_import_trio_hl_loads_almost_nothing() -> None:
    modules = loaded("import trio_hl")
    assert not heavy(modules, (*SIGNING_AND_HTTP, "trio", "cattrs", "msgspec"))
    assert len(modules) <= 250


def test_market_data_loads_no_signing_http_or_test_kit() -> None:
    modules = loaded(
        "from trio_hl import Api, open_client, decode_frame, MAINNET\n"
        "from trio_hl.models import L2Book, L2BookSubscription, UserFillsSubscription\n"
        "import trio_hl.books\n"
        "api = Api(network=MAINNET)\n"
        'book = decode_frame(\'{"channel":"l2Book","data":'
        '{"coin":"BTC","time":1,"levels":[[],[]]}}\')\n'
        "assert isinstance(book[0], L2Book)\n"
        "UserFillsSubscription(user='0x' + '0' * 40).to_wire()\n"
    )
    assert "trio" in modules  # the client is Trio: this path is the real one
    assert not heavy(modules, SIGNING_AND_HTTP)
    assert not {name for name in modules if name.startswith(TEST_KIT)}
    assert not {name for name in modules if name.startswith(EXCHANGE)}


def test_an_api_builds_its_exchange_on_first_use() -> None:
    script = "from trio_hl import Api\napi = Api()\n"
    assert not {name for name in loaded(script) if name.startswith(EXCHANGE)}
    modules = loaded(f"{script}assert api.exchange is api.exchange is not api.ws.exchange")
    assert {"trio_hl._exchange", "trio_hl.models.exchange", "trio_hl.signing"} <= modules


def test_books_import_no_trio() -> None:
    modules = loaded("import trio_hl.books")
    assert not heavy(modules, ("trio", "trio_websocket", *SIGNING_AND_HTTP))


def test_signing_loads_eth_account_on_first_use_only() -> None:
    modules = loaded("import trio_hl.signing")
    assert not heavy(modules, SIGNING_AND_HTTP)
    modules = loaded("import trio_hl.signing\ntrio_hl.signing.Signer.from_key('11' * 32)")
    assert "eth_account" in modules


def test_pytest_plugin_imports_nothing_of_the_package() -> None:
    modules = loaded("import trio_hl._pytest_plugin", setup="import pytest")
    assert modules == {"trio_hl", "trio_hl._pytest_plugin"}


def test_the_pytest_plugin_is_the_registered_entry_point() -> None:
    pyproject = (Path(trio_hl.__file__).parent.parent / "pyproject.toml").read_text()
    assert 'trio_hl = "trio_hl._pytest_plugin"' in pyproject


def _type_checking_imports() -> dict[str, str]:
    """``name -> module`` of the imports type checkers read in ``trio_hl/__init__.py``."""
    tree = ast.parse(Path(trio_hl.__file__).read_text())
    (block,) = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    names: dict[str, str] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom)
        for alias in node.names:
            assert alias.asname == alias.name, "re-export as itself"
            where = "." * node.level + (node.module or "")
            names[alias.name] = where if node.module else f".{alias.name}"
    return names


def test_lazy_exports_agree_with_what_type_checkers_read() -> None:
    assert _type_checking_imports() == trio_hl._EXPORTS
    assert sorted(trio_hl.__all__) == sorted(trio_hl._EXPORTS)


@pytest.mark.parametrize("name", sorted(trio_hl.__all__))
def test_every_lazy_export_resolves(name: str) -> None:
    assert getattr(trio_hl, name) is not None
    assert name in dir(trio_hl)


def test_unknown_attributes_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        trio_hl.no_such_name  # type: ignore[attr-defined]  # noqa: B018
