"""The fake server also listens on a real loopback port, for clients that are not Trio."""

from __future__ import annotations

import trio

from trio_hl import Settings, open_client
from trio_hl.models import L2Book, L2BookSubscription
from trio_hl.networks import custom
from trio_hl.testing import FakeHyperliquid, l2_book_data


async def test_real_tcp_loopback(fake_hyperliquid: FakeHyperliquid, settings: Settings) -> None:
    fake = fake_hyperliquid
    async with trio.open_nursery() as nursery:
        port = await nursery.start(fake.serve_tcp)
        assert fake.url == f"ws://127.0.0.1:{port}/ws"
        with trio.fail_after(10):  # real sockets: a bound on a real hang, never reached
            async with (
                open_client(custom(fake.url), settings=settings) as client,
                client.subscribe(L2BookSubscription(coin="BTC")) as stream,
            ):
                await fake.push("l2Book", l2_book_data("BTC", levels=2))
                book = await stream.receive()
                assert isinstance(book, L2Book)
                assert len(book.asks) == 2
        nursery.cancel_scope.cancel()
