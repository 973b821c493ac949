"""Facts told of a customer the model heard amiss: her tag stated in a sentence heard as a question about her
("李叔有糖尿病", to read back and note), and her name heard with her household member on it."""

from __future__ import annotations

import copy

from rasa_sdk import Tracker

from actions.common import Shop, entities, entity, intent, shop, typed
from actions.names import current_meant, customer_lookup
from assistant.context import ShopContext
from assistant.language.facts_told import tells_a_fact
from assistant.language.member_names import names_before_member
from assistant.language.normalize import normalize
from assistant.shop.member_facts import member_fact
from assistant.shop.tags import shop_tag_names, tags_meant


def tells_her_tag(context: ShopContext, tracker: Tracker) -> bool:
    """Whether the latest message states a tag (health, diet, household, interest) of a customer it names or
    means ("李叔有糖尿病", "她吃素"), worded as a statement, not a question."""
    text = tracker.latest_message.get("text") or ""
    if not tells_a_fact(text) or not (entity(tracker, "customer") or current_meant(tracker) is not None):
        return False
    with shop(context) as s:
        known = shop_tag_names(s.session, shop_id=s.shop_id)
    return bool(tags_meant(entities(tracker, "tag"), normalize(text).text, known))


def member_taken_off(s: Shop, tracker: Tracker) -> Tracker:
    """The tracker with the customer named as the model heard her, less the household member the fact is about
    ("auntie wangs grandson is allergic to peanuts": Auntie Wang, the note the grandson's); as it was when the
    name is a customer's as heard, or names no member, or no customer is left without it."""
    spoken = entity(tracker, "customer")
    member = member_fact(tracker.latest_message.get("text"))
    names = names_before_member(spoken, member.member) if spoken and member is not None else []
    if not names or customer_lookup(s, spoken or "", intent=intent(tracker)).record is not None:
        return tracker
    for name in names:
        lookup = customer_lookup(s, name, intent=intent(tracker), typed=typed(tracker))
        if lookup.record is not None or lookup.choice is not None:
            trimmed = copy.copy(tracker)
            trimmed.latest_message = {**tracker.latest_message, "entities": [
                {**e, "value": name} if e.get("entity") == "customer" and e.get("value") == spoken else e
                for e in tracker.latest_message.get("entities") or []]}
            return trimmed
    return tracker
