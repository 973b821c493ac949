"""The owner's web app in a real headless Chromium at phone size: what she sees and taps."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_login_refused_then_accepted(page, server, screenshot):
    page.goto(f"{server.url}/customers")
    assert "/login" in page.url  # nothing about customers without a session
    page.fill("input[name=password]", "not-the-password")
    page.click("button[type=submit]")
    expect(page.get_by_role("alert")).to_contain_text("Wrong username or password")
    screenshot(page, "login")
    page.fill("input[name=password]", server.password)
    page.click("button[type=submit]")
    expect(
        page.get_by_role("heading", name=re.compile("顾客"))
    ).to_be_visible()  # back where she wanted to go


def test_typed_question_is_answered(logged_in, screenshot):
    page = logged_in
    page.fill("#message", "今天卖了多少钱")
    page.press("#message", "Enter")
    expect(page.locator(".turns li.me").last).to_contain_text("今天卖了多少钱")
    reply = page.locator(".turns li.bot").last
    expect(reply).to_contain_text("577.7")  # the demo shop's takings on 2026-03-15, from the sales report
    screenshot(page, "chat")


@pytest.mark.slow
def test_microphone_streams_until_a_transcript_appears(logged_in, screenshot):
    page = logged_in
    page.click("#mic")
    expect(page.locator("#state")).to_have_attribute("data-state", "listening")
    transcript = page.locator(".turns li.me.voice").first
    expect(transcript).to_be_visible(timeout=30_000)
    heard = transcript.locator(".text").inner_text()
    assert heard.strip(), "the transcript is empty"
    assert re.search(r"[\uac00-\ud7a3]", heard), f"no Korean in the transcript {heard!r}"
    expect(page.locator(".turns li.bot").last).to_contain_text("听到了", timeout=15_000)
    expect(page.locator("#state")).not_to_have_attribute("data-state", "listening")
    screenshot(page, "chat-voice")


def test_customer_found_by_initials_and_edited(logged_in, screenshot):
    page = logged_in
    page.click("nav >> text=顾客")
    page.fill("input[name=q]", "wxy")
    page.press("input[name=q]", "Enter")
    page.click("text=王秀英")
    expect(page.get_by_role("heading", name=re.compile("王秀英"))).to_be_visible()
    page.fill("input[name=phone]", "12ab")
    page.fill("input[name=birthday]", "02-30")
    page.click("form.edit button[type=submit]")
    expect(page.locator("#phone-error")).to_contain_text("not a phone number")
    expect(page.locator("#birthday-error")).to_contain_text("not a real date")
    page.fill("input[name=phone]", "139 0000 1111")
    page.fill("input[name=birthday]", "1958-04-02")
    page.fill("input[name=add_tags]", "糖尿病")
    page.click("form.edit button[type=submit]")
    expect(page.get_by_role("status")).to_contain_text("Saved")
    facts = page.locator(".facts")
    expect(facts).to_contain_text("13900001111")
    expect(facts.locator(".pill.sensitive", has_text="糖尿病")).to_contain_text("敏感")
    expect(page.locator("svg.rhythm circle").first).to_be_attached()
    screenshot(page, "customer")
    page.goto(page.url.split("/customers")[0] + "/customers?q=138")
    screenshot(page, "customers")


def test_birthday_greeting_made_played_and_sent(logged_in, server, screenshot):
    from assistant.db import make_engine, session_scope
    from assistant.db.models import Customer
    from assistant.shop.consent import record_consent

    page = logged_in
    page.click("nav >> text=今天")
    row = page.locator("li.task-birthday").first
    name = row.locator(".task-head a").inner_text()
    engine = make_engine(server.db_url)
    with session_scope(engine) as session:  # the customer said yes at the counter
        customer = session.query(Customer).filter_by(name=name).one()
        if not customer.marketing_consent:
            record_consent(session, customer=customer, purpose="marketing", granted=True, source="counter")
    engine.dispose()
    screenshot(page, "today")
    row.get_by_role("button", name=re.compile("做祝福")).click()
    greeting = page.locator("li.greeting", has_text=name).first
    expect(greeting).to_contain_text("回复T退订")  # every message carries the opt-out line
    player = greeting.locator("audio")
    played = player.evaluate("""audio => new Promise((resolve, reject) => {
        audio.addEventListener('timeupdate', () => audio.currentTime > 0 && resolve(audio.currentTime));
        audio.addEventListener('error', () => reject(new Error('cannot play: ' + audio.error.code)));
        audio.play().catch(reject);
    })""")
    assert played > 0
    screenshot(page, "greetings")
    with page.expect_navigation():
        greeting.get_by_role("button", name=re.compile("已发送")).click()
    expect(page.locator("li.greeting", has_text=name).first).to_contain_text("已发送 sent")


def test_csv_with_a_bad_row_is_refused_and_nothing_written(logged_in, tmp_path, screenshot):
    page = logged_in
    header = "name,aliases,phone,birthday,household,tags,notes,marketing_consent\n"
    bad = tmp_path / "customers.csv"
    bad.write_text(
        header + "周新人,,13811112222,05-06,,,,yes\n吴坏行,,not-a-phone,05-06,,,,yes\n", encoding="utf-8"
    )
    page.click("nav >> text=导入")
    page.set_input_files("input[name=customers]", str(bad))
    page.click("form.edit button[type=submit]")
    expect(page.locator("label", has_text="顾客").get_by_role("alert")).to_contain_text("line 3")
    screenshot(page, "import")
    page.goto(page.url.replace("/import", "/customers?q=周新人"))
    expect(page.locator("main")).to_contain_text("No customer matches")
    good = tmp_path / "good.csv"
    good.write_text(header + "周新人,,13811112222,05-06,,,,yes\n", encoding="utf-8")
    page.goto(page.url.split("/customers")[0] + "/import")
    page.set_input_files("input[name=customers]", str(good))
    page.click("form.edit button[type=submit]")
    expect(page.get_by_role("status")).to_contain_text("customers: 1 added")


def test_sales_and_stock_page(logged_in, screenshot):
    page = logged_in
    page.click("nav >> text=销售")
    expect(page.locator("#takings")).to_contain_text("¥577.70")
    expect(page.locator("svg.bars rect")).to_have_count(8)
    expect(page.locator("table.stock tr.low").first).to_contain_text("要补")
    screenshot(page, "sales")
