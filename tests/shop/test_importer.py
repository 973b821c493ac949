"""CSV import (CONTRACT §3) on both databases: what the owner sees after importing, re-importing, and
importing a file with a bad row."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assistant.db.models import Base, Consent, Customer, Product, Sale, SaleItem
from assistant.shop.consent import consent_history
from assistant.shop.customers import find_customer
from assistant.shop.importer import ImportRejected, count_rows, import_csv
from assistant.shop.products import find_product

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "csv"
CUSTOMERS_HEADER = "name,aliases,phone,birthday,household,tags,notes,marketing_consent"
SALES_HEADER = "date,customer,product,quantity,unit,amount"


def _fixture_set(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "csv"
    shutil.copytree(FIXTURES, folder)
    return {name: folder / f"{name}.csv" for name in ("customers", "products", "sales")}


def _snapshot(session) -> tuple[dict, dict]:  # noqa: ANN001
    """Rows per table and the highest id per table: a re-import must change neither."""
    session.expire_all()
    max_ids = {
        t.name: session.execute(select(func.max(t.c.id))).scalar()
        for t in Base.metadata.sorted_tables
        if "id" in t.c
    }
    return count_rows(session), max_ids


def test_good_import_gives_people_products_and_receipts(engine, session, shop_id, tmp_path):
    files = _fixture_set(tmp_path)
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


def test_second_import_changes_no_row(engine, session, shop_id, tmp_path):
    files = _fixture_set(tmp_path)
    import_csv(engine, shop_id=shop_id, **files)
    before = _snapshot(session)
    again = import_csv(engine, shop_id=shop_id, **files)
    assert not again.changed and again.sales_already_there == 4
    assert _snapshot(session) == before


def test_identical_rows_stay_separate_sales_and_appended_rows_are_added(engine, session, shop_id, tmp_path):
    files = _fixture_set(tmp_path)
    import_csv(engine, shop_id=shop_id, customers=files["customers"], products=files["products"])
    sales = tmp_path / "sales.csv"
    row_a, row_b = "2026-03-02 10:00,,鸡蛋,1,盒,16", "2026-03-02 10:00,李叔,面粉,1,袋,22"
    sales.write_text(
        f"{SALES_HEADER}\n{row_a.replace('鸡蛋', '花生油')}\n{row_b}\n{row_a.replace('鸡蛋', '花生油')}\n",
        encoding="utf-8",
    )
    assert import_csv(engine, shop_id=shop_id, sales=sales).sales_added == 3
    with sales.open("a", encoding="utf-8") as handle:
        handle.write("2026-03-03,王秀英,rice,1,袋,59\n")
    report = import_csv(engine, shop_id=shop_id, sales=sales)
    assert (report.sales_added, report.sales_already_there) == (1, 3)
    assert session.execute(select(func.count(Sale.id))).scalar() == 4


def test_changed_values_update_only_what_differs(engine, session, shop_id, tmp_path):
    files = _fixture_set(tmp_path)
    import_csv(engine, shop_id=shop_id, customers=files["customers"])
    text = files["customers"].read_text(encoding="utf-8")
    text = text.replace("13800002222", "13911112222").replace("5栋1单元,,,no", "5栋1单元,,,yes")
    files["customers"].write_text(text.replace("陈美玲,陈团长|", "陈美玲,陈团长|陈姐|"), encoding="utf-8")
    report = import_csv(engine, shop_id=shop_id, customers=files["customers"])
    assert (report.customers_added, report.customers_updated, report.consents_recorded) == (0, 2, 1)
    wang = find_customer(session, shop_id=shop_id, name="汪阿姨")
    assert wang.phone == "13911112222" and wang.marketing_consent is True
    assert [c.granted for c in consent_history(session, customer_id=wang.id)] == [False, True]
    assert find_customer(session, shop_id=shop_id, name="陈姐").name == "陈美玲"


def test_utf8_bom_from_excel_is_accepted(engine, session, shop_id, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_bytes(
        "\ufeff".encode() + f"{CUSTOMERS_HEADER}\n刘淑珍,刘女士|Mrs Liu,,03-17,,,,yes\n".encode()
    )
    assert import_csv(engine, shop_id=shop_id, customers=path).customers_added == 1
    assert find_customer(session, shop_id=shop_id, name="mrs liu").birthday_day == 17


BAD_SALES = [
    ("2026-03-02,,大豆油,1,桶,60", "product '大豆油' is unknown"),
    ("2026-03-02,钱老板,rice,1,袋,59", "customer '钱老板' is unknown"),
    ("2026-13-02,,rice,1,袋,59", "date '2026-13-02' is not YYYY-MM-DD"),
    ("15/03/2026,,rice,1,袋,59", "date '15/03/2026' is not YYYY-MM-DD"),
    ("2026-03-02,,rice,-2,袋,59", "quantity -2 must be more than zero"),
    ("2026-03-02,,rice,two,袋,59", "quantity 'two' is not a number"),
    ("2026-03-02,,rice,1,袋,-59", "amount -59 must be zero or more"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_SALES, ids=[r for _, r in BAD_SALES])
def test_bad_sales_row_names_line_and_reason_and_writes_nothing(
    engine, session, shop_id, tmp_path, row, reason
):
    files = _fixture_set(tmp_path)
    import_csv(engine, shop_id=shop_id, customers=files["customers"], products=files["products"])
    before = _snapshot(session)
    sales = tmp_path / "bad-sales.csv"
    sales.write_text(
        f"{SALES_HEADER}\n2026-03-01,王阿姨,rice,1,袋,59\n{row}\n2026-03-03,,面粉,1,袋,22\n", encoding="utf-8"
    )
    with pytest.raises(ImportRejected) as error:
        import_csv(engine, shop_id=shop_id, sales=sales)
    assert [(p.file, p.line) for p in error.value.problems] == [("bad-sales.csv", 3)]
    assert reason in str(error.value) and "bad-sales.csv line 3" in str(error.value)
    assert _snapshot(session) == before


BAD_CUSTOMERS = [
    ("王秀英,,13800001111,1958-02-30,,,,yes", "is not a real date", "birthday"),
    ("王秀英,,call me,,,,,yes", "phone 'call me' is not a phone number", "phone"),
    ("王秀英,,,,,,,maybe", "marketing_consent 'maybe' must be yes or no", "marketing_consent"),
    (",王阿姨,,,,,,yes", "the name is empty", "name"),
]


@pytest.mark.parametrize(("row", "reason", "column"), BAD_CUSTOMERS, ids=[c for _, _, c in BAD_CUSTOMERS])
def test_bad_customer_row_refused_with_line(engine, session, shop_id, tmp_path, row, reason, column):
    path = tmp_path / "customers.csv"
    path.write_text(f"{CUSTOMERS_HEADER}\n李建国,李叔,,,,高血压,,yes\n{row}\n", encoding="utf-8")
    before = _snapshot(session)
    with pytest.raises(ImportRejected) as error:
        import_csv(engine, shop_id=shop_id, customers=path)
    assert (error.value.problems[0].line, error.value.field) == (3, column)
    assert reason in str(error.value)
    assert _snapshot(session) == before  # the good row on line 2 was not written either


def test_bad_product_rows_all_reported(engine, session, shop_id, tmp_path):
    path = tmp_path / "products.csv"
    path.write_text(
        "name,aliases,category,unit,price,stock,suits\n东北大米,,米,袋,-59,10,\n"
        "花生油,,油,桶,89.9,lots,\n花生油,,油,桶,89.9,3,\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as error:
        import_csv(engine, shop_id=shop_id, products=path)
    assert [str(p) for p in error.value.problems] == [
        "products.csv line 2: price -59 must be zero or more",
        "products.csv line 3: stock 'lots' is not a number",
    ]
    assert session.execute(select(func.count(Product.id))).scalar() == 0


def test_missing_column_and_wrong_encoding_refused(engine, session, shop_id, tmp_path):
    missing = tmp_path / "customers.csv"
    missing.write_text(
        "name,aliases,birthday,household,tags,notes,marketing_consent\n王秀英,,,,,,yes\n", encoding="utf-8"
    )
    with pytest.raises(ImportRejected) as error:
        import_csv(engine, shop_id=shop_id, customers=missing)
    assert error.value.problems[0].line == 1 and "missing column phone" in str(error.value)

    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(f"{CUSTOMERS_HEADER}\nWang,,,,,,,yes\n王秀英,,,,,,,yes\n".encode("gbk"))
    with pytest.raises(ImportRejected) as error:
        import_csv(engine, shop_id=shop_id, customers=gbk)
    assert error.value.problems[0].line == 3 and "not UTF-8" in str(error.value)
    assert session.execute(select(func.count(Customer.id))).scalar() == 0
    assert session.execute(select(func.count(Consent.id))).scalar() == 0


def test_bad_sales_file_keeps_the_customers_file_just_imported(engine, session, shop_id, tmp_path):
    files = _fixture_set(tmp_path)
    files["sales"].write_text(f"{SALES_HEADER}\n2026-03-01,王阿姨,黄金大米,1,袋,59\n", encoding="utf-8")
    with pytest.raises(ImportRejected):
        import_csv(engine, shop_id=shop_id, **files)
    assert session.execute(select(func.count(Customer.id))).scalar() == 5
    assert session.execute(select(func.count(SaleItem.id))).scalar() == 0
