"""Getting data out: the whole shop as the three contract CSV files, one person's copy of everything held
about them (PIPL art. 45), and erasing a person (PIPL art. 47) while the books stay whole.

The CSV export is the importer's input format, so exporting and importing into an empty database gives
the same customers, products and sales (a cell that a spreadsheet would run as a formula is written with
a leading ``'``, which the importer takes off again). What the format cannot carry is left out: voided
sales (only sales that count are exported), seconds of a sale's time, requests, greetings and the audit
log.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from assistant.db import session_scope
from assistant.db.models import (
    AuditEntry,
    Consent,
    CreditEntry,
    Customer,
    CustomerName,
    CustomerRequest,
    Greeting,
    Product,
    Promotion,
    Sale,
    SaleItem,
    Shop,
    Tag,
    customer_tags,
    product_suits,
)
from assistant.shop import audit
from assistant.shop.customers import birthday_of
from assistant.shop.importer import CUSTOMER_COLUMNS, PRODUCT_COLUMNS, SALE_COLUMNS, escape_formula
from assistant.shop.sales_query import sale_counts, voided
from assistant.shop.shops import default_shop_id

STREAM_ROWS = 5000


def export_csv(
    target: Engine | Session, folder: Path, *, shop_id: int | None = None
) -> tuple[Path, Path, Path]:
    """Write ``customers.csv``, ``products.csv`` and ``sales.csv`` (UTF-8, header row) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(target, Session):
        return _export(target, folder, shop_id if shop_id is not None else default_shop_id(target))
    with session_scope(target) as session:
        return _export(session, folder, shop_id if shop_id is not None else default_shop_id(session))


def _export(session: Session, folder: Path, shop_id: int) -> tuple[Path, Path, Path]:
    paths = folder / "customers.csv", folder / "products.csv", folder / "sales.csv"
    _write(paths[0], [*CUSTOMER_COLUMNS, "referred_by"], _customer_rows(session, shop_id))
    _write(paths[1], list(PRODUCT_COLUMNS), _product_rows(session, shop_id))
    _write(paths[2], [*SALE_COLUMNS, "promotion"], _sale_rows(session, shop_id))
    return paths


# First characters of a cell that ``escape_formula`` may quote (checked inline: most cells start otherwise).
_RISKY_FIRST = frozenset("=+-@\t\r'")


def _write(path: Path, header: list[str], rows) -> None:  # noqa: ANN001 (an iterable of rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        # A name or note starting with = + - @ would run as a formula when the file is opened in a
        # spreadsheet (OWASP "CSV injection"): quoted here, unquoted again by the importer.
        writer.writerows([escape_formula(c) if c and c[:1] in _RISKY_FIRST else c for c in row] for row in rows)


def _number(value: Decimal | None) -> str:
    """A stored number as people write it: 2 rather than 2.000, 59.9 rather than 59.90."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")


def _customer_rows(session: Session, shop_id: int):  # noqa: ANN202 (a generator of rows)
    tags: dict[int, list[str]] = {}
    for customer_id, name in session.execute(
        select(customer_tags.c.customer_id, Tag.name)
        .join(Tag, Tag.id == customer_tags.c.tag_id)
        .where(Tag.shop_id == shop_id)
        .order_by(customer_tags.c.customer_id, Tag.name)
    ):
        tags.setdefault(customer_id, []).append(name)
    # Consent is exported only where a decision was recorded: "no" and "never asked" differ.
    decided = set(
        session.execute(
            select(Consent.customer_id)
            .where(Consent.shop_id == shop_id, Consent.purpose == "marketing")
            .distinct()
        ).scalars()
    )
    names = dict(session.execute(select(Customer.id, Customer.name).where(Customer.shop_id == shop_id)).all())
    for customer in session.execute(
        select(Customer)
        .where(Customer.shop_id == shop_id)
        .order_by(Customer.id)
        .execution_options(yield_per=STREAM_ROWS)
    ).scalars():
        birthday = birthday_of(customer)
        consent = ("yes" if customer.marketing_consent else "no") if customer.id in decided else ""
        yield [
            customer.name,
            "|".join(customer.aliases or []),
            customer.phone or "",
            str(birthday) if birthday else "",
            customer.household or "",
            "|".join(tags.get(customer.id, [])),
            customer.notes or "",
            consent,
            names.get(customer.referred_by_id, ""),
        ]


def _product_rows(session: Session, shop_id: int):  # noqa: ANN202 (a generator of rows)
    suits: dict[int, list[str]] = {}
    for product_id, name in session.execute(
        select(product_suits.c.product_id, Tag.name)
        .join(Tag, Tag.id == product_suits.c.tag_id)
        .where(Tag.shop_id == shop_id)
        .order_by(product_suits.c.product_id, Tag.name)
    ):
        suits.setdefault(product_id, []).append(name)
    for p in session.execute(
        select(Product).where(Product.shop_id == shop_id).order_by(Product.id)
    ).scalars():
        yield [
            p.name,
            "|".join(p.aliases or []),
            p.category,
            p.unit,
            _number(p.price),
            _number(p.stock),
            "|".join(suits.get(p.id, [])),
        ]


def _sale_rows(session: Session, shop_id: int):  # noqa: ANN202 (a generator of rows)
    statement = (
        select(
            Sale.sold_at,
            Customer.name,
            Product.name,
            SaleItem.quantity,
            SaleItem.unit,
            SaleItem.amount,
            Promotion.name,
        )
        .select_from(SaleItem)
        .join(Sale, Sale.id == SaleItem.sale_id)
        .join(Product, Product.id == SaleItem.product_id)
        .outerjoin(Customer, Customer.id == Sale.customer_id)
        .outerjoin(Promotion, Promotion.id == Sale.promotion_id)
        .where(
            Sale.shop_id == shop_id,
            sale_counts(),
        )
        .order_by(Sale.id, SaleItem.id)
        .execution_options(yield_per=STREAM_ROWS)
    )
    for sold_at, customer, product, quantity, unit, amount, promotion in session.execute(statement):
        when = f"{sold_at:%Y-%m-%d}" if sold_at.time() == dt.time() else f"{sold_at:%Y-%m-%d %H:%M}"
        yield [
            when,
            customer or "",
            product,
            _number(quantity),
            unit,
            f"{Decimal(amount):.2f}",
            promotion or "",
        ]


# ------------------------------------------------------------------------------------- one person (PIPL)


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def export_customer(session: Session, customer: Customer, *, now: dt.datetime) -> dict[str, Any]:
    """Everything held about one person, as JSON-ready data: profile, tags, consents, purchases,
    greetings, requests and the audit entries about them (their copy under PIPL art. 45)."""
    birthday = birthday_of(customer)
    purchases = session.execute(
        select(
            Sale.id,
            Sale.sold_at,
            Sale.channel,
            Product.name,
            SaleItem.quantity,
            SaleItem.unit,
            SaleItem.amount,
            Promotion.name,
            voided(Sale.id),
        )
        .select_from(SaleItem)
        .join(Sale, Sale.id == SaleItem.sale_id)
        .join(Product, Product.id == SaleItem.product_id)
        .outerjoin(Promotion, Promotion.id == Sale.promotion_id)
        .where(Sale.customer_id == customer.id, Sale.kind == "sale")
        .order_by(Sale.sold_at, SaleItem.id)
    ).all()
    requests = session.execute(
        select(Product.name, CustomerRequest.asked_at, CustomerRequest.fulfilled_at)
        .join(Product, Product.id == CustomerRequest.product_id)
        .where(CustomerRequest.customer_id == customer.id)
        .order_by(CustomerRequest.asked_at)
    ).all()
    greetings = session.execute(
        select(Greeting).where(Greeting.customer_id == customer.id).order_by(Greeting.created_at)
    ).scalars()
    consents = session.execute(
        select(Consent).where(Consent.customer_id == customer.id).order_by(Consent.recorded_at, Consent.id)
    ).scalars()
    entries = session.execute(
        select(AuditEntry)
        .where(
            AuditEntry.entity == "customer",
            AuditEntry.entity_id == customer.id,
            AuditEntry.shop_id == customer.shop_id,
        )
        .order_by(AuditEntry.at, AuditEntry.id)
    ).scalars()
    tab = session.execute(
        select(CreditEntry).where(CreditEntry.customer_id == customer.id).order_by(CreditEntry.created_at, CreditEntry.id)
    ).scalars()
    shop = session.get(Shop, customer.shop_id)
    return {
        "exported_at": now.isoformat(timespec="seconds"),
        "shop": shop.name if shop else None,
        "profile": {
            "name": customer.name,
            "aliases": list(customer.aliases or []),
            "phone": customer.phone,
            "birthday": str(birthday) if birthday else None,
            "household": customer.household,
            "notes": customer.notes,
            "marketing_consent": customer.marketing_consent,
            "referred_by": customer.referred_by.name if customer.referred_by else None,
            "is_group_leader": customer.is_group_leader,
            "commission_rate": _plain(customer.commission_rate),
            "created_at": _plain(customer.created_at),
            "updated_at": _plain(customer.updated_at),
        },
        "tags": [{"name": t.name, "kind": t.kind, "sensitive": t.sensitive} for t in customer.tags],
        "consents": [
            {
                "purpose": c.purpose,
                "granted": c.granted,
                "recorded_at": _plain(c.recorded_at),
                "source": c.source,
                "note": c.note,
            }
            for c in consents
        ],
        "purchases": [
            {
                "sale_id": sale_id,
                "at": _plain(at),
                "channel": channel,
                "product": product,
                "quantity": _plain(quantity),
                "unit": unit,
                "amount": _plain(amount),
                "promotion": promotion,
                "taken_back": bool(voided),
            }
            for sale_id, at, channel, product, quantity, unit, amount, promotion, voided in purchases
        ],
        "greetings": [
            {
                "occasion": g.occasion,
                "text": g.text,
                "audio_file": g.audio_path,
                "source": g.source,
                "status": g.status,
                "created_at": _plain(g.created_at),
                "sent_at": _plain(g.sent_at),
            }
            for g in greetings
        ],
        "tab": {
            "limit": _plain(customer.credit_limit),
            "entries": [
                {"id": e.id, "kind": e.kind, "amount": _plain(e.amount), "at": _plain(e.created_at),
                 "sale_id": e.sale_id, "voids": e.voids_id, "channel": e.channel, "note": e.note}
                for e in tab
            ],
        },
        "requests": [
            {"product": product, "asked_at": _plain(asked), "fulfilled_at": _plain(fulfilled)}
            for product, asked, fulfilled in requests
        ],
        "history": [
            {"at": _plain(e.at), "action": e.action, "channel": e.channel, "detail": e.detail}
            for e in entries
        ],
    }


def erase_customer(session: Session, *, customer: Customer, channel: str, data_dir: Path) -> dict[str, int]:
    """Delete a person's personal data and keep the books: their sales stay, anonymised.

    Removed: the customer row, names, tag links, consents, her tab's lines, greetings and their audio
    files (under ``data_dir``, the data folder their paths are relative to), requests, and the details
    of audit entries about them. Kept: every sale and item, with ``customer_id`` NULL, so takings and
    stock figures do not change. A new audit entry records that an erasure happened, without any of the
    erased data. Returns what was removed or anonymised.
    """
    customer_id, shop_id = customer.id, customer.shop_id
    audio_deleted = 0
    for path in session.execute(
        select(Greeting.audio_path).where(
            Greeting.customer_id == customer_id, Greeting.audio_path.is_not(None)
        )
    ).scalars():
        audio = Path(path) if Path(path).is_absolute() else data_dir / path
        if audio.is_file():
            audio.unlink()
            audio_deleted += 1
    counts = {
        "greetings": session.execute(delete(Greeting).where(Greeting.customer_id == customer_id)).rowcount,
        "requests": session.execute(
            delete(CustomerRequest).where(CustomerRequest.customer_id == customer_id)
        ).rowcount,
        "consents": session.execute(delete(Consent).where(Consent.customer_id == customer_id)).rowcount,
        # Counted before: a void goes with the line it took back (ON DELETE CASCADE), not in the rowcount.
        "credit_entries": session.execute(
            select(func.count(CreditEntry.id)).where(CreditEntry.customer_id == customer_id)
        ).scalar(),
        "audio_files": audio_deleted,
        "sales_anonymised": session.execute(
            update(Sale).where(Sale.customer_id == customer_id).values(customer_id=None)
        ).rowcount,
        "items_anonymised": session.execute(
            update(SaleItem).where(SaleItem.customer_id == customer_id).values(customer_id=None)
        ).rowcount,
        "audit_entries_redacted": session.execute(
            update(AuditEntry)
            .where(
                AuditEntry.entity == "customer",
                AuditEntry.entity_id == customer_id,
                AuditEntry.shop_id == shop_id,
            )
            .values(detail={"redacted": "customer erased"})
        ).rowcount,
    }
    session.execute(delete(CreditEntry).where(CreditEntry.customer_id == customer_id))
    session.execute(delete(CustomerName).where(CustomerName.customer_id == customer_id))
    session.execute(delete(customer_tags).where(customer_tags.c.customer_id == customer_id))
    session.execute(
        update(Customer).where(Customer.referred_by_id == customer_id).values(referred_by_id=None)
    )
    session.flush()
    session.expunge(customer)
    # Tables other modules add (e.g. precomputed buying rhythms) go with the row through ON DELETE CASCADE.
    session.execute(delete(Customer).where(Customer.id == customer_id))
    audit.record(
        session,
        shop_id=shop_id,
        channel=channel,
        action="erase",
        entity="customer",
        entity_id=customer_id,
        detail=counts,
    )
    session.flush()
    return counts
