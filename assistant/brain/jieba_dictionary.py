"""A jieba user dictionary of the shop's names, for the NLU tokenizer's ``dictionary_path`` folder.

The tokenizer (``assistant.brain.tokenizer``) reads every dictionary in that folder at start-up; one
written from the name index keeps each Chinese name and product whole instead of cut into words.
"""

from __future__ import annotations

from pathlib import Path

from assistant.language.names import NameIndex
from assistant.language.phonetic import has_cjk

# Frequency given to names in the jieba user dictionary: far above the words a name could be split
# into (阿姨 276, 叔叔 1,103, 大米 1,898), so "汪阿姨买了" keeps 汪阿姨 whole.
NAME_FREQ = 100_000


def jieba_user_dict(index: NameIndex) -> str:
    """A jieba user dictionary (``word freq pos`` lines) that keeps every Chinese customer name,
    alias and form of address (``nr``) and product name and category (``n``) in one token."""
    lines: dict[str, str] = {}
    product_words = [f for f in index.products.forms if has_cjk(f) and " " not in f] + [
        c for c in index.categories if has_cjk(c) and " " not in c]
    for word in product_words:
        if len(word) < 2:
            # A one-character category (米, 油) is already a jieba word; a high count would split 酱油.
            continue
        lines.setdefault(word, f"{word} {NAME_FREQ} n")
    for word in index.chinese_phrases():
        if len(word) < 2:
            continue
        lines.setdefault(word, f"{word} {NAME_FREQ} nr")
    return "".join(line + "\n" for line in sorted(lines.values()))


def write_jieba_dict(index: NameIndex, path: str | Path) -> Path:
    """Write ``jieba_user_dict`` to ``path`` (atomically: a tokenizer never reads half a file)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(jieba_user_dict(index), encoding="utf-8")
    partial.replace(target)
    return target
