"""The Rasa tokenizer of our pipeline: normalise the text, then cut it with jieba into clean tokens.

Normalising inside the pipeline means ``rasa train``, ``rasa test nlu``, ``rasa shell`` and ``assistant
parse`` all see the same text. Training examples are normalised too, and their entity annotations are
moved through the offset map (``两`` annotated as quantity becomes ``2``). At inference the message text
is replaced by the normalised text, so returned entities refer to it.

Jieba in Rasa 3.6 emits whitespace tokens that break entity alignment (RasaHQ/rasa#7910): they are
dropped here, and a jieba word that mixes digits, Latin letters and CJK (``2袋``) is split at those
boundaries so a quantity is always its own token. Jieba's HMM new-word guessing is switched off: it
glues a unit to its product (``袋米``) or a name to its verb, and entities then cannot align with tokens.

Names are masked for the featurizers: a token inside a customer or product name gets the lemma
``ψ`` / ``φ`` (the count-vector featurizers read lemmas; the token text, its span and the entity
labels stay). A name says who, not what is asked, yet unmasked it steers the intent: 陈团长 is a
group leader, so "陈团长上次来是什么时候" came out as a commission question. In training, half of the
examples that name someone or something (chosen by a hash of the text, so every run is the same) are
added a second time with their annotated names masked, so the model learns the masked form as well as
raw names it has never seen; when a message comes, the shop's own names
(``assistant.brain.shop_names``) are masked. Names the shop does not know stay raw.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_END, ENTITY_ATTRIBUTE_START, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.brain.shop_names import UsesShopNames
from assistant.config import ROOT
from assistant.language.normalize import normalize

logger = logging.getLogger(__name__)

# What the featurizers see instead of a name: Greek letters, word characters (the word featurizer keeps
# only \w+) that no shop message contains, so no n-gram collides.
NAME_MASKS = {"customer": "ψ", "product": "φ"}

# Pieces of one jieba word: a number (with decimals), a Latin word (with apostrophes), or other text.
_PIECE = re.compile(r"[0-9]+(?:\.[0-9]+)?|[A-Za-z]+(?:['’][A-Za-z]+)*|[^\sA-Za-z0-9]+")


def normalize_message(message: Message) -> None:
    """Replace a message's text by its normalised form, moving its entity annotations along."""
    text = message.get(TEXT)
    # "/intent{...}" shortcuts (buttons, tests) are not language: leave them to Rasa's regex handler.
    if not isinstance(text, str) or not text or text.startswith("/"):
        return
    normalized = normalize(text)
    if normalized.text == text:
        return
    entities = message.get(ENTITIES)
    if entities:
        message.set(ENTITIES, remap_entities(entities, normalized), add_to_output=False)
    message.set(TEXT, normalized.text)


def remap_entities(entities: list[dict[str, Any]], normalized: Any) -> list[dict[str, Any]]:
    """Entity annotations of the original text moved onto the normalised text (dropped if erased)."""
    moved = []
    for entity in entities:
        start, end = entity.get(ENTITY_ATTRIBUTE_START), entity.get(ENTITY_ATTRIBUTE_END)
        if start is None or end is None:
            moved.append(entity)
            continue
        span = normalized.to_normalized_span(start, end)
        if span is None:
            logger.warning("entity %r in %r vanished in normalisation", entity, normalized.original)
            continue
        new = dict(entity, start=span[0], end=span[1])
        # A value equal to its text follows the text (两 → 2); a synonym's value is kept as written.
        if entity.get("value") == normalized.original[start:end]:
            new["value"] = normalized.text[span[0]:span[1]]
        moved.append(new)
    return moved


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class NormalizingJiebaTokenizer(UsesShopNames, JiebaTokenizer):
    """JiebaTokenizer that normalises text first and never emits blank tokens."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Jieba's defaults with our committed user dictionaries."""
        return {**JiebaTokenizer.get_default_config(), "dictionary_path": "nlu/jieba"}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NormalizingJiebaTokenizer:
        """Load the user dictionaries (read at start-up, so new customer names need no retraining)."""
        path = config.get("dictionary_path")
        if path:
            folder = Path(path)
            # Relative paths are the repository's, wherever the process was started from.
            if not folder.is_absolute() and not folder.exists():
                folder = ROOT / folder
            if folder.is_dir():
                cls._load_custom_dictionary(str(folder))
            else:
                logger.warning("jieba dictionary folder %s does not exist; using jieba's own words", folder)
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> NormalizingJiebaTokenizer:
        """Same as ``create``: nothing of ours is stored in the model."""
        return cls.create(config, model_storage, resource, execution_context)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Normalise every example (moving its entities), the synonym keys, tokenise, mask half the names."""
        for example in training_data.training_examples:
            normalize_message(example)
        training_data.entity_synonyms = {
            normalize(original).text: value for original, value in training_data.entity_synonyms.items()
        }
        training_data = super().process_training_data(training_data)
        copies = []
        for example in training_data.training_examples:
            text = example.get(TEXT)
            spans = [(e["entity"], e["start"], e["end"]) for e in example.get(ENTITIES) or []
                     if e["entity"] in NAME_MASKS]
            if spans and isinstance(text, str) and _masked_in_training(text):
                copy = _copy_with_tokens(example)
                mask_names(copy, spans)
                copies.append(copy)
        return training_data.merge(TrainingData(training_examples=copies)) if copies else training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Normalise and tokenise incoming messages, masking the shop's own names."""
        for message in messages:
            normalize_message(message)
        messages = super().process(messages)
        names = None
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text or text.startswith("/"):
                continue
            if names is None:
                names = self.current_shop_names()
                if names is None:
                    break
            mask_names(message, [(m.entity, m.start, m.end) for m in names.find(text)])
        return messages

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        """Jieba tokens without whitespace, split where digits, Latin and CJK meet."""
        import jieba

        text = message.get(attribute)
        tokens = [
            Token(piece.group(), start + piece.start())
            # HMM off: its new-word guessing glues unit and product (袋米) or name and verb together.
            for word, start, _end in jieba.tokenize(text, HMM=False)
            for piece in _PIECE.finditer(word)
        ]
        return self._apply_token_pattern(_join_decimals(tokens, text))


def _masked_in_training(text: str) -> bool:
    """Whether this training example is also learnt with its names masked: half of them, the same
    half every run."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=1).digest()[0] % 2 == 0


def _copy_with_tokens(example: Message) -> Message:
    """The example again, with tokens of its own (their lemmas are about to change)."""
    tokens = [Token(t.text, t.start, t.end, data=dict(t.data), lemma=t.lemma)
              for t in example.get(TOKENS_NAMES[TEXT]) or []]
    return Message(data={**example.data, TOKENS_NAMES[TEXT]: tokens},
                   output_properties=set(example.output_properties))


def mask_names(message: Message, spans: list[tuple[str, int, int]]) -> None:
    """Give every token that lies inside a customer or product span that name's mask as its lemma."""
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    for entity, start, end in spans:
        mask = NAME_MASKS.get(entity)
        if mask is None:
            continue
        for token in tokens:
            if start <= token.start and token.end <= end:
                token.lemma = mask


def _join_decimals(tokens: list[Token], text: str) -> list[Token]:
    """37 . 5 back into one token 37.5: jieba cuts a decimal at its point, and a price is one entity."""
    joined: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if (i + 2 < len(tokens) and token.text.isdigit() and tokens[i + 1].text == "."
                and tokens[i + 2].text.isdigit() and token.end == tokens[i + 1].start
                and tokens[i + 1].end == tokens[i + 2].start):
            end = tokens[i + 2].end
            joined.append(Token(text[token.start:end], token.start))
            i += 3
            continue
        joined.append(token)
        i += 1
    return joined
