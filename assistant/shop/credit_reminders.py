"""Polite reminders about a tab, sent "by the shop's bookkeeping assistant" so the owner keeps face.

Only for a customer who agreed to messages, whose oldest unpaid line has waited a while, and never more
than one a week. The text is composed from a warm template ("王阿姨,上次的东北大米2袋,120元,方便的时候
来结一下就行"), read to the owner, and on her yes queued like a greeting (occasion ``还款提醒``), so it is
sent, shared and withdrawn with the greetings; the owner may also record one in her own voice with the
greeting recorder under that occasion.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Greeting, Sale, Shop
from assistant.shop.credit import Tab, tab_of
from assistant.shop.greetings import called_name, with_opt_out

REMINDER_OCCASION = "还款提醒"
# Her oldest unpaid line has waited at least this long before a reminder is offered.
REMIND_AFTER_DAYS = 7
# At most one reminder per customer in this many days.
REMINDER_EVERY_DAYS = 7

_TEMPLATES = {
    "zh": ("{name},{shop}记账小助手跟您说一声:上次的{goods},{amount}元,方便的时候来结一下就行。",
           "{name},{shop}记账小助手跟您说一声:账上还有{amount}元,方便的时候来结一下就行。"),
    "en": ("Hello {name}, a note from {shop}'s bookkeeping assistant: the {goods} from last time, {amount} "
           "yuan, is still on your tab. Drop by to settle whenever it suits you.",
           "Hello {name}, a note from {shop}'s bookkeeping assistant: {amount} yuan is still on your tab. "
           "Drop by to settle whenever it suits you."),
}


def last_reminder(session: Session, *, customer: Customer) -> dt.datetime | None:
    """When she was last sent (or queued) a tab reminder."""
    return session.execute(
        select(Greeting.created_at).where(Greeting.customer_id == customer.id,
                                          Greeting.occasion == REMINDER_OCCASION, Greeting.status != "cancelled")
        .order_by(Greeting.created_at.desc()).limit(1)).scalar_one_or_none()


def may_remind(session: Session, *, customer: Customer, days_owed: int, now: dt.datetime) -> bool:
    """Whether a reminder may be offered: she agreed to messages, it has waited, none this week."""
    if not customer.marketing_consent or days_owed < REMIND_AFTER_DAYS:
        return False
    last = last_reminder(session, customer=customer)
    return last is None or now - last >= dt.timedelta(days=REMINDER_EVERY_DAYS)


def compose_reminder(session: Session, *, shop_id: int, customer: Customer, language: str) -> str:
    """The reminder's text in the shop's warm voice: the goods when one line is unpaid, else the amount;
    with the opt-out line, so the owner hears exactly what will be sent."""
    lang = "en" if language == "en" else "zh"
    tab = tab_of(session, shop_id=shop_id, customer_id=customer.id)
    goods = _goods(session, tab, lang)
    template = _TEMPLATES[lang][0 if goods else 1]
    text = template.format(name=called_name(customer, language=lang), shop=session.get(Shop, shop_id).name,
                           goods=goods, amount=format(tab.balance.normalize(), "f"))
    return with_opt_out(text, language=lang)


def _goods(session: Session, tab: Tab, lang: str) -> str:
    """What the one unpaid charge was, when it was goods ("东北大米2袋" / "2 bags of rice")."""
    unpaid = [c for c in tab.charges if c.unpaid > 0]
    if len(unpaid) != 1 or unpaid[0].sale_id is None or unpaid[0].unpaid != tab.balance:
        return ""
    sale = session.get(Sale, unpaid[0].sale_id)
    if sale is None:
        return ""
    if lang == "en":
        from assistant.language.wording import shown_name, unit_word

        return " and ".join(f"{_q(i.quantity)} {unit_word(i.unit, 'en', i.quantity)} of "
                            f"{shown_name(i.product.name, i.product.aliases, 'en')}" for i in sale.items)
    return "、".join(f"{i.product.name}{_q(i.quantity)}{i.unit}" for i in sale.items)


def _q(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")
