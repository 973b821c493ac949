""""他一般多久来一次": the usual days between one customer's visits (owner trial 4: the answer was what he
usually buys)."""

import datetime as dt

import pytest
from sqlalchemy import select

from assistant.db import session_scope
from assistant.db.models import Customer
from assistant.shop.profile import customer_profile, usual_gap


def test_the_usual_gap_is_the_median_of_the_recent_gaps() -> None:
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in (0, 100, 110, 120, 150, 160, 170, 180)]
    assert usual_gap(days) == 10.0  # the 100-day gap of long ago has faded out; one 30-day gap does not move it
    assert usual_gap(days[:1]) is None and usual_gap([]) is None


@pytest.fixture
def demo(read_only_demo):
    return read_only_demo


def test_how_often_uncle_li_comes_is_said_in_days(demo, pin_today) -> None:
    pin_today("2026-03-15")
    with session_scope(demo) as session:
        li = session.execute(select(Customer).where(Customer.name == "李建国")).scalar_one()
        profile = customer_profile(session, customer=li)
        # his last visits: 9-18, 10-07, 11-15, 12-04, 12-24, 1-12, 2-20: gaps 19 39 19 20 19 39
        assert profile.visit_gap_days == 19.5
        assert profile.fact("how_often", "zh") == f"李建国一般每19.5天来一次(一共来过{profile.visits}次,上次是2月20号)。"
        assert profile.fact("how_often", "en").startswith("李建国 comes in about every 19.5 days")
