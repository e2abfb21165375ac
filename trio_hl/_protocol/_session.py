"""The session: everything the connection decides, with no I/O.

:class:`Session` is fed decoded server frames and asked for the frames to send. It owns:

* the local subscriptions (``sid``) and their refcounted wire subscriptions (keys);
* the routes that map a data frame to the sids that receive it;
* the ``post`` ids and which requests were already handed to the socket;
* the client-side limits the server enforces without saying which request broke them;
* the refusals that keep delivery honest: two subscriptions whose frames cannot be told
  apart (same route, different bodies) never share a connection, and in particular a
  channel whose frames carry no user (``orderUpdates``, ``userEvents``, ``notification``)
  serves one user per connection;
* per-subscription message filters (``_dedupe``): ``userFills`` removes fills it already
  delivered, which makes it gap-free and duplicate-free across reconnects.

The Trio shell (``_client``) owns the socket, the clock and the tasks. It tells the session
``connection_made()`` / ``connection_lost()`` and acts on what those return.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Any, Final, Literal, cast

import attrs

from .._guards import is_object
from .._limits import Limits
from ..errors import ConfigurationError, DecodeError, SubscriptionError
from ._channels import CHANNELS, Control, decode_message, filter_for, subscription_routes
from ._dedupe import MessageFilter
from ._frames import loads, post_frame, subscribe_frame, unsubscribe_frame
from ._keys import (
    WALLET_LIST_FIELDS,
    FieldRoute,
    RouteKey,
    SubscriptionKey,
    normalise,
    subscription_key,
)
from ._venues import Venue, check_subscription_venue

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

    from ._keys import Routed

__all__ = [
    "Deliver",
    "Event",
    "Limits",
    "Lost",
    "Pong",
    "PostRejected",
    "PostReplied",
    "ServerNotice",
    "Session",
    "SubscribeAcked",
    "SubscriptionRejected",
    "Undecodable",
]


# Events returned by Session.receive_message ----------------------------------------------


@attrs.frozen
class Pong:
    """A ``pong`` arrived."""


@attrs.frozen
class SubscribeAcked:
    key: SubscriptionKey


@attrs.frozen
class PostReplied:
    post_id: int
    response: Any


@attrs.frozen
class PostRejected:
    """The ``error`` channel named a post id (e.g. too many pending posts)."""

    post_id: int
    message: str


@attrs.frozen
class SubscriptionRejected:
    """The server refused a subscription; the session has already forgotten it."""

    key: SubscriptionKey
    sids: tuple[int, ...]
    message: str


@attrs.frozen
class ServerNotice:
    """An ``error`` frame that could not be attributed to a request."""

    message: str


@attrs.frozen
class Deliver:
    sids: tuple[int, ...]
    message: object


@attrs.frozen
class Undecodable:
    """A message (or one item of a batch) that did not decode; ``error`` says why and names
    the channel when it is known."""

    error: DecodeError


Event = (
    Pong
    | SubscribeAcked
    | PostReplied
    | PostRejected
    | SubscriptionRejected
    | ServerNotice
    | Deliver
    | Undecodable
)


@attrs.frozen
class Lost:
    """What a dropped connection leaves behind.

    Attributes:
        unsent: post ids never handed to the socket (safe to retry).
        sent: post ids sent but unanswered (outcome unknown).
    """

    unsent: tuple[int, ...]
    sent: tuple[int, ...]


@attrs.define(eq=False)
class _Wire:
    """One wire subscription and its local consumers."""

    body: dict[str, Any]
    normal: dict[str, Any]
    routes: tuple[RouteKey, ...]
    sids: set[int]
    state: Literal["idle", "pending", "active"] = "idle"
    # Trims or drops messages before delivery; lives as long as the wire subscription,
    # across reconnects (userFills de-duplication).
    filter: MessageFilter | None = None


_TRAILING_ID: Final = re.compile(r"\bid=(\d+)\s*$")
_SUBSCRIPTION_PREFIXES: Final = (
    "Invalid subscription",
    "Already subscribed",
    "Already unsubscribed",
)
_PARSE_PREFIX: Final = "Error parsing JSON into valid websocket request"


def _embedded_json(text: str) -> dict[str, Any] | None:
    start = text.find("{")
    if start < 0:
        return None
    try:
        value = loads(text[start:])
    except ValueError:
        return None
    return value if is_object(value) else None


def _same(ours: object, theirs: object) -> bool:
    if isinstance(ours, str) and isinstance(theirs, str) and ours.startswith("0x"):
        return ours.lower() == theirs.lower()
    return ours == theirs


def _listed(normal: Mapping[str, Any]) -> list[str]:
    """The wallets a normalised body follows (``user``, or a GoldRush list)."""
    for name in WALLET_LIST_FIELDS:
        value = normal.get(name)
        if isinstance(value, list):
            return [str(v) for v in cast("list[object]", value)]
    user = normal.get("user")
    return [user] if isinstance(user, str) else []


def _wallets(normal: Mapping[str, Any]) -> str:
    wallets = _listed(normal)
    return wallets[0] if len(wallets) == 1 else f"{len(wallets)} wallets"


def _is_subset(ours: Mapping[str, Any], echo: Mapping[str, Any]) -> bool:
    return all(name in echo and _same(value, echo[name]) for name, value in ours.items())


class Session:
    """Sans-IO connection state. Not thread-safe; one per client."""

    def __init__(
        self, limits: Limits | None = None, *, lazy_books: bool = False, venue: Venue = "any"
    ) -> None:
        """
        Args:
            limits: the client-side caps.
            lazy_books: deliver ``l2Book`` books undecoded, as
                :class:`._channels.Lazy` (routed by their coin; the consumer decodes).
            venue: which server this is (see :mod:`._venues`): what it does not serve is
                refused.
        """
        self.limits = limits or Limits()
        self.lazy_books = lazy_books
        self.venue: Venue = venue
        self.connected = False
        self._sid_counter = itertools.count(1)
        self._post_counter = itertools.count(1)
        self._wires: dict[SubscriptionKey, _Wire] = {}
        self._routes: dict[RouteKey, SubscriptionKey] = {}
        self._sid_key: dict[int, SubscriptionKey] = {}
        self._interrupted: set[int] = set()  # sids live when the last connection dropped
        self._posts: dict[int, bool] = {}  # post id -> handed to the socket?
        # The control channels' handlers, by channel name.
        self._control: Final[Mapping[str, Callable[[Any], list[Event]]]] = {
            "pong": self._on_pong,
            "subscriptionResponse": self._on_ack,
            "post": self._on_post,
            "error": self._on_error,
        }

    # -- subscriptions ---------------------------------------------------------------------

    def subscribe(self, body: Mapping[str, Any]) -> tuple[int, SubscriptionKey, str | None]:
        """Add a local subscription.

        Returns:
            ``(sid, key, frame)``: ``frame`` is the subscribe frame to send now, or ``None``
            when the key is already on the wire (refcounted) or the session is disconnected
            (``connection_made`` will send it).

        Raises:
            ConfigurationError: malformed body (unknown type, missing coin).
            SubscriptionError: over a limit, indistinguishable from a live subscription, or
                not served by this venue (GoldRush-only on Hyperliquid, or unserved on
                GoldRush).
        """
        check_subscription_venue(self.venue, body)
        try:
            routes = subscription_routes(body)
        except ValueError as exc:
            raise ConfigurationError(str(exc)) from None
        key = subscription_key(body)
        sid = next(self._sid_counter)
        wire = self._wires.get(key)
        if wire is not None:
            wire.sids.add(sid)
            self._sid_key[sid] = key
            return sid, key, None
        for route in routes:
            other = self._routes.get(route)
            if other is not None:
                raise SubscriptionError(self._collision(body, key, self._wires[other]))
        self._check_limits(body)
        normal = normalise(body)
        wire = _Wire(
            body=dict(body), normal=normal, routes=routes, sids={sid}, filter=filter_for(body)
        )
        self._wires[key] = wire
        for route in routes:
            self._routes[route] = key
        self._sid_key[sid] = key
        if not self.connected:
            return sid, key, None
        wire.state = "pending"
        return sid, key, subscribe_frame(wire.body)

    @staticmethod
    def _collision(body: Mapping[str, Any], key: SubscriptionKey, live: _Wire) -> str:
        kind = str(body.get("type"))
        row = CHANNELS[kind]
        if isinstance(row.route, FieldRoute) and row.route.unattributed:
            channel = row.frame_channel
            return (
                f"cannot subscribe to {kind} for {_wallets(normalise(body))}: this "
                f"connection already carries {kind} for {_wallets(live.normal)}, and "
                f"{kind} frames (channel {channel!r}) carry no user, so the two streams "
                "could not be told apart and messages would be mis-delivered. Use a second "
                "client (another connection) for the second user"
            )
        shared = set(_listed(normalise(body))) & set(_listed(live.normal))
        if shared and any(name in body or name in live.body for name in WALLET_LIST_FIELDS):
            return (
                f"cannot subscribe to {key}: the live subscription {subscription_key(live.body)} "
                f"already follows {', '.join(sorted(shared))} on this connection, and "
                f"{kind} frames do not say which subscription they answer, so the wallet's "
                "messages could not be delivered to the right one. Unsubscribe the other "
                "list first (GoldRush matches bodies exactly), or use a second client"
            )
        return (
            f"cannot subscribe to {key}: its frames cannot be told apart from those of the "
            f"live subscription {subscription_key(live.body)} (the server does not echo the "
            "parameters that differ); use a second client (another connection) for it"
        )

    def _check_limits(self, body: Mapping[str, Any]) -> None:
        cap = self.limits.max_subscriptions
        if cap is not None and len(self._wires) >= cap:
            raise SubscriptionError(
                f"subscription limit reached: this connection already has {cap} "
                "subscriptions (Limits.max_subscriptions); the server would refuse the excess "
                "without saying which request broke the limit. Unsubscribe something first "
                "or use a second client"
            )
        user = body.get("user")
        cap = self.limits.max_users
        if cap is not None and isinstance(user, str):
            users = {w.normal["user"] for w in self._wires.values() if "user" in w.normal}
            if user.lower() not in users and len(users) >= cap:
                raise SubscriptionError(
                    f"distinct user limit reached: cannot subscribe for {user.lower()}, this "
                    f"connection already tracks {cap} users (Limits.max_users); the server "
                    "would refuse the excess without saying which request broke the limit. "
                    "Unsubscribe another user's streams first, use a second client, or raise "
                    "the limit if your server allows more (15 in 2026)"
                )

    def unsubscribe(self, sid: int) -> str | None:
        """Remove a local subscription.

        Returns:
            The unsubscribe frame to send when that was the key's last consumer and the
            subscription is on the wire, else ``None``.

        Raises:
            ConfigurationError: unknown sid (never subscribed, or already unsubscribed).
        """
        key = self._sid_key.pop(sid, None)
        if key is None:
            raise ConfigurationError(f"unknown subscription id {sid}")
        wire = self._wires[key]
        wire.sids.discard(sid)
        if wire.sids:
            return None
        del self._wires[key]
        for route in wire.routes:
            del self._routes[route]
        if self.connected and wire.state != "idle":
            return unsubscribe_frame(wire.body)
        return None

    def resubscribe(self, sids: Iterable[int]) -> tuple[list[str], list[int]]:
        """Subscribe the wire subscriptions of ``sids`` afresh (they went silent).

        The server answers a repeated subscribe with "Already subscribed", so each is
        unsubscribed first. Sids sharing a wire subscription are all affected: the server
        restarts it for every local consumer.

        Returns:
            ``(frames, affected)``: the frames to send in order, and every sid whose wire
            subscription is restarted. Nothing while disconnected (the next connection
            subscribes everything anyway) and nothing for unknown sids.
        """
        frames: list[str] = []
        affected: list[int] = []
        if not self.connected:
            return frames, affected
        keys = dict.fromkeys(self._sid_key[sid] for sid in sids if sid in self._sid_key)
        for key in keys:
            wire = self._wires[key]
            frames += [unsubscribe_frame(wire.body), subscribe_frame(wire.body)]
            wire.state = "pending"
            affected += sorted(wire.sids)
        return frames, affected

    def body_of(self, sid: int) -> dict[str, Any] | None:
        """The exact subscription body of a live sid."""
        key = self._sid_key.get(sid)
        return None if key is None else self._wires[key].body

    def key_of(self, sid: int) -> SubscriptionKey | None:
        return self._sid_key.get(sid)

    def sids(self) -> tuple[int, ...]:
        """Every live local subscription id."""
        return tuple(self._sid_key)

    @property
    def wire_count(self) -> int:
        """Number of distinct wire subscriptions."""
        return len(self._wires)

    # -- posts -----------------------------------------------------------------------------

    def post(self, kind: str, payload: Mapping[str, Any]) -> tuple[int, str]:
        """Register a post request; returns ``(post_id, frame)``."""
        post_id = next(self._post_counter)
        self._posts[post_id] = False
        return post_id, post_frame(post_id, kind, payload)

    def post_sent(self, post_id: int) -> None:
        """The frame of ``post_id`` was handed to the socket."""
        if post_id in self._posts:
            self._posts[post_id] = True

    def post_finished(self, post_id: int) -> None:
        """Forget ``post_id`` (answered, timed out or cancelled). Idempotent."""
        self._posts.pop(post_id, None)

    @property
    def pending_posts(self) -> int:
        return len(self._posts)

    # -- connection lifecycle --------------------------------------------------------------

    def connection_made(self) -> list[str]:
        """The socket is open: returns the subscribe frames for every live subscription."""
        self.connected = True
        frames: list[str] = []
        for wire in self._wires.values():
            wire.state = "pending"
            frames.append(subscribe_frame(wire.body))
        return frames

    def take_restarted(self) -> tuple[int, ...]:
        """The sids that lived through the last lost connection and live now: their streams
        get a restart marker (call once the new connection is made). A subscription made
        while disconnected simply starts on the new connection."""
        restarted = tuple(sorted(sid for sid in self._interrupted if sid in self._sid_key))
        self._interrupted = set()
        return restarted

    def connection_lost(self) -> Lost:
        """The socket is gone: every post fails; subscriptions wait for the next connection."""
        self.connected = False
        self._interrupted = set(self._sid_key)
        unsent = tuple(pid for pid, sent in self._posts.items() if not sent)
        sent = tuple(pid for pid, was_sent in self._posts.items() if was_sent)
        self._posts.clear()
        for wire in self._wires.values():
            wire.state = "idle"
        return Lost(unsent=unsent, sent=sent)

    # -- receiving -------------------------------------------------------------------------

    def receive_message(self, raw: str | bytes) -> list[Event]:
        """Handle one WebSocket message (text or binary) and return its events."""
        return list(self.receive_iter(raw))

    def receive_iter(self, raw: str | bytes) -> Iterator[Event]:
        """Handle one WebSocket message lazily: decoding happens as events are taken.

        A batch of books yields one coin's events at a time, so the shell may let other
        tasks run between coins. Take every event of a message before handing the session
        the next one. Routing is decided as each item is decoded, against the subscriptions
        live at that moment.
        """
        decoded = decode_message(raw, self._routes.__contains__, lazy_books=self.lazy_books)
        if isinstance(decoded, Control):
            return iter(self._control[decoded.channel](decoded.data))
        return self._route(decoded)

    def _route(self, items: Iterator[Routed | DecodeError]) -> Iterator[Event]:
        routes = self._routes
        for item in items:
            if isinstance(item, DecodeError):
                yield Undecodable(item)
                continue
            sids: set[int] = set()
            for route in item.routes:
                key = routes.get(route)
                if key is None:
                    continue
                wire = self._wires[key]
                if wire.filter is None:
                    sids.update(wire.sids)
                    continue
                # A filtered wire may receive a trimmed message: deliver it on its own.
                message = wire.filter(item.message)
                if message is not None:
                    yield Deliver(tuple(sorted(wire.sids)), message)
            if sids:
                yield Deliver(tuple(sorted(sids)), item.message)

    def _on_pong(self, _: Any) -> list[Event]:
        return [Pong()]

    def _on_ack(self, data: Any) -> list[Event]:
        if not is_object(data) or data.get("method") != "subscribe":
            return []
        echo = data.get("subscription")
        if not is_object(echo):
            return []
        key = self._match(echo, "pending")
        if key is None:
            return []
        self._wires[key].state = "active"
        return [SubscribeAcked(key)]

    def _on_post(self, data: Any) -> list[Event]:
        if not is_object(data):
            return [Undecodable(DecodeError("post reply is not an object", channel="post"))]
        post_id = data.get("id")
        if not isinstance(post_id, int) or post_id not in self._posts:
            return []
        return [PostReplied(post_id, data.get("response"))]

    def _on_error(self, data: Any) -> list[Event]:
        text = data if isinstance(data, str) else str(data)
        match = _TRAILING_ID.search(text)
        if match is not None and int(match.group(1)) in self._posts:
            return [PostRejected(int(match.group(1)), text)]
        embedded = _embedded_json(text)
        if text.startswith(_PARSE_PREFIX) and embedded is not None:
            post_id = embedded.get("id")
            if isinstance(post_id, int) and post_id in self._posts:
                return [PostRejected(post_id, text)]
            sub = embedded.get("subscription")
            embedded = sub if is_object(sub) else None
            return self._reject_subscription(embedded, text)
        if text.startswith(_SUBSCRIPTION_PREFIXES):
            if text.startswith("Already subscribed") and embedded is not None:
                key = self._match(embedded, "pending")
                if key is not None:
                    self._wires[key].state = "active"
                    return [SubscribeAcked(key)]
            if text.startswith("Invalid subscription"):
                return self._reject_subscription(embedded, text)
        return [ServerNotice(text)]

    def _reject_subscription(self, echo: dict[str, Any] | None, text: str) -> list[Event]:
        key = None if echo is None else self._match(echo, "pending")
        if key is None:
            return [ServerNotice(text)]
        wire = self._wires.pop(key)
        for route in wire.routes:
            del self._routes[route]
        for sid in wire.sids:
            del self._sid_key[sid]
        return [SubscriptionRejected(key, tuple(sorted(wire.sids)), text)]

    def _match(self, echo: Mapping[str, Any], state: str) -> SubscriptionKey | None:
        """The most specific subscription in ``state`` whose body is a subset of ``echo``."""
        best: tuple[int, SubscriptionKey] | None = None
        for key, wire in self._wires.items():
            if wire.state == state and _is_subset(wire.normal, echo):
                size = len(wire.normal)
                if best is None or size > best[0]:
                    best = (size, key)
        return None if best is None else best[1]
