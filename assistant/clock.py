"""The one clock: every date computation asks here, so a pinned day (``ASSISTANT_TODAY``) pins them all.

The day belongs to a shop context (``assistant.context.ShopContext``), whose settings may pin it: a test's,
an evaluation's or another shop's context can live on its own day in the same process. Sessions made by a
context carry it in ``Session.info`` (as they carry its report cache), so code that is handed a session
asks ``today_for(session)`` / ``now_for(session)`` and gets that context's day. ``today()`` / ``now()``
without settings read the process settings: only for code that has no context at all (a session made
without one, a command that opens no shop).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

from assistant.config import get_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from assistant.config import Settings


class Clock(Protocol):
    """Whatever tells a session's day: a shop context."""

    def today(self) -> dt.date:
        """Today's date."""

    def now(self) -> dt.datetime:
        """The current local time."""


CLOCK = "zhanggui.clock"
"""The ``Session.info`` key of the ``Clock`` (the shop context) a context's sessions take their day from."""


def today(settings: Settings | None = None) -> dt.date:
    """Today's date, or the day ``settings`` pin (default: the process settings, ``ASSISTANT_TODAY``)."""
    pinned = (settings if settings is not None else get_settings()).today
    return pinned if pinned is not None else dt.date.today()


def now(settings: Settings | None = None) -> dt.datetime:
    """The current local time; on a pinned day, that day at the real time of day."""
    real = dt.datetime.now()
    pinned = (settings if settings is not None else get_settings()).today
    if pinned is None:
        return real
    return dt.datetime.combine(pinned, real.time())


def today_for(session: Session) -> dt.date:
    """The day of the shop context ``session`` was made by (the process settings' for a session made
    without one)."""
    source: Clock | None = session.info.get(CLOCK)
    return source.today() if source is not None else today()


def now_for(session: Session) -> dt.datetime:
    """The current time of the shop context ``session`` was made by (see ``today_for``)."""
    source: Clock | None = session.info.get(CLOCK)
    return source.now() if source is not None else now()
