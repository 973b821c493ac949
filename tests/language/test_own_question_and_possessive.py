"""Red team 17 (helper rt17b): "还有呢" after a question of its own (M2); the English possessive a customer's
titles call for (A2)."""

import pytest

from assistant.language.pronouns import gender_of, possessive
from assistant.language.questions import asks_own_question, is_elliptical


@pytest.mark.parametrize("text", ["这 礼 拜 谁 过 生 日 还 有 呢", "谁欠我钱,还有呢", "哪些货要补了 还有吗",
                                  "这个月谁买得最多 其他呢"])
def test_a_question_of_its_own_before_more_is_that_question(text):
    assert asks_own_question(text) and not is_elliptical(text)


@pytest.mark.parametrize("text", ["还有呢", "那李叔呢", "那上个月呢", "王阿姨还有呢", "what about uncle li"])
def test_a_follow_up_or_go_on_stays_one(text):
    assert is_elliptical(text) and not asks_own_question(text)


@pytest.mark.parametrize(("names", "said"), [
    (["李建国", "李叔", "Uncle Li"], "his"), (["刘淑珍", "刘女士", "Mrs Liu"], "her"), (["Mr Tan"], "his"),
    (["周德明", "周师傅", "Master Zhou"], "their"), (["老罗"], "their"), (["Fatty Lim"], "their"),
])
def test_the_possessive_fits_the_titles_or_is_their(names, said):
    assert possessive(names) == said


def test_titles_that_disagree_say_no_gender():
    assert gender_of(["王阿姨", "王叔"]) == ""
