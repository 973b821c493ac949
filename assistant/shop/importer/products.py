"""The products file: rows checked whole, then written in batches (a real shop's history may name
100,000 products, so nothing here costs a query per product): new products inserted at once, changed
ones updated, the shelf's stock set with a ``count`` movement where it differs, each change in the audit
log as adding or editing one product would record it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db import locks
from assistant.db.bulk import insert_rows, update_rows
from assistant.db.models import AuditEntry, Product, StockMovement, Tag, product_suits
from assistant.shop.customers import name_key
from assistant.shop.importer.cells import decimal, split_list
from assistant.shop.importer.columns import PRODUCT_COLUMNS
from assistant.shop.importer.names import StoredProduct, load_products, product_index
from assistant.shop.importer.problems import RowError
from assistant.shop.importer.reading import CsvFile
from assistant.shop.importer.report import ImportReport
from assistant.shop.tags import canonical_tag, get_or_create_tags


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
    product: StoredProduct | None = None


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
    products = load_products(session, shop_id)
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
    _write_products(session, shop_id=shop_id, rows=rows, label=file.label, report=report, channel=channel, now=now)


def _write_products(
    session: Session,
    *,
    shop_id: int,
    rows: list[_ProductRow],
    label: str,
    report: ImportReport,
    channel: str,
    now: dt.datetime,
) -> None:
    """Insert the new products, update the changed ones, link their ``suits`` and record stock counts
    and audit entries, all in file order (the rows and ids adding them one by one gave)."""
    session.flush()
    tag_ids = {
        tag.name: tag.id
        for tag in get_or_create_tags(
            session, shop_id=shop_id, names=list(dict.fromkeys(s for row in rows for s in row.suits))
        )
    }
    fresh = [row for row in rows if row.product is None]
    insert_rows(
        session,
        Product.__table__,
        [
            {
                "shop_id": shop_id,
                "name": row.name.strip(),
                "aliases": [a.strip() for a in row.aliases if a.strip()],
                "category": row.category.strip(),
                "unit": row.unit.strip(),
                "price": row.price or Decimal("0"),
                "stock": row.stock or Decimal("0"),
                "created_at": now,
            }
            for row in fresh
        ],
    )
    ids = dict(session.execute(select(Product.name, Product.id).where(Product.shop_id == shop_id)).all()) if fresh else {}
    suits = _stored_suits(session, shop_id) if len(fresh) < len(rows) else {}
    links: list[dict] = []
    updates: list[dict] = []
    moves: list[dict] = []
    entries: list[dict] = []

    def audit(action: str, product_id: int, detail: dict) -> None:
        entries.append(
            {"shop_id": shop_id, "at": now, "actor": "owner", "channel": channel, "action": action,
             "entity": "product", "entity_id": product_id, "detail": detail}
        )

    # A count is the file's stock minus the stock now: read again under the products' lock (``db.locks``,
    # lock 4), or a sale committed since the rows were read would be missing from the movements.
    counted = [row.product for row in rows if row.product is not None and row.stock is not None]
    locks.lock_products(session, counted)
    stock_now = dict(session.execute(
        select(Product.id, Product.stock).where(Product.id.in_([p.id for p in counted]))).all()) if counted else {}
    for row in rows:
        if row.product is None:
            product_id, stock = ids[row.name.strip()], Decimal("0")
            audit("add", product_id, {"name": row.name.strip()})
            links += [{"product_id": product_id, "tag_id": tag_ids[t]} for t in _canonical(row.suits)]
            report.products_added += 1
        else:
            product_id = row.product.id
            stock = stock_now.get(product_id, row.product.stock)
            have = suits.get(product_id, [])
            changes = _changes(row.product, row, have)
            if changes:
                values = {k: v for k, v in changes.items() if k != "suits"}
                if values:
                    updates.append({"_id": product_id, **values})
                if "suits" in changes:
                    added = [t for t in changes["suits"] if t not in have]
                    links += [{"product_id": product_id, "tag_id": tag_ids[t]} for t in added]
                audit("update", product_id, {k: str(v) if k == "price" else v for k, v in changes.items()})
                report.products_updated += 1
        if row.stock is not None and stock != row.stock:
            moves.append(
                {"shop_id": shop_id, "product_id": product_id, "quantity": row.stock - stock, "reason": "count",
                 "sale_id": None, "at": now, "channel": channel, "note": f"stock from {label}"}
            )
            if row.product is not None:
                updates.append({"_id": product_id, "stock": row.stock})
            report.stock_counts += 1
    update_rows(session, Product.__table__, updates)
    insert_rows(session, product_suits, links)
    insert_rows(session, StockMovement.__table__, moves)
    insert_rows(session, AuditEntry.__table__, entries)
    # Written past the ORM: products it may hold (a caller's session) are read again when next used.
    for held in list(session.identity_map.values()):
        if isinstance(held, Product):
            session.expire(held)


def _stored_suits(session: Session, shop_id: int) -> dict[int, list[str]]:
    """The names of each product's ``suits`` tags, in the order they were linked."""
    found: dict[int, list[str]] = {}
    for product_id, tag in session.execute(
        select(product_suits.c.product_id, Tag.name)
        .join(Tag, Tag.id == product_suits.c.tag_id)
        .where(Tag.shop_id == shop_id)
        .order_by(product_suits.c.product_id, Tag.id)
    ):
        found.setdefault(product_id, []).append(tag)
    return found


def _canonical(names: list[str]) -> list[str]:
    """Tag names as ``get_or_create_tags`` stores them, once each."""
    return list(dict.fromkeys(canonical_tag(n) for n in names if n and n.strip()))


def _changes(product: StoredProduct, row: _ProductRow, suits: list[str]) -> dict:
    """What the row changes of a stored product: aliases and suits added, other values replaced."""
    changes: dict = {}
    merged = product.aliases + [a for a in row.aliases if a not in product.aliases]
    if merged != product.aliases:
        changes["aliases"] = merged
    for column in ("category", "unit"):
        value = getattr(row, column)
        if value and value != getattr(product, column):
            changes[column] = value
    if row.price is not None and product.price != row.price:
        changes["price"] = row.price
    wanted = _canonical(row.suits)
    if any(s not in suits for s in wanted):
        changes["suits"] = suits + [s for s in wanted if s not in suits]
    return changes
