"""Customers: what we know about one, adding one, new facts about one, and message consent."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Shop, entities, entity, entity_map, intent, language, say, shop, typed
from actions.names import customer_lookup
from assistant.brain.proposals import proposal
from assistant.db.models import Customer
from assistant.errors import Invalid
from assistant.language.dates import is_lunar, parse_month_day
from assistant.shop.customers import Birthday, find_customer, validate_phone
from assistant.shop.profile import customer_profile


def _named_customer(s: Shop, tracker: Tracker, dispatcher: CollectingDispatcher) -> tuple[Customer | None,
                                                                                         list[EventType]]:
    """The customer the latest message names; otherwise asks (which one / who / add them?) and says why."""
    lang = language(tracker)
    spoken = entity(tracker, "customer")
    if not spoken:
        dispatcher.utter_message(text=say("是哪位顾客?", "Which customer?", lang))
        return None, []
    lookup = customer_lookup(s, spoken, intent=intent(tracker), entities=entity_map(tracker), typed=typed(tracker))
    if lookup.record is not None:
        return lookup.record, []
    if lookup.choice is not None:
        dispatcher.utter_message(text=lookup.question(lang))
        return None, [SlotSet("pending", lookup.choice)]
    summary = say(f"没找到叫“{spoken}”的顾客。要添加为新顾客吗?",
                  f"I don't know a customer called \"{spoken}\". Add them as a new customer?", lang)
    dispatcher.utter_message(text=summary)
    return None, [SlotSet("pending", proposal("add_customer", summary, name=spoken))]


class ActionCustomerProfile(Action):
    """"王阿姨平时买什么" — the customer's facts and habits, sensitive ones included (owner only)."""

    def name(self) -> str:
        return "action_customer_profile"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        with shop() as s:
            customer, events = _named_customer(s, tracker, dispatcher)
            if customer is None:
                return events
            dispatcher.utter_message(text=customer_profile(s.session, customer=customer).summarise(language(tracker)))
        return []


class ActionProposeAddCustomer(Action):
    """"新顾客陈女士,电话13800001111" — read back the new customer before adding."""

    def name(self) -> str:
        return "action_propose_add_customer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        name = entity(tracker, "customer")
        if not name:
            dispatcher.utter_message(text=say("新顾客叫什么名字?", "What is the new customer's name?", lang))
            return []
        try:
            phone = validate_phone(entity(tracker, "phone")) if entity(tracker, "phone") else None
        except Invalid:
            dispatcher.utter_message(text=say("电话号码没听清,请再说一遍。", "I didn't get the phone number; say it again?",
                                              lang))
            return []
        tags = entities(tracker, "tag")
        with shop() as s:
            if find_customer(s.session, shop_id=s.shop_id, name=name) is not None:
                dispatcher.utter_message(text=say(f"已经有叫{name}的顾客了。", f"There is already a customer called {name}.",
                                                  lang))
                return []
        details = "".join(filter(None, [f",电话{phone}" if phone else "", f",{'、'.join(tags)}" if tags else ""]))
        summary = say(f"添加新顾客{name}{details}。对吗?",
                      f"Add new customer {name}" + (f", phone {phone}" if phone else "")
                      + (f", {', '.join(tags)}" if tags else "") + ". Right?", lang)
        dispatcher.utter_message(text=summary)
        return [SlotSet("pending", proposal("add_customer", summary, name=name, phone=phone, tags=tags))]


class ActionProposeUpdateCustomer(Action):
    """"李叔有高血压" / "Mrs Liu's birthday is March 3rd" — read back the new fact before saving it."""

    def name(self) -> str:
        return "action_propose_update_customer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        with shop() as s:
            customer, events = _named_customer(s, tracker, dispatcher)
            if customer is None:
                return events
            change: dict[str, Any] = {"customer_id": customer.id}
            said: list[str] = []
            tags = entities(tracker, "tag")
            if tags:
                change["add_tags"] = tags
                said.append("、".join(tags) if lang == "zh" else ", ".join(tags))
            if entity(tracker, "phone"):
                try:
                    change["phone"] = validate_phone(entity(tracker, "phone"))
                except Invalid:
                    dispatcher.utter_message(text=say("电话号码没听清。", "I didn't get the phone number.", lang))
                    return []
                said.append(say(f"电话{change['phone']}", f"phone {change['phone']}", lang))
            date = entity(tracker, "date") or (tracker.latest_message.get("text") if entity(tracker, "occasion") else None)
            month_day = parse_month_day(date) if date else None
            if month_day:
                try:
                    birthday = Birthday(month=month_day[0], day=month_day[1],
                                        lunar=is_lunar(tracker.latest_message.get("text") or ""))
                except Invalid as error:
                    dispatcher.utter_message(text=str(error))
                    return []
                change["birthday"] = str(birthday)
                said.append(say(f"生日{birthday}", f"birthday {birthday}", lang))
            if not said:
                change["note"] = tracker.latest_message.get("text")
                said.append(say(f"备注“{change['note']}”", f"note \"{change['note']}\"", lang))
            summary = say(f"给{customer.name}记上:{';'.join(said)}。对吗?",
                          f"Note for {customer.name}: {'; '.join(said)}. Right?", lang)
        dispatcher.utter_message(text=summary)
        return [SlotSet("pending", proposal("update_customer", summary, **change))]


class ActionProposeConsent(Action):
    """"王阿姨不想收消息了" — record the customer's refusal (or acceptance) of messages, after a yes."""

    def name(self) -> str:
        return "action_propose_consent"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        granted = intent(tracker) == "opt_in"
        with shop() as s:
            customer, events = _named_customer(s, tracker, dispatcher)
            if customer is None:
                return events
            summary = (say(f"{customer.name}同意接收店里的消息。对吗?", f"{customer.name} agrees to get the shop's messages. Right?",
                           lang) if granted else
                       say(f"{customer.name}以后不再收店里的消息。对吗?", f"{customer.name} gets no more messages from the shop. Right?",
                           lang))
            pending = proposal("consent", summary, customer_id=customer.id, granted=granted,
                               note=tracker.latest_message.get("text"))
        dispatcher.utter_message(text=summary)
        return [SlotSet("pending", pending)]
