"""Goods arriving, read back before the stock changes ("东北大米进货30袋。对吗?")."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from assistant.brain.proposals.base import Proposal, register
from assistant.context import ShopContext
from assistant.db.models import Product, StockMovement
from assistant.errors import NotFound
from assistant.language.wording import number, shown_name, unit_word
from assistant.shop import audit
from assistant.shop.stock import move_stock, stock_in


@register
@dataclass
class StockInProposal(Proposal):
    """A delivery of one product."""

    kind = "stock_in"

    product_id: int = 0
    product: str = ""
    aliases: list[str] = field(default_factory=list)
    unit: str = ""
    quantity: str = "0"

    def statement(self, language: str) -> str:
        """"东北大米进货30袋。" / "30 bags of Northeast rice arrived."."""
        if language == "en":
            return (f"{number(self.quantity)} {unit_word(self.unit, 'en', self.quantity)} of "
                    f"{shown_name(self.product, self.aliases, 'en')} arrived.")
        return f"{self.product}进货{number(self.quantity)}{self.unit}。"

    def corrected(self, quantity: Decimal) -> StockInProposal:
        """The same delivery with the quantity the owner corrected ("不对不对,是十二桶"): a new read-back."""
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, quantity=str(quantity))

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Add the delivery to the stock."""
        movement = stock_in(session, product=_product(session, context.shop_id, self.product_id),
                            quantity=Decimal(self.quantity), channel=channel)
        session.flush()
        self.written = {"movement_id": movement.id}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Take the delivery out again with a correcting movement."""
        movement = session.get(StockMovement, self.written["movement_id"])
        if movement is None or movement.shop_id != context.shop_id or movement.product_id != self.product_id:
            raise NotFound("that delivery is no longer on record")
        move_stock(session, product=_product(session, context.shop_id, movement.product_id),
                   quantity=-Decimal(movement.quantity), reason="void", channel=channel,
                   note=f"undo of movement {movement.id}")
        audit.record(session, shop_id=context.shop_id, channel=channel, action="undo_stock_in", entity="product",
                     entity_id=movement.product_id, detail={"movement_id": movement.id})


def _product(session: Session, shop_id: int, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None or product.shop_id != shop_id:
        raise NotFound(f"no product with id {product_id}")
    return product
