"""Entity values mean what she said, or there is no entity (blind set #6's mistakes, after scoring)."""

import datetime as dt

from assistant.brain.entities import resolve_overlaps

TODAY = dt.date(2026, 3, 15)


def _tagged(kind: str, text: str, span: str, after: int = 0) -> dict:
    start = text.index(span, after)
    return {"entity": kind, "start": start, "end": start + len(span), "value": span, "confidence_entity": 0.9}


def test_a_round_spoken_amount_keeps_its_last_digit():
    text = "王阿姨这两百五记在本子上"
    (amount, *_) = [e for e in resolve_overlaps([_tagged("amount", text, "两百")], text, today=TODAY)
                    if e["entity"] == "amount"]
    assert amount["value"] == "250" and text[amount["start"]:amount["end"]] == "两百五"
    text = "张 姐 说 先 欠 着 一百 三 过 几 天 给"
    found = resolve_overlaps([_tagged("amount", text, "一百"), _tagged("amount", text, "三")], text, today=TODAY)
    assert [(e["entity"], e["value"]) for e in found if e["entity"] == "amount"] == [("amount", "130")]
    text = "一百 五袋米"  # a count after it is no digit of the amount
    assert resolve_overlaps([_tagged("amount", text, "一百")], text, today=TODAY)[0]["value"] == "100"


def test_a_period_length_or_day_without_meaning_is_no_entity():
    for text, kind, span in [("说说陈团长这个人", "period", "这个"), ("最近 谁 要 过 生日 啊", "period", "最近"),
                             ("十天以上没来的有几个", "days", "个"), ("下 一 个", "period", "下 一 个")]:
        assert resolve_overlaps([_tagged(kind, text, span)], text, today=TODAY) == [], text
    text = "新来一个小滕,手机号18268045173"  # 一个 counts a person, not a length of time
    assert resolve_overlaps([_tagged("days", text, "一个")], text, today=TODAY) == []
    text = "三 个 礼拜 没 来 的 有 谁"
    assert [e["value"] for e in resolve_overlaps([_tagged("days", text, "三")], text, today=TODAY)] == ["21"]
    text = "谁 三十 天 没 来 了"
    assert [e["value"] for e in resolve_overlaps([_tagged("days", text, "三十")], text, today=TODAY)] == ["30"]
    text = "这周谁过生日"
    assert [e["entity"] for e in resolve_overlaps([_tagged("period", text, "这周")], text, today=TODAY)] == ["period"]
    text = "周师傅面馆搬到沿街20号了"  # an address, not the 20th
    assert resolve_overlaps([_tagged("date", text, "20号")], text, today=TODAY) == []
    text = "周师傅生日是20号"
    assert [e["value"] for e in resolve_overlaps([_tagged("date", text, "20号")], text, today=TODAY)] == ["2026-03-20"]
    text = "um how much have we taken so far today"
    (today,) = resolve_overlaps([_tagged("period", text, "so far today")], text, today=TODAY)
    assert (text[today["start"]:today["end"]], today["value"]) == ("today", "today")


def test_days_of_the_month_lunar_days_and_two_months_have_values():
    cases = [("3号营业额多少", "date", "3号", "2026-03-03"), ("下个月8号来拿", "date", "下个月8号", "2026-04-08"),
             ("孙阿姨生日是农历正月初六", "date", "农历正月初六", "农历01-06"),
             ("生日改成农历九月初九", "date", "农历九月初九", "农历09-09"), ("俩月没见人的有谁", "days", "俩月", "60")]
    for text, kind, span, value in cases:
        (found,) = resolve_overlaps([_tagged(kind, text, span)], text, today=TODAY)
        assert found["value"] == value, text


def test_a_price_run_on_into_the_product_is_cut_off_as_the_amount():
    text = "王阿姨3月10号买了2袋东北大米118"
    found = resolve_overlaps([_tagged("product", text, "东北大米118")], text, today=TODAY)
    # the count the model left untagged is read too (2袋: ``implied_counts.counts_before_measures``)
    assert [(e["entity"], e["value"]) for e in found] == [("quantity", "2"), ("unit", "袋"), ("product", "东北大米"),
                                                          ("amount", "118")]
    text = "李叔拿了一瓶生抽12.5块,还有鸡蛋16"  # an amount already found: the product is only cut back
    found = resolve_overlaps([_tagged("product", text, "生抽12.5块"), _tagged("amount", text, "16")], text, today=TODAY)
    assert [(e["entity"], e["value"]) for e in found] == [("product", "生抽"), ("amount", "16")]


def test_money_handed_over_that_the_model_left_untagged_is_the_amount():
    def amounts(text):
        return [(e["value"], text[e["start"]:e["end"]]) for e in resolve_overlaps([], text, today=TODAY)
                if e["entity"] == "amount"]

    assert amounts("张姐3月20号还了五十") == [("50", "五十")]
    assert amounts("李叔给了我五十块") == [("50", "五十")]
    assert amounts("uncle li paid fifty yuan") == [("50", "fifty")]
    assert amounts("王阿姨还了两袋米的钱") == [] and amounts("she paid me back") == []
    text = "张姐3月20号还了50"  # the model took the money for a day too
    found = resolve_overlaps([_tagged("date", text, "3月20号"), _tagged("date", text, "50")], text, today=TODAY)
    assert [(e["entity"], e["value"]) for e in found] == [("date", "2025-03-20"), ("amount", "50")]


def _amounts(found: list[dict]) -> list[str]:
    return [e["value"] for e in found if e["entity"] == "amount"]


def test_an_english_price_said_as_yuan_and_fen_is_one_amount():
    from assistant.language.normalize import normalize

    text = normalize("mrs wang bought two bags of rice twelve fifty").text  # "... 2 bags of rice 12 50"
    quantity = _tagged("quantity", text, "2")
    cases = [  # however the model tagged the two numbers, or not at all
        [quantity, _tagged("amount", text, "12 50")],
        [quantity, _tagged("amount", text, "12")],
        [quantity, _tagged("quantity", text, "12"), _tagged("amount", text, "50", after=text.index("12"))],
        [quantity, _tagged("quantity", text, "12")],
        [quantity],
    ]
    for entities in cases:
        found = resolve_overlaps(entities, text, today=TODAY)
        assert _amounts(found) == ["12.5"], entities
        assert [e["value"] for e in found if e["entity"] == "quantity"] == ["2"], entities
    for said, amount in [("sister zhang paid nine eighty", "9.8"), ("a bottle of soy sauce for twelve oh five", "12.05"),
                         ("nine eighty", "9.8")]:
        text = normalize(said).text
        assert _amounts(resolve_overlaps([], text, today=TODAY)) == [amount], said
    text = normalize("mrs chen bought soy sauce twelve fifty yuan").text  # ending a sale of goods named
    assert _amounts(resolve_overlaps([_tagged("product", text, "soy sauce")], text, today=TODAY)) == ["12.5"]
    assert _amounts(resolve_overlaps([], text, today=TODAY)) == []  # no goods, no word of paying: left alone


def test_counts_and_other_numbers_are_not_yuan_and_fen():
    from assistant.language.normalize import normalize

    for said, tagged, amount in [
        ("mrs wang bought two bags fifty", [("quantity", "2"), ("amount", "50")], ["50"]),
        ("mrs wang bought twelve bags fifty", [("quantity", "12"), ("amount", "50")], ["50"]),
        ("she bought twelve fifty kg bags", [], []),  # a size, not a price
        ("mrs wang bought two bags of rice twelve fifty five", [("quantity", "2")], []),  # no price shape
        ("call her at twelve thirty", [], []),  # a time
        ("mrs liu was born nineteen fifty", [("date", "19 50")], []),
        ("who hasn't been in for 30 days", [("days", "30")], []),
    ]:
        text = normalize(said).text
        entities, after = [], 0
        for kind, span in tagged:
            entities.append(_tagged(kind, text, span, after))
            after = entities[-1]["end"]
        assert _amounts(resolve_overlaps(entities, text, today=TODAY)) == amount, said


def _spans(text: str, spans: list[tuple[str, str]]) -> list[dict]:
    found, start = [], 0
    for kind, words in spans:
        at = text.index(words, start)
        found.append({"entity": kind, "start": at, "end": at + len(words), "value": words})
        start = at + len(words)
    return found


def test_product_put_right_in_the_sentence_wins() -> None:
    """Owner trial 13 (W7): "一瓶生抽哦不对是老抽" is 老抽; "三斤小米,不是,是绿豆" is 绿豆; a quantity put right keeps
    its one product."""
    from assistant.brain.entity_values import without_corrected

    for text, gone, kept in [("李叔拿了1瓶生抽哦不对是老抽", "生抽", "老抽"), ("李叔拿了1瓶生抽,不对,是老抽", "生抽", "老抽"),
                             ("刘女士买了3斤小米不是是绿豆", "小米", "绿豆"),
                             ("uncle li took a bottle of light soy, no wait, dark soy", "light soy", "dark soy")]:
        found = without_corrected(_spans(text, [("product", gone), ("product", kept)]), text)
        assert [e["value"] for e in found if e["entity"] == "product"] == [kept], text
    text = "王阿姨买了2袋米,不是,是3袋"
    assert [e["value"] for e in without_corrected(_spans(text, [("product", "米")]), text)] == ["米"]
    text = "王阿姨买了小米和绿豆"
    assert len(without_corrected(_spans(text, [("product", "小米"), ("product", "绿豆")]), text)) == 2


def test_the_count_before_a_product_put_right_counts_the_new_one() -> None:
    """Model 20261207: "李叔拿了1瓶生抽哦不对是老抽" with 1瓶 left untagged asked "买了多少?"; the count is 老抽's."""
    from assistant.brain.entity_values import without_corrected

    text = "李叔拿了1瓶生抽哦不对是老抽"
    found = without_corrected(_spans(text, [("customer", "李叔"), ("product", "生抽"), ("product", "老抽")]), text)
    assert [(e["entity"], e["value"]) for e in found] == [
        ("customer", "李叔"), ("quantity", "1"), ("unit", "瓶"), ("product", "老抽")]
    tagged = _spans(text, [("quantity", "1"), ("product", "生抽"), ("product", "老抽")])
    assert [e["entity"] for e in without_corrected(tagged, text)] == ["quantity", "product"]  # nothing added twice
