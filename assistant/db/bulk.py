"""Bulk loading into empty tables: set their secondary indexes (and on PostgreSQL their foreign keys)
aside while millions of rows go in, then build them once.

Building an index from finished rows is a sort; updating it per row is a random write per row. On
PostgreSQL each foreign key is also a trigger that looks up and locks the referenced row for every row
written, which made a 2-million-item import mostly server time. Re-adding the constraint afterwards checks
every row in one join, so nothing goes unchecked. Only tables that are empty are touched (a first import
into a fresh shop); everything happens in the caller's transaction, so a failure restores all of it.
"""

from __future__ import annotations

from sqlalchemy import Index, Table, literal, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

# How long to wait for the locks DDL needs (PostgreSQL) before loading row by row instead.
LOCK_TIMEOUT_MS = 200
# Fewer rows than this load row by row: setting indexes aside pays off only for big loads.
BULK_FROM = 50_000


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
