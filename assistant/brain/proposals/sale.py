"""A sale read back before it is written ("王秀英 买 东北大米 2袋,共 120元。对吗?")."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from assistant.brain.proposals.base import Proposal, register
from assistant.brain.proposals.stock_check import short_lines, stock_question, with_goods
from assistant.brain.sale_lines import corrected_lines
from assistant.context import ShopContext
from assistant.db.models import Product
from assistant.errors import NotFound
from assistant.language.money import format_money
from assistant.language.tense import at_day, dated
from assistant.language.wording import number, others_aside, shown_name, unit_word
from assistant.shop.customers import add_customer, get_customer
from assistant.shop.english import tag_in_english
from assistant.shop.sales import SaleLine, log_sale, void_sale


@register
@dataclass
class SaleProposal(Proposal):
    """One sale: a known customer, a new one (added with the sale) or a walk-in, and its lines."""

    kind = "sale"

    customer_id: int | None = None
    customer_name: str | None = None  # how to say the customer (already in the reply's language)
    new_customer: str | None = None
    lines: list[dict[str, Any]] = field(default_factory=list)  # product_id, product, aliases, quantity, unit,
    # amount, price, usual (this line's category became her usual product), and stock / stock_unit (the
    # product's stock on record when read back)
    usual: bool = False  # the owner named a category; the product is the one this customer usually buys
    warnings: list[str] = field(default_factory=list)  # her household's allergies the goods touch
    others: list[str] = field(default_factory=list)  # who else the spoken name could be (said after it)
    day: str | None = None  # the day it was sold, when told of an earlier day ("3月10号买了…"), ISO

    @property
    def changes_names(self) -> bool:  # type: ignore[override]
        """A sale to someone new adds them."""
        return bool(self.new_customer)

    def sole_product(self) -> str | None:
        """The product sold, when the sale has one line that names it."""
        if len(self.lines) != 1:
            return None
        return self.lines[0].get("product") or None

    def figures(self) -> list[tuple[str, Any]]:
        """Each line's quantity and amount."""
        return [(what, line[what]) for line in self.lines for what in ("quantity", "amount")
                if line.get(what) is not None]

    def statement(self, language: str) -> str:
        """"王秀英 买 东北大米 2袋,共 120元。" / "Wang bought 2 bags of Northeast rice for 120 yuan."."""
        who = self.customer_name or self.new_customer or ("A walk-in customer" if language == "en" else "散客")
        if language == "en":
            warning = (f"Careful: {who}'s household: {', '.join(tag_in_english(w) for w in self.warnings)}. "
                       if self.warnings else "")
            goods = " and ".join(
                f"{number(line['quantity'])} {unit_word(line['unit'], 'en', line['quantity'])} of "
                f"{shown_name(line['product'], line.get('aliases'), 'en')}"
                + (" (the usual one)" if line.get("usual") else "") for line in self.lines)
            usual = " (the usual one)" if self.usual else ""
            added = f" {self.new_customer} is new: I'll add them as a customer." if self.new_customer else ""
            return (f"{warning}{dated(self.day, 'en')}{who} bought {goods}{usual} for "
                    f"{format_money(self.total, 'en')}.{added}{self._or(language)}")
        warning = f"注意:{who}家里有{'、'.join(self.warnings)}。" if self.warnings else ""
        goods = "、".join(f"{line['product']} {number(line['quantity'])}{unit_word(line['unit'], 'zh')}"
                         + ("(平时买的)" if line.get("usual") else "") for line in self.lines)
        usual = "(平时买的就是这个)" if self.usual else ""
        added = f"{self.new_customer}还不是老顾客,会先添加。" if self.new_customer else ""
        return f"{warning}{dated(self.day, 'zh')}{who} 买 {goods}{usual},共 {format_money(self.total, 'zh')}。{added}{self._or(language)}"

    def describe(self, language: str | None = None) -> str:
        """The read-back; when a line sells more than the stock on record, it ends asking whether that is
        right ("店里记录的库存只有0瓶,确定吗?"): her records may be behind, so yes still writes it."""
        lang = language or self.language
        return (self.statement(lang) + stock_question(self.lines, lang)) if short_lines(self.lines) \
            else super().describe(lang)

    def entry(self, language: str) -> str:
        """The sale without its allergy warning, "如果是汪桂兰" or "平时买的" asides (an undo names it by this)."""
        lines = [{key: value for key, value in line.items() if key != "usual"} for line in self.lines]
        return dataclasses.replace(self, warnings=[], others=[], usual=False, lines=lines).statement(language)

    def _or(self, language: str) -> str:
        """Who else the spoken name could be, and how to say so."""
        return others_aside(self.others, language)

    def for_customer(self, customer_id: int, customer_name: str) -> SaleProposal:
        """The same sale for another customer (a new read-back, a new id)."""
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, customer_id=customer_id,
                                   customer_name=customer_name, new_customer=None, others=[])

    def corrected(self, *, quantity: Decimal | None = None, unit: str | None = None,
                  amount: Decimal | None = None) -> SaleProposal:
        """The same sale with what the owner corrected ("不对,是两桶", "改成一百"): a new read-back (a new id)."""
        lines = corrected_lines(self.lines, quantity=quantity, unit=unit, amount=amount)
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, lines=lines)

    def with_product(self, index: int, product: Product, warnings: list[str]) -> SaleProposal:
        """The same sale with another product on one line ("不是花生油,是菜籽油"), at its list price, with the
        household's warnings for the goods as they now are: a new read-back (a new id)."""
        lines = with_goods(self.lines, index, product)
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, lines=lines, usual=False,
                                   warnings=warnings)

    def with_amounts(self, amounts: list[Decimal]) -> SaleProposal:
        """The sale with the amounts the owner said: one per line ("挂面13块6,盐3块"), else the last as the
        whole sale's total ("一共两百", shared out by list prices); none said: as priced."""
        if not amounts:
            return self
        if len(amounts) == len(self.lines) > 1:
            lines = [{**line, "amount": str(amount)} for line, amount in zip(self.lines, amounts, strict=True)]
            return dataclasses.replace(self, lines=lines)
        return dataclasses.replace(self.corrected(amount=amounts[-1]), id=self.id)

    @property
    def total(self) -> Decimal:
        """The amount of all lines."""
        return sum((Decimal(str(line["amount"])) for line in self.lines), Decimal("0"))

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Log the sale (adding the new customer first)."""
        shop_id = context.shop_id
        customer = None
        if self.customer_id:
            customer = get_customer(session, shop_id=shop_id, customer_id=self.customer_id)
        elif self.new_customer:
            customer = add_customer(session, shop_id=shop_id, name=self.new_customer, channel=channel)
        lines = [SaleLine(product=_product(session, shop_id, line["product_id"]),
                          quantity=Decimal(str(line["quantity"])), unit=line.get("unit"),
                          amount=Decimal(str(line["amount"])) if line.get("amount") is not None else None)
                 for line in self.lines]
        sale = log_sale(session, shop_id=shop_id, lines=lines, channel=channel, customer=customer,
                        conversation_id=conversation_id, sold_at=at_day(self.day, context.now()) if self.day else None)
        self.written = {"sale_id": sale.id}
        if self.new_customer and customer is not None:
            session.flush()
            self.written["new_customer_id"] = customer.id

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Void the sale with a correcting row (the customer added with it stays: she did come)."""
        void_sale(session, shop_id=context.shop_id, sale_id=self.written["sale_id"], channel=channel,
                  conversation_id=conversation_id)


def _product(session: Session, shop_id: int, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None or product.shop_id != shop_id:
        raise NotFound(f"no product with id {product_id}")
    return product
