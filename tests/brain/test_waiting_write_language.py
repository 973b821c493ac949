"""A write read back in English and still waiting is named in Chinese when she goes on in Chinese."""

from __future__ import annotations

from assistant.brain.proposals import ConsentProposal, SaleProposal, UndoProposal
from assistant.brain.waiting_write import mention_waiting_write

NAMES = {(1, "zh"): "王秀英", (1, "en"): "Auntie Wang"}


def _note(waiting, language: str, reply: str, action: str = "action_stock") -> str:
    call = {"next_action": action, "tracker": {"slots": {"pending": waiting.to_slot(), "language": language}}}
    result = mention_waiting_write(call, {"responses": [{"text": reply}], "events": []},
                                   lambda customer_id, lang: NAMES.get((customer_id, lang)))
    return result["responses"][0]["text"]


def _sale() -> SaleProposal:
    return SaleProposal(language="en", customer_id=1, customer_name="Auntie Wang", lines=[
        {"product_id": 3, "product": "东北大米", "aliases": ["northeast rice"], "quantity": "2", "unit": "bags",
         "amount": "120"}])


def test_an_english_read_back_is_named_in_chinese_in_a_chinese_answer():
    said = _note(_sale(), "zh", "鸡蛋还有13盒。")
    assert "还有一笔等您确认:王秀英 买 东北大米 2袋" in said
    assert "Auntie" not in said


def test_in_english_it_stays_english():
    assert "Auntie Wang bought 2 bags" in _note(_sale(), "en", "Eggs: 13 boxes.")


def test_a_dropped_english_read_back_and_an_undo_are_named_in_chinese_too():
    consent = ConsentProposal(language="en", customer_id=1, customer_name="Auntie Wang")
    call = {"next_action": "action_propose_sale",
            "tracker": {"slots": {"pending": consent.to_slot(), "language": "zh"}}}
    result = mention_waiting_write(call, {"responses": [{"text": "王秀英 买 …对吗?"}],
                                          "events": [{"event": "slot", "name": "pending",
                                                      "value": _sale().to_slot()}]},
                                   lambda customer_id, lang: NAMES.get((customer_id, lang)))
    assert result["responses"][0]["text"].startswith("(刚才那笔没记:王秀英以后不再收店里的消息。)")
    undo = UndoProposal(language="en", target={**_sale().to_slot(), "written": {"sale_id": 9}})
    assert "王秀英 买 东北大米" in _note(undo, "zh", "鸡蛋还有13盒。")


def test_units_said_in_english_are_named_in_chinese():
    from assistant.language.wording import unit_word

    assert [unit_word(u, "zh") for u in ("bags", "bag", "jugs", "buckets", "kg", "袋")] == ["袋", "袋", "桶", "桶", "公斤", "袋"]


def test_thanks_answered_by_the_domain_says_the_write_still_waits():
    # owner trial 13, M5: "cheers" while a tab waited got "You're welcome!" and nothing said it was not recorded
    from assistant.brain.waiting_write import small_talk_while_waiting

    waiting = ConsentProposal(language="en", customer_id=3, customer_name="Deng Hai", granted=False).to_slot()
    said = small_talk_while_waiting("thank", {"pending": waiting, "language": "en"})
    assert said is not None and said.startswith("(Still waiting for your yes") and "Deng Hai" in said
    assert "还有一笔等您确认" in small_talk_while_waiting("thank", {"pending": waiting, "language": "zh"})
    assert small_talk_while_waiting("thank", {"pending": None, "language": "en"}) is None
    assert small_talk_while_waiting("ask_stock", {"pending": waiting, "language": "en"}) is None
