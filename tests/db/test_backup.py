"""Backup and restore: a restored database holds exactly what was backed up; other files are refused."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assistant.db.backup import backup, restore
from assistant.db.models import Customer, Sale
from assistant.errors import Invalid
from assistant.shop.customers import find_customer
from assistant.shop.export import erase_customer, export_csv
from assistant.shop.importer import count_rows, import_csv
from assistant.shop.shops import default_shop_id

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "csv"


def _fixture_set(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "csv"
    shutil.copytree(FIXTURES, folder)
    return {name: folder / f"{name}.csv" for name in ("customers", "products", "sales")}


def _shop(engine, session, tmp_path):  # noqa: ANN001, ANN202
    import_csv(engine, **_fixture_set(tmp_path))
    return count_rows(session)


def test_portable_backup_restores_everything_after_a_change(engine, session, tmp_path):
    before = _shop(engine, session, tmp_path)
    export_csv(engine, tmp_path / "before")
    path = backup(engine, tmp_path / "shop.jsonl.gz", fmt="jsonl")
    shop_id = default_shop_id(session)
    erase_customer(session, customer=find_customer(session, shop_id=shop_id, name="王秀英"), channel="cli",
                   data_dir=tmp_path / "data")
    session.commit()

    restore(engine, path)
    session.expire_all()
    assert count_rows(session) == before
    assert find_customer(session, shop_id=shop_id, name="王阿姨").referred_by.name == "陈美玲"
    export_csv(engine, tmp_path / "after")
    for name in ("customers.csv", "products.csv", "sales.csv"):
        assert (tmp_path / "after" / name).read_text() == (tmp_path / "before" / name).read_text()
    # New rows get fresh ids after a restore (PostgreSQL sequences follow the restored rows).
    import_csv(engine, customers=_new_customer(tmp_path))
    assert session.execute(select(func.count(Customer.id))).scalar() == 6


def _new_customer(tmp_path):  # noqa: ANN001, ANN202
    path = tmp_path / "one.csv"
    path.write_text(
        "name,aliases,phone,birthday,household,tags,notes,marketing_consent\n钱多多,,,,,,,\n",
        encoding="utf-8",
    )
    return path


def test_sqlite_file_backup_is_a_consistent_copy(sqlite_engine, tmp_path):
    import_csv(sqlite_engine, **_fixture_set(tmp_path))
    path = backup(sqlite_engine, tmp_path / "shop-copy.db")
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    with sqlite_engine.begin() as connection:
        connection.execute(Sale.__table__.delete().where(Sale.kind == "sale").where(Sale.id > 2))
    counts = restore(sqlite_engine, path)
    assert counts["sales"] == 4 and counts["customers"] == 5


def test_restore_refuses_what_is_not_a_backup(engine, session, tmp_path):
    before = _shop(engine, session, tmp_path)
    not_backup = tmp_path / "csv" / "sales.csv"
    with pytest.raises(Invalid, match="is not a backup made by `assistant backup`"):
        restore(engine, not_backup)
    other_gzip = tmp_path / "other.gz"
    other_gzip.write_bytes(gzip.compress(b'{"hello": 1}\n'))
    with pytest.raises(Invalid, match="not a backup"):
        restore(engine, other_gzip)
    assert count_rows(session) == before
