"""The shared half of :class:`~trio_hl.Exchange`: nonces, accounts, signing and sending.

Every action method (``_trading``, ``_transfers``, ``_accounts``) builds its model and hands it
to :meth:`ExchangeBase._send_l1` or :meth:`ExchangeBase._send_user_signed`, which pick the
signer, draw a nonce, sign, send and check ``status``. See the package docstring for who
signs for whom, nonces and what an unknown outcome means.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import attrs

from .._account import Account, normalise_address
from .._guards import is_mapping
from .._info import Info, Time, to_ms
from .._nonces import SHARED_NONCES, NonceSource
from .._numbers import (
    round_price,
    round_size,
    to_decimal,
    to_wire,
    validate_price,
    validate_size,
)
from ..errors import (
    ActionRejected,
    ConfigurationError,
    OrderRejected,
    PrecisionError,
    ProtocolError,
)
from ..models.exchange import (
    L1Action,
    OrderError,
    OrderRequest,
    OrderResult,
    OrderType,
    OrderWire,
    PlacedOrder,
    TriggerOrderType,
    UserSignedAction,
)
from ..signing import (
    DEFAULT_SIGNATURE_CHAIN_ID,
    USER_SIGNED_TYPES,
    Signer,
    prepare_user_signed_action,
    sign_l1_action,
    sign_user_signed,
    user_signed_nonce,
)

if TYPE_CHECKING:
    from .._universe import AssetInfo, Universe
from typing import Self

ActionTransport: TypeAlias = Callable[[Mapping[str, Any]], Awaitable[Any]]
"""Sends a signed envelope and returns the exchange body (``Client.action``, HTTP)."""

UniverseSource: TypeAlias = "Universe | Callable[[], Universe | None] | None"

Number: TypeAlias = Decimal | int | str
"""An exact number: Decimal, int or decimal text. Floats are refused (NumberTypeError)."""

DEFAULT_SLIPPAGE: Final = Decimal("0.05")
"""Market orders: at most 5% worse than the mid (the official SDK's default)."""

USDC_DECIMALS: Final = 6  # micro-USDC: ntli, usd, initialUsd
HYPE_DECIMALS: Final = 8  # wei of HYPE: tokenDelegate, cDeposit, cWithdraw
ABSTRACTION_CODES: Final[Mapping[str, Literal["i", "u", "p"]]] = {
    "disabled": "i",
    "unifiedAccount": "u",
    "portfolioMargin": "p",
}


def _ok(body: object) -> Mapping[str, Any]:
    """The body of a successful action; raises for ``status: err`` and unknown shapes."""
    if not is_mapping(body):
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


def only_result(results: Sequence[Any], body: Mapping[str, Any]) -> Any:
    if len(results) != 1:
        raise ProtocolError(
            f"expected one status, got {len(results)} (the action was executed): {body!r:.200}"
        )
    result = results[0]
    if isinstance(result, OrderError):
        raise OrderRejected(result.message, response=body)
    return result


def placed_order(results: Sequence[OrderResult], body: Mapping[str, Any]) -> PlacedOrder:
    result: PlacedOrder = only_result(results, body)
    return result


def to_fraction(value: Number, *, what: str) -> Decimal:
    number = to_decimal(value, what=what)
    if not 0 <= number < 1:
        raise ConfigurationError(f"{what} is a fraction in [0, 1), got {to_wire(number)}")
    return number


class ExchangeBase:
    """What every family of actions shares: the account, the signer, the vault, the
    universe, nonces, and sending a signed L1 or user-signed action (see the package
    docstring). Not public: :class:`~trio_hl.Exchange` is these plus the action families.
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
        self.nonces: NonceSource = nonces if nonces is not None else SHARED_NONCES
        self.vault_address: str | None = (
            None if vault_address is None else normalise_address(vault_address)
        )
        self.signature_chain_id = signature_chain_id
        self._signers: dict[str, Signer] = {}

    def __repr__(self) -> str:
        network = "mainnet" if self.is_mainnet else "testnet"
        vault = f" vault={self.vault_address}" if self.vault_address else ""
        return f"<trio_hl.Exchange {network} account={self.account!r}{vault}>"

    def with_vault(self, vault_address: str | None) -> Self:
        """The same exchange acting for ``vault_address`` by default (``None``: for the
        account itself); transport, nonces and keys are shared."""
        other = type(self)(
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
        build: L1Action | Mapping[str, Any] | Callable[[int], L1Action | Mapping[str, Any]],
        *,
        account: Account | None,
        vault: str | None = None,
        expires_after: Time | None = None,
    ) -> Mapping[str, Any]:
        """Sign and send an L1 action: the action itself, or a builder of it from the nonce
        (for the few actions that carry their nonce inside)."""
        signer = self._signer(self._account(account))
        expires = self._expires(expires_after)
        nonce = self.nonces.next(signer.address)
        action = build(nonce) if callable(build) else build
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
        wire = prepare_user_signed_action(
            action.to_wire() if isinstance(action, UserSignedAction) else action,
            is_mainnet=self.is_mainnet,
            signature_chain_id=self.signature_chain_id,
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
            action,
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
