"""Shared pieces of the wire models."""

import re
from typing import Any, Final, Literal

import attrs

from .._convert import WIRE_NAME
from ..errors import ConfigurationError

__all__ = ["Side", "normalise_address", "wire"]

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


_ADDRESS: Final = re.compile(r"^0x[0-9a-fA-F]{40}$")


def normalise_address(address: object) -> str:
    """Validate an address and return it lower-cased, as the server echoes it.

    Raises:
        ConfigurationError: not ``0x`` followed by 40 hex digits.
    """
    if not isinstance(address, str) or not _ADDRESS.match(address):
        raise ConfigurationError(f"not an address (0x + 40 hex digits): {address!r:.60}")
    return address.lower()
