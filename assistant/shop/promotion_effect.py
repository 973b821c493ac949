"""Did a promotion bring customers back? Its users' return rate against comparable customers who did not
use it, with a 95% interval for the difference, so the owner hears when a gap could be chance.

"Comparable" means matched on how often they shopped before, judged at the same point: the households who
use coupons are a shop's most frequent ones, and frequent shoppers come back anyway (on The Complete
Journey the users of the big campaigns had shopped on 7 of the 30 days before against 2-3 for everyone
else, which alone made a +0.10 gap). So each user is put in a stratum by the days they shopped in the
``LOOKBACK_DAYS`` before first using it (exactly, up to ``VISIT_CAP``). Each customer who did not use it
is judged from a visit while it ran, drawn the way users come to be judged: a user first uses it on
their 1st, 2nd, 3rd... visit since it began (on The Complete Journey after a median 2-3 visits), so a
non-user gets a position drawn at random (fixed seed) from the users' and is judged from that visit of
theirs, in a stratum the same way. Judging them from a random one of their visits instead made the
comparable rate about 0.02 lower for the biggest campaigns, mostly in the strata of 0-3 visits (our
reading: the visit a coupon is first used on often ends a gap, so it sits in a lower stratum than its
shopper's usual; the same position keeps that alike for both; docs/benchmarks.md has the figures).
Back = bought again on a later day within ``return_days``; anyone whose window has not ended and who
has not come back is left out, as for the users.

The difference is the users' rate minus the non-users' rates weighted by the users' strata (what the
same customers would have done without it). Users in a stratum with no non-user are "not matched" and
counted apart. Two checks, and the owner is told "unlikely to be chance" only when both agree:

- A stratified permutation test: if the promotion did nothing, who used it is exchangeable with who did
  not within each stratum, so the number of users back in a stratum is hypergeometric; ``DRAWS`` draws of
  every stratum give the two-sided p-value (the exact conditional test, to about ±0.003 near 0.05). It
  holds at any size, including the common case where every user came back; a bootstrap over customers
  cannot see that uncertainty (158 of 158 users resample to 100% every time, so a +0.02 gap would look
  certain), which is why it is not used.
- A 95% interval for the difference (the report shows it): Newcombe's hybrid score method generalised to
  weighted sums of proportions (Zou & Donner's MOVER with Wilson limits per stratum); with one stratum it
  is Newcombe's method 10. At the smallest counts it can clear zero where the exact test does not (3 of 3
  users back against 1 of 4: +0.03 to +0.95, p = 0.14), hence both.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from dataclasses import dataclass

import numpy as np

Z95 = 1.959964
LOOKBACK_DAYS = 30
VISIT_CAP = 12  # 12+ visit days in 30 is one stratum: few non-users shop that often
DRAWS = 20_000
SEED = 14


@dataclass(frozen=True)
class Comparison:
    """Comparable customers' figures and the difference a promotion made (None: too few to tell)."""

    users_matched: int  # judged users with comparable non-users in their stratum
    users_unmatched: int
    matched_back: int
    others: int  # comparable non-users (judged, in the matched users' strata)
    others_back: int
    others_rate: float | None  # weighted to the matched users' strata
    difference: float | None  # matched users' rate minus others_rate
    low: float | None  # 95% interval of the difference
    high: float | None
    p_value: float | None  # stratified permutation test, two-sided

    @property
    def could_be_chance(self) -> bool:
        """Whether the interval includes no difference or the permutation test cannot rule chance out."""
        if self.low is None or self.high is None or self.p_value is None:
            return True
        return self.low <= 0 <= self.high or self.p_value >= 0.05


@dataclass(frozen=True)
class Judged:
    """One customer judged from a start day: their stratum and whether they came back."""

    stratum: int
    came_back: bool


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


def visit_stratum(days: list[dt.date], start: dt.date, lookback_days: int = LOOKBACK_DAYS) -> int:
    """The days (of ``days``, sorted) someone shopped in the ``lookback_days`` before ``start``, capped."""
    before = bisect.bisect_left(days, start) - bisect.bisect_left(days, start - dt.timedelta(days=lookback_days))
    return min(before, VISIT_CAP)


def judge(days: list[dt.date], start: dt.date, *, today: dt.date, return_days: int) -> Judged | None:
    """Someone's stratum at ``start`` and whether they bought again within ``return_days`` (None: pending)."""
    later = bisect.bisect_right(days, start)
    came = later < len(days) and days[later] <= start + dt.timedelta(days=return_days)
    if not came and start + dt.timedelta(days=return_days) >= today:
        return None  # too early to tell
    return Judged(visit_stratum(days, start), came)


def comparable_others(
    *,
    user_ids: set[int],
    visits: dict[int, list[dt.date]],
    positions: list[int],
    first: dt.date,
    last: dt.date,
    today: dt.date,
    return_days: int,
    seed: int = SEED,
) -> list[Judged]:
    """The customers in ``visits`` (each one's visit days, sorted) who did not use the promotion, each
    judged from the visit at a position drawn (fixed ``seed``) from the users' ``positions`` (0: their
    first visit from ``first`` on) when it falls no later than ``last``."""
    draw = random.Random(seed)
    judged = []
    for customer_id in sorted(visits):
        if customer_id in user_ids:
            continue
        days = visits[customer_id]
        at = bisect.bisect_left(days, first) + draw.choice(positions)
        if at >= len(days) or days[at] > last:
            continue
        found = judge(days, days[at], today=today, return_days=return_days)
        if found is not None:
            judged.append(found)
    return judged


def compare(users: list[Judged], others: list[Judged], *, seed: int = SEED) -> Comparison:
    """The users against the non-users of the same strata: the weighted difference, its interval and the
    permutation test's p-value."""
    tally: dict[int, list[int]] = {}  # stratum: [users, users back, others, others back]
    for person, column in [(u, 0) for u in users] + [(o, 2) for o in others]:
        counts = tally.setdefault(person.stratum, [0, 0, 0, 0])
        counts[column] += 1
        counts[column + 1] += person.came_back
    matched = {s: c for s, c in tally.items() if c[0] and c[2]}
    n = sum(c[0] for c in matched.values())
    a = sum(c[1] for c in matched.values())
    others_n = sum(c[2] for c in matched.values())
    others_back = sum(c[3] for c in matched.values())
    unmatched = len(users) - n
    if not n:
        return Comparison(0, unmatched, 0, others_n, others_back, None, None, None, None, None)
    weights = {s: c[0] / n for s, c in matched.items()}
    rates = {s: c[3] / c[2] for s, c in matched.items()}
    others_rate = sum(weights[s] * rates[s] for s in matched)
    p1 = a / n
    l1, u1 = wilson(a, n)
    # MOVER for the weighted sum of the others' rates, then Newcombe's combination with the users' rate.
    below = math.sqrt(sum((weights[s] * (rates[s] - wilson(c[3], c[2])[0])) ** 2 for s, c in matched.items()))
    above = math.sqrt(sum((weights[s] * (wilson(c[3], c[2])[1] - rates[s])) ** 2 for s, c in matched.items()))
    difference = p1 - others_rate
    return Comparison(
        users_matched=n,
        users_unmatched=unmatched,
        matched_back=a,
        others=others_n,
        others_back=others_back,
        others_rate=others_rate,
        difference=difference,
        low=difference - math.sqrt((p1 - l1) ** 2 + above**2),
        high=difference + math.sqrt((u1 - p1) ** 2 + below**2),
        p_value=permutation_p_value(list(matched.values()), seed=seed),
    )


def permutation_p_value(strata: list[list[int]], *, seed: int = SEED, draws: int = DRAWS) -> float:
    """Two-sided p-value of the users-weighted difference when, within each stratum ([users, users back,
    others, others back]), using the promotion changed nothing."""
    users = np.array([c[0] for c in strata])
    others = np.array([c[2] for c in strata])
    back = np.array([c[1] + c[3] for c in strata])
    weights = users / users.sum()

    def difference(users_back: np.ndarray) -> np.ndarray:
        return (weights * (users_back / users - (back - users_back) / others)).sum(axis=-1)

    observed = abs(float(difference(np.array([c[1] for c in strata]))))
    # Under no effect the users back in a stratum are a draw without replacement from all who came back.
    drawn = np.random.default_rng(seed).hypergeometric(back, users + others - back, users, size=(draws, len(strata)))
    extreme = int((np.abs(difference(drawn)) >= observed - 1e-12).sum())
    return (extreme + 1) / (draws + 1)
