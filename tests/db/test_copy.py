"""The driver-level writer writes what SQLAlchemy itself would have (both databases)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from assistant.db.copy import RowFormat, TableWriter, copy_text
from assistant.db.models import PurchaseStat, Sale, Shop


def test_sqlite_values_are_what_sqlalchemys_own_types_bind():
    columns = ("id", "shop_id", "sold_at", "amount", "import_key", "recorded_at")
    row = (
        7,
        1,
        dt.datetime(2026, 3, 2, 10, 0),
        Decimal("207.90"),
        "k-1",
        dt.datetime(2026, 3, 2, 10, 0, 0, 5),
    )
    prepared = RowFormat.of(Sale.__table__, columns, postgres=False).prepare([row])
    dialect = sqlite.dialect()
    expected = []
    for column, value in zip(columns, row, strict=True):
        process = Sale.__table__.c[column].type.dialect_impl(dialect).bind_processor(dialect)
        expected.append(process(value) if process else value)
    assert prepared == [tuple(expected)]
    stat = RowFormat.of(PurchaseStat.__table__, ("first_day", "usual_gap"), postgres=False)
    assert stat.prepare([(dt.date(2026, 1, 5), 30.5)]) == [("2026-01-05", 30.5)]


def test_copy_text_escapes_and_marks_nulls():
    assert copy_text([(1, None, "a\tb\\c\nd", True, Decimal("1.50"), dt.date(2026, 1, 5))]) == (
        "1\t\\N\ta\\tb\\\\c\\nd\tTrue\t1.50\t2026-01-05\n"
    )


def test_rows_written_read_back_through_the_orm(session, shop_id):
    when = dt.datetime(2026, 3, 2, 10, 30)
    writer = TableWriter(
        session, Sale.__table__, ("shop_id", "kind", "sold_at", "channel", "amount", "recorded_at")
    )
    writer.write(
        [(shop_id, "sale", when, "import", Decimal("12.30"), when), (shop_id, "sale", when, "x\ty", 0, when)]
    )
    writer.close()
    session.commit()
    sales = session.execute(select(Sale).order_by(Sale.id)).scalars().all()
    assert [(s.sold_at, s.channel, Decimal(s.amount)) for s in sales] == [
        (when, "import", Decimal("12.30")),
        (when, "x\ty", Decimal("0")),
    ]
    assert writer.written == 2 and session.get(Shop, shop_id) is not None
