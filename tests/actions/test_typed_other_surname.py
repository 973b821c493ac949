"""A typed form of address names its surname (red team 18, F1): "老钱电话多少" in a shop with 阿强 and no 老钱 is not
answered with 阿强's phone (qian and qiang sound alike only to a recogniser), while a typed homophone slip (汪姐
for 王阿姨's shop) and the same surname (老王) still find her."""

import pytest

from actions.customers import ActionCustomerProfile
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.language.names.guesses import typed_surname_differs
from assistant.shop.customers import add_customer


@pytest.fixture
def shop_context(demo):
    """The demo shop with 阿强 (phone 13712345679) added, as the red team's shop had him."""
    context = ShopContext.build(engine=demo)
    with session_scope(demo) as session:
        add_customer(session, shop_id=context.shop_id, name="阿强", phone="13712345679", channel="chat")
    return context


def test_a_typed_surname_is_not_another_surname_that_only_sounds_near():
    assert typed_surname_differs("老钱", "阿强")
    assert not typed_surname_differs("汪姐", "王阿姨") and not typed_surname_differs("老王", "王阿姨")


def test_another_customers_phone_is_not_given_for_a_name_the_shop_lacks(conversation):
    said = " ".join(conversation.run(ActionCustomerProfile, text="老钱电话多少", intent="ask_customer_profile",
                                     entities={"customer": "老钱"}))
    assert "13712345679" not in said and "阿强" not in said


def test_the_customer_herself_is_still_found(conversation):
    said = " ".join(conversation.run(ActionCustomerProfile, text="阿强电话多少", intent="ask_customer_profile",
                                     entities={"customer": "阿强"}))
    assert "13712345679" in said

