"""Account settings: agents, builder fees, referrals, staking, abstraction, misc actions.

:meth:`approve_agent` makes an API wallet whose key can then trade (L1 actions) for the
account; everything user-signed still needs the account's own key.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Literal

from .._account import Account, normalise_address
from .._info import Time, to_ms
from .._numbers import (
    to_decimal,
    to_scaled_int,
    to_wire,
)
from ..errors import (
    ConfigurationError,
)
from ..models.exchange import (
    AgentEnableDexAbstractionAction,
    AgentSetAbstractionAction,
    ApproveAgentAction,
    ApproveBuilderFeeAction,
    ApprovedAgent,
    BorrowLendAction,
    CDepositAction,
    ClaimRewardsAction,
    ConvertToMultiSigUserAction,
    CWithdrawAction,
    EvmUserModifyAction,
    LinkStakingUserAction,
    NoopAction,
    RegisterReferrerAction,
    ReserveRequestWeightAction,
    SetDisplayNameAction,
    SetReferrerAction,
    SpotUserAction,
    StakingLinkDisableTradingUserAction,
    TokenDelegateAction,
    UserDexAbstractionAction,
    UserPortfolioMarginAction,
    UserSetAbstractionAction,
)
from ..signing import (
    Signer,
)
from ._base import (
    ABSTRACTION_CODES,
    HYPE_DECIMALS,
    ExchangeBase,
    Number,
)

if TYPE_CHECKING:
    from collections.abc import Sequence


class AccountActions(ExchangeBase):
    """The accounts methods of :class:`~trio_hl.Exchange`."""

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
        await self._send_l1(action, account=account, expires_after=expires_after)

    async def register_referrer(
        self, *, code: str, expires_after: Time | None = None, account: Account | None = None
    ) -> None:
        """Create the account's own referral code (``registerReferrer``, L1)."""
        action = RegisterReferrerAction(code=code)
        await self._send_l1(action, account=account, expires_after=expires_after)

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
        await self._send_l1(action, account=account, expires_after=expires_after)

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
        wei = to_scaled_int(amount, HYPE_DECIMALS, what="amount")
        await self._send_user_signed(
            lambda nonce: TokenDelegateAction(
                validator=validator, wei=wei, is_undelegate=is_undelegate, nonce=nonce
            ),
            account=account,
            what="token_delegate",
        )

    async def staking_deposit(self, *, amount: Number, account: Account | None = None) -> None:
        """Move HYPE from spot into staking (``cDeposit``, user-signed ``CDeposit``)."""
        wei = to_scaled_int(amount, HYPE_DECIMALS, what="amount")
        await self._send_user_signed(
            lambda nonce: CDepositAction(wei=wei, nonce=nonce),
            account=account,
            what="staking_deposit",
        )

    async def staking_withdraw(self, *, amount: Number, account: Account | None = None) -> None:
        """Move HYPE from staking back to spot (``cWithdraw``, user-signed ``CWithdraw``)."""
        wei = to_scaled_int(amount, HYPE_DECIMALS, what="amount")
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
        code = ABSTRACTION_CODES.get(abstraction)
        if code is None:
            raise ConfigurationError(
                f"abstraction must be one of {', '.join(ABSTRACTION_CODES)}, got "
                f"{abstraction!r:.60}"
            )
        action = AgentSetAbstractionAction(abstraction=code)
        await self._send_l1(action, account=account, expires_after=expires_after)

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
        await self._send_l1(action, account=account, expires_after=expires_after)

    async def use_big_blocks(
        self, *, enabled: bool, expires_after: Time | None = None, account: Account | None = None
    ) -> None:
        """Send the account's HyperEVM transactions in big blocks (``evmUserModify``, L1)."""
        action = EvmUserModifyAction(using_big_blocks=enabled)
        await self._send_l1(action, account=account, expires_after=expires_after)

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
            action,
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
        await self._send_l1(action, account=account, expires_after=expires_after)
