"""A wrapper that keeps a secret out of reprs, strings, logs and ``attrs.asdict``.

``Account`` and ``Network`` store their secret (a private key; a URL that may carry an API
key) in a :class:`Secret` field and expose the plain value through a property. A repr-less
attrs field would still be copied verbatim by ``attrs.asdict`` and ``attrs.astuple``, which
recurse into attrs classes only: wrapped, the secret reaches their output as this object,
which renders as ``<hidden>`` (or as a redacted form chosen by the owner), and which
``json.dumps`` refuses rather than writes.
"""

from __future__ import annotations

import hmac
from typing import final

__all__ = ["Secret"]


@final
class Secret:
    """A string that never renders: ``repr``, ``str`` and f-strings show ``shown``.

    Args:
        value: the secret.
        shown: what to render instead (``<hidden>``, or for a URL its redacted form).
    """

    __slots__ = ("_shown", "_value")

    def __init__(self, value: str, *, shown: str = "<hidden>") -> None:
        self._value = value
        self._shown = shown

    def reveal(self) -> str:
        """The secret itself: pass it on, never print it."""
        return self._value

    def __repr__(self) -> str:
        return self._shown

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        # Constant time, so that comparing keys leaks nothing through timing.
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash(self._value)
