"""The owner's pages answer for the day of the app's shop context, not for the process's ``ASSISTANT_TODAY``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from assistant import auth
from assistant.config import get_settings
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.shop.customers import Birthday, add_customer
from assistant.shop.products import add_product
from assistant.shop.sales import SaleLine, log_sale
from assistant.shop.shops import get_or_create_shop
from assistant.speech.tts import make_synthesizer
from assistant.web.app import create_app

SHOP_DAY = dt.date(2026, 3, 15)


@pytest.fixture
def birthday_shop(sqlite_engine, monkeypatch):
    """王秀英's birthday and a sale of 288 元 on 15 March; the process is pinned to 20 June."""
    with session_scope(sqlite_engine) as session:
        shop = get_or_create_shop(session)
        wang = add_customer(session, shop_id=shop.id, name="王秀英", channel="cli", birthday=Birthday.parse("03-15"),
                            marketing_consent=True)
        oil = add_product(session, shop_id=shop.id, name="花生油", category="油", unit="桶", price=Decimal("96"),
                          channel="cli")
        log_sale(session, shop_id=shop.id, channel="cli", customer=wang,
                 lines=[SaleLine(product=oil, quantity=Decimal(3))], sold_at=dt.datetime(2026, 3, 15, 9))
        auth.ensure_owner(session)
    monkeypatch.setenv("ASSISTANT_TODAY", "2026-06-20")
    get_settings.cache_clear()
    return sqlite_engine


def logged_in(context: ShopContext) -> TestClient:
    """A client of an app around ``context``, logged in as the owner."""
    app = create_app(context=context, load_brain=False)
    app.state.synthesizer = make_synthesizer(offline=True)  # edge-tts cannot be reached from tests
    client = TestClient(app)
    with context.session() as session:
        token = auth.new_token(session, auth.find_owner(session))
    assert client.get(f"/login?token={token}").status_code == 200
    return client


def test_pages_show_the_day_of_the_apps_context(birthday_shop):
    march = ShopContext.build(get_settings().copy(update={"today": SHOP_DAY}), engine=birthday_shop)
    with logged_in(march) as client:
        assert "王秀英" in client.get("/today").text  # her birthday is on the list
        assert "288" in client.get("/sales").text  # the day's takings
        assert "王秀英" in client.get("/customers?show=birthday").text
    june = ShopContext.build(engine=birthday_shop)
    with logged_in(june) as client:
        assert "王秀英" not in client.get("/today").text
        assert "288" not in client.get("/sales").text
        assert "王秀英" not in client.get("/customers?show=birthday").text
