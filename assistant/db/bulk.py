"""Bulk loading: Core ``executemany`` inserts and updates in batches, primary keys reserved up front, and,
into empty tables, their secondary indexes (and on PostgreSQL their foreign keys) set aside while
millions of rows go in, then built once. (Rows written through the driver itself: ``db.copy``.)

Building an index from finished rows is a sort; updating it per row is a random write per row. On
PostgreSQL each foreign key is also a trigger that looks up and locks the referenced row for every row
written, which made a 2-million-item import mostly server time. Re-adding the constraint afterwards checks
every row in one join, so nothing goes unchecked. Only tables that are empty are touched (a first import
into a fresh shop); everything happens in the caller's transaction, so a failure restores all of it.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Index, Table, bindparam, insert, literal, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

# How long to wait for the locks DDL needs (PostgreSQL) before loading row by row instead.
LOCK_TIMEOUT_MS = 200
# Fewer rows than this load row by row: setting indexes aside pays off only for big loads.
BULK_FROM = 50_000
# Rows per executemany: large enough to amortise round trips, small enough to keep memory flat.
BATCH = 5000


class BulkLoad:
    """Indexes and foreign keys of ``tables`` set aside by ``begin`` and restored by ``finish``."""

    def __init__(self, session: Session, *tables: Table) -> None:
        self.session = session
        self.tables = tables
        self.indexes: list[Index] = []
        self.foreign_keys: list[tuple[str, str, str]] = []  # table, constraint name, definition
        self.active = False

    def begin(self) -> bool:
        """Set the indexes aside when every table is empty; returns whether it did."""
        session = self.session
        if any(
            session.execute(select(literal(1)).select_from(table).limit(1)).first() for table in self.tables
        ):
            return False
        if session.get_bind().dialect.name == "postgresql":
            # DDL waits for every open transaction that read these tables (the web app's, a report's) and
            # everything else would queue behind it: give up quickly and load row by row instead.
            savepoint = session.begin_nested()
            try:
                session.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_MS}ms'"))
                self._set_aside()
                session.execute(text("SET LOCAL lock_timeout = DEFAULT"))
            except OperationalError:
                savepoint.rollback()
                self.indexes, self.foreign_keys = [], []
                return False
            savepoint.commit()
        else:
            self._set_aside()
        self.active = True
        return True

    def _set_aside(self) -> None:
        session = self.session
        connection = session.connection()
        self.indexes = [index for table in self.tables for index in sorted(table.indexes, key=_name)]
        for index in self.indexes:
            index.drop(connection)
        if connection.dialect.name == "postgresql":
            for table in self.tables:
                rows = session.execute(
                    text(
                        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                        "WHERE conrelid = CAST(:table AS regclass) AND contype = 'f' ORDER BY conname"
                    ),
                    {"table": table.name},
                ).all()
                for name, definition in rows:
                    self.foreign_keys.append((table.name, name, definition))
                    session.execute(text(f'ALTER TABLE {table.name} DROP CONSTRAINT "{name}"'))

    def finish(self) -> None:
        """Build the indexes and check and restore the foreign keys (no-op when ``begin`` did nothing)."""
        if not self.active:
            return
        connection = self.session.connection()
        for index in self.indexes:
            index.create(connection)
        for table, name, definition in self.foreign_keys:
            self.session.execute(text(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'))
        self.active = False


def _name(index: Index) -> str:
    return str(index.name)


def chunks(values: list, size: int) -> Iterator[list]:
    """``values`` in consecutive slices of at most ``size``."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def insert_rows(session: Session, table: Table, rows: list[dict]) -> None:
    """Executemany INSERT of ``rows`` (dicts with the same keys) in batches."""
    for chunk in chunks(rows, BATCH):
        session.execute(insert(table), chunk)


def update_rows(session: Session, table: Table, rows: list[dict]) -> None:
    """Executemany UPDATE by primary key; every row dict has ``_id`` and the columns to set."""
    by_shape: dict[tuple[str, ...], list[dict]] = {}
    for row in rows:
        by_shape.setdefault(tuple(sorted(k for k in row if k != "_id")), []).append(row)
    for columns, group in by_shape.items():
        # Bind names must differ from column names, which SQLAlchemy reserves for the SET clause.
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({c: bindparam(f"new_{c}") for c in columns})
        )
        for chunk in chunks(group, BATCH):
            session.execute(
                statement, [{"_id": r["_id"], **{f"new_{c}": r[c] for c in columns}} for r in chunk]
            )


class IdBlock:
    """Hands out primary keys for bulk inserts of one table, so rows of another can point at them."""

    def __init__(self, session: Session, table: str) -> None:
        self.session = session
        self.table = table
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.next_id = 0
        if not self.postgres:
            # SQLite has one writer: the transaction already holds the write lock, so the next id is ours.
            # Past the highest id ever handed out (AUTOINCREMENT's ``sqlite_sequence``), not only the
            # highest still there: an erased row's id is never given again.
            self.next_id = session.execute(
                text(
                    f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0), "
                    "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = :table), 0)) + 1"
                ),
                {"table": table},
            ).scalar()

    def take(self, count: int) -> list[int]:
        """``count`` fresh ids."""
        if self.postgres:
            return list(
                self.session.execute(
                    text(
                        f"SELECT nextval(pg_get_serial_sequence('{self.table}', 'id')) "
                        "FROM generate_series(1, :n)"
                    ),
                    {"n": count},
                ).scalars()
            )
        ids = list(range(self.next_id, self.next_id + count))
        self.next_id += count
        return ids
