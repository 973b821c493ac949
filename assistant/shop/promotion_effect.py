"""Did a promotion bring customers back? Its users' return rate against comparable customers who did not
use it, with a 95% interval for the difference, so the owner hears when a gap could be chance.

"Comparable" customers: those who bought something while the promotion ran (between its first and last
use) without using it; each is judged from their first visit in that period, exactly as a user is from
their first use: back if they bought again on a later day within ``RETURN_DAYS``. The interval for the
difference of the two rates is Newcombe's hybrid score interval (his method 10, built from two Wilson
intervals): it behaves at the small counts a neighbourhood shop has, where the textbook one does not.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from dataclasses import dataclass

Z95 = 1.959964


@dataclass(frozen=True)
class Comparison:
    """Comparable customers' figures and the difference a promotion made (None: too few to tell)."""

    others: int  # judged, i.e. not pending
    others_back: int
    others_rate: float | None
    difference: float | None  # users' rate minus others'
    low: float | None  # 95% interval of the difference
    high: float | None

    @property
    def could_be_chance(self) -> bool:
        """Whether the interval includes no difference at all."""
        return self.low is None or self.low <= 0 <= (self.high or 0)


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval of a proportion."""
    if trials == 0:
        return 0.0, 1.0
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(a: int, n: int, b: int, m: int, z: float = Z95) -> tuple[float, float]:
    """95% interval of a/n - b/m (Newcombe 1998, method 10)."""
    p1, p2 = a / n, b / m
    l1, u1 = wilson(a, n, z)
    l2, u2 = wilson(b, m, z)
    d = p1 - p2
    return d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def compare(
    *,
    users_back: int,
    users_judged: int,
    user_ids: set[int],
    visits: dict[int, list[dt.date]],
    first: dt.date,
    last: dt.date,
    today: dt.date,
    return_days: int,
) -> Comparison:
    """Compare a promotion's users (``users_back`` of ``users_judged`` came back) with the customers in
    ``visits`` (each one's visit days, sorted) who visited from ``first`` to ``last`` without using it."""
    judged = back = 0
    for customer_id, days in visits.items():
        if customer_id in user_ids:
            continue
        at = bisect.bisect_left(days, first)
        if at == len(days) or days[at] > last:
            continue
        anchor = days[at]
        came = at + 1 < len(days) and days[at + 1] <= anchor + dt.timedelta(days=return_days)
        if not came and anchor + dt.timedelta(days=return_days) >= today:
            continue  # too early to tell, as for the users
        judged += 1
        back += came
    if not judged or not users_judged:
        return Comparison(judged, back, back / judged if judged else None, None, None, None)
    low, high = newcombe(users_back, users_judged, back, judged)
    return Comparison(
        others=judged,
        others_back=back,
        others_rate=back / judged,
        difference=users_back / users_judged - back / judged,
        low=low,
        high=high,
    )
