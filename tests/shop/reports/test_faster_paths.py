"""The faster paths of the campaigns and daily-tasks reports give exactly what the plain computations give,
on the demo shop 禾香粮油 (both databases)."""

from __future__ import annotations

import datetime as dt
import importlib
import random
from decimal import Decimal

from sqlalchemy import select

from assistant.db.models import Customer, Product, Sale
from assistant.shop.demo import load_demo
from assistant.shop.reports import cache, run_report
from assistant.shop.reports.restock import confident_dues, restock_due
from assistant.shop.sales import SaleLine, log_sale
from assistant.shop.sales_query import sale_counts

TODAY = "2026-03-15"
campaigns_module = importlib.import_module("assistant.shop.reports.campaigns")  # the package exports the function


def _plain_visits(session, *, shop_id: int, figures) -> dict[int, list[dt.date]]:  # noqa: ANN001
    """Every counted sale of a named customer read through the ORM, its day taken in Python."""
    spans = [(row.first_used, row.last_used) for row in figures]
    if not spans:
        return {}
    first = min(a for a, _ in spans) - dt.timedelta(days=campaigns_module.LOOKBACK_DAYS)
    last = max(b for _, b in spans) + dt.timedelta(days=campaigns_module.RETURN_DAYS)
    days: dict[int, set[dt.date]] = {}
    for customer_id, sold_at in session.execute(
        select(Sale.customer_id, Sale.sold_at).where(Sale.shop_id == shop_id, Sale.customer_id.is_not(None),
                                                     sale_counts())
    ):
        if first <= sold_at.date() <= last:
            days.setdefault(customer_id, set()).add(sold_at.date())
    return {customer_id: sorted(found) for customer_id, found in days.items()}


def test_campaigns_read_the_same_visits_and_give_the_same_report(engine, context, pin_today, monkeypatch):
    pin_today(TODAY)
    load_demo(engine, seed=7)
    with context.sessions() as session, cache.afresh():
        fast = run_report(session, "campaigns", shop_id=1, options={}).to_json()
        # A few promotions used, compared with comparable customers: the report has something to pin.
        assert any(item["others"] for item in fast["items"])
        monkeypatch.setattr(campaigns_module, "_visits", _plain_visits)
        plain = run_report(session, "campaigns", shop_id=1, options={}).to_json()
    assert fast == plain


def test_todays_restock_cards_after_sales_equal_a_fresh_computation(engine, context, pin_today):
    pin_today(TODAY)
    load_demo(engine, seed=7)
    today = dt.date.fromisoformat(TODAY)
    rng = random.Random(3)
    with context.sessions() as session, context.sessions() as writer:
        run_report(session, "daily-tasks", shop_id=1, options={})
        due = [item.customer_id for item in restock_due(session, shop_id=1, start=today,
                                                        end=today + dt.timedelta(days=6)).items]
        others = list(writer.scalars(select(Customer.id).where(Customer.shop_id == 1)))
        products = list(writer.scalars(select(Product).where(Product.shop_id == 1)))
        # Sales to customers on the restock list (their cards change or go) and to others.
        for customer_id in [*due[:4], *rng.sample(others, 4)]:
            log_sale(writer, shop_id=1, lines=[SaleLine(product=rng.choice(products), quantity=Decimal(1))],
                     channel="cli", customer=writer.get(Customer, customer_id))
            writer.commit()
            session.rollback()
            patched = run_report(session, "daily-tasks", shop_id=1, options={})
            with cache.afresh():
                fresh = run_report(session, "daily-tasks", shop_id=1, options={})
                dues = confident_dues(restock_due(session, shop_id=1, start=today,
                                                  end=today + dt.timedelta(days=6)).items)
            assert patched.to_json() == fresh.to_json()
            # The cards as they were made before (one per confident customer, from ``confident_dues``).
            cards = [item for item in patched.items if item.kind == "restock"]
            assert [card.customer_id for card in cards] == [items[0].customer_id for items in dues]
            assert [card.product for card in cards] == ["、".join(i.product for i in items) for items in dues]
