"""Accounts: an address, and optionally the secret key that signs for it."""

from __future__ import annotations

import re
from typing import Final

import attrs

from .errors import ConfigurationError

__all__ = ["Account", "normalise_address"]

_ADDRESS: Final = re.compile(r"^0x[0-9a-fA-F]{40}$")


def normalise_address(address: object) -> str:
    """Validate an address and return it lower-cased, as the server echoes it.

    Raises:
        ConfigurationError: not ``0x`` followed by 40 hex digits.
    """
    if not isinstance(address, str) or not _ADDRESS.match(address):
        raise ConfigurationError(f"not an address (0x + 40 hex digits): {address!r:.60}")
    return address.lower()


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
