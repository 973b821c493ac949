"""Lists said a page at a time: how many, the first few, then "还有呢" / "全部列出来" go on (issue 13 item 5).

A list report (``ListReport``) names the items its answer reads (``said_items``: the subset Today shows,
when Today shows one, one per customer), how one of them is said and what the list is called. ``page``
makes a reply from any place in that list, so the first answer, "还有呢" and "全部" read one list in one
order, and the chat, the command line and the API (``run_report``) stay the same list. Where a
conversation stands in its last list travels as a ``ListPlace`` (the report's name, its options as the
API takes them, how far it was read) in the conversation's ``last_list`` slot: it outlives a restart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from assistant.shop.reports._common import SPOKEN_NAMES, Report, check_lang

# "还有呢": how many more a reply reads, spoken (counter, phone) and typed.
MORE_SPOKEN = 5
MORE_TYPED = 10
# "全部": said aloud in chunks this long; typed, a whole list in one reply up to this many.
ALL_SPOKEN = 10
ALL_TYPED = 200


class ListReport(Report):
    """A report whose answer is a list of customers or products, read out a page at a time."""

    counter_zh: ClassVar[str] = "位"  # the measure word of its items (位 people, 样 goods)

    def said_items(self) -> Sequence[Any]:
        """The items an answer reads, in order (every item unless Today shows a subset)."""
        return self.items  # type: ignore[attr-defined]

    def say_item(self, item: Any, lang: str) -> str:
        """One item as said: ``王秀英(45天)``."""
        raise NotImplementedError

    def list_title(self, lang: str) -> str:
        """What the list is: ``超过30天没来的老顾客`` / ``regulars away for over 30 days``."""
        raise NotImplementedError

    def headline(self, lang: str, count: int) -> str:
        """The sentence's start, with how many: ``超过30天没来的老顾客有12位`` / ``12 regulars away ...``."""
        if lang == "zh":
            return f"{self.list_title(lang)}有{count}{self.counter_zh}"
        return f"{count} {self.list_title(lang)}"

    def empty_answer(self, lang: str) -> str:
        """The answer when nobody is on the list."""
        raise NotImplementedError

    def part_opened(self, index: int, lang: str) -> str | None:
        """The words said before the item at ``index`` when it begins a later part of the list ("已过的" of
        birthdays already past), or None (one part by default)."""
        return None

    def opening(self, lang: str) -> Page:
        """The first answer: how many, the first few by name, and how to hear the rest (two sentences)."""
        return page(self, lang)

    def summary(self, lang: str) -> str:
        """The first answer's text."""
        return self.opening(lang).text


@dataclass(frozen=True)
class Page:
    """One reply about a list: its text, how far the list has been read after it, and how long it is."""

    text: str
    said: int
    total: int


def page(report: ListReport, lang: str, *, start: int = 0, size: int = SPOKEN_NAMES,
         everything: bool = False) -> Page:
    """The reply reading ``size`` items of the list from ``start``: the first answer (start 0), "还有呢"
    (start where the last reply stopped) or "全部" (``everything``: from the start, saying how many in all)."""
    check_lang(lang)
    items = report.said_items()
    total = len(items)
    if not total:
        return Page(report.empty_answer(lang), 0, 0)
    if start >= total:
        return Page(_all_said(report, lang, total), total, total)
    end = min(total, start + max(1, size))
    # Only the items read are formatted: a list can be 90,000 customers long.
    names = [report.say_item(item, lang) for item in items[start:end]]
    listed = _joined(names, [report.part_opened(index, lang) for index in range(start, end)], lang)
    rest = total - end
    if everything or start == 0:
        text = _opening(report, lang, listed, len(names), total, rest, whole=everything)
    else:
        text = _next(report, lang, listed, rest)
    return Page(text, end, total)


def _joined(names: list[str], parts: list[str | None], lang: str) -> str:
    """The names as said in a row, a part of the list that begins among them said so ("…;已过的:曾强")."""
    joined = ""
    for number, (name, part) in enumerate(zip(names, parts, strict=True)):
        if part:
            joined += (f"{';' if lang == 'zh' else '; '}" if number else "") + f"{part}{':' if lang == 'zh' else ': '}"
        elif number:
            joined += "、" if lang == "zh" else ", "
        joined += name
    return joined


def _rest_hint(report: ListReport, lang: str, rest: int) -> str:
    if lang == "zh":
        return f"还有{rest}{report.counter_zh},说“还有呢”接着听。"
    return f'{rest} more: say "more" to hear them.'


def _opening(report: ListReport, lang: str, listed: str, count: int, total: int, rest: int, *, whole: bool) -> str:
    """The first reply: how many, then the first ``count`` names (all of them, for "全部", as far as they fit)."""
    if lang == "zh":
        if whole and rest:
            first = f"{report.list_title(lang)}一共{total}{report.counter_zh},前{count}{report.counter_zh}是:"
            return f"{first}{listed}。{_rest_hint(report, lang, rest)}"
        if whole:
            return f"{report.list_title(lang)}一共{total}{report.counter_zh}:{listed}。"
        return f"{report.headline(lang, total)}:{listed}{'等' if rest else ''}。" + (
            _rest_hint(report, lang, rest) if rest else "")
    if whole and rest:
        return f"All {total} {report.list_title(lang)}, the first {count}: {listed}. {_rest_hint(report, lang, rest)}"
    if whole:
        return f"All {total} {report.list_title(lang)}: {listed}."
    if rest:
        return f'{report.headline(lang, total)}: {listed} and {rest} more. Say "more" to hear them.'
    return f"{report.headline(lang, total)}: {listed}."


def _next(report: ListReport, lang: str, listed: str, rest: int) -> str:
    """A reply going on from where the last one stopped."""
    if lang == "zh":
        return f"接着是:{listed}。" + (_rest_hint(report, lang, rest) if rest else "就这些了。")
    return f"Next: {listed}. " + (_rest_hint(report, lang, rest) if rest else "That's all of them.")


def _all_said(report: ListReport, lang: str, total: int) -> str:
    if lang == "zh":
        return f"就这些了,{report.list_title(lang)}一共{total}{report.counter_zh},都说过了。"
    return f"That's all: the {total} {report.list_title(lang)} have all been said."


@dataclass(frozen=True)
class ListPlace:
    """Which list the conversation is in (a report and its options, as ``run_report`` and the API take
    them) and how many of its items have been read."""

    report: str
    options: Mapping[str, str]
    said: int

    def to_slot(self) -> dict[str, Any]:
        """The value kept in the ``last_list`` slot (plain JSON)."""
        return {"report": self.report, "options": dict(self.options), "said": self.said}

    @classmethod
    def from_slot(cls, value: Any) -> ListPlace | None:
        """The place kept in the slot, or None when there is none (or it is not one)."""
        if not isinstance(value, Mapping) or not isinstance(value.get("report"), str):
            return None
        options = value.get("options") if isinstance(value.get("options"), Mapping) else {}
        said = value.get("said")
        return cls(report=value["report"], options={str(k): str(v) for k, v in options.items() if v is not None},
                   said=said if isinstance(said, int) and said >= 0 else 0)

    def asked_again(self, said: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """The entities that ask this place's question again with what an elliptical follow-up names
        instead: its product and its days kept unless the follow-up names others ("那花生油呢" after last
        month's takings is last month's peanut oil, "昨天呢" after peanut oil's is yesterday's peanut oil)."""
        entities = [dict(e) for e in said]
        kinds = {e.get("entity") for e in said}
        if self.options.get("product") and "product" not in kinds:
            entities.append({"entity": "product", "value": self.options["product"]})
        if self.options.get("from") and self.options.get("to") and not kinds & {"period", "date", "days"}:
            entities.append({"entity": "period", "value": f"{self.options['from']}/{self.options['to']}"})
        return entities


def continue_list(report: ListReport, place: ListPlace, lang: str, *, spoken: bool,
                  everything: bool) -> tuple[Page, ListPlace]:
    """The next reply about the list at ``place`` ("还有呢", or "全部" when ``everything``) and the new place."""
    if everything:
        found = page(report, lang, start=0, size=ALL_SPOKEN if spoken else ALL_TYPED, everything=True)
    else:
        found = page(report, lang, start=place.said, size=MORE_SPOKEN if spoken else MORE_TYPED)
    return found, ListPlace(place.report, place.options, found.said)
