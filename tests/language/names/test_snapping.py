"""A recogniser's transcripts with misheard names snapped to the shop's own, and nothing else touched."""

from __future__ import annotations

from assistant.language.names import CustomerRecord, NameIndex, ProductRecord, is_common_word, snap_transcript

from .conftest import index_of


def test_misheard_name_snaps_to_the_only_customer_keeping_vosk_spacing():
    index = index_of(CustomerRecord(1, "王秀英", ("王阿姨",), "3栋"))
    assert snap_transcript(index, "汪阿姨买了两袋米", "zh") == "王阿姨买了两袋米"
    assert snap_transcript(index, "汪 阿 姨 买 了 两 袋 米", "zh") == "王 阿 姨 买 了 两 袋 米"
    assert snap_transcript(index, "王秀银 要 三 袋 东北 大米", "zh") == "王秀英 要 三 袋 东北 大米"


def test_no_snap_when_two_names_fit_or_nothing_is_close():
    index = index_of(CustomerRecord(1, "王秀英", ("王阿姨",)), CustomerRecord(2, "黄丽", ("黄阿姨",)))
    both = index_of(CustomerRecord(1, "王秀英", ("王阿姨",)), CustomerRecord(2, "汪桂兰", ("汪阿姨",)))
    assert snap_transcript(both, "旺阿姨买了两袋米", "zh") == "旺阿姨买了两袋米"
    assert snap_transcript(index, "赵老板 来 了", "zh") == "赵老板 来 了"
    assert snap_transcript(index, "", "zh") == ""


def test_ordinary_words_never_become_names():
    # 金田 sounds exactly like 今天 (jin tian), 沈么 like 什么 (shen me).
    index = index_of(CustomerRecord(1, "金田"), CustomerRecord(2, "沈么"),
                     CustomerRecord(3, "王秀英", ("王阿姨",)))
    for said in ("今天王阿姨买了什么", "今 天 卖 了 什么", "什么时候到货"):
        assert snap_transcript(index, said, "zh") == said
    assert is_common_word("今天") and not is_common_word("金田")


def test_english_transcript_snaps_to_known_latin_forms():
    index = index_of(CustomerRecord(1, "王秀英", ("王阿姨",)), CustomerRecord(2, "刘美玲", ("Linda Liu",)))
    assert snap_transcript(index, "auntie wong bought two bags of rice", "en") == (
        "auntie wang bought two bags of rice")
    assert snap_transcript(index, "lynda liu bought penut oil", "en") == "linda liu bought peanut oil"
    assert snap_transcript(index, "what do i need to reorder", "en") == "what do i need to reorder"


# --- what the snapping benchmark found (benchmarks/snapping.py) ------------------------------------


def test_snapping_never_turns_a_command_word_into_part_of_a_name():
    index = NameIndex.from_records([CustomerRecord(1, "王秀英", ("王阿姨",))],
                                   [ProductRecord(1, "燕麦片", ("燕麦",), "杂粮")])
    # 燕买 sounds like 燕麦 (yan mai): someone called 赵燕 buying must stay a purchase.
    assert snap_transcript(index, "赵 燕 买 了 两 袋 米", "zh") == "赵 燕 买 了 两 袋 米"
    assert snap_transcript(index, "进 了 三十 袋 燕 卖", "zh") == "进 了 三十 袋 燕 麦"


def test_english_snapping_keeps_the_words_around_a_name():
    index = index_of(CustomerRecord(1, "汪桂兰", ("Auntie Wang Guilan",)), CustomerRecord(2, "周德明", ("Master Zhou",)))
    for said in ("send a birthday greeting to auntie wang guilan", "when did master zhou last come in",
                 "twenty bags of jasmine rice arrived", "how much northeast rice is left"):
        assert snap_transcript(index, said, "en") == said
    assert snap_transcript(index, "send a greeting to auntie wang guilin", "en") == (
        "send a greeting to auntie wang guilan")


def test_recogniser_spellings_of_english_names_snap():
    index = index_of(CustomerRecord(1, "刘淑珍", ("刘女士", "Mrs Liu")), CustomerRecord(2, "罗兵兰", ("Luo Binglan",)))
    # LibriSpeech-trained English models write Mrs as "missus"; mrs liu and ms liu are one name.
    assert snap_transcript(index, "missus liu bought two bags of rice", "en") == "mrs liu bought two bags of rice"
    # A romanised surname in a full Latin name: lo binglan is Luo Binglan.
    assert snap_transcript(index, "lo binglan has high blood pressure", "en") == "luo binglan has high blood pressure"


def test_a_big_shops_names_do_not_grow_out_of_ordinary_words():
    index = index_of(CustomerRecord(1, "沈国敏"), CustomerRecord(2, "石建美"), CustomerRecord(3, "王秀英"))
    for said in ("孩子 花生 过敏", "谁 好长时间 没 来 了", "谁好长时间没来了"):
        assert snap_transcript(index, said, "zh") == said
    assert snap_transcript(index, "沈 国 民 有 高血压", "zh") == "沈 国 敏 有 高血压"  # on word boundaries
    assert snap_transcript(index, "汪 秀英 要 三 袋", "zh") == "王 秀英 要 三 袋"
