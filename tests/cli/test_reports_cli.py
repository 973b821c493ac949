"""``assistant report NAME`` and ``assistant backtest restock`` on a small shop in a SQLite file."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from assistant.cli import main
from assistant.db import make_engine, session_scope, upgrade
from assistant.db.models import PurchaseStat, Shop
from assistant.shop.customers import add_customer
from assistant.shop.products import add_product
from assistant.shop.purchase_stats import FIGURES_VERSION
from assistant.shop.sales import SaleLine, log_sale
from assistant.shop.shops import default_shop_id


@pytest.fixture
def shop_db(tmp_path, monkeypatch, pin_today):
    """A database with one monthly rice buyer, at ASSISTANT_DB_URL."""
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    monkeypatch.setenv("ASSISTANT_DB_URL", url)
    pin_today("2026-03-13")
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        shop_id = default_shop_id(session)
        rice = add_product(
            session,
            shop_id=shop_id,
            name="东北大米",
            category="米",
            unit="袋",
            price=Decimal("60"),
            channel="cli",
        )
        aunt = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")
        for day in ("2025-10-15", "2025-11-14", "2025-12-15", "2026-01-14", "2026-02-15"):
            log_sale(
                session,
                shop_id=shop_id,
                channel="cli",
                customer=aunt,
                sold_at=dt.datetime.fromisoformat(f"{day} 10:00"),
                lines=[SaleLine(product=rice, quantity=Decimal("1"))],
            )
    engine.dispose()
    return url


def test_report_json_is_the_contract_shape(shop_db, capsys):
    assert (
        main(["report", "restock-due", "--product", "大米", "--json"]) == 1
    )  # neither a name nor a category
    assert "no product or category called '大米'" in capsys.readouterr().err
    assert main(["report", "restock-due", "--product", "米", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["report"] == "restock-due" and data["count"] == 1
    assert data["items"][0]["customer"] == "王秀英" and data["items"][0]["due_date"] == "2026-03-15"


def test_report_table_starts_with_the_spoken_summary(shop_db, capsys):
    assert main(["report", "restock-due", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1 due for their staples: 王秀英 (米, around the 15th)."
    assert lines[2].split() == ["customer", "product", "due", "overdue", "days", "chance", "confident", "evidence"]
    assert lines[4].split()[:3] == ["王秀英", "米", "2026-03-15"]


def test_report_options_are_checked(shop_db, capsys):
    with pytest.raises(SystemExit):
        main(["report", "birthdays", "--period", "year"])
    assert main(["report", "sales", "--from", "13/3"]) == 1
    assert "write it as YYYY-MM-DD" in capsys.readouterr().err


def test_backtest_prints_both_methods(shop_db, capsys):
    assert main(["backtest", "restock", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m["method"] for m in data["items"]] == ["restock-due (this report)", "baseline: last gap"]
    assert data["weeks"] > 0 and all(0 <= m["precision"] <= 1 for m in data["items"])


def test_figures_an_earlier_forecast_wrote_are_recomputed_once_after_an_upgrade(shop_db, capsys):
    # As an earlier method left them: her rice row judged lapsed before this week, its method recorded.
    engine = make_engine(shop_db)
    with session_scope(engine) as session:
        session.execute(update(Shop).values(figures_version="2026-11 rhythm due date and short lapse"))
        session.execute(update(PurchaseStat).values(lapse_after=dt.date(2026, 3, 1)))
    assert main(["report", "restock-due", "--product", "米", "--json"]) == 0  # the first command after it
    out, err = capsys.readouterr()
    assert "recomputed the reports' figures of shop" in err
    assert [item["customer"] for item in json.loads(out)["items"]] == ["王秀英"]
    assert main(["db", "upgrade"]) == 0
    assert "recomputed" not in capsys.readouterr().err  # once
    with session_scope(engine) as session:
        assert session.execute(select(Shop.figures_version)).scalar() == FIGURES_VERSION
    engine.dispose()
