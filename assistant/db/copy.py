"""Appending many rows to a table through the database driver, in the session's transaction: ``COPY`` on
PostgreSQL, ``executemany`` on SQLite.

At millions of rows SQLAlchemy's per-value work costs more than the database's, so the values are turned
into what the driver takes here, once per distinct date and time (a receipt's items share its time, a
shop's history has a few hundred days). SQLite gets exactly what SQLAlchemy's own SQLite types would have
written (so the ORM reads the rows back unchanged; ``tests/db/test_copy.py`` compares the two). A
``RowFormat`` is plain data, so a worker process can prepare rows for a writer in the parent (the figures
rebuild does, see ``shop.purchase_stats.full_rebuild``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Date, DateTime, Numeric, Table
from sqlalchemy.orm import Session

from assistant.db import data_version

# What ``prepare`` returns: one block of COPY text (PostgreSQL) or rows of driver values (SQLite).
Prepared = str | list[tuple]


@dataclass(frozen=True)
class RowFormat:
    """How rows for some columns of one table become what the driver takes."""

    postgres: bool
    # SQLite only: positions of the columns whose values are converted, by kind.
    datetimes: tuple[int, ...] = ()
    dates: tuple[int, ...] = ()
    numbers: tuple[int, ...] = ()

    @classmethod
    def of(cls, table: Table, columns: tuple[str, ...], *, postgres: bool) -> RowFormat:
        """The format for ``columns`` of ``table`` on PostgreSQL or SQLite."""
        if postgres:
            return cls(postgres=True)
        types = [table.c[c].type for c in columns]
        return cls(
            postgres=False,
            datetimes=tuple(i for i, t in enumerate(types) if isinstance(t, DateTime)),
            dates=tuple(i for i, t in enumerate(types) if isinstance(t, Date)),
            numbers=tuple(i for i, t in enumerate(types) if isinstance(t, Numeric)),
        )

    def prepare(self, rows: list[tuple]) -> Prepared:
        """``rows`` (tuples in column order, Python values) in the driver's form."""
        if self.postgres:
            return copy_text(rows)
        if not (self.datetimes or self.dates or self.numbers):
            return rows
        times: dict[object, str] = {}
        converted = []
        for row in rows:
            values = list(row)
            for i in self.datetimes:
                value = values[i]
                if value is not None:
                    text = times.get(value)
                    if text is None:
                        # SQLAlchemy's SQLite DATETIME storage format: always six digits of microseconds.
                        text = times[value] = value.isoformat(" ", "microseconds")
                    values[i] = text
            for i in self.dates:
                value = values[i]
                if value is not None:
                    text = times.get(value)
                    if text is None:
                        text = times[value] = value.isoformat()
                    values[i] = text
            for i in self.numbers:
                value = values[i]
                if value.__class__ is Decimal:
                    values[i] = float(value)  # what SQLAlchemy's Numeric binds on SQLite (no native decimal)
            converted.append(tuple(values))
        return converted


class _Escaped(dict):
    """Text in PostgreSQL COPY's text format, remembered (the same few names, units and keys repeat)."""

    def __missing__(self, value: str) -> str:
        escaped = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        self[value] = escaped
        return escaped


def copy_text(rows: list[tuple]) -> str:
    """Rows as one block of PostgreSQL COPY text: ``\\N`` for None, text escaped, anything else its
    ``str()`` (an int, a Decimal, a float's shortest repr, a date, a datetime in ISO form with a space,
    ``True``/``False``, which PostgreSQL's boolean input accepts)."""
    escaped = _Escaped()
    return "".join(
        "\t".join(["\\N" if v is None else escaped[v] if v.__class__ is str else str(v) for v in row]) + "\n"
        for row in rows
    )


class TableWriter:
    """Appends rows to one table through the driver in the session's transaction."""

    def __init__(self, session: Session, table: Table, columns: tuple[str, ...]) -> None:
        # The driver's writes are invisible to data_version's listeners: say so for them.
        data_version.record(session, everything=True)
        connection = session.connection()
        postgres = connection.dialect.name == "postgresql"
        self.format = RowFormat.of(table, columns, postgres=postgres)
        self.cursor = connection.connection.cursor()
        names = ", ".join(columns)
        if postgres:
            self.statement = f"COPY {table.name} ({names}) FROM STDIN"
        else:
            self.statement = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})"
        self.written = 0

    def write(self, rows: list[tuple]) -> None:
        """Append ``rows`` (tuples in the writer's column order, Python values)."""
        if rows:
            self.write_prepared(self.format.prepare(rows))

    def write_prepared(self, prepared: Prepared) -> None:
        """Append rows already prepared with this writer's ``format`` (perhaps in another process)."""
        if not prepared:
            return
        if isinstance(prepared, str):
            self.cursor.copy_expert(self.statement, io.StringIO(prepared))
            self.written += prepared.count("\n")
        else:
            self.cursor.executemany(self.statement, prepared)
            self.written += len(prepared)

    def close(self) -> None:
        """Release the driver cursor (the transaction stays the session's)."""
        self.cursor.close()
