"""FakeExchange: the fake server's ``/exchange``, verifying signatures like the real one.

A :class:`FakeExchange` is the ``action_handler`` of a
:class:`~trio_hl.testing.FakeHyperliquid` (installed by default; the HTTP side shares it), so
an action signed by trio_hl goes the whole way offline: built, signed, sent over the
WebSocket or HTTP, *verified*, executed against a small order book, answered.

Verification works as the exchange's does: it never trusts a claimed address. It rebuilds
the EIP-712 message from the action it received (the L1 phantom agent from the msgpack hash
of the action, nonce, vault and expiresAfter, or the user-signed struct of
:data:`trio_hl.signing.USER_SIGNED_TYPES`), *recovers* the signer with ``eth_account``, and
looks that address up among the users it knows and the API wallets they approved. An
unknown signer is answered exactly as the exchange does, ``User or API Wallet 0x... does not
exist.``, which is what a wrong key, a wrong network, a wrong vault in the hash, or an API
wallet signing a user-signed action all look like in production. The typed data is built
with :mod:`trio_hl.signing` (the tests prove those builders against the official SDK), but
the fake never sees what the client meant to sign, only the bytes that arrived.

Then, in order: the request nonce (unique per signer, above the smallest of the signer's
100 highest, within a day of :attr:`FakeExchange.clock`; for a user-signed action equal to
its ``time``/``nonce``), ``expiresAfter``, and the vault (a sub-account the user created or
a vault registered with :meth:`FakeExchange.add_vault`).

The market is the fake's default universe and ``allMids``: a limit price at or through the
mid fills at the mid (IOC and GTC), a GTC or ALO order below it rests with a new oid
(increasing), an IOC that does not reach the mid fails with ``Order could not immediately
match against any resting orders. asset=<id>``, an ALO that would cross fails. Prices and
sizes off the asset's tick and lot grid fail per order, like the exchange. Trigger orders
rest; TP/SL children of a ``normalTpsl`` batch answer ``waitingForFill`` (or
``waitingForTrigger`` once their parent filled). Cancels of an unknown order answer ``Order
was never placed, already canceled, or filled. asset=<id>``. Transfers and settings answer
``{"type": "default"}``. Messages for checks whose exact wording we have not seen from the
real exchange (nonces, vaults, expiry, schedule time) are marked approximate in
:data:`APPROXIMATE_MESSAGES`.
"""

from __future__ import annotations

import bisect
from collections import deque
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal, final

import attrs
import eth_account
from eth_account.messages import encode_typed_data
from eth_utils.crypto import keccak

from .._account import Account
from .._guards import is_object
from .._nonces import wall_clock_ms
from .._numbers import to_wire, validate_price, validate_size
from ..errors import HyperliquidError, SigningError
from ..signing import (
    USER_SIGNED_TYPES,
    Signature,
    l1_typed_data,
    user_signed_nonce,
    user_signed_typed_data,
)
from ._simulation import MARKET_ACTIONS

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ._fake_server import FakeHyperliquid

__all__ = [
    "APPROXIMATE_MESSAGES",
    "TEST_ACCOUNT",
    "FakeExchange",
    "FakeOrder",
    "ReceivedAction",
    "install_fake_exchange",
]

TEST_SECRET_KEY: Final = "0x" + "5e" * 32
"""A fixed, public test key. Never fund its address anywhere."""

TEST_ACCOUNT: Final = Account(
    address=eth_account.Account.from_key(TEST_SECRET_KEY).address, secret_key=TEST_SECRET_KEY
)
"""The user every :class:`FakeExchange` knows from the start (a fixed, public test key)."""

APPROXIMATE_MESSAGES: Final = (
    "Invalid nonce",
    "Vault not registered",
    "Action expired",
    "Scheduled cancel time too early",
    "Cannot modify canceled or filled order",
    "TWAP was never placed",
    "Unknown action type",
)
"""Prefixes of fake answers whose exact wording on the real exchange is not documented."""

_DAY_MS: Final = 86_400_000
_SCHEDULE_MIN_MS: Final = 5_000
_NONCE_SET: Final = 100
_FIRST_OID: Final = 1_000_000

# Every L1 action type the fake accepts (user-signed ones come from USER_SIGNED_TYPES).
_L1_TYPES: Final = frozenset(
    {
        "order",
        "cancel",
        "cancelByCloid",
        "modify",
        "batchModify",
        "scheduleCancel",
        "updateLeverage",
        "updateIsolatedMargin",
        "topUpIsolatedOnlyMargin",
        "twapOrder",
        "twapCancel",
        "createSubAccount",
        "subAccountTransfer",
        "subAccountSpotTransfer",
        "subAccountModify",
        "vaultTransfer",
        "createVault",
        "vaultModify",
        "vaultDistribute",
        "setReferrer",
        "registerReferrer",
        "claimRewards",
        "setDisplayName",
        "spotUser",
        "evmUserModify",
        "noop",
        "reserveRequestWeight",
        "agentEnableDexAbstraction",
        "agentSetAbstraction",
        "borrowLend",
    }
)


class _Refused(Exception):
    """Answer ``{"status": "err", "response": <message>}``."""


def _err(message: str) -> dict[str, Any]:
    return {"status": "err", "response": message}


def _ok(response: Any) -> dict[str, Any]:
    return {"status": "ok", "response": response}


_DEFAULT: Final = {"type": "default"}


@attrs.frozen(kw_only=True)
class ReceivedAction:
    """An action that passed verification.

    Attributes:
        action: the wire action as received.
        nonce: the request nonce.
        signer: the recovered signer (the account, or one of its API wallets).
        user: the account the signer acts for.
        vault: the request's ``vaultAddress`` (lower-case), if any.
        expires_after: the request's ``expiresAfter``, if any.
        kind: ``"l1"`` or ``"user"`` (user-signed).
    """

    action: dict[str, Any]
    nonce: int
    signer: str
    user: str
    vault: str | None
    expires_after: int | None
    kind: Literal["l1", "user"]


@attrs.define(kw_only=True)
class FakeOrder:
    """A resting order of the fake book."""

    oid: int
    owner: str
    asset: int
    is_buy: bool
    price: Decimal
    size: Decimal
    cloid: str | None
    trigger: bool


@attrs.frozen
class _Asset:
    id: int
    coin: str
    sz_decimals: int
    is_spot: bool
    dex: str


def _call(handler: Any, payload: dict[str, Any]) -> Any:
    return handler(payload) if callable(handler) else handler


@final
class FakeExchange:
    """The exchange endpoint of a fake server; see the module docstring.

    Attributes:
        is_mainnet: the network signatures are checked for.
        clock: milliseconds since the epoch for nonce and expiry checks (the wall clock by
            default; tests inject the clock they give their ``NonceSource``).
        users: addresses that exist (hold funds); starts with :data:`TEST_ACCOUNT`.
        agents: API wallet address -> the user it acts for (``approveAgent`` adds to it).
        sub_accounts: sub-account address -> master (``createSubAccount`` adds to it).
        vaults: vault address -> leader (``createVault`` adds to it).
        received: every envelope handled, verified or not, in order.
        accepted: every action that passed verification, in order.
        orders: the resting orders by oid.
        builder_fees: ``(user, builder)`` -> approved ``maxFeeRate``.
    """

    def __init__(
        self,
        fake: FakeHyperliquid,
        *,
        is_mainnet: bool = True,
        clock: Callable[[], int] | None = None,
    ) -> None:
        self.fake = fake
        self.is_mainnet = is_mainnet
        self.clock: Callable[[], int] = clock if clock is not None else wall_clock_ms
        self.users: set[str] = {TEST_ACCOUNT.address}
        self.agents: dict[str, str] = {}
        self.sub_accounts: dict[str, str] = {}
        self.vaults: dict[str, str] = {}
        self.received: list[dict[str, Any]] = []
        self.accepted: list[ReceivedAction] = []
        self.orders: dict[int, FakeOrder] = {}
        self.twaps: dict[int, tuple[str, int]] = {}
        self.scheduled_cancels: dict[str, int | None] = {}
        self.builder_fees: dict[tuple[str, str], str] = {}
        self._nonces: dict[str, list[int]] = {}
        self._rejections: deque[str] = deque()
        self._next_oid = _FIRST_OID
        self._next_twap = 1

    # -- scripting -------------------------------------------------------------------------------

    def add_user(self, address: str) -> None:
        """Make ``address`` an existing user (as if it had deposited)."""
        self.users.add(address.lower())

    def add_agent(self, agent: str, user: str) -> None:
        """Register API wallet ``agent`` for ``user`` (as ``approveAgent`` does)."""
        self.agents[agent.lower()] = user.lower()

    def add_sub_account(self, sub_account: str, master: str) -> None:
        self.sub_accounts[sub_account.lower()] = master.lower()

    def add_vault(self, vault: str, leader: str) -> None:
        self.vaults[vault.lower()] = leader.lower()

    def reject_next(self, message: str, *, times: int = 1) -> None:
        """Answer the next ``times`` actions with ``{"status": "err", "response": message}``
        (recorded in :attr:`received`, not executed)."""
        self._rejections.extend([message] * times)

    def actions(self, action_type: str | None = None) -> list[dict[str, Any]]:
        """The accepted wire actions (of one ``type``), in order."""
        return [
            a.action
            for a in self.accepted
            if action_type is None or a.action["type"] == action_type
        ]

    # -- the endpoint ---------------------------------------------------------------------------

    def handle(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Answer one envelope (the ``action_handler`` of the fake server)."""
        self.received.append(payload)
        if self._rejections:
            return _err(self._rejections.popleft())
        try:
            return self._handle(payload)
        except _Refused as refusal:
            return _err(str(refusal))

    def _handle(self, payload: dict[str, Any]) -> dict[str, Any]:
        action, nonce = payload.get("action"), payload.get("nonce")
        signature = payload.get("signature")
        if not is_object(action) or not isinstance(action.get("type"), str):
            raise _Refused("Failed to deserialize the JSON body into the target type")
        if isinstance(nonce, bool) or not isinstance(nonce, int) or not is_object(signature):
            raise _Refused("Failed to deserialize the JSON body into the target type")
        vault = payload.get("vaultAddress")
        expires = payload.get("expiresAfter")
        action_type: str = action["type"]
        spec = USER_SIGNED_TYPES.get(action_type)
        kind: Literal["l1", "user"]
        try:
            if spec is not None:
                kind = "user"
                if vault is not None or expires is not None:
                    raise _Refused(
                        "Unknown action type: vaultAddress and expiresAfter are not supported "
                        "on user-signed actions"
                    )
                defaults = {name: "" for name in spec.empty_if_absent if name not in action}
                typed = user_signed_typed_data(
                    {**action, **defaults},
                    spec.eip712_fields(),
                    spec.primary_type,
                    is_mainnet=self.is_mainnet,
                )
                if user_signed_nonce(action) != nonce:
                    raise _Refused(
                        f"Invalid nonce: the request nonce {nonce} differs from the action's "
                        f"{spec.nonce_field}"
                    )
            elif action_type in _L1_TYPES:
                kind = "l1"
                typed = l1_typed_data(action, vault, nonce, expires, is_mainnet=self.is_mainnet)
            else:
                raise _Refused(f"Unknown action type: {action_type!r}")
            signer = self._recover(typed, signature)
        except (SigningError, ValueError, TypeError) as exc:
            raise _Refused(
                f"Failed to deserialize the JSON body into the target type: {exc}"
            ) from None
        user = signer if signer in self.users else None
        if user is None and kind == "l1":
            user = self.agents.get(signer)  # API wallets sign L1 actions only
        simulation = self.fake.simulation
        if user is None and simulation is not None and simulation.faucet is not None:
            simulation.fund(signer, simulation.faucet)
            user = signer
        if user is None:
            raise _Refused(f"User or API Wallet {signer} does not exist.")
        self._check_nonce(signer, nonce)
        if expires is not None and expires < self.clock():
            raise _Refused(f"Action expired: expiresAfter {expires} has passed")
        owner = user
        if vault is not None:
            vault = str(vault).lower()
            if user not in (self.sub_accounts.get(vault), self.vaults.get(vault)):
                raise _Refused(f"Vault not registered: {vault} is not led by {user}")
            owner = vault
        self.accepted.append(
            ReceivedAction(
                action=action,
                nonce=nonce,
                signer=signer,
                user=user,
                vault=vault,
                expires_after=expires,
                kind=kind,
            )
        )
        return self._execute(action, owner=owner, user=user, nonce=nonce)

    @staticmethod
    def _recover(typed: dict[str, Any], signature: Mapping[str, Any]) -> str:
        sig = Signature.from_wire(signature)
        signable = encode_typed_data(full_message=typed)
        recovered: str = eth_account.Account.recover_message(
            signable, vrs=(sig.v, int(sig.r, 16), int(sig.s, 16))
        )
        return recovered.lower()

    def _check_nonce(self, signer: str, nonce: int) -> None:
        now = self.clock()
        if not now - _DAY_MS < nonce < now + _DAY_MS:
            raise _Refused(f"Invalid nonce: {nonce} is not within a day of the current time {now}")
        used = self._nonces.setdefault(signer, [])
        index = bisect.bisect_left(used, nonce)
        if index < len(used) and used[index] == nonce:
            raise _Refused(f"Invalid nonce: duplicate nonce {nonce} for {signer}")
        if len(used) >= _NONCE_SET and nonce < used[0]:
            raise _Refused(
                f"Invalid nonce: {nonce} is lower than the signer's {_NONCE_SET} highest"
            )
        used.insert(index, nonce)
        if len(used) > _NONCE_SET:
            del used[0]

    # -- the market -----------------------------------------------------------------------------

    def _assets(self) -> dict[int, _Asset]:
        handlers = self.fake.info_handlers
        assets: dict[int, _Asset] = {}
        if "meta" in handlers:
            meta: dict[str, Any] = _call(handlers["meta"], {"type": "meta"}) or {"universe": []}
            for index, asset in enumerate(meta["universe"]):
                assets[index] = _Asset(index, asset["name"], asset["szDecimals"], False, "")
            dexs: list[Any] = (
                _call(handlers["perpDexs"], {"type": "perpDexs"}) if "perpDexs" in handlers else []
            )
            for dex_index, dex in enumerate(dexs or []):
                if dex_index == 0 or not dex:
                    continue
                dex_meta: dict[str, Any] = (
                    _call(handlers["meta"], {"type": "meta", "dex": dex["name"]}) or {}
                )
                for index, asset in enumerate(dex_meta.get("universe", [])):
                    asset_id = 100_000 + dex_index * 10_000 + index
                    assets[asset_id] = _Asset(
                        asset_id, asset["name"], asset["szDecimals"], False, dex["name"]
                    )
        if "spotMeta" in handlers:
            spot: dict[str, Any] = _call(handlers["spotMeta"], {"type": "spotMeta"}) or {}
            tokens: dict[int, Any] = {token["index"]: token for token in spot.get("tokens", [])}
            for pair in spot.get("universe", []):
                base = tokens.get(pair["tokens"][0], {"szDecimals": 0})
                asset_id = 10_000 + pair["index"]
                assets[asset_id] = _Asset(asset_id, pair["name"], base["szDecimals"], True, "")
        return assets

    def _mid(self, asset: _Asset) -> Decimal | None:
        handler = self.fake.info_handlers.get("allMids")
        if handler is None:
            return None
        payload: dict[str, Any] = {"type": "allMids"}
        if asset.dex:
            payload["dex"] = asset.dex
        mids: dict[str, Any] = _call(handler, payload) or {}
        mid = mids.get(asset.coin)
        return None if mid is None else Decimal(mid)

    def _new_oid(self) -> int:
        self._next_oid += 1
        return self._next_oid

    def _place(
        self, wire: Mapping[str, Any], owner: str, *, child: bool, parent_filled: bool
    ) -> Any:
        asset_id = wire.get("a")
        assets = self._assets()
        asset = assets.get(asset_id) if isinstance(asset_id, int) else None
        if asset is None:
            return {"error": f"Order has invalid asset. asset={asset_id}"}
        try:
            price = validate_price(wire["p"], asset.sz_decimals, is_spot=asset.is_spot)
        except (HyperliquidError, KeyError, TypeError):
            return {"error": f"Price must be divisible by tick size. asset={asset_id}"}
        try:
            size = validate_size(wire["s"], asset.sz_decimals)
        except (HyperliquidError, KeyError, TypeError):
            return {"error": f"Order has invalid size. asset={asset_id}"}
        cloid = wire.get("c")
        is_buy = bool(wire.get("b"))
        order_type: dict[str, Any] = wire.get("t") or {}
        extra = {} if cloid is None else {"cloid": cloid}
        if "trigger" in order_type:
            if child:
                return "waitingForTrigger" if parent_filled else "waitingForFill"
            oid = self._rest(owner, asset.id, is_buy, price, size, cloid, trigger=True)
            return {"resting": {"oid": oid, **extra}}
        limit: dict[str, Any] = order_type.get("limit", {})
        tif = limit.get("tif")
        mid = self._mid(asset)
        crosses = mid is not None and (price >= mid if is_buy else price <= mid)
        if tif in ("Ioc", "FrontendMarket") and not crosses:
            return {
                "error": "Order could not immediately match against any resting orders. "
                f"asset={asset_id}"
            }
        if tif == "Alo" and crosses:
            return {
                "error": f"Post only order would have immediately matched, bbo was {mid}@{mid}. "
                f"asset={asset_id}"
            }
        if crosses and mid is not None:
            return {
                "filled": {
                    "totalSz": to_wire(size),
                    "avgPx": to_wire(mid),
                    "oid": self._new_oid(),
                    **extra,
                }
            }
        oid = self._rest(owner, asset.id, is_buy, price, size, cloid, trigger=False)
        return {"resting": {"oid": oid, **extra}}

    def _rest(
        self,
        owner: str,
        asset: int,
        is_buy: bool,
        price: Decimal,
        size: Decimal,
        cloid: str | None,
        *,
        trigger: bool,
    ) -> int:
        oid = self._new_oid()
        self.orders[oid] = FakeOrder(
            oid=oid,
            owner=owner,
            asset=asset,
            is_buy=is_buy,
            price=price,
            size=size,
            cloid=None if cloid is None else cloid.lower(),
            trigger=trigger,
        )
        return oid

    def _find(self, owner: str, oid: object, asset: int | None = None) -> FakeOrder | None:
        for order in self.orders.values():
            if order.owner != owner or (asset is not None and order.asset != asset):
                continue
            if isinstance(oid, str) and order.cloid == oid.lower():
                return order
            if isinstance(oid, int) and order.oid == oid:
                return order
        return None

    # -- actions ----------------------------------------------------------------------------------

    def _execute(
        self, action: dict[str, Any], *, owner: str, user: str, nonce: int
    ) -> dict[str, Any]:
        action_type = action["type"]
        simulation = self.fake.simulation
        if simulation is not None and action_type in MARKET_ACTIONS:
            return simulation.execute(action, owner)
        if action_type == "order":
            statuses: list[Any] = []
            normal_tpsl = action.get("grouping") == "normalTpsl"
            for index, wire in enumerate(action.get("orders", [])):
                parent_filled = (
                    bool(statuses) and isinstance(statuses[0], dict) and ("filled" in statuses[0])
                )
                statuses.append(
                    self._place(
                        wire, owner, child=normal_tpsl and index > 0, parent_filled=parent_filled
                    )
                )
            return _ok({"type": "order", "data": {"statuses": statuses}})
        if action_type in ("cancel", "cancelByCloid"):
            results: list[Any] = []
            for cancel in action.get("cancels", []):
                asset = cancel.get("a", cancel.get("asset"))
                found = self._find(owner, cancel.get("o", cancel.get("cloid")), asset)
                if found is None:
                    results.append(
                        {
                            "error": "Order was never placed, already canceled, or filled. "
                            f"asset={asset}"
                        }
                    )
                else:
                    del self.orders[found.oid]
                    results.append("success")
            return _ok({"type": "cancel", "data": {"statuses": results}})
        if action_type == "batchModify":
            modified: list[Any] = []
            for modify in action.get("modifies", []):
                found = self._find(owner, modify.get("oid"))
                if found is None:
                    modified.append({"error": "Cannot modify canceled or filled order"})
                    continue
                del self.orders[found.oid]
                modified.append(
                    self._place(modify.get("order", {}), owner, child=False, parent_filled=False)
                )
            return _ok({"type": "order", "data": {"statuses": modified}})
        if action_type == "modify":
            found = self._find(owner, action.get("oid"))
            if found is None:
                raise _Refused("Cannot modify canceled or filled order")
            del self.orders[found.oid]
            status = self._place(action.get("order", {}), owner, child=False, parent_filled=False)
            if is_object(status) and "error" in status:
                raise _Refused(str(status["error"]))
            return _ok(_DEFAULT)
        if action_type == "scheduleCancel":
            when = action.get("time")
            if when is not None and when < self.clock() + _SCHEDULE_MIN_MS:
                raise _Refused(
                    "Scheduled cancel time too early, must be at least 5 seconds after current time"
                )
            self.scheduled_cancels[owner] = when
            return _ok(_DEFAULT)
        if action_type == "twapOrder":
            twap = action.get("twap", {})
            if twap.get("a") not in self._assets():
                return _ok({"type": "twapOrder", "data": {"status": {"error": "Invalid asset"}}})
            twap_id = self._next_twap
            self._next_twap += 1
            self.twaps[twap_id] = (owner, twap["a"])
            return _ok({"type": "twapOrder", "data": {"status": {"running": {"twapId": twap_id}}}})
        if action_type == "twapCancel":
            key = action.get("t")
            if isinstance(key, int) and self.twaps.get(key) == (owner, action.get("a")):
                del self.twaps[key]
                return _ok({"type": "twapCancel", "data": {"status": "success"}})
            return _ok(
                {
                    "type": "twapCancel",
                    "data": {
                        "status": {"error": "TWAP was never placed, already canceled, or filled."}
                    },
                }
            )
        if action_type == "createSubAccount":
            address = self._derived_address(user, "sub", str(action.get("name")))
            self.sub_accounts[address] = user
            return _ok({"type": "createSubAccount", "data": address})
        if action_type == "createVault":
            address = self._derived_address(user, "vault", str(action.get("name")))
            self.vaults[address] = user
            return _ok({"type": "createVault", "data": address})
        if action_type == "approveAgent":
            self.agents[str(action["agentAddress"]).lower()] = user
        elif action_type == "approveBuilderFee":
            self.builder_fees[(user, str(action["builder"]).lower())] = str(action["maxFeeRate"])
        return _ok(_DEFAULT)

    @staticmethod
    def _derived_address(user: str, kind: str, name: str) -> str:
        return "0x" + keccak(f"{user}:{kind}:{name}".encode()).hex()[-40:]

    def __repr__(self) -> str:
        network = "mainnet" if self.is_mainnet else "testnet"
        return (
            f"<FakeExchange {network} users={len(self.users)} agents={len(self.agents)} "
            f"orders={len(self.orders)}>"
        )


def install_fake_exchange(
    fake: FakeHyperliquid,
    *,
    is_mainnet: bool | None = None,
    clock: Callable[[], int] | None = None,
) -> FakeExchange:
    """Give ``fake`` a fresh :class:`FakeExchange` as its ``action_handler`` (and its
    ``exchange`` attribute); a :class:`~trio_hl.testing.FakeHyperliquid` starts with one.

    Args:
        fake: the fake server (its HTTP side shares the handler).
        is_mainnet: the network to verify for (default: ``fake.network``'s).
        clock: milliseconds for nonce and expiry checks (default: the wall clock).
    """
    exchange = FakeExchange(
        fake,
        is_mainnet=fake.network.is_mainnet if is_mainnet is None else is_mainnet,
        clock=clock,
    )
    fake.exchange = exchange
    fake.action_handler = exchange.handle
    return exchange
