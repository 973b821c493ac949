"""A new customer named in English is read back and stored as a name is written ("Mrs Peabody"), not as the
NLU lowercased it ("mrs peabody")."""

import pytest
from sqlalchemy import select

from actions.confirm import ActionAffirm
from actions.sales import ActionProposeSale
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import Customer


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


def test_a_new_customer_in_an_english_sale_is_title_cased(demo, conversation):
    said = conversation.run(ActionProposeSale, text="mrs peabody bought 3 bags of northeast rice for 177",
                            intent="log_sale", language="en",
                            entities={"customer": "mrs peabody", "quantity": "3", "product": "northeast rice",
                                      "amount": "177"},
                            sale_customer="mrs peabody", sale_product="东北大米", sale_quantity="3", sale_amount="177")
    assert said[0].startswith("Mrs Peabody bought 3 bags") and "Mrs Peabody is new" in said[0]
    conversation.run(ActionAffirm, text="yes", intent="affirm")
    with session_scope(demo) as session:
        assert session.execute(select(Customer.name).where(Customer.name.ilike("mrs peabody"))).scalars().all() \
            == ["Mrs Peabody"]
