"""The corpus runner: loading, checking replies and the database, on a real demo shop copy."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from assistant.brain import conversations as corpus

CORPUS = """
conversations:
  - id: inactive-month
    intent: ask_inactive
    language: zh
    style: spoken
    turns:
      - say: 谁 一个 月 没 来 了
        has: ["30天"]
        has_any: ["张红建", "唐磊华"]
        lacks: ["超过1天"]
    db:
      - sql: "SELECT count(*) FROM customers WHERE name = '王秀英'"
        equals: 1
  - id: credit
    intent: log_credit
    language: en
    pending: credit
    turns:
      - say: put it on Mrs Chen's tab
        has: ["Chen"]
"""


def test_a_corpus_file_is_read_with_defaults(tmp_path: Path) -> None:
    (tmp_path / "topic.yml").write_text(CORPUS, encoding="utf-8")
    inactive, credit = corpus.load_corpus("main", tmp_path)
    assert inactive.channel == "counter" and inactive.turns[0].has_any == ("张红建", "唐磊华")
    assert credit.style == "typed" and credit.channel == "chat" and credit.pending == "credit"
    assert corpus.load_corpus("blind", tmp_path) == []


def test_each_kept_aside_set_reads_only_its_own_folder(tmp_path: Path) -> None:
    (tmp_path / "blind2").mkdir()
    (tmp_path / "blind2" / "topic.yml").write_text(CORPUS, encoding="utf-8")
    assert [c.id for c in corpus.load_corpus("blind2", tmp_path)] == ["inactive-month", "credit"]
    assert corpus.load_corpus("blind", tmp_path) == [] and corpus.load_corpus("main", tmp_path) == []
    assert corpus.load_corpus("blind3", tmp_path) == [] and corpus.load_corpus("blind4", tmp_path) == []
    with pytest.raises(ValueError, match="blind4"):
        corpus.load_corpus("blind16", tmp_path)


def test_an_id_used_twice_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(CORPUS, encoding="utf-8")
    (tmp_path / "b.yml").write_text(CORPUS, encoding="utf-8")
    with pytest.raises(corpus.CorpusError, match="used twice"):
        corpus.load_corpus("main", tmp_path)


def test_a_reply_is_checked_for_what_it_must_and_must_not_say() -> None:
    turn = corpus.Turn(say="who", has=("30 days",), has_any=("Zhang", "Tang"), lacks=("1 days",))
    assert corpus.check_reply(turn, "12 away for over 30 DAYS: zhang, ...", number=1) == []
    failures = corpus.check_reply(turn, "13 away for over 1 days", number=2)
    assert failures[0] == "turn 2 'who': missing '30 days'"
    assert "none of ['Zhang', 'Tang']" in failures[1] and "should not say '1 days'" in failures[2]
    assert failures[-1] == "turn 2 reply: '13 away for over 1 days'"


def test_conversations_run_on_fresh_copies_and_the_report_counts_pending_apart(tmp_path: Path) -> None:
    (tmp_path / "topic.yml").write_text(CORPUS, encoding="utf-8")
    conversations = corpus.load_corpus("main", tmp_path)
    heard: list[tuple[str, str]] = []

    async def answer(text: str, *, sender: str, channel: str) -> str:
        heard.append((sender, channel))
        return "超过30天没来的老顾客有12位:张红建(112天)"

    shops = corpus.DemoShops(tmp_path / "shops")
    bound = []
    results = corpus.run_corpus(answer, conversations, shops, bind=bound.append)
    assert len(bound) == 2 and bound[0].engine.url != bound[1].engine.url
    assert [r.passed for r in results] == [True, False]
    assert heard[0][1] == "counter" and heard[0][0] != heard[1][0]
    text = corpus.report(results)
    assert text.splitlines()[0].split()[:2] == ["all", "1/1"]
    assert "pending credit: 0/1 pass (not counted)" in text and "FAIL" not in text
    assert list(tmp_path.joinpath("shops").glob("shop-*")) == []


def test_a_wrong_database_value_fails_the_conversation(tmp_path: Path) -> None:
    shops = corpus.DemoShops(tmp_path)
    conversation = corpus.Conversation(
        id="x", intent="log_sale", language="zh", style="typed", channel="chat",
        turns=(corpus.Turn(say="对"),),
        db=(corpus.DbCheck(sql="SELECT count(*) FROM sales WHERE conversation_id IS NOT NULL", equals="1"),))

    async def answer(text: str, *, sender: str, channel: str) -> str:
        return "记好了。"

    with shops.fresh() as context:
        assert context.today() == corpus.DEMO_TODAY
        result = asyncio.run(corpus.run_conversation(answer, conversation, context.engine))
    assert result.failures == ["db 'SELECT count(*) FROM sales WHERE conversation_id IS NOT NULL': "
                               "expected '1', got '0'"]


def test_yes_and_no_stay_words(tmp_path: Path) -> None:
    (tmp_path / "topic.yml").write_text(
        "conversations:\n  - {id: a, intent: affirm, language: en, turns: [{say: yes}, {say: no}, {say: on}]}\n",
        encoding="utf-8")
    (conversation,) = corpus.load_corpus("main", tmp_path)
    assert [turn.say for turn in conversation.turns] == ["yes", "no", "on"]
