"""How a restock list says when each customer is due, in both languages."""

import datetime as dt
from decimal import Decimal

import pytest

from assistant.shop.reports.restock import RestockItem
from assistant.shop.reports.restock_wording import ordinal, when_en, when_zh

TODAY = dt.date(2026, 3, 15)
END = dt.date(2026, 3, 21)


def item(due: dt.date, last: dt.date = dt.date(2026, 2, 20)) -> RestockItem:
    return RestockItem(customer_id=1, customer="王秀英", product="东北大米", due_date=due,
                       days_overdue=max(0, (TODAY - due).days), last_purchase=last, last_quantity=Decimal(1),
                       unit="袋", purchases=5, usual_gap_days=Decimal(30), days_per_unit=None, habit_day=None,
                       chance=0.7, confident=True, evidence="", evidence_zh="")


@pytest.mark.parametrize(("day", "said"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (12, "12th"),
                                           (13, "13th"), (21, "21st"), (22, "22nd"), (30, "30th")])
def test_ordinals(day: int, said: str) -> None:
    assert ordinal(day) == said


def test_one_day_overdue_is_singular() -> None:
    assert when_en(item(TODAY - dt.timedelta(days=1)), TODAY, END) == "1 day overdue"
    assert when_en(item(TODAY - dt.timedelta(days=3)), TODAY, END) == "3 days overdue"
    assert when_zh(item(TODAY - dt.timedelta(days=1)), TODAY, END) == "已过1天"


def test_due_in_the_days_asked_says_the_day_and_after_them_the_last_purchase() -> None:
    assert when_en(item(dt.date(2026, 3, 18)), TODAY, END) == "around the 18th"
    assert when_zh(item(dt.date(2026, 3, 18)), TODAY, END) == "18号左右"
    assert when_en(item(TODAY), TODAY, END) == "today"
    later = item(dt.date(2026, 3, 28), last=dt.date(2026, 3, 14))
    assert when_en(later, TODAY, END) == "last bought 1 day ago"
    assert when_zh(later, TODAY, END) == "上次1天前买的"
