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
