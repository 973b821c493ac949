"""A jieba user dictionary of the shop's names keeps each name whole when jieba cuts a sentence."""

from __future__ import annotations

from pathlib import Path

import jieba

from assistant.brain.jieba_dictionary import jieba_user_dict, write_jieba_dict
from assistant.language.names import CustomerRecord, NameIndex, ProductRecord


def test_jieba_dictionary_keeps_names_whole(tmp_path: Path):
    index = NameIndex.from_records([CustomerRecord(1, "汪桂兰", ("汪阿姨",)), CustomerRecord(2, "李建国", ("李叔叔",))],
                                   [ProductRecord(1, "东北大米", ("northeast rice",), "米")])
    lines = jieba_user_dict(index).splitlines()
    assert "汪阿姨 100000 nr" in lines and "东北大米 100000 n" in lines and "李叔 100000 nr" in lines
    assert all(len(line.split()) == 3 for line in lines)

    path = write_jieba_dict(index, tmp_path / "nlu" / "jieba" / "names.txt")
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(path))
    assert "汪阿姨" in tokenizer.lcut("汪阿姨买了两袋东北大米")
    assert "东北大米" in tokenizer.lcut("汪阿姨买了两袋东北大米")
    assert "李叔" in tokenizer.lcut("李叔有高血压")
