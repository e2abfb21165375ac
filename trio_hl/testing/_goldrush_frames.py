"""Factories for GoldRush ``data`` payloads, in the shapes trio_hl decodes (see
``docs/goldrush.md`` for which parts of them GoldRush documents and which are inferred)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "fill_pairs_data",
    "goldrush_fill",
    "l2_diff2_data",
    "l2_diff_snapshot_data",
    "l2_diff_updates_data",
    "l4_updates_data",
]

Level = Mapping[str, Any]
"""``{"px": str, "sz": str, "n": int}``."""


def _levels(levels: Iterable[Level]) -> list[dict[str, Any]]:
    return [dict(level) for level in levels]


def l2_diff_snapshot_data(
    coin: str,
    bids: Iterable[Level],
    asks: Iterable[Level],
    *,
    time: int = 1_778_865_761_968,
    block_height: int = 997_719_816,
) -> dict[str, Any]:
    """An ``l2BookDiff`` ``Snapshot`` of one coin."""
    return {
        "Snapshot": {
            "coin": coin,
            "time": time,
            "block_height": block_height,
            "levels": [_levels(bids), _levels(asks)],
        }
    }


def _coin_entry(coin: str, bids: Iterable[Level], asks: Iterable[Level]) -> dict[str, Any]:
    return {"coin": coin, "bids": _levels(bids), "asks": _levels(asks)}


def l2_diff_updates_data(
    changes: Mapping[str, tuple[Sequence[Level], Sequence[Level]]],
    *,
    time: int = 1_778_865_762_168,
    block_height: int = 997_719_817,
) -> dict[str, Any]:
    """An ``l2BookDiff`` ``Updates``: ``{coin: (changed bids, changed asks)}``."""
    return {
        "Updates": {
            "time": time,
            "block_height": block_height,
            "diffs": [_coin_entry(coin, b, a) for coin, (b, a) in changes.items()],
        }
    }


def _sequenced_updates(
    entries: list[dict[str, Any]], *, epoch: str, cursor: str, time: int, block_height: int
) -> dict[str, Any]:
    """The ``Updates`` envelope of the sequenced batches (``l2BookDiff2``, ``l4BookUpdates``)."""
    return {
        "Updates": {
            "time": time,
            "block_height": block_height,
            "epoch": epoch,
            "cursor": cursor,
            "diffs": entries,
        }
    }


def l2_diff2_data(
    diffs: Iterable[tuple[str, int, int, Sequence[Level], Sequence[Level]]],
    *,
    epoch: str = "6f1c9a52-0d1e-4c55-9d7e-3f0b5e8f2a11",
    cursor: str = "997719817:0",
    time: int = 1_778_865_762_168,
    block_height: int = 997_719_817,
) -> dict[str, Any]:
    """An ``l2BookDiff2`` batch: ``(coin, seq, prev_seq, changed bids, changed asks)`` each."""
    entries = [
        {**_coin_entry(coin, bids, asks), "seq": seq, "prev_seq": prev}
        for coin, seq, prev, bids, asks in diffs
    ]
    return _sequenced_updates(
        entries, epoch=epoch, cursor=cursor, time=time, block_height=block_height
    )


def l4_updates_data(
    diffs: Iterable[tuple[str, int, int, Sequence[Any], Sequence[Any]]],
    *,
    epoch: str = "6f1c9a52-0d1e-4c55-9d7e-3f0b5e8f2a11",
    cursor: str = "997719817:0",
    time: int = 1_778_865_762_168,
    block_height: int = 997_719_817,
) -> dict[str, Any]:
    """An ``l4BookUpdates`` batch: ``(coin, seq, prev_seq, order_statuses, book_diffs)`` each,
    the lists shaped as in ``l4Book`` ``Updates``."""
    entries = [
        {
            "coin": coin,
            "seq": seq,
            "prev_seq": prev,
            "order_statuses": list(statuses),
            "book_diffs": list(book_diffs),
        }
        for coin, seq, prev, statuses, book_diffs in diffs
    ]
    return _sequenced_updates(
        entries, epoch=epoch, cursor=cursor, time=time, block_height=block_height
    )


def goldrush_fill(
    *,
    coin: str = "BTC",
    px: str = "79242.0",
    sz: str = "0.5",
    side: str = "A",
    tid: int = 1,
    time: int = 1_778_865_762_168,
    liquidated_user: str | None = None,
    builder: str | None = None,
) -> dict[str, Any]:
    """One fill object as in ``userFills``, optionally a liquidation or builder-routed."""
    fill: dict[str, Any] = {
        "coin": coin,
        "px": px,
        "sz": sz,
        "side": side,
        "time": time,
        "startPosition": "0.5",
        "dir": "Close Long",
        "closedPnl": "-12.5",
        "hash": "0x" + "ab" * 32,
        "oid": 427632416336 + tid,
        "crossed": True,
        "fee": "0.01",
        "tid": tid,
        "feeToken": "USDC",
    }
    if liquidated_user is not None:
        fill["liquidation"] = {
            "liquidatedUser": liquidated_user,
            "markPx": px,
            "method": "market",
        }
    if builder is not None:
        fill["builder"] = builder
        fill["builderFee"] = "0.002"
    return fill


def fill_pairs_data(pairs: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, Any]:
    """A GoldRush fill-stream ``data``: ``{"fills": [[address, fill], ...]}``."""
    return {"fills": [[address, dict(fill)] for address, fill in pairs]}
