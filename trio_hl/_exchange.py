"""``Exchange``: every exchange action as a typed method, over any transport.

An :class:`Exchange` turns Python arguments into an action model
(:mod:`trio_hl.models.exchange`), validates it against the asset universe, signs it with
:mod:`trio_hl.signing`, sends the envelope through a *transport* and decodes the reply. A
transport is any ``async (payload) -> body`` callable returning the exchange's JSON body
(``{"status": ..., "response": ...}``):

* over the WebSocket, :meth:`trio_hl.Client.action` (``api.ws.exchange``);
* over HTTP, :meth:`trio_hl._http.HttpTransport.exchange` (``api.exchange``).

Both share everything else: models, validation, signing, nonces and errors.

Who signs, for whom
===================

Three addresses are kept apart, because mixing them up is the classic failure ("User or
API Wallet 0x... does not exist"):

* the **account** (``Account.address``): whose funds and positions these are;
* the **signer**: the key in ``Account.secret_key``. It is the account's own key, or the key
  of an API (agent) wallet the account approved (:meth:`Exchange.approve_agent`). An agent
  may sign L1 actions (trading) for the account; user-signed actions (transfers, approvals)
  need the account's own key, and are refused here, before any I/O, when the key is not
  the account's;
* the **vault** (``vault_address=``): a sub-account or a vault the account leads, traded
  for by the account's key (or its agent). It goes into the L1 hash and the request's
  ``vaultAddress``. ``usd_class_transfer`` and ``send_asset`` carry it inside the action
  instead (the only user-signed actions with a sub-account form).

Nonces
======

Every request carries a nonce that the exchange tracks per *signer*: unique, larger than
the smallest of the signer's recent nonces, and within a day of the block time. A
:class:`NonceSource` hands them out: the current time in milliseconds, or the last nonce
plus one when the clock has not moved past it, so two calls in the same millisecond (or a
clock that steps back) still get strictly increasing nonces. ``next()`` is synchronous, with
no checkpoint between reading and recording the last nonce, so concurrent Trio tasks can
never draw the same one. One source serves ``api.ws.exchange`` and ``api.exchange``.

Outcome unknown
===============

An action is never resent. When the connection drops after the request went out,
the transport raises :class:`~trio_hl.errors.RequestOutcomeUnknown` and it propagates
unchanged: the exchange may or may not have executed it (check with ``orderStatus``, by
cloid for orders). Resending blindly could double an order; re-signing it with a new nonce
is the caller's decision.

Errors (every method)
=====================

Before any I/O: :class:`~trio_hl.errors.ConfigurationError` (bad argument, no account or
key, no universe, an agent key for a user-signed action),
:class:`~trio_hl.errors.NumberTypeError` (a float),
:class:`~trio_hl.errors.PrecisionError` (off the tick or lot grid without
``auto_round=True``), :class:`~trio_hl.errors.UnknownAsset`,
:class:`~trio_hl.errors.SigningError`. From the exchange:
:class:`~trio_hl.errors.ActionRejected` (``status: err``: nothing executed),
:class:`~trio_hl.errors.OrderRejected` (single-entry methods: the entry failed),
:class:`~trio_hl.errors.ProtocolError` (a reply of an unexpected shape: the action may have
been executed). From the transport: ``RequestOutcomeUnknown``, ``RequestTimeout``,
``ConnectionLost`` (never sent: safe to retry), ``NotRunning``, ``ApiError`` /
``HttpStatusError``. Cancellation abandons the wait for the reply; an action already sent
may still execute.
"""

from __future__ import annotations

import secrets
import time as _time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, final

import attrs

from ._account import Account, normalise_address
from ._info import Info, Time, to_ms
from ._numbers import (
    round_price,
    round_size,
    to_decimal,
    to_scaled_int,
    to_wire,
    validate_price,
    validate_size,
)
from .errors import (
    ActionRejected,
    ApiError,
    ConfigurationError,
    OrderRejected,
    PrecisionError,
    ProtocolError,
)
from .models.exchange import (
    LIMIT_GTC,
    LIMIT_IOC,
    AgentEnableDexAbstractionAction,
    AgentSetAbstractionAction,
    ApproveAgentAction,
    ApproveBuilderFeeAction,
    ApprovedAgent,
    BatchModifyAction,
    BorrowLendAction,
    BuilderFee,
    CancelAction,
    CancelByCloidAction,
    CancelByCloidWire,
    CancelRequest,
    CancelResult,
    CancelWire,
    CDepositAction,
    ClaimRewardsAction,
    Cloid,
    ConvertToMultiSigUserAction,
    CreateSubAccountAction,
    CreateVaultAction,
    CWithdrawAction,
    EvmUserModifyAction,
    Grouping,
    L1Action,
    LinkStakingUserAction,
    ModifyRequest,
    ModifyWire,
    NoopAction,
    OrderAction,
    OrderError,
    OrderRequest,
    OrderResult,
    OrderType,
    OrderWire,
    PlacedOrder,
    RegisterReferrerAction,
    ReserveRequestWeightAction,
    ScheduleCancelAction,
    SendAssetAction,
    SetDisplayNameAction,
    SetReferrerAction,
    SpotSendAction,
    SpotUserAction,
    StakingLinkDisableTradingUserAction,
    SubAccountModifyAction,
    SubAccountSpotTransferAction,
    SubAccountTransferAction,
    TokenDelegateAction,
    TopUpIsolatedOnlyMarginAction,
    TriggerOrderType,
    TwapCancelAction,
    TwapOrderAction,
    TwapRunning,
    TwapWire,
    UpdateIsolatedMarginAction,
    UpdateLeverageAction,
    UsdClassTransferAction,
    UsdSendAction,
    UserDexAbstractionAction,
    UserPortfolioMarginAction,
    UserSetAbstractionAction,
    UserSignedAction,
    VaultDistributeAction,
    VaultModifyAction,
    VaultTransferAction,
    WithdrawAction,
    decode_cancel_statuses,
    decode_created_address,
    decode_order_statuses,
    decode_twap_cancel,
    decode_twap_order,
)
from .signing import (
    DEFAULT_SIGNATURE_CHAIN_ID,
    USER_SIGNED_TYPES,
    Signer,
    prepare_user_signed_action,
    sign_l1_action,
    sign_user_signed,
    user_signed_nonce,
)

if TYPE_CHECKING:
    from ._universe import AssetInfo, Universe

__all__ = [
    "DEFAULT_SLIPPAGE",
    "SHARED_NONCES",
    "ActionTransport",
    "Exchange",
    "NonceSource",
    "wall_clock_ms",
]

ActionTransport: TypeAlias = Callable[[Mapping[str, Any]], Awaitable[Any]]
"""Sends a signed envelope and returns the exchange body (``Client.action``, HTTP)."""

UniverseSource: TypeAlias = "Universe | Callable[[], Universe | None] | None"

Number: TypeAlias = Decimal | int | str
"""An exact number: Decimal, int or decimal text. Floats are refused (NumberTypeError)."""

DEFAULT_SLIPPAGE: Final = Decimal("0.05")
"""Market orders: at most 5% worse than the mid (the official SDK's default)."""

_USDC_DECIMALS: Final = 6  # micro-USDC: ntli, usd, initialUsd
_HYPE_DECIMALS: Final = 8  # wei of HYPE: tokenDelegate, cDeposit, cWithdraw
_ABSTRACTION_CODES: Final[Mapping[str, Literal["i", "u", "p"]]] = {
    "disabled": "i",
    "unifiedAccount": "u",
    "portfolioMargin": "p",
}


def wall_clock_ms() -> int:
    """Milliseconds since the epoch, from the system clock (what the exchange expects)."""
    return _time.time_ns() // 1_000_000


@final
class NonceSource:
    """Strictly increasing nonces per signer, safe under concurrent Trio tasks.

    ``next(signer)`` returns ``max(clock(), last + 1)`` and records it, with no checkpoint in
    between. Share one source between every :class:`Exchange` that signs with the same key
    (``Api`` does) so they never collide.

    Args:
        clock: milliseconds since the epoch (default :func:`wall_clock_ms`); inject a fake
            clock in tests. It is never ``trio.current_time()``: the exchange compares
            nonces with real time.
    """

    def __init__(self, clock: Callable[[], int] | None = None) -> None:
        self._clock = clock if clock is not None else wall_clock_ms
        self._last: dict[str, int] = {}

    def next(self, signer: str) -> int:
        """The next nonce of ``signer`` (an address; case does not matter).

        Raises:
            ConfigurationError: the clock returned something other than a non-negative int.
        """
        now: object = self._clock()
        if isinstance(now, bool) or not isinstance(now, int) or now < 0:
            raise ConfigurationError(f"the nonce clock must return int milliseconds, got {now!r}")
        key = signer.lower()
        last = self._last.get(key)
        nonce = now if last is None or now > last else last + 1
        self._last[key] = nonce
        return nonce

    def last(self, signer: str) -> int | None:
        """The last nonce handed out for ``signer``, if any."""
        return self._last.get(signer.lower())

    def __repr__(self) -> str:
        return f"<trio_hl.NonceSource signers={len(self._last)}>"


SHARED_NONCES: Final = NonceSource()
"""The default source of every Exchange and Api built without one: one sequence per signer
across the process, however many Exchange objects sign with the same key."""


def _ok(body: object) -> Mapping[str, Any]:
    """The body of a successful action; raises for ``status: err`` and unknown shapes."""
    if not isinstance(body, Mapping):
        raise ProtocolError(
            f"the exchange reply is not an object (the action may have been executed): "
            f"{body!r:.200}"
        )
    status = body.get("status")
    if status == "err":
        raise ActionRejected(str(body.get("response")), response=body)
    if status != "ok":
        raise ProtocolError(
            f"the exchange reply has status {status!r} (the action may have been executed): "
            f"{body!r:.200}"
        )
    return body


def _one(results: Sequence[Any], body: Mapping[str, Any]) -> Any:
    if len(results) != 1:
        raise ProtocolError(
            f"expected one status, got {len(results)} (the action was executed): {body!r:.200}"
        )
    result = results[0]
    if isinstance(result, OrderError):
        raise OrderRejected(result.message, response=body)
    return result


def _placed(results: Sequence[OrderResult], body: Mapping[str, Any]) -> PlacedOrder:
    result: PlacedOrder = _one(results, body)
    return result


def _fraction(value: Number, *, what: str) -> Decimal:
    number = to_decimal(value, what=what)
    if not 0 <= number < 1:
        raise ConfigurationError(f"{what} is a fraction in [0, 1), got {to_wire(number)}")
    return number


@final
class Exchange:
    """Typed exchange actions over one transport; see the module docstring.

    Args:
        transport: ``async (envelope) -> body``.
        is_mainnet: sign for mainnet or testnet (a mismatch is rejected by the exchange as
            an unknown user).
        account: the default account (``Account(address, secret_key)``); every method also
            takes ``account=``.
        universe: resolves ``asset=`` names and ids and gives the tick and lot sizes: a
            :class:`~trio_hl.Universe` or a callable returning the current one.
        info: info requests for the mid price of market orders (and the position of
            ``market_close``).
        nonces: the nonce source (default: one shared by the whole process).
        vault_address: the default sub-account or vault to act for (see
            :meth:`with_vault`); ``vault_address=`` on a call overrides it.
        signature_chain_id: ``signatureChainId`` of user-signed actions (any chain works;
            ``hyperliquidChain`` selects the network).
    """

    def __init__(
        self,
        transport: ActionTransport,
        *,
        is_mainnet: bool,
        account: Account | None = None,
        universe: UniverseSource = None,
        info: Info | None = None,
        nonces: NonceSource | None = None,
        vault_address: str | None = None,
        signature_chain_id: str = DEFAULT_SIGNATURE_CHAIN_ID,
    ) -> None:
        if not isinstance(is_mainnet, bool):
            raise ConfigurationError(f"is_mainnet must be a bool, got {is_mainnet!r:.60}")
        self._transport = transport
        self.is_mainnet = is_mainnet
        self.account = account
        self._universe = universe
        self._info = info
        self.nonces = nonces if nonces is not None else SHARED_NONCES
        self.vault_address = None if vault_address is None else normalise_address(vault_address)
        self.signature_chain_id = signature_chain_id
        self._signers: dict[str, Signer] = {}

    def __repr__(self) -> str:
        network = "mainnet" if self.is_mainnet else "testnet"
        vault = f" vault={self.vault_address}" if self.vault_address else ""
        return f"<trio_hl.Exchange {network} account={self.account!r}{vault}>"

    def with_vault(self, vault_address: str | None) -> Exchange:
        """The same exchange acting for ``vault_address`` by default (``None``: for the
        account itself); transport, nonces and keys are shared."""
        other = Exchange(
            self._transport,
            is_mainnet=self.is_mainnet,
            account=self.account,
            universe=self._universe,
            info=self._info,
            nonces=self.nonces,
            vault_address=vault_address,
            signature_chain_id=self.signature_chain_id,
        )
        other._signers = self._signers
        return other

    @property
    def universe(self) -> Universe | None:
        """The universe used to resolve assets, if any."""
        source = self._universe
        return source() if callable(source) else source

    # -- accounts, keys, vaults ----------------------------------------------------------------

    def _account(self, account: Account | None) -> Account:
        chosen = account if account is not None else self.account
        if chosen is None:
            raise ConfigurationError(
                "exchange actions need an account with its secret key: pass "
                "account=Account(address=..., secret_key=...) or create the Api with one"
            )
        if not isinstance(chosen, Account):
            raise ConfigurationError(f"account must be an Account, got {chosen!r:.60}")
        return chosen

    def _signer(self, account: Account) -> Signer:
        secret = account.secret_key
        if secret is None:
            raise ConfigurationError(
                f"{account!r} has no secret_key: exchange actions must be signed (give the "
                "account's own key or an approved API wallet's key)"
            )
        signer = self._signers.get(secret)
        if signer is None:
            signer = self._signers[secret] = Signer.from_key(secret)
        return signer

    def _vault(self, vault_address: str | None) -> str | None:
        if vault_address is not None:
            return normalise_address(vault_address)
        return self.vault_address

    @staticmethod
    def _expires(expires_after: Time | None) -> int | None:
        return None if expires_after is None else to_ms(expires_after, what="expires_after")

    # -- assets and precision ------------------------------------------------------------------

    def _asset(self, asset: str | int) -> AssetInfo:
        universe = self.universe
        if universe is None:
            raise ConfigurationError(
                "orders need the asset universe to check sizes and prices: create the Api "
                "with `await Api.create()` or call `await api.refresh_universe()`"
            )
        return universe.asset(asset)

    def _asset_id(self, asset: str | int) -> int:
        universe = self.universe
        if universe is not None:
            return universe.id(asset)
        if isinstance(asset, int) and not isinstance(asset, bool) and asset >= 0:
            return asset
        raise ConfigurationError(
            f"asset names need the asset universe; pass the asset id instead of {asset!r:.60}"
        )

    @staticmethod
    def _size(info: AssetInfo, size: Number, *, auto_round: bool) -> Decimal:
        try:
            if auto_round:
                return round_size(size, info.sz_decimals)
            return validate_size(size, info.sz_decimals)
        except PrecisionError as exc:
            hint = "" if auto_round else " (or pass auto_round=True)"
            raise PrecisionError(f"{info.name}: {exc}{hint}") from None

    @staticmethod
    def _price(info: AssetInfo, price: Number, *, auto_round: bool, what: str = "price") -> Decimal:
        try:
            if auto_round:
                return round_price(price, info.sz_decimals, is_spot=info.is_spot)
            return validate_price(price, info.sz_decimals, is_spot=info.is_spot)
        except PrecisionError as exc:
            hint = "" if auto_round else " (or pass auto_round=True)"
            raise PrecisionError(f"{info.name} {what}: {exc}{hint}") from None

    def _order_wire(self, order: OrderRequest, *, auto_round: bool) -> OrderWire:
        info = self._asset(order.asset)
        order_type: OrderType = order.order_type
        if isinstance(order_type, TriggerOrderType):
            trigger = self._price(
                info, order_type.trigger_price, auto_round=auto_round, what="trigger price"
            )
            order_type = attrs.evolve(order_type, trigger_price=trigger)
        return OrderWire(
            asset=info.id,
            is_buy=order.is_buy,
            price=self._price(info, order.limit_price, auto_round=auto_round),
            size=self._size(info, order.size, auto_round=auto_round),
            reduce_only=order.reduce_only,
            order_type=order_type,
            cloid=order.cloid,
        )

    # -- signing and sending --------------------------------------------------------------------

    async def _send_l1(
        self,
        build: Callable[[int], L1Action | Mapping[str, Any]],
        *,
        account: Account | None,
        vault: str | None = None,
        expires_after: Time | None = None,
    ) -> Mapping[str, Any]:
        signer = self._signer(self._account(account))
        expires = self._expires(expires_after)
        nonce = self.nonces.next(signer.address)
        action = build(nonce)
        wire = action.to_wire() if isinstance(action, L1Action) else dict(action)
        signature = sign_l1_action(signer, wire, vault, nonce, expires, is_mainnet=self.is_mainnet)
        payload: dict[str, Any] = {"action": wire, "nonce": nonce, "signature": signature.to_wire()}
        if vault is not None:
            payload["vaultAddress"] = vault
        if expires is not None:
            payload["expiresAfter"] = expires
        return _ok(await self._transport(payload))

    async def _send_user_signed(
        self,
        build: Callable[[int], UserSignedAction | Mapping[str, Any]],
        *,
        account: Account | None,
        what: str,
    ) -> Mapping[str, Any]:
        owner = self._account(account)
        signer = self._signer(owner)
        if signer.address != owner.address:
            raise ConfigurationError(
                f"{what} is a user-signed action: only the account's own key may sign it, "
                f"but the secret_key of {owner!r} belongs to {signer.address} (an API "
                "wallet?). The exchange would answer 'User or API Wallet ... does not "
                "exist'; use an Account with the account's own key"
            )
        nonce = self.nonces.next(signer.address)
        action = build(nonce)
        if isinstance(action, UserSignedAction):
            wire = action.prepared(
                is_mainnet=self.is_mainnet, signature_chain_id=self.signature_chain_id
            )
        else:
            wire = prepare_user_signed_action(
                action, is_mainnet=self.is_mainnet, signature_chain_id=self.signature_chain_id
            )
        signature = sign_user_signed(signer, wire, is_mainnet=self.is_mainnet)
        payload = {
            "action": wire,
            "nonce": user_signed_nonce(wire),
            "signature": signature.to_wire(),
        }
        return _ok(await self._transport(payload))

    # -- any action ------------------------------------------------------------------------------

    async def send_l1_action(
        self,
        action: L1Action | Mapping[str, Any],
        *,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> Any:
        """Sign and send any L1 action (one not wrapped by a method, such as ``perpDeploy``).

        A plain mapping is sent with its keys in the given order, which is hashed: build it
        in the exchange's order. The nonce comes from the nonce source.

        Returns:
            The reply's ``response`` (raw JSON).
        """
        body = await self._send_l1(
            lambda _: action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )
        return body.get("response")

    async def send_user_signed_action(
        self, action: UserSignedAction | Mapping[str, Any], *, account: Account | None = None
    ) -> Any:
        """Sign and send any user-signed action of :data:`trio_hl.signing.USER_SIGNED_TYPES`.

        A mapping without its timestamp field (``time`` or ``nonce``) gets the next nonce.

        Returns:
            The reply's ``response`` (raw JSON).
        """

        def build(nonce: int) -> UserSignedAction | Mapping[str, Any]:
            if isinstance(action, UserSignedAction):
                return action
            spec = USER_SIGNED_TYPES.get(str(action.get("type")))
            if spec is not None and spec.nonce_field not in action:
                return {**action, spec.nonce_field: nonce}
            return action

        body = await self._send_user_signed(build, account=account, what="this action")
        return body.get("response")

    # -- orders ----------------------------------------------------------------------------------

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
        return _placed(results, body)

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
            lambda _: action,
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
        fraction = _fraction(slippage, what="slippage")
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
        _one(results, body)

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
            lambda _: action,
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
        return _placed(results, body)

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
            lambda _: action,
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
            lambda _: action,
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
            lambda _: action,
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
            ntli=to_scaled_int(amount, _USDC_DECIMALS, what="amount"),
        )
        await self._send_l1(
            lambda _: action,
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
            lambda _: action,
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
            lambda _: action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )
        result: TwapRunning = _one([decode_twap_order(body.get("response"))], body)
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
            lambda _: action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )
        _one([decode_twap_cancel(body.get("response"))], body)

    # -- transfers (user-signed unless stated) ---------------------------------------------------

    async def usd_send(
        self, *, destination: str, amount: Number, account: Account | None = None
    ) -> None:
        """Send USDC from the perp balance to ``destination`` (``usdSend``, user-signed
        ``UsdSend``)."""
        await self._send_user_signed(
            lambda nonce: UsdSendAction(destination=destination, amount=amount, time=nonce),
            account=account,
            what="usd_send",
        )

    async def spot_send(
        self, *, destination: str, token: str, amount: Number, account: Account | None = None
    ) -> None:
        """Send a spot token (``"NAME:0x<tokenId>"``) to ``destination`` (``spotSend``,
        user-signed ``SpotSend``)."""
        await self._send_user_signed(
            lambda nonce: SpotSendAction(
                destination=destination, token=token, amount=amount, time=nonce
            ),
            account=account,
            what="spot_send",
        )

    async def withdraw(
        self, *, destination: str, amount: Number, account: Account | None = None
    ) -> None:
        """Withdraw USDC to ``destination`` on Arbitrum (``withdraw3``, user-signed
        ``Withdraw``)."""
        await self._send_user_signed(
            lambda nonce: WithdrawAction(destination=destination, amount=amount, time=nonce),
            account=account,
            what="withdraw",
        )

    async def usd_class_transfer(
        self,
        *,
        amount: Number,
        to_perp: bool,
        vault_address: str | None = None,
        account: Account | None = None,
    ) -> None:
        """Move USDC between the spot and perp balances (``usdClassTransfer``, user-signed
        ``UsdClassTransfer``); for a sub-account the amount carries
        ``" subaccount:<address>"``."""
        sub_account = self._vault(vault_address)
        await self._send_user_signed(
            lambda nonce: UsdClassTransferAction(
                amount=amount, to_perp=to_perp, nonce=nonce, sub_account=sub_account
            ),
            account=account,
            what="usd_class_transfer",
        )

    async def send_asset(
        self,
        *,
        destination: str,
        source_dex: str,
        destination_dex: str,
        token: str,
        amount: Number,
        vault_address: str | None = None,
        account: Account | None = None,
    ) -> None:
        """Move a token between perp dexes, spot and users (``sendAsset``, user-signed
        ``SendAsset``). Dexes: ``""`` main perp dex, ``"spot"``, or a builder dex; a
        sub-account given as ``vault_address`` becomes ``fromSubAccount``."""
        sub_account = self._vault(vault_address) or ""
        await self._send_user_signed(
            lambda nonce: SendAssetAction(
                destination=destination,
                source_dex=source_dex,
                destination_dex=destination_dex,
                token=token,
                amount=amount,
                from_sub_account=sub_account,
                nonce=nonce,
            ),
            account=account,
            what="send_asset",
        )

    async def sub_account_transfer(
        self,
        *,
        sub_account: str,
        is_deposit: bool,
        amount: Number,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """Move USDC between the account and its sub-account (``subAccountTransfer``, L1;
        ``usd`` in micro-USDC)."""
        action = SubAccountTransferAction(
            sub_account_user=sub_account,
            is_deposit=is_deposit,
            usd=to_scaled_int(amount, _USDC_DECIMALS, what="amount"),
        )
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)

    async def sub_account_spot_transfer(
        self,
        *,
        sub_account: str,
        is_deposit: bool,
        token: str,
        amount: Number,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """Move a spot token between the account and its sub-account
        (``subAccountSpotTransfer``, L1)."""
        action = SubAccountSpotTransferAction(
            sub_account_user=sub_account, is_deposit=is_deposit, token=token, amount=amount
        )
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)

    async def vault_transfer(
        self,
        *,
        vault: str,
        is_deposit: bool,
        amount: Number,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """Deposit USDC into a vault or withdraw from it (``vaultTransfer``, L1; ``usd`` in
        micro-USDC)."""
        action = VaultTransferAction(
            vault_address=vault,
            is_deposit=is_deposit,
            usd=to_scaled_int(amount, _USDC_DECIMALS, what="amount"),
        )
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)

    # -- sub-accounts and vaults -----------------------------------------------------------------

    async def create_sub_account(
        self, *, name: str, expires_after: Time | None = None, account: Account | None = None
    ) -> str:
        """Create a sub-account (``createSubAccount``, L1).

        Returns:
            The new sub-account's address.
        """
        action = CreateSubAccountAction(name=name)
        body = await self._send_l1(lambda _: action, account=account, expires_after=expires_after)
        return decode_created_address(body.get("response"), "createSubAccount")

    async def sub_account_modify(
        self,
        *,
        sub_account: str,
        name: str,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """Rename a sub-account (``subAccountModify``, L1)."""
        action = SubAccountModifyAction(sub_account_user=sub_account, name=name)
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)

    async def create_vault(
        self,
        *,
        name: str,
        description: str,
        initial_usd: Number,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> str:
        """Create a vault with ``initial_usd`` USDC (``createVault``, L1; its ``nonce``
        field is the request's).

        Returns:
            The new vault's address.
        """
        initial = to_scaled_int(initial_usd, _USDC_DECIMALS, what="initial_usd")
        # Built once now so that a bad argument fails before a nonce is drawn.
        CreateVaultAction(name=name, description=description, initial_usd=initial, nonce=0)
        body = await self._send_l1(
            lambda nonce: CreateVaultAction(
                name=name, description=description, initial_usd=initial, nonce=nonce
            ),
            account=account,
            expires_after=expires_after,
        )
        return decode_created_address(body.get("response"), "createVault")

    async def vault_modify(
        self,
        *,
        vault: str,
        allow_deposits: bool | None = None,
        always_close_on_withdraw: bool | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """Change a vault's flags (``vaultModify``, L1); ``None`` leaves a flag unchanged."""
        action = VaultModifyAction(
            vault_address=vault,
            allow_deposits=allow_deposits,
            always_close_on_withdraw=always_close_on_withdraw,
        )
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)

    async def vault_distribute(
        self,
        *,
        vault: str,
        amount: Number,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """Distribute USDC to a vault's followers; 0 closes the vault (``vaultDistribute``,
        L1)."""
        action = VaultDistributeAction(
            vault_address=vault, usd=to_scaled_int(amount, _USDC_DECIMALS, what="amount")
        )
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)

    # -- agents, builders, referrals ------------------------------------------------------------

    async def approve_agent(
        self,
        *,
        name: str | None = None,
        agent_key: str | None = None,
        agent_address: str | None = None,
        valid_until: Time | None = None,
        account: Account | None = None,
    ) -> ApprovedAgent:
        """Authorise an API (agent) wallet to trade for the account (``approveAgent``,
        user-signed ``ApproveAgent``).

        By default a new key is generated (with :mod:`secrets`) and returned inside
        ``ApprovedAgent.account``, never printed; or approve ``agent_key`` (a key you hold)
        or ``agent_address`` (a key held elsewhere). A new unnamed agent replaces the
        previous unnamed one; a named one replaces the agent with the same name. Use a
        fresh agent rather than re-approving an old address (its nonce state may have been
        pruned).

        Args:
            name: the agent's name (``None``: the unnamed agent).
            agent_key: approve this key's address.
            agent_address: approve this address (the result's account has no key).
            valid_until: expiry of the approval (needs a ``name``; sent as the name suffix
                ``" valid_until <ms>"``).

        Returns:
            The agent's address and ``Account(address=<this account>, secret_key=<agent
            key>)``.
        """
        if agent_key is not None and agent_address is not None:
            raise ConfigurationError("pass agent_key= or agent_address=, not both")
        raw_name: object = name
        if raw_name is not None and (not isinstance(raw_name, str) or not raw_name):
            raise ConfigurationError(f"an agent name is a non-empty str, got {name!r:.60}")
        agent_name = name
        if valid_until is not None:
            if name is None:
                raise ConfigurationError("valid_until= needs a name= for the agent")
            agent_name = f"{name} valid_until {to_ms(valid_until, what='valid_until')}"
        secret: str | None
        if agent_address is not None:
            secret, address = None, normalise_address(agent_address)
        else:
            secret = agent_key if agent_key is not None else "0x" + secrets.token_hex(32)
            address = Signer.from_key(secret).address
        owner = self._account(account)
        await self._send_user_signed(
            lambda nonce: ApproveAgentAction(
                agent_address=address, agent_name=agent_name, nonce=nonce
            ),
            account=owner,
            what="approve_agent",
        )
        return ApprovedAgent(
            agent_address=address,
            name=name,
            account=Account(address=owner.address, secret_key=secret),
        )

    async def approve_builder_fee(
        self, *, builder: str, max_fee_rate: Number, account: Account | None = None
    ) -> None:
        """Allow ``builder`` to charge up to ``max_fee_rate`` *percent* per order
        (``approveBuilderFee``, user-signed ``ApproveBuilderFee``): ``Decimal("0.01")`` or
        ``"0.01%"`` is 0.01% = 1 bp."""
        text = max_fee_rate.removesuffix("%") if isinstance(max_fee_rate, str) else max_fee_rate
        rate = to_decimal(text, what="max_fee_rate")
        if rate < 0:
            raise ConfigurationError(f"max_fee_rate must not be negative, got {to_wire(rate)}")
        await self._send_user_signed(
            lambda nonce: ApproveBuilderFeeAction(
                max_fee_rate=f"{to_wire(rate)}%", builder=builder, nonce=nonce
            ),
            account=account,
            what="approve_builder_fee",
        )

    async def set_referrer(
        self, *, code: str, expires_after: Time | None = None, account: Account | None = None
    ) -> None:
        """Use a referral code (``setReferrer``, L1)."""
        action = SetReferrerAction(code=code)
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)

    async def register_referrer(
        self, *, code: str, expires_after: Time | None = None, account: Account | None = None
    ) -> None:
        """Create the account's own referral code (``registerReferrer``, L1)."""
        action = RegisterReferrerAction(code=code)
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)

    async def claim_rewards(
        self, *, expires_after: Time | None = None, account: Account | None = None
    ) -> None:
        """Claim referral rewards (``claimRewards``, L1)."""
        await self._send_l1(
            lambda _: ClaimRewardsAction(), account=account, expires_after=expires_after
        )

    async def set_display_name(
        self, *, name: str, expires_after: Time | None = None, account: Account | None = None
    ) -> None:
        """Set the leaderboard display name (``setDisplayName``, L1)."""
        action = SetDisplayNameAction(display_name=name)
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)

    # -- staking (user-signed) ---------------------------------------------------------------

    async def token_delegate(
        self,
        *,
        validator: str,
        amount: Number,
        is_undelegate: bool = False,
        account: Account | None = None,
    ) -> None:
        """Delegate (or undelegate) ``amount`` staked HYPE to a validator (``tokenDelegate``,
        user-signed ``TokenDelegate``; ``wei`` in 1e-8 HYPE)."""
        wei = to_scaled_int(amount, _HYPE_DECIMALS, what="amount")
        await self._send_user_signed(
            lambda nonce: TokenDelegateAction(
                validator=validator, wei=wei, is_undelegate=is_undelegate, nonce=nonce
            ),
            account=account,
            what="token_delegate",
        )

    async def staking_deposit(self, *, amount: Number, account: Account | None = None) -> None:
        """Move HYPE from spot into staking (``cDeposit``, user-signed ``CDeposit``)."""
        wei = to_scaled_int(amount, _HYPE_DECIMALS, what="amount")
        await self._send_user_signed(
            lambda nonce: CDepositAction(wei=wei, nonce=nonce),
            account=account,
            what="staking_deposit",
        )

    async def staking_withdraw(self, *, amount: Number, account: Account | None = None) -> None:
        """Move HYPE from staking back to spot (``cWithdraw``, user-signed ``CWithdraw``)."""
        wei = to_scaled_int(amount, _HYPE_DECIMALS, what="amount")
        await self._send_user_signed(
            lambda nonce: CWithdrawAction(wei=wei, nonce=nonce),
            account=account,
            what="staking_withdraw",
        )

    async def link_staking_user(
        self, *, user: str, is_finalize: bool, account: Account | None = None
    ) -> None:
        """Link a trading user to this staking user (``linkStakingUser``, user-signed
        ``LinkStakingUser``)."""
        await self._send_user_signed(
            lambda nonce: LinkStakingUserAction(user=user, is_finalize=is_finalize, nonce=nonce),
            account=account,
            what="link_staking_user",
        )

    async def staking_link_disable_trading_user(
        self, *, trading_user: str, account: Account | None = None
    ) -> None:
        """Disable the linked trading user (``stakingLinkDisableTradingUser``, user-signed
        ``StakingLinkDisableTradingUser``)."""
        await self._send_user_signed(
            lambda nonce: StakingLinkDisableTradingUserAction(
                trading_user=trading_user, nonce=nonce
            ),
            account=account,
            what="staking_link_disable_trading_user",
        )

    # -- account settings ------------------------------------------------------------------------

    async def convert_to_multi_sig_user(
        self,
        *,
        authorized_users: Sequence[str] | None,
        threshold: int | None = None,
        account: Account | None = None,
    ) -> None:
        """Make the account a multi-sig account of ``authorized_users`` (``threshold`` of
        them must sign), or back a normal account with ``authorized_users=None``
        (``convertToMultiSigUser``, user-signed ``ConvertToMultiSigUser``)."""
        signers = ConvertToMultiSigUserAction.signers_text(authorized_users, threshold)
        await self._send_user_signed(
            lambda nonce: ConvertToMultiSigUserAction(signers=signers, nonce=nonce),
            account=account,
            what="convert_to_multi_sig_user",
        )

    async def user_set_abstraction(
        self,
        *,
        abstraction: Literal["disabled", "unifiedAccount", "portfolioMargin"],
        account: Account | None = None,
    ) -> None:
        """Set the account's abstraction mode (``userSetAbstraction``, user-signed
        ``UserSetAbstraction``)."""
        user = self._account(account).address
        await self._send_user_signed(
            lambda nonce: UserSetAbstractionAction(user=user, abstraction=abstraction, nonce=nonce),
            account=account,
            what="user_set_abstraction",
        )

    async def user_dex_abstraction(self, *, enabled: bool, account: Account | None = None) -> None:
        """Enable HIP-3 dex abstraction (``userDexAbstraction``, user-signed
        ``UserDexAbstraction``; deprecated upstream for ``user_set_abstraction``)."""
        user = self._account(account).address
        await self._send_user_signed(
            lambda nonce: UserDexAbstractionAction(user=user, enabled=enabled, nonce=nonce),
            account=account,
            what="user_dex_abstraction",
        )

    async def user_portfolio_margin(self, *, enabled: bool, account: Account | None = None) -> None:
        """Enable portfolio margin (``userPortfolioMargin``, user-signed
        ``UserPortfolioMargin``)."""
        user = self._account(account).address
        await self._send_user_signed(
            lambda nonce: UserPortfolioMarginAction(user=user, enabled=enabled, nonce=nonce),
            account=account,
            what="user_portfolio_margin",
        )

    async def agent_set_abstraction(
        self,
        *,
        abstraction: Literal["disabled", "unifiedAccount", "portfolioMargin"],
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """The API wallet's way to set the abstraction mode (``agentSetAbstraction``, L1;
        sent as the code ``i``/``u``/``p``)."""
        code = _ABSTRACTION_CODES.get(abstraction)
        if code is None:
            raise ConfigurationError(
                f"abstraction must be one of {', '.join(_ABSTRACTION_CODES)}, got "
                f"{abstraction!r:.60}"
            )
        action = AgentSetAbstractionAction(abstraction=code)
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)

    async def agent_enable_dex_abstraction(
        self, *, expires_after: Time | None = None, account: Account | None = None
    ) -> None:
        """The API wallet's way to enable dex abstraction (``agentEnableDexAbstraction``,
        L1)."""
        await self._send_l1(
            lambda _: AgentEnableDexAbstractionAction(),
            account=account,
            expires_after=expires_after,
        )

    async def set_spot_dusting(
        self, *, opt_out: bool, expires_after: Time | None = None, account: Account | None = None
    ) -> None:
        """Opt out of (or back into) spot dust conversion (``spotUser``, L1)."""
        action = SpotUserAction.opt_out(opt_out)
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)

    async def use_big_blocks(
        self, *, enabled: bool, expires_after: Time | None = None, account: Account | None = None
    ) -> None:
        """Send the account's HyperEVM transactions in big blocks (``evmUserModify``, L1)."""
        action = EvmUserModifyAction(using_big_blocks=enabled)
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)

    async def borrow_lend(
        self,
        *,
        operation: Literal["supply", "withdraw", "repay", "borrow"],
        token: int,
        amount: Number | None,
        vault_address: str | None = None,
        expires_after: Time | None = None,
        account: Account | None = None,
    ) -> None:
        """Supply, withdraw, borrow or repay ``amount`` of spot token ``token`` (``None``:
        all) (``borrowLend``, L1)."""
        action = BorrowLendAction(operation=operation, token=token, amount=amount)
        await self._send_l1(
            lambda _: action,
            account=account,
            vault=self._vault(vault_address),
            expires_after=expires_after,
        )

    # -- nonces and rate limits ------------------------------------------------------------------

    async def noop(
        self, *, expires_after: Time | None = None, account: Account | None = None
    ) -> None:
        """Burn a nonce (``noop``, L1): invalidates a signed request not yet executed whose
        nonce is lower."""
        await self._send_l1(lambda _: NoopAction(), account=account, expires_after=expires_after)

    async def reserve_request_weight(
        self, *, weight: int, expires_after: Time | None = None, account: Account | None = None
    ) -> None:
        """Buy ``weight`` extra request weight (``reserveRequestWeight``, L1)."""
        action = ReserveRequestWeightAction(weight=weight)
        await self._send_l1(lambda _: action, account=account, expires_after=expires_after)
