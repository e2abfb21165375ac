"""User-signed actions: transfers, withdrawals, approvals, staking, abstraction settings.

Signed as EIP-712 structs whose field order is fixed by
:data:`trio_hl.signing.USER_SIGNED_TYPES`; the map's own order matters only inside a
``multiSig`` wrapper, where :func:`trio_hl.signing.prepare_user_signed_action` writes the
canonical one.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal

import attrs

from ..._numbers import to_wire
from ...errors import ConfigurationError
from .._common import check_bool, normalise_address
from ._wire import (
    UserSignedAction,
    check_nonempty,
    check_positive,
    check_str,
    check_uint,
    to_address,
    to_amount,
    to_optional_address_text,
    wire_key,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

# User-signed actions (field order as the official SDK's struct; see the module docstring)
# ---------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class UsdSendAction(UserSignedAction):
    """``usdSend`` (``UsdSend``): send USDC from the perp balance to another address."""

    TYPE: ClassVar[str] = "usdSend"
    destination: str = attrs.field(converter=to_address, metadata=wire_key("destination"))
    amount: Decimal = attrs.field(
        converter=to_amount, validator=check_positive, metadata=wire_key("amount")
    )
    time: int = attrs.field(validator=check_uint, metadata=wire_key("time"))


@attrs.frozen(kw_only=True)
class SpotSendAction(UserSignedAction):
    """``spotSend`` (``SpotSend``); ``token`` is ``"NAME:0x<tokenId>"``."""

    TYPE: ClassVar[str] = "spotSend"
    destination: str = attrs.field(converter=to_address, metadata=wire_key("destination"))
    token: str = attrs.field(validator=check_nonempty, metadata=wire_key("token"))
    amount: Decimal = attrs.field(
        converter=to_amount, validator=check_positive, metadata=wire_key("amount")
    )
    time: int = attrs.field(validator=check_uint, metadata=wire_key("time"))


@attrs.frozen(kw_only=True)
class WithdrawAction(UserSignedAction):
    """``withdraw3`` (``Withdraw``): withdraw USDC to Arbitrum."""

    TYPE: ClassVar[str] = "withdraw3"
    destination: str = attrs.field(converter=to_address, metadata=wire_key("destination"))
    amount: Decimal = attrs.field(
        converter=to_amount, validator=check_positive, metadata=wire_key("amount")
    )
    time: int = attrs.field(validator=check_uint, metadata=wire_key("time"))


@attrs.frozen(kw_only=True)
class UsdClassTransferAction(UserSignedAction):
    """``usdClassTransfer`` (``UsdClassTransfer``): move USDC between spot and perp.

    For a sub-account the amount text carries the suffix ``" subaccount:<address>"`` (the
    official SDK's form) and the request has no ``vaultAddress``.
    """

    TYPE: ClassVar[str] = "usdClassTransfer"
    amount: Decimal = attrs.field(converter=to_amount, validator=check_positive)
    to_perp: bool = attrs.field(validator=check_bool)
    nonce: int = attrs.field(validator=check_uint)
    sub_account: str | None = attrs.field(
        default=None, converter=attrs.converters.optional(to_address)
    )

    def to_wire(self) -> dict[str, Any]:
        amount = to_wire(self.amount)
        if self.sub_account is not None:
            amount += f" subaccount:{self.sub_account}"
        return {"type": self.TYPE, "amount": amount, "toPerp": self.to_perp, "nonce": self.nonce}


@attrs.frozen(kw_only=True)
class SendAssetAction(UserSignedAction):
    """``sendAsset`` (``SendAsset``): move a token between dexes, spot and users.

    ``source_dex``/``destination_dex``: ``""`` (main perp dex), ``"spot"`` or a builder dex
    name; ``from_sub_account``: ``""`` or the sub-account's address.
    """

    TYPE: ClassVar[str] = "sendAsset"
    destination: str = attrs.field(converter=to_address, metadata=wire_key("destination"))
    source_dex: str = attrs.field(validator=check_str, metadata=wire_key("sourceDex"))
    destination_dex: str = attrs.field(validator=check_str, metadata=wire_key("destinationDex"))
    token: str = attrs.field(validator=check_nonempty, metadata=wire_key("token"))
    amount: Decimal = attrs.field(
        converter=to_amount, validator=check_positive, metadata=wire_key("amount")
    )
    from_sub_account: str = attrs.field(
        default="",
        converter=to_optional_address_text,
        metadata=wire_key("fromSubAccount"),
    )
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))


@attrs.frozen(kw_only=True)
class ApproveAgentAction(UserSignedAction):
    """``approveAgent`` (``ApproveAgent``): authorise an API wallet.

    An unnamed agent has no ``agentName`` key on the wire but is signed with ``""``.
    """

    TYPE: ClassVar[str] = "approveAgent"
    agent_address: str = attrs.field(converter=to_address, metadata=wire_key("agentAddress"))
    agent_name: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(check_str),
        metadata=wire_key("agentName", omit_if_none=True),
    )
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))


@attrs.frozen(kw_only=True)
class ApproveBuilderFeeAction(UserSignedAction):
    """``approveBuilderFee`` (``ApproveBuilderFee``); ``max_fee_rate`` like ``"0.01%"``."""

    TYPE: ClassVar[str] = "approveBuilderFee"
    max_fee_rate: str = attrs.field(validator=check_nonempty, metadata=wire_key("maxFeeRate"))
    builder: str = attrs.field(converter=to_address, metadata=wire_key("builder"))
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))


@attrs.frozen(kw_only=True)
class TokenDelegateAction(UserSignedAction):
    """``tokenDelegate`` (``TokenDelegate``): stake to (or unstake from) a validator;
    ``wei`` in 1e-8 HYPE."""

    TYPE: ClassVar[str] = "tokenDelegate"
    validator: str = attrs.field(converter=to_address, metadata=wire_key("validator"))
    wei: int = attrs.field(validator=check_uint, metadata=wire_key("wei"))
    is_undelegate: bool = attrs.field(validator=check_bool, metadata=wire_key("isUndelegate"))
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))


@attrs.frozen(kw_only=True)
class CDepositAction(UserSignedAction):
    """``cDeposit`` (``CDeposit``): move HYPE from spot into staking (``wei`` 1e-8)."""

    TYPE: ClassVar[str] = "cDeposit"
    wei: int = attrs.field(validator=check_uint, metadata=wire_key("wei"))
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))


@attrs.frozen(kw_only=True)
class CWithdrawAction(UserSignedAction):
    """``cWithdraw`` (``CWithdraw``): move HYPE from staking back to spot (``wei`` 1e-8)."""

    TYPE: ClassVar[str] = "cWithdraw"
    wei: int = attrs.field(validator=check_uint, metadata=wire_key("wei"))
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))


@attrs.frozen(kw_only=True)
class ConvertToMultiSigUserAction(UserSignedAction):
    """``convertToMultiSigUser`` (``ConvertToMultiSigUser``); ``signers`` is JSON *text*."""

    TYPE: ClassVar[str] = "convertToMultiSigUser"
    signers: str = attrs.field(validator=check_nonempty, metadata=wire_key("signers"))
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))

    @staticmethod
    def signers_text(authorized_users: Sequence[str] | None, threshold: int | None) -> str:
        """The ``signers`` text: ``json.dumps`` of ``{"authorizedUsers": [sorted lower-case
        addresses], "threshold": n}`` with Python's default separators (as the official SDK
        writes it), or ``"null"`` (back to a normal user) when ``authorized_users`` is None.

        Raises:
            ConfigurationError: a bad address, or a threshold outside 1..len(users).
        """
        if authorized_users is None:
            return "null"
        users = sorted(normalise_address(user) for user in authorized_users)
        if (
            isinstance(threshold, bool)
            or not isinstance(threshold, int)
            or not 1 <= threshold <= len(users)
        ):
            raise ConfigurationError(
                f"threshold must be an int between 1 and {len(users)}, got {threshold!r:.60}"
            )
        return json.dumps({"authorizedUsers": users, "threshold": threshold})


_ABSTRACTIONS: Final = ("disabled", "unifiedAccount", "portfolioMargin")


@attrs.frozen(kw_only=True)
class UserSetAbstractionAction(UserSignedAction):
    """``userSetAbstraction`` (``UserSetAbstraction``)."""

    TYPE: ClassVar[str] = "userSetAbstraction"
    user: str = attrs.field(converter=to_address, metadata=wire_key("user"))
    abstraction: Literal["disabled", "unifiedAccount", "portfolioMargin"] = attrs.field(
        validator=attrs.validators.in_(_ABSTRACTIONS), metadata=wire_key("abstraction")
    )
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))


@attrs.frozen(kw_only=True)
class UserDexAbstractionAction(UserSignedAction):
    """``userDexAbstraction`` (``UserDexAbstraction``; deprecated upstream)."""

    TYPE: ClassVar[str] = "userDexAbstraction"
    user: str = attrs.field(converter=to_address, metadata=wire_key("user"))
    enabled: bool = attrs.field(validator=check_bool, metadata=wire_key("enabled"))
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))


@attrs.frozen(kw_only=True)
class UserPortfolioMarginAction(UserSignedAction):
    """``userPortfolioMargin`` (``UserPortfolioMargin``)."""

    TYPE: ClassVar[str] = "userPortfolioMargin"
    user: str = attrs.field(converter=to_address, metadata=wire_key("user"))
    enabled: bool = attrs.field(validator=check_bool, metadata=wire_key("enabled"))
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))


@attrs.frozen(kw_only=True)
class LinkStakingUserAction(UserSignedAction):
    """``linkStakingUser`` (``LinkStakingUser``)."""

    TYPE: ClassVar[str] = "linkStakingUser"
    user: str = attrs.field(converter=to_address, metadata=wire_key("user"))
    is_finalize: bool = attrs.field(validator=check_bool, metadata=wire_key("isFinalize"))
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))


@attrs.frozen(kw_only=True)
class StakingLinkDisableTradingUserAction(UserSignedAction):
    """``stakingLinkDisableTradingUser`` (``StakingLinkDisableTradingUser``)."""

    TYPE: ClassVar[str] = "stakingLinkDisableTradingUser"
    trading_user: str = attrs.field(converter=to_address, metadata=wire_key("tradingUser"))
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))


# ---------------------------------------------------------------------------------------
