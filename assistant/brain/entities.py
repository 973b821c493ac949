"""A pipeline component that settles overlapping entities from DIET and the regex extractor.

DIET learns entities from examples and may cut an unseen name short (``master`` of ``master song``,
``oil`` of ``camellia oil``); the regex extractor knows the catalogue and the honorific + surname
patterns but nothing else. Both report what they found. A learned span that swallows a vocabulary
match of another type (unit ``桶黑米`` around the catalogue's ``黑米``) is cut back to what lies beside
it; then, where spans still overlap, the longest wins (a tie goes to DIET, whose answer carries a
confidence) and duplicates are dropped.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message


def resolve_overlaps(entities: list[dict[str, Any]], text: str | None = None) -> list[dict[str, Any]]:
    """Entities without overlaps (see the module docstring for who wins)."""
    entities = [dict(entity) for entity in entities]
    if text is not None:
        entities = _trim_around_vocabulary(entities, text)
    # Longest first; on equal length the one with a confidence (DIET) first; then by position.
    ranked = sorted(
        enumerate(entities),
        key=lambda item: (-(item[1]["end"] - item[1]["start"]),
                          "confidence_entity" not in item[1], item[1]["start"]),
    )
    kept: list[tuple[int, dict[str, Any]]] = []
    for index, entity in ranked:
        if all(entity["end"] <= other["start"] or entity["start"] >= other["end"] for _, other in kept):
            kept.append((index, entity))
    return [entity for _, entity in sorted(kept, key=lambda item: item[1]["start"])]


def _trim_around_vocabulary(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    # DIET sometimes runs a unit on into an unseen product (桶黑米 as one unit) while the catalogue
    # knows 黑米: a vocabulary match of another type cuts the learned span back to what lies beside it.
    vocabulary = [e for e in entities if "confidence_entity" not in e]
    trimmed = []
    for entity in entities:
        for known in vocabulary:
            if entity is known or known["entity"] == entity["entity"]:
                continue
            inside = entity["start"] <= known["start"] and known["end"] <= entity["end"]
            if not inside or (known["start"], known["end"]) == (entity["start"], entity["end"]):
                continue
            if known["start"] > entity["start"]:
                entity = dict(entity, end=known["start"])
            else:
                entity = dict(entity, start=known["end"])
            piece = text[entity["start"]:entity["end"]]
            stripped = piece.strip()
            entity["start"] += len(piece) - len(piece.lstrip())
            entity["end"] = entity["start"] + len(stripped)
            entity["value"] = stripped
        if entity["end"] > entity["start"]:
            trimmed.append(entity)
    return trimmed


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class EntityOverlapResolver(GraphComponent):
    """Keeps one entity per stretch of text (the longest), whichever extractor found it."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """No options."""
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EntityOverlapResolver:
        """A new resolver (nothing to train or load)."""
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Drop the shorter of overlapping entities in each message."""
        for message in messages:
            entities = message.get(ENTITIES)
            if entities and all("start" in e and "end" in e for e in entities):
                message.set(ENTITIES, resolve_overlaps(entities, message.get(TEXT)), add_to_output=True)
        return messages
