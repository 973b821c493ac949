"""The buying rhythm on hand-made histories: pace per unit, monthly habits, month ends, stopping."""

import datetime as dt

from assistant.shop.rhythm import Purchase, last_gap_due, rhythm


def bought(*entries: tuple[str, float]) -> list[Purchase]:
    return [Purchase(day=dt.date.fromisoformat(day), quantity=qty, amount=10.0 * qty) for day, qty in entries]


def test_one_purchase_has_no_rhythm_yet():
    found = rhythm(bought(("2026-03-01", 1)))
    assert found.purchases == 1 and found.next_due is None and found.lapse_after is None


def test_two_bags_last_twice_as_long():
    found = rhythm(bought(("2026-01-01", 1), ("2026-01-21", 1), ("2026-02-10", 2)))
    assert found.days_per_unit == 20 and found.habit_day is None
    assert found.next_due == dt.date(2026, 3, 22)  # 2 bags × 20 days; the naive forecast says March 2nd
    assert last_gap_due(bought(("2026-01-01", 1), ("2026-01-21", 1), ("2026-02-10", 2))) == dt.date(
        2026, 3, 2
    )


def test_same_day_lines_are_one_purchase():
    found = rhythm(bought(("2026-01-01", 1), ("2026-01-01", 1), ("2026-01-31", 2)))
    assert found.purchases == 2 and found.days_per_unit == 15


def test_monthly_habit_across_the_year_end():
    found = rhythm(bought(("2025-10-28", 1), ("2025-11-28", 1), ("2025-12-28", 1)))
    assert found.habit_day == 28 and found.next_due == dt.date(2026, 1, 28)


def test_habit_on_the_31st_falls_on_the_last_day_of_february():
    found = rhythm(bought(("2025-11-30", 1), ("2025-12-31", 1), ("2026-01-31", 1)))
    assert found.habit_day == 31 and found.next_due == dt.date(2026, 2, 28)


def test_a_late_visit_on_the_1st_belongs_to_the_previous_month():
    found = rhythm(bought(("2025-11-30", 1), ("2025-12-30", 1), ("2026-02-01", 1)))
    assert found.habit_day == 30 and found.next_due == dt.date(2026, 2, 28)


def test_double_quantity_skips_a_month_of_the_habit():
    found = rhythm(bought(("2025-12-15", 1), ("2026-01-15", 1), ("2026-02-15", 2)))
    assert found.next_due == dt.date(2026, 4, 15)


def test_no_longer_due_a_few_days_after_the_due_date():
    found = rhythm(bought(("2025-10-01", 1), ("2025-10-11", 1), ("2025-10-21", 1)))
    assert found.next_due == dt.date(2025, 10, 31) and found.lapse_after == dt.date(2025, 11, 3)
    slow = rhythm(bought(("2025-06-01", 1), ("2025-08-10", 1)))  # a 70-day rhythm stays due for 7 days
    assert slow.next_due == dt.date(2025, 10, 19) and slow.lapse_after == dt.date(2025, 10, 26)


def test_visits_ignore_quantities():
    found = rhythm(bought(("2026-01-01", 5), ("2026-01-11", 1)), weigh_quantity=False)
    assert found.next_due == dt.date(2026, 1, 21) and found.total_quantity == 2


def test_a_huge_last_quantity_keeps_the_due_date_on_the_calendar():
    # Fuel in a real history: one unit, then 80,000 (litres) a year later; the date must still exist.
    found = rhythm(bought(("2017-01-01", 1), ("2017-12-01", 80_000)))
    assert found.next_due == dt.date(2017, 12, 1) + dt.timedelta(days=3650)
    habit = rhythm(bought(("2017-01-15", 1), ("2017-02-15", 1), ("2017-03-15", 1), ("2017-04-15", 900_000)))
    assert habit.habit_day == 15 and habit.next_due.year < 2028
