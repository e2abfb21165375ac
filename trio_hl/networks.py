"""Where to connect: Hyperliquid mainnet and testnet, GoldRush, or any URL.

A :class:`Network` carries the WebSocket URL, whether it signs for mainnet, and the
client-side limits that apply there. Its repr, ``attrs.asdict`` and
:attr:`Network.redacted_url` never show an API key: GoldRush puts the key in the URL's query
string (others use ``user:password@``, a ``token=``, or the path), so the full URL is treated
as a secret everywhere in trio_hl (never logged, never in an exception).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Final, cast
from urllib.parse import parse_qsl, quote, unquote_plus, urlencode, urlsplit, urlunsplit

import attrs
import trio

from ._limits import Limits
from ._protocol import Venue
from ._secret import Secret
from ._validate import instance_of
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

GOLDRUSH_URL: Final = "wss://hypercore.goldrushdata.com/ws"

# A query parameter is secret when its name, lower-cased and without "-"/"_", contains one
# of these (key, apikey, api_key, x-api-key, token, access_token, auth, authorization,
# secret, client_secret, password, pass, pwd, sig, signature, credential, session, jwt).
# Redacting a harmless parameter costs a log line some detail; missing a secret leaks it.
_SECRET_WORDS: Final = (
    "key",
    "token",
    "auth",
    "secret",
    "pass",
    "pwd",
    "sig",
    "credential",
    "session",
    "jwt",
    "bearer",
)
# A path segment this long made of letters, digits, "-" and "_", with at least one digit
# and one letter, is taken for a token (providers that put the key in the path).
_PATH_TOKEN: Final = re.compile(r"^(?=[^/]*[0-9])(?=[^/]*[A-Za-z])[A-Za-z0-9_-]{20,}$")
_HOST_LABEL: Final = re.compile(r"^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$")
_UNPRINTABLE: Final = re.compile(r"[\x00-\x20\x7f]")
_HIDDEN: Final = "***"


def _is_secret_param(name: str) -> bool:
    folded = name.lower().replace("-", "").replace("_", "")
    return any(word in folded for word in _SECRET_WORDS)


def redact_url(url: str) -> str:
    """The URL with its secrets replaced by ``***``: safe to print or log.

    Redacted: any ``user:password@`` (the whole userinfo), the values of query parameters
    whose names look secret (``key``, ``apikey``, ``token``, ``auth``, ``secret``,
    ``password``, ``signature``...), and path segments that look like tokens (20 or more
    letters, digits, ``-`` or ``_``, mixing letters and digits). A URL too malformed to
    parse is not shown at all.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<malformed URL>"
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{_HIDDEN}@{netloc.rpartition('@')[2]}"
    path = "/".join(
        _HIDDEN if _PATH_TOKEN.match(segment) else segment for segment in parts.path.split("/")
    )
    query = parts.query
    if query:
        pairs = [
            (name, _HIDDEN if _is_secret_param(name) else value)
            for name, value in parse_qsl(query, keep_blank_values=True)
        ]
        query = urlencode(pairs, safe="*")
    return urlunsplit(parts._replace(netloc=netloc, path=path, query=query))


def _url_secrets(url: str) -> list[str]:
    """Every secret :func:`redact_url` hides in ``url``, as written and percent-decoded."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return [url]
    found: list[str] = []
    if "@" in parts.netloc:
        userinfo = parts.netloc.rpartition("@")[0]
        found += [userinfo, *userinfo.split(":", 1)]
    found += [segment for segment in parts.path.split("/") if _PATH_TOKEN.match(segment)]
    for raw in parts.query.split("&"):
        name, _, value = raw.partition("=")
        if _is_secret_param(unquote_plus(name)):
            found += [value, unquote_plus(value), quote(unquote_plus(value), safe="")]
    # Longest first, so that a secret containing another is replaced whole.
    return sorted({secret for secret in found if secret}, key=len, reverse=True)


def _check_ws_url(_: object, __: attrs.Attribute[Secret], value: Secret) -> None:
    url = value.reveal()
    shown = redact_url(url)
    if _UNPRINTABLE.search(url):
        raise ConfigurationError(f"a WebSocket URL has no spaces or control characters: {shown!r}")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        # urlsplit's own words ("Port out of range 0-65535"), never the URL itself.
        raise ConfigurationError(f"not a valid WebSocket URL ({exc}): {shown}") from None
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise ConfigurationError(f"not a ws:// or wss:// URL: {shown}")
    if port == 0:
        raise ConfigurationError(f"port 0 cannot be connected to: {shown}")
    if parts.fragment or url.endswith("#"):
        raise ConfigurationError(f"a WebSocket URL has no #fragment: {shown}")
    if not _valid_host(parts.hostname):
        raise ConfigurationError(f"not a valid host name or IP address: {shown}")


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return True
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.removesuffix(".").split(".")
    return len(ascii_host) <= 253 and all(_HOST_LABEL.match(label) for label in labels)


def _wrap_url(url: str) -> Secret:
    # Checked at run time for callers without a type checker (hence the cast).
    if not isinstance(cast("object", url), str):
        raise ConfigurationError(f"Network.ws_url must be a string, got {type(url).__name__}")
    return Secret(url, shown=redact_url(url))


@attrs.frozen(kw_only=True, repr=False)
class Network:
    """An endpoint to connect to.

    Attributes:
        name: a label for logs (``"mainnet"``, ``"goldrush"``...).
        ws_url: the full WebSocket URL, including any key. Treat it as a secret: it is
            shown only redacted, also by ``attrs.asdict(network)``.
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

    Raises:
        ConfigurationError: ``ws_url`` is not a ``ws://``/``wss://`` URL with a valid host
            and port (1-65535), or another field has the wrong type.
    """

    name: str = attrs.field(validator=instance_of(str))
    # Wrapped, so that attrs.asdict/astuple (which copy fields verbatim) show it redacted.
    _ws_url: Secret = attrs.field(alias="ws_url", converter=_wrap_url, validator=_check_ws_url)
    is_mainnet: bool = attrs.field(default=True, validator=instance_of(bool))
    limits: Limits = attrs.field(factory=Limits, validator=instance_of(Limits))
    connect_stream: StreamFactory | None = attrs.field(default=None, eq=False)
    http_transport: httpx.AsyncBaseTransport | None = attrs.field(default=None, eq=False)
    venue: Venue = "any"
    info_fallback: bool = False

    @property
    def ws_url(self) -> str:
        """The full URL, secrets included: pass it on, never print it."""
        return self._ws_url.reveal()

    @property
    def redacted_url(self) -> str:
        """The URL with any secret replaced by ``***``: safe to print."""
        return redact_url(self.ws_url)

    @property
    def has_credentials(self) -> bool:
        """The URL carries a secret (a key-like query parameter or userinfo), so a refusal
        of the handshake may be about it."""
        parts = urlsplit(self.ws_url)
        if parts.username is not None:
            return True
        return any(_is_secret_param(name) for name, _ in parse_qsl(parts.query))

    def redact(self, text: str) -> str:
        """``text`` with every secret of this network's URL replaced by ``***``.

        For text that comes from the server or the network stack and may echo the URL or
        the key (a handshake refusal's body, an error message).
        """
        secrets = _url_secrets(self.ws_url)
        for secret in secrets:
            text = text.replace(secret, _HIDDEN)
        # Text cut short (a body is kept to its first 200 characters) may end in the first
        # characters of a secret: hide those too.
        for secret in secrets:
            for size in range(min(len(secret) - 1, len(text)), 2, -1):
                if text.endswith(secret[:size]):
                    return text[:-size] + _HIDDEN
        return text

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

    Surrounding whitespace (a newline pasted from a file or an environment variable) is
    stripped from ``key``.

    Raises:
        ConfigurationError: the key is not a string, is empty, or has whitespace inside.
    """
    if not isinstance(cast("object", key), str):  # for callers without a type checker
        raise ConfigurationError(
            f"goldrush() needs the API key as a string, got {type(key).__name__}"
        )
    key = key.strip()
    if not key:
        raise ConfigurationError("goldrush() needs a non-empty API key")
    if _UNPRINTABLE.search(key):
        raise ConfigurationError(
            "goldrush(): the API key has whitespace or control characters inside"
        )
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
    Raises:
        ConfigurationError: ``ws_url`` is not a ``ws://``/``wss://`` URL with a valid host and
            a port in 1-65535 (checked now, not at the first connection).
    """
    return Network(
        name=name,
        ws_url=ws_url,
        is_mainnet=is_mainnet,
        limits=limits or Limits(),
        connect_stream=connect_stream,
        venue=venue,
    )
