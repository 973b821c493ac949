"""A correction of a waiting sale that the model hears as a tab ("no wait, just the one bag, 75": figures and
no customer) corrects that sale, as it corrects a waiting tab; it asks no "whose tab?"."""

import pytest

from actions.credit import ActionProposeCredit
from actions.sales import ActionProposeSale
from assistant.context import ShopContext


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (孙 is a customer there: "Auntie Sun")."""
    return ShopContext.build(engine=demo)


def _two_bags_for_auntie_sun(conversation) -> str:
    said = conversation.run(ActionProposeSale, text="Auntie Sun had two bags of jasmine rice, 150", intent="log_sale",
                            language="en",
                            entities={"customer": "Auntie Sun", "quantity": "2", "unit": "bags",
                                      "product": "jasmine rice", "amount": "150"},
                            sale_customer="Auntie Sun", sale_product="jasmine rice", sale_quantity="2",
                            sale_amount="150")
    return said[0]


def test_a_worded_correction_heard_as_a_tab_corrects_the_waiting_sale(demo, conversation):
    assert "2 bags" in _two_bags_for_auntie_sun(conversation)
    first = conversation.slot("pending")["id"]
    said = conversation.run(ActionProposeCredit, text="no wait, just the one bag, 75", intent="log_credit",
                            entities={"quantity": "1", "unit": "bag", "amount": "75"})
    assert len(said) == 1 and "1 bag" in said[0] and "75" in said[0] and "tab" not in said[0].lower(), said
    pending = conversation.slot("pending")
    assert pending["kind"] == "sale" and pending["id"] != first


def test_a_tab_not_worded_as_a_correction_is_not_taken_for_one(demo, conversation):
    _two_bags_for_auntie_sun(conversation)
    said = conversation.run(ActionProposeCredit, text="put 2 bags of jasmine rice on her tab", intent="log_credit",
                            entities={"quantity": "2", "unit": "bags", "product": "jasmine rice"})
    assert said == ["Put 2 bags of jasmine rice for 150 yuan on Auntie Sun's tab. Right?"]
    assert conversation.slot("pending")["kind"] == "credit"

