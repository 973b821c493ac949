"""Customers: search and filters, adding one, a customer's profile and the edit form. A refused form is
shown again with every problem listed at the top and each one by its field, in her language."""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Owner, Shop
from assistant.errors import Invalid, NotFound
from assistant.shop import dashboard
from assistant.shop.consent import consent_history, record_consent
from assistant.shop.customer_filters import FILTERS, find_customers, shop_tags
from assistant.shop.customers import (
    Birthday,
    add_customer,
    birthday_of,
    get_customer,
    update_customer,
    validate_name,
    validate_phone,
)
from assistant.shop.profile import customer_profile
from assistant.shop.public import PERSONAL_DAYS, erasure_request
from assistant.web.charts import rhythm_dots
from assistant.web.deps import CurrentOwner, RowId, SessionDep
from assistant.web.i18n import language_of
from assistant.web.routes.pages.common import back, message_of, page, split_list, t_for

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)


@router.get("/customers")
def customers_page(request: Request, session: SessionDep, owner: CurrentOwner, q: str = "", show: str = "",
                   tag: str = "") -> Response:
    """Search customers by name, alias, pinyin initials or phone; filter by due, away, birthday, tag."""
    found = find_customers(session, shop_id=owner.shop_id, query=q, show=show if show in FILTERS else "",
                           tag=tag, today=request.app.state.context.today())
    return page(request, "customers.html", owner, q=q, show=show, tag=tag, customers=found,
                tags=shop_tags(session, shop_id=owner.shop_id))


def _checked(request: Request, checks: dict[str, object]) -> dict[str, str]:
    """Run each field's check; every refusal in the owner's language, so she sees all her mistakes at once."""
    language = language_of(request)
    errors: dict[str, str] = {}
    for field, check in checks.items():
        try:
            check()  # type: ignore[operator]
        except Invalid as error:
            errors[error.field or field] = message_of(error, language)
    return errors


@router.get("/customers/new")
def newcustomer_page_for(request: Request, owner: CurrentOwner) -> Response:
    """The form to add a customer."""
    return page(request, "customer_new.html", owner, errors={}, form={})


@router.post("/customers/new")
def new_customer(request: Request, session: SessionDep, owner: CurrentOwner, name: str = Form(""),
                 phone: str = Form(""), birthday: str = Form(""), household: str = Form(""),
                 tags: str = Form(""), notes: str = Form(""), marketing_consent: str = Form("")) -> Response:
    """Add a customer with the chat's validation; a refused field is shown at the top and next to it."""
    form = {"name": name, "phone": phone, "birthday": birthday, "household": household, "tags": tags,
            "notes": notes, "marketing_consent": marketing_consent}
    errors = _checked(request, {
        "name": lambda: validate_name(name),
        "phone": lambda: phone.strip() and validate_phone(phone),
        "birthday": lambda: birthday.strip() and Birthday.parse(birthday),
    })
    if not errors:
        try:
            customer = add_customer(
                session, shop_id=owner.shop_id, name=name, channel="web", phone=phone.strip() or None,
                birthday=Birthday.parse(birthday) if birthday.strip() else None, household=household.strip(),
                notes=notes.strip(), tags=split_list(tags),
                marketing_consent={"yes": True, "no": False}.get(marketing_consent),
            )
            session.flush()
        except Invalid as error:
            session.rollback()
            errors = {error.field or "form": message_of(error, language_of(request))}
    if errors:
        return page(request, "customer_new.html", owner, status_code=422, errors=errors, form=form)
    return back(f"/customers/{customer.id}?added=1")


def customer_page_for(request: Request, session: Session, owner: Owner, customer: Customer, *,
                      errors: dict[str, str] | None = None, form: dict[str, str] | None = None,
                      notice: str = "", status_code: int = 200, personal_url: str = "") -> Response:
    """Her page: profile, tab, consents, her personal link when one was just made, her erasure request."""
    today = request.app.state.context.today()
    profile = customer_profile(session, customer=customer, today=today)
    visits = dashboard.customer_visits(session, customer_id=customer.id)
    return page(request, "customer.html", owner, status_code=status_code, customer=customer, profile=profile,
                consents=consent_history(session, customer_id=customer.id), visits=visits,
                dots=rhythm_dots([v.day for v in visits], end=today), errors=errors or {},
                form=form or {}, notice=notice, personal_url=personal_url, personal_days=PERSONAL_DAYS,
                shop_name=session.get(Shop, owner.shop_id).name,
                erasure=erasure_request(session, customer_id=customer.id))


@router.get("/customers/{customer_id}")
def customer_page(request: Request, customer_id: RowId, session: SessionDep, owner: CurrentOwner,
                  saved: bool = False, added: bool = False) -> Response:
    """A customer's profile, consent history, purchases and the edit form."""
    t = t_for(request)
    try:
        customer = get_customer(session, shop_id=owner.shop_id, customer_id=customer_id)
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    notice = t("已添加", "Added") if added else t("已保存", "Saved") if saved else ""
    return customer_page_for(request, session, owner, customer, notice=notice)


@router.post("/customers/{customer_id}")
def edit_customer(request: Request, customer_id: RowId, session: SessionDep, owner: CurrentOwner,
                  phone: str = Form(""), birthday: str = Form(""), household: str = Form(""),
                  add_tags: str = Form(""), remove_tags: str = Form(""), add_aliases: str = Form(""),
                  add_note: str = Form(""), marketing_consent: str = Form("keep")) -> Response:
    """Save the edit form with the same validation the chat uses; a refused field is shown by it."""
    t = t_for(request)
    try:
        customer = get_customer(session, shop_id=owner.shop_id, customer_id=customer_id)
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    form = {"phone": phone, "birthday": birthday, "household": household, "add_tags": add_tags,
            "remove_tags": remove_tags, "add_aliases": add_aliases, "add_note": add_note}
    changed_phone = phone.strip() if phone.strip() != (customer.phone or "") else None
    changed_birthday = birthday.strip() if birthday.strip() != _birthday_text(customer) else None
    errors = _checked(request, {
        "phone": lambda: changed_phone and validate_phone(changed_phone),
        "birthday": lambda: changed_birthday and Birthday.parse(changed_birthday),
    })
    if changed_birthday == "":
        errors["birthday"] = t("生日不能清空,请写上对的生日", "A birthday cannot be removed here: type the right one")
    if errors:
        return customer_page_for(request, session, owner, customer, errors=errors, form=form, status_code=422)
    try:
        update_customer(
            session, customer, channel="web", phone=changed_phone,
            birthday=Birthday.parse(changed_birthday) if changed_birthday else None,
            household=household if household.strip() != (customer.household or "") else None,
            add_tags=split_list(add_tags), remove_tags=split_list(remove_tags),
            add_aliases=split_list(add_aliases), add_note=add_note.strip() or None,
        )
        if marketing_consent in {"yes", "no"} and (marketing_consent == "yes") != bool(customer.marketing_consent):
            record_consent(session, customer=customer, purpose="marketing", granted=marketing_consent == "yes",
                           source="web", note="changed on the customer's page")
    except Invalid as error:
        session.rollback()
        customer = get_customer(session, shop_id=owner.shop_id, customer_id=customer_id)
        return customer_page_for(request, session, owner, customer,
                              errors={error.field or "form": message_of(error, language_of(request))},
                              form=form, status_code=422)
    return back(f"/customers/{customer_id}?saved=1")


def _birthday_text(customer: Customer) -> str:
    birthday = birthday_of(customer)
    return str(birthday) if birthday else ""
