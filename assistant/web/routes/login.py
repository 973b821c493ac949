"""Log-in and log-out of the owner: a session kept on the server, its random id in an HttpOnly cookie.

Failed attempts back off per account and per client address (``app.state.login_throttle``); an unknown
username is answered exactly like a wrong password.
"""

from __future__ import annotations

from urllib.parse import urlparse

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant import auth
from assistant.db.models import Owner
from assistant.web.deps import SESSION_COOKIE, SessionDep
from assistant.web.templating import templates
from assistant.web.throttle import wait_message

router = APIRouter(tags=["login"])

# (Chinese, English): the page shows the owner's language.
WRONG_PASSWORD = ("用户名或密码不对", "Wrong username or password")
WRONG_TOKEN = ("这个链接的令牌无效", "That link's token is not valid")


def _safe_next(target: str | None) -> str:
    """Only redirect to paths on this site after log-in (no open redirect)."""
    parsed = urlparse(target or "/")
    return parsed.path if not parsed.netloc and parsed.path.startswith("/") else "/"


def _address_key(request: Request) -> str:
    return f"addr:{request.client.host if request.client else '?'}"


def _form(request: Request, next: str, error: tuple[str, str] | None, status_code: int,  # noqa: A002
          retry_after: int = 0) -> Response:
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return templates.TemplateResponse(request, "login.html", {"next": _safe_next(next), "error": error},
                                      status_code=status_code, headers=headers)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, session: SessionDep, next: str = "/",  # noqa: A002 (the parameter's name)
               token: str | None = None) -> Response:
    """The log-in form; the ready link printed at first start (``/login?token=…``) logs in directly."""
    if not token:
        return _form(request, next, None, 200)
    throttle = request.app.state.login_throttle
    keys = (_address_key(request),)
    wait = throttle.wait(*keys)
    if wait:
        return _form(request, next, wait_message(wait), 429, retry_after=wait)
    owner = _of_this_shop(request, auth.check_token(session, token))
    if owner is None:
        throttle.failed(*keys)
        return _form(request, next, WRONG_TOKEN, 401)
    throttle.succeeded(*keys)
    return _logged_in(request, session, owner, next)


@router.post("/login")
def login(request: Request, session: SessionDep, username: str = Form("", max_length=200),
          password: str = Form("", max_length=1000), next: str = Form("/", max_length=2000)) -> Response:  # noqa: A002
    """Check the credentials; on success set the session cookie and go on."""
    throttle = request.app.state.login_throttle
    # Unknown names get a key of their own too, so nothing tells a real account from a made-up one.
    keys = (f"user:{username.strip().casefold()}", _address_key(request))
    wait = throttle.wait(*keys)
    if wait:
        return _form(request, next, wait_message(wait), 429, retry_after=wait)
    owner = _of_this_shop(request, auth.check_password(session, username.strip(), password))
    if owner is None:
        throttle.failed(*keys)
        return _form(request, next, WRONG_PASSWORD, 401)
    throttle.succeeded(*keys)
    return _logged_in(request, session, owner, next)


def _logged_in(request: Request, session: SessionDep, owner: Owner, next: str) -> Response:  # noqa: A002
    hours = request.app.state.settings.session_hours
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, auth.start_session(session, owner, hours=hours), httponly=True,
                        samesite="lax", max_age=hours * 3600, secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep) -> Response:
    """End the session on the server (a copy of the cookie stops working too) and forget the cookie."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        auth.end_session(session, cookie)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax", secure=request.url.scheme == "https")
    return response


def _of_this_shop(request: Request, owner: Owner | None) -> Owner | None:
    """The owner, if this server serves her shop: another shop's owner is answered like a wrong password."""
    return owner if owner is not None and owner.shop_id == request.app.state.context.shop_id else None
