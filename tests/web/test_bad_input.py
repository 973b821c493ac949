"""Malformed or oversized requests get a clear 4xx answer, never a 500 and never a body read whole."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant import auth
from assistant.brain.dialogue import Turn
from assistant.config import Settings
from assistant.db import session_scope
from assistant.web.app import create_app


class RecordingBrain:
    """Answers every message and remembers which channel it came through."""

    def __init__(self) -> None:
        self.channels: list[str] = []

    async def handle(self, text: str, sender: str = "owner", channel: str = "chat") -> Turn:
        self.channels.append(channel)
        return Turn(messages=[{"recipient_id": sender, "text": f"echo: {text}"}])


@pytest.fixture
def brain():
    return RecordingBrain()


def _client(engine, brain):
    with session_scope(engine) as session:
        token = auth.ensure_owner(session).token
    app = create_app(settings=Settings(max_upload_bytes=1024 * 1024), engine=engine, brain=brain, load_brain=False)
    return TestClient(app, raise_server_exceptions=False, headers={"authorization": f"Bearer {token}"})


@pytest.fixture
def api(sqlite_engine, brain):
    """A client with the owner's token, uploads limited to 1 MB."""
    with _client(sqlite_engine, brain) as client:
        yield client


@pytest.fixture
def api_on_both(engine, brain):
    """The same on SQLite and on PostgreSQL (whose INTEGER ids are 32 bits)."""
    with _client(engine, brain) as client:
        yield client


def test_a_50_mb_webhook_body_is_refused_before_it_is_read(api, brain):
    response = api.post("/webhooks/rest/webhook", content=b" " * (50 * 1024 * 1024),
                        headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["detail"] == "请求太大(最多64 KB)/ The request is too large (at most 64 KB)"
    assert brain.channels == []


def test_a_large_body_sent_without_a_length_is_stopped_too(api, brain):
    def chunks():
        for _ in range(100):
            yield b" " * 10_000  # a megabyte, in chunks: no Content-Length to judge by

    response = api.post("/webhooks/rest/webhook", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and "too large" in response.json()["detail"]
    assert brain.channels == []


def test_an_upload_over_the_limit_is_refused_with_the_limit_in_the_message(api):
    huge = b"name\n" + b"x" * (4 * 1024 * 1024)
    response = api.post("/import", files={"customers": ("c.csv", huge, "text/csv")})
    assert response.status_code == 413
    assert "每个文件最多1 MB" in response.json()["detail"] and "at most 1 MB a file" in response.json()["detail"]


def test_an_ordinary_message_and_upload_still_pass(api, brain):
    assert api.post("/webhooks/rest/webhook", json={"message": "你好"}).json()[0]["text"] == "echo: 你好"
    customers = "name,aliases,phone,birthday,household,tags,notes,marketing_consent\n周新人,,,,,,,no\n"
    assert api.post("/import", files={"customers": ("c.csv", customers.encode(), "text/csv")}).status_code == 200


@pytest.mark.parametrize("channel", [["chat"], {"name": "chat"}, 3, None, True])
def test_a_channel_that_is_not_a_name_is_refused_with_a_message(api, brain, channel):
    response = api.post("/webhooks/rest/webhook", json={"message": "你好", "metadata": {"channel": channel}})
    assert response.status_code == 422
    assert "metadata.channel must be a string, one of chat, counter, phone" in response.text
    assert brain.channels == []


def test_an_unknown_channel_name_counts_as_the_chat_and_other_metadata_passes(api, brain):
    for metadata in ({"channel": "telegram"}, {"channel": "phone"}, {"anything": [1, 2]}, None):
        assert api.post("/webhooks/rest/webhook", json={"message": "hi", "metadata": metadata}).status_code == 200
    assert brain.channels == ["chat", "phone", "chat", "chat"]


HUGE = str(2**64)
ROUTES = [
    ("get", "/customers/{id}"),
    ("post", "/customers/{id}"),
    ("get", "/api/greetings/{id}/audio"),
    ("post", "/api/greetings/{id}/sent"),
    ("post", "/api/greetings/{id}/cancel"),
    ("post", "/greetings/{id}/sent"),
    ("post", "/greetings/{id}/cancel"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_ids_out_of_range_or_unknown_are_404_or_422_never_500(api_on_both, method, path):
    body = {"json": {}} if "api" in path and method == "post" else {}
    for row_id in (HUGE, str(2**63), str(2**31), "-1", "0", "99999"):
        response = getattr(api_on_both, method)(path.format(id=row_id), **body)
        assert response.status_code in {404, 422}, (row_id, response.text)


@pytest.mark.parametrize("row_id", [HUGE, "-1", "abc"])
def test_ids_in_forms_are_checked_too(api, row_id):
    assert api.post("/today/greet", data={"customer_id": row_id}).status_code == 422
    recorded = api.post("/api/greetings/record", data={"customer_id": row_id},
                        files={"audio": ("a.webm", b"\x1a\x45\xdf\xa3", "audio/webm")})
    assert recorded.status_code == 422


def test_a_report_asked_for_a_silly_number_of_days_says_so(api):
    response = api.get("/api/reports/inactive", params={"days": "99999999999999999999"})
    assert response.status_code == 422 and "at most 36500" in response.json()["detail"]["message"]


def test_an_overlong_chat_message_is_refused_in_both_languages_and_never_heard(api, brain):
    # Red team 2026-12-06: a pasted page got pydantic's English list, and the chat page said "出错了,请再试一次"
    # (trying again could never help).
    response = api.post("/webhooks/rest/webhook", json={"sender": "owner", "message": "米" * 2001})
    assert response.status_code == 422
    assert response.json()["detail"] == ("消息太长了(最多2000个字),请分几次说 / "
                                         "The message is too long (at most 2000 characters): say it in parts")
    assert brain.channels == []
    assert api.post("/webhooks/rest/webhook", json={"message": "米" * 2000}).status_code == 200


@pytest.mark.parametrize(("path", "status", "said"), [
    ("/customers/99999", 404, "找不到:这位顾客或这条记录不在了"),
    ("/customers/-1", 422, "地址或表单里的内容不对"),
    ("/customers/abc", 422, "地址或表单里的内容不对"),
])
def test_a_page_that_cannot_be_shown_says_why_in_her_language(api, path, status, said):
    # Red team 2026-12-06: the browser showed {"detail":"no customer with id 99999"}.
    page = api.get(path, headers={"accept": "text/html"})
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")
    assert said in page.text and "no customer" not in page.text and "value_error" not in page.text
    assert api.get(path).headers["content-type"] == "application/json"  # API clients keep their JSON


def test_a_path_that_does_not_exist_still_answers_the_bare_404(api):
    # Public links rely on it: a tampered link must look exactly like any missing path.
    for accept in ("text/html", "application/json"):
        answer = api.get("/no/such/page", headers={"accept": accept})
        assert (answer.status_code, answer.json()) == (404, {"detail": "Not Found"})
