"""Lists said a page at a time: how many and the first few, "还有呢" the next ones, "全部" all of it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

import pytest

from assistant.shop.reports.lists import (
    ALL_SPOKEN,
    MORE_SPOKEN,
    MORE_TYPED,
    ListPlace,
    ListReport,
    continue_list,
    page,
)


@dataclass
class Regulars(ListReport):
    """A hand-made list: customer n away 10·n days."""

    name: ClassVar[str] = "regulars"
    items: list[int] = field(default_factory=list)
    formatted: list[int] = field(default_factory=list)

    def list_title(self, lang: str) -> str:
        return "没来的老顾客" if lang == "zh" else "regulars away"

    def say_item(self, item: int, lang: str) -> str:
        self.formatted.append(item)
        return f"顾客{item}({10 * item}天)" if lang == "zh" else f"c{item} ({10 * item} days)"

    def empty_answer(self, lang: str) -> str:
        return "没有。" if lang == "zh" else "Nobody."


def sentences(text: str) -> int:
    """How many sentences a reply has, as a listener hears them."""
    return len([s for s in re.split(r"[。!?]|(?<=[a-z)])[.!?](?:\s|$)", text) if s.strip()])


def test_the_first_answer_says_how_many_and_the_first_three_in_two_sentences():
    report = Regulars(items=list(range(1, 21)))
    first = page(report, "zh")
    assert first.text == "没来的老顾客有20位:顾客1(10天)、顾客2(20天)、顾客3(30天)等。还有17位,说“还有呢”接着听。"
    assert (first.said, first.total) == (3, 20) and sentences(first.text) == 2
    english = page(report, "en")
    assert english.text == ('20 regulars away: c1 (10 days), c2 (20 days), c3 (30 days) and 17 more. '
                            'Say "more" to hear them.')
    assert sentences(english.text) == 2


def test_only_the_names_read_are_formatted():
    report = Regulars(items=list(range(90_000)))
    page(report, "zh", start=500, size=5)
    assert report.formatted == [500, 501, 502, 503, 504]


def test_a_short_list_is_read_whole_without_a_hint():
    assert page(Regulars(items=[1, 2]), "zh").text == "没来的老顾客有2位:顾客1(10天)、顾客2(20天)。"
    assert page(Regulars(items=[]), "en").text == "Nobody."


@pytest.mark.parametrize("spoken, size", [(True, MORE_SPOKEN), (False, MORE_TYPED)])
def test_more_goes_on_where_the_last_answer_stopped(spoken, size):
    report = Regulars(items=list(range(1, 21)))
    place = ListPlace("regulars", {"days": "30"}, said=3)
    found, place = continue_list(report, place, "zh", spoken=spoken, everything=False)
    assert found.text.startswith("接着是:顾客4(40天)、")
    assert f"顾客{3 + size}(" in found.text and f"顾客{4 + size}(" not in found.text
    assert place == ListPlace("regulars", {"days": "30"}, said=3 + size) and sentences(found.text) == 2
    while place.said < 20:
        found, place = continue_list(report, place, "zh", spoken=spoken, everything=False)
    assert found.text.endswith("顾客20(200天)。就这些了。")
    found, place = continue_list(report, place, "zh", spoken=spoken, everything=False)
    assert found.text == "就这些了,没来的老顾客一共20位,都说过了。" and place.said == 20


def test_all_of_it_typed_in_one_answer_and_spoken_a_chunk_at_a_time():
    report = Regulars(items=list(range(1, 21)))
    place = ListPlace("regulars", {}, said=13)
    typed, after = continue_list(report, place, "zh", spoken=False, everything=True)
    assert typed.text.startswith("没来的老顾客一共20位:顾客1(10天)、") and typed.text.endswith("顾客20(200天)。")
    assert after.said == 20
    spoken, after = continue_list(report, place, "en", spoken=True, everything=True)
    assert spoken.text.startswith(f"All 20 regulars away, the first {ALL_SPOKEN}: c1 (10 days), ")
    assert spoken.text.endswith('10 more: say "more" to hear them.') and sentences(spoken.text) == 2
    more, after = continue_list(report, after, "en", spoken=True, everything=False)
    assert more.text.startswith("Next: c11 (110 days)") and after.said == ALL_SPOKEN + MORE_SPOKEN


def test_a_place_is_plain_json_and_odd_slot_values_are_no_place():
    place = ListPlace("inactive", {"days": "30"}, said=3)
    assert ListPlace.from_slot(place.to_slot()) == place
    assert place.to_slot() == {"report": "inactive", "options": {"days": "30"}, "said": 3}
    for odd in (None, "inactive", {"options": {}}, {"report": 3}):
        assert ListPlace.from_slot(odd) is None
    assert ListPlace.from_slot({"report": "inactive", "said": -4}) == ListPlace("inactive", {}, said=0)


def test_a_follow_up_keeps_what_it_does_not_name_again():
    place = ListPlace("sales", {"from": "2026-02-01", "to": "2026-02-28", "product": "大米"}, said=0)
    oil = place.asked_again([{"entity": "product", "value": "花生油"}])
    assert oil == [{"entity": "product", "value": "花生油"}, {"entity": "period", "value": "2026-02-01/2026-02-28"}]
    yesterday = place.asked_again([{"entity": "period", "value": "昨天"}])
    assert yesterday == [{"entity": "period", "value": "昨天"}, {"entity": "product", "value": "大米"}]
    # A question of the coming days (no last day) is asked again for its own default days.
    due = ListPlace("restock-due", {"from": "2026-03-15"}, said=3)
    assert due.asked_again([{"entity": "product", "value": "花生油"}]) == [{"entity": "product", "value": "花生油"}]


@dataclass
class TwoParts(Regulars):
    """Regulars whose items from 5 on are "gone", a later part of the list."""

    def part_opened(self, index: int, lang: str) -> str | None:
        return ("走了的" if lang == "zh" else "gone") if self.items[index] == 5 else None


def test_a_later_part_of_a_list_is_said_where_it_begins():
    report = TwoParts(items=list(range(1, 8)))
    assert page(report, "zh", size=6).text == ("没来的老顾客有7位:顾客1(10天)、顾客2(20天)、顾客3(30天)、顾客4(40天);"
                                                "走了的:顾客5(50天)、顾客6(60天)等。还有1位,说“还有呢”接着听。")
    assert page(report, "en", start=4, size=2).text == ('Next: gone: c5 (50 days), c6 (60 days). '
                                                        '1 more: say "more" to hear them.')
    assert page(report, "zh", size=3).text.count("走了的") == 0
