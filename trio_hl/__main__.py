"""``python -m trio_hl``: the ``trio-hl`` command."""

from trio_hl._cli import main

main()
