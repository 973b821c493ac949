"""Greetings: the queue of greetings waiting to be sent, sharing one, marking it sent or cancelled."""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from assistant.db.models import Owner
from assistant.errors import AssistantError, ConsentRequired, Invalid, NotFound
from assistant.shop import greetings
from assistant.shop.public import share_path
from assistant.web.deps import CurrentOwner, RowId, SessionDep
from assistant.web.routes.pages.common import back, page, t_for

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)


@router.get("/greetings")
def greetings_page(request: Request, session: SessionDep, owner: CurrentOwner) -> Response:
    """The greeting queue: waiting first, then the most recent sent or cancelled ones."""
    return _greetings_page(request, session, owner)


def _greetings_page(request: Request, session: Session, owner: Owner, *, notices: dict[int, str] | None = None,
                    status_code: int = 200) -> Response:
    every = greetings.list_greetings(session, shop_id=owner.shop_id)
    waiting = [g for g in every if g.status == "waiting"]
    done = sorted((g for g in every if g.status != "waiting"), key=lambda g: g.sent_at or g.created_at,
                  reverse=True)[:20]
    base = str(request.base_url).rstrip("/")
    share_urls = {g.id: base + path for g in [*waiting, *done] if (path := share_path(session, greeting=g))}
    return page(request, "greetings.html", owner, status_code=status_code, waiting=waiting, done=done,
                notices=notices or {}, occasion_label=greetings.occasion_label, share_urls=share_urls)


@router.post("/greetings/{greeting_id}/sent")
def greeting_sent(request: Request, greeting_id: RowId, session: SessionDep, owner: CurrentOwner,
                  insist: bool = Form(False)) -> Response:
    """Mark a greeting sent (consent checked again; ``insist`` overrides and is logged)."""
    try:
        greetings.mark_sent(session, shop_id=owner.shop_id, greeting_id=greeting_id, channel="web", insist=insist,
                            now=request.app.state.context.now())
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    except AssistantError as error:
        session.rollback()
        return _greetings_page(request, session, owner, notices={greeting_id: _refusal(request, error)},
                               status_code=409)
    return back("/greetings")


def _refusal(request: Request, error: AssistantError) -> str:
    """Why a greeting cannot be marked sent or cancelled, in the owner's language."""
    t = t_for(request)
    if isinstance(error, ConsentRequired):
        return t("这位顾客没有同意接收消息:先问问;如果仍要发送,勾上“仍然发送”(会记录下来)",
                 "This customer has not agreed to receive messages: ask first, or tick “Send anyway” (it is logged)")
    if isinstance(error, Invalid) and error.field == "status":
        return t("这条祝福已经发过或取消了", "This greeting was already sent or cancelled")
    return str(error)


@router.post("/greetings/{greeting_id}/cancel")
def greeting_cancel(request: Request, greeting_id: RowId, session: SessionDep, owner: CurrentOwner) -> Response:
    """Cancel a waiting greeting."""
    try:
        greetings.cancel(session, shop_id=owner.shop_id, greeting_id=greeting_id, channel="web")
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    except AssistantError as error:
        session.rollback()
        return _greetings_page(request, session, owner, notices={greeting_id: _refusal(request, error)},
                               status_code=409)
    return back("/greetings")
