"""Running a write transaction again when the database gave it up for a passing reason.

PostgreSQL breaks a deadlock by aborting one of the transactions (``40P01``) and a serializable
transaction may fail to serialize (``40001``); SQLite answers "database is locked" when another writer
kept the lock past ``busy_timeout``, or at once when this transaction read an older snapshot than the
one it would write on. In each case nothing of the transaction was kept and running it again from the
start is correct, so the write paths (the chat's "yes", an import's file) go through
``run_in_transaction`` instead of losing the owner's sale. After the last attempt the failure becomes a
``DatabaseBusy`` (an ``AssistantError``): every door reports it as a plain sentence, never a traceback.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from assistant.errors import AssistantError

T = TypeVar("T")

# deadlock_detected, serialization_failure: PostgreSQL rolled the transaction back, it may run again.
RETRY_PGCODES = frozenset({"40P01", "40001"})
# SQLite's words for "another writer has the database" (SQLITE_BUSY, SQLITE_LOCKED).
SQLITE_BUSY = ("database is locked", "database table is locked")
ATTEMPTS = 3
# First pause between attempts (seconds); doubled each time and jittered so two losers do not meet again.
PAUSE = 0.05


class DatabaseBusy(AssistantError):
    """The database stayed busy (deadlocks or locks) through every attempt; nothing was written."""


def is_transient(error: BaseException) -> bool:
    """Whether ``error`` is a deadlock, serialization failure or busy lock: the same work may succeed."""
    if not isinstance(error, DBAPIError):
        return False
    if getattr(error.orig, "pgcode", None) in RETRY_PGCODES:
        return True
    message = str(error.orig).lower()
    return any(words in message for words in SQLITE_BUSY)


class _Attempt:
    """One attempt: a new session whose transaction commits when the block succeeds; a passing failure
    (of the block or of the commit) is rolled back and swallowed so the caller runs the work again, the
    last one and any other error rolled back and raised."""

    def __init__(self, sessions: Callable[[], Session], number: int, attempts: int) -> None:
        self.session = sessions()
        self.number, self.attempts = number, attempts
        self.committed = False
        self.result: Any = None

    def __enter__(self) -> _Attempt:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _trace: object) -> bool:
        try:
            if kind is None:
                try:
                    self.session.commit()
                    self.committed = True
                    return False
                except DBAPIError as failed:
                    error = failed
            self.session.rollback()
            if isinstance(error, DBAPIError):
                _raise_unless_retrying(error, self.number, self.attempts)
                return True  # run it again
            return False
        finally:
            self.session.close()


def run_in_transaction(
    sessions: Callable[[], Session], work: Callable[[Session], T], *, attempts: int = ATTEMPTS
) -> T:
    """``work(session)`` in a new session, committed; run again from the start (new session, new
    transaction) up to ``attempts`` times when the database gave it up for a passing reason."""
    for number in range(1, attempts + 1):
        with _Attempt(sessions, number, attempts) as attempt:
            attempt.result = work(attempt.session)
        if attempt.committed:
            return attempt.result
        time.sleep(_pause(number))
    raise AssertionError("unreachable")  # the last attempt returns or raises


async def run_in_transaction_async(
    sessions: Callable[[], Session], work: Callable[[Session], Awaitable[T]], *, attempts: int = ATTEMPTS
) -> T:
    """``run_in_transaction`` for a coroutine ``work`` (a proposal's ``commit``): the pause between
    attempts does not hold up the event loop."""
    for number in range(1, attempts + 1):
        with _Attempt(sessions, number, attempts) as attempt:
            attempt.result = await work(attempt.session)
        if attempt.committed:
            return attempt.result
        await asyncio.sleep(_pause(number))
    raise AssertionError("unreachable")


def _raise_unless_retrying(error: DBAPIError, attempt: int, attempts: int) -> None:
    if not is_transient(error):
        raise error
    if attempt >= attempts:
        raise DatabaseBusy(
            f"the database was busy {attempts} times in a row (another import or sale); nothing was "
            "written, please try again"
        ) from error


def _pause(attempt: int) -> float:
    # Jitter is for spreading retries, not security: the standard generator is right here.
    return PAUSE * 2 ** (attempt - 1) * random.uniform(0.5, 1.5)  # noqa: S311
