"""Run Rasa custom actions the way the action server does, against a real shop database."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from assistant.config import ROOT


@pytest.fixture
def demo(sqlite_engine, pin_today):
    """The demo shop 禾香粮油 on SQLite, today pinned to 2026-03-15 (the day its figures are written for)."""
    from assistant.shop.demo import load_demo

    pin_today("2026-03-15")
    load_demo(sqlite_engine)
    return sqlite_engine


@pytest.fixture
def domain() -> dict[str, Any]:
    """The assistant's domain, as the action server receives it."""
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


class Conversation:
    """A conversation's state between actions: slots carried over as the Rasa server would."""

    def __init__(self, domain: dict[str, Any], request: pytest.FixtureRequest,
                 sender: str = "test-conversation") -> None:
        self.domain = domain
        self.request = request
        self.sender = sender
        self.slots: dict[str, Any] = {"language": "zh"}

    def run(self, action, *, text: str = "", intent: str = "", entities: dict[str, str] | list[dict] | None = None,
            channel: str = "chat", ranking: list[str] | None = None, **slots: Any) -> list[str]:
        """Run ``action`` (a class: made with the test's ``shop_context``) after a message; returns what it
        said and keeps the slots it set."""
        if isinstance(action, type):
            action = action(self.request.getfixturevalue("shop_context"))
        self.slots.update(slots)
        latest = {"text": text, "intent": {"name": intent, "confidence": 1.0},
                  "entities": (list(entities) if isinstance(entities, list)  # several of one kind, in order
                               else [{"entity": k, "value": v} for k, v in (entities or {}).items()]),
                  "intent_ranking": [{"name": name, "confidence": 0.4} for name in ranking or []],
                  "metadata": {"channel": channel}}
        tracker = Tracker(self.sender, dict(self.slots), latest, [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        events = action.run(dispatcher, tracker, self.domain)
        if inspect.iscoroutine(events):
            events = asyncio.run(events)
        for event in events or []:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
        return [m["text"] for m in dispatcher.messages]

    def slot(self, name: str) -> Any:
        """The current value of a slot."""
        return self.slots.get(name)


@pytest.fixture
def conversation(domain, request) -> Conversation:
    """A fresh conversation in Chinese."""
    return Conversation(domain, request)


__all__ = ["Conversation", "SlotSet"]
