"""Rebuilding a whole shop's figures from its sales, after a bulk import or a change of method: one
streaming pass over the shop's counted items, customers in batches computed in worker processes for big
shops, rows written back through the driver."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from contextlib import closing

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from assistant.db import data_version, locks, session_scope
from assistant.db.bulk import BULK_FROM, BulkLoad
from assistant.db.copy import Prepared, RowFormat, TableWriter
from assistant.db.models import (
    ProductDailySales,
    PromotionUse,
    PurchaseStat,
    Sale,
    SaleItem,
    Shop,
    ShopDailySales,
)
from assistant.shop.purchase_stats.rows import STAT_COLUMNS, USE_COLUMNS, Item, promotion_rows, stat_rows
from assistant.shop.sales_query import item_counts, not_voided_sql, sale_counts

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
  AND {counts}
ORDER BY si.customer_id
"""
_FETCH = 20_000
# A batch handed to a worker closes at this many customers or items, whichever comes first: big enough to
# amortise the hand-over, small enough for memory (a real shop's customer may have a thousand items, so
# customers alone do not bound it: 2,000 of them once held a whole 1.5 M-item history).
_CUSTOMERS_PER_BATCH = 2000
_ITEMS_PER_BATCH = 50_000
# Shops with at least this many sale items rebuild with one worker process per CPU (up to MAX_WORKERS):
# below it, spawning the workers costs more than it saves.
PARALLEL_FROM = 300_000
MAX_WORKERS = 4
# The method the rows are computed with: change it whenever what ``rows.stat_rows`` writes changes (the
# rhythm, the forecast's coefficients or lapse day), so every shop's figures are recomputed once
# (``refresh_outdated``). Stored rows hold what the forecast judged when they were written: restock-due
# reads only rows whose ``lapse_after`` has not passed, so an earlier method's could hide customers.
FIGURES_VERSION = "2026-12-05 forecast with visits; lapse day judged with them"
_OUTDATED = or_(Shop.figures_version.is_(None), Shop.figures_version != FIGURES_VERSION)


def rebuild(session: Session, *, shop_id: int, workers: int | None = None) -> int:
    """Recompute all figures of a shop from its sales (after a bulk import); returns the rows written.

    One streaming pass over the shop's counted items through the driver's own cursor, customers in
    batches, written back with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL): at millions of items
    SQLAlchemy's per-row work costs more than the rhythm itself. The rows are exactly those
    ``refresh_customer`` writes one customer at a time. ``workers`` processes compute the rhythms while
    this one reads and writes (default: one per CPU for shops of ``PARALLEL_FROM`` items or more).
    """
    session.flush()
    # Alone on the shop's figures (``db.locks``): a sale logged meanwhile waits, then sees these rows.
    locks.lock_figures(session, shop_id=shop_id, whole_shop=True)
    data_version.record(session, everything=True)
    session.execute(delete(PurchaseStat).where(PurchaseStat.shop_id == shop_id))
    session.execute(delete(PromotionUse).where(PromotionUse.shop_id == shop_id))
    items = session.execute(select(func.count(SaleItem.id)).where(SaleItem.shop_id == shop_id)).scalar()
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS) if items >= PARALLEL_FROM else 1
    # Into empty tables (the usual case: one shop), indexes are built once at the end, not per row. A
    # customer has a row per product and category bought, so the items bound the rows from above.
    bulk = BulkLoad(session, PurchaseStat.__table__, PromotionUse.__table__)
    if items >= BULK_FROM:
        bulk.begin()
    stats = TableWriter(session, PurchaseStat.__table__, STAT_COLUMNS)
    uses = TableWriter(session, PromotionUse.__table__, USE_COLUMNS)
    formats = (stats.format, uses.format)
    # ``closing``: the server-side cursor is closed here, before the transaction ends, even when a write
    # fails. Left to the garbage collector, it was closed after the caller's rollback, and psycopg2 then
    # raised "named cursor isn't valid anymore" over the real error.
    with closing(_stream_batches(session, shop_id=shop_id)) as stream:
        _write_all(stats, uses, ((shop_id, formats, batch) for batch in stream), workers)
    stats.close()
    uses.close()
    bulk.finish()
    rebuild_daily(session, shop_id=shop_id)
    session.execute(update(Shop).where(Shop.id == shop_id).values(figures_version=FIGURES_VERSION))
    return stats.written


def refresh_outdated(engine: Engine) -> dict[int, int]:
    """Rebuild, once, every shop whose figures an earlier method computed (or none recorded): what each
    command that opens the shop does after upgrading the schema. Returns {shop id: rows written}."""
    with session_scope(engine) as session:
        shops = session.execute(select(Shop.id).where(_OUTDATED).order_by(Shop.id)).scalars().all()
    rebuilt = {}
    for shop_id in shops:
        with session_scope(engine) as session:
            # Claimed by writing the stamp first: a second process starting meanwhile waits on this row,
            # then finds it current and leaves it.
            claim = update(Shop).where(Shop.id == shop_id, _OUTDATED).values(figures_version=FIGURES_VERSION)
            if session.execute(claim).rowcount:
                rebuilt[shop_id] = rebuild(session, shop_id=shop_id)
    return rebuilt


def _write_all(stats: TableWriter, uses: TableWriter, batches: Iterator[tuple], workers: int) -> None:
    """Compute each batch's rows (in ``workers`` processes when more than one) and write them in order."""
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


def _write_prepared(stats: TableWriter, uses: TableWriter, prepared: tuple[Prepared, Prepared]) -> None:
    stats.write_prepared(prepared[0])
    uses.write_prepared(prepared[1])


def rebuild_daily(session: Session, *, shop_id: int) -> None:
    """Recompute the shop's daily takings and product volumes from its sales that count."""
    data_version.record(session, kinds=[data_version.SALES])
    session.execute(delete(ProductDailySales).where(ProductDailySales.shop_id == shop_id))
    session.execute(delete(ShopDailySales).where(ShopDailySales.shop_id == shop_id))
    day = func.date(SaleItem.sold_at)
    daily = (
        select(
            SaleItem.product_id, day, SaleItem.shop_id, func.sum(SaleItem.quantity), func.sum(SaleItem.amount)
        )
        .where(SaleItem.shop_id == shop_id, item_counts())
        .group_by(SaleItem.product_id, day, SaleItem.shop_id)
    )
    session.execute(
        insert(ProductDailySales).from_select(["product_id", "day", "shop_id", "quantity", "amount"], daily)
    )
    sale_day = func.date(Sale.sold_at)
    takings = (
        select(Sale.shop_id, sale_day, func.count(Sale.id), func.sum(Sale.amount))
        .where(Sale.shop_id == shop_id, sale_counts())
        .group_by(Sale.shop_id, sale_day)
    )
    session.execute(insert(ShopDailySales).from_select(["shop_id", "day", "sales", "amount"], takings))


def _stream_batches(session: Session, *, shop_id: int) -> Iterator[list[tuple[int, list[tuple]]]]:
    """Stream the shop's counted items as raw driver rows: batches of (customer id, that customer's rows)."""
    dbapi = session.connection().connection
    postgres = session.get_bind().dialect.name == "postgresql"
    # A server-side cursor on PostgreSQL: the whole result would not fit in memory at scale.
    cursor = dbapi.cursor(name="purchase_stats_rebuild") if postgres else dbapi.cursor()
    if postgres:
        cursor.itersize = _FETCH
    cursor.execute(_STREAM_SQL.format(shop=int(shop_id), real="DOUBLE PRECISION" if postgres else "REAL",
                                      counts=not_voided_sql("si.sale_id")))
    current: int | None = None
    rows: list[tuple] = []
    batch: list[tuple[int, list[tuple]]] = []
    batch_items = 0
    try:
        while True:
            chunk = cursor.fetchmany(_FETCH)
            if not chunk:
                break
            for row in chunk:
                if row[0] != current:
                    if current is not None:
                        batch.append((current, rows))
                        batch_items += len(rows)
                        if len(batch) >= _CUSTOMERS_PER_BATCH or batch_items >= _ITEMS_PER_BATCH:
                            yield batch
                            batch, batch_items = [], 0
                    current, rows = row[0], []
                rows.append(row)
        if current is not None:
            batch.append((current, rows))
        if batch:
            yield batch
    finally:
        cursor.close()


def _prepare_batch(
    job: tuple[int, tuple[RowFormat, RowFormat], list[tuple[int, list[tuple]]]],
) -> tuple[Prepared, Prepared]:
    """The ``purchase_stats`` and ``promotion_uses`` rows of a batch of customers, ready for the driver
    (runs in a worker process when the rebuild is parallel; everything in and out is plain data)."""
    shop_id, (stats_format, uses_format), batch = job
    stats: list[tuple] = []
    use_rows: list[tuple] = []
    days: dict[object, dt.date] = {}
    memo: dict = {}
    for customer_id, rows in batch:
        items = _items_of(rows, days)
        stats.extend(stat_rows(shop_id=shop_id, customer_id=customer_id, items=items, memo=memo))
        use_rows.extend(
            tuple(use[c] for c in USE_COLUMNS)
            for use in promotion_rows(shop_id=shop_id, customer_id=customer_id, items=items)
        )
    return stats_format.prepare(stats), uses_format.prepare(use_rows)


def _items_of(rows: list[tuple], days: dict[object, dt.date]) -> list[Item]:
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
            Item(product_id, category or "", unit or "", day, float(quantity), float(amount), promotion_id)
        )
    return items
