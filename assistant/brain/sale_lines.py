"""Several goods in one spoken sale: "王阿姨买了两包挂面还有一袋盐", "两袋米一桶油一共两百",
"two bags of northeast rice and a box of eggs".

The model tags each product and each quantity; which quantity goes with which product is read from where
they stand in the sentence (a quantity said before its product, "两包挂面", or after it, "挂面两包"). A
total said for all of them is shared out by the goods' list prices.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from assistant.language.measures import zhe_said
from assistant.language.quantities import first_number, unit_after_number
from assistant.language.retracted import retractions

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class SpokenItem:
    """One product of a sale as said: its name, and the quantity and unit said with it (if any)."""

    product: str
    quantity: Decimal | None = None
    unit: str | None = None


def spoken_items(entities: Sequence[Mapping[str, Any]], text: str | None = None) -> list[SpokenItem]:
    """Each product named in the message, in order, with its own quantity and unit; a product named twice
    (two extractors) counts once. The entities of a sale resumed after "which oil?" (``goods_entities``:
    an intent trigger, every entity at one place) pair by their order in each list.

    Given the message's ``text``, a product said with no count of its own among counted goods is one of
    them only when joined to them ("两袋米和油", "two bags of rice and soy sauce"); one named further on, in
    a question or advice ("asking whether we'd get more soy sauce", "cut down on salt"), was not bought."""
    if _resumed(entities):
        return _by_index(entities)
    tagged = _in_order(entities)
    products = [e for e in tagged if e["entity"] == "product"]
    if not products:
        return []
    groups = _grouped(tagged, products)
    items = [_item(product, group) for product, group in zip(products, groups, strict=True)]
    spans = [_span([product, *group]) for product, group in zip(products, groups, strict=True)]
    if text is not None and not any(None in span for span in spans):
        items, spans = _as_meant(items, spans, text)
    if text is None or all(item.quantity is None and item.unit is None for item in items) \
            or any(None in span for span in spans):
        return items

    def joined(left: int, right: int) -> bool:
        return _JOINED.fullmatch(text[spans[left][1]:spans[right][0]]) is not None

    kept = [index for index, item in enumerate(items) if item.quantity is not None or item.unit is not None]
    for index in range(len(items)):  # bare goods next to goods bought ("米和两桶油", "two bags of rice and salt")
        if index not in kept and (index - 1 in kept and joined(index - 1, index)
                                  or index + 1 in kept and joined(index, index + 1)):
            kept.append(index)
    return [items[index] for index in sorted(kept)]


# "就记王阿姨的两袋米", "just put down the two bags of rice": the goods said again, as the ones to record.
_ONLY_THESE = re.compile(r"就记|只记|只要记|就算|\bjust (?:record|put down|write down)|\bonly (?:record|the)\b",
                         re.IGNORECASE)


def _as_meant(items: list[SpokenItem], spans: list[tuple[Any, Any]],
              text: str) -> tuple[list[SpokenItem], list[tuple[Any, Any]]]:
    """The goods the message means to record: those taken back ("先别记这个" drops the goods said just before
    it) left out, and, in a message that takes some back or says which to record ("就记…两袋米"), goods said
    again (the same count of "米" after "东北大米") counted once."""
    dropped: set[int] = set()
    taken_back = retractions(text)
    for place in taken_back:
        before = [i for i, span in enumerate(spans) if span[1] <= place and i not in dropped]
        if before:
            dropped.add(before[-1])
    if taken_back or _ONLY_THESE.search(text):
        for later, item in enumerate(items):
            if later not in dropped and any(_says_again(item, items[earlier]) for earlier in range(later)
                                            if earlier not in dropped):
                dropped.add(later)
    kept = [i for i in range(len(items)) if i not in dropped]
    return [items[i] for i in kept], [spans[i] for i in kept]


def _says_again(later: SpokenItem, earlier: SpokenItem) -> bool:
    """Whether ``later`` names ``earlier``'s goods again: the same count, its name or a word of it ("米")."""
    return later.quantity == earlier.quantity and (later.unit or earlier.unit) == (earlier.unit or later.unit) \
        and later.product.lower() in earlier.product.lower()


# What may stand between goods bought together: "and", "和", "还有", a buying verb again, an article.
_JOINED = re.compile(
    r"[\s,、,;]*(?:(?:and|also|plus|with|then|还有|和|跟|加|以及|再|也|又)[\s,、,]*)*"
    r"(?:(?:she|he|they)\s+)?(?:(?:bought|took|got|had|grabbed|买了|拿了|要了|买|拿|要)[\s,]*)?"
    r"(?:(?:the|a|an|some|of)\s+)*"
)


def _span(found: Sequence[Mapping[str, Any]]) -> tuple[Any, Any]:
    """Where a product and its count stand in the message (None when an entity has no place)."""
    starts, ends = [e.get("start") for e in found], [e.get("end") for e in found]
    if None in starts or None in ends:
        return None, None
    return min(starts), max(ends)


def _grouped(tagged: Sequence[Mapping[str, Any]],
             products: Sequence[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """For each product, the quantity and unit said next to it."""
    # "两包挂面", "a bottle of soy sauce": each quantity (or unit) precedes its product; "挂面两包": follows it.
    before = tagged[0]["entity"] != "product"
    groups: list[list[Mapping[str, Any]]] = [[] for _ in products]
    index = -1
    for found in tagged:
        if found["entity"] == "product":
            index += 1
        elif found["entity"] in {"quantity", "unit"}:
            owner = index + 1 if before else index
            if 0 <= owner < len(products):
                groups[owner].append(found)
    return groups


def said_amounts(entities: Sequence[Mapping[str, Any]]) -> list[Decimal]:
    """Every amount the message says, in order ("挂面十块,盐十块" is two amounts of 10, not one)."""
    resumed = _resumed(entities)  # an intent trigger puts every entity at one place: each one counts
    spans: dict[tuple[Any, ...], Decimal] = {}
    for position, found in enumerate(entities):
        amount = first_number(found.get("value")) if found.get("entity") == "amount" else None
        if amount is not None:
            place = (position,) if resumed else (found.get("start", position), found.get("end"))
            spans.setdefault(place, amount)
    return list(spans.values())


def goods_entities(items: Sequence[SpokenItem]) -> dict[str, list[str]]:
    """Several goods as the entities of an intent trigger (``/log_sale{"product": [...], ...}``): the
    lists ``spoken_items`` reads back, one place per item (an empty string where nothing was said)."""
    return {"product": [item.product for item in items],
            "quantity": ["" if item.quantity is None else format(item.quantity, "f") for item in items],
            "unit": [item.unit or "" for item in items]}


def split_total(prices: Sequence[Decimal], total: Decimal) -> list[Decimal]:
    """``total`` shared among the lines in proportion to their list ``prices``, to the cent (the last line
    takes what rounding leaves, so the lines add up to exactly ``total``)."""
    if not prices:
        return []
    whole = sum(prices, Decimal("0"))
    shares = [(total * price / whole).quantize(_CENT, ROUND_HALF_UP) if whole else
              (total / len(prices)).quantize(_CENT, ROUND_HALF_UP) for price in prices[:-1]]
    return [*shares, total - sum(shares, Decimal("0"))]


def corrected_lines(lines: Sequence[Mapping[str, Any]], *, quantity: Decimal | None = None,
                    unit: str | None = None, amount: Decimal | None = None) -> list[dict[str, Any]]:
    """Read-back lines (of a sale or a tab) with what the owner corrected ("不对,是两桶", "改成一百").

    A new quantity without a new amount is priced again; of several goods it is the one sold by the unit
    said (the first otherwise), and an amount is the new total, shared out by list prices."""
    index = next((i for i, line in enumerate(lines) if unit and line.get("unit") == unit), 0)
    changed = [dict(line) for line in lines]
    line = changed[index]
    if quantity is not None:
        line["quantity"] = str(quantity)
        if line.get("price") is not None:
            line["amount"] = str((Decimal(str(line["price"])) * quantity).quantize(_CENT))
    if unit:
        line["unit"] = unit
    if amount is not None and len(changed) == 1:
        line["amount"] = str(amount)
    elif amount is not None:
        shares = split_total([_list_value(each) for each in changed], amount)
        for each, share in zip(changed, shares, strict=True):
            each["amount"] = str(share)
    return changed


def nearer_figure(number: Decimal, quantity: Decimal | None, amount: Decimal | None) -> str:
    """Which figure a bare number in a correction changes, "quantity" or "amount": the one it is nearer in
    ratio ("make it 5" of 4 bags for 27.2 yuan is 5 bags; "改成一百" of 2 bags for 118 is 100 yuan)."""
    if number <= 0 or not quantity or quantity <= 0:
        return "amount"
    if not amount or amount <= 0:
        return "quantity"
    to_quantity = abs(math.log(number / quantity))
    to_amount = abs(math.log(number / amount))
    return "quantity" if to_quantity < to_amount else "amount"


def list_values(lines: Sequence[Mapping[str, Any]]) -> list[Decimal]:
    """Each line at list price, before any discount said ("10% off" of 2 bottles at 12.5: 25)."""
    return [_list_value(line).quantize(_CENT) for line in lines]


def _list_value(line: Mapping[str, Any]) -> Decimal:
    """A line at list price (what it would cost without a total said), to share a total by."""
    if line.get("price") is None:
        return Decimal(str(line["amount"]))
    return Decimal(str(line["price"])) * Decimal(str(line["quantity"]))


def _resumed(entities: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the goods come from an intent trigger: several products, every entity at one place."""
    goods = [e for e in entities if e.get("entity") in {"product", "quantity", "unit"}]
    return sum(e.get("entity") == "product" for e in goods) > 1 and len({e.get("start") for e in goods}) == 1


def _by_index(entities: Sequence[Mapping[str, Any]]) -> list[SpokenItem]:
    values = {kind: ["" if e.get("value") is None else str(e["value"]) for e in entities if e.get("entity") == kind]
              for kind in ("product", "quantity", "unit")}

    def at(kind: str, index: int) -> str:
        return values[kind][index] if index < len(values[kind]) else ""

    return [SpokenItem(product=product, quantity=first_number(at("quantity", i)) if at("quantity", i) else None,
                       unit=at("unit", i) or None) for i, product in enumerate(values["product"])]


def _item(product: Mapping[str, Any], group: Sequence[Mapping[str, Any]]) -> SpokenItem:
    quantities = [e["value"] for e in group if e["entity"] == "quantity"]
    units = [e["value"] for e in group if e["entity"] == "unit"]
    quantity = first_number(quantities[0]) if quantities else None
    unit = units[0] if units else (unit_after_number(quantities[0]) if quantities else None)
    return SpokenItem(product=str(product["value"]), quantity=quantity, unit=unit or None)


def _in_order(entities: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The product, quantity and unit entities by where they start, without repeats of one span or of one
    product's name."""
    seen_spans: set[tuple[str, Any, Any]] = set()
    seen_products: set[str] = set()
    kept = []
    for position, found in enumerate(entities):
        kind, value = found.get("entity"), found.get("value")
        if kind not in {"product", "quantity", "unit"} or value in (None, ""):
            continue
        span = (kind, found.get("start"), found.get("end"))
        if span in seen_spans and span[1] is not None:
            continue
        if kind == "product":
            if str(value) in seen_products:
                continue
            seen_products.add(str(value))
        seen_spans.add(span)
        kept.append((found.get("start", position), position, {**found, "value": str(value)}))
    return [found for _, _, found in sorted(kept, key=lambda k: (k[0] if k[0] is not None else k[1], k[1]))]


def discount_note(lines: Sequence[Mapping[str, Any]], rate: Decimal, language: str) -> str:
    """What a discount said with a sale took off ("打9折:原价25元,优惠2.5元。"), the lines already at it."""
    paid = sum((Decimal(str(line["amount"])) for line in lines), Decimal("0"))
    listed = sum((_list_value(line) for line in lines), Decimal("0")).quantize(_CENT)
    off = format((listed - paid).normalize(), "f")
    listed_said = format(listed.normalize(), "f")
    if language == "en":
        percent = format(((1 - rate) * 100).normalize(), "f")
        return f"({percent}% off: list price {listed_said} yuan, {off} yuan off.)"
    return f"(打{zhe_said(rate)}:原价{listed_said}元,优惠{off}元。)"
