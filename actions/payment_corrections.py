"""Corrections of a repayment being read back: "不 对 是 一百 五" (the amount), "是王秀英" (who paid; spoken 王/汪
阿姨 sound alike), and "不对 是一百七十七 全还了" right after a repayment was refused as more than the tab."""

from __future__ import annotations

import re
from decimal import Decimal

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entities, entity, language, person_name, read_back, shop, typed
from actions.correction_words import CHANGE_TO, CORRECTS, name_meant
from actions.names import CURRENT_CUSTOMER, customer_lookup, made_current
from assistant.brain.current_customer import CurrentCustomer
from assistant.brain.proposals import PaymentProposal
from assistant.brain.proposals.credit import payment_refusal
from assistant.context import ShopContext
from assistant.db.models import Customer
from assistant.language.corrections_said import (
    figure_after_is,
    figure_instead,
    refused_amount,
    refused_as_too_much,
)
from assistant.language.normalize import normalize
from assistant.language.quantities import number_said
from assistant.shop import credit

# "不对,是150" / "no, it was 150" / "actually 30" while a repayment is read back: the one figure it can correct is
# the amount.
_SAID_INSTEAD = re.compile(r"^\s*(?:(?:不对|不是|错了|其实|no|nope|wrong|actually|wait|sorry|oops|oh)[,，.!\s]*)+"
                           r"(?:是|应该是|it'?s|it was)?\s*"
                           r"(\d+(?:\.\d+)?|[一二两三四五六七八九十])\s*"
                           r"(?:元|块|块钱|yuan)?\s*$", re.IGNORECASE)


def correct_payer(context: ShopContext, payment: PaymentProposal, dispatcher: CollectingDispatcher,
                   tracker: Tracker) -> list[EventType] | None:
    """"是王秀英" while a repayment is read back (the read-back named her: spoken 王/汪 阿姨 sound alike): the
    same repayment from her, read back again; or why she cannot have paid it (the read-back still waits)."""
    meant = name_meant(tracker)
    if not meant:
        return None
    lang = language(tracker)
    with shop(context) as s:
        customer = customer_lookup(s, meant, intent="log_payment", typed=typed(tracker), read_back=True).record
        if customer is None or customer.id == payment.customer_id:
            return None
        who = person_name(customer.name, customer.aliases, lang)
        owed = credit.tab_of(s.session, shop_id=s.shop_id, customer_id=customer.id).balance
    refusal = payment_refusal(who, owed, None if payment.whole else Decimal(payment.amount), lang)
    if refusal is not None:
        dispatcher.utter_message(text=refusal)
        return []
    return read_back(dispatcher, payment.for_customer(customer.id, who, balance_before=owed), *made_current(customer),
                     lang=lang)


def correct_payment(payment: PaymentProposal, dispatcher: CollectingDispatcher,
                     tracker: Tracker) -> list[EventType] | None:
    """"不 对 是 一百 五" while a repayment is read back: the amount said, read back again (it cancelled)."""
    text = tracker.latest_message.get("text") or ""
    said = normalize(text).text
    change = CHANGE_TO.search(said) or _SAID_INSTEAD.match(said)
    # the figure in the words first: the model tags "一百七十" of "是一百七十七全还了"
    amount = figure_after_is(text) or number_said(entity(tracker, "amount")) \
        or number_said(entity(tracker, "quantity")) or (number_said(change.group(1)) if change else None) \
        or figure_instead(text, money=True)  # "wait, 35" with nothing tagged
    if amount is None or amount <= 0:
        return None
    lang = language(tracker)
    refusal = payment_refusal(payment.customer_name, Decimal(payment.balance_before), amount, lang)
    if refusal is not None:  # "actually it was 130" of a 118 tab: refused now, never read back for a yes that fails
        dispatcher.utter_message(text=refusal + nothing_recorded(lang))
        return [SlotSet("pending", None)]  # the figure read back before was said to be wrong
    return read_back(dispatcher, payment.corrected(amount=amount), lang=lang)


def after_refusal(context: ShopContext, dispatcher: CollectingDispatcher,
                   tracker: Tracker) -> list[EventType] | None:
    """"不对 是一百七十七 全还了" right after a repayment was refused as more than the tab: nothing waits, but
    the figure said is the repayment meant, by the customer just named, read back; "不对,是王阿姨还的": the
    repayment refused (or the figure said) from the customer named instead. None when the last reply was no such
    refusal, or the message is worded as no correction or corrects nothing."""
    said_last = next((e.get("text") or "" for e in reversed(tracker.events or []) if e.get("event") == "bot"), "")
    current = CurrentCustomer.from_slot(tracker.get_slot(CURRENT_CUSTOMER))
    text = tracker.latest_message.get("text") or ""
    if not refused_as_too_much(said_last) or current is None or not CORRECTS.match(normalize(text).text):
        return None
    meant = name_meant(tracker) if entities(tracker, "customer") else None
    amount = figure_after_is(text) or number_said(entity(tracker, "amount"))
    if meant is None and (amount is None or amount <= 0):
        return None
    lang = language(tracker)
    others: list[str] = []
    with shop(context) as s:
        if meant is None:
            customer = s.session.get(Customer, current.id)
        else:  # spoken 王/汪 阿姨: the one whose characters were said, the read-back naming the other
            lookup = customer_lookup(s, meant, intent="log_payment", typed=typed(tracker), read_back=True)
            customer = lookup.record
            others = [person_name(other.name, other.aliases, lang) for other in lookup.others]
            if customer is not None and customer.id == current.id and (amount is None or amount <= 0):
                return None  # the same customer named again, and no figure: nothing corrected
            amount = amount if amount is not None and amount > 0 else refused_amount(said_last)
        if customer is None or amount is None:
            return None
        who = person_name(customer.name, customer.aliases, lang)
        owed = credit.tab_of(s.session, shop_id=s.shop_id, customer_id=customer.id).balance
    refusal = payment_refusal(who, owed, amount, lang)
    if refusal is not None:
        dispatcher.utter_message(text=refusal)
        return made_current(customer)
    payment = PaymentProposal(language=lang, customer_id=customer.id, customer_name=who, amount=str(amount),
                              balance_before=str(owed), settles=amount >= owed, others=others)
    return read_back(dispatcher, payment, *made_current(customer), lang=lang)


def nothing_recorded(language: str) -> str:
    """Said after a correction refused while a read-back waited: the read-back is dropped, nothing written."""
    return " Nothing recorded." if language == "en" else "没有记。"
