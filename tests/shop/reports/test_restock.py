"""restock-due on a hand-made shop: who is likely to come for a staple this week, on both databases."""

import dataclasses
import datetime as dt

import pytest

from assistant.errors import NotFound
from assistant.shop.reports import restock_due, summarise


@pytest.fixture
def rice_shop(shop, pin_today):
    pin_today("2026-03-09")  # a Monday: "this week" is 9-15 March
    shop.product("东北大米", category="米", unit="袋", price="60")
    shop.product("泰国香米", category="米", unit="袋", price="80")
    shop.product("花生油", category="油", unit="桶", price="90")
    for name in ("王秀英", "李建国", "陈女士", "赵先生", "周阿姨", "钱大姐", "孙老师"):
        shop.customer(name)
    for day in ("2025-10-15", "2025-11-14", "2025-12-15", "2026-01-14", "2026-02-15"):  # around the 15th
        shop.sale("王秀英", "东北大米", 1, day)
    for day in ("2025-11-10", "2025-12-10", "2026-01-09", "2026-02-08"):  # monthly, around the 10th
        shop.sale("钱大姐", "东北大米", 1, day)
    for day, cans in (("2026-01-01", 1), ("2026-01-21", 1), ("2026-02-10", 2)):  # 20 days a can
        shop.sale("李建国", "花生油", cans, day)
    shop.sale("陈女士", "东北大米", 1, "2026-03-01")  # one purchase: no rhythm yet
    for day in ("2026-01-08", "2026-02-07"):  # two purchases: not a rhythm either
        shop.sale("孙老师", "东北大米", 1, day)
    for day in ("2025-09-01", "2025-10-01", "2025-10-31"):  # stopped coming in November
        shop.sale("赵先生", "东北大米", 1, day)
    for day in ("2025-09-01", "2025-09-04", "2025-11-03", "2025-11-13", "2026-02-11"):  # erratic
        shop.sale("周阿姨", "泰国香米", 1, day)
    shop.session.commit()
    return shop


def listed(report):
    return [(i.customer, i.product, i.due_date.isoformat(), i.days_overdue) for i in report.items]


def test_rice_this_week_lists_the_regulars_likeliest_first(rice_shop):
    report = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="米")
    assert listed(report) == [("钱大姐", "米", "2026-03-10", 0), ("王秀英", "米", "2026-03-15", 0)]
    qian, wang = report.items
    assert qian.chance >= wang.chance >= 0.35
    assert wang.habit_day == 15
    assert wang.evidence == (
        f"usually around the 15th of the month, last 22 days ago (2026-02-15, 1 袋); {wang.chance:.0%} likely"
    )
    assert wang.evidence_zh == f"通常每月15号左右买,上次22天前(2026-02-15)买了1袋;可能性{wang.chance:.0%}"
    assert qian.evidence.startswith("usually around the 10th of the month, last 29 days ago (2026-02-08, 1 袋)")
    assert summarise(report, "zh") == "该补米的有2位:钱大姐(10号左右)、王秀英(15号左右)。"
    assert summarise(report, "en") == "2 due for 米: 钱大姐 (around the 10th), 王秀英 (around the 15th)."


def test_new_erratic_and_lapsed_customers_are_not_due(rice_shop):
    names = set()
    for week in range(8):
        start = dt.date(2026, 3, 9) + dt.timedelta(weeks=week)
        report = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="米", start=start)
        names |= {i.customer for i in report.items}
    # One purchase, two purchases, stopped in November, gaps of 3 to 90 days: never on the list.
    assert names.isdisjoint({"陈女士", "孙老师", "赵先生", "周阿姨"})


def test_json_shape_has_every_item_the_chance_and_the_period(rice_shop):
    data = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="米").to_json()
    assert data["report"] == "restock-due" and data["count"] == 2
    assert data["start"] == "2026-03-09" and data["end"] == "2026-03-15"
    wang = data["items"][1]
    assert wang["last_purchase"] == "2026-02-15" and wang["usual_gap_days"] == 30.5
    assert 0 < wang["chance"] < 1


def test_one_product_of_the_category(rice_shop):
    by_product = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="东北大米")
    assert [i.customer for i in by_product.items] == ["钱大姐", "王秀英"]
    assert restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="泰国香米").items == []


def test_two_cans_last_twice_as_long(rice_shop):
    later = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="油", start="2026-03-16")
    assert listed(later) == [("李建国", "油", "2026-03-22", 0)]
    assert later.items[0].evidence.startswith("usually every 20 days, last 34 days ago (2026-02-10, 2 桶)")


def test_any_staple_lists_categories(rice_shop):
    report = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, start="2026-03-09", end="2026-03-31")
    assert {(i.customer, i.product) for i in report.items} == {("钱大姐", "米"), ("王秀英", "米"), ("李建国", "油")}


def test_a_purchase_this_week_takes_her_off_and_a_void_puts_her_back(rice_shop):
    sale = rice_shop.sale("钱大姐", "东北大米", 1, "2026-03-08")
    rice_shop.session.commit()
    assert "钱大姐" not in [i.customer for i in restock_due(rice_shop.session, shop_id=rice_shop.shop_id).items]
    rice_shop.void(sale)
    rice_shop.session.commit()
    back = [i for i in restock_due(rice_shop.session, shop_id=rice_shop.shop_id).items if i.customer == "钱大姐"]
    assert back[0].due_date == dt.date(2026, 3, 10) and back[0].last_purchase == dt.date(2026, 2, 8)


def test_no_data(session, shop_id, pin_today):
    pin_today("2026-03-13")
    report = restock_due(session, shop_id=shop_id)
    assert report.items == [] and report.to_json()["count"] == 0
    assert summarise(report, "zh") == "这段时间没有人该补货。"
    assert summarise(report, "en") == "Nobody is due for their staples in that period."


def test_unknown_product_says_what_to_do(rice_shop):
    with pytest.raises(NotFound, match="no product or category called '酱油'"):
        restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="酱油")


def test_the_list_puts_a_long_record_before_a_likelier_customer_with_three_purchases(shop, pin_today):
    pin_today("2026-03-09")
    shop.product("东北大米", category="米", unit="袋", price="60")
    shop.customer("老顾客")
    shop.customer("新顾客")
    day = dt.date(2026, 3, 2)
    for _ in range(13):  # every two weeks since September
        shop.sale("老顾客", "东北大米", 1, day.isoformat())
        day -= dt.timedelta(days=14)
    for bought in ("2026-02-16", "2026-02-23", "2026-03-02"):  # weekly, three purchases only
        shop.sale("新顾客", "东北大米", 1, bought)
    shop.session.commit()
    report = restock_due(shop.session, shop_id=shop.shop_id, product="米")
    old, new = report.items
    assert (old.customer, old.purchases, new.customer, new.purchases) == ("老顾客", 13, "新顾客", 3)
    # The three-purchase chance is the higher one, but thirteen purchases back the other: read first.
    assert new.chance > old.chance
    assert summarise(report, "zh").startswith("该补米的有2位:老顾客(")


def test_near_certain_customers_are_read_most_frequent_first(shop, pin_today):
    pin_today("2026-03-09")
    shop.product("鲜牛奶", category="奶", unit="盒", price="6")
    shop.customer("常来的")
    shop.customer("每周的")
    for name, last, gap, jitter in (("常来的", "2026-03-05", 3, (0, 1, 0, 2, 1)),  # every 3-5 days
                                    ("每周的", "2026-03-03", 7, (0, 1, -1, 2, -2))):  # about weekly
        day = dt.date.fromisoformat(last)
        for i in range(30):
            shop.sale(name, "鲜牛奶", 1, day.isoformat())
            day -= dt.timedelta(days=gap + jitter[i % len(jitter)])
    shop.session.commit()
    report = restock_due(shop.session, shop_id=shop.shop_id, product="奶")
    often, weekly = report.items
    assert (often.customer, weekly.customer) == ("常来的", "每周的")
    # Both near-certain: the one who buys it twice as often is read first, though a little less likely today.
    assert often.confident and weekly.confident and often.chance < weekly.chance


def test_when_nobody_is_sure_the_answer_names_the_likeliest_of_those_who_might_come(rice_shop):
    report = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="米")
    unsure = dataclasses.replace(report, items=[dataclasses.replace(i, confident=False) for i in report.items])
    assert summarise(unsure, "zh") == "这段时间没有人很可能来补米。说不准、可能会来的有2位:钱大姐、王秀英。"
    assert summarise(unsure, "en") == (
        "Nobody is likely to come for 米 in that period; 2 might, but it is uncertain: 钱大姐, 王秀英.")
