"""Reply models of the market-wide info requests: metadata, funding, tokens, lending, outcomes.

Info-only shapes; the shapes shared with subscription channels (books, candles, contexts)
come from :mod:`trio_hl.models.market`. Open enumerations decode as ``str``; tagged unions
keep an unknown variant with the raw JSON, so a new value never fails a reply.
"""

from decimal import Decimal
from typing import Any

import attrs

from .._common import wire
from ..market import (
    PerpAssetCtx,
    PerpMeta,
    SpotAssetCtx,
)

# --- perpetual and spot metadata -----------------------------------------------------------


@attrs.frozen(kw_only=True)
class MetaAndAssetCtxs:
    """``metaAndAssetCtxs``: a dex's metadata and the live context of each of its perpetuals.

    ``asset_ctxs`` is parallel to ``meta.universe`` (the wire sends ``[meta, ctxs]``).
    """

    meta: PerpMeta
    asset_ctxs: tuple[PerpAssetCtx, ...]

    def ctx(self, name: str) -> PerpAssetCtx:
        """The context of perpetual ``name``.

        Raises:
            KeyError: no perpetual of that name in ``meta.universe``.
        """
        for asset, ctx in zip(self.meta.universe, self.asset_ctxs, strict=False):
            if asset.name == name:
                return ctx
        raise KeyError(name)


@attrs.frozen(kw_only=True)
class EvmContract:
    """The HyperEVM contract linked to a spot token."""

    address: str
    evm_extra_wei_decimals: int = wire("evm_extra_wei_decimals")


@attrs.frozen(kw_only=True)
class SpotToken:
    """One spot token. ``index`` is the token index used by spot pairs and balances."""

    name: str
    sz_decimals: int
    wei_decimals: int
    index: int
    token_id: str
    is_canonical: bool
    evm_contract: EvmContract | None = None
    full_name: str | None = None
    deployer_trading_fee_share: Decimal | None = None


@attrs.frozen(kw_only=True)
class SpotPair:
    """One spot pair. ``name`` is ``"PURR/USDC"`` for canonical pairs, else ``"@<index>"``;
    ``tokens`` is ``(base, quote)`` token indices. Its asset id is ``10000 + index``."""

    name: str
    tokens: tuple[int, int]
    index: int
    is_canonical: bool


@attrs.frozen(kw_only=True)
class SpotMeta:
    """``spotMeta``: every spot pair and token."""

    universe: tuple[SpotPair, ...]
    tokens: tuple[SpotToken, ...]

    def token(self, index: int) -> SpotToken:
        """The token with this token index.

        Raises:
            KeyError: no such token.
        """
        for token in self.tokens:
            if token.index == index:
                return token
        raise KeyError(index)


@attrs.frozen(kw_only=True)
class SpotMetaAndAssetCtxs:
    """``spotMetaAndAssetCtxs``. The contexts are **not** parallel to ``meta.universe``:
    join them by ``coin`` (:meth:`ctx` does)."""

    meta: SpotMeta
    asset_ctxs: tuple[SpotAssetCtx, ...]

    def ctx(self, coin: str) -> SpotAssetCtx:
        """The context of spot pair ``coin`` (``"PURR/USDC"``, ``"@107"``).

        Raises:
            KeyError: no context for that coin.
        """
        for ctx in self.asset_ctxs:
            if ctx.coin == coin:
                return ctx
        raise KeyError(coin)


@attrs.frozen(kw_only=True)
class PerpDex:
    """A builder-deployed perpetual dex (HIP-3), one entry of ``perpDexs``.

    Entry 0 of ``perpDexs`` is ``None`` (the main dex); entry ``k`` has asset ids
    ``100000 + k * 10000 + index``. Fields other than the first three are newer and may be
    absent from older servers. (The 2025 server sent snake_case keys, decoded alike.)
    """

    name: str
    full_name: str
    deployer: str
    oracle_updater: str | None = None
    fee_recipient: str | None = None
    asset_to_streaming_oi_cap: tuple[tuple[str, Decimal], ...] = ()
    sub_deployers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    deployer_fee_scale: Decimal | None = None
    last_deployer_fee_scale_change_time: str | None = None
    """ISO-8601 without timezone, as sent."""
    asset_to_funding_multiplier: tuple[tuple[str, Decimal], ...] = ()
    asset_to_funding_interest_rate: tuple[tuple[str, Decimal], ...] = ()


@attrs.frozen(kw_only=True)
class PerpDexLimits:
    """``perpDexLimits`` of a builder-deployed dex."""

    total_oi_cap: Decimal
    oi_sz_cap_per_perp: Decimal
    max_transfer_ntl: Decimal
    coin_to_oi_cap: tuple[tuple[str, Decimal], ...]


@attrs.frozen(kw_only=True)
class PerpDexStatus:
    """``perpDexStatus`` of a perp dex."""

    total_net_deposit: Decimal


@attrs.frozen(kw_only=True)
class PerpAnnotation:
    """``perpAnnotation``: how front ends should present one perpetual."""

    category: str
    description: str | None = None
    display_name: str | None = None
    keywords: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ConciseAnnotation:
    """One entry of ``perpConciseAnnotations``."""

    category: str
    display_name: str | None = None
    keywords: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class AuctionStatus:
    """A gas auction (perp deploy, spot pair deploy, gossip priority slot).

    Gas amounts are in the auction's token; times are **seconds** since the epoch.
    """

    current_gas: Decimal | None
    duration_seconds: int
    end_gas: Decimal | None
    start_gas: Decimal
    start_time_seconds: int


@attrs.frozen(kw_only=True)
class ExchangeStatus:
    """``exchangeStatus``: server time and any special status (``None`` when normal)."""

    time: int
    special_statuses: Any = None


# --- funding -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class FundingHistoryEntry:
    """One hourly funding rate of a coin (``fundingHistory``)."""

    coin: str
    funding_rate: Decimal
    premium: Decimal
    time: int


@attrs.frozen(kw_only=True)
class PredictedFunding:
    """A venue's next predicted funding rate for a coin."""

    funding_rate: Decimal
    next_funding_time: int
    funding_interval_hours: int | None = None


@attrs.frozen(kw_only=True)
class UserFunding:
    """The ``delta`` of a ``userFunding`` entry (``type`` is ``"funding"``)."""

    type: str
    coin: str
    usdc: Decimal
    """Signed: negative means the user paid."""
    szi: Decimal
    funding_rate: Decimal
    n_samples: int | None = None


@attrs.frozen(kw_only=True)
class UserFundingEntry:
    """One funding payment of the user (``userFunding``; unlike the ``userFundings`` channel,
    each entry has a hash and nests the payment under ``delta``)."""

    time: int
    hash: str
    delta: UserFunding


# --- spot deployment and tokens ------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TokenSpec:
    name: str
    sz_decimals: int
    wei_decimals: int


@attrs.frozen(kw_only=True)
class SpotDeployTokenState:
    """Deployment progress of one HIP-1 token of the user."""

    token: int
    spec: TokenSpec
    full_name: str | None
    spots: tuple[int, ...]
    max_supply: Decimal | None
    hyperliquidity_genesis_balance: Decimal
    total_genesis_balance_wei: Decimal
    user_genesis_balances: tuple[tuple[str, Decimal], ...]
    existing_token_genesis_balances: tuple[tuple[int, Decimal], ...]
    deployer_trading_fee_share: Decimal | None = None
    blacklist_users: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class SpotDeployState:
    """``spotDeployState``: the user's tokens being deployed, and the gas auction."""

    states: tuple[SpotDeployTokenState, ...]
    gas_auction: AuctionStatus


@attrs.frozen(kw_only=True)
class TokenGenesis:
    user_balances: tuple[tuple[str, Decimal], ...]
    existing_token_balances: tuple[tuple[int, Decimal], ...]
    blacklist_users: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class TokenDetails:
    """``tokenDetails``: supply, prices and genesis of one token."""

    name: str
    max_supply: Decimal
    total_supply: Decimal
    circulating_supply: Decimal
    sz_decimals: int
    wei_decimals: int
    mid_px: Decimal | None
    mark_px: Decimal
    prev_day_px: Decimal
    genesis: TokenGenesis | None
    deployer: str | None
    deploy_gas: Decimal | None
    deploy_time: str | None
    """ISO-8601 without timezone, as sent."""
    seeded_usdc: Decimal
    non_circulating_user_balances: tuple[tuple[str, Decimal], ...]
    future_emissions: Decimal


@attrs.frozen(kw_only=True)
class UsdcRouting:
    """``usdcRouting``: ``bridge`` or ``cctp`` for each direction (kept as strings)."""

    deposit_route: str
    withdrawal_route: str


# --- borrow / lend -------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class BorrowLendReserveState:
    """One borrow/lend reserve; rates are yearly fractions."""

    borrow_yearly_rate: Decimal
    supply_yearly_rate: Decimal
    balance: Decimal
    utilization: Decimal
    oracle_px: Decimal
    ltv: Decimal
    total_supplied: Decimal
    total_borrowed: Decimal


@attrs.frozen(kw_only=True)
class BasisValue:
    basis: Decimal
    value: Decimal


@attrs.frozen(kw_only=True)
class BorrowLendTokenState:
    borrow: BasisValue
    supply: BasisValue


@attrs.frozen(kw_only=True)
class BorrowLendUserState:
    """``health`` is ``healthy``, ``atRisk``, ``marketLiquidatable``... (kept as a string)."""

    token_to_state: tuple[tuple[int, BorrowLendTokenState], ...]
    health: str
    health_factor: Decimal | None = None


@attrs.frozen(kw_only=True)
class BorrowLendInterest:
    time: int
    token: str
    borrow: Decimal
    supply: Decimal


# --- outcomes (HIP-4) ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OutcomeSideSpec:
    name: str
    token: int | None = None


@attrs.frozen(kw_only=True)
class Outcome:
    outcome: int
    name: str
    description: str
    side_specs: tuple[OutcomeSideSpec, ...]


@attrs.frozen(kw_only=True)
class OutcomeQuestion:
    question: int
    name: str
    description: str
    fallback_outcome: int
    named_outcomes: tuple[int, ...]
    settled_named_outcomes: tuple[int, ...]


@attrs.frozen(kw_only=True)
class OutcomeMeta:
    """``outcomeMeta``: prediction-market outcomes and questions."""

    outcomes: tuple[Outcome, ...]
    questions: tuple[OutcomeQuestion, ...]


@attrs.frozen(kw_only=True)
class StandaloneOutcomeRole:
    side_names: tuple[str, str]


@attrs.frozen(kw_only=True)
class OutcomeTemplateRole:
    standalone_outcome: StandaloneOutcomeRole | None = None


@attrs.frozen(kw_only=True)
class OutcomeTemplate:
    """A template that outcome deployers instantiate; ``keywords`` pairs each placeholder
    with its value format (``dateTime``, ``date``, ``string``, ``hlPerp``)."""

    id: str
    role: OutcomeTemplateRole
    name: str
    description: str
    keywords: tuple[tuple[str, str], ...]


@attrs.frozen(kw_only=True)
class OutcomeSpec:
    outcome: int
    name: str
    description: str
    side_specs: tuple[OutcomeSideSpec, ...]
    quote_token: str
    deployer: str | None = None


@attrs.frozen(kw_only=True)
class QuestionRef:
    """Exactly one of ``active`` or ``settled`` is set."""

    active: int | None = None
    settled: int | None = None


@attrs.frozen(kw_only=True)
class SettledQuestion:
    question: QuestionRef
    name: str
    description: str


@attrs.frozen(kw_only=True)
class SettledOutcome:
    """``settledOutcome``."""

    spec: OutcomeSpec
    settle_fraction: Decimal
    details: str
    question: SettledQuestion | None = None
