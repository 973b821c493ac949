"""restock-due on a hand-made shop: who is due this week, by category and by product, on both databases."""

import datetime as dt

import pytest

from assistant.errors import NotFound
from assistant.shop.reports import restock_due, summarise


@pytest.fixture
def rice_shop(shop, pin_today):
    pin_today("2026-03-13")
    shop.product("东北大米", category="米", unit="袋", price="60")
    shop.product("泰国香米", category="米", unit="袋", price="80")
    shop.product("花生油", category="油", unit="桶", price="90")
    for name in ("王秀英", "李建国", "陈女士", "赵先生", "周阿姨", "钱大姐", "孙老师"):
        shop.customer(name)
    for day in ("2025-12-15", "2026-01-14", "2026-02-15"):  # every month around the 15th
        shop.sale("王秀英", "东北大米", 1, day)
    for day, bags in (("2026-01-01", 1), ("2026-01-21", 1), ("2026-02-10", 2)):  # 20 days a can
        shop.sale("李建国", "花生油", bags, day)
    shop.sale("陈女士", "东北大米", 1, "2026-03-01")  # one purchase: no rhythm yet
    for day in ("2025-12-20", "2026-01-19"):  # due Feb 18: weeks late, bought elsewhere or stopped
        shop.sale("孙老师", "东北大米", 1, day)
    for day in ("2025-10-01", "2025-10-11", "2025-10-21"):  # stopped coming in October
        shop.sale("赵先生", "东北大米", 1, day)
    for day in ("2026-01-05", "2026-02-10"):  # 36 days
        shop.sale("周阿姨", "泰国香米", 1, day)
    for day in ("2026-01-10", "2026-02-09"):  # due March 11: two days late, still due
        shop.sale("钱大姐", "东北大米", 1, day)
    shop.session.commit()
    return shop


def due(report):
    return [(i.customer, i.product, i.due_date.isoformat(), i.days_overdue) for i in report.items]


def test_rice_due_this_week_by_category(rice_shop):
    report = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="米")
    assert due(report) == [
        ("钱大姐", "米", "2026-03-11", 2),
        ("王秀英", "米", "2026-03-15", 0),
        ("周阿姨", "米", "2026-03-18", 0),
    ]
    wang = report.items[1]
    assert wang.habit_day == 15
    assert wang.evidence == "usually around the 15th of the month, last bought 2026-02-15, 1 袋"
    assert wang.evidence_zh == "通常每月15号左右买,上次2026-02-15买了1袋"
    assert report.items[2].evidence == "usually every 36 days, last bought 2026-02-10, 1 袋"
    assert summarise(report, "zh") == "该补米的有3位:钱大姐(已过2天)、王秀英(15号左右)、周阿姨(18号左右)。"
    assert summarise(report, "en") == (
        "3 due for 米: 钱大姐 (2 days overdue), 王秀英 (around the 15th), 周阿姨 (around the 18th)."
    )


def test_json_shape_has_every_item_and_the_period(rice_shop):
    data = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="米").to_json()
    assert data["report"] == "restock-due" and data["count"] == 3
    assert data["start"] == "2026-03-13" and data["end"] == "2026-03-19"
    assert data["items"][1]["last_purchase"] == "2026-02-15" and data["items"][1]["usual_gap_days"] == 31


def test_one_product_of_the_category(rice_shop):
    by_product = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="东北大米")
    assert [i.customer for i in by_product.items] == ["钱大姐", "王秀英"]
    assert [
        i.customer
        for i in restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="泰国香米").items
    ] == ["周阿姨"]


def test_two_cans_last_twice_as_long(rice_shop):
    this_week = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="花生油")
    assert this_week.items == []
    later = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="油", end="2026-03-25")
    assert due(later) == [("李建国", "油", "2026-03-22", 0)]


def test_any_staple_lists_categories(rice_shop):
    report = restock_due(rice_shop.session, shop_id=rice_shop.shop_id, start="2026-03-13", end="2026-03-31")
    assert due(report) == [
        ("钱大姐", "米", "2026-03-11", 2),
        ("王秀英", "米", "2026-03-15", 0),
        ("周阿姨", "米", "2026-03-18", 0),
        ("李建国", "油", "2026-03-22", 0),
    ]


def test_voided_sale_does_not_count(rice_shop, pin_today):
    sale = rice_shop.sale("周阿姨", "泰国香米", 1, "2026-03-12")
    rice_shop.session.commit()
    assert "周阿姨" not in [
        i.customer for i in restock_due(rice_shop.session, shop_id=rice_shop.shop_id).items
    ]
    rice_shop.void(sale)
    rice_shop.session.commit()
    back = [
        i for i in restock_due(rice_shop.session, shop_id=rice_shop.shop_id).items if i.customer == "周阿姨"
    ]
    assert back[0].due_date == dt.date(2026, 3, 18) and back[0].last_purchase == dt.date(2026, 2, 10)


def test_no_data(session, shop_id, pin_today):
    pin_today("2026-03-13")
    report = restock_due(session, shop_id=shop_id)
    assert report.items == [] and report.to_json()["count"] == 0
    assert summarise(report, "zh") == "这段时间没有人该补货。"
    assert summarise(report, "en") == "Nobody is due for their staples in that period."


def test_unknown_product_says_what_to_do(rice_shop):
    with pytest.raises(NotFound, match="no product or category called '酱油'"):
        restock_due(rice_shop.session, shop_id=rice_shop.shop_id, product="酱油")
