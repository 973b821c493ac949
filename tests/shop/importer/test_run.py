"""CSV import (CONTRACT §3) on both databases: what the owner sees after importing, re-importing, and a
bad file among good ones."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from assistant.db.models import Customer, Sale, SaleItem
from assistant.shop.consent import consent_history
from assistant.shop.customers import find_customer
from assistant.shop.importer import ImportRejected, import_csv
from assistant.shop.products import find_product

SALES_HEADER = "date,customer,product,quantity,unit,amount"


def test_good_import_gives_people_products_and_receipts(
    engine, session, shop_id, tmp_path, csv_files, snapshot
):
    files = csv_files
    report = import_csv(engine, shop_id=shop_id, **files)
    assert (report.customers_added, report.products_added, report.sales_added, report.sale_items_added) == (
        5,
        4,
        4,
        6,
    )

    aunt = find_customer(session, shop_id=shop_id, name="auntie wang")
    assert aunt.name == "王秀英" and aunt.phone == "13800001111" and aunt.household == "3栋2单元"
    assert (aunt.birthday_month, aunt.birthday_day, aunt.marketing_consent) == (3, 15, True)
    assert aunt.referred_by.name == "陈美玲" and aunt.referred_by.is_group_leader
    assert [(c.granted, c.source) for c in consent_history(session, customer_id=aunt.id)] == [
        (True, "import")
    ]
    homophone = find_customer(session, shop_id=shop_id, name="汪阿姨")
    assert homophone.name == "汪桂兰" and homophone.birthday_lunar and not homophone.marketing_consent
    uncle = find_customer(session, shop_id=shop_id, name="李叔")
    assert uncle.phone == "13800003333"  # dashes dropped
    assert {t.name: t.sensitive for t in uncle.tags} == {"高血压": True, "低钠": False}
    assert {t.name for t in find_customer(session, shop_id=shop_id, name="张姐").tags} == {
        "有小孩",
        "花生过敏",
    }

    soy = find_product(session, shop_id=shop_id, name="low sodium soy sauce")
    assert (
        soy.stock == Decimal("3") and soy.unit == "瓶" and {t.name for t in soy.suits} == {"高血压", "低钠"}
    )

    receipts = (
        session.execute(select(Sale).where(Sale.shop_id == shop_id).order_by(Sale.sold_at)).scalars().all()
    )
    first = receipts[0]
    assert first.customer_id == aunt.id and first.amount == Decimal("207.90") and len(first.items) == 2
    assert first.channel == "import" and first.import_key
    assert receipts[1].promotion.name == "满减券"
    walk_in = receipts[2]
    assert walk_in.customer_id is None and [i.quantity for i in walk_in.items] == [1, 1]
    # An empty amount is priced from the product; the promotion column names the promotion.
    assert receipts[3].amount == Decimal("15.80") and receipts[3].promotion.name == "试用装"
    # Imported sales are history: they do not move stock (the products file sets it).
    assert find_product(session, shop_id=shop_id, name="东北大米").stock == Decimal("40")


def test_second_import_changes_no_row(engine, session, shop_id, tmp_path, csv_files, snapshot):
    files = csv_files
    import_csv(engine, shop_id=shop_id, **files)
    before = snapshot(session)
    again = import_csv(engine, shop_id=shop_id, **files)
    assert not again.changed and again.sales_already_there == 4
    assert snapshot(session) == before


def test_bad_sales_file_keeps_the_customers_file_just_imported(
    engine, session, shop_id, tmp_path, csv_files, snapshot
):
    files = csv_files
    files["sales"].write_text(f"{SALES_HEADER}\n2026-03-01,王阿姨,黄金大米,1,袋,59\n", encoding="utf-8")
    with pytest.raises(ImportRejected):
        import_csv(engine, shop_id=shop_id, **files)
    assert session.execute(select(func.count(Customer.id))).scalar() == 5
    assert session.execute(select(func.count(SaleItem.id))).scalar() == 0
