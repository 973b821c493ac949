"""A pronoun points back at the one person talked about; a group or another word does not."""

import pytest

from assistant.language.pronouns import refers_back


@pytest.mark.parametrize("text", ["她电话多少", "他 上 次 买 的 什么", "那她家平时用什么油", "给她记一袋米", "她欠多少",
                                  "what's her number", "when did he last come in", "How much does he owe now?",
                                  "what did she buy last time", "put it on his tab", "那位上次买了什么"])
def test_a_pronoun_refers_back(text):
    assert refers_back(text)


@pytest.mark.parametrize("text", ["王阿姨电话多少", "他们谁还欠钱", "她们都来过吗", "还有其他的吗", "谁一个月没来了",
                                  "who hasn't been in for a month", "the other one", "how much rice is there",
                                  "what did they buy", "", None])
def test_names_groups_and_other_words_do_not(text):
    assert not refers_back(text)
