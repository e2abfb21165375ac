"""Shared pieces of the wire models."""

from typing import Any, Final, Literal

import attrs

from .._convert import WIRE_NAME

__all__ = ["Side", "wire"]

Side = Literal["A", "B"]
"""Order side on the wire: ``"B"`` is bid/buy, ``"A"`` is ask/sell."""

_NO_DEFAULT: Final[Any] = attrs.NOTHING


def wire(name: str, *, default: Any = _NO_DEFAULT) -> Any:
    """Declare a field whose wire key is not the camelCase of its Python name.

    Args:
        name: the exact JSON key (``"T"``, ``"block_height"``).
        default: the default when the key is absent.
    """
    return attrs.field(default=default, metadata={WIRE_NAME: name})
