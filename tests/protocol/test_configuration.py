"""Bad settings are refused at construction with a ConfigurationError naming the setting."""

from __future__ import annotations

import math
import ssl
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from trio_hl import Backoff, BufferPolicy, Limits, Settings
from trio_hl.errors import ConfigurationError, HyperliquidError
from trio_hl.models import L2BookSubscription, SpotStateSubscription, UserFillsSubscription
from trio_hl.networks import GOLDRUSH_URL, Network, custom, goldrush


def wrong(value: object) -> Any:
    """A value of the wrong type, passed as a user without a type checker would."""
    return value


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (lambda: Settings(ping_interval=-1), r"Settings\.ping_interval must be greater than 0"),
        (lambda: Settings(ping_interval=0), r"Settings\.ping_interval must be greater than 0"),
        (lambda: Settings(pong_timeout=math.nan), r"Settings\.pong_timeout must be a number"),
        (
            lambda: Settings(request_timeout=wrong("10")),
            r"Settings\.request_timeout .* got '10' \(str\)",
        ),
        (
            lambda: Settings(connect_timeout=wrong(None)),
            r"Settings\.connect_timeout must be a number",
        ),
        (lambda: Settings(close_timeout=-0.1), r"Settings\.close_timeout must be at least 0"),
        (lambda: Settings(stable_after=wrong(True)), r"Settings\.stable_after .* \(bool\)"),
        (lambda: Settings(backoff=wrong(1.0)), r"Settings\.backoff must be a Backoff"),
        (
            lambda: Settings(initial_connect_attempts=0),
            r"Settings\.initial_connect_attempts must be at least 1 or None, got 0",
        ),
        (
            lambda: Settings(initial_connect_attempts=wrong(2.5)),
            r"Settings\.initial_connect_attempts must be an integer or None",
        ),
        (lambda: Settings(max_message_size=0), r"Settings\.max_message_size must be greater"),
        (lambda: Settings(receive_buffer_size=wrong("64k")), r"Settings\.receive_buffer_size"),
        (lambda: Settings(message_queue_size=-1), r"Settings\.message_queue_size"),
        (
            lambda: Settings(ssl_context=wrong("verify")),
            r"Settings\.ssl_context must be a SSLContext",
        ),
        (lambda: Settings(engine=wrong("aiohttp")), r"Settings\.engine must be one of"),
        (lambda: Settings(compression=wrong("gzip")), r"Settings\.compression must be one of"),
        (lambda: BufferPolicy.keep_latest(0), r"BufferPolicy\.size must be at least 1, got 0"),
        (lambda: BufferPolicy.block(wrong(1.5)), r"BufferPolicy\.size must be an integer"),
        (lambda: BufferPolicy(wrong("newest"), 1), r"BufferPolicy\.kind must be one of"),
        (lambda: Backoff(jitter=2), r"Backoff\.jitter must be at most 1, got 2"),
        (lambda: Backoff(jitter=-0.1), r"Backoff\.jitter must be at least 0"),
        (lambda: Backoff(initial=0), r"Backoff\.initial must be greater than 0"),
        (lambda: Backoff(factor=0.5), r"Backoff\.factor must be at least 1"),
        (lambda: Backoff(cap=wrong("30")), r"Backoff\.cap must be a number"),
        (lambda: Backoff(random=wrong(0.5)), r"Backoff\.random must be callable"),
        (lambda: Limits(max_subscriptions=0), r"Limits\.max_subscriptions must be at least 1"),
        (lambda: Limits(max_users=wrong("10")), r"Limits\.max_users must be an integer or None"),
    ],
)
def test_bad_setting_raises_configuration_error_naming_it(
    build: Callable[[], object], match: str
) -> None:
    with pytest.raises(ConfigurationError, match=match) as info:
        build()
    # One hierarchy: still a ValueError for code that caught attrs' errors before.
    assert isinstance(info.value, HyperliquidError)
    assert isinstance(info.value, ValueError)


def test_evolve_is_validated_too() -> None:
    with pytest.raises(ConfigurationError, match=r"Settings\.ping_interval"):
        attrs.evolve(Settings(), ping_interval=-5)


@pytest.mark.parametrize(
    "good",
    [
        Settings(request_timeout=math.inf),  # no timeout at all
        Settings(initial_connect_attempts=None, close_timeout=0, message_queue_size=0),
        Settings(ssl_context=ssl.create_default_context()),
        Settings(ping_interval=5, backoff=Backoff(jitter=0, factor=1, random=lambda: 0.0)),
        BufferPolicy.keep_latest(1),
        Limits(max_subscriptions=None, max_users=None),
    ],
)
def test_good_settings_are_accepted(good: object) -> None:
    assert attrs.has(type(good))


@pytest.mark.parametrize(
    ("url", "match"),
    [
        ("ws://127.0.0.1:99999/ws", r"Port out of range"),
        ("ws://localhost:abc/ws", r"Port could not be cast"),
        ("ws://localhost:0/ws", r"port 0"),
        ("ws://exa mple.com/ws", r"no spaces"),
        ("ws://example.com/ws\n", r"no spaces"),
        ("ws://-bad-.example/ws", r"not a valid host"),
        ("ws://a..b/ws", r"not a valid host"),
        ("ws://[::1/ws", r"not a valid WebSocket URL"),
        ("ws://example.com/ws#frag", r"no #fragment"),
        ("https://example.com/ws", r"not a ws:// or wss:// URL"),
        ("ws:///ws", r"not a ws:// or wss:// URL"),
    ],
)
def test_custom_refuses_bad_urls_at_construction(url: str, match: str) -> None:
    with pytest.raises(ConfigurationError, match=match):
        custom(url)


def test_network_fields_are_type_checked() -> None:
    with pytest.raises(ConfigurationError, match=r"Network\.ws_url must be a string"):
        Network(name="x", ws_url=wrong(b"ws://h/ws"))
    with pytest.raises(ConfigurationError, match=r"Network\.is_mainnet must be a bool"):
        custom("ws://h/ws", is_mainnet=wrong("yes"))


@pytest.mark.parametrize(
    "url",
    [
        "ws://127.0.0.1:65535/ws",
        "ws://[::1]:8080/ws",
        "wss://node_1.internal/ws",
        "wss://bücher.example/ws",
        "wss://example.com./ws",
        "ws://localhost/ws?coin=BTC",
    ],
)
def test_custom_accepts_good_urls(url: str) -> None:
    assert custom(url).ws_url == url


def test_goldrush_strips_whitespace_around_the_key() -> None:
    network = goldrush(" key-123\n")
    assert network.ws_url == f"{GOLDRUSH_URL}?key=key-123"
    assert network == goldrush("key-123")


@pytest.mark.parametrize("key", ["", " \n", "two words", "tab\there"])
def test_goldrush_refuses_empty_or_spaced_keys(key: str) -> None:
    with pytest.raises(ConfigurationError, match=r"goldrush\(\)"):
        goldrush(key)


def test_goldrush_refuses_a_key_that_is_not_a_string() -> None:
    with pytest.raises(ConfigurationError, match="as a string, got bytes"):
        goldrush(wrong(b"key"))


USER = "0x" + "ab" * 20


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (lambda: L2BookSubscription(coin="BTC", fast=wrong("x")), r"fast must be a bool"),
        (
            lambda: UserFillsSubscription(user=USER, aggregate_by_time=wrong("yes")),
            r"aggregate_by_time must be a bool",
        ),
        (
            lambda: SpotStateSubscription(user=USER, ignore_portfolio_margin=wrong(1)),
            r"ignore_portfolio_margin must be a bool",
        ),
    ],
)
def test_subscription_flags_are_bools(build: Callable[[], object], match: str) -> None:
    # An untyped caller's "yes" or 1 would otherwise be sent to the server as given.
    with pytest.raises(ConfigurationError, match=match):
        build()
