"""Books, trades and candles of one coin merged into one stream, told apart with ``match``.

The trio version of the seed's shared ``asyncio.Queue``: ``open_shared_channel()`` returns a
``send_channel`` token to pass to ``subscriptions.subscribe(request, send_channel=...)`` for
each subscription, and the one ``stream`` they all feed. Messages arrive in wire order; the
shared stream's buffer policy applies to all.

    uv run python examples/shared_channel.py
    uv run python examples/shared_channel.py --url wss://api.hyperliquid.xyz/ws --coin ETH
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from _common import Options, run

from trio_hl import Api, BufferPolicy, open_shared_channel
from trio_hl.models import (
    Candle,
    CandleSubscription,
    L2Book,
    L2BookSubscription,
    StreamRestarted,
    Trades,
    TradesSubscription,
)

if TYPE_CHECKING:
    from trio_hl import Network


async def main(network: Network, options: Options) -> None:
    api = await Api.create(network=network)
    # Trades must not be lost silently, so the shared stream fails loudly on overflow
    # (SubscriptionOverflow) rather than dropping; 256 messages is ample for one coin.
    send_channel, stream = open_shared_channel(BufferPolicy.fail_on_overflow(256))
    async with api.ws.run():
        subs = api.ws.subscriptions
        coin = options.coin
        book_sid, _ = await subs.subscribe(L2BookSubscription(coin=coin), send_channel=send_channel)
        trades_sid, _ = await subs.subscribe(
            TradesSubscription(coin=coin), send_channel=send_channel
        )
        candle_sid, _ = await subs.subscribe(
            CandleSubscription(coin=coin, interval="1m"), send_channel=send_channel
        )
        received = 0
        async for message in stream:
            match message:
                case L2Book() as book if book.bids and book.asks:
                    print(f"book    {book.coin} {book.bids[0].px} / {book.asks[0].px}")
                case L2Book() as book:
                    print(f"book    {book.coin} (one side empty)")
                case Trades(coin=coin, trades=trades):
                    size = sum(trade.sz for trade in trades)
                    last = trades[-1].px
                    print(f"trades  {coin} x{len(trades)}, {size} {coin} traded, last {last}")
                case Candle() as candle:
                    print(
                        f"candle  {candle.coin} {candle.interval} o {candle.open} h {candle.high}"
                        f" l {candle.low} c {candle.close} ({candle.trade_count} trades)"
                    )
                case StreamRestarted(sid=sid, subscription=body):
                    # One marker per subscription: sid says which feed restarted.
                    print(f"restart sid {sid} {body}")
                case _:
                    print(f"unexpected {message!r}")
            received += 1
            if received >= options.count:
                break
        for sid in (book_sid, trades_sid, candle_sid):
            await subs.unsubscribe(sid)
    print(f"{received} messages from 3 subscriptions on one stream")


if __name__ == "__main__":
    run(main, description=__doc__, count=12)
