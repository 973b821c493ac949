"""Best sellers and slow movers (never past today), one fact of a customer, birthdays ahead, and English
replies with the shop's Chinese names said in English."""

from __future__ import annotations

import datetime as dt

from assistant.shop.english import in_english
from assistant.shop.profile import customer_profile
from assistant.shop.reports import birthdays
from assistant.shop.reports.rankings import ranking

TODAY = dt.date(2026, 3, 15)


def _shop(shop):
    shop.product("东北大米", category="米", price="59")
    shop.product("花生油", category="油", unit="桶", price="89.9")
    shop.product("玉米油", category="油", unit="桶", price="65")
    shop.customer("王秀英", birthday="1958-03-18", phone="13857101234", tags=["高血压"])
    shop.customers["王秀英"].aliases = ["王阿姨", "Auntie Wang"]
    shop.customer("邓海", birthday="03-16")
    shop.customer("刘淑珍", birthday="04-09")
    shop.sale("王秀英", "东北大米", 2, "2026-03-14")
    shop.sale("王秀英", "花生油", 1, "2026-03-14")
    shop.sale("王秀英", "东北大米", 2, "2026-03-02")
    shop.session.commit()


def test_best_and_slowest_of_this_month_stop_at_today(shop, pin_today):
    pin_today("2026-03-15")
    _shop(shop)
    ranked = ranking(shop.session, shop_id=shop.shop_id, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31),
                     today=TODAY)
    assert ranked.end == TODAY
    assert ranked.best("zh") == "3月1日到3月15日卖得最好的是东北大米(236元,4袋),其次是花生油。"
    assert ranked.slow("zh") == "3月1日到3月15日没卖出去的有1样:玉米油;卖得最少的是花生油(89.9元)。"
    assert ranked.best("en").startswith("Best seller March 1 to March 15: 东北大米 (236 yuan, 4 袋)")


def test_one_fact_of_a_customer(shop, pin_today):
    pin_today("2026-03-15")
    _shop(shop)
    profile = customer_profile(shop.session, customer=shop.customers["王秀英"])
    assert profile.fact("phone", "zh") == "王秀英的电话是13857101234。"
    assert profile.fact("birthday", "zh") == "王秀英的生日是3月18日。"
    assert profile.fact("birthday", "en") == "王秀英's birthday is March 18."
    assert profile.fact("last_purchase", "zh") == "王秀英上次是3月14号来的,买了东北大米2袋、花生油1桶。"
    assert profile.fact("health", "zh") == "王秀英:高血压。"
    english = in_english(profile.fact("last_purchase", "en"), session=shop.session, shop_id=shop.shop_id)
    assert english == "Auntie Wang last came March 14 and bought 2 bags of 东北大米, 1 jug of 花生油."


def test_birthdays_tomorrow_next_week_next_month_and_one_day(shop, pin_today):
    pin_today("2026-03-15")  # a Sunday
    _shop(shop)
    names = {period: [i.customer for i in birthdays(shop.session, shop_id=shop.shop_id, period=period).items]
             for period in ("tomorrow", "next_week", "next_month")}
    assert names == {"tomorrow": ["邓海"], "next_week": ["邓海", "王秀英"], "next_month": ["刘淑珍"]}
    day = birthdays(shop.session, shop_id=shop.shop_id, day=dt.date(2026, 3, 18))
    assert [i.customer for i in day.items] == ["王秀英"] and day.summary("zh") == "大后天过生日的有1位:王秀英。"
    assert birthdays(shop.session, shop_id=shop.shop_id, period="tomorrow").summary("zh") == "明天过生日的有1位:邓海。"


def test_usual_purchases_are_the_repeated_ones(shop, pin_today):
    """Owner trial 12 (F7): 花生油 bought once is not what she usually buys; 东北大米 twice is."""
    pin_today("2026-03-15")
    _shop(shop)
    profile = customer_profile(shop.session, customer=shop.customers["王秀英"])
    assert profile.fact("usual", "zh") == "王秀英平时买东北大米。"
    assert "花生油" not in profile.summarise("zh")
    shop.sale("邓海", "花生油", 1, "2026-03-10")
    shop.session.commit()
    once = customer_profile(shop.session, customer=shop.customers["邓海"])
    assert once.fact("usual", "zh") == "邓海还没有常买的东西,每样只买过一次。"


def test_household_size_is_not_the_address(shop, pin_today):
    """Red team 16 (A3): "周师傅家里几口人" was answered with the address the household field keeps."""
    pin_today("2026-03-15")
    shop.customer("周德明")
    shop.customers["周德明"].household = "沿街12号 周记面馆"
    shop.customer("赵敏")
    shop.customers["赵敏"].notes = "三口之家,孩子上小学"
    shop.session.commit()
    zhou = customer_profile(shop.session, customer=shop.customers["周德明"])
    assert zhou.fact("household_size", "zh") == "没有记周德明家几口人(地址:沿街12号 周记面馆)。"
    assert zhou.fact("household_size", "en") == ("I haven't noted how many people are in 周德明's household "
                                                 "(address: 沿街12号 周记面馆).")
    assert zhou.fact("household", "zh") == "周德明:沿街12号 周记面馆。"  # where she lives is still the address
    zhao = customer_profile(shop.session, customer=shop.customers["赵敏"])
    assert zhao.fact("household_size", "zh") == "赵敏家:三口之家。"
