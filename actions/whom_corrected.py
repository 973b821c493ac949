"""An opt-out or a customer's fact read back for the wrong one of two homophones, put right by name: "是汪桂兰",
"不是王阿姨,是汪阿姨" while "王秀英以后不再收店里的消息。对吗?(如果是汪桂兰,说“是汪桂兰”。)" waits — the same
change read back for the one she named, whatever the model made of the words (a profile question, a no, an
unsure guess). Sales, tabs and repayments are put right by ``actions.corrections``."""

from __future__ import annotations

import dataclasses
import uuid

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entities, language, person_name, read_back, shop, typed
from actions.names import customer_lookup, made_current
from assistant.brain.proposals import ConsentProposal, CustomerUpdateProposal, Proposal
from assistant.context import ShopContext
from assistant.db.models import Customer
from assistant.language.whom_instead import names_someone_instead, only_a_name


def correct_whom(context: ShopContext, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """The events of reading the waiting opt-out or fact back for the customer the message names instead;
    None when nothing such waits, the message is no such correction, or it names no one else for certain."""
    waiting = Proposal.from_slot(tracker.get_slot("pending"))
    if not isinstance(waiting, (ConsentProposal, CustomerUpdateProposal)) or not waiting.customer_id:
        return None
    named = entities(tracker, "customer")
    text = tracker.latest_message.get("text")
    only_the_name = bool(named) and only_a_name(text, named[-1])
    if not named or not (names_someone_instead(text) or only_the_name):
        return None
    with shop(context) as s:
        lookup = customer_lookup(s, named[-1], intent="", typed=typed(tracker))  # "不是王阿姨,是汪阿姨": the last
        ids = [lookup.record.id] if lookup.record is not None else lookup.candidate_ids
        if only_the_name and waiting.customer_id in ids:  # "王秀英", the one read back: the read-back again
            return read_back(dispatcher, waiting)
        others = [i for i in ids if i != waiting.customer_id]  # a spoken 汪阿姨 ties with 王秀英: the other one
        meant = s.session.get(Customer, others[0]) if len(others) == 1 else None
        if meant is None or meant.shop_id != s.shop_id:
            return None
        changed = {"id": uuid.uuid4().hex, "written": None, "customer_id": meant.id,
                   "customer_name": person_name(meant.name, meant.aliases, language(tracker))}
        if isinstance(waiting, CustomerUpdateProposal) and waiting.household:
            changed["household_before"] = meant.household  # her own address is the one an undo puts back
        return read_back(dispatcher, dataclasses.replace(waiting, **changed), *made_current(meant))
