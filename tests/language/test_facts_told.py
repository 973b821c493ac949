"""A customer's fact stated or asked (session 13): "李叔有糖尿病" tells, "李叔有糖尿病吗" asks; a member's name
taken off the customer's ("auntie wangs grandson" is Auntie Wang's grandson)."""

import pytest

from assistant.language.facts_told import tells_a_fact
from assistant.language.member_names import names_before_member


@pytest.mark.parametrize("text", ["李叔有糖尿病", "李 叔 有 糖尿病", "刘女士现在吃素", "auntie wang is vegetarian"])
def test_a_stated_fact_is_told(text):
    assert tells_a_fact(text)


@pytest.mark.parametrize("text", ["李叔有糖尿病吗", "孙阿姨有糖尿病吧", "李叔血压高不高", "李叔有没有糖尿病",
                                  "李叔没有糖尿病", "李叔身体怎么样", "is auntie wang vegetarian", "uncle li diabetic?",
                                  "uncle li isn't diabetic"])
def test_a_question_or_a_denial_tells_nothing(text):
    assert not tells_a_fact(text)


@pytest.mark.parametrize(("spoken", "member", "names"), [
    ("auntie wangs grandson", "grandson", ["auntie wang", "auntie wangs"]),
    ("auntie wang's grandson", "grandson", ["auntie wang", "auntie wang's"]),
    ("王阿姨家孙子", "孙子", ["王阿姨"]),
    ("小吴她老公", "老公", ["小吴"]),
    ("王阿姨", "孙子", []),
])
def test_the_customer_before_her_household_member(spoken, member, names):
    assert names_before_member(spoken, member) == names
