"""Importing any subset of the three files, each in its own transaction (or the caller's)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db import session_scope
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
    (consents, new customers, receipts; default: the clock's now).
    """
    started = time.perf_counter()
    now = now if now is not None else clock.now()
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
        with _step_session(target) as session:
            step(
                session,
                shop_id=shop_id if shop_id is not None else default_shop_id(session),
                path=Path(path),
                report=report,
                progress=progress,
                channel=channel,
                rebuild_stats=rebuild_stats,
                now=now,
            )
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def _step_session(target: Session | Engine) -> Iterator[Session]:
    """The caller's session (flushed after the step, committed by the caller), or one transaction per
    file on an engine."""
    if isinstance(target, Session):
        yield target
        target.flush()
        return
    with session_scope(target) as session:
        yield session


def count_rows(session: Session) -> dict[str, int]:
    """Rows per table (tests and the benchmark compare these before and after a re-import)."""
    from assistant.db.models import Base

    return {
        t.name: session.execute(select(func.count()).select_from(t)).scalar()
        for t in Base.metadata.sorted_tables
    }
