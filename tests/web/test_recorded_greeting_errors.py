"""/api/greetings/record refuses in the owner's language: Chinese unless her pages are in English.

Owner trial 2026-12-06: a voice memo that could not be read, or a customer who had not agreed to messages,
came back as an English sentence on a Chinese shop's page.
"""

from __future__ import annotations

import io
import math
import re
import struct
import wave

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from assistant import auth
from assistant.db import session_scope
from assistant.db.models import Greeting
from assistant.shop.customers import add_customer
from assistant.shop.shops import default_shop_id
from assistant.web.app import create_app
from assistant.web.i18n import LANG_COOKIE

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _tone(seconds: float = 1.0, rate: int = 16_000) -> bytes:
    """A WAV file of a steady tone, loud enough to count as voice."""
    frames = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
                      for i in range(int(seconds * rate)))
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(rate)
        file.writeframes(frames)
    return out.getvalue()


@pytest.fixture
def recorder(sqlite_engine):
    """A client with the owner's token, a customer who agreed to messages and one who did not."""
    with session_scope(sqlite_engine) as session:
        shop_id = default_shop_id(session)
        token = auth.ensure_owner(session).token
        agreed = add_customer(session, shop_id=shop_id, name="刘阿姨", channel="cli", marketing_consent=True).id
        refused = add_customer(session, shop_id=shop_id, name="陈先生", channel="cli").id
    with TestClient(create_app(engine=sqlite_engine, load_brain=False)) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client, sqlite_engine, {"agreed": agreed, "refused": refused}


def _upload(client: TestClient, customer_id: object, audio: bytes | None, **form: str):
    files = {"audio": ("memo.wav", audio, "audio/wav")} if audio is not None else {"audio": ("", b"", "")}
    return client.post("/api/greetings/record", data={"customer_id": str(customer_id), **form}, files=files)


def _greetings(engine) -> int:
    with session_scope(engine) as session:
        return session.execute(select(func.count()).select_from(Greeting)).scalar_one()


def test_every_refusal_is_in_chinese_for_a_chinese_shop(recorder):
    client, engine, ids = recorder
    answers = {
        "damaged": _upload(client, ids["agreed"], b"not audio at all"),
        "empty": _upload(client, ids["agreed"], b""),
        "unknown customer": _upload(client, 99999, _tone()),
        "no customer": _upload(client, "abc", _tone()),
        "no consent": _upload(client, ids["refused"], _tone()),
    }
    assert {said: answer.status_code for said, answer in answers.items()} == {
        "damaged": 422, "empty": 422, "unknown customer": 404, "no customer": 422, "no consent": 409}
    details = {said: answer.json()["detail"] for said, answer in answers.items()}
    assert "重新录" in details["damaged"] and "空" in details["empty"]
    assert "99999" in details["unknown customer"] and "顾客" in details["unknown customer"]
    assert "陈先生" in details["no consent"] and "同意" in details["no consent"]
    for said, detail in details.items():
        assert not LATIN_WORD.search(detail.replace("Hz", "").replace("MB", "")), (said, detail)
    assert _greetings(engine) == 0  # nothing refused was kept


def test_a_recording_over_the_limit_is_refused_in_her_language(recorder):
    client, engine, ids = recorder
    client.app.state.settings = client.app.state.settings.copy(update={"max_upload_bytes": 1024 * 1024})
    big = _upload(client, ids["agreed"], b"\0" * (1024 * 1024 + 10))
    assert big.status_code == 413 and "录音超过1 MB" in big.json()["detail"]
    client.cookies.set(LANG_COOKIE, "en")
    big = _upload(client, ids["agreed"], b"\0" * (1024 * 1024 + 10))
    assert big.status_code == 413 and "over 1 MB" in big.json()["detail"]
    assert _greetings(engine) == 0


def test_pages_in_english_get_english_refusals_and_a_good_memo_is_kept(recorder):
    client, engine, ids = recorder
    client.cookies.set(LANG_COOKIE, "en")
    damaged = _upload(client, ids["agreed"], b"not audio at all")
    assert damaged.status_code == 422 and "could not be read" in damaged.json()["detail"]
    refused = _upload(client, ids["refused"], _tone())
    assert refused.status_code == 409 and "has not agreed" in refused.json()["detail"]
    created = _upload(client, ids["agreed"], _tone())
    assert created.status_code == 201 and created.json()["customer"] == "刘阿姨"
    assert _greetings(engine) == 1
