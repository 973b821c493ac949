"""arrival-targets: a product arrived; who would want to know, and why.

Three reasons put a customer on the list: they asked for it (要过), the product suits one of their tags
(low-sodium soy sauce ↔ 高血压), or they bought that very product before (买过3次). Buying something
else of its category is no reason: everyone who ever bought a soy sauce is not waiting for the
low-sodium one. (Asked about a whole category, "酱油到了", its buyers are the category's buyers.)

The list is ranked: those who asked first, then those with more reasons, then the more faithful buyers.
It is meant for messages, so customers without marketing consent are never on it; the report counts
how many were left out. The reasons may name sensitive tags: they are for the owner's eyes, never for
the message itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from assistant.db.models import Customer, CustomerRequest, PurchaseStat, Tag, customer_tags, product_suits
from assistant.language.dates import spoken_day
from assistant.shop.english import tag_in_english
from assistant.shop.reports._common import ProductScope, check_lang, chunks, resolve_products, rows
from assistant.shop.reports.cache import Answer, Depends, cached, index_items, patch_items
from assistant.shop.reports.lists import ListReport, Page

# How many customers a spoken answer names (with their reasons) before "等N位".
SPOKEN_TARGETS = 3


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

    def why(self, lang: str) -> str:
        """The reasons in a word each, as said after the name: 要过,高血压,买过3次 / asked for it, ..."""
        if lang == "zh":
            parts = ["要过"] if self.asked_on else []
            parts += ["、".join(self.suits_tags)] if self.suits_tags else []
            parts += [f"买过{self.times_bought}次"] if self.times_bought else []
            return ",".join(parts)
        parts = ["asked for it"] if self.asked_on else []
        parts += [", ".join(tag_in_english(t) for t in self.suits_tags)] if self.suits_tags else []
        parts += [f"bought it {_times_en(self.times_bought)}"] if self.times_bought else []
        return ", ".join(parts)


@dataclass
class ArrivalReport(ListReport):
    """Customers to tell that ``product`` arrived: who asked first, then who has more reasons."""

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

    def say_item(self, item: ArrivalItem, lang: str) -> str:
        """李建国(要过,高血压) / Li Jianguo (asked for it, high blood pressure)."""
        return f"{item.customer}({item.why('zh')})" if lang == "zh" else f"{item.customer} ({item.why('en')})"

    def list_title(self, lang: str) -> str:
        """要告诉低钠酱油到了的 / customers to tell about 低钠酱油."""
        return f"要告诉{self.product}到了的" if lang == "zh" else f"customers to tell about {self.product}"

    def empty_answer(self, lang: str) -> str:
        """Nobody to tell."""
        return self.summary(lang)

    def opening(self, lang: str) -> Page:
        """The first answer (its own wording, with who was left out), read as far as its names go."""
        return Page(self.summary(lang), min(len(self.items), SPOKEN_TARGETS), len(self.items))

    def summary(self, lang: str) -> str:
        """e.g. 低钠酱油到了,可以告诉28位:李建国(要过,高血压,买过1次)、……等。另有2位没同意收消息。"""
        check_lang(lang)
        shown = self.items[:SPOKEN_TARGETS]
        more = len(self.items) > len(shown)
        if lang == "zh":
            if not self.items:
                text = f"{self.product}到了,没有要通知的顾客。"
            else:
                listed = "、".join(f"{i.customer}({i.why('zh')})" for i in shown)
                count = f"{len(self.items)}位:" if more or len(self.items) > 1 else ""
                text = f"{self.product}到了,可以告诉{count}{listed}{'等' if more else ''}。"
            if self.left_out_no_consent:
                text += f"另有{self.left_out_no_consent}位没同意收消息。"
            return text
        if not self.items:
            text = f"Nobody to tell about {self.product}."
        else:
            listed = "; ".join(f"{i.customer} ({i.why('en')})" for i in shown)
            people = "1 customer" if len(self.items) == 1 else f"{len(self.items)} customers"
            rest = f"; and {len(self.items) - len(shown)} more" if more else ""
            text = f"{people} to tell about {self.product}: {listed}{rest}."
        left = self.left_out_no_consent
        if left:
            text += (" 1 other has not agreed to messages." if left == 1
                     else f" {left} others have not agreed to messages.")
        return text


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
    """Asked first (the earliest asker first), then more kinds of reason, then more purchases, then the
    latest buyer; the name settles ties so the order never changes between two runs."""
    kinds = bool(item.asked_on) + bool(item.suits_tags) + bool(item.times_bought)
    return (
        item.asked_on is None,
        (item.asked_on or dt.date.max).toordinal(),
        -kinds,
        -item.times_bought,
        -(item.last_bought or dt.date.min).toordinal(),
        item.customer,
        item.customer_id,
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

    tagged: dict[int, list[Tag]] = {}
    if suits:
        for customer_id, tag_id in rows(
            session,
            only(
                select(customer_tags.c.customer_id, customer_tags.c.tag_id).where(
                    customer_tags.c.tag_id.in_(suits)
                ),
                customer_tags.c.customer_id,
            ),
        ):
            tagged.setdefault(customer_id, []).append(suits[tag_id])
    # Per customer: the last day and number of purchases of the product (of the category when the owner
    # named a category).
    bought: dict[int, tuple[dt.date, int]] = {}
    for customer_id, last_day, purchases in rows(
        session,
        only(
            select(PurchaseStat.customer_id, PurchaseStat.last_day, PurchaseStat.purchases).where(
                PurchaseStat.shop_id == shop_id, PurchaseStat.item_key.in_(sorted(scope.stat_keys))
            ),
            PurchaseStat.customer_id,
        ),
    ):
        last, times = bought.get(customer_id, (last_day, 0))
        bought[customer_id] = (max(last, last_day), times + purchases)
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
        ),
    ):
        asked[customer_id] = min(asked_at.date(), asked.get(customer_id, asked_at.date()))
    if not scope.is_category:
        # She bought the product since she asked for it: the request was met, whatever its record says.
        asked = {cid: day for cid, day in asked.items() if cid not in bought or bought[cid][0] < day}

    items: list[ArrivalItem] = []
    left_out: set[int] = set()
    for batch in chunks(sorted(set(tagged) | set(bought) | set(asked))):
        for row in rows(
            session,
            select(Customer.id, Customer.name, Customer.phone, Customer.marketing_consent).where(
                Customer.id.in_(batch), Customer.shop_id == shop_id
            ),
        ):
            if not row.marketing_consent:
                left_out.add(row.id)
                continue
            items.append(_item(row, tagged.get(row.id, []), bought.get(row.id), asked.get(row.id)))
    return items, left_out


def _item(
    row,  # noqa: ANN001 (a row)
    tags: list[Tag],
    bought: tuple[dt.date, int] | None,
    asked: dt.date | None,
) -> ArrivalItem:
    reasons: list[str] = []
    reasons_zh: list[str] = []
    if asked:
        reasons.append(f"asked for it on {spoken_day(asked.month, asked.day, 'en')}")
        reasons_zh.append(f"{spoken_day(asked.month, asked.day, 'zh')}要过")
    names = sorted(t.name for t in tags)
    reasons += [tag_in_english(name) for name in names]
    reasons_zh += names
    if bought:
        reasons.append(f"bought it {_times_en(bought[1])}, last on {spoken_day(bought[0].month, bought[0].day, 'en')}")
        reasons_zh.append(f"买过{bought[1]}次,上次{spoken_day(bought[0].month, bought[0].day, 'zh')}")
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


def _times_en(times: int) -> str:
    return {1: "once", 2: "twice"}.get(times, f"{times} times")
