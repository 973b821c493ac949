"""Which sales count, on both databases: a voided sale and its items drop out of every form of the rule."""

from decimal import Decimal

from sqlalchemy import func, select, text

from assistant.db.models import Sale, SaleItem
from assistant.shop.customers import add_customer
from assistant.shop.products import add_product
from assistant.shop.sales import SaleLine, is_voided, log_sale, void_sale
from assistant.shop.sales_query import active_sale_items, item_counts, not_voided_sql, sale_counts, voided


def test_a_voided_sale_stops_counting_everywhere(session, shop_id):
    rice = add_product(session, shop_id=shop_id, name="东北大米", category="米", unit="袋", price=Decimal("59"),
                       channel="cli")
    oil = add_product(session, shop_id=shop_id, name="花生油", category="油", unit="桶", price=Decimal("89.90"),
                      channel="cli")
    aunt = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")
    kept = log_sale(session, shop_id=shop_id, customer=aunt, channel="counter",
                    lines=[SaleLine(product=rice, quantity=Decimal("2")), SaleLine(product=oil, quantity=Decimal("1"))])
    wrong = log_sale(session, shop_id=shop_id, customer=aunt, channel="counter",
                     lines=[SaleLine(product=oil, quantity=Decimal("3"))])
    void = void_sale(session, shop_id=shop_id, sale_id=wrong.id, channel="counter")
    session.commit()

    assert [i.sale_id for i in session.execute(active_sale_items()).scalars()] == [kept.id, kept.id]
    assert session.execute(select(Sale.id).where(sale_counts())).scalars().all() == [kept.id]  # void row too
    assert session.execute(select(func.count(SaleItem.id)).where(item_counts())).scalar() == 2
    flags = dict(session.execute(select(Sale.id, voided(Sale.id)).order_by(Sale.id)).all())
    assert flags == {kept.id: False, wrong.id: True, void.id: False}
    assert (is_voided(session, sale_id=wrong.id), is_voided(session, sale_id=kept.id)) == (True, False)
    # the hand-written form (purchase statistics' streaming rebuild) agrees with the expression
    raw = session.execute(text(f"SELECT si.sale_id FROM sale_items si WHERE {not_voided_sql('si.sale_id')}"))
    assert sorted(raw.scalars()) == [kept.id, kept.id]
