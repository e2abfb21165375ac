"""Nonces of signed actions: a leaf, so that building an ``Api`` (which holds the shared
source) loads no signing and no exchange models until an action is sent."""

from __future__ import annotations

import time as _time
from typing import TYPE_CHECKING, Final, final

from .errors import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["SHARED_NONCES", "NonceSource", "wall_clock_ms"]


def wall_clock_ms() -> int:
    """Milliseconds since the epoch, from the system clock (what the exchange expects)."""
    return _time.time_ns() // 1_000_000


@final
class NonceSource:
    """Strictly increasing nonces per signer, safe under concurrent Trio tasks.

    ``next(signer)`` returns ``max(clock(), last + 1)`` and records it, with no checkpoint in
    between. Share one source between every :class:`Exchange` that signs with the same key
    (``Api`` does) so they never collide.

    Args:
        clock: milliseconds since the epoch (default :func:`wall_clock_ms`); inject a fake
            clock in tests. It is never ``trio.current_time()``: the exchange compares
            nonces with real time.
    """

    def __init__(self, clock: Callable[[], int] | None = None) -> None:
        self._clock = clock if clock is not None else wall_clock_ms
        self._last: dict[str, int] = {}

    def next(self, signer: str) -> int:
        """The next nonce of ``signer`` (an address; case does not matter).

        Raises:
            ConfigurationError: the clock returned something other than a non-negative int.
        """
        now: object = self._clock()
        if isinstance(now, bool) or not isinstance(now, int) or now < 0:
            raise ConfigurationError(f"the nonce clock must return int milliseconds, got {now!r}")
        key = signer.lower()
        last = self._last.get(key)
        nonce = now if last is None or now > last else last + 1
        self._last[key] = nonce
        return nonce

    def last(self, signer: str) -> int | None:
        """The last nonce handed out for ``signer``, if any."""
        return self._last.get(signer.lower())

    def __repr__(self) -> str:
        return f"<trio_hl.NonceSource signers={len(self._last)}>"


SHARED_NONCES: Final = NonceSource()
"""The default source of every Exchange and Api built without one: one sequence per signer
across the process, however many Exchange objects sign with the same key."""
