"""Greetings: the owner's own recorded voice, a composed greeting read back for approval, the queue.

Consent is honoured on every path: for a customer who has not agreed to messages the assistant says
so, and goes ahead only if the owner insists (the override is logged by ``shop.greetings``). A customer
already greeted for the occasion this year gets no second greeting: the owner hears when the first was
made (and sent), and a sent one can be sent again.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    ShopAction,
    channel,
    entity,
    language,
    person_name,
    read_back,
    say,
    shop,
    typed,
)
from actions.names import current_meant, named_customer, product_lookup
from assistant.brain.proposals import GreetingProposal, ResendGreetingProposal
from assistant.brain.proposals.greetings import MarkSentProposal
from assistant.language.additions import announces_arrival, greeting_addition
from assistant.language.greeting_sent import tells_greeting_sent
from assistant.language.wording import shown_name
from assistant.shop.greetings import (
    birthday_passed,
    cancel,
    compose_greeting,
    held_for_consent,
    normalise_occasion,
    occasion_label,
    occasion_when,
    this_years_greeting,
    waiting_to_send,
)


def _customer_and_occasion(s, tracker: Tracker, dispatcher: CollectingDispatcher):  # noqa: ANN001, ANN202
    """The greeting's customer (named, or "她" after talking about her) and occasion (default: birthday),
    with the events that make her current; or None having asked back."""
    lang = language(tracker)
    named = named_customer(s, tracker, dispatcher, ask=("给哪位顾客?", "For which customer?"))
    if named.unknown is not None:
        dispatcher.utter_message(text=say(f"没找到叫“{named.unknown}”的顾客。",
                                          f"I don't know a customer called \"{named.unknown}\".", lang))
    if named.customer is None:
        return None, None, named.events
    return named.customer, entity(tracker, "occasion") or ("新品到货" if _tells_arrival(tracker) else "生日"), named.events


def _tells_arrival(tracker: Tracker) -> bool:
    """Whether the message tells someone goods arrived ("告诉李叔低钠酱油到了"), naming no other occasion
    ("发个生日祝福,顺便说新米到了" is a birthday greeting with a word added)."""
    return bool(entity(tracker, "product")) and not entity(tracker, "occasion") \
        and announces_arrival(tracker.latest_message.get("text"))


def _arrived(s, tracker: Tracker) -> str | None:  # noqa: ANN001 (the shop's session)
    """The goods of a new-arrival message, as the shop names them in the reply's language, or None when the
    message announces no arrival."""
    if not _tells_arrival(tracker):
        return None
    spoken = entity(tracker, "product")
    found = product_lookup(s, spoken, intent="send_greeting", typed=typed(tracker)).record
    if found is None or isinstance(found, list):
        return spoken
    return shown_name(found.name, found.aliases, language(tracker))


def _already_greeted(s, tracker: Tracker, customer, occasion: str,  # noqa: ANN001
                     lang: str) -> tuple[str, list[EventType]] | None:
    """What to say (and the resend offer) when this year's greeting for the occasion exists, else None.
    A recording just played back and not yet kept is being recorded again: it is cancelled first."""
    earlier = this_years_greeting(s.session, customer=customer, occasion=occasion, today=s.context.today())
    pending = tracker.get_slot("pending") or {}
    if (earlier is not None and pending.get("kind") == "keep_greeting"
            and (pending.get("data") or {}).get("greeting_id") == earlier.id):
        cancel(s.session, shop_id=s.shop_id, greeting_id=earlier.id, channel=channel(tracker))
        earlier = None
    if earlier is None:
        return None
    name = person_name(customer.name, customer.aliases, lang)
    label = occasion_label(earlier.occasion, language=lang)
    if earlier.status == "sent":
        offer = ResendGreetingProposal(language=lang, greeting_id=earlier.id, customer_name=name, occasion=label,
                                       made_on=earlier.created_at.date().isoformat(),
                                       sent_on=(earlier.sent_at or earlier.created_at).date().isoformat(),
                                       insist=not customer.marketing_consent)
        return offer.describe(), [SlotSet("pending", offer.to_slot())]
    made = earlier.created_at
    return say(f"今年给{name}的{label}祝福{made.month}月{made.day}日已经做好了,还在待发里,没发出去:“{earlier.text}”"
               "在“祝福”页面点“分享到微信”就能发。",
               f"This year's {label} greeting for {name} was already made on {made:%B} {made.day} and is still "
               f"waiting to be sent: \"{earlier.text}\" Share it from the Greetings page.", lang), []


def _consent_warning(customer, lang: str) -> str:  # noqa: ANN001
    if customer.marketing_consent:
        return ""
    return say(f"注意:{customer.name}没有同意接收店里的消息,若坚持会记录在案。",
               f"Note: {person_name(customer.name, customer.aliases, lang)} has not agreed to messages; going ahead is logged as your decision. ", lang)


class ActionProposeGreeting(ShopAction):
    """"给刘女士发个生日祝福" — compose a warm greeting, read it to the owner, make it on "yes"."""

    def name(self) -> str:
        return "action_propose_greeting"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        with shop(self.context) as s:
            customer, occasion, events = _customer_and_occasion(s, tracker, dispatcher)
            if customer is None:
                return events
            already = _already_greeted(s, tracker, customer, occasion, lang)
            if already is not None:
                dispatcher.utter_message(text=already[0])
                return [*already[1], *events]
            today = self.context.today()
            arrived = _arrived(s, tracker)
            text = compose_greeting(s.session, customer=customer, occasion=occasion, language=lang, today=today,
                                    arrival=arrived,
                                    note=None if arrived else greeting_addition(tracker.latest_message.get("text")))
            greeting = GreetingProposal(language=lang, customer_id=customer.id,
                                        customer_name=person_name(customer.name, customer.aliases, lang),
                                        occasion=occasion, text=text, insist=not customer.marketing_consent,
                                        when=occasion_when(customer, occasion=occasion, today=today, language=lang),
                                        past=birthday_passed(customer, occasion=occasion, today=today))
        dispatcher.utter_message(text=greeting.describe())
        return [SlotSet("pending", greeting.to_slot()), *events]


class ActionRecordGreeting(ShopAction):
    """"给刘女士录一段生日祝福" — the next thing the owner says (by voice) becomes the greeting."""

    def name(self) -> str:
        return "action_record_greeting"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        with shop(self.context) as s:
            customer, occasion, events = _customer_and_occasion(s, tracker, dispatcher)
            if customer is None:
                return events
            already = _already_greeted(s, tracker, customer, occasion, lang)
            if already is not None:
                dispatcher.utter_message(text=already[0])
                return [*already[1], *events]
            label = occasion_label(normalise_occasion(occasion), language=lang)
            prompt = _consent_warning(customer, lang) + say(
                f"好,请说给{customer.name}的{label}祝福,说完停一下就好。",
                f"OK, say your {label} greeting for {person_name(customer.name, customer.aliases, lang)} now; pause when you're done.", lang)
            # Not a write yet: the conversation waits for the recording (``Brain.take_recording``).
            pending = {"kind": "record_greeting", "summary": prompt,
                       "data": {"customer_id": customer.id, "occasion": occasion,
                                "insist": not customer.marketing_consent}}
        dispatcher.utter_message(text=prompt)
        return [SlotSet("pending", pending), *events]


def _sent_told(s, tracker: Tracker, dispatcher: CollectingDispatcher,  # noqa: ANN001 (the shop's session)
               lang: str) -> list[EventType] | None:
    """"刘女士的祝福发过去了": her waiting greeting read back to be marked sent (a write, after 对); None when
    the message tells no greeting sent, or names no one while several wait (the list answers)."""
    if not tells_greeting_sent(tracker.latest_message.get("text")):
        return None
    sendable, held = waiting_to_send(s.session, shop_id=s.shop_id)
    waiting, events, customer = [*sendable, *held], [], None
    if entity(tracker, "customer") or current_meant(tracker) is not None:
        named = named_customer(s, tracker, dispatcher, ask=("是给哪位顾客的祝福?", "Whose greeting?"))
        if named.customer is None:
            return named.events
        customer, events = named.customer, named.events
        waiting = [g for g in waiting if g.customer_id == customer.id]
    if customer is not None and not waiting:
        name = person_name(customer.name, customer.aliases, lang)
        dispatcher.utter_message(text=say(f"{name}没有待发的祝福,不用再记。",
                                          f"No greeting for {name} is waiting to be sent.", lang))
        return events
    if len(waiting) != 1 and customer is None:
        return None
    greeting = waiting[-1]  # hers, the latest made when she has several
    sent = MarkSentProposal(language=lang, greeting_id=greeting.id,
                            customer_name=person_name(greeting.customer.name, greeting.customer.aliases, lang),
                            occasion=occasion_label(greeting.occasion, language=lang),
                            insist=held_for_consent(s.session, greeting))
    return read_back(dispatcher, sent, *events)


def _waiting_answer(s, lang: str) -> str:  # noqa: ANN001 (the shop's session)
    """The greetings waiting to be sent; one for a customer who no longer takes messages is named apart."""
    sendable, held = waiting_to_send(s.session, shop_id=s.shop_id)
    names = [say("{}({})", "{} ({})", lang).format(person_name(g.customer.name, g.customer.aliases, lang),
                                                   occasion_label(g.occasion, language=lang))
             for g in sendable]
    if not names:
        answer = say("没有待发的祝福。", "No greetings are waiting.", lang)
    else:
        count = "1 greeting" if len(names) == 1 else f"{len(names)} greetings"
        answer = say(f"还有{len(names)}条祝福没发:" + "、".join(names[:5]) + "。",
                     f"{count} waiting: " + ", ".join(names[:5]) + ".", lang)
    if held:
        who = sorted({person_name(g.customer.name, g.customer.aliases, lang) for g in held})
        answer += say(f"{'、'.join(who)}已经不收店里的消息了,{'那些' if len(held) > 1 else '那条'}祝福不发"
                      "(可在“祝福”页面取消)。",
                      f" {', '.join(who)} no longer {'take' if len(who) > 1 else 'takes'} messages from the shop, "
                      f"so {'those greetings are' if len(held) > 1 else 'that greeting is'} not sent (cancel it on the "
                      "Greetings page).", lang)
    return answer


class ActionGreetings(ShopAction):
    """"还有哪些祝福没发" — the greetings waiting to be sent; "刘女士的祝福发过去了" — hers marked sent, after 对."""

    def name(self) -> str:
        return "action_greetings"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        with shop(self.context) as s:
            told = _sent_told(s, tracker, dispatcher, lang)
            if told is not None:
                return told
            answer = _waiting_answer(s, lang)
        dispatcher.utter_message(text=answer)
        return []
