"""The sans-IO protocol core. Nothing in this package imports trio or touches a socket.

Theory of operation
-------------------
The shell reads one WebSocket message at a time and hands it to
:meth:`_session.Session.receive_message`, which parses the JSON once and returns *events*:

* control frames (``pong``, ``subscriptionResponse``, ``post`` replies, ``error``) become
  :class:`Pong`, :class:`SubscribeAcked`, :class:`PostReplied`, :class:`PostRejected`,
  :class:`SubscriptionRejected` or :class:`ServerNotice`;
* data frames are decoded once into typed models (``_channels``) and become
  :class:`Deliver` events naming every local subscription id that should receive them;
* anything malformed becomes :class:`Undecodable` and touches nothing else.

Everything the shell sends is produced here too: ``subscribe`` returns the frame to send
only for the first local consumer of a wire subscription (refcounting); ``unsubscribe`` only
for the last. ``post`` allocates the id; the shell reports ``post_sent`` when the frame
reached the socket, so that ``connection_lost`` can tell requests that are safe to retry
(never sent) from those whose outcome is unknown. ``connection_made`` returns the frames that
restore every live subscription on a fresh socket.

Some subscriptions cannot share a connection, because their frames could not be told
apart: the session refuses them at ``subscribe`` rather than mis-deliver (``_keys`` rules 2
and 6: one ``l2Book`` coin at two precisions, ``userFills`` with and without
``aggregateByTime``, and a second user on ``orderUpdates``/``userEvents``/``notification``,
whose frames carry no user). It also enforces the subscription and distinct-user caps the
server would enforce without saying which request broke them.

A wire subscription may carry a message filter (``_dedupe``) that outlives reconnects:
``userFills`` drops the fills it already delivered from the snapshot the server re-sends,
which makes that stream gap-free and duplicate-free, in bounded memory.

Idle deadlines (``_idle``) are decided here too, on the time the shell passes in:
``IdleWatch`` says which subscriptions of channels that push every block went silent and
when the next deadline falls, and ``Session.resubscribe`` returns the frames that restart
them. The shell only sleeps until that deadline and sends the frames.

Server errors arrive as free text on the ``error`` channel. They are attributed by a
trailing ``id=N`` (posts), by the JSON the text echoes (subscriptions, matched by subset
against pending subscriptions, most specific first), and otherwise surfaced as notices.

The package's interface is what this ``__init__`` exports: the shell (``_client``),
``decode_frame``, the fake server and the tests import from ``trio_hl._protocol``, not from
its modules. One table holds every channel (:data:`CHANNELS`, see ``_channels``).
"""

from .._limits import Limits
from ._channels import (
    CHANNELS,
    UNDECODABLE,
    ChannelSpec,
    Control,
    Lazy,
    decode_channel,
    decode_message,
    default_policy,
    serves_frame,
    spec_for_frame,
    subscription_route,
)
from ._connection import GiveUp, Reconnect, Retry
from ._frames import CONTROL_CHANNELS, PING, loads, subscribe_frame
from ._idle import IdleWatch, default_idle_timeout
from ._replies import unwrap_reply
from ._session import (
    Deliver,
    Event,
    Lost,
    Pong,
    PostRejected,
    PostReplied,
    ServerNotice,
    Session,
    SubscribeAcked,
    SubscriptionRejected,
    Undecodable,
)
from ._venues import (
    GOLDRUSH_INFO_TYPES,
    GOLDRUSH_ONLY_INFO_TYPES,
    GOLDRUSH_ONLY_TYPES,
    GOLDRUSH_SERVED_TYPES,
    Venue,
    check_info_venue,
)

__all__ = [
    "CHANNELS",
    "CONTROL_CHANNELS",
    "GOLDRUSH_INFO_TYPES",
    "GOLDRUSH_ONLY_INFO_TYPES",
    "GOLDRUSH_ONLY_TYPES",
    "GOLDRUSH_SERVED_TYPES",
    "PING",
    "UNDECODABLE",
    "ChannelSpec",
    "Control",
    "Deliver",
    "Event",
    "GiveUp",
    "IdleWatch",
    "Lazy",
    "Limits",
    "Lost",
    "Pong",
    "PostRejected",
    "PostReplied",
    "Reconnect",
    "Retry",
    "ServerNotice",
    "Session",
    "SubscribeAcked",
    "SubscriptionRejected",
    "Undecodable",
    "Venue",
    "check_info_venue",
    "decode_channel",
    "decode_message",
    "default_idle_timeout",
    "default_policy",
    "loads",
    "serves_frame",
    "spec_for_frame",
    "subscribe_frame",
    "subscription_route",
    "unwrap_reply",
]
