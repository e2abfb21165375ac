"""The one configured cattrs converter.

Every wire model in :mod:`trio_hl.models` is a frozen attrs class whose attribute names are
snake_case; on the wire the same fields are camelCase (``limitPx``), except where a field
declares its wire name explicitly with :func:`trio_hl.models._common.wire` (``T``,
``block_height``). This module teaches one :class:`cattrs.Converter` those renames, decimal
strings and nothing more. Decoding is the hot path, so structure hooks are generated once per
class by cattrs and then looked up once per channel by the caller.

Production converters tolerate unknown keys (the exchange adds fields over time); tests build
one with ``forbid_extra_keys=True`` so that schema drift in our fixtures is loud.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._numbers import to_wire

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["CONVERTER", "UnionHookFactory", "make_converter", "register_union", "wire_name"]

WIRE_NAME: Final = "trio_hl.wire"

UnionHookFactory = Callable[[cattrs.Converter], Callable[[Any, Any], Any]]
"""Builds the structure hook of one union type for a given converter."""

_UNION_HOOKS: Final[dict[Any, UnionHookFactory]] = {}


def register_union(union: Any, factory: UnionHookFactory) -> None:
    """Teach every converter (made before or after this call) how to structure ``union``.

    Used by model modules for their tagged unions with an unknown fallback (ledger deltas,
    user events): cattrs cannot disambiguate those by shape, and a new tag must decode to
    the fallback rather than fail. Call it at import time of the module defining the union,
    before anything is structured with it.

    Args:
        union: the union type exactly as used in annotations (``A | B | Unknown``).
        factory: given the converter, returns ``hook(value, type) -> instance``.
    """
    _UNION_HOOKS[union] = factory


def _is_registered_union(tp: Any) -> bool:
    try:
        return tp in _UNION_HOOKS
    except TypeError:  # an unhashable annotation: not one of ours
        return False


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def wire_name(field: attrs.Attribute[Any]) -> str:
    """The JSON key of an attrs field: its explicit wire name, else camelCase."""
    explicit = field.metadata.get(WIRE_NAME)
    return explicit if isinstance(explicit, str) else _camel(field.name)


def _structure_decimal(value: object, _: type) -> Decimal:
    # The wire sends decimals as strings. A few fields have been seen as JSON numbers
    # (liquidation markPx); accept ints, and floats through their shortest repr, never bools.
    if isinstance(value, str):
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"not a decimal string: {value[:40]!r}") from None
    elif isinstance(value, int) and not isinstance(value, bool):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    else:
        raise TypeError(f"expected a decimal string, got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"not a finite decimal: {value!r:.40}")
    return result


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(f"expected an integer, got {type(value).__name__}")


def _structure_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected a string, got {type(value).__name__}")


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected a boolean, got {type(value).__name__}")


def make_converter(*, forbid_extra_keys: bool = False) -> cattrs.Converter:
    """Build the converter used for every model.

    Args:
        forbid_extra_keys: reject unknown keys (for tests of recorded frames). Production
            leaves this off so new server fields do not break decoding.

    Returns:
        A configured converter. Strings, ints and bools are checked strictly: cattrs' default
        of calling ``str(x)``/``int(x)`` would let a malformed frame through silently.
    """
    conv = cattrs.Converter(forbid_extra_keys=forbid_extra_keys)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, to_wire)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)

    def structure_factory(cls: type[Any]) -> Callable[[Mapping[str, Any], type[Any]], Any]:
        renames: dict[str, Any] = {f.name: override(rename=wire_name(f)) for f in attrs.fields(cls)}
        return make_dict_structure_fn(cls, conv, **renames)

    def unstructure_factory(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
        renames: dict[str, Any] = {
            f.name: override(rename=wire_name(f), omit_if_default=f.default is None)
            for f in attrs.fields(cls)
        }
        return make_dict_unstructure_fn(cls, conv, **renames)

    conv.register_structure_hook_factory(attrs.has, structure_factory)
    conv.register_unstructure_hook_factory(attrs.has, unstructure_factory)
    # Looked up lazily, so unions registered after this converter was built still apply.
    conv.register_structure_hook_factory(_is_registered_union, lambda tp: _UNION_HOOKS[tp](conv))
    return conv


CONVERTER: Final = make_converter()
"""The production converter (tolerates unknown keys)."""
