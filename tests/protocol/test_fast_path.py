"""The decode fast paths change speed only: same results, same errors, as cattrs alone.

Two fast paths sit beside cattrs' generated hooks (see ``trio_hl._convert`` and
``trio_hl._protocol._channels``): the generated per-class fast structure functions, and the
hot channels' decoding straight from JSON text with msgspec (``json_decoder``). On valid
samples of every model, and on those samples with a random part broken, each must give
exactly what cattrs' hooks give: an equal model, or an exception of the same type (the text
path, where it fails, hands over to the converter, so its successes must match).
"""

from __future__ import annotations

import copy
import inspect
import json
import traceback
from typing import Any, cast

import attrs
import cattrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.protocol.test_decode_fuzz import json_values
from tests.protocol.test_l4_models import SNAPSHOT_FRAME, UPDATES_FRAME
from tests.user_frames import ALICE, PERP_CTX, SPOT_CTX, fill, order_updates, user_frame
from trio_hl._convert import (
    CONVERTER,
    json_decoder,
    make_converter,
    reads_from_text,
    text_refusal,
)
from trio_hl._protocol._channels import TEXT_CHANNELS, TEXT_REFUSED, _text_path
from trio_hl._protocol._frames import loads
from trio_hl.models import account, market, user
from trio_hl.models._common import read_from_text
from trio_hl.models.l4 import L4Snapshot, L4Updates, register_l4_hooks
from trio_hl.testing import l2_book_data, trade_data

SLOW = make_converter(fast=False)
register_l4_hooks(SLOW)

MODELS: list[tuple[type[Any], Any]] = [
    (market.L2Book, l2_book_data("BTC", levels=4)),
    (market.L2Book, {**l2_book_data("ETH", levels=2), "block_height": 3, "fast": True}),
    (market.L2Level, {"px": "1.5", "sz": "2", "n": 3}),
    (market.Trade, trade_data("BTC")),
    (market.Bbo, {"coin": "BTC", "time": 1, "bbo": [{"px": "1", "sz": "2", "n": 1}, None]}),
    (market.AllMids, {"mids": {"BTC": "1"}, "dex": "x"}),
    (market.ActiveAssetCtx, {"coin": "BTC", "ctx": dict(PERP_CTX)}),
    (market.ActiveSpotAssetCtx, {"coin": "@1", "ctx": dict(SPOT_CTX)}),
    (market.SpotAssetCtx, dict(SPOT_CTX)),
    (user.UserFill, fill()),
    (user.UserFill, fill(liquidation={"liquidatedUser": ALICE, "markPx": 5, "method": "market"})),
    (user.OrderUpdate, order_updates()[0]),
    (L4Snapshot, json.loads(SNAPSHOT_FRAME)["data"]["Snapshot"]),
    (L4Updates, json.loads(UPDATES_FRAME)["data"]["Updates"]),
    (user.UserFills, user_frame("userFills", ALICE)[1]),
    (user.UserFundings, user_frame("userFundings", ALICE)[1]),
    (user.UserNonFundingLedgerUpdates, user_frame("userNonFundingLedgerUpdates", ALICE)[1]),
    (user.UserTwapSliceFills, user_frame("userTwapSliceFills", ALICE)[1]),
    (user.UserTwapHistory, user_frame("userTwapHistory", ALICE)[1]),
    (user.UserHistoricalOrders, user_frame("userHistoricalOrders", ALICE)[1]),
    (account.WebData2, user_frame("webData2", ALICE)[1]),
    (account.WebData3, user_frame("webData3", ALICE)[1]),
    (account.SpotState, user_frame("spotState", ALICE)[1]),
    (account.AllDexsClearinghouseState, user_frame("allDexsClearinghouseState", ALICE)[1]),
    (account.ClearinghouseStateUpdate, user_frame("clearinghouseState", ALICE)[1]),
    (account.OpenOrders, user_frame("openOrders", ALICE)[1]),
    (account.TwapStates, user_frame("twapStates", ALICE)[1]),
    (account.ActiveAssetData, user_frame("activeAssetData", ALICE)[1]),
]


def _dumps(value: Any) -> str:
    return json.dumps(value, allow_nan=True)


def _outcome(conv: cattrs.Converter, data: Any, cls: type[Any]) -> tuple[str, Any]:
    try:
        return "ok", conv.structure(data, cls)
    except Exception as exc:
        return "error", type(exc)


@st.composite
def broken(draw: st.DrawFn, value: Any) -> Any:
    """``value`` with one part (possibly nested) replaced, removed or wrapped in a list."""
    root: dict[str, Any] = {"v": copy.deepcopy(value)}
    holder: Any = root
    key: Any = "v"
    while True:
        inner = holder[key]
        if isinstance(inner, dict) and inner and draw(st.booleans()):
            # JSON: a dict has str keys; pyright would leave them Unknown after isinstance.
            holder, key = (
                cast("Any", inner),
                draw(st.sampled_from(sorted(cast("dict[str, Any]", inner)))),
            )
        elif isinstance(inner, list) and inner and draw(st.booleans()):
            holder, key = cast("Any", inner), draw(st.integers(0, len(inner) - 1))
        else:
            break
    action = draw(st.sampled_from(["replace", "remove", "wrap", "number", "float"]))
    if action == "replace":
        holder[key] = draw(json_values)
    elif action == "remove":
        del holder[key]
    elif action == "wrap":
        holder[key] = [holder[key]]
    elif action == "number":  # decimals and ints as other JSON types: the cattrs fallback
        holder[key] = draw(st.integers() | st.booleans())
    else:
        holder[key] = draw(st.floats(allow_nan=True))
    return root.get("v")


@pytest.mark.parametrize(("cls", "data"), MODELS, ids=lambda v: getattr(v, "__name__", ""))
def test_valid_samples_decode_the_same(cls: type[Any], data: Any) -> None:
    fast, slow = _outcome(CONVERTER, data, cls), _outcome(SLOW, data, cls)
    assert fast == slow
    assert fast[0] == "ok"


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_broken_samples_decode_the_same(data: st.DataObject) -> None:
    cls, sample = data.draw(st.sampled_from(MODELS))
    value = data.draw(broken(sample))
    assert _outcome(CONVERTER, value, cls) == _outcome(SLOW, value, cls)


TEXT_MODELS: list[tuple[Any, Any]] = [
    (market.L2Book, l2_book_data("BTC", levels=4)),
    (market.L2Book, {**l2_book_data("ETH", levels=2), "block_height": 3, "spread": "0.5"}),
    (tuple[market.Trade, ...], [trade_data("BTC"), trade_data("BTC", tid=2, px="1.5")]),
    (market.Bbo, {"coin": "BTC", "time": 1, "bbo": [{"px": "1", "sz": "2", "n": 1}, None]}),
]


def _text_outcome(tp: Any, text: str) -> tuple[str, Any]:
    """The text path as the session runs it: msgspec, else the converter on parsed JSON."""
    try:
        return "ok", json_decoder(tp)(text)
    except ValueError:
        return _outcome(SLOW, loads(text), tp)


@pytest.mark.parametrize(("tp", "data"), TEXT_MODELS)
def test_valid_samples_decode_the_same_from_text(tp: Any, data: Any) -> None:
    text = json.dumps(data)
    assert json_decoder(tp)(text) == SLOW.structure(data, tp)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_broken_samples_decode_the_same_from_text(data: st.DataObject) -> None:
    tp, sample = data.draw(st.sampled_from(TEXT_MODELS))
    text = _dumps(data.draw(broken(sample)))
    expected = _outcome(SLOW, loads(text), tp)
    got = _text_outcome(tp, text)
    assert got == expected
    if got[0] == "ok":
        # Equal and also the same representation (5 and 5.0 are equal Decimals).
        assert repr(got[1]) == repr(expected[1])


@pytest.mark.parametrize(
    "px",
    ['"NaN"', '"-Infinity"', '"inf"', '"sNaN"', '"\\u004eaN"', '" nan "'],
)
def test_the_text_path_refuses_non_finite_decimals(px: str) -> None:
    text = f'{{"coin":"BTC","time":1,"levels":[[{{"px":{px},"sz":"1","n":1}}],[]]}}'
    with pytest.raises(ValueError, match="finite"):
        json_decoder(market.L2Book)(text)
    assert _outcome(SLOW, loads(text), market.L2Book)[0] == "error"


@pytest.mark.parametrize(
    "tp",
    [account.WebData2, market.Candle, L4Snapshot, user.UserFill, float, dict[str, int], list[str]],
)
def test_the_text_path_takes_only_types_it_decodes_as_the_converter_does(tp: Any) -> None:
    # Renamed fields (camelCase on the wire), validators, unions, unknown types.
    with pytest.raises(TypeError):
        json_decoder(tp)


# --- one fast path per model, kept by the tests (see trio_hl._convert) ------------------------

READ_FROM_TEXT = [
    value
    for module in (market, user, account)
    for value in vars(module).values()
    if isinstance(value, type) and reads_from_text(value)
]


def test_the_hot_channels_read_their_models_straight_from_text() -> None:
    # Fails when a model change (a camelCase field, a validator) makes msgspec unable to read
    # a hot model as the converter does: the import still works, the channel gets slower.
    assert TEXT_REFUSED == {}, TEXT_REFUSED
    assert {"l2Book", "trades", "bbo"} == TEXT_CHANNELS
    assert {cls.__name__ for cls in READ_FROM_TEXT} == {"L2Book", "L2Level", "Trade", "Bbo"}
    for cls in READ_FROM_TEXT:
        assert text_refusal(cls) is None, text_refusal(cls)


@pytest.mark.parametrize("cls", READ_FROM_TEXT, ids=lambda cls: cls.__name__)
def test_models_read_from_text_have_no_second_fast_path(cls: type[Any]) -> None:
    assert not hasattr(CONVERTER.get_structure_hook(cls), "_trio_hl_fast")


@pytest.mark.parametrize("cls", [user.UserFill, market.Candle, account.WebData3])
def test_the_other_models_have_the_generated_fast_path(cls: type[Any]) -> None:
    assert hasattr(CONVERTER.get_structure_hook(cls), "_trio_hl_fast")


@read_from_text
@attrs.frozen(kw_only=True)
class _Renamed:
    coin: str
    block_time: int  # on the wire: blockTime


def test_a_model_msgspec_cannot_read_disables_its_text_path_without_failing() -> None:
    reason = text_refusal(_Renamed)
    assert reason is not None
    assert "block_time" in reason
    assert "blockTime" in reason

    def items() -> Any:
        raise AssertionError("not built for a refused model")

    try:
        assert _text_path("renamed", _Renamed, items) is None
        assert TEXT_REFUSED["renamed"] == reason
    finally:
        del TEXT_REFUSED["renamed"]


def test_generated_code_shows_in_tracebacks_and_inspect() -> None:
    fast = CONVERTER.get_structure_hook(user.UserFill)._trio_hl_fast  # type: ignore[attr-defined]
    assert inspect.getsource(fast).startswith("def fast(o):")
    with pytest.raises(Exception) as caught:  # noqa: PT011  # whatever the fast path raises
        fast({"coin": 1})
    frame = traceback.extract_tb(caught.value.__traceback__)[-1]
    assert frame.filename.startswith("<trio_hl generated fast structure UserFill")
    assert frame.line
