"""The shop's own names become entities: found in the normalised text, and they win over DIET's guesses."""

from assistant.brain.shop_names import NameMatch, ShopNameExtractor, ShopNames, merge_known_names
from assistant.db import session_scope
from assistant.language.names import CustomerRecord, NameIndex, ProductRecord
from assistant.language.normalize import normalize

CUSTOMERS = [
    CustomerRecord(1, "王秀英", ("王阿姨", "Auntie Wang")),
    CustomerRecord(2, "聂晓燕", ("群主老聂",)),
    CustomerRecord(3, "李建国", ("李叔", "Uncle Li")),
    CustomerRecord(4, "Maria Santos", ("Maria",)),
    CustomerRecord(5, "高山", ()),  # also an everyday word (a high mountain)
    CustomerRecord(6, "May", ()),  # also a month
    CustomerRecord(7, "小红豆", ()),  # a nickname that is also a product
]
PRODUCTS = [
    ProductRecord(1, "东北大米", ("northeast rice",), "米"),
    ProductRecord(2, "低钠酱油", ("low sodium soy sauce",), "酱油"),
    ProductRecord(3, "小米", ("millet",), "杂粮"),
    ProductRecord(4, "小红豆", (), "杂粮"),
]


def _names() -> ShopNames:
    return ShopNames.from_index(NameIndex.from_records(CUSTOMERS, PRODUCTS))


def _found(text: str) -> list[tuple[str, str]]:
    normalized = normalize(text).text
    return [(m.entity, m.value) for m in _names().find(normalized)]


def test_chinese_names_aliases_and_products_are_found_in_speech_form():
    assert _found("嗯 王 阿姨 买 了 两 袋 东北 大米") == [("customer", "王阿姨"), ("product", "东北大米")]
    assert _found("群主老聂这个月佣金多少") == [("customer", "群主老聂")]


def test_forms_of_address_of_the_same_class_are_found():
    assert _found("给李叔叔发个生日祝福") == [("customer", "李叔叔")]
    assert _found("send a birthday greeting to uncle li") == [("customer", "uncle li")]


def test_english_names_match_whole_words_only():
    assert _found("Maria bought northeast rice") == [("customer", "maria"), ("product", "northeast rice")]
    assert _found("mariachi music") == []


def test_an_english_name_said_with_s_is_found_without_it():
    assert _found("Uncle Li's birthday is July 9th") == [("customer", "uncle li")]
    assert _found("anything i should know about uncle lis health") == [("customer", "uncle li")]  # as speech writes it
    assert _found("what does auntie wang’s son buy") == [("customer", "auntie wang")]
    assert _found("Maria's number") == [("customer", "maria")]


def test_everyday_words_and_ambiguous_forms_are_left_to_the_model():
    assert _found("高山上的大米") == []  # 高山 is a customer, and a mountain
    assert _found("may i have the stock of millet") == [("product", "millet")]  # May is a month too
    assert _found("小红豆还剩多少") == []  # a customer's nickname and a product


def test_a_known_name_replaces_what_the_model_cut_short_or_mistyped():
    model = [{"entity": "customer", "start": 0, "end": 2, "value": "群主", "extractor": "DIETClassifier"},
             {"entity": "customer", "start": 11, "end": 15, "value": "低钠酱油", "extractor": "DIETClassifier"}]
    known = [NameMatch("customer", 0, 4, "群主老聂"), NameMatch("product", 11, 15, "低钠酱油")]
    merged = merge_known_names(model, known)
    assert [(e["entity"], e["value"], e["extractor"]) for e in merged] == [
        ("customer", "群主老聂", "ShopNameExtractor"), ("product", "低钠酱油", "ShopNameExtractor")]


def test_a_longer_entity_of_the_same_type_around_a_known_name_is_kept():
    model = [{"entity": "product", "start": 0, "end": 13, "value": "rice bran oil"}]
    merged = merge_known_names(model, [NameMatch("product", 0, 4, "rice")])
    assert [e["value"] for e in merged] == ["rice bran oil"]


def test_a_known_name_with_only_everyday_words_around_it_wins():
    # "秦文说以后可以给她发消息了", "小赵家孩子对芒果过敏": the model took 说 / 家 into the name
    for longer, known in (("秦文说", "秦文"), ("小赵家", "小赵"), ("给王阿姨", "王阿姨")):
        model = [{"entity": "customer", "start": 0, "end": len(longer), "value": longer}]
        start = longer.index(known)
        merged = merge_known_names(model, [NameMatch("customer", start, start + len(known), known)])
        assert [e["value"] for e in merged] == [known], longer


def test_the_extractor_reads_the_shop_database_and_follows_new_customers(shop_db, shop_context):
    from rasa.shared.nlu.training_data.message import Message

    from assistant.shop.customers import add_customer
    from assistant.shop.shops import default_shop_id

    extractor = ShopNameExtractor()
    extractor.attach(shop_context)
    message = Message(data={"text": "裴文轩买了2袋东北大米", "entities": []})
    extractor.process([message])
    # Not a customer yet: heard as the full name she said (to be told no such customer), not as a known one.
    assert [(e["entity"], e["value"], e["extractor"]) for e in message.get("entities")] == [
        ("customer", "裴文轩", "UnseenNameFinder"), ("product", "东北大米", "ShopNameExtractor")]

    with session_scope(shop_db) as session:
        # Added by another session (another process, say): the data version tells the context at once.
        add_customer(session, shop_id=default_shop_id(session), name="裴文轩", channel="cli")
    message = Message(data={"text": "裴文轩买了2袋东北大米", "entities": []})
    extractor.process([message])
    assert [(e["entity"], e["value"], e["extractor"]) for e in message.get("entities")] == [
        ("customer", "裴文轩", "ShopNameExtractor"), ("product", "东北大米", "ShopNameExtractor")]


def test_without_a_database_the_extractor_changes_nothing(tmp_path):
    from rasa.shared.nlu.training_data.message import Message

    from assistant.context import ShopContext
    from assistant.db import make_engine

    entities = [{"entity": "customer", "start": 0, "end": 3, "value": "王阿姨"}]
    message = Message(data={"text": "王阿姨买了米", "entities": list(entities)})
    extractor = ShopNameExtractor()
    extractor.attach(ShopContext.build(engine=make_engine(f"sqlite:///{tmp_path}/never-migrated.db")))
    extractor.process([message])
    assert message.get("entities") == entities


def test_a_category_said_in_english_is_a_product():
    assert _found("how much rice did we sell this week") == [("product", "rice")]  # the category 米
    assert _found("who needs soy sauce") == [("product", "soy sauce")]  # the category 酱油


def test_a_verb_after_a_known_name_is_not_part_of_it_but_a_longer_known_name_is_kept():
    # "汪阿姨转了九十八", "李叔同意收消息了": 转 and 同 are the next words, not the name.
    for longer, known in (("汪阿姨转", "汪阿姨"), ("李叔同", "李叔"), ("王阿姨还", "王阿姨")):
        model = [{"entity": "customer", "start": 0, "end": len(longer), "value": longer}]
        merged = merge_known_names(model, [NameMatch("customer", 0, len(known), known)])
        assert [e["value"] for e in merged] == [known], longer
    # A shop that has a customer called 李叔同 finds him whole (the longest form at that place).
    names = ShopNames.from_index(NameIndex.from_records(
        [*CUSTOMERS, CustomerRecord(8, "李叔同", ())], PRODUCTS))
    assert [(m.entity, m.value) for m in names.find("李叔同来买米")] == [("customer", "李叔同")]


def test_a_compound_surname_spoken_with_a_space_is_the_known_name():
    names = ShopNames.from_index(NameIndex.from_records([*CUSTOMERS, CustomerRecord(8, "欧阳春", ())], PRODUCTS))
    text = normalize("欧阳 春 买 了 两 袋 东北 大米").text
    assert [(m.entity, m.value) for m in names.find(text)] == [("customer", "欧阳春"), ("product", "东北大米")]
    cut = [{"entity": "customer", "start": 0, "end": 2, "value": "欧阳", "confidence_entity": 0.9}]  # DIET's 欧阳
    assert [e["value"] for e in merge_known_names(cut, names.find(text)) if e["entity"] == "customer"] == ["欧阳春"]


def test_a_form_of_address_misheard_as_a_homophone_is_found():
    """Red team 16, M7: "王 啊 姨 欠 多少" names 王阿姨 as heard (啊 for 阿), to be resolved by its sound."""
    assert _found("王 啊 姨 欠 多少") == [("customer", "王啊姨")]
    assert _found("啊 王阿姨欠多少") == [("customer", "王阿姨")]
