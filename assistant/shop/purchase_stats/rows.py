"""The rows of one customer's figures: rhythms per product, per category and for all visits, and
promotion uses. Pure functions over a customer's items (no database), shared by the per-sale update and
the whole-shop rebuild, so both write exactly the same rows."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from assistant.shop.forecast.pace import pace_from, stat_figures
from assistant.shop.rhythm import Purchase

VISITS_KEY = "*"
# A promotion "brought a customer back" when they bought again on a later day within this many days.
RETURN_DAYS = 30


def product_key(product_id: int) -> str:
    """The ``item_key`` of one product's rows."""
    return f"p:{product_id}"


def category_key(category: str) -> str:
    """The ``item_key`` of one category's rows."""
    return f"c:{category}"


class Item(NamedTuple):
    """One counted sale item of a customer (a tuple: millions are made during a rebuild)."""

    product_id: int
    category: str
    unit: str
    day: dt.date
    quantity: float
    amount: float
    promotion_id: int | None


def rows_for_customer(*, shop_id: int, customer_id: int, items: list[Item]) -> Iterator[dict]:
    """The ``purchase_stats`` rows of one customer: per product, per category, and for all visits."""
    for row in stat_rows(shop_id=shop_id, customer_id=customer_id, items=items):
        yield {
            column: _dec(value, _PLACES[column]) if column in _PLACES and value is not None else value
            for column, value in zip(STAT_COLUMNS, row, strict=True)
        }


# Numeric columns of ``purchase_stats`` and their decimals.
_PLACES = {
    "last_quantity": 3,
    "total_quantity": 3,
    "total_amount": 2,
    "usual_gap": 2,
    "days_per_unit": 2,
    "gap_spread": 3,
}
STAT_COLUMNS = (
    "shop_id",
    "customer_id",
    "item_key",
    "product_id",
    "category",
    "is_group",
    "unit",
    "purchases",
    "first_day",
    "last_day",
    "last_quantity",
    "total_quantity",
    "total_amount",
    "usual_gap",
    "days_per_unit",
    "gap_spread",
    "habit_day",
    "next_due",
    "lapse_after",
)
_UNKNOWN = object()
USE_COLUMNS = ("promotion_id", "customer_id", "shop_id", "first_day", "last_day", "uses", "came_back")


def stat_rows(
    *, shop_id: int, customer_id: int, items: list[Item], memo: dict | None = None
) -> Iterator[tuple]:
    """``rows_for_customer`` as tuples in ``STAT_COLUMNS`` order, numbers rounded but still floats.

    ``memo`` (kept by the caller across customers) remembers the figures of a single purchase: in a real
    shop most of a customer's products were bought once, and many on the same day in the same amount.
    """
    # key -> [product_id, category, is_group, unit of the latest purchase, purchases]
    groups: dict[str, list] = {}
    for item in items:
        purchase = Purchase(day=item.day, quantity=item.quantity, amount=item.amount)
        key = product_key(item.product_id)
        entry = groups.get(key)
        if entry is None:
            entry = groups[key] = [item.product_id, None, not item.category, "", []]
        entry[3] = item.unit  # items come oldest first
        entry[4].append(purchase)
        if item.category:
            key = category_key(item.category)
            entry = groups.get(key)
            if entry is None:
                entry = groups[key] = [None, item.category, True, "", []]
            entry[3] = item.unit
            entry[4].append(purchase)
        entry = groups.get(VISITS_KEY)
        if entry is None:
            entry = groups[VISITS_KEY] = [None, None, False, "", []]
        entry[3] = item.unit
        entry[4].append(purchase)
    # The visits' pace first: each item's lapse day is judged with it, as restock-due reads them together.
    visit_figures = stat_figures(groups[VISITS_KEY][4], weigh_quantity=False) if groups else None
    visits = None if visit_figures is None else pace_from(visit_figures[0], visit_figures[1])
    for key, (product_id, category, is_group, unit, purchases) in groups.items():
        if key == VISITS_KEY:
            figures = visit_figures
        elif memo is not None and len(purchases) == 1:
            # One purchase is never due, so its figures do not depend on the visits: they are a pure
            # function of the purchase, and one purchase's are those of any equal one.
            figures = memo.get(purchases[0], _UNKNOWN)
            if figures is _UNKNOWN:
                figures = memo[purchases[0]] = stat_figures(purchases, weigh_quantity=True, visits=visits)
        else:
            figures = stat_figures(purchases, weigh_quantity=True, visits=visits)
        if figures is None:
            continue
        found, spread, lapse_after = figures
        yield (
            shop_id,
            customer_id,
            key,
            product_id,
            category,
            is_group,
            unit,
            found.purchases,
            found.first_day,
            found.last_day,
            round(found.last_quantity, 3),
            round(found.total_quantity, 3),
            round(found.total_amount, 2),
            None if found.usual_gap is None else round(found.usual_gap, 2),
            None if found.days_per_unit is None else round(found.days_per_unit, 2),
            None if spread is None else round(spread, 3),
            found.habit_day,
            found.next_due,
            lapse_after,
        )


def promotion_rows(*, shop_id: int, customer_id: int, items: list[Item]) -> list[dict]:
    """The ``promotion_uses`` rows of one customer (``items`` oldest first)."""
    days = sorted({item.day for item in items})
    used: dict[int, list[dt.date]] = {}
    for item in items:
        if item.promotion_id is not None:
            used.setdefault(item.promotion_id, []).append(item.day)
    rows = []
    for promotion_id, when in used.items():
        first = min(when)
        later = bisect.bisect_right(days, first)
        came_back = later < len(days) and days[later] <= first + dt.timedelta(days=RETURN_DAYS)
        rows.append(
            {
                "promotion_id": promotion_id,
                "customer_id": customer_id,
                "shop_id": shop_id,
                "first_day": first,
                "last_day": max(when),
                "uses": len(set(when)),
                "came_back": came_back,
            }
        )
    return rows


def _dec(value: float, places: int) -> Decimal:
    return Decimal(str(round(value, places)))
