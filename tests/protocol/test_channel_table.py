"""The channel table against every request class, model, sample frame and ``Api`` method.

Adding a channel means a model, a request class, one row of ``_channels.CHANNELS`` and one
``Api`` method; these tests fail until all of them agree.
"""

from __future__ import annotations

import inspect
import types
import typing
from typing import Any, cast

import attrs
import pytest

import trio_hl.models
from tests.protocol.channel_samples import SAMPLES
from trio_hl import Subscriptions
from trio_hl._protocol._channels import (
    _ROWS,
    CHANNELS,
    ChannelSpec,
    decode_channel,
    default_policy,
    serves_frame,
    spec_for_frame,
    subscription_route,
)
from trio_hl.models import goldrush, subscriptions
from trio_hl.models.subscriptions import SubscriptionRequest

ALICE = "0x" + "a" * 40
# A value for every required field a request class may have.
FIELD_SAMPLES: dict[str, Any] = {
    "user": ALICE,
    "coin": "BTC",
    "interval": "1m",
    "builder": ALICE,
}
# Requests whose optional fields need one value (builderFills takes builder= or addresses=,
# the wallet streams user= or addresses=).
EXTRA_SAMPLES: dict[str, dict[str, Any]] = {
    "BuilderFillsSubscription": {"builder": ALICE},
    "UserFillsSubscription": {"user": ALICE},
    "OrderUpdatesSubscription": {"user": ALICE},
    "UserNonFundingLedgerUpdatesSubscription": {"user": ALICE},
}


def request_classes() -> list[type[SubscriptionRequest[Any]]]:
    found: list[type[SubscriptionRequest[Any]]] = []
    for value in [*vars(subscriptions).values(), *vars(goldrush).values()]:
        if isinstance(value, type) and issubclass(value, SubscriptionRequest):
            # issubclass leaves the event type unknown (pyright): every event is an object.
            request = cast("type[SubscriptionRequest[object]]", value)
            if not inspect.isabstract(request):
                found.append(request)
    return sorted(found, key=lambda cls: cls.__name__)


def sample_request(cls: type[SubscriptionRequest[Any]]) -> SubscriptionRequest[Any]:
    required = {
        field.name: FIELD_SAMPLES[field.name]
        for field in attrs.fields(typing.cast("Any", cls))
        if field.default is attrs.NOTHING
    }
    return cls(**required, **EXTRA_SAMPLES.get(cls.__name__, {}))


def type_argument(cls: type[SubscriptionRequest[Any]]) -> Any:
    (base,) = [b for b in cls.__orig_bases__ if typing.get_origin(b) is SubscriptionRequest]  # type: ignore[attr-defined]
    (argument,) = typing.get_args(base)
    return argument


def members(model: Any) -> tuple[type[Any], ...]:
    if isinstance(model, types.UnionType) or typing.get_origin(model) is typing.Union:
        return tuple(member for arg in typing.get_args(model) for member in members(arg))
    return (model,)


ROWS = [pytest.param(row, id=row.wire_type) for row in _ROWS]


def test_every_request_class_has_exactly_one_row() -> None:
    assert sorted(row.request.__name__ for row in _ROWS) == [
        cls.__name__ for cls in request_classes()
    ]
    assert len(CHANNELS) == len(_ROWS), "two rows share a wire type"
    frames = [c for row in _ROWS for c in (row.frame_channel, *row.also)]
    assert len(frames) == len(set(frames)), "two rows claim one frame channel"


@pytest.mark.parametrize("row", ROWS)
def test_row_matches_its_request_class(row: ChannelSpec) -> None:
    assert type_argument(row.request) == row.model
    body = sample_request(row.request).to_wire()
    assert body["type"] == row.wire_type
    assert subscription_route(body)[0] == row.wire_type
    assert default_policy(body) == (row.wildcard_policy or row.policy) or default_policy(body) == (
        row.policy
    )


@pytest.mark.parametrize("row", ROWS)
def test_row_decodes_its_samples_into_its_model(row: ChannelSpec) -> None:
    channels = {row.frame_channel, *row.also}
    samples = [(channel, data) for channel, data in SAMPLES if channel in channels]
    assert {channel for channel, _ in samples} == channels, "a frame channel has no sample"
    for channel, data in samples:
        assert spec_for_frame(channel) is row
        routed = decode_channel(channel, data)
        assert routed is not None
        for item in routed:
            assert isinstance(item.message, members(row.model))
            assert all(route[0] == row.wire_type for route in item.routes)


def spellings(model: Any) -> set[str]:
    """How an annotation may name ``model``: its members, or a public alias of the union."""
    names = {" | ".join(member.__name__ for member in members(model))}
    names.update(name for name, value in vars(trio_hl.models).items() if value == model)
    return {f"tuple[int, Stream[{name} | StreamRestarted]]" for name in names}


@pytest.mark.parametrize("row", ROWS)
def test_row_has_an_api_method_yielding_its_model(row: ChannelSpec) -> None:
    expected = spellings(row.model)
    methods = [
        name
        for name, method in inspect.getmembers(Subscriptions, inspect.iscoroutinefunction)
        if not name.startswith("_") and inspect.signature(method).return_annotation in expected
    ]
    assert len(methods) == 1, f"want one Subscriptions method returning {expected}: {methods}"


def test_state_channels_keep_the_latest_and_event_channels_fail() -> None:
    latest = {kind for kind, row in CHANNELS.items() if row.policy.kind == "latest"}
    assert latest == {
        "l2Book",
        "bbo",
        "allMids",
        "activeAssetCtx",
        "webData2",
        "webData3",
        "spotState",
        "allDexsClearinghouseState",
        "clearinghouseState",
        "openOrders",
        "twapStates",
        "activeAssetData",
        "assetCtxs",
        "spotAssetCtxs",
        "allDexsAssetCtxs",
    }
    assert all(row.policy.kind in ("latest", "fail") for row in _ROWS)
    wildcard = default_policy({"type": "l2Book"})
    assert (wildcard.kind, wildcard.size) == ("latest", 1024)
    assert default_policy({"type": "l2Book", "coin": "BTC"}).size == 1


def test_unknown_subscription_types_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown subscription type"):
        default_policy({"type": "nope"})
    assert spec_for_frame("nope") is None


@pytest.mark.parametrize(
    ("subscription", "channel", "data", "served"),
    [
        ({"type": "l2Book", "coin": "BTC"}, "l2Book", {"coin": "BTC"}, True),
        ({"type": "l2Book", "coin": "BTC"}, "l2Book", {"coin": "ETH"}, False),
        ({"type": "l2Book"}, "l2Book", {"coin": "ETH"}, True),  # the GoldRush wildcard
        ({"type": "l2Book", "coin": "BTC"}, "l2Book", [{"coin": "ETH"}], True),  # a batch
        ({"type": "trades", "coin": "BTC"}, "trades", [{"coin": "BTC"}], True),
        ({"type": "trades", "coin": "BTC"}, "trades", [{"coin": "ETH"}], False),
        ({"type": "candle", "coin": "BTC", "interval": "1m"}, "candle", {"s": "BTC"}, True),
        (
            {"type": "activeAssetCtx", "coin": "PURR/USDC"},
            "activeSpotAssetCtx",
            {"coin": "PURR/USDC"},
            True,
        ),
        ({"type": "userEvents", "user": "0xab"}, "user", {"fills": []}, True),
        ({"type": "allMids"}, "l2Book", {"coin": "BTC"}, False),
    ],
)
def test_which_frames_a_server_sends_a_subscription(
    subscription: dict[str, object], channel: str, data: object, served: bool
) -> None:
    assert serves_frame(subscription, channel, data) is served
