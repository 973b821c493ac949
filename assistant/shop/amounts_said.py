"""An English price said the short way with a one-digit first number ("two fifty", "one twenty"): 2.50 or 250?

Both are said. The normaliser reads it as hundreds right after a count ("two bags of rice two fifty" is 250);
anywhere else the two numbers stay apart ("2 50") and the entities read yuan and fen (2.50), which is right for
"nine eighty" of a bottle of vinegar (9.80) and wrong for "put two fifty on her tab". The shop's goods decide:
the reading nearer to what the goods cost at list price, or, with no goods to go by, hundreds when the yuan
and fen are under the cheapest thing on the shelf (nothing sold costs 2.50, so nobody meant it).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.db.models import Product
from assistant.language.normalize import normalize

# "2 50", "1 20" (as the normaliser leaves "two fifty" said without a count before it): one digit, then tens.
_SHORT_PRICE = re.compile(r"(?<![0-9.])([1-9]) ([1-9]0)(?![0-9.])")


def hundreds_reading(said: Decimal, text: str | None) -> Decimal | None:
    """The hundreds a yuan-and-fen amount could also mean (2.50 said "two fifty" → 250), when the message says
    it that way; None otherwise."""
    for pair in _SHORT_PRICE.finditer(normalize(text or "").text.lower()):
        if Decimal(f"{pair.group(1)}.{pair.group(2)}") == said:
            return Decimal(pair.group(1) + pair.group(2))
    return None


def meant_amount(session: Session, *, shop_id: int, said: Decimal | None, text: str | None,
                 listed: Decimal | None = None) -> Decimal | None:
    """``said`` as the owner meant it: hundreds instead of yuan and fen when that is nearer the goods' list price
    (``listed``) or, without goods, when the yuan and fen are under the cheapest product's price."""
    if said is None or said <= 0:
        return said
    hundreds = hundreds_reading(said, text)
    if hundreds is None:
        return said
    if listed is not None and listed > 0:
        nearer = abs(math.log(hundreds / listed)) < abs(math.log(said / listed))
        return hundreds if nearer else said
    cheapest = session.execute(select(func.min(Product.price)).where(Product.shop_id == shop_id,
                                                                     Product.price > 0)).scalar()
    return hundreds if cheapest is not None and said < Decimal(cheapest) else said


def meant_amounts(session: Session, *, shop_id: int, said: list[Decimal], text: str | None,
                  listed: list[Decimal]) -> list[Decimal]:
    """The amounts of a sale as meant (``meant_amount``): one amount against the goods' whole list price, each
    of several against none (the cheapest product decides)."""
    total = sum(listed, Decimal(0)) if len(said) == 1 else None
    return [meant_amount(session, shop_id=shop_id, said=amount, text=text, listed=total) or amount for amount in said]
