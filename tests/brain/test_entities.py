"""Overlapping entities from DIET and the regex extractor: the longest span wins, nothing doubles."""

from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from assistant.brain.entities import EntityOverlapResolver, resolve_overlaps


def _diet(entity, start, end):
    return {"entity": entity, "start": start, "end": end, "confidence_entity": 0.9,
            "extractor": "DIETClassifier"}


def _regex(entity, start, end):
    return {"entity": entity, "start": start, "end": end, "extractor": "RegexEntityExtractor"}


def test_longer_regex_span_replaces_a_short_diet_span():
    # "master song bought 5 kilos of camellia oil": DIET saw "master" and "oil" only.
    found = [_diet("customer", 0, 6), _diet("quantity", 19, 20), _diet("product", 39, 42),
             _regex("customer", 0, 11), _regex("product", 30, 42)]
    assert resolve_overlaps(found) == [_regex("customer", 0, 11), _diet("quantity", 19, 20),
                                       _regex("product", 30, 42)]


def test_same_span_keeps_diet_and_separate_entities_all_stay():
    found = [_regex("phone", 5, 16), _diet("phone", 5, 16), _diet("customer", 0, 3)]
    assert resolve_overlaps(found) == [_diet("customer", 0, 3), _diet("phone", 5, 16)]


def test_component_rewrites_the_message_entities():
    found = [_diet("customer", 1, 2), _regex("customer", 0, 2)]
    message = Message(data={TEXT: "老梁买了米", ENTITIES: found})
    EntityOverlapResolver.create({}, None, None, None).process([message])
    assert message.get(ENTITIES) == [_regex("customer", 0, 2)]


def test_learned_span_around_a_catalogue_word_is_cut_back():
    text = "韩师傅买走3包蚝油"
    found = [_diet("customer", 0, 3), _diet("quantity", 5, 6), _diet("unit", 6, 9), _regex("product", 7, 9)]
    resolved = resolve_overlaps(found, text)
    assert [(e["entity"], text[e["start"]:e["end"]]) for e in resolved] == [
        ("customer", "韩师傅"), ("quantity", "3"), ("unit", "包"), ("product", "蚝油")]
