"""Two requests said in one breath ("王阿姨买了两袋东北大米118李叔还了50"): where the second begins, so the first
is read back alone and the second is asked for again, never the two mixed into one read-back."""

from __future__ import annotations

import re
from typing import Any

# A request's verb: goods bought or taken, money paid back, a tab.
_VERB = re.compile(r"买了|拿了|要了|还了|赊了|付了|结了|记账|\b(?:bought|took|paid|owes?)\b|\bpa(?:y|ys) back\b",
                   re.IGNORECASE)


def second_request_start(entities: list[dict[str, Any]], text: str) -> int | None:
    """Where a second customer's own request begins in ``text`` (the first customer's request with its verb
    before it, the second's verb after); None for one request."""
    customers = [e for e in entities if e.get("entity") == "customer" and isinstance(e.get("start"), int)]
    if len(customers) < 2:
        return None
    first, second = customers[0], customers[1]
    if _VERB.search(text[first["end"]:second["start"]]) and _VERB.search(text[second["end"]:]):
        return second["start"]
    return None


def first_request_only(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The entities of the first of two requests said in one breath; all of them for one request."""
    start = second_request_start(entities, text)
    return entities if start is None else [e for e in entities if e.get("start", 0) < start]


def left_unsaid(entities: list[dict[str, Any]], text: str) -> str | None:
    """The words after the last of the (first request's) ``entities`` when they tell another request, to be
    said again; None when nothing of the kind follows."""
    ends = [e["end"] for e in entities if isinstance(e.get("end"), int)]
    if not ends:  # none said in this message's words (a sale resumed after "which one?")
        return None
    rest = text[max(ends):].strip(" ,，。.")
    return rest if _VERB.search(rest) else None


# A stock question said after another request ("进了十桶菜籽油,顺便看看玉米油还有多少"): from a clause break on.
_CLAUSE = re.compile(r"[,，;；。]|顺便|另外|再看看|and (?:also )?(?:check|see)|also")
_STOCK_ASKED = re.compile(r"还有多少|还剩|剩多少|剩几|还有几|有多少|库存|how (?:many|much)[\w ]* left", re.IGNORECASE)


def stock_asked_after(entities: list[dict[str, Any]], text: str) -> dict[str, Any] | None:
    """The product entity a later clause of ``text`` asks the stock of, after the first request ("顺便看看玉米油
    还有多少" after a delivery); None when no such question follows."""
    for brk in _CLAUSE.finditer(text):
        rest = text[brk.end():]
        if not _STOCK_ASKED.search(rest):
            continue
        later = [e for e in entities if e.get("entity") == "product" and isinstance(e.get("start"), int)
                 and e["start"] >= brk.end()]
        earlier = [e for e in entities if e.get("entity") == "product" and isinstance(e.get("start"), int)
                   and e["start"] < brk.start()]
        if later and earlier:
            return later[0]
    return None


_DELIVERED = re.compile(r"进了|到了|来了|进货|送来|arrived|came in|\bgot\b", re.IGNORECASE)


def delivery_then_stock(entities: list[dict[str, Any]], text: str) -> bool:
    """Whether ``text`` tells a delivery and then asks another product's stock, whatever the model heard."""
    asked = stock_asked_after(entities, text)
    return asked is not None and bool(_DELIVERED.search(text[:asked["start"]])) and any(
        e.get("entity") == "quantity" and isinstance(e.get("start"), int) and e["start"] < asked["start"]
        for e in entities)
