"""``GET /api/reports/NAME``: the machine-readable answers of CONTRACT §6 (same code as the chat)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request

from assistant.errors import AssistantError, Invalid
from assistant.shop.reports import REPORTS, run_report
from assistant.web.deps import CurrentOwner, SessionDep

router = APIRouter(prefix="/api/reports", tags=["reports"])


@router.get("")
def list_reports(_owner: CurrentOwner) -> dict[str, Any]:
    """The reports and the options each takes."""
    return {"reports": [{"name": spec.name, "help": spec.help,
                         "options": [{"name": o.name, "help": o.help} for o in spec.options]}
                        for spec in REPORTS.values()]}


@router.get("/{name}")
def report(name: str, request: Request, session: SessionDep, owner: CurrentOwner) -> dict[str, Any]:
    """One report; query parameters are its options (``?product=米&from=2026-03-01``)."""
    if name not in REPORTS:
        raise HTTPException(404, f"no report called {name!r}; the reports are {', '.join(REPORTS)}")
    options = {k: v for k, v in request.query_params.items() if k != "token"}
    try:
        return run_report(session, name, shop_id=owner.shop_id, options=options).to_json()
    except Invalid as error:
        raise HTTPException(422, {"message": str(error), "field": error.field}) from error
    except AssistantError as error:
        raise HTTPException(400, str(error)) from error
