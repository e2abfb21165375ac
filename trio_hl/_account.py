"""Accounts: an address, and optionally the secret key that signs for it."""

from __future__ import annotations

import attrs

# The rule for an address is vocabulary (the models validate with it too); it lives there.
from .models._common import normalise_address

__all__ = ["Account", "normalise_address"]


@attrs.frozen(kw_only=True, repr=False)
class Account:
    """A Hyperliquid account.

    Args:
        address: the account's address (the one that holds funds).
        secret_key: the private key that signs for it: the account's own key, or an API
            (agent) wallet's key. Optional for read-only use. Never shown in reprs, logs
            or errors.
    """

    address: str = attrs.field(converter=normalise_address)
    secret_key: str | None = attrs.field(default=None, eq=False)

    def __repr__(self) -> str:
        signer = ", secret_key=<hidden>" if self.secret_key is not None else ""
        return f"Account(address={self.address!r}{signer})"
