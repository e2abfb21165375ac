"""``trio-hl info``: one info query, its typed reply as JSON."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, cast

import attrs

from .._client import open_client
from .._convert import wire_name
from ..errors import ConfigurationError
from ..models.info import INFO_REQUESTS, InfoRequest
from ._options import UsageError, open_network, run_until_interrupted
from ._output import to_json

if TYPE_CHECKING:
    from ._options import NetworkOptions

__all__ = ["build_request", "run_info"]

_TEXT_TYPES = (str, str | None, "str", "str | None")


def build_request(kind: str, params: list[str]) -> InfoRequest[Any]:
    """The typed request for ``kind`` with ``NAME=VALUE`` parameters.

    A parameter is named as on the wire (``startTime``) or in Python (``start_time``). Text
    parameters are taken as they are; the others are read as JSON (``5``, ``true``,
    ``["a"]``), or as text when they are not JSON.

    Raises:
        UsageError: an unknown type or parameter, a missing or malformed one.
    """
    cls = INFO_REQUESTS.get(kind)
    if cls is None:
        close = [name for name in INFO_REQUESTS if name.lower() == kind.lower()]
        hint = f"; did you mean {close[0]}?" if close else " (see docs/cli.md for the list)"
        raise UsageError(f"unknown info type {kind!r}{hint}")
    fields = {
        alias: field
        for field in attrs.fields(cast("Any", cls))
        for alias in (field.name, wire_name(field))
    }
    names = sorted({wire_name(field) for field in fields.values()})
    kwargs: dict[str, Any] = {}
    for param in params:
        name, sep, text = param.partition("=")
        field = fields.get(name)
        if not sep or field is None:
            accepted = ", ".join(names) or "none"
            raise UsageError(f"{kind}: bad parameter {param!r} (NAME=VALUE; accepted: {accepted})")
        value: Any = text
        if field.type not in _TEXT_TYPES:
            try:
                value = json.loads(text)
            except ValueError:
                value = text
        kwargs[field.name] = value
    try:
        return cls(**kwargs)
    except TypeError:
        missing = [
            wire_name(f)
            for f in attrs.fields(cast("Any", cls))
            if f.default is attrs.NOTHING and f.name not in kwargs
        ]
        raise UsageError(f"{kind} needs {', '.join(f'-p {m}=...' for m in missing)}") from None
    except ConfigurationError as exc:
        raise UsageError(f"{kind}: {exc}") from None


async def run_info(options: NetworkOptions, kind: str, params: list[str]) -> None:
    request = build_request(kind, params)

    async def work() -> None:
        async with open_network(options) as network, open_client(network) as client:
            data = await client.info(request.to_wire())
        reply = request.decode(data)
        text = to_json(reply)
        if sys.stdout.isatty():
            text = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
        print(text, flush=True)

    await run_until_interrupted(work)
