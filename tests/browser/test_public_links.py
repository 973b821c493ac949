"""Links customers open themselves, in a real headless Chromium at phone size on the shop's Wi-Fi address
(``http://shop.lan``: plain http, no log-in, no cookies): the greeting's share page plays and takes her
"不想再收到"; the counter's sign-up page keeps each consent and waits for the owner; her personal data page
shows, downloads and asks to erase, and the owner confirms. What lands in the database is checked there."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from assistant.db import make_engine, session_scope
from assistant.db.models import Consent, Customer, Product, Signup
from assistant.shop.customers import add_customer, find_customer
from assistant.shop.greetings import create_greeting
from assistant.shop.sales import SaleLine, log_sale
from assistant.shop.shops import default_shop_id
from tests.browser.conftest import SHOP_HOST, TODAY, phone_tab

pytestmark = pytest.mark.browser
SERVER_NOW = dt.datetime.fromisoformat(f"{TODAY}T09:00")  # the server's pinned day


@contextmanager
def shop_session(server):  # noqa: ANN001, ANN201
    """A session on the running server's database."""
    engine = make_engine(server.db_url)
    try:
        with session_scope(engine) as session:
            yield session
    finally:
        engine.dispose()


@pytest.fixture
def pinned(pin_today):
    """This process's clock on the server's day, so what the test writes is dated like the server's writes."""
    pin_today(TODAY)


def _spoken_mp3(tmp_path: Path, text: str) -> bytes:
    """espeak-ng's Mandarin as MP3, the format the shop's greetings are kept in."""
    wav, mp3 = tmp_path / "greeting.wav", tmp_path / "greeting.mp3"
    subprocess.run(["espeak-ng", "-v", "cmn", "-w", str(wav), text], check=True)
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(wav), str(mp3)], check=True)
    return mp3.read_bytes()


def _on_wifi(server, url: str) -> str:  # noqa: ANN001
    """The same link at the shop's Wi-Fi name, as a customer's phone opens it."""
    return re.sub(r"^http://[^/]+", server.at(SHOP_HOST), url)


def test_share_page_plays_the_greeting_and_her_no_withdraws_consent(logged_in, server, browser, screenshot,
                                                                   pinned, tmp_path):
    with shop_session(server) as session:
        shop_id = default_shop_id(session)
        # Someone who agreed, with no decision dated after the server's day (other tests record at the real time).
        later = select(Consent.customer_id).where(Consent.recorded_at >= SERVER_NOW + dt.timedelta(days=1))
        customer = session.execute(select(Customer).where(Customer.shop_id == shop_id, Customer.marketing_consent,
                                                          Customer.id.not_in(later))
                                   .order_by(Customer.id.desc()).limit(1)).scalar_one()
        name, customer_id = customer.name, customer.id
        create_greeting(session, customer=customer, occasion="生日", text=f"{name},生日快乐!禾香粮油祝您身体健康。",
                        source="composed", channel="cli", data_dir=server.data_dir,
                        now=SERVER_NOW, audio=_spoken_mp3(tmp_path, "生日快乐"))
    listed = logged_in.request.get(f"{server.url}/api/greetings").json()["items"]
    share_url = next(g["share_url"] for g in listed if g["customer_id"] == customer_id)
    assert share_url.startswith("/g/")
    with phone_tab(browser, server.at(SHOP_HOST)) as tab:
        tab.goto(server.at(SHOP_HOST) + share_url)
        expect(tab.get_by_role("heading")).to_contain_text("来自禾香粮油的消息")
        expect(tab.locator(".greeting-text")).to_contain_text(f"{name},生日快乐")
        audio = tab.locator("#greeting-audio")
        expect(audio).to_be_visible()
        tab.evaluate("() => document.getElementById('greeting-audio').play()")
        tab.wait_for_function("() => { const a = document.getElementById('greeting-audio');"
                              " return a.currentTime > 0.2 && !a.error; }")
        assert tab.evaluate("() => document.getElementById('greeting-audio').duration") > 0.3
        screenshot(tab, "share")
        tab.click("#opt-out")
        expect(tab.locator("#opted-out")).to_contain_text("已退订")
        screenshot(tab, "share-opted-out")
        tampered = tab.goto(server.at(SHOP_HOST) + share_url[:-4] + "abcd")
        assert tampered.status == 404
        assert tab.goto(server.at(SHOP_HOST) + share_url[:-4] + "abcd/audio").status == 404
    with shop_session(server) as session:
        latest = session.execute(select(Consent).where(Consent.customer_id == customer_id)
                                 .order_by(Consent.recorded_at.desc(), Consent.id.desc()).limit(1)).scalar_one()
        assert (latest.purpose, latest.granted, latest.source) == ("marketing", False, "link")
        assert session.get(Customer, customer_id).marketing_consent is False


def _sign_up(tab, url: str, *, name: str, phone: str, birthday: str, lunar: bool, sensitive: str = "") -> None:  # noqa: ANN001
    tab.goto(url)
    expect(tab.locator("#notice")).to_contain_text("我们保存什么,为什么")
    tab.fill("input[name=name]", name)
    tab.fill("input[name=phone]", phone)
    tab.fill("input[name=birthday]", birthday)
    if lunar:
        tab.check("input[name=calendar][value=lunar]")
    tab.fill("input[name=household]", "9栋, 家里四口人")
    tab.check("input[name=marketing]")
    if sensitive:
        tab.fill("textarea[name=sensitive_notes]", sensitive)
        tab.check("input[name=sensitive]")


def test_sign_up_keeps_each_consent_and_the_owner_confirms_or_joins(logged_in, server, browser, screenshot,
                                                                    pinned):
    owner = logged_in
    owner.goto(f"{server.url}/signups")
    expect(owner.locator("#qr-code")).to_be_visible()  # segno draws it
    join = _on_wifi(server, owner.locator("#signup-url").inner_text().strip())
    with shop_session(server) as session:
        shop_id = default_shop_id(session)
        known = add_customer(session, shop_id=shop_id, name="冯新客", phone="13957112233", channel="cli")
        known_id = known.id
    with phone_tab(browser, server.at(SHOP_HOST)) as tab:
        _sign_up(tab, join, name="周小梅", phone="138 5710 9999", birthday="八月十五", lunar=True,
                 sensitive="孩子对花生过敏")
        tab.uncheck("input[name=sensitive]")  # notes without their own consent are refused
        tab.click("form.edit button[type=submit]")
        expect(tab.locator("#sensitive_notes-error")).to_contain_text("请单独勾选同意")
        tab.check("input[name=sensitive]")
        screenshot(tab, "signup")
        sent_at = dt.datetime.now()
        tab.click("form.edit button[type=submit]")
        expect(tab.get_by_role("status")).to_contain_text("店主确认以后就记下了")
        _sign_up(tab, join, name="冯新客", phone="13957112233", birthday="3月18日", lunar=False)
        tab.click("form.edit button[type=submit]")
        expect(tab.get_by_role("status")).to_contain_text("店主确认以后就记下了")
    with shop_session(server) as session:
        assert session.execute(select(func.count(Signup.id))).scalar() == 2
        assert find_customer(session, shop_id=shop_id, name="周小梅") is None  # not before the owner confirms
    owner.goto(f"{server.url}/today")
    expect(owner.locator("#waiting-public")).to_contain_text("新登记 2 位待确认")
    owner.goto(f"{server.url}/signups")
    screenshot(owner, "signups")
    owner.locator(".signup", has_text="周小梅").get_by_role("button", name="确认").click()
    expect(owner.get_by_role("heading", name=re.compile("周小梅"))).to_be_visible()
    owner.goto(f"{server.url}/signups")
    joined = owner.locator(".signup", has_text="冯新客")
    expect(joined).to_contain_text("同名同电话")
    joined.get_by_role("button", name="确认").click()
    expect(owner.get_by_role("heading", name=re.compile("冯新客"))).to_be_visible()
    with shop_session(server) as session:
        new = find_customer(session, shop_id=shop_id, name="周小梅")
        assert (new.phone, new.birthday_lunar, new.birthday_month, new.birthday_day) == ("13857109999", True, 8, 15)
        consents = {c.purpose: c for c in session.execute(select(Consent).where(Consent.customer_id == new.id))
                    .scalars()}
        assert {p: (c.granted, c.source) for p, c in consents.items()} == {
            "marketing": (True, "signup"), "sensitive_data": (True, "signup")}
        server_day = dt.datetime.fromisoformat(TODAY).date()
        for consent in consents.values():  # the time she sent the form (the server's day)
            assert consent.recorded_at.date() == server_day
            at = dt.datetime.combine(sent_at.date(), consent.recorded_at.time())
            assert abs((at - sent_at).total_seconds()) < 120
        same = session.execute(select(Customer).where(Customer.name == "冯新客")).scalars().all()
        assert [c.id for c in same] == [known_id] and same[0].birthday_month == 3
        assert session.execute(select(func.count(Signup.id))).scalar() == 0


def test_personal_data_page_shows_downloads_and_her_erasure_is_confirmed(logged_in, server, browser, screenshot,
                                                                        pinned, tmp_path):
    with shop_session(server) as session:
        shop_id = default_shop_id(session)
        customer = add_customer(session, shop_id=shop_id, name="蒋自查", aliases=["蒋阿姨"], phone="13957110000",
                                household="11栋", channel="cli", marketing_consent=True)
        rice = session.execute(select(Product).where(Product.name == "东北大米")).scalar_one()
        log_sale(session, shop_id=shop_id, lines=[SaleLine(rice, 2)], channel="cli", customer=customer)
        customer_id = customer.id
    owner = logged_in
    owner.goto(f"{server.url}/customers/{customer_id}")
    owner.click("#make-personal-link")
    link = _on_wifi(server, owner.locator("#personal-url").inner_text().strip())
    assert "/me/" in link
    with phone_tab(browser, server.at(SHOP_HOST)) as tab:
        tab.goto(link)
        expect(tab.locator("#profile")).to_contain_text("蒋自查")
        expect(tab.locator("#purchases")).to_contain_text("东北大米")
        expect(tab.locator("#consents")).to_contain_text("接收消息")
        with tab.expect_download() as download:
            tab.click("#download")
        copy = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert copy["profile"]["name"] == "蒋自查" and copy["purchases"][0]["product"] == "东北大米"
        screenshot(tab, "personal")
        tab.click("#erase")
        expect(tab.locator("#erase-requested")).to_contain_text("已收到您的删除请求")
        owner.goto(f"{server.url}/customers/{customer_id}")
        expect(owner.locator("#erasure-request")).to_contain_text("她要求删除资料")
        owner.click("#confirm-erase")
        expect(owner.get_by_role("status")).to_contain_text("已删除她的资料")
        assert tab.goto(link).status == 404
    with shop_session(server) as session:
        assert session.get(Customer, customer_id) is None
        assert find_customer(session, shop_id=shop_id, name="蒋自查") is None


def test_public_pages_have_no_serious_accessibility_violation(server, browser, pinned):
    from assistant.shop import public
    from tests.browser.test_accessibility import _serious

    with shop_session(server) as session:
        shop_id = default_shop_id(session)
        customer = session.execute(select(Customer).where(Customer.shop_id == shop_id).order_by(Customer.id)
                                   .limit(1)).scalar_one()
        greeting = create_greeting(session, customer=customer, occasion="中秋", text="中秋快乐!", source="composed",
                                   channel="cli", data_dir=server.data_dir, now=SERVER_NOW, insist=True)
        paths = [public.share_path(session, greeting=greeting), public.signup_path(session, shop_id=shop_id),
                 public.personal_path(session, shop_id=shop_id, customer=customer, now=SERVER_NOW, channel="cli")]
    problems: list[str] = []
    with phone_tab(browser, server.at(SHOP_HOST)) as tab:
        for path in paths:
            for query in ("", "?lang=en"):
                tab.goto(server.at(SHOP_HOST) + path + query)
                problems += _serious(tab)
        tab.goto(server.at(SHOP_HOST) + paths[1])
        tab.click("form.edit button[type=submit]")  # the refused form: errors at the top and by the fields
        tab.wait_for_selector("#errors")
        problems += _serious(tab)
    assert not problems, "\n".join(problems)
