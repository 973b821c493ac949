"""Today's to-do list: arrivals to tell, phones to call, birthdays already greeted marked done."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from assistant.db import session_scope
from assistant.db.models import Customer, Greeting, Product
from assistant.shop.customer_filters import find_customers, shop_tags
from assistant.shop.customers import Birthday, add_customer
from assistant.shop.products import add_product
from assistant.shop.stock import stock_in
from assistant.shop.todo import todays_tasks

TODAY = dt.date(2026, 3, 15)


def test_goods_that_arrived_make_tell_her_tasks_with_her_phone(shop_db, pin_today):
    pin_today(TODAY.isoformat())
    with session_scope(shop_db) as session:
        add_customer(session, shop_id=1, name="李阿姨", phone="13900002222", tags=["高血压"], channel="cli",
                     marketing_consent=True)
        sauce = add_product(session, shop_id=1, name="低钠酱油", unit="瓶", suits=["高血压"], channel="cli")
    with session_scope(shop_db) as session:
        assert not [t for t in todays_tasks(session, shop_id=1, today=TODAY) if t.kind == "arrival"]
        stock_in(session, product=session.get(Product, sauce.id), quantity=Decimal(12), channel="cli")
    with session_scope(shop_db) as session:
        arrivals = [t for t in todays_tasks(session, shop_id=1, today=TODAY) if t.kind == "arrival"]
    assert [(t.customer, t.phone, t.why_zh) for t in arrivals] == [("李阿姨", "13900002222", "低钠酱油到了,告诉李阿姨")]
    assert arrivals[0].why_en == "低钠酱油 arrived: tell 李阿姨"


def test_a_birthday_greeted_today_is_done(shop_db, pin_today):
    pin_today(TODAY.isoformat())
    with session_scope(shop_db) as session:
        customer = add_customer(session, shop_id=1, name="生日婆婆", birthday=Birthday.parse("03-15"), channel="cli",
                                marketing_consent=True)
        session.flush()
        customer_id = customer.id
    with session_scope(shop_db) as session:
        birthday = [t for t in todays_tasks(session, shop_id=1, today=TODAY) if t.customer_id == customer_id]
        assert [t.kind for t in birthday] == ["birthday"] and not birthday[0].done
        session.add(Greeting(shop_id=1, customer_id=customer_id, occasion="生日", text="生日快乐", source="composed"))
    with session_scope(shop_db) as session:
        task = next(t for t in todays_tasks(session, shop_id=1, today=TODAY) if t.kind == "birthday")
    assert task.done


def test_customer_list_filters_by_birthday_month_and_tag(shop_db, pin_today):
    pin_today(TODAY.isoformat())
    with session_scope(shop_db) as session:
        add_customer(session, shop_id=1, name="三月生", birthday=Birthday.parse("3月28日"), tags=["素食"], channel="cli")
        add_customer(session, shop_id=1, name="七月生", birthday=Birthday.parse("7-02"), tags=["素食"], channel="cli")
    with session_scope(shop_db) as session:
        march = find_customers(session, shop_id=1, show="birthday", today=TODAY)
        vegetarians = find_customers(session, shop_id=1, tag="素食", today=TODAY)
        assert [c.name for c in march] == ["三月生"]
        assert sorted(c.name for c in vegetarians) == ["七月生", "三月生"]
        assert "素食" in shop_tags(session, shop_id=1)
        assert len(find_customers(session, shop_id=1, today=TODAY)) == session.query(Customer).count()
