"""Exchange actions (what is signed and sent) and their typed results.

Wire contract
=============

Every action class below is a frozen attrs value whose **attribute order is the wire key
order**. That order is not cosmetic: an L1 action is hashed as the msgpack bytes of its JSON
object, and msgpack writes a map in insertion order, so ``{"a": 1, "b": 2}`` and
``{"b": 2, "a": 1}`` sign differently (see :mod:`trio_hl.signing`). Each field declares its
exact wire key (``a``, ``isCross``, ``subAccountUser``...); :meth:`to_wire` walks the fields in
declaration order and writes ``{"type": <TYPE>, <key>: <value>, ...}``. **Do not reorder,
insert or rename fields** without checking the exchange's order (reference
``signing.md`` §7 and ``info-and-exchange.md`` §5); ``tests/protocol/test_exchange_models.py``
pins every shape against the reference byte for byte.

Values are written as the exchange expects them: :class:`~decimal.Decimal` quantities as
canonical decimal strings (:func:`trio_hl._numbers.to_wire`: ``"100"``, never ``"100.0"``),
integers as ``int``, addresses lower-cased, a :class:`Cloid` as its ``0x`` text. An optional
field marked "omitted when ``None``" is left out of the map (absent and ``null`` hash
differently); a few shapes carry an explicit ``null`` (``vaultModify`` flags, ``borrowLend``
amount) and keep it.

User-signed actions (:class:`UserSignedAction`) are signed as EIP-712 structs whose field
order is fixed by :data:`trio_hl.signing.USER_SIGNED_TYPES`, not by the map; their
:func:`trio_hl.signing.prepare_user_signed_action` adds ``signatureChainId`` and
``hyperliquidChain`` to their ``to_wire()`` and writes the canonical order (which matters only
inside a ``multiSig`` wrapper). Models are vocabulary: they never import signing.

Models validate their values when built (floats refused with
:class:`~trio_hl.errors.NumberTypeError`, bad addresses and cloids with
:class:`~trio_hl.errors.ConfigurationError`), but know nothing about an asset's tick and lot
sizes: :class:`trio_hl.Exchange` checks those against the universe before signing.

Results
=======

``status: "ok"`` replies decode into values: per-order :class:`OrderResting`,
:class:`OrderFilled`, :class:`OrderWaiting` and :class:`OrderError`; per-cancel
:class:`CancelSuccess` or :class:`OrderError`; :class:`TwapRunning`. A per-entry
:class:`OrderError` is a *value*, not an exception, because a batch can partly succeed; the
single-entry methods of :class:`trio_hl.Exchange` turn it into
:class:`~trio_hl.errors.OrderRejected`. ``status: "err"`` is never decoded here: it raises
:class:`~trio_hl.errors.ActionRejected`.

Layout
======

``_wire`` (keys, value checks, :class:`Cloid`, the :class:`L1Action` and
:class:`UserSignedAction` bases), ``_trading`` (order types, requests, order wire pieces,
trading actions), ``_accounts`` (sub-account, vault, referral and settings actions),
``_user_signed`` (transfers, approvals, staking) and ``_results`` (reply values and their
decoders). This ``__init__`` re-exports every public name: ``trio_hl.models.exchange.X`` is
the one import path.
"""

from .._common import fixup_module_metadata
from ._accounts import AgentEnableDexAbstractionAction as AgentEnableDexAbstractionAction
from ._accounts import AgentSetAbstractionAction as AgentSetAbstractionAction
from ._accounts import ClaimRewardsAction as ClaimRewardsAction
from ._accounts import CreateSubAccountAction as CreateSubAccountAction
from ._accounts import CreateVaultAction as CreateVaultAction
from ._accounts import EvmUserModifyAction as EvmUserModifyAction
from ._accounts import NoopAction as NoopAction
from ._accounts import RegisterReferrerAction as RegisterReferrerAction
from ._accounts import ReserveRequestWeightAction as ReserveRequestWeightAction
from ._accounts import SetDisplayNameAction as SetDisplayNameAction
from ._accounts import SetReferrerAction as SetReferrerAction
from ._accounts import SpotUserAction as SpotUserAction
from ._accounts import SubAccountModifyAction as SubAccountModifyAction
from ._accounts import SubAccountSpotTransferAction as SubAccountSpotTransferAction
from ._accounts import SubAccountTransferAction as SubAccountTransferAction
from ._accounts import VaultDistributeAction as VaultDistributeAction
from ._accounts import VaultModifyAction as VaultModifyAction
from ._accounts import VaultTransferAction as VaultTransferAction
from ._results import ApprovedAgent as ApprovedAgent
from ._results import CancelResult as CancelResult
from ._results import CancelSuccess as CancelSuccess
from ._results import OrderError as OrderError
from ._results import OrderFilled as OrderFilled
from ._results import OrderResting as OrderResting
from ._results import OrderResult as OrderResult
from ._results import OrderWaiting as OrderWaiting
from ._results import PlacedOrder as PlacedOrder
from ._results import TwapResult as TwapResult
from ._results import TwapRunning as TwapRunning
from ._results import decode_cancel_statuses as decode_cancel_statuses
from ._results import decode_created_address as decode_created_address
from ._results import decode_order_statuses as decode_order_statuses
from ._results import decode_twap_cancel as decode_twap_cancel
from ._results import decode_twap_order as decode_twap_order
from ._trading import LIMIT_ALO as LIMIT_ALO
from ._trading import LIMIT_FRONTEND_MARKET as LIMIT_FRONTEND_MARKET
from ._trading import LIMIT_GTC as LIMIT_GTC
from ._trading import LIMIT_IOC as LIMIT_IOC
from ._trading import BatchModifyAction as BatchModifyAction
from ._trading import BorrowLendAction as BorrowLendAction
from ._trading import BuilderFee as BuilderFee
from ._trading import CancelAction as CancelAction
from ._trading import CancelByCloidAction as CancelByCloidAction
from ._trading import CancelByCloidWire as CancelByCloidWire
from ._trading import CancelRequest as CancelRequest
from ._trading import CancelWire as CancelWire
from ._trading import Grouping as Grouping
from ._trading import LimitOrderType as LimitOrderType
from ._trading import ModifyAction as ModifyAction
from ._trading import ModifyRequest as ModifyRequest
from ._trading import ModifyWire as ModifyWire
from ._trading import OrderAction as OrderAction
from ._trading import OrderRequest as OrderRequest
from ._trading import OrderType as OrderType
from ._trading import OrderWire as OrderWire
from ._trading import PriorityGrouping as PriorityGrouping
from ._trading import ScheduleCancelAction as ScheduleCancelAction
from ._trading import Tif as Tif
from ._trading import TopUpIsolatedOnlyMarginAction as TopUpIsolatedOnlyMarginAction
from ._trading import TriggerOrderType as TriggerOrderType
from ._trading import TwapCancelAction as TwapCancelAction
from ._trading import TwapOrderAction as TwapOrderAction
from ._trading import TwapWire as TwapWire
from ._trading import UpdateIsolatedMarginAction as UpdateIsolatedMarginAction
from ._trading import UpdateLeverageAction as UpdateLeverageAction
from ._trading import stop_loss_limit as stop_loss_limit
from ._trading import stop_loss_market as stop_loss_market
from ._trading import take_profit_limit as take_profit_limit
from ._trading import take_profit_market as take_profit_market
from ._user_signed import ApproveAgentAction as ApproveAgentAction
from ._user_signed import ApproveBuilderFeeAction as ApproveBuilderFeeAction
from ._user_signed import CDepositAction as CDepositAction
from ._user_signed import ConvertToMultiSigUserAction as ConvertToMultiSigUserAction
from ._user_signed import CWithdrawAction as CWithdrawAction
from ._user_signed import LinkStakingUserAction as LinkStakingUserAction
from ._user_signed import SendAssetAction as SendAssetAction
from ._user_signed import SpotSendAction as SpotSendAction
from ._user_signed import StakingLinkDisableTradingUserAction as StakingLinkDisableTradingUserAction
from ._user_signed import TokenDelegateAction as TokenDelegateAction
from ._user_signed import UsdClassTransferAction as UsdClassTransferAction
from ._user_signed import UsdSendAction as UsdSendAction
from ._user_signed import UserDexAbstractionAction as UserDexAbstractionAction
from ._user_signed import UserPortfolioMarginAction as UserPortfolioMarginAction
from ._user_signed import UserSetAbstractionAction as UserSetAbstractionAction
from ._user_signed import WithdrawAction as WithdrawAction
from ._wire import Cloid as Cloid
from ._wire import L1Action as L1Action
from ._wire import UserSignedAction as UserSignedAction

__all__ = [
    "LIMIT_ALO",
    "LIMIT_FRONTEND_MARKET",
    "LIMIT_GTC",
    "LIMIT_IOC",
    "AgentEnableDexAbstractionAction",
    "AgentSetAbstractionAction",
    "ApproveAgentAction",
    "ApproveBuilderFeeAction",
    "ApprovedAgent",
    "BatchModifyAction",
    "BorrowLendAction",
    "BuilderFee",
    "CDepositAction",
    "CWithdrawAction",
    "CancelAction",
    "CancelByCloidAction",
    "CancelByCloidWire",
    "CancelRequest",
    "CancelResult",
    "CancelSuccess",
    "CancelWire",
    "ClaimRewardsAction",
    "Cloid",
    "ConvertToMultiSigUserAction",
    "CreateSubAccountAction",
    "CreateVaultAction",
    "EvmUserModifyAction",
    "Grouping",
    "L1Action",
    "LimitOrderType",
    "LinkStakingUserAction",
    "ModifyAction",
    "ModifyRequest",
    "ModifyWire",
    "NoopAction",
    "OrderAction",
    "OrderError",
    "OrderFilled",
    "OrderRequest",
    "OrderResting",
    "OrderResult",
    "OrderType",
    "OrderWaiting",
    "OrderWire",
    "PlacedOrder",
    "PriorityGrouping",
    "RegisterReferrerAction",
    "ReserveRequestWeightAction",
    "ScheduleCancelAction",
    "SendAssetAction",
    "SetDisplayNameAction",
    "SetReferrerAction",
    "SpotSendAction",
    "SpotUserAction",
    "StakingLinkDisableTradingUserAction",
    "SubAccountModifyAction",
    "SubAccountSpotTransferAction",
    "SubAccountTransferAction",
    "TokenDelegateAction",
    "TopUpIsolatedOnlyMarginAction",
    "TriggerOrderType",
    "TwapCancelAction",
    "TwapOrderAction",
    "TwapResult",
    "TwapRunning",
    "TwapWire",
    "UpdateIsolatedMarginAction",
    "UpdateLeverageAction",
    "UsdClassTransferAction",
    "UsdSendAction",
    "UserDexAbstractionAction",
    "UserPortfolioMarginAction",
    "UserSetAbstractionAction",
    "UserSignedAction",
    "VaultDistributeAction",
    "VaultModifyAction",
    "VaultTransferAction",
    "WithdrawAction",
    "decode_cancel_statuses",
    "decode_created_address",
    "decode_order_statuses",
    "decode_twap_cancel",
    "decode_twap_order",
    "stop_loss_limit",
    "stop_loss_market",
    "take_profit_limit",
    "take_profit_market",
]

fixup_module_metadata(__name__, globals(), __all__)
