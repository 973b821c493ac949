"""A greeting waiting for her yes is named, not read out again, in the note on every later answer (owner
trial #3: each answer on the phone doubled in length with the whole greeting)."""

from __future__ import annotations

from assistant.brain.proposals.greetings import GreetingProposal
from assistant.brain.waiting_write import mention_waiting_write

TEXT = "王阿姨，3月18日是您的生日，先给您道一声生日快乐！愿您新的一岁平安顺遂。——禾香粮油"


def _answer(language: str, reply: str) -> str:
    waiting = GreetingProposal(language=language, customer_id=1, customer_name="王秀英" if language == "zh"
                               else "Auntie Wang", occasion="生日", text=TEXT)
    call = {"next_action": "action_stock", "tracker": {"slots": {"pending": waiting.to_slot(), "language": language}}}
    result = mention_waiting_write(call, {"responses": [{"text": reply}], "events": []})
    return result["responses"][0]["text"]


def test_a_waiting_greeting_is_named_in_the_note_not_read_out():
    said = _answer("zh", "鸡蛋还有13盒,够10.4天。")
    assert said.startswith("鸡蛋还有13盒,够10.4天。(还有一笔等您确认:给王秀英的生日祝福")
    assert "平安顺遂" not in said


def test_in_english_too_without_chinese():
    said = _answer("en", "Eggs: 13 boxes, 10.4 days of sales.")
    assert "the birthday greeting for Auntie Wang" in said
    assert not any("\u4e00" <= c <= "\u9fff" for c in said)
