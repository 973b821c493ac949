"""How a restock list says when each customer is due ("3号左右", "2 days overdue", "around the 15th")."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.shop.reports.restock import RestockItem


def ordinal(day: int) -> str:
    """An English ordinal: 1st, 2nd, 11th, 23rd."""
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


# A customer listed for the days asked whose own rhythm falls after them is there for how often she comes in
# and buys it: "28号左右" on a list for this week would contradict the list, so the last purchase is said.


def when_zh(item: RestockItem, today: dt.date, end: dt.date) -> str:
    """When she is due, in Chinese, for a list of the days up to ``end``."""
    if item.days_overdue:
        return f"已过{item.days_overdue}天"
    if item.due_date == today:
        return "今天"
    if item.due_date > end:
        return f"上次{(today - item.last_purchase).days}天前买的"
    return f"{item.due_date.day}号左右"


def when_en(item: RestockItem, today: dt.date, end: dt.date) -> str:
    """When she is due, in English, for a list of the days up to ``end``."""
    if item.days_overdue:
        return f"{item.days_overdue} day{'s' if item.days_overdue != 1 else ''} overdue"
    if item.due_date == today:
        return "today"
    if item.due_date > end:
        days = (today - item.last_purchase).days
        return f"last bought {days} day{'s' if days != 1 else ''} ago"
    return f"around the {ordinal(item.due_date.day)}"
