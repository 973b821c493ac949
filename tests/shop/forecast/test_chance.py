"""The forecast on hand-made histories: what it says about regular, habitual, new, erratic and lapsed buyers."""

import datetime as dt

from assistant.shop.forecast.chance import (
    CONFIDENT,
    LAPSED_BELOW,
    MIN_LISTED,
    Pace,
    chance,
    lapse_day,
    list_order,
    select_due,
    surety,
    unnamed_expected,
    weekly_chance,
)
from assistant.shop.forecast.pace import pace_of, stat_figures
from assistant.shop.purchase_stats import VISITS_KEY, rows_for_customer
from assistant.shop.purchase_stats.rows import Item
from assistant.shop.rhythm import Purchase

D = dt.date.fromisoformat


def bought(*days: str, quantities: tuple[float, ...] | None = None) -> list[Purchase]:
    return [Purchase(day=D(d), quantity=quantities[i] if quantities else 1.0, amount=10.0) for i, d in enumerate(days)]


def weeks(purchases: list[Purchase], first_monday: str, count: int = 8) -> list[float]:
    """The weekly chance for ``count`` weeks from ``first_monday``."""
    pace = pace_of(purchases)[1]
    return [round(weekly_chance(pace, D(first_monday) + dt.timedelta(weeks=w)), 2) for w in range(count)]


MONTHLY = bought("2025-11-10", "2025-12-10", "2026-01-09", "2026-02-08")  # every 30 days: due 10 March
AROUND_15TH = bought("2025-10-15", "2025-11-14", "2025-12-15", "2026-01-14", "2026-02-15")
ERRATIC = bought("2025-09-01", "2025-09-04", "2025-11-03", "2025-11-13", "2026-02-11")  # 3, 60, 10, 90 days
LAPSED = bought("2025-06-10", "2025-07-10", "2025-08-09", "2025-09-08")  # monthly, then nothing since


def test_regular_monthly_peaks_in_the_due_week_and_fades_after():
    chances = weeks(MONTHLY, "2026-02-16")  # the week of 9 March is the fourth
    assert max(chances) == chances[3] >= CONFIDENT
    assert chances[0] < 0.15  # a week after buying: not yet
    assert chances[6] < chances[3] / 2  # a month late: bought elsewhere or stopped


def test_around_the_15th_points_at_the_15th():
    found, pace = pace_of(AROUND_15TH)
    assert found.habit_day == 15 and found.next_due == D("2026-03-15")
    week_of_15th = weekly_chance(pace, D("2026-03-09"))
    assert week_of_15th >= CONFIDENT
    assert week_of_15th > weekly_chance(pace, D("2026-02-23")) * 3


def test_one_or_two_purchases_are_never_due():
    for purchases in (bought("2026-02-09"), bought("2026-01-10", "2026-02-09")):
        pace = pace_of(purchases)[1]
        assert all(weekly_chance(pace, D("2026-02-16") + dt.timedelta(weeks=w)) == 0 for w in range(10))
        assert stat_figures(purchases)[2] is None  # no lapse day: never on a restock list


def test_erratic_buyers_are_never_confident():
    assert max(weeks(ERRATIC, "2026-02-16", count=12)) < CONFIDENT
    assert pace_of(ERRATIC)[1].spread > 1  # the gaps' spread says why


def test_lapsed_customer_is_not_due():
    pace = pace_of(LAPSED)[1]
    assert weekly_chance(pace, D("2026-03-09")) == 0
    assert lapse_day(pace) < D("2026-03-09")


def test_two_bags_last_twice_as_long():
    one_bag = pace_of(bought("2026-01-01", "2026-01-21", "2026-02-10"))[0]
    two_bags = pace_of(bought("2026-01-01", "2026-01-21", "2026-02-10", quantities=(1, 1, 2)))[0]
    assert (one_bag.next_due, two_bags.next_due) == (D("2026-03-02"), D("2026-03-22"))


def test_a_longer_period_is_likelier_than_one_week():
    pace = pace_of(MONTHLY)[1]
    week = chance(pace, D("2026-03-02"), D("2026-03-08"))
    assert chance(pace, D("2026-03-02"), D("2026-03-15")) > week == weekly_chance(pace, D("2026-03-02"))


def test_the_cut_lists_sure_customers_and_never_long_shots():
    assert select_due({1: 0.9, 2: 0.8, 3: 0.1, 4: 0.05}) == 0.8
    assert select_due({1: 0.05}) == MIN_LISTED  # the only candidate is still not listed at 5%


# Rice every 20 to 40 days (not clockwork: the fitted model, visits and all, carries the chance).
RICE = bought("2025-11-03", "2025-11-23", "2026-01-02", "2026-01-27", "2026-03-03")


def visits_every(days: int, until: str) -> list[Purchase]:
    """A visit to the shop every ``days`` days from the first rice purchase until ``until``."""
    count = (D(until) - D("2025-11-03")).days // days + 1
    return bought(*((D("2025-11-03") + dt.timedelta(days=days * i)).isoformat() for i in range(count)))


def test_rice_bought_at_most_visits_is_likelier_than_rice_among_many_other_errands():
    rice = pace_of(RICE)[1]
    only_for_rice = pace_of(RICE)[1]  # her visits are her rice purchases
    weekly_for_other_things = pace_of(RICE + visits_every(7, "2026-03-22"))[1]
    week = D("2026-03-23")
    assert weekly_chance(rice, week, only_for_rice) > weekly_chance(rice, week, weekly_for_other_things) + 0.02


def test_a_customer_who_stopped_coming_to_the_shop_at_all_is_less_likely_than_one_still_coming():
    rice = pace_of(RICE)[1]
    still_coming = pace_of(RICE + visits_every(7, "2026-04-12"))[1]
    gone_since_her_rice = pace_of(RICE + visits_every(7, "2026-03-03"))[1]
    six_weeks_on = D("2026-04-13")
    assert weekly_chance(rice, six_weeks_on, still_coming) > weekly_chance(rice, six_weeks_on, gone_since_her_rice) + 0.02


def test_buyers_no_list_can_name_lower_the_cut_so_the_list_catches_more_of_the_week():
    chances = {1: 0.9, 2: 0.8, 3: 0.5, 4: 0.4, 5: 0.3, 6: 0.2}
    alone = select_due(chances)
    with_newcomers = select_due(chances, unnamed_expected(40))  # 10 a week nobody can name
    assert with_newcomers < alone
    assert with_newcomers >= MIN_LISTED


def test_the_stored_lapse_day_hides_nobody_the_forecast_still_gives_a_chance():
    # restock-due reads only rows whose stored ``lapse_after`` has not passed: judged with her visits to
    # the shop, as the report judges her. Rice every 120 days, then daily visits for other things.
    start = D("2025-01-01")
    rice = [Item(1, "米", "袋", start + dt.timedelta(days=120 * n), 1.0, 60.0, None) for n in range(3)]
    errands = [Item(2, "油", "桶", rice[-1].day + dt.timedelta(days=d), 1.0, 9.0, None) for d in range(1, 201)]
    stored = {row["item_key"]: row for row in rows_for_customer(shop_id=1, customer_id=1, items=rice + errands)}
    row, seen = stored["p:1"], stored[VISITS_KEY]
    pace = Pace(row["purchases"], row["first_day"], row["last_day"], float((row["next_due"] - row["last_day"]).days),
                float(row["gap_spread"]) if row["gap_spread"] is not None else None)
    visits = Pace(seen["purchases"], seen["first_day"], seen["last_day"], 1.0, None)
    lapsed = row["lapse_after"]
    assert weekly_chance(pace, lapsed - dt.timedelta(days=6), visits) >= LAPSED_BELOW  # not earlier than needed
    for day in range(1, 600):  # any report start after it: no chance worth counting
        later = lapsed + dt.timedelta(days=day)
        assert weekly_chance(pace, later, visits) < (LAPSED_BELOW if day % 7 == 1 else MIN_LISTED)


def test_a_chance_backed_by_a_long_record_ranks_above_the_same_chance_on_three_purchases():
    assert surety(0.6, 12) > surety(0.6, 4) > surety(0.6, 3) > 0
    # Three purchases only just make a rhythm: their 60 % ranks under a twelve-purchase customer's 45 %.
    assert surety(0.6, 3) < surety(0.45, 12)
    assert abs(surety(0.6, 3) - 0.6 / 3) < 1e-12


def test_the_near_certain_are_ordered_by_how_often_they_buy_and_the_rest_by_surety():
    twice_a_week, weekly = list_order(0.85, 30, 2.0), list_order(0.9, 30, 1.0)
    assert twice_a_week < weekly  # sorted ascending: twice a week comes first
    # Under near-certainty the rate does not count: the surer customer first, however often the other buys.
    assert list_order(0.5, 30, 0.5) < list_order(0.4, 30, 2.0)
