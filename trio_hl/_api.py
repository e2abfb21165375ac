"""The familiar ``Api`` surface (``api.ws.run()``, ``api.ws.subscriptions.l2_book(...)``).

A thin layer over :func:`open_client`: ``run()`` is an ``open_*``-style context manager that
owns its nursery, and ``run_forever`` is a ``nursery.start`` target. Neither starts a task
outside a nursery the caller owns.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, NoReturn, TypeVar, final, overload

import trio

from ._client import Client, open_client
from ._settings import Settings
from .errors import NotRunning
from .models.subscriptions import (
    ActiveAssetCtxSubscription,
    AllMidsSubscription,
    BboSubscription,
    CandleSubscription,
    L2BookSubscription,
    StreamRestarted,
    SubscriptionRequest,
    TradesSubscription,
)
from .networks import MAINNET, Network

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from ._account import Account
    from ._fanout import SharedSendChannel, Stream
    from ._policy import BufferPolicy
    from .models.market import (
        ActiveAssetCtx,
        ActiveSpotAssetCtx,
        AllMids,
        Bbo,
        Candle,
        L2Book,
        Trades,
    )

__all__ = ["Api", "Subscriptions", "Ws"]

M = TypeVar("M")


@final
class Subscriptions:
    """``api.ws.subscriptions``: one method per channel, each returning ``(sid, stream)``.

    Every method accepts ``policy=`` (a :class:`~trio_hl.BufferPolicy`, overriding the
    channel's default) or ``send_channel=`` (from :func:`~trio_hl.open_shared_channel`, to
    merge several subscriptions into one stream). Streams yield typed messages and a
    :class:`~trio_hl.models.StreamRestarted` marker after every reconnect.
    """

    def __init__(self, ws: Ws) -> None:
        self._ws = ws

    async def _open(
        self,
        request: SubscriptionRequest[M],
        policy: BufferPolicy | None,
        send_channel: SharedSendChannel | None,
    ) -> tuple[int, Stream[M | StreamRestarted]]:
        return await self._ws.client.open_subscription(
            request, policy=policy, send_channel=send_channel
        )

    @overload
    async def l2_book(
        self,
        *,
        asset: str | None = ...,
        n_sig_figs: int | None = ...,
        mantissa: int | None = ...,
        fast: bool = ...,
        policy: BufferPolicy | None = ...,
        send_channel: None = ...,
    ) -> tuple[int, Stream[L2Book | StreamRestarted]]: ...
    @overload
    async def l2_book(
        self,
        *,
        asset: str | None = ...,
        n_sig_figs: int | None = ...,
        mantissa: int | None = ...,
        fast: bool = ...,
        send_channel: SharedSendChannel,
    ) -> tuple[int, Stream[object]]: ...
    async def l2_book(
        self,
        *,
        asset: str | None = None,
        n_sig_figs: int | None = None,
        mantissa: int | None = None,
        fast: bool = False,
        policy: BufferPolicy | None = None,
        send_channel: SharedSendChannel | None = None,
    ) -> tuple[int, Stream[L2Book | StreamRestarted]] | tuple[int, Stream[object]]:
        """Full L2 books of ``asset``; ``asset=None`` is GoldRush's every-coin wildcard.

        Default policy: keep the latest book (1; 1024 for the wildcard).
        """
        request = L2BookSubscription(
            coin=asset, n_sig_figs=n_sig_figs, mantissa=mantissa, fast=fast
        )
        return await self._open(request, policy, send_channel)

    @overload
    async def trades(
        self, *, asset: str, policy: BufferPolicy | None = ..., send_channel: None = ...
    ) -> tuple[int, Stream[Trades | StreamRestarted]]: ...
    @overload
    async def trades(
        self, *, asset: str, send_channel: SharedSendChannel
    ) -> tuple[int, Stream[object]]: ...
    async def trades(
        self,
        *,
        asset: str,
        policy: BufferPolicy | None = None,
        send_channel: SharedSendChannel | None = None,
    ) -> tuple[int, Stream[Trades | StreamRestarted]] | tuple[int, Stream[object]]:
        """Public trades of ``asset``, a batch per message. Default: fail on overflow (1024)."""
        return await self._open(TradesSubscription(coin=asset), policy, send_channel)

    @overload
    async def candle(
        self,
        *,
        asset: str,
        interval: str,
        policy: BufferPolicy | None = ...,
        send_channel: None = ...,
    ) -> tuple[int, Stream[Candle | StreamRestarted]]: ...
    @overload
    async def candle(
        self, *, asset: str, interval: str, send_channel: SharedSendChannel
    ) -> tuple[int, Stream[object]]: ...
    async def candle(
        self,
        *,
        asset: str,
        interval: str,
        policy: BufferPolicy | None = None,
        send_channel: SharedSendChannel | None = None,
    ) -> tuple[int, Stream[Candle | StreamRestarted]] | tuple[int, Stream[object]]:
        """Candles of ``asset`` at ``interval`` (``"1m"`` to ``"1M"``); fail on overflow."""
        request = CandleSubscription(coin=asset, interval=interval)
        return await self._open(request, policy, send_channel)

    @overload
    async def bbo(
        self, *, asset: str, policy: BufferPolicy | None = ..., send_channel: None = ...
    ) -> tuple[int, Stream[Bbo | StreamRestarted]]: ...
    @overload
    async def bbo(
        self, *, asset: str, send_channel: SharedSendChannel
    ) -> tuple[int, Stream[object]]: ...
    async def bbo(
        self,
        *,
        asset: str,
        policy: BufferPolicy | None = None,
        send_channel: SharedSendChannel | None = None,
    ) -> tuple[int, Stream[Bbo | StreamRestarted]] | tuple[int, Stream[object]]:
        """Best bid and offer of ``asset``. Default: keep the latest."""
        return await self._open(BboSubscription(coin=asset), policy, send_channel)

    @overload
    async def all_mids(
        self, *, dex: str | None = ..., policy: BufferPolicy | None = ..., send_channel: None = ...
    ) -> tuple[int, Stream[AllMids | StreamRestarted]]: ...
    @overload
    async def all_mids(
        self, *, dex: str | None = ..., send_channel: SharedSendChannel
    ) -> tuple[int, Stream[object]]: ...
    async def all_mids(
        self,
        *,
        dex: str | None = None,
        policy: BufferPolicy | None = None,
        send_channel: SharedSendChannel | None = None,
    ) -> tuple[int, Stream[AllMids | StreamRestarted]] | tuple[int, Stream[object]]:
        """Every mid price (of a builder dex with ``dex=``). Default: keep the latest."""
        return await self._open(AllMidsSubscription(dex=dex), policy, send_channel)

    @overload
    async def active_asset_ctx(
        self, *, asset: str, policy: BufferPolicy | None = ..., send_channel: None = ...
    ) -> tuple[int, Stream[ActiveAssetCtx | ActiveSpotAssetCtx | StreamRestarted]]: ...
    @overload
    async def active_asset_ctx(
        self, *, asset: str, send_channel: SharedSendChannel
    ) -> tuple[int, Stream[object]]: ...
    async def active_asset_ctx(
        self,
        *,
        asset: str,
        policy: BufferPolicy | None = None,
        send_channel: SharedSendChannel | None = None,
    ) -> (
        tuple[int, Stream[ActiveAssetCtx | ActiveSpotAssetCtx | StreamRestarted]]
        | tuple[int, Stream[object]]
    ):
        """Live context of ``asset``: perp or spot model depending on the coin."""
        return await self._open(ActiveAssetCtxSubscription(coin=asset), policy, send_channel)

    async def unsubscribe(self, sid: int) -> None:
        """End subscription ``sid``; its stream ends after its buffered messages."""
        await self._ws.client.unsubscribe(sid)


@final
class Ws:
    """``api.ws``: the WebSocket connection and its interfaces."""

    def __init__(self, api: Api) -> None:
        self._api = api
        self._client: Client | None = None
        self.subscriptions = Subscriptions(self)

    @property
    def client(self) -> Client:
        """The running client (for the trio-first API: ``client.subscribe(...)``).

        Raises:
            NotRunning: outside ``run()`` / ``run_forever``.
        """
        if self._client is None:
            raise NotRunning(
                "api.ws is not running: use `async with api.ws.run():` or "
                "`await nursery.start(api.ws.run_forever)`"
            )
        return self._client

    @asynccontextmanager
    async def run(self) -> AsyncIterator[Client]:
        """Connect for the duration of the block (the connection owns a nursery inside it).

        Raises:
            NotRunning: already running.
            KeyRejected / HandshakeRejected / ConnectError: see :func:`~trio_hl.open_client`.
        """
        if self._client is not None:
            raise NotRunning("api.ws is already running")
        async with open_client(self._api.network, settings=self._api.settings) as client:
            self._client = client
            try:
                yield client
            finally:
                self._client = None

    async def run_forever(
        self, *, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED
    ) -> NoReturn:
        """``await nursery.start(api.ws.run_forever)``: returns once connected, then keeps the
        connection alive until the nursery is cancelled."""
        async with self.run():
            task_status.started()
            await trio.sleep_forever()


@final
class Api:
    """Entry point in the shape of the seed API: ``api = await Api.create(...)``."""

    def __init__(
        self,
        *,
        network: Network = MAINNET,
        account: Account | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.network = network
        self.account = account
        self.settings = settings or Settings()
        self.ws = Ws(self)

    @classmethod
    async def create(
        cls,
        *,
        network: Network = MAINNET,
        account: Account | None = None,
        settings: Settings | None = None,
    ) -> Api:
        """Build an ``Api``.

        Args:
            network: ``MAINNET`` (default), ``TESTNET``, ``goldrush(key)`` or ``custom(url)``.
            account: the default account for user streams and signed actions.
            settings: connection settings (timeouts, heartbeat, backoff, frame limits).
        """
        await trio.lowlevel.checkpoint()
        return cls(network=network, account=account, settings=settings)

    def __repr__(self) -> str:
        return f"Api(network={self.network!r}, account={self.account!r})"
