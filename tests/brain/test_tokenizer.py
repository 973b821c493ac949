"""The pipeline's tokenizer: normalised text, no blank tokens, training entities moved onto the new text."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.brain.tokenizer import NormalizingJiebaTokenizer


@pytest.fixture
def tokenizer(tmp_path):
    config = NormalizingJiebaTokenizer.get_default_config()
    return NormalizingJiebaTokenizer.create(
        config, LocalModelStorage(tmp_path), Resource("tokenizer"), ExecutionContext(GraphSchema({}), "test"))


def _annotated(text: str, *entities: tuple[str, str]) -> Message:
    """A training example with entities given as (type, piece of text)."""
    annotations = []
    for entity, piece in entities:
        start = text.index(piece)
        annotations.append({"entity": entity, "start": start, "end": start + len(piece), "value": piece})
    return Message(data={TEXT: text, "intent": "log_sale", ENTITIES: annotations})


def _tokens(message: Message) -> list[str]:
    return [token.text for token in message.get(TOKENS_NAMES[TEXT])]


@pytest.mark.parametrize(
    "text",
    ["王 阿姨 买 了 两 袋 米", "mrs wang bought two bags of rice", "嗯  那个 王 阿姨   peanut oil  到 了"],
)
def test_no_blank_tokens(tokenizer, text):
    message = Message(data={TEXT: text})
    tokenizer.process([message])
    tokens = message.get(TOKENS_NAMES[TEXT])
    assert tokens
    assert all(token.text.strip() == token.text and token.text for token in tokens)
    # Every token is exactly the text at its offsets, so entity spans can align with tokens.
    assert all(message.get(TEXT)[token.start:token.end] == token.text for token in tokens)


def test_spoken_sale_is_normalised_and_cut_into_words(tokenizer):
    message = Message(data={TEXT: "王 阿姨 买 了 两 袋 米 一百 二十"})
    tokenizer.process([message])
    assert message.get(TEXT) == "王阿姨买了2袋米120"
    assert _tokens(message) == ["王", "阿姨", "买", "了", "2", "袋", "米", "120"]


def test_english_numbers_become_their_own_tokens(tokenizer):
    message = Message(data={TEXT: "Twenty bottles of peanut oil arrived"})
    tokenizer.process([message])
    assert _tokens(message) == ["20", "bottles", "of", "peanut", "oil", "arrived"]


def test_intent_shortcuts_are_left_alone(tokenizer):
    message = Message(data={TEXT: '/log_sale{"quantity": "2"}'})
    tokenizer.process([message])
    assert message.get(TEXT) == '/log_sale{"quantity": "2"}'


def test_training_entities_are_moved_onto_the_normalised_text(tokenizer):
    spoken = _annotated("嗯 王 阿姨 买 了 两 袋 米 一百 二十", ("customer", "王 阿姨"), ("quantity", "两"),
                        ("unit", "袋"), ("product", "米"), ("amount", "一百 二十"))
    typed = _annotated("Mrs Wang bought two bags of rice for five point five yuan", ("customer", "Mrs Wang"),
                       ("quantity", "two"), ("product", "rice"), ("amount", "five point five"))
    synonym = _annotated("李叔买了三斤米", ("customer", "李叔"), ("quantity", "三"), ("product", "米"))
    synonym.get(ENTITIES)[2]["value"] = "大米"
    data = TrainingData([spoken, typed, synonym], entity_synonyms={"东北 米": "东北大米"})

    tokenizer.process_training_data(data)

    def seen(message):
        text = message.get(TEXT)
        return [(e["entity"], text[e["start"]:e["end"]], e["value"]) for e in message.get(ENTITIES)]

    assert spoken.get(TEXT) == "王阿姨买了2袋米120"
    assert seen(spoken) == [("customer", "王阿姨", "王阿姨"), ("quantity", "2", "2"), ("unit", "袋", "袋"),
                            ("product", "米", "米"), ("amount", "120", "120")]
    assert seen(typed) == [("customer", "mrs wang", "mrs wang"), ("quantity", "2", "2"),
                           ("product", "rice", "rice"), ("amount", "5.5", "5.5")]
    # A synonym's value is what the annotator wrote, not the text.
    assert seen(synonym) == [("customer", "李叔", "李叔"), ("quantity", "3", "3"), ("product", "米", "大米")]
    assert data.entity_synonyms == {"东北米": "东北大米"}
    # Every moved entity starts and ends on token boundaries.
    for message in (spoken, typed, synonym):
        starts = {token.start for token in message.get(TOKENS_NAMES[TEXT])}
        ends = {token.end for token in message.get(TOKENS_NAMES[TEXT])}
        assert all(e["start"] in starts and e["end"] in ends for e in message.get(ENTITIES))


def _lemmas(message: Message) -> list[tuple[str, str]]:
    return [(token.text, token.lemma) for token in message.get(TOKENS_NAMES[TEXT])]


def test_the_shops_own_names_are_masked_for_the_featurizers(tokenizer, shop_context):
    # 王阿姨 and 东北大米 are in the shop; 裴文轩 is not and stays as it is.
    tokenizer.attach(shop_context)
    message = Message(data={TEXT: "王阿姨和裴文轩买了东北大米"})
    tokenizer.process([message])
    lemmas = _lemmas(message)
    assert [lemma for text, lemma in lemmas if text in "王阿姨"] == ["ψ"] * len(
        [text for text, _ in lemmas if text in "王阿姨"])
    assert [lemma for text, lemma in lemmas if text in "东北大米"] == ["φ"] * len(
        [text for text, _ in lemmas if text in "东北大米"])
    assert all(lemma == text for text, lemma in lemmas if text in "和裴文轩买了")


def test_half_of_the_training_examples_with_names_are_learnt_masked_too(tokenizer):
    names = ["王阿姨", "李叔", "张姐", "刘女士", "陈团长", "赵敏", "周师傅", "孙阿姨", "罗兵兰", "邓海",
             "范艳磊", "余凤涛", "冯玲林", "宋勇秀", "黄秀", "龚玉", "孔磊", "雷波", "何伟", "田华"]
    examples = [_annotated(f"{name}买了米", ("customer", name)) for name in names] + [_annotated("撤销刚才那笔")]
    trained = tokenizer.process_training_data(TrainingData(training_examples=examples)).training_examples
    masked = [m for m in trained if any(t.lemma == "ψ" for t in m.get(TOKENS_NAMES[TEXT]))]
    raw = [m for m in trained if not any(t.lemma == "ψ" for t in m.get(TOKENS_NAMES[TEXT]))]
    assert len(raw) == len(examples)  # every example stays as written
    assert 5 <= len(masked) <= 15
    for message in masked:
        name = message.get(ENTITIES)[0]
        assert all(t.lemma == "ψ" for t in message.get(TOKENS_NAMES[TEXT])
                   if name["start"] <= t.start and t.end <= name["end"])
        assert {m.get(TEXT) for m in raw} >= {message.get(TEXT)}
