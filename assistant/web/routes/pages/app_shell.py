"""Around the pages: the language switch (remembered in a cookie), the phone set-up help, the favicon."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from assistant.web.i18n import LANG_COOKIE, LANGUAGES, ONE_YEAR
from assistant.web.routes.pages.common import page

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)
ICONS = Path(__file__).resolve().parents[2] / "static" / "icons"


@router.post("/language")
def set_language(lang: str = Form("zh"), next: str = Form("/")) -> Response:  # noqa: A002 (the form's name)
    """Switch every page to Chinese or English; the choice is remembered for a year."""
    parsed = urlparse(next)
    target = next if not parsed.netloc and next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(LANG_COOKIE, lang if lang in LANGUAGES else "zh", max_age=ONE_YEAR, samesite="lax")
    return response


@router.get("/help/phone")
def phone_help(request: Request) -> Response:
    """How to give the phone its microphone: serve over https (no log-in: nothing of the shop's here)."""
    return page(request, "help_phone.html", None)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    """The app's icon where browsers look for it first."""
    return FileResponse(ICONS / "favicon.ico", media_type="image/x-icon")
