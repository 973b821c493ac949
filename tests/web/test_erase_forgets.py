"""After ``assistant erase`` (another process) a running server never names the erased customer again:
every cache of its shop context (names, the NLU's names, kept report answers) follows the data version."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from assistant import auth
from assistant.brain.dialogue import Brain
from assistant.brain.training import train
from assistant.config import ROOT
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.shop.customers import Birthday, add_customer
from assistant.shop.shops import default_shop_id
from assistant.web.app import create_app

pytestmark = pytest.mark.slow
TODAY = "2026-03-15"
QUESTIONS = ["今天谁过生日", "谁一个月没来了", "今天要做什么", "who has a birthday today"]


@pytest.fixture
def server(sqlite_engine, pin_today):
    pin_today(TODAY)
    with session_scope(sqlite_engine) as session:
        shop_id = default_shop_id(session)
        token = auth.ensure_owner(session).token
        add_customer(session, shop_id=shop_id, name="裴文轩", aliases=["裴阿姨"], phone="13957112345",
                     birthday=Birthday(month=3, day=15), marketing_consent=True, channel="cli")
        add_customer(session, shop_id=shop_id, name="刘芳", birthday=Birthday(month=3, day=15), channel="cli")
    context = ShopContext.build(engine=sqlite_engine)
    brain = Brain.load(context, model_path=train(progress=False))
    with TestClient(create_app(context=context, brain=brain, load_brain=False)) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client, sqlite_engine


def _ask(client: TestClient, text: str) -> str:
    response = client.post("/webhooks/rest/webhook", json={"sender": "erase-test", "message": text})
    assert response.status_code == 200
    return "\n".join(m.get("text", "") for m in response.json())


def test_erased_customer_is_never_named_again(server):
    client, engine = server
    before = [_ask(client, q) for q in QUESTIONS]
    assert any("裴文轩" in reply for reply in before)  # she is known and listed before the erase

    url = engine.url.render_as_string(hide_password=False)
    erased = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "erase", "--customer", "裴文轩", "--yes"],
        cwd=ROOT, env={**os.environ, "ASSISTANT_DB_URL": url}, capture_output=True, text=True, timeout=120)
    assert erased.returncode == 0, erased.stderr[-2000:]

    for question in [*QUESTIONS, "裴阿姨平时买什么", "裴阿姨的电话是多少"]:
        reply = _ask(client, question)
        assert "13957112345" not in reply, (question, reply)
        if "裴" not in question:
            assert "裴文轩" not in reply, (question, reply)
    assert "刘芳" in _ask(client, "今天谁过生日")  # the others are still there
