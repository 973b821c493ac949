"""Follow-ups a customer question may really be: "上个礼拜卖了多少钱" heard as a question about someone is the
takings; "what about last month" after a report is that report again; "那她上上次呢" is her visit before last,
and "刚才张姐那笔多少钱" the sale just recorded for her, not her tab (owner trial 14, F5 and M9)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entity, language, person_name, shop
from assistant.language.asked_again import question_asked_again
from assistant.language.earlier_visit import asks_that_sale, asks_visit_before_last
from assistant.language.pronouns import refers_back
from assistant.language.questions import asked_fact, asks_takings, is_elliptical
from assistant.shop.visits import last_sale, visits_back


class VisitBeforeLast:
    """"那她上上次呢" after her last visit: the visit before it (not the last one again)."""

    def __init__(self, context: Any) -> None:
        self.context = context

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        """Say her visit before last (the customer named, else the one she is)."""
        from actions.customers import profile_customer  # (actions.customers imports this module)

        lang = language(tracker)
        with shop(self.context) as s:
            customer, events = profile_customer(s, tracker, dispatcher)
            if customer is None:
                return events
            name = person_name(customer.name, customer.aliases, lang)
            visit = visits_back(s.session, customer_id=customer.id, back=1)
            if visit is None:
                dispatcher.utter_message(text=f"{name} has only been in once." if lang == "en"
                                         else f"{name}之前没再来过,只有上次那一回。")
            else:
                dispatcher.utter_message(text=visit.said(name, lang, today=self.context.today()))
        return events


def that_sale_answer(context: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """"刚才张姐那笔多少钱" (heard as her tab): her latest sale and what it came to; None when the message asks
    something else or she has no sale."""
    if not asks_that_sale(tracker.latest_message.get("text")):
        return None
    from actions.customers import profile_customer  # (actions.customers imports this module)

    lang = language(tracker)
    with shop(context) as s:
        customer, events = profile_customer(s, tracker, CollectingDispatcher())
        if customer is None:
            return None
        sale = last_sale(s.session, customer_id=customer.id)
        if sale is None:
            return None
        dispatcher.utter_message(text=sale.said(person_name(customer.name, customer.aliases, lang), lang,
                                                today=context.today()))
    return events


class ThatSale:
    """"刚才张姐那笔多少钱" asked as a question about her: the sale just recorded (her profile when she has none)."""

    def __init__(self, context: Any) -> None:
        self.context = context

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        """Say her latest sale."""
        answered = that_sale_answer(self.context, dispatcher, tracker)
        if answered is not None:
            return answered
        from actions.customers import profile_answer, profile_customer

        with shop(self.context) as s:
            customer, events = profile_customer(s, tracker, dispatcher)
            if customer is not None:
                dispatcher.utter_message(text=profile_answer(s, customer, tracker))
        return events


def retells_last_question(tracker: Tracker) -> type | None:
    """The action a "profile" question naming no one and no fact, only a period or a product, really asks: a
    product's price or stock asked again ("what about rapeseed oil" after a price), the takings when it speaks of
    selling, else the last report again (when there is one to retell), else None; "那她上上次呢" asks her visit
    before last."""
    from actions.lists import ActionListMore, earlier_texts, retellable
    from actions.reports import ActionSalesSummary, ActionStock

    text = tracker.latest_message.get("text")
    if not entity(tracker, "customer") and entity(tracker, "product") \
            and question_asked_again(text, earlier_texts(tracker)) in {"price", "stock"}:
        return ActionStock  # "what about rapeseed oil" right after a price: its price, not a customer
    if asks_visit_before_last(text):
        return VisitBeforeLast
    if asks_that_sale(text):
        return ThatSale
    # a period, or only another product ("what about flour?" after who needs rice)
    retold = (entity(tracker, "period") or entity(tracker, "date") or entity(tracker, "days")
              or (entity(tracker, "product") and is_elliptical(text)))
    if entity(tracker, "customer") or refers_back(text) or asked_fact(text) is not None or not retold:
        return None
    if asks_takings(text):
        return ActionSalesSummary
    return ActionListMore if retellable(tracker) else None


def asks_owing_again(tracker: Tracker) -> bool:
    """Whether the message asks what someone else owes, right after what a customer owes was asked."""
    from actions.lists import earlier_texts  # (actions.lists imports this module)

    return question_asked_again(tracker.latest_message.get("text"), earlier_texts(tracker)) == "owing"
