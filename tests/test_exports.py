"""The public surface: complete, honestly named, and the sans-IO core free of trio."""

from __future__ import annotations

import ast
import inspect
import types
from pathlib import Path

import pytest

import trio_hl
import trio_hl.errors
import trio_hl.models
import trio_hl.networks
import trio_hl.testing

PUBLIC_MODULES = [trio_hl, trio_hl.errors, trio_hl.models, trio_hl.networks, trio_hl.testing]
PACKAGE = Path(trio_hl.__file__).parent


def _defined_in(value: object, module_name: str) -> bool:
    """Defined by this public module or one of its private submodules (not re-imported)."""
    owner = getattr(value, "__module__", "")
    return owner == module_name or owner.startswith(f"{module_name}._")


@pytest.mark.parametrize("module", PUBLIC_MODULES, ids=lambda m: m.__name__)
def test_all_matches_reality(module: types.ModuleType) -> None:
    exported: set[str] = set(module.__all__)
    for name in exported:
        assert hasattr(module, name), f"{name} in __all__ but missing"
    public = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not inspect.ismodule(value)
        and _defined_in(value, module.__name__)
    }
    assert public <= exported, f"not exported: {public - exported}"


def test_public_classes_report_a_public_module() -> None:
    for name in trio_hl.__all__:
        value = getattr(trio_hl, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert not value.__module__.split(".")[-1].startswith("_"), name


def test_errors_share_one_root() -> None:
    for name in trio_hl.errors.__all__:
        assert issubclass(getattr(trio_hl.errors, name), trio_hl.errors.HyperliquidError)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


SANS_IO = [
    *sorted((PACKAGE / "_protocol").rglob("*.py")),
    *sorted((PACKAGE / "models").rglob("*.py")),
    PACKAGE / "_limits.py",
    PACKAGE / "_convert.py",
    PACKAGE / "_policy.py",
    PACKAGE / "errors.py",
]


@pytest.mark.parametrize("path", SANS_IO, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_sans_io_core_never_imports_trio(path: Path) -> None:
    imported = _imports(path)
    assert not {name for name in imported if name == "trio" or name.startswith("trio.")}
    assert "trio_websocket" not in imported


def test_py_typed_is_shipped() -> None:
    assert (PACKAGE / "py.typed").exists()
