"""What every action needs: the database, the reply language, entities, and resolved names.

Actions stay thin: they read the tracker, call typed functions in ``assistant``, and say the result.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from assistant.brain.proposals import Proposal
from assistant.context import ShopContext, standalone_context
from assistant.language.dates import canonical_date
from assistant.language.returns import tells_a_return
from assistant.language.tense import day_as_told, past_day
from assistant.language.wording import person_name, shown_name, unit_word  # noqa: F401 (re-exported for the actions)
from assistant.shop.channels import MESSAGE_CHANNELS as CHANNELS
from assistant.shop.channels import SPOKEN_CHANNELS
from assistant.shop.english import in_english


class UsesContext:
    """An action of the shop: made with the shop context by the in-process executor
    (``assistant.brain.actions_endpoint``), or without arguments by ``rasa run actions``, which then uses
    the process's standalone context."""

    def __init__(self, context: ShopContext | None = None) -> None:
        super().__init__()
        self.context = context or standalone_context()


class ShopAction(UsesContext, Action, ABC):
    """A custom action with the shop context at hand (``self.context``)."""

    @abstractmethod
    def name(self) -> str:
        """The action's name in the domain."""


@dataclass(frozen=True)
class Shop:
    """An open database session, the shop it works in and the context it came from."""

    session: Session
    shop_id: int
    context: ShopContext


@contextmanager
def shop(context: ShopContext) -> Iterator[Shop]:
    """A session on the shop database (committed when the block succeeds) and the shop's id."""
    with context.session() as session:
        yield Shop(session=session, shop_id=context.shop_id, context=context)


def language(tracker: Tracker) -> str:
    """The language to answer in: the ``language`` slot set from the owner's own words."""
    return tracker.get_slot("language") or "zh"


def say(zh: str, en: str, lang: str) -> str:
    """Pick the reply text for the language."""
    return en if lang == "en" else zh


def in_language(lang: str, s: Shop, answer: str) -> str:
    """The answer as said in ``lang``: an English one with the shop's Chinese names and words in English."""
    return in_english(answer, session=s.session, shop_id=s.shop_id) if lang == "en" else answer


def read_back(dispatcher: CollectingDispatcher, proposal: Proposal, *events: EventType,
              lang: str | None = None) -> list[EventType]:
    """Read ``proposal`` back and keep it waiting for "对"; one that could never be kept (a number past
    what one entry may carry) is refused now, saying what to do, and nothing waits."""
    refused = proposal.refusal(lang)
    if refused is not None:
        dispatcher.utter_message(text=refused)
        return [SlotSet("pending", None), *events]
    dispatcher.utter_message(text=proposal.describe(lang))
    return [SlotSet("pending", proposal.to_slot()), *events]


def refuses_a_return(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """When the message tells of goods brought back ("王阿姨退了一袋米"), says returns are not recorded and
    how to set a wrong sale right, and answers True: nothing is read back or written."""
    if not tells_a_return(tracker.latest_message.get("text")):
        return False
    dispatcher.utter_message(text=say(
        "退货不能当销售记,这次什么都没记。要是刚记的那笔就是这件货,说“撤销”可以撤掉;"
        "不然请在账本上手工记下退的钱和退回的货。",
        "Returns can't be recorded as sales, so nothing was written. If it was the sale just recorded, say "
        "\"undo\" to take it back; otherwise note the refund and the goods back by hand.",
        language(tracker)))
    return True


def entity(tracker: Tracker, name: str) -> str | None:
    """The value of the first entity ``name`` in the latest message, if any."""
    for found in tracker.latest_message.get("entities", []):
        if found.get("entity") == name and found.get("value") not in (None, ""):
            return str(found["value"])
    return None


def entities(tracker: Tracker, name: str) -> list[str]:
    """Every value of entity ``name`` in the latest message, in order, without repeats."""
    values = [str(e["value"]) for e in tracker.latest_message.get("entities", [])
              if e.get("entity") == name and e.get("value") not in (None, "")]
    return list(dict.fromkeys(values))


def entity_map(tracker: Tracker) -> dict[str, Any]:
    """The latest message's entities as ``{name: value}`` (first value of each)."""
    found: dict[str, Any] = {}
    for e in tracker.latest_message.get("entities", []):
        found.setdefault(e.get("entity"), e.get("value"))
    return found


def channel(tracker: Tracker) -> str:
    """Where the message came from (counter, phone or chat), for the audit log and sales."""
    metadata = tracker.latest_message.get("metadata") or {}
    value = metadata.get("channel") or tracker.get_latest_input_channel()
    return value if value in CHANNELS else "chat"


def intent(tracker: Tracker) -> str:
    """The name of the latest message's intent."""
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def typed(tracker: Tracker) -> bool:
    """Whether the message was typed (chat) rather than spoken (counter microphone, phone)."""
    return channel(tracker) not in SPOKEN_CHANNELS


_MONTH_DAY = re.compile(r"\d{1,2}月\d{1,2}[日号]")


def _day_in_words(text: str | None, today: Any) -> str | None:
    """A month and day the model left untagged ("张姐3月20号还了50" with 3月20号 taken into the name), as the
    day the record tells of (ISO), else None."""
    found = _MONTH_DAY.search(text or "")
    day = canonical_date(found.group(0), today) if found else None
    return day_as_told(dt.date.fromisoformat(day), text, today).isoformat() if day else None


def told_day(tracker: Tracker, today: Any, *, started_by: str | None = None) -> str | None:
    """The earlier day a record is told of ("3月10号还了一百": its date entity, before ``today``), ISO, else
    None; with ``started_by`` (a form's intent), the day may be in the message that started it."""
    for event in reversed(tracker.events or []):
        if event.get("event") != "user":
            continue
        parsed = event.get("parse_data") or {}
        said = next((e.get("value") for e in parsed.get("entities") or [] if e.get("entity") == "date"), None)
        said = said or _day_in_words(parsed.get("text"), today)
        if said or started_by is None or (parsed.get("intent") or {}).get("name") == started_by:
            day = past_day(str(said) if said else None, today)
            return day.isoformat() if day else None
    return None
