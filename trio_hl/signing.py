"""Signing of Hyperliquid exchange actions: pure functions, no I/O, no clock.

Every ``POST /exchange`` request (or websocket ``post`` of type ``action``) carries one
action and one secp256k1 signature over an EIP-712 digest. Nothing here sends anything or
reads the time: the caller supplies the nonce (by convention the current time in
milliseconds, unique and increasing per signer) and sends the very action object it signed.
Inputs are never mutated.

Theory of operation
===================

There are two signing schemes, and the action's ``type`` decides which one applies.

**L1 actions** (trading and most account actions: ``order``, ``cancel``, ``modify``,
``updateLeverage``, ``twapOrder``, ``vaultTransfer``, ``noop``, ...; see
:func:`sign_l1_action`). What is hashed is the *bytes* of the action, not its meaning::

    msgpack(action) | nonce u64 big-endian | 00  or  01 + vault[20 raw bytes]
                    | (00 + expiresAfter u64 big-endian, only when expiresAfter is set)

``connectionId = keccak256(those bytes)`` is then wrapped in a "phantom agent"
``Agent{source: string, connectionId: bytes32}`` with ``source`` ``"a"`` on mainnet and
``"b"`` on testnet, and signed as EIP-712 in the domain ``{name: "Exchange", version: "1",
chainId: 1337, verifyingContract: 0x0}`` (the same on both networks).

Why key order matters: a msgpack map is written entry by entry in the mapping's
iteration order, so ``{"a": 1, "b": 2}`` and ``{"b": 2, "a": 1}`` hash differently. The
exchange parses the JSON action into its own typed structures, serialises them again in
its own fixed field order, and checks the signature against *that* hash. The action dict
must therefore be built with keys in the exchange's order (``a, b, p, s, r, t, c`` in an
order; ``isMarket, triggerPx, tpsl`` in a trigger; ``builder`` after ``grouping``...).
Python dicts and JSON both keep insertion order, so the object you hash is the object you
send. The same goes for everything else that changes bytes without changing meaning:
``"100"`` versus ``"100.0"`` (numbers travel as canonical decimal *strings*, see
:func:`trio_hl._numbers.to_wire`), an absent key versus ``null``, and an integer versus a
float (floats are refused here; they would pack as float64). Strings of 32..255 bytes, such
as addresses and cloids, must use msgpack's ``str8`` header, which is what msgpack >= 1.0
writes by default and what this module asks for explicitly.

**User-signed actions** (moving funds and granting rights: ``usdSend``, ``withdraw3``,
``approveAgent``, ... ; see :data:`USER_SIGNED_TYPES` and :func:`sign_user_signed`). The
action's own fields are signed as an EIP-712 struct named
``HyperliquidTransaction:<Name>`` whose field list (names, types, *order*) is fixed per
action type, in the domain ``{name: "HyperliquidSignTransaction", version: "1", chainId:
int(action["signatureChainId"], 16), verifyingContract: 0x0}``. ``hyperliquidChain``
(``"Mainnet"``/``"Testnet"``) is signed and selects the network; ``type`` and
``signatureChainId`` travel on the wire but are not part of the struct. Only the account's
own key may sign these (not an API wallet); there is no vault address and no expiresAfter,
and the request's ``nonce`` must equal the action's ``time``/``nonce`` field. Key order of a
user-signed action does not matter for a plain request, but it does when the action travels
inside a ``multiSig`` wrapper (it is then part of msgpack-hashed bytes):
:func:`prepare_user_signed_action` writes the canonical order.

**Multi-sig**: a multi-sig account's action travels inside a ``multiSig`` wrapper carrying
the authorised users' inner signatures (:func:`sign_multi_sig_l1_inner`,
:func:`sign_multi_sig_user_signed_inner`, assembled by :func:`multi_sig_action`); the
leader then signs the wrapper (:func:`sign_multi_sig_action`) as the user-signed struct
``SendMultiSig{hyperliquidChain, multiSigActionHash, nonce}`` where ``multiSigActionHash``
is the L1 byte hash of the wrapper without its ``type`` key.

**Signature encoding**: ``v`` is 27 or 28; ``r`` and ``s`` are ``0x``-prefixed lower-case
hex *without* left zero padding, exactly as the official SDK writes them (see
:class:`Signature`). Both padded and unpadded forms are accepted on an ordinary request,
but inner multi-sig signatures are hashed as text and must be unpadded.

A wrong signature is never reported as such by the exchange: it recovers some other
address and answers "User or API Wallet 0x... does not exist". Recovering your own address
locally proves nothing, which is why the tests compare against the official SDK byte for
byte.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, TypeAlias, cast

import attrs

from trio_hl.errors import SigningError

# eth_account (about 0.9 s and 400 modules with pydantic, via eth_utils) and msgpack load on
# the first signature, not with this module: a program that only reads market data, or that
# only builds actions, never pays for them. The functions below import them where they
# sign or hash (a cached import after the first); type checkers see them here.
if TYPE_CHECKING:
    from collections.abc import Sequence

    # Only an annotation (attrs does not evaluate it); the validator imports it to check.
    from eth_account.signers.local import LocalAccount  # noqa: TC004

__all__ = [
    "DEFAULT_SIGNATURE_CHAIN_ID",
    "PRIMARY_TYPE_PREFIX",
    "SEND_MULTI_SIG",
    "USER_SIGNED_TYPES",
    "Signature",
    "Signer",
    "UserSignedType",
    "WalletOrSecret",
    "action_hash",
    "l1_typed_data",
    "multi_sig_action",
    "multi_sig_action_hash",
    "prepare_user_signed_action",
    "sign_l1_action",
    "sign_multi_sig_action",
    "sign_multi_sig_l1_inner",
    "sign_multi_sig_user_signed_inner",
    "sign_user_signed",
    "sign_user_signed_action",
    "user_signed_nonce",
    "user_signed_typed_data",
]

#: The chain id the official SDK writes into ``signatureChainId`` (421614, Arbitrum
#: Sepolia) on both networks. Any chain id works as long as the action's string and the
#: EIP-712 domain agree; ``hyperliquidChain`` is what selects the network.
DEFAULT_SIGNATURE_CHAIN_ID: Final = "0x66eee"
#: Every user-signed primary type is named ``HyperliquidTransaction:<Name>``.
PRIMARY_TYPE_PREFIX: Final = "HyperliquidTransaction:"

_ZERO_ADDRESS: Final = "0x0000000000000000000000000000000000000000"


def _packb(plain: object) -> bytes:
    import msgpack  # type: ignore[import-untyped]  # no stubs; msgpack stays inside this module

    # msgpack ships no type information (pyright would half-infer it from its pure-Python
    # fallback, where packb may return None): declared Any, and its one function typed here.
    packer: Any = msgpack
    packed: bytes = packer.packb(plain, use_bin_type=True)
    return packed


_L1_CHAIN_ID: Final = 1337
_U64_LIMIT: Final = 2**64
_I64_MIN: Final = -(2**63)
_MAINNET: Final = "Mainnet"
_TESTNET: Final = "Testnet"

_ADDRESS: Final = re.compile(r"0x[0-9a-fA-F]{40}")
_HEX: Final = re.compile(r"0x(?:[0-9a-fA-F]{2})*")
_CHAIN_ID: Final = re.compile(r"0x[0-9a-fA-F]{1,64}")
_SECRET_HEX: Final = re.compile(r"(?:0x)?[0-9a-fA-F]{64}")
# r and s as the exchange (and the official SDK) writes them: lower-case, no left padding.
_QUANTITY: Final = re.compile(r"0x(?:0|[1-9a-f][0-9a-f]{0,63})")
_WIRE_QUANTITY: Final = re.compile(r"0x[0-9a-fA-F]{1,64}")
_SIZED: Final = re.compile(r"(u?int|bytes)(\d+)")

_USER_SET_ABSTRACTION_CODES: Final = MappingProxyType(
    {"disabled": "i", "unifiedAccount": "u", "portfolioMargin": "p"}
)


def _eip712_domain_type() -> list[dict[str, str]]:
    return [
        {"name": "name", "type": "string"},
        {"name": "version", "type": "string"},
        {"name": "chainId", "type": "uint256"},
        {"name": "verifyingContract", "type": "address"},
    ]


# ---------------------------------------------------------------------------------------
# Signatures and signers
# ---------------------------------------------------------------------------------------


def _check_quantity(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or _QUANTITY.fullmatch(value) is None:
        raise SigningError(
            f"Signature.{attribute.name} must be 0x-prefixed lower-case hex without leading "
            f"zeros (at most 64 digits), got {value!r}; use Signature.from_wire to normalise"
        )


def _is_int(value: object) -> bool:
    # Runtime guard for untyped callers: bool is an int subclass but never a number here.
    return isinstance(value, int) and not isinstance(value, bool)


def _check_v(_: object, __: attrs.Attribute[int], value: int) -> None:
    if not _is_int(value) or value not in (27, 28):
        raise SigningError(f"Signature.v must be 27 or 28, got {value!r}")


@attrs.frozen(kw_only=True)
class Signature:
    """An ECDSA signature in the exchange's wire form.

    Attributes:
        r: ``0x`` + lower-case hex, no left zero padding (``hex(r)``), as the official SDK.
        s: same form as ``r``.
        v: 27 or 28 (never 0/1).
    """

    r: str = attrs.field(validator=_check_quantity)
    s: str = attrs.field(validator=_check_quantity)
    v: int = attrs.field(validator=_check_v)

    @classmethod
    def from_ints(cls, r: int, s: int, v: int) -> Signature:
        """Build from the integers a signer returns (``v`` 27/28, or 0/1 which is mapped).

        Raises:
            SigningError: a value is out of range.
        """
        if _is_int(v) and v in (0, 1):
            v += 27
        for name, value in (("r", r), ("s", s)):
            if not _is_int(value):
                raise SigningError(f"Signature.{name} must be an int, got {value!r}")
            if not 0 <= value < 2**256:
                raise SigningError(f"Signature.{name} is out of range")
        return cls(r=hex(r), s=hex(s), v=v)

    @classmethod
    def from_wire(cls, wire: Mapping[str, Any]) -> Signature:
        """Parse ``{"r": ..., "s": ..., "v": ...}`` as sent by any SDK, normalising it.

        ``r``/``s`` may be zero-padded (as the TS SDK writes them) or upper-case; they are
        normalised to the unpadded lower-case form, which is what a multi-sig wrapper must
        carry. ``v`` may be 27/28 or 0/1.

        Raises:
            SigningError: the mapping is not a signature.
        """
        try:
            r, s, v = wire["r"], wire["s"], wire["v"]
        except (KeyError, TypeError):
            raise SigningError("a signature needs the keys 'r', 's' and 'v'") from None
        numbers: list[int] = []
        for name, value in (("r", r), ("s", s)):
            if not isinstance(value, str) or _WIRE_QUANTITY.fullmatch(value) is None:
                raise SigningError(f"signature {name} must be 0x + 1..64 hex digits, got {value!r}")
            numbers.append(int(value, 16))
        if not _is_int(v):
            raise SigningError(f"signature v must be an int, got {v!r}")
        return cls.from_ints(numbers[0], numbers[1], v)

    def to_wire(self) -> dict[str, str | int]:
        """The JSON object the exchange expects: ``{"r": "0x…", "s": "0x…", "v": 27|28}``."""
        return {"r": self.r, "s": self.s, "v": self.v}


@attrs.frozen(repr=False)
class Signer:
    """A local secp256k1 key, for signing actions, that never renders its secret.

    ``repr()``/``str()`` show only the address, and errors about keys never quote them.
    Build it with :meth:`from_key` or wrap an existing eth_account ``LocalAccount``.

    Attributes:
        account: the wrapped ``eth_account.signers.local.LocalAccount``.
    """

    account: LocalAccount = attrs.field(validator=lambda _, __, value: _check_local(value))

    @classmethod
    def from_key(cls, secret: str | bytes) -> Signer:
        """Load a secret key: 32 raw bytes, or 64 hex digits with or without ``0x``.

        Raises:
            SigningError: the key is malformed or not a valid secp256k1 key (zero or not
                below the curve order). The message never contains the key.
        """
        from eth_account import Account

        account: LocalAccount | None = None
        if (isinstance(secret, str) and _SECRET_HEX.fullmatch(secret) is not None) or (
            isinstance(secret, bytes) and len(secret) == 32
        ):
            try:
                account = Account.from_key(secret)
            except Exception:  # any failure: eth_keys' message could quote the key
                account = None
        if account is None:
            # Raised outside the except block so that no chained exception carries the key.
            raise SigningError(
                "invalid secret key: expected 32 bytes, or 64 hex digits with an optional "
                "0x prefix, of a valid secp256k1 key (the key is not shown)"
            )
        return cls(account)

    @property
    def address(self) -> str:
        """The signer's address, lower-case ``0x`` + 40 hex digits."""
        return self.account.address.lower()

    def __repr__(self) -> str:
        return f"Signer(address={self.address!r})"


#: What the signing functions accept as the key: a :class:`Signer`, an eth_account
#: ``LocalAccount``, or a secret key (32 bytes, or 64 hex digits with optional ``0x``).
WalletOrSecret: TypeAlias = "Signer | LocalAccount | str | bytes"


def _check_local(value: object) -> None:
    from eth_account.signers.local import LocalAccount

    if not isinstance(value, LocalAccount):
        raise TypeError(f"account must be an eth_account LocalAccount, got {type(value).__name__}")


def _resolve_account(wallet_or_secret: WalletOrSecret) -> LocalAccount:
    from eth_account.signers.local import LocalAccount

    if isinstance(wallet_or_secret, Signer):
        return wallet_or_secret.account
    if isinstance(wallet_or_secret, LocalAccount):
        return wallet_or_secret
    if isinstance(wallet_or_secret, str | bytes):
        return Signer.from_key(wallet_or_secret).account
    raise SigningError(
        "expected a Signer, an eth_account LocalAccount or a secret key, "
        f"got {type(wallet_or_secret).__name__}"
    )


def _sign_typed_data(wallet_or_secret: WalletOrSecret, typed_data: dict[str, Any]) -> Signature:
    from eth_account.messages import encode_typed_data

    account = _resolve_account(wallet_or_secret)
    signed = account.sign_message(encode_typed_data(full_message=typed_data))
    return Signature.from_ints(signed.r, signed.s, signed.v)


# ---------------------------------------------------------------------------------------
# Plain values and byte encodings
# ---------------------------------------------------------------------------------------


def _plain(value: object, path: str) -> object:
    """Copy a JSON-like value into plain dict/list/str/int/bool/None, refusing the rest.

    Mapping order is preserved (it is hashed). Floats are refused because they would pack
    as float64 and are never what the exchange expects; Decimals because numbers travel as
    decimal strings (``to_wire``).
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if not _I64_MIN <= value < _U64_LIMIT:
            raise SigningError(f"{path}: integer {value} does not fit in 64 bits")
        return int(value)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, Mapping):
        return _plain_mapping(cast("Mapping[object, object]", value), path)
    if isinstance(value, list | tuple):
        items = cast("list[object] | tuple[object, ...]", value)
        return [_plain(item, f"{path}[{index}]") for index, item in enumerate(items)]
    if isinstance(value, float):
        raise SigningError(
            f"{path} is a float ({value!r}): decimal quantities travel as canonical strings "
            "(trio_hl._numbers.to_wire) and integer fields as int"
        )
    if isinstance(value, Decimal):
        raise SigningError(
            f"{path} is a Decimal: convert it with trio_hl._numbers.to_wire (numbers travel "
            "as canonical decimal strings)"
        )
    raise SigningError(f"{path}: a {type(value).__name__} cannot be part of a signed action")


def _plain_mapping(value: Mapping[Any, Any], path: str) -> dict[str, object]:
    plain: dict[str, object] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise SigningError(f"{path}: mapping keys must be strings, got {key!r}")
        plain[str.__str__(key)] = _plain(item, f"{path}.{key}")
    return plain


def _u64(value: object, name: str) -> bytes:
    if not isinstance(value, int) or isinstance(value, bool):
        raise SigningError(f"{name} must be an int, got {type(value).__name__}")
    if not 0 <= value < _U64_LIMIT:
        raise SigningError(f"{name} must fit in an unsigned 64-bit integer, got {value}")
    return value.to_bytes(8, "big")


def _check_address(value: object, name: str) -> str:
    if not isinstance(value, str) or _ADDRESS.fullmatch(value) is None:
        raise SigningError(f"{name} must be an address, 0x + 40 hex digits, got {value!r}")
    return value


def _check_chain_id(value: object, name: str) -> str:
    if not isinstance(value, str) or _CHAIN_ID.fullmatch(value) is None:
        raise SigningError(f"{name} must be a 0x-prefixed hex chain id, got {value!r}")
    return value


def _check_is_mainnet(is_mainnet: bool) -> None:
    # A truthy string such as "testnet" must not silently sign for mainnet.
    if not isinstance(is_mainnet, bool):
        raise SigningError(f"is_mainnet must be a bool, got {is_mainnet!r}")


def _l1_hash(
    plain: object, vault_address: str | None, nonce: int, expires_after: int | None
) -> bytes:
    from eth_utils.crypto import keccak

    data = bytearray(_packb(plain))
    data += _u64(nonce, "nonce")
    if vault_address is None:
        data.append(0x00)
    else:
        data.append(0x01)
        data += bytes.fromhex(_check_address(vault_address, "vault_address")[2:])
    if expires_after is not None:
        data.append(0x00)  # yes, 0x00: the marker of a present expiresAfter is a zero byte
        data += _u64(expires_after, "expires_after")
    return keccak(bytes(data))


# ---------------------------------------------------------------------------------------
# L1 actions
# ---------------------------------------------------------------------------------------


def action_hash(
    action: Mapping[str, Any], vault_address: str | None, nonce: int, expires_after: int | None
) -> bytes:
    """The L1 ``connectionId``: keccak256 of the action's bytes plus the request tail.

    ``keccak256(msgpack(action) | nonce u64be | 00 or 01+vault[20] | (00 + expiresAfter
    u64be)?)``, the action packed in its own key order.

    Args:
        action: the wire action, exactly as it will be sent (``{"type": ..., ...}``).
        vault_address: the sub-account or vault acted for (the body's ``vaultAddress``),
            or ``None``; 0x + 40 hex digits, case does not matter (raw bytes are hashed).
        nonce: the request nonce, unsigned 64-bit.
        expires_after: the body's ``expiresAfter`` (ms), or ``None`` when not sent.

    Returns:
        The 32-byte hash.

    Raises:
        SigningError: the action holds a float, Decimal or other non-JSON value, an integer
            beyond 64 bits, or an argument is malformed.
    """
    if not isinstance(action, Mapping):
        raise SigningError(f"action must be a mapping, got {type(action).__name__}")
    return _l1_hash(_plain(action, "action"), vault_address, nonce, expires_after)


def _l1_typed_data_from_hash(connection_id: bytes, *, is_mainnet: bool) -> dict[str, Any]:
    _check_is_mainnet(is_mainnet)
    return {
        "types": {
            "EIP712Domain": _eip712_domain_type(),
            "Agent": [
                {"name": "source", "type": "string"},
                {"name": "connectionId", "type": "bytes32"},
            ],
        },
        "primaryType": "Agent",
        "domain": {
            "name": "Exchange",
            "version": "1",
            "chainId": _L1_CHAIN_ID,
            "verifyingContract": _ZERO_ADDRESS,
        },
        # The "phantom agent": a fixed struct standing for the action via its hash.
        "message": {"source": "a" if is_mainnet else "b", "connectionId": connection_id},
    }


def l1_typed_data(
    action: Mapping[str, Any],
    vault_address: str | None,
    nonce: int,
    expires_after: int | None,
    *,
    is_mainnet: bool,
) -> dict[str, Any]:
    """The full EIP-712 typed data an L1 action is signed as (for external signers).

    Pass it to any ``eth_signTypedData_v4``-style signer (or
    ``eth_account.messages.encode_typed_data(full_message=...)``). Arguments as for
    :func:`sign_l1_action`.

    Raises:
        SigningError: as :func:`action_hash`, or ``is_mainnet`` is not a bool.
    """
    connection_id = action_hash(action, vault_address, nonce, expires_after)
    return _l1_typed_data_from_hash(connection_id, is_mainnet=is_mainnet)


def sign_l1_action(
    wallet_or_secret: WalletOrSecret,
    action: Mapping[str, Any],
    vault_address: str | None,
    nonce: int,
    expires_after: int | None,
    *,
    is_mainnet: bool,
) -> Signature:
    """Sign an L1 action (order, cancel, modify, leverage, transfers to vaults, ...).

    The signer may be the account itself or an approved API (agent) wallet.

    Args:
        wallet_or_secret: the signing key (:data:`WalletOrSecret`).
        action: the wire action with keys in the exchange's order; send this very object.
        vault_address: the sub-account/vault acted for, also sent as the body's
            ``vaultAddress``; ``None`` otherwise.
        nonce: the request nonce (ms), also sent as the body's ``nonce``.
        expires_after: the body's ``expiresAfter`` (ms) or ``None`` (then omit it).
        is_mainnet: sign for mainnet (``source "a"``) or testnet (``"b"``).

    Returns:
        The signature, to send as ``signature.to_wire()``.

    Raises:
        SigningError: as :func:`action_hash`, or the key is unusable.
    """
    typed_data = l1_typed_data(action, vault_address, nonce, expires_after, is_mainnet=is_mainnet)
    return _sign_typed_data(wallet_or_secret, typed_data)


# ---------------------------------------------------------------------------------------
# User-signed actions
# ---------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class UserSignedType:
    """The EIP-712 struct of one user-signed action type.

    Attributes:
        action_type: the wire ``type`` (``"usdSend"``, ``"withdraw3"``, ...).
        primary_type: the full EIP-712 primary type, ``"HyperliquidTransaction:UsdSend"``.
        fields: ``(name, EIP-712 type)`` pairs in signing order; always starts with
            ``("hyperliquidChain", "string")``.
        nonce_field: the field holding the timestamp that the body's ``nonce`` must equal
            (``"time"`` for usdSend, spotSend and withdraw3, ``"nonce"`` otherwise).
        empty_if_absent: fields signed as ``""`` when absent from the wire action (only
            ``approveAgent.agentName``: the official SDK signs ``""`` and omits the key).
    """

    action_type: str
    primary_type: str
    fields: tuple[tuple[str, str], ...]
    nonce_field: str = "nonce"
    empty_if_absent: tuple[str, ...] = ()

    def eip712_fields(self) -> list[dict[str, str]]:
        """The field list in EIP-712 form, ``[{"name": ..., "type": ...}, ...]``."""
        return [{"name": name, "type": type_} for name, type_ in self.fields]


def _user_signed(
    action_type: str,
    name: str,
    *fields: tuple[str, str],
    nonce_field: str = "nonce",
    empty_if_absent: tuple[str, ...] = (),
) -> UserSignedType:
    return UserSignedType(
        action_type=action_type,
        primary_type=PRIMARY_TYPE_PREFIX + name,
        fields=(("hyperliquidChain", "string"), *fields, (nonce_field, "uint64")),
        nonce_field=nonce_field,
        empty_if_absent=empty_if_absent,
    )


_STR = "string"
_ADDR = "address"
_BOOL = "bool"
_U64 = "uint64"

#: Every user-signed action type known to trio_hl, keyed by wire ``type``. Source:
#: signing.md section 4.2 (official SDK ``signing.py``, TS SDK ``nktkas/hyperliquid``).
#: ``cDeposit``, ``cWithdraw``, ``userPortfolioMargin``, ``linkStakingUser``,
#: ``stakingLinkDisableTradingUser`` and ``sendToEvmWithData`` are not in the official SDK
#: (TS and asyncio SDKs only). Unlisted types can still be signed with
#: :func:`sign_user_signed_action` and an explicit field list.
USER_SIGNED_TYPES: Final[Mapping[str, UserSignedType]] = MappingProxyType(
    {
        spec.action_type: spec
        for spec in (
            _user_signed(
                "usdSend", "UsdSend", ("destination", _STR), ("amount", _STR), nonce_field="time"
            ),
            _user_signed(
                "spotSend",
                "SpotSend",
                ("destination", _STR),
                ("token", _STR),
                ("amount", _STR),
                nonce_field="time",
            ),
            _user_signed(
                "withdraw3", "Withdraw", ("destination", _STR), ("amount", _STR), nonce_field="time"
            ),
            _user_signed(
                "usdClassTransfer", "UsdClassTransfer", ("amount", _STR), ("toPerp", _BOOL)
            ),
            _user_signed(
                "sendAsset",
                "SendAsset",
                ("destination", _STR),
                ("sourceDex", _STR),
                ("destinationDex", _STR),
                ("token", _STR),
                ("amount", _STR),
                ("fromSubAccount", _STR),
            ),
            _user_signed(
                "sendToEvmWithData",
                "SendToEvmWithData",
                ("token", _STR),
                ("amount", _STR),
                ("sourceDex", _STR),
                ("destinationRecipient", _STR),
                ("addressEncoding", _STR),
                ("destinationChainId", "uint32"),
                ("gasLimit", _U64),
                ("data", "bytes"),
            ),
            _user_signed(
                "approveAgent",
                "ApproveAgent",
                ("agentAddress", _ADDR),
                ("agentName", _STR),
                empty_if_absent=("agentName",),
            ),
            _user_signed(
                "approveBuilderFee", "ApproveBuilderFee", ("maxFeeRate", _STR), ("builder", _ADDR)
            ),
            _user_signed(
                "tokenDelegate",
                "TokenDelegate",
                ("validator", _ADDR),
                ("wei", _U64),
                ("isUndelegate", _BOOL),
            ),
            _user_signed("cDeposit", "CDeposit", ("wei", _U64)),
            _user_signed("cWithdraw", "CWithdraw", ("wei", _U64)),
            _user_signed("convertToMultiSigUser", "ConvertToMultiSigUser", ("signers", _STR)),
            _user_signed(
                "userSetAbstraction", "UserSetAbstraction", ("user", _ADDR), ("abstraction", _STR)
            ),
            _user_signed(
                "userDexAbstraction", "UserDexAbstraction", ("user", _ADDR), ("enabled", _BOOL)
            ),
            _user_signed(
                "userPortfolioMargin", "UserPortfolioMargin", ("user", _ADDR), ("enabled", _BOOL)
            ),
            _user_signed(
                "linkStakingUser", "LinkStakingUser", ("user", _ADDR), ("isFinalize", _BOOL)
            ),
            _user_signed(
                "stakingLinkDisableTradingUser",
                "StakingLinkDisableTradingUser",
                ("tradingUser", _ADDR),
            ),
        )
    }
)

#: The struct the leader signs for a ``multiSig`` wrapper (see :func:`sign_multi_sig_action`).
SEND_MULTI_SIG: Final = _user_signed("multiSig", "SendMultiSig", ("multiSigActionHash", "bytes32"))


def _network_name(is_mainnet: bool) -> str:
    _check_is_mainnet(is_mainnet)
    return _MAINNET if is_mainnet else _TESTNET


def _spec_for(action: Mapping[str, Any]) -> UserSignedType:
    if not isinstance(action, Mapping):
        raise SigningError(f"action must be a mapping, got {type(action).__name__}")
    action_type = action.get("type")
    spec = USER_SIGNED_TYPES.get(action_type) if isinstance(action_type, str) else None
    if spec is not None:
        return spec
    if action_type == "multiSig":
        raise SigningError("a multiSig wrapper is signed with sign_multi_sig_action")
    raise SigningError(
        f"{action_type!r} is not a known user-signed action type (L1 actions are signed "
        "with sign_l1_action; for other user-signed types pass the field list to "
        f"sign_user_signed_action); known: {', '.join(sorted(USER_SIGNED_TYPES))}"
    )


def user_signed_nonce(action: Mapping[str, Any]) -> int:
    """The timestamp of a user-signed action, which the body's ``nonce`` must equal.

    Raises:
        SigningError: the action is not a known user-signed type or lacks the field.
    """
    spec = _spec_for(action)
    value = action.get(spec.nonce_field)
    return int.from_bytes(_u64(value, f"{spec.action_type}.{spec.nonce_field}"), "big")


def prepare_user_signed_action(
    action: Mapping[str, Any],
    *,
    is_mainnet: bool,
    signature_chain_id: str = DEFAULT_SIGNATURE_CHAIN_ID,
) -> dict[str, Any]:
    """Return a copy of a user-signed action with its chain fields, in canonical key order.

    The result is ``{"type", "signatureChainId", "hyperliquidChain", <the type's fields in
    signing order>, <any other keys in their given order>}``. The order does not matter for
    a plain request but does inside a ``multiSig`` wrapper, where it is hashed; this is the
    order both the official and the TS SDK emit there.

    Args:
        action: the action, with at least ``type`` and the type-specific fields.
        is_mainnet: writes ``hyperliquidChain`` ``"Mainnet"`` or ``"Testnet"``.
        signature_chain_id: the EIP-712 domain chain id as ``0x`` hex (lower-cased here);
            replaces any ``signatureChainId`` already in ``action``.

    Returns:
        A new dict; ``action`` is not modified.

    Raises:
        SigningError: ``action`` has no string ``type``, its ``hyperliquidChain`` names the
            other network, or ``signature_chain_id`` is not hex.
    """
    if not isinstance(action, Mapping):
        raise SigningError(f"action must be a mapping, got {type(action).__name__}")
    action_type = action.get("type")
    if not isinstance(action_type, str):
        raise SigningError("a user-signed action needs a string 'type'")
    network = _network_name(is_mainnet)
    existing = action.get("hyperliquidChain")
    if existing is not None and existing != network:
        raise SigningError(
            f"action has hyperliquidChain {existing!r} but is_mainnet={is_mainnet} asks for "
            f"{network!r}"
        )
    chain_id = _check_chain_id(signature_chain_id, "signature_chain_id")
    prepared: dict[str, Any] = {
        "type": action_type,
        "signatureChainId": chain_id.lower(),
        "hyperliquidChain": network,
    }
    spec = USER_SIGNED_TYPES.get(action_type)
    if spec is not None:
        for name, _ in spec.fields:
            if name in action and name not in prepared:
                prepared[name] = action[name]
    for key, value in action.items():
        if key not in prepared and key != "signatureChainId":
            prepared[key] = value
    return prepared


def _check_payload_types(payload_types: Sequence[object]) -> list[dict[str, str]]:
    fields: list[dict[str, str]] = []
    seen: set[str] = set()
    for entry in payload_types:
        fields_of: Mapping[str, object] = (
            cast("Mapping[str, object]", entry) if isinstance(entry, Mapping) else {}
        )
        name = fields_of.get("name")
        type_ = fields_of.get("type")
        if not isinstance(name, str) or not isinstance(type_, str) or not name or not type_:
            raise SigningError(f"payload types must be {{'name': str, 'type': str}}, got {entry!r}")
        if name in seen:
            raise SigningError(f"payload types list {name!r} twice")
        seen.add(name)
        fields.append({"name": name, "type": type_})
    if {"name": "hyperliquidChain", "type": "string"} not in fields:
        raise SigningError("payload types must include hyperliquidChain: string")
    return fields


def _message_value(action: Mapping[str, Any], name: str, type_: str) -> object:
    """One field of a user-signed struct, checked against its EIP-712 type."""
    if name not in action:
        raise SigningError(f"the action lacks {name!r}, which its struct signs")
    value = action[name]
    where = f"field {name!r} ({type_})"
    if type_ == "string":
        if not isinstance(value, str):
            raise SigningError(f"{where} must be a str, got {type(value).__name__}")
        return value
    if type_ == "bool":
        if not isinstance(value, bool):
            raise SigningError(f"{where} must be a bool, got {type(value).__name__}")
        return value
    if type_ == "address":
        # Hashed as 20 bytes: case does not change the signature, and lower case avoids
        # checksum validation of mixed-case input.
        return _check_address(value, where).lower()
    if type_ == "bytes":
        if isinstance(value, bytes) or (isinstance(value, str) and _HEX.fullmatch(value)):
            return value
        raise SigningError(f"{where} must be bytes or 0x-prefixed hex")
    sized = _SIZED.fullmatch(type_)
    if sized is None:
        return value  # a type we do not check (arrays, structs): eth_account validates
    kind, bits = sized.group(1), int(sized.group(2))
    if kind == "bytes":
        if isinstance(value, bytes) and len(value) == bits:
            return value
        if isinstance(value, str) and _HEX.fullmatch(value) and len(value) == 2 + 2 * bits:
            return value
        raise SigningError(f"{where} must be {bits} bytes or 0x + {2 * bits} hex digits")
    if isinstance(value, bool) or not isinstance(value, int):
        raise SigningError(f"{where} must be an int, got {type(value).__name__}")
    low, high = (0, 2**bits) if kind == "uint" else (-(2 ** (bits - 1)), 2 ** (bits - 1))
    if not low <= value < high:
        raise SigningError(f"{where} is out of range: {value}")
    return value


def _full_primary_type(primary_type: object) -> str:
    if not isinstance(primary_type, str) or not primary_type:
        raise SigningError(f"primary_type must be a non-empty str, got {primary_type!r}")
    if primary_type.startswith(PRIMARY_TYPE_PREFIX):
        return primary_type
    return PRIMARY_TYPE_PREFIX + primary_type


def user_signed_typed_data(
    action: Mapping[str, Any],
    payload_types: Sequence[Mapping[str, str]],
    primary_type: str,
    *,
    is_mainnet: bool,
) -> dict[str, Any]:
    """The full EIP-712 typed data a user-signed action is signed as (for external signers).

    Arguments as for :func:`sign_user_signed_action`.

    Raises:
        SigningError: as :func:`sign_user_signed_action`.
    """
    if not isinstance(action, Mapping):
        raise SigningError(f"action must be a mapping, got {type(action).__name__}")
    fields = _check_payload_types(payload_types)
    primary_type = _full_primary_type(primary_type)
    network = _network_name(is_mainnet)
    if action.get("hyperliquidChain") != network:
        raise SigningError(
            f"the action's hyperliquidChain is {action.get('hyperliquidChain')!r}, but "
            f"is_mainnet={is_mainnet} needs {network!r} (see prepare_user_signed_action)"
        )
    chain_id = _check_chain_id(
        action.get("signatureChainId"),
        "the action's signatureChainId (see prepare_user_signed_action)",
    )
    message = {f["name"]: _message_value(action, f["name"], f["type"]) for f in fields}
    return {
        "types": {"EIP712Domain": _eip712_domain_type(), primary_type: fields},
        "primaryType": primary_type,
        "domain": {
            "name": "HyperliquidSignTransaction",
            "version": "1",
            "chainId": int(chain_id, 16),
            "verifyingContract": _ZERO_ADDRESS,
        },
        "message": message,
    }


def sign_user_signed_action(
    wallet_or_secret: WalletOrSecret,
    action: Mapping[str, Any],
    payload_types: Sequence[Mapping[str, str]],
    primary_type: str,
    *,
    is_mainnet: bool,
) -> Signature:
    """Sign a user-signed action with an explicit EIP-712 field list.

    Use this for types not in :data:`USER_SIGNED_TYPES`; otherwise :func:`sign_user_signed`
    picks the fields for you. Only the account's own key may sign user-signed actions.

    Args:
        wallet_or_secret: the signing key (:data:`WalletOrSecret`).
        action: the wire action, which must already carry ``signatureChainId`` and a
            ``hyperliquidChain`` matching ``is_mainnet`` (:func:`prepare_user_signed_action`
            adds both); every listed field must be present. It is not modified.
        payload_types: ``[{"name": ..., "type": ...}, ...]`` in signing order, including
            ``hyperliquidChain: string``.
        primary_type: ``"HyperliquidTransaction:<Name>"`` (the prefix is added if missing).
        is_mainnet: the network the action is for.

    Returns:
        The signature; the body's ``nonce`` must equal the action's ``time``/``nonce``.

    Raises:
        SigningError: a field is missing or does not fit its EIP-712 type, the chain
            fields are missing or name the other network, or the key is unusable.
    """
    typed_data = user_signed_typed_data(action, payload_types, primary_type, is_mainnet=is_mainnet)
    return _sign_typed_data(wallet_or_secret, typed_data)


def _with_empty_defaults(action: Mapping[str, Any], spec: UserSignedType) -> Mapping[str, Any]:
    missing = [name for name in spec.empty_if_absent if name not in action]
    if not missing:
        return action
    return {**action, **dict.fromkeys(missing, "")}


def sign_user_signed(
    wallet_or_secret: WalletOrSecret, action: Mapping[str, Any], *, is_mainnet: bool
) -> Signature:
    """Sign a user-signed action, taking its struct from :data:`USER_SIGNED_TYPES`.

    An ``approveAgent`` without ``agentName`` is signed with ``agentName: ""`` (the form
    the exchange expects for an unnamed agent).

    Args:
        wallet_or_secret: the account's own key (:data:`WalletOrSecret`).
        action: the prepared wire action (see :func:`prepare_user_signed_action`).
        is_mainnet: the network the action is for.

    Returns:
        The signature; send it with ``nonce = user_signed_nonce(action)``.

    Raises:
        SigningError: the type is not a known user-signed type, or as
            :func:`sign_user_signed_action`.
    """
    spec = _spec_for(action)
    return sign_user_signed_action(
        wallet_or_secret,
        _with_empty_defaults(action, spec),
        spec.eip712_fields(),
        spec.primary_type,
        is_mainnet=is_mainnet,
    )


# ---------------------------------------------------------------------------------------
# Multi-sig
# ---------------------------------------------------------------------------------------


def sign_multi_sig_l1_inner(
    wallet_or_secret: WalletOrSecret,
    action: Mapping[str, Any],
    vault_address: str | None,
    nonce: int,
    expires_after: int | None,
    *,
    multi_sig_user: str,
    outer_signer: str,
    is_mainnet: bool,
) -> Signature:
    """An authorised user's signature of an L1 action for a multi-sig account.

    It is an ordinary L1 signature whose msgpack value is the array
    ``[multi_sig_user, outer_signer, action]`` (addresses lower-cased), with the same
    nonce, vault and expiresAfter as the outer request.

    Args:
        wallet_or_secret: one authorised user's key.
        action: the inner L1 action, in exchange key order.
        vault_address: as for :func:`sign_l1_action` (the outer request's).
        nonce: the outer request's nonce.
        expires_after: the outer request's expiresAfter, or ``None``.
        multi_sig_user: the multi-sig account.
        outer_signer: the authorised user who will submit (sign) the wrapper.
        is_mainnet: the network.

    Raises:
        SigningError: as :func:`sign_l1_action`, or an address is malformed.
    """
    if not isinstance(action, Mapping):
        raise SigningError(f"action must be a mapping, got {type(action).__name__}")
    payload = [
        _check_address(multi_sig_user, "multi_sig_user").lower(),
        _check_address(outer_signer, "outer_signer").lower(),
        _plain(action, "action"),
    ]
    connection_id = _l1_hash(payload, vault_address, nonce, expires_after)
    return _sign_typed_data(
        wallet_or_secret, _l1_typed_data_from_hash(connection_id, is_mainnet=is_mainnet)
    )


def sign_multi_sig_user_signed_inner(
    wallet_or_secret: WalletOrSecret,
    action: Mapping[str, Any],
    *,
    multi_sig_user: str,
    outer_signer: str,
    is_mainnet: bool,
    payload_types: Sequence[Mapping[str, str]] | None = None,
    primary_type: str | None = None,
) -> Signature:
    """An authorised user's signature of a user-signed action for a multi-sig account.

    The usual struct with ``payloadMultiSigUser: address`` and ``outerSigner: address``
    inserted right after ``hyperliquidChain``. For ``userSetAbstraction`` sign the long
    value (``"unifiedAccount"``); :func:`multi_sig_action` writes the short code into the
    wrapper.

    Args:
        wallet_or_secret: one authorised user's key.
        action: the prepared inner action (:func:`prepare_user_signed_action`).
        multi_sig_user: the multi-sig account.
        outer_signer: the authorised user who will submit the wrapper.
        is_mainnet: the network.
        payload_types: the struct's fields, for types not in :data:`USER_SIGNED_TYPES`
            (give ``primary_type`` too); by default taken from the table.
        primary_type: the struct's name, with ``payload_types``.

    Raises:
        SigningError: as :func:`sign_user_signed_action`, or only one of
            ``payload_types``/``primary_type`` is given.
    """
    if (payload_types is None) != (primary_type is None):
        raise SigningError("give both payload_types and primary_type, or neither")
    if payload_types is None or primary_type is None:
        spec = _spec_for(action)
        action = _with_empty_defaults(action, spec)
        payload_types, primary_type = spec.eip712_fields(), spec.primary_type
    fields: list[dict[str, str]] = []
    for entry in _check_payload_types(payload_types):
        fields.append(entry)
        if entry["name"] == "hyperliquidChain":
            fields.append({"name": "payloadMultiSigUser", "type": "address"})
            fields.append({"name": "outerSigner", "type": "address"})
    enriched = {
        **action,
        "payloadMultiSigUser": _check_address(multi_sig_user, "multi_sig_user").lower(),
        "outerSigner": _check_address(outer_signer, "outer_signer").lower(),
    }
    return sign_user_signed_action(
        wallet_or_secret, enriched, fields, primary_type, is_mainnet=is_mainnet
    )


def multi_sig_action(
    *,
    multi_sig_user: str,
    outer_signer: str,
    inner_action: Mapping[str, Any],
    signatures: Sequence[Signature | Mapping[str, Any]],
    signature_chain_id: str = DEFAULT_SIGNATURE_CHAIN_ID,
) -> dict[str, Any]:
    """Build the ``multiSig`` wrapper that carries a multi-sig account's action.

    ``{"type": "multiSig", "signatureChainId", "signatures": [...], "payload":
    {"multiSigUser", "outerSigner", "action"}}``, addresses lower-cased, inner signatures
    normalised to the unpadded form (they are hashed as text). A ``userSetAbstraction``
    inner action is carried with its short code (``"i"``, ``"u"``, ``"p"``), as the
    exchange expects, although its inner signatures sign the long value.

    Args:
        multi_sig_user: the multi-sig account.
        outer_signer: the authorised user who signs and submits the wrapper.
        inner_action: the inner action as the inner signatures signed it.
        signatures: the authorised users' inner signatures.
        signature_chain_id: the wrapper's ``signatureChainId`` (also the outer domain's).

    Returns:
        A new plain dict, to sign with :func:`sign_multi_sig_action` and send.

    Raises:
        SigningError: an address, signature or value is malformed.
    """
    if not isinstance(inner_action, Mapping):
        raise SigningError(f"inner_action must be a mapping, got {type(inner_action).__name__}")
    chain_id = _check_chain_id(signature_chain_id, "signature_chain_id")
    payload_action = _plain_mapping(inner_action, "inner_action")
    abstraction = payload_action.get("abstraction")
    if payload_action.get("type") == "userSetAbstraction" and isinstance(abstraction, str):
        payload_action["abstraction"] = _USER_SET_ABSTRACTION_CODES.get(abstraction, abstraction)
    wire_signatures = [
        (sig if isinstance(sig, Signature) else Signature.from_wire(sig)).to_wire()
        for sig in signatures
    ]
    return {
        "type": "multiSig",
        "signatureChainId": chain_id.lower(),
        "signatures": wire_signatures,
        "payload": {
            "multiSigUser": _check_address(multi_sig_user, "multi_sig_user").lower(),
            "outerSigner": _check_address(outer_signer, "outer_signer").lower(),
            "action": payload_action,
        },
    }


def multi_sig_action_hash(
    multi_sig_action: Mapping[str, Any],
    vault_address: str | None,
    nonce: int,
    expires_after: int | None,
) -> bytes:
    """``multiSigActionHash``: the L1 byte hash of the wrapper without its ``type`` key.

    Raises:
        SigningError: the mapping is not a ``multiSig`` wrapper, or as :func:`action_hash`.
    """
    if not isinstance(multi_sig_action, Mapping):
        raise SigningError("expected a multiSig wrapper (see multi_sig_action)")
    if multi_sig_action.get("type") != "multiSig":
        raise SigningError("expected a multiSig wrapper (see multi_sig_action)")
    untagged = {key: value for key, value in multi_sig_action.items() if key != "type"}
    return action_hash(untagged, vault_address, nonce, expires_after)


def sign_multi_sig_action(
    wallet_or_secret: WalletOrSecret,
    multi_sig_action: Mapping[str, Any],
    vault_address: str | None,
    nonce: int,
    expires_after: int | None,
    *,
    is_mainnet: bool,
) -> Signature:
    """The outer (leader's) signature of a ``multiSig`` wrapper.

    Signs ``SendMultiSig{hyperliquidChain, multiSigActionHash, nonce}`` in the
    ``HyperliquidSignTransaction`` domain with the wrapper's ``signatureChainId``.

    Args:
        wallet_or_secret: the outer signer's key (an authorised user of the account).
        multi_sig_action: the wrapper from :func:`multi_sig_action`.
        vault_address: the body's ``vaultAddress`` or ``None``.
        nonce: the body's nonce (for a user-signed inner action, its ``time``/``nonce``).
        expires_after: the body's ``expiresAfter`` or ``None``.
        is_mainnet: the network.

    Raises:
        SigningError: as :func:`multi_sig_action_hash`, or the key is unusable.
    """
    digest = multi_sig_action_hash(multi_sig_action, vault_address, nonce, expires_after)
    envelope = {
        "signatureChainId": multi_sig_action.get("signatureChainId"),
        "hyperliquidChain": _network_name(is_mainnet),
        "multiSigActionHash": digest,
        "nonce": nonce,
    }
    return sign_user_signed_action(
        wallet_or_secret,
        envelope,
        SEND_MULTI_SIG.eip712_fields(),
        SEND_MULTI_SIG.primary_type,
        is_mainnet=is_mainnet,
    )
