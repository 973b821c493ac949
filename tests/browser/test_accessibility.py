"""axe-core (bundled by axe-playwright-python) on every page, in both languages and in the states the
owner sees most: no serious or critical violation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
PAGES = ["/", "/today", "/customers", "/customers?show=birthday", "/customers/new", "/customers/1", "/greetings",
         "/sales", "/import", "/help/phone", "/signups"]


def _serious(page) -> list[str]:  # noqa: ANN001
    """The serious and critical violations on the page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{page.url} {v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_no_serious_or_critical_violation_on_any_page(page, server):
    page.goto(f"{server.url}/login")
    problems = _serious(page)
    page.fill("input[name=username]", server.username)
    page.fill("input[name=password]", server.password)
    page.click("form.login button[type=submit]")
    page.wait_for_selector("#turns")
    for language in ("zh", "en"):
        if language == "en":
            page.get_by_role("button", name="English").click()
        for path in PAGES:
            page.goto(server.url + path)
            problems += _serious(page)
    # The states after a refusal: the error list at the top and the messages by the fields.
    page.goto(f"{server.url}/customers/new")
    page.click("form.edit button[type=submit]")
    page.wait_for_selector("#errors")
    problems += _serious(page)
    page.goto(server.url + "/")
    page.fill("#message", "王阿姨买了两袋米")
    page.press("#message", "Enter")
    page.wait_for_selector(".turns li.choices button")
    problems += _serious(page)
    assert not problems, "\n".join(problems)
