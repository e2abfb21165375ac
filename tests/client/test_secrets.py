"""Secrets (API keys in URLs, signing keys) never reach reprs, errors, logs or asdict."""

from __future__ import annotations

import json
import logging
from typing import Any

import attrs
import pytest
import trio
import trio.testing

from trio_hl import Account, Settings, open_client
from trio_hl.errors import ConfigurationError, HandshakeRejected, KeyRejected
from trio_hl.networks import Network, custom, goldrush, redact_url
from trio_hl.testing import FakeHyperliquid

KEY = "k3y-0f-the-t3st-SECRET"
SIGNING_KEY = "0x" + "4c" * 32

# One URL with every place a secret can hide: userinfo, secret-looking query parameters in
# several spellings, and a token in the path.
LEAKY = (
    "wss://alice:hunter2-PASS@proxy.example/ws/tok3nInThePath0123456789"
    "?auth=AUTH-VALUE&secret=SECRET-VALUE&key=KEY-VALUE&token=TOKEN-VALUE"
    "&X-Api-Key=APIKEY-VALUE&password=PW-VALUE&signature=SIG-VALUE&coin=BTC"
)
LEAKED = (
    "alice",
    "hunter2-PASS",
    "tok3nInThePath0123456789",
    "AUTH-VALUE",
    "SECRET-VALUE",
    "KEY-VALUE",
    "TOKEN-VALUE",
    "APIKEY-VALUE",
    "PW-VALUE",
    "SIG-VALUE",
)


def _assert_clean(text: str, secrets: tuple[str, ...] = LEAKED) -> None:
    for secret in secrets:
        assert secret not in text, f"{secret!r} leaked into {text!r}"


def test_redact_url_hides_userinfo_query_secrets_and_path_tokens() -> None:
    shown = redact_url(LEAKY)
    _assert_clean(shown)
    assert shown == (
        "wss://***@proxy.example/ws/***?auth=***&secret=***&key=***&token=***"
        "&X-Api-Key=***&password=***&signature=***&coin=BTC"
    )
    # Harmless parts are kept, so the URL is still useful in a log line.
    assert redact_url("wss://api.hyperliquid.xyz/ws?coin=BTC") == (
        "wss://api.hyperliquid.xyz/ws?coin=BTC"
    )


def test_custom_network_repr_and_asdict_hide_every_secret() -> None:
    network = custom(LEAKY)
    assert network.ws_url == LEAKY  # the real URL is still there to connect with
    _assert_clean(repr(network))
    _assert_clean(str(attrs.asdict(network)))
    _assert_clean(str(attrs.astuple(network)))
    _assert_clean(network.redacted_url)
    assert "proxy.example" in repr(network)


def test_goldrush_asdict_hides_the_key() -> None:
    network = goldrush(KEY)
    _assert_clean(repr(attrs.asdict(network)), (KEY,))
    with pytest.raises(TypeError):  # never serialised by accident
        json.dumps(attrs.asdict(network))


def test_invalid_url_errors_do_not_show_secrets() -> None:
    with pytest.raises(ConfigurationError) as info:
        custom(LEAKY.replace("proxy.example", "proxy.example:99999"))
    _assert_clean(str(info.value))


def test_account_asdict_and_repr_hide_the_secret_key() -> None:
    account = Account(address="0x" + "ab" * 20, secret_key=SIGNING_KEY)
    assert account.secret_key == SIGNING_KEY  # still usable for signing
    for shown in (repr(account), str(attrs.asdict(account)), str(attrs.astuple(account))):
        _assert_clean(shown, (SIGNING_KEY, SIGNING_KEY[2:]))
    assert "<hidden>" in str(attrs.asdict(account))
    with pytest.raises(TypeError):
        json.dumps(attrs.asdict(account))
    # evolve keeps working through the public argument name.
    assert attrs.evolve(account, secret_key=None).secret_key is None
    assert Account(address="0x" + "ab" * 20).secret_key is None


def test_account_refuses_a_secret_key_that_is_not_text_without_showing_it() -> None:
    secret = bytes.fromhex(SIGNING_KEY[2:])
    wrong: Any = secret  # as a user without a type checker would pass it
    with pytest.raises(ConfigurationError, match="got bytes") as info:
        Account(address="0x" + "ab" * 20, secret_key=wrong)
    assert secret.hex() not in str(info.value)
    assert repr(secret) not in str(info.value)


async def test_key_rejected_body_redacts_an_echoed_key(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    fake.reject_handshakes(401, body=f'{{"error":"invalid key {KEY}","path":"/ws?key={KEY}"}}')
    with pytest.raises(KeyRejected) as info:
        async with open_client(fake.goldrush_network(KEY)):
            pytest.fail("must not connect")
    assert info.value.status_code == 401
    _assert_clean(info.value.body, (KEY,))
    _assert_clean(str(info.value), (KEY,))
    _assert_clean(repr(info.value.args), (KEY,))
    assert info.value.body == '{"error":"invalid key ***","path":"/ws?key=***"}'


async def test_handshake_rejection_body_redacts_userinfo_and_query_secrets(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    fake = fake_hyperliquid
    network = Network(name="proxy", ws_url=LEAKY, connect_stream=fake.connect)
    # A proxy echoing the request line and the credentials, percent-encoded or not.
    fake.reject_handshakes(400, body=f"bad request for {LEAKY} (user alice:hunter2-PASS)")
    with pytest.raises(HandshakeRejected) as info:
        async with open_client(network):
            pytest.fail("must not connect")
    assert info.value.status_code == 400
    _assert_clean(info.value.body)
    _assert_clean(str(info.value))


async def test_no_secret_in_any_log_record_at_debug(
    fake_hyperliquid: FakeHyperliquid,
    autojump_clock: trio.testing.MockClock,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = fake_hyperliquid
    network = Network(name="proxy", ws_url=LEAKY, connect_stream=fake.connect)
    caplog.set_level(logging.DEBUG)
    async with open_client(network, settings=settings):
        await fake.drop()  # a reconnect logs the loss and the retry
        fake.reject_handshakes(503, times=1, body=f"overloaded: {LEAKY}")
        await trio.sleep(5)
    assert fake.handshakes >= 3
    assert caplog.records, "the test must see the client's log lines"
    _assert_clean("\n".join(record.getMessage() for record in caplog.records))


async def test_a_key_cut_short_by_the_body_limit_is_hidden_too(
    fake_hyperliquid: FakeHyperliquid, autojump_clock: trio.testing.MockClock
) -> None:
    # The body is kept to 200 characters: here the cut falls inside the echoed key.
    fake = fake_hyperliquid
    padding = "x" * (200 - len(KEY) // 2)
    fake.reject_handshakes(403, body=padding + KEY)
    with pytest.raises(KeyRejected) as info:
        async with open_client(fake.goldrush_network(KEY)):
            pytest.fail("must not connect")
    assert info.value.body == padding + "***"
    assert KEY[: len(KEY) // 2] not in info.value.body
