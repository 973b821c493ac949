"""Typed nonsense ("asdf qwerty lol", "hjkl"): letters struck along a keyboard row, or a long word with no vowel.

Seen trying the product: while the sale form asked which rice, "asdf qwerty lol" was taken for the product's
name and echoed back ('We don't sell "asdf qwerty lol"'). A goods name the shop does not know is still worth
saying it does not sell; a run along a keyboard row is no name at all, so it is not understood instead.
"""

from __future__ import annotations

import re

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Four keys side by side on one row, either way, start no English word (they do end some: "property").
_RUN = 4
_RUN_STARTS = frozenset(row[i:i + _RUN] for row in (*_ROWS, *(r[::-1] for r in _ROWS)) for i in range(len(row) - _RUN + 1))
_NO_VOWEL = re.compile(r"[b-df-hj-np-tv-xz]{5,}")  # "sdfsdf", "xkcdq" (interjections like "hmmm", "psst" are shorter)
_WORD = re.compile(r"[a-z]+")


def is_keyboard_mash(text: str | None) -> bool:
    """Whether ``text`` is typed nonsense: only Latin words, one of them begun by a run along a keyboard row or
    five letters and more with no vowel."""
    said = (text or "").lower()
    if not said.strip() or re.search(r"[^a-z\s,.!?;:'\-]", said):
        return False
    return any(word[:_RUN] in _RUN_STARTS or _NO_VOWEL.fullmatch(word) for word in _WORD.findall(said))


_WORDS = re.compile(r"[a-zA-Z\u3400-\u9fff\uf900-\ufaff]")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def says_nothing(text: str | None) -> bool:
    """Whether ``text`` holds no word at all (digits, a phone number, "88", emoji, punctuation) or is markup
    ("<script>…</script>"): no request to offer a choice of writes for."""
    said = (text or "").strip()
    return bool(said) and (not _WORDS.search(said) or bool(_MARKUP.search(said)))


_LAUGH = re.compile(r"(?:[哈呵嘿嘻]\s*){2,}[!！~～。.]*|(?:ha\s*){2,}h?[!.]*|(?:he\s*){3,}|lo+l|lmao|rofl|😂+|🤣+")


def laughs(text: str | None) -> bool:
    """Whether ``text`` is only laughter ("哈哈哈哈", "hahaha", "lol"): no thanks to answer, no request."""
    return bool(_LAUGH.fullmatch((text or "").strip().lower()))
