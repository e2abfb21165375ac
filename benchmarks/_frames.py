"""Realistic server frames for the streaming benchmarks, serialized once up front.

Every scenario is a list of distinct JSON texts that the loopback server sends in a cycle.
The books are a random walk rather than one frame repeated: between two consecutive
snapshots of a coin about a quarter of the levels change (size and order count) and the mid
moves now and then, so nothing in a client can profit from seeing the same text twice. The
generators are seeded: every run streams the same bytes.

Scenarios (``SCENARIOS``):

* ``l2book``: ``l2Book`` BTC, 20 levels a side (about 1.7 kB a frame), as Hyperliquid sends.
* ``trades``: ``trades`` BTC, 1-5 trades a frame, unique ``tid`` s.
* ``wildcard``: GoldRush's coin-less ``l2Book``: one frame holds the books of 200 coins
  (72 levels a side, ``block_height``), about 1.1 MB.
* ``l4book``: GoldRush ``l4Book`` ``Updates`` for BTC: 3 order statuses and 10 book diffs
  (new, partial fill, remove) per block, about 4 kB.
"""

from __future__ import annotations

import json
import random
from typing import Any, Final

__all__ = [
    "LATENCY_TIME_DIGITS",
    "SCENARIOS",
    "TIME_OFFSET",
    "frames_for",
    "l2book_frames",
    "subscription_for",
]

SCENARIOS: Final = ("l2book", "trades", "wildcard", "l4book")
LATENCY_TIME_DIGITS: Final = 16
"""Width of the ``time`` placeholder the server overwrites with its send time (µs)."""
TIME_OFFSET: Final = 10**15
"""Added to the send time so that it always has ``LATENCY_TIME_DIGITS`` digits."""

_USERS: Final = [f"0x{random.Random(i).getrandbits(160):040x}" for i in range(64)]


def _dumps(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))


def _hash(rng: random.Random) -> str:
    return f"0x{rng.getrandbits(256):064x}"


class _BookWalk:
    """One coin's aggregated book, changing a little between snapshots."""

    def __init__(self, rng: random.Random, coin: str, mid: float, tick: float, levels: int):
        self.rng = rng
        self.coin = coin
        self.tick = tick
        self.mid_ticks = round(mid / tick)
        self.levels = levels
        self.decimals = max(0, len(f"{tick:.10f}".rstrip("0").split(".")[1]))
        self.sizes: dict[int, tuple[str, int]] = {}
        for offset in range(1, levels + 1):
            self.sizes[offset] = self._size()
            self.sizes[-offset] = self._size()

    def _size(self) -> tuple[str, int]:
        return f"{self.rng.uniform(0.0001, 25):.5f}", self.rng.randint(1, 30)

    def step(self, churn: float = 0.25) -> None:
        if self.rng.random() < 0.1:
            shift = self.rng.choice((-2, -1, 1, 2))
            self.mid_ticks += shift
            self.sizes = {k - shift: v for k, v in self.sizes.items()}
            for offset in range(1, self.levels + 1):
                self.sizes.setdefault(offset, self._size())
                self.sizes.setdefault(-offset, self._size())
        for key in list(self.sizes):
            if self.rng.random() < churn:
                self.sizes[key] = self._size()

    def _px(self, ticks: int) -> str:
        return f"{ticks * self.tick:.{self.decimals}f}"

    def data(self, time: int, block_height: int | None = None) -> dict[str, Any]:
        def level(offset: int) -> dict[str, Any]:
            sz, n = self.sizes[offset]
            return {"px": self._px(self.mid_ticks + offset), "sz": sz, "n": n}

        bids = [level(-i) for i in range(1, self.levels + 1)]
        asks = [level(i) for i in range(1, self.levels + 1)]
        out: dict[str, Any] = {"coin": self.coin, "time": time, "levels": [bids, asks]}
        if block_height is not None:
            out["block_height"] = block_height
        return out


def l2book_frames(count: int = 4000, *, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    walk = _BookWalk(rng, "BTC", 108250.0, 1.0, 20)
    frames = []
    for i in range(count):
        walk.step()
        frames.append(_dumps({"channel": "l2Book", "data": walk.data(1751206166616 + i * 500)}))
    return frames


def trades_frames(count: int = 8000, *, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    tid = 455478288652533
    px = 109572.0
    frames = []
    for i in range(count):
        trades = []
        for _ in range(rng.randint(1, 5)):
            tid += rng.randint(1, 50)
            px += rng.choice((-1.0, 0.0, 1.0))
            buyer, seller = rng.sample(_USERS, 2)
            trades.append(
                {
                    "coin": "BTC",
                    "side": rng.choice("AB"),
                    "px": f"{px:.1f}",
                    "sz": f"{rng.uniform(0.0001, 3):.5f}",
                    "time": 1751493267110 + i * 37,
                    "hash": _hash(rng),
                    "tid": tid,
                    "users": [buyer, seller],
                }
            )
        frames.append(_dumps({"channel": "trades", "data": trades}))
    return frames


def wildcard_frames(count: int = 6, *, coins: int = 200, seed: int = 4) -> list[str]:
    rng = random.Random(seed)
    walks = []
    for index in range(coins):
        mid = 10 ** rng.uniform(-3, 5)
        tick = 10 ** (len(str(int(mid))) - 5)
        name = ("BTC", "ETH", "SOL", "HYPE")[index] if index < 4 else f"COIN{index}"
        walks.append(_BookWalk(rng, name, mid, tick, 72))
    frames = []
    for i in range(count):
        books = []
        for walk in walks:
            walk.step()
            books.append(walk.data(1778865761968 + i * 100, block_height=997719816 + i))
        frames.append(_dumps({"channel": "l2Book", "data": books}))
    return frames


def l4book_frames(count: int = 3000, *, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    oid = 427632406005
    resting: list[tuple[int, str, str, str]] = []  # (oid, user, px, sz)
    frames = []
    for i in range(count):
        time = 1778865762168 + i * 100
        statuses = []
        diffs: list[dict[str, Any]] = []
        for _ in range(3):
            oid += rng.randint(1, 1000)
            user = rng.choice(_USERS)
            side = rng.choice("AB")
            px = f"{79242 + rng.randint(-40, 40)}.0"
            sz = f"{rng.uniform(0.0001, 2):.5f}"
            statuses.append(
                {
                    "time": f"2026-05-15T17:22:{i % 60:02d}.{rng.randrange(10**9):09d}",
                    "user": user,
                    "status": "open",
                    "order": {
                        "user": None,
                        "coin": "BTC",
                        "side": side,
                        "limitPx": px,
                        "sz": sz,
                        "oid": oid,
                        "timestamp": time,
                        "triggerCondition": "N/A",
                        "isTrigger": False,
                        "triggerPx": "0.0",
                        "isPositionTpsl": False,
                        "reduceOnly": False,
                        "orderType": "Limit",
                        "tif": "Alo",
                        "cloid": None,
                    },
                }
            )
            diffs.append(
                {
                    "user": user,
                    "oid": oid,
                    "px": px,
                    "coin": "BTC",
                    "raw_book_diff": {"new": {"sz": sz}},
                }
            )
            resting.append((oid, user, px, sz))
        for _ in range(4):
            if not resting:
                break
            old_oid, user, px, sz = rng.choice(resting)
            diffs.append(
                {
                    "user": user,
                    "oid": old_oid,
                    "px": px,
                    "coin": "BTC",
                    "raw_book_diff": {"update": {"origSz": sz, "newSz": f"{float(sz) / 2:.5f}"}},
                }
            )
        for _ in range(3):
            if len(resting) < 50:
                break
            old_oid, user, px, _sz = resting.pop(rng.randrange(len(resting)))
            diffs.append(
                {"user": user, "oid": old_oid, "px": px, "coin": "BTC", "raw_book_diff": "remove"}
            )
        data = {
            "Updates": {
                "time": time,
                "block_height": 997719817 + i,
                "order_statuses": statuses,
                "book_diffs": diffs,
            }
        }
        frames.append(_dumps({"channel": "l4Book", "data": data}))
    return frames


def frames_for(scenario: str) -> list[str]:
    if scenario == "l2book":
        return l2book_frames()
    if scenario == "trades":
        return trades_frames()
    if scenario == "wildcard":
        return wildcard_frames()
    if scenario == "l4book":
        return l4book_frames()
    raise ValueError(f"unknown scenario {scenario!r}")


def subscription_for(scenario: str) -> dict[str, Any]:
    """The subscription body a raw client sends for a scenario."""
    if scenario in ("l2book", "latency", "memory"):
        return {"type": "l2Book", "coin": "BTC"}
    if scenario == "trades":
        return {"type": "trades", "coin": "BTC"}
    if scenario == "wildcard":
        return {"type": "l2Book"}
    if scenario == "l4book":
        return {"type": "l4Book", "coin": "BTC"}
    raise ValueError(f"unknown scenario {scenario!r}")
