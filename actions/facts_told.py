"""A customer's tag stated in a sentence the model heard as a question about her ("李叔有糖尿病"): the
fact to read back and note, not her profile."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.common import entities, entity, shop
from actions.names import current_meant
from assistant.context import ShopContext
from assistant.language.facts_told import tells_a_fact
from assistant.language.normalize import normalize
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
