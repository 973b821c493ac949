"""Tabs (赊账): goods put on a customer's tab and payments (read back first), and who owes what."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    Shop,
    ShopAction,
    entity,
    entity_map,
    intent,
    language,
    person_name,
    read_back,
    refuses_a_return,
    say,
    shop,
    told_day,
    typed,
)
from actions.consent import consent_instead
from actions.corrections import correct_sale, correct_waiting
from actions.customer_followups import that_sale_answer
from actions.lists import previous_text, report_answer
from actions.names import (
    Named,
    current_meant,
    customer_lookup,
    made_current,
    named_customer,
    offer_new_customer,
    product_lookup,
    usual_in,
)
from actions.payment_corrections import after_refusal
from actions.tab_goods import left_out_note, more_goods, priced_as_said, tab_line
from assistant.brain.proposals import (
    CreditLimitProposal,
    CreditProposal,
    NewCustomerProposal,
    PaymentProposal,
    ReminderProposal,
)
from assistant.brain.proposals.credit import payment_refusal
from assistant.brain.sale_to_tab import as_tab, waiting_sale
from assistant.db.models import Customer, Product
from assistant.language.intent_cues import says_tab
from assistant.language.limits import limit_request
from assistant.language.normalize import normalize
from assistant.language.quantities import first_number, unit_after_number
from assistant.language.questions import asks_other_fact_than_owing, asks_same_fact_again
from assistant.language.repayment import part_of, part_paid, tells_repayment
from assistant.shop import credit
from assistant.shop.amounts_said import meant_amount
from assistant.shop.credit_reminders import compose_reminder, may_remind
from assistant.shop.habits import clashes
from assistant.shop.reports.credit import credit_item


def _customer(s: Shop, tracker: Tracker, dispatcher: CollectingDispatcher, lang: str,
              ask: tuple[str, str]) -> Named:
    """The customer a tab is for (a known one: tabs are for regulars; its ``customer`` None having asked or
    said why), with whom else a spoken name could mean."""
    named = named_customer(s, tracker, dispatcher, ask=ask, read_back=True)
    if named.unknown is not None:
        dispatcher.utter_message(text=say(f"还没有“{named.unknown}”这位顾客,先把她加为顾客才能记账。",
                                          f"\"{named.unknown}\" is not a customer yet: add them first to keep a tab.",
                                          lang))
    return named


def propose_limit(context: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """"王阿姨的赊账上限改成三百" / "店里的赊账额度改成八百": the limit read back (None: not about a limit).
    The model hears it as a fact about her (``update_customer``) or, in English, near ``log_credit``."""
    asked = limit_request(tracker.latest_message.get("text"))
    if asked is None:
        return None
    lang = language(tracker)
    with shop(context) as s:
        shop_limit = credit.limit_of_shop(s.session, shop_id=s.shop_id)
        events: list[EventType] = []
        if asked.shop_wide and not entity(tracker, "customer"):
            change = CreditLimitProposal(language=lang, amount=str(asked.amount), shop_limit=str(shop_limit))
        else:
            named = _customer(s, tracker, dispatcher, lang, ("谁的额度?", "Whose limit?"))
            customer, events = named.customer, named.events
            if customer is None:
                return events
            change = CreditLimitProposal(
                language=lang, customer_id=customer.id, customer_name=person_name(customer.name, customer.aliases, lang),
                amount=None if asked.amount is None else str(asked.amount), shop_limit=str(shop_limit),
                before=None if customer.credit_limit is None else str(customer.credit_limit))
    return read_back(dispatcher, change, *events)


def profile_instead(context: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                    domain: dict[str, Any]) -> list[EventType] | None:
    """The customer's profile answer when the message asks another fact of hers than money owed or paid
    ("老秦多少天没来了" heard as her tab); None when it is about the money."""
    text = tracker.latest_message.get("text")
    if not (asks_other_fact_than_owing(text) or asks_same_fact_again(text, previous_text(tracker))):
        return None  # ("那周师傅呢" after "李叔电话多少": his phone, not his tab)
    from actions.customers import ActionCustomerProfile  # (actions.customers imports this module)

    return ActionCustomerProfile(context).run(dispatcher, tracker, domain)


class ActionProposeCredit(ShopAction):
    """"王阿姨先拿两袋米,记账" — the goods (priced when no amount is said) read back, with the limit warning."""

    def name(self) -> str:
        return "action_propose_credit"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        limit = propose_limit(self.context, dispatcher, tracker)  # "set Mrs Chen's credit limit to 200"
        if limit is not None:
            return limit
        if refuses_a_return(dispatcher, tracker):  # "王阿姨把赊的米退了": no tab is read back
            return []
        if not entity(tracker, "product") and tells_repayment(tracker.latest_message.get("text") or ""):
            # "pay back 50 first, balance next time": the tab's "next time" is what is left; money came in
            return ActionProposePayment(self.context).run(dispatcher, tracker, domain)
        waiting = tracker.get_slot("pending") or {}
        switched = self._waiting_sale_on_tab(dispatcher, tracker, waiting)  # "还是记账吧,她下次给"
        if switched is not None:
            return switched
        if waiting and not entity(tracker, "customer"):
            # "不对,是两袋" while a tab is read back: a correction, not a new entry; "no wait, just the one bag, 75"
            # while a sale is read back (heard as a tab: figures and no customer): that sale corrected, when the
            # message is worded as a correction (a bare "记账" is not one)
            corrected = correct_sale(self.context, dispatcher, tracker, only_if_worded=waiting.get("kind") != "credit")
            if corrected is not None:
                return corrected
        lang = language(tracker)
        with shop(self.context) as s:
            named = named_customer(s, tracker, dispatcher, ask=("记在谁的账上?", "Whose tab?"), read_back=True)
            customer, events, newcomer = named.customer, named.events, named.unknown
            if customer is None and newcomer is None:
                return events
            amount = meant_amount(s.session, shop_id=s.shop_id, said=first_number(entity(tracker, "amount")),
                                  text=tracker.latest_message.get("text"))  # "put two fifty on her tab": 250
            day = told_day(tracker, self.context.today())  # "3月10号赊了两袋米": that day's, with its year
            lines = []
            spoken = entity(tracker, "product")
            if spoken:
                lookup = product_lookup(s, spoken, intent=intent(tracker), entities=entity_map(tracker),
                                        typed=typed(tracker))
                if lookup.choice is not None:  # "米": the rice she usually takes, else which one
                    lookup.record = usual_in(s, customer, spoken, typed=typed(tracker))
                if lookup.record is None and lookup.choice is not None:
                    # "褚大妈拿了一袋米记账", no 褚大妈 yet: whom first (she is not a customer, added after the
                    # goods are named), then which rice; the choice carries her name on to the offer
                    unknown = say(f"没找到叫“{newcomer}”的顾客,说好是哪种以后先添加为新顾客。",
                                  f"I don't know a customer called \"{newcomer}\"; once you say which, I'll "
                                  "offer to add them. ",
                                  lang) if customer is None else ""
                    dispatcher.utter_message(text=unknown + lookup.question(lang))
                    return [SlotSet("pending", lookup.choice), *events]
                if lookup.record is None:
                    dispatcher.utter_message(text=say(f"店里没有“{spoken}”这个商品。", f"We don't sell \"{spoken}\".",
                                                      lang))
                    return events
                product = lookup.record
                quantity = first_number(entity(tracker, "quantity")) or Decimal("1")
                unit = entity(tracker, "unit") or unit_after_number(entity(tracker, "quantity")) or product.unit
                lines = [tab_line(product, quantity, unit)]
                more = more_goods(s, tracker, customer)  # "两袋盐一瓶香醋先欠着": every good on the tab
                if more.left_out and amount is not None:  # "一共二十" would be shared over goods it did not cover
                    dispatcher.utter_message(text=left_out_note(more.left_out, lang))
                    return events
                if more.left_out:  # said before the read-back, which ends on its question
                    dispatcher.utter_message(text=left_out_note(more.left_out, lang))
                lines = priced_as_said([*lines, *more.lines], tracker, amount)
            elif amount is None or amount <= 0:
                dispatcher.utter_message(text=say("拿了什么,或者记多少钱?", "What did they take, or how much?", lang))
                return events
            if customer is None:  # "马老师先拿两袋米记账", no 马老师 yet: add her, then her tab (nothing owed yet)
                tab = CreditProposal(language=lang, customer_name=newcomer, lines=lines, day=day,
                                     amount=None if lines else str(amount),
                                     limit=str(credit.limit_of_shop(s.session, shop_id=s.shop_id)))
                return offer_new_customer(dispatcher, NewCustomerProposal(language=lang, name=newcomer,
                                                                          then=tab.to_slot()), events)
            tab = CreditProposal(
                language=lang, customer_id=customer.id, customer_name=person_name(customer.name, customer.aliases, lang),
                lines=lines, amount=None if lines else str(amount), day=day,
                others=[person_name(other.name, other.aliases, lang) for other in named.others],
                balance_before=str(credit.tab_of(s.session, shop_id=s.shop_id, customer_id=customer.id).balance),
                limit=str(credit.limit_of(s.session, shop_id=s.shop_id, customer=customer)),
                warnings=_clashes(s, customer, lines))
        return read_back(dispatcher, tab, *events)

    def _waiting_sale_on_tab(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                             waiting: dict[str, Any]) -> list[EventType] | None:
        """The sale read back and waiting, read back as a tab when the message names no goods or amount and
        no one else ("还是记账吧,她下次给"); None otherwise."""
        sale = waiting_sale(waiting)
        if sale is None or entity(tracker, "product") or entity(tracker, "amount") or entity(tracker, "quantity"):
            return None
        if not says_tab(normalize(tracker.latest_message.get("text") or "").text):
            return None  # "oops, only 2 bags" heard as a tab: a correction of the sale, not a change to a tab
        with shop(self.context) as s:
            if entity(tracker, "customer"):
                named = named_customer(s, tracker, CollectingDispatcher(), ask=("", ""), read_back=True)
                if named.customer is None or named.customer.id != sale.customer_id:
                    return None
            customer = s.session.get(Customer, sale.customer_id)
            if customer is None or customer.shop_id != s.shop_id:
                return None
            tab = as_tab(sale, balance_before=str(credit.tab_of(s.session, shop_id=s.shop_id,
                                                                customer_id=customer.id).balance),
                         limit=str(credit.limit_of(s.session, shop_id=s.shop_id, customer=customer)))
        return read_back(dispatcher, tab)


class ActionProposePayment(ShopAction):
    """"王阿姨还了一百" / "李叔把账结清了" — read back with what is left."""

    def name(self) -> str:
        return "action_propose_payment"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if (corrected := correct_waiting(self.context, dispatcher, tracker)) is not None:  # "不对 是一百七十七"
            return corrected
        other = profile_instead(self.context, dispatcher, tracker, domain)  # "老白今年来了几次" heard as money paid
        if other is not None:
            return other
        lang = language(tracker)
        with shop(self.context) as s:
            named = _customer(s, tracker, dispatcher, lang, ("谁还的钱?", "Who paid?"))
            if named.customer is None:
                return named.events
            customer, others = _who_owes(s, named.customer, named.others)
            who = person_name(customer.name, customer.aliases, lang)
            owed = credit.tab_of(s.session, shop_id=s.shop_id, customer_id=customer.id).balance
            # spoken 王/汪 阿姨 sound alike: the read-back names the other, so "是王秀英" turns it to her
            also = [person_name(other.name, other.aliases, lang) for other in others]
        events = named.events if customer is named.customer else [*named.events, *made_current(customer)]
        amount = first_number(entity(tracker, "amount"))
        part = part_paid(tracker.latest_message.get("text") or "") if amount is None else None
        if part is not None and owed > 0:  # "还了一半": half of what she owes, not all of it
            amount = part_of(owed, part)
        refusal = payment_refusal(who, owed, amount, lang)
        if refusal is not None:
            dispatcher.utter_message(text=refusal)
            return events
        payment = PaymentProposal(language=lang, customer_id=customer.id, customer_name=who,
                                  amount=str(owed if amount is None else amount), balance_before=str(owed),
                                  settles=amount is None or amount == owed, day=told_day(tracker, self.context.today()),
                                  others=also, whole=amount is None)
        return read_back(dispatcher, payment, *events)


def _clashes(s: Shop, customer: Customer, lines: list[dict[str, Any]]) -> list[str]:
    """The household's warnings for every good on the tab, each once."""
    warnings: list[str] = []
    for line in lines:
        product = s.session.get(Product, line["product_id"])
        warnings += [w for w in clashes(customer, product) if w not in warnings]
    return warnings


def _who_owes(s: Shop, heard: Customer, others: list[Customer]) -> tuple[Customer, list[Customer]]:
    """Who paid, of customers whose names sound alike: the one whose name was heard, unless she owes nothing
    and exactly one of the others does (a repayment comes from someone with a tab); and the rest."""
    def owes(customer: Customer) -> bool:
        return credit.tab_of(s.session, shop_id=s.shop_id, customer_id=customer.id).balance > 0

    owing = [other for other in others if owes(other)]
    if len(owing) != 1 or owes(heard):
        return heard, others
    return owing[0], [heard, *(other for other in others if other is not owing[0])]


def _the_one_owing(s: Shop, tracker: Tracker) -> tuple[Customer, list[Customer]] | None:
    """For a balance question, whom a name that could mean several customers (spoken 王/汪 阿姨) means: the only
    one of them with a tab, and the others; None when it means one, or when none or several owe (asked back)."""
    spoken = entity(tracker, "customer")
    if not spoken:
        return None
    lookup = customer_lookup(s, spoken, intent=intent(tracker), typed=typed(tracker))
    if lookup.choice is None or not lookup.candidate_ids:
        return None
    one = credit.only_one_owing(s.session, shop_id=s.shop_id, customer_ids=lookup.candidate_ids)
    if one is None:
        return None
    others = [s.session.get(Customer, other) for other in dict.fromkeys(lookup.candidate_ids) if other != one]
    return s.session.get(Customer, one), [other for other in others if other is not None]


class ActionBalance(ShopAction):
    """"王阿姨欠多少" (her tab, and an offer to remind her politely) or "谁还欠钱" (the credit report)."""

    def name(self) -> str:
        return "action_balance"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if not tracker.get_slot("pending") and (payer := after_refusal(self.context, dispatcher, tracker)) is not None:
            return payer  # "不对,是王阿姨还的" right after "汪桂兰只欠89.9元,不是100元": the repayment from her
        lang = language(tracker)
        sale = that_sale_answer(self.context, dispatcher, tracker)  # "刚才张姐那笔多少钱": the sale, not her tab
        if sale is not None:
            return sale
        other = profile_instead(self.context, dispatcher, tracker, domain)  # "老秦多少天没来了" heard as her tab
        if other is not None:
            return other
        asked = consent_instead(self.context, dispatcher, tracker)  # "邓海 还 收 消息 吗" heard as his tab
        if asked is not None:
            return asked
        with shop(self.context) as s:
            if not entity(tracker, "customer") and current_meant(tracker) is None:  # "谁还欠钱", not "她欠多少"
                answer, events = report_answer(s, "credit", {}, lang)  # a list: "还有呢" goes on with it
                dispatcher.utter_message(text=answer)
                return events
            owing = _the_one_owing(s, tracker)  # "王 啊 姨 欠 多少": of 王秀英 and 汪桂兰, the one with a tab
            named = Named(owing[0], made_current(owing[0]), others=owing[1]) if owing is not None \
                else _customer(s, tracker, dispatcher, lang, ("", ""))
            customer, events = named.customer, named.events
            if customer is None:
                return events
            who = person_name(customer.name, customer.aliases, lang)
            item = credit_item(s.session, shop_id=s.shop_id, customer_id=customer.id, today=self.context.today())
            if item is None:
                dispatcher.utter_message(text=say(f"{who}没有欠账。", f"{who} owes nothing.", lang))
                return events
            answer = item.sentence(lang, who) + "".join(  # whom else the name could mean, so she hears whom
                say(f"{name}没有欠账。", f" {name} owes nothing.", lang)
                for name in (person_name(o.name, o.aliases, lang) for o in (owing[1] if owing else [])))
            reminder = None
            if may_remind(s.session, customer=customer, days_owed=item.days_owed, now=self.context.now()):
                text = compose_reminder(s.session, shop_id=s.shop_id, customer=customer, language=lang)
                reminder = ReminderProposal(language=lang, customer_id=customer.id, customer_name=who, text=text)
        if reminder is None:
            dispatcher.utter_message(text=answer)
            return events
        dispatcher.utter_message(text=f"{answer}{' ' if lang == 'en' else ''}{reminder.describe()}")
        return [SlotSet("pending", reminder.to_slot()), *events]
