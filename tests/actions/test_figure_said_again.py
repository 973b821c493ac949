"""A figure said alone while a sale is read back ("一百一十八", which the model cannot place) is its amount said
again or changed, read back in the conversation's language, never a "did you mean …?" in English (leftovers12)."""

import pytest

from actions.fallback import ActionFallback
from actions.sales import ActionProposeSale
from assistant.context import ShopContext


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (东北大米 59 a bag)."""
    return ShopContext.build(engine=demo)


def _read_back(conversation) -> None:
    said = conversation.run(ActionProposeSale, text="东北大米", intent="log_sale", sale_customer="王秀英",
                            sale_product="东北大米", sale_quantity="2", sale_unit="袋")
    assert said[0].startswith("王秀英 买 东北大米 2袋,共 118元")


@pytest.mark.parametrize("text, total", [("118", "118"), ("一百一十八", "118"), ("100元", "100")])
def test_a_figure_alone_is_the_sale_s_amount(demo, conversation, text, total):
    _read_back(conversation)
    said = conversation.run(ActionFallback, text=text, intent="nlu_fallback", ranking=["ask_inactive", "add_customer"])
    assert said == [f"王秀英 买 东北大米 2袋,共 {total}元。对吗?"]
    assert conversation.slot("pending")["data"]["customer_name"] == "王秀英"


def test_two_figures_are_no_amount(demo, conversation):
    _read_back(conversation)
    said = conversation.run(ActionFallback, text="118 120", intent="nlu_fallback", ranking=["ask_inactive", "add_customer"])
    assert not said[0].startswith("王秀英 买")
