"""The one configured cattrs converter.

Every wire model in :mod:`trio_hl.models` is a frozen attrs class whose attribute names are
snake_case; on the wire the same fields are camelCase (``limitPx``), except where a field
declares its wire name explicitly with :func:`trio_hl.models._common.wire` (``T``,
``block_height``). This module teaches one :class:`cattrs.Converter` those renames, decimal
strings and nothing more. Decoding is the hot path, so structure hooks are generated once per
class by cattrs and then looked up once per channel by the caller.

Production converters tolerate unknown keys (the exchange adds fields over time); tests build
one with ``forbid_extra_keys=True`` so that schema drift in our fixtures is loud.

Fast path
---------
cattrs' generated hooks validate in detail (one ``try`` and a dict write per field, an
exception group on failure), which costs about 1.3 µs per ``L2Level`` and 55 µs per
20-level book. The production converter puts a *fast path* in front of each generated
class hook (:func:`_fast_structure_fn`): straight-line code, generated once per class, that
checks the common wire shapes inline (``type(x) is str`` and friends, JSON arrays for
tuples), builds the instance without running attrs' frozen ``__init__`` when the class has
no validator, converter or post-init hook, and raises on anything unusual. Any exception
there makes the hook re-run cattrs' detailed hook on the same input, so the fast path
changes speed only: malformed data fails with exactly the same error as before, and input
the fast path does not cover (a decimal sent as a JSON number, a tuple sent as something
other than an array) is still decoded exactly as cattrs decodes it. Strict converters
(``forbid_extra_keys=True``) keep cattrs' hooks alone. ``tests/protocol/test_fast_path.py``
checks that both paths agree.

Straight from text
------------------
For the hot channels there is a faster way still: not to build the parsed tree of dicts at
all. :func:`json_decoder` and :func:`json_frame_decoder` have msgspec read JSON text
straight into the same attrs models, in C: a 20-level book in about 18 µs where parsing then
structuring takes 29 µs, and a third of the garbage (no dicts). They apply only to models
marked ``@read_from_text`` (:mod:`trio_hl.models._common`) that msgspec builds exactly as this
converter does (no renamed field, no validator; checked when the decoder is built), and
every decimal is checked to be finite after the fact. A marked model has that one fast path
and no generated one: its parsed input (a binary frame, an unusual book) takes cattrs'
detailed hook. A model change that msgspec cannot follow (a camelCase field such as
``block_time`` -> ``blockTime``) does not fail the import: :func:`text_refusal` says why,
the channel decodes parsed frames instead, and ``tests/protocol/test_fast_path.py`` fails
until the model is fixed or unmarked.

Generated code (fast paths, finite checks) is registered in :mod:`linecache`, so
tracebacks and debuggers show it. What
msgspec refuses is handed back to the caller, which parses the text and takes the
converter's path: the converter stays the one definition of every model's wire format, and
msgspec a faster reading of part of it. One difference is deliberate: msgspec reads a JSON
*number* in a decimal field from its digits, where the converter sees the float ``json``
made of it. The values are equal whenever the float holds the number exactly (``1E2`` is
``Decimal('1E+2')`` one way and ``Decimal('100.0')`` the other); numbers a float cannot hold
(over 17 digits, beyond its range) are exact on the text path, rounded or refused on the
other. Servers send decimals as strings.
"""

from __future__ import annotations

import itertools
import linecache
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs
import cattrs
import msgspec
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._numbers import to_wire

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "CONVERTER",
    "DECODE_FAILURES",
    "JsonText",
    "UnionHookFactory",
    "bound_structure_hook",
    "describe_failure",
    "json_decoder",
    "json_frame_decoder",
    "make_converter",
    "mark_read_from_text",
    "reads_from_text",
    "register_union",
    "text_refusal",
    "wire_name",
]

WIRE_NAME: Final = "trio_hl.wire"

DECODE_FAILURES: Final = (
    cattrs.errors.BaseValidationError,
    TypeError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
    ArithmeticError,  # decimal.InvalidOperation and friends
    RecursionError,  # absurdly deep nesting
)
"""What structuring malformed data raises: every decoder (channels, info replies) turns
exactly these into :class:`~trio_hl.errors.DecodeError`, described by
:func:`describe_failure`."""


def describe_failure(exc: BaseException) -> str:
    """One line for a decode failure: the first three leaves of a cattrs validation error."""
    if isinstance(exc, cattrs.errors.BaseValidationError):
        return "; ".join(describe_failure(e) for e in exc.exceptions[:3])
    return str(exc) or type(exc).__name__


_READ_FROM_TEXT: Final = "_trio_hl_read_from_text"


def mark_read_from_text(cls: type[Any]) -> None:
    """Declare that msgspec reads ``cls`` straight from JSON text (its one fast path)."""
    setattr(cls, _READ_FROM_TEXT, True)


def reads_from_text(cls: type[Any]) -> bool:
    """Is ``cls`` read straight from text (and so has no generated fast path)?"""
    return bool(cls.__dict__.get(_READ_FROM_TEXT, False))


_GENERATED: Final = itertools.count(1)


def _compile(source: str, what: str, namespace: dict[str, Any]) -> None:
    """Run generated ``source`` in ``namespace``, registered in :mod:`linecache` (as attrs
    does), so that tracebacks, debuggers and ``inspect.getsource`` show the code."""
    filename = f"<trio_hl generated {what} #{next(_GENERATED)}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)


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


def _structure_plain_decimal(value: object) -> Decimal:
    return _structure_decimal(value, Decimal)


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


def make_converter(*, forbid_extra_keys: bool = False, fast: bool = True) -> cattrs.Converter:
    """Build the converter used for every model.

    Args:
        forbid_extra_keys: reject unknown keys (for tests of recorded frames). Production
            leaves this off so new server fields do not break decoding.
        fast: put the fast path in front of cattrs' class hooks (see the module doc; never
            with ``forbid_extra_keys``). Tests turn it off to compare the two.

    Returns:
        A configured converter. Strings, ints and bools are checked strictly: cattrs' default
        of calling ``str(x)``/``int(x)`` would let a malformed frame through silently.
    """
    conv = cattrs.Converter(forbid_extra_keys=forbid_extra_keys)
    building: set[type[Any]] = set()  # classes whose fast path is being generated
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, to_wire)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)

    def structure_factory(cls: type[Any]) -> Callable[[Mapping[str, Any], type[Any]], Any]:
        renames: dict[str, Any] = {f.name: override(rename=wire_name(f)) for f in attrs.fields(cls)}
        detailed = make_dict_structure_fn(cls, conv, **renames)
        # One fast path per model: msgspec's for the models read from text, else ours.
        if forbid_extra_keys or not fast or reads_from_text(cls):
            return detailed
        building.add(cls)
        try:
            fast_fn = _fast_structure_fn(cls, conv, building)
        finally:
            building.discard(cls)
        if fast_fn is None:
            return detailed
        return _with_fallback(fast_fn, detailed)

    def unstructure_factory(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
        renames: dict[str, Any] = {
            f.name: override(rename=wire_name(f), omit_if_default=f.default is None)
            for f in attrs.fields(cls)
        }
        return make_dict_unstructure_fn(cls, conv, **renames)

    conv.register_structure_hook_factory(attrs.has, structure_factory)
    conv.register_unstructure_hook_factory(attrs.has, unstructure_factory)

    # Looked up lazily, so unions registered after this converter was built still apply.
    def union_hook(tp: Any) -> Callable[[Any, Any], Any]:
        return _UNION_HOOKS[tp](conv)

    conv.register_structure_hook_factory(_is_registered_union, union_hook)
    return conv


# --- the fast path (see the module docstring) -------------------------------------------------

_FAST_ATTR: Final = "_trio_hl_fast"
_DETAILED_ATTR: Final = "_trio_hl_detailed"
_JSON_SCALARS: Final = {str: "str", int: "int", bool: "bool"}


def _with_fallback(
    fast: Callable[[Any], Any], detailed: Callable[[Any, Any], Any]
) -> Callable[[Any, Any], Any]:
    def structure(value: Any, cls: Any) -> Any:
        try:
            return fast(value)
        except Exception:
            # Unusual or malformed input: cattrs decides, with its detailed error.
            return detailed(value, cls)

    setattr(structure, _FAST_ATTR, fast)
    setattr(structure, _DETAILED_ATTR, detailed)
    return structure


def bound_structure_hook(conv: cattrs.Converter, tp: Any) -> Callable[[Any], Any]:
    """``value -> instance of tp`` with the fewest calls in between (for hot decoders).

    The converter's hook for ``tp``, bound to ``tp``; for a class with a fast path, that
    path called directly, with cattrs' detailed hook behind it as usual.
    """
    hook = conv.get_structure_hook(tp)
    fast = getattr(hook, _FAST_ATTR, None)
    detailed = getattr(hook, _DETAILED_ATTR, None)
    if fast is None or detailed is None:
        return lambda value: hook(value, tp)

    def structure(value: Any) -> Any:
        try:
            return fast(value)
        except Exception:
            return detailed(value, tp)

    return structure


def _optional_arg(tp: Any) -> Any | None:
    """``X`` for ``X | None`` (exactly two members), else ``None``."""
    args = typing.get_args(tp)
    if len(args) == 2 and type(None) in args and typing.get_origin(tp) in (typing.Union, _UNION):
        return args[0] if args[1] is type(None) else args[1]
    return None


_UNION: Final[Any] = type(int | None)


def _value_fn(tp: Any, conv: cattrs.Converter, building: set[type[Any]]) -> Callable[[Any], Any]:
    """A function converting one raw value to ``tp`` on the fast path (raising if unusual)."""
    if isinstance(tp, type) and tp in building:
        # A class that (indirectly) contains itself: look its hook up when first needed.
        return lambda value: conv.get_structure_hook(tp)(value, tp)
    if tp is Any:
        return lambda value: value
    if tp in _JSON_SCALARS:

        def scalar(value: Any, tp: Any = tp) -> Any:
            if type(value) is not tp:
                raise TypeError
            return value

        return scalar
    if tp is Decimal:
        return _fast_decimal
    inner = _optional_arg(tp)
    if inner is not None:
        convert_inner = _value_fn(inner, conv, building)
        return lambda value: None if value is None else convert_inner(value)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        element = args[0]
        if element in _JSON_SCALARS:
            kind = element

            def scalars(value: Any) -> tuple[Any, ...]:
                items: list[Any] = value
                if type(items) is not list:
                    raise TypeError
                for item in items:
                    if type(item) is not kind:
                        raise TypeError
                return tuple(items)

            return scalars
        convert_element = _value_fn(element, conv, building)

        def homogeneous(value: Any) -> tuple[Any, ...]:
            items: list[Any] = value
            if type(items) is not list:
                raise TypeError
            return tuple([convert_element(item) for item in items])

        return homogeneous
    if origin is tuple and args and Ellipsis not in args:
        size = len(args)
        if all(arg in _JSON_SCALARS for arg in args):
            kinds = args

            def scalar_row(value: Any) -> tuple[Any, ...]:
                items: list[Any] = value
                if type(items) is not list or len(items) != size:
                    raise TypeError
                for item, kind in zip(items, kinds, strict=True):
                    if type(item) is not kind:
                        raise TypeError
                return tuple(items)

            return scalar_row
        converters = [_value_fn(arg, conv, building) for arg in args]

        def heterogeneous(value: Any) -> tuple[Any, ...]:
            items: list[Any] = value
            if type(items) is not list or len(items) != size:
                raise TypeError
            return tuple([convert(item) for convert, item in zip(converters, items, strict=True)])

        return heterogeneous
    if origin is Literal and args and all(type(arg) is str for arg in args):
        allowed = frozenset(args)

        def literal(value: Any) -> Any:
            if type(value) is not str or value not in allowed:
                raise ValueError
            return value

        return literal
    hook = conv.get_structure_hook(tp)
    fast = getattr(hook, _FAST_ATTR, None)
    if fast is not None:
        return fast  # type: ignore[no-any-return]
    return lambda value: hook(value, tp)


def _fast_decimal(value: Any) -> Decimal:
    if type(value) is str:
        result = Decimal(value)
        if result.is_finite():
            return result
        raise ValueError
    return _structure_decimal(value, Decimal)


_INLINE_DECIMAL: Final = """    x = {source}
    if type(x) is str:
        {target} = _Decimal(x)
        if not {target}.is_finite():
            raise ValueError
    else:
        {target} = _decimal(x)
"""
_INLINE_SCALAR: Final = """\
    {target} = {source}
    if type({target}) is not {kind}:
        raise TypeError
"""
_INLINE_CALL: Final = "    {target} = {fn}({source})\n"


def _fast_structure_fn(
    cls: type[Any], conv: cattrs.Converter, building: set[type[Any]]
) -> Callable[[Any], Any] | None:
    """Generate the fast path of one attrs class, or ``None`` if it does not qualify.

    The generated function takes the raw JSON object and returns the instance; it raises
    (anything) on input it does not cover. Scalars, decimals and their optionals are
    checked inline; every other field type goes through :func:`_value_fn`.
    """
    attrs.resolve_types(cls)
    fields = attrs.fields(cls)
    if any(not f.init for f in fields):
        return None
    direct = (
        getattr(cls, "__attrs_post_init__", None) is None
        and getattr(cls, "__attrs_pre_init__", None) is None
        and "__slots__" in cls.__dict__
        and all(f.validator is None and f.converter is None and f.alias == f.name for f in fields)
    )
    namespace: dict[str, Any] = {
        "_Decimal": Decimal,
        "_decimal": _structure_plain_decimal,
        "_new": object.__new__,
        "_cls": cls,
    }
    body: list[str] = []
    for index, f in enumerate(fields):
        target = f"v{index}"
        key = wire_name(f)
        tp = f.type
        fallback: str | None = None
        if f.default is not attrs.NOTHING:
            default = f.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                if default.takes_self:
                    return None
                namespace[f"factory{index}"] = default.factory
                fallback = f"factory{index}()"
            else:
                namespace[f"default{index}"] = default
                fallback = f"default{index}"
            body.append(f"    if {key!r} in o:\n")
            indent = "    "
        else:
            indent = ""
        source = f"o[{key!r}]"
        inner = _optional_arg(tp)
        if tp is Decimal:
            code = _INLINE_DECIMAL.format(source=source, target=target)
        elif tp in _JSON_SCALARS:
            code = _INLINE_SCALAR.format(source=source, target=target, kind=_JSON_SCALARS[tp])
        elif inner in _JSON_SCALARS or inner is Decimal:
            namespace[f"fn{index}"] = _value_fn(inner, conv, building)
            code = (
                f"    {target} = {source}\n"
                f"    if {target} is not None:\n"
                f"        {target} = fn{index}({target})\n"
            )
        else:
            namespace[f"fn{index}"] = _value_fn(tp, conv, building)
            code = _INLINE_CALL.format(target=target, fn=f"fn{index}", source=source)
        body.extend(indent + line + "\n" for line in code.splitlines())
        if fallback is not None:
            body.append(f"    else:\n        {target} = {fallback}\n")
    if direct:
        namespace.update({f"set{i}": cls.__dict__[f.name].__set__ for i, f in enumerate(fields)})
        body.append("    obj = _new(_cls)\n")
        body.extend(f"    set{i}(obj, v{i})\n" for i in range(len(fields)))
        body.append("    return obj\n")
    else:
        arguments = ", ".join(f"{f.alias}=v{i}" for i, f in enumerate(fields))
        body.append(f"    return _cls({arguments})\n")
    source_text = "def fast(o):\n" + "".join(body)
    _compile(source_text, f"fast structure {cls.__qualname__}", namespace)
    fast: Callable[[Any], Any] = namespace["fast"]
    return fast


# --- JSON text straight to models (see the module docstring) ------------------------------

JsonText = str | bytes | msgspec.Raw
"""What :func:`json_decoder` functions read: JSON text, or a slice of a frame left raw."""


def json_decoder(tp: Any) -> Callable[[JsonText], Any]:
    """``text -> instance of tp`` in one C pass (msgspec), for the hot channels.

    Only for types msgspec builds exactly as the converter would from the parsed text:
    attrs classes whose wire names are their attribute names (no rename), without
    validators, converters or init hooks, made of strings, ints, bools, decimals, string
    literals, tuples and optionals of those. A decimal must be finite, as the converter
    requires: msgspec reads ``"NaN"`` as a decimal, so each decoded value is checked.

    Args:
        tp: the type to decode (checked now, once).

    Returns:
        The decoder. It raises ``ValueError`` (msgspec's errors are ValueErrors) on
        anything it does not decode; the caller then takes the converter's path, which
        decodes what msgspec reads differently or raises the detailed error.

    Raises:
        TypeError: msgspec cannot decode ``tp`` as the converter does.
    """
    finite = _finite_check(tp, set())
    decode = msgspec.json.Decoder(tp).decode
    if finite is None:
        return decode

    def checked(text: JsonText) -> Any:
        value = decode(text)
        if _may_spell_non_finite(text):
            finite(value)
        return value

    return checked


def _may_spell_non_finite(text: JsonText) -> bool:
    """Whether a decimal in ``text`` could be non-finite.

    Every spelling ``Decimal`` reads as non-finite (``NaN``, ``sNaN``, ``Infinity``,
    ``inf``, in any case and with a sign) contains ``nan`` or ``inf``, and a JSON escape
    could spell either: text with none of the three holds only finite decimals, and the
    check of every value (about a tenth of a book's decoding) is skipped.
    """
    data = text.encode() if isinstance(text, str) else bytes(text)
    lowered = data.lower()
    return b"nan" in lowered or b"inf" in lowered or b"\\" in data


def json_frame_decoder(tp: Any, *, batch: bool = False) -> Callable[[JsonText], tuple[str, Any]]:
    """``{"channel": name, "data": tp}`` text -> ``(name, data)``, as :func:`json_decoder`.

    Args:
        tp: the type of ``data``.
        batch: ``data`` may also be an array of ``tp``: it is then returned as a list of
            raw slices of the text (``msgspec.Raw``), each to decode with
            ``json_decoder(tp)``, so that a malformed item spoils only itself.

    Raises:
        TypeError: msgspec cannot decode ``tp`` as the converter does.
    """
    finite = _finite_check(tp, set())
    data_type = tp | list[msgspec.Raw] if batch else tp
    frame_type = msgspec.defstruct("Frame", [("channel", str), ("data", data_type)])
    decode = msgspec.json.Decoder(frame_type).decode

    def frame(text: JsonText) -> tuple[str, Any]:
        decoded: Any = decode(text)
        data = decoded.data
        if (
            finite is not None
            and not (batch and type(data) is list)
            and _may_spell_non_finite(text)
        ):
            finite(data)
        return decoded.channel, decoded.data

    return frame


_LITERAL_SCALARS: Final = (str, int, bool)


def _finite_check(tp: Any, seen: set[type[Any]]) -> Callable[[Any], None] | None:
    """Check that ``tp`` qualifies for :func:`json_decoder`; return the function that
    raises on a non-finite decimal inside a decoded value (``None``: it holds none)."""
    if tp is Decimal:
        return _check_finite
    if tp in _JSON_SCALARS:
        return None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Literal and all(type(arg) in _LITERAL_SCALARS for arg in args):
        return None
    inner = _optional_arg(tp)
    if inner is not None:
        check_inner = _finite_check(inner, seen)
        if check_inner is None:
            return None
        return lambda value: None if value is None else check_inner(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        check_item = _finite_check(args[0], seen)
        if check_item is None:
            return None

        def each(value: tuple[Any, ...]) -> None:
            for item in value:
                check_item(item)

        return each
    if origin is tuple and args and Ellipsis not in args:
        checks = [(i, c) for i, arg in enumerate(args) if (c := _finite_check(arg, seen))]
        if not checks:
            return None

        def positions(value: tuple[Any, ...]) -> None:
            for i, check in checks:
                check(value[i])

        return positions
    if isinstance(tp, type) and attrs.has(tp) and tp not in seen:
        return _finite_check_class(tp, seen | {tp})
    raise TypeError(f"{tp!r} cannot be decoded straight from JSON as the converter does")


def _finite_check_class(cls: type[Any], seen: set[type[Any]]) -> Callable[[Any], None] | None:
    if not reads_from_text(cls):
        raise TypeError(f"{cls.__qualname__} is not marked @read_from_text")
    attrs.resolve_types(cls)
    if getattr(cls, "__attrs_post_init__", None) or getattr(cls, "__attrs_pre_init__", None):
        raise TypeError(f"{cls.__qualname__} has an init hook")
    decimals: list[str] = []
    nested: list[tuple[str, Callable[[Any], None]]] = []
    for f in attrs.fields(cls):
        plain = f.init and f.validator is None and f.converter is None and f.alias == f.name
        if not plain or wire_name(f) != f.name:
            raise TypeError(
                f"{cls.__qualname__}.{f.name} is renamed (wire key {wire_name(f)!r}), validated "
                "or converted: msgspec reads attribute names as they are"
            )
        if f.type is Decimal:
            decimals.append(f.name)
        elif (check := _finite_check(f.type, seen)) is not None:
            nested.append((f.name, check))
    if not decimals and not nested:
        return None
    # The common case (a level: two decimals) in one generated line per field.
    lines = [f"    if not o.{name}.is_finite():\n        raise _error\n" for name in decimals]
    lines += [f"    nested{i}(o.{name})\n" for i, (name, _) in enumerate(nested)]
    namespace: dict[str, Any] = {f"nested{i}": check for i, (_, check) in enumerate(nested)}
    namespace["_error"] = ValueError("not a finite decimal")
    source = "def check(o):\n" + "".join(lines)
    _compile(source, f"finite check {cls.__qualname__}", namespace)
    generated: Callable[[Any], None] = namespace["check"]
    return generated


def text_refusal(tp: Any) -> str | None:
    """Why :func:`json_decoder` cannot read ``tp`` as the converter does (``None``: it can)."""
    try:
        _finite_check(tp, set())
    except TypeError as exc:
        return str(exc)
    return None


def _check_finite(value: Decimal) -> None:
    if not value.is_finite():
        raise ValueError("not a finite decimal")


CONVERTER: Final = make_converter()
"""The production converter (tolerates unknown keys)."""
