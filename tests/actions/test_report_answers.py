"""The chat answers questions with the very reports the command line and the API give."""

import re

import pytest

from actions.commission import ActionCommission
from actions.customer_lists import ActionInactive
from actions.reports import ActionCampaignCompare, ActionRestockDue, ActionStock
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.shop.reports import commissions, run_report
from assistant.shop.shops import default_shop_id


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


def _report(engine, name, **options):
    with session_scope(engine) as session:
        return run_report(session, name, shop_id=default_shop_id(session), options=options)


def test_restock_answer_is_the_report_summary(demo, conversation):
    said = conversation.run(ActionRestockDue, text="这周谁该补米了", intent="ask_restock_due",
                            entities={"product": "米", "period": "这周"})
    expected = _report(demo, "restock-due", product="米")  # the coming seven days, as the CLI's default
    assert said == [expected.summary("zh")]


def test_campaign_answer_is_the_report_summary_with_its_comparison(demo, conversation):
    said = conversation.run(ActionCampaignCompare, text="哪个活动效果好", intent="ask_campaign_compare")
    expected = _report(demo, "campaigns")
    assert said == [expected.summary("zh")]
    # The comparable customers and whether the gap could be chance, as the report says it.
    assert "没用过的顾客" in said[0] and ("巧合" in said[0])


def test_inactive_in_english(demo, conversation):
    conversation.slots["language"] = "en"
    said = conversation.run(ActionInactive, text="who hasn't been in for 30 days", intent="ask_inactive",
                            entities={"days": "30"})
    report = _report(demo, "inactive", days="30")
    # The report's own English summary, with the shop's Chinese names said in English (Zhang Hongjian).
    assert said[0].startswith(f"{len(report.items)} regulars away for over 30 days: ")
    assert not re.search(r"[\u4e00-\u9fff]", said[0]) and len(said) == 1


def test_stock_of_an_unknown_product_is_said_plainly(demo, conversation):
    said = conversation.run(ActionStock, text="火龙果还剩多少", intent="ask_stock", entities={"product": "火龙果"})
    assert said == ["店里没有“火龙果”这个商品。"]


def test_commission_of_one_leader(demo, conversation):
    with session_scope(demo) as session:
        shop_id = default_shop_id(session)
        report = commissions(session, shop_id=shop_id, month="2026-03")
        leader = report.items[0]
        expected = report.only(leader.leader_id).summary("zh")
    said = conversation.run(ActionCommission, text=f"{leader.leader}这个月佣金多少", intent="ask_commission",
                            entities={"customer": leader.leader, "period": "这个月"})
    assert said == [expected]


@pytest.fixture
def big_shop(demo, tmp_path):
    """The demo shop plus 1,500 generated customers: the inactive list runs to hundreds of names."""
    from assistant.shop.demo.benchmark import generate_demo_csv
    from assistant.shop.importer import import_csv

    customers, products, sales = generate_demo_csv(tmp_path, customers=1500, sale_items=30_000)
    import_csv(demo, customers=customers, products=products, sales=sales)
    return demo


def test_long_list_answer_is_the_report_summary(big_shop, conversation):
    expected = _report(big_shop, "inactive", days="30")
    assert len(expected.items) > 100
    ask = {"text": "谁一个月没来了", "intent": "ask_inactive", "entities": {"days": "30"}}
    assert conversation.run(ActionInactive, **ask) == [expected.summary("zh")]


def test_long_list_answer_follows_a_new_sale(big_shop, conversation):
    from decimal import Decimal

    from assistant.db.models import Customer, Product
    from assistant.shop.sales import SaleLine, log_sale

    ask = {"text": "谁一个月没来了", "intent": "ask_inactive", "entities": {"days": "30"}}
    before = conversation.run(ActionInactive, **ask)
    first_away = _report(big_shop, "inactive", days="30").items[0]
    with session_scope(big_shop) as session:
        shop_id = default_shop_id(session)
        rice = session.query(Product).filter_by(shop_id=shop_id, name="东北大米").one()
        log_sale(session, shop_id=shop_id, customer=session.get(Customer, first_away.customer_id),
                 lines=[SaleLine(product=rice, quantity=Decimal(1))], channel="chat")
    after = conversation.run(ActionInactive, **ask)
    assert after != before and first_away.customer not in after[0]
    assert after == [_report(big_shop, "inactive", days="30").summary("zh")]


def test_rice_sold_this_week_says_how_much_rice(demo, conversation):
    from actions.reports import ActionSalesSummary

    said = conversation.run(ActionSalesSummary, text="这周米卖了多少", intent="ask_sales_summary",
                            entities={"period": "这周", "product": "米"})
    report = _report(demo, "sales", **{"from": "2026-03-09", "to": "2026-03-15", "product": "米"})
    bags = sum(item.quantity for item in report.items)
    assert {item.unit for item in report.items} == {"袋"} and bags == 25
    assert "米卖了25袋,1798元" in said[0]  # rice only: its bags and its money, not the whole shop's takings
    conversation.slots["language"] = "en"
    said = conversation.run(ActionSalesSummary, text="how much rice did we sell this week", intent="ask_sales_summary",
                            entities={"period": "this week", "product": "rice"})
    assert "25 bags of rice, 1798 yuan" in said[0] and not re.search(r"[\u4e00-\u9fff]", said[0])


def test_all_sales_say_no_volume(demo, conversation):
    from actions.reports import ActionSalesSummary

    said = conversation.run(ActionSalesSummary, text="今天卖了多少钱", intent="ask_sales_summary")
    assert said[0].startswith("今天卖了577.7元")


def test_a_customer_listed_for_the_week_whose_rhythm_falls_later_is_not_said_to_be_due_later(demo, conversation):
    """姜志玲 buys oil every ~22 days, last 9 days ago: listed for this week for how often she comes in, so
    the answer says when she last bought it, not "28号左右" (which would contradict "this week")."""
    report = _report(demo, "restock-due", product="油")
    later = [item for item in report.said_items() if item.due_date > report.end]
    assert later, "the demo shop has a confident customer whose own rhythm falls after the week"
    said = conversation.run(ActionRestockDue, text="这周谁该补油了", intent="ask_restock_due", entities={"product": "油"})[0]
    days = (report.today - later[0].last_purchase).days
    assert f"{later[0].customer}(上次{days}天前买的)" in said and f"{later[0].due_date.day}号左右" not in said
    conversation.slots["language"] = "en"
    said = conversation.run(ActionRestockDue, text="who needs cooking oil this week", intent="ask_restock_due",
                            entities={"product": "油"})[0]
    assert f"last bought {days} days ago" in said and "around the" not in said


def test_slow_movers_heard_as_a_reorder_question(demo, conversation):
    # owner trial (lead, 6 Dec): "which products are slow this month" read the running-low list
    from actions.reports import ActionReorder

    conversation.slots["language"] = "en"
    slow = conversation.run(ActionReorder, text="which products are slow this month", intent="ask_reorder")
    assert "running low" not in slow[0] and "March 1 to March 15" in slow[0], slow
    low = conversation.run(ActionReorder, text="what do I need to reorder", intent="ask_reorder")
    assert low[0].startswith("3 running low: low sodium soy sauce (out of stock, 2 customers asked for it")  # trial 12 F6
