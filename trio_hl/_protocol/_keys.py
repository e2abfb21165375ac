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
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "ADDRESS_FIELDS",
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


_SUBSCRIPTION_ROUTES: Final[dict[str, Callable[[Mapping[str, Any]], RouteKey]]] = {
    "l2Book": _l2_book,
    "trades": lambda b: ("trades", _coin(b)),
    "bbo": lambda b: ("bbo", _coin(b)),
    "candle": lambda b: ("candle", _coin(b), str(b.get("interval"))),
    "allMids": lambda b: ("allMids", str(b.get("dex") or "")),
    "activeAssetCtx": lambda b: ("activeAssetCtx", _coin(b)),
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
