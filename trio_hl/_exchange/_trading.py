"""Trading actions of :class:`~trio_hl.Exchange`: orders, cancels, modifies, leverage, margin, TWAP.

Orders are resolved against the universe (names, ids, tick and lot sizes) into the wire
pieces of :mod:`trio_hl.models.exchange`, signed as L1 actions and decoded per entry; the
single-entry methods raise :class:`~trio_hl.errors.OrderRejected` for a failed entry.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._info import Time, to_ms
from .._numbers import (
    round_price,
    to_decimal,
    to_scaled_int,
)
from ..errors import (
    ApiError,
    ConfigurationError,
)
from ..models.exchange import (
    LIMIT_GTC,
    LIMIT_IOC,
    BatchModifyAction,
    BuilderFee,
    CancelAction,
    CancelByCloidAction,
    CancelByCloidWire,
    CancelRequest,
    CancelResult,
    CancelWire,
    Cloid,
    Grouping,
    L1Action,
    ModifyRequest,
    ModifyWire,
    OrderAction,
    OrderRequest,
    OrderResult,
    OrderType,
    PlacedOrder,
    ScheduleCancelAction,
    TopUpIsolatedOnlyMarginAction,
    TwapCancelAction,
    TwapOrderAction,
    TwapRunning,
    TwapWire,
    UpdateIsolatedMarginAction,
    UpdateLeverageAction,
    decode_cancel_statuses,
    decode_order_statuses,
    decode_twap_cancel,
    decode_twap_order,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from .._account import Account
    from .._universe import AssetInfo
from ._base import (
    DEFAULT_SLIPPAGE,
    USDC_DECIMALS,
    ExchangeBase,
    Number,
    only_result,
    placed_order,
    to_fraction,
)


class TradingActions(ExchangeBase):
    """The trading methods of :class:`~trio_hl.Exchange`."""

    async def place_order(
        self,
        *,
        asset: str | int,
        is_buy: bool,
        size: Number,
        limit_price: Number,
        order_type: OrderType = LIMIT_GTC,
        reduce_only: bool = False,
        cloid: Cloid | str | None = None,
        builder: BuilderFee | None = None,
        auto_round: bool = False,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> PlacedOrder:
        """Place one order (``order``, L1).

        Args:
            asset: name or id (``"BTC"``, ``"@107"``, ``"test:ABC"``, ``10107``).
            is_buy: buy or sell.
            size: exact size, at most ``szDecimals`` decimals.
            limit_price: at most 5 significant figures and ``6 - szDecimals`` decimals
                (``8 -`` for spot); integers always allowed.
            order_type: ``LIMIT_GTC``, ``LIMIT_ALO``, ``LIMIT_IOC`` or a trigger type
                (``take_profit_market(px)``...).
            reduce_only: only reduce a position.
            cloid: a client order id (``Cloid`` or ``0x`` + 32 hex digits).
            builder: a builder fee (approved beforehand with ``approve_builder_fee``).
            auto_round: round size and prices to the grid instead of refusing them.
            vault_address: trade for this sub-account or vault.
            expires_after: reject the action after this time (ms or aware datetime).
            account: sign with this account instead of the default.

        Returns:
            ``OrderResting`` (with its oid), ``OrderFilled`` or ``OrderWaiting``.

        Raises:
            OrderRejected: the order's status is an error (the server's message).
            PrecisionError: size or price off the grid (and ``auto_round`` is False).
            and as listed in the module docstring.
        """
        order = OrderRequest(
            asset=asset,
            is_buy=is_buy,
            size=size,
            limit_price=limit_price,
            order_type=order_type,
            reduce_only=reduce_only,
            cloid=cloid,
        )
        results, body = await self._orders(
            [order],
            grouping="na",
            builder=builder,
            auto_round=auto_round,
            vault_address=vault_address,
            expires_after=expires_after,
            account=account,
        )
        return placed_order(results, body)

    async def place_orders(
        self,
        orders: Sequence[OrderRequest],
        *,
        grouping: Grouping = "na",
        builder: BuilderFee | None = None,
        auto_round: bool = False,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> tuple[OrderResult, ...]:
        """Place several orders in one action (one nonce, one signature).

        ``grouping="normalTpsl"`` attaches trigger orders to the batch's first order;
        ``"positionTpsl"`` makes them TP/SL of the whole position.

        Returns:
            One status per order, in order; failed entries are ``OrderError`` values (this
            method does not raise for them).
        """
        results, _ = await self._orders(
            orders,
            grouping=grouping,
            builder=builder,
            auto_round=auto_round,
            vault_address=vault_address,
            expires_after=expires_after,
            account=account,
        )
        return results

    async def _orders(
        self,
        orders: Sequence[OrderRequest],
        *,
        grouping: Grouping,
        builder: BuilderFee | None,
        auto_round: bool,
        vault_address: str | None,
        expires_after: Time | None,
        account: Account | None,
    ) -> tuple[tuple[OrderResult, ...], Mapping[str, Any]]:
        if isinstance(orders, OrderRequest) or not all(
            isinstance(order, OrderRequest) for order in orders
        ):
            raise ConfigurationError("orders must be a sequence of OrderRequest")
        action = OrderAction(
            orders=tuple(self._order_wire(order, auto_round=auto_round) for order in orders),
            grouping=grouping,
            builder=builder,
        )
        body = await self._send_l1(
            action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )
        return decode_order_statuses(body.get("response")), body

    async def market_order(
        self,
        *,
        asset: str | int,
        is_buy: bool,
        size: Number,
        slippage: Number = DEFAULT_SLIPPAGE,
        reference_price: Number | None = None,
        reduce_only: bool = False,
        cloid: Cloid | str | None = None,
        builder: BuilderFee | None = None,
        auto_round: bool = False,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> PlacedOrder:
        """A market order: an IOC limit order at most ``slippage`` worse than the mid.

        The limit price is ``mid * (1 + slippage)`` for a buy and ``mid * (1 - slippage)``
        for a sell, rounded to the asset's tick grid (5 significant figures, ``6 -
        szDecimals`` decimals, ``8 -`` for spot). The mid comes from ``allMids`` (of the
        asset's dex) unless ``reference_price`` is given. The size is checked (or rounded
        with ``auto_round``) before the mid is fetched.

        Returns:
            ``OrderFilled`` (possibly for less than ``size``) or another status.

        Raises:
            OrderRejected: nothing could match (``Order could not immediately match...``).
            ApiError: no mid price for the asset.
        """
        info = self._asset(asset)
        checked_size = self._size(info, size, auto_round=auto_round)
        fraction = to_fraction(slippage, what="slippage")
        if reference_price is not None:
            reference = to_decimal(reference_price, what="reference_price")
        else:
            reference = await self._mid(info)
        bound = reference * (1 + fraction) if is_buy else reference * (1 - fraction)
        price = round_price(bound, info.sz_decimals, is_spot=info.is_spot)
        return await self.place_order(
            asset=info.id,
            is_buy=is_buy,
            size=checked_size,
            limit_price=price,
            order_type=LIMIT_IOC,
            reduce_only=reduce_only,
            cloid=cloid,
            builder=builder,
            vault_address=vault_address,
            expires_after=expires_after,
            account=account,
        )

    async def market_close(
        self,
        *,
        asset: str | int,
        size: Number | None = None,
        slippage: Number = DEFAULT_SLIPPAGE,
        reference_price: Number | None = None,
        cloid: Cloid | str | None = None,
        builder: BuilderFee | None = None,
        auto_round: bool = False,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> PlacedOrder:
        """Close a perpetual position (or ``size`` of it) with a reduce-only market order.

        The position is read from ``clearinghouseState`` of the vault (when given) or the
        account; the order takes the opposite side.

        Raises:
            ApiError: no open position in the asset.
        """
        info = self._asset(asset)
        if self._info is None:
            raise ConfigurationError("market_close needs info= to read the position")
        owner = self._vault(vault_address) or self._account(account).address
        state = await self._info.user_state(dex=info.dex or None, address=owner)
        szi = next(
            (p.position.szi for p in state.asset_positions if p.position.coin == info.name),
            Decimal(0),
        )
        if szi == 0:
            raise ApiError(f"no open {info.name} position to close for {owner}")
        return await self.market_order(
            asset=info.id,
            is_buy=szi < 0,
            size=abs(szi) if size is None else size,
            slippage=slippage,
            reference_price=reference_price,
            reduce_only=True,
            cloid=cloid,
            builder=builder,
            auto_round=auto_round,
            vault_address=vault_address,
            expires_after=expires_after,
            account=account,
        )

    async def _mid(self, info: AssetInfo) -> Decimal:
        if self._info is None:
            raise ConfigurationError(
                "market orders need a mid price: pass reference_price= or build the Exchange "
                "with info="
            )
        mids = await self._info.all_mids(dex=info.dex or None)
        mid = None if mids is None else mids.mids.get(info.name)
        if mid is None:
            raise ApiError(f"no mid price for {info.name}: pass reference_price=")
        return mid

    # -- cancels and modifications ---------------------------------------------------------------

    async def cancel_order(
        self,
        *,
        asset: str | int,
        order_id: int | None = None,
        cloid: Cloid | str | None = None,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """Cancel one order by ``order_id`` (``cancel``, L1) or by ``cloid``
        (``cancelByCloid``, L1).

        Raises:
            OrderRejected: e.g. ``Order was never placed, already canceled, or filled.``
        """
        request = CancelRequest(asset=asset, order_id=order_id, cloid=cloid)
        results, body = await self._cancels([request], vault_address, expires_after, account)
        only_result(results, body)

    async def cancel_orders(
        self,
        cancels: Sequence[CancelRequest],
        *,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> tuple[CancelResult, ...]:
        """Cancel several orders in one action: all by order id (``cancel``) or all by
        cloid (``cancelByCloid``); one action cannot mix both.

        Returns:
            One ``CancelSuccess`` or ``OrderError`` per cancel, in order.
        """
        results, _ = await self._cancels(cancels, vault_address, expires_after, account)
        return results

    async def _cancels(
        self,
        cancels: Sequence[CancelRequest],
        vault_address: str | None,
        expires_after: Time | None,
        account: Account | None,
    ) -> tuple[tuple[CancelResult, ...], Mapping[str, Any]]:
        if isinstance(cancels, CancelRequest) or not all(
            isinstance(cancel, CancelRequest) for cancel in cancels
        ):
            raise ConfigurationError("cancels must be a sequence of CancelRequest")
        by_cloid = {cancel.cloid is not None for cancel in cancels}
        if len(by_cloid) != 1:
            raise ConfigurationError(
                "one cancel action is either by order id or by cloid: split the batch"
                if by_cloid
                else "cancels must not be empty"
            )
        action: L1Action
        if by_cloid == {True}:
            action = CancelByCloidAction(
                cancels=tuple(
                    CancelByCloidWire(asset=self._asset_id(c.asset), cloid=c.cloid)
                    for c in cancels
                    if c.cloid is not None
                )
            )
        else:
            action = CancelAction(
                cancels=tuple(
                    CancelWire(asset=self._asset_id(c.asset), oid=c.order_id)
                    for c in cancels
                    if c.order_id is not None
                )
            )
        body = await self._send_l1(
            action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )
        return decode_cancel_statuses(body.get("response")), body

    async def modify_order(
        self,
        *,
        order_id: int | Cloid | str,
        asset: str | int,
        is_buy: bool,
        size: Number,
        limit_price: Number,
        order_type: OrderType = LIMIT_GTC,
        reduce_only: bool = False,
        cloid: Cloid | str | None = None,
        auto_round: bool = False,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> PlacedOrder:
        """Replace order ``order_id`` (an oid, or a cloid) by a new one (``batchModify``
        with one entry, L1: unlike ``modify`` it answers the new order's status).

        ``cloid`` is the *new* order's client id.

        Raises:
            OrderRejected: e.g. the order no longer exists.
        """
        request = ModifyRequest(
            order_id=order_id,
            order=OrderRequest(
                asset=asset,
                is_buy=is_buy,
                size=size,
                limit_price=limit_price,
                order_type=order_type,
                reduce_only=reduce_only,
                cloid=cloid,
            ),
        )
        results, body = await self._modifies(
            [request], auto_round, vault_address, expires_after, account
        )
        return placed_order(results, body)

    async def modify_orders(
        self,
        modifies: Sequence[ModifyRequest],
        *,
        auto_round: bool = False,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> tuple[OrderResult, ...]:
        """Replace several orders in one ``batchModify`` action (L1).

        Returns:
            One status per modification; failures are ``OrderError`` values.
        """
        results, _ = await self._modifies(
            modifies, auto_round, vault_address, expires_after, account
        )
        return results

    async def _modifies(
        self,
        modifies: Sequence[ModifyRequest],
        auto_round: bool,
        vault_address: str | None,
        expires_after: Time | None,
        account: Account | None,
    ) -> tuple[tuple[OrderResult, ...], Mapping[str, Any]]:
        if isinstance(modifies, ModifyRequest) or not all(
            isinstance(modify, ModifyRequest) for modify in modifies
        ):
            raise ConfigurationError("modifies must be a sequence of ModifyRequest")
        action = BatchModifyAction(
            modifies=tuple(
                ModifyWire(oid=m.order_id, order=self._order_wire(m.order, auto_round=auto_round))
                for m in modifies
            )
        )
        body = await self._send_l1(
            action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )
        return decode_order_statuses(body.get("response")), body

    async def schedule_cancel(
        self,
        *,
        time: Time | None,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """The dead man's switch (``scheduleCancel``, L1): cancel every open order at
        ``time`` (at least 5 s ahead; at most 10 triggers a day); ``time=None`` removes it."""
        action = ScheduleCancelAction(time=None if time is None else to_ms(time, what="time"))
        await self._send_l1(
            action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )

    # -- leverage and margin ---------------------------------------------------------------------

    async def update_leverage(
        self,
        *,
        asset: str | int,
        leverage: int,
        is_cross: bool = True,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """Set the leverage of a perpetual, cross or isolated (``updateLeverage``, L1)."""
        action = UpdateLeverageAction(
            asset=self._asset_id(asset), is_cross=is_cross, leverage=leverage
        )
        await self._send_l1(
            action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )

    async def update_isolated_margin(
        self,
        *,
        asset: str | int,
        amount: Number,
        is_buy: bool = True,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """Add (``amount > 0``) or remove (``< 0``) USDC of isolated margin
        (``updateIsolatedMargin``, L1; ``ntli`` in micro-USDC)."""
        action = UpdateIsolatedMarginAction(
            asset=self._asset_id(asset),
            is_buy=is_buy,
            ntli=to_scaled_int(amount, USDC_DECIMALS, what="amount"),
        )
        await self._send_l1(
            action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )

    async def top_up_isolated_only_margin(
        self,
        *,
        asset: str | int,
        leverage: Number,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """Top up an isolated-only position's margin to a target ``leverage``
        (``topUpIsolatedOnlyMargin``, L1)."""
        action = TopUpIsolatedOnlyMarginAction(asset=self._asset_id(asset), leverage=leverage)
        await self._send_l1(
            action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )

    # -- TWAP ------------------------------------------------------------------------------------

    async def twap_order(
        self,
        *,
        asset: str | int,
        is_buy: bool,
        size: Number,
        minutes: int,
        randomize: bool = False,
        reduce_only: bool = False,
        auto_round: bool = False,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> TwapRunning:
        """Start a TWAP order over ``minutes`` (5 to 1440) (``twapOrder``, L1).

        Raises:
            OrderRejected: the TWAP could not start.
        """
        info = self._asset(asset)
        action = TwapOrderAction(
            twap=TwapWire(
                asset=info.id,
                is_buy=is_buy,
                size=self._size(info, size, auto_round=auto_round),
                reduce_only=reduce_only,
                minutes=minutes,
                randomize=randomize,
            )
        )
        body = await self._send_l1(
            action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )
        result: TwapRunning = only_result([decode_twap_order(body.get("response"))], body)
        return result

    async def twap_cancel(
        self,
        *,
        asset: str | int,
        twap_id: int,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """Stop a running TWAP (``twapCancel``, L1).

        Raises:
            OrderRejected: the TWAP is unknown or already over.
        """
        action = TwapCancelAction(asset=self._asset_id(asset), twap_id=twap_id)
        body = await self._send_l1(
            action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )
        only_result([decode_twap_cancel(body.get("response"))], body)

    # -- transfers (user-signed unless stated) ---------------------------------------------------
