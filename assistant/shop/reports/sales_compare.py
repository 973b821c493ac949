"""Two periods' takings side by side ("这个月比上个月怎么样"): the owner wants the difference, not two lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from assistant.language.dates import spoken_span
from assistant.language.money import format_money
from assistant.shop.reports._common import check_lang
from assistant.shop.reports.sales import SalesReport, sales_summary


@dataclass
class SalesComparison:
    """``recent`` against ``earlier`` whole, and against the same number of days at the start of
    ``earlier`` when ``recent`` is a period still running (the 1st to the 15th against February 1–15)."""

    recent: SalesReport
    earlier: SalesReport
    earlier_as_far: SalesReport | None
    today: dt.date

    def summary(self, lang: str) -> str:
        """e.g. 3月1日到3月15日卖了6692.5元,共109笔;2月卖了12000元,其中2月1日到2月15日卖了6000元,这个月多了692.5元(多12%)。"""
        check_lang(lang)
        fair = self.earlier_as_far or self.earlier
        recent, earlier = self._said(self.recent, lang), self._said(self.earlier, lang)
        gap = self.recent.takings - fair.takings
        share = f"{abs(gap) / fair.takings:.0%}" if fair.takings else ""
        if lang == "zh":
            also = (f",其中{spoken_span(fair.start, fair.end, self.today, lang)}卖了{format_money(fair.takings, lang)}"
                    if self.earlier_as_far else "")
            if gap == 0:
                verdict = "一样多"
            else:
                verdict = f"{'多' if gap > 0 else '少'}了{format_money(abs(gap), lang)}" + (f"({'多' if gap > 0 else '少'}{share})" if share else "")
            than = "同期" if self.earlier_as_far else spoken_span(fair.start, fair.end, self.today, lang)
            return f"{recent};{earlier}{also}。比{than}{verdict}。"
        also = (f" ({format_money(fair.takings, lang)} {spoken_span(fair.start, fair.end, self.today, lang)})"
                if self.earlier_as_far else "")
        if gap == 0:
            verdict = "the same"
        else:
            verdict = f"{format_money(abs(gap), lang)} {'more' if gap > 0 else 'less'}" + (f" ({share})" if share else "")
        than = "the same days before" if self.earlier_as_far else spoken_span(fair.start, fair.end, self.today, lang)
        recent = recent[0].upper() + recent[1:]
        return f"{recent}; {earlier}{also}. That is {verdict} than {than}."

    def _said(self, report: SalesReport, lang: str) -> str:
        when = spoken_span(report.start, report.end, self.today, lang)
        if lang == "zh":
            return f"{when}卖了{format_money(report.takings, lang)},共{report.sales}笔"
        return f"{when}: {format_money(report.takings, lang)} from {report.sales} sales"


def compare_sales(session: Session, *, shop_id: int, recent: tuple[dt.date, dt.date], earlier: tuple[dt.date, dt.date],
                  today: dt.date, product: str | None = None) -> SalesComparison:
    """The takings of ``recent`` (cut at today) against ``earlier``, and against as many days of
    ``earlier`` as ``recent`` has had so far when ``recent`` is not over yet."""
    (start, end), (first, last) = recent, earlier
    if first > start:  # said the other way round ("上个月跟这个月比")
        (start, end), (first, last) = (first, last), (start, end)
    running = end > today >= start
    end = min(end, today) if running else end
    as_far = None
    if running:
        same_end = min(first + (end - start), last)
        if same_end < last:
            as_far = sales_summary(session, shop_id=shop_id, start=first, end=same_end, product=product)
    return SalesComparison(
        recent=sales_summary(session, shop_id=shop_id, start=start, end=end, product=product),
        earlier=sales_summary(session, shop_id=shop_id, start=first, end=last, product=product),
        earlier_as_far=as_far, today=today,
    )

