"""The sales file: rows grouped into receipts and written while they are read (one pass over millions
of rows), through the driver in batches with ids reserved up front."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session
from tqdm import tqdm

from assistant.db.bulk import BATCH, BULK_FROM, BulkLoad, IdBlock
from assistant.db.copy import TableWriter
from assistant.db.models import Promotion, Sale, SaleItem
from assistant.shop import audit, purchase_stats
from assistant.shop.customers import name_key
from assistant.shop.importer.cells import Numbers, when
from assistant.shop.importer.columns import SALE_COLUMNS
from assistant.shop.importer.names import customer_index, load_products, product_index
from assistant.shop.importer.problems import Problems, RowError
from assistant.shop.importer.reading import CsvFile, progress_bar
from assistant.shop.importer.report import ImportReport

# A sales row is about this many bytes of CSV: sizes a file's row count without reading it.
SALE_ROW_BYTES = 45
# SQLite page cache while importing sales (KiB).
SQLITE_CACHE_KIB = 128 * 1024


@dataclass
class _SaleGroup:
    """Consecutive rows with the same time, customer and promotion: one receipt."""

    line: int
    sold_at: dt.datetime
    customer_id: int | None
    promotion: str | None
    items: list[tuple[int, Decimal, str, Decimal]] = field(default_factory=list)
    import_key: str | None = None

    def key_text(self) -> str:
        """The group's content in canonical form (numbers are quantized when parsed)."""
        lines = ";".join(f"{p},{q},{u},{a}" for p, q, u, a in self.items)
        return f"{self.sold_at.isoformat()}|{self.customer_id}|{self.promotion or ''}|{lines}"


class _SalesReader:
    """Parses a sales file into receipts, resolving customers and products once per distinct name."""

    def __init__(self, session: Session, shop_id: int, file: CsvFile) -> None:
        self.file = file
        self.customers = customer_index(session, shop_id)
        products = load_products(session, shop_id)
        self.by_name = {name_key(p.name): p for p in products}
        self.products = product_index(products)
        self._customer_ids: dict[str, int | None] = {}
        self._product_ids: dict[str, tuple[int, str, Decimal]] = {}

    def customer_id(self, name: str) -> int | None:
        """The id of the customer ``name`` means; raises ``RowError``."""
        if name not in self._customer_ids:
            try:
                found = self.customers.find(name)
            except RowError as error:
                raise RowError(str(error), "customer", error.reason_zh) from None
            if found is None:
                raise RowError(
                    f"customer {name!r} is unknown; import them in the customers file first, "
                    "or leave the cell empty for a walk-in",
                    "customer",
                    f"没有叫“{name}”的顾客;请先在顾客文件里导入,散客请把这一格留空",
                )
            self._customer_ids[name] = found  # type: ignore[assignment]
        return self._customer_ids[name]

    def product(self, name: str) -> tuple[int, str, Decimal]:
        """The id, unit and price of the product ``name`` means; raises ``RowError``."""
        if name not in self._product_ids:
            key = name_key(name)
            matches = [self.by_name[key]] if key in self.by_name else self.products.get(key, [])
            if not matches:
                raise RowError(
                    f"product {name!r} is unknown; add it to the products file first",
                    "product",
                    f"没有叫“{name}”的商品;请先把它加进商品文件",
                )
            if len(matches) > 1:
                raise RowError(
                    f"{name!r} names several products; use the product's full name",
                    "product",
                    f"“{name}”对应好几种商品;请写商品全名",
                )
            found = matches[0]
            self._product_ids[name] = (found.id, found.unit, found.price)
        return self._product_ids[name]

    def groups(self, problems: Problems, bar: tqdm) -> Iterator[_SaleGroup]:
        """Receipts in file order; bad rows go to ``problems`` instead."""
        file = self.file
        i_date, i_customer, i_product, i_quantity, i_unit, i_amount = (file.index[c] for c in SALE_COLUMNS)
        i_promotion = file.column("promotion")
        quantities = Numbers("quantity", places=3, positive=True)
        amounts = Numbers("amount", places=2)
        group: _SaleGroup | None = None
        self.rows_read = 0
        for line, cells in file.rows():
            bar.update()
            self.rows_read += 1
            try:
                sold_at = when(cells[i_date])
                customer = cells[i_customer]
                customer_id = self.customer_id(customer) if customer else None
                product_id, unit, price = self.product(cells[i_product])
                quantity = quantities(cells[i_quantity])
                amount = (
                    amounts(cells[i_amount])
                    if cells[i_amount]
                    else (price * quantity).quantize(Decimal("0.01"))
                )
            except RowError as error:
                problems.add(line, error)
                continue
            promotion = cells[i_promotion] or None if i_promotion is not None else None
            if group is None or (group.sold_at, group.customer_id, group.promotion) != (
                sold_at,
                customer_id,
                promotion,
            ):
                if group is not None:
                    yield group
                group = _SaleGroup(line, sold_at, customer_id, promotion)
            group.items.append((product_id, quantity, cells[i_unit] or unit, amount))
        if group is not None:
            yield group


def import_sales(
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
    """Read and write the sales file in one pass; raises ``ImportRejected`` with every bad row (the
    caller rolls back what was written before the first)."""
    wrote = _write_sales(session, shop_id=shop_id, path=path, report=report, progress=progress, channel=channel,
                         now=now)
    # After the file's reading is gone from memory (its name indexes, its receipt keys): the rebuild's
    # batches reuse that memory instead of adding to it.
    if wrote and rebuild_stats:
        # The reports' precomputed rhythms and daily totals: rebuilt once, not per imported sale.
        rebuild_started = time.perf_counter()
        purchase_stats.rebuild(session, shop_id=shop_id)
        report.stats_seconds += time.perf_counter() - rebuild_started


def _write_sales(
    session: Session, *, shop_id: int, path: Path, report: ImportReport, progress: bool, channel: str,
    now: dt.datetime
) -> bool:
    """The reading and writing of ``import_sales``; returns whether any sale was written."""
    file = CsvFile(path, "sales")
    file.check_header()
    reader = _SalesReader(session, shop_id, file)
    problems = file.problems
    promotion_ids = _ensure_promotions(session, shop_id=shop_id, names=set())
    existing = set(
        session.execute(
            select(Sale.import_key).where(Sale.shop_id == shop_id, Sale.import_key.is_not(None))
        ).scalars()
    )
    entry = None
    sale_ids: IdBlock | None = None
    bulk: BulkLoad | None = None
    writers: list[TableWriter] = []
    occurrences: Counter[int] = Counter()
    recorded_at = now
    pending: list[_SaleGroup] = []
    added_sales = added_items = 0

    def flush() -> None:
        """Write the pending receipts (the first time: set up the audit entry, ids and writers)."""
        nonlocal added_items, entry, sale_ids, bulk
        if sale_ids is None:
            # The audit entry is the first write: it takes SQLite's write lock before ids are reserved,
            # and a re-import that adds nothing leaves no entry.
            entry = audit.record(
                session,
                shop_id=shop_id,
                channel=channel,
                action="import",
                entity="sale",
                detail={"file": file.label},
            )
            session.flush()
            sale_ids = IdBlock(session, "sales")
            bulk = BulkLoad(session, SaleItem.__table__, Sale.__table__)
            if path.stat().st_size >= BULK_FROM * SALE_ROW_BYTES:
                bulk.begin()
            if not sale_ids.postgres:
                # Four indexes on sale_items: a bigger page cache keeps their inserts in memory.
                session.execute(text(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}"))
            writers.extend(
                (
                    TableWriter(session, Sale.__table__, SALE_FIELDS),
                    TableWriter(session, SaleItem.__table__, ITEM_FIELDS),
                )
            )
        fresh = {g.promotion for g in pending if g.promotion and g.promotion not in promotion_ids}
        if fresh:
            promotion_ids.update(_ensure_promotions(session, shop_id=shop_id, names=fresh))
        sales, items = [], []
        for sale_id, group in zip(sale_ids.take(len(pending)), pending, strict=True):
            sales.append(
                (
                    sale_id,
                    shop_id,
                    "sale",
                    group.customer_id,
                    group.sold_at,
                    channel,
                    promotion_ids.get(group.promotion),
                    sum(a for _, _, _, a in group.items),
                    group.import_key,
                    recorded_at,
                )
            )
            items.extend(
                (shop_id, sale_id, product_id, group.customer_id, group.sold_at, quantity, unit, amount)
                for product_id, quantity, unit, amount in group.items
            )
        writers[0].write(sales)
        writers[1].write(items)
        added_items += len(items)
        pending.clear()

    # One pass: receipts are written as they are read, inside the file's transaction. After the first bad
    # row nothing more is written, the rest is only checked, and ``ImportRejected`` makes the caller roll
    # the transaction back, so a bad file still writes nothing (reading 2 M rows twice cost a third of
    # the import).
    with progress_bar(file, progress, "importing") as bar:
        for group in reader.groups(problems, bar):
            if problems.total:
                continue
            digest = int.from_bytes(hashlib.blake2b(group.key_text().encode(), digest_size=8).digest(), "big")
            occurrences[digest] += 1
            key = f"{digest:016x}-{occurrences[digest]}"
            if key in existing:
                report.sales_already_there += 1
                continue
            group.import_key = key
            pending.append(group)
            added_sales += 1
            if len(pending) >= BATCH:
                flush()
        if pending and not problems.total:
            flush()
    report.rows_read += reader.rows_read
    problems.raise_if_any()
    if bulk is not None:
        bulk.finish()
    if sale_ids is not None and not sale_ids.postgres:
        session.execute(text("PRAGMA cache_size = -2000"))  # SQLite's default again
    if entry is not None:
        entry.detail = {"file": file.label, "sales": added_sales, "items": added_items}
    report.sales_added += added_sales
    report.sale_items_added += added_items
    return entry is not None


def _ensure_promotions(session: Session, *, shop_id: int, names: set[str]) -> dict[str | None, int]:
    known = dict(
        session.execute(select(Promotion.name, Promotion.id).where(Promotion.shop_id == shop_id)).all()
    )
    for name in sorted(names - set(known)):
        promotion = Promotion(shop_id=shop_id, name=name)
        session.add(promotion)
        session.flush()
        known[name] = promotion.id
    return known


SALE_FIELDS = (
    "id",
    "shop_id",
    "kind",
    "customer_id",
    "sold_at",
    "channel",
    "promotion_id",
    "amount",
    "import_key",
    "recorded_at",
)
ITEM_FIELDS = ("shop_id", "sale_id", "product_id", "customer_id", "sold_at", "quantity", "unit", "amount")
