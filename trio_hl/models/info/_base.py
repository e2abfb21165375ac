"""The base of every info request: wire body, typed decoding, parameter validation.

An :class:`InfoRequest` knows its wire ``type``, the model its reply decodes into (its type
parameter and ``RESPONSE``) and whether ``null`` is a valid reply. The validators here are
shared by every request family: addresses are validated and lower-cased, times are
milliseconds, coins and dexes are strings.
"""

import re
from typing import Any, ClassVar, Final, Generic, TypeVar, cast

import attrs
import cattrs

from ..._convert import CONVERTER, DECODE_FAILURES, describe_failure, wire_name
from ...errors import ConfigurationError, DecodeError
from .._common import normalise_address

R_co = TypeVar("R_co", covariant=True)

CLOID: Final = re.compile(r"^0x[0-9a-fA-F]{32}$")
TOKEN_ID: Final = re.compile(r"^0x[0-9a-fA-F]{32}$")


class InfoRequest(Generic[R_co]):
    """An info request, typed by the model its reply decodes into.

    Subclasses are frozen attrs classes whose fields are the request's parameters (snake_case
    here, camelCase on the wire; ``None`` parameters are left out of the body).
    """

    __slots__ = ()

    TYPE: ClassVar[str]
    """The wire ``type``."""
    RESPONSE: ClassVar[Any]
    """The type the reply's JSON is structured into."""
    NULLABLE: ClassVar[bool] = False
    """The server documents ``null`` as a valid reply (decoded as ``None``)."""

    def to_wire(self) -> dict[str, Any]:
        """The exact body: POSTed to ``/info``, or the ``payload`` of a WebSocket ``post``."""
        body: dict[str, Any] = {"type": self.TYPE}
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(self))):
            value = getattr(self, field.name)
            if value is not None:
                body[wire_name(field)] = value
        return body

    def decode(self, data: Any, converter: cattrs.Converter = CONVERTER) -> R_co:
        """Decode the reply's JSON (the HTTP body, or the unwrapped ``post`` data).

        Raises:
            DecodeError: the reply is ``null`` where that is not a valid answer, or does not
                match the model (the message names the request type).
        """
        if data is None and not self.NULLABLE:
            raise DecodeError(
                f"info {self.TYPE!r} answered null (unknown user, coin or dex?)",
                channel=None,
            )
        try:
            return cast("R_co", self._structure(data, converter))
        except DECODE_FAILURES as exc:
            raise DecodeError(f"info {self.TYPE!r} reply: {describe_failure(exc)}") from exc

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        return converter.structure(data, self.RESPONSE)


# --- parameter validation ------------------------------------------------------------------


def _address(value: object) -> str:
    return normalise_address(value)


def to_optional_address(value: object) -> str | None:
    return None if value is None else normalise_address(value)


def _check_coin(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not isinstance(value, str) or not value:
        raise ConfigurationError(f"{attribute.name} must be a non-empty string, got {value!r:.60}")


def check_dex(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise ConfigurationError(f"{attribute.name} must be a string, got {value!r:.60}")


def _check_ms(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(
            f"{attribute.name} must be a non-negative int of milliseconds, got {value!r:.60}"
        )


def check_index(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"{attribute.name} must be a non-negative int, got {value!r:.60}")


def check_flag(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise ConfigurationError(f"{attribute.name} must be a bool, got {value!r:.60}")


def user_field() -> str:
    # Typed as the attribute's value, as attrs types ``attrs.field()`` itself.
    return attrs.field(converter=_address)


def coin_field() -> Any:
    return attrs.field(validator=_check_coin)


def dex_field() -> Any:
    return attrs.field(default=None, validator=check_dex)


def start_field() -> Any:
    return attrs.field(validator=_check_ms)


def end_field() -> Any:
    return attrs.field(default=None, validator=_check_ms)
