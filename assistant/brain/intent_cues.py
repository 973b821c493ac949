"""A pipeline step after the model: words that settle a pair of requests the model confuses overrule it
(assistant/language/intent_cues.py says which words and why)."""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from assistant.brain.entities import EntityPostProcessor
from assistant.language.intent_cues import cued_intent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentCueResolver(EntityPostProcessor):
    """Puts the request a message's deciding words mean first, with the confidence the model gave its choice."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Overrule the model's top request where a cue says otherwise."""
        for message in messages:
            text, chosen = message.get(TEXT), message.get(INTENT) or {}
            if not isinstance(text, str) or text.startswith("/") or not chosen.get(INTENT_NAME_KEY):
                continue
            has_customer = any(e.get("entity") == "customer" for e in message.get(ENTITIES) or [])
            meant = cued_intent(text, chosen[INTENT_NAME_KEY], has_customer=has_customer)
            if meant is not None:
                message.set(INTENT, {INTENT_NAME_KEY: meant, "confidence": chosen.get("confidence")},
                            add_to_output=True)
                message.set(INTENT_RANKING_KEY, promoted(message.get(INTENT_RANKING_KEY) or [], chosen, meant),
                            add_to_output=True)
        return messages


def promoted(ranking: list[dict[str, Any]], chosen: dict[str, Any], meant: str) -> list[dict[str, Any]]:
    """The ranking with ``meant`` first at the chosen one's confidence; the chosen one takes ``meant``'s."""
    previous = next((r.get("confidence") for r in ranking if r.get(INTENT_NAME_KEY) == meant), 0.0)
    rest = [r for r in ranking if r.get(INTENT_NAME_KEY) not in (meant, chosen.get(INTENT_NAME_KEY))]
    rest.append({INTENT_NAME_KEY: chosen.get(INTENT_NAME_KEY), "confidence": previous})
    rest.sort(key=lambda r: -(r.get("confidence") or 0.0))
    return [{INTENT_NAME_KEY: meant, "confidence": chosen.get("confidence")}, *rest]
