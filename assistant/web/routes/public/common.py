"""What the public pages share: the request rate, the one 404, their language and their templates.

Public pages read no cookie and set none: an owner's session cookie sent along widens nothing. Every
request to them counts against its address's rate (``PublicLimits``: pages, and stricter, posts), before
the link is even looked at, so guessing tokens is slow and a 429 says nothing about any token. A link that
is tampered, expired or names something gone answers ``not_found()``: the very body of a path that does
not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from assistant.language.money import format_money
from assistant.web.i18n import chooser
from assistant.web.throttle import RequestRate

# Their own template set: the owner's pages' context processor reads her language cookie, and a
# customer's page is in the language of what it shows, never in the owner's.
# Their own pages first; the form-error macros (``_forms.html``) are the owner's pages' own.
_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
templates = Jinja2Templates(directory=[str(_TEMPLATES / "public"), str(_TEMPLATES)])
templates.env.filters["money"] = format_money


@dataclass
class PublicLimits:
    """Requests one address may make to the public pages: ``pages`` counts every request, ``posts`` also
    each form sent (a sign-up, an erasure request, an opt-out)."""

    pages: RequestRate = field(default_factory=lambda: RequestRate(limit=60, window=60))
    posts: RequestRate = field(default_factory=lambda: RequestRate(limit=10, window=600))


def rate_limited(request: Request) -> None:
    """Refuse (429, ``Retry-After``) an address past its public request rate."""
    limits: PublicLimits = request.app.state.public_limits
    address = request.client.host if request.client else "unknown"
    wait = limits.pages.take(address)
    if not wait and request.method == "POST":
        wait = limits.posts.take(address)
    if wait:
        raise HTTPException(429, "请求太频繁,请稍后再试 / Too many requests: try again later",
                            headers={"Retry-After": str(wait)})


def not_found() -> HTTPException:
    """The 404 of a path that does not exist (FastAPI's own body), so a bad link tells nothing."""
    return HTTPException(404)


def language_of(request: Request, default: str = "zh") -> str:
    """``?lang=en`` or ``?lang=zh`` on a public page; else ``default`` (the language of what it shows)."""
    chosen = request.query_params.get("lang", default)
    return chosen if chosen in {"zh", "en"} else default


def public_page(request: Request, name: str, language: str, status_code: int = 200, **context: Any) -> Response:
    """Render a public page in ``language`` with ``context``."""
    return templates.TemplateResponse(request, name, {
        "lang": language, "html_lang": "en" if language == "en" else "zh-CN", "t": chooser(language), **context,
    }, status_code=status_code)


def wants_page(request: Request) -> bool:
    """Whether a browser's form sent this (answer with a page) rather than a program (answer JSON)."""
    return "text/html" in request.headers.get("accept", "")
