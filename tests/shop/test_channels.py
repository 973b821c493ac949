"""Channels are one set: what the services accept, what a message may come through, what counts as spoken."""

from __future__ import annotations

import pytest

from assistant.errors import Invalid
from assistant.shop.channels import CHANNELS, CHAT_API_CHANNELS, MESSAGE_CHANNELS, SPOKEN_CHANNELS
from assistant.shop.sales import log_sale
from assistant.shop.shops import default_shop_id


def test_every_narrower_set_is_part_of_the_one_set():
    assert {"counter", "phone", "chat", "web", "import", "cli"} == CHANNELS
    assert SPOKEN_CHANNELS < CHAT_API_CHANNELS < MESSAGE_CHANNELS < CHANNELS
    assert "import" not in MESSAGE_CHANNELS


def test_a_sale_through_an_unknown_channel_is_refused(session):
    with pytest.raises(Invalid, match="unknown channel 'fax'"):
        log_sale(session, shop_id=default_shop_id(session), lines=[], channel="fax")
