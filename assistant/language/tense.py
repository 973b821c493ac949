"""Whether the owner tells what already happened, for the year of a day said without one.

"王阿姨3月18号买了两袋米" said on 15 March tells a purchase: 3月18号 is last year's, not three days ahead.
"3月18号她要来拿米" and "谁3月18号过生日" look ahead: this year's (a birthday is a month and day in any
year). A year said with the day ("今年3月18号", "2026年3月18号") is kept as said.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.language.normalize import normalize

# What is done and told: a verb of selling, buying, taking, paying or coming with 了 / 过 after it (its
# object may come between: "买了两袋米", "还过钱"), or the English past of those verbs.
_DONE_ZH = re.compile(r"(?:买|卖|拿|赊|还|付|结|给|交|转|来|进|收|记|欠|花|消费|要)(?:了|过)|结清|"
                      r"已经|刚才|那天|当天")
_DONE_EN = re.compile(r"\b(?:bought|sold|took|paid|came|was|were|did|got|had|settled|spent|ordered|picked up|"
                      r"owed|charged|put)\b")
# What is still to come, which wins: "要来拿" / "会来" / "will come" / "going to".
_AHEAD = re.compile(r"要来|会来|要买|要拿|打算|准备|预订|订了|约了|过生日|生日|\bwill\b|going to|\bbirthday|"
                    r"\bdue\b|\bnext\b")
_YEAR_SAID = re.compile(r"(?:19|20)\d{2}|今年|去年|前年|明年|this year|last year|next year")


def tells_the_past(text: str | None) -> bool:
    """Whether ``text`` tells something done ("买了", "还了", "bought", "paid"), not something to come."""
    value = normalize(text or "").text.lower()
    if _AHEAD.search(value):
        return False
    return bool(_DONE_ZH.search(value.replace(" ", "")) or _DONE_EN.search(value))


def day_as_told(day: dt.date, text: str | None, today: dt.date) -> dt.date:
    """``day`` (a month and day read as this year's) moved to last year when it would be ahead of ``today``
    in a message that tells the past with no year said; else ``day`` unchanged."""
    if day <= today or _YEAR_SAID.search(normalize(text or "").text.lower()) or not tells_the_past(text):
        return day
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February: last year had none
        return day.replace(year=day.year - 1, day=28)


def past_day(value: str | None, today: dt.date) -> dt.date | None:
    """The day a record tells of ("2025-03-18", a date entity's value) when it is before ``today``; None
    for today, a day ahead (nothing is sold tomorrow) or no day."""
    try:
        day = dt.date.fromisoformat(value) if value else None
    except ValueError:  # "农历08-15": a birthday's day, not a record's
        return None
    return day if day is not None and day < today else None


def dated(day: str | None, language: str) -> str:
    """A record's day as its read-back says it first, with its year ("2025年3月18日 " / "On March 18, 2025, ");
    "" when it is today's."""
    if not day:
        return ""
    when = dt.date.fromisoformat(day)
    if language == "en":
        return f"On {when.strftime('%B')} {when.day}, {when.year}, "
    return f"{when.year}年{when.month}月{when.day}日 "


def at_day(day: str | None, now: dt.datetime) -> dt.datetime:
    """When a record of ``day`` happened: that day at the time it is told (now, for today's)."""
    return dt.datetime.combine(dt.date.fromisoformat(day), now.time()) if day else now
