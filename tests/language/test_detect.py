"""The reply language follows the owner's words; a message of figures only keeps the conversation's (leftovers12:
"一百一十八", written "118" by the normaliser, turned a Chinese conversation's replies English)."""

from assistant.language.detect import reply_language


def test_the_words_said_choose_the_language():
    assert reply_language("王秀英买了两袋") == "zh"
    assert reply_language("Uncle Li bought two bags", current="zh") == "en"
    assert reply_language("Mrs Wang 买了两袋米", current="en") == "zh"


def test_figures_alone_keep_the_conversation_s_language():
    assert reply_language("118", current="zh") == "zh"
    assert reply_language("89.9", current="en") == "en"
    assert reply_language("118") == "zh"  # nothing said before: the shop's own language (red team 14, "88")


def test_a_fixed_setting_wins():
    assert reply_language("118", "zh", current="en") == "zh"


def test_keyboard_nonsense_keeps_the_conversation_s_language():
    # Red team 16 A1: "asdfgh jkl" turned a Chinese "which rice?" into English.
    assert reply_language("asdfgh jkl", current="zh") == "zh"
    assert reply_language("asdfgh jkl", current="en") == "en"
