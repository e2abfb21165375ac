"""Small helpers for client tests against the fake server."""

from __future__ import annotations

from typing import Any, cast

from trio_hl.testing import FakeHyperliquid


def is_method(method: str) -> Any:
    def predicate(frame: Any) -> bool:
        return isinstance(frame, dict) and cast("dict[str, Any]", frame).get("method") == method

    return predicate


async def wait_subscribes(fake: FakeHyperliquid, count: int) -> None:
    """Wait until the fake has received ``count`` subscribe frames in total."""
    await fake.wait_received(is_method("subscribe"), count=count)
