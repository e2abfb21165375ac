"""Subscription requests (each generic in the message it yields) and the restart marker.

Vocabulary only: what a subscription says on the wire. Everything else about a channel (its
frames, routes, default buffer policy, message filter) is one row of the channel table in
the core (``trio_hl._protocol._channels``). Default policies follow what a channel carries:
*state* channels (every message is the full current state: books, mids, contexts,
``clearinghouseState``, ``openOrders``, ``webData2``...) keep the latest message; *event*
channels (trades, fills, ledger, order updates, user events...) fail loudly on overflow,
because a silently dropped event is a bug.

User streams take the user's address, validated and lower-cased as the server echoes it.
"""

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, Final, Generic, Literal, TypeVar, cast

import attrs

from ..errors import ConfigurationError
from ._common import check_bool, normalise_address
from .account import (
    ActiveAssetData,
    AllDexsClearinghouseState,
    ClearinghouseStateUpdate,
    OpenOrders,
    SpotState,
    TwapStates,
    WebData2,
    WebData3,
)
from .l4 import L4Snapshot, L4Updates
from .market import (
    ActiveAssetCtx,
    ActiveSpotAssetCtx,
    AllDexsAssetCtxs,
    AllMids,
    AssetCtxs,
    Bbo,
    Candle,
    L2Book,
    SpotAssetCtxs,
    Trades,
)
from .user import (
    Notification,
    OrderUpdates,
    UserEvent,
    UserFills,
    UserFundings,
    UserHistoricalOrders,
    UserNonFundingLedgerUpdates,
    UserTwapHistory,
    UserTwapSliceFills,
)

__all__ = [
    "CANDLE_INTERVALS",
    "MAX_WALLETS",
    "ActiveAssetCtxSubscription",
    "ActiveAssetDataSubscription",
    "AllDexsAssetCtxsSubscription",
    "AllDexsClearinghouseStateSubscription",
    "AllMidsSubscription",
    "AssetCtxsSubscription",
    "BboSubscription",
    "CandleSubscription",
    "ClearinghouseStateSubscription",
    "L2BookSubscription",
    "L4BookSubscription",
    "NotificationSubscription",
    "OpenOrdersSubscription",
    "OrderUpdatesSubscription",
    "SpotAssetCtxsSubscription",
    "SpotStateSubscription",
    "StreamRestarted",
    "SubscriptionRequest",
    "TradesSubscription",
    "TwapStatesSubscription",
    "UserEventsSubscription",
    "UserFillsSubscription",
    "UserFundingsSubscription",
    "UserHistoricalOrdersSubscription",
    "UserNonFundingLedgerUpdatesSubscription",
    "UserTwapHistorySubscription",
    "UserTwapSliceFillsSubscription",
    "WebData2Subscription",
    "WebData3Subscription",
    "wallet_list",
]

M_co = TypeVar("M_co", covariant=True)

CANDLE_INTERVALS: Final = frozenset(
    {"1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "8h", "12h", "1d", "3d", "1w", "1M"}
)


@attrs.frozen(kw_only=True)
class StreamRestarted:
    """Marker put in a stream after its subscription was sent again.

    Either the connection was re-established and everything resubscribed
    (``reason="reconnect"``), or this subscription stayed silent past its idle deadline and
    was resubscribed on the same connection (``reason="idle"``; see ``idle_timeout`` of
    ``Client.subscribe``). Everything after it comes from the fresh subscription. What the
    marker means depends on the channel:

    * state channels (books, mids, contexts, ``clearinghouseState``, ``openOrders``,
      ``spotState``, ``twapStates``, ``webData2/3``, ``activeAssetData``...) heal with
      their next message, which is the full state;
    * ``userFills`` (of one ``user``) is gap-free: the snapshot the server re-sends is
      de-duplicated against the fills already delivered, so the stream continues with
      exactly the fills missed while disconnected. GoldRush's wallet streams are live only:
      after a marker on an ``addresses=`` list (or any GoldRush wallet stream), nothing
      missed is re-sent; reconcile with ``userFillsByTime``;
    * the other snapshot channels (``userFundings``, ``userNonFundingLedgerUpdates``,
      ``userTwapSliceFills``, ``userTwapHistory``, ``userHistoricalOrders``) re-send a
      snapshot (``is_snapshot=True``) that overlaps what was delivered: replace, don't
      append;
    * ``orderUpdates``, ``userEvents`` and ``notification`` **cannot be made gap-free**:
      the server replays nothing, so events during the disconnect are lost for good.
      Reconcile now with info requests (``openOrders``/``frontendOpenOrders`` or
      ``historicalOrders`` for orders, ``userFillsByTime`` since the last fill you saw);
    * ``trades`` re-sends an unflagged backlog (deduplicate by ``tid``); GoldRush
      ``l4Book`` sends a new ``Snapshot``: drop the book and reseed from it.

    Attributes:
        sid: the local subscription id that restarted (tells streams of a shared channel
            apart).
        subscription: the exact subscription body that was re-sent.
        connection: the number of the connection it was re-sent on (1 is the first).
        reason: ``"reconnect"`` (a new connection) or ``"idle"`` (no message for the
            subscription's idle timeout, while the connection stayed healthy).
    """

    sid: int
    subscription: dict[str, Any]
    connection: int
    reason: Literal["reconnect", "idle"] = "reconnect"


def _market_types(value: Sequence[str] | None) -> tuple[str, ...] | None:
    if isinstance(value, str):
        raise ConfigurationError('market_types is a list, e.g. ["perp", "spot"]')
    return None if value is None else tuple(value)


def _require_coin(coin: object) -> None:
    if not isinstance(coin, str) or not coin:
        raise ConfigurationError(f"coin must be a non-empty string, got {coin!r}")


class SubscriptionRequest(ABC, Generic[M_co]):
    """A subscription body, typed by the messages its stream yields."""

    __slots__ = ()

    @abstractmethod
    def to_wire(self) -> dict[str, Any]:
        """The exact ``subscription`` object sent to the server."""


@attrs.frozen(kw_only=True)
class L2BookSubscription(SubscriptionRequest[L2Book]):
    """``l2Book``: full book snapshots. ``coin=None`` is GoldRush's every-coin wildcard.

    Args:
        coin: the coin, or ``None`` for every coin (GoldRush only).
        n_sig_figs: aggregate prices to 2-5 significant figures (``None``: full precision).
        mantissa: with ``n_sig_figs=5`` only: 1, 2 or 5.
        fast: Hyperliquid's 5-level fast mode.
        market_types: without a coin (GoldRush only), which market families: GoldRush's
            default is ``("perp",)``; ``"spot"``, ``"outcome"``, a mix, or ``("*",)``.
    """

    coin: str | None = None
    n_sig_figs: int | None = None
    mantissa: int | None = None
    fast: bool = attrs.field(default=False, validator=check_bool)
    market_types: tuple[str, ...] | None = attrs.field(default=None, converter=_market_types)

    def __attrs_post_init__(self) -> None:
        # Imported here: the GoldRush module imports this one.
        from .goldrush import check_market_types

        check_market_types(self.market_types, self.coin)
        if self.coin is not None:
            _require_coin(self.coin)
        if self.n_sig_figs not in (None, 2, 3, 4, 5):
            raise ConfigurationError(f"n_sig_figs must be 2, 3, 4, 5 or None: {self.n_sig_figs}")
        if self.mantissa is not None and (self.n_sig_figs != 5 or self.mantissa not in (1, 2, 5)):
            raise ConfigurationError("mantissa must be 1, 2 or 5, and only with n_sig_figs=5")

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
        if self.market_types is not None:
            body["marketTypes"] = list(self.market_types)
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

    coin: str

    def __attrs_post_init__(self) -> None:
        _require_coin(self.coin)

    def to_wire(self) -> dict[str, Any]:
        return {"type": "bbo", "coin": self.coin}


@attrs.frozen(kw_only=True)
class AllMidsSubscription(SubscriptionRequest[AllMids]):
    """``allMids``: every mid price; ``dex`` selects a builder-deployed perp dex."""

    dex: str | None = None

    def to_wire(self) -> dict[str, Any]:
        return {"type": "allMids", "dex": self.dex} if self.dex else {"type": "allMids"}


@attrs.frozen(kw_only=True)
class ActiveAssetCtxSubscription(SubscriptionRequest[ActiveAssetCtx | ActiveSpotAssetCtx]):
    """``activeAssetCtx``: live context of one asset; spot coins answer with the spot model."""

    coin: str

    def __attrs_post_init__(self) -> None:
        _require_coin(self.coin)

    def to_wire(self) -> dict[str, Any]:
        return {"type": "activeAssetCtx", "coin": self.coin}


# --- user streams ----------------------------------------------------------------------------
# ``user`` is validated and lower-cased on construction (the server echoes it lower-cased
# and routes by it). Optional flags are sent only when set, so that the same subscription
# always has the same body (an explicit default would be a different, indistinguishable one).


def _address() -> str:
    # Typed as the attribute's value, as attrs types ``attrs.field()`` itself.
    return attrs.field(converter=normalise_address)


MAX_WALLETS: Final = 1000
"""GoldRush's wallet streams take up to 1,000 addresses per subscription."""


def _opt_address(value: object) -> str | None:
    return None if value is None else normalise_address(value)


def wallet_list(value: object) -> tuple[str, ...] | None:
    """Validate an ``addresses`` list (GoldRush): 1 to :data:`MAX_WALLETS` distinct
    addresses, lower-cased, in the caller's order (GoldRush matches bodies exactly, list order
    included).

    Raises:
        ConfigurationError: not a list, empty, too long, a bad address or one listed twice.
    """
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ConfigurationError("addresses must be a list of addresses")
    out = tuple(normalise_address(v) for v in cast("Sequence[object]", value))
    if not 1 <= len(out) <= MAX_WALLETS:
        raise ConfigurationError(f"addresses takes 1 to {MAX_WALLETS} wallets, got {len(out)}")
    if len(set(out)) != len(out):
        raise ConfigurationError("addresses lists a wallet twice")
    return out


def _wallet_body(kind: str, user: str | None, addresses: tuple[str, ...] | None) -> dict[str, Any]:
    if (user is None) == (addresses is None):
        raise ConfigurationError(f"{kind} takes exactly one of user= or addresses=")
    if addresses is not None:
        return {"type": kind, "addresses": list(addresses)}
    return {"type": kind, "user": user}


def _dex_body(body: dict[str, Any], dex: str | None) -> dict[str, Any]:
    if dex:
        body["dex"] = dex
    return body


@attrs.frozen(kw_only=True)
class NotificationSubscription(SubscriptionRequest[Notification]):
    """``notification``: free-text notifications. Frames carry no user: one user per
    connection; nothing is replayed after a reconnect."""

    user: str = _address()

    def to_wire(self) -> dict[str, Any]:
        return {"type": "notification", "user": self.user}


@attrs.frozen(kw_only=True)
class WebData2Subscription(SubscriptionRequest[WebData2]):
    """``webData2``: the legacy front-end aggregate (large; prefer ``webData3``)."""

    user: str = _address()

    def to_wire(self) -> dict[str, Any]:
        return {"type": "webData2", "user": self.user}


@attrs.frozen(kw_only=True)
class WebData3Subscription(SubscriptionRequest[WebData3]):
    """``webData3``: the light front-end aggregate of one user."""

    user: str = _address()

    def to_wire(self) -> dict[str, Any]:
        return {"type": "webData3", "user": self.user}


@attrs.frozen(kw_only=True)
class OrderUpdatesSubscription(SubscriptionRequest[OrderUpdates]):
    """``orderUpdates``: order status changes.

    Hyperliquid's frames carry no user, so one connection serves one ``orderUpdates`` body
    (a second is refused); nothing is replayed after a reconnect (see
    :class:`StreamRestarted`).

    Args:
        user: the address.
        addresses: instead of ``user``, GoldRush only: 1 to 1,000 wallets on one
            subscription; each :class:`~trio_hl.models.OrderUpdate` then names its ``user``.

    Raises:
        ConfigurationError: neither or both of ``user`` and ``addresses``, or a bad list.
    """

    user: str | None = attrs.field(default=None, converter=_opt_address)
    addresses: tuple[str, ...] | None = attrs.field(default=None, converter=wallet_list)

    def __attrs_post_init__(self) -> None:
        _wallet_body("orderUpdates", self.user, self.addresses)

    def to_wire(self) -> dict[str, Any]:
        return _wallet_body("orderUpdates", self.user, self.addresses)


@attrs.frozen(kw_only=True)
class UserEventsSubscription(SubscriptionRequest[UserEvent]):
    """``userEvents`` (frames on channel ``user``): fills, funding, liquidations,
    non-user cancels and TWAP events, as a tagged union.

    Frames carry no user, so one connection serves one user (a second user is refused);
    nothing is replayed after a reconnect (see :class:`StreamRestarted`).
    """

    user: str = _address()

    def to_wire(self) -> dict[str, Any]:
        return {"type": "userEvents", "user": self.user}


@attrs.frozen(kw_only=True)
class UserFillsSubscription(SubscriptionRequest[UserFills]):
    """``userFills``: the user's fills, a snapshot first. Gap-free across reconnects.

    After every (re)subscription the server re-sends a snapshot of recent fills. The client
    removes from it (and from any later message) every fill this subscription already
    delivered, identified by ``tid`` (or, for a fill without a usable ``tid``, by ``hash``,
    ``oid`` and ``time``). So a consumer sees each fill once: the fills missed while
    disconnected arrive in the first message after the :class:`StreamRestarted` marker,
    a snapshot that may be empty.

    Memory is bounded: the identities of the 10 000 newest fills are kept
    (about 1.5 MB at most, measured), and a fill no newer than the newest forgotten one
    counts as delivered. A snapshot cannot restore fills older than the server's snapshot
    window: after a long outage, reconcile with the ``userFillsByTime`` info request.

    Args:
        user: the address.
        addresses: instead of ``user``, GoldRush only: 1 to 1,000 wallets on one
            subscription, whose ``[address, fill]`` frames are split into one
            :class:`~trio_hl.models.UserFills` per wallet. GoldRush replays nothing (live
            only) and the de-duplication above does not apply (two wallets of one trade
            share its ``tid``): after a :class:`StreamRestarted`, reconcile with
            ``userFillsByTime``. Two such subscriptions sharing a wallet cannot share a
            connection (the frames do not say which subscription they answer).
        aggregate_by_time: merge partial fills of one taker order. Cannot share a
            connection with the non-aggregated stream of the same user (the frames do not
            say which is which).

    Raises:
        ConfigurationError: neither or both of ``user`` and ``addresses``, or a bad list.
    """

    user: str | None = attrs.field(default=None, converter=_opt_address)
    addresses: tuple[str, ...] | None = attrs.field(default=None, converter=wallet_list)
    aggregate_by_time: bool = attrs.field(default=False, validator=check_bool)

    def __attrs_post_init__(self) -> None:
        _wallet_body("userFills", self.user, self.addresses)

    def to_wire(self) -> dict[str, Any]:
        body = _wallet_body("userFills", self.user, self.addresses)
        if self.aggregate_by_time:
            body["aggregateByTime"] = True
        return body


@attrs.frozen(kw_only=True)
class UserFundingsSubscription(SubscriptionRequest[UserFundings]):
    """``userFundings``: hourly funding payments, a snapshot first."""

    user: str = _address()

    def to_wire(self) -> dict[str, Any]:
        return {"type": "userFundings", "user": self.user}


@attrs.frozen(kw_only=True)
class UserNonFundingLedgerUpdatesSubscription(SubscriptionRequest[UserNonFundingLedgerUpdates]):
    """``userNonFundingLedgerUpdates``: deposits, transfers, withdrawals..., a snapshot first.

    Args:
        user: the address.
        addresses: instead of ``user``, GoldRush only: 1 to 1,000 wallets on one
            subscription (one message per wallet, each naming its ``user``; live only).

    Raises:
        ConfigurationError: neither or both of ``user`` and ``addresses``, or a bad list.
    """

    user: str | None = attrs.field(default=None, converter=_opt_address)
    addresses: tuple[str, ...] | None = attrs.field(default=None, converter=wallet_list)

    def __attrs_post_init__(self) -> None:
        _wallet_body("userNonFundingLedgerUpdates", self.user, self.addresses)

    def to_wire(self) -> dict[str, Any]:
        return _wallet_body("userNonFundingLedgerUpdates", self.user, self.addresses)


@attrs.frozen(kw_only=True)
class ActiveAssetDataSubscription(SubscriptionRequest[ActiveAssetData]):
    """``activeAssetData``: leverage and tradeable sizes of the user on one perpetual."""

    user: str = _address()
    coin: str

    def __attrs_post_init__(self) -> None:
        _require_coin(self.coin)

    def to_wire(self) -> dict[str, Any]:
        return {"type": "activeAssetData", "user": self.user, "coin": self.coin}


@attrs.frozen(kw_only=True)
class UserTwapSliceFillsSubscription(SubscriptionRequest[UserTwapSliceFills]):
    """``userTwapSliceFills``: fills of the user's TWAP slices, a snapshot first."""

    user: str = _address()

    def to_wire(self) -> dict[str, Any]:
        return {"type": "userTwapSliceFills", "user": self.user}


@attrs.frozen(kw_only=True)
class UserTwapHistorySubscription(SubscriptionRequest[UserTwapHistory]):
    """``userTwapHistory``: the user's TWAP history (``time`` in seconds), a snapshot first."""

    user: str = _address()

    def to_wire(self) -> dict[str, Any]:
        return {"type": "userTwapHistory", "user": self.user}


@attrs.frozen(kw_only=True)
class ClearinghouseStateSubscription(SubscriptionRequest[ClearinghouseStateUpdate]):
    """``clearinghouseState``: the user's perpetual account on ``dex`` (main when ``None``)."""

    user: str = _address()
    dex: str | None = None

    def to_wire(self) -> dict[str, Any]:
        return _dex_body({"type": "clearinghouseState", "user": self.user}, self.dex)


@attrs.frozen(kw_only=True)
class OpenOrdersSubscription(SubscriptionRequest[OpenOrders]):
    """``openOrders``: every open order of the user on ``dex`` (main when ``None``)."""

    user: str = _address()
    dex: str | None = None

    def to_wire(self) -> dict[str, Any]:
        return _dex_body({"type": "openOrders", "user": self.user}, self.dex)


@attrs.frozen(kw_only=True)
class SpotStateSubscription(SubscriptionRequest[SpotState]):
    """``spotState``: the user's spot balances.

    Args:
        user: the address.
        ignore_portfolio_margin: cannot share a connection with the plain stream of the
            same user (the frames do not say which is which).
    """

    user: str = _address()
    ignore_portfolio_margin: bool = attrs.field(default=False, validator=check_bool)

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": "spotState", "user": self.user}
        if self.ignore_portfolio_margin:
            body["ignorePortfolioMargin"] = True
        return body


@attrs.frozen(kw_only=True)
class TwapStatesSubscription(SubscriptionRequest[TwapStates]):
    """``twapStates``: the user's running TWAPs on ``dex`` (main when ``None``)."""

    user: str = _address()
    dex: str | None = None

    def to_wire(self) -> dict[str, Any]:
        return _dex_body({"type": "twapStates", "user": self.user}, self.dex)


@attrs.frozen(kw_only=True)
class AllDexsClearinghouseStateSubscription(SubscriptionRequest[AllDexsClearinghouseState]):
    """``allDexsClearinghouseState``: the user's perpetual account on every dex."""

    user: str = _address()

    def to_wire(self) -> dict[str, Any]:
        return {"type": "allDexsClearinghouseState", "user": self.user}


@attrs.frozen(kw_only=True)
class UserHistoricalOrdersSubscription(SubscriptionRequest[UserHistoricalOrders]):
    """``userHistoricalOrders``: the user's order history, a snapshot first."""

    user: str = _address()

    def to_wire(self) -> dict[str, Any]:
        return {"type": "userHistoricalOrders", "user": self.user}


# --- market-wide state streams ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class AssetCtxsSubscription(SubscriptionRequest[AssetCtxs]):
    """``assetCtxs``: contexts of every perpetual of ``dex`` (main when ``None``)."""

    dex: str | None = None

    def to_wire(self) -> dict[str, Any]:
        return _dex_body({"type": "assetCtxs"}, self.dex)


@attrs.frozen(kw_only=True)
class SpotAssetCtxsSubscription(SubscriptionRequest[SpotAssetCtxs]):
    """``spotAssetCtxs``: contexts of every spot asset."""

    def to_wire(self) -> dict[str, Any]:
        return {"type": "spotAssetCtxs"}


@attrs.frozen(kw_only=True)
class AllDexsAssetCtxsSubscription(SubscriptionRequest[AllDexsAssetCtxs]):
    """``allDexsAssetCtxs``: perpetual contexts of every dex."""

    def to_wire(self) -> dict[str, Any]:
        return {"type": "allDexsAssetCtxs"}


@attrs.frozen(kw_only=True)
class L4BookSubscription(SubscriptionRequest[L4Snapshot | L4Updates]):
    """GoldRush ``l4Book``: the order-level book of one coin, a ``Snapshot`` then ``Updates``.

    A diff stream: it fails on overflow rather than dropping updates (a dropped update
    would corrupt any book built from it). Feed it to :class:`trio_hl.books.L4Book`.
    """

    coin: str

    def __attrs_post_init__(self) -> None:
        _require_coin(self.coin)

    def to_wire(self) -> dict[str, Any]:
        return {"type": "l4Book", "coin": self.coin}
