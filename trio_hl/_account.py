"""Accounts: an address, and optionally the secret key that signs for it."""

from __future__ import annotations

from typing import cast

import attrs

from ._secret import Secret
from .errors import ConfigurationError

# The rule for an address is vocabulary (the models validate with it too); it lives there.
from .models._common import normalise_address

__all__ = ["Account", "normalise_address"]


def _wrap_secret_key(secret_key: str | None) -> Secret | None:
    if secret_key is None:
        return None
    # Checked at run time for callers without a type checker (hence the cast).
    if not isinstance(cast("object", secret_key), str):
        # The type only: the value may be a key in another form (bytes), never show it.
        raise ConfigurationError(
            f"Account.secret_key must be a hex string or None, got {type(secret_key).__name__}"
        )
    return Secret(secret_key)


@attrs.frozen(kw_only=True, repr=False)
class Account:
    """A Hyperliquid account.

    Args:
        address: the account's address (the one that holds funds).
        secret_key: the private key that signs for it: the account's own key, or an API
            (agent) wallet's key. Optional for read-only use. Never shown in reprs, logs,
            errors or ``attrs.asdict(account)`` (which shows ``<hidden>``).
    """

    address: str = attrs.field(converter=normalise_address)
    # Wrapped, so that attrs.asdict/astuple (which copy fields verbatim) show <hidden>.
    _secret_key: Secret | None = attrs.field(
        default=None, eq=False, alias="secret_key", converter=_wrap_secret_key
    )

    @property
    def secret_key(self) -> str | None:
        """The signing key, or ``None`` for a read-only account. Never print it."""
        return None if self._secret_key is None else self._secret_key.reveal()

    def __repr__(self) -> str:
        signer = ", secret_key=<hidden>" if self._secret_key is not None else ""
        return f"Account(address={self.address!r}{signer})"
