"""The shared half of :class:`~trio_hl.Info`: the transport, times, users and coins.

:func:`to_ms` takes ``int`` milliseconds or aware ``datetime`` values; :meth:`InfoBase._user`
picks ``address=``, ``account=`` or the default account; :meth:`InfoBase._coin` resolves
``asset=`` through the universe.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar

from .._account import Account, normalise_address
from ..errors import ConfigurationError

if TYPE_CHECKING:
    from .._universe import Universe
    from ..models.info import (
        InfoRequest,
    )

R = TypeVar("R")

InfoTransport: TypeAlias = Callable[[Mapping[str, Any]], Awaitable[Any]]
"""Sends an info body and returns the reply's JSON ``data`` (``Client.info``, HTTP)."""

Time: TypeAlias = int | datetime
"""Milliseconds since the epoch, or a timezone-aware ``datetime``."""

UniverseSource: TypeAlias = "Universe | Callable[[], Universe | None] | None"

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MS: Final = timedelta(milliseconds=1)


def to_ms(value: Time, *, what: str = "time") -> int:
    """Milliseconds since the epoch of ``value``.

    Raises:
        ConfigurationError: a naive ``datetime`` (its zone would be a guess), a negative or
            non-integer number, or another type.
    """
    raw: object = value  # checked at run time too: untyped callers pass anything
    if isinstance(raw, datetime):
        if raw.utcoffset() is None:
            raise ConfigurationError(
                f"{what} is a naive datetime: give it a timezone, e.g. tzinfo=datetime.UTC"
            )
        return (raw - _EPOCH) // _MS
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise ConfigurationError(
            f"{what} must be int milliseconds or an aware datetime, got {raw!r:.60}"
        )
    return raw


def optional_ms(value: Time | None, *, what: str) -> int | None:
    return None if value is None else to_ms(value, what=what)


class InfoBase:
    """What the query families share: the transport, the default account, the universe, and
    :meth:`request`, which sends any :class:`~trio_hl.models.info.InfoRequest`.
    """

    def __init__(
        self,
        transport: InfoTransport,
        *,
        account: Account | None = None,
        universe: UniverseSource = None,
    ) -> None:
        self._transport = transport
        self.account = account
        self._universe = universe

    def __repr__(self) -> str:
        return f"<trio_hl.Info account={self.account!r}>"

    @property
    def universe(self) -> Universe | None:
        """The universe used to resolve ``asset=`` arguments, if any."""
        source = self._universe
        return source() if callable(source) else source

    async def request(self, request: InfoRequest[R]) -> R:
        """Send any info request and decode its reply: ``await info.request(AllMidsRequest())``.

        Raises:
            DecodeError: the reply does not match the request's model.
            ApiError, TransportError: as raised by the transport.
            ConfigurationError: ``request`` is not an info request model.
        """
        from ..models.info import InfoRequest

        given: object = request
        if not isinstance(given, InfoRequest):
            # A plain dict would fail deep inside with an AttributeError; raw bodies have
            # their own door (client.info(...)), which returns the reply's JSON.
            raise ConfigurationError(
                "info.request takes an info request model such as AllMidsRequest(), got "
                f"{type(given).__name__}; send a raw body with client.info(body)"
            )
        data = await self._transport(request.to_wire())
        return request.decode(data)

    # -- argument helpers ----------------------------------------------------------------------

    def _user(self, address: str | None, account: Account | None) -> str:
        if address is not None and account is not None:
            raise ConfigurationError("pass address= or account=, not both")
        if account is not None:
            if not isinstance(account, Account):
                raise ConfigurationError(f"account must be an Account, got {account!r:.60}")
            return account.address
        if address is not None:
            return normalise_address(address)
        if self.account is not None:
            return self.account.address
        raise ConfigurationError(
            "this query is about a user: pass address= or account=, "
            "or give the Api a default account"
        )

    def _coin(self, asset: str | int) -> str:
        universe = self.universe
        if universe is not None:
            return universe.coin(asset)
        if isinstance(asset, bool) or not isinstance(asset, str):
            raise ConfigurationError(
                f"asset ids need a loaded universe; pass the coin name instead of {asset!r:.60}"
            )
        if not asset:
            raise ConfigurationError("asset must be a non-empty name")
        return asset
