"""Nobody without the owner's log-in or token sees anything; the ready link and log-in work."""

import pytest
from fastapi.testclient import TestClient

from assistant import auth
from assistant.brain.dialogue import Turn
from assistant.db import session_scope
from assistant.web.app import create_app


class EchoBrain:
    """A hand-written stand-in for the trained model: answers with what it was told."""

    async def handle(self, text: str, sender: str = "owner", channel: str = "chat") -> Turn:
        return Turn(messages=[{"recipient_id": sender, "text": f"echo: {text}"}])


@pytest.fixture
def credentials(sqlite_engine):
    with session_scope(sqlite_engine) as session:
        return auth.ensure_owner(session)


@pytest.fixture
def client(sqlite_engine, credentials):
    with TestClient(create_app(engine=sqlite_engine, brain=EchoBrain(), load_brain=False)) as test_client:
        yield test_client


def test_health_needs_no_login(client):
    assert client.get("/health").json()["status"] == "ok"


def test_webhook_refuses_without_token(client):
    response = client.post("/webhooks/rest/webhook", json={"sender": "a", "message": "你好"})
    assert response.status_code == 401


def test_webhook_answers_with_bearer_or_query_token(client, credentials):
    body = {"sender": "a", "message": "你好"}
    by_header = client.post("/webhooks/rest/webhook", json=body,
                            headers={"Authorization": f"Bearer {credentials.token}"})
    by_query = client.post(f"/webhooks/rest/webhook?token={credentials.token}", json=body)
    assert by_header.json() == by_query.json() == [{"recipient_id": "a", "text": "echo: 你好"}]
    wrong = client.post("/webhooks/rest/webhook?token=not-the-token", json=body)
    assert wrong.status_code == 401


def test_page_redirects_to_login_then_password_login_works(client, credentials):
    page = client.get("/", headers={"accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    refused = client.post("/login", data={"username": "owner", "password": "wrong-password"})
    assert refused.status_code == 401 and "用户名或密码不对" in refused.text
    accepted = client.post("/login", data={"username": "owner", "password": credentials.password, "next": "/"})
    assert accepted.status_code == 200 and 'id="turns"' in accepted.text


def test_ready_link_logs_in_and_password_change_ends_session(client, credentials, sqlite_engine):
    assert 'id="turns"' in client.get(f"/login?token={credentials.token}").text
    with session_scope(sqlite_engine) as session:
        auth.set_password(session, auth.find_owner(session), "a-new-password")
    page = client.get("/", headers={"accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303


def test_login_never_redirects_off_site(client, credentials):
    response = client.post("/login", data={"username": "owner", "password": credentials.password,
                                           "next": "https://evil.example/"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_speech_sockets_refuse_strangers_and_accept_the_token(client, credentials):
    from starlette.websockets import WebSocketDisconnect

    for path in ("/ws/vosk", "/ws/voice"):
        with pytest.raises(WebSocketDisconnect) as refused, client.websocket_connect(path) as ws:
            ws.receive_text()
        assert refused.value.code == 1008
    with client.websocket_connect(f"/ws/voice?token={credentials.token}") as ws:
        ws.send_text("not json")
        assert ws.receive_json()["code"] == "bad_message"
