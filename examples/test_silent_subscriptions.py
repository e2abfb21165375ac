"""Silent subscriptions are subscribed again: the idle deadline, tested under a mock clock.

Run it with ``uv run pytest examples/test_silent_subscriptions.py``. The fake acknowledges
every subscription and answers every ping, so the connection stays healthy; it feeds a
subscription only when the test pushes. ``autojump_clock`` (pytest-trio) makes the 30 s and
120 s of silence pass instantly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
import trio
import trio.testing

from trio_hl import open_client
from trio_hl.models import Bbo, BboSubscription, L2Book, L2BookSubscription, StreamRestarted
from trio_hl.testing import l2_book_data

if TYPE_CHECKING:
    from collections.abc import Callable

    from trio_hl.testing import FakeHyperliquid


def is_method(method: str) -> Callable[[Any], bool]:
    """A predicate for ``fake.wait_received``: frames the client sent with this method."""

    def sent_with_method(frame: Any) -> bool:
        match frame:
            case {"method": str(sent)}:
                return sent == method
            case _:
                return False

    return sent_with_method


async def test_a_silent_book_is_subscribed_again(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.network) as client,
        client.subscribe(L2BookSubscription(coin="BTC")) as books,
    ):
        await fake.push("l2Book", l2_book_data("BTC"))
        assert isinstance(await books.receive(), L2Book)
        fed_at = trio.current_time()
        # l2Book is pushed every block: 30 s without one is a fault, and the client sends
        # the subscription again on the same connection (unsubscribe, then subscribe).
        await fake.wait_received(is_method("subscribe"), count=2)
        assert trio.current_time() - fed_at == pytest.approx(30)
        marker = await books.receive()
        assert isinstance(marker, StreamRestarted)
        assert (marker.reason, marker.connection) == ("idle", 1)
        await fake.push("l2Book", l2_book_data("BTC"))
        assert isinstance(await books.receive(), L2Book)
        assert client.statistics().idle_resubscribes == 1


async def test_a_deadline_chosen_per_subscription(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    quote = {
        "coin": "BTC",
        "time": 1751502371906,
        "bbo": [{"px": "108250", "sz": "0.5", "n": 1}, {"px": "108251", "sz": "0.4", "n": 2}],
    }
    async with open_client(fake.network) as client:
        # bbo is pushed only on a change, so it has no deadline by default: choose one.
        async with client.subscribe(BboSubscription(coin="BTC"), idle_timeout=120) as quotes:
            await fake.push("bbo", quote)
            assert isinstance(await quotes.receive(), Bbo)
            fed_at = trio.current_time()
            marker = await quotes.receive()
            assert isinstance(marker, StreamRestarted)
            assert marker.reason == "idle"
            assert trio.current_time() - fed_at == pytest.approx(120)
        # idle_timeout=None: no deadline, however long the silence.
        async with client.subscribe(BboSubscription(coin="ETH"), idle_timeout=None) as quiet:
            await trio.sleep(3600)
            with pytest.raises(trio.WouldBlock):
                quiet.receive_nowait()
        assert client.statistics().idle_resubscribes == 1
