"""Moving funds: sends, withdrawals, class, sub-account and vault transfers.

Transfers between the user's own places are user-signed actions (EIP-712, the account's own
key: an agent key is refused before any I/O); sub-account and vault transfers are L1 actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._numbers import (
    to_scaled_int,
)
from ..models.exchange import (
    CreateSubAccountAction,
    CreateVaultAction,
    SendAssetAction,
    SpotSendAction,
    SubAccountModifyAction,
    SubAccountSpotTransferAction,
    SubAccountTransferAction,
    UsdClassTransferAction,
    UsdSendAction,
    VaultDistributeAction,
    VaultModifyAction,
    VaultTransferAction,
    WithdrawAction,
    decode_created_address,
)

if TYPE_CHECKING:
    from .._account import Account
    from .._info import Time

    pass
from ._base import (
    USDC_DECIMALS,
    ExchangeBase,
    Number,
)


class TransferActions(ExchangeBase):
    """The transfers methods of :class:`~trio_hl.Exchange`."""

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
            usd=to_scaled_int(amount, USDC_DECIMALS, what="amount"),
        )
        await self._send_l1(action, account=account, expires_after=expires_after)

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
        await self._send_l1(action, account=account, expires_after=expires_after)

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
            usd=to_scaled_int(amount, USDC_DECIMALS, what="amount"),
        )
        await self._send_l1(action, account=account, expires_after=expires_after)

    # -- sub-accounts and vaults -----------------------------------------------------------------

    async def create_sub_account(
        self, *, name: str, expires_after: Time | None = None, account: Account | None = None
    ) -> str:
        """Create a sub-account (``createSubAccount``, L1).

        Returns:
            The new sub-account's address.
        """
        action = CreateSubAccountAction(name=name)
        body = await self._send_l1(action, account=account, expires_after=expires_after)
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
        await self._send_l1(action, account=account, expires_after=expires_after)

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
        initial = to_scaled_int(initial_usd, USDC_DECIMALS, what="initial_usd")
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
        await self._send_l1(action, account=account, expires_after=expires_after)

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
            vault_address=vault, usd=to_scaled_int(amount, USDC_DECIMALS, what="amount")
        )
        await self._send_l1(action, account=account, expires_after=expires_after)

    # -- agents, builders, referrals ------------------------------------------------------------
