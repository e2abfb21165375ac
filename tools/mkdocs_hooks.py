"""mkdocs hooks: the example files and the API reference as pages of the site.

The pages in ``docs/`` link to the examples as ``../examples/NAME`` so that the links work
where the Markdown is read directly (a repository browser, an editor). On the site each
example becomes a page of its own (``examples/NAME.md``, its source in a code block), and
the links are rewritten to point at it; a link to a missing example stays broken, and
``mkdocs build --strict`` fails on it. The API reference is one generated page per public
module, rendered from the docstrings by mkdocstrings.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PUBLIC_MODULES = (
    "trio_hl",
    "trio_hl.models",
    "trio_hl.models.info",
    "trio_hl.models.exchange",
    "trio_hl.networks",
    "trio_hl.errors",
    "trio_hl.books",
    "trio_hl.signing",
    "trio_hl.testing",
)
_LINK = re.compile(r"\]\(\.\./examples/([^)#\s]+)")
_LANGUAGE = {".py": "python", ".jsonl": "json"}


def _example_page(path: Path) -> str:
    language = _LANGUAGE.get(path.suffix, "text")
    return f"# `examples/{path.name}`\n\n```{language}\n{path.read_text()}```\n"


def _examples_index(paths: list[Path]) -> str:
    lines = [
        "# Examples",
        "",
        "Every example runs offline by default against the in-process fake server",
        "(`uv run python examples/NAME.py`); see [the overview](../index.md#the-examples).",
        "",
    ]
    lines += [f"- [`{path.name}`]({path.name}.md)" for path in paths]
    return "\n".join(lines) + "\n"


def _reference_page(module: str) -> str:
    return f"# `{module}`\n\n::: {module}\n    options:\n      show_root_heading: false\n"


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    paths = sorted(p for p in EXAMPLES.iterdir() if p.suffix in _LANGUAGE)
    for path in paths:
        page = File.generated(config, f"examples/{path.name}.md", content=_example_page(path))
        files.append(page)
    files.append(File.generated(config, "examples/index.md", content=_examples_index(paths)))
    for module in PUBLIC_MODULES:
        files.append(
            File.generated(config, f"reference/{module}.md", content=_reference_page(module))
        )
    return files


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    if page.file.src_uri.startswith(("examples/", "reference/")):
        return markdown
    return _LINK.sub(r"](examples/\1.md", markdown)
