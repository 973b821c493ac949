"""The precomputed figures follow every sale and void, and a full rebuild gives the same rows."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import select, update

from assistant.db.models import ProductDailySales, Promotion, PromotionUse, PurchaseStat, Shop, ShopDailySales
from assistant.shop.customers import add_customer
from assistant.shop.products import add_product
from assistant.shop.purchase_stats import FIGURES_VERSION, rebuild, refresh_outdated
from assistant.shop.sales import SaleLine, log_sale, void_sale


def snapshot(session):
    stats = session.execute(
        select(PurchaseStat).order_by(PurchaseStat.customer_id, PurchaseStat.item_key)
    ).scalars()
    daily = session.execute(
        select(ProductDailySales).order_by(ProductDailySales.product_id, ProductDailySales.day)
    ).scalars()
    uses = session.execute(select(PromotionUse).order_by(PromotionUse.promotion_id)).scalars()
    takings = session.execute(select(ShopDailySales).order_by(ShopDailySales.day)).scalars()
    return (
        [
            (
                s.customer_id,
                s.item_key,
                s.purchases,
                s.last_day,
                Decimal(s.total_quantity),
                s.next_due,
                s.lapse_after,
            )
            for s in stats
        ],
        [(d.product_id, d.day, Decimal(d.quantity), Decimal(d.amount)) for d in daily],
        [(u.promotion_id, u.customer_id, u.first_day, u.uses, u.came_back) for u in uses],
        [(t.day, t.sales, Decimal(t.amount)) for t in takings if t.sales],
    )


def test_incremental_figures_equal_a_rebuild(session, shop_id):
    rice = add_product(
        session,
        shop_id=shop_id,
        name="东北大米",
        category="米",
        unit="袋",
        price=Decimal("60"),
        channel="cli",
    )
    oil = add_product(
        session, shop_id=shop_id, name="花生油", category="油", unit="桶", price=Decimal("90"), channel="cli"
    )
    aunt = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")

    coupon = Promotion(shop_id=shop_id, name="满减券")
    session.add(coupon)
    session.flush()

    def sell(day, *lines, customer=aunt, promotion=None):
        return log_sale(
            session,
            shop_id=shop_id,
            channel="cli",
            customer=customer,
            promotion=promotion,
            sold_at=dt.datetime.fromisoformat(day),
            lines=[SaleLine(product=p, quantity=Decimal(q)) for p, q in lines],
        )

    sell("2026-01-01 09:00", (rice, "1"), (oil, "1"), promotion=coupon)
    sell("2026-01-01 17:00", (rice, "1"))
    middle = sell("2026-01-20 10:00", (rice, "2"))
    sell("2026-02-25 10:00", (rice, "1"), (oil, "1"))
    sell("2026-02-25 11:00", (oil, "2"), customer=None)
    void_sale(session, shop_id=shop_id, sale_id=middle.id, channel="cli")
    session.commit()
    incremental = snapshot(session)
    rows = {key: (purchases, last, qty) for _, key, purchases, last, qty, *_ in incremental[0]}
    assert rows[f"p:{rice.id}"] == (2, dt.date(2026, 2, 25), Decimal("3"))  # the void took Jan 20 away
    assert rows["c:米"] == (2, dt.date(2026, 2, 25), Decimal("3"))
    assert rows["*"] == (2, dt.date(2026, 2, 25), Decimal("2"))  # visits: one per day, whatever the quantity
    assert (rice.id, dt.date(2026, 1, 20), Decimal("0"), Decimal("0")) in incremental[1]
    # Her only visit within 30 days of using the coupon was voided: she did not come back.
    assert incremental[2] == [(coupon.id, aunt.id, dt.date(2026, 1, 1), 1, False)]

    rebuild(session, shop_id=shop_id)
    session.commit()
    rebuilt = snapshot(session)
    assert rebuilt[0] == incremental[0]
    # The rebuild has no row for a day whose only sale was voided; every other day agrees.
    assert rebuilt[1] == [row for row in incremental[1] if row[2] or row[3]]
    assert rebuilt[2] == incremental[2]
    assert (
        rebuilt[3]
        == incremental[3]
        == [(dt.date(2026, 1, 1), 2, Decimal("210.00")), (dt.date(2026, 2, 25), 2, Decimal("330.00"))]
    )


def _every_column(session):
    stats = session.execute(
        select(PurchaseStat.__table__).order_by(PurchaseStat.customer_id, PurchaseStat.item_key)
    )
    uses = session.execute(select(PromotionUse.__table__).order_by(PromotionUse.customer_id))
    return [row[1:] for row in stats], [tuple(row) for row in uses]


def test_rebuild_in_worker_processes_writes_the_same_rows(session, shop_id):
    rice = add_product(
        session,
        shop_id=shop_id,
        name="东北大米",
        category="米",
        unit="袋",
        price=Decimal("60"),
        channel="cli",
    )
    flour = add_product(session, shop_id=shop_id, name="面粉", unit="斤", price=Decimal("4.5"), channel="cli")
    coupon = Promotion(shop_id=shop_id, name="满减券")
    session.add(coupon)
    session.flush()
    people = [
        add_customer(session, shop_id=shop_id, name=name, channel="cli")
        for name in ("王秀英", "李建国", "张伟")
    ]
    for n, person in enumerate(people):
        for month in range(1, 6):
            log_sale(
                session,
                shop_id=shop_id,
                channel="cli",
                customer=person,
                promotion=coupon if month == 2 else None,
                sold_at=dt.datetime(2025, month, 10 + n, 9),
                lines=[
                    SaleLine(product=rice, quantity=Decimal(1 + month % 2)),
                    SaleLine(product=flour, quantity=Decimal("2.5")),
                ],
            )
    rebuild(session, shop_id=shop_id, workers=1)
    in_process = _every_column(session)
    rebuild(session, shop_id=shop_id, workers=2)
    assert _every_column(session) == in_process
    assert len(in_process[0]) == 3 * 4 and len(in_process[1]) == 3  # product, category, flour, visits; uses


def test_remembered_single_purchases_give_the_same_rows():
    # The rebuild remembers the figures of one-off purchases across customers; each row must be the one
    # computed afresh, whatever the customers share (same day and amount) or not.
    from assistant.shop.purchase_stats.rows import Item, stat_rows

    day = dt.date(2017, 3, 1)
    histories = {
        1: [Item(7, "米", "袋", day, 1.0, 60.0, None), Item(8, "油", "桶", day, 1.0, 90.0, None)],
        2: [Item(7, "米", "袋", day, 1.0, 60.0, None), Item(8, "油", "桶", day, 2.0, 180.0, None)],
        3: [Item(7, "米", "袋", day, 1.0, 60.0, None), Item(7, "米", "袋", day + dt.timedelta(days=30), 1.0, 60.0, 4)],
        4: [Item(9, "", "", day, 1.0, 60.0, None)],
    }
    memo: dict = {}
    for customer_id, items in histories.items():
        remembered = list(stat_rows(shop_id=1, customer_id=customer_id, items=items, memo=memo))
        assert remembered == list(stat_rows(shop_id=1, customer_id=customer_id, items=items))
    assert memo  # the one-off purchases were remembered


def test_a_shop_whose_figures_an_earlier_method_computed_is_rebuilt_once(engine, session, shop_id):
    rice = add_product(
        session, shop_id=shop_id, name="东北大米", category="米", unit="袋", price=Decimal("60"), channel="cli"
    )
    aunt = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")
    for day in ("2025-11-10", "2025-12-10", "2026-01-09", "2026-02-08"):
        log_sale(session, shop_id=shop_id, channel="cli", customer=aunt,
                 sold_at=dt.datetime.fromisoformat(f"{day} 10:00"), lines=[SaleLine(product=rice, quantity=Decimal("1"))])
    session.commit()
    expected = snapshot(session)
    # Sales logged one by one record no method: the first opening rebuilds, the next finds it current.
    session.execute(update(PurchaseStat).values(lapse_after=dt.date(2026, 1, 1)))  # as an earlier method
    session.commit()
    assert refresh_outdated(engine) == {shop_id: len(expected[0])}
    assert refresh_outdated(engine) == {}
    session.expire_all()
    assert snapshot(session) == expected
    assert session.get(Shop, shop_id).figures_version == FIGURES_VERSION
    # A method changed later: stamped otherwise, rebuilt again.
    session.execute(update(Shop).values(figures_version="an earlier forecast"))
    session.commit()
    assert list(refresh_outdated(engine)) == [shop_id]
