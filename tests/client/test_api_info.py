"""The seed flow end to end: Api.create loads the universe over HTTP, then info over the socket."""

from __future__ import annotations

from trio_hl import Account, Api
from trio_hl.testing import FakeHyperliquid
from trio_hl.testing._info_fixtures import USER


async def test_seed_flow(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    api = await Api.create(network=fake.network, account=Account(address=USER))
    assert api.universe is not None
    assert api.universe.id("@107") == 10107
    assert (await api.info.user_state()).withdrawable > 0
    async with api.ws.run():
        mids = await api.ws.info.all_mids()
        assert mids is not None
        book = await api.ws.info.l2_book(asset="HYPE/USDC")
        assert book is not None
        assert book.coin == "@107"
        assert await api.ws.info.user_open_orders(address=USER)
        before = len(fake.http.received)
        universe = await api.refresh_universe()
        assert len(fake.http.received) == before  # refreshed over the socket
        assert universe is api.universe
