"""Subscription identity and routing rules, as data.

Rules (each has a parametrised test row in ``tests/protocol/test_keys.py``):

1. A subscription's *identity* (:func:`subscription_key`) is its body with ``None`` values
   dropped, addresses lower-cased and keys sorted. Two local subscriptions with the same
   identity share one wire subscription (refcounted by the session).
2. A subscription's *route* (:func:`subscription_route`) is what its data frames carry to tell
   them apart: ``("l2Book", coin)``, ``("candle", coin, interval)``... The route of a frame is
   computed from its ``data`` by :mod:`._channels`. Parameters the frames do not echo
   (``nSigFigs``, ``mantissa``) are not in the route, so two subscriptions with one route and
   different identities cannot be told apart on one connection: the session refuses the second.
3. Channel names are not subscription types: ``user`` serves ``userEvents``;
   ``activeSpotAssetCtx`` serves ``activeAssetCtx``. That asymmetry lives in ``_channels``.
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
   message per block that mixes every coin (or wallet) of the subscription, and nothing in
   it tells two bodies apart: each routes as the bare channel, so one connection carries one
   body of each (refused as indistinguishable otherwise, rule 2). Bodies are matched
   exactly, list order included, as GoldRush does: unsubscribe sends the subscribed body.
9. GoldRush's multi-wallet ``userFills`` (``addresses`` / ``users``) routes as
   ``("userFills", WILDCARD)``; its ``[address, fill]`` frames also feed each single-wallet
   ``("userFills", user)`` route.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "ADDRESS_FIELDS",
    "GOLDRUSH_BATCH_CHANNELS",
    "UNATTRIBUTED",
    "WILDCARD",
    "RouteKey",
    "SubscriptionKey",
    "normalise",
    "subscription_key",
    "subscription_route",
]

RouteKey = tuple[str, ...]
SubscriptionKey = str

WILDCARD: Final = "*"
"""Route component of a subscription that receives every coin (GoldRush wildcard)."""

ADDRESS_FIELDS: Final = frozenset({"user"})
"""Body fields holding addresses; the server echoes them lower-cased."""

UNATTRIBUTED: Final = frozenset({"orderUpdates", "userEvents", "notification"})
"""Subscription types whose frames carry no user (rule 6)."""


def normalise(body: Mapping[str, Any]) -> dict[str, Any]:
    """The body as the server sees it: no ``None`` values, addresses lower-cased."""
    out: dict[str, Any] = {}
    for name, value in body.items():
        if value is None:
            continue
        if name in ADDRESS_FIELDS and isinstance(value, str):
            value = value.lower()
        out[name] = value
    return out


def subscription_key(body: Mapping[str, Any]) -> SubscriptionKey:
    """The identity of a subscription body (rule 1)."""
    return json.dumps(normalise(body), sort_keys=True, separators=(",", ":"))


def _coin(body: Mapping[str, Any]) -> str:
    coin = body.get("coin")
    if not isinstance(coin, str):
        raise ValueError(f"{body.get('type')} subscription needs a coin")
    return coin


def _l2_book(body: Mapping[str, Any]) -> RouteKey:
    coin = body.get("coin")
    route: RouteKey = ("l2Book", coin if isinstance(coin, str) else WILDCARD)
    return (*route, "fast") if body.get("fast") else route


def _user_fills(body: Mapping[str, Any]) -> RouteKey:
    if body.get("addresses") is not None or body.get("users") is not None:
        return ("userFills", WILDCARD)
    return ("userFills", _user(body))


GOLDRUSH_BATCH_CHANNELS: Final = frozenset(
    {
        "l2BookDiff",
        "l2BookDiff2",
        "l4BookUpdates",
        "liquidationFills",
        "builderFills",
        "builderLiquidations",
        "allFills",
    }
)
"""Rule 8: GoldRush channels routed as the bare channel."""


def _bare(kind: str) -> Callable[[Mapping[str, Any]], RouteKey]:
    route: RouteKey = (kind,)
    return lambda _: route


def _user(body: Mapping[str, Any]) -> str:
    user = body.get("user")
    if not isinstance(user, str) or not user:
        raise ValueError(f"{body.get('type')} subscription needs a user")
    return user.lower()


def _dex(body: Mapping[str, Any]) -> str:
    return str(body.get("dex") or "")


def _by_user(kind: str) -> Callable[[Mapping[str, Any]], RouteKey]:
    return lambda b: (kind, _user(b))


def _by_user_dex(kind: str) -> Callable[[Mapping[str, Any]], RouteKey]:
    return lambda b: (kind, _user(b), _dex(b))


def _unattributed(kind: str) -> Callable[[Mapping[str, Any]], RouteKey]:
    def route(body: Mapping[str, Any]) -> RouteKey:
        _user(body)  # required in the body, absent from the frames
        return (kind,)

    return route


_SUBSCRIPTION_ROUTES: Final[dict[str, Callable[[Mapping[str, Any]], RouteKey]]] = {
    "l2Book": _l2_book,
    "trades": lambda b: ("trades", _coin(b)),
    "bbo": lambda b: ("bbo", _coin(b)),
    "candle": lambda b: ("candle", _coin(b), str(b.get("interval"))),
    "allMids": lambda b: ("allMids", _dex(b)),
    "activeAssetCtx": lambda b: ("activeAssetCtx", _coin(b)),
    # rule 5: user channels
    "webData2": _by_user("webData2"),
    "webData3": _by_user("webData3"),
    "userFills": _user_fills,
    "userFundings": _by_user("userFundings"),
    "userNonFundingLedgerUpdates": _by_user("userNonFundingLedgerUpdates"),
    "userTwapSliceFills": _by_user("userTwapSliceFills"),
    "userTwapHistory": _by_user("userTwapHistory"),
    "userHistoricalOrders": _by_user("userHistoricalOrders"),
    "spotState": _by_user("spotState"),
    "allDexsClearinghouseState": _by_user("allDexsClearinghouseState"),
    "clearinghouseState": _by_user_dex("clearinghouseState"),
    "openOrders": _by_user_dex("openOrders"),
    "twapStates": _by_user_dex("twapStates"),
    "activeAssetData": lambda b: ("activeAssetData", _user(b), _coin(b)),
    # rule 6: no user in the frames
    "orderUpdates": _unattributed("orderUpdates"),
    "userEvents": _unattributed("userEvents"),
    "notification": _unattributed("notification"),
    # rule 7: market-wide state, GoldRush l4Book
    "assetCtxs": lambda b: ("assetCtxs", _dex(b)),
    "spotAssetCtxs": lambda b: ("spotAssetCtxs",),
    "allDexsAssetCtxs": lambda b: ("allDexsAssetCtxs",),
    "l4Book": lambda b: ("l4Book", _coin(b)),
    # rule 8: GoldRush batch channels
    **{kind: _bare(kind) for kind in GOLDRUSH_BATCH_CHANNELS},
}


def subscription_route(body: Mapping[str, Any]) -> RouteKey:
    """The route of a subscription body (rule 2).

    Raises:
        ValueError: unknown subscription type or a missing required field.
    """
    kind = body.get("type")
    rule = _SUBSCRIPTION_ROUTES.get(kind) if isinstance(kind, str) else None
    if rule is None:
        raise ValueError(f"unknown subscription type {kind!r}")
    return rule(body)
