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
    page.click("form.login button[type=submit]")
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码不对")
    screenshot(page, "login")
    page.fill("input[name=password]", server.password)
    page.click("form.login button[type=submit]")
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
    page.fill("input[name=phone]", "1385710123")
    page.fill("input[name=birthday]", "02-30")
    page.click("form.edit button[type=submit]")
    summary = page.locator("#errors")
    expect(summary).to_be_focused()  # the problems are where the page opens, not two screens down
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("有2处要改一下")
    expect(page.locator("#phone-error")).to_contain_text("不是电话号码")
    expect(page.locator("#birthday-error")).to_contain_text("不是真实的日期")
    screenshot(page, "customer-errors")
    page.fill("input[name=phone]", "139 0000 1111")
    page.fill("input[name=birthday]", "3月18日")
    page.fill("input[name=add_tags]", "糖尿病")
    page.click("form.edit button[type=submit]")
    expect(page.get_by_role("status")).to_contain_text("已保存")
    facts = page.locator(".facts")
    expect(facts).to_contain_text("03-18")
    expect(facts.get_by_role("link", name="13900001111")).to_have_attribute("href", "tel:13900001111")
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
    expect(greeting).to_contain_text("不想收到这类消息跟我说一声就行")  # every message carries the opt-out line
    # The phone's share sheet (stubbed: headless Chromium has none) gets the text and the audio file.
    page.evaluate("""() => { window.sharedWith = null;
        navigator.canShare = () => true;
        navigator.share = async (data) => { window.sharedWith = {text: data.text,
            files: (data.files || []).map(f => [f.name, f.type, f.size])}; }; }""")
    greeting.get_by_role("button", name="分享到微信").click()
    expect(greeting.locator(".share-status")).to_have_text("已分享")
    shared = page.evaluate("window.sharedWith")
    assert "不想收到这类消息跟我说一声就行" in shared["text"] and shared["files"][0][1] == "audio/mpeg" and shared["files"][0][2] > 1000
    assert "/g/" in shared["text"]  # her share link: she can play it and say "不想再收到" herself
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
    expect(page.locator("li.greeting", has_text=name).first).to_contain_text("已发送")
    page.click("nav >> text=今天")
    expect(page.locator("li.task-birthday", has_text=name)).to_have_class(re.compile("done"))


def test_csv_with_a_bad_row_is_refused_and_nothing_written(logged_in, tmp_path, screenshot):
    page = logged_in
    header = "name,aliases,phone,birthday,household,tags,notes,marketing_consent\n"
    bad = tmp_path / "customers.csv"
    bad.write_text(
        header + "周新人,,13811112222,05-06,,,,yes\n吴坏行,,not-a-phone,05-06,,,,yes\n", encoding="utf-8"
    )
    page.click("nav >> text=导入")
    page.set_input_files("input[name=customers]", str(bad))
    page.click("#import-form button[type=submit]")
    expect(page.locator("#errors")).to_contain_text("第3行(电话)")
    expect(page.locator("#errors-customers")).to_contain_text("第3行")
    assert page.locator("input[name=customers]").evaluate("input => input.files[0].name") == "customers.csv"
    screenshot(page, "import")
    page.goto(page.url.replace("/import", "/customers?q=周新人"))
    expect(page.locator("main")).to_contain_text("没有找到")
    good = tmp_path / "good.csv"
    good.write_text(header + "周新人,,13811112222,05-06,,,,yes\n", encoding="utf-8")
    page.goto(page.url.split("/customers")[0] + "/import")
    page.set_input_files("input[name=customers]", str(good))
    page.click("#import-form button[type=submit]")
    expect(page.get_by_role("status")).to_contain_text("导入完成:顾客新加1位")


def test_sales_and_stock_page(logged_in, screenshot):
    page = logged_in
    page.click("nav >> text=销售")
    expect(page.locator("#takings")).to_contain_text("¥577.70")
    expect(page.locator("svg.bars rect")).to_have_count(8)
    expect(page.locator("table.stock tr.low").first).to_contain_text("要补")
    sale = page.locator("li.sale:not(.voided)").first
    sale_id = sale.get_attribute("id")
    screenshot(page, "sales")
    sale.get_by_role("button", name="撤销").click()
    expect(page.get_by_role("status")).to_contain_text("已撤销")
    expect(page.locator(f"#{sale_id}")).to_have_class(re.compile("voided"))
    expect(page.locator("#takings")).not_to_contain_text("¥577.70")
