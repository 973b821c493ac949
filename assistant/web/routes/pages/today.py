"""Today: the day's to-do list (call, greet, done, later) and making a birthday greeting from it."""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from assistant.db.models import Owner
from assistant.errors import AssistantError, ConsentRequired, Invalid, NotFound
from assistant.shop import greetings
from assistant.shop.customers import get_customer
from assistant.shop.public import waiting_for_owner
from assistant.shop.todo import todays_tasks
from assistant.web.deps import CurrentOwner, FormRowId, SessionDep
from assistant.web.i18n import language_of
from assistant.web.routes.pages.common import back, page, t_for

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)
LABELS = {
    "arrival": ("到货了", "Arrived"), "birthday": ("生日", "Birthday"), "restock": ("该补货了", "Due to restock"),
    "win_back": ("最近不来了", "Win back"), "reorder": ("库存不足", "Low stock"), "greeting": ("祝福待发", "Greeting waiting"),
    "credit": ("赊账", "Tab unpaid"),
}


def _today_page(request: Request, session: Session, owner: Owner, *, notices: dict[int, str] | None = None,
                status_code: int = 200) -> Response:
    today = request.app.state.context.today()
    tasks = todays_tasks(session, shop_id=owner.shop_id, today=today)
    counts: dict[str, int] = {}
    for task in tasks:
        counts[task.kind] = counts.get(task.kind, 0) + 1
    return page(request, "today.html", owner, status_code=status_code, tasks=tasks, counts=counts,
                labels=LABELS, today=today, notices=notices or {},
                waiting=waiting_for_owner(session, shop_id=owner.shop_id))


@router.get("/today")
def today_page(request: Request, session: SessionDep, owner: CurrentOwner) -> Response:
    """Today's to-do list with one-tap actions."""
    return _today_page(request, session, owner)


@router.post("/today/greet")
async def make_greeting(request: Request, session: SessionDep, owner: CurrentOwner,
                        customer_id: FormRowId, occasion: str = Form("生日")) -> Response:
    """Compose and speak a greeting for a customer on today's list; it waits in the greeting queue."""
    t = t_for(request)
    try:
        customer = get_customer(session, shop_id=owner.shop_id, customer_id=customer_id)
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    language = language_of(request)
    try:
        context = request.app.state.context
        text = greetings.compose_greeting(session, customer=customer, occasion=occasion, language=language,
                                          today=context.today())
        greeting = await greetings.make_composed_greeting(
            session, customer=customer, occasion=occasion, text=text,
            synthesizer=request.app.state.synthesizer, channel="web",
            data_dir=context.settings.data_dir, now=context.now(),
        )
    except ConsentRequired:
        session.rollback()
        message = t(f"{customer.name}还没同意接收消息:先问问,再在顾客页上记下同意",
                    f"{customer.name} has not agreed to receive messages: ask first, then record it on their page")
        return _today_page(request, session, owner, notices={customer_id: message}, status_code=409)
    except Invalid as error:  # e.g. this year's birthday greeting is made already
        session.rollback()
        return _today_page(request, session, owner, notices={customer_id: t(error.zh or str(error), str(error))},
                           status_code=422)
    except AssistantError as error:
        session.rollback()
        return _today_page(request, session, owner, notices={customer_id: str(error)}, status_code=422)
    return back(f"/greetings#greeting-{greeting.id}")
