"""Testing a bot against ``FakeHyperliquid``: pushes, drops, silence, refusals and requests.

Run it with ``uv run pytest examples/test_spread_watcher.py``. It relies on:

* pytest-trio, for async tests (``trio_mode = true`` in pyproject.toml) and the
  ``autojump_clock`` fixture (``MockClock(autojump_threshold=0)``: simulated seconds pass
  instantly whenever every task is waiting, so timeouts take no real time);
* trio_hl's own pytest plugin, installed with trio_hl, for the ``fake_hyperliquid`` fixture:
  a running fake server that speaks the real WebSocket protocol over in-memory streams.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

import pytest
import trio
import trio.testing
from spread_watcher import SpreadWatcher

from trio_hl import Backoff, Settings, open_client
from trio_hl.errors import KeyRejected, RequestOutcomeUnknown, RequestTimeout

if TYPE_CHECKING:
    from collections.abc import Callable

    from trio_hl.testing import FakeHyperliquid


def bbo(bid: str, ask: str) -> dict[str, Any]:
    """A ``bbo`` data payload, as the server sends it."""
    return {
        "coin": "BTC",
        "time": 1751502371906,
        "bbo": [{"px": bid, "sz": "0.5", "n": 1}, {"px": ask, "sz": "0.4", "n": 2}],
    }


def is_method(method: str) -> Callable[[Any], bool]:
    """A predicate for ``fake.wait_received``: frames the client sent with this method."""

    def sent_with_method(frame: Any) -> bool:
        match frame:
            case {"method": str(sent)}:
                return sent == method
            case _:
                return False

    return sent_with_method


async def test_reports_wide_spreads(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    fake.info_handlers["allMids"] = {"BTC": "108250.5"}  # the reply's data, or a callable
    lines: list[str] = []
    watcher = SpreadWatcher(coin="BTC", max_spread_bps=Decimal(1), log=lines.append)
    async with open_client(fake.network) as client, trio.open_nursery() as nursery:
        nursery.start_soon(partial(watcher.run, client, quotes=3))
        await fake.wait_received(is_method("subscribe"))
        for bid, ask in [("108250", "108251"), ("108240", "108260"), ("108250", "108251")]:
            await fake.push("bbo", bbo(bid, ask))
            # A bbo stream keeps only the latest quote: let the bot take each one.
            await trio.testing.wait_all_tasks_blocked()
    assert watcher.reference_mid == Decimal("108250.5")
    assert watcher.quotes == 3
    assert lines == ["wide: BTC 108240 / 108260 (1.85 bps)"]


async def test_a_reconnect_refreshes_the_reference(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    mids = iter(["108250.5", "108300.5"])
    fake.info_handlers["allMids"] = lambda payload: {"BTC": next(mids)}
    watcher = SpreadWatcher(coin="BTC", max_spread_bps=Decimal(1), log=lambda line: None)
    async with open_client(fake.network) as client, trio.open_nursery() as nursery:
        nursery.start_soon(partial(watcher.run, client, quotes=2))
        await fake.wait_received(is_method("subscribe"))
        await fake.push("bbo", bbo("108250", "108251"))
        await trio.testing.wait_all_tasks_blocked()
        await fake.drop()  # abrupt, no close frame: like a network failure
        await fake.wait_received(is_method("subscribe"), count=2)  # back, and resubscribed
        await fake.push("bbo", bbo("108300", "108301"))
    assert watcher.restarts == 1
    assert watcher.reference_mid == Decimal("108300.5")
    assert client.statistics().connections == 2


async def test_a_silent_server_is_treated_as_dead(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    fake.info_handlers["allMids"] = {"BTC": "108250.5"}
    settings = Settings(backoff=Backoff(jitter=0))  # exact reconnect delays: 0.5 s, 1 s...
    watcher = SpreadWatcher(coin="BTC", max_spread_bps=Decimal(1), log=lambda line: None)
    async with (
        open_client(fake.network, settings=settings) as client,
        trio.open_nursery() as nursery,
    ):
        nursery.start_soon(partial(watcher.run, client, quotes=1))
        await fake.wait_received(is_method("subscribe"))
        start = trio.current_time()
        fake.go_silent()  # stop answering pings: the connection is half-open
        await fake.wait_connections(2)
        # The ping at 30 s gets no pong within 10 s; then the first backoff delay.
        assert trio.current_time() - start == pytest.approx(30 + 10 + 0.5)
        fake.answer_pings = True
        await fake.wait_received(is_method("subscribe"), count=2)
        await fake.push("bbo", bbo("108250", "108251"))
    assert watcher.restarts == 1


async def test_a_refused_key_fails_at_once(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    fake.require_key = "right-key"  # like GoldRush: HTTP 401 without ?key=right-key
    with pytest.raises(KeyRejected) as info:
        async with open_client(fake.goldrush_network("wrong-key")):
            pytest.fail("unreachable: the handshake is refused")
    assert info.value.status_code == 401
    assert "wrong-key" not in str(info.value)  # keys never appear in errors
    assert fake.handshakes == 1  # and a refused key is never retried


async def test_server_errors_at_the_handshake_are_retried(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    fake.reject_handshakes(503, times=2)
    async with open_client(fake.network) as client:  # three attempts by default
        assert client.statistics().connections == 1
    assert fake.handshakes == 3


async def test_an_unanswered_request_times_out(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    fake.hold_posts = True  # record post requests, never answer them
    watcher = SpreadWatcher(coin="BTC", max_spread_bps=Decimal(1), log=lambda line: None)
    async with open_client(fake.network) as client:
        start = trio.current_time()
        with pytest.raises(RequestTimeout):
            await watcher.run(client, quotes=1)
        assert trio.current_time() - start == pytest.approx(Settings().request_timeout)
        assert client.statistics().pending_requests == 0


async def test_actions_are_answered_by_the_action_handler(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    reply = {"status": "ok", "response": {"type": "default"}}
    fake.action_handler = lambda payload: reply  # the fake does not check signatures
    async with open_client(fake.network) as client:
        assert await client.action({"action": {"type": "noop"}, "nonce": 1}) == reply


async def test_an_action_lost_with_the_connection_is_not_resent(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    fake.hold_posts = True

    async def drop_once_sent() -> None:
        await fake.wait_received(is_method("post"))
        await fake.drop()

    async with open_client(fake.network) as client, trio.open_nursery() as nursery:
        nursery.start_soon(drop_once_sent)
        with pytest.raises(RequestOutcomeUnknown):
            await client.action({"action": {"type": "noop"}, "nonce": 1})
        await fake.wait_connections(2)
        await trio.testing.wait_all_tasks_blocked()
    # The server may have executed it: trio_hl never sends it again by itself.
    assert [index for index, frame in fake.received if is_method("post")(frame)] == [0]
