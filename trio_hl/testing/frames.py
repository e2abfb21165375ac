"""Typed builders of every channel's ``data`` payload (see :mod:`trio_hl.testing`)."""

from ._frames import *  # noqa: F403
from ._frames import __all__ as __all__
