"""A typed 老钱 is not 秦文 (老秦, a near spelling of lao qian): the phone page in session 18 answered "老钱电话多少"
with 秦文's phone in the demo shop."""

import pytest

from actions.customers import ActionCustomerProfile
from assistant.context import ShopContext


@pytest.fixture
def shop_context(demo):
    """The demo shop: 秦文 is 老秦, and nobody is 老钱."""
    return ShopContext.build(engine=demo)


def test_a_near_spelling_of_another_surname_is_nobody(conversation):
    said = " ".join(conversation.run(ActionCustomerProfile, text="老钱电话多少", intent="ask_customer_profile",
                                     entities={"customer": "老钱"}))
    assert "秦文" not in said and "没找到" in said


def test_the_surname_she_typed_still_finds_him(conversation):
    said = " ".join(conversation.run(ActionCustomerProfile, text="老秦电话多少", intent="ask_customer_profile",
                                     entities={"customer": "老秦"}))
    assert "秦文" in said
