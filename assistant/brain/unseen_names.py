"""A full name the shop does not know, said without a form of address, heard as a person.

DIET finds names by their forms of address (王阿姨, 李叔) and by the names it was trained on; a plain
full name it has never seen ("钱多多先拿两袋东北大米记账", "钱多多的电话是多少") it leaves untagged, and the
owner was asked "记在谁的账上?" about the very name she had just said. A common surname with one or two
characters after it, opening the sentence and followed by what a sentence about a person goes on with
(的, 先, 买, 拿, 有, 家, 要, 还, 欠, 电话, 说, 来, 想, 赊, 刚买…), is taken as the name she said, so the reply can say no customer
of that name was found (and offer to add her, where that is offered).

A name right after the new-customer words (新顾客 大嘴, 新来的二丫, "an account for fatty lim") is hers whole, whatever
its shape (``with_new_customer_name``, red team 17): a nickname has no surname to be found by.

Only a candidate: the caller takes it only when no customer was found by the model or the shop's names,
and never over another entity. Never when the candidate, or its surname with the next character, is a
word of jieba's dictionary seen 10 times or more (黄豆, 马上, 周末, 高血压, 任何), nor when a character of the given name is one a
name does not have in an owner's sentence (function words, pronouns, measure words).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from assistant.brain.customer_spans import ZH_SURNAMES

EXTRACTOR = "UnseenNameFinder"

# What follows a person named at the start of a sentence about her.
_AFTER_NAME = ("电话", "的", "先", "买", "拿", "有", "家", "要", "还", "欠", "说", "来", "想", "赊",
               "刚才", "刚买", "刚拿", "刚来", "刚还", "刚付", "刚要", "刚赊", "刚走",  # 刚 alone: 冯小刚说
               "平时", "上次", "上回", "最近", "一般", "生日", "多久")  # "钱多多平时买什么" (kept-aside #12)
# Characters that are never part of a given name in the owner's sentences: the words that follow a name,
# function words, pronouns, question words, numbers and measure words, days and times, the heads of
# goods' names.
_NOT_IN_A_NAME = frozenset(
    "的先买拿有家要还欠说电话来想赊常订开去送换退用了着过地得吗呢吧啊呀嘛哦也都就才又再是在不没别很太最更把被给跟和与同向对从"
    "我你他她它们这那哪谁啥什么怎几个些每各该本今昨前后里外中上下年月日号点钟分秒块元角斤两袋瓶桶包箱盒罐"
    "一二三四五六七八九十百千万零半少"  # not 多: 钱多多
    "米面油糖盐醋酱豆茶酒蛋粉皮菜肉果")  # 陈醋, 陈皮, 黄糖: goods, whether or not jieba knows the word
# How often jieba must have seen a word for it to be one: its rarest words are names too (陶子, 3).
_WORD_FREQ = 10
_ONE_CHARACTER_ADDRESS = frozenset("叔姨姐婶哥嫂伯")
_TAB_WORDS = frozenset({"utang", "utang niya", "tab", "balance", "debt"})
_HANZI = re.compile(r"[\u4e00-\u9fff]")
# A greeting or a filler before the name ("喂,", "嗯 "): the sentence starts after it.
_OPENING = re.compile(r"^[\s,，。.!！?？、:：]*(?:(?:喂|嗯|哎|诶|那个|对了)[\s,，、]*)?")


def unseen_name_at_start(text: str) -> tuple[int, int] | None:
    """The span of a full name opening ``text`` (normalised) without a form of address ("钱多多" of
    "钱多多的电话是多少"), or None when the sentence does not open with one (see the module docstring)."""
    start = _OPENING.match(text).end()  # type: ignore[union-attr]  # the pattern matches the empty string
    for surname_size in (2, 1):
        surname = text[start:start + surname_size]
        if len(surname) != surname_size or surname not in ZH_SURNAMES:
            continue
        given_start = start + surname_size
        for given_size in (1, 2):
            end = given_start + given_size
            given = text[given_start:end]
            if len(given) != given_size or not all(_HANZI.fullmatch(c) and c not in _NOT_IN_A_NAME for c in given):
                break
            if given_size == 2 and given[0] in _ONE_CHARACTER_ADDRESS:
                break  # 李叔 of "李叔本来想赊账": the form of address ends the name
            if text[end:].startswith(_AFTER_NAME) and not _is_a_word(text[start:end], surname_size):
                return start, end
    return None


def _is_a_word(name: str, surname_size: int) -> bool:
    """Whether the would-be name, or its surname with the next character, is in jieba's dictionary."""
    import jieba  # jieba's own shared dictionary, loaded on first use (the NLU loads it too)

    jieba.dt.check_initialized()
    words = jieba.dt.FREQ
    return any(words.get(name[:size], 0) >= _WORD_FREQ for size in range(surname_size + 1, len(name) + 1))


def with_unseen_name(entities: list[dict[str, Any]], text: str, known: Mapping[str, str]) -> list[dict[str, Any]]:
    """``entities`` with the full name opening ``text`` as a customer, when none of them is a customer (or the only
    one is that name cut short and unknown), none overlaps the name and the shop does not know it as anything
    (``known``: its forms, e.g. a product)."""
    # Filipino "utang" (a debt, a tab) tagged as a customer is no one: "the utang of Master Zhou" (trial 14, M6)
    entities = [entity for entity in entities if entity["entity"] != "customer"
                or text[entity["start"]:entity["end"]].lower() not in _TAB_WORDS]
    entities = with_new_customer_name(entities, text, known)  # "新顾客 大嘴 电话…": 大嘴 is her name
    span = unseen_name_at_start(text)
    if span is None or text[span[0]:span[1]] in known:
        return entities
    start, end = span
    customers = [entity for entity in entities if entity["entity"] == "customer"]
    cut = [entity for entity in customers if entity["start"] == start and entity["end"] < end
           and text[entity["start"]:entity["end"]] not in known]
    if customers and len(cut) != 1:
        return entities
    # "姚晓" of "姚晓峰的电话是多少": the model cut an unknown name short; the whole name is what she said
    entities = [entity for entity in entities if not cut or entity is not cut[0]]
    if any(entity["start"] < end and start < entity["end"] for entity in entities):
        return entities
    name = {"entity": "customer", "start": start, "end": end, "value": text[start:end], "extractor": EXTRACTOR}
    return sorted([*entities, name], key=lambda entity: entity["start"])


def with_new_customer_name(entities: list[dict[str, Any]], text: str, known: Mapping[str, str]) -> list[dict[str, Any]]:
    """``entities`` with the name said right after the new-customer words as the customer ("大嘴" of "新顾客 大嘴
    电话…", "new customer: emma clarke", ``names.new_name``): added when no customer was found, or taking the place
    of the one found when that one is only a part of it ("lim" of "open an account for fatty lim") or runs over the
    new-customer words (顾客阿京); never over another entity, nor when the shop knows the words as anything
    (``known``)."""
    from assistant.language.names.new_name import new_customer_name_span

    span = new_customer_name_span(text)
    if span is None or text[span[0]:span[1]] in known:
        return entities
    start, end = span
    customers = [entity for entity in entities if entity["entity"] == "customer"]
    if any(entity["start"] < end and start < entity["end"] for entity in entities if entity["entity"] != "customer"):
        return entities
    if not customers:  # "新顾客 大嘴", "new customer: emma clarke": her name wherever it is from
        name = {"entity": "customer", "start": start, "end": end, "value": text[start:end], "extractor": EXTRACTOR}
        return sorted([*entities, name], key=lambda entity: entity["start"])
    if len(customers) != 1 or (customers[0]["start"], customers[0]["end"]) == (start, end) \
            or not (customers[0]["start"] < end and start < customers[0]["end"]):
        return entities
    # the model heard only a part of the name ("lim" of "fatty lim", "priya" of "priya nair"), or took the
    # new-customer words into it ("顾客阿京" of "新来的顾客阿京"): the name after those words is what she said
    return [dict(entity, start=start, value=text[start:end]) if entity is customers[0] else entity
            for entity in entities]
