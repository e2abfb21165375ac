"""GoldRush's Info API as the HTTP transport of goldrush(key) networks; the fake refuses what
the real servers refuse."""

from __future__ import annotations

import logging

import pytest

from tests.user_frames import ALICE, BOB
from trio_hl import Api, goldrush, open_client
from trio_hl._http import GoldRushInfo, HttpTransport, goldrush_info_url, info_transport
from trio_hl.errors import (
    ApiError,
    ConfigurationError,
    HttpStatusError,
    SubscriptionError,
    UnsupportedInfoType,
)
from trio_hl.models import ClearinghouseState, TradesSubscription, UserFillsSubscription
from trio_hl.models.goldrush import (
    BatchClearinghouseStateRequest,
    BatchSlotError,
    L2BookDiffSnapshotRequest,
    L2BookDiffSubscription,
)
from trio_hl.networks import custom
from trio_hl.testing import FakeHyperliquid

SECRET = "sk-do-not-print-me"


def test_goldrush_network_has_an_info_api() -> None:
    network = goldrush(SECRET)
    assert goldrush_info_url(network) == "https://hypercore.goldrushdata.com"
    transport = info_transport(network)
    assert isinstance(transport, GoldRushInfo)
    assert transport.fallback is None
    assert SECRET not in repr(transport)
    assert SECRET not in repr(transport.goldrush)
    assert isinstance(info_transport(goldrush(SECRET, info_fallback=True)), GoldRushInfo)
    with pytest.raises(ConfigurationError, match="no \\?key="):
        GoldRushInfo(custom("wss://hypercore.goldrushdata.com/ws", venue="goldrush"))


async def test_bearer_header_and_key_never_shown(
    fake_hyperliquid: FakeHyperliquid, caplog: pytest.LogCaptureFixture
) -> None:
    fake = fake_hyperliquid
    fake.require_key = SECRET
    caplog.set_level(logging.DEBUG)
    network = fake.goldrush_network(SECRET)
    api = Api(network=network)
    snapshot = await api.info.request(L2BookDiffSnapshotRequest(coin="BTC"))
    assert snapshot.coin == "BTC"
    assert snapshot.epoch == fake.goldrush.epoch
    (path, body) = fake.http.received[-1]
    assert (path, body) == ("/info", {"type": "l2BookDiffSnapshot", "coin": "BTC"})
    wrong = Api(network=fake.goldrush_network("wrong"))
    with pytest.raises(HttpStatusError) as refused:
        await wrong.info.request(L2BookDiffSnapshotRequest(coin="BTC"))
    assert refused.value.status_code == 401
    assert SECRET not in str(refused.value)
    assert "wrong" not in str(refused.value)
    assert SECRET not in caplog.text


async def test_unsupported_type_is_decoded_and_names_the_type(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    http = info_transport(fake.goldrush_network("k"))
    with pytest.raises(UnsupportedInfoType) as refused:
        await http({"type": "vaultDetails", "vaultAddress": BOB})
    assert refused.value.info_type == "vaultDetails"
    assert "'vaultDetails'" in str(refused.value)
    assert isinstance(refused.value, ApiError)
    assert refused.value.status_code == 400
    # not forwarded: only GoldRush was asked
    assert [p for p, _ in fake.http.received] == ["/info"]


async def test_unsupported_type_falls_back_when_allowed(
    fake_hyperliquid: FakeHyperliquid, caplog: pytest.LogCaptureFixture
) -> None:
    fake = fake_hyperliquid
    fake.info_handlers["vaultDetails"] = {"name": "a vault"}
    caplog.set_level(logging.INFO, logger="trio_hl")
    http = info_transport(fake.goldrush_network("k", info_fallback=True))
    assert await http({"type": "vaultDetails", "vaultAddress": BOB}) == {"name": "a vault"}
    assert len(fake.http.received) == 2
    assert "does not serve info 'vaultDetails'" in caplog.text
    assert "Bearer" not in caplog.text


async def test_goldrush_only_info_refused_on_hyperliquid(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    api = Api(network=fake.network)
    with pytest.raises(ConfigurationError, match="served only by GoldRush"):
        await api.info.request(L2BookDiffSnapshotRequest(coin="BTC"))
    assert fake.http.received == []
    async with open_client(fake.network) as client:
        with pytest.raises(ConfigurationError, match="served only by GoldRush"):
            await client.info({"type": "l4BookSnapshot", "coin": "BTC"})
    # the fake's Hyperliquid side refuses them like the real one (422)
    plain = HttpTransport(fake.http.url, transport=fake.http.transport)
    with pytest.raises(HttpStatusError) as refused:
        await plain({"type": "batchClearinghouseState", "users": [BOB]})
    assert refused.value.status_code == 422


async def test_batch_state_of_fifty_wallets(fake_hyperliquid: FakeHyperliquid) -> None:
    fake = fake_hyperliquid
    wallets = [f"0x{i:040x}" for i in range(1, 51)]
    api = Api(network=fake.goldrush_network("k"))
    states = await api.info.request(BatchClearinghouseStateRequest(users=wallets))
    assert states.users == tuple(wallets)
    assert all(isinstance(s, ClearinghouseState) for s in states.slots)
    assert fake.http.received[-1][1]["users"] == wallets
    fake.goldrush.info_handlers["batchClearinghouseState"] = lambda p: [
        fake.info_handlers["clearinghouseState"]({"user": BOB}),
        {"error": "upstream_error", "user": ALICE, "message": "timeout"},
    ]
    mixed = await api.info.request(BatchClearinghouseStateRequest(users=[BOB, ALICE]))
    assert isinstance(mixed.get(ALICE), BatchSlotError)
    assert [s.user for s in mixed.failed] == [ALICE]


async def test_the_fake_refuses_what_the_real_servers_refuse(
    fake_hyperliquid: FakeHyperliquid,
) -> None:
    fake = fake_hyperliquid
    # venue "any": the client checks nothing, so the servers' own refusals show.
    hyperliquid = custom("ws://fake.hyperliquid.invalid/ws", connect_stream=fake.connect)
    async with open_client(hyperliquid) as client:
        with pytest.raises(SubscriptionError, match="Invalid subscription"):
            async with client.subscribe(L2BookDiffSubscription(coin="BTC")):
                pass
        with pytest.raises(SubscriptionError, match="Invalid subscription"):
            async with client.subscribe(UserFillsSubscription(addresses=[ALICE])):
                pass
    goldrush_like = custom("ws://fake.goldrush.invalid/ws?key=k", connect_stream=fake.connect)
    async with open_client(goldrush_like) as client:
        with pytest.raises(SubscriptionError, match="Invalid subscription"):
            async with client.subscribe(TradesSubscription(coin="BTC")):
                pass
        async with client.subscribe(L2BookDiffSubscription(coin="BTC")):
            pass
