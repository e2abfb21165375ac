"""The familiar ``Api`` surface (``api.ws.run()``, ``api.ws.subscriptions.l2_book(...)``).

A thin layer over :func:`open_client`: ``run()`` is an ``open_*``-style context manager that
owns its nursery, and ``run_forever`` is a ``nursery.start`` target. Neither starts a task
outside a nursery the caller owns.
"""

from __future__ import annotations

import functools
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, final, overload

import attrs
import trio

from ._account import normalise_address
from ._client import Client, IdleTimeout, open_client
from ._http import HttpTransport, http_base_url, info_transport
from ._info import Info
from ._nonces import SHARED_NONCES
from ._settings import Settings
from ._universe import Universe, load_universe
from .errors import ConfigurationError, NotRunning, SubscriptionError
from .models.goldrush import (
    AllFills,
    AllFillsSubscription,
    BuilderFills,
    BuilderFillsSubscription,
    BuilderLiquidations,
    BuilderLiquidationsSubscription,
    GoldRushUnknown,
    L2BookDiff2Subscription,
    L2BookDiffSubscription,
    L2Diff2Batch,
    L2DiffSnapshot,
    L2DiffUpdates,
    L4BookUpdatesSubscription,
    L4UpdatesBatch,
    LiquidationFills,
    LiquidationFillsSubscription,
)
from .models.subscriptions import (
    ActiveAssetCtxSubscription,
    ActiveAssetDataSubscription,
    AllDexsAssetCtxsSubscription,
    AllDexsClearinghouseStateSubscription,
    AllMidsSubscription,
    AssetCtxsSubscription,
    BboSubscription,
    CandleSubscription,
    ClearinghouseStateSubscription,
    L2BookSubscription,
    L4BookSubscription,
    NotificationSubscription,
    OpenOrdersSubscription,
    OrderUpdatesSubscription,
    SpotAssetCtxsSubscription,
    SpotStateSubscription,
    StreamRestarted,
    SubscriptionRequest,
    TradesSubscription,
    TwapStatesSubscription,
    UserEventsSubscription,
    UserFillsSubscription,
    UserFundingsSubscription,
    UserHistoricalOrdersSubscription,
    UserNonFundingLedgerUpdatesSubscription,
    UserTwapHistorySubscription,
    UserTwapSliceFillsSubscription,
    WebData2Subscription,
    WebData3Subscription,
)
from .networks import MAINNET, Network

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Mapping, Sequence

    from ._account import Account
    from ._exchange import Exchange
    from ._nonces import NonceSource
    from ._policy import BufferPolicy
    from ._streams import SharedSendChannel, Stream
    from .models.account import (
        ActiveAssetData,
        AllDexsClearinghouseState,
        ClearinghouseStateUpdate,
        OpenOrders,
        SpotState,
        TwapStates,
        WebData2,
        WebData3,
    )
    from .models.l4 import L4Snapshot, L4Updates
    from .models.market import (
        ActiveAssetCtx,
        ActiveSpotAssetCtx,
        AllDexsAssetCtxs,
        AllMids,
        AssetCtxs,
        Bbo,
        Candle,
        L2Book,
        SpotAssetCtxs,
        Trades,
    )
    from .models.user import (
        Notification,
        OrderUpdates,
        UserEvent,
        UserFills,
        UserFundings,
        UserHistoricalOrders,
        UserNonFundingLedgerUpdates,
        UserTwapHistory,
        UserTwapSliceFills,
    )

__all__ = ["Api", "Subscriptions", "Ws"]

M = TypeVar("M")


@final
class Subscriptions:
    """``api.ws.subscriptions``: one method per channel, each returning ``(sid, stream)``.

    Every method accepts ``policy=`` (a :class:`~trio_hl.BufferPolicy`, overriding the
    channel's default). :meth:`subscribe` takes any request object instead, and with
    ``send_channel=`` (from :func:`~trio_hl.open_shared_channel`) merges several
    subscriptions into one stream. Streams yield typed messages and a
    :class:`~trio_hl.models.StreamRestarted` marker after every reconnect (what it means per
    channel is documented on the marker).

    User streams take ``address="0x..."`` or ``account=`` per call, else the ``account``
    the Api was created with; without any they raise ``ConfigurationError`` before any I/O.
    Addresses are validated and lower-cased. Two users on one connection are refused for
    ``order_updates``, ``user_events`` and ``notification``, whose frames carry no user.

    ``asset=`` takes a name, an alias or an id. With a universe loaded (the default of
    ``Api.create``), a name it does not know raises ``UnknownAsset`` naming close matches
    (``'BTCC'; did you mean 'BTC'?``) before anything is sent, unless the Api was made with
    ``allow_unknown_assets=True``.

    Raises (every method): ``UnknownAsset``, ``ConfigurationError`` (bad argument, no user),
    ``NotRunning``, ``SubscriptionError`` (refused by the server or by a client-side rule: a
    limit, or frames indistinguishable from a live subscription's), ``RequestTimeout`` (no
    ack).
    """

    def __init__(self, api: Api, ws: Ws) -> None:
        self._api = api
        self._ws = ws

    def _user(self, method: str, address: str | None, account: Account | None) -> str:
        """The address a user stream is for: ``address=``, else ``account=``, else the
        Api's account. Only the address is used; a secret key never leaves the account."""
        if address is not None and account is not None:
            raise ConfigurationError(f"{method}: pass address= or account=, not both")
        if address is not None:
            return normalise_address(address)
        chosen = account if account is not None else self._api.account
        if chosen is None:
            raise ConfigurationError(
                f"{method} is a user stream and needs a user: pass address='0x...' or "
                "account=Account(address=...) to this call, or create the Api with a default "
                "account (await Api.create(account=...))"
            )
        return chosen.address

    def _wallets(
        self,
        method: str,
        address: str | None,
        account: Account | None,
        addresses: Sequence[str] | None,
    ) -> dict[str, Any]:
        """``user=`` or, for GoldRush's multi-wallet bodies, ``addresses=`` (not both)."""
        if addresses is None:
            return {"user": self._user(method, address, account)}
        if address is not None or account is not None:
            raise ConfigurationError(f"{method}: pass addresses= alone, or address=/account=")
        return {"addresses": addresses}

    def _coin(self, asset: str | int) -> str:
        """The wire coin for ``asset``: a name, an alias (``"HYPE/USDC"`` -> ``"@107"``) or
        an asset id, resolved through the Api's universe when one is loaded.

        A name the loaded universe does not know raises :class:`UnknownAsset` with close
        matches, as orders and info queries do: the server would take the subscription and
        then stay silent. ``Api(allow_unknown_assets=True)`` sends such names as given
        instead (a listing newer than the universe). Without a universe, names are sent as
        given (there is nothing to check them against).
        """
        api = self._api
        universe = api.universe
        if asset == "":
            return ""  # the request refuses it with its own ConfigurationError
        if universe is None:
            if isinstance(asset, bool) or not isinstance(asset, str):
                raise ConfigurationError(
                    f"asset ids need a loaded universe; pass the coin name instead of {asset!r:.60}"
                )
            return asset
        known = universe.get(asset)
        if known is not None:
            return known.name
        if api.allow_unknown_assets and isinstance(asset, str):
            return asset
        return universe.coin(asset)  # raises UnknownAsset with suggestions

    async def _open(
        self, request: SubscriptionRequest[M], policy: BufferPolicy | None
    ) -> tuple[int, Stream[M | StreamRestarted]]:
        return await self._ws.client.open_subscription(request, policy=policy)

    @overload
    async def subscribe(
        self,
        request: SubscriptionRequest[M],
        *,
        policy: BufferPolicy | None = None,
        idle_timeout: IdleTimeout = "default",
    ) -> tuple[int, Stream[M | StreamRestarted]]: ...
    @overload
    async def subscribe(
        self,
        request: SubscriptionRequest[Any],
        *,
        send_channel: SharedSendChannel,
        idle_timeout: IdleTimeout = "default",
    ) -> tuple[int, Stream[object]]: ...
    async def subscribe(
        self,
        request: SubscriptionRequest[Any],
        *,
        policy: BufferPolicy | None = None,
        send_channel: SharedSendChannel | None = None,
        idle_timeout: IdleTimeout = "default",
    ) -> tuple[int, Stream[Any]]:
        """Subscribe to any channel by its request class, e.g.
        ``subscribe(L2BookSubscription(coin="BTC"))``; the request's ``coin`` is resolved
        through the universe as ``asset=`` is by the named methods.

        Args:
            request: what to subscribe to (a class of :mod:`trio_hl.models`).
            policy: override the channel's default buffer policy.
            send_channel: feed the shared stream of :func:`~trio_hl.open_shared_channel`
                instead of a stream of its own (that stream's policy applies; the shared
                stream is returned).
            idle_timeout: seconds of silence after which the subscription is sent again,
                with a ``StreamRestarted(reason="idle")`` marker (see
                :meth:`trio_hl.Client.subscribe`); ``"default"``: on for ``l2Book`` and
                ``allMids`` only, as for the named methods; ``None``: off.
        """
        coin = getattr(request, "coin", None)
        if isinstance(coin, str):
            request = attrs.evolve(request, coin=self._coin(coin))  # type: ignore[misc]
        client = self._ws.client
        if send_channel is None:
            return await client.open_subscription(request, policy=policy, idle_timeout=idle_timeout)
        if policy is not None:
            raise SubscriptionError(
                "a subscription feeding a shared channel uses that channel's policy"
            )
        return await client.open_subscription(
            request, send_channel=send_channel, idle_timeout=idle_timeout
        )

    async def l2_book(
        self,
        *,
        asset: str | int | None = None,
        n_sig_figs: int | None = None,
        mantissa: int | None = None,
        fast: bool = False,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[L2Book | StreamRestarted]]:
        """Full L2 books of ``asset``; ``asset=None`` is GoldRush's every-coin wildcard.

        Default policy: keep the latest book (1; 1024 for the wildcard).
        """
        request = L2BookSubscription(
            coin=None if asset is None else self._coin(asset),
            n_sig_figs=n_sig_figs,
            mantissa=mantissa,
            fast=fast,
        )
        return await self._open(request, policy)

    async def trades(
        self,
        *,
        asset: str | int,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[Trades | StreamRestarted]]:
        """Public trades of ``asset``, a batch per message. Default: fail on overflow (1024)."""
        return await self._open(TradesSubscription(coin=self._coin(asset)), policy)

    async def candle(
        self,
        *,
        asset: str | int,
        interval: str,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[Candle | StreamRestarted]]:
        """Candles of ``asset`` at ``interval`` (``"1m"`` to ``"1M"``); fail on overflow."""
        request = CandleSubscription(coin=self._coin(asset), interval=interval)
        return await self._open(request, policy)

    async def bbo(
        self,
        *,
        asset: str | int,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[Bbo | StreamRestarted]]:
        """Best bid and offer of ``asset``. Default: keep the latest."""
        return await self._open(BboSubscription(coin=self._coin(asset)), policy)

    async def all_mids(
        self,
        *,
        dex: str | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[AllMids | StreamRestarted]]:
        """Every mid price (of a builder dex with ``dex=``). Default: keep the latest."""
        return await self._open(AllMidsSubscription(dex=dex), policy)

    async def active_asset_ctx(
        self,
        *,
        asset: str | int,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[ActiveAssetCtx | ActiveSpotAssetCtx | StreamRestarted]]:
        """Live context of ``asset``: perp or spot model depending on the coin."""
        return await self._open(ActiveAssetCtxSubscription(coin=self._coin(asset)), policy)

    async def notification(
        self,
        *,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[Notification | StreamRestarted]]:
        """Free-text notifications. No user in the frames: one user per connection;
        nothing is replayed after a reconnect. Default: fail on overflow."""
        return await self._open(
            NotificationSubscription(user=self._user("notification", address, account)),
            policy,
        )

    async def web_data2(
        self,
        *,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[WebData2 | StreamRestarted]]:
        """The legacy front-end aggregate (large; prefer ``web_data3``). Keep-latest."""
        return await self._open(
            WebData2Subscription(user=self._user("web_data2", address, account)),
            policy,
        )

    async def web_data3(
        self,
        *,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[WebData3 | StreamRestarted]]:
        """The light front-end aggregate of the user. Keep-latest."""
        return await self._open(
            WebData3Subscription(user=self._user("web_data3", address, account)),
            policy,
        )

    async def order_updates(
        self,
        *,
        address: str | None = None,
        account: Account | None = None,
        addresses: Sequence[str] | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[OrderUpdates | StreamRestarted]]:
        """Order status changes. No user in Hyperliquid's frames: one ``orderUpdates``
        body per connection; nothing is replayed after a reconnect (reconcile with the
        ``openOrders`` info request at the restart marker). GoldRush only: ``addresses``
        (1 to 1,000 wallets) on one subscription, each update naming its ``user``. Default:
        fail on overflow."""
        wallets = self._wallets("order_updates", address, account, addresses)
        return await self._open(OrderUpdatesSubscription(**wallets), policy)

    async def user_events(
        self,
        *,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[UserEvent | StreamRestarted]]:
        """Fills, funding, liquidations, non-user cancels and TWAP events (a tagged
        union). No user in the frames: one user per connection; nothing is replayed after a
        reconnect. Default: fail on overflow."""
        return await self._open(
            UserEventsSubscription(user=self._user("user_events", address, account)),
            policy,
        )

    async def user_fills(
        self,
        *,
        aggregate_by_time: bool = False,
        address: str | None = None,
        account: Account | None = None,
        addresses: Sequence[str] | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[UserFills | StreamRestarted]]:
        """The user's fills: a snapshot, then new fills; gap-free and duplicate-free
        across reconnects (see :class:`~trio_hl.models.UserFillsSubscription`). GoldRush
        only: ``addresses`` (1 to 1,000 wallets, live only), one ``UserFills`` per wallet
        and block. Default: fail on overflow."""
        wallets = self._wallets("user_fills", address, account, addresses)
        return await self._open(
            UserFillsSubscription(**wallets, aggregate_by_time=aggregate_by_time), policy
        )

    async def user_fundings(
        self,
        *,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[UserFundings | StreamRestarted]]:
        """Hourly funding payments, a snapshot first. Default: fail on overflow."""
        return await self._open(
            UserFundingsSubscription(user=self._user("user_fundings", address, account)),
            policy,
        )

    async def user_non_funding_ledger_updates(
        self,
        *,
        address: str | None = None,
        account: Account | None = None,
        addresses: Sequence[str] | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[UserNonFundingLedgerUpdates | StreamRestarted]]:
        """Deposits, transfers, withdrawals..., a snapshot first. GoldRush only:
        ``addresses`` (1 to 1,000 wallets, live only), one message per wallet. Default:
        fail on overflow."""
        wallets = self._wallets("user_non_funding_ledger_updates", address, account, addresses)
        return await self._open(UserNonFundingLedgerUpdatesSubscription(**wallets), policy)

    async def active_asset_data(
        self,
        *,
        asset: str | int,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[ActiveAssetData | StreamRestarted]]:
        """Leverage and tradeable sizes of the user on perpetual ``asset``. Keep-latest."""
        return await self._open(
            ActiveAssetDataSubscription(
                user=self._user("active_asset_data", address, account),
                coin=self._coin(asset),
            ),
            policy,
        )

    async def user_twap_slice_fills(
        self,
        *,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[UserTwapSliceFills | StreamRestarted]]:
        """Fills of the user's TWAP slices, a snapshot first. Default: fail on overflow."""
        return await self._open(
            UserTwapSliceFillsSubscription(
                user=self._user("user_twap_slice_fills", address, account)
            ),
            policy,
        )

    async def user_twap_history(
        self,
        *,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[UserTwapHistory | StreamRestarted]]:
        """The user's TWAP history (``time`` in seconds), a snapshot first. Default: fail
        on overflow."""
        return await self._open(
            UserTwapHistorySubscription(user=self._user("user_twap_history", address, account)),
            policy,
        )

    async def clearinghouse_state(
        self,
        *,
        dex: str | None = None,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[ClearinghouseStateUpdate | StreamRestarted]]:
        """The user's perpetual account on ``dex`` (main by default). Keep-latest."""
        return await self._open(
            ClearinghouseStateSubscription(
                user=self._user("clearinghouse_state", address, account), dex=dex
            ),
            policy,
        )

    async def open_orders(
        self,
        *,
        dex: str | None = None,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[OpenOrders | StreamRestarted]]:
        """Every open order of the user on ``dex`` (main by default). Keep-latest."""
        return await self._open(
            OpenOrdersSubscription(user=self._user("open_orders", address, account), dex=dex),
            policy,
        )

    async def spot_state(
        self,
        *,
        ignore_portfolio_margin: bool = False,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[SpotState | StreamRestarted]]:
        """The user's spot balances. Keep-latest."""
        return await self._open(
            SpotStateSubscription(
                user=self._user("spot_state", address, account),
                ignore_portfolio_margin=ignore_portfolio_margin,
            ),
            policy,
        )

    async def twap_states(
        self,
        *,
        dex: str | None = None,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[TwapStates | StreamRestarted]]:
        """The user's running TWAPs on ``dex`` (main by default). Keep-latest."""
        return await self._open(
            TwapStatesSubscription(user=self._user("twap_states", address, account), dex=dex),
            policy,
        )

    async def all_dexs_clearinghouse_state(
        self,
        *,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[AllDexsClearinghouseState | StreamRestarted]]:
        """The user's perpetual account on every dex. Keep-latest."""
        return await self._open(
            AllDexsClearinghouseStateSubscription(
                user=self._user("all_dexs_clearinghouse_state", address, account)
            ),
            policy,
        )

    async def user_historical_orders(
        self,
        *,
        address: str | None = None,
        account: Account | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[UserHistoricalOrders | StreamRestarted]]:
        """The user's order history, a snapshot first. Default: fail on overflow."""
        return await self._open(
            UserHistoricalOrdersSubscription(
                user=self._user("user_historical_orders", address, account)
            ),
            policy,
        )

    async def asset_ctxs(
        self,
        *,
        dex: str | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[AssetCtxs | StreamRestarted]]:
        """Contexts of every perpetual of ``dex`` (main by default). Keep-latest."""
        return await self._open(AssetCtxsSubscription(dex=dex), policy)

    async def spot_asset_ctxs(
        self, *, policy: BufferPolicy | None = None
    ) -> tuple[int, Stream[SpotAssetCtxs | StreamRestarted]]:
        """Contexts of every spot asset. Keep-latest."""
        return await self._open(SpotAssetCtxsSubscription(), policy)

    async def all_dexs_asset_ctxs(
        self, *, policy: BufferPolicy | None = None
    ) -> tuple[int, Stream[AllDexsAssetCtxs | StreamRestarted]]:
        """Perpetual contexts of every dex. Keep-latest."""
        return await self._open(AllDexsAssetCtxsSubscription(), policy)

    async def l4_book(
        self,
        *,
        asset: str | int,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[L4Snapshot | L4Updates | StreamRestarted]]:
        """GoldRush's order-level book of ``asset``: a ``Snapshot``, then ``Updates``
        per block (feed them to :class:`trio_hl.books.L4Book`). Default: fail on overflow."""
        return await self._open(L4BookSubscription(coin=self._coin(asset)), policy)

    def _coins(self, asset: str | int | Sequence[str | int] | None) -> str | list[str] | None:
        if asset is None or isinstance(asset, str | int):
            return None if asset is None else self._coin(asset)
        return [self._coin(a) for a in asset]

    async def l2_book_diff(
        self,
        *,
        asset: str | int | Sequence[str | int] | None = None,
        market_types: Sequence[str] | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[L2DiffSnapshot | L2DiffUpdates | GoldRushUnknown | StreamRestarted]]:
        """GoldRush's L2 diffs of one asset, a list, or every asset (``asset=None``, with
        ``market_types``): a ``Snapshot`` per coin, then per-block ``Updates``. Keep exact
        books with :class:`trio_hl.books.L2DiffBooks`. Default: fail on overflow."""
        request = L2BookDiffSubscription(coin=self._coins(asset), market_types=market_types)
        return await self._open(request, policy)

    async def l2_book_diff2(
        self,
        *,
        asset: str | int | Sequence[str | int] | None = None,
        market_types: Sequence[str] | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[L2Diff2Batch | GoldRushUnknown | StreamRestarted]]:
        """GoldRush's sequenced, diff-only L2 stream (bootstrap with ``l2BookDiffSnapshot``;
        :func:`trio_hl.books.open_l2_diff_books` does it all). Default: fail on overflow."""
        request = L2BookDiff2Subscription(coin=self._coins(asset), market_types=market_types)
        return await self._open(request, policy)

    async def l4_book_updates(
        self,
        *,
        asset: str | int | Sequence[str | int],
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[L4UpdatesBatch | GoldRushUnknown | StreamRestarted]]:
        """GoldRush's sequenced order-level diffs of one asset or a list (bootstrap with
        ``l4BookSnapshot``; :func:`trio_hl.books.open_l4_books`). Default: fail on overflow."""
        coins = self._coins(asset)
        assert coins is not None  # asset is required
        return await self._open(L4BookUpdatesSubscription(coin=coins), policy)

    async def liquidation_fills(
        self, *, aggregate_by_time: bool | None = None, policy: BufferPolicy | None = None
    ) -> tuple[int, Stream[LiquidationFills | GoldRushUnknown | StreamRestarted]]:
        """GoldRush's global liquidation fills, one batch per block. Default: fail on
        overflow."""
        request = LiquidationFillsSubscription(aggregate_by_time=aggregate_by_time)
        return await self._open(request, policy)

    async def builder_fills(
        self,
        *,
        builder: str | None = None,
        addresses: Sequence[str] | None = None,
        dex: str | None = None,
        aggregate_by_time: bool | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[BuilderFills | GoldRushUnknown | StreamRestarted]]:
        """GoldRush's fills routed through one builder (``builder``) or several
        (``addresses``). Default: fail on overflow."""
        request = BuilderFillsSubscription(
            builder=builder, addresses=addresses, dex=dex, aggregate_by_time=aggregate_by_time
        )
        return await self._open(request, policy)

    async def builder_liquidations(
        self,
        *,
        builder: str,
        dex: str | None = None,
        aggregate_by_time: bool | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[BuilderLiquidations | GoldRushUnknown | StreamRestarted]]:
        """GoldRush's liquidation fills attributed to ``builder``. Default: fail on
        overflow."""
        request = BuilderLiquidationsSubscription(
            builder=builder, dex=dex, aggregate_by_time=aggregate_by_time
        )
        return await self._open(request, policy)

    async def all_fills(
        self,
        *,
        asset: str | int | None = None,
        aggregate_by_time: bool | None = None,
        policy: BufferPolicy | None = None,
    ) -> tuple[int, Stream[AllFills | GoldRushUnknown | StreamRestarted]]:
        """GoldRush's every fill on HyperCore (or of ``asset``), one batch per block.
        Default: fail on overflow."""
        coin = None if asset is None else self._coin(asset)
        request = AllFillsSubscription(coin=coin, aggregate_by_time=aggregate_by_time)
        return await self._open(request, policy)

    async def unsubscribe(self, sid: int) -> None:
        """End subscription ``sid``; its stream ends after its buffered messages."""
        await self._ws.client.unsubscribe(sid)


@final
class Ws:
    """``api.ws``: the WebSocket connection and its interfaces."""

    def __init__(self, api: Api) -> None:
        self._api = api
        self._client: Client | None = None
        self.subscriptions: Subscriptions = Subscriptions(api, self)
        self.info: Info = Info(self._post_info, account=api.account, universe=lambda: api.universe)
        """Info requests over this connection (``NotRunning`` outside ``run()``)."""

    @functools.cached_property
    def exchange(self) -> Exchange:
        """Signed exchange actions over this connection (``NotRunning`` outside ``run()``);
        the same methods as ``api.exchange``, sharing its nonces."""
        # Built on first use: a market-data program never loads signing (see _exchange).
        from ._exchange import Exchange

        api = self._api
        return Exchange(
            self._post_action,
            is_mainnet=api.network.is_mainnet,
            account=api.account,
            universe=lambda: api.universe,
            info=self.info,
            nonces=api.nonces,
        )

    @property
    def running(self) -> bool:
        """Connected (inside ``run()`` / ``run_forever``)."""
        return self._client is not None

    async def _post_info(self, payload: Mapping[str, Any]) -> Any:
        return await self.client.info(payload)

    async def _post_action(self, payload: Mapping[str, Any]) -> Any:
        return await self.client.action(payload)

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
    async def run(self) -> AsyncGenerator[Client, None]:
        """Connect for the duration of the block (the connection owns a nursery inside it).

        Raises:
            ConfigurationError: already running (one connection per ``Api``).
            KeyRejected / HandshakeRejected / ConnectError: see :func:`~trio_hl.open_client`.
        """
        if self._client is not None:
            raise ConfigurationError(
                "api.ws is already running: one connection per Api; create another Api "
                "for a second connection"
            )
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
        universe: Universe | None = None,
        nonces: NonceSource | None = None,
        allow_unknown_assets: bool = False,
    ) -> None:
        self.network = network
        self.account = account
        self.settings: Settings = settings or Settings()
        self.universe = universe
        """Names and ids of every asset (``None`` until loaded; see :meth:`refresh_universe`)."""
        self.allow_unknown_assets = allow_unknown_assets
        """Subscriptions send coin names the loaded universe does not know as given, instead
        of raising :class:`~trio_hl.errors.UnknownAsset` (for listings newer than it)."""
        self.http: HttpTransport = HttpTransport(
            http_base_url(network),
            settings=self.settings,
            transport=network.http_transport,
            # GoldRush takes no actions: they go to Hyperliquid's API, which this is.
            venue="hyperliquid" if network.venue == "goldrush" else network.venue,
        )
        self.info: Info = Info(
            info_transport(network, settings=self.settings),
            account=account,
            universe=lambda: self.universe,
        )
        """Info requests over HTTP (no connection needed); on ``goldrush(key)`` networks,
        GoldRush's Info API (see :class:`trio_hl._http.GoldRushInfo`)."""
        # GoldRush serves no universe metadata (perpDexs, meta, spotMeta): on its networks
        # the universe comes from Hyperliquid's public API, whose data GoldRush mirrors.
        self._universe_info = (
            Info(self.http, account=account) if network.venue == "goldrush" else None
        )
        self.nonces: NonceSource = nonces if nonces is not None else SHARED_NONCES
        """Nonces of every action signed through this Api: both transports share them, and by
        default every Api of the process does too."""
        self.ws: Ws = Ws(self)

    @functools.cached_property
    def exchange(self) -> Exchange:
        """Signed exchange actions over HTTP (no connection needed)."""
        # Built on first use: a market-data program never loads signing (see _exchange).
        from ._exchange import Exchange

        return Exchange(
            self.http.exchange,
            is_mainnet=self.network.is_mainnet,
            account=self.account,
            universe=lambda: self.universe,
            info=self.info,
            nonces=self.nonces,
        )

    @classmethod
    async def create(
        cls,
        *,
        network: Network = MAINNET,
        account: Account | None = None,
        settings: Settings | None = None,
        load_universe: bool = True,
        allow_unknown_assets: bool = False,
    ) -> Api:
        """Build an ``Api`` and load the asset universe (over HTTP: no socket is open yet).

        Args:
            network: ``MAINNET`` (default), ``TESTNET``, ``goldrush(key)`` or ``custom(url)``.
            account: the default account for user streams, info queries and signed actions.
            settings: connection settings (timeouts, heartbeat, backoff, frame limits).
            load_universe: fetch ``perpDexs``, every perp dex's ``meta`` and ``spotMeta``
                now, so ``asset=`` accepts names and ids everywhere, and unknown names
                are refused with suggestions.
            allow_unknown_assets: let subscriptions send names the universe does not know
                as given (a coin listed after the universe was loaded) rather than raise
                :class:`~trio_hl.errors.UnknownAsset`; ``await api.refresh_universe()`` is
                the other way to reach a new listing.

        Raises:
            HttpStatusError, RateLimited, ConnectError, RequestTimeout, DecodeError: loading
                the universe failed.
        """
        api = cls(
            network=network,
            account=account,
            settings=settings,
            allow_unknown_assets=allow_unknown_assets,
        )
        if load_universe:
            await api.refresh_universe()
        else:
            await trio.lowlevel.checkpoint()
        return api

    async def refresh_universe(self) -> Universe:
        """Reload the universe (after a listing): over the socket when ``api.ws`` is running,
        else over HTTP (on GoldRush networks, from Hyperliquid's public API: GoldRush does
        not serve the metadata types). Lookups switch to the new universe at once."""
        if self._universe_info is not None:
            info = self._universe_info
        else:
            info = self.ws.info if self.ws.running else self.info
        self.universe = await load_universe(info)
        return self.universe

    def __repr__(self) -> str:
        return f"Api(network={self.network!r}, account={self.account!r})"
