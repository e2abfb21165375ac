"""Every ``Info`` method round-trips through the fake server over the WebSocket."""

from __future__ import annotations

import inspect
from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any

import attrs
import pytest

from trio_hl import Account, Client, open_client
from trio_hl._info import Info
from trio_hl._universe import Universe, load_universe
from trio_hl.errors import ApiError, ConfigurationError, DecodeError, UnknownAsset
from trio_hl.models.info import INFO_REQUESTS, AllMidsRequest, L2BookRequest
from trio_hl.models.market import AllMids
from trio_hl.testing import FakeHyperliquid
from trio_hl.testing._info_fixtures import KNOWN_VAULT, OTHER_USER, USER, install_default_info

from .helpers import is_method
from .info_calls import CALLS, Call


@attrs.define
class WsInfo:
    fake: FakeHyperliquid
    info: Info
    client: Client

    def sent(self) -> list[dict[str, Any]]:
        """The info payloads the fake received, in order."""
        return [
            frame["request"]["payload"]
            for _, frame in self.fake.received
            if is_method("post")(frame)
        ]


@pytest.fixture
async def ws(fake_hyperliquid: FakeHyperliquid) -> AsyncGenerator[WsInfo, None]:
    install_default_info(fake_hyperliquid)
    async with open_client(fake_hyperliquid.network) as client:
        yield WsInfo(fake_hyperliquid, Info(client.info, account=Account(address=USER)), client)


def _public_methods() -> set[str]:
    return {
        name
        for name, _ in inspect.getmembers(Info, inspect.iscoroutinefunction)
        if not name.startswith("_") and name != "request"
    }


def test_the_table_covers_every_method_and_request_type() -> None:
    assert {call.method for call in CALLS} == _public_methods()
    assert {call.wire_type for call in CALLS} == set(INFO_REQUESTS)
    assert len(INFO_REQUESTS) == 77


@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.id)
async def test_round_trip(ws: WsInfo, call: Call) -> None:
    result = await getattr(ws.info, call.method)(**call.kwargs)
    assert call.check(result), result
    (body,) = ws.sent()
    assert body["type"] == call.wire_type
    assert body.items() >= call.wire.items()


async def test_typed_request_and_null_replies(ws: WsInfo) -> None:
    mids = await ws.info.request(AllMidsRequest())
    assert isinstance(mids, AllMids)
    assert await ws.info.request(AllMidsRequest(dex="nope")) is None
    assert await ws.info.request(L2BookRequest(coin="NOPE")) is None
    assert await ws.info.vault_details(vault_address=OTHER_USER) is None
    assert await ws.info.settled_outcome(outcome=1) is None
    assert await ws.info.perpetual_dex_limits(dex="") is None
    assert await ws.info.perpetual_annotation(asset="ETH") is None


async def test_null_where_not_documented_is_a_decode_error(ws: WsInfo) -> None:
    with pytest.raises(DecodeError, match="'meta' answered null"):
        await ws.info.perpetual_meta(dex="nope")


async def test_malformed_reply_is_a_decode_error_naming_the_request(ws: WsInfo) -> None:
    ws.fake.info_handlers["userRateLimit"] = {"cumVlm": "1.0", "nRequestsUsed": "many"}
    with pytest.raises(DecodeError, match="userRateLimit"):
        await ws.info.user_rate_limit()


async def test_server_error_reply_is_an_api_error(ws: WsInfo) -> None:
    del ws.fake.info_handlers["userFees"]  # the fake answers unknown types like an HTTP 422
    with pytest.raises(ApiError, match="Failed to deserialize"):
        await ws.info.user_fees()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"address": USER, "account": Account(address=USER)}, "not both"),
        ({"address": "0x123"}, "not an address"),
    ],
)
async def test_bad_user_arguments_fail_before_sending(
    ws: WsInfo, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message):
        await ws.info.user_state(**kwargs)
    assert ws.sent() == []


async def test_user_query_without_any_account(fake_hyperliquid: FakeHyperliquid) -> None:
    install_default_info(fake_hyperliquid)
    async with open_client(fake_hyperliquid.network) as client:
        info = Info(client.info)
        with pytest.raises(ConfigurationError, match="address= or account="):
            await info.user_fills()
        # Not a user query by default: no follower state is asked for.
        details = await info.vault_details(vault_address=KNOWN_VAULT)
        assert details is not None
        assert details.follower_state is None


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (datetime(2025, 7, 2), "naive datetime"),
        (-1, "non-negative|milliseconds"),
        (1.5, "milliseconds"),
        (True, "milliseconds"),
    ],
)
async def test_bad_times_fail_before_sending(ws: WsInfo, start: object, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        await ws.info.user_funding(start=start)  # type: ignore[arg-type]
    assert ws.sent() == []


async def test_asset_ids_need_a_universe(ws: WsInfo) -> None:
    with pytest.raises(ConfigurationError, match="universe"):
        await ws.info.l2_book(asset=0)


async def test_universe_resolves_names_and_ids(ws: WsInfo) -> None:
    universe = await load_universe(ws.info)
    info = Info(ws.client.info, account=ws.info.account, universe=lambda: universe)
    assert info.universe is universe
    before = len(ws.sent())
    await info.l2_book(asset=10107)
    await info.l2_book(asset="HYPE/USDC")
    await info.l2_book(asset="@0")
    await info.l2_book(asset=110000)
    await info.active_asset_data(asset=4)
    coins = [body["coin"] for body in ws.sent()[before:]]
    assert coins == ["@107", "@107", "PURR/USDC", "test:ABC", "HYPE"]
    with pytest.raises(UnknownAsset, match="did you mean 'BTC'"):
        await info.l2_book(asset="BTX")
    assert len(ws.sent()) == before + 5


async def test_load_universe_over_the_socket(ws: WsInfo) -> None:
    universe = await load_universe(ws.info)
    assert isinstance(universe, Universe)
    assert universe.dexs == ("test",)
    assert universe.id("test:XYZ") == 110001
    assert universe.id("PURR/USDC") == 10000
    sent = sorted((body["type"], body.get("dex", "")) for body in ws.sent())
    assert sent == [("meta", ""), ("meta", "test"), ("perpDexs", ""), ("spotMeta", "")]


async def test_load_universe_failure_is_one_error(ws: WsInfo) -> None:
    del ws.fake.info_handlers["spotMeta"]
    with pytest.raises(ApiError, match="Failed to deserialize"):
        await load_universe(ws.info)
