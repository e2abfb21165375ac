"""Market-data messages: books, trades, candles, mids and asset contexts.

Every class is frozen and decoded by the one converter; prices and sizes are ``Decimal``.
Field names are snake_case; the wire names are their camelCase (or given by ``wire``).
"""

from decimal import Decimal

import attrs

from ._common import Side, read_from_text, wire

__all__ = [
    "ActiveAssetCtx",
    "ActiveSpotAssetCtx",
    "AllDexsAssetCtxs",
    "AllMids",
    "AssetCtxs",
    "Bbo",
    "Candle",
    "L2Book",
    "L2Level",
    "MarginTable",
    "MarginTier",
    "PerpAssetCtx",
    "PerpMeta",
    "PerpUniverseAsset",
    "SpotAssetCtx",
    "SpotAssetCtxs",
    "Trade",
    "Trades",
]


@read_from_text
@attrs.frozen(kw_only=True)
class L2Level:
    """One aggregated price level."""

    px: Decimal
    sz: Decimal
    n: int
    """Number of orders resting at this level."""


@read_from_text
@attrs.frozen(kw_only=True)
class L2Book:
    """A full L2 book for one coin (channel ``l2Book``); every message replaces the last.

    ``levels`` is ``(bids, asks)``, each best first. GoldRush adds ``block_height``.
    """

    coin: str
    time: int
    levels: tuple[tuple[L2Level, ...], tuple[L2Level, ...]]
    spread: Decimal | None = None
    fast: bool = False
    block_height: int | None = wire("block_height", default=None)

    @property
    def bids(self) -> tuple[L2Level, ...]:
        """Bid levels, best (highest) first."""
        return self.levels[0]

    @property
    def asks(self) -> tuple[L2Level, ...]:
        """Ask levels, best (lowest) first."""
        return self.levels[1]


@read_from_text
@attrs.frozen(kw_only=True)
class Trade:
    """One public trade. ``side`` is the aggressor's side."""

    coin: str
    side: Side
    px: Decimal
    sz: Decimal
    time: int
    hash: str
    tid: int
    users: tuple[str, str]
    """(buyer, seller) addresses."""


@attrs.frozen(kw_only=True)
class Trades:
    """One ``trades`` frame: a batch of trades of one coin.

    The first frame after (re)subscribing is an unflagged backlog of recent trades;
    deduplicate by ``tid`` if that matters to you.
    """

    coin: str
    trades: tuple[Trade, ...]


@attrs.frozen(kw_only=True)
class Candle:
    """One candle (channel ``candle``). The open candle is re-sent with the same ``t``."""

    open_time: int = wire("t")
    close_time: int = wire("T")
    coin: str = wire("s")
    interval: str = wire("i")
    open: Decimal = wire("o")
    close: Decimal = wire("c")
    high: Decimal = wire("h")
    low: Decimal = wire("l")
    volume: Decimal = wire("v")
    trade_count: int = wire("n")


@read_from_text
@attrs.frozen(kw_only=True)
class Bbo:
    """Best bid and offer (channel ``bbo``); a side is ``None`` when empty."""

    coin: str
    time: int
    bbo: tuple[L2Level | None, L2Level | None]

    @property
    def bid(self) -> L2Level | None:
        """The best bid level, if any."""
        return self.bbo[0]

    @property
    def ask(self) -> L2Level | None:
        """The best ask level, if any."""
        return self.bbo[1]


@attrs.frozen(kw_only=True)
class AllMids:
    """Mid prices of every coin (channel ``allMids``). ``dex`` is ``None`` for the main dex."""

    mids: dict[str, Decimal]
    dex: str | None = None


@attrs.frozen(kw_only=True)
class PerpAssetCtx:
    """Live context of one perpetual asset."""

    prev_day_px: Decimal
    day_ntl_vlm: Decimal
    mark_px: Decimal
    mid_px: Decimal | None = None
    funding: Decimal
    open_interest: Decimal
    premium: Decimal | None = None
    oracle_px: Decimal
    impact_pxs: tuple[Decimal, Decimal] | None = None
    day_base_vlm: Decimal


@attrs.frozen(kw_only=True)
class SpotAssetCtx:
    """Live context of one spot asset."""

    prev_day_px: Decimal
    day_ntl_vlm: Decimal
    mark_px: Decimal
    mid_px: Decimal | None = None
    circulating_supply: Decimal
    coin: str
    total_supply: Decimal
    day_base_vlm: Decimal


@attrs.frozen(kw_only=True)
class ActiveAssetCtx:
    """Context of a perpetual (channel ``activeAssetCtx``)."""

    coin: str
    ctx: PerpAssetCtx


@attrs.frozen(kw_only=True)
class ActiveSpotAssetCtx:
    """Context of a spot asset (channel ``activeSpotAssetCtx``, from an ``activeAssetCtx``
    subscription on a spot coin)."""

    coin: str
    ctx: SpotAssetCtx


@attrs.frozen(kw_only=True)
class AssetCtxs:
    """Contexts of every perpetual of one dex (channel ``assetCtxs``); full each message.

    ``ctxs`` is positional: entry ``i`` belongs to ``meta.universe[i]`` of that dex (a
    :class:`PerpAssetCtx` carries no coin name). ``dex`` is ``""`` for the main dex.
    """

    dex: str
    ctxs: tuple[PerpAssetCtx, ...]


@attrs.frozen(kw_only=True)
class SpotAssetCtxs:
    """Contexts of every spot asset (channel ``spotAssetCtxs``, whose data is a bare array)."""

    ctxs: tuple[SpotAssetCtx, ...]


@attrs.frozen(kw_only=True)
class AllDexsAssetCtxs:
    """Perpetual contexts of every dex (channel ``allDexsAssetCtxs``); full each message.

    ``ctxs`` pairs each dex name (``""`` = main) with its positional contexts.
    """

    ctxs: tuple[tuple[str, tuple[PerpAssetCtx, ...]], ...]

    def by_dex(self) -> dict[str, tuple[PerpAssetCtx, ...]]:
        """The contexts keyed by dex name."""
        return dict(self.ctxs)


@attrs.frozen(kw_only=True)
class PerpUniverseAsset:
    """One perpetual of a dex's ``meta.universe``."""

    name: str
    sz_decimals: int
    max_leverage: int
    margin_table_id: int | None = None
    only_isolated: bool = False
    is_delisted: bool = False
    margin_mode: str | None = None
    """``"strictIsolated"``, ``"noCross"`` or absent; kept as a string (the set grows)."""
    growth_mode: str | None = None
    last_growth_mode_change_time: str | None = None
    """ISO-8601 without timezone, as sent."""


@attrs.frozen(kw_only=True)
class MarginTier:
    lower_bound: Decimal
    max_leverage: int


@attrs.frozen(kw_only=True)
class MarginTable:
    description: str
    margin_tiers: tuple[MarginTier, ...]


@attrs.frozen(kw_only=True)
class PerpMeta:
    """Perpetual metadata of one dex (as embedded in ``webData2``)."""

    universe: tuple[PerpUniverseAsset, ...]
    margin_tables: tuple[tuple[int, MarginTable], ...]
    collateral_token: int | None = None
