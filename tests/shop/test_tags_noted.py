""""孙阿姨有糖尿病吧" when 糖尿病 is on record: nothing new to read back (owner trial 4: it asked to note it
again)."""

from assistant.shop.tags import already_noted, canonical_tag


def test_a_tag_on_record_is_already_noted_by_its_canonical_name() -> None:
    assert already_noted(["老人", "糖尿病"], ["糖尿病", "高血压"]) == ["糖尿病"]
    assert already_noted(["高血压"], [canonical_tag("血压高")]) == [canonical_tag("血压高")]
    assert already_noted([], ["糖尿病"]) == []
