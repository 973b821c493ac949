"""Sales & stock: today's takings, the sales of the last days with undo, eight weeks, every product's cover."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from assistant.errors import Invalid, NotFound
from assistant.shop import dashboard
from assistant.shop.reports import run_report
from assistant.shop.sales import void_sale
from assistant.web.charts import bar_chart
from assistant.web.deps import CurrentOwner, SessionDep
from assistant.web.routes.pages.common import back, page, t_for

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)
RECENT_DAYS = 7


@router.get("/sales")
def sales_page(request: Request, session: SessionDep, owner: CurrentOwner, undone: int | None = None) -> Response:
    """Today's takings, the last week's sales (each with undo), eight weeks and the stock."""
    t = t_for(request)
    today = run_report(session, "sales", shop_id=owner.shop_id, options={}).to_json()
    weeks = dashboard.weekly_takings(session, shop_id=owner.shop_id)
    bars = bar_chart([(f"{w.start.month}/{w.start.day}", w.takings) for w in weeks])
    stock = [(item, dashboard.is_low(item)) for item in dashboard.stock_overview(session, shop_id=owner.shop_id)]
    day = request.app.state.context.today()
    since = day - dt.timedelta(days=RECENT_DAYS - 1)
    recent = dashboard.recent_sales(session, shop_id=owner.shop_id, since=since)
    notice = t(f"已撤销第{undone}笔", f"Sale {undone} taken back") if undone else ""
    return page(request, "sales.html", owner, sales=today, weeks=weeks, bars=bars, stock=stock, recent=recent,
                today=day, notice=notice)


@router.post("/sales/{sale_id}/undo")
def undo_sale(request: Request, sale_id: int, session: SessionDep, owner: CurrentOwner) -> Response:
    """Take a sale back (a void row; its goods return to stock), as "撤销刚才那笔" does in the chat."""
    try:
        void_sale(session, shop_id=owner.shop_id, sale_id=sale_id, channel="web")
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    except Invalid:
        session.rollback()  # already taken back: nothing to do, the list shows it
    return back(f"/sales?undone={sale_id}#recent")
