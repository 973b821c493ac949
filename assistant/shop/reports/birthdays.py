"""birthdays: whose birthday (solar 公历 or lunar 农历) falls today, this week or this month.

Rules for days that do not exist every year: a solar Feb 29 birthday is celebrated on Feb 28 in other
years; a lunar 30th in a 29-day lunar month is celebrated on the 29th; a leap lunar month (闰月) is
skipped, the birthday being kept in the regular month of that number. Each such case says so in ``note``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar

from lunardate import LunarDate
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from assistant import clock
from assistant.db.models import Customer
from assistant.errors import Invalid
from assistant.language.dates import (
    COMING_DAYS,
    MONTH_NAMES,
    parse_period,
    period_in,
    resolve_date,
    says_coming_days,
    spoken_day,
)
from assistant.language.normalize import normalize
from assistant.shop.reports._common import chunks, parse_date, rows, usual_products
from assistant.shop.reports.cache import Answer, Depends, cached, index_items, patch_items
from assistant.shop.reports.lists import ListReport

PERIODS = ("today", "tomorrow", "week", "next_week", "month", "next_month", "coming_days")
_WHEN_ZH = {"today": "今天", "tomorrow": "明天", "week": "这周", "next_week": "下周", "month": "这个月",
            "next_month": "下个月", "coming_days": f"接下来{COMING_DAYS}天"}
_WHEN_EN = {"today": "today", "tomorrow": "tomorrow", "week": "this week", "next_week": "next week",
            "month": "this month", "next_month": "next month", "coming_days": f"in the next {COMING_DAYS} days"}
# A period the owner names, as the report's window (one day she names is asked as that ``day``).
_WINDOWS = {"this_week": "week", "next_week": "next_week", "this_month": "month", "next_month": "next_month",
            "tomorrow": "tomorrow"}
_ONE_DAY = ("today", "tomorrow", "day")
# A month named in a sentence as the dates module finds it: "12月", "6月份", "in august" (not "这个月", "next month").
_MONTH_SAID = re.compile(r"\d{1,2}\s*月|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.IGNORECASE)


@dataclass(frozen=True)
class BirthdayItem:
    """One customer's birthday in the period: the solar date it falls on and what they usually buy."""

    customer_id: int
    customer: str
    date: dt.date
    days_until: int
    calendar: str  # solar | lunar
    birthday: str  # as stored: 03-15, 1960-03-15, 农历08-15
    age: int | None
    note: str | None
    phone: str | None
    marketing_consent: bool
    usually_buys: list[str]


@dataclass
class BirthdayReport(ListReport):
    """Birthdays from ``start`` to ``end`` (a period of ``PERIODS``, or one ``day``)."""

    name: ClassVar[str] = "birthdays"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("date", "date"),
        ("customer", "customer"),
        ("calendar", "calendar"),
        ("birthday", "birthday"),
        ("age", "age"),
        ("usually buys", "usually_buys"),
        ("note", "note"),
    )
    period: str
    start: dt.date
    end: dt.date
    _today: dt.date  # the day asked on, which "后天" is said from (not part of the JSON)
    items: list[BirthdayItem] = field(default_factory=list)

    def _when(self, lang: str) -> str:
        """今天, 这周, 后天, 3月18日, 6月 / today, this week, on Mar 18, in June."""
        if self.period == "named_month":  # the year only when it is not this one ("2027年1月")
            other_year = self.start.year != self._today.year
            if lang == "zh":
                return f"{self.start.year}年{self.start.month}月" if other_year else f"{self.start.month}月"
            return f"in {MONTH_NAMES[self.start.month - 1]}" + (f" {self.start.year}" if other_year else "")
        if self.period != "day":
            return (_WHEN_ZH if lang == "zh" else _WHEN_EN).get(self.period, "")
        ahead = (self.start - self._today).days
        if lang == "zh":
            return {2: "后天", 3: "大后天"}.get(ahead, f"{self.start.month}月{self.start.day}日")
        return "the day after tomorrow" if ahead == 2 else f"on {spoken_day(self.start.month, self.start.day, 'en')}"

    def list_title(self, lang: str) -> str:
        """今天过生日的 / birthdays today."""
        return f"{self._when(lang)}过生日的" if lang == "zh" else f"birthdays {self._when(lang)}"

    def say_item(self, item: BirthdayItem, lang: str) -> str:
        """王秀英(3月18日,农历) / 王秀英 (Mar 18, lunar)."""
        detail = _detail_zh(item, self.period) if lang == "zh" else _detail_en(item, self.period)
        return item.customer + detail

    def part_opened(self, index: int, lang: str) -> str | None:
        """"已过的" before this month's birthdays already past, which come after those still to come."""
        if index and self.items[index].days_until < 0 <= self.items[index - 1].days_until:
            return "已过的" if lang == "zh" else "already past"
        return None

    def empty_answer(self, lang: str) -> str:
        """No birthday in the period."""
        if lang == "zh":
            return f"{self._when(lang)}没有顾客过生日。"
        return f"No customer has a birthday {self._when(lang)}."


def birthdays(
    session: Session, *, shop_id: int, period: str = "today", day: dt.date | str | None = None,
    month: str | None = None,
) -> BirthdayReport:
    """Customers whose birthday falls in ``period`` (today, tomorrow, week = the coming 7 days, next_week =
    Monday to Sunday of next week, month = this month, next_month, coming_days = the coming 7 days said
    so), on ``day`` when given, or in ``month`` (YYYY-MM, "六月份谁过生日") when given."""
    day = parse_date(day, field="day")
    if month is not None:
        day, period = month_start(month), "named_month"
    elif day is not None:
        period = "day"
    elif period not in PERIODS:
        raise Invalid(f"period {period!r} is not one of {', '.join(PERIODS)}", field="period")
    today = clock.today_for(session)

    def items_of(rows: Iterable) -> list[BirthdayItem]:
        _start, _end, solar, lunar, _query = _plan(shop_id, today, period, day)
        found = []
        for customer in rows:
            days = lunar if customer.birthday_lunar else solar
            when = days.get((customer.birthday_month, customer.birthday_day))
            if when is not None:
                found.append((customer, when))
        buys = usual_products(session, customer_ids=[customer.id for customer, _ in found])
        return [
            BirthdayItem(
                customer_id=customer.id,
                customer=customer.name,
                date=date,
                days_until=(date - today).days,
                calendar="lunar" if customer.birthday_lunar else "solar",
                birthday=_stored(customer),
                age=year - customer.birthday_year if customer.birthday_year else None,
                note=note,
                phone=customer.phone,
                marketing_consent=bool(customer.marketing_consent),
                usually_buys=buys.get(customer.id, []),
            )
            for customer, (date, year, note) in found
        ]

    def compute() -> Answer:
        start, end, _solar, _lunar, query = _plan(shop_id, today, period, day)
        items = items_of(rows(session, query))
        items.sort(key=_order)
        return Answer(BirthdayReport(period=period, start=start, end=end, _today=today, items=items), index=index_items(items))

    def patch(answer: Answer, customers: frozenset[int], _kinds: frozenset[str]) -> Answer:
        query = _plan(shop_id, today, period, day)[4]
        fresh = [
            item
            for batch in chunks(sorted(customers))
            for item in items_of(rows(session, query.where(Customer.id.in_(batch))))
        ]
        return patch_items(answer, fresh, customers, _order)

    return cached(
        session, ("birthdays", shop_id, period, day), depends=Depends(customers=True), compute=compute, patch=patch
    )


@lru_cache(maxsize=32)
def _plan(shop_id: int, today: dt.date, period: str,
          day: dt.date | None = None) -> tuple[dt.date, dt.date, _Days, _Days, Select]:
    """The period's first and last day, which solar and lunar birthdays fall in it, and the query that
    reads them (made once per day: the lunar calendar and the statement take longer than a kept answer)."""
    if period == "named_month" and day is not None:
        start, end = day, day.replace(day=calendar.monthrange(day.year, day.month)[1])
    else:
        start, end = (day, day) if day is not None else _window(today, period)
    solar, lunar = _calendar_days(start, end)
    # Exactly the (calendar, month, days) wanted, so the birthday index answers without a month's scan.
    wanted = []
    for lunar_flag, days in ((False, solar), (True, lunar)):
        by_month: dict[int, list[int]] = {}
        for month, day in days:
            by_month.setdefault(month, []).append(day)
        wanted += [
            and_(
                Customer.birthday_lunar.is_(lunar_flag),
                Customer.birthday_month == month,
                Customer.birthday_day.in_(sorted(day_list)),
            )
            for month, day_list in sorted(by_month.items())
        ]
    # Plain columns, not entities: a month of a large shop is thousands of rows.
    query = select(
        Customer.id,
        Customer.name,
        Customer.phone,
        Customer.marketing_consent,
        Customer.birthday_year,
        Customer.birthday_month,
        Customer.birthday_day,
        Customer.birthday_lunar,
    ).where(
        Customer.shop_id == shop_id,
        or_(*wanted),
    )
    return start, end, solar, lunar, query


def _order(item: BirthdayItem) -> tuple:
    # Birthdays still to come first (today's the very first), then those of the period already past:
    # asked on the 15th, "这个月谁过生日" wants the ones ahead, not the 8th and the 12th.
    return (item.days_until < 0, item.date, item.customer)


def _window(today: dt.date, period: str) -> tuple[dt.date, dt.date]:
    if period == "today":
        return today, today
    if period == "tomorrow":
        return today + dt.timedelta(days=1), today + dt.timedelta(days=1)
    if period == "week":
        return today, today + dt.timedelta(days=6)
    if period == "coming_days":
        return today, today + dt.timedelta(days=COMING_DAYS - 1)
    if period == "next_week":
        monday = today + dt.timedelta(days=7 - today.weekday())
        return monday, monday + dt.timedelta(days=6)
    if period == "next_month":
        today = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    last = calendar.monthrange(today.year, today.month)[1]
    return today.replace(day=1), today.replace(day=last)


# (month, day) of a birthday -> (the solar date it is celebrated on, the year it counts in, a note)
_Days = dict[tuple[int, int], tuple[dt.date, int, str | None]]


def _calendar_days(start: dt.date, end: dt.date) -> tuple[_Days, _Days]:
    """Which solar and lunar birthdays fall on each day from ``start`` to ``end``."""
    solar: _Days = {}
    lunar: _Days = {}
    day = start
    while day <= end:
        solar[(day.month, day.day)] = (day, day.year, None)
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            solar[(2, 29)] = (day, day.year, f"born on Feb 29: celebrated on Feb 28 in {day.year}")
        moon = LunarDate.from_solar_date(day.year, day.month, day.day)
        if not moon.isLeapMonth:
            lunar[(moon.month, moon.day)] = (day, moon.year, None)
            following = LunarDate.from_solar_date(*_ymd(day + dt.timedelta(days=1)))
            if moon.day == 29 and following.day == 1:
                lunar[(moon.month, 30)] = (
                    day,
                    moon.year,
                    f"lunar month {moon.month} of {moon.year} has no 30th: celebrated on the 29th",
                )
        day += dt.timedelta(days=1)
    return solar, lunar


def _ymd(day: dt.date) -> tuple[int, int, int]:
    return day.year, day.month, day.day


def _stored(customer) -> str:  # noqa: ANN001 (a row with the birthday columns)
    core = f"{customer.birthday_month:02d}-{customer.birthday_day:02d}"
    if customer.birthday_year:
        core = f"{customer.birthday_year:04d}-{core}"
    return f"农历{core}" if customer.birthday_lunar else core


def _detail_zh(item: BirthdayItem, period: str) -> str:
    parts = [] if period in _ONE_DAY else [f"{item.date.month}月{item.date.day}日"]
    if item.days_until == 0 and period == "month":  # among days past and to come, today's said so
        parts.append("今天")
    if item.calendar == "lunar":
        parts.append("农历")
    return f"({','.join(parts)})" if parts else ""


def _detail_en(item: BirthdayItem, period: str) -> str:
    parts = [] if period in _ONE_DAY else [spoken_day(item.date.month, item.date.day, "en")]
    if item.days_until == 0 and period == "month":
        parts.append("today")
    if item.calendar == "lunar":
        parts.append("lunar")
    return f" ({', '.join(parts)})" if parts else ""


def asked_window(spoken: str | None, text: str | None, today: dt.date) -> dict[str, str]:
    """The report's options for a birthday question: the period or day the model tagged (``spoken``), else
    the day the sentence names ("后天谁过生日"), or the coming days ("这几天", "the next few days"); today
    when it names none."""
    spoken = spoken or _month_in(text)  # "十二月过生日的有谁" with the month left untagged
    if spoken:
        start, end, period = parse_period(spoken, today)
        if _whole_month(start, end) and not _month_named(start, end, today):  # "六月份谁过生日": June's
            return {"month": _named_month(start.month, text, today)}
        period = _month_named(start, end, today) or period  # "三月份过生日的有几个" asked in March: this month
    elif says_coming_days(text):
        return {"period": "coming_days"}
    else:
        day = resolve_date(text, today)
        start, period = (day, "day") if day is not None else (today, "today")
    if period == "day" and start in (today, today + dt.timedelta(days=1)):
        period = "today" if start == today else "tomorrow"
    if period == "day":
        return {"day": start.isoformat()}
    return {"period": _WINDOWS.get(period, "today")}


def _whole_month(start: dt.date | None, end: dt.date | None) -> bool:
    """Whether [start, end] is one whole calendar month."""
    return not (start is None or end is None or start.day != 1 or (end + dt.timedelta(days=1)).day != 1
                or start.month != end.month)


def _month_in(text: str | None) -> str | None:
    """The month a sentence names ("12月", "in august"), when it names one and nothing else."""
    found = period_in(text)
    return found if found and _MONTH_SAID.search(found) else None


def _month_named(start: dt.date | None, end: dt.date | None, today: dt.date) -> str | None:
    """"this_month" / "next_month" when [start, end] is that whole calendar month of any year ("3月份" asked in
    March), else None."""
    if not _whole_month(start, end):
        return None
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    # a birthday comes every year: "4月份" read as last April (takings never run into the future) is next month here
    return {today.month: "this_month", next_month.month: "next_month"}.get(start.month)


_THIS_YEAR = re.compile(r"今年|this year")
_NEXT_YEAR = re.compile(r"明年|next year")


def _named_month(month: int, text: str | None, today: dt.date) -> str:
    """The YYYY-MM a month named beyond next month means: this year's while it is still to come, next year's
    once past ("一月份" asked in March), unless the sentence says 今年 / 明年."""
    said = normalize(text or "").text.lower()
    year = today.year + 1 if month < today.month else today.year
    if _THIS_YEAR.search(said):
        year = today.year
    elif _NEXT_YEAR.search(said):
        year = today.year + 1
    return f"{year:04d}-{month:02d}"


def month_start(text: str) -> dt.date:
    """The first day of a month written YYYY-MM."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise Invalid(f"month {text!r} is not a month; write it as YYYY-MM", field="month")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)
