"""Leftovers of kept-aside set #11: a spoken opt-out or customer fact for 王/汪 阿姨 is read back for the one
heard, naming the other, and "是汪桂兰" turns it to her; an unknown person's tab says who first; "泰国 的 呢"
after a stock answer is 泰国香米's stock."""

import pytest
from sqlalchemy import select

from actions.confirm import ActionAffirm, ActionDeny
from actions.consent import ActionProposeConsent
from actions.credit import ActionProposeCredit
from actions.customers import ActionCustomerProfile, ActionProposeUpdateCustomer
from actions.lists import ActionListMore
from actions.reports import ActionStock
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import Customer


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (王秀英 is 王阿姨, 汪桂兰 汪阿姨)."""
    return ShopContext.build(engine=demo)


def _consent(engine) -> dict[str, bool]:
    with session_scope(engine) as session:
        rows = session.execute(select(Customer.name, Customer.marketing_consent)
                               .where(Customer.name.in_(["王秀英", "汪桂兰"]))).all()
    return {name: bool(consent) for name, consent in rows}


def _opt_out(conversation, said: str, *, channel: str = "counter") -> list[str]:
    return conversation.run(ActionProposeConsent, text=f"{said} 不 想 收 消息 了", intent="opt_out",
                            entities={"customer": said}, channel=channel)


def test_a_spoken_opt_out_is_read_back_for_the_one_heard_naming_the_other(demo, conversation):
    said = _opt_out(conversation, "王 阿姨")[0]
    assert said.startswith("王秀英以后不再收店里的消息") and "如果是汪桂兰" in said
    assert conversation.run(ActionAffirm, text="嗯 是 的", intent="affirm", channel="counter") == ["记好了。"]
    assert _consent(demo) == {"王秀英": False, "汪桂兰": True}


def test_a_typed_opt_out_names_nobody_else(demo, conversation):
    assert "汪桂兰" not in _opt_out(conversation, "王阿姨", channel="chat")[0]


@pytest.mark.parametrize("action, text, intent", [
    (ActionCustomerProfile, "不 对 是 汪 阿姨", "ask_customer_profile"),
    (ActionDeny, "不 是 王 阿姨 是 汪 阿姨", "deny"),
    (ActionAffirm, "是 汪 阿姨", "affirm"),
])
def test_naming_the_other_turns_the_opt_out_to_her(demo, conversation, action, text, intent):
    _opt_out(conversation, "王 阿姨")
    said = conversation.run(action, text=text, intent=intent, entities={"customer": "汪阿姨"}, channel="counter")
    assert said[0].startswith("汪桂兰以后不再收店里的消息")
    conversation.run(ActionAffirm, text="对", intent="affirm", channel="counter")
    assert _consent(demo) == {"王秀英": True, "汪桂兰": False}


def test_a_spoken_phone_change_is_read_back_and_written_for_the_one_heard(demo, conversation):
    said = conversation.run(ActionProposeUpdateCustomer, text="汪 阿姨 手机 换 了 13905718888", intent="update_customer",
                            entities={"customer": "汪 阿姨", "phone": "13905718888"}, channel="counter")[0]
    assert said.startswith("给汪桂兰记上:电话13905718888") and "如果是王秀英" in said
    conversation.run(ActionAffirm, text="对", intent="affirm", channel="counter")
    with session_scope(demo) as session:
        phones = dict(session.execute(select(Customer.name, Customer.phone)
                                      .where(Customer.name.in_(["王秀英", "汪桂兰"]))).all())
    assert phones == {"汪桂兰": "13905718888", "王秀英": "13857101234"}


def test_a_spoken_question_about_her_still_asks_which(demo, conversation):
    said = conversation.run(ActionProposeUpdateCustomer, text="汪 阿姨 生日 是 几 号", intent="update_customer",
                            entities={"customer": "汪 阿姨"}, channel="counter")[0]
    assert "还是" in said


def test_an_unknown_persons_tab_says_who_before_which_goods(demo, conversation):
    said = conversation.run(ActionProposeCredit, text="褚大妈拿了一袋米记账", intent="log_credit",
                            entities={"customer": "褚大妈", "product": "米", "quantity": "一", "unit": "袋"})[0]
    assert said.index("没找到叫“褚大妈”的顾客") < said.index("东北大米")


def test_part_of_a_product_name_after_a_stock_answer(demo, conversation):
    conversation.run(ActionStock, text="五常 大米 还 有 几 袋", intent="ask_stock", entities={"product": "五常 大米"})
    said = conversation.run(ActionListMore, text="泰国 的 呢", intent="ask_more")
    assert said == ["泰国香米还有18袋,够18.7天。"]


@pytest.mark.parametrize("said", ["王秀英", "王 阿姨"])
def test_her_name_alone_reads_the_same_back_again(demo, conversation, said):
    first = _opt_out(conversation, "王 阿姨")[0]
    again = conversation.run(ActionCustomerProfile, text=said, intent="ask_customer_profile",
                             entities={"customer": said}, channel="counter")
    assert again[0].startswith("王秀英以后不再收店里的消息") and first.startswith(again[0].split("(")[0])


def test_the_others_name_alone_turns_it_to_her(demo, conversation):
    _opt_out(conversation, "王 阿姨")
    said = conversation.run(ActionCustomerProfile, text="汪桂兰", intent="ask_customer_profile",
                            entities={"customer": "汪桂兰"}, channel="counter")
    assert said[0].startswith("汪桂兰以后不再收店里的消息")
