"""A tab read back for a spoken 王/汪 阿姨 (they sound alike) names the other, and "是王秀英" turns it to her."""

import pytest
from sqlalchemy import select

from actions.confirm import ActionAffirm
from actions.credit import ActionProposeCredit
from actions.customers import ActionCustomerProfile
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import CreditEntry, Customer


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (王秀英 is 王阿姨, 汪桂兰 汪阿姨)."""
    return ShopContext.build(engine=demo)


def _rice_on_tab(conversation, said: str, *, channel: str) -> list[str]:
    return conversation.run(ActionProposeCredit, text=f"{said} 先 拿 一 袋 五常 大米 记 账", intent="log_credit",
                            entities={"customer": said, "product": "五常 大米", "quantity": "一", "unit": "袋"},
                            channel=channel)


def _charged(engine) -> list[str]:
    with session_scope(engine) as session:
        return list(session.execute(select(Customer.name).join(CreditEntry, CreditEntry.customer_id == Customer.id)
                                    .where(CreditEntry.conversation_id.is_not(None))).scalars())


@pytest.mark.parametrize("said, heard, other", [("汪 阿姨", "汪桂兰", "王秀英"), ("王 阿姨", "王秀英", "汪桂兰")])
def test_a_spoken_homophone_tab_names_the_other(demo, conversation, said, heard, other):
    read_back = _rice_on_tab(conversation, said, channel="counter")[0]
    assert read_back.startswith(f"{heard} 赊 五常大米 1袋,98元") and f"如果是{other}" in read_back


def test_is_her_turns_the_tab_to_the_other(demo, conversation):
    _rice_on_tab(conversation, "汪 阿姨", channel="counter")
    said = conversation.run(ActionCustomerProfile, text="是 王秀英", intent="ask_customer_profile",
                            entities={"customer": "王秀英"}, channel="counter")
    assert said[0].startswith("王秀英 赊 五常大米 1袋,98元") and "汪桂兰" not in said[0]
    assert conversation.run(ActionAffirm, intent="affirm", channel="counter") == ["记好了。"]
    assert _charged(demo) == ["王秀英"]


def test_a_typed_name_is_taken_as_written(demo, conversation):
    read_back = _rice_on_tab(conversation, "汪阿姨", channel="chat")[0]
    assert read_back.startswith("汪桂兰 赊") and "王秀英" not in read_back
