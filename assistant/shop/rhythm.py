"""A customer's buying rhythm for one product or category, from their own purchase history.

Pure functions with no database: ``purchase_stats`` stores what they compute, and the restock backtest
replays them on the history as it stood each week, so the report and its backtest can never disagree.

The method, in the order it is applied:
- purchases on the same day are one purchase (two lines of rice at one visit are one trip);
- the usual pace is days per unit: each gap divided by the quantity bought at its start, so two bags last
  twice as long as one; the median of the recent gaps resists one odd month;
- a fixed habit ("around the 15th of every month") wins when the recent gaps are all about a month and the
  day of the month hardly moves; then the due date is that day, one month per usual quantity ahead;
- someone overdue by more than ``LAPSE_GAPS`` of the expected gap (at least ``LAPSE_MIN_DAYS``) is no
  longer "due": they have bought it elsewhere or stopped, and belong on the win-back list instead.

The lapse rule was chosen by ``assistant backtest restock`` on the demo shop: keeping overdue customers
"due" for two whole gaps, as first planned, raised recall a little (0.56) but dropped precision to 0.42,
below the naive baseline; a short grace keeps both above it (see docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

# How many of the most recent gaps describe the current rhythm (habits change; old ones fade out).
RECENT_GAPS = 6
# Overdue by more than this share of the expected gap (and at least LAPSE_MIN_DAYS): no longer "due".
LAPSE_GAPS = 0.1
LAPSE_MIN_DAYS = 3
# A monthly habit: every recent gap within these bounds and the day of the month within HABIT_SPREAD days.
HABIT_GAP_DAYS = (24, 38)
HABIT_SPREAD = 3
# No forecast reaches further than this: a quantity far above the usual (real histories have fuel sold by
# the litre after one-unit purchases) would otherwise put the due date past the calendar's end.
MAX_AHEAD_DAYS = 3650


@dataclass(frozen=True)
class Purchase:
    """What a customer bought of one product or category on one day."""

    day: dt.date
    quantity: float
    amount: float


@dataclass(frozen=True)
class Rhythm:
    """The figures behind "due again around ...": None where one purchase tells nothing yet."""

    purchases: int
    first_day: dt.date
    last_day: dt.date
    last_quantity: float
    total_quantity: float
    total_amount: float
    usual_gap: float | None = None  # median days between recent purchases
    days_per_unit: float | None = None  # median days one unit lasted
    habit_day: int | None = None  # day of the month they usually come
    next_due: dt.date | None = None
    lapse_after: dt.date | None = None  # after this day they are taken to have stopped


def merge_days(purchases: list[Purchase]) -> list[Purchase]:
    """Purchases of the same day added together, oldest first."""
    by_day: dict[dt.date, list[float]] = {}
    for p in purchases:
        totals = by_day.setdefault(p.day, [0.0, 0.0])
        totals[0] += p.quantity
        totals[1] += p.amount
    return [Purchase(day=d, quantity=q, amount=a) for d, (q, a) in sorted(by_day.items())]


def rhythm(purchases: list[Purchase], *, weigh_quantity: bool = True) -> Rhythm | None:
    """The rhythm of these purchases (any order; same-day ones merged), or None when there are none.

    ``weigh_quantity=False`` counts visits only (every purchase one unit), for a customer's visits to the
    shop as a whole, where adding bottles of oil to bags of rice means nothing.
    """
    days = merge_days(purchases)
    if not days:
        return None
    if not weigh_quantity:
        days = [Purchase(day=p.day, quantity=1.0, amount=p.amount) for p in days]
    last = days[-1]
    base = Rhythm(
        purchases=len(days),
        first_day=days[0].day,
        last_day=last.day,
        last_quantity=last.quantity,
        total_quantity=sum(p.quantity for p in days),
        total_amount=sum(p.amount for p in days),
    )
    if len(days) < 2:
        return base
    recent = days[-(RECENT_GAPS + 1) :]
    gaps = [(b.day - a.day).days for a, b in zip(recent, recent[1:], strict=False)]
    per_unit = [gap / a.quantity for gap, a in zip(gaps, recent, strict=False) if a.quantity > 0]
    usual_gap = float(statistics.median(gaps))
    days_per_unit = float(statistics.median(per_unit)) if per_unit else usual_gap
    usual_quantity = float(statistics.median(p.quantity for p in recent[:-1])) or 1.0
    habit = _monthly_habit(recent, gaps)
    if habit is not None:
        months_ahead = max(1, round(last.quantity / usual_quantity))
        # A purchase on the 1st for a habit of the 30th was last month's visit come late, and one on
        # the 31st for a habit of the 2nd was next month's come early.
        offset = last.day.day - habit
        months_ahead += -1 if offset < -15 else 1 if offset > 15 else 0
        due = _day_in_month(last.day, min(max(0, months_ahead), MAX_AHEAD_DAYS // 31), habit)
    else:
        due = last.day + dt.timedelta(days=min(MAX_AHEAD_DAYS, max(1, round(days_per_unit * last.quantity))))
    expected_gap = (due - last.day).days
    lapse = due + dt.timedelta(days=max(LAPSE_MIN_DAYS, round(LAPSE_GAPS * expected_gap)))
    return Rhythm(
        purchases=base.purchases,
        first_day=base.first_day,
        last_day=base.last_day,
        last_quantity=base.last_quantity,
        total_quantity=base.total_quantity,
        total_amount=base.total_amount,
        usual_gap=usual_gap,
        days_per_unit=days_per_unit,
        habit_day=habit,
        next_due=due,
        lapse_after=lapse,
    )


def last_gap_due(purchases: list[Purchase]) -> dt.date | None:
    """The naive forecast the backtest compares against: the last gap, repeated."""
    days = merge_days(purchases)
    if len(days) < 2:
        return None
    return days[-1].day + (days[-1].day - days[-2].day)


def _monthly_habit(recent: list[Purchase], gaps: list[int]) -> int | None:
    """The day of the month they keep to, when the last three or more purchases show one."""
    if len(recent) < 3 or not all(HABIT_GAP_DAYS[0] <= g <= HABIT_GAP_DAYS[1] for g in gaps):
        return None
    day_numbers = [p.day.day for p in recent]
    centre = round(statistics.median(day_numbers))
    # Distance on a 30-day circle, so the 30th, the 31st and the 1st count as neighbours.
    if all(min(abs(d - centre), 30 - abs(d - centre)) <= HABIT_SPREAD for d in day_numbers):
        return centre
    return None


def _day_in_month(start: dt.date, months_ahead: int, day: int) -> dt.date:
    """``day`` of the month ``months_ahead`` after ``start``'s, clamped to that month's last day."""
    index = start.year * 12 + start.month - 1 + months_ahead
    year, month = divmod(index, 12)
    month += 1
    next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(year, month, min(day, (next_first - dt.timedelta(days=1)).day))
