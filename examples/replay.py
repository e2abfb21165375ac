"""Replay recorded server frames with ``decode_frame``, then through a live client.

``decode_frame(raw)`` decodes one frame exactly as the client's reader would and returns the
typed messages it carries: usually one, several for a batched GoldRush book, none for control
frames, the connect banner, an empty trade list or an unknown channel. A malformed frame
raises ``DecodeError`` naming its channel.

Part 2 pushes the same recording through ``FakeHyperliquid.send_raw`` into a real client,
which is how to feed recorded data to a bot's stream-handling code in a test.

    uv run python examples/replay.py                     # the bundled recording
    uv run python examples/replay.py my_frames.jsonl     # one raw frame per line
"""

from __future__ import annotations

import argparse
from pathlib import Path

import trio
import trio.testing

from trio_hl import BufferPolicy, decode_frame, open_client
from trio_hl.errors import DecodeError
from trio_hl.models import (
    ActiveAssetCtx,
    ActiveSpotAssetCtx,
    AllMids,
    Bbo,
    Candle,
    L2Book,
    L2BookSubscription,
    Trades,
)
from trio_hl.testing import open_fake_hyperliquid

RECORDING = Path(__file__).with_name("recorded_frames.jsonl")


def describe(message: object) -> str:
    match message:
        case L2Book(coin=coin, block_height=height) as book:
            where = f" at block {height}" if height is not None else ""
            return f"L2Book {coin}{where}: {len(book.bids)} bids, {len(book.asks)} asks"
        case Trades(coin=coin, trades=trades):
            return f"Trades {coin}: " + ", ".join(f"{t.sz} @ {t.px}" for t in trades)
        case Bbo(coin=coin, bid=bid, ask=ask):
            return f"Bbo {coin}: {bid and bid.px} / {ask and ask.px}"
        case Candle(coin=coin, interval=interval, close=close):
            return f"Candle {coin} {interval}: close {close}"
        case AllMids(mids=mids):
            return f"AllMids: {len(mids)} coins"
        case ActiveAssetCtx(coin=coin, ctx=ctx) | ActiveSpotAssetCtx(coin=coin, ctx=ctx):
            return f"{type(message).__name__} {coin}: mark {ctx.mark_px}"
        case _:
            return repr(message)


def decode_recording(lines: list[str]) -> list[str]:
    """Print what each line decodes to; return the lines that decoded."""
    good: list[str] = []
    for number, line in enumerate(lines, 1):
        try:
            messages = decode_frame(line)
        except DecodeError as exc:
            print(f"{number:2}  skipped ({exc.channel}): {exc}")
            continue
        good.append(line)
        if not messages:
            print(f"{number:2}  (no data message)")
        for message in messages:
            print(f"{number:2}  {describe(message)}")
    return good


async def replay_through_client(lines: list[str]) -> None:
    """Send the recording to a real client and read its BTC book stream."""
    async with open_fake_hyperliquid() as fake, open_client(fake.network) as client:
        # Keep every book: the default keep_latest(1) would keep only the newest one.
        request = L2BookSubscription(coin="BTC")
        async with client.subscribe(request, policy=BufferPolicy.fail_on_overflow()) as books:
            for line in lines:
                await fake.send_raw(line)  # to every connection, whatever it subscribed to
            await trio.testing.wait_all_tasks_blocked()  # the client has read them all
            times: list[int] = []
            while books.statistics().buffered:
                book = books.receive_nowait()
                if isinstance(book, L2Book):
                    times.append(book.time)
        stats = client.statistics()
        print(
            f"through a client: {stats.frames_received} frames read,"
            f" the BTC stream got {len(times)} books (times {times})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("path", nargs="?", type=Path, default=RECORDING)
    args = parser.parse_args()
    lines = [line for line in args.path.read_text().splitlines() if line.strip()]
    good = decode_recording(lines)
    trio.run(replay_through_client, good)


if __name__ == "__main__":
    main()
