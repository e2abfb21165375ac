"""Shared pieces of the wire models."""

import contextlib
import re
from collections.abc import Iterable, MutableMapping
from typing import Any, Final, Literal, TypeVar

import attrs

from .._convert import WIRE_NAME, mark_read_from_text
from ..errors import ConfigurationError

__all__ = ["Side", "fixup_module_metadata", "normalise_address", "read_from_text", "wire"]

Side = Literal["A", "B"]
"""Order side on the wire: ``"B"`` is bid/buy, ``"A"`` is ask/sell."""

_NO_DEFAULT: Final[Any] = attrs.NOTHING

T = TypeVar("T")


def read_from_text(cls: type[T]) -> type[T]:
    """Class decorator (outside ``@attrs.frozen``): the hot channels read this model straight
    from JSON text with msgspec, its one fast path.

    Such a model must keep every wire key equal to its attribute name, and have no
    validator, converter or init hook; ``tests/protocol/test_fast_path.py`` fails otherwise.
    """
    mark_read_from_text(cls)
    return cls


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


def fixup_module_metadata(
    module_name: str, namespace: MutableMapping[str, Any], names: Iterable[str]
) -> None:
    """Make the exports of a package report the package, not its private module.

    Tracebacks, reprs and the docs then say ``trio_hl.models.exchange.Cloid`` rather than
    ``trio_hl.models.exchange._wire.Cloid``: the private layout can change freely (as
    ``trio/__init__.py`` does for trio's names).
    """
    for name in names:
        value = namespace[name]
        if getattr(value, "__module__", "").startswith(f"{module_name}._"):
            with contextlib.suppress(AttributeError, TypeError):
                value.__module__ = module_name


def check_bool(_: object, attribute: "attrs.Attribute[bool]", value: object) -> None:
    if not isinstance(value, bool):
        raise ConfigurationError(f"{attribute.name} must be a bool, got {value!r:.60}")


def check_optional_bool(
    _: object, attribute: "attrs.Attribute[bool | None]", value: object
) -> None:
    if value is not None and not isinstance(value, bool):
        raise ConfigurationError(f"{attribute.name} must be a bool or None, got {value!r:.60}")
