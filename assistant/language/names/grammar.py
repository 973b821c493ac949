"""Phrases for a recogniser's grammar: the shop's names, forms of address and the words said around
them, split into the speech model's own words (the model's word list is read by
``assistant.speech.model_words``; here it is plain data)."""

from __future__ import annotations

from assistant.language.names.index import NameIndex

# Words the owner says around names, for the recogniser's grammar (segmented like the model's words).
COMMAND_WORDS_ZH = [
    "买了", "买", "要", "拿了", "进了", "到了", "还剩", "剩", "多少", "多少钱", "一共", "卖了",
    "今天", "昨天", "这周", "这个月", "上个月", "谁", "哪些", "什么", "补货", "该补", "撤销",
    "取消", "刚才", "那笔", "对", "是的", "不是", "不对", "好的", "好", "谢谢", "你好", "再见",
    "新顾客", "电话", "生日", "过生日", "祝福", "录", "发", "没来", "过敏", "高血压", "糖尿病",
    "不想", "收消息", "告诉", "佣金", "团长", "满减券", "试用装", "袋", "斤", "公斤", "桶", "瓶",
    "箱", "包", "块", "元", "块钱", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九",
    "十", "百", "千", "半", "掌柜的",
]
COMMAND_WORDS_EN = [
    "bought", "buy", "sold", "arrived", "how", "much", "many", "left", "who", "needs", "this",
    "week", "today", "yesterday", "month", "undo", "cancel", "that", "yes", "no", "okay", "thanks",
    "hello", "bye", "new", "customer", "phone", "birthday", "greeting", "send", "record",
    "allergy", "reorder", "stock", "bags", "bag", "bottles", "bottle", "kilos", "kg", "yuan",
    "for", "of", "and", "the", "a", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "twenty", "thirty", "fifty", "hundred", "hey", "shop",
]


def grammar_phrases(index: NameIndex, model_words: set[str] | None = None, *,
                    language: str | None = None) -> list[str]:
    """Phrases for a Vosk grammar: names, forms of address and command words, split into the model's
    words. ``language`` "zh…" or "en…" keeps one language (None or anything else: both). With
    ``model_words`` (``assistant.speech.model_words.read_model_words``) a Chinese phrase is split by
    longest match over the model's vocabulary (王秀英 → 王 秀英 or 王 秀 英) and a phrase with a word
    the model lacks is dropped; without it, jieba splits. The caller adds ``"[unk]"`` if the grammar should let other
    words through."""
    phrases: dict[str, None] = {}
    language = (language or "").lower()
    if not language.startswith("en"):
        for phrase in [*index.chinese_phrases(), *COMMAND_WORDS_ZH]:
            segmented = _segment(phrase, model_words)
            if segmented:
                phrases[segmented] = None
    if not language.startswith("zh"):
        for phrase in [*index.english_forms.forms, *COMMAND_WORDS_EN]:
            words = phrase.lower().split()
            if model_words is None or all(w in model_words for w in words):
                phrases[" ".join(words)] = None
    return list(phrases)


def _segment(phrase: str, model_words: set[str] | None) -> str | None:
    """``phrase`` in the model's words by longest match (jieba's without a word list); None when the
    model cannot say it."""
    if model_words is None:
        import jieba

        return " ".join(w for w in jieba.lcut(phrase, HMM=False) if w.strip())
    words: list[str] = []
    i = 0
    while i < len(phrase):
        for size in range(min(6, len(phrase) - i), 0, -1):
            if phrase[i:i + size] in model_words:
                words.append(phrase[i:i + size])
                i += size
                break
        else:
            return None
    return " ".join(words)
