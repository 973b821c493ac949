"""A customer's consent to the shop's messages: "王阿姨不想收消息了" (a change, read back before it is written)
and "老秦同意收消息吗" (a question, answered from the record and never proposed as a write)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import ShopAction, intent, language, person_name, shop
from actions.facts_told import member_taken_off
from actions.names import named_customer, offer_new_customer
from actions.whom_corrected import correct_whom
from assistant.brain.proposals import ConsentProposal, NewCustomerProposal
from assistant.language.consent_question import asks_about_consent
from assistant.language.privacy_asked import privacy_asked
from assistant.language.questions import mentions_messages
from assistant.language.wording import others_aside
from assistant.shop.consent import consent_status


def answer_consent_question(context: Any, dispatcher: CollectingDispatcher,
                            tracker: Tracker) -> list[EventType]:
    """Say whether the named customer takes the shop's messages (yes / no / since when); nothing is written."""
    lang = language(tracker)
    with shop(context) as s:
        named = named_customer(s, tracker, dispatcher, ask=("是哪位顾客?", "Which customer?"))
        if named.customer is None:
            if named.unknown is not None:  # asked about someone not in the book: she has agreed to nothing
                dispatcher.utter_message(text=(f"还没有{named.unknown}这位顾客,没有记过同意。" if lang != "en"
                                               else f"{named.unknown} is not a customer yet: no consent on record."))
            return named.events
        customer = named.customer
        name = person_name(customer.name, customer.aliases, lang)
        dispatcher.utter_message(text=consent_status(s.session, customer=customer, name=name, language=lang))
    return named.events


def consent_instead(context: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """Whether she takes messages when the message asks it ("邓海 还 收 消息 吗" heard as her tab); None when it
    asks something else, for the caller to answer."""
    if not asks_about_consent(tracker.latest_message.get("text")):
        return None
    return answer_consent_question(context, dispatcher, tracker)


class ActionProposeConsent(ShopAction):
    """"王阿姨不想收消息了" — record the customer's refusal (or acceptance) of messages, after a yes; "老秦同意收消息吗"
    is answered from the record instead."""

    def name(self) -> str:
        return "action_propose_consent"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        corrected = correct_whom(self.context, dispatcher, tracker)  # "不是王阿姨,是汪阿姨" after its read-back
        if corrected is not None:
            return corrected
        if not mentions_messages(tracker.latest_message.get("text")):  # "陈团长带了几个人来": not consent
            from actions.fallback import ActionFallback
            return ActionFallback(self.context).run(dispatcher, tracker, domain)
        if privacy_asked(tracker.latest_message.get("text")) == "opted_out":  # "谁不收消息": the list, no write
            from actions.privacy import privacy_instead
            return privacy_instead(self, dispatcher, tracker) or []
        answered = consent_instead(self.context, dispatcher, tracker)  # a hurried 对 must not change her mind
        if answered is not None:
            return answered
        lang = language(tracker)
        granted = intent(tracker) == "opt_in"
        with shop(self.context) as s:
            tracker = member_taken_off(s, tracker)  # "auntie wangs grandson" heard as one name: Auntie Wang's
            # read back before it is written: a spoken 王阿姨 is 王秀英, and the read-back names 汪桂兰 aside
            named = named_customer(s, tracker, dispatcher, ask=("是哪位顾客?", "Which customer?"), read_back=True)
            if named.unknown is not None:  # "马老师不想收消息了", no 马老师 yet: add her, then her opt-out
                wanted = ConsentProposal(language=lang, customer_name=named.unknown, granted=granted,
                                         note=tracker.latest_message.get("text"))
                return offer_new_customer(dispatcher, NewCustomerProposal(language=lang, name=named.unknown,
                                                                          then=wanted.to_slot()), named.events)
            customer, events = named.customer, named.events
            if customer is None:
                return events
            consent = ConsentProposal(language=lang, customer_id=customer.id,
                                      customer_name=person_name(customer.name, customer.aliases, lang),
                                      granted=granted, note=tracker.latest_message.get("text"))
            aside = others_aside([person_name(other.name, other.aliases, lang) for other in named.others], lang)
        dispatcher.utter_message(text=consent.describe() + aside)
        return [SlotSet("pending", consent.to_slot()), *events]
