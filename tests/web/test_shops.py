"""Several shops on one database: each server serves one shop, and each owner reaches only her own."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant import auth
from assistant.config import get_settings
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.shop.customers import Birthday, add_customer
from assistant.shop.shops import get_or_create_shop
from assistant.web.app import create_app


@pytest.fixture
def two_shops(engine, pin_today):
    pin_today("2026-03-15")
    tokens = {}
    with session_scope(engine) as session:
        for name, customer in (("禾香粮油", "王秀英"), ("东街米店", "陈美玲")):
            shop = get_or_create_shop(session, name)
            add_customer(session, shop_id=shop.id, name=customer, birthday=Birthday(month=3, day=15), channel="cli")
            tokens[name] = auth.ensure_owner(session, shop_id=shop.id).token
    apps = {name: create_app(context=ShopContext.build(get_settings().copy(update={"shop": name}), engine=engine),
                             load_brain=False) for name in tokens}
    return apps, tokens


def _birthdays(client: TestClient, token: str) -> tuple[int, list[str]]:
    response = client.get("/api/reports/birthdays", params={"period": "today"},
                          headers={"Authorization": f"Bearer {token}"})
    return response.status_code, [item["customer"] for item in response.json().get("items", [])]


def test_each_owner_sees_only_her_shop(two_shops):
    apps, tokens = two_shops
    with TestClient(apps["禾香粮油"]) as west, TestClient(apps["东街米店"]) as east:
        assert _birthdays(west, tokens["禾香粮油"]) == (200, ["王秀英"])
        assert _birthdays(east, tokens["东街米店"]) == (200, ["陈美玲"])
        assert _birthdays(west, tokens["东街米店"])[0] == 401  # another shop's owner is nobody here
        assert _birthdays(east, tokens["禾香粮油"])[0] == 401
        refused = west.get("/login", params={"token": tokens["东街米店"]}, follow_redirects=False)
        assert refused.status_code == 401  # the log-in link of another shop does not open this one
