"""The everyday answers kept ready, so the owner's first question of the day is as quick as the next.

A kept answer (``cache.py``) is computed once and then patched; the first computation of a big list
takes a second or more at 100,000 customers, and it falls due each new day and after every write by
another process (an import, the command line). ``ReportWarmer`` watches the day and the data version
from a background thread of the server and, when either moved, computes the reports the owner asks for
every day with their usual options, in the background, before she asks.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from assistant.db import data_version
from assistant.shop.reports import run_report

if TYPE_CHECKING:
    from assistant.context import ShopContext

logger = logging.getLogger(__name__)

# The questions of every day, with the options the conversation uses.
EVERYDAY: tuple[tuple[str, dict[str, str]], ...] = (
    ("daily-tasks", {}),
    ("restock-due", {}),
    ("inactive", {}),
    ("birthdays", {"period": "today"}),
    ("birthdays", {"period": "week"}),
    ("birthdays", {"period": "month"}),
    ("reorder", {}),
    ("sales", {}),
    ("campaigns", {}),
    ("commissions", {}),
)


def warm_reports(session: Session, *, shop_id: int) -> int:
    """Compute (or bring up to date) every everyday report of the shop; returns how many were run."""
    for name, options in EVERYDAY:
        run_report(session, name, shop_id=shop_id, options=options)
    return len(EVERYDAY)


class ReportWarmer:
    """A daemon thread that keeps the everyday reports computed while the day and the data move on."""

    def __init__(self, context: ShopContext, *, check_every: float = 30.0) -> None:
        self.context = context
        self.check_every = check_every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._warmed: tuple[object, int | None] | None = None

    def start(self) -> None:
        """Start watching (the first warm-up runs at once)."""
        self._thread = threading.Thread(target=self._run, name="report-warmer", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop watching; a warm-up under way finishes its current report first."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def warm_if_stale(self) -> bool:
        """Warm the reports if the day or the data changed since the last warm-up; True if it did."""
        with self.context.sessions() as session:
            state = (self.context.today(), data_version.read_token(session))
            if state == self._warmed:
                return False
            warm_reports(session, shop_id=self.context.shop_id)
        self._warmed = state
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.warm_if_stale()
            except Exception:  # noqa: BLE001 (a background helper: the answers are computed on demand anyway)
                logger.exception("warming the everyday reports failed; they will be computed when asked")
            self._stop.wait(self.check_every)
