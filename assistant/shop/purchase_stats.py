"""Precomputed figures the reports read: each customer's buying rhythm and promotion uses, and each
product's daily sales.

``sales.log_sale`` and ``sales.void_sale`` call ``on_sale_logged`` / ``on_sale_voided`` in the same
transaction, so the figures always match the sales that count; a bulk import calls ``rebuild`` once at
the end instead. A customer's rows are recomputed from their whole (short) history rather than patched,
so a void deep in the past is handled exactly like a new sale.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import and_, delete, exists, func, insert, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Select

from assistant.db import data_version
from assistant.db.bulk import BULK_FROM, BulkLoad
from assistant.db.models import (
    Customer,
    Product,
    ProductDailySales,
    PromotionUse,
    PurchaseStat,
    Sale,
    SaleItem,
    ShopDailySales,
)
from assistant.shop.rhythm import Purchase, rhythm

VISITS_KEY = "*"
# A promotion "brought a customer back" when they bought again on a later day within this many days.
RETURN_DAYS = 30
_BATCH = 5000


def product_key(product_id: int) -> str:
    """The ``item_key`` of one product's rows."""
    return f"p:{product_id}"


def category_key(category: str) -> str:
    """The ``item_key`` of one category's rows."""
    return f"c:{category}"


class _Item(NamedTuple):
    """One counted sale item of a customer (a tuple: millions are made during a rebuild)."""

    product_id: int
    category: str
    unit: str
    day: dt.date
    quantity: float
    amount: float
    promotion_id: int | None


def counted_items() -> Select:
    """Sale items that count, with their product's category and unit and the sale's promotion: not
    voided, of a known customer."""
    voiding = aliased(Sale)
    return (
        select(
            SaleItem.customer_id,
            SaleItem.product_id,
            Product.category,
            Product.unit,
            SaleItem.sold_at,
            SaleItem.quantity,
            SaleItem.amount,
            Sale.promotion_id,
        )
        .join(Product, Product.id == SaleItem.product_id)
        .join(Sale, Sale.id == SaleItem.sale_id)
        .where(
            SaleItem.customer_id.is_not(None),
            ~exists().where(and_(voiding.voids_sale_id == SaleItem.sale_id)),
        )
    )


def on_sale_logged(session: Session, sale: Sale) -> None:
    """Bring the figures up to date after ``sale`` was written (call after the flush)."""
    _add_daily(session, sale, sign=1)
    if sale.customer_id is not None:
        refresh_customer(session, shop_id=sale.shop_id, customer_id=sale.customer_id)


def on_sale_voided(session: Session, sale: Sale) -> None:
    """Bring the figures up to date after ``sale`` (the original, not the void row) was taken back."""
    _add_daily(session, sale, sign=-1)
    if sale.customer_id is not None:
        refresh_customer(session, shop_id=sale.shop_id, customer_id=sale.customer_id)


def refresh_customer(session: Session, *, shop_id: int, customer_id: int) -> None:
    """Recompute every rhythm row of one customer from the sales of theirs that count."""
    session.flush()
    data_version.record(session, customers=[customer_id])
    rows = session.execute(
        counted_items().where(SaleItem.customer_id == customer_id).order_by(SaleItem.sold_at, SaleItem.id)
    ).all()
    items = [_item(row) for row in rows]
    session.execute(delete(PurchaseStat).where(PurchaseStat.customer_id == customer_id))
    session.execute(delete(PromotionUse).where(PromotionUse.customer_id == customer_id))
    values = list(rows_for_customer(shop_id=shop_id, customer_id=customer_id, items=items))
    if values:
        session.execute(insert(PurchaseStat), values)
    uses = promotion_rows(shop_id=shop_id, customer_id=customer_id, items=items)
    if uses:
        session.execute(insert(PromotionUse), uses)


def rebuild(session: Session, *, shop_id: int, workers: int | None = None) -> int:
    """Recompute all figures of a shop from its sales (after a bulk import); returns the rows written.

    One streaming pass over the shop's counted items through the driver's own cursor, customers in
    batches, written back with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL): at millions of items
    SQLAlchemy's per-row work costs more than the rhythm itself. The rows are exactly those
    ``refresh_customer`` writes one customer at a time. ``workers`` processes compute the rhythms while
    this one reads and writes (default: one per CPU for shops over ``PARALLEL_FROM`` customers).
    """
    session.flush()
    data_version.record(session, everything=True)
    session.execute(delete(PurchaseStat).where(PurchaseStat.shop_id == shop_id))
    session.execute(delete(PromotionUse).where(PromotionUse.shop_id == shop_id))
    postgres = session.get_bind().dialect.name == "postgresql"
    customers = session.execute(select(func.count(Customer.id)).where(Customer.shop_id == shop_id)).scalar()
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS) if customers >= PARALLEL_FROM else 1
    # Into empty tables (the usual case: one shop), indexes are built once at the end, not per row.
    bulk = BulkLoad(session, PurchaseStat.__table__, PromotionUse.__table__)
    if customers * 4 >= BULK_FROM:  # several rows per customer
        bulk.begin()
    stats = _RawWriter(session, PurchaseStat.__table__, _STAT_COLUMNS)
    uses = _RawWriter(session, PromotionUse.__table__, _USE_COLUMNS)
    batches = ((shop_id, postgres, batch) for batch in _stream_batches(session, shop_id=shop_id))
    if workers > 1:
        # Spawned, not forked: a child must never share this process's database connection.
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            # At most two batches per worker in flight (``imap`` would read the whole shop ahead into
            # its queue): memory stays flat while the workers stay busy.
            in_flight: deque = deque()
            for batch in batches:
                in_flight.append(pool.apply_async(_prepare_batch, (batch,)))
                if len(in_flight) >= 2 * workers:
                    _write_prepared(stats, uses, in_flight.popleft().get())
            while in_flight:
                _write_prepared(stats, uses, in_flight.popleft().get())
    else:
        for batch in batches:
            _write_prepared(stats, uses, _prepare_batch(batch))
    stats.cursor.close()
    uses.cursor.close()
    bulk.finish()
    rebuild_daily(session, shop_id=shop_id)
    return stats.written


def _write_prepared(stats: _RawWriter, uses: _RawWriter, prepared: tuple[object, object]) -> None:
    stats.write(prepared[0])
    uses.write(prepared[1])


def rebuild_daily(session: Session, *, shop_id: int) -> None:
    """Recompute the shop's daily takings and product volumes from its sales that count."""
    data_version.record(session, kinds=[data_version.SALES])
    session.execute(delete(ProductDailySales).where(ProductDailySales.shop_id == shop_id))
    session.execute(delete(ShopDailySales).where(ShopDailySales.shop_id == shop_id))
    voiding = aliased(Sale)
    day = func.date(SaleItem.sold_at)
    daily = (
        select(
            SaleItem.product_id, day, SaleItem.shop_id, func.sum(SaleItem.quantity), func.sum(SaleItem.amount)
        )
        .where(SaleItem.shop_id == shop_id, ~exists().where(voiding.voids_sale_id == SaleItem.sale_id))
        .group_by(SaleItem.product_id, day, SaleItem.shop_id)
    )
    session.execute(
        insert(ProductDailySales).from_select(["product_id", "day", "shop_id", "quantity", "amount"], daily)
    )
    sale_day = func.date(Sale.sold_at)
    takings = (
        select(Sale.shop_id, sale_day, func.count(Sale.id), func.sum(Sale.amount))
        .where(
            Sale.shop_id == shop_id, Sale.kind == "sale", ~exists().where(voiding.voids_sale_id == Sale.id)
        )
        .group_by(Sale.shop_id, sale_day)
    )
    session.execute(insert(ShopDailySales).from_select(["shop_id", "day", "sales", "amount"], takings))


def rows_for_customer(*, shop_id: int, customer_id: int, items: list[_Item]) -> Iterator[dict]:
    """The ``purchase_stats`` rows of one customer: per product, per category, and for all visits."""
    for row in _stat_rows(shop_id=shop_id, customer_id=customer_id, items=items):
        yield {
            column: _dec(value, _PLACES[column]) if column in _PLACES and value is not None else value
            for column, value in zip(_STAT_COLUMNS, row, strict=True)
        }


# Numeric columns of ``purchase_stats`` and their decimals.
_PLACES = {
    "last_quantity": 3,
    "total_quantity": 3,
    "total_amount": 2,
    "usual_gap": 2,
    "days_per_unit": 2,
}
_STAT_COLUMNS = (
    "shop_id",
    "customer_id",
    "item_key",
    "product_id",
    "category",
    "is_group",
    "unit",
    "purchases",
    "first_day",
    "last_day",
    "last_quantity",
    "total_quantity",
    "total_amount",
    "usual_gap",
    "days_per_unit",
    "habit_day",
    "next_due",
    "lapse_after",
)
_USE_COLUMNS = ("promotion_id", "customer_id", "shop_id", "first_day", "last_day", "uses", "came_back")


def _stat_rows(*, shop_id: int, customer_id: int, items: list[_Item]) -> Iterator[tuple]:
    """``rows_for_customer`` as tuples in ``_STAT_COLUMNS`` order, numbers rounded but still floats."""
    # key -> [product_id, category, is_group, unit of the latest purchase, purchases]
    groups: dict[str, list] = {}
    for item in items:
        purchase = Purchase(day=item.day, quantity=item.quantity, amount=item.amount)
        key = product_key(item.product_id)
        entry = groups.get(key)
        if entry is None:
            entry = groups[key] = [item.product_id, None, not item.category, "", []]
        entry[3] = item.unit  # items come oldest first
        entry[4].append(purchase)
        if item.category:
            key = category_key(item.category)
            entry = groups.get(key)
            if entry is None:
                entry = groups[key] = [None, item.category, True, "", []]
            entry[3] = item.unit
            entry[4].append(purchase)
        entry = groups.get(VISITS_KEY)
        if entry is None:
            entry = groups[VISITS_KEY] = [None, None, False, "", []]
        entry[3] = item.unit
        entry[4].append(purchase)
    for key, (product_id, category, is_group, unit, purchases) in groups.items():
        found = rhythm(purchases, weigh_quantity=key != VISITS_KEY)
        if found is None:
            continue
        yield (
            shop_id,
            customer_id,
            key,
            product_id,
            category,
            is_group,
            unit,
            found.purchases,
            found.first_day,
            found.last_day,
            round(found.last_quantity, 3),
            round(found.total_quantity, 3),
            round(found.total_amount, 2),
            None if found.usual_gap is None else round(found.usual_gap, 2),
            None if found.days_per_unit is None else round(found.days_per_unit, 2),
            found.habit_day,
            found.next_due,
            found.lapse_after,
        )


def promotion_rows(*, shop_id: int, customer_id: int, items: list[_Item]) -> list[dict]:
    """The ``promotion_uses`` rows of one customer (``items`` oldest first)."""
    days = sorted({item.day for item in items})
    used: dict[int, list[dt.date]] = {}
    for item in items:
        if item.promotion_id is not None:
            used.setdefault(item.promotion_id, []).append(item.day)
    rows = []
    for promotion_id, when in used.items():
        first = min(when)
        later = bisect.bisect_right(days, first)
        came_back = later < len(days) and days[later] <= first + dt.timedelta(days=RETURN_DAYS)
        rows.append(
            {
                "promotion_id": promotion_id,
                "customer_id": customer_id,
                "shop_id": shop_id,
                "first_day": first,
                "last_day": max(when),
                "uses": len(set(when)),
                "came_back": came_back,
            }
        )
    return rows


# The counted items of one shop (as ``counted_items``), grouped by customer; each customer's items are
# put oldest first in Python, so the database may walk its (customer, product, sold_at) index. Numbers
# come as floats: PostgreSQL's numeric-to-float cast and Python's float(Decimal) both round correctly.
_STREAM_SQL = """
SELECT si.customer_id, si.product_id, p.category, p.unit, si.sold_at, CAST(si.quantity AS {real}),
       CAST(si.amount AS {real}), s.promotion_id, si.id
FROM sale_items si
JOIN products p ON p.id = si.product_id
JOIN sales s ON s.id = si.sale_id
WHERE si.shop_id = {shop} AND si.customer_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM sales v WHERE v.voids_sale_id = si.sale_id)
ORDER BY si.customer_id
"""
_FETCH = 20_000
# Customers per batch handed to a worker: big enough to amortise the hand-over, small enough for memory.
_CUSTOMERS_PER_BATCH = 2000
# Shops with at least this many customers rebuild with one worker process per CPU (up to MAX_WORKERS).
PARALLEL_FROM = 20_000
MAX_WORKERS = 4


def _stream_batches(session: Session, *, shop_id: int) -> Iterator[list[tuple[int, list[tuple]]]]:
    """Stream the shop's counted items as raw driver rows: batches of (customer id, that customer's rows)."""
    dbapi = session.connection().connection
    postgres = session.get_bind().dialect.name == "postgresql"
    # A server-side cursor on PostgreSQL: the whole result would not fit in memory at scale.
    cursor = dbapi.cursor(name="purchase_stats_rebuild") if postgres else dbapi.cursor()
    if postgres:
        cursor.itersize = _FETCH
    cursor.execute(_STREAM_SQL.format(shop=int(shop_id), real="DOUBLE PRECISION" if postgres else "REAL"))
    current: int | None = None
    rows: list[tuple] = []
    batch: list[tuple[int, list[tuple]]] = []
    try:
        while True:
            chunk = cursor.fetchmany(_FETCH)
            if not chunk:
                break
            for row in chunk:
                if row[0] != current:
                    if current is not None:
                        batch.append((current, rows))
                        if len(batch) >= _CUSTOMERS_PER_BATCH:
                            yield batch
                            batch = []
                    current, rows = row[0], []
                rows.append(row)
        if current is not None:
            batch.append((current, rows))
        if batch:
            yield batch
    finally:
        cursor.close()


def _prepare_batch(job: tuple[int, bool, list[tuple[int, list[tuple]]]]) -> tuple[object, object]:
    """The ``purchase_stats`` and ``promotion_uses`` rows of a batch of customers, ready for the driver
    (runs in a worker process when the rebuild is parallel; everything in and out is plain data)."""
    shop_id, postgres, batch = job
    stat_rows: list[tuple] = []
    use_rows: list[tuple] = []
    days: dict[object, dt.date] = {}
    for customer_id, rows in batch:
        items = _items_of(rows, days)
        stat_rows.extend(_stat_rows(shop_id=shop_id, customer_id=customer_id, items=items))
        use_rows.extend(
            tuple(use[c] for c in _USE_COLUMNS)
            for use in promotion_rows(shop_id=shop_id, customer_id=customer_id, items=items)
        )
    if postgres:
        return _copy_text(stat_rows), _copy_text(use_rows)
    return _sqlite_values(stat_rows), _sqlite_values(use_rows)


def _items_of(rows: list[tuple], days: dict[object, dt.date]) -> list[_Item]:
    """One customer's raw rows as items, oldest first (sold_at, then id, as ``refresh_customer`` reads)."""
    rows.sort(key=lambda r: (r[4], r[8]))
    items = []
    for _customer, product_id, category, unit, sold_at, quantity, amount, promotion_id, _id in rows:
        # SQLite hands back 'YYYY-MM-DD HH:MM:SS.ffffff' text, PostgreSQL a datetime; few distinct days.
        key = sold_at[:10] if isinstance(sold_at, str) else sold_at.date()
        day = days.get(key)
        if day is None:
            day = days[key] = dt.date.fromisoformat(key) if isinstance(key, str) else key
        items.append(
            _Item(product_id, category or "", unit or "", day, float(quantity), float(amount), promotion_id)
        )
    return items


class _Escaped(dict):
    """Text in PostgreSQL COPY's text format, remembered (the same few categories and units repeat)."""

    def __missing__(self, value: str) -> str:
        escaped = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        self[value] = escaped
        return escaped


class _Iso(dict):
    """Dates as ISO text, what SQLAlchemy's Date writes into SQLite (the same few hundred days repeat)."""

    def __missing__(self, day: dt.date) -> str:
        text = self[day] = day.isoformat()
        return text


def _copy_text(rows: list[tuple]) -> str:
    """Rows as one block of COPY text: str() of an int, a date or a float (its shortest repr, the same
    digits as ``Decimal(str(round(x)))``), ``\\N`` for None; booleans as ``True``/``False``, which
    PostgreSQL's boolean input accepts."""
    escaped = _Escaped()
    return "".join(
        "\t".join(["\\N" if v is None else escaped[v] if v.__class__ is str else str(v) for v in row]) + "\n"
        for row in rows
    )


def _sqlite_values(rows: list[tuple]) -> list[tuple]:
    """Rows as SQLite stores them: dates as ISO text, numbers as they are (NUMERIC is REAL there)."""
    iso = _Iso()
    return [tuple([iso[v] if v.__class__ is dt.date else v for v in row]) for row in rows]


class _RawWriter:
    """Appends prepared rows (``_copy_text`` / ``_sqlite_values``) to one table through the driver in the
    session's transaction: ``executemany`` on SQLite, ``COPY`` on PostgreSQL."""

    def __init__(self, session: Session, table, columns: tuple[str, ...]) -> None:  # noqa: ANN001 (a Table)
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.cursor = session.connection().connection.cursor()
        names = ", ".join(columns)
        if self.postgres:
            self.statement = f"COPY {table.name} ({names}) FROM STDIN"
        else:
            self.statement = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})"
        self.written = 0

    def write(self, prepared: object) -> None:
        """Write one prepared batch."""
        if not prepared:
            return
        if self.postgres:
            self.cursor.copy_expert(self.statement, io.StringIO(prepared))  # type: ignore[arg-type]
            self.written += prepared.count("\n")  # type: ignore[attr-defined]
        else:
            self.cursor.executemany(self.statement, prepared)
            self.written += len(prepared)  # type: ignore[arg-type]


def _add_daily(session: Session, sale: Sale, *, sign: int) -> None:
    day = sale.sold_at.date()
    takings = session.get(ShopDailySales, (sale.shop_id, day))
    if takings is None:
        takings = ShopDailySales(shop_id=sale.shop_id, day=day, sales=0, amount=Decimal("0"))
        session.add(takings)
    takings.sales += sign
    takings.amount = Decimal(takings.amount) + sign * Decimal(sale.amount)
    for item in sale.items:
        day = item.sold_at.date()
        row = session.get(ProductDailySales, (item.product_id, day))
        if row is None:
            row = ProductDailySales(
                product_id=item.product_id,
                day=day,
                shop_id=sale.shop_id,
                quantity=Decimal("0"),
                amount=Decimal("0"),
            )
            session.add(row)
            session.flush()  # a second line of the same product and day must find this row
        row.quantity = Decimal(row.quantity) + sign * Decimal(item.quantity)
        row.amount = Decimal(row.amount) + sign * Decimal(item.amount)


def _item(row) -> _Item:  # noqa: ANN001 (a result row of counted_items)
    sold_at = row.sold_at
    day = sold_at.date() if isinstance(sold_at, dt.datetime) else sold_at
    return _Item(
        product_id=row.product_id,
        category=row.category or "",
        unit=row.unit or "",
        day=day,
        quantity=float(row.quantity),
        amount=float(row.amount),
        promotion_id=row.promotion_id,
    )


def _dec(value: float, places: int) -> Decimal:
    return Decimal(str(round(value, places)))
