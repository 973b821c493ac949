"""Grammar phrases for the recogniser: the shop's names in the speech model's own words."""

from __future__ import annotations

from assistant.language.names import CustomerRecord, grammar_phrases

from .conftest import index_of


def test_grammar_phrases_follow_the_model_vocabulary():
    index = index_of(CustomerRecord(1, "王秀英", ("王阿姨",)), CustomerRecord(2, "李建国", ("李叔叔",)))
    vocabulary = {"王", "秀", "英", "阿姨", "李", "叔叔", "叔", "大叔", "东北", "大米", "买", "了",
                  "auntie", "wang", "peanut", "oil", "bought"}
    phrases = grammar_phrases(index, vocabulary)
    expected = {"王 秀 英", "王 阿姨", "李 叔叔", "李 叔", "东北 大米", "auntie wang", "peanut oil", "买"}
    assert expected <= set(phrases)
    # 建 and 国 are not in this model: a phrase the model cannot say is dropped, not half kept.
    assert not any("建" in p for p in phrases)
    assert "jasmine rice" not in phrases
    assert all(w in vocabulary for p in phrases for w in p.split())
    assert set(grammar_phrases(index, vocabulary, language="en")) <= {"auntie wang", "peanut oil", "bought"}
    unfiltered = grammar_phrases(index, None, language="zh")
    assert "李 叔叔" in unfiltered and "王 阿姨" in unfiltered and "两" in unfiltered
