"""Export, a person's own copy, and erasure on both databases."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal

from sqlalchemy import func, select

from assistant.db.models import (
    AuditEntry,
    Consent,
    Customer,
    CustomerRequest,
    Greeting,
    Product,
    Sale,
    SaleItem,
)
from assistant.shop.customers import add_customer, customers_named, find_customer
from assistant.shop.demo import load_demo
from assistant.shop.export import erase_customer, export_csv, export_customer
from assistant.shop.importer import import_csv
from assistant.shop.products import add_product
from assistant.shop.shops import clear_shop, default_shop_id


def _files(folder) -> dict[str, str]:  # noqa: ANN001
    return {
        name: (folder / f"{name}.csv").read_text(encoding="utf-8")
        for name in ("customers", "products", "sales")
    }


def test_export_then_import_into_an_empty_shop_gives_the_same_data(engine, session, pin_today, tmp_path):
    pin_today("2026-03-15")
    load_demo(engine, seed=3)
    first = tmp_path / "first"
    export_csv(engine, first)
    shop_id = default_shop_id(session)
    clear_shop(session, shop_id=shop_id)
    session.commit()
    assert session.execute(select(func.count(Customer.id))).scalar() == 0

    import_csv(
        engine, customers=first / "customers.csv", products=first / "products.csv", sales=first / "sales.csv"
    )
    second = tmp_path / "second"
    export_csv(engine, second)
    assert _files(second) == _files(first)
    header, *rows = _files(first)["sales"].splitlines()
    assert header == "date,customer,product,quantity,unit,amount,promotion" and len(rows) > 3000
    assert any(row.startswith("2026-") and ",王秀英,东北大米,2,袋,118.00," in row for row in rows)


def test_a_persons_copy_holds_everything_about_them(engine, session, pin_today):
    pin_today("2026-03-15")
    load_demo(engine)
    uncle = find_customer(session, shop_id=default_shop_id(session), name="李叔")
    copy = export_customer(session, uncle, now=dt.datetime(2026, 3, 15, 9, 30))
    json.dumps(copy, ensure_ascii=False)  # JSON-ready as it is
    assert copy["exported_at"] == "2026-03-15T09:30:00"
    assert copy["profile"]["name"] == "李建国" and copy["profile"]["aliases"] == ["李叔", "Uncle Li"]
    assert {"name": "高血压", "kind": "health", "sensitive": True} in copy["tags"]
    assert copy["consents"][0]["purpose"] == "marketing"
    assert copy["requests"][0]["product"] == "低钠酱油"
    assert len(copy["purchases"]) > 10 and all(p["product"] for p in copy["purchases"])


def test_erase_removes_the_person_and_keeps_the_books(engine, session, pin_today, tmp_path):
    pin_today("2026-03-15")
    load_demo(engine)
    shop_id = default_shop_id(session)
    aunt = find_customer(session, shop_id=shop_id, name="王秀英")
    aunt_id = aunt.id
    data_dir = tmp_path / "shop-data"  # the caller's data folder, not the settings' (tmp_path / "data")
    audio = data_dir / "greetings" / "wang.mp3"
    audio.parent.mkdir(parents=True)
    audio.write_bytes(b"ID3")
    session.add(
        Greeting(
            shop_id=shop_id,
            customer_id=aunt_id,
            occasion="birthday",
            text="王阿姨生日快乐",
            audio_path="greetings/wang.mp3",
            source="recorded",
        )
    )
    rice = session.execute(select(Product.id).where(Product.name == "五常大米")).scalar_one()
    session.add(CustomerRequest(shop_id=shop_id, customer_id=aunt_id, product_id=rice))
    session.commit()
    takings = session.execute(select(func.sum(SaleItem.amount))).scalar()
    her_sales = session.execute(select(func.count(Sale.id)).where(Sale.customer_id == aunt_id)).scalar()

    counts = erase_customer(session, customer=aunt, channel="cli", data_dir=data_dir)
    session.commit()

    assert counts["sales_anonymised"] == her_sales > 10 and counts["audio_files"] == 1 and not audio.exists()
    assert session.get(Customer, aunt_id) is None
    assert customers_named(session, shop_id=shop_id, name="王阿姨") == []
    assert session.execute(select(func.sum(SaleItem.amount))).scalar() == takings  # the books are whole
    assert (
        session.execute(select(func.count(SaleItem.id)).where(SaleItem.customer_id == aunt_id)).scalar() == 0
    )
    for table in (Greeting, CustomerRequest, Consent):
        assert (
            session.execute(
                select(func.count()).select_from(table).where(table.customer_id == aunt_id)
            ).scalar()
            == 0
        )
    entries = (
        session.execute(
            select(AuditEntry).where(AuditEntry.entity == "customer", AuditEntry.entity_id == aunt_id)
        )
        .scalars()
        .all()
    )
    erasure = [e for e in entries if e.action == "erase"]
    assert len(erasure) == 1 and "王" not in json.dumps(erasure[0].detail, ensure_ascii=False)
    assert all("王秀英" not in json.dumps(e.detail, ensure_ascii=False) for e in entries)


def test_cells_a_spreadsheet_would_run_are_quoted_and_a_reimport_restores_them(
    engine, session, shop_id, tmp_path
):
    formula = '=HYPERLINK("http://evil.example","点我")'
    add_customer(
        session,
        shop_id=shop_id,
        name=formula,
        channel="cli",
        household="-3栋",
        notes="@SUM(1+1)",
        tags=["+VIP"],
    )
    add_product(session, shop_id=shop_id, name="'=已经引过的", channel="cli", unit="袋", price=Decimal("5"))
    session.commit()
    folder = tmp_path / "export"
    export_csv(engine, folder, shop_id=shop_id)
    customers = list(csv.reader((folder / "customers.csv").open(encoding="utf-8")))
    assert customers[1][:1] == ["'" + formula] and customers[1][4:7] == ["'-3栋", "'+VIP", "'@SUM(1+1)"]
    products = list(csv.reader((folder / "products.csv").open(encoding="utf-8")))
    assert products[1][0] == "''=已经引过的" and products[1][4] == "5"

    clear_shop(session, shop_id=shop_id)
    session.commit()
    import_csv(engine, shop_id=shop_id, customers=folder / "customers.csv", products=folder / "products.csv")
    session.expire_all()
    person = session.execute(select(Customer)).scalar_one()
    assert (person.name, person.household, person.notes) == (formula, "-3栋", "@SUM(1+1)")
    assert [t.name for t in person.tags] == ["+VIP"]
    assert session.execute(select(Product.name)).scalar_one() == "'=已经引过的"


def test_her_tab_is_in_her_copy_and_goes_with_her(engine, session, pin_today, tmp_path):
    import datetime as dt

    from assistant.db.models import CreditEntry
    from assistant.shop import credit

    pin_today("2026-03-15")
    shop_id = default_shop_id(session)
    aunt = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")
    now = dt.datetime(2026, 3, 1, 10)
    entry = credit.charge(session, shop_id=shop_id, customer=aunt, channel="chat", now=now, amount=Decimal("120"))
    credit.pay(session, shop_id=shop_id, customer=aunt, channel="chat", now=now, amount=Decimal("20"))
    credit.void(session, shop_id=shop_id, entry_id=entry.id, channel="chat", now=now)
    session.commit()
    copy = export_customer(session, aunt, now=now)
    json.dumps(copy, ensure_ascii=False)
    assert [(e["kind"], e["amount"]) for e in copy["tab"]["entries"]] == [
        ("charge", "120.00"), ("payment", "20.00"), ("void", "120.00")]
    assert copy["tab"]["entries"][2]["voids"] == entry.id
    counts = erase_customer(session, customer=aunt, channel="cli", data_dir=tmp_path)
    session.commit()
    assert counts["credit_entries"] == 3
    assert session.execute(select(func.count(CreditEntry.id))).scalar() == 0
