"""arrival-targets: a product arrived; who would want to know, and why.

Three reasons put a customer on the list: the product suits one of their tags (low-sodium soy sauce ↔
高血压), they bought it or its category before, or they asked for it. The list is meant for messages,
so customers without marketing consent are never on it; the report counts how many were left out. The
reasons may name sensitive tags: they are for the owner's eyes, never for the message itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from assistant.db.models import Customer, CustomerRequest, PurchaseStat, Tag, customer_tags, product_suits
from assistant.shop.purchase_stats import category_key, product_key
from assistant.shop.reports._common import (
    ProductScope,
    Report,
    check_lang,
    chunks,
    resolve_products,
    rows,
    spoken_list,
)
from assistant.shop.reports.cache import Answer, Depends, cached, index_items, patch_items


@dataclass(frozen=True)
class ArrivalItem:
    """A customer to tell, with every reason they are on the list."""

    customer_id: int
    customer: str
    phone: str | None
    asked_on: dt.date | None
    suits_tags: list[str]
    last_bought: dt.date | None
    times_bought: int
    reasons: list[str]
    reasons_zh: list[str]
    sensitive: bool  # a reason names a health or children's tag: owner's view only


@dataclass
class ArrivalReport(Report):
    """Customers to tell that ``product`` arrived, who asked first, then whom it suits, then past buyers."""

    name: ClassVar[str] = "arrival-targets"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("customer", "customer"),
        ("phone", "phone"),
        ("why", "reasons"),
    )
    product: str
    products: list[str]
    left_out_no_consent: int
    items: list[ArrivalItem] = field(default_factory=list)

    def summary(self, lang: str) -> str:
        """e.g. 低钠酱油到了,可以告诉3位:李建国、... 另有1位没同意接收消息,没列出。"""
        check_lang(lang)
        if lang == "zh":
            text = (
                f"{self.product}到了,可以告诉{spoken_list(self.items, lang, say=_customer)}。"
                if self.items
                else f"{self.product}到了,没有可以通知的顾客。"
            )
            if self.left_out_no_consent:
                text += f"另有{self.left_out_no_consent}位没同意接收消息,没列出。"
            return text
        text = (
            f"Tell {spoken_list(self.items, lang, say=_customer)} about {self.product}."
            if self.items
            else f"Nobody to tell about {self.product}."
        )
        if self.left_out_no_consent:
            text += f" {self.left_out_no_consent} more left out: no consent to messages."
        return text



def _customer(item: ArrivalItem) -> str:
    return item.customer

def arrival_targets(session: Session, *, shop_id: int, product: str) -> ArrivalReport:
    """Customers who would want to know ``product`` (a name, alias or category) arrived."""

    def compute() -> Answer:
        scope = resolve_products(session, shop_id=shop_id, name=product)
        suits = {
            tag.id: tag
            for tag in session.execute(
                select(Tag)
                .join(product_suits, product_suits.c.tag_id == Tag.id)
                .where(product_suits.c.product_id.in_(scope.product_ids))
            ).scalars()
        }
        items, left_out = _targets(session, shop_id, scope, suits, customers=None)
        items.sort(key=_order)
        report = ArrivalReport(
            product=scope.label,
            products=[p.name for p in scope.products],
            left_out_no_consent=len(left_out),
            items=items,
        )
        return Answer(report, (scope, suits, frozenset(left_out)), index_items(items))

    def patch(answer: Answer, customers: frozenset[int], _kinds: frozenset[str]) -> Answer:
        scope, suits, left_before = answer.state
        fresh, left = _targets(session, shop_id, scope, suits, customers=customers)
        left_out = (left_before - customers) | left
        return patch_items(
            answer, fresh, customers, _order, left_out_no_consent=len(left_out), state=(scope, suits, left_out)
        )

    return cached(
        session, ("arrival-targets", shop_id, product), depends=Depends(customers=True), compute=compute, patch=patch
    )


def _order(item: ArrivalItem) -> tuple:
    return (
        item.asked_on is None,
        not item.suits_tags,
        -(item.last_bought or dt.date.min).toordinal(),
        item.customer,
    )


def _targets(
    session: Session,
    shop_id: int,
    scope: ProductScope,
    suits: dict[int, Tag],
    *,
    customers: frozenset[int] | None,
) -> tuple[list[ArrivalItem], set[int]]:
    """The items of everyone (or of ``customers``) with a reason to be told, and who was left out for
    want of consent."""
    if customers is not None:
        items: list[ArrivalItem] = []
        left: set[int] = set()
        for batch in chunks(sorted(customers)):
            found, left_out = _targets_among(session, shop_id, scope, suits, batch)
            items += found
            left |= left_out
        return items, left
    return _targets_among(session, shop_id, scope, suits, None)


def _targets_among(
    session: Session,
    shop_id: int,
    scope: ProductScope,
    suits: dict[int, Tag],
    among: list[int] | None,
) -> tuple[list[ArrivalItem], set[int]]:
    def only(query: Select, column) -> Select:  # noqa: ANN001 (a column)
        return query if among is None else query.where(column.in_(among))

    keys = set(scope.stat_keys) | {category_key(p.category) for p in scope.products if p.category}
    keys |= {product_key(p.id) for p in scope.products}

    tagged: dict[int, list[Tag]] = {}
    if suits:
        for customer_id, tag_id in rows(
            session,
            only(
                select(customer_tags.c.customer_id, customer_tags.c.tag_id).where(
                    customer_tags.c.tag_id.in_(suits)
                ),
                customer_tags.c.customer_id,
            )
        ):
            tagged.setdefault(customer_id, []).append(suits[tag_id])
    # Per customer: (last day, purchases, what) of the product itself when they bought it, else of its
    # category (someone who buys 老抽 may want the new 低钠酱油).
    bought: dict[int, tuple[dt.date, int, str]] = {}
    in_scope = set(scope.stat_keys)
    for customer_id, key, category, last_day, purchases in rows(
        session,
        only(
            select(
                PurchaseStat.customer_id,
                PurchaseStat.item_key,
                PurchaseStat.category,
                PurchaseStat.last_day,
                PurchaseStat.purchases,
            ).where(PurchaseStat.shop_id == shop_id, PurchaseStat.item_key.in_(sorted(keys))),
            PurchaseStat.customer_id,
        ).order_by(PurchaseStat.customer_id, PurchaseStat.purchases)
    ):
        if key in in_scope:
            bought[customer_id] = (last_day, purchases, scope.label)
        elif category and (customer_id not in bought or bought[customer_id][2] != scope.label):
            bought[customer_id] = (last_day, purchases, category)
    asked: dict[int, dt.date] = {}
    for customer_id, asked_at in rows(
        session,
        only(
            select(CustomerRequest.customer_id, CustomerRequest.asked_at).where(
                CustomerRequest.shop_id == shop_id,
                CustomerRequest.product_id.in_(scope.product_ids),
                CustomerRequest.fulfilled_at.is_(None),
            ),
            CustomerRequest.customer_id,
        )
    ):
        asked[customer_id] = min(asked_at.date(), asked.get(customer_id, asked_at.date()))

    items: list[ArrivalItem] = []
    left_out: set[int] = set()
    for batch in chunks(sorted(set(tagged) | set(bought) | set(asked))):
        for row in rows(
            session,
            select(Customer.id, Customer.name, Customer.phone, Customer.marketing_consent).where(
                Customer.id.in_(batch), Customer.shop_id == shop_id
            )
        ):
            if not row.marketing_consent:
                left_out.add(row.id)
                continue
            items.append(_item(row, tagged.get(row.id, []), bought.get(row.id), asked.get(row.id)))
    return items, left_out


def _item(
    row,
    tags: list[Tag],
    bought: tuple[dt.date, int, str] | None,  # noqa: ANN001 (a row)
    asked: dt.date | None,
) -> ArrivalItem:
    reasons: list[str] = []
    reasons_zh: list[str] = []
    if asked:
        reasons.append(f"asked for it on {asked.isoformat()}")
        reasons_zh.append(f"{asked.isoformat()}问过")
    names = sorted(t.name for t in tags)
    if names:
        reasons.append(f"suits: {', '.join(names)}")
        reasons_zh.append(f"适合:{'、'.join(names)}")
    if bought:
        times = "once" if bought[1] == 1 else f"{bought[1]} times"
        reasons.append(f"bought {bought[2]} {times}, last {bought[0].isoformat()}")
        reasons_zh.append(f"买过{bought[2]}{bought[1]}次,上次{bought[0].isoformat()}")
    return ArrivalItem(
        customer_id=row.id,
        customer=row.name,
        phone=row.phone,
        asked_on=asked,
        suits_tags=names,
        last_bought=bought[0] if bought else None,
        times_bought=bought[1] if bought else 0,
        reasons=reasons,
        reasons_zh=reasons_zh,
        sensitive=any(t.sensitive for t in tags),
    )
