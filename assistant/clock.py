"""The one clock: every date computation asks here, so ``ASSISTANT_TODAY`` pins them all."""

from __future__ import annotations

import datetime as dt

from assistant.config import get_settings


def today() -> dt.date:
    """Today's date, or ``ASSISTANT_TODAY`` when it is set."""
    pinned = get_settings().today
    return pinned if pinned is not None else dt.date.today()


def now() -> dt.datetime:
    """The current local time; on a pinned day, that day at the real time of day."""
    real = dt.datetime.now()
    pinned = get_settings().today
    if pinned is None:
        return real
    return dt.datetime.combine(pinned, real.time())
