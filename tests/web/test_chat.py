"""The chat route's extras for the phone page: read-back buttons and the conversation after a reload."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant import auth
from assistant.db import session_scope
from assistant.web.app import create_app


def _client(engine, brain, context=None) -> TestClient:
    with session_scope(engine) as session:
        token = auth.new_token(session, auth.ensure_owner(session) and auth.find_owner(session))
    client = TestClient(create_app(engine=engine, context=context, brain=brain, load_brain=False))
    client.headers["Authorization"] = f"Bearer {token}"
    return client


@pytest.fixture(scope="module")
def loaded_brain(tmp_path_factory):
    """The trained model (the one ``assistant train`` keeps up to date), loaded once for the module."""
    from assistant.brain.dialogue import Brain
    from assistant.brain.training import train
    from assistant.context import ShopContext
    from assistant.db import make_engine

    empty = tmp_path_factory.mktemp("empty") / "shop.db"
    return Brain.load(ShopContext.build(engine=make_engine(f"sqlite:///{empty}")), model_path=train(progress=False))


@pytest.fixture
def brain(loaded_brain, shop_context):
    """The loaded model serving this test's shop."""
    loaded_brain.rebind(shop_context)
    return loaded_brain


@pytest.mark.slow
def test_read_back_offers_buttons_and_the_conversation_comes_back(brain, shop_db, shop_context):
    sender = f"phone-1-{shop_db.dialect.name}"  # one brain for the module: a conversation per database
    with _client(shop_db, brain, shop_context) as client:
        said = client.post("/webhooks/rest/webhook", json={"sender": sender, "message": "王阿姨买了两袋东北大米"})
        last = said.json()[-1]
        assert "对吗" in last["text"] and last["awaiting_confirmation"] is True
        assert [b["title"] for b in last["buttons"]] == ["对", "不对", "取消"]
        assert last["buttons"][0]["payload"] == "/affirm"
        done = client.post("/webhooks/rest/webhook", json={"sender": sender, "message": "/affirm"}).json()
        assert done[-1]["text"] == "记好了。" and "buttons" not in done[-1]
        turns = client.get("/api/conversation", params={"sender": sender}).json()
        assert [t["from"] for t in turns] == ["owner", "assistant", "owner", "assistant"]
        assert turns[0]["text"] == "王阿姨买了两袋东北大米" and turns[2]["text"] == "对"  # the button, as shown
        assert client.get("/api/conversation", params={"sender": "someone-else"}).json() == []


@pytest.mark.slow
def test_a_waiting_read_back_keeps_its_buttons_after_a_reload(brain, shop_db, shop_context):
    sender = f"phone-2-{shop_db.dialect.name}"
    with _client(shop_db, brain, shop_context) as client:
        client.post("/webhooks/rest/webhook", json={"sender": sender, "message": "Auntie Wang bought two bags of northeast rice"})
        turns = client.get("/api/conversation", params={"sender": sender}).json()
        assert turns[-1]["awaiting_confirmation"] is True
        client.cookies.set("zhanggui_lang", "en")
        again = client.get("/api/conversation", params={"sender": sender}).json()
        assert [b["title"] for b in again[-1]["buttons"]] == ["Yes", "No", "Cancel"]


def test_conversation_without_a_model_is_empty_and_chat_says_train(sqlite_engine):
    with _client(sqlite_engine, None) as client:
        assert client.get("/api/conversation", params={"sender": "x"}).json() == []
        assert client.post("/webhooks/rest/webhook", json={"sender": "x", "message": "你好"}).status_code == 503
