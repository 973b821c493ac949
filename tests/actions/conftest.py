"""Run Rasa custom actions the way the action server does, against a real shop database."""

from __future__ import annotations

import asyncio
import inspect
from decimal import Decimal
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.names import forget_all_indexes
from assistant.config import ROOT, get_settings
from assistant.db import session_scope
from assistant.shop.customers import add_customer
from assistant.shop.products import add_product
from assistant.shop.shops import get_or_create_shop
from assistant.shop.stock import stock_in


@pytest.fixture
def domain() -> dict[str, Any]:
    """The assistant's domain, as the action server receives it."""
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def shop_db(engine, monkeypatch):
    """``engine`` as the assistant's database (``ASSISTANT_DB_URL``) with a small shop in it."""
    monkeypatch.setenv("ASSISTANT_DB_URL", engine.url.render_as_string(hide_password=False))
    get_settings.cache_clear()
    forget_all_indexes()
    with session_scope(engine) as session:
        shop = get_or_create_shop(session)
        add_customer(session, shop_id=shop.id, name="王秀英", aliases=["王阿姨", "Auntie Wang"], household="3栋",
                     channel="cli", marketing_consent=True)
        add_customer(session, shop_id=shop.id, name="汪桂兰", aliases=["汪阿姨"], household="5栋", channel="cli")
        add_customer(session, shop_id=shop.id, name="李建国", aliases=["李叔", "Uncle Li"], channel="cli")
        rice = add_product(session, shop_id=shop.id, name="东北大米", aliases=["northeast rice"], category="米",
                           unit="袋", price=Decimal("60"), channel="cli")
        add_product(session, shop_id=shop.id, name="泰国香米", category="米", unit="袋", price=Decimal("75"),
                    channel="cli")
        add_product(session, shop_id=shop.id, name="花生油", aliases=["peanut oil"], category="油", unit="桶",
                    price=Decimal("89"), channel="cli")
        stock_in(session, product=rice, quantity=Decimal("20"), channel="cli")
    return engine


class Conversation:
    """A conversation's state between actions: slots carried over as the Rasa server would."""

    def __init__(self, domain: dict[str, Any], sender: str = "test-conversation") -> None:
        self.domain = domain
        self.sender = sender
        self.slots: dict[str, Any] = {"language": "zh"}

    def run(self, action, *, text: str = "", intent: str = "", entities: dict[str, str] | None = None,
            **slots: Any) -> list[str]:
        """Run ``action`` after a message; returns what it said and keeps the slots it set."""
        self.slots.update(slots)
        latest = {"text": text, "intent": {"name": intent, "confidence": 1.0},
                  "entities": [{"entity": k, "value": v} for k, v in (entities or {}).items()],
                  "intent_ranking": []}
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
def conversation(domain) -> Conversation:
    """A fresh conversation in Chinese."""
    return Conversation(domain)


__all__ = ["Conversation", "SlotSet"]
