"""The blind acceptance conversations keep the corpus format (structure only: nothing is run or scored).

Each kept-aside set (``blind/`` to ``blind15/``) is checked with the rules of its own time: the first set
was written before the tab (credit) existed, so its credit conversations are ``pending: credit``; the later
ones were written once credit was built, so nothing in them is pending, and they also exercise ``ask_more``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.brain import conversations as corpus

HERE = Path(__file__).parent

# CONTRACT §5, the intents every conversation's main intent must come from.
INTENTS = frozenset({
    "greet", "goodbye", "thank", "affirm", "deny", "ask_help", "out_of_scope", "ask_restock_due",
    "ask_customer_profile", "add_customer", "update_customer", "ask_birthdays", "ask_inactive",
    "ask_arrival_targets", "opt_out", "opt_in", "log_sale", "undo_last", "ask_sales_summary",
    "log_stock_in", "ask_stock", "ask_reorder", "record_greeting", "send_greeting", "ask_greetings",
    "ask_daily_tasks", "ask_campaign_compare", "ask_commission", "log_credit", "log_payment", "ask_balance",
})
CREDIT_INTENTS = frozenset({"log_credit", "log_payment", "ask_balance"})
CONVERSATION_KEYS = {"id", "intent", "language", "style", "channel", "turns", "db", "pending"}
TURN_KEYS = {"say", "has", "has_any", "lacks"}


@dataclass(frozen=True)
class BlindSet:
    """One kept-aside folder and the rules it was written to."""

    name: str
    intents: frozenset[str]  # every one must be some conversation's main intent
    credit_pending: bool  # credit conversations are `pending: credit` (and nothing else is pending)
    smallest: int  # how many conversations it must hold at least

    def conversations(self) -> list[dict[str, Any]]:
        """Every conversation of every file of the set, in file order."""
        found = []
        for path in sorted((HERE / self.name).glob("*.yml")):
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert set(document) == {"conversations"}, path.name
            found.extend(document["conversations"])
        return found


BLIND_SETS = (
    BlindSet("blind", INTENTS, credit_pending=True, smallest=50),
    BlindSet("blind2", INTENTS | {"ask_more"}, credit_pending=False, smallest=80),
    BlindSet("blind3", INTENTS | {"ask_more"}, credit_pending=False, smallest=100),
    BlindSet("blind4", INTENTS | {"ask_more"}, credit_pending=False, smallest=120),
    BlindSet("blind5", INTENTS | {"ask_more"}, credit_pending=False, smallest=150),
    BlindSet("blind6", INTENTS | {"ask_more"}, credit_pending=False, smallest=150),
    BlindSet("blind7", INTENTS | {"ask_more"}, credit_pending=False, smallest=150),
    BlindSet("blind8", INTENTS | {"ask_more"}, credit_pending=False, smallest=200),
    BlindSet("blind9", INTENTS | {"ask_more"}, credit_pending=False, smallest=220),
    BlindSet("blind10", INTENTS | {"ask_more"}, credit_pending=False, smallest=220),
    BlindSet("blind11", INTENTS | {"ask_more"}, credit_pending=False, smallest=360),
    BlindSet("blind12", INTENTS | {"ask_more"}, credit_pending=False, smallest=300),
    BlindSet("blind13", INTENTS | {"ask_more"}, credit_pending=False, smallest=330),
    BlindSet("blind14", INTENTS | {"ask_more"}, credit_pending=False, smallest=340),
    BlindSet("blind15", INTENTS | {"ask_more"}, credit_pending=False, smallest=420),
)


def _strings(value: Any) -> bool:
    """True for a non-empty list of non-empty strings."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value)


def _cases() -> list[Any]:
    return [pytest.param(blind_set, conversation, id=f"{blind_set.name}-{conversation.get('id', '?')}")
            for blind_set in BLIND_SETS for conversation in blind_set.conversations()]


@pytest.mark.parametrize(("blind_set", "conversation"), _cases())
def test_each_conversation_has_the_keys_of_the_format(blind_set: BlindSet, conversation: dict[str, Any]) -> None:
    assert set(conversation) <= CONVERSATION_KEYS
    assert conversation["intent"] in blind_set.intents
    assert conversation["language"] in {"zh", "en"}
    assert conversation["style"] in {"typed", "spoken"}
    assert conversation.get("channel", "chat") in {"chat", "counter", "phone"}
    expected_pending = "credit" if blind_set.credit_pending and conversation["intent"] in CREDIT_INTENTS else None
    assert conversation.get("pending") == expected_pending
    assert conversation["turns"]
    for turn in conversation["turns"]:
        assert set(turn) <= TURN_KEYS and isinstance(turn["say"], str) and turn["say"].strip()
        assert all(_strings(turn[key]) for key in ("has", "has_any", "lacks") if key in turn)
        if conversation["style"] == "spoken":  # a recogniser writes no digits and no punctuation
            assert not any(ch.isdigit() or ch in ",.?!,。?!'" for ch in turn["say"]), turn["say"]
    for check in conversation.get("db", []):
        assert set(check) == {"sql", "equals"} and check["sql"].lstrip().upper().startswith("SELECT")
        assert isinstance(check["equals"], (int, float, str))


@pytest.mark.parametrize("blind_set", BLIND_SETS, ids=lambda s: s.name)
def test_the_set_is_large_mixed_and_covers_every_intent(blind_set: BlindSet) -> None:
    conversations = blind_set.conversations()
    ids = Counter(c["id"] for c in conversations)
    assert [i for i, n in ids.items() if n > 1] == []
    assert len(conversations) >= blind_set.smallest
    assert sum(c["language"] == "zh" for c in conversations) >= 0.6 * len(conversations)
    assert sum(c["style"] == "spoken" for c in conversations) >= 0.5 * len(conversations)
    assert blind_set.intents - {c["intent"] for c in conversations} == set()


@pytest.mark.parametrize("blind_set", BLIND_SETS[1:], ids=lambda s: s.name)
def test_spoken_english_of_the_later_sets_is_lower_case_as_a_recogniser_writes_it(blind_set: BlindSet) -> None:
    spoken = [turn["say"] for c in blind_set.conversations()
              if c["language"] == "en" and c["style"] == "spoken" for turn in c["turns"]]
    assert spoken and [say for say in spoken if say != say.lower()] == []


def test_every_set_loads_through_the_runner_and_no_id_is_shared_between_sets() -> None:
    loaded = {name: corpus.load_corpus(name) for name in corpus.SETS}
    assert {name: len(items) for name, items in loaded.items() if name != "main"} == {
        blind_set.name: len(blind_set.conversations()) for blind_set in BLIND_SETS}
    every_id = Counter(c.id for items in loaded.values() for c in items)
    assert [i for i, n in every_id.items() if n > 1] == []
