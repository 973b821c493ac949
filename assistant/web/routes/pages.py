"""The owner's pages: Today, Customers, Greetings, Sales & stock, Import. Thin: every figure comes from
``assistant.shop``; a refused form is shown again with the message next to its field."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import Customer, Owner
from assistant.errors import AssistantError, ConsentRequired, Invalid, NotFound
from assistant.shop import dashboard, greetings
from assistant.shop.consent import consent_history, record_consent
from assistant.shop.customers import Birthday, birthday_of, get_customer, update_customer, validate_phone
from assistant.shop.importer import ImportRejected, import_csv
from assistant.shop.profile import customer_profile
from assistant.shop.reports import run_report
from assistant.shop.search import search_customers
from assistant.web.charts import bar_chart, rhythm_dots
from assistant.web.deps import CurrentOwner, SessionDep
from assistant.web.templating import templates

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)

CSV_FIELDS = ("customers", "products", "sales")
CsvUpload = Annotated[UploadFile | None, File()]


def _page(request: Request, name: str, owner: Owner, status_code: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(
        request, name, {"owner": owner, "nav": name.removesuffix(".html"), **context}, status_code=status_code
    )


def _back(path: str) -> Response:
    return RedirectResponse(path, status_code=303)


# ------------------------------------------------------------------------------------------------ today


def _today_page(
    request: Request,
    session: Session,
    owner: Owner,
    *,
    notices: dict[int, str] | None = None,
    status_code: int = 200,
) -> Response:
    report = run_report(session, "daily-tasks", shop_id=owner.shop_id, options={})
    return _page(
        request,
        "today.html",
        owner,
        status_code=status_code,
        report=report.to_json(),
        today=clock.today(),
        notices=notices or {},
    )


@router.get("/today")
def today_page(request: Request, session: SessionDep, owner: CurrentOwner) -> Response:
    """Today's service reminders with one-tap actions."""
    return _today_page(request, session, owner)


@router.post("/today/greet")
async def make_greeting(
    request: Request,
    session: SessionDep,
    owner: CurrentOwner,
    customer_id: int = Form(...),
    occasion: str = Form("生日"),
) -> Response:
    """Compose and speak a greeting for a customer on today's list; it waits in the greeting queue."""
    try:
        customer = get_customer(session, shop_id=owner.shop_id, customer_id=customer_id)
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    try:
        text = greetings.compose_greeting(session, customer=customer, occasion=occasion, language="zh")
        greeting = await greetings.make_composed_greeting(
            session,
            customer=customer,
            occasion=occasion,
            text=text,
            synthesizer=request.app.state.synthesizer,
            channel="web",
        )
    except ConsentRequired:
        session.rollback()
        message = (
            f"{customer.name}没有同意接收消息,先问问她/他 · {customer.name} has not agreed to "
            "receive messages: ask first, then record the consent on their page"
        )
        return _today_page(request, session, owner, notices={customer_id: message}, status_code=409)
    except AssistantError as error:
        session.rollback()
        return _today_page(request, session, owner, notices={customer_id: str(error)}, status_code=422)
    return _back(f"/greetings#greeting-{greeting.id}")


# -------------------------------------------------------------------------------------------- customers


@router.get("/customers")
def customers_page(request: Request, session: SessionDep, owner: CurrentOwner, q: str = "") -> Response:
    """Search customers by name, alias, pinyin initials or phone."""
    found = search_customers(session, shop_id=owner.shop_id, query=q)
    return _page(request, "customers.html", owner, q=q, customers=found)


def _customer_page(
    request: Request,
    session: Session,
    owner: Owner,
    customer: Customer,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    saved: bool = False,
    status_code: int = 200,
) -> Response:
    profile = customer_profile(session, customer=customer)
    visits = dashboard.customer_visits(session, customer_id=customer.id)
    return _page(
        request,
        "customer.html",
        owner,
        status_code=status_code,
        customer=customer,
        profile=profile,
        consents=consent_history(session, customer_id=customer.id),
        visits=visits,
        dots=rhythm_dots([v.day for v in visits], end=clock.today()),
        errors=errors or {},
        form=form or {},
        saved=saved,
    )


@router.get("/customers/{customer_id}")
def customer_page(
    request: Request, customer_id: int, session: SessionDep, owner: CurrentOwner, saved: bool = False
) -> Response:
    """A customer's profile, consent history, purchases and the edit form."""
    try:
        customer = get_customer(session, shop_id=owner.shop_id, customer_id=customer_id)
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    return _customer_page(request, session, owner, customer, saved=saved)


@router.post("/customers/{customer_id}")
def edit_customer(
    request: Request,
    customer_id: int,
    session: SessionDep,
    owner: CurrentOwner,
    phone: str = Form(""),
    birthday: str = Form(""),
    household: str = Form(""),
    add_tags: str = Form(""),
    remove_tags: str = Form(""),
    add_aliases: str = Form(""),
    add_note: str = Form(""),
    marketing_consent: str = Form("keep"),
) -> Response:
    """Save the edit form with the same validation the chat uses; a refused field is shown next to it."""
    try:
        customer = get_customer(session, shop_id=owner.shop_id, customer_id=customer_id)
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    form = {
        "phone": phone,
        "birthday": birthday,
        "household": household,
        "add_tags": add_tags,
        "remove_tags": remove_tags,
        "add_aliases": add_aliases,
        "add_note": add_note,
    }
    changed_phone = phone.strip() if phone.strip() != (customer.phone or "") else None
    changed_birthday = birthday.strip() if birthday.strip() != _birthday_text(customer) else None
    errors: dict[str, str] = {}
    # Check every field before writing, so the owner sees all her mistakes at once.
    for field, check in (
        ("phone", lambda: changed_phone and validate_phone(changed_phone)),
        ("birthday", lambda: changed_birthday and Birthday.parse(changed_birthday)),
    ):
        try:
            check()
        except Invalid as error:
            errors[error.field or field] = str(error)
    if changed_birthday == "":
        errors["birthday"] = "生日不能清空 · a birthday cannot be removed here; type the right one instead"
    if errors:
        return _customer_page(request, session, owner, customer, errors=errors, form=form, status_code=422)
    try:
        update_customer(
            session,
            customer,
            channel="web",
            phone=changed_phone,
            birthday=Birthday.parse(changed_birthday) if changed_birthday else None,
            household=household if household.strip() != (customer.household or "") else None,
            add_tags=_split(add_tags),
            remove_tags=_split(remove_tags),
            add_aliases=_split(add_aliases),
            add_note=add_note.strip() or None,
        )
        if marketing_consent in {"yes", "no"} and (marketing_consent == "yes") != bool(
            customer.marketing_consent
        ):
            record_consent(
                session,
                customer=customer,
                purpose="marketing",
                granted=marketing_consent == "yes",
                source="web",
                note="changed on the customer's page",
            )
    except Invalid as error:
        session.rollback()
        customer = get_customer(session, shop_id=owner.shop_id, customer_id=customer_id)
        return _customer_page(
            request,
            session,
            owner,
            customer,
            errors={error.field or "form": str(error)},
            form=form,
            status_code=422,
        )
    return _back(f"/customers/{customer_id}?saved=1")


def _birthday_text(customer: Customer) -> str:
    birthday = birthday_of(customer)
    return str(birthday) if birthday else ""


def _split(text: str) -> list[str]:
    """Tags and aliases typed as ``高血压, 素食`` or ``高血压|素食``."""
    return [
        part.strip()
        for part in text.replace(",", ",").replace("|", ",").replace("、", ",").split(",")
        if part.strip()
    ]


# -------------------------------------------------------------------------------------------- greetings


@router.get("/greetings")
def greetings_page(request: Request, session: SessionDep, owner: CurrentOwner) -> Response:
    """The greeting queue: waiting first, then the most recent sent or cancelled ones."""
    return _greetings_page(request, session, owner)


def _greetings_page(
    request: Request,
    session: Session,
    owner: Owner,
    *,
    notices: dict[int, str] | None = None,
    status_code: int = 200,
) -> Response:
    every = greetings.list_greetings(session, shop_id=owner.shop_id)
    waiting = [g for g in every if g.status == "waiting"]
    done = sorted(
        (g for g in every if g.status != "waiting"), key=lambda g: g.sent_at or g.created_at, reverse=True
    )[:20]
    return _page(
        request,
        "greetings.html",
        owner,
        status_code=status_code,
        waiting=waiting,
        done=done,
        notices=notices or {},
        occasion_label=greetings.occasion_label,
    )


@router.post("/greetings/{greeting_id}/sent")
def greeting_sent(
    request: Request, greeting_id: int, session: SessionDep, owner: CurrentOwner, insist: bool = Form(False)
) -> Response:
    """Mark a greeting sent (consent checked again; ``insist`` overrides and is logged)."""
    try:
        greetings.mark_sent(
            session, shop_id=owner.shop_id, greeting_id=greeting_id, channel="web", insist=insist
        )
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    except AssistantError as error:
        session.rollback()
        return _greetings_page(request, session, owner, notices={greeting_id: str(error)}, status_code=409)
    return _back("/greetings")


@router.post("/greetings/{greeting_id}/cancel")
def greeting_cancel(request: Request, greeting_id: int, session: SessionDep, owner: CurrentOwner) -> Response:
    """Cancel a waiting greeting."""
    try:
        greetings.cancel(session, shop_id=owner.shop_id, greeting_id=greeting_id, channel="web")
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    except AssistantError as error:
        session.rollback()
        return _greetings_page(request, session, owner, notices={greeting_id: str(error)}, status_code=409)
    return _back("/greetings")


# ------------------------------------------------------------------------------------------------ sales


@router.get("/sales")
def sales_page(request: Request, session: SessionDep, owner: CurrentOwner) -> Response:
    """Today's takings, the last eight weeks and every product's stock with its days of cover."""
    today = run_report(session, "sales", shop_id=owner.shop_id, options={}).to_json()
    weeks = dashboard.weekly_takings(session, shop_id=owner.shop_id)
    bars = bar_chart([(f"{w.start.month}/{w.start.day}", w.takings) for w in weeks])
    stock = [
        (item, dashboard.is_low(item)) for item in dashboard.stock_overview(session, shop_id=owner.shop_id)
    ]
    return _page(request, "sales.html", owner, sales=today, weeks=weeks, bars=bars, stock=stock)


# ----------------------------------------------------------------------------------------------- import


@router.get("/import")
def import_page(request: Request, owner: CurrentOwner) -> Response:
    """The upload form for the contract's three CSV files."""
    return _page(request, "import.html", owner, errors={}, report=None)


@router.post("/import")
async def import_upload(
    request: Request,
    session: SessionDep,
    owner: CurrentOwner,
    customers: CsvUpload = None,
    products: CsvUpload = None,
    sales: CsvUpload = None,
) -> Response:
    """Import the uploaded files with the command line's checks: one bad row and nothing is written."""
    uploads = {"customers": customers, "products": products, "sales": sales}
    limit = request.app.state.settings.max_upload_bytes
    errors: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="zhanggui-import-") as folder:
        paths: dict[str, Path] = {}
        for field, upload in uploads.items():
            if upload is None or not upload.filename:
                continue
            data = await upload.read(limit + 1)
            if len(data) > limit:
                errors[field] = [
                    f"文件太大 · the file is over {limit // (1024 * 1024)} MB; split it and upload "
                    "the parts one after another"
                ]
                continue
            paths[field] = Path(folder) / f"{field}.csv"
            paths[field].write_bytes(data)
        if not paths and not errors:
            errors["form"] = ["请选择至少一个文件 · choose at least one CSV file to import"]
        if errors:
            return _page(request, "import.html", owner, status_code=422, errors=errors, report=None)
        try:
            # One transaction for all files: a bad row anywhere leaves the shop exactly as it was.
            report = import_csv(session, shop_id=owner.shop_id, channel="web", **paths)
        except ImportRejected as rejected:
            session.rollback()
            field = rejected.file.removesuffix(".csv")
            errors[field if field in CSV_FIELDS else "form"] = [
                f"第{p.line}行 line {p.line}" + (f" ({p.column})" if p.column else "") + f": {p.reason}"
                for p in rejected.problems
            ]
            if rejected.total > len(rejected.problems):
                errors[field].append(f"… and {rejected.total - len(rejected.problems)} more")
            return _page(request, "import.html", owner, status_code=422, errors=errors, report=None)
        except Invalid as error:
            session.rollback()
            return _page(
                request, "import.html", owner, status_code=422, errors={"form": [str(error)]}, report=None
            )
    return _page(request, "import.html", owner, errors={}, report=report)
