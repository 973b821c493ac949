"""A promotion against customers who shopped as often: the interval, the permutation test, and when the
owner is told it could be chance."""

import datetime as dt
from math import comb

import pytest

from assistant.shop.promotion_effect import (
    Judged,
    comparable_others,
    compare,
    newcombe,
    permutation_p_value,
    visit_stratum,
    wilson,
)

D = dt.date.fromisoformat


def test_newcombe_matches_the_published_example():
    # Newcombe (1998), table II, example (a): 56/70 vs 48/80 gives 0.0524 to 0.3339.
    assert newcombe(56, 70, 48, 80) == pytest.approx((0.0524, 0.3339), abs=1e-4)
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)


def test_one_stratum_is_newcombes_interval():
    users = [Judged(3, True)] * 56 + [Judged(3, False)] * 14
    others = [Judged(3, True)] * 48 + [Judged(3, False)] * 32
    result = compare(users, others)
    assert (result.low, result.high) == pytest.approx(newcombe(56, 70, 48, 80))
    assert result.difference == pytest.approx(0.2) and not result.could_be_chance


def test_the_difference_is_weighted_to_the_users_strata():
    # Users: 9 frequent (all back), 1 occasional (back). Others: frequent 4 of 5 back, occasional 1 of 10.
    users = [Judged(8, True)] * 9 + [Judged(1, True)] + [Judged(12, True)]  # nobody else shops 12+ days
    others = [Judged(8, True)] * 4 + [Judged(8, False)] + [Judged(1, True)] + [Judged(1, False)] * 9
    result = compare(users, others)
    assert (result.users_matched, result.users_unmatched, result.others, result.others_back) == (10, 1, 15, 5)
    assert result.others_rate == pytest.approx(0.9 * 0.8 + 0.1 * 0.1)  # not 5 of 15
    assert result.difference == pytest.approx(1 - 0.73)


def test_the_permutation_test_matches_the_exact_one():
    # One stratum: users back is hypergeometric; the exact two-sided p-value by |difference|.
    users, users_back, others, others_back = 12, 10, 20, 8
    back, total = users_back + others_back, users + others

    def gap(x):
        return abs(x / users - (back - x) / others)

    exact = sum(
        comb(back, x) * comb(total - back, users - x) / comb(total, users)
        for x in range(max(0, users - (total - back)), min(users, back) + 1)
        if gap(x) >= gap(users_back) - 1e-12
    )
    found = permutation_p_value([[users, users_back, others, others_back]])
    assert found == pytest.approx(exact, abs=0.005)
    assert permutation_p_value([[users, users_back, others, others_back]]) == found  # fixed seed


def test_visit_strata_count_the_days_before():
    days = [D("2026-01-01"), D("2026-01-10"), D("2026-01-20"), D("2026-02-02"), D("2026-02-09")]
    assert visit_stratum(days, D("2026-02-02")) == 2  # 10 and 20 January; 1 January is 32 days before
    assert visit_stratum([], D("2026-02-02")) == 0
    assert visit_stratum([D("2026-01-01") + dt.timedelta(days=n) for n in range(40)], D("2026-02-10")) == 12


def test_comparable_customers_are_judged_from_the_same_visit_since_it_began():
    visits = {
        1: [D("2026-01-05"), D("2026-01-15")],  # a user: left out of the comparison
        2: [D("2026-01-02"), D("2026-01-12"), D("2026-01-20")],
        3: [D("2026-01-10")],
        4: [D("2025-12-01")],  # not shopping while it ran
        5: [D("2026-02-10")],  # after it ended
        6: [D("2026-01-25")],  # not back, but too early to tell on 15 February
    }
    period = {"user_ids": {1}, "visits": visits, "first": D("2026-01-05"), "last": D("2026-01-31"),
              "return_days": 30}
    # Users used it on their first visit: 2 from the 12th (in on the 2nd, back on the 20th), 3 never back.
    assert comparable_others(positions=[0], today=D("2026-02-15"), **period) == [Judged(1, True), Judged(0, False)]
    # On their second: only 2 has one, the 20th (two visits in the 30 days before, not back by 15 March).
    assert comparable_others(positions=[1], today=D("2026-03-15"), **period) == [Judged(2, False)]
