"""The frame builders of trio_hl.testing: one per channel, and what they build decodes."""

from __future__ import annotations

import pytest

from trio_hl._protocol._channels import CHANNELS, decode_channel
from trio_hl.testing import frames


def test_every_channel_has_a_builder() -> None:
    frame_channels = {c for row in CHANNELS.values() for c in (row.frame_channel, *row.also)}
    assert set(frames.CHANNEL_BUILDERS) == frame_channels


@pytest.mark.parametrize("channel", sorted(frames.CHANNEL_BUILDERS))
def test_what_a_builder_builds_decodes(channel: str) -> None:
    routed = decode_channel(channel, frames.CHANNEL_BUILDERS[channel]())
    assert routed  # decoded into at least one routed message, without a DecodeError


def test_builders_take_numbers_as_text_or_decimals() -> None:
    from decimal import Decimal

    fill = frames.fill_data(px=Decimal("108000.50"), sz="0.0100")
    assert (fill["px"], fill["sz"]) == ("108000.5", "0.0100")  # text is sent as written


def test_user_events_carry_exactly_one_key() -> None:
    assert frames.user_events_data(non_user_cancel=[("BTC", 7)]) == {
        "nonUserCancel": [{"coin": "BTC", "oid": 7}]
    }
    with pytest.raises(ValueError, match="exactly one"):
        frames.user_events_data()
