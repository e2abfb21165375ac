"""The fake server's HTTP side: ``POST /info`` and ``POST /exchange`` served in process.

:class:`FakeHttp` answers from the same scripting as the WebSocket side of a
:class:`~trio_hl.testing.FakeHyperliquid` (``info_handlers``, ``action_handler``), through an
:class:`httpx.MockTransport`: the client under test runs its real request building, status
handling and JSON decoding, with no socket, so it works under ``MockClock`` and offline. (A
loopback server would exercise the socket too, but real I/O and an autojumping clock do not
mix; the socket layer is httpx's, tested upstream.)

Like the real server: an unknown info ``type`` (or a body that is not JSON) answers HTTP 422
with the text ``Failed to deserialize the JSON body into the target type``; a ``null`` reply
is the JSON body ``null``. :meth:`FakeHttp.respond_next` scripts statuses (429, 500...).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, final

import attrs
import httpx
import trio

from .._guards import is_object
from .._http import HttpTransport, http_base_url

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .._settings import Settings
    from ._fake_server import FakeHyperliquid

__all__ = ["FakeHttp"]

UNPROCESSABLE: Final = "Failed to deserialize the JSON body into the target type"

HostHandler = Callable[[str, Any, httpx.Request], httpx.Response]
"""Answers ``(path, parsed body, request)`` for one host."""


@attrs.frozen
class _Scripted:
    status: int
    body: str
    headers: dict[str, str]


@final
class FakeHttp:
    """The HTTP endpoints of ``fake``, for an :class:`~trio_hl._http.HttpTransport`.

    Attributes:
        received: every request as ``(path, parsed JSON body)`` (the raw text if not JSON).
        delay: seconds to wait before answering (``trio.sleep``: instant under
            ``MockClock(autojump_threshold=0)``), to test timeouts.
    """

    def __init__(self, fake: FakeHyperliquid) -> None:
        self.fake = fake
        self.received: list[tuple[str, Any]] = []
        self.delay: float = 0.0
        self._scripted: deque[_Scripted] = deque()
        self.host_handlers: dict[str, HostHandler] = {}
        """Host -> handler answering that host instead (the GoldRush Info API's)."""
        self.transport: Final = httpx.MockTransport(self._handle)
        """The ``httpx`` transport serving these endpoints."""

    @property
    def url(self) -> str:
        """The API base URL matching ``fake.network`` (requests never leave the process)."""
        return http_base_url(self.fake.network)

    def info_transport(self, *, settings: Settings | None = None) -> HttpTransport:
        """An :class:`HttpTransport` wired to these endpoints."""
        return HttpTransport(self.url, settings=settings, transport=self.transport)

    def respond_next(
        self,
        status: int,
        body: str = "",
        *,
        headers: Mapping[str, str] | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` requests with ``status`` and ``body`` (recorded first)."""
        for _ in range(times):
            self._scripted.append(_Scripted(status, body, dict(headers or {})))

    async def respond(self, request: httpx.Request) -> httpx.Response:
        """Answer one request as the transport does (the loopback simulator serves its HTTP
        requests through this). Raises ``httpx.TransportError`` for a lost reply."""
        return await self._handle(request)

    async def _handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        try:
            payload: Any = json.loads(request.content)
        except ValueError:
            payload = request.content.decode("utf-8", "replace")
        self.received.append((path, payload))
        if self.delay:
            await trio.sleep(self.delay)
        else:
            await trio.lowlevel.checkpoint()
        if self._scripted:
            scripted = self._scripted.popleft()
            return httpx.Response(scripted.status, text=scripted.body, headers=scripted.headers)
        host_handler = self.host_handlers.get(request.url.host)
        if host_handler is not None:
            return host_handler(path, payload, request)
        if request.method != "POST":
            return httpx.Response(405, text="Method Not Allowed")
        if not is_object(payload):
            return httpx.Response(422, text=UNPROCESSABLE)
        if path == "/info":
            return self._info(payload)
        if path == "/exchange":
            handler = self.fake.action_handler
            body = (
                handler(payload)
                if handler is not None
                else {"status": "err", "response": "fake server: no action handler"}
            )
            simulation = self.fake.simulation
            if simulation is not None:
                lost = simulation.take_lost_reply()
                await simulation.publish()
                if lost:
                    raise httpx.ReadError("connection lost before the reply", request=request)
            return httpx.Response(200, json=body)
        return httpx.Response(404, text="Not Found")

    def _info(self, payload: dict[str, Any]) -> httpx.Response:
        info_type = payload.get("type")
        handlers = self.fake.info_handlers
        if not isinstance(info_type, str) or info_type not in handlers:
            return httpx.Response(422, text=UNPROCESSABLE)
        handler = handlers[info_type]
        data = handler(payload) if callable(handler) else handler
        return httpx.Response(200, content=json.dumps(data).encode(), headers=_JSON)


_JSON: Final = {"Content-Type": "application/json"}
