"""A customer's pace for one item (``chance.Pace``) from their purchases, through ``shop.rhythm``."""

from __future__ import annotations

import datetime as dt
import math
import statistics

from assistant.shop.forecast.chance import Pace, lapse_day
from assistant.shop.rhythm import RECENT_GAPS, Purchase, Rhythm, merge_days, rhythm


def pace_of(purchases: list[Purchase]) -> tuple[Rhythm, Pace] | None:
    """The rhythm and the forecast's pace of these purchases (any order), or None when there are none."""
    found = rhythm(purchases)
    if found is None:
        return None
    return found, pace_from(found, gap_spread(purchases))


def stat_figures(
    purchases: list[Purchase], *, weigh_quantity: bool = True, visits: Pace | None = None
) -> tuple[Rhythm, float | None, dt.date | None] | None:
    """What ``purchase_stats`` stores of these purchases: the rhythm, the gaps' spread and the day after
    which the customer counts as lapsed for restock lists (None: never due), judged with ``visits``, the
    pace of their visits to the shop as its row stores them. None when there are no purchases."""
    found = rhythm(purchases, weigh_quantity=weigh_quantity)
    if found is None:
        return None
    spread = gap_spread(purchases, weigh_quantity=weigh_quantity)
    return found, spread, lapse_day(pace_from(found, spread), visits)


def pace_from(found: Rhythm, spread: float | None) -> Pace:
    """The pace of a rhythm whose gaps' spread is ``spread``."""
    expected = (found.next_due - found.last_day).days if found.next_due else None
    return Pace(
        purchases=found.purchases,
        first_day=found.first_day,
        last_day=found.last_day,
        expected_gap=float(expected if expected is not None else (found.last_day - found.first_day).days + 14),
        spread=spread,
        usual_gap=found.usual_gap,
    )


def gap_spread(purchases: list[Purchase], *, weigh_quantity: bool = True) -> float | None:
    """Standard deviation of the log gaps between the recent purchases, each gap per unit bought at its
    start when ``weigh_quantity`` (two bags lasting twice as long is no irregularity); None under two gaps."""
    recent = merge_days(purchases)[-(RECENT_GAPS + 1) :]
    gaps = [
        math.log(max(1, (b.day - a.day).days) / (a.quantity if weigh_quantity and a.quantity > 0 else 1.0))
        for a, b in zip(recent, recent[1:], strict=False)
    ]
    if len(gaps) < 2:
        return None
    return statistics.pstdev(gaps)
