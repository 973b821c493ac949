"""The goods of a tab said with several ("两袋盐一瓶香醋先欠着"): every good a line, the money said shared out, and
what could not be put on it named in the read-back rather than dropped without a word."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rasa_sdk import Tracker

from actions.common import Shop, entity_map, say, typed
from actions.names import product_lookup, usual_in
from assistant.brain.proposals.stock_check import stock_fields
from assistant.brain.sale_lines import said_amounts, split_total, spoken_items
from assistant.brain.untagged_goods import untagged_goods
from assistant.db.models import Customer, Product


@dataclass
class MoreGoods:
    """The tab lines of the goods said after the first one, and the words of those that are not one product."""

    lines: list[dict[str, Any]] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def tab_line(product: Product, quantity: Decimal, unit: str | None) -> dict[str, Any]:
    """One good on a tab read back, at its list price."""
    return {"product_id": product.id, "product": product.name, "aliases": list(product.aliases or []),
            "quantity": str(quantity), "unit": unit,
            "amount": str((Decimal(product.price) * quantity).quantize(Decimal("0.01"))),
            "price": str(product.price), **stock_fields(product)}


def more_goods(s: Shop, tracker: Tracker, customer: Customer | None) -> MoreGoods:
    """Each good after the first at its list price; a category word ("油") is the one she usually takes, and a
    good the shop does not sell, or a category with no habit, is left out by name."""
    items = spoken_items(tracker.latest_message.get("entities") or [], tracker.latest_message.get("text"))
    found = MoreGoods()
    for item in items[1:]:
        record = product_lookup(s, item.product, intent="log_credit", entities=entity_map(tracker),
                                typed=typed(tracker)).record
        if isinstance(record, list):  # "油": hers, when she has a habit in it
            record = usual_in(s, customer, item.product, typed=typed(tracker))
        if record is None:
            found.left_out.append(item.product)
            continue
        found.lines.append(tab_line(record, item.quantity or Decimal("1"), item.unit or record.unit))
    # "两包烟", "a packet of smokes": counted, yet no good the model knows (red team 18, W4)
    found.left_out += untagged_goods(tracker.latest_message.get("entities") or [], tracker.latest_message.get("text"))
    return found


def priced_as_said(lines: list[dict[str, Any]], tracker: Tracker, total: Decimal | None) -> list[dict[str, Any]]:
    """The lines with the money she said: one amount per good ("盐六块,醋十块") each on its own, else the sum
    said ("一共二十") shared out by list prices; nothing said: at list prices."""
    amounts = said_amounts(tracker.latest_message.get("entities") or [])
    if len(lines) > 1 and len(amounts) == len(lines):
        return [{**line, "amount": str(amount)} for line, amount in zip(lines, amounts, strict=True)]
    if total is None:
        return lines
    shares = split_total([Decimal(str(line["amount"])) for line in lines], total)
    return [{**line, "amount": str(share)} for line, share in zip(lines, shares, strict=True)]


def left_out_note(left_out: list[str], lang: str) -> str:
    """The read-back's word on the goods not put on the tab ("“榴莲”店里没有或没说是哪种,没记上")."""
    if not left_out:
        return ""
    zh = "、".join(f"“{word}”" for word in left_out)
    en = ", ".join(f'"{word}"' for word in left_out)
    return say(f"{zh}不是店里能认出的一种商品,没记上,要记请再单独说一遍。",
               f"I left out {en}: not one product the shop sells; say it again on its own to add it.", lang)
