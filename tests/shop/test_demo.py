"""The demo shop 禾香粮油: deterministic, quick, and with the rhythms and people the reports talk about."""

from __future__ import annotations

import datetime as dt
import statistics
import time

from sqlalchemy import func, select

from assistant.db.models import Customer, CustomerRequest, Product, Promotion, Sale, SaleItem
from assistant.shop.customers import birthday_of, find_customer
from assistant.shop.demo import build_demo, load_demo
from assistant.shop.demo.benchmark import generate_demo_csv
from assistant.shop.export import export_csv
from assistant.shop.sales_query import active_sale_items
from assistant.shop.shops import default_shop_id

TODAY = dt.date(2026, 3, 15)


def _days_bought(session, customer_id: int, category: str) -> list[dt.date]:  # noqa: ANN001
    items = active_sale_items().subquery()
    rows = session.execute(
        select(items.c.sold_at)
        .join(Product, Product.id == items.c.product_id)
        .where(items.c.customer_id == customer_id, Product.category == category)
        .order_by(items.c.sold_at)
    ).scalars()
    return sorted({when.date() for when in rows})


def test_same_seed_same_shop_other_seed_other_shop(sqlite_engine, pin_today, tmp_path):
    pin_today("2026-03-15")
    load_demo(sqlite_engine, seed=7)
    export_csv(sqlite_engine, tmp_path / "a")
    load_demo(sqlite_engine, seed=7)  # reloading replaces, it does not add
    export_csv(sqlite_engine, tmp_path / "b")
    for name in ("customers.csv", "products.csv", "sales.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert build_demo(seed=8, today=TODAY).sales != build_demo(seed=7, today=TODAY).sales


def test_built_twice_with_the_same_seed_and_today_the_demo_is_identical():
    first, second = build_demo(seed=7, today=TODAY), build_demo(seed=7, today=TODAY)
    assert first == second
    assert first.sales[-1][0].startswith("2026-03-15") and len(first.customers) == 80
    assert build_demo(seed=7, today=TODAY + dt.timedelta(days=1)) != first


def test_the_benchmark_shop_is_the_same_for_the_same_seed(tmp_path):
    first = generate_demo_csv(tmp_path / "a", customers=300, sale_items=2000, seed=3, today=TODAY)
    second = generate_demo_csv(tmp_path / "b", customers=300, sale_items=2000, seed=3, today=TODAY)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert len(second[2].read_text(encoding="utf-8").splitlines()) == 2001  # header + sale items


def test_demo_loads_quickly_with_a_year_of_sales(engine, session, pin_today):
    pin_today("2026-03-15")
    started = time.perf_counter()
    summary = load_demo(engine)
    assert time.perf_counter() - started < 15  # seconds, even on a busy 2-core machine
    assert "80 customers, 20 products" in summary
    first, last = session.execute(select(func.min(Sale.sold_at), func.max(Sale.sold_at))).one()
    assert first.date() == TODAY - dt.timedelta(days=364) and last.date() == TODAY
    walk_ins = session.execute(select(func.count(Sale.id)).where(Sale.customer_id.is_(None))).scalar()
    assert walk_ins > 1000
    assert session.execute(select(func.count(Sale.id)).where(Sale.kind == "void")).scalar() == 5


def test_regulars_have_the_rhythms_the_reports_find(engine, session, pin_today):
    pin_today("2026-03-15")
    load_demo(engine)
    shop_id = default_shop_id(session)
    aunt = find_customer(session, shop_id=shop_id, name="王阿姨")
    rice_days = _days_bought(session, aunt.id, "米")
    assert len(rice_days) >= 11 and all(13 <= d.day <= 17 for d in rice_days)  # monthly, around the 15th
    flour_days = _days_bought(session, find_customer(session, shop_id=shop_id, name="周师傅").id, "面粉")
    gaps = [b - a for a, b in zip(flour_days, flour_days[1:], strict=False)]
    assert statistics.median(gaps) == dt.timedelta(days=7)  # weekly
    lapsed = _days_bought(session, find_customer(session, shop_id=shop_id, name="孙阿姨").id, "米")
    assert 60 <= (TODAY - lapsed[-1]).days <= 120 and len(lapsed) > 5


def test_the_people_of_the_examples_are_there(engine, session, pin_today):
    pin_today("2026-03-15")
    load_demo(engine)
    shop_id = default_shop_id(session)
    assert find_customer(session, shop_id=shop_id, name="汪阿姨").name == "汪桂兰"
    mrs_liu = find_customer(session, shop_id=shop_id, name="Mrs Liu")
    birthday = birthday_of(mrs_liu)
    assert 0 <= (dt.date(2026, birthday.month, birthday.day) - TODAY).days < 7
    uncle = find_customer(session, shop_id=shop_id, name="Uncle Li")
    assert any(t.name == "高血压" and t.sensitive for t in uncle.tags)
    asked = (
        session.execute(
            select(Product.name)
            .join(CustomerRequest, CustomerRequest.product_id == Product.id)
            .where(CustomerRequest.customer_id == uncle.id)
        )
        .scalars()
        .all()
    )
    assert asked == ["低钠酱油"]
    sister = find_customer(session, shop_id=shop_id, name="张姐")
    assert {"有小孩", "花生过敏"} <= {t.name for t in sister.tags}
    bought = (
        session.execute(
            select(Product.name)
            .join(SaleItem, SaleItem.product_id == Product.id)
            .where(SaleItem.customer_id == sister.id)
        )
        .scalars()
        .all()
    )
    assert bought and "花生油" not in bought
    leader = find_customer(session, shop_id=shop_id, name="陈团长")
    assert leader.is_group_leader and leader.commission_rate > 0
    assert (
        session.execute(select(func.count(Customer.id)).where(Customer.referred_by_id == leader.id)).scalar()
        >= 5
    )
    assert (
        session.execute(
            select(func.count(Customer.id)).where(Customer.birthday_month == 2, Customer.birthday_day == 29)
        ).scalar()
        >= 1
    )
    assert (
        session.execute(select(func.count(Customer.id)).where(Customer.birthday_lunar.is_(True))).scalar()
        >= 2
    )
    low = session.execute(select(Product.name).where(Product.stock <= 3)).scalars().all()
    assert "低钠酱油" in low and len(low) >= 3
    used = session.execute(
        select(Promotion.name, func.count(Sale.id))
        .join(Sale, Sale.promotion_id == Promotion.id)
        .group_by(Promotion.name)
    ).all()
    assert {name for name, count in used if count >= 5} == {"满减券", "试用装"}
    consents = session.execute(
        select(Customer.marketing_consent, func.count(Customer.id)).group_by(Customer.marketing_consent)
    ).all()
    assert dict(consents)[True] > dict(consents)[False] > 0


def test_the_demo_has_a_few_settled_tabs_and_nobody_owes_anything(sqlite_engine, pin_today):
    from assistant.db import session_scope
    from assistant.shop import credit
    from assistant.shop.demo.load import EXAMPLE_NAMES
    from assistant.shop.reports import run_report

    pin_today("2026-03-15")
    load_demo(sqlite_engine)
    with session_scope(sqlite_engine) as session:
        shop_id = default_shop_id(session)
        tabs = credit.all_tabs(session, shop_id=shop_id)
        people = {session.get(Customer, customer_id).name: tab for customer_id, tab in tabs.items()}
        assert len(people) == 3 and not set(people) & EXAMPLE_NAMES
        assert all(tab.balance == 0 and tab.charges and tab.payments for tab in people.values())
        waits = sorted(credit.standing(session, shop_id=shop_id, customer=find_customer(
            session, shop_id=shop_id, name=name), today=TODAY).longest_wait_days for name in people)
        assert waits[-1] >= 40 > waits[0]  # one neighbour let a tab wait
        assert run_report(session, "credit", shop_id=shop_id, options={}).items == []
