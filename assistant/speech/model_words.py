"""The words a Vosk model knows, read from its graph folder (for grammars in the model's own words)."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any


def read_model_words(model_dir: str | Path) -> set[str] | None:
    """The vocabulary of a Vosk model folder: ``graph/words.txt``, or the word symbol table stored in
    ``graph/Gr.fst`` / ``graph/HCLG.fst`` (the small models keep it there). None when neither has one."""
    graph = Path(model_dir) / "graph"
    words_txt = graph / "words.txt"
    if words_txt.is_file():
        with words_txt.open(encoding="utf-8") as lines:
            return {line.split()[0] for line in lines if line.strip()}
    for name in ("Gr.fst", "HCLG.fst"):
        if (graph / name).is_file():
            words = _fst_output_symbols(graph / name)
            if words is not None:
                return words
    return None


def _fst_output_symbols(path: Path) -> set[str] | None:
    """The output symbol table of an OpenFst binary file (header, then the symbol tables)."""
    data = path.read_bytes()  # tens of MB; parsing from memory is ten times faster than small reads
    offset = 0

    def number(fmt: str) -> Any:
        nonlocal offset
        value = struct.unpack_from(fmt, data, offset)[0]
        offset += struct.calcsize(fmt)
        return value

    def string() -> str:
        nonlocal offset
        size = number("<i")
        offset += size
        return data[offset - size:offset].decode("utf-8", errors="replace")

    if len(data) < 4 or number("<i") != 2125659606:  # OpenFst's magic number
        return None
    string(), string()  # fst type, arc type
    number("<i")  # version
    flags = number("<i")
    offset += 8 * 4  # properties, start state, number of states, number of arcs
    tables: list[set[str]] = []
    for flag in (1, 2):  # input symbols, output symbols
        if not flags & flag:
            continue
        if number("<i") != 2125658996:  # SymbolTable's magic number
            return None
        string()  # table name
        number("<q")  # available key
        table = set()
        size_at = struct.Struct("<i").unpack_from
        for _ in range(number("<q")):  # half a million words: kept to plain local operations
            (size,) = size_at(data, offset)
            table.add(data[offset + 4:offset + 4 + size].decode("utf-8", errors="replace"))
            offset += 4 + size + 8  # length, text, the symbol's key
        tables.append(table)
    return tables[-1] if tables else None
