"""Routing rules of the sans-IO core, one parametrised row per rule."""

from __future__ import annotations

from typing import Any

import pytest

from trio_hl._protocol._channels import decode_channel, subscription_route
from trio_hl._protocol._keys import WILDCARD, subscription_key
from trio_hl.errors import DecodeError
from trio_hl.testing import l2_book_data, trade_data

from ..user_frames import (
    BOB,
    PERP_CTX,
    SPOT_CTX,
    ZERO,
    clearinghouse,
    order_updates,
    user_frame,
)

CHECKSUMMED = "0xA62B923A112D50D03E1E096BBD53422490DAC104"
ALICE = CHECKSUMMED.lower()


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
        # rule 5: user channels by lower-cased user (+ dex or coin)
        ({"type": "webData2", "user": CHECKSUMMED}, ("webData2", ALICE)),
        ({"type": "webData3", "user": ALICE}, ("webData3", ALICE)),
        ({"type": "userFills", "user": ALICE}, ("userFills", ALICE)),
        (
            {"type": "userFills", "user": ALICE, "aggregateByTime": True},
            ("userFills", ALICE),
        ),
        ({"type": "userFundings", "user": ALICE}, ("userFundings", ALICE)),
        (
            {"type": "userNonFundingLedgerUpdates", "user": ALICE},
            ("userNonFundingLedgerUpdates", ALICE),
        ),
        ({"type": "userTwapSliceFills", "user": ALICE}, ("userTwapSliceFills", ALICE)),
        ({"type": "userTwapHistory", "user": ALICE}, ("userTwapHistory", ALICE)),
        ({"type": "userHistoricalOrders", "user": ALICE}, ("userHistoricalOrders", ALICE)),
        ({"type": "spotState", "user": ALICE}, ("spotState", ALICE)),
        (
            {"type": "spotState", "user": ALICE, "ignorePortfolioMargin": True},
            ("spotState", ALICE),
        ),
        (
            {"type": "allDexsClearinghouseState", "user": ALICE},
            ("allDexsClearinghouseState", ALICE),
        ),
        ({"type": "clearinghouseState", "user": ALICE}, ("clearinghouseState", ALICE, "")),
        (
            {"type": "clearinghouseState", "user": ALICE, "dex": "xyz"},
            ("clearinghouseState", ALICE, "xyz"),
        ),
        ({"type": "openOrders", "user": CHECKSUMMED}, ("openOrders", ALICE, "")),
        ({"type": "twapStates", "user": ALICE, "dex": "xyz"}, ("twapStates", ALICE, "xyz")),
        (
            {"type": "activeAssetData", "user": ALICE, "coin": "ETH"},
            ("activeAssetData", ALICE, "ETH"),
        ),
        # rule 6: no user in the frames
        ({"type": "orderUpdates", "user": ALICE}, ("orderUpdates",)),
        ({"type": "userEvents", "user": ALICE}, ("userEvents",)),
        ({"type": "notification", "user": ALICE}, ("notification",)),
        # rule 7: market-wide state, GoldRush l4Book
        ({"type": "assetCtxs"}, ("assetCtxs", "")),
        ({"type": "assetCtxs", "dex": "xyz"}, ("assetCtxs", "xyz")),
        ({"type": "spotAssetCtxs"}, ("spotAssetCtxs",)),
        ({"type": "allDexsAssetCtxs"}, ("allDexsAssetCtxs",)),
        ({"type": "l4Book", "coin": "BTC"}, ("l4Book", "BTC")),
    ],
)
def test_subscription_route(body: dict[str, Any], route: tuple[str, ...]) -> None:
    assert subscription_route(body) == route


@pytest.mark.parametrize(
    "body",
    [
        {"type": "nope"},
        {"type": "trades"},
        {"coin": "BTC"},
        {"type": "bbo", "coin": 3},
        {"type": "userFills"},
        {"type": "orderUpdates", "user": ""},
        {"type": "activeAssetData", "user": ALICE},
        {"type": "l4Book"},
    ],
)
def test_subscription_route_rejects_malformed(body: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="subscription"):
        subscription_route(body)


def test_key_normalises_nones_addresses_and_order() -> None:
    a = subscription_key({"type": "userFills", "user": "0xABCDEF" + "0" * 34, "x": None})
    b = subscription_key({"user": "0xabcdef" + "0" * 34, "type": "userFills"})
    assert a == b


ROUTING_CASES: list[tuple[str, Any, list[Any]]] = [
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
    # rule 5: user frames route by (lower-cased) user, + dex or coin
    *[
        (channel, user_frame(channel, ALICE)[1], [((channel, ALICE),)])
        for channel in (
            "webData2",
            "webData3",
            "userFills",
            "userFundings",
            "userNonFundingLedgerUpdates",
            "userTwapSliceFills",
            "userTwapHistory",
            "userHistoricalOrders",
            "spotState",
            "allDexsClearinghouseState",
        )
    ],
    (
        "userFills",
        {"user": CHECKSUMMED, "fills": []},
        [(("userFills", ALICE),)],
    ),
    (
        "clearinghouseState",
        {"dex": "xyz", "user": BOB, "clearinghouseState": clearinghouse()},
        [(("clearinghouseState", BOB, "xyz"),)],
    ),
    ("openOrders", user_frame("openOrders", BOB)[1], [(("openOrders", BOB, ""),)]),
    ("twapStates", user_frame("twapStates", ZERO)[1], [(("twapStates", ZERO, ""),)]),
    (
        "activeAssetData",
        user_frame("activeAssetData", BOB)[1],
        [(("activeAssetData", BOB, "BTC"),)],
    ),
    # rule 6: no user in the frames; channel "user" serves userEvents
    ("orderUpdates", order_updates(), [(("orderUpdates",),)]),
    ("orderUpdates", [], []),
    ("user", {"nonUserCancel": [{"coin": "BTC", "oid": 1}]}, [(("userEvents",),)]),
    ("notification", {"notification": "hi"}, [(("notification",),)]),
    # rule 7: market-wide state, GoldRush l4Book
    ("assetCtxs", {"dex": "", "ctxs": [PERP_CTX]}, [(("assetCtxs", ""),)]),
    ("assetCtxs", {"dex": "xyz", "ctxs": []}, [(("assetCtxs", "xyz"),)]),
    ("spotAssetCtxs", [SPOT_CTX], [(("spotAssetCtxs",),)]),
    ("allDexsAssetCtxs", {"ctxs": [["", [PERP_CTX]]]}, [(("allDexsAssetCtxs",),)]),
    (
        "l4Book",
        {"Snapshot": {"coin": "ETH", "time": 1, "block_height": 7, "levels": [[], []]}},
        [(("l4Book", "ETH"),)],
    ),
    (
        "l4Book",
        {
            "Updates": {
                "time": 2,
                "block_height": 8,
                "order_statuses": [],
                "book_diffs": [
                    {
                        "user": BOB,
                        "oid": 1,
                        "px": "10",
                        "coin": "ETH",
                        "raw_book_diff": "remove",
                    }
                ],
            }
        },
        [(("l4Book", "ETH"),)],
    ),
    (
        "l4Book",
        {"Updates": {"time": 2, "block_height": 8, "order_statuses": [], "book_diffs": []}},
        [],
    ),
]


@pytest.mark.parametrize(
    ("channel", "data", "routes"),
    ROUTING_CASES,
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
