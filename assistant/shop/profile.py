"""What the shop knows about one customer, for the owner's eyes: facts, habits, consent."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import Customer, Product, SaleItem
from assistant.language.dates import spoken_day
from assistant.language.pronouns import possessive
from assistant.shop import credit
from assistant.shop.allergies import allergy_answer
from assistant.shop.customers import birthday_of
from assistant.shop.habits import USUAL_MIN_VISITS
from assistant.shop.products import products_suiting
from assistant.shop.rhythm import RECENT_GAPS
from assistant.shop.sales_query import active_sale_items

_HANZI = re.compile(r"[\u4e00-\u9fff]")
# A head count in her address or notes: "三口之家", "4口人", "家里5个人".
_HEAD_COUNT = re.compile(r"[一二两三四五六七八九十\d]+\s*口(?:之家|人)?|[一二两三四五六七八九十\d]+\s*个人|"
                         r"\b\d+\s+(?:people|persons)\b|\bfamily of \w+\b")


@dataclass
class Profile:
    """A customer's profile: who they are, what they usually buy, when they last came."""

    customer_id: int
    name: str
    aliases: list[str]
    household: str | None
    phone: str | None
    birthday: str | None
    tags: list[dict[str, Any]]
    notes: str | None
    marketing_consent: bool
    usually_buys: list[dict[str, Any]] = field(default_factory=list)
    last_visit: dt.date | None = None
    visits: int = 0
    spent: Decimal = Decimal("0")
    last_items: list[dict[str, Any]] = field(default_factory=list)  # what she bought on her last visit
    birthday_parts: tuple[int, int, bool] | None = None  # month, day, lunar
    birth_year: int | None = None
    visit_gap_days: float | None = None  # the usual days between her visits (median of the recent gaps)
    # Her tab (赊账): balance, limit, every ledger line; and her standing, for the owner's eyes only.
    tab: dict[str, Any] = field(default_factory=dict)
    suited: list[dict[str, str]] = field(default_factory=list)  # products marked as suiting her tags, and which
    _today: dt.date | None = None  # the day asked on: a visit today is said 今天, not "3月15号" (not in the JSON)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict of the profile."""
        shown = {key: value for key, value in self.__dict__.items() if not key.startswith("_")}
        return {**shown, "last_visit": self.last_visit.isoformat() if self.last_visit else None,
                "spent": str(self.spent)}

    @property
    def usual(self) -> list[str]:
        """What she buys again and again (``USUAL_MIN_VISITS`` times or more), most often first, at most three:
        a thing bought once is not what she usually buys (owner trial 12, F7)."""
        return [b["product"] for b in self.usually_buys if b["times"] >= USUAL_MIN_VISITS][:3]

    @property
    def _came_today(self) -> bool:
        return self.last_visit is not None and self.last_visit == self._today

    def summarise(self, language: str) -> str:
        """A short spoken answer: facts first (allergies matter most), then habits."""
        tags = [t["name"] for t in self.tags]
        top = self.usual
        if language == "en":
            parts = [f"{self.name}" + (f" ({self.household})" if self.household else "") + "."]
            if tags:
                parts.append("Keep in mind: " + ", ".join(tags) + ".")
            if top:
                parts.append("Usually buys " + ", ".join(top) + ".")
            if self.last_visit:
                parts.append("Came in today." if self._came_today else f"Last came {self.last_visit.isoformat()}.")
            if self.notes and not _HANZI.search(self.notes):  # her own words in Chinese stay out of English
                parts.append(self.notes.replace("\n", "; ") + ".")
            if self.tab.get("balance", "0") != "0":
                # "his" for 李叔 / Uncle Li, "their" when no title tells (owner trial 17, A2)
                parts.append(f"On {possessive([self.name, *self.aliases])} tab: {self.tab['balance']} yuan.")
            if not self.marketing_consent:
                parts.append("No messages (no consent).")
            return " ".join(parts)
        parts = [f"{self.name}" + (f"({self.household})" if self.household else "") + "。"]
        if tags:
            parts.append("要注意:" + "、".join(tags) + "。")
        if top:
            parts.append("平时买" + "、".join(top) + "。")
        if self.last_visit:
            parts.append("今天来过。" if self._came_today else f"上次来是{self.last_visit.month}月{self.last_visit.day}号。")
        if self.notes:
            parts.append(self.notes.replace("\n", ";") + "。")
        if self.tab.get("balance", "0") != "0":
            parts.append(f"账上欠{self.tab['balance']}元。")
        if not self.marketing_consent:
            parts.append("不接收消息。")
        return "".join(parts)


    def owing(self, language: str) -> str:
        """What she owes on her tab, said as a sentence ("李建国没有欠账。"), for a question asked with another."""
        balance = self.tab.get("balance", "0")
        if language == "en":
            return f"{self.name} owes nothing." if balance == "0" else f"{self.name} owes {balance} yuan."
        return f"{self.name}没有欠账。" if balance == "0" else f"{self.name}欠{balance}元。"

    def fact(self, fact: str, language: str) -> str:
        """One fact asked directly (``assistant.language.questions.asked_fact``), said in ``language``."""
        en = language == "en"
        name = self.name
        if fact == "phone":
            if self.phone:
                return f"{name}'s phone number is {self.phone}." if en else f"{name}的电话是{self.phone}。"
            return f"I don't have {name}'s phone number." if en else f"没有记{name}的电话。"
        if fact == "birthday":
            if self.birthday_parts is None:
                return f"I don't know {name}'s birthday." if en else f"没有记{name}的生日。"
            month, day, lunar = self.birthday_parts
            spoken = spoken_day(month, day, language, lunar=lunar)
            return f"{name}'s birthday is {spoken}." if en else f"{name}的生日是{spoken}。"
        if fact == "age":  # "他今年多大了": the age she turns this year, when the year of birth is known
            if self.birth_year is None or self._today is None:
                return f"I don't know {name}'s age." if en else f"没有记{name}的年纪。"
            age = self._today.year - self.birth_year
            return f"{name} turns {age} this year." if en else f"{name}今年{age}岁({self.birth_year}年生)。"
        if fact == "away":  # "老秦多少天没来了": how long since her last visit, not the list of all who stay away
            if self.last_visit is None:
                return f"{name} hasn't come in yet." if en else f"{name}还没来买过东西。"
            if self._came_today:
                return f"{name} came in today." if en else f"{name}今天来过。"
            days = (self._today - self.last_visit).days
            if en:
                return f"{name} hasn't been in for {days} days (last came {self.last_visit.isoformat()})."
            return f"{name}{days}天没来了,上次是{self.last_visit.month}月{self.last_visit.day}号来的。"
        if fact == "how_often":  # "他一般多久来一次": her usual days between visits
            if self.visit_gap_days is None or self.last_visit is None:
                return f"{name} hasn't come often enough to tell." if en else f"{name}来得太少,看不出多久来一次。"
            gap = f"{self.visit_gap_days:g}"
            last = "today" if self._came_today else self.last_visit.isoformat()
            if en:
                return f"{name} comes in about every {gap} days ({self.visits} visits in all; last came {last})."
            last = "今天" if self._came_today else f"{self.last_visit.month}月{self.last_visit.day}号"
            return f"{name}一般每{gap}天来一次(一共来过{self.visits}次,上次是{last})。"
        if fact == "last_purchase":
            if not self.last_items or self.last_visit is None:
                return f"{name} hasn't bought anything yet." if en else f"{name}还没买过东西。"
            if en:
                bought = ", ".join(f"{i['quantity']} {i['unit']} {i['product']}" for i in self.last_items)
                when = "today" if self._came_today else self.last_visit.isoformat()
                return f"{name} last came {when} and bought {bought}."
            bought = "、".join(f"{i['product']}{i['quantity']}{i['unit']}" for i in self.last_items)
            when = "今天" if self._came_today else f"上次是{self.last_visit.month}月{self.last_visit.day}号"
            return f"{name}{when}来的,买了{bought}。"
        if fact == "allergies" and (said := allergy_answer(name, [t["name"] for t in self.tags], self.notes,
                                                          language)) is not None:
            return said  # the notes count too, and whose allergy each is (owner trial 13, F2)
        if fact in {"allergies", "health", "diet"}:
            kinds = {"health"} if fact == "health" else {"health", "diet"}
            found = [t["name"] for t in self.tags if t["kind"] in kinds
                     and (fact != "allergies" or "过敏" in t["name"] or "allerg" in t["name"].lower())]
            if fact == "allergies" and not found:
                found = [t["name"] for t in self.tags if "过敏" in t["name"]]
            if not found:
                return f"Nothing noted about {name}'s {fact}." if en else f"{name}没有记{_FACT_ZH[fact]}方面的事。"
            return (f"{name}: {', '.join(found)}." if en else f"{name}:{'、'.join(found)}。")
        if fact == "household_size":  # "周师傅家里几口人": the household field keeps her address, not a head count
            return self._household_size(en)
        if fact == "household":
            if not self.household:
                return f"I don't know where {name} lives." if en else f"没有记{name}住哪。"
            return f"{name}: {self.household}." if en else f"{name}:{self.household}。"
        if fact == "recommend":
            return self._recommend(en)
        if fact == "usual" and self.usually_buys:
            top = self.usual
            if not top:
                return (f"{name} hasn't bought anything more than once yet." if en
                        else f"{name}还没有常买的东西,每样只买过一次。")
            return f"{name} usually buys {', '.join(top)}." if en else f"{name}平时买{'、'.join(top)}。"
        return self.summarise(language)

    def _household_size(self, en: bool) -> str:
        """How many live in her home when her address or notes say it ("三口之家"), else that it is not recorded,
        with what is known of her household (its tags, her address) — never the address as the answer."""
        name = self.name
        for said in (self.household, self.notes):
            if said and (size := _HEAD_COUNT.search(said)):
                return f"{name}'s household: {size.group(0)}." if en else f"{name}家:{size.group(0)}。"
        known = [t["name"] for t in self.tags if t.get("kind") == "household"]
        if en:
            parts = ([f"noted: {', '.join(known)}"] if known else []) + (
                [f"address: {self.household}"] if self.household else [])
            return f"I haven't noted how many people are in {name}'s household" + (
                f" ({'; '.join(parts)})." if parts else ".")
        parts = ([f"家里:{'、'.join(known)}"] if known else []) + ([f"地址:{self.household}"] if self.household else [])
        also = f"({';'.join(parts)})" if parts else ""
        return f"没有记{name}家几口人{also}。"

    def _recommend(self, en: bool) -> str:
        """What suits her tags ("孙阿姨有糖尿病给她推荐点啥" → 小米、燕麦片), not her tags said back."""
        name = self.name
        products = list(dict.fromkeys(s["product"] for s in self.suited))
        tags = list(dict.fromkeys(s["tag"] for s in self.suited)) or [t["name"] for t in self.tags]
        if products:
            return (f"For {name} ({', '.join(tags)}): {', '.join(products)}." if en
                    else f"适合{name}({'、'.join(tags)})的有{'、'.join(products)}。")
        if tags:
            return (f"Nothing in the shop is marked as suiting {name} ({', '.join(tags)})." if en
                    else f"店里没有标明适合{name}({'、'.join(tags)})的商品。")
        return (f"I know nothing about {name}'s health or tastes to go on." if en
                else f"没有记{name}的身体和口味,推荐不了。")


def customer_profile(session: Session, *, customer: Customer, today: dt.date | None = None) -> Profile:
    """Everything the owner sees about ``customer``, with their top products from non-voided sales and
    her tab (with her standing as of ``today``, when given)."""
    items = active_sale_items().where(SaleItem.customer_id == customer.id).subquery()
    rows = session.execute(
        select(Product.name, func.count(items.c.id), func.sum(items.c.quantity), func.sum(items.c.amount))
        .join(items, items.c.product_id == Product.id)
        .group_by(Product.name)
        .order_by(func.count(items.c.id).desc(), Product.name)
    ).all()
    visits, last = session.execute(
        select(func.count(func.distinct(items.c.sale_id)), func.max(items.c.sold_at))
    ).one()
    birthday = birthday_of(customer)
    days = sorted({d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10])
                   for d in session.execute(select(func.date(items.c.sold_at))).scalars() if d is not None})
    last_items = session.execute(
        select(Product.name, func.sum(items.c.quantity), items.c.unit)
        .join(items, items.c.product_id == Product.id)
        .where(func.date(items.c.sold_at) == func.date(last))
        .group_by(Product.name, items.c.unit).order_by(Product.name)
    ).all() if last is not None else []
    return Profile(
        customer_id=customer.id, name=customer.name, aliases=list(customer.aliases or []),
        household=customer.household, phone=customer.phone, birthday=str(birthday) if birthday else None,
        tags=[{"name": t.name, "kind": t.kind, "sensitive": t.sensitive} for t in customer.tags],
        notes=customer.notes, marketing_consent=bool(customer.marketing_consent),
        usually_buys=[{"product": name, "times": times, "quantity": str(qty), "amount": str(amount)}
                      for name, times, qty, amount in rows],
        last_visit=last.date() if isinstance(last, dt.datetime) else last, visits=visits,
        spent=sum((Decimal(str(r[3])) for r in rows), Decimal("0")),
        last_items=[{"product": name, "quantity": format(Decimal(str(qty)).normalize(), "f"), "unit": unit}
                    for name, qty, unit in last_items],
        birthday_parts=(birthday.month, birthday.day, birthday.lunar) if birthday else None,
        birth_year=customer.birthday_year,
        visit_gap_days=usual_gap(days),
        tab=_tab(session, customer, today),
        suited=[{"product": product, "tag": tag} for product, tag in
                products_suiting(session, shop_id=customer.shop_id, tag_ids=[t.id for t in customer.tags])],
        _today=clock.today_for(session),
    )


def usual_gap(days: list[dt.date], recent: int = RECENT_GAPS) -> float | None:
    """The usual days between visits on ``days`` (sorted): the median of the ``recent`` last gaps, or None
    with fewer than two visits."""
    gaps = [(later - earlier).days for earlier, later in zip(days, days[1:], strict=False)][-recent:]
    return float(statistics.median(gaps)) if gaps else None


def _tab(session: Session, customer: Customer, today: dt.date | None) -> dict[str, Any]:
    """Her tab as the profile shows it: balance, limit, every line (voids marked), her standing."""
    shop_id = customer.shop_id
    lines = credit.history(session, shop_id=shop_id, customer_id=customer.id)
    voided = {line.voids_id for line in lines if line.kind == "void"}
    balance = credit.tab_of(session, shop_id=shop_id, customer_id=customer.id).balance
    tab: dict[str, Any] = {
        "balance": _plain(balance), "limit": _plain(credit.limit_of(session, shop_id=shop_id, customer=customer)),
        "entries": [{"id": line.id, "at": line.created_at.isoformat(timespec="minutes"), "kind": line.kind,
                     "amount": _plain(line.amount), "voided": line.id in voided, "voids": line.voids_id}
                    for line in lines],
    }
    if today is not None and lines:
        standing = credit.standing(session, shop_id=shop_id, customer=customer, today=today)
        tab["standing"] = {"zh": standing.explain("zh"), "en": standing.explain("en"),
                           "suggested_limit": _plain(standing.suggested_limit)}
    return tab


def _plain(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


_FACT_ZH = {"allergies": "过敏", "health": "健康", "diet": "忌口"}
