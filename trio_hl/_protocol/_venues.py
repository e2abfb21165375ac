"""Which server serves what: the networks rule, as data.

Two servers speak this protocol and serve different things. Subscribing to something the
server does not serve is not refused by either of them: the subscription is acknowledged (or
ignored) and nothing ever arrives, so a user waits forever. The client refuses it instead,
before anything is sent, with :class:`~trio_hl.errors.SubscriptionError`:

1. On Hyperliquid (``MAINNET``, ``TESTNET``), a GoldRush-only subscription: one of the
   :data:`GOLDRUSH_ONLY_TYPES`, a coin-less ``l2Book`` (GoldRush's wildcard), ``marketTypes``,
   or a multi-wallet body (``addresses`` / ``users``).
2. On GoldRush, a channel outside :data:`GOLDRUSH_SERVED_TYPES`: GoldRush serves only the
   channels it documents (its WebSocket overview and API reference, 2026; see
   ``docs/goldrush.md``).
3. A ``custom`` network (a proxy, a local node) is checked against neither.

The same holds for info types: :data:`GOLDRUSH_ONLY_INFO_TYPES` exist only on GoldRush (sent
to Hyperliquid they fail with an unhelpful 422), and GoldRush answers a type it does not
serve with HTTP 400 ``unsupported_type`` (see :mod:`trio_hl._http`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal

from ..errors import ConfigurationError, SubscriptionError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

__all__ = [
    "GOLDRUSH_INFO_TYPES",
    "GOLDRUSH_ONLY_INFO_TYPES",
    "GOLDRUSH_ONLY_TYPES",
    "GOLDRUSH_SERVED_TYPES",
    "Venue",
    "check_info_venue",
    "check_subscription_venue",
    "goldrush_only_reason",
]

Venue = Literal["hyperliquid", "goldrush", "any"]
"""What a network's server is: Hyperliquid's, GoldRush's, or unknown (no checks)."""

GOLDRUSH_ONLY_TYPES: Final = frozenset(
    {
        "l2BookDiff",
        "l2BookDiff2",
        "l4Book",
        "l4BookUpdates",
        "liquidationFills",
        "builderFills",
        "builderLiquidations",
        "allFills",
    }
)
"""Subscription types with no ``api.hyperliquid.xyz`` equivalent."""

GOLDRUSH_SERVED_TYPES: Final = GOLDRUSH_ONLY_TYPES | frozenset(
    {"l2Book", "userFills", "orderUpdates", "userNonFundingLedgerUpdates"}
)
"""Every subscription type GoldRush's WebSocket documents (and so serves)."""

_MULTI_WALLET: Final = frozenset({"addresses", "users"})

GOLDRUSH_ONLY_INFO_TYPES: Final = frozenset(
    {
        "batchClearinghouseState",
        "batchSpotClearinghouseState",
        "builderFills",
        "builderFillsByTime",
        "l2BookDiffSnapshot",
        "l4BookSnapshot",
    }
)
"""Info types only GoldRush's ``/info`` answers."""

GOLDRUSH_INFO_TYPES: Final = GOLDRUSH_ONLY_INFO_TYPES | frozenset(
    {
        "metaAndAssetCtxs",
        "spotMetaAndAssetCtxs",
        "outcomeMeta",
        "settledOutcome",
        "clearinghouseState",
        "spotClearinghouseState",
        "frontendOpenOrders",
        "subAccounts",
        "webData2",
        "userFills",
        "userFillsByTime",
        "userTwapSliceFills",
        "userTwapSliceFillsByTime",
        "userFunding",
        "userNonFundingLedgerUpdates",
        "userVaultEquities",
        "delegatorSummary",
        "delegatorHistory",
        "delegatorRewards",
        "candleSnapshot",
    }
)
"""Info types GoldRush's pages name as served (its overview counts a few more than it lists;
an unlisted type is still sent, and GoldRush's ``unsupported_type`` reply settles it)."""


def goldrush_only_reason(body: Mapping[str, Any]) -> str | None:
    """Why a subscription body is GoldRush-only, or ``None`` when Hyperliquid serves it."""
    kind = body.get("type")
    if kind in GOLDRUSH_ONLY_TYPES:
        return f"{kind} is a GoldRush-native channel"
    if kind == "l2Book" and body.get("coin") is None:
        return "l2Book without a coin (every coin on one subscription) is GoldRush's wildcard"
    if "marketTypes" in body:
        return "marketTypes is a GoldRush parameter"
    wallets = _MULTI_WALLET.intersection(body)
    if wallets:
        return f"{kind} with {sorted(wallets)[0]}= (several wallets) is a GoldRush body"
    return None


def check_subscription_venue(venue: Venue, body: Mapping[str, Any]) -> None:
    """Refuse a subscription the network's server does not serve (rules 1 and 2).

    Raises:
        SubscriptionError: it would be sent and never answered.
    """
    if venue == "any":
        return
    kind = body.get("type")
    if venue == "goldrush":
        if kind not in GOLDRUSH_SERVED_TYPES:
            served = ", ".join(sorted(GOLDRUSH_SERVED_TYPES))
            raise SubscriptionError(
                f"GoldRush does not serve {kind} subscriptions (it serves {served}): the "
                "subscription would be acknowledged and nothing would ever arrive. Use a "
                "Hyperliquid network (MAINNET) for it"
            )
        return
    reason = goldrush_only_reason(body)
    if reason is not None:
        raise SubscriptionError(
            f"{reason}: Hyperliquid does not serve it, so nothing would ever arrive. Use "
            "goldrush(key) for it"
        )


def check_info_venue(venue: Venue, body: Mapping[str, Any]) -> None:
    """Refuse a GoldRush-native info request on a Hyperliquid network.

    Raises:
        ConfigurationError: the request is GoldRush-only and the network is Hyperliquid's.
    """
    kind = body.get("type")
    if venue == "hyperliquid" and kind in GOLDRUSH_ONLY_INFO_TYPES:
        raise ConfigurationError(
            f"info {kind!r} is served only by GoldRush's Info API: use goldrush(key)"
        )
