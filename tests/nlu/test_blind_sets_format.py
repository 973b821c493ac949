"""The blind NLU sets (#4 to #9) load as Rasa NLU data and keep their shape: every intent, canonical values,
whole-word spans that survive normalisation (structure only: nothing is scored)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

FOLDER = Path(__file__).parent
INTENTS_4 = {
    "greet", "goodbye", "thank", "affirm", "deny", "ask_help", "out_of_scope", "ask_restock_due",
    "ask_customer_profile", "add_customer", "update_customer", "ask_birthdays", "ask_inactive",
    "ask_arrival_targets", "opt_out", "opt_in", "log_sale", "undo_last", "ask_sales_summary",
    "log_stock_in", "ask_stock", "ask_reorder", "record_greeting", "send_greeting", "ask_greetings",
    "ask_daily_tasks", "ask_campaign_compare", "ask_commission", "log_credit", "log_payment", "ask_balance",
}
# Sets #5 to #19 were written after `ask_more` ("还有呢") joined the intents.
SETS = {"blind4": (INTENTS_4, 300), "blind5": (INTENTS_4 | {"ask_more"}, 320),
        "blind6": (INTENTS_4 | {"ask_more"}, 380),
        "blind7": (INTENTS_4 | {"ask_more"}, 440),
        "blind8": (INTENTS_4 | {"ask_more"}, 480),
        "blind9": (INTENTS_4 | {"ask_more"}, 520),
        "blind10": (INTENTS_4 | {"ask_more"}, 520),
        "blind11": (INTENTS_4 | {"ask_more"}, 520),
        "blind12": (INTENTS_4 | {"ask_more"}, 520),
        "blind13": (INTENTS_4 | {"ask_more"}, 520),
        "blind14": (INTENTS_4 | {"ask_more"}, 520),
        "blind15": (INTENTS_4 | {"ask_more"}, 520),
        "blind16": (INTENTS_4 | {"ask_more"}, 540),
        "blind17": (INTENTS_4 | {"ask_more"}, 540),
        "blind18": (INTENTS_4 | {"ask_more"}, 560),
        "blind19": (INTENTS_4 | {"ask_more"}, 576)}
ENTITIES = {"customer", "product", "quantity", "unit", "amount", "period", "date", "days", "tag", "occasion", "phone"}
PERIODS = {"today", "week", "month", "next_week", "next_month", "tomorrow"}
CASES = [(name, language) for name in SETS for language in ("zh", "en")]
# The sets written to the later conventions: no sentence twice, whole-word spans, half in speech form.
LATER_CASES = [(name, language) for name in ("blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11",
                                          "blind12", "blind13", "blind14", "blind15", "blind16", "blind17",
                                          "blind18", "blind19")
               for language in ("zh", "en")]


def _examples(name: str, language: str):  # noqa: ANN202 (Rasa Messages)
    from rasa.shared.nlu.training_data.loading import load_data

    return load_data(str(FOLDER / f"{name}_{language}.yml")).training_examples


@pytest.mark.parametrize(("name", "language"), CASES)
def test_every_intent_and_canonical_values(name: str, language: str) -> None:
    intents, at_least = SETS[name]
    examples = _examples(name, language)
    per_intent = Counter(example.get("intent") for example in examples)
    assert len(examples) >= at_least
    assert set(per_intent) == intents and min(per_intent.values()) >= 8
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


@pytest.mark.parametrize(("name", "language"), LATER_CASES)
def test_no_sentence_twice(name: str, language: str) -> None:
    examples = _examples(name, language)
    assert len({example.get("text") for example in examples}) == len(examples), "a sentence is there twice"


@pytest.mark.parametrize(("name", "language"), LATER_CASES)
def test_spans_are_whole_words_that_survive_normalisation(name: str, language: str) -> None:
    """Every span starts and ends on a word (no stray space or punctuation) and lands on the normalised
    text, where the evaluation compares it."""
    from assistant.language.normalize import normalize

    for example in _examples(name, language):
        text = example.get("text")
        normalized = normalize(text)
        for entity in example.get("entities") or []:
            span = text[entity["start"]:entity["end"]]
            assert span == span.strip() and not re.search(r"^[,.?!:;，。？！]|[,.?!:;，。？！]$", span), text
            assert normalized.to_normalized_span(entity["start"], entity["end"]) is not None, (text, span)


@pytest.mark.parametrize(("name", "language"), LATER_CASES)
def test_about_half_is_written_as_a_speech_recogniser_writes(name: str, language: str) -> None:
    """Speech form: no punctuation, no capitals, no digits; Chinese with spaces between words."""
    def speech(text: str) -> bool:
        if re.search(r"[,.?!:;，。？！：、A-Z0-9]", text):
            return False
        return language == "en" or " " in text.strip()

    examples = _examples(name, language)
    share = sum(speech(example.get("text")) for example in examples) / len(examples)
    assert 0.4 <= share <= 0.6, share
