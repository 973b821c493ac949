"""How likely one customer is to buy one product (or category) in a given week, from their own pace and
their visits to the shop.

Pure functions with no database, so the report, its backtest and the benchmark on real purchase
histories (benchmarks/backtest_real.py, fitted offline by benchmarks/fit_real.py) all run the same code.
The chance is a logistic function of figures a shopkeeper would weigh herself:
- how often they buy it: purchases per week since their first one (``rate``);
- where they are in their cycle: days since the last purchase over the gap expected after it (the usual
  gap, stretched or shrunk by the quantity they took, or the next "around the 15th" of a monthly habit);
- the chance a customer that regular (the spread of their gaps) comes back in exactly this week;
- how much history backs it (number of purchases) and how erratic the gaps are;
- how they come to the shop as a whole (``purchase_stats``' visits row): visits per week, days since the
  last visit, the share of their visits that included this item, and the visits since they last took it.

The coefficients were fitted on The Complete Journey (dunnhumby: 2,469 households' real 2017 purchases)
for six staples at weekly cutoffs from April to July only; August to December are held out for the
benchmark's table (docs/benchmarks.md). A clockwork customer's chance leans on the timing alone
(``TIMING_WEIGHT``: a supermarket has too few of them for the fit to value it, a neighbourhood shop many).
Never called due: fewer than ``MIN_PURCHASES`` purchases, gaps more erratic than ``ERRATIC_SPREAD``, or
``LAPSE_CYCLES`` expected gaps gone by. Which customers make the list is ``select_due``'s expected-F1 cut
over everyone's chances plus the buyers no list can name (``unnamed_expected``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

# One or two purchases tell no rhythm: not called due (they can still be on the win-back list).
MIN_PURCHASES = 3
# Below this weekly chance a customer is treated as lapsed: dropped from restock lists entirely.
LAPSED_BELOW = 0.02
# Nobody is listed below this chance, however few the candidates (the expected-F1 cut alone would list
# the only candidate of a small shop at any chance). On the real histories the cut never fell this low.
MIN_LISTED = 0.1
# The Today page shows only dues at least this likely: on the April-July cutoffs, 53% of the customers
# at or above it bought that week (30%: 49%, 50%: 64%).
CONFIDENT = 0.35
# Spread of log gaps assumed where a history is too short to measure one, and the floor of a measured one
# (a perfectly regular history would otherwise make one day late look impossible).
DEFAULT_SPREAD = 0.8
MIN_SPREAD = 0.15
# Fitted on April-July 2017 (see module docstring; 52,110 household-weeks, ``benchmarks/fit_real.py
# --fit``), in the order of ``features``: intercept, log weekly rate, log(1 + t/gap), t/gap,
# min(t/gap, 3)^2, log purchases, spread of log gaps, log expected gap, log timing chance, log weekly
# visits, log(1 + days since the last visit), share of visits with the item, log(1 + visits since it).
COEFFICIENTS = (
    -1.0605, 0.8073, 0.8411, -0.1738, -0.1115, 0.3639, -0.1296, -0.1475, 0.0277,
    0.2371, 0.1125, 0.825, 0.208,
)
# A regular customer (gaps this even, at least REGULAR_PURCHASES purchases) is judged mostly by timing
# (weight TIMING_WEIGHT against the fitted chance): the fitted model, learnt on a supermarket where few
# shop like clockwork, undervalues a clockwork rhythm. On April-July (every Monday) 0.5/0.35, 0.8/0.25
# and 0.8/0.2 for weight/spread were equal within 0.001 of F1 and 0.01 of precision@10; the demo shop
# chose 0.8/0.2 (all staples F1 0.620, rice 0.697; 0.5/0.35 gave 0.610, 0.652).
REGULAR_SPREAD = 0.2
REGULAR_PURCHASES = 4
STILL_BUYING = 0.9
TIMING_WEIGHT = 0.8
# Past this many expected gaps without a purchase (plus a week) a customer has lapsed: win-back, not restock.
LAPSE_CYCLES = 4.0
# Gaps this erratic (standard deviation of their logs: gaps typically a factor e^1.3 = 3.7 apart) are no
# rhythm: never called due. On the April-July cutoffs this cost 0.004 of mean F1 (1.5: 0.001, 1.2: 0.008).
ERRATIC_SPREAD = 1.3
# Buyers no list can name (newcomers, one to three purchases) are counted over this many recent weeks for
# ``select_due``'s total (``unnamed_expected``). On April-July this count was as good a total as the
# fitted chances of every such customer summed (mean F1 0.284 both; 0.265 without any).
UNNAMED_WEEKS = 4
# A list is read from the top, so it is ordered by how sure each chance is, not the chance alone: the chance
# times the share of the customer's purchases beyond the first ``RECORD_STARTS`` (two purchases only start a
# rhythm; a chance backed by three purchases counts a third, by twelve five sixths). On every April-July
# Monday (fit_real.py --weekly) this raised precision@10 over the six staples from 0.474 to 0.485 (eggs 0.67
# to 0.72, sugar 0.37 to 0.39; flour 0.16 to 0.15, cooking oil 0.30 to 0.29); 1, 1.5 and 2.5 gave 0.481-0.485,
# shrinking by n/(n+4..10) 0.479-0.483. The cut (who is listed at all) still reads the chance alone.
RECORD_STARTS = 2
# Past this surety a customer is near-certain, and the near-certain are read by how many times a week they
# buy it (rounded: twice a week before once a week), then likeliest first: among milk's fifty-odd households
# at 85-95 %, the most frequent first. On every April-July Monday milk's precision@10 rose from 0.89 to 0.91
# (four-weekly cutoffs 0.88 to 0.94), no other staple reaching this surety; caps of 0.6, 0.65 and 0.75 gave
# 0.91-0.92, the unrounded rate the same as the rounded (halves or quarters of a purchase: 0.89-0.90; the usual
# or expected gap in place of the rate: 0.87-0.91).
NEAR_CERTAIN = 0.7


@dataclass(frozen=True)
class Pace:
    """What the forecast needs of one customer's purchases of one item (``purchase_stats`` stores it)."""

    purchases: int
    first_day: dt.date
    last_day: dt.date
    expected_gap: float  # days from the last purchase to the next expected one
    spread: float | None  # standard deviation of the log gaps; None under three gaps
    usual_gap: float | None = None  # median days between the recent purchases; None under two purchases


def features(pace: Pace, start: dt.date, visits: Pace | None = None) -> tuple[float, ...]:
    """The model's inputs for a week starting ``start`` (see ``COEFFICIENTS``); ``visits`` is the pace of
    the customer's visits to the shop as a whole (None: they only ever bought this item)."""
    visits = visits or pace
    since = max(0, (start - pace.last_day).days)
    rate = weekly_rate(pace, start)
    gap = max(1.0, pace.expected_gap)
    spread = max(MIN_SPREAD, pace.spread if pace.spread is not None else DEFAULT_SPREAD)
    ratio = since / gap
    visit_rate = weekly_rate(visits, start)
    away = max(0, (start - visits.last_day).days)
    # Visits since the last purchase of this item (estimated from the visit rate): came, did not buy it.
    passed_by = visit_rate * max(0, (visits.last_day - pace.last_day).days) / 7
    return (
        1.0,
        math.log(rate),
        math.log1p(ratio),
        ratio,
        min(ratio, 3.0) ** 2,
        math.log(pace.purchases),
        spread,
        math.log(gap),
        math.log(timing_chance(since, gap, spread) + 0.01),
        math.log(visit_rate),
        math.log1p(away),
        min(1.0, pace.purchases / max(1, visits.purchases)),
        math.log1p(passed_by),
    )


def weekly_rate(pace: Pace, start: dt.date) -> float:
    """Purchases a week from the first one to ``start`` (two weeks added: a newcomer is no daily buyer)."""
    return pace.purchases / (max(0, (start - pace.first_day).days) + 14) * 7


def timing_chance(since: float, gap: float, spread: float, days: int = 7) -> float:
    """P(the next gap ends in the next ``days`` | it has lasted ``since`` days), gaps log-normal."""
    survive_now = _survival(since, gap, spread)
    if survive_now <= 1e-12:
        return 0.0
    return max(0.0, survive_now - _survival(since + days, gap, spread)) / survive_now


def _survival(days: float, median: float, spread: float) -> float:
    if days <= 0:
        return 1.0
    z = (math.log(days) - math.log(median)) / spread
    return 0.5 * math.erfc(z / math.sqrt(2))


def eligible(pace: Pace, start: dt.date) -> bool:
    """Whether a list may call them due at all: enough purchases, not erratic, not lapsed by ``start``."""
    if pace.purchases < MIN_PURCHASES or (pace.spread is not None and pace.spread > ERRATIC_SPREAD):
        return False
    return (start - pace.last_day).days <= LAPSE_CYCLES * max(1.0, pace.expected_gap) + 7


def fitted_chance(
    pace: Pace, start: dt.date, visits: Pace | None = None, coefficients: tuple[float, ...] = COEFFICIENTS
) -> float:
    """The logistic model's chance alone, for anyone with a purchase (eligible or not)."""
    z = sum(w * x for w, x in zip(coefficients, features(pace, start, visits), strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def weekly_chance(
    pace: Pace, start: dt.date, visits: Pace | None = None, coefficients: tuple[float, ...] = COEFFICIENTS
) -> float:
    """The chance they buy it in the seven days from ``start`` (0 when not ``eligible``); ``visits`` is
    the pace of their visits to the shop as a whole (None: they only ever bought this item)."""
    if not eligible(pace, start):
        return 0.0
    since = (start - pace.last_day).days
    fitted = fitted_chance(pace, start, visits, coefficients)
    if pace.purchases >= REGULAR_PURCHASES and pace.spread is not None and pace.spread <= REGULAR_SPREAD:
        spread = max(MIN_SPREAD, pace.spread)
        gap = max(1.0, pace.expected_gap)
        # Late for a clockwork habit soon means bought elsewhere or stopped: weigh by the chance they are
        # still buying here, given how unlikely so long a gap is for them (a prior of STILL_BUYING).
        survive = _survival(max(0, since), gap, spread)
        still = STILL_BUYING * survive / (STILL_BUYING * survive + 1 - STILL_BUYING)
        return (1 - TIMING_WEIGHT) * fitted + TIMING_WEIGHT * still * timing_chance(max(0, since), gap, spread)
    return fitted


def unnamed_expected(recent: int) -> float:
    """The buyers a week brings whom no list can name, for ``select_due``'s total: ``recent`` counts the
    customers whose first purchase of the item, or whose last one while they had at most
    ``MIN_PURCHASES`` purchases, fell in the last ``UNNAMED_WEEKS`` weeks."""
    return recent / UNNAMED_WEEKS


def chance(pace: Pace, start: dt.date, end: dt.date, visits: Pace | None = None) -> float:
    """The chance they buy it between ``start`` and ``end`` (inclusive), a week at a time (``visits``: as
    ``weekly_chance``)."""
    miss = 1.0
    day = start
    while day <= end:
        days = min(7, (end - day).days + 1)
        week = weekly_chance(pace, day, visits)
        miss *= (1.0 - week) ** (days / 7)
        day += dt.timedelta(days=7)
    return 1.0 - miss


def lapse_day(pace: Pace, visits: Pace | None = None) -> dt.date | None:
    """The last day a week could start with at least ``LAPSED_BELOW`` chance (None: never called due);
    ``visits``: the customer's visits to the shop as stored with it (as ``weekly_chance``).

    ``purchase_stats`` stores it and restock-due reads only rows not lapsed yet, so it must not end
    earlier than the chance: weeks are tried from the last one ``eligible`` allows back to the first with
    the chance, not forward until it falls (between three and four gaps it can rise again, with the days
    since the last visit).
    """
    if not eligible(pace, pace.last_day):
        return None
    days = int(LAPSE_CYCLES * max(1.0, pace.expected_gap) + 7)
    for offset in range(days - days % 7, -1, -7):
        if weekly_chance(pace, pace.last_day + dt.timedelta(days=offset), visits) >= LAPSED_BELOW:
            return pace.last_day + dt.timedelta(days=offset + 6)
    return None


def surety(chance: float, purchases: int) -> float:
    """The list's order: the chance discounted for a short record (see ``RECORD_STARTS``)."""
    return chance * max(0.0, 1.0 - RECORD_STARTS / max(1, purchases))


def list_order(chance: float, purchases: int, rate: float) -> tuple[float, int, float]:
    """The sort key of a list read from the top: surest first (``surety``); the near-certain
    (``NEAR_CERTAIN``) by how many times a week they buy it (``rate``, rounded), then likeliest first."""
    return (-min(surety(chance, purchases), NEAR_CERTAIN), -round(rate), -chance)


def select_due(chances: Sequence[float] | Mapping[int, float] | np.ndarray, unnamed: float = 0.0) -> float:
    """The chance a customer needs to be listed: the cut that maximises the list's expected F1.

    With calibrated chances, listing the k likeliest customers catches on average the sum of their
    chances out of the sum of everyone's, ``unnamed`` included: the buyers no list can name (too few
    purchases, erratic, lapsed, newcomers), whom the list misses whatever its length. The best k balances
    those (Jansche 2007's plug-in rule), so a shop with many sure regulars lists more than one whose buyers
    are all uncertain. Vectorised: a big shop's week has tens of thousands of chances, judged after every sale.
    """
    values = list(chances.values()) if isinstance(chances, Mapping) else chances
    ranked = np.sort(np.asarray(values, dtype=float))[::-1]
    if ranked.size == 0:
        return max(MIN_LISTED, 1.0)
    caught = np.cumsum(ranked)
    scores = 2 * caught / (np.arange(1, ranked.size + 1) + caught[-1] + unnamed)
    best = int(np.argmax(scores))  # the first of equal scores: the shortest list
    return max(MIN_LISTED, float(ranked[best]) if scores[best] > 0 else 1.0)
