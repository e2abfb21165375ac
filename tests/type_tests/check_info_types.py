"""Only type-checked (mypy --strict), never run: info requests are typed by their reply."""

from __future__ import annotations

from decimal import Decimal
from typing import assert_type

from trio_hl._info import Info
from trio_hl._universe import AssetInfo, Universe
from trio_hl.models.account import ClearinghouseState
from trio_hl.models.info import (
    AllMidsRequest,
    InfoRequest,
    OrderStatusRequest,
    OrderStatusResult,
    PerpDex,
    PerpDexsRequest,
    VaultDetails,
)
from trio_hl.models.market import AllMids, Candle, L2Book
from trio_hl.models.user import UserFill


def _as_any_reply(request: InfoRequest[object]) -> InfoRequest[object]:
    return request


async def typed_requests(info: Info) -> None:
    assert_type(await info.request(AllMidsRequest()), AllMids | None)
    assert_type(await info.request(PerpDexsRequest()), tuple[PerpDex | None, ...])
    request = OrderStatusRequest(user="0x" + "0" * 40, oid=1)
    assert_type(await info.request(request), OrderStatusResult)
    # Requests are covariant in their reply: passing one as InfoRequest[object] type-checks.
    assert_type(await info.request(_as_any_reply(request)), object)


async def typed_methods(info: Info) -> None:
    assert_type(await info.l2_book(asset="BTC"), L2Book | None)
    assert_type(await info.candle_snapshot(asset=0, interval="1m", start=0), tuple[Candle, ...])
    assert_type(await info.user_state(), ClearinghouseState)
    assert_type(await info.user_fills(address="0x" + "0" * 40), tuple[UserFill, ...])
    assert_type(await info.vault_details(vault_address="0x" + "0" * 40), VaultDetails | None)
    assert_type(await info.max_market_order_ntls(), tuple[tuple[int, Decimal], ...])


def universe_lookups(universe: Universe) -> None:
    assert_type(universe.id("BTC"), int)
    assert_type(universe.coin(10107), str)
    assert_type(universe.get("BTC"), AssetInfo | None)
