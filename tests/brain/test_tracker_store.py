"""Conversations in the shop's database: a restart or another replica continues them exactly (both databases)."""

from __future__ import annotations

import asyncio

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

from assistant.brain.tracker_store import LONG_SESSION_EVENTS, ShopTrackerStore
from assistant.config import ROOT
from assistant.context import ShopContext


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def _store(context: ShopContext, domain: Domain) -> ShopTrackerStore:
    store = ShopTrackerStore(context)
    store.domain = domain
    return store


def _turn(text: str, reply: str, **slots: object) -> list:
    return [UserUttered(text, {"name": "log_sale", "confidence": 1.0}),
            *(SlotSet(name, value) for name, value in slots.items()),
            ActionExecuted("action_propose_sale"), BotUttered(reply), ActionExecuted("action_listen")]


START = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
READ_BACK = {"kind": "sale", "id": "abc", "summary": "王秀英 买 东北大米 1袋,共 60 元。对吗?", "data": {}}


async def _say(store: ShopTrackerStore, sender: str, events: list) -> None:
    """One turn as Rasa's processor does it: retrieve (or start), add the turn's events, save."""
    tracker = await store.retrieve(sender) or store.init_tracker(sender)
    for event in events:
        tracker.update(event)
    await store.save(tracker)


def test_a_read_back_waiting_survives_a_restart(context, domain):
    before = _store(context, domain)
    asyncio.run(_say(before, "counter", [*START, *_turn("王阿姨买了一袋米", READ_BACK["summary"], language="zh",
                                                        pending=READ_BACK)]))
    after_restart = _store(context, domain)  # a new process: nothing in memory
    tracker = asyncio.run(after_restart.retrieve("counter"))
    assert tracker.get_slot("pending") == READ_BACK
    assert [e.as_dict() for e in tracker.events] == [e.as_dict() for e in before.last_saved("counter").events]


def test_two_replicas_take_turns_on_one_conversation(context, domain):
    first, second = _store(context, domain), _store(context, domain)
    asyncio.run(_say(first, "phone", [*START, *_turn("王阿姨买了一袋米", "对吗?", pending=READ_BACK)]))
    asyncio.run(_say(second, "phone", _turn("对", "记好了。", pending=None, last_write=READ_BACK)))
    tracker = asyncio.run(first.retrieve("phone"))  # the first replica sees what the second did
    assert tracker.get_slot("pending") is None and tracker.get_slot("last_write") == READ_BACK
    asyncio.run(_say(first, "phone", _turn("谢谢", "不客气。")))
    full = asyncio.run(_store(context, domain).retrieve_full_tracker("phone"))
    assert [e.text for e in full.events if isinstance(e, UserUttered)] == ["王阿姨买了一袋米", "对", "谢谢"]


def test_a_long_day_is_read_back_from_its_last_session_only(context, domain):
    store = _store(context, domain)
    asyncio.run(_say(store, "counter", START))
    for n in range(LONG_SESSION_EVENTS // 5 + 1):
        asyncio.run(_say(store, "counter", _turn(f"第{n}笔", "记好了。", language="zh")))
    tracker = asyncio.run(_store(context, domain).retrieve("counter"))
    assert len(tracker.events) < LONG_SESSION_EVENTS // 2
    assert tracker.get_slot("language") == "zh"


def test_conversations_are_kept_apart(context, domain):
    store = _store(context, domain)
    asyncio.run(_say(store, "a", [*START, *_turn("一", "1", pending=READ_BACK)]))
    asyncio.run(_say(store, "b", [*START, *_turn("二", "2")]))
    restarted = _store(context, domain)
    assert asyncio.run(restarted.retrieve("a")).get_slot("pending") == READ_BACK
    assert asyncio.run(restarted.retrieve("b")).get_slot("pending") is None
    assert asyncio.run(restarted.retrieve("nobody")) is None


def test_the_last_list_and_how_far_it_was_read_survive_a_restart(context, domain):
    place = {"report": "inactive", "options": {"days": "30"}, "said": 3}
    asked = [UserUttered("谁一个月没来了", {"name": "ask_inactive", "confidence": 1.0}),
             ActionExecuted("action_inactive"), SlotSet("last_list", place),
             BotUttered("超过30天没来的老顾客有20位:..."), ActionExecuted("action_listen")]
    asyncio.run(_say(_store(context, domain), "counter", [*START, *asked]))
    tracker = asyncio.run(_store(context, domain).retrieve("counter"))  # a new process
    assert tracker.get_slot("last_list") == place
