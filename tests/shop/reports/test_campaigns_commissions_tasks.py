"""campaigns, commissions and daily-tasks on hand-made shops, on both databases."""

import datetime as dt
from decimal import Decimal

import pytest

from assistant.db.models import Greeting
from assistant.errors import Invalid
from assistant.shop.reports import campaigns, commissions, daily_tasks, summarise


def test_campaigns_compare_return_rates(shop, pin_today):
    pin_today("2026-03-15")
    shop.product("东北大米", category="米", price="60")
    for name in "ABCDE":
        shop.customer(name)
    coupon, sample, unused = shop.promotion("满减券"), shop.promotion("试用装"), shop.promotion("新客礼")
    shop.sale("A", "东北大米", 1, "2026-01-10", promotion=coupon)
    shop.sale("A", "东北大米", 1, "2026-01-20")  # back within 30 days
    shop.sale("B", "东北大米", 1, "2026-01-12", promotion=coupon)  # never came back
    shop.sale("C", "东北大米", 1, "2026-03-01", promotion=coupon)  # too early to tell
    shop.sale("C", "东北大米", 1, "2026-03-01", promotion=coupon, hour=15)  # twice the same day: one use
    shop.sale(None, "东北大米", 1, "2026-03-02", promotion=coupon)  # a walk-in cannot come back by name
    shop.sale("D", "东北大米", 1, "2026-01-05", promotion=sample)
    shop.sale("D", "东北大米", 1, "2026-02-20")  # 46 days later: too late
    shop.sale("E", "东北大米", 1, "2026-01-06", promotion=sample)
    shop.void(shop.sale("E", "东北大米", 1, "2026-01-16"))  # the return visit was taken back
    shop.session.commit()
    report = campaigns(shop.session, shop_id=shop.shop_id)
    assert [
        (i.promotion, i.uses, i.customers, i.came_back, i.pending, i.return_rate) for i in report.items
    ] == [
        ("满减券", 3, 3, 1, 1, Decimal("0.500")),
        ("试用装", 2, 2, 0, 0, Decimal("0.000")),
        ("新客礼", 0, 0, 0, 0, None),
    ]
    assert report.items[0].first_used == dt.date(2026, 1, 10) and report.items[0].last_used == dt.date(
        2026, 3, 1
    )
    assert unused.name == "新客礼"
    # Nobody shopped while they ran without using them (D's visit on 20 February is too recent to judge).
    assert summarise(report, "zh") == (
        "还没有同期没用活动的顾客可以比较,说不准哪个活动效果好。"
        "满减券:2位里1位30天内回来了(50%);试用装:2位里0位30天内回来了(0%)。"
    )
    assert summarise(report, "en") == (
        "No customers who skipped the promotions to compare with yet, so none can be called best. "
        "满减券: 1 of 2 came back within 30 days (50%); 试用装: 0 of 2 came back within 30 days (0%)."
    )


def test_campaigns_no_data(session, shop_id, pin_today):
    pin_today("2026-03-15")
    report = campaigns(session, shop_id=shop_id)
    assert report.items == [] and summarise(report, "zh") == "还没有可以比较的促销数据。"


def test_commissions_for_a_month(shop, pin_today):
    pin_today("2026-03-15")
    shop.product("东北大米", category="米", price="60")
    leader = shop.customer("陈团长")
    leader.is_group_leader, leader.commission_rate = True, Decimal("0.05")
    other = shop.customer("刘团长")
    other.is_group_leader, other.commission_rate = True, Decimal("0.03")
    for name in ("A", "B"):
        shop.customer(name).referred_by_id = leader.id
    shop.customer("C")
    shop.sale("A", "东北大米", 1, "2026-03-02", amount="100")
    shop.sale("A", "东北大米", 2, "2026-03-10", amount="200")
    shop.void(shop.sale("A", "东北大米", 1, "2026-03-11", amount="30"))
    shop.sale("B", "东北大米", 1, "2026-02-20", amount="50")
    shop.sale("C", "东北大米", 1, "2026-03-03", amount="70")  # nobody's referral
    shop.session.commit()
    march = commissions(shop.session, shop_id=shop.shop_id)
    assert march.month == "2026-03" and march.total_commission == Decimal("15.00")
    assert [
        (i.leader, i.referred_customers, i.buying_customers, i.sales, i.referred_sales, i.commission)
        for i in march.items
    ] == [
        ("陈团长", 2, 1, 2, Decimal("300.00"), Decimal("15.00")),
        ("刘团长", 0, 0, 0, Decimal("0.00"), Decimal("0.00")),
    ]
    assert [(c.customer, c.amount) for c in march.items[0].customers] == [("A", Decimal("300.00"))]
    assert (
        summarise(march, "zh")
        == "2026年3月的佣金:陈团长15元(带来的顾客买了300元)、刘团长0元(带来的顾客买了0元)。"
    )
    assert summarise(march, "en").startswith("Commissions for March 2026: 陈团长 15 yuan (on 300 yuan of sales)")
    february = commissions(shop.session, shop_id=shop.shop_id, month="2026-02")
    assert february.items[0].commission == Decimal("2.50")
    with pytest.raises(Invalid, match="write it as YYYY-MM"):
        commissions(shop.session, shop_id=shop.shop_id, month="2026-13")


def test_daily_tasks_gather_every_kind(shop, pin_today):
    pin_today("2026-03-15")
    shop.product("东北大米", category="米", price="60", stock=100)
    shop.product("花生油", category="油", unit="桶", price="90", stock=20)
    shop.customer("王秀英", birthday="03-15")
    lee = shop.customer("李建国")
    shop.customer("周阿姨")
    shop.customer("吴师傅")
    for day in ("2025-11-15", "2025-12-15", "2026-01-15", "2026-02-15"):
        shop.sale("王秀英", "东北大米", 1, day)
    for day in ("2026-01-01", "2026-01-08", "2026-01-15"):  # weekly, quiet for 59 days: call her
        shop.sale("周阿姨", "东北大米", 1, day)
    for day in ("2025-06-01", "2025-06-08", "2025-06-15"):  # gone since June: the inactive report has him
        shop.sale("吴师傅", "东北大米", 1, day)
    shop.sale(None, "花生油", 18, "2026-03-10")  # 2 cans left at 18 a month
    shop.session.add(
        Greeting(
            shop_id=shop.shop_id,
            customer_id=lee.id,
            occasion="生日",
            text="生日快乐",
            source="composed",
            status="waiting",
        )
    )
    shop.session.commit()
    report = daily_tasks(shop.session, shop_id=shop.shop_id)
    assert [(i.kind, i.customer, i.product) for i in report.items] == [
        ("birthday", "王秀英", None),
        ("restock", "王秀英", "米"),
        ("win_back", "周阿姨", None),
        ("reorder", None, "花生油"),
        ("greeting", "李建国", None),
    ]
    assert report.items[0].detail == "birthday (solar), usually buys 东北大米"
    assert report.items[1].detail.startswith("usually around the 15th of the month, last 28 days ago (2026-02-15")
    assert report.items[3].detail_zh == "还够3.1天,建议进12桶"
    assert summarise(report, "zh") == (
        "今天:1位过生日(王秀英),1位该来买常买的东西,1位老顾客最近不来了,1样货要补(花生油),1条祝福还没发。"
    )
    assert summarise(report, "en") == (
        "Today: 1 birthday (王秀英), 1 customer due for their staples, "
        "1 regular to win back, 1 product to reorder (花生油), 1 greeting waiting."
    )


def test_daily_tasks_no_data(session, shop_id, pin_today):
    pin_today("2026-03-15")
    report = daily_tasks(session, shop_id=shop_id)
    assert report.items == [] and summarise(report, "en") == "Nothing on the list today."
