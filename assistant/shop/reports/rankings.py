"""Best sellers and slow movers of a period: the same sales figures as ``sales``, ranked.

"这个月卖得最好的是什么" wants a product, not the month's takings; "什么卖不动" wants the products that sold
least (nothing at all first). The period never runs past today: "this month" on the 15th is the 1st to
the 15th.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Product
from assistant.language.dates import spoken_span
from assistant.shop.reports._common import check_lang, quantity_text
from assistant.shop.reports.sales import SalesItem, sales_summary

SHOWN = 3


@dataclass
class Ranking:
    """Products by takings from ``start`` to ``end``, and the shop's products that sold nothing."""

    start: dt.date
    end: dt.date
    today: dt.date
    sold: list[SalesItem] = field(default_factory=list)  # biggest takings first
    unsold: list[str] = field(default_factory=list)

    def _when(self, lang: str) -> str:
        return spoken_span(self.start, self.end, self.today, lang)

    def best(self, lang: str) -> str:
        """e.g. 3月1日到3月15日卖得最好的是五常大米(1470元,15袋),其次是东北大米、中筋面粉。"""
        check_lang(lang)
        when = self._when(lang)
        if not self.sold:
            return f"{when}还没有销售。" if lang == "zh" else f"No sales {when}."
        top, rest = self.sold[0], [i.product for i in self.sold[1:SHOWN]]
        if lang == "zh":
            then = f",其次是{'、'.join(rest)}" if rest else ""
            return (f"{when}卖得最好的是{top.product}({quantity_text(top.amount)}元,"
                    f"{quantity_text(top.quantity)}{top.unit}){then}。")
        then = f", then {', '.join(rest)}" if rest else ""
        return (f"Best seller {when}: {top.product} ({quantity_text(top.amount)} yuan, "
                f"{quantity_text(top.quantity)} {top.unit}){then}.")

    def more_best(self, lang: str, shown: int = SHOWN, count: int = 5) -> str:
        """"还有呢" after the best sellers: the next ``count`` after the ``shown`` ones said, e.g.
        再往下是泰国香米(900元)、花生油(838.8元)。"""
        check_lang(lang)
        rest = self.sold[shown:shown + count]
        if not rest:
            return "卖出去的就这些了。" if lang == "zh" else "That's everything that sold."
        if lang == "zh":
            return "再往下是" + "、".join(f"{i.product}({quantity_text(i.amount)}元)" for i in rest) + "。"
        return "Next: " + ", ".join(f"{i.product} ({quantity_text(i.amount)} yuan)" for i in rest) + "."

    def slow(self, lang: str) -> str:
        """e.g. 3月1日到3月15日没卖出去的有4样:高筋面粉、低筋面粉、玉米油等;卖得最少的是红豆(16元)。"""
        check_lang(lang)
        when = self._when(lang)
        least = self.sold[-1] if self.sold else None
        if lang == "zh":
            parts = []
            if self.unsold:
                more = "等" if len(self.unsold) > SHOWN else ""
                parts.append(f"{when}没卖出去的有{len(self.unsold)}样:{'、'.join(self.unsold[:SHOWN])}{more}")
            if least is not None:
                parts.append(f"{'' if parts else when}卖得最少的是{least.product}({quantity_text(least.amount)}元)")
            return (";".join(parts) or f"{when}还没有销售") + "。"
        parts = []
        if self.unsold:
            more = f" and {len(self.unsold) - SHOWN} more" if len(self.unsold) > SHOWN else ""
            parts.append(f"Nothing sold {when}: {', '.join(self.unsold[:SHOWN])}{more}")
        if least is not None:
            parts.append(f"least sold: {least.product} ({quantity_text(least.amount)} yuan)")
        return ("; ".join(parts) or f"No sales {when}") + "."


def ranking(session: Session, *, shop_id: int, start: dt.date, end: dt.date, today: dt.date) -> Ranking:
    """The products of the shop ranked by takings from ``start`` to ``end`` (cut at ``today``)."""
    end = min(end, today)
    start = min(start, end)
    report = sales_summary(session, shop_id=shop_id, start=start, end=end)
    sold_ids = {item.product_id for item in report.items}
    unsold = [name for pid, name in session.execute(
        select(Product.id, Product.name).where(Product.shop_id == shop_id).order_by(Product.id)) if pid not in sold_ids]
    return Ranking(start=start, end=end, today=today, sold=list(report.items), unsold=unsold)
