"""Health facts told loosely are their tags (blind #15: "孙阿姨说她血压也高了" → 高血压)."""

import pytest

from assistant.shop.tags import tags_said


@pytest.mark.parametrize(("text", "tags"), [
    ("胡建最近血压有点高", ["高血压"]),
    ("她说她血压也高了", ["高血压"]),
    ("his blood pressure is a bit high", ["高血压"]),
    ("老莫血糖也高了", ["糖尿病"]),
    ("她血压不高", []),
])
def test_loose_health_words_are_tags(text: str, tags: list[str]) -> None:
    assert tags_said(text, ["高血压", "糖尿病"]) == tags
