"""Subscription identity and routing rules, as data.

Rules (each has a parametrised test row in ``tests/protocol/test_keys.py``):

1. A subscription's *identity* (:func:`subscription_key`) is its body with ``None`` values
   dropped, addresses lower-cased and keys sorted. Two local subscriptions with the same
   identity share one wire subscription (refcounted by the session).
2. A subscription's *route* is what its data frames carry to tell them apart:
   ``("l2Book", coin)``, ``("candle", coin, interval)``... One :class:`Route` per channel
   computes it both ways: from a subscription body (:meth:`Route.of_subscription`) and from a
   decoded message (:meth:`Route.of_message`), so the two sides cannot disagree. Parameters
   the frames do not echo (``nSigFigs``, ``mantissa``) are not in the route, so two
   subscriptions with one route and different identities cannot be told apart on one
   connection: the session refuses the second.
3. Channel names are not subscription types: ``user`` serves ``userEvents``;
   ``activeSpotAssetCtx`` serves ``activeAssetCtx``. That asymmetry is a column of the
   channel table (``_channels.CHANNELS``).
4. A GoldRush ``l2Book`` without ``coin`` routes as ``("l2Book", WILDCARD)``; every book frame
   carries that route besides its coin's, so the wildcard receives every coin.
5. User channels route by the lower-cased ``user`` (the server echoes addresses lower-cased):
   ``("userFills", user)``; ``clearinghouseState``, ``openOrders`` and ``twapStates`` add the
   dex (``""`` = main): ``("openOrders", user, dex)``; ``activeAssetData`` adds the coin.
   ``webData3`` finds its user at ``data.userState.user``. Flags the frames do not echo
   (``userFills.aggregateByTime``, ``spotState.ignorePortfolioMargin``) are not in the route,
   so the flagged and plain streams of one user are refused as indistinguishable (rule 2).
6. ``orderUpdates``, ``userEvents`` (channel ``user``) and ``notification`` frames carry no
   user (:data:`UNATTRIBUTED`): their route is the bare channel, so one connection serves one
   user of each. The session refuses a second user with an error that says why; the same
   user again is refcounted as usual.
7. Market-wide state: ``assetCtxs`` routes by dex (``""`` = main); ``spotAssetCtxs`` and
   ``allDexsAssetCtxs`` are singletons. GoldRush ``l4Book`` routes by coin.
8. GoldRush's batch channels (``l2BookDiff``, ``l2BookDiff2``, ``l4BookUpdates``,
   ``liquidationFills``, ``builderFills``, ``builderLiquidations``, ``allFills``) push one
   message per block mixing every coin (or wallet) of the subscription, and nothing in it
   tells two bodies apart: each routes as the bare channel, so one connection carries one
   body of each (a second is refused as indistinguishable, rule 2). Bodies are matched
   exactly, list order included, as GoldRush does: unsubscribe sends the subscribed body.
9. GoldRush's multi-wallet bodies (``addresses``, alias ``users``) on a user channel claim
   one route per wallet (:meth:`Route.of_subscriptions`): ``("userFills", a)``,
   ``("userFills", b)``; GoldRush's ``[address, fill]`` frames are split per wallet (see
   ``_channels``), so each wallet's messages reach the one subscription that lists it. Two
   bodies sharing a wallet cannot share a connection (their frames could not be told
   apart: rule 2). On a channel whose frames carry no user (``orderUpdates``), the list
   routes as the bare channel, like a single user (rule 6).
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "ADDRESS_FIELDS",
    "WALLET_LIST_FIELDS",
    "WILDCARD",
    "BookRoute",
    "FieldRoute",
    "Route",
    "RouteKey",
    "Routed",
    "SubscriptionKey",
    "normalise",
    "subscription_key",
]

RouteKey = tuple[str, ...]
SubscriptionKey = str

WILDCARD: Final = "*"
"""Route component of a subscription that receives every coin (GoldRush wildcard)."""

ADDRESS_FIELDS: Final = frozenset({"user"})
"""Body fields holding addresses; the server echoes them lower-cased."""

WALLET_LIST_FIELDS: Final = ("addresses", "users")
"""Body fields holding a list of addresses (GoldRush's multi-wallet bodies)."""


@attrs.frozen
class Routed:
    """One decoded message and the routes that receive it."""

    routes: tuple[RouteKey, ...]
    message: object


def normalise(body: Mapping[str, Any]) -> dict[str, Any]:
    """The body as the server sees it: no ``None`` values, addresses lower-cased."""
    out: dict[str, Any] = {}
    for name, value in body.items():
        if value is None:
            continue
        if name in ADDRESS_FIELDS and isinstance(value, str):
            value = value.lower()
        elif name in WALLET_LIST_FIELDS and isinstance(value, list):
            # Lower-cased, order kept: GoldRush matches the list exactly (rule 8).
            items: list[object] = cast("list[object]", value)
            value = [v.lower() if isinstance(v, str) else v for v in items]
        out[name] = value
    return out


def subscription_key(body: Mapping[str, Any]) -> SubscriptionKey:
    """The identity of a subscription body (rule 1)."""
    return json.dumps(normalise(body), sort_keys=True, separators=(",", ":"))


def _required(kind: str, name: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{kind} subscription needs a {name}")
    return value


# How each route field reads from a body (its wire name) and normalises: a missing coin or
# user is a malformed subscription; a missing dex is the main dex ("").
def _body_coin(kind: str, body: Mapping[str, Any]) -> str:
    coin = body.get("coin")
    if not isinstance(coin, str):
        raise ValueError(f"{kind} subscription needs a coin")
    return coin


def _body_user(kind: str, body: Mapping[str, Any]) -> str:
    return _required(kind, "user", body.get("user")).lower()


def _body_wallets(kind: str, body: Mapping[str, Any]) -> list[str] | None:
    """The lower-cased wallets of a multi-wallet body, or ``None`` for a single-user one."""
    for name in WALLET_LIST_FIELDS:
        value = body.get(name)
        if value is None:
            continue
        if not isinstance(value, list) or not value:
            raise ValueError(f"{kind} subscription: {name} must be a non-empty list")
        items: list[object] = cast("list[object]", value)
        return [_required(kind, name, v).lower() for v in items]
    return None


def _body_dex(_: str, body: Mapping[str, Any]) -> str:
    return str(body.get("dex") or "")


def _body_interval(_: str, body: Mapping[str, Any]) -> str:
    return str(body.get("interval"))


_BODY_FIELDS: Final[dict[str, Callable[[str, Mapping[str, Any]], str]]] = {
    "coin": _body_coin,
    "user": _body_user,
    "dex": _body_dex,
    "interval": _body_interval,
}

# The same fields read from a decoded message (users lower-cased as in the body).
_MESSAGE_FIELDS: Final[dict[str, Callable[[Any], str]]] = {
    "coin": lambda m: str(m.coin),
    "user": lambda m: str(m.user).lower(),
    "dex": lambda m: str(m.dex or ""),
    "interval": lambda m: str(m.interval),
}


class Route(ABC):
    """How the frames of one channel are told apart (rule 2), computed both ways."""

    __slots__ = ()

    @abstractmethod
    def of_subscription(self, body: Mapping[str, Any]) -> RouteKey:
        """The route of a subscription body.

        Raises:
            ValueError: a required field is missing or malformed.
        """

    @abstractmethod
    def of_message(self, message: Any) -> tuple[RouteKey, ...]:
        """Every route a decoded message feeds."""

    def of_subscriptions(self, body: Mapping[str, Any]) -> tuple[RouteKey, ...]:
        """Every route a subscription body claims: one, except a multi-wallet body (rule 9).

        Raises:
            ValueError: a required field is missing or malformed.
        """
        return (self.of_subscription(body),)


@attrs.frozen
class FieldRoute(Route):
    """``(kind, *fields)``: the route is the channel plus the values of ``fields``.

    Attributes:
        kind: the first component (the subscription type).
        fields: ``coin``, ``user``, ``dex`` or ``interval``, read from the body by wire name
            and from the message by attribute name.
        required: body fields that must be present though the frames do not echo them
            (rule 6: ``user`` on ``orderUpdates``, ``userEvents``, ``notification``).
        user_of: reads the user from a message that keeps it elsewhere (``webData3``).
    """

    kind: str
    fields: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    user_of: Callable[[Any], str] | None = None

    def of_subscription(self, body: Mapping[str, Any]) -> RouteKey:
        return self.of_subscriptions(body)[0]

    def of_subscriptions(self, body: Mapping[str, Any]) -> tuple[RouteKey, ...]:
        wallets = None
        if "user" in self.fields or "user" in self.required:
            wallets = _body_wallets(self.kind, body)
        if wallets is None:
            for name in self.required:
                _BODY_FIELDS[name](self.kind, body)
            return ((self.kind, *[_BODY_FIELDS[name](self.kind, body) for name in self.fields]),)
        others = {n: _BODY_FIELDS[n](self.kind, body) for n in self.fields if n != "user"}
        if "user" not in self.fields:  # frames without a user: the list routes whole
            return ((self.kind, *[others[n] for n in self.fields]),)
        return tuple(
            (self.kind, *[wallet if n == "user" else others[n] for n in self.fields])
            for wallet in wallets
        )

    def of_message(self, message: Any) -> tuple[RouteKey, ...]:
        values = [
            self.user_of(message).lower()
            if name == "user" and self.user_of is not None
            else _MESSAGE_FIELDS[name](message)
            for name in self.fields
        ]
        return ((self.kind, *values),)

    @property
    def unattributed(self) -> bool:
        """Frames carry no user although the subscription names one (rule 6)."""
        return "user" in self.required and "user" not in self.fields


@attrs.frozen
class BookRoute(Route):
    """``l2Book``: by coin, plus the coin-less wildcard (rule 4); ``fast`` books apart."""

    def of_subscription(self, body: Mapping[str, Any]) -> RouteKey:
        coin = body.get("coin")
        route: RouteKey = ("l2Book", coin if isinstance(coin, str) else WILDCARD)
        return (*route, "fast") if body.get("fast") else route

    def of_message(self, message: Any) -> tuple[RouteKey, ...]:
        return self.of_coin(message.coin, message.fast)

    @staticmethod
    def of_coin(coin: str, fast: bool) -> tuple[RouteKey, ...]:
        """The routes of a book of ``coin`` (also read from raw JSON before decoding)."""
        if fast:
            return (("l2Book", coin, "fast"), ("l2Book", WILDCARD, "fast"))
        return (("l2Book", coin), ("l2Book", WILDCARD))
