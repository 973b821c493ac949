"""Importing any subset of the three files, each in its own transaction (or the caller's)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db import locks, session_factory
from assistant.db.retry import run_in_transaction
from assistant.shop.importer.customers import import_customers
from assistant.shop.importer.products import import_products
from assistant.shop.importer.report import ImportReport
from assistant.shop.importer.sales import import_sales
from assistant.shop.shops import default_shop_id


def import_csv(
    target: Engine | Session,
    *,
    shop_id: int | None = None,
    customers: Path | None = None,
    products: Path | None = None,
    sales: Path | None = None,
    progress: bool = False,
    channel: str = "import",
    rebuild_stats: bool = True,
    now: dt.datetime | None = None,
) -> ImportReport:
    """Import any subset of the three contract CSV files; raises ``ImportRejected`` on a bad file.

    With an ``Engine`` each file is committed on its own; with a ``Session`` everything is written into
    the caller's transaction and the caller commits, or rolls back on ``ImportRejected`` (part of a bad
    sales file may already be in the transaction). ``rebuild_stats=False`` leaves the reports' figures
    to the caller (who adds more sales and rebuilds once). ``now`` is when the import is recorded
    (consents, new customers, receipts; default: now, on the session's context's day).
    """
    started = time.perf_counter()
    if now is None:  # a bare engine belongs to no shop context: the process settings' clock
        now = clock.now_for(target) if isinstance(target, Session) else clock.now()
    report = ImportReport()
    steps = [
        (path, step)
        for path, step in (
            (customers, import_customers),
            (products, import_products),
            (sales, import_sales),
        )
        if path is not None
    ]
    for path, step in steps:
        write = partial(
            _write_step, step=step, shop_id=shop_id, path=Path(path), report=report, progress=progress,
            channel=channel, rebuild_stats=rebuild_stats, now=now,
        )
        if isinstance(target, Session):
            write(target)
            target.flush()
        else:
            _write_file(target, write, report)
    report.seconds = time.perf_counter() - started
    return report


def _write_step(session: Session, *, step: Callable[..., None], shop_id: int | None, **arguments: Any) -> None:
    """One file's step in ``session``, once this transaction is the shop's only import."""
    chosen = shop_id if shop_id is not None else default_shop_id(session)
    # Before the file's first read: a second import of the same file waits here, then finds every
    # receipt of the first already there (``db.locks``).
    locks.lock_import(session, shop_id=chosen)
    step(session, shop_id=chosen, **arguments)


def _write_file(engine: Engine, write: Callable[[Session], None], report: ImportReport) -> None:
    """One file in its own transaction, run again when the database gave it up for a passing reason
    (a deadlock, SQLite's lock held past ``busy_timeout``); a failed attempt's counts are undone."""
    counted = replace(report)

    def attempt(session: Session) -> None:
        vars(report).update(vars(counted))
        write(session)

    run_in_transaction(session_factory(engine), attempt)


def count_rows(session: Session) -> dict[str, int]:
    """Rows per table (tests and the benchmark compare these before and after a re-import)."""
    from assistant.db.models import Base

    return {
        t.name: session.execute(select(func.count()).select_from(t)).scalar()
        for t in Base.metadata.sorted_tables
    }
