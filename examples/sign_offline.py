"""Signing outside the client with trio_hl.signing: L1 and user-signed actions, no I/O.

``trio_hl.signing`` is pure: give it the wire action, the nonce and the key, and it returns
the signature to send. Build actions with the models of ``trio_hl.models.exchange``, whose
``to_wire()`` writes the keys in the exchange's order and the numbers as canonical decimal
strings, because the *bytes* of an L1 action are what is signed. ``l1_typed_data`` gives the
EIP-712 message for a signer you hold elsewhere (a hardware wallet, a KMS).

Only the last step uses the network: it sends a signed ``noop`` (it only uses up a nonce)
through the raw ``client.action``. Offline the fake exchange verifies its signature; online
it needs HL_SECRET_KEY (and --i-mean-it on mainnet).

    uv run python examples/sign_offline.py
    HL_SECRET_KEY=0x... uv run python examples/sign_offline.py --testnet
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

from _common import Options, run
from eth_account import Account as EthAccount
from eth_account.messages import encode_typed_data

from trio_hl import LIMIT_GTC, NonceSource, open_client
from trio_hl.errors import SigningError
from trio_hl.models.exchange import OrderAction, OrderWire, UsdSendAction
from trio_hl.signing import (
    Signature,
    Signer,
    action_hash,
    l1_typed_data,
    prepare_user_signed_action,
    sign_l1_action,
    sign_user_signed,
    user_signed_nonce,
)

if TYPE_CHECKING:
    from trio_hl import Network


async def main(network: Network, options: Options) -> None:
    assert options.account is not None  # run(..., signs=True) always gives one
    secret = options.account.secret_key
    assert secret is not None
    signer = Signer.from_key(secret)
    print(f"{signer!r}")  # only the address: a Signer never shows its key
    is_mainnet = network.is_mainnet  # the signature says which network it is for
    nonces = NonceSource()  # milliseconds, strictly increasing per signer

    order = OrderAction(
        orders=[
            OrderWire(
                asset=0,  # BTC: an asset id, see docs/info.md
                is_buy=True,
                price=Decimal("65000.0"),
                size=Decimal("0.00100"),
                reduce_only=False,
                order_type=LIMIT_GTC,
            )
        ]
    )
    action = order.to_wire()
    print(json.dumps(action))
    nonce = nonces.next(signer.address)
    signature = sign_l1_action(signer, action, None, nonce, None, is_mainnet=is_mainnet)
    envelope = {"action": action, "nonce": nonce, "signature": signature.to_wire()}
    print(f"the body to POST to /exchange has {', '.join(envelope)}; v={signature.v}")

    reordered = {"type": "order", "grouping": "na", "orders": action["orders"]}
    reworded = {**action, "orders": [{**action["orders"][0], "p": "65000.0"}]}
    digest = action_hash(action, None, nonce, None)
    for name, other in (("keys reordered", reordered), ('"65000.0" for "65000"', reworded)):
        same = action_hash(other, None, nonce, None) == digest
        print(f"{name}: {'the same' if same else 'another'} hash, so another signer recovered")
    try:
        sign_l1_action(signer, {"type": "x", "px": 0.1}, None, nonce, None, is_mainnet=is_mainnet)
    except SigningError as exc:
        print(f"SigningError: {exc}")

    typed = l1_typed_data(action, None, nonce, None, is_mainnet=is_mainnet)
    external = EthAccount.from_key(secret).sign_message(encode_typed_data(full_message=typed))
    same = Signature.from_ints(external.r, external.s, external.v) == signature
    print(f"eth_account signing l1_typed_data: {'the same' if same else 'another'} signature")

    transfer = prepare_user_signed_action(  # adds signatureChainId and hyperliquidChain
        UsdSendAction(
            destination="0x0000000000000000000000000000000000000001",
            amount=Decimal("1.50"),
            time=nonces.next(signer.address),
        ).to_wire(),
        is_mainnet=is_mainnet,
    )
    transfer_signature = sign_user_signed(signer, transfer, is_mainnet=is_mainnet)
    print(f"usdSend: {json.dumps(transfer)}")
    print(f"  nonce {user_signed_nonce(transfer)} (its time), v={transfer_signature.v}")

    noop = {"type": "noop"}
    nonce = nonces.next(signer.address)
    signature = sign_l1_action(signer, noop, None, nonce, None, is_mainnet=is_mainnet)
    async with open_client(network) as client:
        body = await client.action(
            {"action": noop, "nonce": nonce, "signature": signature.to_wire()}
        )
    print(f"noop sent with client.action: {body}")


if __name__ == "__main__":
    run(main, description=__doc__, signs=True)
