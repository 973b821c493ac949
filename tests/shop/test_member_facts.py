"""A fact told of someone in a customer's household: who it concerns and the note that says so."""

import pytest

from assistant.shop.member_facts import MemberFact, member_fact


@pytest.mark.parametrize(("said", "fact"), [
    ("小吴她老公有糖尿病", MemberFact("老公", "老公有糖尿病")),
    ("小 吴 她 老公 有 糖尿病", MemberFact("老公", "老公有糖尿病")),  # as Vosk writes it
    ("王阿姨家孙子对花生过敏", MemberFact("孙子", "孙子对花生过敏")),
    ("李叔老伴高血压", MemberFact("老伴", "老伴高血压")),
    ("王阿姨的外孙女对鸡蛋过敏", MemberFact("外孙女", "外孙女对鸡蛋过敏")),
    ("张姐家孩子花生过敏，记一下", MemberFact("孩子", "孩子花生过敏")),  # the demo's note for 张丽
    ("小吴她老公有糖尿病,你记着", MemberFact("老公", "老公有糖尿病")),
    ("her husband is diabetic", MemberFact("husband", "husband is diabetic")),
    ("Mrs Wang's grandson is allergic to peanuts.", MemberFact("grandson", "grandson is allergic to peanuts")),
    ("auntie wangs grandson is allergic to peanuts", MemberFact("grandson", "grandson is allergic to peanuts")),
])
def test_a_household_members_fact(said, fact):
    assert member_fact(said) == fact


@pytest.mark.parametrize("said", [
    "李叔有高血压",  # his own
    "王先生有糖尿病",  # 先生 is how he is called, not a husband
    "张姐家有孩子",  # there is a child: the 有小孩 tag, nothing about the child
    "刘女士现在吃素了",
    "王阿姨给孙子买奶粉",  # what she buys, for him
    "Uncle Li has high blood pressure",
    "张姐家孩子对什么过敏",  # questions tell nothing
    "张 姐 小孩 有 没有 过敏",
    "does her husband have diabetes",
    "小赵家孩子多大了",  # (the eleventh owner trial: proposed as a note)
    "她 老公 身体 怎么样",
    "",
])
def test_no_member_fact(said):
    assert member_fact(said) is None
