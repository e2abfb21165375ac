"""The fake server's GoldRush mode: sequenced diff books, fill streams and the Info API.

Every :class:`~trio_hl.testing.FakeHyperliquid` has one, as ``fake.goldrush``. It keeps a
small market of its own (aggregated books and resting orders per coin, per-coin sequence
numbers, a server epoch), and:

* serves ``l2BookDiff`` (an inline ``Snapshot`` per coin, then per-block ``Updates``),
  ``l2BookDiff2`` and ``l4BookUpdates`` (diff-only and sequenced) to every live subscription
  when :meth:`FakeGoldRush.publish` is called (or every ``interval`` in :meth:`run`), each
  subscription getting the coins of its body;
* serves the fill streams (``liquidationFills``, ``allFills``, ``builderFills``,
  ``builderLiquidations``) and the multi-wallet bodies of the wallet streams (``userFills``
  as ``[address, fill]`` pairs, ``orderUpdates`` entries tagged with their ``user``,
  ``userNonFundingLedgerUpdates`` one message per wallet) from the fills of each block
  (:attr:`FakeGoldRush.fills`), to the wallets and builders of each body;
* answers ``l2BookDiffSnapshot``, ``l4BookSnapshot``, the batch state types and builder fills
  on its Info API (``POST /info`` on the GoldRush host of ``fake.goldrush_network(key)``,
  ``Authorization: Bearer`` required) and, like GoldRush, answers a type it does not serve
  with HTTP 400 ``{"error": "unsupported_type", "type": ...}``;
* injects faults on demand: :meth:`~FakeGoldRush.drop` (a gap), :meth:`~FakeGoldRush.duplicate`,
  :meth:`~FakeGoldRush.reorder` and :meth:`~FakeGoldRush.reset_epoch`;
* refuses what the real servers refuse: a GoldRush-only subscription on a Hyperliquid
  connection, and a channel GoldRush does not serve on a GoldRush connection (a connection
  is GoldRush's when its URL has ``?key=``), with ``Invalid subscription`` on the ``error``
  channel; GoldRush-native info types on Hyperliquid's ``/info`` answer 422.

The tables here are written from GoldRush's pages independently of the client's, so that a
mistake in one is caught by the other.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, cast, final
from urllib.parse import parse_qs, urlsplit

import httpx
import trio

from .._guards import is_array, is_object
from .._protocol import (
    GOLDRUSH_INFO_TYPES,
    GOLDRUSH_ONLY_INFO_TYPES,
    GOLDRUSH_ONLY_TYPES,
    GOLDRUSH_SERVED_TYPES,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ._fake_server import FakeConnection, FakeHyperliquid

__all__ = ["FakeGoldRush", "install_fake_goldrush"]

GOLDRUSH_HOST: Final = "fake.goldrush.invalid"
"""Host of ``fake.goldrush_network(key)``: its WebSocket and its Info API."""

# What GoldRush serves is one table, the core's (``_protocol._venues``, from its pages); the
# info types it alone serves have handlers below.
_INFO_SERVED: Final = GOLDRUSH_INFO_TYPES - GOLDRUSH_ONLY_INFO_TYPES
_DIFF_CHANNELS: Final = ("l2BookDiff", "l2BookDiff2", "l4BookUpdates")
_FILL_CHANNELS: Final = frozenset(
    {
        "liquidationFills",
        "allFills",
        "builderFills",
        "builderLiquidations",
        "userFills",
        "orderUpdates",
        "userNonFundingLedgerUpdates",
    }
)
_BATCH_LIMIT: Final = 50
_USERS: Final = tuple(f"0x{i:040x}" for i in range(0xA1, 0xA9))
BUILDERS: Final = ("0x" + "b1" * 20, "0x" + "b2" * 20)
"""The builders the fake's fills are routed through (some fills have none)."""


def _dumps(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))


def is_goldrush_path(path: str) -> bool:
    """A connection to GoldRush carries its key in the URL."""
    return bool(parse_qs(urlsplit(path).query).get("key"))


def refusal(
    conn: FakeConnection, subscription: Mapping[str, Any], *, goldrush: bool = False
) -> str | None:
    """Why the real server behind ``conn`` (GoldRush when ``goldrush`` or when the URL
    carries a key) would refuse ``subscription`` (or ``None``)."""
    kind = subscription.get("type")
    if goldrush or is_goldrush_path(conn.path):
        return None if kind in GOLDRUSH_SERVED_TYPES else f"GoldRush does not serve {kind}"
    if kind in GOLDRUSH_ONLY_TYPES:
        return f"{kind} exists only on GoldRush"
    if kind == "l2Book" and "coin" not in subscription:
        return "l2Book needs a coin on Hyperliquid"
    if {"marketTypes", "addresses", "users"} & set(subscription):
        return "not a Hyperliquid subscription body"
    return None


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


@final
class FakeGoldRush:
    """GoldRush's additions on a :class:`~trio_hl.testing.FakeHyperliquid` (``fake.goldrush``).

    Attributes:
        coins: the perp coins of its market.
        epoch: the server epoch (changed by :meth:`reset_epoch`).
        height: the block height of the last block.
        info_handlers: GoldRush-native info type -> callable computing the reply (these
            are answered on GoldRush's Info API only).
        sent: frames of the diff channels actually sent, as ``(connection, channel, data)``.
        fills: the fills of the last block, as ``(trader, fill)`` pairs in wire form (some
            liquidations, some routed through one of :data:`BUILDERS`).
        wallets: traders the fills are drawn from; a block fills a few of them.
        failing: wallets whose slot of a batch state reply is GoldRush's error slot
            (``"upstream_error"``), as when upstream fails for one wallet of a batch.
    """

    def __init__(self, fake: FakeHyperliquid, *, seed: int = 1) -> None:
        self.fake = fake
        self._rng = random.Random(seed)
        self.coins: tuple[str, ...] = ("BTC", "ETH", "SOL")
        self._epochs = 0
        self.epoch: str = "00000000-0000-4000-8000-000000000000"
        self.height: int = 900_000_000
        self.time_ms: int = 1_778_865_761_968
        self._mid = {"BTC": Decimal(79_240), "ETH": Decimal(2_430), "SOL": Decimal(151)}
        self._l2: dict[str, dict[tuple[str, Decimal], tuple[Decimal, int]]] = {}
        self._l4: dict[str, dict[int, dict[str, Any]]] = {}
        self._seq: dict[str, int] = {}
        self._l4_seq: dict[str, int] = {}
        self._oid = 427_632_400_000
        self._block: dict[str, Any] = {}  # coin -> this block's L2 changes and L4 diffs
        self._served: set[tuple[int, str]] = set()
        self._drop = 0
        self._duplicate = 0
        self._reorder = False
        self._held: list[tuple[FakeConnection, str]] = []
        self.sent: list[tuple[int, str, Any]] = []
        self.fills: list[tuple[str, dict[str, Any]]] = []
        self.wallets: tuple[str, ...] = _USERS
        self.failing: set[str] = set()
        self._tid = 700_000_000_000_000
        for coin in self.coins:
            self._seed_coin(coin)
        self.info_handlers: dict[str, Callable[[dict[str, Any]], Any]] = {
            "l2BookDiffSnapshot": self._l2_snapshot,
            "l4BookSnapshot": self._l4_snapshot,
            "batchClearinghouseState": self._batch("clearinghouseState"),
            "batchSpotClearinghouseState": self._batch("spotClearinghouseState"),
            "builderFills": lambda _: [],
            "builderFillsByTime": lambda _: [],
        }

    # -- the market ----------------------------------------------------------------------

    def _tick(self, coin: str) -> Decimal:
        return Decimal(1) if self._mid[coin] > 1000 else Decimal("0.1")

    def _seed_coin(self, coin: str) -> None:
        mid, tick = self._mid[coin], self._tick(coin)
        levels: dict[tuple[str, Decimal], tuple[Decimal, int]] = {}
        for i in range(1, 11):
            levels[("B", mid - tick * i)] = (Decimal(self._rng.randint(1, 50)), 2)
            levels[("A", mid + tick * i)] = (Decimal(self._rng.randint(1, 50)), 2)
        self._l2[coin] = levels
        self._seq[coin] = 0
        self._l4[coin] = {}
        self._l4_seq[coin] = 0
        for i in range(1, 4):
            for side, px in (("B", mid - tick * i), ("A", mid + tick * i)):
                self._new_order(coin, side, px, Decimal(self._rng.randint(1, 5)))

    def _new_order(self, coin: str, side: str, px: Decimal, sz: Decimal) -> dict[str, Any]:
        self._oid += 1
        order = {
            "user": self._rng.choice(_USERS),
            "coin": coin,
            "side": side,
            "limitPx": _fmt(px),
            "sz": _fmt(sz),
            "oid": self._oid,
            "timestamp": self.time_ms,
            "triggerCondition": "N/A",
            "isTrigger": False,
            "triggerPx": "0.0",
            "isPositionTpsl": False,
            "reduceOnly": False,
            "orderType": "Limit",
            "tif": "Alo",
            "cloid": None,
        }
        self._l4[coin][self._oid] = order
        return order

    def step(self) -> None:
        """Make one block: a few levels and orders of every coin change."""
        self.height += 1
        self.time_ms += 400
        block: dict[str, Any] = {}
        for coin in self.coins:
            block[coin] = (self._l2_step(coin), self._l4_step(coin))
        self._block = block
        self.fills = [self._fill() for _ in range(self._rng.randint(1, 4))]

    def _fill(self) -> tuple[str, dict[str, Any]]:
        rng = self._rng
        coin = rng.choice(self.coins)
        side = rng.choice("BA")
        tick = self._tick(coin)
        px = self._mid[coin] + (tick if side == "B" else -tick) * rng.randint(0, 3)
        sz = Decimal(rng.randint(1, 400)) / 100
        self._tid += rng.randint(1, 50)
        self._oid += 1
        trader = rng.choice(self.wallets)
        fill: dict[str, Any] = {
            "coin": coin,
            "px": _fmt(px),
            "sz": _fmt(sz),
            "side": side,
            "time": self.time_ms,
            "startPosition": "0.0",
            "dir": "Open Long" if side == "B" else "Open Short",
            "closedPnl": "0.0",
            "hash": f"0x{rng.getrandbits(256):064x}",
            "oid": self._oid,
            "crossed": True,
            "fee": _fmt((px * sz * Decimal("0.00045")).quantize(Decimal("0.000001"))),
            "tid": self._tid,
            "feeToken": "USDC",
        }
        if rng.random() < 0.35:
            fill["dir"] = "Close Long" if side == "A" else "Close Short"
            fill["liquidation"] = {
                "liquidatedUser": trader,
                "markPx": _fmt(self._mid[coin]),
                "method": rng.choice(("market", "backstop")),
            }
        if rng.random() < 0.5:
            fill["builder"] = rng.choice(BUILDERS)
            fill["builderFee"] = _fmt((px * sz * Decimal("0.0001")).quantize(Decimal("0.000001")))
        return trader, fill

    def _l2_step(self, coin: str) -> list[dict[str, Any]]:
        mid, tick = self._mid[coin], self._tick(coin)
        changes: list[dict[str, Any]] = []
        for _ in range(self._rng.randint(1, 3)):
            side = self._rng.choice("BA")
            px = (
                mid - tick * self._rng.randint(1, 12)
                if side == "B"
                else mid + tick * self._rng.randint(1, 12)
            )
            if (side, px) in self._l2[coin] and self._rng.random() < 0.3:
                del self._l2[coin][(side, px)]
                changes.append({"side": side, "px": _fmt(px), "sz": "0", "n": 0})
            else:
                sz, n = Decimal(self._rng.randint(1, 60)), self._rng.randint(1, 6)
                self._l2[coin][(side, px)] = (sz, n)
                changes.append({"side": side, "px": _fmt(px), "sz": _fmt(sz), "n": n})
        self._seq[coin] += 1
        return changes

    def _l4_step(self, coin: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        mid, tick = self._mid[coin], self._tick(coin)
        statuses: list[dict[str, Any]] = []
        diffs: list[dict[str, Any]] = []
        orders = self._l4[coin]
        roll = self._rng.random()
        if roll < 0.5 or len(orders) < 3:
            side = self._rng.choice("BA")
            px = (
                mid - tick * self._rng.randint(1, 4)
                if side == "B"
                else mid + tick * self._rng.randint(1, 4)
            )
            order = self._new_order(coin, side, px, Decimal(self._rng.randint(1, 5)))
            nanos = f"{self._rng.randint(0, 999_999_999):09d}"
            statuses.append(
                {
                    "time": f"2026-05-15T17:22:41.{nanos}",
                    "user": order["user"],
                    "status": "open",
                    "order": {**order, "user": None},
                }
            )
            diffs.append(self._diff(order, {"new": {"sz": order["sz"]}}))
        else:
            oid = self._rng.choice(sorted(orders))
            order = orders[oid]
            size = Decimal(order["sz"])
            if roll < 0.75 and size > 1:
                new = size - 1
                diffs.append(
                    self._diff(order, {"update": {"origSz": order["sz"], "newSz": _fmt(new)}})
                )
                order["sz"] = _fmt(new)
            else:
                del orders[oid]
                diffs.append(self._diff(order, "remove"))
        self._l4_seq[coin] += 1
        return statuses, diffs

    def _diff(self, order: Mapping[str, Any], raw: Any) -> dict[str, Any]:
        return {
            "user": order["user"],
            "oid": order["oid"],
            "px": order["limitPx"],
            "coin": order["coin"],
            "raw_book_diff": raw,
        }

    def l2_levels(self, coin: str) -> list[list[dict[str, Any]]]:
        """The coin's aggregated book now, as ``[bids, asks]`` best first."""
        levels = self._l2[coin]
        sides: list[list[dict[str, Any]]] = []
        for side, descending in (("B", True), ("A", False)):
            prices = sorted((px for s, px in levels if s == side), reverse=descending)
            sides.append(
                [
                    {"px": _fmt(px), "sz": _fmt(levels[(side, px)][0]), "n": levels[(side, px)][1]}
                    for px in prices
                ]
            )
        return sides

    def l4_levels(self, coin: str) -> list[list[dict[str, Any]]]:
        """The coin's resting orders now, as ``[bids, asks]`` (queue order within a price)."""
        orders = list(self._l4[coin].values())
        bids = sorted((o for o in orders if o["side"] == "B"), key=lambda o: -Decimal(o["limitPx"]))
        asks = sorted((o for o in orders if o["side"] == "A"), key=lambda o: Decimal(o["limitPx"]))
        return [[dict(o) for o in bids], [dict(o) for o in asks]]

    def reset_epoch(self) -> None:
        """Reset the stream as a GoldRush restart would: a new epoch, sequences from 0."""
        self._epochs += 1
        self.epoch = f"00000000-0000-4000-8000-{self._epochs:012d}"
        for coin in self.coins:
            self._seq[coin] = 0
            self._l4_seq[coin] = 0

    # -- faults ----------------------------------------------------------------------------

    def drop(self, frames: int = 1) -> None:
        """Do not send the next ``frames`` diff frames (each connection sees a gap)."""
        self._drop += frames

    def duplicate(self, frames: int = 1) -> None:
        """Send each of the next ``frames`` diff frames twice."""
        self._duplicate += frames

    def reorder(self) -> None:
        """Hold the next diff frame back and send it after the one that follows it."""
        self._reorder = True

    # -- streaming -------------------------------------------------------------------------

    def _scope(self, subscription: Mapping[str, Any]) -> tuple[str, ...]:
        coin = subscription.get("coin")
        if coin is None:
            return self.coins
        wanted = [coin] if isinstance(coin, str) else list(coin)
        return tuple(c for c in wanted if c in self._l2)

    def _frames(self, conn: FakeConnection, subscription: Mapping[str, Any]) -> list[Any]:
        kind = str(subscription.get("type"))
        coins = self._scope(subscription)
        if not coins or not self._block:
            return []
        key = (conn.index, _dumps(subscription))
        first = key not in self._served
        self._served.add(key)
        if kind == "l2BookDiff":
            frames: list[Any] = []
            if first:
                for coin in coins:
                    levels = self.l2_levels(coin)
                    body = {
                        "coin": coin,
                        "time": self.time_ms,
                        "block_height": self.height,
                        "levels": levels,
                    }
                    frames.append({"Snapshot": body})
                return frames
            diffs = [
                {"coin": c, "book_diffs": self._block[c][0]} for c in coins if self._block[c][0]
            ]
            plain: dict[str, Any] = {"time": self.time_ms, "block_height": self.height}
            return [{"Updates": {**plain, "diffs": diffs}}] if diffs else []
        head: dict[str, Any] = {
            "time": self.time_ms,
            "block_height": self.height,
            "epoch": self.epoch,
            "cursor": f"{self.height}:0",
        }
        if kind == "l2BookDiff2":
            entries = [
                {
                    "coin": c,
                    "seq": self._seq[c],
                    "prev_seq": self._seq[c] - 1,
                    "book_diffs": self._block[c][0],
                }
                for c in coins
            ]
        else:
            entries = [
                {
                    "coin": c,
                    "seq": self._l4_seq[c],
                    "prev_seq": self._l4_seq[c] - 1,
                    "order_statuses": self._block[c][1][0],
                    "book_diffs": self._block[c][1][1],
                }
                for c in coins
            ]
        return [{"Updates": {**head, "diffs": entries}}]

    def _fill_frames(self, subscription: Mapping[str, Any]) -> list[Any]:
        """The frames of one fill-stream (or multi-wallet) subscription for the last block."""
        kind = subscription.get("type")
        wallets = subscription.get("addresses") or subscription.get("users")
        if kind in ("userFills", "orderUpdates", "userNonFundingLedgerUpdates"):
            if not isinstance(wallets, list):
                return []  # a single-user body is the Hyperliquid-compatible stream
            wanted = {str(w).lower() for w in cast("list[object]", wallets)}
            mine = [(t, f) for t, f in self.fills if t in wanted]
            if not mine:
                return []
            if kind == "userFills":
                return [{"fills": [[t, f] for t, f in mine]}]
            if kind == "orderUpdates":
                return [[self._order_update(t, f) for t, f in mine]]
            # Ledger pushes are keyed to one wallet: one per wallet with activity.
            per_wallet: dict[str, list[dict[str, Any]]] = {}
            for trader, fill in mine:
                per_wallet.setdefault(trader, []).append(self._ledger(fill))
            return [
                {"user": t, "isSnapshot": False, "nonFundingLedgerUpdates": entries}
                for t, entries in per_wallet.items()
            ]
        builders = {str(b).lower() for b in (wallets or [subscription.get("builder")])}
        pairs = self.fills
        if kind == "allFills" and subscription.get("coin") is not None:
            pairs = [(t, f) for t, f in pairs if f["coin"] == subscription["coin"]]
        if kind in ("liquidationFills", "builderLiquidations"):
            pairs = [(t, f) for t, f in pairs if "liquidation" in f]
        if kind in ("builderFills", "builderLiquidations"):
            pairs = [(t, f) for t, f in pairs if f.get("builder") in builders]
        return [{"fills": [[t, f] for t, f in pairs]}] if pairs else []

    def _order_update(self, trader: str, fill: Mapping[str, Any]) -> dict[str, Any]:
        order = {
            "coin": fill["coin"],
            "side": fill["side"],
            "limitPx": fill["px"],
            "sz": "0.0",
            "oid": fill["oid"],
            "timestamp": fill["time"],
            "origSz": fill["sz"],
        }
        return {"order": order, "status": "filled", "statusTimestamp": fill["time"], "user": trader}

    def _ledger(self, fill: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "time": fill["time"],
            "hash": fill["hash"],
            "delta": {"type": "deposit", "usdc": fill["sz"]},
        }

    async def publish(self) -> int:
        """Send the last block to every live diff, fill-stream and multi-wallet subscription
        (faults applied to the diff channels); returns the number of frames sent."""
        sent = 0
        for conn in self.fake.live:
            for subscription in list(conn.subscriptions):
                channel = subscription.get("type")
                if not is_goldrush_path(conn.path):
                    continue
                if channel in _DIFF_CHANNELS:
                    for data in self._frames(conn, subscription):
                        sent += await self._send(conn, str(channel), data)
                elif channel in _FILL_CHANNELS:
                    for data in self._fill_frames(subscription):
                        await conn.send_text(_dumps({"channel": channel, "data": data}))
                        sent += 1
        return sent

    async def _send(self, conn: FakeConnection, channel: str, data: Any) -> int:
        if self._drop:
            self._drop -= 1
            return 0
        text = _dumps({"channel": channel, "data": data})
        if self._reorder:
            self._reorder = False
            self._held.append((conn, text))
            return 0
        copies = 1
        if self._duplicate:
            self._duplicate -= 1
            copies = 2
        for _ in range(copies):
            await conn.send_text(text)
            self.sent.append((conn.index, channel, data))
        held, self._held = self._held, []
        for other, late in held:
            await other.send_text(late)
        return copies + len(held)

    async def run(self, interval: float = 0.4) -> None:
        """Make a block and publish it every ``interval`` seconds, forever."""
        while True:
            await trio.sleep(interval)
            self.step()
            await self.publish()

    # -- the Info API ----------------------------------------------------------------------

    def _coin(self, payload: Mapping[str, Any]) -> str:
        coin = payload.get("coin")
        if not isinstance(coin, str) or coin not in self._l2:
            raise LookupError(f"unknown coin {coin!r}")
        return coin

    def _l2_snapshot(self, payload: dict[str, Any]) -> Any:
        return self._snapshot(self._coin(payload), self._seq, self.l2_levels)

    def _l4_snapshot(self, payload: dict[str, Any]) -> Any:
        return self._snapshot(self._coin(payload), self._l4_seq, self.l4_levels)

    def _snapshot(
        self,
        coin: str,
        seqs: Mapping[str, int],
        levels: Callable[[str], list[list[dict[str, Any]]]],
    ) -> dict[str, Any]:
        """A sequenced book snapshot (``l2BookDiffSnapshot``, ``l4BookSnapshot``)."""
        return {
            "coin": coin,
            "time": self.time_ms,
            "height": self.height,
            "epoch": self.epoch,
            "seq": seqs[coin],
            "levels": levels(coin),
        }

    def _batch(self, single: str) -> Callable[[dict[str, Any]], Any]:
        def handle(payload: dict[str, Any]) -> Any:
            users = payload.get("users")
            if not is_array(users) or not 1 <= len(users) <= _BATCH_LIMIT:
                raise ValueError(f"users must list 1 to {_BATCH_LIMIT} wallets")
            seen: list[str] = []
            for user in users:
                if isinstance(user, str) and user.lower() not in seen:
                    seen.append(user.lower())
            handler = self.fake.info_handlers[single]
            return [
                {"error": "upstream_error", "user": user, "message": "upstream request failed"}
                if user in self.failing
                else handler({"type": single, "user": user})
                if callable(handler)
                else handler
                for user in seen
            ]

        return handle

    def handle_http(self, path: str, payload: Any, request: httpx.Request) -> httpx.Response:
        """Answer a request to GoldRush's Info API as GoldRush would."""
        auth = request.headers.get("Authorization", "")
        key = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else ""
        required = self.fake.require_key
        if not key or (required is not None and key != required):
            return httpx.Response(401, json={"error": "unauthorized"})
        if path != "/info" or request.method != "POST":
            return httpx.Response(404, text="Not Found")
        if not is_object(payload) or not isinstance(payload.get("type"), str):
            return httpx.Response(400, json={"error": "invalid_request"})
        kind = payload["type"]
        handler: Any = self.info_handlers.get(kind)
        if handler is None and kind in _INFO_SERVED:
            handler = self.fake.info_handlers.get(kind)
        if handler is None:
            return httpx.Response(400, json={"error": "unsupported_type", "type": kind})
        try:
            data = handler(payload) if callable(handler) else handler
        except (LookupError, ValueError) as exc:
            return httpx.Response(400, json={"error": "invalid_request", "message": str(exc)})
        return httpx.Response(
            200, content=json.dumps(data).encode(), headers={"Content-Type": "application/json"}
        )


def install_fake_goldrush(fake: FakeHyperliquid, *, seed: int = 1) -> FakeGoldRush:
    """Give ``fake`` a fresh GoldRush mode (``fake.goldrush``); every fake starts with one."""
    goldrush = FakeGoldRush(fake, seed=seed)
    fake.goldrush = goldrush
    fake.http.host_handlers[GOLDRUSH_HOST] = goldrush.handle_http
    return goldrush
