"""Every response carries the security headers: only this site's scripts, no framing, no sniffing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.web.security import CONTENT_SECURITY_POLICY
from tests.web import test_pages as pages

# The demo shop and its clients, as the pages' tests make them.
anonymous = pages.anonymous
client = pages.client
demo_engine = pages.demo_engine
demo_template = pages.demo_template

TEMPLATES = Path(__file__).resolve().parents[2] / "assistant" / "web" / "templates"


def _assert_secure(response) -> None:
    headers = response.headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-content-type-options"] == "nosniff"


def test_the_policy_is_what_the_pages_need_and_no_more():
    policy = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert policy["default-src"] == "'self'" and policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/", "/today", "/customers", "/customers/1", "/greetings", "/sales", "/import",
                                  "/api/reports/birthdays", "/api/greetings", "/customers/999999"])
def test_pages_and_api_answers_carry_the_headers(client, path):
    response = client.get(path)
    _assert_secure(response)
    assert response.headers["cache-control"] == "no-store"  # customers' data stays out of caches


@pytest.mark.parametrize("path", ["/health", "/login", "/static/chat.js", "/no-such-page"])
def test_answers_without_a_session_carry_them_too(anonymous, path):
    _assert_secure(anonymous.get(path))


def test_refusals_carry_them(anonymous):
    _assert_secure(anonymous.get("/", headers={"accept": "text/html"}, follow_redirects=False))  # to log-in
    _assert_secure(anonymous.post("/webhooks/rest/webhook", json={"message": "hi"}))  # 401
    _assert_secure(anonymous.post("/logout", headers={"origin": "https://evil.example"}))  # 403
    _assert_secure(anonymous.post("/webhooks/rest/webhook", content=b"x" * 70_000,
                                  headers={"content-type": "application/json"}))  # 413


def test_static_files_may_be_cached(anonymous):
    assert "no-store" not in anonymous.get("/static/app.css").headers.get("cache-control", "")


def test_templates_have_no_inline_script_or_event_handler():
    """The policy forbids them; a page that used one would break silently in the browser."""
    for template in TEMPLATES.glob("*.html"):
        html = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), template.name
        assert not re.search(r"\son[a-z]+\s*=", html), template.name
        assert "javascript:" not in html, template.name
