"""Letter-digit net slang (u1s1) and lone Latin letters are no goods, no customer and no figure (blind #15)."""

import pytest

from assistant.brain.entities import resolve_overlaps
from assistant.language.net_slang import in_net_slang


def _entity(kind: str, text: str, piece: str) -> dict:
    start = text.index(piece)
    return {"entity": kind, "start": start, "end": start + len(piece), "value": piece, "confidence_entity": 0.9}


@pytest.mark.parametrize(("kind", "text", "piece", "slang"), [
    ("product", "老周来了 菜籽油两桶 y1s1挺准时", "y", True),
    ("amount", "老周来了 菜籽油两桶 y1s1挺准时", "1", True),
    ("product", "王阿姨买了2袋米", "米", False),
    ("quantity", "买了5kg大米", "5", False),
    ("phone", "电话13912345678", "13912345678", False),
])
def test_slang_pieces(kind: str, text: str, piece: str, slang: bool) -> None:
    assert in_net_slang(_entity(kind, text, piece), text) is slang


def test_the_sale_keeps_only_its_goods() -> None:
    text = "老周来了 菜籽油2桶 u1s1他天天来"
    said = [_entity("customer", text, "老周"), _entity("product", text, "菜籽油"), _entity("quantity", text, "2"),
            _entity("product", text, "u"), {**_entity("amount", text, "1"), "start": text.index("u1") + 1,
                                             "end": text.index("u1") + 2}]
    kept = resolve_overlaps(said, text)
    assert [e["value"] for e in kept if e["entity"] == "product"] == ["菜籽油"]
    assert not [e for e in kept if e["entity"] == "amount"]
