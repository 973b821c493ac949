"""The words a Vosk model knows, from its words.txt or from the symbol table inside its graph."""

from __future__ import annotations

import struct
from pathlib import Path

from assistant.speech.model_words import read_model_words


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


def test_model_words_of_the_installed_korean_model(ko_model_dir: Path):
    words = read_model_words(ko_model_dir)
    assert words is not None and len(words) > 100_000
    assert {"안녕하세요", "감사합니다", "사과"} <= words


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
