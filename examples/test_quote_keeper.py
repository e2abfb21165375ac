"""Tests of the QuoteKeeper bot against the simulated exchange, under a mock clock.

Run them with ``uv run pytest examples/test_quote_keeper.py``. The exchange behind
``open_fake_hyperliquid(seed=...)`` executes the bot's orders in a simulated market, so the
tests script the market (fill an order, drop the connection, lose a reply) and assert
exactly what the bot saw.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import trio
import trio.testing
from quote_keeper import QuoteKeeper

from trio_hl import Api
from trio_hl.testing import TEST_ACCOUNT, open_fake_hyperliquid

if TYPE_CHECKING:
    from trio_hl.testing import FakeHyperliquid


def keeper(lines: list[str]) -> QuoteKeeper:
    return QuoteKeeper(coin="ETH", size=Decimal("0.5"), offset=Decimal(3), log=lines.append)


async def open_orders(fake: FakeHyperliquid) -> list[int]:
    """The oids the exchange lists for the bot, straight from the simulated market."""
    return sorted(fake.market.account(TEST_ACCOUNT.address).open_orders)


async def test_a_partial_then_a_full_fill(autojump_clock: trio.testing.MockClock) -> None:
    lines: list[str] = []
    async with open_fake_hyperliquid(seed=7) as fake, trio.open_nursery() as nursery:
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        bot = keeper(lines)
        async with api.ws.run():
            nursery.start_soon(bot.run, api, 2)
            await trio.testing.wait_all_tasks_blocked()  # the bot has quoted
            first = bot.oid
            assert first is not None
            await fake.fill_order(first, sz="0.2")  # part of the bid
            await trio.testing.wait_all_tasks_blocked()
            assert (bot.oid, bot.remaining) == (first, Decimal("0.3"))
            await fake.fill_order(first)  # the rest
            await trio.testing.wait_all_tasks_blocked()
    assert bot.position == Decimal("0.5")
    assert lines == [
        "snapshot: 0 new fill(s)",
        f"bid {first}: 0.5 @ 2424.1",
        f"fill: 0.2 @ 2424.1 (oid {first}); position 0.2",
        f"fill: 0.3 @ 2424.1 (oid {first}); position 0.5",
        f"bid {first} filled",
    ]


async def test_reconcile_after_a_reconnect(autojump_clock: trio.testing.MockClock) -> None:
    lines: list[str] = []
    async with open_fake_hyperliquid(seed=7) as fake, trio.open_nursery() as nursery:
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        bot = keeper(lines)
        async with api.ws.run():
            nursery.start_soon(bot.run, api, 3)
            await trio.testing.wait_all_tasks_blocked()
            first = bot.oid
            assert first is not None
            await fake.fill_order(first, sz="0.1")
            await trio.testing.wait_all_tasks_blocked()
            await fake.drop()  # the connection dies...
            await fake.fill_order(first)  # ...and the bid fills while the bot is away
            await fake.wait_connections(2)
            await trio.testing.wait_all_tasks_blocked()
            second = bot.oid
            assert second is not None
            assert second != first
            assert await open_orders(fake) == [second]
    assert bot.restarts == 1
    assert bot.position == Decimal("0.5")
    assert lines == [
        "snapshot: 0 new fill(s)",
        f"bid {first}: 0.5 @ 2424.1",
        f"fill: 0.1 @ 2424.1 (oid {first}); position 0.1",
        f"reconnected: bid {first} is gone; its fills follow",
        "snapshot: 1 new fill(s)",  # the client delivers only the one the bot missed
        f"fill: 0.4 @ 2424.1 (oid {first}); position 0.5",
        f"bid {first} filled",
        f"bid {second}: 0.5 @ 2424.1",
    ]


async def test_a_lost_reply_is_not_placed_twice(autojump_clock: trio.testing.MockClock) -> None:
    lines: list[str] = []
    async with open_fake_hyperliquid(seed=7) as fake, trio.open_nursery() as nursery:
        api = await Api.create(network=fake.network, account=TEST_ACCOUNT)
        bot = keeper(lines)
        fake.lose_next_reply()  # the order executes; the connection dies before the reply
        async with api.ws.run():
            nursery.start_soon(bot.run, api, 1)
            await fake.wait_connections(2)
            await trio.testing.wait_all_tasks_blocked()
            [oid] = await open_orders(fake)  # exactly one bid on the exchange
            assert bot.oid == oid
            await fake.fill_order(oid)
            await trio.testing.wait_all_tasks_blocked()
    assert lines == [
        "snapshot: 0 new fill(s)",
        "reply lost: asking the exchange about the cloid",
        "the exchange has it (open): not placing it again",
        f"reconnected: bid {oid} still rests (0.5 left)",
        "snapshot: 0 new fill(s)",
        f"fill: 0.5 @ 2424.1 (oid {oid}); position 0.5",
        f"bid {oid} filled",
    ]
