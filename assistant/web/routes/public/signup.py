"""The counter's sign-up page (``/join/TOKEN``, what the printed QR code opens): her own details and her
consent per purpose; it waits for the owner to confirm (``shop.public.signup``)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from assistant.db.models import Shop
from assistant.errors import Invalid, NotFound
from assistant.shop import public
from assistant.web.deps import SessionDep
from assistant.web.routes.pages.common import message_of
from assistant.web.routes.public.common import language_of, not_found, public_page

router = APIRouter()


def _form_page(request: Request, session: SessionDep, token: str, language: str, *, form: dict[str, str],
               errors: dict[str, str], status_code: int = 200) -> Response:
    context = request.app.state.context
    link = f"/join/{token}"
    return public_page(request, "signup.html", language, status_code=status_code, link=link, form=form,
                       errors=errors, form_token=public.form_token(session, shop_id=context.shop_id, link=link,
                                                                     now=context.now()),
                       shop_name=_shop_name(session, context.shop_id))


def _shop_name(session: SessionDep, shop_id: int) -> str:
    return session.get(Shop, shop_id).name


def _check_link(request: Request, session: SessionDep, token: str) -> None:
    context = request.app.state.context
    try:
        public.check_signup_link(session, shop_id=context.shop_id, token=token, now=context.now())
    except NotFound:
        raise not_found() from None


@router.get("/join/{token}")
def signup_page(request: Request, token: str, session: SessionDep, thanks: bool = False) -> Response:
    """The sign-up form, or the thanks after it was sent."""
    _check_link(request, session, token)
    language = language_of(request)
    if thanks:
        return public_page(request, "signup_thanks.html", language, link=f"/join/{token}",
                           shop_name=_shop_name(session, request.app.state.context.shop_id))
    return _form_page(request, session, token, language, form={}, errors={})


@router.post("/join/{token}")
def signup_send(request: Request, token: str, session: SessionDep, form_token: str = Form(""),
                name: str = Form(""), phone: str = Form(""), birthday: str = Form(""), calendar: str = Form("solar"),
                household: str = Form(""), sensitive_notes: str = Form(""), marketing: str = Form(""),
                sensitive: str = Form(""), lang: str = Form("zh")) -> Response:
    """Keep her sign-up for the owner; a refused field is shown by it, in her language."""
    _check_link(request, session, token)
    language = "en" if lang == "en" else "zh"
    context = request.app.state.context
    fields = {"name": name, "phone": phone, "birthday": birthday, "calendar": calendar, "household": household,
              "sensitive_notes": sensitive_notes, "marketing": marketing, "sensitive": sensitive}
    signup = public.SignupForm(name=name, phone=phone, birthday=birthday, lunar=calendar == "lunar",
                               household=household, sensitive_notes=sensitive_notes,
                               marketing_consent=marketing == "yes", sensitive_consent=sensitive == "yes",
                               language=language)
    try:
        public.check_form_token(session, shop_id=context.shop_id, link=f"/join/{token}", token=form_token,
                                now=context.now())
        public.submit_signup(session, shop_id=context.shop_id, form=signup, now=context.now())
    except public.SignupInvalid as refused:
        errors = {field: message_of(problem, language) for field, problem in refused.problems.items()}
        return _form_page(request, session, token, language, form=fields, errors=errors, status_code=422)
    except Invalid as refused:
        return _form_page(request, session, token, language, form=fields,
                          errors={"form": message_of(refused, language)}, status_code=422)
    suffix = "&lang=en" if language == "en" else ""
    return RedirectResponse(f"/join/{token}?thanks=1{suffix}", status_code=303)
