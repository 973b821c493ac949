"""Owner trial #3 (phone page, demo shop of 2026-03-15): answers she got wrong, as she hears them now."""

from __future__ import annotations

import pytest

from actions.customer_lists import ActionInactive
from actions.customers import ActionCustomerProfile
from assistant.context import ShopContext


@pytest.fixture
def shop_context(demo):
    return ShopContext.build(engine=demo)


def test_how_long_one_customer_stayed_away_is_her_days_not_everyone_away(demo, conversation):
    # "老 秦 多少 天 没 来 了" listed "超过1天没来的老顾客有70位".
    said = conversation.run(ActionInactive, text="老 秦 多少 天 没 来 了", intent="ask_inactive",
                            entities={"customer": "老秦"})
    assert said == ["秦文34天没来了,上次是2月9号来的。"]


def test_how_long_heard_as_a_profile_question_says_the_days(demo, conversation):
    # "小孔多久没来了" read her whole profile without the days.
    said = conversation.run(ActionCustomerProfile, text="小孔多久没来了", intent="ask_customer_profile",
                            entities={"customer": "小孔"})
    assert said == ["孔磊17天没来了,上次是2月26号来的。"]
    conversation.slots["language"] = "en"
    said = conversation.run(ActionInactive, text="how long since Kong Lei came in", intent="ask_inactive",
                            entities={"customer": "Kong Lei"})
    assert said == ["Kong Lei hasn't been in for 17 days (last came February 26)."]


def test_when_one_customer_is_due_is_her_own_date_not_everyone_due(demo, conversation):
    # "王阿姨啥时候该买米了" listed the 10 due for rice this week (she was not among them).
    from actions.reports import ActionRestockDue
    said = conversation.run(ActionRestockDue, text="王阿姨啥时候该买米了", intent="ask_restock_due",
                            entities={"customer": "王阿姨", "product": "米"})
    assert len(said) == 1 and said[0].startswith("王秀英买米通常每") and "下次" in said[0], said
    assert "姜志玲" not in said[0]
    said = conversation.run(ActionRestockDue, text="when is Uncle Li due for rice", intent="ask_restock_due",
                            entities={"customer": "Uncle Li", "product": "rice"}, language="en")
    assert said[0].startswith("Uncle Li buys rice about every"), said
    assert not any("\u4e00" <= c <= "\u9fff" for c in said[0])


def test_a_question_heard_as_consent_but_naming_no_messages_writes_nothing(demo, conversation):
    # "陈团长带了几个人来" was read back as "陈美玲同意接收店里的消息。对吗?".
    from actions.consent import ActionProposeConsent
    said = conversation.run(ActionProposeConsent, text="陈团长带了几个人来", intent="opt_in",
                            entities={"customer": "陈团长"}, ranking=["opt_in", "ask_commission", "add_customer"])
    assert "消息" not in said[0] and "佣金" in said[0], said
    pending = conversation.slot("pending") or {}
    assert pending.get("kind") != "consent"
    said = conversation.run(ActionProposeConsent, text="老秦又想收消息了", intent="opt_in", entities={"customer": "老秦"})
    assert said == ["秦文同意接收店里的消息。对吗?"]


def test_and_him_after_a_list_was_read_is_about_him_not_the_list(demo, conversation):
    # "那李叔呢" (heard as "go on") after this week's birthdays and a question about 刘女士 read on the list.
    from actions.customer_lists import ActionBirthdays
    from actions.lists import ActionListMore
    conversation.run(ActionBirthdays, text="这礼拜谁过生日", intent="ask_birthdays", entities={"period": "这礼拜"})
    said = conversation.run(ActionListMore, text="那李叔呢", intent="ask_more", entities={"customer": "李叔"})
    assert said[0].startswith("李建国") and "范艳磊" not in said[0], said


def test_what_about_last_month_heard_as_a_profile_after_a_sales_answer_is_last_months_sales(demo, conversation):
    # "what about last month" after "how much rice did we sell this month" read Deng Hai's profile.
    from actions.reports import ActionSalesSummary
    conversation.slots["language"] = "en"
    conversation.slots["current_customer"] = None
    conversation.run(ActionSalesSummary, text="how much rice did we sell this month", intent="ask_sales_summary",
                     entities={"product": "rice", "period": "this month"})
    said = conversation.run(ActionCustomerProfile, text="what about last month", intent="ask_customer_profile",
                            entities={"period": "last month"})
    assert said[0].startswith("Sold in February: 90 bags of rice"), said
    assert "rice" in said[0]


def test_her_due_date_says_today_for_a_purchase_made_today():
    # The trial's "王阿姨啥时候该买米了" after her sale of the day said "上次3月15日买了2袋" on the 15th.
    import datetime as dt

    from assistant.shop.customer_restock import due_answer
    item = {"due_date": "2026-04-16", "last_purchase": "2026-03-15", "usual_gap_days": 31.5, "last_quantity": 2.0,
            "unit": "袋", "product": "米"}
    said = due_answer(item, name="王秀英", product="米", today=dt.date(2026, 3, 15), language="zh")
    assert said == "王秀英买米通常每31.5天一次,今天买了2袋,下次大概4月16日。"
    said = due_answer(item, name="Auntie Wang", product="rice", today=dt.date(2026, 3, 15), language="en")
    assert said == "Auntie Wang buys 米 about every 31.5 days; last today (2 袋), next around 2026-04-16."


def test_last_weeks_takings_heard_as_a_profile_question_are_the_takings(demo, conversation):
    # "上 个 礼拜 卖 了 多少 钱" (model: a profile question) after a stock answer said "刚才没有在说名单".
    from actions.reports import ActionStock
    conversation.run(ActionStock, text="鸡蛋还有几盒", intent="ask_stock", entities={"product": "鸡蛋"})
    said = conversation.run(ActionCustomerProfile, text="上 个 礼拜 卖 了 多少 钱", intent="ask_customer_profile",
                            entities={"period": "上个礼拜"})
    assert said[0].startswith("3月2日到3月8日卖了2579.9元"), said
