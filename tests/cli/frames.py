"""Server frames for the recording tests, as the server sends them (compact JSON)."""

from __future__ import annotations

import json

from trio_hl.testing import l2_book_data, trade_data


def book_frame(coin: str, *, time: int = 1751206166616) -> str:
    data = l2_book_data(coin, levels=2, time=time)
    return json.dumps({"channel": "l2Book", "data": data}, separators=(",", ":"))


def trades_frame(coin: str, *, tid: int = 455478288652533) -> str:
    data = [trade_data(coin, tid=tid)]
    return json.dumps({"channel": "trades", "data": data}, separators=(",", ":"))
