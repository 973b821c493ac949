"""Customer search as the owner types it on a phone, and the web pages' figures, on both databases."""

import datetime as dt
from decimal import Decimal

from assistant.shop.customers import add_customer
from assistant.shop.dashboard import customer_visits, stock_overview, weekly_takings
from assistant.shop.products import add_product
from assistant.shop.sales import SaleLine, log_sale, void_sale
from assistant.shop.search import search_customers, spellings


def names(session, shop_id, query):
    return [c.name for c in search_customers(session, shop_id=shop_id, query=query)]


def test_spellings_of_a_chinese_name():
    assert spellings("王秀英").initials == "wxy"
    assert spellings("王秀英").pinyin == "wangxiuying"


def test_search_by_name_alias_initials_and_phone(session, shop_id):
    add_customer(
        session,
        shop_id=shop_id,
        name="王秀英",
        aliases=["王阿姨", "Auntie Wang"],
        phone="13857101234",
        channel="cli",
    )
    add_customer(
        session, shop_id=shop_id, name="汪桂兰", aliases=["汪阿姨"], phone="13957102345", channel="cli"
    )
    add_customer(session, shop_id=shop_id, name="王建林", channel="cli")
    session.commit()
    assert names(session, shop_id, "wxy") == ["王秀英"]
    assert set(names(session, shop_id, "wang")) == {"王秀英", "王建林", "汪桂兰"}
    assert names(session, shop_id, "阿姨") == ["汪桂兰", "王秀英"]
    assert names(session, shop_id, "auntie") == ["王秀英"]
    assert names(session, shop_id, "139 5710") == ["汪桂兰"]
    assert names(session, shop_id, "王秀英")[0] == "王秀英"
    assert names(session, shop_id, "xyz") == []


def test_visits_leave_out_voided_sales_and_weeks_add_up(session, shop_id, pin_today):
    pin_today("2026-03-15")
    aunt = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")
    rice = add_product(
        session, shop_id=shop_id, name="东北大米", unit="袋", price=Decimal("59"), channel="cli"
    )
    log_sale(
        session,
        shop_id=shop_id,
        customer=aunt,
        channel="cli",
        sold_at=dt.datetime(2026, 3, 2, 10),
        lines=[SaleLine(product=rice, quantity=Decimal(1), amount=Decimal("59"))],
    )
    wrong = log_sale(
        session,
        shop_id=shop_id,
        customer=aunt,
        channel="cli",
        sold_at=dt.datetime(2026, 3, 14, 10),
        lines=[SaleLine(product=rice, quantity=Decimal(2), amount=Decimal("118"))],
    )
    void_sale(session, shop_id=shop_id, sale_id=wrong.id, channel="cli")
    session.commit()
    visits = customer_visits(session, customer_id=aunt.id)
    assert [(v.day, v.amount) for v in visits] == [(dt.date(2026, 3, 2), Decimal("59"))]
    weeks = weekly_takings(session, shop_id=shop_id)
    assert len(weeks) == 8 and weeks[-1].end == dt.date(2026, 3, 15)
    assert sum(w.takings for w in weeks) == Decimal("59")
    assert [i.product for i in stock_overview(session, shop_id=shop_id)] == ["东北大米"]
