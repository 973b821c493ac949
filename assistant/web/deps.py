"""Dependencies the routes share: a database session and the logged-in owner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Form, HTTPException, Path, Request, WebSocket, status
from sqlalchemy.orm import Session

from assistant import auth
from assistant.db.models import Owner

SESSION_COOKIE = "zhanggui_session"
# Row ids are INTEGER columns, 32 bits on PostgreSQL: a larger number in a URL or a form names no row,
# and must be refused as such rather than reach the database driver (which raised, so a 500).
MAX_ROW_ID = 2**31 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="a row id")]
FormRowId = Annotated[int, Form(ge=1, le=MAX_ROW_ID, description="a row id")]


def get_db(request: Request) -> Iterator[Session]:
    """A database session for one request, committed when the route succeeds."""
    session: Session = request.app.state.sessions()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# scope="function": commit before the response goes out. With FastAPI's default ("request") the commit
# ran after sending, so a browser following a post's redirect could read the page before the write landed.
SessionDep = Annotated[Session, Depends(get_db, scope="function")]


def _bearer(header: str | None) -> str | None:
    if header and header.lower().startswith("bearer "):
        return header[7:].strip()
    return None


def authenticate(session: Session, *, shop_id: int, cookie: str | None, header: str | None,
                 query_token: str | None) -> Owner | None:
    """The owner behind a bearer token, a ``?token=`` parameter or a session cookie, else None.

    A request carrying a token is judged by the token alone, never by a cookie: so a request with a
    token cannot be a cross-site request forgery riding on the cookie (``web.security`` relies on it)."""
    token = _bearer(header) or query_token
    owner = auth.check_token(session, token) if token else auth.session_owner(session, cookie) if cookie else None
    # Several shops may share a database: an owner reaches only the shop this server serves.
    return owner if owner is not None and owner.shop_id == shop_id else None


def current_owner(request: Request, session: SessionDep) -> Owner:
    """The logged-in owner; pages redirect to log-in, the API answers 401."""
    owner = authenticate(session, shop_id=request.app.state.context.shop_id,
                         cookie=request.cookies.get(SESSION_COOKIE),
                         header=request.headers.get("authorization"),
                         query_token=request.query_params.get("token"))
    if owner is None:
        wants_page = "text/html" in request.headers.get("accept", "") and request.method == "GET"
        if wants_page:
            raise HTTPException(status.HTTP_303_SEE_OTHER, headers={"Location": f"/login?next={request.url.path}"})
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "log in, or send the owner's token",
                            headers={"WWW-Authenticate": "Bearer"})
    return owner


CurrentOwner = Annotated[Owner, Depends(current_owner)]


def websocket_owner(websocket: WebSocket) -> Owner | None:
    """The owner of a WebSocket (cookie, bearer header or ``?token=``), or None."""
    with websocket.app.state.sessions() as session:
        return authenticate(session, shop_id=websocket.app.state.context.shop_id,
                            cookie=websocket.cookies.get(SESSION_COOKIE),
                            header=websocket.headers.get("authorization"),
                            query_token=websocket.query_params.get("token"))
