"""API (agent) wallets and sub-accounts: who signs, and for whom.

The account's own key approves an API wallet (``approve_agent``, a user-signed action). The
API wallet's key then signs trading actions *for the account*: ``Account(address=<the
account>, secret_key=<the API wallet's key>)``. It may not move funds: user-signed actions
with an API wallet's key are refused before anything is sent. ``vault_address=`` (or
``exchange.with_vault(...)``) trades for a sub-account or a vault the account leads.

Offline, the fake exchange verifies every signature and creates a sub-account to trade for.
Online, the API wallet is approved for one hour, and the vault part runs only when HL_VAULT
names a sub-account or vault you lead (creating a sub-account cannot be undone).

    uv run python examples/agent_wallet.py
    HL_SECRET_KEY=0x... uv run python examples/agent_wallet.py --testnet
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from _common import Options, run

from trio_hl import Api
from trio_hl.errors import ConfigurationError
from trio_hl.models.exchange import OrderResting

if TYPE_CHECKING:
    from trio_hl import Network


async def main(network: Network, options: Options) -> None:
    assert options.account is not None  # run(..., signs=True) always gives one
    api = await Api.create(network=network, account=options.account)
    async with api.ws.run():
        exchange = api.ws.exchange
        mids = await api.ws.info.all_mids()
        assert mids is not None
        price = mids.mids[options.coin] * Decimal("0.9")  # 10% below the mid: it rests
        size = Decimal(20) / price  # about 20 USDC

        approved = await exchange.approve_agent(
            name="trio_hl example", valid_until=datetime.now(UTC) + timedelta(hours=1)
        )
        print(f"approved API wallet {approved.agent_address} ({approved.name!r})")
        bot = approved.account  # the account's address, the API wallet's key
        print(f"the bot trades as {bot}")

        placed = await exchange.place_order(
            asset=options.coin,
            is_buy=True,
            size=size,
            limit_price=price,
            auto_round=True,
            account=bot,  # signed by the API wallet, for the account
        )
        print(f"placed by the API wallet: {placed}")
        if isinstance(placed, OrderResting):
            await exchange.cancel_order(asset=options.coin, order_id=placed.oid, account=bot)
        try:
            await exchange.usd_send(destination=approved.agent_address, amount=1, account=bot)
        except ConfigurationError as exc:  # refused before anything was signed or sent
            print(f"usd_send with the API wallet's key: {exc}")

        if options.offline:  # creating a sub-account is permanent: only on the fake
            vault: str | None = await exchange.create_sub_account(name="market maker")
        else:
            vault = os.environ.get("HL_VAULT")  # a sub-account or vault you lead
        if vault is not None:
            for_vault = exchange.with_vault(vault)  # same key and nonces, vault_address=vault
            resting = await for_vault.place_order(
                asset=options.coin, is_buy=True, size=size, limit_price=price, auto_round=True
            )
            print(f"placed for {vault}: {resting}")
            if isinstance(resting, OrderResting):  # the vault's order: cancel it as the vault
                await for_vault.cancel_order(asset=options.coin, order_id=resting.oid)
                print(f"cancelled oid {resting.oid} for {vault}")


if __name__ == "__main__":
    run(main, description=__doc__, signs=True)
