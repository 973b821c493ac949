"""The shop's own words for the recognizer: customer and product names, given as a name index.

Two hooks of ``RecognizerService`` take them (the name logic itself is ``assistant.language.names``):

- ``postprocess``: a final transcript's misheard names snap to the one known name they sound like
  (pinyin for Chinese, phonetic for English) before the dialogue sees it;
- ``phrases``: a Vosk grammar of names, forms of address and command words, split into the model's own
  words. A grammar replaces the language model, so use it where the answer is one of those phrases
  (answering "which 王阿姨?", a wake phrase), not for open requests.

Both ask ``index`` for the current names on every call, so they follow the shop's data when the
caller's index does (``assistant.shop.name_index.NameIndexCache.reader`` rebuilds it when a name
changes); this package never reads the database itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.language.names import NameIndex, grammar_phrases, snap_transcript
from assistant.speech.model_words import read_model_words


class ShopVocabulary:
    """Names of one shop, from a callable giving the current ``NameIndex``, for snapping and grammars."""

    def __init__(
        self,
        *,
        index: Callable[[], NameIndex],
        language: str,
        model_dir: Path | None = None,
    ) -> None:
        self.index = index
        self.language = language
        self.model_dir = model_dir
        self._model_words: set[str] | None = None

    def postprocess(self, text: str) -> str:
        """``text`` with misheard names replaced by known ones (a ``RecognizerService.postprocess``)."""
        return snap_transcript(self.index(), text, self.language)

    def phrases(self) -> list[str]:
        """Grammar phrases in the model's own segmentation (a ``RecognizerService`` grammar source)."""
        if self._model_words is None and self.model_dir is not None:
            self._model_words = read_model_words(self.model_dir)
        return grammar_phrases(self.index(), self._model_words, language=self.language)


def segment_phrase(phrase: str, model_words: set[str] | None) -> str:
    """``phrase`` split into the model's own words by longest match (掌柜的 → 掌柜 的), as grammars need.

    Latin words and phrases already spaced are kept; without a word list the phrase is returned as is.
    """
    if not model_words:
        return phrase
    words: list[str] = []
    for part in phrase.split():
        i = 0
        while i < len(part):
            size = next((n for n in range(min(6, len(part) - i), 0, -1) if part[i : i + n] in model_words), 0)
            if size == 0:  # not in the vocabulary at all: Vosk will warn and drop it, keep it visible
                words.append(part[i:])
                break
            words.append(part[i : i + size])
            i += size
    return " ".join(words)
