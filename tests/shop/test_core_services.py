"""Customers, consent, sales and stock on both databases: what the owner sees after each change."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from assistant.db.models import AuditEntry, Sale
from assistant.errors import Invalid
from assistant.shop.consent import consent_history, record_consent
from assistant.shop.customers import (
    Birthday,
    add_customer,
    customer_facts,
    customers_named,
    find_customer,
    restore_customer,
    update_customer,
)
from assistant.shop.products import add_product, products_matching
from assistant.shop.sales import SaleLine, last_sale_of_conversation, log_sale, void_sale
from assistant.shop.sales_query import active_sale_items
from assistant.shop.stock import stock_in


def test_customer_found_by_alias_and_ambiguity_kept(session, shop_id):
    add_customer(session, shop_id=shop_id, name="王秀英", aliases=["王阿姨", "Auntie Wang"], channel="cli")
    add_customer(session, shop_id=shop_id, name="汪桂兰", aliases=["王阿姨"], channel="cli")
    session.commit()
    assert find_customer(session, shop_id=shop_id, name="auntie wang").name == "王秀英"
    assert find_customer(session, shop_id=shop_id, name="王阿姨") is None  # two people: ask, don't guess
    assert [c.name for c in customers_named(session, shop_id=shop_id, name="王阿姨")] == ["王秀英", "汪桂兰"]


def test_bad_customer_fields_refused(session, shop_id):
    with pytest.raises(Invalid) as error:
        add_customer(session, shop_id=shop_id, name="陈女士", phone="call me", channel="cli")
    assert error.value.field == "phone"
    with pytest.raises(Invalid):
        Birthday.parse("2023-02-29")
    assert str(Birthday.parse("农历08-15")) == "农历08-15"


def test_update_customer_tags_sensitive_and_audited(session, shop_id):
    uncle = add_customer(session, shop_id=shop_id, name="李建国", channel="chat")
    changes = update_customer(session, uncle, channel="chat", add_tags=["高血压"], add_note="要低钠酱油")
    session.commit()
    assert changes["tags_added"] == ["高血压"]
    assert uncle.tags[0].sensitive and uncle.tags[0].kind == "health"
    actions = session.execute(select(AuditEntry.action).where(AuditEntry.entity_id == uncle.id)).scalars().all()
    assert actions == ["add", "update"]


def test_a_new_day_and_month_keep_the_birth_year_and_restore_puts_all_back(session, shop_id):
    # Owner trial 13 (W3): "小赵生日改成5月4号" erased 1992, and her age with it.
    zhao = add_customer(session, shop_id=shop_id, name="赵敏", phone="13800001111", channel="cli",
                        birthday=Birthday.parse("1993-03-01"))
    before = customer_facts(zhao)
    update_customer(session, zhao, channel="chat", birthday=Birthday.parse("5月4日"), phone="13912345678",
                    keep_birth_year=True)
    assert (zhao.birthday_year, zhao.birthday_month, zhao.birthday_day) == (1993, 5, 4)
    update_customer(session, zhao, channel="chat", birthday=Birthday.parse("02-29"), keep_birth_year=True)
    assert zhao.birthday_year is None  # 1993 had no 29 February: a year kept would be no real date
    update_customer(session, zhao, channel="web", birthday=Birthday.parse("1993-05-04"))
    update_customer(session, zhao, channel="web", birthday=Birthday.parse("05-04"))
    assert zhao.birthday_year is None  # a form's field holds the whole birthday: the year taken out is gone
    restore_customer(session, zhao, channel="chat", before={k: before[k] for k in ("phone", "birthday")})
    session.commit()
    assert (zhao.birthday_year, zhao.birthday_month, zhao.birthday_day, zhao.phone) == (1993, 3, 1, "13800001111")
    actions = session.execute(select(AuditEntry.action).where(AuditEntry.entity_id == zhao.id)
                              .order_by(AuditEntry.id)).scalars().all()
    assert actions == ["add", "update", "update", "update", "update", "undo_update"]


def test_consent_history_and_current_state(session, shop_id):
    aunt = add_customer(session, shop_id=shop_id, name="王秀英", channel="import", marketing_consent=True)
    record_consent(session, customer=aunt, purpose="marketing", granted=False, source="counter", note="不想收消息")
    session.commit()
    assert aunt.marketing_consent is False
    assert [(c.granted, c.source) for c in consent_history(session, customer_id=aunt.id)] == [
        (True, "import"), (False, "counter")]


def test_sale_priced_from_product_stock_moves_and_void_restores(session, shop_id):
    rice = add_product(session, shop_id=shop_id, name="东北大米", category="米", unit="袋", price=Decimal("60"),
                       channel="cli")
    stock_in(session, product=rice, quantity=Decimal("30"), channel="counter")
    aunt = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")
    sale = log_sale(session, shop_id=shop_id, customer=aunt, channel="chat", conversation_id="c1",
                    lines=[SaleLine(product=rice, quantity=Decimal("2"))])
    session.commit()
    assert sale.amount == Decimal("120.00") and rice.stock == Decimal("28")
    assert last_sale_of_conversation(session, shop_id=shop_id, conversation_id="c1").id == sale.id

    void_sale(session, shop_id=shop_id, sale_id=sale.id, channel="chat", conversation_id="c1")
    session.commit()
    assert rice.stock == Decimal("30")
    assert session.execute(select(func.count()).select_from(active_sale_items().subquery())).scalar() == 0
    assert session.execute(select(func.count(Sale.id))).scalar() == 2  # the original row is still there
    assert last_sale_of_conversation(session, shop_id=shop_id, conversation_id="c1") is None
    with pytest.raises(Invalid):
        void_sale(session, shop_id=shop_id, sale_id=sale.id, channel="chat")


def test_category_matches_every_product_of_it(session, shop_id):
    for name in ("东北大米", "泰国香米"):
        add_product(session, shop_id=shop_id, name=name, category="米", unit="袋", channel="cli")
    add_product(session, shop_id=shop_id, name="花生油", category="油", unit="桶", channel="cli")
    assert sorted(p.name for p in products_matching(session, shop_id=shop_id, name="米")) == ["东北大米", "泰国香米"]


def test_negative_quantity_refused_and_nothing_written(session, shop_id):
    rice = add_product(session, shop_id=shop_id, name="东北大米", unit="袋", channel="cli")
    session.commit()
    with pytest.raises(Invalid):
        log_sale(session, shop_id=shop_id, channel="chat", lines=[SaleLine(product=rice, quantity=Decimal("-1"))])
    session.rollback()
    assert session.execute(select(func.count(Sale.id))).scalar() == 0


def test_a_sale_said_in_english_keeps_the_shops_unit(session, shop_id):
    # "a tub of rapeseed oil" on the phone page was stored as unit 'tub', and Chinese answers said "菜籽油1tub"
    oil = add_product(session, shop_id=shop_id, name="菜籽油", unit="桶", price=Decimal("69.9"), channel="cli")
    rice = add_product(session, shop_id=shop_id, name="东北大米", unit="袋", price=Decimal("59"), channel="cli")
    sale = log_sale(session, shop_id=shop_id, channel="chat",
                    lines=[SaleLine(product=oil, quantity=Decimal("1"), unit="tub"),
                           SaleLine(product=rice, quantity=Decimal("2"), unit="bags"),
                           SaleLine(product=rice, quantity=Decimal("3"), unit="jin")])
    session.commit()
    assert [item.unit for item in sale.items] == ["桶", "袋", "斤"]
