"""A promotion against comparable customers: the interval, and when the owner is told it could be chance."""

import datetime as dt

import pytest

from assistant.shop.promotion_effect import compare, newcombe, wilson

D = dt.date.fromisoformat


def test_newcombe_matches_the_published_example():
    # Newcombe (1998), table II, example (a): 56/70 vs 48/80 gives 0.0524 to 0.3339.
    assert newcombe(56, 70, 48, 80) == pytest.approx((0.0524, 0.3339), abs=1e-4)
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)


def test_comparable_customers_are_judged_from_their_first_visit_in_the_period():
    visits = {
        1: [D("2026-01-05"), D("2026-01-15")],  # a user: left out of the comparison
        2: [D("2026-01-03"), D("2026-01-12"), D("2026-01-20")],  # first visit in the period 12th: back 20th
        3: [D("2026-01-10")],  # never back
        4: [D("2025-12-01")],  # not shopping while it ran
        5: [D("2026-03-10")],  # after it ended
    }
    result = compare(users_back=1, users_judged=1, user_ids={1}, visits=visits, first=D("2026-01-05"),
                     last=D("2026-01-31"), today=D("2026-03-15"), return_days=30)
    assert (result.others, result.others_back, result.others_rate) == (2, 1, 0.5)
    assert result.difference == 0.5 and result.could_be_chance  # one user against two: anything goes
