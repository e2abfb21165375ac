"""The ``trio-hl`` command (also ``python -m trio_hl``).

Nothing in ``trio_hl`` imports this package: the command-line libraries (cyclopts, rich,
backports.zstd) are loaded only when the command runs, so ``import trio_hl`` costs nothing for
them. Each command lives in its own module; :mod:`._app` declares the command line and
imports a command's module only when that command runs.
"""

from ._app import main as main

__all__ = ["main"]
