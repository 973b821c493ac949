"""Schema migrations with Alembic: ``assistant db upgrade`` and the start-up check."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


# Tables the database keeps for itself: SQLite's AUTOINCREMENT counters. Not the models' business.
INTERNAL_TABLES = frozenset({"sqlite_sequence"})


def include_name(name: str | None, type_: str, _parent_names: dict) -> bool:
    """Alembic's filter: compare and generate everything but the database's own tables."""
    return not (type_ == "table" and name in INTERNAL_TABLES)


def alembic_config(url: str) -> Config:
    """An Alembic config for the database at ``url`` using the package's migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind ``engine`` up to ``revision`` (default: the newest)."""
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database behind ``engine`` back to ``revision`` (tests of a migration's way back)."""
    _run(engine, command.downgrade, revision)


def _run(engine: Engine, step, revision: str) -> None:  # noqa: ANN001 (an alembic command)
    config = alembic_config(str(engine.url))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite rebuilds a table (batch mode) by dropping the old one, which with foreign keys on
            # first deletes its rows and cascades into every table pointing at it. The pragma only takes
            # effect outside a transaction: before the first write of this connection.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                step(config, revision)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"the migration left rows pointing nowhere: {broken[:5]}")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def make_revision(url: str, message: str) -> None:
    """Write a new migration by comparing the models with the database at ``url`` (developers)."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
