"""The web app around the pages: installable (manifest, icons, theme colour), one language at a time,
a print-friendly Today, no script error on any page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PAGES = ["/", "/today", "/customers", "/customers/new", "/customers/1", "/greetings", "/sales", "/import", "/help/phone"]


def test_installable_manifest_icons_and_theme(logged_in):
    page = logged_in
    assert page.locator("meta[name=theme-color]").get_attribute("content") == "#a14a22"
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.request.get(page.url.rstrip("/") + href).json()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        loaded = page.evaluate("""src => new Promise(done => { const i = new Image();
            i.onload = () => done(i.naturalWidth); i.onerror = () => done(0); i.src = src; })""", icon["src"])
        assert f"{loaded}x{loaded}" == icon["sizes"]
    assert page.request.get(page.url.rstrip("/") + "/favicon.ico").ok


def test_every_page_opens_without_script_errors_in_each_language(logged_in, server, screenshot):
    page = logged_in  # the tab fails the test on any script error
    for language, word in (("zh", "今天"), ("en", "Today")):
        if language == "en":
            page.get_by_role("button", name="English").click()
        for path in PAGES:
            page.goto(server.url + path)
            expect(page.locator("html")).to_have_attribute("lang", "zh-CN" if language == "zh" else "en")
            if path != "/help/phone":
                expect(page.locator("nav.nav")).to_contain_text(word)
            if language == "en" and path == "/today":
                screenshot(page, "today-en")
    page.get_by_role("button", name="中文").click()


def test_today_is_a_to_do_list_that_prints(logged_in, screenshot):
    page = logged_in
    page.click("nav >> text=今天")
    first = page.locator("li.task").first
    key = first.get_attribute("data-key")
    first.get_by_role("button", name="做完了").click()
    expect(page.locator(f'li.task[data-key="{key}"]')).to_have_class(re.compile(r"\bdone\b"))
    assert page.locator("li.task").last.get_attribute("data-key") == key  # done tasks go to the bottom
    page.reload()
    expect(page.locator(f'li.task[data-key="{key}"]')).to_have_class(re.compile(r"\bdone\b"))
    call = page.locator("li.task a[href^='tel:']").first
    expect(call).to_have_text("打电话")
    screenshot(page, "today")
    page.emulate_media(media="print")
    expect(page.locator("nav.nav")).to_be_hidden()
    expect(page.locator("li.task .actions").first).to_be_hidden()
    page.emulate_media(media="screen")


def test_text_is_at_least_16_px_and_buttons_44_px_on_every_page(logged_in, server):
    page = logged_in
    for path in PAGES:
        page.goto(server.url + path)
        small = page.evaluate("""() => Array.from(document.querySelectorAll('body *'))
            .filter(e => e.offsetParent !== null && Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
            .filter(e => parseFloat(getComputedStyle(e).fontSize) < 16)
            .map(e => e.tagName + ' ' + e.textContent.trim().slice(0, 20))""")
        assert not small, (path, small)
        tiny = page.evaluate("""() => Array.from(document.querySelectorAll('button, .button, input, select, nav a, .filters a'))
            .filter(e => e.offsetParent !== null && e.type !== 'hidden')
            .map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect()])
            .filter(([, r]) => r.height < 44 && !(r.width >= 24 && r.height >= 24 && r.width === r.height))
            .map(([html, r]) => html + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))""")
        assert not tiny, (path, tiny)
