"""Exchange scenarios run over both transports (``test_exchange_ws``, ``test_exchange_http``).

Each takes an :class:`~tests.client.exchange_calls.Env` whose fake verifies every signature.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
import trio

from trio_hl import Account, Exchange, NonceSource
from trio_hl.errors import (
    ActionRejected,
    ApiError,
    ConfigurationError,
    NumberTypeError,
    OrderRejected,
    PrecisionError,
    ProtocolError,
    UnknownAsset,
)
from trio_hl.models.exchange import (
    LIMIT_ALO,
    LIMIT_GTC,
    LIMIT_IOC,
    CancelRequest,
    OrderError,
    OrderFilled,
    OrderRequest,
    OrderResting,
    stop_loss_limit,
)
from trio_hl.signing import Signer
from trio_hl.testing import TEST_ACCOUNT
from trio_hl.testing._info_fixtures import KNOWN_VAULT, OTHER_USER

from .exchange_calls import IOC_MISS, NEVER_PLACED, Env, T

AGENT_KEY = "0x" + "66" * 32  # fixed public test keys
STRANGER_KEY = "0x" + "77" * 32


def _last_order_wire(env: Env) -> dict[str, Any]:
    wire: dict[str, Any] = env.fake.exchange.accepted[-1].action["orders"][0]
    return wire


async def seed_calls(env: Env) -> None:
    """The seed's two calls, verbatim."""
    result = await env.exchange.place_order(
        asset="BTC",
        is_buy=True,
        size=Decimal("0.001"),
        limit_price=Decimal("65000"),
        order_type=LIMIT_GTC,
        reduce_only=False,
    )
    assert isinstance(result, OrderResting)
    assert _last_order_wire(env) == {
        "a": 0,
        "b": True,
        "p": "65000",
        "s": "0.001",
        "r": False,
        "t": {"limit": {"tif": "Gtc"}},
    }
    await env.exchange.cancel_order(asset="BTC", order_id=result.oid)
    with pytest.raises(OrderRejected, match="never placed") as info:
        await env.exchange.cancel_order(asset="BTC", order_id=123)
    assert info.value.message == NEVER_PLACED
    assert isinstance(info.value, ApiError)
    assert info.value.response["status"] == "ok"


async def agent_wallet_flow(env: Env) -> None:
    """approve_agent, then trade as the account with the agent's key; user-signed actions
    refused locally; an unknown signer answered as the exchange does."""
    fake = env.fake.exchange
    approved = await env.exchange.approve_agent(name="bot")
    secret = approved.account.secret_key
    assert secret is not None
    assert secret not in repr(approved)
    assert secret not in str(approved.account)
    assert approved.agent_address == Signer.from_key(secret).address
    assert approved.account.address == TEST_ACCOUNT.address
    assert fake.agents[approved.agent_address] == TEST_ACCOUNT.address
    assert fake.accepted[-1].action["agentName"] == "bot"

    order = await env.exchange.place_order(
        asset="SOL", is_buy=True, size="1", limit_price="100", account=approved.account
    )
    assert isinstance(order, OrderResting)
    verified = fake.accepted[-1]
    assert (verified.signer, verified.user) == (approved.agent_address, TEST_ACCOUNT.address)
    assert fake.orders[order.oid].owner == TEST_ACCOUNT.address
    # The agent's nonces are its own sequence.
    assert env.exchange.nonces.last(approved.agent_address) == verified.nonce
    await env.exchange.cancel_order(asset="SOL", order_id=order.oid, account=approved.account)

    sent = len(env.sent())
    with pytest.raises(ConfigurationError, match="user-signed action: only the account's own key"):
        await env.exchange.usd_send(destination=OTHER_USER, amount=1, account=approved.account)
    with pytest.raises(ConfigurationError, match="user-signed"):
        await env.exchange.approve_agent(account=approved.account)
    assert len(env.sent()) == sent

    stranger = Account(address=TEST_ACCOUNT.address, secret_key=STRANGER_KEY)
    expected = f"User or API Wallet {Signer.from_key(STRANGER_KEY).address} does not exist."
    with pytest.raises(ActionRejected) as info:
        await env.exchange.noop(account=stranger)
    assert info.value.message == expected

    held = await env.exchange.approve_agent(agent_key=AGENT_KEY)
    assert held.account.secret_key == AGENT_KEY
    assert held.name is None
    assert "agentName" not in fake.accepted[-1].action  # unnamed: absent, signed as ""
    resting = await env.exchange.place_order(
        asset="BTC", is_buy=False, size="0.001", limit_price="200000", account=held.account
    )
    assert isinstance(resting, OrderResting)
    assert fake.accepted[-1].signer == Signer.from_key(AGENT_KEY).address
    remote = await env.exchange.approve_agent(
        agent_address=OTHER_USER, name="remote", valid_until=T + 86_400_000
    )
    assert remote.account.secret_key is None
    assert remote.agent_address == OTHER_USER
    assert fake.accepted[-1].action["agentName"] == f"remote valid_until {T + 86_400_000}"
    with pytest.raises(ConfigurationError, match="not both"):
        await env.exchange.approve_agent(agent_key=AGENT_KEY, agent_address=OTHER_USER)
    with pytest.raises(ConfigurationError, match="needs a name"):
        await env.exchange.approve_agent(valid_until=T)


async def vault_trading(env: Env) -> None:
    """Sub-account and vault trading: the master signs, the vault is in the hash and the
    envelope; transfers carry the sub-account inside the action instead."""
    fake = env.fake.exchange
    sub = await env.exchange.create_sub_account(name="mm")
    assert fake.sub_accounts[sub] == TEST_ACCOUNT.address
    order = await env.exchange.place_order(
        asset="BTC", is_buy=True, size="0.001", limit_price="65000", vault_address=sub
    )
    assert isinstance(order, OrderResting)
    assert env.sent()[-1]["vaultAddress"] == sub
    verified = fake.accepted[-1]
    assert (verified.signer, verified.user, verified.vault) == (
        TEST_ACCOUNT.address,
        TEST_ACCOUNT.address,
        sub,
    )
    assert fake.orders[order.oid].owner == sub
    # The order is the sub-account's: the master's own book does not have it.
    with pytest.raises(OrderRejected, match="never placed"):
        await env.exchange.cancel_order(asset="BTC", order_id=order.oid)
    as_sub = env.exchange.with_vault(sub)
    assert as_sub.nonces is env.exchange.nonces
    await as_sub.cancel_order(asset="BTC", order_id=order.oid)
    assert env.sent()[-1]["vaultAddress"] == sub

    await as_sub.usd_class_transfer(amount="5", to_perp=False)
    envelope = env.sent()[-1]
    assert envelope["action"]["amount"] == f"5 subaccount:{sub}"
    assert "vaultAddress" not in envelope
    await as_sub.send_asset(
        destination=OTHER_USER, source_dex="", destination_dex="spot", token="USDC", amount="1"
    )
    assert env.sent()[-1]["action"]["fromSubAccount"] == sub
    # Transfers that name the sub-account in the action never send a vaultAddress.
    await as_sub.sub_account_transfer(sub_account=sub, is_deposit=True, amount="1")
    assert "vaultAddress" not in env.sent()[-1]

    with pytest.raises(ActionRejected, match="Vault not registered"):
        await env.exchange.update_leverage(asset="ETH", leverage=3, vault_address=KNOWN_VAULT)
    fake.add_vault(KNOWN_VAULT, TEST_ACCOUNT.address)
    await env.exchange.update_leverage(asset="ETH", leverage=3, vault_address=KNOWN_VAULT)
    assert fake.accepted[-1].vault == KNOWN_VAULT


async def precision_errors_before_io(env: Env) -> None:
    """Every local refusal happens before anything is signed or sent."""
    fake = env.fake.exchange
    sent, accepted = len(env.sent()), len(fake.accepted)
    place = env.exchange.place_order
    with pytest.raises(PrecisionError, match=r"^BTC: size 0\.000001 has more than szDecimals=5"):
        await place(asset="BTC", is_buy=True, size="0.000001", limit_price="65000")
    with pytest.raises(
        PrecisionError,
        match=r"^BTC price: price 65000\.5 is not on the tick grid.*nearest valid price: 65000 "
        r"\(or pass auto_round=True\)$",
    ):
        await place(asset="BTC", is_buy=True, size="0.001", limit_price="65000.5")
    with pytest.raises(PrecisionError, match=r"^ETH trigger price: price 2000\.123"):
        await place(
            asset="ETH",
            is_buy=False,
            size="0.1",
            limit_price="1990",
            order_type=stop_loss_limit("2000.123"),
        )
    with pytest.raises(PrecisionError, match="spot prices with szDecimals=0"):
        await place(asset="PURR/USDC", is_buy=True, size="10", limit_price="0.123456")
    with pytest.raises(PrecisionError, match=r"^SOL: size"):
        await env.exchange.twap_order(asset="SOL", is_buy=True, size="1.001", minutes=10)
    with pytest.raises(PrecisionError, match=r"^ETH: size"):
        await env.exchange.market_order(asset="ETH", is_buy=True, size="0.00001")
    with pytest.raises(NumberTypeError, match="float"):
        await place(asset="BTC", is_buy=True, size=0.001, limit_price="65000")  # type: ignore[arg-type]
    with pytest.raises(NumberTypeError, match="float"):
        await env.exchange.usd_send(destination=OTHER_USER, amount=1.5)  # type: ignore[arg-type]
    with pytest.raises(UnknownAsset, match="'BTCC'; did you mean 'BTC'"):
        await place(asset="BTCC", is_buy=True, size="0.001", limit_price="65000")
    with pytest.raises(ConfigurationError, match="has no secret_key"):
        await env.exchange.noop(account=Account(address=TEST_ACCOUNT.address))
    with pytest.raises(PrecisionError, match="more than 6 decimals"):
        await env.exchange.update_isolated_margin(asset="ETH", amount="0.0000001")
    with pytest.raises(ConfigurationError, match="by order_id= or by cloid="):
        await env.exchange.cancel_order(asset="BTC")
    with pytest.raises(ConfigurationError, match="split the batch"):
        await env.exchange.cancel_orders(
            [
                CancelRequest(asset="BTC", order_id=1),
                CancelRequest(asset="BTC", cloid="0x" + "00" * 16),
            ]
        )
    with pytest.raises(ConfigurationError, match="slippage"):
        await env.exchange.market_order(asset="ETH", is_buy=True, size="0.1", slippage=1)
    with pytest.raises(ConfigurationError, match="abstraction"):
        await env.exchange.agent_set_abstraction(abstraction="bogus")  # type: ignore[arg-type]
    nameless = Exchange(
        env.transport_fn, is_mainnet=True, universe=env.api.universe, nonces=NonceSource(lambda: T)
    )
    with pytest.raises(ConfigurationError, match="need an account"):
        await nameless.noop()
    assert (len(env.sent()), len(fake.accepted)) == (sent, accepted)


async def auto_round(env: Env) -> None:
    """``auto_round=True`` moves size and prices onto the grid instead of refusing them."""
    result = await env.exchange.place_order(
        asset="BTC", is_buy=True, size="0.0012345", limit_price="65000.47", auto_round=True
    )
    assert isinstance(result, OrderResting)
    wire = _last_order_wire(env)
    assert (wire["p"], wire["s"]) == ("65000", "0.00123")
    await env.exchange.place_order(
        asset="ETH",
        is_buy=False,
        size="0.12345",
        limit_price="1999.999",
        order_type=stop_loss_limit("2000.123"),
        auto_round=True,
    )
    wire = _last_order_wire(env)
    assert (wire["p"], wire["s"], wire["t"]["trigger"]["triggerPx"]) == ("2000", "0.1234", "2000.1")
    await env.exchange.place_order(
        asset="PURR/USDC", is_buy=True, size="10.4", limit_price="0.1234567", auto_round=True
    )
    wire = _last_order_wire(env)
    assert (wire["a"], wire["p"], wire["s"]) == (10000, "0.12346", "10")


async def market_slippage(env: Env) -> None:
    """Market orders: IOC at the mid moved by the slippage, rounded to the tick grid."""

    async def price_of(**kwargs: Any) -> str:
        with contextlib.suppress(OrderRejected):  # only the price sent matters here
            await env.exchange.market_order(**kwargs)
        wire = _last_order_wire(env)
        assert wire["t"] == {"limit": {"tif": "Ioc"}}
        price: str = wire["p"]
        return price

    # ETH mid 2427.15 (szDecimals 4): 2548.5075 -> 5 significant figures.
    assert await price_of(asset="ETH", is_buy=True, size="0.1") == "2548.5"
    assert await price_of(asset="ETH", is_buy=False, size="0.1") == "2305.8"
    assert await price_of(asset="ETH", is_buy=True, size="0.1", slippage="0.01") == "2451.4"
    # The reference's examples (signing.md section 10).
    assert await price_of(asset="ETH", is_buy=True, size="0.1", reference_price=3000) == "3150"
    assert (
        await price_of(asset="BTC", is_buy=True, size="0.001", reference_price="97123.5")
        == "101980"
    )
    assert (
        await price_of(
            asset="PURR/USDC", is_buy=False, size="100", reference_price=Decimal("0.123456")
        )
        == "0.11728"
    )
    # A builder dex's mid comes from allMids of that dex.
    assert await price_of(asset="test:ABC", is_buy=True, size="1") == "106.58"
    result = await env.exchange.market_order(asset="ETH", is_buy=True, size="0.1")
    assert isinstance(result, OrderFilled)
    assert result == OrderFilled(total_sz=Decimal("0.1"), avg_px=Decimal("2427.15"), oid=result.oid)
    with pytest.raises(ApiError, match="no mid price for MATIC"):
        await env.exchange.market_order(asset="MATIC", is_buy=True, size="1")
    with pytest.raises(NumberTypeError):
        await env.exchange.market_order(asset="ETH", is_buy=True, size="1", slippage=0.05)  # type: ignore[arg-type]
    # An IOC that cannot reach the mid does not fill.
    with pytest.raises(OrderRejected, match="could not immediately match"):
        await env.exchange.market_order(
            asset="BTC", is_buy=True, size="0.001", reference_price=50000
        )


async def status_err(env: Env) -> None:
    """``status: err`` raises ActionRejected with the server's message and body."""
    env.fake.exchange.reject_next("Insufficient balance for token transfer")
    with pytest.raises(ActionRejected) as info:
        await env.exchange.usd_send(destination=OTHER_USER, amount=1)
    assert info.value.message == "Insufficient balance for token transfer"
    assert info.value.response == {
        "status": "err",
        "response": "Insufficient balance for token transfer",
    }
    assert isinstance(info.value, ApiError)
    with pytest.raises(ActionRejected, match="Scheduled cancel time too early"):
        await env.exchange.schedule_cancel(time=T + 1_000)


async def per_order_errors(env: Env) -> None:
    """Per-order errors: raised by single-order calls, returned as values by batches."""
    with pytest.raises(OrderRejected) as info:
        await env.exchange.place_order(
            asset="BTC", is_buy=True, size="0.001", limit_price="60000", order_type=LIMIT_IOC
        )
    assert info.value.message == IOC_MISS
    with pytest.raises(OrderRejected, match="Post only order would have immediately matched"):
        await env.exchange.place_order(
            asset="BTC", is_buy=True, size="0.001", limit_price="120000", order_type=LIMIT_ALO
        )
    results = await env.exchange.place_orders(
        [
            OrderRequest(asset="BTC", is_buy=True, size="0.001", limit_price="65000"),
            OrderRequest(
                asset="BTC",
                is_buy=True,
                size="0.001",
                limit_price="60000",
                order_type=LIMIT_IOC,
            ),
        ]
    )
    assert isinstance(results[0], OrderResting)
    assert results[1] == OrderError(message=IOC_MISS)
    cancels = await env.exchange.cancel_orders(
        [
            CancelRequest(asset="BTC", order_id=results[0].oid),
            CancelRequest(asset="BTC", order_id=results[0].oid),
        ]
    )
    assert cancels[1] == OrderError(message=NEVER_PLACED)
    with pytest.raises(OrderRejected, match="Cannot modify canceled or filled order"):
        await env.exchange.modify_order(
            order_id=results[0].oid, asset="BTC", is_buy=True, size="0.001", limit_price="1"
        )
    with pytest.raises(OrderRejected, match="TWAP was never placed"):
        await env.exchange.twap_cancel(asset="BTC", twap_id=999)


async def concurrent_nonces(env: Env) -> None:
    """50 tasks at once, one frozen millisecond: 50 distinct, increasing nonces, all
    accepted by the fake's per-signer freshness check."""
    async with trio.open_nursery() as nursery:
        for _ in range(50):
            nursery.start_soon(env.exchange.noop)
    nonces = [a.nonce for a in env.fake.exchange.accepted if a.action["type"] == "noop"]
    assert sorted(nonces) == list(range(T, T + 50))
    # Over HTTP concurrent requests may arrive out of nonce order (the exchange tolerates it).
    assert sorted(envelope["nonce"] for envelope in env.sent()) == sorted(nonces)


async def expires_after(env: Env) -> None:
    """``expiresAfter`` is hashed and sent; the fake refuses an expired action."""
    await env.exchange.noop(expires_after=T + 1_000)
    assert env.sent()[-1]["expiresAfter"] == T + 1_000
    assert env.fake.exchange.accepted[-1].expires_after == T + 1_000
    when = datetime.fromtimestamp((T + 2_000) / 1000, tz=UTC)
    await env.exchange.noop(expires_after=when)
    assert env.sent()[-1]["expiresAfter"] == T + 2_000
    with pytest.raises(ActionRejected, match="Action expired"):
        await env.exchange.noop(expires_after=T - 1)
    with pytest.raises(ConfigurationError, match="naive datetime"):
        await env.exchange.noop(expires_after=datetime(2025, 1, 1))


async def wrong_network(env: Env) -> None:
    """Signing for testnet against a mainnet exchange recovers someone else."""
    testnet = Exchange(
        env.transport_fn,
        is_mainnet=False,
        account=TEST_ACCOUNT,
        universe=env.api.universe,
        nonces=NonceSource(lambda: T),
    )
    with pytest.raises(ActionRejected, match=r"^action rejected: User or API Wallet 0x") as info:
        await testnet.noop()
    assert TEST_ACCOUNT.address not in info.value.message


async def unexpected_replies(env: Env) -> None:
    """A reply of an unknown shape is a ProtocolError saying the action may have run."""
    env.fake.action_handler = lambda payload: {"status": "ok", "response": {"type": "surprise"}}
    with pytest.raises(ProtocolError, match="may have been executed"):
        await env.exchange.place_order(asset="BTC", is_buy=True, size="0.001", limit_price="1")
    await env.exchange.noop()  # "default" actions accept any ok reply
    env.fake.action_handler = lambda payload: {"status": "maybe"}
    with pytest.raises(ProtocolError, match="status 'maybe'"):
        await env.exchange.noop()
    env.fake.action_handler = lambda payload: [1, 2]
    with pytest.raises(ProtocolError, match="not an object"):
        await env.exchange.noop()


async def without_universe(env: Env) -> None:
    """Without a universe, names fail before I/O; ids still work where no grid is needed."""
    bare = Exchange(
        env.transport_fn, is_mainnet=True, account=TEST_ACCOUNT, nonces=NonceSource(lambda: T)
    )
    with pytest.raises(ConfigurationError, match="asset universe"):
        await bare.place_order(asset="BTC", is_buy=True, size="1", limit_price="1")
    with pytest.raises(ConfigurationError, match="asset names need the asset universe"):
        await bare.cancel_order(asset="BTC", order_id=1)
    with pytest.raises(OrderRejected, match="never placed"):
        await bare.cancel_order(asset=0, order_id=1)
    await bare.update_leverage(asset=1, leverage=5)
    assert env.fake.exchange.accepted[-1].action == {
        "type": "updateLeverage",
        "asset": 1,
        "isCross": True,
        "leverage": 5,
    }


SCENARIOS = [
    seed_calls,
    agent_wallet_flow,
    vault_trading,
    precision_errors_before_io,
    auto_round,
    market_slippage,
    status_err,
    per_order_errors,
    concurrent_nonces,
    expires_after,
    wrong_network,
    unexpected_replies,
    without_universe,
]
