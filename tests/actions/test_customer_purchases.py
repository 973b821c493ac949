""""王阿姨今年买了多少米": one customer's purchases, never the shop's takings (owner trial 2)."""

import pytest

from actions.reports import ActionSalesSummary
from assistant.context import ShopContext


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


def test_a_customers_rice_this_year_is_hers(conversation):
    # 王秀英 bought 东北大米 2 bags on 1-17, 2-17 and 3-14 this year (and vinegar, eggs: not rice)
    said = conversation.run(ActionSalesSummary, text="王阿姨今年买了多少米", intent="ask_sales_summary",
                            entities={"customer": "王阿姨", "period": "今年", "product": "米"})
    assert len(said) == 1
    assert "王秀英" in said[0] and "6袋" in said[0] and "354元" in said[0] and "3次" in said[0]
    assert "香醋" not in said[0] and "237" not in said[0]  # not the shop's 237 bags
    assert conversation.slots["current_customer"]["name"] == "王秀英"


def test_in_english_and_a_follow_up_with_she(conversation):
    conversation.slots["language"] = "en"
    said = conversation.run(ActionSalesSummary, text="how many bags of rice did auntie wang buy this year",
                            intent="ask_sales_summary",
                            entities={"customer": "auntie wang", "period": "this year", "product": "rice"})
    assert "6 bags of rice" in said[0] and "354" in said[0] and "3 visits" in said[0]
    # everything she bought this year, asked with "she"
    said = conversation.run(ActionSalesSummary, text="what did she buy this year", intent="ask_sales_summary",
                            entities={"period": "this year"})
    assert "395.8" in said[0] and "3 visits" in said[0]


def test_nothing_bought_in_the_period_is_said_so(conversation):
    said = conversation.run(ActionSalesSummary, text="王阿姨这个月买了多少油", intent="ask_sales_summary",
                            entities={"customer": "王阿姨", "period": "这个月", "product": "油"})
    assert said == ["王秀英3月1日到3月15日没买油。"]



def test_this_month_against_last_month_says_the_difference(demo):
    import datetime as dt

    from assistant.db import session_scope
    from assistant.language.money import format_money
    from assistant.shop.reports.sales import sales_summary
    from assistant.shop.reports.sales_compare import compare_sales
    from assistant.shop.shops import default_shop_id

    today = dt.date(2026, 3, 15)
    with session_scope(demo) as session:
        shop_id = default_shop_id(session)
        march = sales_summary(session, shop_id=shop_id, start="2026-03-01", end="2026-03-15").takings
        february = sales_summary(session, shop_id=shop_id, start="2026-02-01", end="2026-02-28").takings
        same_days = sales_summary(session, shop_id=shop_id, start="2026-02-01", end="2026-02-15").takings
        # said the other way round ("上个月跟这个月比") it is the same comparison
        for recent, earlier in (((dt.date(2026, 3, 1), dt.date(2026, 3, 31)), (dt.date(2026, 2, 1), dt.date(2026, 2, 28))),
                                ((dt.date(2026, 2, 1), dt.date(2026, 2, 28)), (dt.date(2026, 3, 1), dt.date(2026, 3, 31)))):
            text = compare_sales(session, shop_id=shop_id, recent=recent, earlier=earlier, today=today).summary("zh")
            assert format_money(march) in text and format_money(february) in text and format_money(same_days) in text
            gap = march - same_days
            assert f"{'多' if gap > 0 else '少'}了{format_money(abs(gap))}" in text


def test_what_she_spent_asked_as_a_profile_question(conversation):
    # "how much did Uncle Li spend this month" is understood as a question about him: it is answered with
    # his purchases (none since 2月20日), not his whole profile
    from actions.customers import ActionCustomerProfile

    conversation.slots["language"] = "en"
    said = conversation.run(ActionCustomerProfile, text="how much did uncle li spend this month",
                            intent="ask_customer_profile", entities={"customer": "uncle li"})
    assert said == ["Uncle Li didn't buy anything March 1 to March 15."]
    conversation.slots["language"] = "zh"
    said = conversation.run(ActionCustomerProfile, text="王阿姨今年花了多少钱", intent="ask_customer_profile",
                            entities={"customer": "王阿姨", "period": "今年"})
    assert "395.8元" in said[0] and "来了3次" in said[0]
    said = conversation.run(ActionCustomerProfile, text="王阿姨今年买了多少米", intent="ask_customer_profile",
                            entities={"customer": "王阿姨", "period": "今年", "product": "米"})
    assert "6袋" in said[0] and "354元" in said[0] and "3次" in said[0] and "香醋" not in said[0]


def test_a_new_customer_whose_name_is_taken_names_the_one_we_know(conversation):
    from actions.customers import ActionProposeAddCustomer

    said = conversation.run(ActionProposeAddCustomer, text="新顾客孙阿姨电话13912345678", intent="add_customer",
                            entities={"customer": "孙阿姨", "phone": "13912345678"})
    assert len(said) == 1 and said[0].startswith("已经有叫孙阿姨的顾客了:孙桂芳") and "全名" in said[0]
    assert conversation.slots.get("pending") is None  # nothing waits for a yes


def test_the_customer_just_added_is_the_one_her_means(conversation):
    # owner trial 2: after 张姐's tab, "add Linda Chen … yes", "her birthday is May 3rd" went to 张姐
    from actions.confirm import ActionAffirm
    from actions.customers import ActionCustomerProfile, ActionProposeAddCustomer

    conversation.run(ActionCustomerProfile, text="张姐电话多少", intent="ask_customer_profile",
                     entities={"customer": "张姐"})
    assert conversation.slots["current_customer"]["name"] == "张丽"
    conversation.slots["language"] = "en"
    said = conversation.run(ActionProposeAddCustomer, text="add a new customer linda chen phone 13700001111",
                            intent="add_customer", entities={"customer": "linda chen", "phone": "13700001111"})
    assert said == ["Add new customer Linda Chen, phone 13700001111. Right?"]
    assert conversation.run(ActionAffirm, intent="affirm") == ["Done, it's recorded."]
    assert conversation.slots["current_customer"]["name"] == "Linda Chen"
    said = conversation.run(ActionCustomerProfile, text="what is her phone number", intent="ask_customer_profile")
    assert said == ["Linda Chen's phone number is 13700001111."]


def test_a_customer_named_in_an_unsure_message_is_the_one_her_means(conversation):
    from actions.customers import ActionCustomerProfile
    from actions.fallback import ActionFallback

    said = conversation.run(ActionFallback, text="王阿姨那个米", intent="nlu_fallback",
                            entities={"customer": "王阿姨", "product": "米"},
                            ranking=["log_sale", "ask_customer_profile"])
    assert said == ["您是想记一笔销售还是查顾客?"]
    conversation.slots["pending"] = None  # she asks something else instead of choosing
    said = conversation.run(ActionCustomerProfile, text="她上次买的什么", intent="ask_customer_profile")
    assert said == ["王秀英上次是3月14号来的,买了东北大米2袋。"]


def test_an_unsure_question_of_a_customer_and_a_period_is_her_purchases(conversation):
    from actions.fallback import ActionFallback

    said = conversation.run(ActionFallback, text="王阿姨今年买了多少米", intent="nlu_fallback",
                            entities={"customer": "王阿姨", "period": "今年", "product": "米"},
                            ranking=["ask_sales_summary", "ask_customer_profile"])
    assert said == ["王秀英1月1日到3月15日买了米6袋,共354元,来了3次:东北大米6袋。"]


def test_everything_she_bought_is_said_as_one_sum(conversation):
    said = conversation.run(ActionSalesSummary, text="王阿姨今年买了多少钱的东西", intent="ask_sales_summary",
                            entities={"customer": "王阿姨", "period": "今年"})
    assert said == ["王秀英1月1日到3月15日一共买了395.8元,来了3次:东北大米6袋、鸡蛋2盒、香醋1瓶。"]


def test_what_she_spent_is_her_purchases_whatever_it_sounded_near(conversation):
    """"李叔这个月花了多少钱" heard between a profile and a commission question (a real model's ranking)."""
    from actions.commission import ActionCommission
    from actions.fallback import ActionFallback

    said = conversation.run(ActionFallback, text="李叔这个月花了多少钱", intent="nlu_fallback",
                            entities={"customer": "李叔", "period": "这个月"},
                            ranking=["ask_customer_profile", "ask_commission"])
    assert said[0].startswith("李建国") and "团长" not in said[0]
    said = conversation.run(ActionCommission, text="李叔这个月花了多少钱", intent="ask_commission",
                            entities={"customer": "李叔", "period": "这个月"})
    assert said[0].startswith("李建国") and "团长" not in said[0]


def test_two_weeks_compared_in_loose_words(conversation):
    # owner trial (lead, 6 Dec): "上个星期跟这个星期比呢" asked "促销效果还是营业额?" (one period tagged)
    from actions.fallback import ActionFallback

    said = conversation.run(ActionFallback, text="上个星期跟这个星期比呢", intent="nlu_fallback",
                            entities={"period": "上个星期"})
    assert "3月9日到3月15日" in said[0] and "3月2日到3月8日" in said[0], said
