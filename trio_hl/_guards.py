"""Type guards for values whose type is only known once it is checked.

Two sources: decoded JSON (``json.loads`` and msgspec's untyped decode return ``Any``) and
arguments of public calls, which are checked at run time for callers without a type
checker. ``isinstance(value, dict)`` narrows either to a container of *unknown* items,
which strict pyright reports at every later use. A JSON object's keys are strings and its
values are whatever the server sent, so the JSON guards narrow to ``dict[str, Any]`` /
``list[Any]``; the argument guards narrow to containers of ``object``. Either way the code
reading an item still checks it before trusting it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeGuard

__all__ = ["is_array", "is_iterable", "is_mapping", "is_object", "is_sequence", "is_tuple"]


def is_object(value: object) -> TypeGuard[dict[str, Any]]:
    """A JSON object (``isinstance(value, dict)``)."""
    return isinstance(value, dict)


def is_mapping(value: object) -> TypeGuard[Mapping[str, Any]]:
    """Any mapping (``isinstance(value, Mapping)``), for code that also takes callers' maps."""
    return isinstance(value, Mapping)


def is_array(value: object) -> TypeGuard[list[Any]]:
    """A JSON array (``isinstance(value, list)``)."""
    return isinstance(value, list)


def is_tuple(value: object) -> TypeGuard[tuple[object, ...]]:
    """A tuple of anything (``isinstance(value, tuple)``)."""
    return isinstance(value, tuple)


def is_sequence(value: object) -> TypeGuard[Sequence[object]]:
    """A sequence of anything (``isinstance(value, Sequence)``)."""
    return isinstance(value, Sequence)


def is_iterable(value: object) -> TypeGuard[Iterable[object]]:
    """An iterable of anything (``isinstance(value, Iterable)``)."""
    return isinstance(value, Iterable)
