"""Client-side limits of one connection (``trio_hl.Limits``): configuration, read by the core.

A leaf module, so that ``networks`` (which gives each network its limits) and the sans-IO
session can both use it without either importing the other.
"""

from __future__ import annotations

import attrs

from ._validate import integer

__all__ = ["Limits"]


@attrs.frozen(kw_only=True)
class Limits:
    """Client-side guards for limits the server enforces without a correlatable error.

    Attributes:
        max_subscriptions: wire subscriptions per connection (Hyperliquid: 1000 per IP);
            ``None`` for no cap (GoldRush).
        max_users: distinct users (``user`` field) across the user subscriptions of a
            connection (docs say 10; the server enforced 15 in 2026); ``None`` for no cap.

    The server refuses the excess of either without echoing the request, so it could not
    be matched to the caller: the client refuses it first, with a clear error.
    """

    max_subscriptions: int | None = attrs.field(
        default=1000, validator=integer(ge=1, optional=True)
    )
    max_users: int | None = attrs.field(default=10, validator=integer(ge=1, optional=True))
