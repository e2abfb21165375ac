"""Factories for realistic server ``data`` payloads, for tests and examples."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

__all__ = ["l2_book_data", "trade_data"]


def l2_book_data(
    coin: str = "BTC",
    *,
    mid: Decimal | str = "108250",
    levels: int = 20,
    tick: Decimal | str = "1",
    time: int = 1751206166616,
) -> dict[str, Any]:
    """An ``l2Book`` data object: ``levels`` levels a side around ``mid``."""
    mid_d, tick_d = Decimal(mid), Decimal(tick)
    bids = [
        {"px": str(mid_d - tick_d * (i + 1)), "sz": str(Decimal("0.1") * (i + 1)), "n": i + 1}
        for i in range(levels)
    ]
    asks = [
        {"px": str(mid_d + tick_d * (i + 1)), "sz": str(Decimal("0.2") * (i + 1)), "n": i + 1}
        for i in range(levels)
    ]
    return {"coin": coin, "time": time, "levels": [bids, asks]}


def trade_data(
    coin: str = "BTC", *, tid: int = 455478288652533, px: str = "109572.0", sz: str = "0.00023"
) -> dict[str, Any]:
    """One element of a ``trades`` data list."""
    return {
        "coin": coin,
        "side": "B",
        "px": px,
        "sz": sz,
        "time": 1751493267110,
        "hash": "0xfe52cbe6ede4c8181992041785c36e01270101e11634e8f56794cc56d65c939e",
        "tid": tid,
        "users": [
            "0xc64cc00b46101bd40aa1c3121195e85c0b0918d8",
            "0x2ac2016c45e26f41dc2eb5b49fd511bb7e3b6a0f",
        ],
    }
