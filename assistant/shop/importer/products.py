"""The products file: rows checked whole, then products added or updated one by one (a shop has
hundreds), and the shelf's stock set with a ``count`` movement where it differs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Product
from assistant.shop import audit
from assistant.shop.customers import name_key
from assistant.shop.importer.cells import decimal, split_list
from assistant.shop.importer.columns import PRODUCT_COLUMNS
from assistant.shop.importer.names import product_index
from assistant.shop.importer.problems import RowError
from assistant.shop.importer.reading import CsvFile
from assistant.shop.importer.report import ImportReport
from assistant.shop.products import add_product
from assistant.shop.stock import move_stock
from assistant.shop.tags import get_or_create_tags


@dataclass
class _ProductRow:
    """One checked row of the products file (``product`` is the stored one it names, if any)."""

    line: int
    name: str
    aliases: list[str]
    category: str
    unit: str
    price: Decimal | None
    stock: Decimal | None
    suits: list[str]
    product: Product | None = None


def import_products(
    session: Session,
    *,
    shop_id: int,
    path: Path,
    report: ImportReport,
    progress: bool,
    channel: str,
    rebuild_stats: bool,
    now: dt.datetime,
) -> None:
    """Check the whole products file, then write it; raises ``ImportRejected`` with every bad row."""
    file = CsvFile(path, "products")
    file.check_header()
    problems = file.problems
    products = list(session.execute(select(Product).where(Product.shop_id == shop_id)).scalars())
    by_name = {name_key(p.name): p for p in products}
    index = product_index(products)
    rows: list[_ProductRow] = []
    seen: dict[object, int] = {}
    for line, cells in file.rows():
        report.rows_read += 1
        cell = {column: cells[file.index[column]] for column in PRODUCT_COLUMNS}
        try:
            if not cell["name"]:
                raise RowError("the name is empty", "name", "商品名称是空的")
            row = _ProductRow(
                line=line,
                name=cell["name"],
                aliases=[a for a in split_list(cell["aliases"]) if a != cell["name"]],
                category=cell["category"],
                unit=cell["unit"],
                price=decimal(cell["price"], "price", places=2) if cell["price"] else None,
                stock=decimal(cell["stock"], "stock", places=3) if cell["stock"] else None,
                suits=split_list(cell["suits"]),
            )
            key = name_key(row.name)
            matches = [by_name[key]] if key in by_name else index.get(key, [])
            if len(matches) > 1:
                raise RowError(
                    f"{row.name!r} is an alias of several products; use the full name",
                    "name",
                    f"“{row.name}”是几种商品的别名;请写商品全名",
                )
            row.product = matches[0] if matches else None
        except RowError as error:
            problems.add(line, error)
            continue
        target = row.product.id if row.product is not None else key
        if target in seen:
            problems.add(
                line,
                RowError(
                    f"{row.name} is already on line {seen[target]}",
                    "name",
                    f"{row.name} 已经在第{seen[target]}行",
                ),
            )
            continue
        seen[target] = line
        rows.append(row)
    problems.raise_if_any()

    for row in rows:
        product = row.product
        if product is None:
            product = add_product(
                session,
                shop_id=shop_id,
                name=row.name,
                channel=channel,
                category=row.category,
                unit=row.unit,
                price=row.price or Decimal("0"),
                aliases=row.aliases,
                suits=row.suits,
            )
            report.products_added += 1
        elif _update_product(session, product, row, channel=channel):
            report.products_updated += 1
        if row.stock is not None and Decimal(product.stock or 0) != row.stock:
            move_stock(
                session,
                product=product,
                quantity=row.stock - Decimal(product.stock or 0),
                reason="count",
                channel=channel,
                note=f"stock from {file.label}",
            )
            report.stock_counts += 1
    session.flush()


def _update_product(session: Session, product: Product, row: _ProductRow, *, channel: str) -> bool:
    changes: dict[str, object] = {}
    aliases = list(product.aliases or [])
    merged = aliases + [a for a in row.aliases if a not in aliases]
    if merged != aliases:
        product.aliases = changes["aliases"] = merged
    for column in ("category", "unit"):
        value = getattr(row, column)
        if value and value != getattr(product, column):
            setattr(product, column, value)
            changes[column] = value
    if row.price is not None and Decimal(product.price) != row.price:
        product.price = row.price
        changes["price"] = str(row.price)
    have = {t.name for t in product.suits}
    if any(s not in have for s in row.suits):
        product.suits = [
            *product.suits,
            *(
                t
                for t in get_or_create_tags(session, shop_id=product.shop_id, names=row.suits)
                if t.name not in have
            ),
        ]
        changes["suits"] = [t.name for t in product.suits]
    if changes:
        audit.record(
            session,
            shop_id=product.shop_id,
            channel=channel,
            action="update",
            entity="product",
            entity_id=product.id,
            detail=changes,
        )
    return bool(changes)
