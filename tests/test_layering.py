"""The import arrows point one way: models are vocabulary, the core is closed.

Read from the source (every import, ``TYPE_CHECKING`` ones included: an annotation is an
arrow too), so that breaking a rule fails here rather than in a reviewer's head:

1. ``trio_hl.models`` imports only itself and the leaf helpers below it: no core, no shell,
   no signing, no networks.
2. The sans-IO core (``trio_hl._protocol``) imports no shell module.
3. Outside the core, nobody imports a core submodule: the interface is what
   ``trio_hl._protocol`` exports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import trio_hl

PACKAGE = Path(trio_hl.__file__).parent

# Leaves: import nothing of the package but errors (and each other). ``_account`` is a
# value (an address and a hidden key) that ``ApprovedAgent`` carries; ``_guards`` holds the
# type guards that narrow decoded JSON and callers' arguments for the type checkers.
LEAVES = frozenset(
    {
        "trio_hl.errors",
        "trio_hl._guards",
        "trio_hl._numbers",
        "trio_hl._validate",
        "trio_hl._convert",
        "trio_hl._secret",
        "trio_hl._account",
    }
)
# What the core may use besides itself, the models and the leaves: configuration it reads.
CORE_CONFIGURATION = frozenset({"trio_hl._limits", "trio_hl._policy", "trio_hl._backoff"})


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every ``trio_hl`` module ``path`` imports, relative imports resolved."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            if node.module:
                found.add(source)
            else:  # ``from . import x``: x is a module
                found.update(f"{source}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "trio_hl" or name.startswith("trio_hl.")}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(f"{prefix}.")


def _files(under: str) -> list[Path]:
    return sorted((PACKAGE / under).rglob("*.py"))


def _id(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


@pytest.mark.parametrize("path", _files("models"), ids=_id)
def test_models_are_vocabulary_only(path: Path) -> None:
    wrong = {
        name
        for name in _imports(path)
        if not _within(name, "trio_hl.models") and name not in LEAVES
    }
    assert not wrong, f"{_id(path)} imports {sorted(wrong)}: models import only models and leaves"


@pytest.mark.parametrize(
    "path", sorted(PACKAGE / f"{name.rpartition('.')[2]}.py" for name in LEAVES), ids=_id
)
def test_leaves_stay_leaves(path: Path) -> None:
    # The address rule is vocabulary (models._common); ``_account`` validates with it.
    wrong = {name for name in _imports(path) if name not in LEAVES | {"trio_hl.models._common"}}
    assert not wrong, f"{_id(path)} imports {sorted(wrong)}"


@pytest.mark.parametrize("path", _files("_protocol"), ids=_id)
def test_the_core_imports_no_shell(path: Path) -> None:
    allowed = LEAVES | CORE_CONFIGURATION
    wrong = {
        name
        for name in _imports(path)
        if not _within(name, "trio_hl._protocol")
        and not _within(name, "trio_hl.models")
        and name not in allowed
    }
    assert not wrong, f"{_id(path)} imports {sorted(wrong)}: the core imports no shell"


@pytest.mark.parametrize(
    "path", [p for p in _files(".") if not _within(_module_name(p), "trio_hl._protocol")], ids=_id
)
def test_only_the_core_imports_its_submodules(path: Path) -> None:
    reaching = {name for name in _imports(path) if name.startswith("trio_hl._protocol.")}
    assert not reaching, f"{_id(path)} imports {sorted(reaching)}: use trio_hl._protocol"


def test_the_rules_see_relative_imports() -> None:
    # The resolver itself: `from ..x import y` two levels down, `from . import z`.
    imported = _imports(PACKAGE / "models" / "exchange" / "_wire.py")
    assert "trio_hl.models._common" in imported
    assert "trio_hl.errors" in imported
    assert "trio_hl._protocol" in _imports(PACKAGE / "networks.py")
