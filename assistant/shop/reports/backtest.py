"""Backtest of restock-due: replay the sales history week by week and score "due this week".

For every week, each (customer, staple) pair is judged on the history before the week started, exactly as
the report would have judged it that Monday morning: its chance of buying that week (``shop.forecast``),
listed when the chance reaches the week's cut (``chance.select_due`` over every pair and the week's buyers
no list can name, as the report does), each customer's visits to the shop counted as her days with any sale;
actually due if the customer bought it during the week. The naive baseline repeats the last gap and predicts only due dates inside the week. Precision and recall are
pooled over all weeks (every prediction and every purchase counts once).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import SaleItem
from assistant.shop.forecast.chance import (
    MIN_PURCHASES,
    UNNAMED_WEEKS,
    Pace,
    select_due,
    unnamed_expected,
    weekly_chance,
)
from assistant.shop.forecast.pace import pace_of
from assistant.shop.purchase_stats import category_key, counted_items, product_key
from assistant.shop.reports._common import Report, check_lang, resolve_products
from assistant.shop.rhythm import RECENT_GAPS, Purchase, last_gap_due, merge_days

# A pair needs some history before a forecast means anything: weeks before this are not scored.
WARM_UP_DAYS = 56


@dataclass(frozen=True)
class MethodScore:
    """How one forecasting method did over every scored week."""

    method: str
    predicted: int
    actual: int
    hits: int
    precision: float
    recall: float
    f1: float


@dataclass
class BacktestReport(Report):
    """Scores of the report's method and the naive baseline, week by week pooled."""

    name: ClassVar[str] = "backtest-restock"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("method", "method"),
        ("predicted", "predicted"),
        ("actually bought", "actual"),
        ("hits", "hits"),
        ("precision", "precision"),
        ("recall", "recall"),
        ("F1", "f1"),
    )
    product: str | None
    first_week: dt.date | None
    last_week: dt.date | None
    weeks: int
    pairs: int
    items: list[MethodScore] = field(default_factory=list)

    def summary(self, lang: str) -> str:
        """One sentence per method with its precision and recall."""
        check_lang(lang)
        if not self.weeks:
            return "历史太短,没法回测。" if lang == "zh" else "Not enough history to backtest."
        if lang == "zh":
            parts = [f"{s.method}:准确率{s.precision:.1%},召回率{s.recall:.1%}" for s in self.items]
            return f"回测{self.weeks}周:" + ";".join(parts) + "。"
        parts = [f"{s.method}: precision {s.precision:.1%}, recall {s.recall:.1%}" for s in self.items]
        return f"Backtest over {self.weeks} weeks: " + "; ".join(parts) + "."


def backtest_restock(
    session: Session, *, shop_id: int, product: str | None = None, weeks: int | None = None
) -> BacktestReport:
    """Score "due this week" over the last ``weeks`` full weeks before today (default: all with history)."""
    query = counted_items().where(SaleItem.shop_id == shop_id).order_by(SaleItem.sold_at)
    scope = resolve_products(session, shop_id=shop_id, name=product) if product else None
    in_scope = set(scope.product_ids) if scope is not None else None
    histories: dict[tuple[int, str], list[Purchase]] = {}
    # Each customer's visits to the shop as a whole, as their "*" row of ``purchase_stats`` counts them.
    visit_days: dict[int, list[Purchase]] = {}
    for row in session.execute(query):
        day = row.sold_at.date() if isinstance(row.sold_at, dt.datetime) else row.sold_at
        visit_days.setdefault(row.customer_id, []).append(Purchase(day=day, quantity=1.0, amount=float(row.amount)))
        if in_scope is not None and row.product_id not in in_scope:
            continue
        # The same grouping as the report: one product when one is named, else its category.
        if scope is not None and not scope.is_category or not row.category:
            key = product_key(row.product_id)
        else:
            key = category_key(row.category)
        histories.setdefault((row.customer_id, key), []).append(
            Purchase(day=day, quantity=float(row.quantity), amount=float(row.amount))
        )
    pairs = {pair: merge_days(history) for pair, history in histories.items()}
    visits = {customer: merge_days(days) for customer, days in visit_days.items()}
    weeks_to_score = _weeks(pairs, weeks, today=clock.today_for(session))
    scores = {"restock-due (this report)": [0, 0, 0], "baseline: last gap": [0, 0, 0]}
    for start in weeks_to_score:
        end = start + dt.timedelta(days=6)
        chances: dict[int, float] = {}
        outcomes: list[tuple[bool, bool]] = []
        unnamed = 0
        since = start - dt.timedelta(weeks=UNNAMED_WEEKS)
        visit_paces = {customer: _visit_pace(days, start) for customer, days in visits.items()}
        for number, ((customer, _key), days) in enumerate(pairs.items()):
            moments = [p.day for p in days]
            before = bisect.bisect_left(moments, start)
            bought = bisect.bisect_right(moments, end) > before
            if before and moments[before - 1] >= since and (moments[0] >= since or before <= MIN_PURCHASES):
                unnamed += 1  # as the report counts them (``restock._unnamed``)
            # The forecast reads the recent purchases and the first one (for the rate): keeps this fast.
            recent = days[max(0, before - RECENT_GAPS - 1) : before]
            history = days[:1] + recent if before > len(recent) else recent
            found = pace_of(history) if history else None
            if found is not None:
                pace = found[1]
                # The whole count of purchases, not only the recent ones kept for speed.
                chances[number] = weekly_chance(
                    dataclasses.replace(pace, purchases=before), start, visit_paces.get(customer)
                )
            naive_due = last_gap_due(recent)
            outcomes.append((bought, naive_due is not None and start <= naive_due <= end))
        named = {k: v for k, v in chances.items() if v > 0}
        cut = select_due(named, unnamed_expected(unnamed)) if chances else 1.0
        for number, (bought, naive) in enumerate(outcomes):
            mine = chances.get(number, 0.0) >= cut and chances.get(number, 0.0) > 0
            for method, predicted in (("restock-due (this report)", mine), ("baseline: last gap", naive)):
                tally = scores[method]
                tally[0] += predicted
                tally[1] += bought
                tally[2] += predicted and bought
    items = [_score(method, *tally) for method, tally in scores.items()]
    return BacktestReport(
        product=scope.label if scope else None,
        first_week=weeks_to_score[0] if weeks_to_score else None,
        last_week=weeks_to_score[-1] if weeks_to_score else None,
        weeks=len(weeks_to_score),
        pairs=len(pairs),
        items=items,
    )


def _visit_pace(days: list[Purchase], start: dt.date) -> Pace | None:
    """What the forecast reads of a customer's visits before ``start``: their number, first and last."""
    before = bisect.bisect_left([p.day for p in days], start)
    if not before:
        return None
    return Pace(purchases=before, first_day=days[0].day, last_day=days[before - 1].day, expected_gap=7.0, spread=None)


def _weeks(pairs: dict[tuple[int, str], list[Purchase]], limit: int | None, *, today: dt.date) -> list[dt.date]:
    """Mondays of the full weeks to score: after the warm-up, ending before ``today``'s week."""
    if not pairs:
        return []
    first = min(days[0].day for days in pairs.values()) + dt.timedelta(days=WARM_UP_DAYS)
    monday = today - dt.timedelta(days=today.weekday() + 7)  # the last full week
    starts = []
    while monday >= first and (limit is None or len(starts) < limit):
        starts.append(monday)
        monday -= dt.timedelta(days=7)
    return sorted(starts)


def _score(method: str, predicted: int, actual: int, hits: int) -> MethodScore:
    precision = hits / predicted if predicted else 0.0
    recall = hits / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return MethodScore(
        method=method,
        predicted=predicted,
        actual=actual,
        hits=hits,
        precision=round(precision, 3),
        recall=round(recall, 3),
        f1=round(f1, 3),
    )
