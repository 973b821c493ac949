"""``assistant import`` from the command line: a refused file prints the reason and exits 2, no traceback."""

from __future__ import annotations

import pytest

from assistant.cli import main
from assistant.db import make_engine, upgrade


@pytest.fixture
def shop_db(tmp_path, monkeypatch):
    """An empty migrated database at ASSISTANT_DB_URL."""
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    monkeypatch.setenv("ASSISTANT_DB_URL", url)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def test_refused_files_print_the_reason_and_exit_2(shop_db, tmp_path, capsys, monkeypatch):
    nul = tmp_path / "customers.csv"
    nul.write_bytes("姓名,别名,电话,生日,家庭,标签,备注,同意营销\n王秀英,,,,,,,是\n李\0叔,,,,,,,\n".encode())
    assert main(["import", "--customers", str(nul)]) == 2
    err = capsys.readouterr().err
    assert "customers.csv 第3行:含有 NUL 空字符" in err and "line 3: holds a NUL character" in err
    assert "Traceback" not in err

    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    from assistant.config import get_settings

    get_settings.cache_clear()
    empty = tmp_path / "sales.csv"
    empty.write_bytes(b"")
    assert main(["import", "--sales", str(empty)]) == 2
    assert capsys.readouterr().err.startswith("nothing was imported from sales.csv")
    assert main(["import", "--products", str(tmp_path / "missing.csv")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_a_good_chinese_file_imports(shop_db, tmp_path, capsys):
    path = tmp_path / "顾客.csv"
    path.write_bytes(
        "姓名,别名,电话,生日,家庭,标签,备注,同意营销\n王秀英,王阿姨,,03-15,,,,是\n".encode("gbk")
    )
    assert main(["import", "--customers", str(path)]) == 0
    assert "customers: 1 added" in capsys.readouterr().out
