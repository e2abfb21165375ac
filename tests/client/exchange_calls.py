"""Shared by the WebSocket and HTTP exchange tests: an Api wired to the fake server (whose
exchange verifies every signature), and one row per ``Exchange`` method."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Any, Final, Literal

import attrs

from trio_hl import Api, Exchange, NonceSource, Settings
from trio_hl._exchange import ActionTransport
from trio_hl.models.exchange import (
    LIMIT_GTC,
    ApprovedAgent,
    BuilderFee,
    CancelRequest,
    CancelSuccess,
    Cloid,
    ModifyRequest,
    OrderFilled,
    OrderRequest,
    OrderResting,
    OrderWaiting,
    TwapRunning,
    stop_loss_market,
    take_profit_limit,
)
from trio_hl.testing import TEST_ACCOUNT, FakeHyperliquid
from trio_hl.testing._info_fixtures import BUILDER, KNOWN_VAULT, OTHER_USER, VALIDATOR

from .helpers import is_method

T: Final = 1_750_000_000_000
"""The frozen "now" (ms) of these tests: nonces are T, T+1, ... and the fake agrees."""

PURR: Final = "PURR:0xc1fb593aeffbeb02f85e0308e9956a90"

Transport = Literal["ws", "http"]


@attrs.define
class Env:
    fake: FakeHyperliquid
    api: Api
    exchange: Exchange
    transport: Transport

    @property
    def transport_fn(self) -> ActionTransport:
        """The raw transport under ``exchange`` (to build other Exchanges over it)."""
        if self.transport == "http":
            return self.api.http.exchange
        ws = self.api.ws

        async def over_ws(payload: Mapping[str, Any]) -> Any:
            return await ws.client.action(payload)

        return over_ws

    def sent(self) -> list[dict[str, Any]]:
        """Every exchange envelope sent on this transport, in order."""
        if self.transport == "http":
            return [body for path, body in self.fake.http.received if path == "/exchange"]
        return [
            frame["request"]["payload"]
            for _, frame in self.fake.received
            if is_method("post")(frame) and frame["request"]["type"] == "action"
        ]


@asynccontextmanager
async def open_env(
    fake: FakeHyperliquid,
    transport: Transport,
    *,
    clock: Callable[[], int] | None = None,
    settings: Settings | None = None,
) -> AsyncGenerator[Env, None]:
    """An Api for TEST_ACCOUNT over ``transport``, the fake and the nonces on one clock."""
    now = clock if clock is not None else (lambda: T)
    fake.exchange.clock = now
    api = Api(
        network=fake.network, account=TEST_ACCOUNT, settings=settings, nonces=NonceSource(now)
    )
    await api.refresh_universe()
    if transport == "ws":
        async with api.ws.run():
            yield Env(fake, api, api.ws.exchange, transport)
    else:
        yield Env(fake, api, api.exchange, transport)


Prepare = Callable[[Exchange], Awaitable[dict[str, Any]]]


@attrs.frozen
class Call:
    """One method call, what it must return, and what the fake must have verified."""

    method: str
    kwargs: dict[str, Any]
    wire_type: str
    kind: Literal["l1", "user"]
    check: Callable[[Any], bool] = lambda result: result is None
    prepare: Prepare | None = None
    name: str = ""

    @property
    def id(self) -> str:
        return self.name or self.method


async def _resting(exchange: Exchange, **extra: Any) -> int:
    order = await exchange.place_order(
        asset="BTC", is_buy=True, size=Decimal("0.001"), limit_price=Decimal("65000"), **extra
    )
    assert isinstance(order, OrderResting)
    return order.oid


async def _one_resting(exchange: Exchange) -> dict[str, Any]:
    return {"order_id": await _resting(exchange)}


async def _one_resting_cloid(exchange: Exchange) -> dict[str, Any]:
    cloid = Cloid.from_int(42)
    await _resting(exchange, cloid=cloid)
    return {"cloid": cloid}


async def _two_resting(exchange: Exchange) -> dict[str, Any]:
    first, second = await _resting(exchange), await _resting(exchange)
    return {
        "cancels": [
            CancelRequest(asset="BTC", order_id=first),
            CancelRequest(asset=0, order_id=second),
        ]
    }


async def _resting_for_modify(exchange: Exchange) -> dict[str, Any]:
    cloid = Cloid.from_int(7)
    await _resting(exchange, cloid=cloid)
    new = OrderRequest(asset="BTC", is_buy=True, size="0.002", limit_price="64000")
    return {"modifies": [ModifyRequest(order_id=cloid, order=new)]}


async def _twap(exchange: Exchange) -> dict[str, Any]:
    running = await exchange.twap_order(asset="ETH", is_buy=True, size="0.1", minutes=30)
    return {"twap_id": running.twap_id}


async def _sub_account(exchange: Exchange) -> dict[str, Any]:
    return {"sub_account": await exchange.create_sub_account(name="mm")}


def _is_address(value: object) -> bool:
    return isinstance(value, str) and value.startswith("0x") and len(value) == 42


def _is_default(value: object) -> bool:
    return value == {"type": "default"}


CALLS: Final[list[Call]] = [
    # -- orders
    Call(
        "place_order",
        {
            "asset": "BTC",
            "is_buy": True,
            "size": Decimal("0.001"),
            "limit_price": Decimal("65000"),
            "order_type": LIMIT_GTC,
            "reduce_only": False,
        },
        "order",
        "l1",
        lambda r: isinstance(r, OrderResting) and r.cloid is None,
        name="place_order-seed",
    ),
    Call(
        "place_order",
        {
            "asset": "ETH",
            "is_buy": False,
            "size": "0.5",
            "limit_price": "1900",
            "order_type": stop_loss_market("2000"),
            "reduce_only": True,
            "cloid": "0x0000000000000000000000000000abcd",
            "builder": BuilderFee(builder=BUILDER, fee=10),
        },
        "order",
        "l1",
        lambda r: isinstance(r, OrderResting) and r.cloid == Cloid.from_int(0xABCD),
        name="place_order-trigger-cloid-builder",
    ),
    Call(
        "place_orders",
        {
            "orders": [
                OrderRequest(asset="BTC", is_buy=True, size="0.001", limit_price="120000"),
                OrderRequest(
                    asset="BTC",
                    is_buy=False,
                    size="0.001",
                    limit_price="130000",
                    order_type=take_profit_limit("130000"),
                    reduce_only=True,
                ),
                OrderRequest(
                    asset="BTC",
                    is_buy=False,
                    size="0.001",
                    limit_price="90000",
                    order_type=stop_loss_market("95000"),
                    reduce_only=True,
                ),
            ],
            "grouping": "normalTpsl",
        },
        "order",
        "l1",
        lambda r: (
            isinstance(r[0], OrderFilled)
            and r[1:] == (OrderWaiting(status="waitingForTrigger"),) * 2
        ),
    ),
    Call(
        "market_order",
        {"asset": "ETH", "is_buy": False, "size": "0.1"},
        "order",
        "l1",
        lambda r: r == OrderFilled(total_sz=Decimal("0.1"), avg_px=Decimal("2427.15"), oid=r.oid),
    ),
    Call(
        "market_close",
        {"asset": "BTC"},
        "order",
        "l1",
        lambda r: isinstance(r, OrderFilled) and r.total_sz == Decimal("0.001"),
    ),
    # -- cancels and modifications
    Call("cancel_order", {"asset": "BTC"}, "cancel", "l1", prepare=_one_resting),
    Call(
        "cancel_order",
        {"asset": "BTC"},
        "cancelByCloid",
        "l1",
        prepare=_one_resting_cloid,
        name="cancel_order-by-cloid",
    ),
    Call(
        "cancel_orders",
        {},
        "cancel",
        "l1",
        lambda r: r == (CancelSuccess(), CancelSuccess()),
        prepare=_two_resting,
    ),
    Call(
        "modify_order",
        {
            "asset": "BTC",
            "is_buy": True,
            "size": "0.002",
            "limit_price": "64000",
            "order_type": LIMIT_GTC,
            "cloid": Cloid.from_int(8),
        },
        "batchModify",
        "l1",
        lambda r: isinstance(r, OrderResting) and r.cloid == Cloid.from_int(8),
        prepare=_one_resting,
    ),
    Call(
        "modify_orders",
        {},
        "batchModify",
        "l1",
        lambda r: len(r) == 1 and isinstance(r[0], OrderResting),
        prepare=_resting_for_modify,
    ),
    Call("schedule_cancel", {"time": T + 60_000}, "scheduleCancel", "l1"),
    Call("schedule_cancel", {"time": None}, "scheduleCancel", "l1", name="schedule_cancel-unset"),
    # -- leverage, margin, TWAP
    Call("update_leverage", {"asset": "BTC", "leverage": 10}, "updateLeverage", "l1"),
    Call(
        "update_isolated_margin",
        {"asset": "ETH", "amount": Decimal("-2.5")},
        "updateIsolatedMargin",
        "l1",
    ),
    Call(
        "top_up_isolated_only_margin",
        {"asset": "SOL", "leverage": "0.5"},
        "topUpIsolatedOnlyMargin",
        "l1",
    ),
    Call(
        "twap_order",
        {"asset": "BTC", "is_buy": True, "size": "0.01", "minutes": 5, "randomize": True},
        "twapOrder",
        "l1",
        lambda r: isinstance(r, TwapRunning),
    ),
    Call("twap_cancel", {"asset": "ETH"}, "twapCancel", "l1", prepare=_twap),
    # -- transfers
    Call("usd_send", {"destination": OTHER_USER, "amount": "1"}, "usdSend", "user"),
    Call(
        "spot_send",
        {"destination": OTHER_USER, "token": PURR, "amount": "12.5"},
        "spotSend",
        "user",
    ),
    Call("withdraw", {"destination": OTHER_USER, "amount": 2}, "withdraw3", "user"),
    Call("usd_class_transfer", {"amount": "100", "to_perp": True}, "usdClassTransfer", "user"),
    Call(
        "send_asset",
        {
            "destination": OTHER_USER,
            "source_dex": "",
            "destination_dex": "spot",
            "token": "USDC",
            "amount": "12.5",
        },
        "sendAsset",
        "user",
    ),
    Call(
        "sub_account_transfer",
        {"is_deposit": True, "amount": "10"},
        "subAccountTransfer",
        "l1",
        prepare=_sub_account,
    ),
    Call(
        "sub_account_spot_transfer",
        {"is_deposit": False, "token": PURR, "amount": "3"},
        "subAccountSpotTransfer",
        "l1",
        prepare=_sub_account,
    ),
    Call(
        "vault_transfer",
        {"vault": KNOWN_VAULT, "is_deposit": True, "amount": "5"},
        "vaultTransfer",
        "l1",
    ),
    # -- sub-accounts and vaults
    Call("create_sub_account", {"name": "mm"}, "createSubAccount", "l1", _is_address),
    Call("sub_account_modify", {"name": "renamed"}, "subAccountModify", "l1", prepare=_sub_account),
    Call(
        "create_vault",
        {"name": "my vault", "description": "a vault for tests", "initial_usd": 200},
        "createVault",
        "l1",
        _is_address,
    ),
    Call(
        "vault_modify",
        {"vault": KNOWN_VAULT, "allow_deposits": False},
        "vaultModify",
        "l1",
    ),
    Call("vault_distribute", {"vault": KNOWN_VAULT, "amount": "1.5"}, "vaultDistribute", "l1"),
    # -- agents, builders, referrals
    Call(
        "approve_agent",
        {"name": "bot"},
        "approveAgent",
        "user",
        lambda r: isinstance(r, ApprovedAgent) and r.account.address == TEST_ACCOUNT.address,
    ),
    Call(
        "approve_builder_fee",
        {"builder": BUILDER, "max_fee_rate": "0.01%"},
        "approveBuilderFee",
        "user",
    ),
    Call("set_referrer", {"code": "ASDFASDF"}, "setReferrer", "l1"),
    Call("register_referrer", {"code": "MINE"}, "registerReferrer", "l1"),
    Call("claim_rewards", {}, "claimRewards", "l1"),
    Call("set_display_name", {"name": "tester"}, "setDisplayName", "l1"),
    # -- staking
    Call("token_delegate", {"validator": VALIDATOR, "amount": "1.5"}, "tokenDelegate", "user"),
    Call("staking_deposit", {"amount": "2"}, "cDeposit", "user"),
    Call("staking_withdraw", {"amount": "0.00000001"}, "cWithdraw", "user"),
    Call(
        "link_staking_user",
        {"user": OTHER_USER, "is_finalize": False},
        "linkStakingUser",
        "user",
    ),
    Call(
        "staking_link_disable_trading_user",
        {"trading_user": OTHER_USER},
        "stakingLinkDisableTradingUser",
        "user",
    ),
    # -- account settings
    Call(
        "convert_to_multi_sig_user",
        {"authorized_users": [OTHER_USER, BUILDER], "threshold": 1},
        "convertToMultiSigUser",
        "user",
    ),
    Call(
        "user_set_abstraction",
        {"abstraction": "unifiedAccount"},
        "userSetAbstraction",
        "user",
    ),
    Call("user_dex_abstraction", {"enabled": True}, "userDexAbstraction", "user"),
    Call("user_portfolio_margin", {"enabled": True}, "userPortfolioMargin", "user"),
    Call(
        "agent_set_abstraction",
        {"abstraction": "portfolioMargin"},
        "agentSetAbstraction",
        "l1",
    ),
    Call("agent_enable_dex_abstraction", {}, "agentEnableDexAbstraction", "l1"),
    Call("set_spot_dusting", {"opt_out": True}, "spotUser", "l1"),
    Call("use_big_blocks", {"enabled": True}, "evmUserModify", "l1"),
    Call(
        "borrow_lend",
        {"operation": "supply", "token": 0, "amount": "10"},
        "borrowLend",
        "l1",
    ),
    Call("noop", {}, "noop", "l1"),
    Call("reserve_request_weight", {"weight": 100}, "reserveRequestWeight", "l1"),
    # -- any action
    Call("send_l1_action", {"action": {"type": "noop"}}, "noop", "l1", _is_default),
    Call(
        "send_user_signed_action",
        {"action": {"type": "usdSend", "destination": OTHER_USER, "amount": "1"}},
        "usdSend",
        "user",
        _is_default,
    ),
]

IOC_MISS: Final = "Order could not immediately match against any resting orders. asset=0"
NEVER_PLACED: Final = "Order was never placed, already canceled, or filled. asset=0"


async def round_trip(env: Env, call: Call) -> None:
    """Run one call through the fake and check what it verified."""
    kwargs = dict(call.kwargs)
    if call.prepare is not None:
        kwargs.update(await call.prepare(env.exchange))
    accepted = env.fake.exchange.accepted
    before, sent_before = len(accepted), len(env.sent())
    result = await getattr(env.exchange, call.method)(**kwargs)
    assert call.check(result), result
    # The fake recovered our signer from the bytes it received and executed the action once.
    assert len(accepted) == before + 1, env.fake.exchange.received[-1]
    verified = accepted[-1]
    assert verified.action["type"] == call.wire_type
    assert verified.kind == call.kind
    assert verified.signer == verified.user == TEST_ACCOUNT.address
    (envelope,) = env.sent()[sent_before:]
    assert envelope["action"] == verified.action
    assert envelope["nonce"] == verified.nonce
    if call.kind == "user":
        assert "vaultAddress" not in envelope
        assert "expiresAfter" not in envelope
