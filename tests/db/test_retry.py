"""A write the database gave up for a passing reason (deadlock, busy lock) runs again; others do not."""

import asyncio
import sqlite3
import threading

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from assistant.db import session_factory
from assistant.db.models import Customer
from assistant.db.retry import DatabaseBusy, is_transient, run_in_transaction, run_in_transaction_async
from assistant.errors import AssistantError


def _locked_error(tmp_path) -> OperationalError:
    """A real "database is locked" from SQLite: a second writer that will not wait."""
    path = tmp_path / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("INSERT INTO t VALUES (1)")
    except sqlite3.OperationalError as error:
        return OperationalError("INSERT INTO t VALUES (1)", {}, error)
    finally:
        holder.close()
        other.close()
    raise AssertionError("SQLite did not refuse the second writer")


def test_a_deadlock_on_postgresql_is_run_again_and_both_writes_land(shop_db):
    if shop_db.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: it cannot deadlock")
    sessions = session_factory(shop_db)
    with sessions() as session:
        first, second = session.execute(select(Customer.id).order_by(Customer.id).limit(2)).scalars()
    barrier = threading.Barrier(2)
    attempts: dict[str, int] = {"a": 0, "b": 0}
    errors: list[BaseException] = []

    def crossing(name: str, one: int, other: int) -> None:
        def work(session) -> None:  # noqa: ANN001
            attempts[name] += 1
            session.execute(update(Customer).where(Customer.id == one).values(notes=f"{name} first"))
            if attempts[name] == 1:
                barrier.wait(timeout=10)  # both hold their first row: the second update deadlocks
            session.execute(update(Customer).where(Customer.id == other).values(notes=f"{name} second"))

        try:
            run_in_transaction(sessions, work)
        except BaseException as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)

    threads = [threading.Thread(target=crossing, args=("a", first, second)),
               threading.Thread(target=crossing, args=("b", second, first))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(attempts.values()) == [1, 2]  # PostgreSQL aborted one; it ran again and succeeded
    loser = "a" if attempts["a"] == 2 else "b"
    with sessions() as session:
        notes = set(session.execute(select(Customer.notes).where(Customer.id.in_([first, second]))).scalars())
    assert notes == {f"{loser} first", f"{loser} second"}  # the retried one wrote last, both rows


def test_sqlite_busy_is_transient_and_retried_until_it_passes(sqlite_engine, tmp_path):
    locked = _locked_error(tmp_path)
    assert is_transient(locked)
    calls = []

    def work(session) -> str:  # noqa: ANN001
        calls.append(1)
        if len(calls) < 3:
            raise locked
        return "written"

    assert run_in_transaction(session_factory(sqlite_engine), work) == "written"
    assert len(calls) == 3


def test_busy_through_every_attempt_is_a_plain_error_not_a_traceback(sqlite_engine, tmp_path):
    locked = _locked_error(tmp_path)

    async def work(session) -> None:  # noqa: ANN001
        raise locked

    with pytest.raises(DatabaseBusy) as raised:
        asyncio.run(run_in_transaction_async(session_factory(sqlite_engine), work, attempts=2))
    assert isinstance(raised.value, AssistantError)
    assert "nothing was written" in str(raised.value)


def test_other_errors_are_not_retried(sqlite_engine):
    calls = []

    def work(session) -> None:  # noqa: ANN001
        calls.append(1)
        raise IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed: customers.name"))

    with pytest.raises(IntegrityError):
        run_in_transaction(session_factory(sqlite_engine), work)
    assert len(calls) == 1
