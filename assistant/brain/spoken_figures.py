"""Money said with 毛 and halves said with their measure word, as one entity each: the model cuts "3元7毛五" into
three amounts (3, 7, 五) and leaves "半斤" untagged, so a sale heard "卖了半斤绿豆三块七毛五" asked how much was bought
(red team 14). A discount's figure ("10% off", red team 15) is no amount nor count. The spans come from ``language.measures`` and are read whole by its ``spoken_decimals``."""

from __future__ import annotations

import re
from typing import Any

from assistant.language.measures import CHINESE_MEASURES, discount_spans, spoken_figure_spans

_FIGURES = frozenset({"amount", "quantity"})
# A "product" made only of numerals and measure words ("三两", "半斤", the "二两" of "1斤二两") is the figure the
# model mistook for goods (round 16's model).
_ONLY_FIGURE_WORDS = re.compile(r"[\d.零〇一二两三四五六七八九十百半" + CHINESE_MEASURES + r"\s]+")


def with_spoken_figures(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """``entities`` with each spoken money or half figure of ``text`` as one entity, replacing the amounts and
    quantities inside it (a unit inside a half stays out: "半斤" is the count, its 斤 the product's unit)."""
    for kind, start, end in spoken_figure_spans(text):
        inside = [e for e in entities if start <= e["start"] and e["end"] <= end]
        if any(e["entity"] not in _FIGURES | {"unit"} and not _is_figure_taken_for_goods(e, text) for e in inside):
            continue  # a name or product said inside: not a figure of ours
        if any(e["start"] < end and e["end"] > start and e not in inside for e in entities):
            continue  # an entity crosses the span's edge: the model read it another way
        kept = [e for e in entities if e not in inside]
        entities = [*kept, {"entity": kind, "start": start, "end": end, "value": text[start:end],
                            "extractor": "EntityOverlapResolver"}]
    return sorted(without_discount_figures(entities, text), key=lambda e: e["start"])


def _is_figure_taken_for_goods(entity: dict[str, Any], text: str) -> bool:
    """True for a product span that is only numerals and measure words."""
    return entity["entity"] == "product" and bool(_ONLY_FIGURE_WORDS.fullmatch(text[entity["start"]:entity["end"]]))


def without_discount_figures(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """``entities`` without the amounts and counts inside a discount ("10" of "10% off" is no price: the sale is
    the list total less 10 %, which the sale's discount reader works out)."""
    spans = discount_spans(text)
    return [e for e in entities
            if e["entity"] not in _FIGURES or not any(start <= e["start"] and e["end"] <= end for start, end in spans)]
