"""Every ``Info`` method over HTTP, offline: the fake server's endpoints through
``httpx.MockTransport``; plus the HTTP error paths and one real loopback request."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import trio
import trio.testing

from trio_hl import MAINNET, TESTNET, Account, Settings, goldrush
from trio_hl._http import HttpTransport, http_base_url, open_http_transport
from trio_hl._info import Info
from trio_hl._universe import load_universe
from trio_hl.errors import (
    ApiError,
    ConfigurationError,
    ConnectError,
    HttpStatusError,
    ProtocolError,
    RateLimited,
    RequestOutcomeUnknown,
    RequestTimeout,
)
from trio_hl.networks import custom
from trio_hl.testing import FakeHyperliquid
from trio_hl.testing._fake_http import FakeHttp
from trio_hl.testing._info_fixtures import USER, install_default_info

from .info_calls import CALLS, Call


@pytest.fixture
def http(fake_hyperliquid: FakeHyperliquid) -> FakeHttp:
    install_default_info(fake_hyperliquid)
    return FakeHttp(fake_hyperliquid)


def _info(http: FakeHttp, settings: Settings | None = None) -> Info:
    return Info(http.info_transport(settings=settings), account=Account(address=USER))


@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.id)
async def test_round_trip(http: FakeHttp, call: Call) -> None:
    result = await getattr(_info(http), call.method)(**call.kwargs)
    assert call.check(result), result
    ((path, body),) = http.received
    assert path == "/info"
    assert body["type"] == call.wire_type
    assert body.items() >= call.wire.items()


async def test_null_body_is_none(http: FakeHttp) -> None:
    info = _info(http)
    assert await info.l2_book(asset="NOPE") is None
    assert await info.all_mids(dex="nope") is None


async def test_pooled_client_and_universe(http: FakeHttp) -> None:
    async with open_http_transport(http.url, transport=http.transport) as transport:
        info = Info(transport)
        universe = await load_universe(info)
    assert universe.coin(10107) == "@107"
    assert len(http.received) == 4


@pytest.mark.parametrize(
    ("status", "body", "headers", "error", "match"),
    [
        (
            422,
            "Failed to deserialize the JSON body into the target type",
            {},
            HttpStatusError,
            "422",
        ),
        (429, "", {"Retry-After": "2"}, RateLimited, r"rate limited \(HTTP 429\); retry after 2 s"),
        (429, "slow down", {"Retry-After": "soon"}, RateLimited, "slow down"),
        (500, "<html>internal error</html>", {}, HttpStatusError, "HTTP 500: <html>internal"),
        (502, "", {}, HttpStatusError, r"POST /info failed with HTTP 502$"),
        (200, "not json", {}, ProtocolError, "not JSON"),
    ],
)
async def test_http_error_statuses(
    http: FakeHttp,
    status: int,
    body: str,
    headers: dict[str, str],
    error: type[Exception],
    match: str,
) -> None:
    http.respond_next(status, body, headers=headers)
    with pytest.raises(error, match=match) as caught:
        await _info(http).user_fees()
    if isinstance(caught.value, HttpStatusError):
        assert caught.value.status_code == status
        assert isinstance(caught.value, ApiError)  # like an error post reply over the socket
    if isinstance(caught.value, RateLimited):
        assert caught.value.retry_after == (2.0 if headers["Retry-After"] == "2" else None)


async def test_unknown_request_type_is_422_like_the_server(http: FakeHttp) -> None:
    del http.fake.info_handlers["userFees"]
    with pytest.raises(HttpStatusError, match="Failed to deserialize") as caught:
        await _info(http).user_fees()
    assert caught.value.status_code == 422
    assert caught.value.body == "Failed to deserialize the JSON body into the target type"


async def test_long_error_bodies_are_cut(http: FakeHttp) -> None:
    http.respond_next(500, "x" * 10_000)
    with pytest.raises(HttpStatusError) as caught:
        await _info(http).exchange_status()
    assert len(caught.value.body) == 200
    assert caught.value.body.endswith("...")


async def test_timeout(http: FakeHttp, autojump_clock: trio.testing.MockClock) -> None:
    http.delay = 60
    info = _info(http, Settings(request_timeout=5))
    start = trio.current_time()
    with pytest.raises(RequestTimeout, match="within 5"):
        await info.exchange_status()
    assert trio.current_time() - start == pytest.approx(5)


def _failing(exc: Exception) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    ("raised", "error"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), ConnectError),
        (httpx.ConnectTimeout("timed out"), ConnectError),
        (httpx.ReadTimeout("timed out"), RequestTimeout),
        (httpx.ReadError("connection reset"), RequestOutcomeUnknown),
        (httpx.RemoteProtocolError("server disconnected"), RequestOutcomeUnknown),
    ],
)
async def test_transport_failures(raised: Exception, error: type[Exception]) -> None:
    transport = HttpTransport("https://api.example.invalid", transport=_failing(raised))
    with pytest.raises(error):
        await Info(transport).exchange_status()


async def test_secrets_stay_out_of_errors() -> None:
    url = "https://user:hunter2@proxy.example.invalid/hl?key=s3cret"
    transport = HttpTransport(url, transport=_failing(httpx.ReadError("reset")))
    assert "s3cret" not in repr(transport)
    with pytest.raises(RequestOutcomeUnknown) as caught:
        await transport.info({"type": "exchangeStatus"})
    assert "s3cret" not in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_bad_base_url() -> None:
    with pytest.raises(ConfigurationError, match="http"):
        HttpTransport("wss://api.hyperliquid.xyz/ws")


@pytest.mark.parametrize(
    ("network", "url"),
    [
        (MAINNET, "https://api.hyperliquid.xyz"),
        (TESTNET, "https://api.hyperliquid-testnet.xyz"),
        (goldrush("k3y"), "https://api.hyperliquid.xyz"),
        (custom("ws://127.0.0.1:8080/ws?key=abc"), "http://127.0.0.1:8080"),
        (custom("wss://node.example/hl/ws"), "https://node.example/hl"),
    ],
)
def test_http_base_url(network: Any, url: str) -> None:
    assert http_base_url(network) == url


async def test_exchange_endpoint(http: FakeHttp) -> None:
    body = {"status": "ok", "response": {"type": "default"}}
    http.fake.action_handler = lambda payload: body
    transport = http.info_transport()
    assert await transport.exchange({"action": {"type": "noop"}, "nonce": 1}) == body
    assert http.received[-1][0] == "/exchange"


async def test_real_loopback_request_runs_on_trio() -> None:
    """httpx's default transport (httpcore over anyio) on Trio, through a real socket."""

    async def serve(stream: trio.SocketStream) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            request += await stream.receive_some(65536)
        reply = b'{"BTC":"108963.5"}'
        await stream.send_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (len(reply), reply)
        )
        await stream.aclose()

    async with trio.open_nursery() as nursery:
        listeners = await nursery.start(trio.serve_tcp, serve, 0)
        port = listeners[0].socket.getsockname()[1]
        with trio.fail_after(10):  # real sockets: a bound on a real hang, never reached
            mids = await Info(HttpTransport(f"http://127.0.0.1:{port}")).all_mids()
        nursery.cancel_scope.cancel()
    assert mids is not None
    assert str(mids.mids["BTC"]) == "108963.5"


async def test_a_raw_body_given_to_request_is_refused_before_sending(http: FakeHttp) -> None:
    body: Any = {"type": "allMids"}  # what an untyped caller might pass
    with pytest.raises(ConfigurationError, match=r"got dict; send a raw body with client\.info"):
        await _info(http).request(body)
    assert http.received == []
