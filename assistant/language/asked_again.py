"""Which question an elliptical follow-up asks again: "那菜籽油呢" right after "花生油多少钱一桶" asks the price of
菜籽油, right after "花生油还有多少" its stock; "那李叔呢" right after "张姐欠多少钱" what 李叔 owes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.language.normalize import normalize
from assistant.language.price_talk import asks_price
from assistant.language.questions import asked_fact, asks_stock_left, is_elliptical

# What a customer owes, asked ("张姐欠多少钱", "李叔还欠不欠", "how much does Sister Zhang owe").
_OWING_ASKED = re.compile(r"欠(?:了|我们|店里|咱们)?(?:多少|几|钱(?:吗|么|没)|账(?:吗|么|没)|不欠|吗|么|没)|还欠|欠没欠|"
                          r"账上(?:还有)?多少|赊了多少|\bhow much (?:does|do|did) .+ owe\b|\bwhat does .+ owe\b|"
                          r"\b(?:does|do) .+ owe (?:anything|us|me)\b|\bowes? (?:us|me) anything\b", re.IGNORECASE)

KINDS = ("owing", "price", "stock")


def question_kind(text: str | None) -> str | None:
    """The kind of ``text``'s question that another name can be asked again: "owing", "price" or "stock"; None
    for any other message, or one that asks more than one of them."""
    said = normalize(text or "").text.lower()
    owing = bool(_OWING_ASKED.search(said)) and asked_fact(text) is None
    kinds = [kind for kind, asked in (("owing", owing), ("price", asks_price(text) and not owing),
                                      ("stock", asks_stock_left(text))) if asked]
    return kinds[0] if len(kinds) == 1 else None


def question_asked_again(text: str | None, earlier: Sequence[str | None]) -> str | None:
    """The kind of question the elliptical ``text`` ("那菜籽油呢", "what about Uncle Li?") asks again, from the
    owner's ``earlier`` messages (newest first; follow-ups like it passed over, "那玉米油呢" after "那菜籽油呢"
    after a price); None when ``text`` is no follow-up or the question before it is none of ``KINDS``."""
    if not is_elliptical(text) or question_kind(text) is not None:
        return None
    for said in earlier[:4]:
        if not is_elliptical(said) or question_kind(said) is not None:
            return question_kind(said)
    return None
