"""Info requests about one user: orders, fills, account state, fees, vaults, staking.

Every one takes the user's address (validated and lower-cased); see :class:`InfoRequest` for
the wire body and decoding.
"""

from typing import Any, ClassVar

import attrs
import cattrs

from ...errors import ConfigurationError
from ..account import (
    ActiveAssetData,
    ClearinghouseState,
    FrontendOpenOrder,
    LeadingVault,
    SpotClearinghouseState,
    WebData2,
)
from ..user import (
    BasicOrder,
    HistoricalOrder,
    LedgerUpdate,
    TwapHistoryItem,
    TwapSliceFill,
    UserFill,
)
from ._base import (
    CLOID,
    InfoRequest,
    check_flag,
    coin_field,
    dex_field,
    end_field,
    start_field,
    to_optional_address,
    user_field,
)
from ._market_replies import (
    BorrowLendInterest,
    BorrowLendUserState,
    SpotDeployState,
    UserFundingEntry,
)
from ._user_replies import (
    Delegation,
    DelegatorHistoryEntry,
    DelegatorReward,
    DelegatorSummary,
    ExtraAgent,
    LegalCheck,
    MultiSigSigners,
    OrderStatusResult,
    PortfolioPeriod,
    PreTransferCheck,
    Referral,
    SubAccount,
    SubAccount2,
    UserFees,
    UserRateLimit,
    UserRole,
    UserVaultEquity,
    VaultDetails,
)

# --- user queries --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ClearinghouseStateRequest(InfoRequest[ClearinghouseState]):
    """``clearinghouseState``: the user's perpetual account on the main dex or ``dex``."""

    TYPE: ClassVar[str] = "clearinghouseState"
    RESPONSE: ClassVar[Any] = ClearinghouseState

    user: str = user_field()
    dex: str | None = dex_field()


@attrs.frozen(kw_only=True)
class SpotClearinghouseStateRequest(InfoRequest[SpotClearinghouseState]):
    """``spotClearinghouseState``: the user's spot balances."""

    TYPE: ClassVar[str] = "spotClearinghouseState"
    RESPONSE: ClassVar[Any] = SpotClearinghouseState

    user: str = user_field()
    dex: str | None = dex_field()


@attrs.frozen(kw_only=True)
class OpenOrdersRequest(InfoRequest[tuple[BasicOrder, ...]]):
    """``openOrders``: the user's resting orders (basic fields)."""

    TYPE: ClassVar[str] = "openOrders"
    RESPONSE: ClassVar[Any] = tuple[BasicOrder, ...]

    user: str = user_field()
    dex: str | None = dex_field()


@attrs.frozen(kw_only=True)
class FrontendOpenOrdersRequest(InfoRequest[tuple[FrontendOpenOrder, ...]]):
    """``frontendOpenOrders``: the user's resting orders with trigger and TP/SL details."""

    TYPE: ClassVar[str] = "frontendOpenOrders"
    RESPONSE: ClassVar[Any] = tuple[FrontendOpenOrder, ...]

    user: str = user_field()
    dex: str | None = dex_field()


@attrs.frozen(kw_only=True)
class UserFillsRequest(InfoRequest[tuple[UserFill, ...]]):
    """``userFills``: the user's most recent fills (capped, about 2000)."""

    TYPE: ClassVar[str] = "userFills"
    RESPONSE: ClassVar[Any] = tuple[UserFill, ...]

    user: str = user_field()
    aggregate_by_time: bool | None = attrs.field(default=None, validator=check_flag)


@attrs.frozen(kw_only=True)
class UserFillsByTimeRequest(InfoRequest[tuple[UserFill, ...]]):
    """``userFillsByTime``: the user's fills in a time window (paged)."""

    TYPE: ClassVar[str] = "userFillsByTime"
    RESPONSE: ClassVar[Any] = tuple[UserFill, ...]

    user: str = user_field()
    start_time: int = start_field()
    end_time: int | None = end_field()
    aggregate_by_time: bool | None = attrs.field(default=None, validator=check_flag)
    reversed: bool | None = attrs.field(default=None, validator=check_flag)


@attrs.frozen(kw_only=True)
class HistoricalOrdersRequest(InfoRequest[tuple[HistoricalOrder, ...]]):
    """``historicalOrders``: the user's most recent orders (capped, about 2000)."""

    TYPE: ClassVar[str] = "historicalOrders"
    RESPONSE: ClassVar[Any] = tuple[HistoricalOrder, ...]

    user: str = user_field()


def _check_oid(_: object, __: "attrs.Attribute[Any]", value: object) -> None:
    if isinstance(value, str):
        if not CLOID.match(value):
            raise ConfigurationError(f"a cloid is 0x + 32 hex digits, got {value!r:.60}")
    elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"oid must be an int order id or a cloid, got {value!r:.60}")


def _oid(value: int | str) -> int | str:
    return value.lower() if isinstance(value, str) else value


@attrs.frozen(kw_only=True)
class OrderStatusRequest(InfoRequest[OrderStatusResult]):
    """``orderStatus`` of one order, by order id (``int``) or cloid (``0x`` + 32 hex).

    An unknown order is not an error: ``status`` is ``"unknownOid"`` and ``order`` ``None``.
    """

    TYPE: ClassVar[str] = "orderStatus"
    RESPONSE: ClassVar[Any] = OrderStatusResult

    user: str = user_field()
    oid: int | str = attrs.field(validator=_check_oid, converter=_oid)


@attrs.frozen(kw_only=True)
class UserFundingRequest(InfoRequest[tuple[UserFundingEntry, ...]]):
    """``userFunding``: the user's funding payments in a time window."""

    TYPE: ClassVar[str] = "userFunding"
    RESPONSE: ClassVar[Any] = tuple[UserFundingEntry, ...]

    user: str = user_field()
    start_time: int = start_field()
    end_time: int | None = end_field()


@attrs.frozen(kw_only=True)
class UserNonFundingLedgerUpdatesRequest(InfoRequest[tuple[LedgerUpdate, ...]]):
    """``userNonFundingLedgerUpdates``: deposits, transfers, withdrawals, liquidations..."""

    TYPE: ClassVar[str] = "userNonFundingLedgerUpdates"
    RESPONSE: ClassVar[Any] = tuple[LedgerUpdate, ...]

    user: str = user_field()
    start_time: int | None = end_field()
    end_time: int | None = end_field()


@attrs.frozen(kw_only=True)
class UserFeesRequest(InfoRequest[UserFees]):
    """``userFees``."""

    TYPE: ClassVar[str] = "userFees"
    RESPONSE: ClassVar[Any] = UserFees

    user: str = user_field()


@attrs.frozen(kw_only=True)
class UserRateLimitRequest(InfoRequest[UserRateLimit]):
    """``userRateLimit``."""

    TYPE: ClassVar[str] = "userRateLimit"
    RESPONSE: ClassVar[Any] = UserRateLimit

    user: str = user_field()


@attrs.frozen(kw_only=True)
class UserRoleRequest(InfoRequest[UserRole]):
    """``userRole``."""

    TYPE: ClassVar[str] = "userRole"
    RESPONSE: ClassVar[Any] = UserRole

    user: str = user_field()


@attrs.frozen(kw_only=True)
class SubAccountsRequest(InfoRequest[tuple[SubAccount, ...]]):
    """``subAccounts`` (a ``null`` reply means none, and decodes to ``()``)."""

    TYPE: ClassVar[str] = "subAccounts"
    RESPONSE: ClassVar[Any] = tuple[SubAccount, ...]
    NULLABLE: ClassVar[bool] = True

    user: str = user_field()

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        return () if data is None else converter.structure(data, self.RESPONSE)


@attrs.frozen(kw_only=True)
class SubAccounts2Request(InfoRequest[tuple[SubAccount2, ...]]):
    """``subAccounts2`` (a ``null`` reply means none, and decodes to ``()``)."""

    TYPE: ClassVar[str] = "subAccounts2"
    RESPONSE: ClassVar[Any] = tuple[SubAccount2, ...]
    NULLABLE: ClassVar[bool] = True

    user: str = user_field()

    def _structure(self, data: Any, converter: cattrs.Converter) -> Any:
        return () if data is None else converter.structure(data, self.RESPONSE)


@attrs.frozen(kw_only=True)
class VaultDetailsRequest(InfoRequest[VaultDetails | None]):
    """``vaultDetails`` (``None`` for an unknown vault); ``user`` adds its follower state."""

    TYPE: ClassVar[str] = "vaultDetails"
    RESPONSE: ClassVar[Any] = VaultDetails | None
    NULLABLE: ClassVar[bool] = True

    vault_address: str = user_field()
    user: str | None = attrs.field(default=None, converter=to_optional_address)


@attrs.frozen(kw_only=True)
class UserVaultEquitiesRequest(InfoRequest[tuple[UserVaultEquity, ...]]):
    """``userVaultEquities``."""

    TYPE: ClassVar[str] = "userVaultEquities"
    RESPONSE: ClassVar[Any] = tuple[UserVaultEquity, ...]

    user: str = user_field()


@attrs.frozen(kw_only=True)
class LeadingVaultsRequest(InfoRequest[tuple[LeadingVault, ...]]):
    """``leadingVaults``: vaults the user leads."""

    TYPE: ClassVar[str] = "leadingVaults"
    RESPONSE: ClassVar[Any] = tuple[LeadingVault, ...]

    user: str = user_field()


@attrs.frozen(kw_only=True)
class DelegationsRequest(InfoRequest[tuple[Delegation, ...]]):
    """``delegations``."""

    TYPE: ClassVar[str] = "delegations"
    RESPONSE: ClassVar[Any] = tuple[Delegation, ...]

    user: str = user_field()


@attrs.frozen(kw_only=True)
class DelegatorSummaryRequest(InfoRequest[DelegatorSummary]):
    """``delegatorSummary``."""

    TYPE: ClassVar[str] = "delegatorSummary"
    RESPONSE: ClassVar[Any] = DelegatorSummary

    user: str = user_field()


@attrs.frozen(kw_only=True)
class DelegatorHistoryRequest(InfoRequest[tuple[DelegatorHistoryEntry, ...]]):
    """``delegatorHistory``."""

    TYPE: ClassVar[str] = "delegatorHistory"
    RESPONSE: ClassVar[Any] = tuple[DelegatorHistoryEntry, ...]

    user: str = user_field()


@attrs.frozen(kw_only=True)
class DelegatorRewardsRequest(InfoRequest[tuple[DelegatorReward, ...]]):
    """``delegatorRewards``."""

    TYPE: ClassVar[str] = "delegatorRewards"
    RESPONSE: ClassVar[Any] = tuple[DelegatorReward, ...]

    user: str = user_field()


@attrs.frozen(kw_only=True)
class PortfolioRequest(InfoRequest[tuple[tuple[str, PortfolioPeriod], ...]]):
    """``portfolio``: ``(period, data)`` pairs for ``day``, ``week``, ``month``, ``allTime``
    and their ``perp*`` counterparts (``dict(reply)["day"]`` indexes them)."""

    TYPE: ClassVar[str] = "portfolio"
    RESPONSE: ClassVar[Any] = tuple[tuple[str, PortfolioPeriod], ...]

    user: str = user_field()


@attrs.frozen(kw_only=True)
class ReferralRequest(InfoRequest[Referral]):
    """``referral``."""

    TYPE: ClassVar[str] = "referral"
    RESPONSE: ClassVar[Any] = Referral

    user: str = user_field()


@attrs.frozen(kw_only=True)
class MaxBuilderFeeRequest(InfoRequest[int]):
    """``maxBuilderFee`` the user approved for ``builder``, in tenths of a basis point."""

    TYPE: ClassVar[str] = "maxBuilderFee"
    RESPONSE: ClassVar[Any] = int

    user: str = user_field()
    builder: str = user_field()


@attrs.frozen(kw_only=True)
class ApprovedBuildersRequest(InfoRequest[tuple[str, ...]]):
    """``approvedBuilders``: builder addresses the user approved."""

    TYPE: ClassVar[str] = "approvedBuilders"
    RESPONSE: ClassVar[Any] = tuple[str, ...]

    user: str = user_field()


@attrs.frozen(kw_only=True)
class SpotDeployStateRequest(InfoRequest[SpotDeployState]):
    """``spotDeployState``: the user's HIP-1 deployments and the gas auction."""

    TYPE: ClassVar[str] = "spotDeployState"
    RESPONSE: ClassVar[Any] = SpotDeployState

    user: str = user_field()


@attrs.frozen(kw_only=True)
class ActiveAssetDataRequest(InfoRequest[ActiveAssetData]):
    """``activeAssetData``: the user's leverage and tradeable sizes on one perpetual."""

    TYPE: ClassVar[str] = "activeAssetData"
    RESPONSE: ClassVar[Any] = ActiveAssetData

    user: str = user_field()
    coin: str = coin_field()


@attrs.frozen(kw_only=True)
class UserTwapSliceFillsRequest(InfoRequest[tuple[TwapSliceFill, ...]]):
    """``userTwapSliceFills``: the user's most recent TWAP slice fills."""

    TYPE: ClassVar[str] = "userTwapSliceFills"
    RESPONSE: ClassVar[Any] = tuple[TwapSliceFill, ...]

    user: str = user_field()


@attrs.frozen(kw_only=True)
class UserTwapSliceFillsByTimeRequest(InfoRequest[tuple[TwapSliceFill, ...]]):
    """``userTwapSliceFillsByTime``: TWAP slice fills in a time window."""

    TYPE: ClassVar[str] = "userTwapSliceFillsByTime"
    RESPONSE: ClassVar[Any] = tuple[TwapSliceFill, ...]

    user: str = user_field()
    start_time: int = start_field()
    end_time: int | None = end_field()


@attrs.frozen(kw_only=True)
class TwapHistoryRequest(InfoRequest[tuple[TwapHistoryItem, ...]]):
    """``twapHistory`` (``time`` of each item is in **seconds**)."""

    TYPE: ClassVar[str] = "twapHistory"
    RESPONSE: ClassVar[Any] = tuple[TwapHistoryItem, ...]

    user: str = user_field()


@attrs.frozen(kw_only=True)
class ExtraAgentsRequest(InfoRequest[tuple[ExtraAgent, ...]]):
    """``extraAgents``: the user's named API wallets."""

    TYPE: ClassVar[str] = "extraAgents"
    RESPONSE: ClassVar[Any] = tuple[ExtraAgent, ...]

    user: str = user_field()


@attrs.frozen(kw_only=True)
class IsVipRequest(InfoRequest[bool | None]):
    """``isVip``."""

    TYPE: ClassVar[str] = "isVip"
    RESPONSE: ClassVar[Any] = bool | None
    NULLABLE: ClassVar[bool] = True

    user: str = user_field()


@attrs.frozen(kw_only=True)
class LegalCheckRequest(InfoRequest[LegalCheck]):
    """``legalCheck``."""

    TYPE: ClassVar[str] = "legalCheck"
    RESPONSE: ClassVar[Any] = LegalCheck

    user: str = user_field()


@attrs.frozen(kw_only=True)
class PreTransferCheckRequest(InfoRequest[PreTransferCheck]):
    """``preTransferCheck``: would a transfer from ``source`` to ``user`` work, and at what
    activation fee."""

    TYPE: ClassVar[str] = "preTransferCheck"
    RESPONSE: ClassVar[Any] = PreTransferCheck

    user: str = user_field()
    source: str = user_field()


@attrs.frozen(kw_only=True)
class UserToMultiSigSignersRequest(InfoRequest[MultiSigSigners | None]):
    """``userToMultiSigSigners`` (``None`` for a user that is not multi-sig)."""

    TYPE: ClassVar[str] = "userToMultiSigSigners"
    RESPONSE: ClassVar[Any] = MultiSigSigners | None
    NULLABLE: ClassVar[bool] = True

    user: str = user_field()


@attrs.frozen(kw_only=True)
class UserAbstractionRequest(InfoRequest[str]):
    """``userAbstraction``: ``unifiedAccount``, ``portfolioMargin``, ``disabled``, ``default``
    or ``dexAbstraction`` (kept as a string)."""

    TYPE: ClassVar[str] = "userAbstraction"
    RESPONSE: ClassVar[Any] = str

    user: str = user_field()


@attrs.frozen(kw_only=True)
class UserDexAbstractionRequest(InfoRequest[bool | None]):
    """``userDexAbstraction``: HIP-3 dex abstraction enabled (``None``: never set)."""

    TYPE: ClassVar[str] = "userDexAbstraction"
    RESPONSE: ClassVar[Any] = bool | None
    NULLABLE: ClassVar[bool] = True

    user: str = user_field()


@attrs.frozen(kw_only=True)
class BorrowLendUserStateRequest(InfoRequest[BorrowLendUserState]):
    """``borrowLendUserState``."""

    TYPE: ClassVar[str] = "borrowLendUserState"
    RESPONSE: ClassVar[Any] = BorrowLendUserState

    user: str = user_field()


@attrs.frozen(kw_only=True)
class UserBorrowLendInterestRequest(InfoRequest[tuple[BorrowLendInterest, ...]]):
    """``userBorrowLendInterest`` in a time window."""

    TYPE: ClassVar[str] = "userBorrowLendInterest"
    RESPONSE: ClassVar[Any] = tuple[BorrowLendInterest, ...]

    user: str = user_field()
    start_time: int = start_field()
    end_time: int | None = end_field()


@attrs.frozen(kw_only=True)
class WebData2Request(InfoRequest[WebData2]):
    """``webData2``: the legacy front-end aggregate (large)."""

    TYPE: ClassVar[str] = "webData2"
    RESPONSE: ClassVar[Any] = WebData2

    user: str = user_field()
