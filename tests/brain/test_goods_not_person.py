"""Goods counted by a measure are goods, not a person, whoever the model took them for ("old wang bought two
bags of durian": durian is what he bought, old wang who bought it)."""

from assistant.brain.entities import resolve_overlaps


def _diet(text: str, entity: str, piece: str, at: int = 0) -> dict:
    start = text.index(piece, at)
    return {"entity": entity, "start": start, "end": start + len(piece), "value": piece, "confidence_entity": 0.9,
            "extractor": "DIETClassifier"}


def _found(text: str, *tagged: tuple[str, str]) -> list[tuple[str, str]]:
    return [(e["entity"], text[e["start"]:e["end"]])
            for e in resolve_overlaps([_diet(text, entity, piece) for entity, piece in tagged], text)]


def test_goods_after_a_measure_are_goods_not_a_person():
    text = "old wang bought 2 bags of durian"
    assert _found(text, ("customer", "old wang"), ("quantity", "2"), ("unit", "bags"), ("customer", "durian")) == [
        ("customer", "old wang"), ("quantity", "2"), ("unit", "bags"), ("product", "durian")]
    text = "auntie wang took a bottle of the mango juice"
    assert ("product", "mango juice") in _found(text, ("customer", "auntie wang"), ("customer", "mango juice"))
    text = "老王买了2袋榴莲"
    assert _found(text, ("customer", "老王"), ("customer", "榴莲"))[-1] == ("product", "榴莲")


def test_a_person_after_other_words_stays_a_person():
    text = "2 bags of rice for auntie wang"
    assert ("customer", "auntie wang") in _found(text, ("product", "rice"), ("customer", "auntie wang"))
    text = "a bag of rice on old wang's tab"
    assert ("customer", "old wang") in _found(text, ("product", "rice"), ("customer", "old wang"))
