"""The sales file on both databases: receipts, idempotence, and bad rows refused with their line."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from assistant.db.models import Sale
from assistant.shop.importer import ImportRejected, import_csv

SALES_HEADER = "date,customer,product,quantity,unit,amount"


def test_identical_rows_stay_separate_sales_and_appended_rows_are_added(
    engine, session, shop_id, tmp_path, csv_files, snapshot
):
    files = csv_files
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


BAD_SALES = [
    ("2026-03-02,,大豆油,1,桶,60", "product '大豆油' is unknown"),
    ("2026-03-02,钱老板,rice,1,袋,59", "customer '钱老板' is unknown"),
    ("2026-13-02,,rice,1,袋,59", "date '2026-13-02' is not YYYY-MM-DD"),
    ("15/03/2026,,rice,1,袋,59", "date '15/03/2026' is not YYYY-MM-DD"),
    ("2026-03-02,,rice,-2,袋,59", "quantity -2 must be more than zero"),
    ("2026-03-02,,rice,two,袋,59", "quantity 'two' is not a number"),
    ("2026-03-02,,rice,1,袋,-59", "amount -59 must be zero or more"),
    # Red team 2026-12-06: these answered the upload page with a 500 (Decimal's InvalidOperation, then
    # PostgreSQL's "numeric field overflow"); SQLite kept them.
    ("2026-03-02,,rice,1e309,袋,59", "quantity 1e309 is too large"),
    ("2026-03-02,,rice,1,袋,99999999999999999999999", "amount 99999999999999999999999 is too large"),
    ("2026-03-02,,rice,100000000,袋,", "quantity 100000000 is too large"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_SALES, ids=[r for _, r in BAD_SALES])
def test_bad_sales_row_names_line_and_reason_and_writes_nothing(
    engine, session, shop_id, tmp_path, csv_files, snapshot, row, reason
):
    files = csv_files
    import_csv(engine, shop_id=shop_id, customers=files["customers"], products=files["products"])
    before = snapshot(session)
    sales = tmp_path / "bad-sales.csv"
    sales.write_text(
        f"{SALES_HEADER}\n2026-03-01,王阿姨,rice,1,袋,59\n{row}\n2026-03-03,,面粉,1,袋,22\n", encoding="utf-8"
    )
    with pytest.raises(ImportRejected) as error:
        import_csv(engine, shop_id=shop_id, sales=sales)
    assert [(p.file, p.line) for p in error.value.problems] == [("bad-sales.csv", 3)]
    assert reason in str(error.value) and "bad-sales.csv line 3" in str(error.value)
    assert snapshot(session) == before
