"""The credit report and the tab services under it: charges, payments paying the oldest first, voids,
the standing (邻里信用) — on both databases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from assistant.shop import credit as tabs
from assistant.shop.reports import run_report
from assistant.shop.reports.credit import credit_item
from assistant.shop.reports.daily_tasks import daily_tasks
from assistant.shop.sales import SaleLine


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day} 10:00")


def test_who_owes_what_since_when_and_the_last_payment(shop, pin_today):
    pin_today("2026-03-15")
    rice = shop.product("东北大米", price="60", stock=20)
    zhang, wang, li = shop.customer("张姐"), shop.customer("王秀英"), shop.customer("李建国")
    s, shop_id = shop.session, shop.shop_id
    tabs.charge(s, shop_id=shop_id, customer=zhang, channel="chat", now=_at("2026-01-29"),
                lines=[SaleLine(product=rice, quantity=Decimal("2"))])
    tabs.charge(s, shop_id=shop_id, customer=wang, channel="chat", now=_at("2026-02-01"), amount=Decimal("80"))
    tabs.charge(s, shop_id=shop_id, customer=wang, channel="chat", now=_at("2026-03-10"), amount=Decimal("50"))
    tabs.pay(s, shop_id=shop_id, customer=wang, channel="chat", now=_at("2026-03-12"), amount=Decimal("100"))
    settled = tabs.charge(s, shop_id=shop_id, customer=li, channel="chat", now=_at("2026-03-01"),
                          amount=Decimal("30"))
    tabs.pay(s, shop_id=shop_id, customer=li, channel="chat", now=_at("2026-03-02"))
    s.commit()
    assert rice.stock == Decimal("18")  # goods on the tab leave the shelf like any sale

    report = run_report(s, "credit", shop_id=shop_id)
    assert [(i.customer, str(i.balance), i.oldest_unpaid.isoformat(), i.days_owed) for i in report.items] == [
        ("张姐", "120.00", "2026-01-29", 45),
        # 100 paid off the 80 of 1 Feb first: what is left is from 10 Mar.
        ("王秀英", "30.00", "2026-03-10", 5),
    ]
    assert report.items[1].last_payment.isoformat() == "2026-03-12"
    assert report.summary("zh") == "有2位欠账,一共150元:张姐120元(欠了45天)、王秀英30元(欠了5天)。"
    assert report.summary("en") == ("2 customers owe 150 yuan in all: 张姐 120 yuan (45 days), "
                                    "王秀英 30 yuan (5 days).")
    body = report.to_json()
    assert body["report"] == "credit" and body["count"] == 2 and body["items"][0]["balance"] == 120
    assert credit_item(s, shop_id=shop_id, customer_id=li.id, today=report.today) is None
    assert credit_item(s, shop_id=shop_id, customer_id=wang.id, today=report.today).sentence("zh") == (
        "王秀英欠30元,最早一笔欠了5天,上次3月12日还了100元。")

    # Today lists the tab that has waited over a month.
    tasks = [t for t in daily_tasks(s, shop_id=shop_id).items if t.kind == "credit"]
    assert [(t.customer, t.detail_zh) for t in tasks] == [("张姐", "欠了45天,120元")]

    # A correction voids (and re-enters): a charge she had already paid, taken back, leaves her in credit.
    tabs.void(s, shop_id=shop_id, entry_id=settled.id, channel="chat", now=_at("2026-03-15"))
    s.commit()
    assert tabs.tab_of(s, shop_id=shop_id, customer_id=li.id).balance == Decimal("-30")


def test_payments_are_checked_against_what_she_owes(shop, pin_today):
    import pytest

    from assistant.errors import Invalid

    pin_today("2026-03-15")
    wang = shop.customer("王秀英")
    s, shop_id = shop.session, shop.shop_id
    with pytest.raises(Invalid, match="owes nothing"):
        tabs.pay(s, shop_id=shop_id, customer=wang, channel="chat", now=_at("2026-03-15"), amount=Decimal("10"))
    tabs.charge(s, shop_id=shop_id, customer=wang, channel="chat", now=_at("2026-03-01"), amount=Decimal("40"))
    with pytest.raises(Invalid, match="owes only 40"):
        tabs.pay(s, shop_id=shop_id, customer=wang, channel="chat", now=_at("2026-03-15"), amount=Decimal("50"))


def test_standing_suggests_a_limit_from_how_she_paid(shop, pin_today):
    pin_today("2026-06-30")
    good, slow, new = shop.customer("王秀英"), shop.customer("李建国"), shop.customer("陈女士")
    s, shop_id = shop.session, shop.shop_id
    for month in ("01", "02", "03", "04"):
        tabs.charge(s, shop_id=shop_id, customer=good, channel="chat", now=_at(f"2026-{month}-01"),
                    amount=Decimal("400"))
        tabs.pay(s, shop_id=shop_id, customer=good, channel="chat", now=_at(f"2026-{month}-12"))
    tabs.charge(s, shop_id=shop_id, customer=slow, channel="chat", now=_at("2026-03-01"), amount=Decimal("300"))
    s.flush()
    today = dt.date(2026, 6, 30)
    standing = tabs.standing(s, shop_id=shop_id, customer=good, today=today)
    assert (standing.paid_on_time, standing.longest_wait_days, standing.suggested_limit) == (4, 11, 600)
    assert standing.explain("zh") == "赊过4次,按时还了4次,最长等了11天,现在欠0元:建议额度600元。"
    late = tabs.standing(s, shop_id=shop_id, customer=slow, today=today)
    assert (late.paid_late, late.longest_wait_days, late.balance, late.suggested_limit) == (1, 121, 300, 100)
    assert tabs.standing(s, shop_id=shop_id, customer=new, today=today).explain("en") == (
        "No tab history yet; the shop's limit of 500 yuan applies.")


def test_the_last_payment_says_all_paid_that_day(shop, pin_today):
    """Red team 16, F1: 30 and then 10 paid today is "今天还了40元", not the last 10."""
    pin_today("2026-03-15")
    zhou = shop.customer("周德明")
    s, shop_id = shop.session, shop.shop_id
    tabs.charge(s, shop_id=shop_id, customer=zhou, channel="chat", now=_at("2026-03-15"), amount=Decimal("44"))
    tabs.pay(s, shop_id=shop_id, customer=zhou, channel="chat", now=_at("2026-03-14"), amount=Decimal("0.5"))
    tabs.pay(s, shop_id=shop_id, customer=zhou, channel="chat",
             now=dt.datetime.fromisoformat("2026-03-15 11:00"), amount=Decimal("30"))
    tabs.pay(s, shop_id=shop_id, customer=zhou, channel="chat",
             now=dt.datetime.fromisoformat("2026-03-15 12:00"), amount=Decimal("10"))
    s.commit()
    item = credit_item(s, shop_id=shop_id, customer_id=zhou.id, today=dt.date(2026, 3, 15))
    assert item.sentence("zh") == "周德明欠3.5元,都是今天记的,今天还了40元。"
    assert "last paid 40 yuan today" in item.sentence("en")
