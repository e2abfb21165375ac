"""Where to connect: Hyperliquid mainnet and testnet, GoldRush, or any URL.

A :class:`Network` carries the WebSocket URL, whether it signs for mainnet, and the
client-side limits that apply there. Its repr and :attr:`Network.redacted_url` never show
an API key: GoldRush puts the key in the URL's query string, so the full URL is treated as a
secret everywhere in trio_hl (never logged, never in an exception).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Final
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import attrs
import trio

from ._limits import Limits
from ._protocol._venues import Venue
from .errors import ConfigurationError

if TYPE_CHECKING:
    # Only an annotation (attrs does not evaluate it): httpx loads with the first request.
    import httpx  # noqa: TC004

__all__ = [
    "GOLDRUSH_URL",
    "MAINNET",
    "TESTNET",
    "Network",
    "StreamFactory",
    "custom",
    "goldrush",
    "redact_url",
]

StreamFactory = Callable[[], Awaitable[trio.abc.Stream]]
"""Opens the byte stream a WebSocket runs over (the test kit uses memory streams)."""

_SECRET_PARAMS: Final = frozenset({"key", "apikey", "api_key", "token", "access_token"})

GOLDRUSH_URL: Final = "wss://hypercore.goldrushdata.com/ws"


def redact_url(url: str) -> str:
    """The URL with the values of secret-looking query parameters replaced by ``***``."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [
        (name, "***" if name.lower() in _SECRET_PARAMS else value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(query, safe="*")))


@attrs.frozen(kw_only=True, repr=False)
class Network:
    """An endpoint to connect to.

    Attributes:
        name: a label for logs (``"mainnet"``, ``"goldrush"``...).
        ws_url: the full WebSocket URL, including any key. Treat it as a secret.
        is_mainnet: signs actions for mainnet (``True``) or testnet.
        limits: client-side guards for the server's limits.
        connect_stream: opens the byte stream instead of TCP/TLS (the test kit's seam).
        http_transport: the httpx transport of the HTTP API (the test kit's seam; ``None``:
            real sockets).
        venue: which server this is: ``"hyperliquid"``, ``"goldrush"`` or ``"any"`` (no
            checks). A subscription the server does not serve is refused before it is sent
            (it would be acknowledged and never answered).
        info_fallback: GoldRush only: send an info type GoldRush answers
            ``unsupported_type`` to Hyperliquid's public ``/info`` instead of raising
            :class:`~trio_hl.errors.UnsupportedInfoType` (off by default: the public API is
            rate-limited and sees your queries).
    """

    name: str
    ws_url: str = attrs.field()
    is_mainnet: bool = True
    limits: Limits = attrs.field(factory=Limits)
    connect_stream: StreamFactory | None = attrs.field(default=None, eq=False)
    http_transport: httpx.AsyncBaseTransport | None = attrs.field(default=None, eq=False)
    venue: Venue = "any"
    info_fallback: bool = False

    @ws_url.validator
    def _check_url(self, _: attrs.Attribute[str], value: str) -> None:
        parts = urlsplit(value)
        if parts.scheme not in ("ws", "wss") or not parts.hostname:
            raise ConfigurationError(f"not a ws:// or wss:// URL: {redact_url(value)}")

    @property
    def redacted_url(self) -> str:
        """The URL with any API key replaced by ``***``: safe to print."""
        return redact_url(self.ws_url)

    def __repr__(self) -> str:
        return f"Network(name={self.name!r}, url={self.redacted_url!r})"


MAINNET: Final = Network(name="mainnet", ws_url="wss://api.hyperliquid.xyz/ws", venue="hyperliquid")
TESTNET: Final = Network(
    name="testnet",
    ws_url="wss://api.hyperliquid-testnet.xyz/ws",
    is_mainnet=False,
    venue="hyperliquid",
)


def goldrush(key: str, *, url: str = GOLDRUSH_URL, info_fallback: bool = False) -> Network:
    """GoldRush's drop-in Hyperliquid API: the WebSocket (``?key=``) and the Info API
    (``POST https://hypercore.goldrushdata.com/info`` with ``Authorization: Bearer``).

    GoldRush has no subscription cap, serves a coin-less wildcard ``l2Book``, the diff and
    order-level books and its fill streams (see ``docs/goldrush.md``); it serves only the
    channels it documents, and the client refuses the others before sending them. A bad key
    is refused at the handshake with HTTP 401, which surfaces at once as
    :class:`~trio_hl.errors.KeyRejected` (never retried).

    Args:
        key: the GoldRush API key (never logged or shown).
        url: the WebSocket URL (the Info API is its ``https`` host).
        info_fallback: send info types GoldRush does not serve to Hyperliquid's public API
            rather than raising :class:`~trio_hl.errors.UnsupportedInfoType`.

    Raises:
        ConfigurationError: the key is empty.
    """
    if not key or not key.strip():
        raise ConfigurationError("goldrush() needs a non-empty API key")
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query), ("key", key)]
    return Network(
        name="goldrush",
        ws_url=urlunsplit(parts._replace(query=urlencode(query))),
        limits=Limits(max_subscriptions=None, max_users=None),
        venue="goldrush",
        info_fallback=info_fallback,
    )


def custom(
    ws_url: str,
    *,
    name: str = "custom",
    is_mainnet: bool = True,
    limits: Limits | None = None,
    connect_stream: StreamFactory | None = None,
    venue: Venue = "any",
) -> Network:
    """Any endpoint speaking the Hyperliquid WebSocket protocol (a proxy, a local node).

    ``venue`` names the server behind it when known (``"hyperliquid"`` or ``"goldrush"``),
    to refuse what it does not serve; ``"any"`` checks nothing.
    """
    return Network(
        name=name,
        ws_url=ws_url,
        is_mainnet=is_mainnet,
        limits=limits or Limits(),
        connect_stream=connect_stream,
        venue=venue,
    )
