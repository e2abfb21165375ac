"""The one exception hierarchy of trio_hl.

Everything trio_hl raises on purpose derives from :class:`HyperliquidError`, so
``except trio_hl.errors.HyperliquidError`` catches every failure of ours and nothing
else. ``trio.Cancelled`` is never wrapped, and no public call lets an
``ExceptionGroup`` from our internal nurseries escape: the shell unwraps it to exactly
one of these (or to the caller's own exception).

Layout::

    HyperliquidError
    ├── ConfigurationError          bad argument or setting (raised before any I/O)
    ├── NumberTypeError             a float (or other type) where an exact decimal is needed
    ├── PrecisionError              a number is finer than the wire, tick or lot size allows
    ├── SigningError                an action, key or signature cannot be signed as given
    ├── NotRunning                  the client is not (or no longer) connected-and-running
    ├── TransportError              the connection itself failed
    │   ├── ConnectError            could not connect (DNS, TCP, TLS, handshake timeout)
    │   ├── HandshakeRejected       the server answered the upgrade with an HTTP error (final)
    │   │   └── KeyRejected         401/403: the API key was refused (final)
    │   ├── ConnectionLost          a request was never sent before the connection dropped
    │   ├── RequestOutcomeUnknown   a request was sent but its reply was lost with the connection
    │   └── RequestTimeout          no reply within the request timeout
    ├── ProtocolError               the server sent something we cannot understand
    │   └── DecodeError             a frame did not match its model
    ├── ApiError                    the server understood and said no (has ``.response``)
    │   ├── SubscriptionError       a subscription was rejected or is over a limit
    │   ├── HttpStatusError         the HTTP API answered with a non-200 status
    │   │   ├── RateLimited         HTTP 429: too many requests (has ``.retry_after``)
    │   │   └── UnsupportedInfoType GoldRush does not serve this info type (has ``.info_type``)
    │   ├── ActionRejected          an exchange action answered ``{"status": "err"}``
    │   └── OrderRejected           the one order/cancel/modify/TWAP of a call has an error status
    ├── SubscriptionOverflow        a consumer fell behind a fail-on-overflow stream
    └── UnknownAsset                an asset name or id is not in the universe (a ``KeyError``)

Messages never contain secret keys or API keys: networks redact their URLs, and
accounts never render their secret.
"""

from __future__ import annotations

from typing import Any, final

__all__ = [
    "ActionRejected",
    "ApiError",
    "ConfigurationError",
    "ConnectError",
    "ConnectionLost",
    "DecodeError",
    "HandshakeRejected",
    "HttpStatusError",
    "HyperliquidError",
    "KeyRejected",
    "NotRunning",
    "NumberTypeError",
    "OrderRejected",
    "PrecisionError",
    "ProtocolError",
    "RateLimited",
    "RequestOutcomeUnknown",
    "RequestTimeout",
    "SigningError",
    "SubscriptionError",
    "SubscriptionOverflow",
    "TransportError",
    "UnknownAsset",
    "UnsupportedInfoType",
]


class HyperliquidError(Exception):
    """Root of every error trio_hl raises."""


@final
class ConfigurationError(HyperliquidError, ValueError):
    """An argument or setting is invalid; raised before anything is sent."""


@final
class NotRunning(HyperliquidError):
    """The client is not running (use ``async with api.ws.run():`` or ``open_client``)."""


class TransportError(HyperliquidError):
    """The WebSocket connection failed or was lost."""


@final
class ConnectError(TransportError):
    """Could not establish a connection (network, TLS, or handshake timeout)."""


class HandshakeRejected(TransportError):
    """The server refused the WebSocket upgrade with an HTTP status.

    A 4xx refusal is final: trio_hl never retries it in a loop.

    Attributes:
        status_code: the HTTP status of the refusal.
        body: the first bytes of the response body, decoded leniently.
        retry_after: the server's ``Retry-After``, in seconds, when it sent one (429, 503).
    """

    def __init__(
        self, status_code: int, body: str = "", *, retry_after: float | None = None
    ) -> None:
        self.status_code = status_code
        self.body = body
        self.retry_after = retry_after
        detail = f": {body}" if body else ""
        super().__init__(f"WebSocket handshake rejected with HTTP {status_code}{detail}")


@final
class KeyRejected(HandshakeRejected):
    """HTTP 401/403 at the handshake: the API key (GoldRush ``?key=``) was refused."""

    def __init__(self, status_code: int, body: str = "") -> None:
        super().__init__(status_code, body)
        self.args: tuple[Any, ...] = (
            f"API key rejected (HTTP {status_code}): check the key given to goldrush(...)",
        )


@final
class ConnectionLost(TransportError):
    """The connection dropped before the request was sent: it is safe to retry."""


@final
class RequestOutcomeUnknown(TransportError):
    """The request was sent, but the connection dropped before its reply arrived.

    The server may or may not have executed it. Exchange actions in this state are
    never retried automatically: check (for example with ``orderStatus`` by cloid).
    """


@final
class RequestTimeout(TransportError):
    """No reply arrived within the request timeout."""


class ProtocolError(HyperliquidError):
    """The server sent something that does not fit the protocol."""


@final
class DecodeError(ProtocolError):
    """A frame could not be decoded into its typed model.

    Attributes:
        channel: the channel of the offending frame (``None`` when not even that was readable).
    """

    def __init__(self, message: str, *, channel: str | None = None) -> None:
        self.channel = channel
        prefix = f"cannot decode {channel!r} frame" if channel else "cannot decode frame"
        super().__init__(f"{prefix}: {message}")


class ApiError(HyperliquidError):
    """The server understood the request and refused it.

    Attributes:
        response: the server's reply (error text or decoded JSON), for inspection.
    """

    def __init__(self, message: str, *, response: Any = None) -> None:
        self.response = response
        super().__init__(message)


@final
class SubscriptionError(ApiError):
    """A subscription was refused by the server, or would break a client-side rule."""


@final
class SubscriptionOverflow(HyperliquidError):
    """The consumer fell behind a fail-on-overflow stream and it was closed.

    Items buffered before the overflow are still delivered; this is raised after them.
    """


@final
class NumberTypeError(HyperliquidError, TypeError):
    """A float (or another unsupported type) was given where an exact decimal is needed.

    Prices, sizes and amounts are hashed as decimal text, and a float has no exact decimal
    text: pass a :class:`decimal.Decimal`, an ``int`` or a decimal string instead.
    """


@final
class PrecisionError(HyperliquidError, ValueError):
    """A number has more precision than the wire, tick size or lot size allows.

    trio_hl never rounds silently: round explicitly (``round_price``/``round_size``) or pass
    a value that is already on the grid. Raised before anything is sent.
    """


@final
class SigningError(HyperliquidError, ValueError):
    """An action, key or signature cannot be signed or encoded as given.

    For example a float inside an action, a malformed address, a nonce outside 64 bits, a
    user-signed action whose ``hyperliquidChain`` disagrees with the network, or an
    unusable secret key. The message never contains the secret key. Raised before anything
    is sent.
    """


class HttpStatusError(ApiError):
    """The HTTP API answered with a status other than 200.

    Over the WebSocket the same refusal arrives as an ``error`` post reply and raises a plain
    :class:`ApiError`; catch ``ApiError`` to handle both transports alike. A 4xx status means
    the request was refused (for example 422 for a body the server cannot deserialize); a
    5xx status means the server failed and the request may be retried later.

    Attributes:
        status_code: the HTTP status.
        body: the first bytes of the response body, decoded leniently (also ``.response``).
    """

    def __init__(self, status_code: int, body: str = "", *, message: str | None = None) -> None:
        self.status_code = status_code
        self.body = body
        detail = f": {body}" if body else ""
        super().__init__(message or f"HTTP {status_code}{detail}", response=body)


@final
class RateLimited(HttpStatusError):
    """HTTP 429: the server's rate limit for this IP or address was exceeded.

    Attributes:
        retry_after: seconds to wait, from the ``Retry-After`` header, if the server sent one.
    """

    def __init__(
        self, status_code: int = 429, body: str = "", *, retry_after: float | None = None
    ) -> None:
        self.retry_after = retry_after
        hint = f"; retry after {retry_after:g} s" if retry_after is not None else ""
        detail = f": {body}" if body else ""
        super().__init__(
            status_code, body, message=f"rate limited (HTTP {status_code}){hint}{detail}"
        )


@final
class UnsupportedInfoType(HttpStatusError):
    """GoldRush's Info API does not serve this info ``type`` (its HTTP 400
    ``{"error": "unsupported_type", "type": ...}``); it did not forward the request.

    Allow the fallback to Hyperliquid's public API with ``goldrush(key, info_fallback=True)``
    to have such requests answered there instead.

    Attributes:
        info_type: the refused type.
    """

    def __init__(self, info_type: str, body: str = "") -> None:
        self.info_type = info_type
        super().__init__(
            400,
            body,
            message=f"GoldRush's Info API does not serve info type {info_type!r} (it answered "
            "unsupported_type and did not forward it); use a Hyperliquid network for it, or "
            "goldrush(key, info_fallback=True) to send such requests to Hyperliquid's public API",
        )


@final
class UnknownAsset(HyperliquidError, KeyError):
    """An asset name or id is not in the loaded universe.

    Also a :class:`KeyError`, so mapping-style code keeps working. The message names close
    matches when there are any; a coin listed after the universe was loaded needs
    ``await api.refresh_universe()``.

    Attributes:
        asset: the name or id that was looked up.
        suggestions: close matches among the known names (possibly empty).
    """

    def __init__(self, asset: str | int, suggestions: tuple[str, ...] = ()) -> None:
        self.asset = asset
        self.suggestions = suggestions
        what = f"asset id {asset}" if isinstance(asset, int) else f"asset {asset!r}"
        hint = f"; did you mean {', '.join(map(repr, suggestions))}?" if suggestions else ""
        super().__init__(
            f"unknown {what}{hint} (if it was listed recently, refresh the universe: "
            "`await api.refresh_universe()`)"
        )

    def __str__(self) -> str:
        # KeyError renders its argument with repr(); an error message reads better plain.
        return str(self.args[0])


@final
class ActionRejected(ApiError):
    """The exchange refused a signed action as a whole: ``{"status": "err", "response": msg}``.

    Nothing was executed. The message is the server's (for example ``Insufficient balance
    for token transfer``, or ``User or API Wallet 0x... does not exist.`` when the signature
    recovers an address the exchange does not know: a wrong key, network or vault, or an
    API wallet signing an action only the account itself may sign).

    Attributes:
        message: the server's message.
        response: the whole exchange body.
    """

    def __init__(self, message: str, *, response: Any = None) -> None:
        self.message = message
        super().__init__(f"action rejected: {message}", response=response)


@final
class OrderRejected(ApiError):
    """The one entry of a single-order call came back with an error status.

    Raised by the single-entry exchange methods (``place_order``, ``market_order``,
    ``cancel_order``, ``modify_order``, ``twap_order``, ``twap_cancel``) when the exchange
    accepted the action (``status: ok``) but the order itself failed (``{"error": msg}``:
    a tick size violation, insufficient margin, an IOC that could not match, an unknown
    order id...). Batch methods never raise this: they return every entry's status, errors
    included, as :class:`~trio_hl.models.exchange.OrderError` values.

    Attributes:
        message: the server's message for the entry.
        response: the whole exchange body.
    """

    def __init__(self, message: str, *, response: Any = None) -> None:
        self.message = message
        super().__init__(f"order rejected: {message}", response=response)
