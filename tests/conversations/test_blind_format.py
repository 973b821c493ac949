"""The blind acceptance conversations keep the corpus format (structure only: nothing is run or scored)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

BLIND = Path(__file__).parent / "blind"

# CONTRACT §5, the intents every conversation's main intent must come from.
INTENTS = {
    "greet", "goodbye", "thank", "affirm", "deny", "ask_help", "out_of_scope", "ask_restock_due",
    "ask_customer_profile", "add_customer", "update_customer", "ask_birthdays", "ask_inactive",
    "ask_arrival_targets", "opt_out", "opt_in", "log_sale", "undo_last", "ask_sales_summary",
    "log_stock_in", "ask_stock", "ask_reorder", "record_greeting", "send_greeting", "ask_greetings",
    "ask_daily_tasks", "ask_campaign_compare", "ask_commission", "log_credit", "log_payment", "ask_balance",
}
CREDIT_INTENTS = {"log_credit", "log_payment", "ask_balance"}
CONVERSATION_KEYS = {"id", "intent", "language", "style", "channel", "turns", "db", "pending"}
TURN_KEYS = {"say", "has", "has_any", "lacks"}


def _conversations() -> list[dict[str, Any]]:
    """Every conversation of every blind file, in file order."""
    found = []
    for path in sorted(BLIND.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(document) == {"conversations"}, path.name
        found.extend(document["conversations"])
    return found


def _strings(value: Any) -> bool:
    """True for a non-empty list of non-empty strings."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value)


@pytest.mark.parametrize("conversation", _conversations(), ids=lambda c: c.get("id", "?"))
def test_each_conversation_has_the_keys_of_the_format(conversation: dict[str, Any]) -> None:
    assert set(conversation) <= CONVERSATION_KEYS
    assert conversation["intent"] in INTENTS
    assert conversation["language"] in {"zh", "en"}
    assert conversation["style"] in {"typed", "spoken"}
    assert conversation.get("channel", "chat") in {"chat", "counter", "phone"}
    assert (conversation.get("pending") == "credit") == (conversation["intent"] in CREDIT_INTENTS)
    assert conversation["turns"]
    for turn in conversation["turns"]:
        assert set(turn) <= TURN_KEYS and isinstance(turn["say"], str) and turn["say"].strip()
        assert all(_strings(turn[key]) for key in ("has", "has_any", "lacks") if key in turn)
        if conversation["style"] == "spoken":  # a recogniser writes no digits and no punctuation
            assert not any(ch.isdigit() or ch in ",.?!,。?!'" for ch in turn["say"]), turn["say"]
    for check in conversation.get("db", []):
        assert set(check) == {"sql", "equals"} and check["sql"].lstrip().upper().startswith("SELECT")
        assert isinstance(check["equals"], (int, float, str))


def test_the_set_is_large_mixed_and_covers_every_intent() -> None:
    conversations = _conversations()
    ids = Counter(c["id"] for c in conversations)
    assert [i for i, n in ids.items() if n > 1] == []
    assert len(conversations) >= 50
    assert sum(c["language"] == "zh" for c in conversations) >= 0.6 * len(conversations)
    assert sum(c["style"] == "spoken" for c in conversations) >= 0.5 * len(conversations)
    assert INTENTS - {c["intent"] for c in conversations} == set()
