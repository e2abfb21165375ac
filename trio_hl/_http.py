"""The HTTP transport: ``POST /info`` and ``POST /exchange`` with httpx on Trio.

httpx runs on Trio through its anyio backend (sockets, TLS and timeouts included), so this
shell needs no thread and no asyncio. It is the transport for users who do not keep a socket
open; :class:`~trio_hl._info.Info` gives it the same models and the same errors as the
WebSocket, and only the transport failures below are its own.

Two ways to hold it:

* ``HttpTransport(url)`` opens a short-lived client per request: nothing to close, one TLS
  handshake per call;
* ``async with open_http_transport(url) as http:`` keeps one pooled client for the block.

Tests inject an ``httpx`` transport (``transport=``, e.g. the fake server's
:class:`httpx.MockTransport`), so every code path above the socket runs offline.

GoldRush (``goldrush(key)`` networks) has an Info API of its own:
``POST https://hypercore.goldrushdata.com/info`` with ``Authorization: Bearer <key>``, the same
bodies and replies for the types it serves, plus GoldRush-native types.
:func:`info_transport` picks the right transport for a network; :class:`GoldRushInfo` sends
to GoldRush and, for a type GoldRush answers ``unsupported_type`` (HTTP 400, not forwarded),
either raises :class:`~trio_hl.errors.UnsupportedInfoType` naming the type or, when the
network allows it (``goldrush(key, info_fallback=True)``), asks Hyperliquid's public API.
Exchange actions always go to Hyperliquid (:func:`http_base_url`): GoldRush serves reads only.

Errors (never containing a key or the request body):

* HTTP 200 with a JSON body: the body is returned (it may be ``null``);
* HTTP 429: :class:`~trio_hl.errors.RateLimited` (with ``retry_after`` when sent);
* HTTP 400 ``{"error": "unsupported_type", "type": ...}`` (GoldRush):
  :class:`~trio_hl.errors.UnsupportedInfoType`;
* any other status: :class:`~trio_hl.errors.HttpStatusError` with the status and the first
  200 characters of the body; both are :class:`~trio_hl.errors.ApiError`, like an ``error``
  post reply over the WebSocket;
* HTTP 200 with a body that is not JSON: :class:`~trio_hl.errors.ProtocolError`;
* cannot connect: :class:`~trio_hl.errors.ConnectError`; sent but the reply was lost:
  :class:`~trio_hl.errors.RequestOutcomeUnknown`; no reply within
  ``settings.request_timeout``: :class:`~trio_hl.errors.RequestTimeout`.
"""

from __future__ import annotations

import json
import logging
import math
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, Final, final
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import trio

from ._guards import is_object
from ._protocol import Venue, check_info_venue
from ._settings import Settings
from .errors import (
    ConfigurationError,
    ConnectError,
    HttpStatusError,
    ProtocolError,
    RateLimited,
    RequestOutcomeUnknown,
    RequestTimeout,
    UnsupportedInfoType,
)
from .networks import redact_url

# httpx (about 0.3 s and 150 modules) loads with the first HTTP request, not with this module:
# ``Api`` builds its HTTP transport eagerly, and a program that only streams market data
# over the socket never sends one.
if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Mapping

    import httpx

    from .networks import Network

__all__ = [
    "GoldRushInfo",
    "HttpTransport",
    "goldrush_info_url",
    "http_base_url",
    "info_transport",
    "open_http_transport",
]

logger: Final = logging.getLogger("trio_hl")

MAINNET_HTTP: Final = "https://api.hyperliquid.xyz"
TESTNET_HTTP: Final = "https://api.hyperliquid-testnet.xyz"
_BODY_CHARS: Final = 200
_HEADERS: Final = {"Content-Type": "application/json", "User-Agent": "trio_hl"}


def http_base_url(network: Network) -> str:
    """The HTTP API base URL of a network (``https://api.hyperliquid.xyz`` for mainnet).

    Derived from the WebSocket URL as the official SDK does in reverse: ``wss`` becomes
    ``https``, a trailing ``/ws`` is dropped, and so is the query (it may hold a key).
    For GoldRush this is Hyperliquid's (mainnet's) API, which takes the exchange actions
    GoldRush does not; GoldRush's own Info API is :func:`goldrush_info_url`.
    """
    parts = urlsplit(network.ws_url)
    host = parts.hostname or ""
    if (
        network.venue == "goldrush"
        or host == "goldrushdata.com"
        or host.endswith(".goldrushdata.com")
    ):
        return MAINNET_HTTP if network.is_mainnet else TESTNET_HTTP
    scheme = "https" if parts.scheme == "wss" else "http"
    path = parts.path[: -len("/ws")] if parts.path.endswith("/ws") else parts.path
    netloc = parts.netloc.rpartition("@")[2]  # never carry credentials along
    return urlunsplit((scheme, netloc, path.rstrip("/"), "", ""))


def goldrush_info_url(network: Network) -> str:
    """The base URL of a GoldRush network's Info API: the WebSocket's host over HTTPS
    (``https://hypercore.goldrushdata.com``; ``http`` for a ``ws://`` test server)."""
    parts = urlsplit(network.ws_url)
    scheme = "https" if parts.scheme == "wss" else "http"
    return urlunsplit((scheme, parts.netloc.rpartition("@")[2], "", "", ""))


def _goldrush_key(network: Network) -> str:
    for name, value in parse_qsl(urlsplit(network.ws_url).query):
        if name == "key" and value:
            return value
    raise ConfigurationError(f"{network!r} has no ?key= for GoldRush's Info API")


def _unsupported_type(response: httpx.Response) -> str | None:
    """The info type of GoldRush's ``{"error": "unsupported_type", "type": ...}`` reply."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return None
    if is_object(body) and body.get("error") == "unsupported_type":
        kind = body.get("type")
        return kind if isinstance(kind, str) else "?"
    return None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _BODY_CHARS else text[: _BODY_CHARS - 3] + "..."


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:  # an HTTP date: rare for APIs, not worth a parser here
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


@final
class HttpTransport:
    """Posts request bodies to a Hyperliquid HTTP API and returns the replies' JSON.

    Calling the transport (``await http(payload)``) is ``POST /info``, so it plugs into
    :class:`~trio_hl._info.Info` directly.

    Args:
        base_url: ``https://api.hyperliquid.xyz`` or another API root (see
            :func:`http_base_url`).
        settings: ``request_timeout`` bounds each request as a whole, ``connect_timeout`` the
            connection, ``ssl_context`` the TLS verification (default: the system's).
        client: a client to reuse (it stays the caller's to close).
        transport: the httpx transport of the per-request clients (tests pass a mock).
        headers: extra headers of every request (GoldRush's ``Authorization``); they are
            never logged, shown or put in an exception.
        venue: the server behind ``base_url``: on ``"hyperliquid"``, a GoldRush-only info
            type is refused before it is sent.
    """

    def __init__(
        self,
        base_url: str,
        *,
        settings: Settings | None = None,
        client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        headers: Mapping[str, str] | None = None,
        venue: Venue = "any",
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigurationError(f"not an http(s) URL: {redact_url(base_url)}")
        self.base_url: str = base_url.rstrip("/")
        self.settings: Settings = settings or Settings()
        self.venue: Venue = venue
        self._client = client
        self._transport = transport
        self._headers = {**_HEADERS, **(headers or {})}

    def __repr__(self) -> str:
        return f"<trio_hl.HttpTransport {redact_url(self.base_url)}>"

    def make_client(self) -> httpx.AsyncClient:
        """A client configured with these settings (the caller closes it)."""
        import httpx

        settings = self.settings
        return httpx.AsyncClient(
            timeout=httpx.Timeout(settings.request_timeout, connect=settings.connect_timeout),
            verify=settings.ssl_context if settings.ssl_context is not None else True,
            transport=self._transport,
            headers=self._headers,
            follow_redirects=False,
        )

    async def __call__(self, payload: Mapping[str, Any]) -> Any:
        return await self.info(payload)

    async def info(self, payload: Mapping[str, Any]) -> Any:
        """``POST /info``: the reply's JSON (possibly ``None``).

        Raises:
            ConfigurationError: a GoldRush-only type sent to Hyperliquid (nothing is sent).
        """
        check_info_venue(self.venue, payload)
        return await self.post("/info", payload)

    async def exchange(self, payload: Mapping[str, Any]) -> Any:
        """``POST /exchange`` with a signed envelope: the exchange body
        (``{"status": "ok" | "err", "response": ...}``, checked by the exchange layer)."""
        return await self.post("/exchange", payload)

    async def post(self, path: str, payload: Mapping[str, Any]) -> Any:
        """POST ``payload`` as JSON to ``path`` and return the decoded JSON reply.

        Raises:
            RateLimited: HTTP 429.
            HttpStatusError: any other status but 200.
            ProtocolError: a 200 reply that is not JSON.
            ConnectError: the connection could not be made (nothing was sent).
            RequestOutcomeUnknown: the connection failed after the request was sent.
            RequestTimeout: no complete reply within ``settings.request_timeout``.

        Cancellation abandons the request (the server may still execute it).
        """
        import httpx

        url = self.base_url + path
        where = f"POST {urlsplit(redact_url(url)).path or '/'}"
        body = json.dumps(payload, separators=(",", ":"))
        limit = self.settings.request_timeout
        try:
            with trio.fail_after(limit):
                if self._client is not None:
                    response = await self._client.post(url, content=body, headers=self._headers)
                else:
                    async with self.make_client() as client:
                        response = await client.post(url, content=body)
        except trio.TooSlowError:
            raise RequestTimeout(f"no reply to {where} within {limit} s") from None
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise ConnectError(f"{where}: could not connect: {_short(str(exc))}") from exc
        except httpx.TimeoutException as exc:
            raise RequestTimeout(f"{where}: timed out ({type(exc).__name__})") from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise ConfigurationError(f"{where}: {_short(str(exc))}") from exc
        except httpx.TransportError as exc:
            raise RequestOutcomeUnknown(
                f"{where}: the connection failed after the request was sent ({type(exc).__name__})"
            ) from exc
        return self._reply(where, response)

    @staticmethod
    def _reply(where: str, response: httpx.Response) -> Any:
        status = response.status_code
        if status == 200:
            try:
                return json.loads(response.content)
            except ValueError:
                raise ProtocolError(
                    f"{where}: HTTP 200 with a body that is not JSON: {_short(response.text)!r}"
                ) from None
        text = _short(response.text)
        if status == 400:
            kind = _unsupported_type(response)
            if kind is not None:
                raise UnsupportedInfoType(kind, text)
        if status == 429:
            raise RateLimited(status, text, retry_after=_retry_after(response))
        detail = f": {text}" if text else ""
        raise HttpStatusError(status, text, message=f"{where} failed with HTTP {status}{detail}")


@final
class GoldRushInfo:
    """GoldRush's Info API as an info transport (``await info(payload)``).

    Sends to ``POST <goldrush>/info`` with ``Authorization: Bearer <key>``. A type GoldRush
    does not serve raises :class:`~trio_hl.errors.UnsupportedInfoType`, or, when the network
    allows it (``info_fallback``), is sent to Hyperliquid's public ``/info`` instead (logged
    at INFO, without the key).

    Args:
        network: a ``goldrush(key)`` network (its key is read from its URL).
        settings: timeouts and TLS, as for :class:`HttpTransport`.
    """

    def __init__(self, network: Network, *, settings: Settings | None = None) -> None:
        self.network = network
        self.goldrush = HttpTransport(
            goldrush_info_url(network),
            settings=settings,
            transport=network.http_transport,
            headers={"Authorization": f"Bearer {_goldrush_key(network)}"},
            venue="goldrush",
        )
        self.fallback = (
            HttpTransport(
                http_base_url(network),
                settings=settings,
                transport=network.http_transport,
                venue="hyperliquid",
            )
            if network.info_fallback
            else None
        )

    def __repr__(self) -> str:
        fallback = ", falls back to Hyperliquid" if self.fallback is not None else ""
        return f"<trio_hl.GoldRushInfo {self.goldrush.base_url}{fallback}>"

    async def __call__(self, payload: Mapping[str, Any]) -> Any:
        return await self.info(payload)

    async def info(self, payload: Mapping[str, Any]) -> Any:
        """``POST /info`` to GoldRush (or, for an unsupported type, the fallback).

        Raises:
            UnsupportedInfoType: GoldRush does not serve the type and there is no fallback.
            ApiError, TransportError: as :meth:`HttpTransport.post`.
        """
        try:
            return await self.goldrush.info(payload)
        except UnsupportedInfoType as exc:
            if self.fallback is None:
                raise
            logger.info(
                "GoldRush does not serve info %r: asking %s", exc.info_type, self.fallback.base_url
            )
            return await self.fallback.info(payload)


def info_transport(network: Network, *, settings: Settings | None = None) -> InfoTransportLike:
    """The HTTP info transport of a network: GoldRush's Info API for ``goldrush(key)``
    networks, else the network's ``/info``."""
    if network.venue == "goldrush":
        return GoldRushInfo(network, settings=settings)
    return HttpTransport(
        http_base_url(network),
        settings=settings,
        transport=network.http_transport,
        venue=network.venue,
    )


InfoTransportLike = HttpTransport | GoldRushInfo
"""What :func:`info_transport` returns: both are ``async (payload) -> data`` callables."""


@asynccontextmanager
async def open_http_transport(
    base_url: str,
    *,
    settings: Settings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> AsyncGenerator[HttpTransport, None]:
    """An :class:`HttpTransport` with one pooled client, closed when the block exits."""
    http = HttpTransport(base_url, settings=settings, transport=transport)
    async with http.make_client() as client:
        yield HttpTransport(base_url, settings=settings, client=client)
