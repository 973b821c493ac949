"""The owner's pages over HTTP: log-in required, figures from the services, refusals next to the field."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant import auth
from assistant.config import get_settings
from assistant.db import make_engine, session_scope, upgrade
from assistant.db.models import Customer, Greeting
from assistant.shop.consent import consent_history, record_consent
from assistant.shop.reports import run_report
from assistant.speech.tts import make_synthesizer
from assistant.web.app import create_app

TODAY = "2026-03-15"
PAGES = ["/", "/today", "/customers", "/customers/1", "/greetings", "/sales", "/import"]
CUSTOMER_HEADER = "name,aliases,phone,birthday,household,tags,notes,marketing_consent\n"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo shop on 2026-03-15 with an owner, loaded once and copied for each test."""
    from assistant.shop.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "shop.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSISTANT_TODAY", TODAY)
        get_settings.cache_clear()
        engine = make_engine(f"sqlite:///{path}")
        upgrade(engine)
        load_demo(engine)
        with session_scope(engine) as session:
            auth.ensure_owner(session)
        engine.dispose()
    get_settings.cache_clear()
    return path


@pytest.fixture
def demo_engine(demo_template: Path, tmp_path: Path, pin_today):
    """A copy of the demo shop for this test, with today pinned to the demo's date."""
    pin_today(TODAY)
    path = tmp_path / "shop.db"
    shutil.copyfile(demo_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def anonymous(demo_engine) -> Iterator[TestClient]:
    """A client without a session."""
    app = create_app(engine=demo_engine, load_brain=False)
    # espeak-ng alone: edge-tts cannot be reached from tests, and waiting for its time-out is slow.
    app.state.synthesizer = make_synthesizer(offline=True)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def client(anonymous, demo_engine) -> TestClient:
    """A client logged in as the owner (through the ready link)."""
    with session_scope(demo_engine) as session:
        token = auth.new_token(session, auth.find_owner(session))
    assert anonymous.get(f"/login?token={token}").status_code == 200
    return anonymous


def customer_id(engine, name: str) -> int:
    with session_scope(engine) as session:
        return session.query(Customer).filter_by(name=name).one().id


def errors(html: str) -> list[str]:
    return re.findall(r'class="error"[^>]*>([^<]*)<', html)


@pytest.mark.parametrize("path", PAGES)
def test_no_page_without_a_session(anonymous, path):
    response = anonymous.get(path, headers={"accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


@pytest.mark.parametrize("path", ["/customers/1", "/today/greet", "/import", "/greetings/1/sent"])
def test_no_form_accepted_without_a_session(anonymous, path):
    assert anonymous.post(path, data={"customer_id": "1"}).status_code == 401


def test_every_page_has_the_bilingual_nav(client):
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, path
        for label in (
            '对话 <span class="en">Chat',
            '今天 <span class="en">Today',
            '导入 <span class="en">Import',
        ):
            assert label in page.text, (path, label)


def test_search_by_initials_alias_and_phone(client):
    assert "王秀英" in client.get("/customers", params={"q": "wxy"}).text
    assert "王秀英" in client.get("/customers", params={"q": "王阿姨"}).text
    assert "王秀英" in client.get("/customers", params={"q": "1385710"}).text
    nobody = client.get("/customers", params={"q": "zzzz"}).text
    assert "No customer matches" in nobody


def test_profile_marks_sensitive_tags_and_shows_purchases(client, demo_engine):
    page = client.get(f"/customers/{customer_id(demo_engine, '张丽')}").text
    assert re.search(r'pill sensitive">花生过敏 · 敏感', page)
    assert page.count("<circle") > 3  # purchase rhythm dots


def test_edit_refuses_bad_fields_next_to_them_and_writes_nothing(client, demo_engine):
    cid = customer_id(demo_engine, "王秀英")
    refused = client.post(
        f"/customers/{cid}", data={"phone": "12ab", "birthday": "02-30", "add_tags": "素食"}
    )
    assert refused.status_code == 422
    assert 'id="phone-error">&#39;12ab&#39; is not a phone number' in refused.text
    assert 'id="birthday-error">birthday 2-30 is not a real date' in refused.text
    assert 'value="12ab"' in refused.text  # what she typed is kept for correcting
    with session_scope(demo_engine) as session:
        customer = session.get(Customer, cid)
        assert customer.phone == "13857101234" and "素食" not in [t.name for t in customer.tags]


def test_edit_saves_and_records_consent_history(client, demo_engine):
    cid = customer_id(demo_engine, "王秀英")
    saved = client.post(
        f"/customers/{cid}",
        data={
            "phone": "139 0000 1111",
            "birthday": "农历08-15",
            "add_tags": "糖尿病, 素食",
            "marketing_consent": "no",
        },
    )
    assert saved.status_code == 200 and "已保存 · Saved" in saved.text
    assert "13900001111" in saved.text and "农历08-15" in saved.text
    assert re.search(r'pill sensitive">糖尿病', saved.text)
    assert "撤回 withdrawn" in saved.text
    with session_scope(demo_engine) as session:
        history = consent_history(session, customer_id=cid)
        assert history[-1].granted is False and history[-1].source == "web"


def test_today_greeting_respects_consent(client, demo_engine):
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng): the greeting cannot be spoken")
    tasks = client.get("/today").text
    birthday = re.search(r'task-birthday".*?<a href="/customers/(\d+)">([^<]+)</a>', tasks, re.S)
    cid, name = int(birthday.group(1)), birthday.group(2)
    with session_scope(demo_engine) as session:
        customer = session.get(Customer, cid)
        if customer.marketing_consent:
            record_consent(session, customer=customer, purpose="marketing", granted=False, source="counter")
    refused = client.post("/today/greet", data={"customer_id": cid})
    assert refused.status_code == 409 and f"{name} has not agreed to receive messages" in refused.text
    with session_scope(demo_engine) as session:
        assert session.query(Greeting).count() == 0
        record_consent(
            session, customer=session.get(Customer, cid), purpose="marketing", granted=True, source="counter"
        )
    made = client.post("/today/greet", data={"customer_id": cid})
    assert made.status_code == 200, errors(made.text)
    assert "回复T退订" in made.text and "/audio" in made.text
    greeting_id = int(re.search(r'id="greeting-(\d+)"', made.text).group(1))
    audio = client.get(f"/api/greetings/{greeting_id}/audio")
    assert audio.headers["content-type"] == "audio/mpeg" and len(audio.content) > 1000
    sent = client.post(f"/greetings/{greeting_id}/sent")
    assert "已发送 sent" in sent.text and '待发送 <span class="en">Waiting</span> (0)' in sent.text


def test_sales_page_shows_takings_weeks_and_cover(client, demo_engine):
    page = client.get("/sales").text
    with session_scope(demo_engine) as session:
        takings = run_report(session, "sales", shop_id=1, options={}).takings
    assert f"¥{takings:.2f}" in page
    assert page.count("<rect") == 8
    assert re.search(r'<tr class="low"><td>鸡蛋', page)  # 2.4 days of cover in the demo


def test_import_refuses_a_bad_row_and_writes_nothing(client):
    bad = CUSTOMER_HEADER + "周新人,,13811112222,05-06,,,,yes\n吴坏行,,not-a-phone,05-06,,,,yes\n"
    refused = client.post("/import", files={"customers": ("mine.csv", bad.encode(), "text/csv")})
    assert refused.status_code == 422
    assert any("line 3 (phone)" in e for e in errors(refused.text))
    assert "No customer matches" in client.get("/customers", params={"q": "周新人"}).text
    good = CUSTOMER_HEADER + "周新人,,13811112222,05-06,,,,yes\n"
    imported = client.post("/import", files={"customers": ("mine.csv", good.encode(), "text/csv")})
    assert "customers: 1 added" in imported.text
    assert "周新人" in client.get("/customers", params={"q": "zxr"}).text


def test_import_refuses_nothing_chosen_and_oversized_files(client):
    empty = client.post("/import", data={})
    assert empty.status_code == 422 and "choose at least one CSV file" in empty.text
    client.app.state.settings = client.app.state.settings.copy(update={"max_upload_bytes": 10})
    big = client.post("/import", files={"sales": ("s.csv", b"date,customer,product\n" * 5, "text/csv")})
    assert big.status_code == 422 and "the file is over" in big.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"PK\x03\x04" + bytes(300), "line 1"),
        (CUSTOMER_HEADER.encode() + "周新人,,,,,,,yes\n吴\0坏,,,,,,,yes\n".encode(), "line 3"),
        (b"", "line 1"),
        ("商品,数量\n大米,2\n".encode(), "line 1"),
    ],
    ids=["workbook", "NUL byte", "empty", "unknown header"],
)
def test_import_refuses_unreadable_files_with_a_page_not_a_500(client, data, expected):
    refused = client.post("/import", files={"customers": ("mine.csv", data, "text/csv")})
    assert refused.status_code == 422 and any(expected in e for e in errors(refused.text))
    assert "No customer matches" in client.get("/customers", params={"q": "周新人"}).text
