"""The products file on both databases."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import event, func, select

from assistant.db.models import AuditEntry, Product, StockMovement
from assistant.shop.importer import ImportRejected, import_csv


def test_bad_product_rows_all_reported(engine, session, shop_id, tmp_path, csv_files, snapshot):
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


def _products_file(path, rows: list[list[str]]):  # noqa: ANN001, ANN202 (a Path)
    path.write_text(
        "name,aliases,category,unit,price,stock,suits\n" + "".join(",".join(r) + "\n" for r in rows),
        encoding="utf-8",
    )
    return path


def _statements(engine, work) -> int:  # noqa: ANN001 (an Engine, a callable)
    """How many SQL statements ``work()`` sent (an executemany counts once)."""
    sent = []
    listener = lambda *_args: sent.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(sent)


def test_many_products_are_written_each_once_in_a_few_statements(engine, session, shop_id, tmp_path, snapshot):
    # A real shop's history names tens of thousands of products: the work per file must not grow with
    # them (it once looked every product up again for each new one: hours for 68,509).
    def rows(count: int, start: int = 0) -> list[list[str]]:
        return [
            [f"商品{i}", f"别名{i}", f"类{i % 7}", "袋", f"{i % 50 + 1}.5", str(i % 3), "低钠" if i % 5 == 0 else ""]
            for i in range(start, start + count)
        ]

    few = _statements(engine, lambda: import_csv(engine, shop_id=shop_id, products=_products_file(
        tmp_path / "few.csv", rows(20))))
    many = _statements(engine, lambda: import_csv(engine, shop_id=shop_id, products=_products_file(
        tmp_path / "many.csv", rows(600, start=20))))
    assert many <= few + 10

    stored = {p.name: p for p in session.execute(select(Product).where(Product.shop_id == shop_id)).scalars()}
    assert len(stored) == 620
    for name, aliases, category, unit, price, stock, suits in rows(620):
        product = stored[name]
        assert (product.aliases, product.category, product.unit) == ([aliases], category, unit)
        assert (product.price, product.stock) == (Decimal(price), Decimal(stock))
        assert [t.name for t in product.suits] == ([suits] if suits else [])
    moves = session.execute(select(StockMovement.product_id, StockMovement.quantity)).all()
    assert sorted(moves) == sorted((stored[r[0]].id, Decimal(r[5])) for r in rows(620) if r[5] != "0")
    added = session.execute(
        select(AuditEntry.entity_id).where(AuditEntry.action == "add", AuditEntry.entity == "product")
    ).scalars().all()
    assert sorted(added) == sorted(p.id for p in stored.values())

    # Changing some, adding one, and the same file again: only the changes are written, once.
    changed = rows(620)
    changed[3][4] = "99"  # price
    changed[4][1] = f"{changed[4][1]}|新别名"  # an alias added
    changed[7][6] = "高血压"  # a suit added
    changed[6][5] = "7"  # stock counted
    changed.append(["新来的", "", "杂", "个", "1", "2", ""])
    path = _products_file(tmp_path / "changed.csv", changed)
    report = import_csv(engine, shop_id=shop_id, products=path)
    assert (report.products_added, report.products_updated, report.stock_counts) == (1, 3, 2)
    session.expire_all()
    assert session.get(Product, stored["商品3"].id).price == Decimal("99")
    assert session.get(Product, stored["商品4"].id).aliases == ["别名4", "新别名"]
    assert {t.name for t in session.get(Product, stored["商品7"].id).suits} == {"高血压"}
    assert session.get(Product, stored["商品6"].id).stock == Decimal("7")
    updates = session.execute(
        select(AuditEntry.entity_id, AuditEntry.detail).where(AuditEntry.action == "update")
    ).all()
    assert sorted(updates) == [
        (stored["商品3"].id, {"price": "99"}),
        (stored["商品4"].id, {"aliases": ["别名4", "新别名"]}),
        (stored["商品7"].id, {"suits": ["高血压"]}),
    ]
    before = snapshot(session)
    again = import_csv(engine, shop_id=shop_id, products=path)
    assert not again.changed and snapshot(session) == before
