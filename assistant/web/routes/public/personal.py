"""A customer's personal data link (``/me/TOKEN``): what the shop holds about her, as a page and as a JSON
download, and her request to be erased, which the owner confirms (``shop.public.personal``)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from assistant.db.models import Customer
from assistant.errors import Invalid, NotFound
from assistant.shop import public
from assistant.web.deps import SessionDep
from assistant.web.routes.pages.common import message_of
from assistant.web.routes.public.common import language_of, not_found, public_page

router = APIRouter()


def _customer(request: Request, session: SessionDep, token: str) -> Customer:
    context = request.app.state.context
    try:
        return public.open_personal(session, shop_id=context.shop_id, token=token, now=context.now())
    except NotFound:
        raise not_found() from None


def _page(request: Request, session: SessionDep, token: str, customer: Customer, *, error: str = "",
          status_code: int = 200) -> Response:
    context = request.app.state.context
    link = f"/me/{token}"
    return public_page(request, "personal.html", language_of(request), status_code=status_code, link=link,
                       data=public.personal_data(session, customer=customer, now=context.now()), error=error,
                       form_token=public.form_token(session, shop_id=context.shop_id, link=link, now=context.now()))


@router.get("/me/{token}")
def personal_page(request: Request, token: str, session: SessionDep) -> Response:
    """Everything the shop holds about her, with a download and "请删除我的资料"."""
    return _page(request, session, token, _customer(request, session, token))


@router.get("/me/{token}/download")
def personal_download(request: Request, token: str, session: SessionDep) -> Response:
    """Her copy as a JSON file."""
    customer = _customer(request, session, token)
    data = public.personal_data(session, customer=customer, now=request.app.state.context.now())
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, media_type="application/json; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="my-data.json"'})


@router.post("/me/{token}/erase")
def personal_erase(request: Request, token: str, session: SessionDep, form_token: str = Form("")) -> Response:
    """Record her request to be erased; the owner confirms it."""
    customer = _customer(request, session, token)
    context = request.app.state.context
    try:
        public.check_form_token(session, shop_id=context.shop_id, link=f"/me/{token}", token=form_token,
                                now=context.now())
    except Invalid as refused:
        return _page(request, session, token, customer, error=message_of(refused, language_of(request)),
                     status_code=422)
    public.request_erasure(session, shop_id=context.shop_id, customer=customer, now=context.now())
    suffix = "?lang=en" if language_of(request) == "en" else ""
    return RedirectResponse(f"/me/{token}{suffix}", status_code=303)
