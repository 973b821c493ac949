"""What the brain does to answer fast behaves exactly like the Rasa parts it replaces: action results are
checked against Rasa's schema, and conversations come back from the kept tracker store as Rasa's
in-memory store gives them."""

from __future__ import annotations

import asyncio

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

from assistant.brain.dialogue import check_action_results_with_one_validator
from assistant.brain.tracker_store import LONG_SESSION_EVENTS, ShopTrackerStore
from assistant.config import ROOT


@pytest.fixture
def action() -> RemoteAction:
    check_action_results_with_one_validator()
    check_action_results_with_one_validator()  # a second brain in the process changes nothing
    return RemoteAction("action_stock", None)


def test_a_valid_result_passes(action):
    result = {"events": [{"event": "slot", "name": "pending", "value": {"kind": "sale"}}],
              "responses": [{"text": "花生油还有15桶,够42天。"}]}
    assert action._validate_action_result(result) is True


def test_an_invalid_result_is_refused_with_rasas_explanation(action):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"event": "no_such_event"}], "responses": []})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list", "responses": []})


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def _turn(text: str, intent: str, reply: str, **slots: object) -> list:
    return [UserUttered(text, {"name": intent, "confidence": 1.0}),
            *(SlotSet(name, value) for name, value in slots.items()),
            ActionExecuted("action_stock"), BotUttered(reply), ActionExecuted("action_listen")]


def _session_start() -> list:
    return [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]


def _both_stores(domain: Domain, events: list) -> tuple:
    """What Rasa's in-memory store and the kept store give back after saving the same conversation."""

    async def save_and_retrieve(store):  # noqa: ANN001, ANN202
        store.domain = domain
        tracker = store.init_tracker("counter")
        for event in events:
            tracker.update(event)
        await store.save(tracker)
        return await store.retrieve("counter"), await store.retrieve_full_tracker("counter")

    return asyncio.run(save_and_retrieve(InMemoryTrackerStore(domain))), asyncio.run(
        save_and_retrieve(ShopTrackerStore()))


def _same(kept, rasa) -> None:  # noqa: ANN001
    assert [e.as_dict() for e in kept.events] == [e.as_dict() for e in rasa.events]
    assert kept.current_slot_values() == rasa.current_slot_values()
    assert kept.latest_message.text == rasa.latest_message.text


def test_a_conversation_comes_back_as_rasa_keeps_it(domain):
    events = [*_session_start(), *_turn("花生油还剩多少", "ask_stock", "花生油还有15桶。", language="zh",
                                        pending={"kind": "choose", "options": ["A", "B"]})]
    (rasa_last, rasa_all), (kept_last, kept_all) = _both_stores(domain, events)
    _same(kept_last, rasa_last)
    _same(kept_all, rasa_all)
    assert kept_last.get_slot("pending") == {"kind": "choose", "options": ["A", "B"]}


def test_only_the_last_session_comes_back_unless_all_are_asked_for(domain):
    events = [*_session_start(), *_turn("你好", "greet", "您好!", language="zh", pending={"kind": "x"}),
              *_session_start(), *_turn("thanks", "thank", "You're welcome!", language="en")]
    (rasa_last, rasa_all), (kept_last, kept_all) = _both_stores(domain, events)
    _same(kept_last, rasa_last)
    _same(kept_all, rasa_all)
    assert kept_last.get_slot("pending") is None and kept_last.get_slot("language") == "en"
    assert len(kept_all.events) > len(kept_last.events)


def test_a_retrieved_conversation_changed_and_not_saved_leaves_the_kept_one(domain):
    store = ShopTrackerStore()
    store.domain = domain

    async def run():  # noqa: ANN202
        tracker = store.init_tracker("phone")
        for event in [*_session_start(), *_turn("你好", "greet", "您好!", language="zh")]:
            tracker.update(event)
        await store.save(tracker)
        changed = await store.retrieve("phone")
        changed.update(SlotSet("language", "en"))
        return await store.retrieve("phone"), changed

    kept, changed = asyncio.run(run())
    assert kept.get_slot("language") == "zh" and changed.get_slot("language") == "en"
    assert len(kept.events) == len(changed.events) - 1


def _long_day(turns: int, **last_slots: object) -> list:
    events = [*_session_start()]
    for n in range(turns):
        events += _turn(f"花生油还剩多少 {n}", "ask_stock", "花生油还有15桶。", language="zh")
    events += _turn("记一笔", "log_sale", "记好了。", last_write={"kind": "sale", "id": 7}, **last_slots)
    return events


def _saved_and_retrieved(domain, events):  # noqa: ANN001, ANN202
    store = ShopTrackerStore()
    store.domain = domain

    async def run():  # noqa: ANN202
        tracker = store.init_tracker("counter")
        for event in events:
            tracker.update(event)
        await store.save(tracker)
        return await store.retrieve("counter")

    return asyncio.run(run())


def test_a_long_day_at_the_counter_goes_on_in_a_new_session_with_every_slot(domain):


    events = _long_day(LONG_SESSION_EVENTS // 5)  # five events a turn: past the limit
    retrieved = _saved_and_retrieved(domain, events)
    assert len(retrieved.events) < 10  # the policies read a short session from now on
    assert retrieved.get_slot("language") == "zh"
    assert retrieved.get_slot("last_write") == {"kind": "sale", "id": 7}  # "undo" still knows what to undo
    assert [e.as_dict()["event"] for e in retrieved.events][:2] == ["action", "session_started"]


def test_a_read_back_waiting_for_yes_goes_on_into_the_new_session(domain):


    retrieved = _saved_and_retrieved(domain, _long_day(LONG_SESSION_EVENTS // 5, pending={"kind": "sale"}))
    assert len(retrieved.events) < 10
    assert retrieved.get_slot("pending") == {"kind": "sale"}  # "yes" still confirms it


def test_a_long_session_filling_the_sale_form_is_not_cut(domain):
    from rasa.shared.core.events import ActiveLoop



    events = _long_day(LONG_SESSION_EVENTS // 5)
    events = events[:-1] + [ActionExecuted("sale_form"), ActiveLoop("sale_form"), ActionExecuted("action_listen")]
    retrieved = _saved_and_retrieved(domain, events)
    assert len(retrieved.events) == len(events)
    assert retrieved.active_loop_name == "sale_form"
