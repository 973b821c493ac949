"""Owner trial 2026-12-06: a household member's health fact is read back as theirs and written only on
"对"; "这个月谁买得最多" gets the customers ranked by spending, whichever intent the model heard."""

import pytest
from sqlalchemy import select

from actions.confirm import ActionAffirm
from actions.customer_lists import ActionInactive
from actions.customers import ActionProposeUpdateCustomer
from actions.fallback import ActionFallback
from actions.lists import ActionListMore
from actions.reports import ActionRestockDue
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import Customer
from assistant.shop.reports import run_report
from assistant.shop.shops import default_shop_id


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


def _wu(engine) -> tuple[list[str], str | None]:
    with session_scope(engine) as session:
        wu = session.execute(select(Customer).where(Customer.name == "吴敏萍")).scalar_one()
        return [t.name for t in wu.tags], wu.notes


def test_her_husbands_diabetes_is_his_in_the_read_back_and_written_only_on_yes(demo, conversation):
    before = _wu(demo)
    said = conversation.run(ActionProposeUpdateCustomer, text="小吴她老公有糖尿病", intent="update_customer",
                            entities={"customer": "小吴", "tag": "糖尿病"})
    assert said == ["给吴敏萍记上:吴敏萍的老公有糖尿病(家里人的情况,标签:糖尿病)。对吗?"]
    assert _wu(demo) == before  # nothing written before "对"
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    tags, notes = _wu(demo)
    assert "糖尿病" in tags and notes.endswith("老公有糖尿病")


def test_a_fact_told_of_her_husband_in_english(demo, conversation):
    conversation.slots["language"] = "en"
    said = conversation.run(ActionProposeUpdateCustomer, text="Wu Minping's husband is diabetic",
                            intent="update_customer", entities={"customer": "Wu Minping", "tag": "diabetic"})
    assert said == ["Note for Wu Minping: Wu Minping's husband is diabetic (someone in the household; tag: diabetes). "
                    "Right?"]


def _top(engine, **options) -> list[str]:
    with session_scope(engine) as session:
        report = run_report(session, "top-customers", shop_id=default_shop_id(session), options=options)
        return [item.customer for item in report.items]


@pytest.mark.parametrize(("action", "text", "intent", "period"), [
    (ActionRestockDue, "哪个顾客这个月买得最多", "ask_restock_due", "这个月"),  # as the model heard them
    (ActionProposeUpdateCustomer, "上个月哪几个老顾客花钱最多", "update_customer", "上个月"),
    (ActionFallback, "who spent the most this month", "nlu_fallback", "this month"),
    (ActionInactive, "top customers last month", "ask_inactive", "last month"),
])
def test_top_customers_whatever_the_model_heard(demo, conversation, action, text, intent, period):
    if text.isascii():
        conversation.slots["language"] = "en"
    said = conversation.run(action, text=text, intent=intent, entities={"period": period})
    last_month = "上个月" in period or "last" in period
    top = _top(demo, **({"from": "2026-02-01", "to": "2026-02-28"} if last_month else {}))
    assert len(said) == 1 and top[0] in said[0].replace("Master Zhou", "周德明") and said[0].count("。") <= 2
    assert conversation.slot("last_list")["report"] == "top-customers"


def test_more_goes_on_down_the_ranking(demo, conversation):
    conversation.run(ActionRestockDue, text="这个月谁买得最多", intent="ask_restock_due", entities={"period": "这个月"})
    more = conversation.run(ActionListMore, text="还有呢", intent="ask_more")
    top = _top(demo)
    assert more[0].startswith(f"接着是:{top[3]}") and top[0] not in more[0]


def test_and_last_month_asks_the_ranking_again(demo, conversation):
    conversation.run(ActionRestockDue, text="这个月谁买得最多", intent="ask_restock_due", entities={"period": "这个月"})
    again = conversation.run(ActionListMore, text="上个月呢", intent="ask_more", entities={"period": "上个月"})
    february = _top(demo, **{"from": "2026-02-01", "to": "2026-02-28"})
    assert again[0].startswith("2月买过东西的顾客有") and february[0] in again[0] and february[1] in again[0]


def test_a_grandsons_birthday_is_his_not_hers(demo, conversation):
    said = conversation.run(ActionProposeUpdateCustomer, text="王阿姨她孙子生日是5月3号", intent="update_customer",
                            entities={"customer": "王阿姨", "date": "5月3号"})
    assert said == ["给王秀英记上:王秀英的孙子生日是5月3号(家里人的情况)。对吗?"]
    assert conversation.slot("pending")["data"]["birthday"] is None
