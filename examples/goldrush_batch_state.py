"""Account state of 50 wallets in one call: GoldRush's ``batchClearinghouseState``.

GoldRush's Info API (``POST https://hypercore.goldrushdata.com/info``, the key in an
``Authorization: Bearer`` header, never shown) answers ``batchClearinghouseState`` for 1 to
50 wallets: one slot per distinct wallet, in request order, each the wallet's
``clearinghouseState`` or an error slot when upstream failed for that wallet alone. Asking
for 51 is refused before anything is sent; split the list.

Offline, the fake GoldRush answers over its fake HTTP transport, and fails one wallet.

    uv run python examples/goldrush_batch_state.py
    uv run python examples/goldrush_batch_state.py --goldrush-key "$GOLDRUSH_API_KEY"
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from _common import Market, Options, run

from trio_hl import Api
from trio_hl.errors import ConfigurationError
from trio_hl.models import ClearinghouseState
from trio_hl.models.goldrush import MAX_BATCH_USERS, BatchClearinghouseStateRequest, BatchSlotError

if TYPE_CHECKING:
    from trio_hl import Network
    from trio_hl.testing import FakeHyperliquid


def wallets(n: int) -> list[str]:
    """``n`` example addresses (online: replace them with the wallets you follow)."""
    return ["0x" + hashlib.sha256(f"wallet {i}".encode()).hexdigest()[:40] for i in range(n)]


async def main(network: Network, options: Options) -> None:
    api = await Api.create(network=network)
    users = wallets(MAX_BATCH_USERS)
    try:
        BatchClearinghouseStateRequest(users=[*users, wallets(51)[-1]])
    except ConfigurationError as exc:
        print(f"refused locally: {exc}")
    # A wallet listed twice is asked for once, as GoldRush does (case-insensitively).
    twice = "0x" + users[0][2:].upper()
    states = await api.info.request(BatchClearinghouseStateRequest(users=[*users, twice]))
    print(f"{len(states.users)} wallets in one call: {len(states.states())} states")
    for failed in states.failed:
        print(f"  {failed.user}: {failed.error} ({failed.message})")
    ranked = sorted(
        (
            (state.margin_summary.account_value, user, state)
            for user, state in states.states().items()
            if isinstance(state, ClearinghouseState)
        ),
        reverse=True,
    )
    for value, user, state in ranked[: options.count]:
        print(
            f"  {user[:10]}..  account ${value:>12,.2f}  withdrawable ${state.withdrawable:>12,.2f}"
            f"  {len(state.asset_positions)} position(s)"
        )
    total = sum((value for value, _, _ in ranked), Decimal(0))
    print(f"total account value of {len(ranked)} wallets: ${total:,.2f}")
    for user in users[12:14]:  # a slot by wallet: its state, or the error for it alone
        slot = states.get(user)
        what = slot.error if isinstance(slot, BatchSlotError) else type(slot).__name__
        print(f"slot of {user[:10]}..: {what}")


async def offline_accounts(fake: FakeHyperliquid, market: Market) -> None:
    """Offline: each wallet gets its own account value, and upstream fails for one (set up
    at once, before the example's first request, which comes after a few awaits)."""
    template = fake.info_handlers["clearinghouseState"]

    def state(payload: dict[str, Any]) -> Any:
        raw: Any = template(payload) if callable(template) else template
        reply: dict[str, Any] = dict(raw)
        value = Decimal(int(str(payload["user"])[2:10], 16) % 900_000) / 7
        summary: dict[str, Any] = {**reply["marginSummary"], "accountValue": f"{value:.2f}"}
        return {**reply, "marginSummary": summary, "withdrawable": f"{value / 2:.2f}"}

    fake.info_handlers["clearinghouseState"] = state
    fake.goldrush.failing = {wallets(MAX_BATCH_USERS)[13]}


if __name__ == "__main__":
    run(
        main,
        description=__doc__,
        count=5,
        goldrush_only=True,
        takes_coin=False,
        scenario=offline_accounts,
    )
