"""Open tagged unions: known variants decode to their class, anything new to a fallback.

The exchange grows its enumerations over time (ledger delta types, user event kinds). A
new tag must never fail a whole frame, so each union here has an *unknown* variant that
keeps the raw JSON. A *known* tag whose payload is malformed is still an error: that is
schema drift we want to hear about, not a new variant.

Both helpers return a factory for :func:`trio_hl._convert.register_union`, so every
converter (the production one and the strict ones tests build) learns the union.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .._guards import is_mapping

if TYPE_CHECKING:
    import cattrs

    from .._convert import UnionHookFactory

__all__ = ["by_single_key", "by_type_field"]

Hook = Callable[[Any, Any], Any]


def _variant_hooks(conv: cattrs.Converter, variants: Mapping[str, type]) -> Callable[[str], Hook]:
    # Hooks are looked up on first use (the classes may still be incomplete when the factory
    # runs) and then cached: decoding is the hot path.
    cache: dict[str, Hook] = {}

    def hook_for(tag: str) -> Hook:
        hook = cache.get(tag)
        if hook is None:
            hook = cache[tag] = conv.get_structure_hook(variants[tag])
        return hook

    return hook_for


def by_type_field(
    variants: Mapping[str, type], fallback: Callable[[str, dict[str, Any]], Any]
) -> UnionHookFactory:
    """A union told apart by a ``"type"`` key inside the object (``{"type": "deposit", ...}``).

    The variant classes do not declare ``type`` (it is implied by the class), so the key is
    removed before structuring: a strict converter would otherwise reject it as extra.

    Args:
        variants: tag -> class.
        fallback: builds the unknown variant from ``(tag, raw object)``.
    """

    def factory(conv: cattrs.Converter) -> Hook:
        hook_for = _variant_hooks(conv, variants)

        def structure(value: Any, _: Any) -> Any:
            if not is_mapping(value):
                raise TypeError(f"expected an object, got {type(value).__name__}")
            tag = value.get("type")
            if not isinstance(tag, str):
                raise TypeError("expected a string 'type' key")
            if tag not in variants:
                return fallback(tag, dict(value))
            body = {name: item for name, item in value.items() if name != "type"}
            cls = variants[tag]
            return hook_for(tag)(body, cls)

        return structure

    return factory


def by_single_key(
    variants: Mapping[str, type], fallback: Callable[[dict[str, Any]], Any]
) -> UnionHookFactory:
    """A union told apart by which key the object carries (``{"fills": [...]}``).

    Each variant class has one field whose wire name is its tag, so the whole object
    structures into it. An object carrying exactly one known tag is that variant (other
    keys are ignored by the production converter and rejected by a strict one); none or
    several known tags decode to the fallback.

    Args:
        variants: tag (wire key) -> class.
        fallback: builds the unknown variant from the raw object.
    """

    def factory(conv: cattrs.Converter) -> Hook:
        hook_for = _variant_hooks(conv, variants)

        def structure(value: Any, _: Any) -> Any:
            if not is_mapping(value):
                raise TypeError(f"expected an object, got {type(value).__name__}")
            known = [key for key in value if key in variants]
            if len(known) != 1:
                return fallback(dict(value))
            (tag,) = known
            return hook_for(tag)(value, variants[tag])

        return structure

    return factory
