"""``GET /api/reports/tagged``: the customers with a tag, for the owner only, the same as the report."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant import auth
from assistant.db import session_scope
from assistant.shop.customers import add_customer
from assistant.shop.reports import run_report
from assistant.shop.shops import default_shop_id
from assistant.web.app import create_app


@pytest.fixture
def api(sqlite_engine, pin_today):
    pin_today("2026-03-15")
    with session_scope(sqlite_engine) as session:
        shop_id = default_shop_id(session)
        token = auth.ensure_owner(session).token
        add_customer(session, shop_id=shop_id, name="李建国", aliases=["李叔", "Uncle Li"], phone="13657104567",
                     tags=["高血压"], channel="cli")
        add_customer(session, shop_id=shop_id, name="张丽", tags=["花生过敏"], channel="cli")
    with TestClient(create_app(engine=sqlite_engine, load_brain=False)) as client:
        yield client, token


def test_the_owner_gets_the_report(api, sqlite_engine):
    client, token = api
    client.headers["Authorization"] = f"Bearer {token}"
    body = client.get("/api/reports/tagged", params={"tag": "血压高"}).json()
    assert body["tag"] == "高血压" and [item["customer"] for item in body["items"]] == ["李建国"]
    assert body["items"][0]["phone"] == "13657104567" and body["items"][0]["aliases"] == ["李叔", "Uncle Li"]
    with session_scope(sqlite_engine) as session:
        direct = run_report(session, "tagged", shop_id=default_shop_id(session), options={"tag": "血压高"})
        assert body == direct.to_json()
    assert client.get("/api/reports/tagged").status_code == 422  # the tag is required


def test_health_tags_are_not_for_strangers(api):
    client, _ = api
    answer = client.get("/api/reports/tagged", params={"tag": "高血压"})
    assert answer.status_code == 401 and "李建国" not in answer.text
