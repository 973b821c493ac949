"""The owner's pages over HTTP: log-in required, figures from the services, refusals next to the field."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
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


def english(client: TestClient) -> None:
    """Switch the owner's pages to English, as the header's button does."""
    assert client.post("/language", data={"lang": "en", "next": "/"}, follow_redirects=False).status_code == 303


def test_every_page_is_in_one_language_chinese_first_then_english_after_the_switch(client):
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, path
        assert '<html lang="zh-CN">' in page.text and ">今天</a>" in page.text and ">Today<" not in page.text
    english(client)
    for path in PAGES:
        page = client.get(path)
        assert '<html lang="en">' in page.text and ">Today</a>" in page.text and ">今天</a>" not in page.text, path
        assert ">中文</button>" in page.text  # the way back
    client.post("/language", data={"lang": "zh", "next": "/today"})
    assert ">今天</a>" in client.get("/today").text


def test_language_switch_goes_back_only_to_this_site(client):
    for target in ("https://evil.example/", "//evil.example/x"):
        answer = client.post("/language", data={"lang": "en", "next": target}, follow_redirects=False)
        assert answer.headers["location"] == "/"


def test_search_by_initials_alias_and_phone_with_tap_to_call(client):
    assert "王秀英" in client.get("/customers", params={"q": "wxy"}).text
    assert "王秀英" in client.get("/customers", params={"q": "王阿姨"}).text
    found = client.get("/customers", params={"q": "1385710"}).text
    assert "王秀英" in found and 'href="tel:13857101234"' in found
    assert "没有找到“zzzz”" in client.get("/customers", params={"q": "zzzz"}).text
    english(client)
    assert "No customer matches" in client.get("/customers", params={"q": "zzzz"}).text


def test_customer_filters_due_away_birthday_and_tag(client, demo_engine):
    everyone = client.get("/customers").text
    for show in ("due", "away", "birthday"):
        page = client.get("/customers", params={"show": show})
        assert page.status_code == 200 and 'aria-current="true"' in page.text
    birthdays = client.get("/customers", params={"show": "birthday"}).text
    with session_scope(demo_engine) as session:
        march = [c.name for c in session.query(Customer).filter_by(birthday_month=3, birthday_lunar=False)]
        other = session.query(Customer).filter(Customer.birthday_month == 7).first()
    assert march and all(name in birthdays for name in march)
    assert other is None or f">{other.name}" not in birthdays
    tagged = client.get("/customers", params={"tag": "花生过敏"}).text
    assert "张丽" in tagged and tagged.count('class="name"') < everyone.count('class="name"')


def test_profile_marks_sensitive_tags_and_shows_visits_with_their_items(client, demo_engine):
    page = client.get(f"/customers/{customer_id(demo_engine, '张丽')}").text
    assert re.search(r'pill sensitive">花生过敏 · 敏感', page)
    assert page.count("<circle") > 3  # purchase rhythm dots
    visits = re.findall(r'<ul class="list visits">(.*?)</ul>', page, re.S)[0]
    assert re.search(r"¥\d+\.\d\d<br><span class=\"muted\">[^<]*\d", visits)  # what was bought, with quantities


def test_edit_refuses_bad_fields_at_the_top_and_by_them_and_writes_nothing(client, demo_engine):
    cid = customer_id(demo_engine, "王秀英")
    refused = client.post(f"/customers/{cid}", data={"phone": "1385710123", "birthday": "02-30", "add_tags": "素食"})
    assert refused.status_code == 422
    top = refused.text.index('id="errors"')
    assert top < refused.text.index("<h1>")  # the list of problems comes first
    assert "有2处要改一下" in refused.text
    assert 'id="phone-error">“1385710123”不是电话号码' in refused.text
    assert 'id="birthday-error">2月30日不是真实的日期' in refused.text
    assert 'value="1385710123"' in refused.text  # what she typed is kept for correcting
    with session_scope(demo_engine) as session:
        customer = session.get(Customer, cid)
        assert customer.phone == "13857101234" and "素食" not in [t.name for t in customer.tags]
    english(client)
    refused = client.post(f"/customers/{cid}", data={"phone": "12ab", "birthday": "02-30"})
    assert "Please fix 2 things" in refused.text and "is not a phone number" in refused.text


@pytest.mark.parametrize(("typed", "stored"), [("3月18日", "03-18"), ("农历八月十五", "农历08-15"), ("3-18", "03-18"),
                                               ("1958年3月18日", "1958-03-18"), ("腊月初八", "农历12-08")])
def test_birthdays_as_people_write_them(client, demo_engine, typed, stored):
    cid = customer_id(demo_engine, "王秀英")
    saved = client.post(f"/customers/{cid}", data={"phone": "13857101234", "birthday": typed})
    assert saved.status_code == 200 and "已保存" in saved.text and f"<dd>{stored}</dd>" in saved.text


def test_edit_saves_and_records_consent_history(client, demo_engine):
    cid = customer_id(demo_engine, "王秀英")
    saved = client.post(
        f"/customers/{cid}",
        data={"phone": "139 0000 1111", "birthday": "农历08-15", "add_tags": "糖尿病, 素食", "marketing_consent": "no"},
    )
    assert saved.status_code == 200 and "已保存" in saved.text
    assert "13900001111" in saved.text and "农历08-15" in saved.text
    assert re.search(r'pill sensitive">糖尿病', saved.text)
    assert "撤回" in saved.text
    with session_scope(demo_engine) as session:
        history = consent_history(session, customer_id=cid)
        assert history[-1].granted is False and history[-1].source == "web"


def test_add_a_customer_on_the_web(client, demo_engine):
    refused = client.post("/customers/new", data={"name": "", "phone": "0571-8765", "birthday": "3月"})
    assert refused.status_code == 422
    assert "有3处要改一下" in refused.text and "请写上顾客的名字" in refused.text
    duplicate = client.post("/customers/new", data={"name": "王秀英"})
    assert duplicate.status_code == 422 and "已经有一位叫王秀英的顾客" in duplicate.text
    added = client.post("/customers/new", data={"name": "周新人", "phone": "0571-87654321", "birthday": "3月18日",
                                                "tags": "高血压、素食", "marketing_consent": "yes"})
    assert added.status_code == 200 and "已添加" in added.text and 'href="tel:057187654321"' in added.text
    with session_scope(demo_engine) as session:
        customer = session.query(Customer).filter_by(name="周新人").one()
        assert customer.birthday_month == 3 and customer.marketing_consent
        assert sorted(t.name for t in customer.tags) == ["素食", "高血压"]


def test_today_is_a_to_do_list_with_call_and_arrivals(client, demo_engine):
    from assistant.db.models import Product
    from assistant.shop.stock import stock_in

    page = client.get("/today").text
    assert 'href="tel:' in page and 'data-action="done"' in page and 'data-action="later"' in page
    with session_scope(demo_engine) as session:
        sauce = session.query(Product).filter_by(name="低钠酱油").one()
        stock_in(session, product=sauce, quantity=Decimal(24), channel="web")
    page = client.get("/today").text
    assert "低钠酱油到了,告诉李建国" in page
    english(client)
    assert "低钠酱油 arrived: tell 李建国" in client.get("/today").text


def test_today_greeting_respects_consent_and_marks_the_birthday_done(client, demo_engine):
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
    assert refused.status_code == 409 and f"{name}还没同意接收消息" in refused.text
    with session_scope(demo_engine) as session:
        assert session.query(Greeting).count() == 0
        record_consent(session, customer=session.get(Customer, cid), purpose="marketing", granted=True, source="counter")
    made = client.post("/today/greet", data={"customer_id": cid})
    assert made.status_code == 200, errors(made.text)
    # Shared into WeChat: the WeChat opt-out line, not the SMS one.
    assert "不想收到这类消息跟我说一声就行" in made.text and "回复T退订" not in made.text
    assert "/audio" in made.text and 'class="share"' in made.text
    greeting_id = int(re.search(r'id="greeting-(\d+)"', made.text).group(1))
    audio = client.get(f"/api/greetings/{greeting_id}/audio")
    assert audio.headers["content-type"] == "audio/mpeg" and len(audio.content) > 1000
    done = re.search(rf'<li class="card task task-birthday done"[^>]*>.*?/customers/{cid}"', client.get("/today").text, re.S)
    assert done, "the greeted birthday is not marked done"
    sent = client.post(f"/greetings/{greeting_id}/sent")
    assert "已发送" in sent.text and "待发送 (0)" in sent.text
    again = client.post("/today/greet", data={"customer_id": cid})  # one birthday greeting a year
    assert again.status_code == 422 and f"今年已经给{name}做过这条祝福了" in again.text
    with session_scope(demo_engine) as session:
        assert session.query(Greeting).count() == 1


def test_sales_page_lists_recent_sales_with_undo(client, demo_engine):
    page = client.get("/sales").text
    with session_scope(demo_engine) as session:
        takings = run_report(session, "sales", shop_id=1, options={}).takings
    assert f"¥{takings:.2f}" in page
    assert page.count("<rect") == 8
    assert re.search(r'<tr class="low"><td>鸡蛋', page)  # 2.4 days of cover in the demo
    sale_id = int(re.search(r'action="/sales/(\d+)/undo"', page).group(1))
    undone = client.post(f"/sales/{sale_id}/undo")
    assert undone.status_code == 200 and f"已撤销第{sale_id}笔" in undone.text
    assert re.search(rf'<li class="sale voided" id="sale-{sale_id}"', undone.text)
    with session_scope(demo_engine) as session:
        assert run_report(session, "sales", shop_id=1, options={}).takings < takings
    assert client.post(f"/sales/{sale_id}/undo").status_code == 200  # twice is harmless


def test_import_lists_bad_rows_and_writes_nothing_then_says_what_it_did(client):
    bad = CUSTOMER_HEADER + "周新人,,13811112222,05-06,,,,yes\n吴坏行,,not-a-phone,05-06,,,,yes\n"
    refused = client.post("/import", files={"customers": ("mine.csv", bad.encode(), "text/csv")})
    assert refused.status_code == 422
    assert any(e.startswith("第3行(电话)") for e in errors(refused.text))
    assert "没有找到" in client.get("/customers", params={"q": "周新人"}).text
    good = CUSTOMER_HEADER + "周新人,,13811112222,05-06,,,,yes\n"
    imported = client.post("/import", files={"customers": ("mine.csv", good.encode(), "text/csv")})
    assert "导入完成:顾客新加1位,更新0位。" in imported.text
    assert "周新人" in client.get("/customers", params={"q": "zxr"}).text


def test_import_templates_open_in_excel(client):
    for kind in ("customers", "products", "sales"):
        template = client.get(f"/import/template/{kind}.csv")
        assert template.status_code == 200 and template.content.startswith("\ufeff".encode())
        assert "attachment" in template.headers["content-disposition"]
    assert client.get("/import/template/secrets.csv").status_code == 404


def test_import_refuses_nothing_chosen_and_oversized_files(client):
    empty = client.post("/import", data={})
    assert empty.status_code == 422 and "请至少选一个文件" in empty.text
    client.app.state.settings = client.app.state.settings.copy(update={"max_upload_bytes": 10})
    big = client.post("/import", files={"sales": ("s.csv", b"date,customer,product\n" * 5, "text/csv")})
    assert big.status_code == 422 and "文件超过" in big.text


def test_manifest_icons_and_favicon_need_no_log_in(anonymous):
    manifest = anonymous.get("/static/manifest.webmanifest").json()
    assert manifest["name"] == "掌柜" and manifest["display"] == "standalone" and manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        assert anonymous.get(icon["src"]).headers["content-type"] == "image/png"
    assert anonymous.get("/favicon.ico").status_code == 200
    assert anonymous.get("/static/manifest-en.webmanifest").json()["name"] == "Zhanggui"


def test_phone_help_and_health_say_whether_speech_is_installed(anonymous):
    assert "assistant serve --https" in anonymous.get("/help/phone").text
    speech = anonymous.get("/health").json()["speech"]
    assert speech["ready"] is False and "assistant models pull" in speech["detail"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"PK\x03\x04" + bytes(300), "第1行"),
        (CUSTOMER_HEADER.encode() + "周新人,,,,,,,yes\n吴\0坏,,,,,,,yes\n".encode(), "第3行"),
        (b"", "第1行"),
        ("商品,数量\n大米,2\n".encode(), "第1行"),
    ],
    ids=["workbook", "NUL byte", "empty", "unknown header"],
)
def test_import_refuses_unreadable_files_with_a_page_not_a_500(client, data, expected):
    refused = client.post("/import", files={"customers": ("mine.csv", data, "text/csv")})
    assert refused.status_code == 422 and any(e.startswith(expected) for e in errors(refused.text))
    assert "没有找到" in client.get("/customers", params={"q": "周新人"}).text


def test_a_tab_shows_on_her_page_with_her_standing_and_on_today(client, demo_engine):
    import datetime as dt
    from decimal import Decimal

    from assistant.shop import credit

    with session_scope(demo_engine) as session:
        zhang = session.query(Customer).filter_by(name="张丽").one()
        day = dt.datetime.fromisoformat(f"{TODAY} 10:00")
        credit.charge(session, shop_id=zhang.shop_id, customer=zhang, channel="chat",
                      now=day - dt.timedelta(days=45), amount=Decimal("120"))
    page = client.get(f"/customers/{customer_id(demo_engine, '张丽')}").text
    assert "赊账" in page and "欠 ¥120" in page and "额度 ¥500" in page
    assert "赊过1次,按时还了0次,最长等了45天,现在欠120元:建议额度500元。" in page
    today = client.get("/today").text
    assert 'data-kind="credit"' in today and "欠了45天,120元" in today
