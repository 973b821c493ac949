"""A customer's data asked in chat: erase her (read back, on yes), export (where her copy is), drop her phone
(read back), who takes no messages. Logic in ``shop.privacy_chat`` and ``language.privacy_asked``."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import ShopAction, language, person_name, say, shop
from actions.names import named_customer
from assistant.brain.proposals import CustomerUpdateProposal, EraseCustomerProposal
from assistant.language.privacy_asked import privacy_asked
from assistant.shop.english import in_english
from assistant.shop.privacy_chat import erase_counts, export_answer, opted_out_answer, opted_out_names


def privacy_instead(action: ShopAction, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """Answers a message about a customer's data (erase, export, her phone off, who takes no messages), or
    None when the message asks none of these."""
    asked = privacy_asked(tracker.latest_message.get("text"))
    if asked is None:
        return None
    lang = language(tracker)
    with shop(action.context) as s:
        if asked == "opted_out":
            answer = opted_out_answer(opted_out_names(s.session, shop_id=s.shop_id), lang)
            dispatcher.utter_message(text=in_english(answer, session=s.session, shop_id=s.shop_id)
                                     if lang == "en" else answer)
            return []
        named = named_customer(s, tracker, dispatcher, ask=("是哪位顾客?", "Which customer?"))
        customer = named.customer
        if customer is None:
            if named.unknown is not None:
                dispatcher.utter_message(text=say(f"没有叫{named.unknown}的顾客。", f"No customer called "
                                                  f"{named.unknown}.", lang))
            return named.events
        name = person_name(customer.name, customer.aliases, lang)
        if asked == "export":
            dispatcher.utter_message(text=export_answer(name, lang))
            return named.events
        if asked == "remove_phone":
            if not customer.phone:
                dispatcher.utter_message(text=say(f"{name}没有记电话。", f"No phone on record for {name}.", lang))
                return named.events
            change = CustomerUpdateProposal(language=lang, customer_id=customer.id, customer_name=name,
                                            clear_phone=customer.phone)
        else:
            change = EraseCustomerProposal(language=lang, customer_id=customer.id, customer_name=name,
                                           **erase_counts(s.session, customer=customer))
    dispatcher.utter_message(text=change.describe())
    return [SlotSet("pending", change.to_slot()), *named.events]
