"""One valid ``(channel, data)`` sample of every data channel, for fuzzing and equivalence
tests: mutating a valid frame reaches much deeper into a decoder than random JSON does."""

from __future__ import annotations

import json
from typing import Any

from tests.protocol.test_l4_models import SNAPSHOT_FRAME, UPDATES_FRAME
from tests.user_frames import (
    ALICE,
    BOB,
    PERP_CTX,
    SPOT_CTX,
    clearinghouse,
    order_updates,
    user_frame,
)
from trio_hl._protocol._channels import CHANNELS
from trio_hl.testing import l2_book_data, trade_data

USER_CHANNELS = (
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
    "clearinghouseState",
    "openOrders",
    "twapStates",
    "activeAssetData",
)


def samples() -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = [
        ("l2Book", l2_book_data("BTC", levels=3)),
        ("l2Book", {**l2_book_data("ETH", levels=2), "block_height": 7, "spread": "1"}),
        ("l2Book", [l2_book_data("BTC", levels=2), l2_book_data("SOL", levels=2)]),
        ("trades", [trade_data("BTC"), trade_data("BTC", tid=2)]),
        (
            "candle",
            {
                "t": 1,
                "T": 2,
                "s": "BTC",
                "i": "1m",
                "o": "1",
                "c": "2",
                "h": "3",
                "l": "0.5",
                "v": "10",
                "n": 4,
            },
        ),
        ("bbo", {"coin": "BTC", "time": 1, "bbo": [{"px": "1", "sz": "2", "n": 1}, None]}),
        ("allMids", {"mids": {"BTC": "1", "ETH": "2"}}),
        ("activeAssetCtx", {"coin": "BTC", "ctx": dict(PERP_CTX)}),
        ("activeSpotAssetCtx", {"coin": "@1", "ctx": dict(SPOT_CTX)}),
        ("orderUpdates", order_updates()),
        ("user", {"nonUserCancel": [{"coin": "BTC", "oid": 1}]}),
        ("notification", {"notification": "hi"}),
        ("assetCtxs", {"dex": "", "ctxs": [dict(PERP_CTX)]}),
        ("spotAssetCtxs", [dict(SPOT_CTX)]),
        ("allDexsAssetCtxs", {"ctxs": [["", [dict(PERP_CTX)]]]}),
        ("l4Book", json.loads(SNAPSHOT_FRAME)["data"]),
        ("l4Book", json.loads(UPDATES_FRAME)["data"]),
        ("clearinghouseState", {"dex": "x", "user": BOB, "clearinghouseState": clearinghouse()}),
    ]
    out.extend(user_frame(channel, ALICE) for channel in USER_CHANNELS)
    return out


SAMPLES = samples()
FRAME_CHANNELS = {c for row in CHANNELS.values() for c in (row.frame_channel, *row.also)}
assert {channel for channel, _ in SAMPLES} == FRAME_CHANNELS, "a channel has no sample"
