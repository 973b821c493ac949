"""Messages the sale form must not take whole as the product's name while it asks which goods were sold.

Seen trying the product: while "which rice?" waited, "Auntie Wang bought some caviar for 200" and "asdf qwerty
lol" were each looked up as a product and echoed ('We don't sell "Auntie Wang bought some caviar for 200"').
A message that tells a sale of its own (a customer and what she bought or paid) is a new request: the waiting
sale is dropped with a word and the new one goes on. Typed nonsense is not understood, and the question stays.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.language.goods_asked import goods_sold
from assistant.language.keyboard_mash import is_keyboard_mash


@dataclass(frozen=True)
class NotAName:
    """What to say instead of looking the message up as goods, and the sale form's slots it sets."""

    zh: str
    en: str
    slots: dict[str, Any] = field(default_factory=dict)

    def reply(self, language: str) -> str:
        """The reply in the conversation's language."""
        return self.en if language == "en" else self.zh


def not_a_product_name(message: dict[str, Any]) -> NotAName | None:
    """Why the latest ``message`` (Rasa's parse), taken whole as the product's name, is none; None when it may
    be one (the goods the model tagged, or words it could not place, like an unknown "酱油膏")."""
    text = message.get("text") or ""
    found = {e.get("entity"): e.get("value") for e in message.get("entities") or []}
    if "product" in found:
        return None
    if is_keyboard_mash(text):
        return NotAName("没听懂,请再说一遍。", "Sorry, I didn't understand that.", {"sale_product": None})
    told = (message.get("intent") or {}).get("name") == "log_sale" and "customer" in found and (
        "amount" in found or "quantity" in found or goods_sold(text) is not None)
    if not told:
        return None
    # the new sale's own figures replace the waiting one's ("3 bags" of rice are not the caviar's)
    return NotAName("刚才那笔销售没记。", "(The sale before was not recorded.)",
                    {"sale_product": None, "pending": None, "sale_quantity": found.get("quantity"),
                     "sale_unit": found.get("unit"), "sale_amount": found.get("amount")})
