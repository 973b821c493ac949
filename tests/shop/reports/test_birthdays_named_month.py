"""Birthdays in a month named beyond next month ("六月份谁过生日", "who has a birthday in August")."""

import datetime as dt

import pytest

from assistant.errors import Invalid
from assistant.shop.reports import birthdays, run_report, summarise
from assistant.shop.reports.birthdays import asked_window

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def year_shop(shop):
    shop.customer("孙老师", birthday="1990-01-02")
    shop.customer("周阿姨", birthday="06-01")
    shop.customer("吴师傅", birthday="12-30")
    shop.customer("郑先生", birthday="12-28")
    shop.customer("王秀英", birthday="03-15")
    shop.session.commit()
    return shop


def test_a_month_later_this_year_lists_that_months_birthdays(year_shop, pin_today):
    pin_today("2026-03-15")
    december = birthdays(year_shop.session, shop_id=year_shop.shop_id, month="2026-12")
    assert [(i.customer, i.date.isoformat()) for i in december.items] == [("郑先生", "2026-12-28"),
                                                                         ("吴师傅", "2026-12-30")]
    assert summarise(december, "zh") == "12月过生日的有2位:郑先生(12月28日)、吴师傅(12月30日)。"
    assert summarise(december, "en").startswith("2 birthdays in December: 郑先生 (December 28)")
    june = run_report(year_shop.session, "birthdays", shop_id=year_shop.shop_id, options={"month": "2026-06"})
    assert [i.customer for i in june.items] == ["周阿姨"]


def test_a_month_already_past_says_the_year_it_means(year_shop, pin_today):
    pin_today("2026-03-15")
    january = birthdays(year_shop.session, shop_id=year_shop.shop_id, month="2027-01")
    assert [(i.customer, i.date.isoformat(), i.age) for i in january.items] == [("孙老师", "2027-01-02", 37)]
    assert "2027年1月过生日" in summarise(january, "zh")
    assert "in January 2027" in summarise(january, "en")
    assert summarise(birthdays(year_shop.session, shop_id=year_shop.shop_id, month="2026-08"), "zh") \
        == "8月没有顾客过生日。"
    with pytest.raises(Invalid, match="YYYY-MM"):
        birthdays(year_shop.session, shop_id=year_shop.shop_id, month="2026-13")


@pytest.mark.parametrize(("tagged", "text", "window"), [
    ("六月份", "六月份谁过生日", {"month": "2026-06"}),
    (None, "六月份谁过生日", {"month": "2026-06"}),
    ("August", "who has a birthday in August", {"month": "2026-08"}),
    (None, "十二月过生日的有谁", {"month": "2026-12"}),
    (None, "一月份谁过生日", {"month": "2027-01"}),  # past this year: next year's
    (None, "今年一月份谁过生日", {"month": "2026-01"}),
    ("三月份", "三月份谁过生日", {"period": "month"}),  # this month and next month stay what they were
    ("4月份", "4月份谁过生日", {"period": "next_month"}),
    (None, "后天谁过生日", {"day": "2026-03-17"}),
    (None, "今天谁过生日", {"period": "today"}),
])
def test_the_month_asked_is_the_window(tagged, text, window):
    assert asked_window(tagged, text, TODAY) == window
