"""The owner's side of the public links: the counter's sign-up QR code and the sign-ups waiting for her
(confirm, join with a customer, refuse), a customer's personal data link, and erasure requests (confirm
with the ordinary erase, or keep her data when she changed her mind). Logic in ``shop.public``."""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from assistant.errors import Invalid, NotFound
from assistant.shop import public
from assistant.shop.customers import get_customer
from assistant.web.deps import MAX_ROW_ID, CurrentOwner, RowId, SessionDep
from assistant.web.i18n import language_of
from assistant.web.qr import qr_data_uri
from assistant.web.routes.pages.common import back, message_of, page, t_for
from assistant.web.routes.pages.customers import customer_page_for

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)
LOCAL_HOSTS = ("localhost", "127.", "::1", "[::1]")


def _signups_page(request: Request, session: SessionDep, owner: CurrentOwner, *, notice: str = "",
                  errors: dict[int, str] | None = None, status_code: int = 200) -> Response:
    context = request.app.state.context
    url = str(request.base_url).rstrip("/") + public.signup_path(session, shop_id=context.shop_id)
    host = request.url.hostname or ""
    return page(request, "signups.html", owner, status_code=status_code, signup_url=url, qr=qr_data_uri(url),
                local_address=host.startswith(LOCAL_HOSTS), notice=notice, errors=errors or {},
                signups=public.waiting_signups(session, shop_id=owner.shop_id),
                erasures=public.erasure_requests(session, shop_id=owner.shop_id))


@router.get("/signups")
def signups_page(request: Request, session: SessionDep, owner: CurrentOwner, done: str = "") -> Response:
    """The counter's QR code to print, the sign-ups waiting for her and the erasure requests."""
    t = t_for(request)
    notice = {"confirmed": t("已登记", "Confirmed"), "refused": t("已删掉这条登记", "Sign-up deleted"),
              "erased": t("已删除她的资料", "Her data was erased")}.get(done, "")
    return _signups_page(request, session, owner, notice=notice)


@router.post("/signups/{signup_id}/confirm")
def confirm_signup(request: Request, signup_id: RowId, session: SessionDep, owner: CurrentOwner,
                   merge_into: int = Form(0, ge=0, le=MAX_ROW_ID)) -> Response:
    """Make the sign-up a customer (joined with the one it matches, or the one she chose)."""
    try:
        customer = public.confirm_signup(session, shop_id=owner.shop_id, signup_id=signup_id, channel="web",
                                         merge_into=merge_into or None)
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    except Invalid as error:
        session.rollback()
        return _signups_page(request, session, owner, errors={signup_id: message_of(error, language_of(request))},
                             status_code=422)
    return back(f"/customers/{customer.id}?added=1")


@router.post("/signups/{signup_id}/refuse")
def refuse_signup(signup_id: RowId, session: SessionDep, owner: CurrentOwner) -> Response:
    """Delete a sign-up she does not want."""
    try:
        public.refuse_signup(session, shop_id=owner.shop_id, signup_id=signup_id, channel="web")
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    return back("/signups?done=refused")


@router.post("/customers/{customer_id}/personal-link")
def make_personal_link(request: Request, customer_id: RowId, session: SessionDep, owner: CurrentOwner) -> Response:
    """A new personal data link for her, shown on her page to hand over."""
    context = request.app.state.context
    try:
        customer = get_customer(session, shop_id=owner.shop_id, customer_id=customer_id)
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    path = public.personal_path(session, shop_id=owner.shop_id, customer=customer, now=context.now(), channel="web")
    return customer_page_for(request, session, owner, customer,
                             personal_url=str(request.base_url).rstrip("/") + path)


@router.post("/customers/{customer_id}/erase")
def confirm_erasure(request: Request, customer_id: RowId, session: SessionDep, owner: CurrentOwner) -> Response:
    """She asked to be erased and the owner confirms: the ordinary erase."""
    try:
        public.confirm_erasure(session, shop_id=owner.shop_id, customer_id=customer_id, channel="web",
                               data_dir=request.app.state.context.settings.data_dir)
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    return back("/signups?done=erased")


@router.post("/customers/{customer_id}/keep")
def decline_erasure(customer_id: RowId, session: SessionDep, owner: CurrentOwner) -> Response:
    """She changed her mind: the request goes, her data stays."""
    try:
        public.decline_erasure(session, shop_id=owner.shop_id, customer_id=customer_id, channel="web")
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    return back(f"/customers/{customer_id}?saved=1")
