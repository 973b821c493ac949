"""Units said in English: the shop's measure words, and one she said herself, counted right."""

from assistant.language.wording import shop_unit, unit_word


def test_a_measure_word_she_said_is_counted():
    # the lead on the phone page: "no it was two buckets" read back "2 bucket of rapeseed oil"
    assert unit_word("bucket", "en", 2) == "buckets" and unit_word("bucket", "en", 1) == "bucket"
    assert unit_word("box", "en", 3) == "boxes" and unit_word("bag", "en", 2) == "bags"


def test_the_shops_units_and_words_the_same_either_way():
    assert unit_word("袋", "en", 1) == "bag" and unit_word("桶", "en", 2) == "jugs" and unit_word("桶", "en", 1) == "jug"
    assert unit_word("jin", "en", 5) == "jin" and unit_word("袋", "zh", 2) == "袋"


def test_the_unit_kept_on_record_is_the_shops():
    assert shop_unit("tub", "桶") == "桶" and shop_unit("Bags", "袋") == "袋" and shop_unit("bottle", "桶") == "桶"
    assert shop_unit("jin", "袋") == "斤" and shop_unit("kg", "袋") == "公斤"  # a weight is what she counted
    assert shop_unit("斤", "袋") == "斤" and shop_unit(None, "盒") == "盒"
