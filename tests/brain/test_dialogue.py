"""Whole conversations through the trained model, the in-process actions and a real database.

These use the model `assistant train` keeps up to date (``make test`` trains it first)."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest
from sqlalchemy import event, func, select

from assistant.brain.dialogue import Brain
from assistant.config import ROOT
from assistant.db import session_scope
from assistant.shop.sales_query import active_sale_items

pytestmark = pytest.mark.slow


def _say(brain: Brain, text: str, sender: str, channel: str = "chat") -> str:
    return asyncio.run(brain.handle(text, sender=sender, channel=channel)).text


def _sales(engine) -> int:
    with session_scope(engine) as session:
        return session.execute(select(func.count()).select_from(active_sale_items().subquery())).scalar()


def test_typed_sale_read_back_confirmed_and_undone(brain, shop_db):
    reply = _say(brain, "王阿姨买了两袋东北大米", "t-sale")
    assert "王秀英" in reply and "东北大米" in reply and "对吗" in reply
    assert _sales(shop_db) == 0
    assert _say(brain, "对", "t-sale") == "记好了。"
    assert _sales(shop_db) == 1
    assert "撤销" in _say(brain, "撤销刚才那笔", "t-sale")
    assert _say(brain, "好的", "t-sale") == "已撤销。"
    assert _sales(shop_db) == 0


def test_english_sale_and_no_means_nothing_written(brain, shop_db):
    reply = _say(brain, "Auntie Wang bought two bags of northeast rice", "t-en")
    assert reply.endswith("Right?") and "120 yuan" in reply
    assert _say(brain, "no", "t-en") == "OK, nothing recorded."
    assert _sales(shop_db) == 0


def test_spoken_homophone_is_asked_and_the_answer_continues(brain, shop_db):
    reply = _say(brain, "汪 阿姨 平时 买 什么", "t-voice", channel="phone")
    assert "王秀英" in reply and "汪桂兰" in reply  # speech cannot tell 王 from 汪: ask
    follow = _say(brain, "5栋的那个", "t-voice", channel="phone")
    assert follow.startswith("汪桂兰")


def test_rasa_data_validate():
    result = subprocess.run([sys.executable, "-m", "rasa", "data", "validate", "--data", "nlu"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_conversation_stories(model, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "rasa", "test", "core", "--model", str(model), "--stories", "tests/stories",
         "--fail-on-prediction-errors", "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_a_read_back_waiting_survives_a_restart(brain, shop_db):
    assert "对吗" in _say(brain, "王阿姨买了两袋东北大米", "t-restart")
    brain.conversations.kept.clear()  # the process's memory is gone, as after a kill -9 and a restart
    assert _say(brain, "对", "t-restart") == "记好了。"
    assert _sales(shop_db) == 1
    assert _say(brain, "对", "t-restart") == "现在没有要确认的内容。"  # never "好的" without a write
    assert _say(brain, "yes", "t-restart-en") == "Nothing is waiting for a yes."
    assert _sales(shop_db) == 1


def test_a_question_while_the_sale_asks_for_the_product_is_answered(brain, shop_db):
    assert "买的什么" in _say(brain, "王阿姨买了两袋", "t-mid")
    answer = _say(brain, "花生油还剩多少", "t-mid")
    assert "花生油" in answer and "对吗" not in answer  # answered, not taken for the product sold
    assert "买的什么" in answer  # and the sale still waits for its product
    assert "店里没有" not in _say(brain, "对", "t-mid")  # a yes is never a product either
    assert _sales(shop_db) == 0


def test_one_turn_reads_the_conversation_and_the_names_once(brain, shop_context, monkeypatch):
    """The follow-up check and Rasa share one read of the stored conversation, the tokenizer and the
    name extractor one read of the shop's names."""
    _say(brain, "你好", "t-reads")
    statements: list[str] = []
    names_read = []
    original = shop_context._read_shop_names
    monkeypatch.setattr(shop_context, "_read_shop_names", lambda: names_read.append(1) or original())

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(shop_context.engine, "before_cursor_execute", count)
    try:
        reply = _say(brain, "王阿姨平时买什么", "t-reads")
    finally:
        event.remove(shop_context.engine, "before_cursor_execute", count)
    assert "王秀英" in reply
    assert sum("max(conversation_events.seq)" in s for s in statements) == 1
    assert len(names_read) == 1
