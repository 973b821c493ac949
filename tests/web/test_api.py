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
    context = client.app.state.context
    settings = context.settings
    with session_scope(engine) as session:
        shop_id = default_shop_id(session)
        customer = add_customer(session, shop_id=shop_id, name="张丽", channel="cli", marketing_consent=True)
        greeting = create_greeting(session, customer=customer, occasion="生日", text="生日快乐", source="composed",
                                   channel="web", data_dir=settings.data_dir, now=context.now())
        greeting_id = greeting.id
    waiting = client.get("/api/greetings", params={"status": "waiting"}).json()["items"]
    assert [g["id"] for g in waiting] == [greeting_id]
    assert client.post(f"/api/greetings/{greeting_id}/sent", json={}).json()["status"] == "sent"
    assert client.get("/api/greetings", params={"status": "waiting"}).json()["items"] == []
    assert client.post(f"/api/greetings/{greeting_id}/sent", json={}).status_code == 422


def test_uploaded_voice_memo_becomes_a_waiting_greeting(api, tmp_path):
    import shutil
    import subprocess

    if not shutil.which("espeak-ng") or not shutil.which("sox"):
        pytest.skip("espeak-ng and sox make the test recording (apt-get install espeak-ng sox)")
    client, engine = api
    speech, memo = tmp_path / "speech.wav", tmp_path / "memo.wav"
    subprocess.run(["espeak-ng", "-v", "cmn", "-w", str(speech), "刘阿姨生日快乐"], check=True)
    subprocess.run(["sox", str(speech), str(memo), "pad", "1", "1"], check=True)  # silence to trim
    with session_scope(engine) as session:
        shop_id = default_shop_id(session)
        liu = add_customer(session, shop_id=shop_id, name="刘阿姨", channel="cli", marketing_consent=True).id
        chen = add_customer(session, shop_id=shop_id, name="陈先生", channel="cli").id

    def upload(customer_id: int, data: bytes, **form: str):
        return client.post("/api/greetings/record", data={"customer_id": str(customer_id), **form},
                           files={"audio": ("memo.wav", data, "audio/wav")})

    created = upload(liu, memo.read_bytes())
    assert created.status_code == 201 and created.json()["status"] == "waiting"
    played = client.get(created.json()["audio_url"])
    assert played.status_code == 200 and played.headers["content-type"] == "audio/mp4"
    assert upload(chen, memo.read_bytes()).status_code == 409  # no consent: refused unless she insists
    assert upload(chen, memo.read_bytes(), insist="true").json()["consent_overridden"] is True
    assert upload(liu, b"not audio at all").status_code == 422


def test_credit_report_api_and_command_line_say_the_same(api, capsys, monkeypatch):
    import datetime as dt
    import json

    from assistant.cli import main
    from assistant.db.models import Customer
    from assistant.shop import credit

    client, engine = api
    with session_scope(engine) as session:
        shop_id = default_shop_id(session)
        liu = session.query(Customer).filter_by(name="刘芳").one()
        credit.charge(session, shop_id=shop_id, customer=liu, channel="chat", now=dt.datetime(2026, 1, 29, 9),
                      amount=Decimal("120"))
    body = client.get("/api/reports/credit").json()
    assert body["count"] == 1 and body["items"][0]["customer"] == "刘芳"
    assert (body["items"][0]["balance"], body["items"][0]["days_owed"], body["items"][0]["oldest_unpaid"]) == (
        120, 45, "2026-01-29")
    monkeypatch.setenv("ASSISTANT_DB_URL", str(engine.url.render_as_string(hide_password=False)))
    from assistant.config import get_settings

    get_settings.cache_clear()
    assert main(["report", "credit", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == body


def test_arrival_targets_api_and_command_line_say_the_same(api, capsys, monkeypatch):
    import datetime as dt
    import json

    from assistant.cli import main
    from assistant.config import get_settings
    from assistant.db.models import CustomerRequest
    from assistant.shop.sales import SaleLine, log_sale

    client, engine = api
    with session_scope(engine) as session:
        shop_id = default_shop_id(session)
        low_sodium = add_product(session, shop_id=shop_id, name="低钠酱油", aliases=["low sodium soy sauce"],
                                 category="酱油", unit="瓶", price=Decimal("15.8"), channel="cli", suits=["高血压"])
        dark = add_product(session, shop_id=shop_id, name="老抽", category="酱油", unit="瓶", price=Decimal("13.5"),
                           channel="cli")
        add_customer(session, shop_id=shop_id, name="李建国", tags=["高血压"], channel="cli",
                          marketing_consent=True)
        asker = add_customer(session, shop_id=shop_id, name="陈女士", channel="cli", marketing_consent=True)
        add_customer(session, shop_id=shop_id, name="赵先生", tags=["高血压"], channel="cli")  # no consent
        wang = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli", marketing_consent=True)
        log_sale(session, shop_id=shop_id, customer=wang, channel="counter", move_goods=False,
                 sold_at=dt.datetime(2026, 2, 5, 9), lines=[SaleLine(product=dark, quantity=Decimal("1"))])
        session.add(CustomerRequest(shop_id=shop_id, customer_id=asker.id, product_id=low_sodium.id,
                                    asked_at=dt.datetime(2026, 3, 1, 9)))
    body = client.get("/api/reports/arrival-targets", params={"product": "low sodium soy sauce"}).json()
    # Who asked, then whom it suits; not 王秀英, who only bought another soy sauce; 赵先生 counted, not listed.
    assert [(i["customer"], i["reasons_zh"]) for i in body["items"]] == [("陈女士", ["3月1日要过"]), ("李建国", ["高血压"])]
    assert (body["count"], body["left_out_no_consent"], body["product"]) == (2, 1, "低钠酱油")
    monkeypatch.setenv("ASSISTANT_DB_URL", str(engine.url.render_as_string(hide_password=False)))
    get_settings.cache_clear()
    assert main(["report", "arrival-targets", "--product", "低钠酱油", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == body
