"""The held-out scoring: spans on the normalised text, intent accuracy, entity F1, pass / fail."""

import pytest

from assistant.brain.evaluate import evaluate, report

HELDOUT = '''version: "3.1"
nlu:
  - intent: log_sale
    examples: |
      - [王 阿姨](customer) 买 了 [两](quantity) [袋](unit) [米](product)
      - [Mrs Wang](customer) bought [two](quantity) [bags](unit) of [rice](product)
  - intent: greet
    examples: |
      - 你好
'''


class FakeParser:
    """Answers from a table keyed by normalised text: (intent, [(entity, piece of text)])."""

    def __init__(self, answers):
        self.answers = answers

    def parse(self, text):
        from assistant.language.normalize import normalize

        normalized = normalize(text).text
        intent, entities = self.answers[normalized]
        found = []
        for entity, piece in entities:
            start = normalized.index(piece)
            found.append({"entity": entity, "start": start, "end": start + len(piece), "value": piece})
        return {"text": normalized, "intent": {"name": intent, "confidence": 0.9}, "entities": found}


def _write(tmp_path):
    (tmp_path / "heldout_zh.yml").write_text(HELDOUT, encoding="utf-8")
    return tmp_path


def test_perfect_parser_passes(tmp_path):
    parser = FakeParser({
        "王阿姨买了2袋米": (
            "log_sale", [("customer", "王阿姨"), ("quantity", "2"), ("unit", "袋"), ("product", "米")]),
        "mrs wang bought 2 bags of rice": (
            "log_sale", [("customer", "mrs wang"), ("quantity", "2"), ("unit", "bags"), ("product", "rice")]),
        "你好": ("greet", []),
    })
    [score] = evaluate(parser, _write(tmp_path))
    assert (score.language, score.examples, score.intent_accuracy, score.entity_f1) == ("zh", 3, 1.0, 1.0)
    assert score.passed
    assert "ok" in report([score])


def test_wrong_intent_and_short_span_count_against(tmp_path):
    parser = FakeParser({
        # "王" instead of "王阿姨": a wrong span is a miss and a false alarm.
        "王阿姨买了2袋米": (
            "log_sale", [("customer", "王"), ("quantity", "2"), ("unit", "袋"), ("product", "米")]),
        "mrs wang bought 2 bags of rice": (
            "log_sale", [("customer", "mrs wang"), ("quantity", "2"), ("unit", "bags"), ("product", "rice")]),
        "你好": ("nlu_fallback", []),
    })
    [score] = evaluate(parser, _write(tmp_path))
    assert round(score.intent_accuracy, 3) == 0.667
    assert round(score.entity_f1, 3) == 0.875  # 7 right of 8 expected and of 8 found
    assert not score.passed
    text = report([score], verbose=True)
    assert "BELOW GOAL" in text and "expected greet, got nlu_fallback" in text


def test_sets_are_chosen_by_name(tmp_path):
    (tmp_path / "dev_en.yml").write_text(HELDOUT, encoding="utf-8")
    _write(tmp_path)
    parser = FakeParser({"王阿姨买了2袋米": ("greet", []), "mrs wang bought 2 bags of rice": ("greet", []),
                         "你好": ("greet", [])})
    assert [score.language for score in evaluate(parser, tmp_path)] == ["zh"]
    assert [score.language for score in evaluate(parser, tmp_path, set_name="dev")] == ["en"]
    with pytest.raises(ValueError, match="heldout, dev"):
        evaluate(parser, tmp_path, set_name="test")


def test_values_are_compared_in_one_form_on_a_value_set():
    """blind4 annotates canonical values: the parser's value and the annotation meet in one form."""
    import datetime as dt

    from assistant.brain.evaluate import comparable

    today = dt.date(2026, 3, 15)
    assert comparable("days", "30", today) == comparable("days", "30.0", today) == "30"
    assert comparable("amount", "120", today) == comparable("amount", "120.00", today)
    assert comparable("date", "明天", today) == comparable("date", "2026-03-16", today) == "2026-03-16"
    assert comparable("date", "农历08-15", today) == comparable("date", "2026-09-25", today)
    assert comparable("period", "这周", today) == comparable("period", "week", today) == "week"
    assert comparable("period", "下个月", today) == "next_month"
    assert comparable("phone", "138 0000 1111", today) == "13800001111"
    assert comparable("customer", "王阿姨", today) is None
    assert comparable("days", "30", today) != comparable("days", "1", today)


@pytest.mark.parametrize("set_name", ["blind4", "blind5", "blind6", "blind8", "blind9"])
def test_a_wrong_value_on_the_right_span_is_a_miss_on_a_value_set(tmp_path, set_name):
    annotated = '''version: "3.1"
nlu:
  - intent: ask_inactive
    examples: |
      - 谁[一个月]{"entity": "days", "value": "30"}没来了
'''
    (tmp_path / f"{set_name}_zh.yml").write_text(annotated, encoding="utf-8")

    class OneDay(FakeParser):
        def parse(self, text):
            result = super().parse(text)
            result["entities"][0]["value"] = self.value
            return result

    parser = OneDay({"谁1个月没来了": ("ask_inactive", [("days", "1个月")])})
    parser.value = "1"
    assert evaluate(parser, tmp_path, set_name=set_name)[0].entity_f1 == 0.0
    parser.value = "30"
    assert evaluate(parser, tmp_path, set_name=set_name)[0].entity_f1 == 1.0


def test_a_day_count_is_one_mention_with_or_without_its_unit_word(tmp_path):
    """dev annotates "[30](days) days", blind4 "[30 days]": the same mention, whichever the parser cuts."""
    annotated = '''version: "3.1"
nlu:
  - intent: ask_inactive
    examples: |
      - who hasn't been in for [30 days]{"entity": "days", "value": "30"}
      - 超过[30](days)天没来的
'''
    (tmp_path / "blind4_en.yml").write_text(annotated, encoding="utf-8")

    class Valued(FakeParser):
        def parse(self, text):
            result = super().parse(text)
            for entity in result["entities"]:
                entity["value"] = "30"
            return result

    parser = Valued({"who hasn't been in for 30 days": ("ask_inactive", [("days", "30")]),
                     "超过30天没来的": ("ask_inactive", [("days", "30天")])})
    assert evaluate(parser, tmp_path, set_name="blind4")[0].entity_f1 == 1.0
    parser = Valued({"who hasn't been in for 30 days": ("ask_inactive", [("days", "in for 30")]),
                     "超过30天没来的": ("ask_inactive", [("days", "超过30")])})
    assert evaluate(parser, tmp_path, set_name="blind4")[0].entity_f1 == 0.0
