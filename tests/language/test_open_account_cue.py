""""open an account for Fatty Lim" adds a customer; it is no tab (red team 17, M4)."""

import pytest

from assistant.language.intent_cues import cued_intent
from assistant.language.normalize import normalize


def cue(text: str, chosen: str) -> str | None:
    return cued_intent(normalize(text).text, chosen, has_customer=True)


@pytest.mark.parametrize(("text", "chosen"), [
    ("open an account for Fatty Lim", "log_credit"),
    ("set up a new account for Skinny Tan", "log_credit"),
    ("create an account for sister lan", "ask_customer_profile"),
])
def test_an_account_opened_is_a_new_customer(text: str, chosen: str) -> None:
    assert cue(text, chosen) == "add_customer"


@pytest.mark.parametrize("text", [
    "put it on account for auntie wang two bags of rice", "open an account for uncle li, he took two bags of rice",
    "put 48 on Mrs Liu's account for the cake flour",
])
def test_goods_on_the_account_stay_a_tab(text: str) -> None:
    assert cue(text, "log_credit") in (None, "log_credit")
