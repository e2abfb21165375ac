"""Each channel decodes a realistic frame (hand-written from the protocol reference)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from trio_hl import decode_frame
from trio_hl._convert import make_converter
from trio_hl.errors import DecodeError
from trio_hl.models import (
    ActiveAssetCtx,
    ActiveSpotAssetCtx,
    AllMids,
    Bbo,
    Candle,
    L2Book,
    L2Level,
    PerpAssetCtx,
    Trades,
)

STRICT = make_converter(forbid_extra_keys=True)

L2 = (
    '{"channel":"l2Book","data":{"coin":"BTC","time":1751206166616,"levels":[['
    '{"px":"108246.0","sz":"0.47662","n":2},{"px":"108241.0","sz":"0.00123","n":1}],['
    '{"px":"108270.0","sz":"0.00246","n":2},{"px":"108289.0","sz":"0.27498","n":2}]]}}'
)
GOLDRUSH_L2 = (
    '{"channel":"l2Book","data":{"coin":"BTC","time":1762450000123,"block_height":996629014,'
    '"levels":[[{"px":"68210.0","sz":"1.2345","n":3}],[{"px":"68215.0","sz":"0.8900","n":2}]]}}'
)
TRADES = (
    '{"channel":"trades","data":[{"coin":"BTC","side":"B","px":"109572.0","sz":"0.00023",'
    '"time":1751493267110,"hash":"0xfe52cbe6ede4c8181992041785c36e01270101e11634e8f56794cc56d65c939e",'
    '"tid":455478288652533,"users":["0xc64cc00b46101bd40aa1c3121195e85c0b0918d8",'
    '"0x2ac2016c45e26f41dc2eb5b49fd511bb7e3b6a0f"]}]}'
)
CANDLE = (
    '{"channel":"candle","data":{"t":1751493540000,"T":1751493599999,"s":"BTC","i":"1m",'
    '"o":"109579.0","c":"109588.0","h":"109588.0","l":"109579.0","v":"0.0045","n":3}}'
)
BBO = (
    '{"channel":"bbo","data":{"coin":"BTC","time":1751502371906,"bbo":['
    '{"px":"108843.0","sz":"0.0006","n":1},{"px":"108866.0","sz":"0.12403","n":1}]}}'
)
ALL_MIDS = (
    '{"channel":"allMids","data":{"mids":{"BTC":"107231.0","ETH":"2427.1","@1":"1.0936",'
    '"PURR/USDC":"5.2894"}}}'
)
PERP_CTX = (
    '{"channel":"activeAssetCtx","data":{"coin":"BTC","ctx":{"funding":"0.0000125",'
    '"openInterest":"6084.52","prevDayPx":"146.64","dayNtlVlm":"322528.0396000001",'
    '"premium":"0.0005207655","oraclePx":"153.62","markPx":"153.7","midPx":"153.72",'
    '"impactPxs":["153.7","153.74"],"dayBaseVlm":"2171.39"}}}'
)
SPOT_CTX = (
    '{"channel":"activeSpotAssetCtx","data":{"coin":"PURR/USDC","ctx":{"prevDayPx":"5.211",'
    '"dayNtlVlm":"514258.2666000001","markPx":"5.2631","midPx":"5.23705",'
    '"circulatingSupply":"198732793.9431799948","coin":"PURR/USDC",'
    '"totalSupply":"198735670.942140013","dayBaseVlm":"98684.0"}}}'
)


def test_l2_book() -> None:
    (book,) = decode_frame(L2)
    assert isinstance(book, L2Book)
    assert book.bids[0] == L2Level(px=Decimal("108246.0"), sz=Decimal("0.47662"), n=2)
    assert book.asks[-1].px == Decimal("108289.0")
    assert book.block_height is None


def test_goldrush_l2_book_keeps_block_height() -> None:
    (book,) = decode_frame(GOLDRUSH_L2)
    assert isinstance(book, L2Book)
    assert book.block_height == 996629014


def test_trades() -> None:
    (trades,) = decode_frame(TRADES)
    assert isinstance(trades, Trades)
    (trade,) = trades.trades
    assert trade.tid == 455478288652533
    assert trade.users[1] == "0x2ac2016c45e26f41dc2eb5b49fd511bb7e3b6a0f"
    assert trade.sz == Decimal("0.00023")


def test_candle_single_letter_keys() -> None:
    (candle,) = decode_frame(CANDLE)
    assert candle == Candle(
        open_time=1751493540000,
        close_time=1751493599999,
        coin="BTC",
        interval="1m",
        open=Decimal("109579.0"),
        close=Decimal("109588.0"),
        high=Decimal("109588.0"),
        low=Decimal("109579.0"),
        volume=Decimal("0.0045"),
        trade_count=3,
    )


def test_bbo_with_an_empty_side() -> None:
    (bbo,) = decode_frame(BBO)
    assert isinstance(bbo, Bbo)
    assert bbo.bid is not None
    assert bbo.bid.px == Decimal("108843.0")
    (empty,) = decode_frame('{"channel":"bbo","data":{"coin":"X","time":1,"bbo":[null,null]}}')
    assert isinstance(empty, Bbo)
    assert empty.bid is None
    assert empty.ask is None


def test_all_mids() -> None:
    (mids,) = decode_frame(ALL_MIDS)
    assert isinstance(mids, AllMids)
    assert mids.mids["PURR/USDC"] == Decimal("5.2894")
    assert mids.dex is None


def test_asset_contexts_perp_and_spot() -> None:
    (perp,) = decode_frame(PERP_CTX)
    assert isinstance(perp, ActiveAssetCtx)
    assert perp.ctx.impact_pxs == (Decimal("153.7"), Decimal("153.74"))
    (spot,) = decode_frame(SPOT_CTX)
    assert isinstance(spot, ActiveSpotAssetCtx)
    assert spot.ctx.total_supply == Decimal("198735670.942140013")


@pytest.mark.parametrize(
    ("raw", "cls"),
    [
        ('{"coin":"BTC","time":1751206166616,"levels":[[],[]]}', L2Book),
        (
            '{"funding":"0","openInterest":"1","prevDayPx":"1","dayNtlVlm":"1","premium":null,'
            '"oraclePx":"1","markPx":"1","midPx":null,"impactPxs":null,"dayBaseVlm":"1"}',
            PerpAssetCtx,
        ),
    ],
)
def test_strict_converter_accepts_documented_fields(raw: str, cls: type) -> None:
    import json

    STRICT.structure(json.loads(raw), cls)


def test_unknown_fields_are_tolerated_in_production() -> None:
    (book,) = decode_frame(L2.replace('"coin":"BTC"', '"coin":"BTC","newField":{"x":1}'))
    assert isinstance(book, L2Book)


@pytest.mark.parametrize(
    ("raw", "channel"),
    [
        (
            '{"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[{"px":"x","sz":"1","n":1}],[]]}}',
            "l2Book",
        ),
        ('{"channel":"trades","data":{"coin":"BTC"}}', "trades"),
        ('{"channel":"candle","data":{"t":1}}', "candle"),
        ('{"channel":"allMids","data":{"mids":{"BTC":1.5e400}}}', "allMids"),
        ('{"channel":"bbo","data":{"coin":"BTC","time":true,"bbo":[null,null]}}', "bbo"),
    ],
)
def test_malformed_frames_raise_decode_error_naming_the_channel(raw: str, channel: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_frame(raw)
    assert info.value.channel == channel


def test_control_frames_and_banner_decode_to_nothing() -> None:
    assert decode_frame('{"channel":"pong"}') == ()
    assert decode_frame("Websocket connection established.") == ()
    assert decode_frame('{"channel":"trades","data":[]}') == ()
    assert decode_frame(b'{"channel":"brandNew","data":{}}') == ()


def test_not_json_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="not JSON"):
        decode_frame("{oops")
