"""The one way settings are validated: attrs field validators that raise ConfigurationError.

attrs' own validators raise plain ``ValueError``/``TypeError`` with messages that do not say
which class the value was for. These factories check the type and the range of a field and
raise :class:`~trio_hl.errors.ConfigurationError` naming the setting as the user wrote it
(``Settings.ping_interval must be greater than 0, got -1``). They are passed as
``attrs.field(validator=...)`` rather than registered with ``@field.validator``, which type
checkers cannot follow.

No trio here: the sans-IO core uses these too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from .errors import ConfigurationError

if TYPE_CHECKING:
    import attrs

__all__ = ["Validator", "callable_value", "instance_of", "integer", "number", "one_of"]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
"""An attrs field validator: ``(instance, attribute, value) -> None``."""


def _name(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def _shown(value: object) -> str:
    return f"{value!r:.60} ({type(value).__name__})"


def _range(gt: float | None, ge: float | None, le: float | None) -> Callable[[float], str | None]:
    """The range check shared by :func:`number` and :func:`integer`: a complaint or None."""

    def complaint(value: float) -> str | None:
        if gt is not None and not value > gt:
            return f"greater than {gt:g}"
        if ge is not None and not value >= ge:
            return f"at least {ge:g}"
        if le is not None and not value <= le:
            return f"at most {le:g}"
        return None

    return complaint


def number(
    *,
    gt: float | None = None,
    ge: float | None = None,
    le: float | None = None,
    optional: bool = False,
) -> Validator:
    """An ``int`` or ``float`` (never a ``bool`` or a string), not NaN, within the bounds.

    Infinity passes the bounds it satisfies: ``request_timeout=math.inf`` means no timeout.
    """
    complaint = _range(gt, ge, le)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            what = "a number or None" if optional else "a number"
            raise ConfigurationError(
                f"{_name(instance, attribute)} must be {what}, got {_shown(value)}"
            )
        if isinstance(value, float) and math.isnan(value):
            raise ConfigurationError(f"{_name(instance, attribute)} must be a number, got nan")
        wrong = complaint(value)
        if wrong is not None:
            raise ConfigurationError(
                f"{_name(instance, attribute)} must be {wrong}, got {value!r:.60}"
            )

    return check


def integer(*, gt: int | None = None, ge: int | None = None, optional: bool = False) -> Validator:
    """An ``int`` (never a ``bool``, a float or a string) within the bounds."""
    complaint = _range(gt, ge, None)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            what = "an integer or None" if optional else "an integer"
            raise ConfigurationError(
                f"{_name(instance, attribute)} must be {what}, got {_shown(value)}"
            )
        wrong = complaint(value)
        if wrong is not None:
            suffix = " or None" if optional else ""
            raise ConfigurationError(
                f"{_name(instance, attribute)} must be {wrong}{suffix}, got {value!r}"
            )

    return check


def instance_of(tp: type, *, optional: bool = False) -> Validator:
    """An instance of ``tp`` (or None when ``optional``)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if (value is None and optional) or isinstance(value, tp):
            return
        what = f"a {tp.__name__}" + (" or None" if optional else "")
        raise ConfigurationError(
            f"{_name(instance, attribute)} must be {what}, got {_shown(value)}"
        )

    return check


def one_of(values: Collection[object]) -> Validator:
    """One of ``values``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in values:
            allowed = ", ".join(map(repr, values))
            raise ConfigurationError(
                f"{_name(instance, attribute)} must be one of {allowed}, got {value!r:.60}"
            )

    return check


def callable_value(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Something callable."""
    if not callable(value):
        raise ConfigurationError(
            f"{_name(instance, attribute)} must be callable, got {_shown(value)}"
        )
