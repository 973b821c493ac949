"""birthdays: solar and lunar, leap days, a lunar 30th, a week across the new year, on both databases."""

import datetime as dt

import pytest

from assistant.errors import Invalid
from assistant.shop.reports import birthdays, summarise
from assistant.shop.reports.lists import page


def listed(report):
    return [(i.customer, i.date.isoformat(), i.calendar, i.age, i.note) for i in report.items]


@pytest.fixture
def party_shop(shop):
    shop.product("东北大米", category="米")
    shop.product("花生油", category="油", unit="桶")
    shop.customer("王秀英", birthday="03-15")
    shop.customer("李建国", birthday="农历01-27")  # lunar 2026-01-27 is 2026-03-15
    shop.customer("陈女士", birthday="1960-03-17")
    shop.customer("赵先生", birthday="03-02")
    shop.customer("周阿姨", birthday="04-01")
    shop.customer("钱大姐", birthday="2000-02-29")
    shop.customer("冯奶奶", birthday="农历02-30")  # lunar month 2 of 2026 has only 29 days
    shop.customer("孙老师", birthday="1990-01-02")
    shop.customer("吴师傅", birthday="12-30")
    shop.customer("郑先生", birthday="12-28")
    shop.customer("无生日")
    for day in ("2026-01-10", "2026-02-10", "2026-03-01"):
        shop.sale("王秀英", "东北大米", 1, day)
    shop.sale("王秀英", "花生油", 1, "2026-02-20")
    shop.session.commit()
    return shop


def test_today_solar_and_lunar_with_what_they_buy(party_shop, pin_today):
    pin_today("2026-03-15")
    report = birthdays(party_shop.session, shop_id=party_shop.shop_id)
    assert listed(report) == [
        ("李建国", "2026-03-15", "lunar", None, None),
        ("王秀英", "2026-03-15", "solar", None, None),
    ]
    # 花生油 bought once is not what she usually buys (owner trial 12 F7: the profile's rule)
    assert report.items[1].usually_buys == ["东北大米"] and report.items[0].usually_buys == []
    assert summarise(report, "zh") == "今天过生日的有2位:李建国(农历)、王秀英。"
    assert summarise(report, "en") == "2 birthdays today: 李建国 (lunar), 王秀英."


def test_this_week_and_this_month(party_shop, pin_today):
    pin_today("2026-03-15")
    week = birthdays(party_shop.session, shop_id=party_shop.shop_id, period="week")
    assert [(c, d) for c, d, *_ in listed(week)] == [
        ("李建国", "2026-03-15"),
        ("王秀英", "2026-03-15"),
        ("陈女士", "2026-03-17"),
    ]
    assert week.items[2].age == 66 and week.items[2].days_until == 2
    month = birthdays(party_shop.session, shop_id=party_shop.shop_id, period="month")
    # Those still to come first (today's the very first), then those already past, said so.
    assert [(c, d) for c, d, *_ in listed(month)] == [
        ("李建国", "2026-03-15"),
        ("王秀英", "2026-03-15"),
        ("陈女士", "2026-03-17"),
        ("赵先生", "2026-03-02"),
    ]
    assert month.to_json()["start"] == "2026-03-01" and month.to_json()["end"] == "2026-03-31"
    assert page(month, "zh", size=10).text == ("这个月过生日的有4位:李建国(3月15日,今天,农历)、王秀英(3月15日,今天)、"
                                      "陈女士(3月17日);已过的:赵先生(3月2日)。")
    assert page(month, "en", size=10).text == ("4 birthdays this month: 李建国 (March 15, today, lunar), 王秀英 (March 15, today), "
                                      "陈女士 (March 17); already past: 赵先生 (March 2).")


def test_leap_day_birthday_on_feb_28_in_other_years(party_shop, pin_today):
    pin_today("2027-02-28")
    assert listed(birthdays(party_shop.session, shop_id=party_shop.shop_id)) == [
        ("钱大姐", "2027-02-28", "solar", 27, "born on Feb 29: celebrated on Feb 28 in 2027")
    ]
    pin_today("2028-02-28")
    assert birthdays(party_shop.session, shop_id=party_shop.shop_id).items == []
    pin_today("2028-02-29")
    assert listed(birthdays(party_shop.session, shop_id=party_shop.shop_id)) == [
        ("钱大姐", "2028-02-29", "solar", 28, None)
    ]


def test_lunar_30th_in_a_short_month(party_shop, pin_today):
    pin_today("2026-04-16")
    assert listed(birthdays(party_shop.session, shop_id=party_shop.shop_id)) == [
        ("冯奶奶", "2026-04-16", "lunar", None, "lunar month 2 of 2026 has no 30th: celebrated on the 29th")
    ]


def test_week_across_the_new_year(party_shop, pin_today):
    pin_today("2026-12-29")
    report = birthdays(party_shop.session, shop_id=party_shop.shop_id, period="week")
    assert [(c, d, age) for c, d, _, age, _ in listed(report)] == [
        ("吴师傅", "2026-12-30", None),
        ("孙老师", "2027-01-02", 37),
    ]
    assert summarise(report, "zh") == "这周过生日的有2位:吴师傅(12月30日)、孙老师(1月2日)。"


def test_no_birthdays_and_bad_period(session, shop_id, pin_today):
    pin_today("2026-03-15")
    report = birthdays(session, shop_id=shop_id, period="month")
    assert report.items == [] and summarise(report, "en") == "No customer has a birthday this month."
    with pytest.raises(Invalid, match="period 'year' is not one of today, tomorrow, week, next_week, month, next_month"):
        birthdays(session, shop_id=shop_id, period="year")


def test_the_coming_days_are_a_week_from_today_said_so(party_shop, pin_today):
    pin_today("2026-03-15")
    report = birthdays(party_shop.session, shop_id=party_shop.shop_id, period="coming_days")
    assert [i.customer for i in report.items] == ["李建国", "王秀英", "陈女士"]
    assert summarise(report, "zh").startswith("接下来7天过生日的")
    assert "in the next 7 days" in summarise(report, "en")


def test_a_birthday_question_names_its_window():
    import datetime as dt

    from assistant.shop.reports.birthdays import asked_window

    today = dt.date(2026, 3, 15)
    assert asked_window(None, "这几天谁过生日", today) == {"period": "coming_days"}
    assert asked_window(None, "过 几天 有 谁 过 生日", today) == {"period": "coming_days"}
    assert asked_window(None, "any birthdays in the next few days?", today) == {"period": "coming_days"}
    assert asked_window(None, "后天谁过生日", today) == {"day": "2026-03-17"}
    assert asked_window("这周", "这周谁过生日", today) == {"period": "week"}
    assert asked_window(None, "今天谁过生日", today) == {"period": "today"}


def test_a_month_named_is_that_months_birthdays():
    # kept-aside #10: "三月份过生日的有几个人" answered today's birthdays
    from assistant.shop.reports.birthdays import asked_window

    today = dt.date(2026, 3, 15)
    assert asked_window("3月份", "3月份过生日的有几个人", today) == {"period": "month"}
    assert asked_window("4月份", "4月份谁过生日", today) == {"period": "next_month"}
