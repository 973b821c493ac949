"""Two requests in one breath: only the first's entities, the second to be said again (owner trial 13, F1)."""

from assistant.language.two_requests import first_request_only, left_unsaid


def _entities(text: str, spans: list[tuple[str, str]]) -> list[dict]:
    found, start = [], 0
    for kind, words in spans:
        at = text.index(words, start)
        found.append({"entity": kind, "start": at, "end": at + len(words)})
        start = at + len(words)
    return found


def test_second_customer_request_is_cut_off() -> None:
    text = "王阿姨买了2袋东北大米118李叔还了50"
    entities = _entities(text, [("customer", "王阿姨"), ("quantity", "2"), ("unit", "袋"), ("product", "东北大米"),
                                ("amount", "118"), ("customer", "李叔"), ("amount", "50")])
    first = first_request_only(entities, text)
    assert [text[e["start"]:e["end"]] for e in first] == ["王阿姨", "2", "袋", "东北大米", "118"]
    assert left_unsaid(first, text) == "李叔还了50"


def test_one_request_with_two_names_is_kept() -> None:
    text = "王阿姨和李叔买了2袋米"
    entities = _entities(text, [("customer", "王阿姨"), ("customer", "李叔"), ("quantity", "2"), ("product", "米")])
    assert first_request_only(entities, text) == entities
    assert left_unsaid(entities, text) is None
