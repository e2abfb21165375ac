"""Channel table: how each server ``channel`` decodes into models and which routes it feeds.

A data frame is ``{"channel": name, "data": ...}``. For each channel, one decoder turns
``data`` into zero or more :class:`Routed` items: the typed message plus every route it
belongs to (see :mod:`._keys`). Decoding happens once per frame, whatever the number of
local consumers. Structure hooks are looked up once, here, not per frame.

Routing asymmetries handled here, each tested:

* ``activeSpotAssetCtx`` frames serve the ``activeAssetCtx`` subscription of a spot coin;
* ``l2Book`` frames also feed the coin-less wildcard route, and a frame whose ``data`` is a
  list of books (a batch) is split into one message per coin;
* an empty ``trades`` list has no coin, routes nowhere and yields nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

import attrs
from cattrs.errors import BaseValidationError

from .._convert import CONVERTER
from ..errors import DecodeError
from ..models.market import (
    ActiveAssetCtx,
    ActiveSpotAssetCtx,
    AllMids,
    Bbo,
    Candle,
    L2Book,
    Trade,
    Trades,
)
from ._keys import WILDCARD, RouteKey

__all__ = ["CHANNEL_DECODERS", "Routed", "decode_channel"]

T = TypeVar("T")


@attrs.frozen
class Routed:
    """One decoded message and the routes that receive it."""

    routes: tuple[RouteKey, ...]
    message: object


def _hook(cls: type[T]) -> Callable[[Any], T]:
    hook = CONVERTER.get_structure_hook(cls)

    def structure(data: Any) -> T:
        return hook(data, cls)  # type: ignore[no-any-return]

    return structure


_l2_book = _hook(L2Book)
_trade = _hook(Trade)
_candle = _hook(Candle)
_bbo = _hook(Bbo)
_all_mids = _hook(AllMids)
_active_ctx = _hook(ActiveAssetCtx)
_active_spot_ctx = _hook(ActiveSpotAssetCtx)


def _mapping(data: Any) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise TypeError(f"expected an object, got {type(data).__name__}")
    return data


def _decode_l2_book(data: Any) -> list[Routed]:
    books = data if isinstance(data, list) else [data]
    out: list[Routed] = []
    for raw in books:
        book = _l2_book(_mapping(raw))
        if book.fast:
            routes: tuple[RouteKey, ...] = (
                ("l2Book", book.coin, "fast"),
                ("l2Book", WILDCARD, "fast"),
            )
        else:
            routes = (("l2Book", book.coin), ("l2Book", WILDCARD))
        out.append(Routed(routes, book))
    return out


def _decode_trades(data: Any) -> list[Routed]:
    if not isinstance(data, list):
        raise TypeError(f"expected a list of trades, got {type(data).__name__}")
    if not data:
        return []
    trades = tuple(_trade(item) for item in data)
    coin = trades[0].coin
    return [Routed((("trades", coin),), Trades(coin=coin, trades=trades))]


def _decode_candle(data: Any) -> list[Routed]:
    candle = _candle(_mapping(data))
    return [Routed((("candle", candle.coin, candle.interval),), candle)]


def _decode_bbo(data: Any) -> list[Routed]:
    bbo = _bbo(_mapping(data))
    return [Routed((("bbo", bbo.coin),), bbo)]


def _decode_all_mids(data: Any) -> list[Routed]:
    mids = _all_mids(_mapping(data))
    return [Routed((("allMids", mids.dex or ""),), mids)]


def _decode_active_ctx(data: Any) -> list[Routed]:
    ctx = _active_ctx(_mapping(data))
    return [Routed((("activeAssetCtx", ctx.coin),), ctx)]


def _decode_active_spot_ctx(data: Any) -> list[Routed]:
    ctx = _active_spot_ctx(_mapping(data))
    return [Routed((("activeAssetCtx", ctx.coin),), ctx)]


CHANNEL_DECODERS: Final[dict[str, Callable[[Any], list[Routed]]]] = {
    "l2Book": _decode_l2_book,
    "trades": _decode_trades,
    "candle": _decode_candle,
    "bbo": _decode_bbo,
    "allMids": _decode_all_mids,
    "activeAssetCtx": _decode_active_ctx,
    "activeSpotAssetCtx": _decode_active_spot_ctx,
}


def _describe(exc: BaseException) -> str:
    if isinstance(exc, BaseValidationError):
        leaves = exc.exceptions
        return "; ".join(_describe(e) for e in leaves[:3])
    return str(exc) or type(exc).__name__


def decode_channel(channel: str, data: Any) -> list[Routed] | None:
    """Decode the ``data`` of a data frame.

    Returns:
        The routed messages, or ``None`` for a channel this client does not know.

    Raises:
        DecodeError: the data does not match the channel's model (names the channel).
    """
    decoder = CHANNEL_DECODERS.get(channel)
    if decoder is None:
        return None
    try:
        return decoder(data)
    except (BaseValidationError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise DecodeError(_describe(exc), channel=channel) from exc
