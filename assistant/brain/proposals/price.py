"""A product's price changed by voice or chat ("东北大米涨到六十了"), read back with the price it replaces and
undone by putting that one back."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from assistant.brain.proposals.base import Proposal, register
from assistant.context import ShopContext
from assistant.db.models import Product
from assistant.errors import NotFound
from assistant.language.wording import number, shown_name, unit_word
from assistant.shop import audit


def set_price(session: Session, *, shop_id: int, product_id: int, price: Decimal, channel: str) -> Decimal:
    """Give the product its new selling price (audited); the price it had before."""
    product = session.get(Product, product_id)
    if product is None or product.shop_id != shop_id:
        raise NotFound(f"no product with id {product_id}")
    before = Decimal(product.price or 0)
    product.price = price
    audit.record(session, shop_id=shop_id, channel=channel, action="price", entity="product",
                 entity_id=product_id, detail={"price": str(price), "before": str(before)})
    return before


@register
@dataclass
class PriceProposal(Proposal):
    """The new ``price`` of one product; ``before`` is the price it replaces."""

    kind = "price"

    product_id: int = 0
    product: str = ""
    aliases: list[str] = field(default_factory=list)
    unit: str = ""
    price: str = "0"
    before: str = "0"

    def figures(self) -> list[tuple[str, Any]]:
        """The new price."""
        return [("amount", self.price)]

    def statement(self, language: str) -> str:
        """"东北大米改成60元一袋(原来59元)。" / "Northeast rice now 60 yuan a bag (was 59)."."""
        if language == "en":
            return (f"{shown_name(self.product, self.aliases, 'en')} now {number(self.price)} yuan a "
                    f"{unit_word(self.unit, 'en', 1)} (was {number(self.before)}).")
        return f"{self.product}改成{number(self.price)}元一{unit_word(self.unit, 'zh')}(原来{number(self.before)}元)。"

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Set the price; ``written`` keeps the one it replaced."""
        before = set_price(session, shop_id=context.shop_id, product_id=self.product_id, price=Decimal(self.price),
                           channel=channel)
        self.written = {"before": str(before)}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Put the price it replaced back."""
        set_price(session, shop_id=context.shop_id, product_id=self.product_id,
                  price=Decimal(self.written["before"]), channel=channel)
