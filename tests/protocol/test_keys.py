"""Routing rules of the sans-IO core, one parametrised row per rule."""

from __future__ import annotations

from typing import Any

import pytest

from trio_hl._protocol._channels import decode_channel
from trio_hl._protocol._keys import WILDCARD, subscription_key, subscription_route
from trio_hl.errors import DecodeError
from trio_hl.testing import l2_book_data, trade_data


@pytest.mark.parametrize(
    ("body", "route"),
    [
        ({"type": "l2Book", "coin": "BTC"}, ("l2Book", "BTC")),
        ({"type": "l2Book", "coin": "BTC", "nSigFigs": 5}, ("l2Book", "BTC")),
        ({"type": "l2Book"}, ("l2Book", WILDCARD)),
        ({"type": "l2Book", "coin": "BTC", "fast": True}, ("l2Book", "BTC", "fast")),
        ({"type": "trades", "coin": "ETH"}, ("trades", "ETH")),
        ({"type": "bbo", "coin": "SOL"}, ("bbo", "SOL")),
        ({"type": "candle", "coin": "BTC", "interval": "1m"}, ("candle", "BTC", "1m")),
        ({"type": "allMids"}, ("allMids", "")),
        ({"type": "allMids", "dex": "test"}, ("allMids", "test")),
        ({"type": "activeAssetCtx", "coin": "@1"}, ("activeAssetCtx", "@1")),
    ],
)
def test_subscription_route(body: dict[str, Any], route: tuple[str, ...]) -> None:
    assert subscription_route(body) == route


@pytest.mark.parametrize(
    "body", [{"type": "nope"}, {"type": "trades"}, {"coin": "BTC"}, {"type": "bbo", "coin": 3}]
)
def test_subscription_route_rejects_malformed(body: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="subscription"):
        subscription_route(body)


def test_key_normalises_nones_addresses_and_order() -> None:
    a = subscription_key({"type": "userFills", "user": "0xABCDEF" + "0" * 34, "x": None})
    b = subscription_key({"user": "0xabcdef" + "0" * 34, "type": "userFills"})
    assert a == b


@pytest.mark.parametrize(
    ("channel", "data", "routes"),
    [
        ("l2Book", l2_book_data("BTC", levels=1), [(("l2Book", "BTC"), ("l2Book", WILDCARD))]),
        (
            "l2Book",
            [l2_book_data("BTC", levels=1), l2_book_data("ETH", levels=1)],
            [
                (("l2Book", "BTC"), ("l2Book", WILDCARD)),
                (("l2Book", "ETH"), ("l2Book", WILDCARD)),
            ],
        ),
        (
            "l2Book",
            {**l2_book_data("BTC", levels=1), "fast": True},
            [(("l2Book", "BTC", "fast"), ("l2Book", WILDCARD, "fast"))],
        ),
        ("trades", [trade_data("ETH")], [(("trades", "ETH"),)]),
        ("trades", [], []),
        (
            "activeSpotAssetCtx",
            {
                "coin": "@1",
                "ctx": {
                    "prevDayPx": "5.2",
                    "dayNtlVlm": "1",
                    "markPx": "5.3",
                    "midPx": None,
                    "circulatingSupply": "1",
                    "coin": "@1",
                    "totalSupply": "2",
                    "dayBaseVlm": "3",
                },
            },
            [(("activeAssetCtx", "@1"),)],
        ),
        ("allMids", {"mids": {"BTC": "1"}}, [(("allMids", ""),)]),
        ("allMids", {"mids": {"X:Y": "1"}, "dex": "X"}, [(("allMids", "X"),)]),
    ],
)
def test_frame_routes(channel: str, data: Any, routes: list[tuple[tuple[str, ...], ...]]) -> None:
    routed = decode_channel(channel, data)
    assert routed is not None
    assert [item.routes for item in routed] == routes


def test_unknown_channel_is_not_an_error() -> None:
    assert decode_channel("somethingNew", {"a": 1}) is None


def test_malformed_data_names_the_channel() -> None:
    with pytest.raises(DecodeError, match="'bbo'") as info:
        decode_channel("bbo", {"coin": "BTC", "time": "soon", "bbo": [None, None]})
    assert info.value.channel == "bbo"
