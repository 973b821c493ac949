"""The reports and greetings API answer the owner (token) with the same data the chat speaks."""

from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from assistant import auth
from assistant.db import session_scope
from assistant.shop.customers import Birthday, add_customer
from assistant.shop.greetings import create_greeting
from assistant.shop.products import add_product
from assistant.shop.reports import run_report
from assistant.shop.shops import default_shop_id
from assistant.shop.stock import stock_in
from assistant.web.app import create_app


@pytest.fixture
def api(engine, pin_today):
    pin_today("2026-03-15")
    with session_scope(engine) as session:
        shop_id = default_shop_id(session)
        token = auth.ensure_owner(session).token
        add_customer(session, shop_id=shop_id, name="刘芳", aliases=["刘女士", "Mrs Liu"], channel="cli",
                     birthday=Birthday(month=3, day=15), marketing_consent=True)
        oil = add_product(session, shop_id=shop_id, name="花生油", category="油", unit="桶", price=Decimal("89"),
                          channel="cli")
        stock_in(session, product=oil, quantity=Decimal("12"), channel="cli")
    with TestClient(create_app(engine=engine, load_brain=False)) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client, engine


def test_report_api_matches_the_report_function(api):
    client, engine = api
    body = client.get("/api/reports/birthdays", params={"period": "today"}).json()
    assert [item["customer"] for item in body["items"]] == ["刘芳"]
    with session_scope(engine) as session:
        direct = run_report(session, "birthdays", shop_id=default_shop_id(session), options={"period": "today"})
        assert body == direct.to_json()


def test_report_api_refuses_bad_input_and_strangers(api):
    client, _ = api
    assert client.get("/api/reports/nonsense").status_code == 404
    assert client.get("/api/reports/inactive", params={"days": "many"}).status_code == 422
    stranger = TestClient(client.app)
    assert stranger.get("/api/reports/birthdays").status_code == 401


def test_greeting_queue_mark_sent(api):
    client, engine = api
    with session_scope(engine) as session:
        shop_id = default_shop_id(session)
        customer = add_customer(session, shop_id=shop_id, name="张丽", channel="cli", marketing_consent=True)
        greeting = create_greeting(session, customer=customer, occasion="生日", text="生日快乐", source="composed",
                                   channel="web")
        greeting_id = greeting.id
    waiting = client.get("/api/greetings", params={"status": "waiting"}).json()["items"]
    assert [g["id"] for g in waiting] == [greeting_id]
    assert client.post(f"/api/greetings/{greeting_id}/sent", json={}).json()["status"] == "sent"
    assert client.get("/api/greetings", params={"status": "waiting"}).json()["items"] == []
    assert client.post(f"/api/greetings/{greeting_id}/sent", json={}).status_code == 422
