"""Channel names on the command line -> subscription requests.

The names are the wire's subscription ``type`` (``l2Book``, ``trades``, ``userFills``...);
each takes the options its request has (``--coin``, ``--user``, ``--interval``, ``--dex``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from ..errors import ConfigurationError
from ..models import subscriptions as subs
from ._options import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["CHANNELS", "requests_for"]

CHANNELS: Final[dict[str, type[subs.SubscriptionRequest[Any]]]] = {
    "l2Book": subs.L2BookSubscription,
    "trades": subs.TradesSubscription,
    "bbo": subs.BboSubscription,
    "candle": subs.CandleSubscription,
    "allMids": subs.AllMidsSubscription,
    "activeAssetCtx": subs.ActiveAssetCtxSubscription,
    "assetCtxs": subs.AssetCtxsSubscription,
    "spotAssetCtxs": subs.SpotAssetCtxsSubscription,
    "allDexsAssetCtxs": subs.AllDexsAssetCtxsSubscription,
    "l4Book": subs.L4BookSubscription,
    "notification": subs.NotificationSubscription,
    "webData2": subs.WebData2Subscription,
    "webData3": subs.WebData3Subscription,
    "orderUpdates": subs.OrderUpdatesSubscription,
    "userEvents": subs.UserEventsSubscription,
    "userFills": subs.UserFillsSubscription,
    "userFundings": subs.UserFundingsSubscription,
    "userNonFundingLedgerUpdates": subs.UserNonFundingLedgerUpdatesSubscription,
    "activeAssetData": subs.ActiveAssetDataSubscription,
    "userTwapSliceFills": subs.UserTwapSliceFillsSubscription,
    "userTwapHistory": subs.UserTwapHistorySubscription,
    "clearinghouseState": subs.ClearinghouseStateSubscription,
    "openOrders": subs.OpenOrdersSubscription,
    "spotState": subs.SpotStateSubscription,
    "twapStates": subs.TwapStatesSubscription,
    "allDexsClearinghouseState": subs.AllDexsClearinghouseStateSubscription,
    "userHistoricalOrders": subs.UserHistoricalOrdersSubscription,
}


def _fields(cls: type[Any]) -> dict[str, bool]:
    """Field name -> required. The CLI follows one wallet: where a class takes ``user=`` or
    GoldRush's ``addresses=``, it needs ``--user``."""
    names = {f.name for f in attrs.fields(cls)}
    return {
        f.name: f.default is attrs.NOTHING or (f.name == "user" and "addresses" in names)
        for f in attrs.fields(cls)
        if f.name != "addresses"
    }


def requests_for(
    channel: str,
    *,
    coins: list[str] | None = None,
    user: str | None = None,
    interval: str | None = None,
    dex: str | None = None,
    coins_if_taken: bool = False,
) -> list[subs.SubscriptionRequest[Any]]:
    """One request per coin (or one without a coin).

    With ``coins_if_taken``, a channel without a coin ignores ``coins`` (recording
    ``l2Book allMids --coin BTC``).

    Raises:
        UsageError: an unknown channel, a missing or superfluous option, a bad value.
    """
    cls = CHANNELS.get(channel)
    if cls is None:
        close = [name for name in CHANNELS if name.lower() == channel.lower()]
        hint = f"; did you mean {close[0]}?" if close else f" (one of: {', '.join(CHANNELS)})"
        raise UsageError(f"unknown channel {channel!r}{hint}")
    fields = _fields(cls)
    if coins_if_taken and "coin" not in fields:
        coins = None
    given = {"user": user, "interval": interval, "dex": dex}
    common: dict[str, Any] = {}
    for name, value in given.items():
        if value is None:
            continue
        if name not in fields:
            raise UsageError(f"{channel} takes no --{name}")
        common[name] = value
    for name, required in fields.items():
        if required and name != "coin" and name not in common:
            raise UsageError(f"{channel} needs --{name}")
    if coins and "coin" not in fields:
        raise UsageError(f"{channel} takes no --coin")
    if not coins and fields.get("coin"):
        raise UsageError(f"{channel} needs --coin")
    make = cast("Callable[..., subs.SubscriptionRequest[Any]]", cls)
    try:
        if coins:
            return [make(coin=coin, **common) for coin in dict.fromkeys(coins)]
        return [make(**common)]
    except ConfigurationError as exc:
        raise UsageError(f"{channel}: {exc}") from None
