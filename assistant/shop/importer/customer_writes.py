"""Writing checked customer rows: new customers in bulk, changed values only, names, tags, referrals and
consent decisions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.bulk import BULK_FROM, BulkLoad, chunks, insert_rows, update_rows
from assistant.db.models import Consent, Customer, CustomerName, customer_tags
from assistant.shop import audit
from assistant.shop.customers import name_key
from assistant.shop.importer.report import ImportReport
from assistant.shop.tags import get_or_create_tags

if TYPE_CHECKING:
    from assistant.shop.importer.customers import CustomerRow


def write_customers(
    session: Session,
    *,
    shop_id: int,
    rows: list[CustomerRow],
    report: ImportReport,
    channel: str,
    now: dt.datetime,
) -> None:
    """Write checked rows, recorded at ``now``: new customers in bulk, then what changed for the others."""
    existing_ids = [r.existing_id for r in rows if r.existing_id is not None]
    stored = {c.id: c for c in _load_customers(session, shop_id)} if existing_ids else {}
    fresh = [r for r in rows if r.existing_id is None]
    # A first import into a fresh shop: indexes built once and foreign keys checked once, at the end.
    bulk = BulkLoad(session, Customer.__table__, CustomerName.__table__, Consent.__table__, customer_tags)
    if len(fresh) >= BULK_FROM:
        bulk.begin()
    insert_rows(
        session,
        Customer.__table__,
        [
            {
                "shop_id": shop_id,
                "name": r.name,
                "aliases": r.aliases,
                "phone": r.phone,
                "birthday_year": r.birthday.year if r.birthday else None,
                "birthday_month": r.birthday.month if r.birthday else None,
                "birthday_day": r.birthday.day if r.birthday else None,
                "birthday_lunar": bool(r.birthday and r.birthday.lunar),
                "household": r.household,
                "notes": r.notes,
                # The decision itself is recorded by ``_write_consents``; setting it here saves an UPDATE
                # per new customer.
                "marketing_consent": bool(r.consent),
                "is_group_leader": False,
                "created_at": now,
                "updated_at": now,
            }
            for r in fresh
        ],
    )
    if fresh:
        ids = dict(
            session.execute(select(Customer.name, Customer.id).where(Customer.shop_id == shop_id)).all()
        )
        for row in fresh:
            row.id = ids[row.name]
    report.customers_added += len(fresh)

    updates: list[dict] = []
    renamed: dict[int, list[str]] = {}  # customer id -> every name it is now called by
    for row in fresh:
        renamed[row.id] = [row.name, *row.aliases]  # type: ignore[index]
    for row in rows:
        if row.existing_id is None:
            continue
        row.id = row.existing_id
        changes = _customer_changes(stored[row.id], row)
        if changes:
            updates.append({"_id": row.id, **changes, "updated_at": now})
            if "aliases" in changes:
                renamed[row.id] = [stored[row.id].name, *changes["aliases"]]
    update_rows(session, Customer.__table__, updates)
    report.customers_updated += len(updates)

    _write_name_keys(
        session, shop_id=shop_id, names=renamed, replace=[r.id for r in rows if r.existing_id in renamed]
    )
    _write_customer_tags(session, shop_id=shop_id, rows=rows)
    _write_referrals(session, rows=rows, stored=stored, report=report, now=now)
    _write_consents(session, shop_id=shop_id, rows=rows, channel=channel, report=report, now=now)
    bulk.finish()
    if fresh or updates:
        audit.record(
            session,
            shop_id=shop_id,
            channel=channel,
            action="import",
            entity="customer",
            detail={"added": len(fresh), "updated": len(updates)},
        )


def _load_customers(session: Session, shop_id: int) -> list:
    return session.execute(
        select(
            Customer.id,
            Customer.name,
            Customer.aliases,
            Customer.phone,
            Customer.birthday_year,
            Customer.birthday_month,
            Customer.birthday_day,
            Customer.birthday_lunar,
            Customer.household,
            Customer.notes,
            Customer.referred_by_id,
            Customer.is_group_leader,
        ).where(Customer.shop_id == shop_id)
    ).all()


def _customer_changes(stored, row: CustomerRow) -> dict:  # noqa: ANN001 (a result row)
    changes: dict = {}
    aliases = list(stored.aliases or [])
    merged = aliases + [a for a in row.aliases if a not in aliases]
    if merged != aliases:
        changes["aliases"] = merged
    if row.phone and row.phone != stored.phone:
        changes["phone"] = row.phone
    if row.birthday:
        wanted = (row.birthday.year, row.birthday.month, row.birthday.day, row.birthday.lunar)
        if wanted != (
            stored.birthday_year,
            stored.birthday_month,
            stored.birthday_day,
            bool(stored.birthday_lunar),
        ):
            changes.update(
                birthday_year=wanted[0],
                birthday_month=wanted[1],
                birthday_day=wanted[2],
                birthday_lunar=wanted[3],
            )
    if row.household and row.household != stored.household:
        changes["household"] = row.household
    if row.notes and row.notes != stored.notes:
        changes["notes"] = row.notes
    return changes


def _write_name_keys(
    session: Session, *, shop_id: int, names: dict[int, list[str]], replace: list[int]
) -> None:
    """Write the ``CustomerName`` lookup rows of new customers and of those whose aliases changed."""
    for chunk in chunks(replace, 500):
        session.execute(CustomerName.__table__.delete().where(CustomerName.customer_id.in_(chunk)))
    insert_rows(
        session,
        CustomerName.__table__,
        [
            {"shop_id": shop_id, "customer_id": customer_id, "key": key}
            for customer_id, called in names.items()
            for key in dict.fromkeys(name_key(n) for n in called if n.strip())
        ],
    )


def _write_customer_tags(session: Session, *, shop_id: int, rows: list[CustomerRow]) -> None:
    names = list(dict.fromkeys(tag for row in rows for tag in row.tags))
    if not names:
        return
    tag_ids = {tag.name: tag.id for tag in get_or_create_tags(session, shop_id=shop_id, names=names)}
    have = set(
        session.execute(
            select(customer_tags.c.customer_id, customer_tags.c.tag_id)
            .join(Customer, Customer.id == customer_tags.c.customer_id)
            .where(Customer.shop_id == shop_id)
        ).all()
    )
    links = {(row.id, tag_ids[tag]) for row in rows for tag in row.tags} - have
    insert_rows(session, customer_tags, [{"customer_id": c, "tag_id": t} for c, t in sorted(links)])


def _write_referrals(
    session: Session, *, rows: list[CustomerRow], stored: dict, report: ImportReport, now: dt.datetime
) -> None:
    links, leaders = [], set()
    for row in rows:
        if row.referrer is None:
            continue
        # The referrer is a stored customer's id, or a row of this file (its id known once written).
        referrer_id = row.referrer if isinstance(row.referrer, int) else row.referrer.id
        leaders.add(referrer_id)
        before = stored[row.id].referred_by_id if row.id in stored else None
        if before != referrer_id:
            links.append({"_id": row.id, "referred_by_id": referrer_id, "updated_at": now})
    already = {cid for cid, c in stored.items() if c.is_group_leader}
    update_rows(session, Customer.__table__, links)
    update_rows(
        session,
        Customer.__table__,
        [{"_id": cid, "is_group_leader": True, "updated_at": now} for cid in sorted(leaders - already)],
    )


def _write_consents(
    session: Session,
    *,
    shop_id: int,
    rows: list[CustomerRow],
    channel: str,
    report: ImportReport,
    now: dt.datetime,
) -> None:
    latest: dict[int, bool] = {}
    if any(r.existing_id is not None and r.consent is not None for r in rows):
        for customer_id, granted in session.execute(
            select(Consent.customer_id, Consent.granted)
            .where(Consent.shop_id == shop_id, Consent.purpose == "marketing")
            .order_by(Consent.recorded_at, Consent.id)
        ):
            latest[customer_id] = granted
    decisions = [r for r in rows if r.consent is not None and latest.get(r.id) is not r.consent]
    insert_rows(
        session,
        Consent.__table__,
        [
            {
                "shop_id": shop_id,
                "customer_id": r.id,
                "purpose": "marketing",
                "granted": r.consent,
                "recorded_at": now,
                "source": channel,
                "note": f"imported (line {r.line})",
            }
            for r in decisions
        ],
    )
    update_rows(
        session,
        Customer.__table__,
        [{"_id": r.id, "marketing_consent": r.consent} for r in decisions if r.existing_id is not None],
    )
    report.consents_recorded += len(decisions)
