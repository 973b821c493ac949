"""The blind NLU set 4 loads as Rasa NLU data and keeps its shape (structure only: nothing is scored)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

FOLDER = Path(__file__).parent
INTENTS = {
    "greet", "goodbye", "thank", "affirm", "deny", "ask_help", "out_of_scope", "ask_restock_due",
    "ask_customer_profile", "add_customer", "update_customer", "ask_birthdays", "ask_inactive",
    "ask_arrival_targets", "opt_out", "opt_in", "log_sale", "undo_last", "ask_sales_summary",
    "log_stock_in", "ask_stock", "ask_reorder", "record_greeting", "send_greeting", "ask_greetings",
    "ask_daily_tasks", "ask_campaign_compare", "ask_commission", "log_credit", "log_payment", "ask_balance",
}
ENTITIES = {"customer", "product", "quantity", "unit", "amount", "period", "date", "days", "tag", "occasion", "phone"}
PERIODS = {"today", "week", "month", "next_week", "next_month", "tomorrow"}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_blind4_has_every_intent_and_canonical_values(language: str) -> None:
    from rasa.shared.nlu.training_data.loading import load_data

    examples = load_data(str(FOLDER / f"blind4_{language}.yml")).training_examples
    per_intent = Counter(example.get("intent") for example in examples)
    assert len(examples) >= 300
    assert set(per_intent) == INTENTS and min(per_intent.values()) >= 8
    for example in examples:
        for entity in example.get("entities") or []:
            assert entity["entity"] in ENTITIES, example.get("text")
            value = str(entity["value"])
            if entity["entity"] == "period":
                assert value in PERIODS, example.get("text")
            if entity["entity"] == "date":
                assert re.fullmatch(r"\d{4}-\d\d-\d\d", value), example.get("text")
            if entity["entity"] in {"days", "amount", "quantity", "phone"}:
                assert re.fullmatch(r"\d+(\.\d+)?", value), example.get("text")
