"""Follow-ups about the customer just talked about, through the trained model, the in-process actions and a
real database (both): the current customer outlives a restart, like every slot."""

from __future__ import annotations

import asyncio

import pytest

from assistant.brain.dialogue import Brain

pytestmark = pytest.mark.slow


def _say(brain: Brain, text: str, sender: str, channel: str = "chat") -> str:
    return asyncio.run(brain.handle(text, sender=sender, channel=channel)).text


def test_she_means_the_customer_just_asked_about_after_a_restart_too(brain, shop_db):
    assert _say(brain, "王阿姨平时买什么", "t-current").startswith("王秀英")
    brain.conversations.kept.clear()  # the process's memory is gone, as after a kill -9 and a restart
    assert _say(brain, "她欠多少", "t-current") == "王秀英没有欠账。"
    assert _say(brain, "她欠多少", "t-nobody") != "王秀英没有欠账。"  # another conversation: nobody is current
