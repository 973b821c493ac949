"""tagged: every customer noted with a tag (高血压, 花生过敏, 有小孩, 素食), the most recent visit first.

The owner asks it to know whom to warn or tell ("谁有花生过敏", "哪些顾客吃素", "who has children"). The tag
may be said any way the shop's records are kept: as the tag (高血压), an everyday phrasing (血压高, 吃素,
有孩子: ``tags.canonical_tag`` / ``tags_said``) or its English word (peanut allergy: ``english``).
Health and children's tags are sensitive (PIPL): the report answers the owner only, as every report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from assistant import clock
from assistant.db.models import Customer, PurchaseStat, Tag, customer_tags
from assistant.errors import Invalid
from assistant.shop.english import tag_in_english
from assistant.shop.purchase_stats import VISITS_KEY
from assistant.shop.reports._common import rows
from assistant.shop.reports.lists import ListReport
from assistant.shop.tags import canonical_tag, shop_tag_names, tags_said

# How a list of the customers with a tag is called; other tags: "记着“X”的顾客".
_TITLES: dict[str, tuple[str, str]] = {
    "高血压": ("有高血压的顾客", "customers with high blood pressure"),
    "糖尿病": ("有糖尿病的顾客", "customers with diabetes"),
    "痛风": ("有痛风的顾客", "customers with gout"),
    "花生过敏": ("花生过敏的顾客", "customers with a peanut allergy"),
    "有小孩": ("家里有小孩的顾客", "customers with children at home"),
    "老人": ("家里有老人的顾客", "customers with elderly people at home"),
    "素食": ("吃素的顾客", "vegetarian customers"),
    "低钠": ("吃低钠的顾客", "customers on low sodium"),
    "清真": ("吃清真的顾客", "customers who eat halal"),
    "团购": ("参加团购的顾客", "customers in group buying"),
    "烘焙": ("喜欢烘焙的顾客", "customers who bake"),
}


@dataclass(frozen=True)
class TaggedItem:
    """A customer with the tag, and when she last came."""

    customer_id: int
    customer: str
    aliases: list[str]
    phone: str | None
    tag: str
    last_visit: dt.date | None
    days_away: int | None
    marketing_consent: bool


@dataclass
class TaggedReport(ListReport):
    """The customers with one tag, the most recent visit first (never seen in a sale: last)."""

    name: ClassVar[str] = "tagged"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("customer", "customer"),
        ("aliases", "aliases"),
        ("phone", "phone"),
        ("tag", "tag"),
        ("last visit", "last_visit"),
        ("days away", "days_away"),
    )
    tag: str
    said: str  # the tag as asked, for the answer when the shop has no such tag
    known: bool  # whether the shop keeps this tag at all
    sensitive: bool
    today: dt.date
    items: list[TaggedItem] = field(default_factory=list)

    def list_title(self, lang: str) -> str:
        """有高血压的顾客 / customers with high blood pressure."""
        zh, en = _TITLES.get(self.tag, (f"记着“{self.tag}”的顾客", f'customers noted "{tag_in_english(self.tag)}"'))
        return zh if lang == "zh" else en

    def say_item(self, item: TaggedItem, lang: str) -> str:
        """李建国 (in English, the reply's names become their English aliases)."""
        return item.customer

    def empty_answer(self, lang: str) -> str:
        """No customer has the tag: 店里没有顾客记着“X”。."""
        if lang == "zh":
            return f"店里没有顾客记着“{self.tag if self.known else self.said}”。"
        return f'No customer is noted as "{tag_in_english(self.tag) if self.known else self.said}".'


def tag_meant(session: Session, *, shop_id: int, said: str) -> str:
    """The shop's tag that ``said`` names (高血压, 血压高, 有孩子, peanut allergy, has children), or ``said``
    made canonical when the shop keeps no such tag."""
    text = said.strip()
    tag = canonical_tag(text)
    known = shop_tag_names(session, shop_id=shop_id)
    if tag in known:
        return tag
    lowered = text.lower()
    for name in known:  # the shop's own tags by their English word (elderly → 老人)
        if tag_in_english(name).lower() == lowered:
            return name
    found = tags_said(text, known)  # a phrase around the tag ("有高血压的", "吃素的")
    return found[0] if found else tag


def tagged(session: Session, *, shop_id: int, tag: str) -> TaggedReport:
    """Every customer with ``tag`` (as said: canonicalised, English too), the most recent visit first."""
    said = (tag or "").strip()
    if not said:
        raise Invalid("say which tag, e.g. 高血压", field="tag")
    today = clock.today_for(session)
    name = tag_meant(session, shop_id=shop_id, said=said)
    record = session.execute(select(Tag.id, Tag.sensitive).where(Tag.shop_id == shop_id, Tag.name == name)).first()
    report = TaggedReport(tag=name, said=said, known=record is not None,
                          sensitive=bool(record.sensitive) if record else False, today=today)
    if record is None:
        return report
    visits = aliased(PurchaseStat)
    query = (
        select(Customer.id, Customer.name, Customer.aliases, Customer.phone, Customer.marketing_consent,
               visits.last_day)
        .join(customer_tags, customer_tags.c.customer_id == Customer.id)
        .outerjoin(visits, (visits.customer_id == Customer.id) & (visits.item_key == VISITS_KEY))
        .where(customer_tags.c.tag_id == record.id, Customer.shop_id == shop_id)
    )
    items = [
        TaggedItem(customer_id=row.id, customer=row.name, aliases=list(row.aliases or []), phone=row.phone,
                   tag=name, last_visit=row.last_day, days_away=(today - row.last_day).days if row.last_day else None,
                   marketing_consent=bool(row.marketing_consent))
        for row in rows(session, query)
    ]
    # The most recent visit first: the ones she is likeliest to see soon are the ones to warn or tell.
    items.sort(key=lambda i: (i.last_visit is None, -(i.last_visit.toordinal() if i.last_visit else 0), i.customer))
    report.items = items
    return report
