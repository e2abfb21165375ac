"""``Exchange``: every exchange action as a typed method, over any transport.

An :class:`Exchange` turns Python arguments into an action model
(:mod:`trio_hl.models.exchange`), validates it against the asset universe, signs it with
:mod:`trio_hl.signing`, sends the envelope through a *transport* and decodes the reply. A
transport is any ``async (payload) -> body`` callable returning the exchange's JSON body
(``{"status": ..., "response": ...}``):

* over the WebSocket, :meth:`trio_hl.Client.action` (``api.ws.exchange``);
* over HTTP, :meth:`trio_hl._http.HttpTransport.exchange` (``api.exchange``).

Both share everything else: models, validation, signing, nonces and errors.

Who signs, for whom
===================

Three addresses are kept apart, because mixing them up is the classic failure ("User or
API Wallet 0x... does not exist"):

* the **account** (``Account.address``): whose funds and positions these are;
* the **signer**: the key in ``Account.secret_key``. It is the account's own key, or the key
  of an API (agent) wallet the account approved (:meth:`Exchange.approve_agent`). An agent
  may sign L1 actions (trading) for the account; user-signed actions (transfers, approvals)
  need the account's own key, and are refused here, before any I/O, when the key is not
  the account's;
* the **vault** (``vault_address=``): a sub-account or a vault the account leads, traded
  for by the account's key (or its agent). It goes into the L1 hash and the request's
  ``vaultAddress``. ``usd_class_transfer`` and ``send_asset`` carry it inside the action
  instead (the only user-signed actions with a sub-account form).

Nonces
======

Every request carries a nonce that the exchange tracks per *signer*: unique, larger than
the smallest of the signer's recent nonces, and within a day of the block time. A
:class:`NonceSource` hands them out: the current time in milliseconds, or the last nonce
plus one when the clock has not moved past it, so two calls in the same millisecond (or a
clock that steps back) still get strictly increasing nonces. ``next()`` is synchronous, with
no checkpoint between reading and recording the last nonce, so concurrent Trio tasks can
never draw the same one. One source serves ``api.ws.exchange`` and ``api.exchange``.

Outcome unknown
===============

An action is never resent. When the connection drops after the request went out,
the transport raises :class:`~trio_hl.errors.RequestOutcomeUnknown` and it propagates
unchanged: the exchange may or may not have executed it (check with ``orderStatus``, by
cloid for orders). Resending blindly could double an order; re-signing it with a new nonce
is the caller's decision.

Errors (every method)
=====================

Before any I/O: :class:`~trio_hl.errors.ConfigurationError` (bad argument, no account or
key, no universe, an agent key for a user-signed action),
:class:`~trio_hl.errors.NumberTypeError` (a float),
:class:`~trio_hl.errors.PrecisionError` (off the tick or lot grid without
``auto_round=True``), :class:`~trio_hl.errors.UnknownAsset`,
:class:`~trio_hl.errors.SigningError`. From the exchange:
:class:`~trio_hl.errors.ActionRejected` (``status: err``: nothing executed),
:class:`~trio_hl.errors.OrderRejected` (single-entry methods: the entry failed),
:class:`~trio_hl.errors.ProtocolError` (a reply of an unexpected shape: the action may have
been executed). From the transport: ``RequestOutcomeUnknown``, ``RequestTimeout``,
``ConnectionLost`` (never sent: safe to retry), ``NotRunning``, ``ApiError`` /
``HttpStatusError``. Cancellation abandons the wait for the reply; an action already sent
may still execute.

Layout
======

``trio_hl._nonces`` holds :class:`NonceSource` (a leaf: an ``Api`` holds one without loading
any of this); ``_base`` holds what every action shares (account, signer, vault, universe,
sending); ``_trading``, ``_transfers`` and ``_accounts`` hold the action families,
one mixin each; :class:`Exchange` is their union.
"""

from __future__ import annotations

from typing import final

from .._nonces import SHARED_NONCES, NonceSource, wall_clock_ms
from ._accounts import AccountActions
from ._base import DEFAULT_SLIPPAGE, ActionTransport
from ._trading import TradingActions
from ._transfers import TransferActions

__all__ = [
    "DEFAULT_SLIPPAGE",
    "SHARED_NONCES",
    "ActionTransport",
    "Exchange",
    "NonceSource",
    "wall_clock_ms",
]


@final
class Exchange(TradingActions, TransferActions, AccountActions):
    """Typed exchange actions over one transport; see the module docstring.

    Args:
        transport: ``async (envelope) -> body``.
        is_mainnet: sign for mainnet or testnet (a mismatch is rejected by the exchange as
            an unknown user).
        account: the default account (``Account(address, secret_key)``); every method also
            takes ``account=``.
        universe: resolves ``asset=`` names and ids and gives the tick and lot sizes: a
            :class:`~trio_hl.Universe` or a callable returning the current one.
        info: info requests for the mid price of market orders (and the position of
            ``market_close``).
        nonces: the nonce source (default: one shared by the whole process).
        vault_address: the default sub-account or vault to act for (see
            :meth:`with_vault`); ``vault_address=`` on a call overrides it.
        signature_chain_id: ``signatureChainId`` of user-signed actions (any chain works;
            ``hyperliquidChain`` selects the network).
    """
