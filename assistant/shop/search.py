"""Find customers the way the owner types on a phone: part of a name or alias, pinyin initials, phone."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Customer

# Searching a whole shop in Python is fine: a neighbourhood shop has hundreds of customers, not millions,
# and pinyin cannot be matched in SQL without storing it.
_DIGITS = re.compile(r"^[0-9 +-]{3,}$")
_LATIN = re.compile(r"^[a-z ]+$")


@dataclass(frozen=True)
class _Spellings:
    """The forms one name can be found by."""

    text: str
    initials: str
    pinyin: str


def spellings(name: str) -> _Spellings:
    """A name's lower-case text, its pinyin initials (王秀英 → wxy) and its toneless pinyin (wangxiuying)."""
    text = " ".join(name.split()).lower()
    initials = "".join(p[0] for p in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore") if p)
    pinyin = "".join(lazy_pinyin(text, errors="ignore")).replace(" ", "")
    return _Spellings(text=text, initials=initials.replace(" ", ""), pinyin=pinyin)


def _score(query: str, customer: Customer) -> int | None:
    """How well ``query`` matches ``customer`` (lower is better), or None for no match."""
    if _DIGITS.match(query):
        digits = re.sub(r"[ +-]", "", query)
        return 5 if customer.phone and digits in customer.phone else None
    best: int | None = None
    for rank, name in enumerate([customer.name, *(customer.aliases or [])]):
        forms = spellings(name)
        alias_penalty = 1 if rank else 0
        if forms.text == query:
            score = 0
        elif forms.text.startswith(query):
            score = 1
        elif query in forms.text:
            score = 2
        elif _LATIN.match(query) and (
            forms.initials.startswith(query.replace(" ", "")) or query.replace(" ", "") in forms.pinyin
        ):
            score = 3
        else:
            continue
        score += alias_penalty
        best = score if best is None else min(best, score)
    return best


def search_customers(session: Session, *, shop_id: int, query: str, limit: int = 50) -> list[Customer]:
    """Customers matching ``query`` (name, alias, pinyin initials like ``wxy``, or phone), best first."""
    cleaned = " ".join((query or "").split()).lower()
    customers = (
        session.execute(select(Customer).where(Customer.shop_id == shop_id).order_by(Customer.name))
        .scalars()
        .all()
    )
    if not cleaned:
        return list(customers[:limit])
    scored = [(score, c.name, c) for c in customers if (score := _score(cleaned, c)) is not None]
    scored.sort(key=lambda row: (row[0], row[1]))
    return [c for _, _, c in scored[:limit]]
