"""Dependencies the routes share: a database session and the logged-in owner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, WebSocket, status
from sqlalchemy.orm import Session

from assistant import auth
from assistant.db.models import Owner

SESSION_COOKIE = "zhanggui_session"


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


def authenticate(app_state, session: Session, *, cookie: str | None, header: str | None,  # noqa: ANN001
                 query_token: str | None) -> Owner | None:
    """The owner behind a session cookie, a bearer token or a ``?token=`` parameter, else None."""
    token = _bearer(header) or query_token
    if token:
        return auth.check_token(session, token)
    if cookie:
        owner_id = app_state.signer.owner_id(cookie, session) if app_state.signer else None
        return session.get(Owner, owner_id) if owner_id else None
    return None


def current_owner(request: Request, session: SessionDep) -> Owner:
    """The logged-in owner; pages redirect to log-in, the API answers 401."""
    owner = authenticate(request.app.state, session, cookie=request.cookies.get(SESSION_COOKIE),
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
        return authenticate(websocket.app.state, session, cookie=websocket.cookies.get(SESSION_COOKIE),
                            header=websocket.headers.get("authorization"),
                            query_token=websocket.query_params.get("token"))
