"""A visit or a payment made today is said "今天", not as a date: "上次3月15日还了70元" on the 15th read as
if she had paid on some other day (owner trial 2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from assistant.shop import credit as tabs
from assistant.shop.profile import customer_profile
from assistant.shop.reports.credit import credit_item


def test_a_payment_today_is_said_today(shop, pin_today):
    pin_today("2026-03-15")
    zhang = shop.customer("张姐")
    s, shop_id = shop.session, shop.shop_id
    tabs.charge(s, shop_id=shop_id, customer=zhang, channel="chat", now=dt.datetime(2026, 3, 15, 9), amount=Decimal("120"))
    tabs.pay(s, shop_id=shop_id, customer=zhang, channel="chat", now=dt.datetime(2026, 3, 15, 10), amount=Decimal("70"))
    s.commit()
    item = credit_item(s, shop_id=shop_id, customer_id=zhang.id, today=dt.date(2026, 3, 15))
    assert item.sentence("zh") == "张姐欠50元,都是今天记的,今天还了70元。"
    assert item.sentence("en") == "张姐 owes 50 yuan, all of it from today; last paid 70 yuan today."
    # the next day it is a date again
    item = credit_item(s, shop_id=shop_id, customer_id=zhang.id, today=dt.date(2026, 3, 16))
    assert item.sentence("zh") == "张姐欠50元,最早一笔欠了1天,上次3月15日还了70元。"


def test_a_visit_today_is_said_today(shop, pin_today):
    pin_today("2026-03-15")
    shop.product("红豆", category="杂粮", unit="斤", price="8")
    shop.customer("刘淑珍")
    shop.sale("刘淑珍", "红豆", 3, "2026-03-15")
    shop.session.commit()
    profile = customer_profile(shop.session, customer=shop.customers["刘淑珍"])
    assert "今天来过。" in profile.summarise("zh") and "3月15号" not in profile.summarise("zh")
    assert profile.fact("last_purchase", "zh") == "刘淑珍今天来的,买了红豆3斤。"
    assert "Came in today." in profile.summarise("en")
    assert "_today" not in profile.to_json()
