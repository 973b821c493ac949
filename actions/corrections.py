"""Corrections of a sale being read back: "不对,是两桶", "改成一百", "不是王阿姨,是汪阿姨", "no, three bags";
of goods put on a tab: "不对,是两袋"; of a delivery: "不对不对,是十二桶"; and of a new customer's phone:
"电话不对,是13800001112". A repayment's corrections are in ``actions.payment_corrections``.

Whatever the model made of the words (a no, a fallback, a customer update), while a sale waits for "yes" a
message that says a new quantity, unit, amount or customer edits the read-back and reads it again; while a
delivery waits, a new quantity does.
"""

from __future__ import annotations

import re
from decimal import Decimal

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entities, entity, language, person_name, read_back, shop, typed
from actions.correction_words import CHANGE_TO, CORRECTS, name_meant
from actions.names import customer_lookup, made_current, product_lookup
from actions.payment_corrections import after_refusal, correct_payer, correct_payment
from assistant.brain.proposals import (
    CreditProposal,
    CustomerUpdateProposal,
    NewCustomerProposal,
    PaymentProposal,
    Proposal,
    SaleProposal,
    StockInProposal,
)
from assistant.brain.sale_lines import nearer_figure
from assistant.context import ShopContext
from assistant.db.models import Customer, Product
from assistant.errors import Invalid
from assistant.language.corrections_said import (
    day_said_alone,
    figure_instead,
    name_swapped,
    price_taken,
    swapped_words,
)
from assistant.language.days import parse_month_day
from assistant.language.lunar_days import lunar_month_day, said_lunar
from assistant.language.measures import CHINESE_MEASURES, ENGLISH_MEASURES
from assistant.language.normalize import normalize
from assistant.language.quantities import bare_correction, number_said
from assistant.language.second_thoughts import FigureMeant, figure_meant
from assistant.shop import credit
from assistant.shop.customers import Birthday, validate_phone
from assistant.shop.habits import clashes
from assistant.shop.tags import shop_tag_names, tags_meant


def correct_sale(context: ShopContext, dispatcher: CollectingDispatcher, tracker: Tracker, *,
                 only_if_worded: bool = False) -> list[EventType] | None:
    """The events of reading the corrected sale (or delivery) back, or None when nothing here corrects a
    waiting one (``only_if_worded``: only a message worded as a correction, "算了,还是两袋" too, for intents
    that are usually questions)."""
    sale = Proposal.from_slot(tracker.get_slot("pending"))
    if sale is None:  # once written: how to change it; once refused as more than the tab: the figure meant
        written = _already_written(dispatcher, tracker)
        return written if written is not None else after_refusal(context, dispatcher, tracker)
    said = tracker.latest_message.get("text")
    # "收了她五十五块便宜了四块": the money taken for the goods waiting, worded as no correction
    if only_if_worded and not (CORRECTS.match(said or "") or only_a_change(said) or price_taken(said)
                               or money_instead(sale, said)):
        return None
    if isinstance(sale, StockInProposal):
        return _correct_delivery(sale, dispatcher, tracker)
    if isinstance(sale, CreditProposal):
        return _correct_tab(context, sale, dispatcher, tracker)
    if isinstance(sale, PaymentProposal):
        payer = correct_payer(context, sale, dispatcher, tracker)
        return payer if payer is not None else correct_payment(sale, dispatcher, tracker)
    if isinstance(sale, NewCustomerProposal):
        return correct_new_customer(sale, dispatcher, tracker)
    if isinstance(sale, CustomerUpdateProposal):
        return _correct_update(context, sale, dispatcher, tracker)
    if not isinstance(sale, SaleProposal):
        return None
    lang = language(tracker)
    corrected = _with_product(context, sale, tracker)
    numbers = _with_numbers(corrected or sale, tracker)
    corrected = numbers or corrected
    meant = name_meant(tracker)
    about: list[EventType] = []
    if meant:  # the name said without a "not" ("不是王阿姨,是汪阿姨", "是汪阿姨不是王阿姨")
        with shop(context) as s:
            lookup = customer_lookup(s, meant, intent="log_sale", typed=typed(tracker), read_back=True)
            if lookup.record is not None and lookup.record.id != sale.customer_id:
                corrected = (corrected or sale).for_customer(
                    lookup.record.id, person_name(lookup.record.name, lookup.record.aliases, lang))
                about = made_current(lookup.record)
    if corrected is None:
        return None
    return read_back(dispatcher, corrected, *about, lang=lang)


def _with_product(context: ShopContext, sale: SaleProposal | CreditProposal,
                  tracker: Tracker) -> SaleProposal | CreditProposal | None:
    """"不是花生油,是菜籽油" / "不对,是菜籽油": the last product said replaces the one named before it (or the
    only one), when the shop sells it and the sale (or the goods on a tab) does not have it yet; "不是高筋是中筋的":
    the goods whose name swaps the word."""
    text = tracker.latest_message.get("text")
    if not sale.lines:  # a plain amount on a tab: no goods to change
        return None
    meant = "log_credit" if isinstance(sale, CreditProposal) else "log_sale"
    swapped = [(line["product"], name) for line in sale.lines if (name := name_swapped(line["product"], text))]
    # the goods taken back by the word said, whatever the model tagged ("高筋", "筋")
    said = list(swapped[0]) if swapped else entities(tracker, "product")
    if not said:
        return None
    with shop(context) as s:
        product = product_lookup(s, said[-1], intent=meant, typed=typed(tracker)).record
        if swapped and not isinstance(product, Product):  # "不是东北的是泰国的": 泰国香米, not "泰国大米"
            product = product_lookup(s, swapped_words(text)[1], intent=meant, typed=typed(tracker)).record
        if not isinstance(product, Product) or any(line["product_id"] == product.id for line in sale.lines):
            return None
        wrong = said[0].lower() if len(said) > 1 else None
        index = next((i for i, line in enumerate(sale.lines) if wrong and wrong in
                      [line["product"].lower(), *(a.lower() for a in line.get("aliases") or [])]), 0)
        customer = s.session.get(Customer, sale.customer_id) if sale.customer_id else None
        others = [line["product_id"] for i, line in enumerate(sale.lines) if i != index]
        goods = [product, *(s.session.get(Product, product_id) for product_id in others)]
        warnings = [w for good in goods for w in (clashes(customer, good) if customer else [])]
        return sale.with_product(index, product, list(dict.fromkeys(warnings)))


def _correct_tab(context: ShopContext, tab: CreditProposal, dispatcher: CollectingDispatcher,
                 tracker: Tracker) -> list[EventType] | None:
    """"不对,是两袋" / "改成一百" while goods put on a tab are read back: the new figures, read back again;
    "不对,是菜籽油" / "no, rapeseed oil": the other goods on the tab; "是王秀英" (the read-back named her: spoken
    王/汪 阿姨 sound alike): the same tab for her."""
    lang = language(tracker)
    goods = _with_product(context, tab, tracker)
    corrected = _with_numbers(goods or tab, tracker) or goods
    about: list[EventType] = []
    meant = name_meant(tracker)
    if meant:
        with shop(context) as s:
            customer = customer_lookup(s, meant, intent="log_credit", typed=typed(tracker), read_back=True).record
            if customer is not None and customer.id != tab.customer_id:
                corrected = (corrected or tab).for_customer(
                    customer.id, person_name(customer.name, customer.aliases, lang),
                    balance_before=credit.tab_of(s.session, shop_id=s.shop_id, customer_id=customer.id).balance,
                    limit=credit.limit_of(s.session, shop_id=s.shop_id, customer=customer))
                about = made_current(customer)
    if corrected is None:
        return None
    return read_back(dispatcher, corrected, *about, lang=lang)


# A phone number as the normaliser leaves one said without its entity: 11 digits, or a landline with its area code.
_PHONE_SAID = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")


def correct_new_customer(new: NewCustomerProposal, dispatcher: CollectingDispatcher,
                         tracker: Tracker) -> list[EventType] | None:
    """"电话不对,是13800001112" / "no, her number is …" while a new customer is read back: the new phone, read back
    again. None when the message says no phone, a phone that is no number, or names someone else."""
    said = normalize(tracker.latest_message.get("text") or "").text
    found = _PHONE_SAID.search(said)
    phone = entity(tracker, "phone") or (found.group() if found else None)
    named = [name for name in entities(tracker, "customer") if name.replace(" ", "") != new.name]
    if phone is None or named:
        return None
    try:
        phone = validate_phone(phone)
    except Invalid:
        return None
    if phone == new.phone:
        return None
    return read_back(dispatcher, new.with_phone(phone), lang=language(tracker))


def _correct_update(context: ShopContext, update: CustomerUpdateProposal, dispatcher: CollectingDispatcher,
                    tracker: Tracker) -> list[EventType] | None:
    """"不对,是十月九号" / "不 对 是 高血压" / "no, her number is …" while a customer's new fact is read back: the
    fact put right, read back again; None unless worded as a correction naming nobody, of a fact it reads back."""
    text = tracker.latest_message.get("text") or ""
    said = normalize(text).text
    if not CORRECTS.match(said) or entities(tracker, "customer"):
        return None
    birthday = None
    month_day = parse_month_day(entity(tracker, "date") or said) or parse_month_day(said) or lunar_month_day(text)
    if month_day is None and update.birthday and (day := day_said_alone(text)) is not None:
        month_day = (Birthday.parse(update.birthday).month, day)  # "no the twenty first": the month read back
    if month_day is not None and update.birthday:
        lunar = said_lunar(text) or "农历" in said or "阴历" in said or Birthday.parse(update.birthday).lunar
        try:
            birthday = str(Birthday(month=month_day[0], day=month_day[1], lunar=lunar))
        except Invalid:
            return None
    found = _PHONE_SAID.search(said)
    phone = entity(tracker, "phone") or (found.group() if found else None)
    try:
        phone = validate_phone(phone) if phone and update.phone else None
    except Invalid:
        return None
    with shop(context) as s:
        tags = tags_meant(entities(tracker, "tag"), said, shop_tag_names(s.session, shop_id=s.shop_id))
    corrected = update.corrected(tags=tags, birthday=birthday, phone=phone)
    return read_back(dispatcher, corrected, lang=language(tracker)) if corrected is not None else None


def _with_numbers(sale: SaleProposal | CreditProposal, tracker: Tracker) -> SaleProposal | CreditProposal | None:
    text = tracker.latest_message.get("text") or ""
    # "收了她55元便宜了4元": the money taken is the amount, the discount after it is not
    quantity, amount = number_said(entity(tracker, "quantity")), price_taken(text) or number_said(entity(tracker, "amount"))
    unit = entity(tracker, "unit")
    change = CHANGE_TO.search(normalize(text).text)
    bare = bare_correction(text) if not unit else None
    if (meant := figure_meant(text)) is not None:  # "不是六袋是九袋": the figure after 是, never the one denied
        quantity, amount, unit, bare = _as_meant(meant, unit)  # (a money figure keeps the goods' count)
    if bare is None and quantity is None and amount is None and not unit:
        quantity, unit = _count_said(text)  # "哦 不 对 三 袋", "sorry, only 2 bags" with nothing tagged
    if bare is None and quantity is None and amount is None and not unit:
        bare = _figure_alone(text)  # "一百一十八" heard as nothing in particular: the figure said again, or changed
    if bare is not None:  # "make it 5" of 4 bags for 27.2: 5 bags; "改成一百" of 2 bags for 118: 100 yuan
        line = sale.lines[0] if sale.lines else {}
        figure = nearer_figure(bare, number_said(line.get("quantity")), sale.total if sale.lines else None)
        quantity, amount = (bare, None) if figure == "quantity" else (None, bare)
    elif change and amount is None and quantity is None:
        amount = number_said(change.group(1))
    if quantity is None and amount is None and not unit:
        return None
    if (quantity is not None and quantity <= 0) or (amount is not None and amount < 0):
        return None
    return sale.corrected(quantity=quantity, unit=unit, amount=amount)


# A count and its measure word ending a short correction, as the normaliser writes them ("3袋", "2 bags").
_COUNT_SAID = re.compile(r"(\d+(?:\.\d+)?)\s*([" + CHINESE_MEASURES + "]|" + ENGLISH_MEASURES + r"(?:s|es)?)\s*[.!。！]*\s*$",
                         re.IGNORECASE)


def _count_said(text: str) -> tuple[Decimal | None, str | None]:
    """The count and measure word a correction ends with, when it says nothing more than a few words."""
    said = normalize(text).text
    match = _COUNT_SAID.search(said)
    if match is None or len(said) > 40:
        return None, None
    return Decimal(match.group(1)), match.group(2)


def _as_meant(meant: FigureMeant, unit: str | None) -> tuple[Decimal | None, Decimal | None, str | None, Decimal | None]:
    """The quantity, amount, unit and bare figure of a correction that denies one figure for another."""
    if meant.money:
        return None, meant.figure, None, None
    return (meant.figure, None, meant.unit, None) if meant.unit else (None, None, unit, meant.figure)


def _figure_alone(text: str) -> Decimal | None:
    """The one number of a message that says nothing else ("118", "89.9元"), else None."""
    said = normalize(text).text
    numbers = re.findall(r"\d+(?:\.\d+)?", said)
    return Decimal(numbers[0]) if len(numbers) == 1 and only_figures(said) else None


_MONEY_WORD = re.compile(r"元|块|\b(?:yuan|kuai|bucks?|rmb)\b", re.IGNORECASE)


def _correct_delivery(delivery: StockInProposal, dispatcher: CollectingDispatcher,
                      tracker: Tracker) -> list[EventType] | None:
    """"不对不对,是十二桶" / "改成12" while a delivery is read back: the new quantity, read back again."""
    said = normalize(tracker.latest_message.get("text") or "").text
    # "no wait twenty five" (the model tags a bare figure as money): a delivery has no money, so a count
    quantity = number_said(entity(tracker, "quantity")) or (
        None if _MONEY_WORD.search(said) else number_said(entity(tracker, "amount")))
    change = CHANGE_TO.search(said)
    if quantity is None and change and not change.group(2):  # "改成12" (a number without 元)
        quantity = number_said(change.group(1))
    # the count ending the correction wins over the one tagged ("呃 不 是 十五 是 十 桶": 10, not 15)
    quantity = _count_said(tracker.latest_message.get("text") or "")[0] or quantity
    # "sorry, 12": a lead-in and a bare figure, which the model tags as nothing
    quantity = quantity or figure_instead(tracker.latest_message.get("text"))
    if quantity is None or quantity <= 0:
        return None
    corrected = delivery.corrected(quantity, entity(tracker, "product"))
    return read_back(dispatcher, corrected, lang=language(tracker))


# Said before a change of a written entry: "actually make it two bags", "哎呀 不对 改成一百".
_LEAD_IN = re.compile(r"^(?:(?:actually|sorry|oh|oops|wait|hmm|um|no|哦|噢|哎呀|哎|嗯|那就|其实|不对|错了|算了|刚才那笔|刚才那个)"
                      r"[\s,，.!！]*)+", re.IGNORECASE)
# "不对 是四斤三十二" once written: a "no" and only the new figures
# ("no just one box", "不对 就一盒": "just" / "only" / "就" say the figure instead, as "it's" / "是" do)
# ("no wait, just the one bag": a "wait" may come between, and "the one" is the count the normaliser leaves as words)
_NO_ITS = re.compile(r"^(?:不对|不是|错了|no|not)(?:[\s,，]+(?:wait|hold on|sorry|oh|oops|等等|等一下))*[\s,，]*"
                     r"(?:是|应该是|就是|就|只|it'?s|it was|just|only)\s*(?:(?:the\s+)?one\b|(?=\d))", re.IGNORECASE)
# What may follow the change: only more figures ("2 bags 150", "4斤32块")
_FIGURES = re.compile(r"(?:[\s\d.,，]|bags?|bottles?|boxes|box|jin|packs?|yuan|for|and|块钱?|元|袋|桶|瓶|盒|斤|包|个|共|一共)*",
                      re.IGNORECASE)


def corrects_written(tracker: Tracker) -> bool:
    """Whether the latest message only changes the entry just written ("改成70", "actually make it two bags
    one fifty", "不对 是四斤 三十二" after the yes), with nothing waiting for a yes."""
    if tracker.get_slot("pending"):
        return False
    last = Proposal.from_slot(tracker.get_slot("last_write"))
    if last is None or last.written is None:
        return False
    return only_a_change(tracker.latest_message.get("text"))


def corrects_pending(tracker: Tracker) -> bool:
    """Whether the latest message only changes the entry read back and waiting for a yes ("make it two bags")."""
    text = tracker.latest_message.get("text") or ""
    named = {found.get("entity") for found in tracker.latest_message.get("entities") or []} & {"product", "customer"}
    # "哦 不 是 十五 是 十二 桶" while a delivery waits: worded as a correction, naming no other goods or person
    # "收了她五十五块便宜了四块": the money taken for the goods waiting
    worded = bool(CORRECTS.match(normalize(text).text) or price_taken(text)) and not named
    waiting = Proposal.from_slot(tracker.get_slot("pending"))
    return waiting is not None and (only_a_change(text) or worded or money_instead(waiting, text))


def money_instead(waiting: Proposal | None, text: str | None) -> bool:
    """Whether ``text`` is only second thoughts and a figure ("wait, 35") while a repayment or a tab waits: the
    money meant instead, whatever request the model heard (a sale's figure could be a count, so not there)."""
    return isinstance(waiting, (PaymentProposal, CreditProposal)) and figure_instead(text, money=True) is not None


def restates_pending(tracker: Tracker) -> bool:
    """Whether the latest message is nothing but figures ("八十九块九", "两袋") while a sale or a tab waits for its
    yes: the read-back's figures said again or changed, never a new sale to ask "what did they buy?" about."""
    waiting = Proposal.from_slot(tracker.get_slot("pending"))
    said = [found.get("entity") for found in tracker.latest_message.get("entities") or []]
    return isinstance(waiting, (SaleProposal, CreditProposal)) and bool(said) \
        and set(said) <= {"amount", "quantity", "unit"} and only_figures(tracker.latest_message.get("text"))


def only_figures(text: str | None) -> bool:
    """Whether ``text`` says nothing but figures ("89.9元", "两袋 一百二", "2 bags for 150")."""
    said = normalize(text or "").text.strip(" ,.!?，。！？")
    return bool(said) and _FIGURES.fullmatch(said) is not None


def only_a_change(text: str | None) -> bool:
    """Whether ``text`` is nothing but a change of figures ("改成70", "make it two bags", "不对 是四斤 三十二")."""
    said = normalize(text or "").text.strip(" ,.!?，。！？")
    rest = _LEAD_IN.sub("", said)
    change = CHANGE_TO.match(rest) or _NO_ITS.match(said)
    if change is None:
        return False
    # only a message that is nothing but the change ("王阿姨电话改成138…" is an update of her phone)
    after = rest[change.end():] if change.re is CHANGE_TO else said[change.end():]
    return _FIGURES.fullmatch(after) is not None


def correct_waiting(context: ShopContext, dispatcher: CollectingDispatcher,
                    tracker: Tracker) -> list[EventType] | None:
    """The waiting read-back corrected by a message worded as a correction, whatever intent the model gave it
    ("不对 是一百七十七" heard as a new repayment); None when nothing waits or the message corrects nothing."""
    if Proposal.from_slot(tracker.get_slot("pending")) is None:
        return after_refusal(context, dispatcher, tracker)
    return correct_sale(context, dispatcher, tracker, only_if_worded=True)



def _already_written(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """"改成70" / "put that down as 70" once the entry is written: say it is, and how to change it (an
    entry is changed by undoing it and saying it again, so the books keep both)."""
    if not corrects_written(tracker):
        return None
    last = Proposal.from_slot(tracker.get_slot("last_write"))
    lang = language(tracker)
    entry = last.entry(lang).rstrip("。.")
    dispatcher.utter_message(text=(
        f"That one is already recorded: {entry}. To change it, say \"undo\" and tell me again." if lang == "en"
        else f"刚才那笔已经记上了:{entry}。要改的话先说“撤销”,再重新说一遍。"))
    return []
