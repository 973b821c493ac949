"""What every action needs: the database, the reply language, entities, and resolved names.

Actions stay thin: they read the tracker, call typed functions in ``assistant``, and say the result.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker
from sqlalchemy.orm import Session

from assistant.db import session_scope
from assistant.shop.shops import default_shop_id

CHANNELS = {"chat", "phone", "counter", "cli", "web"}


@dataclass(frozen=True)
class Shop:
    """An open database session and the shop it works in."""

    session: Session
    shop_id: int


@contextmanager
def shop() -> Iterator[Shop]:
    """A session on the shop database (committed when the block succeeds) and the shop's id."""
    with session_scope() as session:
        yield Shop(session=session, shop_id=default_shop_id(session))


def language(tracker: Tracker) -> str:
    """The language to answer in: the ``language`` slot set from the owner's own words."""
    return tracker.get_slot("language") or "zh"


def say(zh: str, en: str, lang: str) -> str:
    """Pick the reply text for the language."""
    return en if lang == "en" else zh


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


_UNITS_EN = {"袋": "bags", "桶": "bottles", "瓶": "bottles", "斤": "jin", "公斤": "kg", "盒": "boxes", "包": "packs",
             "个": "pieces", "箱": "cases", "把": "bundles", "罐": "jars", "枚": "eggs", "打": "dozen"}


def shown_name(name: str, aliases: list[str] | None, lang: str) -> str:
    """How to say a name: in English the first English alias when there is one."""
    if lang == "en":
        for alias in aliases or []:
            if alias.isascii():
                return alias
    return name


def unit_word(unit: str | None, lang: str) -> str:
    """A unit as spoken in the reply language (袋 → bags in English)."""
    unit = unit or ""
    return _UNITS_EN.get(unit, unit) if lang == "en" else unit


def typed(tracker: Tracker) -> bool:
    """Whether the message was typed (chat) rather than spoken (counter microphone, phone)."""
    return channel(tracker) not in {"counter", "phone"}
