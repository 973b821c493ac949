"""The contract's example files and a row snapshot, for the importer tests on both databases."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assistant.db.models import Base
from assistant.shop.importer import count_rows

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "csv"


@pytest.fixture
def csv_files(tmp_path: Path) -> dict[str, Path]:
    """A copy of the three fixture files (customers, products, sales) the test may edit."""
    folder = tmp_path / "csv"
    shutil.copytree(FIXTURES, folder)
    return {name: folder / f"{name}.csv" for name in ("customers", "products", "sales")}


@pytest.fixture
def snapshot() -> Callable:
    """Rows per table and the highest id per table: a refused or repeated import must change neither."""

    def take(session) -> tuple[dict, dict]:  # noqa: ANN001
        session.expire_all()
        max_ids = {
            t.name: session.execute(select(func.max(t.c.id))).scalar()
            for t in Base.metadata.sorted_tables
            if "id" in t.c
        }
        return count_rows(session), max_ids

    return take
