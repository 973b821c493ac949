"""A pipeline step after the model: words that settle a pair of requests the model confuses overrule it
(assistant/language/intent_cues.py says which words and why)."""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from assistant.brain.entities import EntityPostProcessor
from assistant.language.intent_cues import settling_cue

# Requests that ask nothing of the shop's for a day: 明天 in "明天天气怎么样" or "明天见" is no report's period
# (docs/annotation.md), whatever the model tags.
TIMELESS_INTENTS = frozenset({"out_of_scope", "greet", "goodbye", "thank"})
TIME_ENTITIES = frozenset({"period", "date", "days"})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentCueResolver(EntityPostProcessor):
    """Puts the request a message's deciding words mean first, with the confidence the model gave to the requests
    those words decide between."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Overrule or confirm the model's top request where a cue's words settle it."""
        for message in messages:
            text, chosen = message.get(TEXT), message.get(INTENT) or {}
            if not isinstance(text, str) or text.startswith("/") or not chosen.get(INTENT_NAME_KEY):
                continue
            has_customer = any(e.get("entity") == "customer" for e in message.get(ENTITIES) or [])
            cue = settling_cue(text, chosen[INTENT_NAME_KEY], has_customer=has_customer)
            if cue is None:
                continue
            ranking = message.get(INTENT_RANKING_KEY) or [chosen]
            settled = settled_ranking(ranking, cue.meant, cue.ruled_out)
            message.set(INTENT, dict(settled[0]), add_to_output=True)
            message.set(INTENT_RANKING_KEY, settled, add_to_output=True)
        return messages


def settled_ranking(ranking: list[dict[str, Any]], meant: str, ruled_out: tuple[str, ...]) -> list[dict[str, Any]]:
    """The ranking with ``meant`` first: the words chose it among itself and ``ruled_out`` (``*``: every request),
    so it takes their confidence together and they keep none — the model's doubt between them is settled, its
    doubt about other requests is not."""
    def out(name: str) -> bool:
        return name != meant and ("*" in ruled_out or name in ruled_out)

    confidence = sum(r.get("confidence") or 0.0 for r in ranking if r.get(INTENT_NAME_KEY) == meant or out(r.get(INTENT_NAME_KEY)))
    rest = [dict(r, confidence=0.0) if out(r.get(INTENT_NAME_KEY)) else dict(r)
            for r in ranking if r.get(INTENT_NAME_KEY) != meant]
    rest.sort(key=lambda r: -(r.get("confidence") or 0.0))
    return [{INTENT_NAME_KEY: meant, "confidence": min(confidence, 1.0)}, *rest]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class TimelessRequestTrimmer(EntityPostProcessor):
    """Drops the time words of a request that asks nothing of the shop's (small talk, out of scope): the model
    tags 明天 as a period wherever it stands, yet no report is asked for. Runs after the fallback step, so an
    unsure "and last month?" keeps its period for the follow-up it may be."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Remove period, date and days values from messages heard as small talk or out of scope."""
        for message in messages:
            if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) not in TIMELESS_INTENTS:
                continue
            kept = [e for e in message.get(ENTITIES) or [] if e.get("entity") not in TIME_ENTITIES]
            message.set(ENTITIES, kept, add_to_output=True)
        return messages
