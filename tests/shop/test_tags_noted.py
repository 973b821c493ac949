""""孙阿姨有糖尿病吧" when 糖尿病 is on record: nothing new to read back (owner trial 4: it asked to note it
again)."""

from assistant.shop.tags import already_noted, canonical_tag


def test_a_tag_on_record_is_already_noted_by_its_canonical_name() -> None:
    assert already_noted(["老人", "糖尿病"], ["糖尿病", "高血压"]) == ["糖尿病"]
    assert already_noted(["高血压"], [canonical_tag("血压高")]) == [canonical_tag("血压高")]
    assert already_noted([], ["糖尿病"]) == []


def test_a_fact_asked_yes_or_no_is_answered_yes_or_no():
    from assistant.shop.tags import tag_answer

    assert tag_answer("刘淑珍", ["烘焙"], ["素食"], "zh") == "没有记刘淑珍素食。"
    assert tag_answer("孙桂芳", ["糖尿病"], ["糖尿病"], "zh") == "孙桂芳:糖尿病,记着的。"
    assert tag_answer("Mrs Liu", ["baking"], ["vegetarian"], "en") == "Nothing on record about Mrs Liu: vegetarian."
