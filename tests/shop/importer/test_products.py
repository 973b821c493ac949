"""The products file on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from assistant.db.models import Product
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
