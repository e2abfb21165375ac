"""Capped exponential backoff with jitter; randomness injectable so tests are exact."""

from __future__ import annotations

import random
from collections.abc import Callable

import attrs

from ._validate import callable_value, number

__all__ = ["Backoff"]


@attrs.frozen(kw_only=True)
class Backoff:
    """Reconnect delays: ``initial * factor**attempt``, jittered, never above ``cap``.

    Attributes:
        initial: first delay, seconds.
        factor: growth per consecutive failure.
        cap: longest delay, seconds (jitter never exceeds it).
        jitter: relative spread; each delay is scaled by a factor drawn uniformly from
            ``[1 - jitter, 1 + jitter]`` so that many clients do not reconnect in lockstep.
        random: source of uniform ``[0, 1)`` numbers (inject a fixed one in tests).

    A value of the wrong type or out of range raises
    :class:`~trio_hl.errors.ConfigurationError` naming the field.
    """

    initial: float = attrs.field(default=0.5, validator=number(gt=0))
    factor: float = attrs.field(default=2.0, validator=number(ge=1))
    cap: float = attrs.field(default=30.0, validator=number(gt=0))
    jitter: float = attrs.field(default=0.25, validator=number(ge=0, le=1))
    random: Callable[[], float] = attrs.field(
        default=random.random, eq=False, repr=False, validator=callable_value
    )

    def delay(self, attempt: int) -> float:
        """The delay before reconnect attempt ``attempt`` (0 for the first retry)."""
        # Past ~64 doublings every delay is the cap; stop before the float overflows.
        base = min(self.cap, self.initial * self.factor ** min(attempt, 64))
        scale = 1.0 + self.jitter * (2.0 * self.random() - 1.0)
        return min(self.cap, base * scale)
