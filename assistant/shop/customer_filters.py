"""The customer list's filters: due to buy again this week, away for a while, birthday this month, a tag.
Built on the reports, so the list and the chat's answers name the same people."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Tag, customer_tags
from assistant.shop.reports import run_report
from assistant.shop.search import search_customers

FILTERS = ("due", "away", "birthday")


def shop_tags(session: Session, *, shop_id: int) -> list[str]:
    """Every tag some customer of the shop has, by name."""
    return list(session.execute(
        select(Tag.name).join(customer_tags, customer_tags.c.tag_id == Tag.id)
        .where(Tag.shop_id == shop_id).group_by(Tag.name).order_by(Tag.name)
    ).scalars())


def _ids(session: Session, *, shop_id: int, show: str, today: dt.date) -> set[int]:
    if show == "due":
        end = today + dt.timedelta(days=6)
        report = run_report(session, "restock-due", shop_id=shop_id,
                            options={"from": today.isoformat(), "to": end.isoformat()})
    elif show == "away":
        report = run_report(session, "inactive", shop_id=shop_id, options={})
    else:
        report = run_report(session, "birthdays", shop_id=shop_id, options={"period": "month"})
    # The people the chat names and Today shows for the same question (restock: the confident ones).
    return {item.customer_id for item in report.said_items()}


def find_customers(session: Session, *, shop_id: int, query: str = "", show: str = "", tag: str = "",
                   today: dt.date, limit: int = 100) -> list[Customer]:
    """Customers matching the search ``query`` (best first), kept to the chosen filter and tag."""
    if not show and not tag:
        return search_customers(session, shop_id=shop_id, query=query, limit=limit)
    found = search_customers(session, shop_id=shop_id, query=query, limit=100_000)
    if show in FILTERS:
        wanted = _ids(session, shop_id=shop_id, show=show, today=today)
        found = [c for c in found if c.id in wanted]
    if tag:
        found = [c for c in found if any(t.name == tag for t in c.tags)]
    return found[:limit]
