"""Engines and sessions: SQLite (WAL, foreign keys on) or PostgreSQL, from one URL."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

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
        # A pool of open connections (SQLAlchemy 1.4 opens a new SQLite connection per session by default):
        # a chat turn uses several sessions, and each new connection costs its PRAGMAs again.
        pool = {} if not path or path == ":memory:" else {"poolclass": QueuePool, "pool_size": 5, "max_overflow": 10}
        engine = create_engine(url, future=True, connect_args={"check_same_thread": False}, **pool)
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


def default_engine() -> Engine:
    """A new engine for ``ASSISTANT_DB_URL`` (a command's or a server's own: the shop context keeps it)."""
    return make_engine(get_settings().resolved_db_url)


def session_factory(engine: Engine) -> sessionmaker:
    """A plain session factory bound to ``engine`` (a shop context's sessions also carry its caches)."""
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
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
