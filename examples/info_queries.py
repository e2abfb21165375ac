"""Typed info queries: asset ids, market data and a user's account, over HTTP and the socket.

``Api.create`` loads the universe (every perp, builder-dex perp and spot pair, with its asset
id) over HTTP. ``api.info`` then answers info queries over HTTP, with no connection, and
``api.ws.info`` answers the same methods over the WebSocket while ``api.ws.run()`` is active.
Every reply is decoded into a frozen model with ``Decimal`` numbers; a ``null`` reply is
``None``.

Offline, the fake server answers from its default replies, and answers one HTTP request with
``429 Too Many Requests`` to show the retry.

    uv run python examples/info_queries.py
    uv run python examples/info_queries.py --url wss://api.hyperliquid.xyz/ws --user 0x...
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

import trio
from _common import Options, run

from trio_hl import Account, Api, Cloid
from trio_hl.errors import RateLimited, UnknownAsset

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from _common import Market

    from trio_hl import Network, Universe
    from trio_hl.testing import FakeHyperliquid

T = TypeVar("T")


def show_universe(universe: Universe) -> None:
    """Names, aliases and asset ids, as orders and info requests use them."""
    print(universe)
    for name in ("BTC", "PURR/USDC", "@107", "HYPE/USDC"):
        asset = universe.asset(name)  # a wire name, an alias or an asset id
        print(
            f"  {name:<10} -> id {asset.id:>6}  coin {asset.name!r:<12} {asset.kind}"
            f"  szDecimals {asset.sz_decimals}"
        )
    for dex in universe.dexs[:1]:  # builder-deployed perp dexes (HIP-3)
        first = universe.perps(dex)[0]
        print(f"  {first.name:<10} -> id {first.id:>6}  builder dex {dex!r} (#{first.dex_index})")
    try:
        universe.id("BTX")
    except UnknownAsset as exc:
        print(f"  UnknownAsset: {exc}")


async def retry_rate_limited(call: Callable[[], Awaitable[T]], attempts: int = 3) -> T:
    """Await ``call()``, waiting out HTTP 429 answers (``Retry-After`` when the server sent one)."""
    for attempt in range(1, attempts):
        try:
            return await call()
        except RateLimited as exc:
            delay = exc.retry_after if exc.retry_after is not None else 2.0**attempt
            print(f"{exc}: retrying in {delay:g} s")
            await trio.sleep(delay)
    return await call()


async def main(network: Network, options: Options) -> None:
    assert options.user is not None  # run(..., needs_user=True) always gives one
    api = await Api.create(network=network, account=Account(address=options.user))
    assert api.universe is not None  # loaded by Api.create
    show_universe(api.universe)

    # Over HTTP: no connection needed. User queries default to the Api's account.
    state = await api.info.user_state()
    print(f"account value {state.margin_summary.account_value}, withdrawable {state.withdrawable}")
    for item in state.asset_positions:
        position = item.position
        print(f"  {position.coin:<5} {position.szi:>8} @ {position.entry_px}")

    async with api.ws.run():
        info = api.ws.info  # the same methods, over the socket
        mids = await info.all_mids()
        assert mids is not None  # None only for an unknown dex
        print(f"allMids: {len(mids.mids)} coins, BTC {mids.mids['BTC']}")
        book = await info.l2_book(asset="HYPE/USDC")  # sent as its wire name
        if book is not None:
            print(f"l2Book {book.coin}: {len(book.bids)} bids, {len(book.asks)} asks")
        candles = await info.candle_snapshot(
            asset="BTC", interval="1h", start=datetime.now(UTC) - timedelta(hours=3)
        )
        print(f"{len(candles)} candles, last close {candles[-1].close if candles else None}")
        fills = await info.user_fills(address=options.user)  # or account=Account(...)
        print(f"{len(fills)} recent fills, {len(await info.user_open_orders())} open orders")
        print(f"allMids of an unknown dex: {await info.all_mids(dex='no-such-dex')}")
        status = await info.order_status(order_id=str(Cloid.from_int(0xDEAD)))
        print(f"order by cloid: found={status.found} ({status.status})")
        universe = await api.refresh_universe()  # over the socket while it is running
        print(f"refreshed: {len(universe)} assets")

    fees = await retry_rate_limited(api.info.user_fees)
    print(f"fees: taker {fees.user_cross_rate}, maker {fees.user_add_rate}")


async def rate_limit_once(fake: FakeHyperliquid, market: Market) -> None:
    """Offline scenario: after the ``orderStatus`` query, the next HTTP request gets a 429."""

    def asks_order_status(frame: object) -> bool:
        match frame:
            case {"method": "post", "request": {"payload": {"type": "orderStatus"}}}:
                return True
            case _:
                return False

    await fake.wait_received(asks_order_status)
    fake.http.respond_next(429, "Too many requests", headers={"Retry-After": "1"})


if __name__ == "__main__":
    run(main, description=__doc__, scenario=rate_limit_once, needs_user=True)
