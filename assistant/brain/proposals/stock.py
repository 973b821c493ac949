"""Goods arriving, read back before the stock changes ("东北大米进货30袋。对吗?")."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

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
    """A delivery of one product, or of several at once ("进了十桶玉米油还有五桶菜籽油"): the first
    product in its own fields, the others in ``others`` (each a dict of the same fields)."""

    kind = "stock_in"

    product_id: int = 0
    product: str = ""
    aliases: list[str] = field(default_factory=list)
    unit: str = ""
    quantity: str = "0"
    others: list[dict[str, Any]] = field(default_factory=list)

    def lines(self) -> list[dict[str, Any]]:
        """Every product of the delivery, the first one first."""
        first = {"product_id": self.product_id, "product": self.product, "aliases": self.aliases,
                 "unit": self.unit, "quantity": self.quantity}
        return [first, *self.others]

    def figures(self) -> list[tuple[str, Any]]:
        """Each product's quantity."""
        return [("quantity", line["quantity"]) for line in self.lines()]

    def sole_product(self) -> str | None:
        """The product delivered, when only one is."""
        return None if self.others else self.product

    def statement(self, language: str) -> str:
        """"东北大米进货30袋。" / "30 bags of Northeast rice arrived."."""
        if language == "en":
            said = [f"{number(line['quantity'])} {unit_word(line['unit'], 'en', line['quantity'])} of "
                    f"{shown_name(line['product'], line['aliases'], 'en')}" for line in self.lines()]
            return f"{', '.join(said[:-1])} and {said[-1]} arrived." if len(said) > 1 else f"{said[0]} arrived."
        return "、".join(f"{line['product']}进货{number(line['quantity'])}{unit_word(line['unit'], 'zh')}" for line in self.lines()) + "。"

    def corrected(self, quantity: Decimal, product: str | None = None) -> StockInProposal:
        """The same delivery with the quantity the owner corrected ("不对不对,是十二桶"; of several goods,
        "菜籽油是六桶" names the one): a new read-back."""
        lines = self.lines()
        spoken = (product or "").strip().lower()
        index = next((i for i, line in enumerate(lines) if spoken and spoken in
                      [line["product"].lower(), *(a.lower() for a in line["aliases"])]), 0)
        lines[index] = {**lines[index], "quantity": str(quantity)}
        first, *others = lines
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, quantity=first["quantity"], others=others)

    def with_more(self, more: StockInProposal) -> StockInProposal:
        """This delivery (still waiting for yes) with more goods said after it ("还有十桶花生油"): one new
        read-back of all of them."""
        first, *others = [*self.lines(), *more.lines()]
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, **first, others=others)

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Add the delivery to the stock."""
        movements = [stock_in(session, product=_product(session, context.shop_id, line["product_id"]),
                              quantity=Decimal(line["quantity"]), channel=channel) for line in self.lines()]
        session.flush()
        self.written = {"movement_id": movements[0].id, "movement_ids": [m.id for m in movements]}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Take the delivery out again with a correcting movement for each product."""
        product_ids = {line["product_id"] for line in self.lines()}
        for movement_id in self.written.get("movement_ids") or [self.written["movement_id"]]:
            movement = session.get(StockMovement, movement_id)
            if movement is None or movement.shop_id != context.shop_id or movement.product_id not in product_ids:
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


def delivered_products(last_write: dict[str, Any] | None) -> list[str]:
    """The products of the delivery just written (the ``last_write`` slot), else none: "要通知谁" right
    after "到了二十瓶低钠酱油" is about that product."""
    last = Proposal.from_slot(last_write)
    if not isinstance(last, StockInProposal) or not last.written:
        return []
    return [line["product"] for line in last.lines()]



def delivery_going_on(pending: dict[str, Any] | None, last_write: dict[str, Any] | None) -> StockInProposal | None:
    """The delivery the conversation is on, which "还有十桶花生油" adds to: the one read back and waiting
    for yes, else the one just written; None when the conversation is on something else."""
    waiting = Proposal.from_slot(pending)
    if pending:
        return waiting if isinstance(waiting, StockInProposal) else None
    last = Proposal.from_slot(last_write)
    return last if isinstance(last, StockInProposal) and last.written else None
