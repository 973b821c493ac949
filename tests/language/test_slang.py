"""Net slang and texting shorthand reach the NLU as plain words; goods, names and prices are left alone."""

import pytest

from assistant.language.normalize import normalize


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        # The niece's net slang (blind set #17's misses).
        ("木有", "没有"),
        ("明天有木有人该来拿鸡蛋", "明天有没有人该来拿鸡蛋"),
        ("鸡蛋木有了吗", "鸡蛋没有了吗"),
        ("蟹蟹~", "谢谢~"),
        ("3q", "谢谢"),
        ("谢谢鸭，么么哒", "谢谢呀,"),
        ("对哒，就是酱紫", "对的,就是这样"),
        ("好滴", "好的"),
        ("是滴是滴", "是的是的"),
        ("你能做神马", "你能做什么"),
        ("帮我康康哪些人该买东北大米了", "帮我看看哪些人该买东北大米了"),
        ("我不会用，咋整", "我不会用,怎么办"),
        ("说明书在哪hhh", "说明书在哪"),
        ("表啦", "不要啦"),
        ("小赵说消息太多了，表再发了", "小赵说消息太多了,不要再发了"),
        ("表", "不要"),
        ("886~", "拜拜~"),
        ("嗯嗯", "好的"),
        ("掌柜的早上好鸭", "掌柜的早上好呀"),
        ("橄榄油有没有鸭", "橄榄油有没有呀"),
        # Hangzhou 伐 asks as 吗 does, typed or spoken.
        ("低 钠 酱油 还 有 伐", "低钠酱油还有吗"),
        ("哎 在 伐", "在吗"),
        # English texting shorthand.
        ("ty", "thank you"),
        ("tysm!", "thank you so much!"),
        ("any bdays this week", "any birthdays this week"),
        ("stop the msgs to auntie wang pls", "stop the messages to auntie wang please"),
        ("who owes me rn", "who owes me right now"),
        ("r u there", "r you there"),
        ("k", "ok"),
    ],
)
def test_slang_reads_as_plain_words(typed: str, seen: str) -> None:
    """Each shorthand becomes the word it stands for."""
    assert normalize(typed).text == seen


@pytest.mark.parametrize(
    "said",
    [
        "咸鸭蛋还有几盒",  # the bird, in goods
        "烤鸭",
        "鸭子",
        "帮我填个表",  # a form
        "表格导出来",
        "王阿姨买了两袋米88",  # a price, not goodbye
        "嗯",  # a lone 嗯 from the recogniser is often noise: never a yes
        "tyler came in",  # letters inside a word
        "mrs liu",
        "康师傅方便面",
    ],
)
def test_words_that_only_look_like_slang_stay(said: str) -> None:
    """Goods, forms, prices and names that contain a shorthand's letters are not rewritten."""
    seen = normalize(said).text
    for plain in ("呀", "不要", "拜拜", "好的", "thank you", "看看"):
        assert plain not in seen


def test_a_tagged_shorthand_keeps_its_span() -> None:
    """An entity annotated on the shorthand maps onto the plain word that replaced it."""
    typed = "any bdays tmrw"
    normalized = normalize(typed)
    start = typed.index("tmrw")
    span = normalized.to_normalized_span(start, start + 4)
    assert span is not None
    assert normalized.text[span[0]:span[1]] == "tomorrow"
