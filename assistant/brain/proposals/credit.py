"""A tab (赊账) entry and a payment, read back before they are written ("王阿姨 赊 东北大米 2袋,120元。对吗?")."""

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
from assistant.db.models import Customer, Product
from assistant.errors import Invalid, NotFound
from assistant.language.tense import at_day, dated
from assistant.language.wording import number, others_aside, shown_name, unit_word
from assistant.shop import credit
from assistant.shop.english import tag_in_english
from assistant.shop.sales import SaleLine


@register
@dataclass
class CreditProposal(Proposal):
    """Goods (or a plain amount) put on a known customer's tab, with a warning when it passes her limit."""

    kind = "credit"

    customer_id: int = 0
    customer_name: str = ""  # how to say her (already in the reply's language)
    lines: list[dict[str, Any]] = field(default_factory=list)  # product_id, product, aliases, quantity, unit, amount
    amount: str | None = None  # said without goods ("记一笔账,五十")
    balance_before: str = "0"
    limit: str = "0"
    day: str | None = None  # the day she took it, when told of an earlier day, ISO
    others: list[str] = field(default_factory=list)  # whom else the spoken name could mean (王/汪 阿姨)
    warnings: list[str] = field(default_factory=list)  # her household's allergies the goods touch, as for a sale

    @property
    def total(self) -> Decimal:
        """What goes on the tab."""
        if self.lines:
            return sum((Decimal(str(line["amount"])) for line in self.lines), Decimal("0"))
        return Decimal(self.amount or "0")

    @property
    def over_limit(self) -> bool:
        """Whether she would owe more than her limit."""
        return Decimal(self.balance_before) + self.total > Decimal(self.limit)

    def corrected(self, *, quantity: Decimal | None = None, unit: str | None = None,
                  amount: Decimal | None = None) -> CreditProposal:
        """The same tab entry with what the owner corrected ("不对,是两袋", "改成一百"): a new read-back."""
        if self.lines:
            lines = corrected_lines(self.lines, quantity=quantity, unit=unit, amount=amount)
            return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, lines=lines)
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None,
                                   amount=str(amount) if amount is not None else self.amount)

    def with_product(self, index: int, product: Product, warnings: list[str]) -> CreditProposal:
        """The same tab with another product on one line ("不对,是菜籽油"), at its list price, with the household's
        warnings for the goods as they now are: a new read-back."""
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, lines=with_goods(self.lines, index, product),
                                   warnings=warnings)

    def for_customer(self, customer_id: int, customer_name: str, *, balance_before: Decimal,
                     limit: Decimal) -> CreditProposal:
        """The same goods on another customer's tab ("是王秀英"), with her balance and limit: a new read-back."""
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, customer_id=customer_id,
                                   customer_name=customer_name, balance_before=str(balance_before),
                                   limit=str(limit), others=[])

    def figures(self) -> list[tuple[str, Any]]:
        """Each line's quantity and amount, or the plain amount."""
        said = [(what, line[what]) for line in self.lines for what in ("quantity", "amount")
                if line.get(what) is not None]
        return said + ([("amount", self.amount)] if self.amount is not None else [])

    def describe(self, language: str | None = None) -> str:
        """The read-back; goods beyond the stock on record end it asking whether that is right, as a sale's."""
        lang = language or self.language
        return (self.statement(lang) + stock_question(self.lines, lang)) if short_lines(self.lines) \
            else super().describe(lang)

    def statement(self, language: str) -> str:
        """"王阿姨 赊 东北大米 2袋,120元,记在账上。" (+ the limit warning)."""
        who, total = self.customer_name, number(self.total)
        after = number(Decimal(self.balance_before) + self.total)
        if language == "en":
            goods = " and ".join(
                f"{number(line['quantity'])} {unit_word(line['unit'], 'en', line['quantity'])} of "
                f"{shown_name(line['product'], line.get('aliases'), 'en')}" for line in self.lines)
            said = f"Put {goods} for {total} yuan on {who}'s tab." if goods else f"Put {total} yuan on {who}'s tab."
            if self.warnings:  # a tab of peanut oil for a household tagged 花生过敏 is flagged like its sale
                said = f"Careful: {who}'s household: {', '.join(tag_in_english(w) for w in self.warnings)}. {said}"
            said = f"{dated(self.day, 'en')}{said[0].lower()}{said[1:]}" if self.day else said
            if self.over_limit:
                said += f" Careful: {who} would owe {after} yuan, over the limit of {number(self.limit)}."
            return said + others_aside(self.others, language)
        goods = "、".join(f"{line['product']} {number(line['quantity'])}{unit_word(line['unit'], 'zh')}" for line in self.lines)
        said = dated(self.day, "zh") + (f"{who} 赊 {goods},{total}元,记在账上。" if goods else f"{who} 赊账 {total}元。")
        if self.warnings:
            said = f"注意:{who}家里有{'、'.join(self.warnings)}。" + said
        if self.over_limit:
            said += f"注意:这样一共欠{after}元,超过额度{number(self.limit)}元。"
        return said + others_aside(self.others, language)

    def entry(self, language: str) -> str:
        """The tab entry without the "如果是汪桂兰" aside (an undo names it by this)."""
        return dataclasses.replace(self, others=[]).statement(language)

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Log the goods as a sale on her tab (stock moves), or the plain amount."""
        customer = _customer(session, context.shop_id, self.customer_id)
        lines = [SaleLine(product=_product(session, context.shop_id, line["product_id"]),
                          quantity=Decimal(str(line["quantity"])), unit=line.get("unit"),
                          amount=Decimal(str(line["amount"])) if line.get("amount") is not None else None)
                 for line in self.lines]
        entry = credit.charge(session, shop_id=context.shop_id, customer=customer, channel=channel,
                              now=at_day(self.day, context.now()), lines=lines or None,
                              amount=None if lines else Decimal(self.amount or "0"),
                              conversation_id=conversation_id)
        self.written = {"entry_id": entry.id, "sale_id": entry.sale_id}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Void the tab entry (and its sale: the goods go back into stock)."""
        credit.void(session, shop_id=context.shop_id, entry_id=self.written["entry_id"], channel=channel,
                    now=context.now(), conversation_id=conversation_id)


@register
@dataclass
class PaymentProposal(Proposal):
    """Money a customer paid back on her tab; ``settles``: she paid all of it."""

    kind = "payment"

    customer_id: int = 0
    customer_name: str = ""
    amount: str = "0"
    balance_before: str = "0"
    settles: bool = False
    day: str | None = None  # the day she paid, when told of an earlier day, ISO
    others: list[str] = field(default_factory=list)  # whom else the spoken name could mean (王/汪 阿姨)
    whole: bool = False  # "把账结清了", no amount said: whatever she owes, whoever she turns out to be

    def corrected(self, *, amount: Decimal) -> PaymentProposal:
        """The same repayment with the amount the owner corrected ("不对,是一百五"): a new read-back."""
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, amount=str(amount), whole=False,
                                   settles=amount >= Decimal(self.balance_before))

    def for_customer(self, customer_id: int, customer_name: str, *, balance_before: Decimal) -> PaymentProposal:
        """The same repayment from another customer ("是王秀英"), against her tab: a new read-back."""
        amount = balance_before if self.whole else Decimal(self.amount)
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, customer_id=customer_id,
                                   customer_name=customer_name, amount=str(amount), others=[],
                                   balance_before=str(balance_before), settles=amount >= balance_before)

    def figures(self) -> list[tuple[str, Any]]:
        """The amount paid."""
        return [("amount", self.amount)]

    def statement(self, language: str) -> str:
        """"王阿姨 还了 100元,还欠 20元。" / "李叔 结清了账,一共 120元。"."""
        who, amount = self.customer_name, number(self.amount)
        left = number(Decimal(self.balance_before) - Decimal(self.amount))
        settled = self.settles or left == "0"
        if language == "en":
            said = f"{who} paid {amount} yuan and settled the tab." if settled \
                else f"{who} paid {amount} yuan; {left} yuan still owed."
        else:
            said = f"{who} 结清了账,一共 {amount}元。" if settled else f"{who} 还了 {amount}元,还欠 {left}元。"
        return dated(self.day, language) + said + others_aside(self.others, language)

    def entry(self, language: str) -> str:
        """The repayment without the "如果是汪桂兰" aside (an undo names it by this)."""
        return dataclasses.replace(self, others=[]).statement(language)

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Record the payment."""
        customer = _customer(session, context.shop_id, self.customer_id)
        entry = credit.pay(session, shop_id=context.shop_id, customer=customer, channel=channel,
                           now=at_day(self.day, context.now()),
                           amount=Decimal(self.amount), conversation_id=conversation_id)
        self.written = {"entry_id": entry.id}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Void the payment: she owes it again."""
        credit.void(session, shop_id=context.shop_id, entry_id=self.written["entry_id"], channel=channel,
                    now=context.now(), conversation_id=conversation_id)


def payment_refusal(who: str, owed: Decimal, amount: Decimal | None, language: str) -> str | None:
    """Why ``who`` cannot be read back paying ``amount`` (None: all she owes): she owes nothing, or less;
    None when she can."""
    if owed <= 0:
        return f"{who} owes nothing." if language == "en" else f"{who}没有欠账。"
    if amount is not None and amount > owed:
        return (f"{who} owes only {number(owed)} yuan, not {number(amount)}." if language == "en"
                else f"{who}只欠{number(owed)}元,不是{number(amount)}元。")
    return None


def _customer(session: Session, shop_id: int, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None or customer.shop_id != shop_id:
        raise NotFound(f"no customer with id {customer_id}")
    return customer


def _product(session: Session, shop_id: int, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None or product.shop_id != shop_id:
        raise NotFound(f"no product with id {product_id}")
    return product


@register
@dataclass
class ReminderProposal(Proposal):
    """A polite tab reminder read to the owner; on yes it is spoken with the shop's voice and queued."""

    kind = "credit_reminder"

    customer_id: int = 0
    customer_name: str = ""
    text: str = ""

    def statement(self, language: str) -> str:
        """The reminder and for whom."""
        if language == "en":
            return f"the tab reminder for {self.customer_name}: \"{self.text}\""
        return f"给{self.customer_name}的还款提醒“{self.text}”"

    def describe(self, language: str | None = None) -> str:
        """The offer, with the reminder's words."""
        language = language or self.language
        if language == "en":
            return f"Shall I send {self.customer_name} a polite reminder? \"{self.text}\""
        return f"要给她发个提醒吗?“{self.text}”"

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Speak it and queue it, unless she has had one this week or no longer takes messages."""
        from assistant.shop.credit_reminders import REMIND_AFTER_DAYS, REMINDER_OCCASION, may_remind
        from assistant.shop.greetings import make_composed_greeting

        customer = _customer(session, context.shop_id, self.customer_id)
        if not may_remind(session, customer=customer, days_owed=REMIND_AFTER_DAYS, now=context.now()):
            raise Invalid(f"{customer.name} had a reminder this week or does not take messages")
        greeting = await make_composed_greeting(session, customer=customer, occasion=REMINDER_OCCASION,
                                                text=self.text, synthesizer=context.synthesizer, channel=channel,
                                                language=self.language, data_dir=context.settings.data_dir,
                                                now=context.now())
        self.written = {"greeting_id": greeting.id}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Take it out of the queue."""
        from assistant.shop.greetings import cancel

        cancel(session, shop_id=context.shop_id, greeting_id=self.written["greeting_id"], channel=channel)
