"""Goods a named buyer bought, or a plate of, are goods, not a person: "chow mein" sounds like a Cantonese 周
but is a dish the shop does not sell (the model tagged it a customer)."""

from assistant.brain.entities import resolve_overlaps


def _diet(text: str, entity: str, piece: str) -> dict:
    start = text.index(piece)
    return {"entity": entity, "start": start, "end": start + len(piece), "value": piece, "confidence_entity": 0.9,
            "extractor": "DIETClassifier"}


def _found(text: str, *tagged: tuple[str, str]) -> list[tuple[str, str]]:
    return [(e["entity"], text[e["start"]:e["end"]])
            for e in resolve_overlaps([_diet(text, entity, piece) for entity, piece in tagged], text)]


def test_what_a_named_buyer_bought_is_goods():
    for text, dish in [("auntie wang bought a plate of chow mein", "chow mein"),
                       ("auntie wang bought chow mein", "chow mein"),
                       ("auntie wang bought some chow min", "chow min"),
                       ("uncle li took a bowl of chow mein", "chow mein")]:
        assert _found(text, ("customer", "auntie wang" if "auntie" in text else "uncle li"), ("customer", dish)) == [
            ("customer", "auntie wang" if "auntie" in text else "uncle li"), ("product", dish)], text


def test_a_person_after_other_words_stays_a_person():
    text = "auntie wang bought rice for uncle li"
    assert ("customer", "uncle li") in _found(text, ("customer", "auntie wang"), ("product", "rice"),
                                             ("customer", "uncle li"))
    text = "what did auntie wang buy"
    assert _found(text, ("customer", "auntie wang")) == [("customer", "auntie wang")]
