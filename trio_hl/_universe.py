"""The asset universe: every tradeable asset's name, id and size rules.

Orders name assets by an integer id; info requests and feeds name them by a wire ``coin``
string. The rules, as the exchange defines them (reference ``info-and-exchange.md``, §5.1
``OrderWire.a``):

* a perpetual of the main dex: its index in ``meta.universe`` (``BTC`` is 0 on mainnet);
* a spot pair: ``10000 +`` its spot index (``spotMeta.universe[i].index``; ``PURR/USDC``
  is spot index 0, so asset 10000);
* a perpetual of a builder-deployed dex (HIP-3): ``100000 + dex_index * 10000 + index``,
  where ``dex_index`` is the dex's position in ``perpDexs`` (entry 0 is the main dex, so
  the first builder dex is 1 and its first asset is 110000) and ``index`` its position in
  ``meta(dex=...).universe``.

Names: perpetuals by their ``meta`` name (``"BTC"``; builder dexes prefix theirs,
``"test:ABC"``); spot pairs by their ``spotMeta`` name, which is ``"PURR/USDC"`` for the
canonical pairs and ``"@<index>"`` for the others. A :class:`Universe` also accepts
``"@<index>"`` for every pair (``"@0"`` is ``PURR/USDC``) and ``"BASE/QUOTE"`` built from
token names for the non-canonical pairs (``"HYPE/USDC"`` for ``"@107"``) when that is
unambiguous, and maps each back to the wire name.

A universe is an immutable snapshot: listings change it, so refresh it (build a new one)
when a name is missing. This module does no I/O except :func:`load_universe`.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Final, Literal, final

import attrs
import trio

from .errors import ConfigurationError, HyperliquidError, UnknownAsset

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from ._info import Info
    from .models.info import PerpDex, SpotMeta
    from .models.market import PerpMeta, PerpUniverseAsset

__all__ = [
    "BUILDER_DEX_OFFSET",
    "BUILDER_DEX_STRIDE",
    "SPOT_OFFSET",
    "AssetInfo",
    "Universe",
    "load_universe",
    "perp_asset_id",
    "spot_asset_id",
]

SPOT_OFFSET: Final = 10_000
"""Asset id of spot index 0."""
BUILDER_DEX_OFFSET: Final = 100_000
"""Base of builder-deployed perp dex asset ids."""
BUILDER_DEX_STRIDE: Final = 10_000
"""Asset ids reserved per builder-deployed perp dex."""


def perp_asset_id(index: int, dex_index: int = 0) -> int:
    """The asset id of perpetual ``index`` of perp dex ``dex_index`` (0: the main dex).

    Raises:
        ConfigurationError: an index out of range for the id scheme.
    """
    if not 0 <= index < BUILDER_DEX_STRIDE or dex_index < 0:
        raise ConfigurationError(f"perp index {index} of dex {dex_index} has no asset id")
    if dex_index == 0:
        return index
    return BUILDER_DEX_OFFSET + dex_index * BUILDER_DEX_STRIDE + index


def spot_asset_id(spot_index: int) -> int:
    """The asset id of spot pair ``spot_index`` (``10000 + spot_index``).

    Raises:
        ConfigurationError: an index out of range for the id scheme.
    """
    if not 0 <= spot_index < BUILDER_DEX_OFFSET - SPOT_OFFSET:
        raise ConfigurationError(f"spot index {spot_index} has no asset id")
    return SPOT_OFFSET + spot_index


@attrs.frozen(kw_only=True)
class AssetInfo:
    """One tradeable asset.

    Attributes:
        id: the asset id used in orders (see the module docstring for the rules).
        name: the wire ``coin`` name (``"BTC"``, ``"test:ABC"``, ``"PURR/USDC"``, ``"@107"``).
        kind: ``"perp"`` or ``"spot"``.
        index: position in its dex's ``meta.universe``, or the spot index.
        sz_decimals: decimals allowed in sizes (the lot size is ``10**-sz_decimals``).
        max_leverage: perpetuals only.
        dex: the builder dex name (``""`` for the main dex and for spot).
        dex_index: position of the dex in ``perpDexs`` (0 for the main dex and for spot).
        is_delisted: a delisted perpetual (orders are refused; positions can close).
        only_isolated: a perpetual that cannot be traded on cross margin.
        margin_mode: ``"strictIsolated"``, ``"noCross"`` or ``None``, as sent.
        base: spot only: the base token name (``"PURR"``).
        quote: spot only: the quote token name (``"USDC"``).
    """

    id: int
    name: str
    kind: Literal["perp", "spot"]
    index: int
    sz_decimals: int
    max_leverage: int | None = None
    dex: str = ""
    dex_index: int = 0
    is_delisted: bool = False
    only_isolated: bool = False
    margin_mode: str | None = None
    base: str | None = None
    quote: str | None = None

    @property
    def is_spot(self) -> bool:
        return self.kind == "spot"

    @property
    def max_price_decimals(self) -> int:
        """Decimals allowed in prices: ``6 - sz_decimals`` for perps, ``8 - sz_decimals`` for
        spot (prices also have at most 5 significant figures, integers always allowed)."""
        return (8 if self.is_spot else 6) - self.sz_decimals


@final
class Universe:
    """Name <-> id lookups over a snapshot of every perpetual (all dexes) and spot pair.

    Build one with :meth:`from_meta` or :func:`load_universe`. Lookups accept a wire name, an
    alias (``"@0"``, ``"HYPE/USDC"``) or an asset id; names are matched exactly first, then
    case-insensitively when that is unambiguous.
    """

    __slots__ = ("_aliases", "_by_id", "_by_name", "_folded")

    def __init__(
        self, assets: Iterable[AssetInfo], *, aliases: Mapping[str, int] | None = None
    ) -> None:
        """Index ``assets``.

        Args:
            assets: the assets; ids and names must be unique.
            aliases: extra names for some asset ids.

        Raises:
            ConfigurationError: a duplicate id or name, or an alias of an unknown id.
        """
        self._by_id: dict[int, AssetInfo] = {}
        self._by_name: dict[str, int] = {}
        for asset in assets:
            if asset.id in self._by_id or asset.name in self._by_name:
                raise ConfigurationError(f"duplicate asset {asset.name!r} (id {asset.id})")
            self._by_id[asset.id] = asset
            self._by_name[asset.name] = asset.id
        self._aliases: dict[str, int] = {}
        for alias, asset_id in (aliases or {}).items():
            if asset_id not in self._by_id:
                raise ConfigurationError(f"alias {alias!r} names unknown asset id {asset_id}")
            if alias not in self._by_name:
                self._aliases[alias] = asset_id
        folded: dict[str, set[int]] = {}
        for name, asset_id in (*self._by_name.items(), *self._aliases.items()):
            folded.setdefault(name.casefold(), set()).add(asset_id)
        # A case-insensitive spelling resolves only when it names exactly one asset.
        self._folded = {name: next(iter(ids)) for name, ids in folded.items() if len(ids) == 1}

    @classmethod
    def from_meta(
        cls,
        meta: PerpMeta,
        spot_meta: SpotMeta | None = None,
        *,
        builder_dexs: Sequence[tuple[int, str, PerpMeta]] = (),
    ) -> Universe:
        """Build a universe from metadata replies.

        Args:
            meta: ``meta`` of the main perp dex.
            spot_meta: ``spotMeta`` (``None``: no spot assets).
            builder_dexs: ``(dex_index, dex name, meta(dex=name))`` of each builder-deployed
                dex, ``dex_index`` being its position in ``perpDexs``.
        """
        assets: list[AssetInfo] = [
            _perp(asset, index, dex="", dex_index=0) for index, asset in enumerate(meta.universe)
        ]
        for dex_index, dex, dex_meta in builder_dexs:
            if dex_index < 1:
                raise ConfigurationError(f"builder dex {dex!r} needs a dex_index >= 1")
            assets.extend(
                _perp(asset, index, dex=dex, dex_index=dex_index)
                for index, asset in enumerate(dex_meta.universe)
            )
        aliases: dict[str, int] = {}
        if spot_meta is not None:
            spot_assets, aliases = _spot(spot_meta)
            assets.extend(spot_assets)
        return cls(assets, aliases=aliases)

    # -- lookups -------------------------------------------------------------------------------

    def get(self, asset: object) -> AssetInfo | None:
        """The asset named or numbered ``asset``, or ``None`` (also for a non-name, non-id)."""
        if isinstance(asset, bool):
            return None
        if isinstance(asset, int):
            return self._by_id.get(asset)
        if not isinstance(asset, str):
            return None
        asset_id = self._by_name.get(asset)
        if asset_id is None:
            asset_id = self._aliases.get(asset)
        if asset_id is None:
            asset_id = self._folded.get(asset.casefold())
        return None if asset_id is None else self._by_id[asset_id]

    def asset(self, asset: str | int) -> AssetInfo:
        """The asset named or numbered ``asset``.

        Raises:
            UnknownAsset: no such asset (the message suggests close names).
            ConfigurationError: ``asset`` is neither a name nor an id.
        """
        if isinstance(asset, bool) or not isinstance(asset, str | int):
            raise ConfigurationError(f"an asset is a name or an id, got {asset!r:.60}")
        found = self.get(asset)
        if found is None:
            raise UnknownAsset(asset, self._suggest(asset))
        return found

    def id(self, asset: str | int) -> int:
        """The asset id of ``asset`` (for orders). Raises :class:`UnknownAsset`."""
        return self.asset(asset).id

    def coin(self, asset: str | int) -> str:
        """The wire ``coin`` name of ``asset`` (for info requests and subscriptions).

        Raises :class:`UnknownAsset`.
        """
        return self.asset(asset).name

    def __contains__(self, asset: object) -> bool:
        return self.get(asset) is not None

    def __iter__(self) -> Iterator[AssetInfo]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __repr__(self) -> str:
        perps = sum(1 for a in self if a.kind == "perp")
        return f"<Universe {perps} perps, {len(self) - perps} spot pairs, dexes {self.dexs!r}>"

    @property
    def names(self) -> tuple[str, ...]:
        """Every wire name, in id order."""
        return tuple(asset.name for asset in sorted(self, key=lambda a: a.id))

    @property
    def dexs(self) -> tuple[str, ...]:
        """The builder-deployed perp dexes, in ``perpDexs`` order."""
        seen = {a.dex_index: a.dex for a in self if a.kind == "perp" and a.dex_index > 0}
        return tuple(seen[index] for index in sorted(seen))

    def perps(self, dex: str | None = None) -> tuple[AssetInfo, ...]:
        """Perpetuals of ``dex`` (``""`` main, ``None`` every dex), in id order."""
        return tuple(
            a
            for a in sorted(self, key=lambda a: a.id)
            if a.kind == "perp" and (dex is None or a.dex == dex)
        )

    def spots(self) -> tuple[AssetInfo, ...]:
        """Spot pairs, in id order."""
        return tuple(a for a in sorted(self, key=lambda a: a.id) if a.kind == "spot")

    def _suggest(self, asset: str | int) -> tuple[str, ...]:
        if not isinstance(asset, str):
            return ()
        names = [*self._by_name, *self._aliases]
        by_fold = {name.casefold(): name for name in names}
        close = difflib.get_close_matches(asset.casefold(), list(by_fold), n=3, cutoff=0.6)
        return tuple(by_fold[name] for name in close)


def _perp(asset: PerpUniverseAsset, index: int, *, dex: str, dex_index: int) -> AssetInfo:
    name = asset.name
    if dex and not name.startswith(f"{dex}:"):
        name = f"{dex}:{name}"
    return AssetInfo(
        id=perp_asset_id(index, dex_index),
        name=name,
        kind="perp",
        index=index,
        sz_decimals=asset.sz_decimals,
        max_leverage=asset.max_leverage,
        dex=dex,
        dex_index=dex_index,
        is_delisted=asset.is_delisted,
        only_isolated=asset.only_isolated or asset.margin_mode == "strictIsolated",
        margin_mode=asset.margin_mode,
    )


def _spot(spot_meta: SpotMeta) -> tuple[list[AssetInfo], dict[str, int]]:
    tokens = {token.index: token for token in spot_meta.tokens}
    assets: list[AssetInfo] = []
    aliases: dict[str, int] = {}
    pair_names: dict[str, list[int]] = {}
    for pair in spot_meta.universe:
        base_index, quote_index = pair.tokens
        base, quote = tokens.get(base_index), tokens.get(quote_index)
        if base is None or quote is None:
            raise ConfigurationError(f"spot pair {pair.name!r} names an unknown token")
        asset_id = spot_asset_id(pair.index)
        assets.append(
            AssetInfo(
                id=asset_id,
                name=pair.name,
                kind="spot",
                index=pair.index,
                sz_decimals=base.sz_decimals,
                base=base.name,
                quote=quote.name,
            )
        )
        aliases[f"@{pair.index}"] = asset_id
        pair_names.setdefault(f"{base.name}/{quote.name}", []).append(asset_id)
    for name, ids in pair_names.items():
        if len(ids) == 1:  # several pairs with the same token names: no alias, ambiguous
            aliases.setdefault(name, ids[0])
    return assets, aliases


async def load_universe(info: Info) -> Universe:
    """Fetch ``perpDexs``, ``meta`` of every perp dex and ``spotMeta``, and build a universe.

    The metadata requests run concurrently once ``perpDexs`` has answered.

    Raises:
        HyperliquidError: the first failure of any request (never an ``ExceptionGroup``).

    Cancellation abandons the load.
    """
    dexs = await info.perpetual_dexs()
    builder: list[tuple[int, PerpDex]] = [
        (index, dex) for index, dex in enumerate(dexs) if index > 0 and dex is not None
    ]
    metas: dict[int, PerpMeta] = {}
    spot: list[SpotMeta] = []
    errors: list[HyperliquidError] = []

    async def fetch_meta(dex_index: int, dex: str | None) -> None:
        try:
            metas[dex_index] = await info.perpetual_meta(dex=dex)
        except HyperliquidError as exc:
            errors.append(exc)
            nursery.cancel_scope.cancel(reason="loading the universe failed")

    async def fetch_spot() -> None:
        try:
            spot.append(await info.spot_meta())
        except HyperliquidError as exc:
            errors.append(exc)
            nursery.cancel_scope.cancel(reason="loading the universe failed")

    async with trio.open_nursery() as nursery:
        nursery.start_soon(fetch_meta, 0, None)
        for dex_index, dex in builder:
            nursery.start_soon(fetch_meta, dex_index, dex.name)
        nursery.start_soon(fetch_spot)
    if errors:
        raise errors[0]
    return Universe.from_meta(
        metas[0],
        spot[0],
        builder_dexs=[(index, dex.name, metas[index]) for index, dex in builder],
    )
