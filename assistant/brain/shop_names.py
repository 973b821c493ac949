"""The shop's own customers and products as entities: what the owner names is looked up in the database.

DIET learns to spot names from examples, and a name it has never seen (a new regular, a brand the
shop just started selling) is where it fails most: it cuts 群主老聂 to 群主, or calls olive oil a
customer. The shop's database knows every customer and product by name and alias, so the pipeline
asks it: ``ShopNameExtractor`` (after DIET and the regex extractor) finds the shop's names in the
normalised text and they win over what the model guessed for the same stretch of text.

What counts as a name is decided by ``ShopNames`` (pure, built from a ``NameIndex``):
- Chinese: every customer name and alias, the same-class forms of address (李叔 ≈ 李叔叔), product
  names, aliases and categories, two characters or more; a two-character customer form that is an
  everyday word (jieba knows it as common) is left to the model.
- English: customer names and aliases written in Latin letters, the English forms of address of the
  Chinese ones (王阿姨 → auntie wang), product names, aliases and categories, matched on whole words;
  one-word person forms must be three letters or more and not an everyday English word.
- A Chinese customer form is also found as it is misheard (王啊姨 for 王阿姨): the value stays what was said, so the
  name is resolved by its sound (王/汪 asked back when both could be meant).
- A form that is both a customer and a product (a nickname 小米) is left to the model.
- When nothing in the message is a customer, a full name opening it untagged ("钱多多的电话是多少") is taken
  as the person she named (``unseen_names``), so the reply can say no customer of that name was found.

The names come from the shop context the actions use (``ShopContext.shop_names``: the same warm name
index, checked against the database's data version), so a customer added in this conversation is known
at the next message. ``Brain`` attaches its context to the loaded pipeline (``attach_context``); a model
loaded by Rasa's own commands uses the process's standalone context. Without a reachable database the
extractor adds nothing (the model still works).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from assistant.brain.entities import EntityPostProcessor, UsesContext
from assistant.brain.entity_values import as_meant
from assistant.brain.unseen_names import with_unseen_name
from assistant.language import phonetic
from assistant.language.names import NameIndex, english_category_words, is_common_word

logger = logging.getLogger(__name__)

CUSTOMER = "customer"
PRODUCT = "product"
EXTRACTOR = "ShopNameExtractor"
# Everyday English words that are also given names or short aliases: never a name on their own.
EVERYDAY_ENGLISH = frozenset(
    "a an the and or of to for in on at by it is be me my we us he she him her you your our they them "
    "will may june april august mark rose joy hope grace faith sunny lucky bill bob pat sue art jack max "
    "ray rich ben dawn eve summer autumn winter spring mid day days week month year today all new old "
    "who what when how much many more some any one two three four five six seven eight nine ten rice "
    "oil".split()
)
_WORD = re.compile(r"[a-z0-9][a-z0-9'’\-]*")
_POSSESSIVE = re.compile(r"(?:['’]s?|(?<=[a-z])s)$")  # "he guo's", "uncle lis health" (as speech writes it)


@dataclass(frozen=True)
class NameMatch:
    """A stretch of text that is exactly one of the shop's names."""

    entity: str
    start: int
    end: int
    value: str

    def to_entity(self) -> dict[str, Any]:
        """The match in Rasa's entity format."""
        return {"entity": self.entity, "start": self.start, "end": self.end, "value": self.value,
                "extractor": EXTRACTOR}


class ShopNames:
    """Every form the shop's customers and products go by, ready to be found in a message."""

    def __init__(self, chinese: dict[str, str], english: dict[str, str]) -> None:
        self.chinese = chinese  # form → entity type
        self.english = english  # lower-case words joined by one space → entity type
        self.longest_chinese = max(map(len, chinese), default=0)
        self.longest_english = max((len(form.split()) for form in english), default=0)

    @classmethod
    def from_index(cls, index: NameIndex) -> ShopNames:
        """The forms of one shop's name index (see the module docstring for what is kept)."""
        chinese: dict[str, str] = {}
        english: dict[str, str] = {}

        def keep(form: str, entity: str, *, stored: bool) -> None:
            form = " ".join(form.lower().split())
            if phonetic.has_cjk(form):
                if len(form) < 2 or " " in form:
                    return
                if entity == CUSTOMER and len(form) == 2 and is_common_word(form):
                    return
                table = chinese
            else:
                words = form.split()
                if not words or (entity == CUSTOMER and len(words) == 1
                                 and (not stored or len(form) < 3 or form in EVERYDAY_ENGLISH)):
                    return
                table = english
            if table.get(form, entity) != entity:
                table[form] = ""  # both a customer and a product: the model decides
            else:
                table[form] = entity

        for form in index.customers.forms:
            keep(form, CUSTOMER, stored=True)
        for _, person in index.customers.people():
            for variant in phonetic.chinese_variants(person):
                keep(variant, CUSTOMER, stored=False)
            for variant in phonetic.english_variants(person):
                keep(variant, CUSTOMER, stored=False)
        for form in [form for form, entity in chinese.items() if entity == CUSTOMER]:
            for heard in misheard_forms(form):  # "王 啊 姨 欠 多少": 王啊姨, as a recogniser writes 王阿姨
                keep(heard, CUSTOMER, stored=False)
        for form in index.products.forms:
            keep(form, PRODUCT, stored=True)
        for category in index.categories:
            keep(category, PRODUCT, stored=True)
            for word in english_category_words(category):  # "how much oil did we sell": the category 油
                keep(word, PRODUCT, stored=True)
        return cls({f: e for f, e in chinese.items() if e}, {f: e for f, e in english.items() if e})

    def find(self, text: str) -> list[NameMatch]:
        """The shop's names in ``text`` (normalised), longest first at each place, never overlapping."""
        found = list(self._find_chinese(text)) + list(self._find_english(text))
        return sorted(found, key=lambda match: match.start)

    def _find_chinese(self, text: str) -> Iterator[NameMatch]:
        i = 0
        while i < len(text):
            step = 1
            if phonetic.is_cjk(text[i]):
                for size in range(min(self.longest_chinese, len(text) - i), 1, -1):
                    window = text[i:i + size]
                    entity = self.chinese.get(window)
                    if entity:
                        yield NameMatch(entity, i, i + size, window)
                        step = size
                        break
            i += step

    def _find_english(self, text: str) -> Iterator[NameMatch]:
        words = list(_WORD.finditer(text.lower()))
        i = 0
        while i < len(words):
            step = 1
            for size in range(min(self.longest_english, len(words) - i), 0, -1):
                window = " ".join(word.group() for word in words[i:i + size])
                owner = _POSSESSIVE.sub("", window)  # "he guo's birthday": the name is "he guo"
                entity = self.english.get(window) or self.english.get(owner)
                if entity:
                    start = words[i].start()
                    end = words[i + size - 1].end() - (len(window) - len(owner) if window not in self.english else 0)
                    yield NameMatch(entity, start, end, text[start:end])
                    step = size
                    break
            i += step


# The 阿 of a form of address (王阿姨, 李阿婆) as a recogniser or a hurried typist writes it: 啊, which sounds the same.
_HEARD_FOR = {"阿": "啊"}


def misheard_forms(form: str) -> list[str]:
    """A Chinese customer form as it is written when misheard (王阿姨 → 王啊姨); a form opening with 阿 (阿芳) is
    left alone: 啊 opening a message is an interjection."""
    heard = form[0] + "".join(_HEARD_FOR.get(char, char) for char in form[1:])
    return [heard] if heard != form else []


def merge_known_names(entities: list[dict[str, Any]], matches: list[NameMatch]) -> list[dict[str, Any]]:
    """The model's entities with the shop's names put in: a known name replaces whatever overlaps it,
    except a longer entity of the same type around it (群主老聂 around 老聂, a new "rice bran oil"
    around the known "rice"), which the model found and the database does not know."""
    merged = [dict(entity) for entity in entities]
    for match in matches:
        overlapping = [e for e in merged if e["start"] < match.end and match.start < e["end"]]
        if any(e["entity"] == match.entity and e["start"] <= match.start and match.end <= e["end"]
               and not _only_words_around(str(e["value"]), match.value) for e in overlapping):
            continue
        merged = [e for e in merged if e not in overlapping]
        merged.append(match.to_entity())
    return sorted(merged, key=lambda entity: entity["start"])


# What the model sometimes takes into a name it cuts too long: "秦文说以后可以…", "小赵家孩子", "给王阿姨记…",
# "汪阿姨转了九十八", "李叔同意收消息" (a shop that has a 李叔同 matches him whole, as the longer name).
_AFTER_A_NAME = frozenset("说讲家的又也都买拿来去要让和跟刚转同还给付欠把")
_BEFORE_A_NAME = frozenset("给跟和帮让叫问")


def _only_words_around(longer: str, name: str) -> bool:
    """Whether the model's longer span is the known name with only everyday words around it ("秦文说",
    "小赵家"), not a longer name the shop does not know ("群主老聂" around "老聂")."""
    compact, known = "".join(longer.split()), "".join(name.split())
    at = compact.find(known)
    if at < 0 or compact == known:
        return False
    before, after = compact[:at], compact[at + len(known):]
    return set(before) <= _BEFORE_A_NAME and set(after) <= _AFTER_A_NAME


# One ``ShopNames`` per index object: rebuilt exactly when the warm index is.
class UsesShopNames(UsesContext):
    """A pipeline component that looks for the shop's names in messages, from the context attached to it."""

    _warned = False

    def current_shop_names(self) -> ShopNames | None:
        """The shop's names, or None (with one warning) when the database cannot be read."""
        from assistant.context import standalone_context

        context = self.context or standalone_context()
        try:
            return context.shop_names()
        except Exception as error:  # noqa: BLE001 (no database: the model alone still answers)
            if not self._warned:
                self._warned = True
                logger.warning("the shop's names are not available to the NLU (%s: %s); run `assistant db "
                               "upgrade` or check ASSISTANT_DB_URL. Using the model's entities only.",
                               type(error).__name__, str(error).splitlines()[0][:200])
            return None


def attach_context(graph_runner: Any, context: Any) -> None:
    """Hand ``context`` to every component of a loaded model's graph that reads the shop (its names, its day)."""
    for node in getattr(graph_runner, "_instantiated_nodes", {}).values():
        component = getattr(node, "_component", None)
        if isinstance(component, UsesContext):
            component.attach(context)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ShopNameExtractor(UsesShopNames, EntityPostProcessor):
    """Finds the shop's customers and products by name in each message (see the module docstring);
    nothing to train: the names are read from the database when used."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Put the shop's names into each message's entities."""
        names = None
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text or text.startswith("/"):
                continue
            names = names or self.current_shop_names()
            if names is None:
                return messages
            matches = names.find(text)
            entities = merge_known_names(message.get(ENTITIES) or [], matches)
            # A full name no one knows, opening the sentence untagged ("钱多多的电话是多少"): the name she said.
            entities = with_unseen_name(entities, text, names.chinese)
            # found again by name, a product put right in the sentence or a second request's customer is
            # dropped again ("一瓶生抽哦不对是老抽", "…118李叔还了50")
            entities = as_meant(entities, text)
            if matches or entities != (message.get(ENTITIES) or []):
                message.set(ENTITIES, entities, add_to_output=True)
        return messages
