"""Engines and sessions: SQLite (WAL, foreign keys on) or PostgreSQL, from one URL."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.config import get_settings

# SQLite stores NUMERIC as REAL; amounts have two decimals and quantities three, which REAL holds
# exactly enough, and SQLAlchemy hands back Decimal either way.
warnings.filterwarnings("ignore", message="Dialect sqlite\\+pysqlite does \\*not\\* support Decimal")


def _configure_sqlite(dbapi_connection, _record) -> None:  # noqa: ANN001 (DB-API types)
    cursor = dbapi_connection.cursor()
    # WAL lets the web app read while the counter writes; foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """A new engine for ``url``; a SQLite file's folder is created when missing."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, future=True, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    """The shared engine for ``url`` (one connection pool per database per process)."""
    return make_engine(url)


def default_engine() -> Engine:
    """The engine for ``ASSISTANT_DB_URL``."""
    return engine_for(get_settings().resolved_db_url)


def session_factory(engine: Engine | None = None) -> sessionmaker:
    """A session factory bound to ``engine`` (default: ``ASSISTANT_DB_URL``)."""
    return sessionmaker(bind=engine or default_engine(), future=True, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits when the block succeeds and rolls back when it raises."""
    session = session_factory(engine)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
