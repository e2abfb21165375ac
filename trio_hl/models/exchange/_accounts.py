"""L1 actions that manage accounts: sub-accounts, vaults, referrals, spot and EVM settings.

Signed like trading actions (an L1 hash of the msgpack bytes), so the field order is the
wire contract here too.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

import attrs

from .._common import check_bool, check_optional_bool
from ._wire import (
    L1Action,
    Wire,
    check_nonempty,
    check_positive,
    check_str,
    check_uint,
    to_address,
    to_amount,
    wire_key,
)

# L1 actions: accounts, vaults, misc
# ---------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CreateSubAccountAction(L1Action):
    """``{"type": "createSubAccount", "name"}``; answers the new sub-account's address."""

    TYPE: ClassVar[str] = "createSubAccount"
    name: str = attrs.field(validator=check_nonempty, metadata=wire_key("name"))


@attrs.frozen(kw_only=True)
class SubAccountTransferAction(L1Action):
    """``{"type": "subAccountTransfer", "subAccountUser", "isDeposit", "usd"}`` (usd in
    micro-USDC)."""

    TYPE: ClassVar[str] = "subAccountTransfer"
    sub_account_user: str = attrs.field(converter=to_address, metadata=wire_key("subAccountUser"))
    is_deposit: bool = attrs.field(validator=check_bool, metadata=wire_key("isDeposit"))
    usd: int = attrs.field(validator=check_uint, metadata=wire_key("usd"))


@attrs.frozen(kw_only=True)
class SubAccountSpotTransferAction(L1Action):
    """``{"type": "subAccountSpotTransfer", "subAccountUser", "isDeposit", "token",
    "amount"}``."""

    TYPE: ClassVar[str] = "subAccountSpotTransfer"
    sub_account_user: str = attrs.field(converter=to_address, metadata=wire_key("subAccountUser"))
    is_deposit: bool = attrs.field(validator=check_bool, metadata=wire_key("isDeposit"))
    token: str = attrs.field(validator=check_nonempty, metadata=wire_key("token"))
    amount: Decimal = attrs.field(
        converter=to_amount, validator=check_positive, metadata=wire_key("amount")
    )


@attrs.frozen(kw_only=True)
class SubAccountModifyAction(L1Action):
    """``{"type": "subAccountModify", "subAccountUser", "name"}`` (renames it)."""

    TYPE: ClassVar[str] = "subAccountModify"
    sub_account_user: str = attrs.field(converter=to_address, metadata=wire_key("subAccountUser"))
    name: str = attrs.field(validator=check_nonempty, metadata=wire_key("name"))


@attrs.frozen(kw_only=True)
class VaultTransferAction(L1Action):
    """``{"type": "vaultTransfer", "vaultAddress", "isDeposit", "usd"}`` (micro-USDC)."""

    TYPE: ClassVar[str] = "vaultTransfer"
    vault_address: str = attrs.field(converter=to_address, metadata=wire_key("vaultAddress"))
    is_deposit: bool = attrs.field(validator=check_bool, metadata=wire_key("isDeposit"))
    usd: int = attrs.field(validator=check_uint, metadata=wire_key("usd"))


@attrs.frozen(kw_only=True)
class CreateVaultAction(L1Action):
    """``{"type": "createVault", "name", "description", "initialUsd", "nonce"}``; the
    ``nonce`` equals the request's. Answers the new vault's address."""

    TYPE: ClassVar[str] = "createVault"
    name: str = attrs.field(validator=check_nonempty, metadata=wire_key("name"))
    description: str = attrs.field(validator=check_str, metadata=wire_key("description"))
    initial_usd: int = attrs.field(validator=check_uint, metadata=wire_key("initialUsd"))
    nonce: int = attrs.field(validator=check_uint, metadata=wire_key("nonce"))


@attrs.frozen(kw_only=True)
class VaultModifyAction(L1Action):
    """``{"type": "vaultModify", "vaultAddress", "allowDeposits", "alwaysCloseOnWithdraw"}``;
    a ``None`` flag is sent as an explicit ``null`` ("unchanged")."""

    TYPE: ClassVar[str] = "vaultModify"
    vault_address: str = attrs.field(converter=to_address, metadata=wire_key("vaultAddress"))
    allow_deposits: bool | None = attrs.field(
        default=None, validator=check_optional_bool, metadata=wire_key("allowDeposits")
    )
    always_close_on_withdraw: bool | None = attrs.field(
        default=None, validator=check_optional_bool, metadata=wire_key("alwaysCloseOnWithdraw")
    )


@attrs.frozen(kw_only=True)
class VaultDistributeAction(L1Action):
    """``{"type": "vaultDistribute", "vaultAddress", "usd"}`` (micro-USDC; 0 closes)."""

    TYPE: ClassVar[str] = "vaultDistribute"
    vault_address: str = attrs.field(converter=to_address, metadata=wire_key("vaultAddress"))
    usd: int = attrs.field(validator=check_uint, metadata=wire_key("usd"))


@attrs.frozen(kw_only=True)
class SetReferrerAction(L1Action):
    """``{"type": "setReferrer", "code"}``."""

    TYPE: ClassVar[str] = "setReferrer"
    code: str = attrs.field(validator=check_nonempty, metadata=wire_key("code"))


@attrs.frozen(kw_only=True)
class RegisterReferrerAction(L1Action):
    """``{"type": "registerReferrer", "code"}`` (create your own referral code)."""

    TYPE: ClassVar[str] = "registerReferrer"
    code: str = attrs.field(validator=check_nonempty, metadata=wire_key("code"))


@attrs.frozen
class ClaimRewardsAction(L1Action):
    """``{"type": "claimRewards"}``."""

    TYPE: ClassVar[str] = "claimRewards"


@attrs.frozen(kw_only=True)
class SetDisplayNameAction(L1Action):
    """``{"type": "setDisplayName", "displayName"}``."""

    TYPE: ClassVar[str] = "setDisplayName"
    display_name: str = attrs.field(validator=check_str, metadata=wire_key("displayName"))


@attrs.frozen(kw_only=True)
class _SpotDusting(Wire):
    opt_out: bool = attrs.field(validator=check_bool, metadata=wire_key("optOut"))


@attrs.frozen(kw_only=True)
class SpotUserAction(L1Action):
    """``{"type": "spotUser", "toggleSpotDusting": {"optOut": bool}}``."""

    TYPE: ClassVar[str] = "spotUser"
    toggle_spot_dusting: _SpotDusting = attrs.field(metadata=wire_key("toggleSpotDusting"))

    @classmethod
    def opt_out(cls, opt_out: bool) -> SpotUserAction:
        return cls(toggle_spot_dusting=_SpotDusting(opt_out=opt_out))


@attrs.frozen(kw_only=True)
class EvmUserModifyAction(L1Action):
    """``{"type": "evmUserModify", "usingBigBlocks"}``."""

    TYPE: ClassVar[str] = "evmUserModify"
    using_big_blocks: bool = attrs.field(validator=check_bool, metadata=wire_key("usingBigBlocks"))


@attrs.frozen
class NoopAction(L1Action):
    """``{"type": "noop"}``: burns its nonce (invalidates a pending signed request)."""

    TYPE: ClassVar[str] = "noop"


@attrs.frozen(kw_only=True)
class ReserveRequestWeightAction(L1Action):
    """``{"type": "reserveRequestWeight", "weight"}`` (buys rate-limit weight)."""

    TYPE: ClassVar[str] = "reserveRequestWeight"
    weight: int = attrs.field(validator=check_uint, metadata=wire_key("weight"))


@attrs.frozen
class AgentEnableDexAbstractionAction(L1Action):
    """``{"type": "agentEnableDexAbstraction"}``."""

    TYPE: ClassVar[str] = "agentEnableDexAbstraction"


@attrs.frozen(kw_only=True)
class AgentSetAbstractionAction(L1Action):
    """``{"type": "agentSetAbstraction", "abstraction": "i"|"u"|"p"}`` (disabled, unified
    account, portfolio margin)."""

    TYPE: ClassVar[str] = "agentSetAbstraction"
    abstraction: Literal["i", "u", "p"] = attrs.field(
        validator=attrs.validators.in_(("i", "u", "p")), metadata=wire_key("abstraction")
    )


# ---------------------------------------------------------------------------------------
