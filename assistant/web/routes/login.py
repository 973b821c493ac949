"""Log-in and log-out of the owner (a signed, expiring session cookie)."""

from __future__ import annotations

from urllib.parse import urlparse

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant import auth
from assistant.web.deps import SESSION_COOKIE, SessionDep
from assistant.web.templating import templates

router = APIRouter(tags=["login"])


def _safe_next(target: str | None) -> str:
    """Only redirect to paths on this site after log-in (no open redirect)."""
    parsed = urlparse(target or "/")
    return parsed.path if not parsed.netloc and parsed.path.startswith("/") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, session: SessionDep, next: str = "/",  # noqa: A002 (the parameter's name)
               token: str | None = None) -> Response:
    """The log-in form; the ready link printed at first start (``/login?token=…``) logs in directly."""
    owner = auth.check_token(session, token) if token else None
    if owner is not None and request.app.state.signer is not None:
        return _logged_in(request, owner, next)
    error = ("这个链接的令牌无效", "That link's token is not valid") if token else None
    return templates.TemplateResponse(request, "login.html", {"next": _safe_next(next), "error": error},
                                      status_code=401 if token else 200)


@router.post("/login")
def login(request: Request, session: SessionDep, username: str = Form(""), password: str = Form(""),
          next: str = Form("/")) -> Response:  # noqa: A002
    """Check the credentials; on success set the session cookie and go on."""
    owner = auth.check_password(session, username.strip(), password)
    if owner is None or request.app.state.signer is None:
        return templates.TemplateResponse(
            request, "login.html", {"next": _safe_next(next), "error": ("用户名或密码不对", "Wrong username or password")},
            status_code=401)
    return _logged_in(request, owner, next)


def _logged_in(request: Request, owner, next: str) -> Response:  # noqa: ANN001, A002
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, request.app.state.signer.sign(owner), httponly=True, samesite="lax",
                        max_age=request.app.state.settings.session_hours * 3600,
                        secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout() -> Response:
    """End the session."""
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
