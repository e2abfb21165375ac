"""Large frames: a batch of books is decoded a coin at a time, without holding the loop,
and a frame nobody subscribed to is not decoded at all."""

from __future__ import annotations

import trio
import trio.testing

from trio_hl import Settings, open_client
from trio_hl.models import L2Book, L2BookSubscription
from trio_hl.testing import FakeHyperliquid, l2_book_data

COINS = 200


async def test_a_batch_of_books_lets_other_tasks_run_between_coins(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    batch = [l2_book_data(f"COIN{i}", levels=3) for i in range(COINS)]
    async with (
        open_client(fake.goldrush_network("key"), settings=settings) as client,
        client.subscribe(L2BookSubscription()) as stream,
        trio.open_nursery() as nursery,
    ):
        # The probe runs whenever the scheduler gets control, and notes how many books of
        # the frame had been delivered by then.
        seen: list[int] = []
        done = trio.Event()

        async def probe() -> None:
            for _ in range(100_000):  # busy on purpose; bounded so a failure cannot hang
                await trio.lowlevel.checkpoint()
                stats = stream.statistics()
                seen.append(stats.delivered + stats.buffered)
                if seen[-1] >= COINS:
                    break
            done.set()

        nursery.start_soon(probe)
        await fake.push("l2Book", batch)
        await done.wait()
        assert seen[-1] == COINS
        # Without a checkpoint between coins the probe would only ever see 0 and 200.
        assert len({n for n in seen if 0 < n < COINS}) >= COINS // 16
        books = [stream.receive_nowait() for _ in range(COINS)]
        assert [book.coin for book in books if isinstance(book, L2Book)] == [
            f"COIN{i}" for i in range(COINS)
        ]
        assert client.statistics().decode_errors == 0


async def test_a_bad_book_in_a_batch_spoils_only_itself(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.goldrush_network("key"), settings=settings) as client,
        client.subscribe(L2BookSubscription()) as stream,
    ):
        good = l2_book_data("ETH", levels=1)
        await fake.push("l2Book", [l2_book_data("BTC", levels=1), {"coin": "SOL"}, good])
        first, second = await stream.receive(), await stream.receive()
        assert isinstance(first, L2Book)
        assert isinstance(second, L2Book)
        assert (first.coin, second.coin) == ("BTC", "ETH")
        assert client.statistics().decode_errors == 1


async def test_frames_for_nobody_are_not_decoded(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    fake = fake_hyperliquid
    async with (
        open_client(fake.network, settings=settings) as client,
        client.subscribe(L2BookSubscription(coin="BTC")) as stream,
    ):
        # A malformed ETH book: nobody wants ETH, so it is skipped before decoding (a
        # decode would have reported it). Then a BTC book still arrives.
        await fake.send_raw('{"channel":"l2Book","data":{"coin":"ETH","levels":"x"}}')
        await fake.push("l2Book", l2_book_data("BTC", levels=1))
        book = await stream.receive()
        assert isinstance(book, L2Book)
        assert book.coin == "BTC"
        assert client.statistics().decode_errors == 0


async def test_a_large_frame_is_read_in_a_step_of_its_own(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock, settings: Settings
) -> None:
    # Completing a 300 kB message (reassembly, UTF-8) and reading it (one pass over the
    # text) each take a while: the reader's step ends between the two.
    fake = fake_hyperliquid
    batch = [l2_book_data(f"COIN{i}", levels=20) for i in range(COINS)]
    async with (
        open_client(fake.goldrush_network("key"), settings=settings) as client,
        client.subscribe(L2BookSubscription()) as stream,
    ):
        before = client.statistics().frames_received
        ends: list[tuple[int, int]] = []  # (frames read, books delivered) as reader steps end

        class ReaderSteps(trio.abc.Instrument):
            def after_task_step(self, task: trio.lowlevel.Task) -> None:
                if task.name.endswith("._reader"):
                    frames = client.statistics().frames_received - before
                    ends.append((frames, stream.statistics().buffered))

        instrument = ReaderSteps()
        trio.lowlevel.add_instrument(instrument)
        try:
            await fake.push("l2Book", batch)
            while stream.statistics().buffered < COINS:
                await trio.testing.wait_all_tasks_blocked()
        finally:
            trio.lowlevel.remove_instrument(instrument)
        assert (1, 0) in ends  # a step ended with the frame read and none of its books routed
        assert client.statistics().decode_errors == 0
