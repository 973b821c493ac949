"""Backups: ``assistant backup`` and ``assistant restore``.

Two formats, told apart by their first bytes:

* SQLite database file (the default on SQLite): a consistent copy made with SQLite's online backup API,
  safe while the assistant keeps serving. Restores into SQLite only.
* JSON lines, gzip-compressed (the default on PostgreSQL, ``--format jsonl`` anywhere): a header line
  ``{"format": "zhanggui-backup", ...}`` with the schema revision, then one ``{"table": ..., "row": ...}``
  line per row of every table. Portable: restores into SQLite or PostgreSQL at the same schema revision.

Restore replaces every row of the target database, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Date, DateTime, Integer, Numeric, Table, func, insert, select, text, update
from sqlalchemy.engine import Connection, Engine

from assistant import clock
from assistant.db.migrate import upgrade
from assistant.db.models import Base
from assistant.errors import Invalid

FORMAT = "zhanggui-backup"
VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
GZIP_MAGIC = b"\x1f\x8b"
BATCH = 2000


def default_backup_path(engine: Engine, folder: Path) -> Path:
    """``folder/shop-YYYYmmdd-HHMMSS.db`` (SQLite) or ``.jsonl.gz`` (PostgreSQL)."""
    suffix = ".db" if engine.dialect.name == "sqlite" else ".jsonl.gz"
    return folder / f"shop-{clock.now():%Y%m%d-%H%M%S}{suffix}"


def backup(engine: Engine, out: Path, *, fmt: str | None = None) -> Path:
    """Write a backup of the database behind ``engine`` to ``out``; ``fmt`` is ``sqlite`` or ``jsonl``."""
    fmt = fmt or ("sqlite" if engine.dialect.name == "sqlite" else "jsonl")
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        raise Invalid(f"{out} already exists; choose another --out or remove it first")
    if fmt == "sqlite":
        if engine.dialect.name != "sqlite":
            raise Invalid("a SQLite file backup needs a SQLite database; use --format jsonl")
        raw = engine.raw_connection()
        try:
            target = sqlite3.connect(out)
            with target:
                raw.driver_connection.backup(target)
            target.close()
        finally:
            raw.close()
        return out
    if fmt != "jsonl":
        raise Invalid(f"unknown backup format {fmt!r}; use sqlite or jsonl")
    with engine.connect() as connection, gzip.open(out, "wt", encoding="utf-8") as handle:
        # REPEATABLE READ on PostgreSQL: every table read from the same snapshot.
        if engine.dialect.name == "postgresql":
            connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": clock.now().isoformat(timespec="seconds"),
            "revisions": _revisions(connection),
            "tables": [t.name for t in Base.metadata.sorted_tables],
        }
        handle.write(json.dumps(header, ensure_ascii=False) + "\n")
        for table in Base.metadata.sorted_tables:
            statement = select(table).order_by(*table.primary_key.columns)
            for row in connection.execution_options(yield_per=BATCH).execute(statement).mappings():
                handle.write(
                    json.dumps(
                        {"table": table.name, "row": {k: _to_json(v) for k, v in row.items()}},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
    return out


def describe(path: Path) -> str:
    """What kind of backup ``path`` is (to show before restoring); ``Invalid`` when it is none."""
    if not path.is_file():
        raise Invalid(f"{path}: no such file")
    with path.open("rb") as handle:
        start = handle.read(16)
    if start == SQLITE_MAGIC:
        return "a SQLite database file"
    if start[:2] == GZIP_MAGIC:
        header = next(_jsonl(path), None)
        if isinstance(header, dict) and header.get("format") == FORMAT:
            return f"a portable backup made {header.get('created_at')}"
    raise Invalid(
        f"{path} is not a backup made by `assistant backup` (neither a SQLite file nor a "
        "zhanggui JSON-lines backup); nothing was changed"
    )


def restore(engine: Engine, path: Path) -> dict[str, int]:
    """Replace the database's contents with the backup at ``path``; returns rows restored per table."""
    if not path.is_file():
        raise Invalid(f"{path}: no such file")
    with path.open("rb") as handle:
        start = handle.read(16)
    if start == SQLITE_MAGIC:
        return _restore_sqlite(engine, path)
    if start[:2] == GZIP_MAGIC:
        return _restore_jsonl(engine, path)
    raise Invalid(
        f"{path} is not a backup made by `assistant backup` (neither a SQLite file nor a "
        "zhanggui JSON-lines backup); nothing was changed"
    )


def _restore_sqlite(engine: Engine, path: Path) -> dict[str, int]:
    if engine.dialect.name != "sqlite":
        raise Invalid(
            "this backup is a SQLite file and the database is PostgreSQL: make a portable backup "
            "with `assistant backup --format jsonl` on the SQLite side and restore that"
        )
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {name for (name,) in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "shops", "customers"} <= tables:
            raise Invalid(
                f"{path} is a SQLite file but not a shop backup (no shop tables); nothing was changed"
            )
        raw = engine.raw_connection()
        try:
            source.backup(raw.driver_connection)
        finally:
            raw.close()
    finally:
        source.close()
    upgrade(engine)  # a backup from an older version gets the newer tables
    return _counts(engine)


def _restore_jsonl(engine: Engine, path: Path) -> dict[str, int]:
    lines = _jsonl(path)
    header = next(lines, None)
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise Invalid(f"{path} is not a backup made by `assistant backup`; nothing was changed")
    if header.get("version") != VERSION:
        raise Invalid(
            f"{path} is backup format version {header.get('version')}; this assistant reads {VERSION}"
        )
    upgrade(engine)
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    with engine.begin() as connection:
        if set(header["revisions"]) != set(_revisions(connection)):
            raise Invalid(
                f"{path} was made at schema {', '.join(header['revisions'])} and this database is at "
                f"{', '.join(_revisions(connection))}: restore with the assistant version that made it"
            )
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
        pending: list[dict] = []
        current: Table | None = None
        deferred: list[tuple[Table, dict]] = []
        for line in lines:
            table = tables.get(line.get("table"))
            if table is None:
                raise Invalid(
                    f"{path} has rows of an unknown table {line.get('table')!r}; nothing was changed"
                )
            if table is not current:
                _insert(connection, current, pending)
                current, pending = table, []
            row, later = _from_json(table, line["row"])
            pending.append(row)
            if later:
                deferred.append((table, later))
            if len(pending) >= BATCH:
                _insert(connection, current, pending)
                pending = []
        _insert(connection, current, pending)
        # Rows that point at rows of their own table (referred_by, voids) get those links last.
        for table, values in deferred:
            key = table.primary_key.columns.values()[0]
            connection.execute(update(table).where(key == values.pop("_pk")).values(**values))
        if engine.dialect.name == "postgresql":
            _reset_sequences(connection)
    return _counts(engine)


def _jsonl(path: Path) -> Iterator[dict]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise Invalid(f"{path} is not a readable backup ({error}); nothing was changed") from None


def _revisions(connection: Connection) -> list[str]:
    return sorted(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


def _to_json(value: object) -> object:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _from_json(table: Table, row: dict) -> tuple[dict, dict]:
    values: dict = {}
    for column in table.columns:
        value = row.get(column.name)
        if value is not None:
            if isinstance(column.type, DateTime):
                value = dt.datetime.fromisoformat(value)
            elif isinstance(column.type, Date):
                value = dt.date.fromisoformat(value)
            elif isinstance(column.type, Numeric):
                value = Decimal(value)
        values[column.name] = value
    later = {name: values[name] for name in _self_references(table) if values.get(name) is not None}
    if later:
        for name in later:
            values[name] = None
        later["_pk"] = values[table.primary_key.columns.values()[0].name]
    return values, later


def _insert(connection: Connection, table: Table | None, rows: list[dict]) -> None:
    if table is not None and rows:
        connection.execute(insert(table), rows)


def _reset_sequences(connection: Connection) -> None:
    for table in Base.metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        if len(keys) == 1 and isinstance(keys[0].type, Integer):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{keys[0].name}'), "
                    f"COALESCE((SELECT MAX({keys[0].name}) FROM {table.name}), 0) + 1, false)"
                )
            )


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            t.name: connection.execute(select(func.count()).select_from(t)).scalar()
            for t in Base.metadata.sorted_tables
        }
