"""Subscription requests (each generic in the message it yields) and the restart marker."""

from abc import ABC, abstractmethod
from typing import Any, ClassVar, Final, Generic, TypeVar

import attrs

from .._policy import BufferPolicy
from ..errors import ConfigurationError
from .market import ActiveAssetCtx, ActiveSpotAssetCtx, AllMids, Bbo, Candle, L2Book, Trades

__all__ = [
    "CANDLE_INTERVALS",
    "ActiveAssetCtxSubscription",
    "AllMidsSubscription",
    "BboSubscription",
    "CandleSubscription",
    "L2BookSubscription",
    "StreamRestarted",
    "SubscriptionRequest",
    "TradesSubscription",
]

M_co = TypeVar("M_co", covariant=True)

CANDLE_INTERVALS: Final = frozenset(
    {"1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "8h", "12h", "1d", "3d", "1w", "1M"}
)


@attrs.frozen(kw_only=True)
class StreamRestarted:
    """Marker put in a stream after its connection was re-established and resubscribed.

    Everything after it comes from the new connection. Anything the server pushed while
    disconnected is gone: snapshot feeds heal with their next message; consumers that
    apply diffs or count events must reset their state here.

    Attributes:
        sid: the local subscription id that restarted (tells streams of a shared channel
            apart).
        subscription: the exact subscription body that was re-sent.
        connection: the number of the new connection (1 is the first).
    """

    sid: int
    subscription: dict[str, Any]
    connection: int


def _require_coin(coin: object) -> None:
    if not isinstance(coin, str) or not coin:
        raise ConfigurationError(f"coin must be a non-empty string, got {coin!r}")


class SubscriptionRequest(ABC, Generic[M_co]):
    """A subscription body, typed by the messages its stream yields."""

    __slots__ = ()

    default_policy: ClassVar[BufferPolicy] = BufferPolicy.fail_on_overflow()

    @abstractmethod
    def to_wire(self) -> dict[str, Any]:
        """The exact ``subscription`` object sent to the server."""

    @property
    def policy(self) -> BufferPolicy:
        """The buffer policy used when the caller does not choose one."""
        return self.default_policy


@attrs.frozen(kw_only=True)
class L2BookSubscription(SubscriptionRequest[L2Book]):
    """``l2Book``: full book snapshots. ``coin=None`` is GoldRush's every-coin wildcard.

    Args:
        coin: the coin, or ``None`` for every coin (GoldRush only).
        n_sig_figs: aggregate prices to 2-5 significant figures (``None``: full precision).
        mantissa: with ``n_sig_figs=5`` only: 1, 2 or 5.
        fast: Hyperliquid's 5-level fast mode.
    """

    default_policy: ClassVar[BufferPolicy] = BufferPolicy.keep_latest(1)

    coin: str | None = None
    n_sig_figs: int | None = None
    mantissa: int | None = None
    fast: bool = False

    def __attrs_post_init__(self) -> None:
        if self.coin is not None:
            _require_coin(self.coin)
        if self.n_sig_figs not in (None, 2, 3, 4, 5):
            raise ConfigurationError(f"n_sig_figs must be 2, 3, 4, 5 or None: {self.n_sig_figs}")
        if self.mantissa is not None and (self.n_sig_figs != 5 or self.mantissa not in (1, 2, 5)):
            raise ConfigurationError("mantissa must be 1, 2 or 5, and only with n_sig_figs=5")

    @property
    def policy(self) -> BufferPolicy:
        # One buffered book per coin is the point of keep-latest; the wildcard carries
        # every coin on one stream, so it keeps a deeper buffer rather than losing coins.
        return self.default_policy if self.coin is not None else BufferPolicy.keep_latest(1024)

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": "l2Book"}
        if self.coin is not None:
            body["coin"] = self.coin
        if self.n_sig_figs is not None:
            body["nSigFigs"] = self.n_sig_figs
        if self.mantissa is not None:
            body["mantissa"] = self.mantissa
        if self.fast:
            body["fast"] = True
        return body


@attrs.frozen(kw_only=True)
class TradesSubscription(SubscriptionRequest[Trades]):
    """``trades``: batches of public trades of one coin."""

    coin: str

    def __attrs_post_init__(self) -> None:
        _require_coin(self.coin)

    def to_wire(self) -> dict[str, Any]:
        return {"type": "trades", "coin": self.coin}


@attrs.frozen(kw_only=True)
class CandleSubscription(SubscriptionRequest[Candle]):
    """``candle``: the open candle of ``coin`` at ``interval`` as it changes."""

    coin: str
    interval: str

    def __attrs_post_init__(self) -> None:
        _require_coin(self.coin)
        if self.interval not in CANDLE_INTERVALS:
            raise ConfigurationError(
                f"interval must be one of {sorted(CANDLE_INTERVALS)}, got {self.interval!r}"
            )

    def to_wire(self) -> dict[str, Any]:
        return {"type": "candle", "coin": self.coin, "interval": self.interval}


@attrs.frozen(kw_only=True)
class BboSubscription(SubscriptionRequest[Bbo]):
    """``bbo``: best bid and offer of one coin, pushed when it changes."""

    default_policy: ClassVar[BufferPolicy] = BufferPolicy.keep_latest(1)

    coin: str

    def __attrs_post_init__(self) -> None:
        _require_coin(self.coin)

    def to_wire(self) -> dict[str, Any]:
        return {"type": "bbo", "coin": self.coin}


@attrs.frozen(kw_only=True)
class AllMidsSubscription(SubscriptionRequest[AllMids]):
    """``allMids``: every mid price; ``dex`` selects a builder-deployed perp dex."""

    default_policy: ClassVar[BufferPolicy] = BufferPolicy.keep_latest(1)

    dex: str | None = None

    def to_wire(self) -> dict[str, Any]:
        return {"type": "allMids", "dex": self.dex} if self.dex else {"type": "allMids"}


@attrs.frozen(kw_only=True)
class ActiveAssetCtxSubscription(SubscriptionRequest[ActiveAssetCtx | ActiveSpotAssetCtx]):
    """``activeAssetCtx``: live context of one asset; spot coins answer with the spot model."""

    default_policy: ClassVar[BufferPolicy] = BufferPolicy.keep_latest(1)

    coin: str

    def __attrs_post_init__(self) -> None:
        _require_coin(self.coin)

    def to_wire(self) -> dict[str, Any]:
        return {"type": "activeAssetCtx", "coin": self.coin}
