"""``Info``: every info request as a typed, snake_case method, over any transport.

An :class:`Info` turns Python arguments (asset names or ids, ``int`` milliseconds or aware
``datetime`` values, addresses or accounts) into an :class:`~trio_hl.models.info.InfoRequest`,
sends its body through a *transport* and decodes the reply with the one converter. A
transport is any ``async (payload) -> data`` callable returning the reply's JSON:

* over the WebSocket, :meth:`trio_hl.Client.info` (it already unwraps the ``post`` reply's
  extra level, ``response.payload.data``);
* over HTTP, :class:`trio_hl._http.HttpTransport` (the ``/info`` body as is).

So both transports share the models, the validation and the errors: only the transport's own
failures differ (see each transport). User queries take ``address=`` or ``account=``; without
either they use the default account given at construction.

Every method raises :class:`~trio_hl.errors.ConfigurationError` for bad arguments (before
sending), :class:`~trio_hl.errors.UnknownAsset` for an asset the universe does not know,
:class:`~trio_hl.errors.ApiError` when the server refuses the request,
:class:`~trio_hl.errors.DecodeError` when the reply does not match its model, and the
transport's errors (timeouts, lost connections). Cancellation abandons the request.

Layout: ``_base`` holds the transport, argument helpers and :meth:`Info.request`; ``_market``
and ``_user`` hold the query families, one mixin each; :class:`Info` is their union.
"""

from __future__ import annotations

from typing import final

from ._base import InfoTransport, Time, to_ms
from ._market import MarketInfo
from ._user import UserInfo

__all__ = ["Info", "InfoTransport", "Time", "to_ms"]


@final
class Info(MarketInfo, UserInfo):
    """Typed info queries over one transport.

    Args:
        transport: ``async (payload) -> data``; see the module docstring.
        account: the default account of user queries.
        universe: resolves asset names and ids: a :class:`Universe`, or a callable returning
            the current one (so that a refreshed universe is picked up), or ``None`` (then
            ``asset=`` takes wire coin names only, passed through unchecked).
    """
