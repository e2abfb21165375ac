"""Account state: margin, positions, balances, open orders, TWAPs, and the state channels.

The objects in the first half (:class:`ClearinghouseState`, :class:`SpotClearinghouseState`,
:class:`FrontendOpenOrder`, :class:`TwapState`...) are shared by every stream that embeds
them. The second half holds the messages of the *state* channels (``clearinghouseState``,
``openOrders``, ``spotState``, ``twapStates``, ``allDexsClearinghouseState``,
``activeAssetData``, ``webData2``, ``webData3``): each message is the full current state and
replaces the previous one, so these streams default to keep-latest and need no replay after
a reconnect.

Open enumerations (``orderType``, ``tif``, ``triggerCondition``, leverage ``type``) decode
as plain strings: the exchange adds values over time, and a new value must not fail a frame.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ._common import Side
from .market import PerpAssetCtx, PerpMeta, SpotAssetCtx

__all__ = [
    "ActiveAssetData",
    "AllDexsClearinghouseState",
    "AssetPosition",
    "ClearinghouseState",
    "ClearinghouseStateUpdate",
    "CumFunding",
    "EvmEscrow",
    "FrontendOpenOrder",
    "LeadingVault",
    "Leverage",
    "MarginSummary",
    "OpenOrders",
    "PerpDexState",
    "Position",
    "SpotBalance",
    "SpotClearinghouseState",
    "SpotState",
    "TwapState",
    "TwapStates",
    "TwapTrigger",
    "WebData2",
    "WebData3",
    "WebData3UserState",
]


# --- shared objects ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Leverage:
    """``{"type": "cross", "value"}`` or ``{"type": "isolated", "value", "rawUsd"}``."""

    type: str
    """``"cross"`` or ``"isolated"`` (kept as a string)."""
    value: int
    raw_usd: Decimal | None = None
    """Isolated margin in USD; only for isolated positions."""


@attrs.frozen(kw_only=True)
class CumFunding:
    """Cumulative funding of a position (signed; positive = paid)."""

    all_time: Decimal
    since_open: Decimal
    since_change: Decimal


@attrs.frozen(kw_only=True)
class Position:
    """One perpetual position. ``szi`` is signed: negative is short."""

    coin: str
    szi: Decimal
    leverage: Leverage
    entry_px: Decimal
    position_value: Decimal
    unrealized_pnl: Decimal
    return_on_equity: Decimal
    liquidation_px: Decimal | None
    margin_used: Decimal
    max_leverage: int
    cum_funding: CumFunding


@attrs.frozen(kw_only=True)
class AssetPosition:
    type: str
    """``"oneWay"`` (kept as a string)."""
    position: Position


@attrs.frozen(kw_only=True)
class MarginSummary:
    account_value: Decimal
    total_ntl_pos: Decimal
    total_raw_usd: Decimal
    total_margin_used: Decimal


@attrs.frozen(kw_only=True)
class ClearinghouseState:
    """A perpetual account on one dex: margin, positions, withdrawable."""

    margin_summary: MarginSummary
    cross_margin_summary: MarginSummary
    cross_maintenance_margin_used: Decimal
    withdrawable: Decimal
    asset_positions: tuple[AssetPosition, ...]
    time: int


@attrs.frozen(kw_only=True)
class SpotBalance:
    """One spot balance. Outcome shares (``coin`` ``"+<n>"``/``"o<n>"``) have no ``token``."""

    coin: str
    token: int | None = None
    total: Decimal
    hold: Decimal
    entry_ntl: Decimal
    spot_hold: Decimal | None = None
    ltv: Decimal | None = None
    borrowed: Decimal | None = None
    supplied: Decimal | None = None


@attrs.frozen(kw_only=True)
class EvmEscrow:
    coin: str
    token: int
    total: Decimal


@attrs.frozen(kw_only=True)
class SpotClearinghouseState:
    """Spot balances; the portfolio-margin keys appear only for accounts that use it."""

    balances: tuple[SpotBalance, ...]
    portfolio_margin_enabled: bool | None = None
    evm_escrows: tuple[EvmEscrow, ...] | None = None
    portfolio_margin_ratio: Decimal | None = None
    token_to_portfolio_borrow_ratio: tuple[tuple[int, Decimal], ...] | None = None
    token_to_portfolio_supply_ratio: tuple[tuple[int, Decimal], ...] | None = None
    token_to_available_after_maintenance: tuple[tuple[int, Decimal], ...] | None = None


@attrs.frozen(kw_only=True)
class FrontendOpenOrder:
    """A resting order with its trigger and TP/SL details (``sz`` is the remaining size)."""

    coin: str
    side: Side
    limit_px: Decimal
    sz: Decimal
    oid: int
    timestamp: int
    orig_sz: Decimal
    trigger_condition: str
    """``"N/A"`` for plain limit orders."""
    is_trigger: bool
    trigger_px: Decimal
    children: tuple[FrontendOpenOrder, ...]
    is_position_tpsl: bool
    reduce_only: bool
    order_type: str
    """``Limit``, ``Market``, ``Stop Limit``... (an open set: kept as a string)."""
    tif: str | None
    """``Gtc``, ``Ioc``, ``Alo``, ``FrontendMarket``, ``LiquidationMarket``... or ``None``."""
    cloid: str | None


@attrs.frozen(kw_only=True)
class TwapTrigger:
    px: Decimal
    above: bool


@attrs.frozen(kw_only=True)
class TwapState:
    """A TWAP order's progress. ``timestamp`` is milliseconds."""

    coin: str
    user: str
    side: Side
    sz: Decimal
    executed_sz: Decimal
    executed_ntl: Decimal
    minutes: int
    reduce_only: bool
    randomize: bool
    timestamp: int
    stop_px: Decimal | None = None
    trigger: TwapTrigger | None = None


@attrs.frozen(kw_only=True)
class LeadingVault:
    address: str
    name: str


# --- state channel messages ----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ClearinghouseStateUpdate:
    """The perpetual account of ``user`` on ``dex`` (channel ``clearinghouseState``).

    Every message is the full state. ``dex`` is ``""`` for the main dex.
    """

    dex: str
    user: str
    clearinghouse_state: ClearinghouseState


@attrs.frozen(kw_only=True)
class OpenOrders:
    """Every open order of ``user`` on ``dex`` (channel ``openOrders``); full each message."""

    dex: str
    user: str
    orders: tuple[FrontendOpenOrder, ...]


@attrs.frozen(kw_only=True)
class SpotState:
    """Spot balances of ``user`` (channel ``spotState``); full each message."""

    user: str
    spot_state: SpotClearinghouseState


@attrs.frozen(kw_only=True)
class TwapStates:
    """Running TWAPs of ``user`` on ``dex`` (channel ``twapStates``) as ``(twap_id, state)``."""

    dex: str
    user: str
    states: tuple[tuple[int, TwapState], ...]


@attrs.frozen(kw_only=True)
class AllDexsClearinghouseState:
    """The perpetual account of ``user`` on every dex (channel ``allDexsClearinghouseState``).

    ``clearinghouse_states`` pairs each dex name (``""`` = main) with its state.
    """

    user: str
    clearinghouse_states: tuple[tuple[str, ClearinghouseState], ...]

    def by_dex(self) -> dict[str, ClearinghouseState]:
        """The states keyed by dex name."""
        return dict(self.clearinghouse_states)


@attrs.frozen(kw_only=True)
class ActiveAssetData:
    """Leverage and tradeable sizes of ``user`` on one perpetual (channel ``activeAssetData``).

    The pairs are ``(buy, sell)``.
    """

    user: str
    coin: str
    leverage: Leverage
    max_trade_szs: tuple[Decimal, Decimal]
    available_to_trade: tuple[Decimal, Decimal]
    mark_px: Decimal


@attrs.frozen(kw_only=True)
class WebData2:
    """The legacy front-end aggregate of one user (channel ``webData2``); full each message.

    Large (hundreds of KB): prefer ``webData3`` plus the component channels. ``asset_ctxs``
    is parallel to ``meta.universe``. ``spot_state`` is absent for accounts without spot.
    """

    clearinghouse_state: ClearinghouseState
    leading_vaults: tuple[LeadingVault, ...]
    total_vault_equity: Decimal
    open_orders: tuple[FrontendOpenOrder, ...]
    agent_address: str | None
    agent_valid_until: int | None
    cum_ledger: Decimal
    meta: PerpMeta
    asset_ctxs: tuple[PerpAssetCtx, ...]
    server_time: int
    is_vault: bool
    user: str
    twap_states: tuple[tuple[int, TwapState], ...]
    spot_state: SpotClearinghouseState | None = None
    spot_asset_ctxs: tuple[SpotAssetCtx, ...] = ()
    opt_out_of_spot_dusting: bool = False
    perps_at_open_interest_cap: tuple[str, ...] | None = None


@attrs.frozen(kw_only=True)
class WebData3UserState:
    agent_address: str | None
    agent_valid_until: int | None
    cum_ledger: Decimal
    server_time: int
    is_vault: bool
    user: str
    opt_out_of_spot_dusting: bool = False
    dex_abstraction_enabled: bool | None = None
    abstraction: str | None = None
    """Account abstraction mode (``"unifiedAccount"``, ``"portfolioMargin"``, ``"disabled"``...)."""


@attrs.frozen(kw_only=True)
class PerpDexState:
    """Per-dex part of ``webData3`` (one entry per perp dex, main first)."""

    total_vault_equity: Decimal
    perps_at_open_interest_cap: tuple[str, ...] | None = None
    leading_vaults: tuple[LeadingVault, ...] | None = None


@attrs.frozen(kw_only=True)
class WebData3:
    """The light front-end aggregate of one user (channel ``webData3``); full each message.

    Positions and orders are not in it: use ``clearinghouseState``, ``openOrders``,
    ``spotState``, ``twapStates`` and ``assetCtxs``.
    """

    user_state: WebData3UserState
    perp_dex_states: tuple[PerpDexState, ...]
