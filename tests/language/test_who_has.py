""""谁有高血压": a question about which customers have a tag, told apart from a fact about one customer
and from the other lists' questions that name a tag in passing."""

from __future__ import annotations

import pytest

from assistant.language.questions import asks_who_has
from assistant.shop.tags import who_has_asked

# The demo shop's tags.
KNOWN = ["低钠", "团购", "有小孩", "烘焙", "糖尿病", "素食", "老人", "花生过敏", "高血压"]


@pytest.mark.parametrize(("said", "tag"), [
    # the lead's trial on the phone page
    ("谁家有小孩", "有小孩"), ("谁有高血压", "高血压"), ("哪些顾客吃素", "素食"), ("who has a peanut allergy", "花生过敏"),
    # as a recogniser writes them, and other ways of asking
    ("谁 家 有 小孩", "有小孩"), ("有没有人 花生 过敏", "花生过敏"), ("哪几位有糖尿病", "糖尿病"), ("有人血压高吗", "高血压"),
    ("哪些顾客要低钠的", "低钠"), ("几位顾客吃素?", "素食"), ("which customers have children", "有小孩"),
    ("whos vegetarian", "素食"), ("anyone allergic to peanuts", "花生过敏"),
    ("tell me who has high blood pressure", "高血压"), ("which of my customers are diabetic", "糖尿病"),
])
def test_who_has_a_tag(said, tag):
    assert who_has_asked(said, known=KNOWN) == tag


@pytest.mark.parametrize("said", [
    "李叔有高血压", "刘女士现在吃素了", "Zhao Min just had a baby", "Uncle Li has high blood pressure",  # facts to note
    "这周谁该补低钠酱油", "低钠酱油到了该告诉谁", "谁一个月没来了", "今天谁过生日", "who needs rice this week",
    "谁欠钱", "李叔家有没有小孩",  # no "who" of customers: her own household
])
def test_not_who_has_a_tag(said):
    assert who_has_asked(said, known=KNOWN) is None


def test_the_models_tagged_words_count_and_a_product_only_inside_the_tag():
    assert who_has_asked("谁对花生过敏", known=KNOWN, tagged=["花生过敏"], product="花生") == "花生过敏"
    assert who_has_asked("who is allergic to peanuts", known=KNOWN, product="peanut") == "花生过敏"
    assert who_has_asked("哪些人吃斋", known=[], tagged=["斋"]) == "素食"
    assert who_has_asked("谁要低钠酱油", known=KNOWN, product="低钠酱油") is None  # a product is asked about


def test_asks_who_has_needs_a_tag_and_a_who():
    assert asks_who_has("谁有高血压", ["高血压"]) and not asks_who_has("谁有高血压", [])
    assert not asks_who_has("李叔有高血压", ["高血压"]) and not asks_who_has("谁该补米", ["素食"])
