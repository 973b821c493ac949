"""The shop's knowledge (CONTRACT §6): one function per report, and one registry every door calls.

The command line (``assistant report NAME``), the web API (``GET /api/reports/NAME``) and the chat all go
through ``run_report`` (or the report functions themselves) and ``summarise``, so they cannot disagree::

    report = run_report(session, "restock-due", shop_id=shop_id, options={"product": "米"})
    report.to_json()               # {"report": "restock-due", ..., "count": 3, "items": [...]}
    summarise(report, "zh")        # "该补米的有3位:王秀英(15号左右)、..."
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from assistant.errors import Invalid
from assistant.shop.reports._common import Report
from assistant.shop.reports.arrivals import ArrivalReport, arrival_targets
from assistant.shop.reports.birthdays import PERIODS, BirthdayReport, birthdays
from assistant.shop.reports.campaigns import CampaignReport, campaigns
from assistant.shop.reports.commissions import CommissionReport, commissions
from assistant.shop.reports.credit import CreditReport, credit
from assistant.shop.reports.daily_tasks import DailyTasksReport, daily_tasks
from assistant.shop.reports.inactive import InactiveReport, inactive
from assistant.shop.reports.lists import ListPlace, ListReport, continue_list, page
from assistant.shop.reports.reorder import ReorderReport, StockReport, reorder, stock
from assistant.shop.reports.restock import RestockReport, restock_due
from assistant.shop.reports.sales import SalesReport, sales_summary
from assistant.shop.reports.tagged import TaggedReport, tagged
from assistant.shop.reports.top_customers import TopCustomersReport, top_customers


@dataclass(frozen=True)
class Option:
    """An option a report takes: its name outside (``--from``, ``?from=``) and the function's argument."""

    name: str
    argument: str
    help: str
    required: bool = False
    choices: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ReportSpec:
    """A report by name: the function that computes it and the options it accepts."""

    name: str
    function: Callable[..., Report]
    help: str
    options: tuple[Option, ...] = ()


_PRODUCT = "a product name, alias or category (e.g. 米)"
REPORTS: dict[str, ReportSpec] = {
    spec.name: spec
    for spec in (
        ReportSpec(
            "restock-due",
            restock_due,
            "customers due to buy a product again",
            (
                Option("product", "product", _PRODUCT),
                Option("from", "start", "first day (YYYY-MM-DD, default today)"),
                Option("to", "end", "last day (YYYY-MM-DD, default six days after --from)"),
            ),
        ),
        ReportSpec(
            "birthdays",
            birthdays,
            "birthdays today, this week or this month (solar and lunar)",
            (
                Option("period", "period", "today, week (the coming 7 days) or month", choices=PERIODS),
                Option("day", "day", "one day instead of a period (YYYY-MM-DD)"),
                Option("month", "month", "one calendar month instead of a period (YYYY-MM)"),
            ),
        ),
        ReportSpec(
            "inactive",
            inactive,
            "regulars who have not come for a while",
            (
                Option("days", "days", "last visit more than this many days ago (default 30)"),
                Option("win-back", "win_back", "yes: only the win-back list (Today's cards: away at most 60 "
                       "days, and the forecast takes them to have lapsed)", choices=("yes", "no")),
            ),
        ),
        ReportSpec(
            "arrival-targets",
            arrival_targets,
            "who to tell that a product arrived",
            (Option("product", "product", _PRODUCT, required=True),),
        ),
        ReportSpec("reorder", reorder, "products under 7 days of cover, with what to order"),
        ReportSpec(
            "stock",
            stock,
            "stock and days of cover of a product",
            (Option("product", "product", _PRODUCT, required=True),),
        ),
        ReportSpec(
            "sales",
            sales_summary,
            "takings and volumes for a period",
            (
                Option("from", "start", "first day (YYYY-MM-DD, default today)"),
                Option("to", "end", "last day (YYYY-MM-DD, default today)"),
                Option("product", "product", _PRODUCT),
            ),
        ),
        ReportSpec("daily-tasks", daily_tasks, "today's service reminders"),
        ReportSpec("campaigns", campaigns, "which promotion brought customers back"),
        ReportSpec(
            "commissions",
            commissions,
            "group leaders' referral commission for a month",
            (Option("month", "month", "YYYY-MM (default this month)"),),
        ),
        ReportSpec("credit", credit, "customers with a balance on their tab: how much, since when, last payment"),
        ReportSpec(
            "tagged",
            tagged,
            "customers noted with a tag (高血压, 花生过敏, 有小孩, 素食), the most recent visit first",
            (Option("tag", "tag", "the tag as said: 高血压, 血压高, 吃素, peanut allergy", required=True),),
        ),
        ReportSpec(
            "top-customers",
            top_customers,
            "customers by what they spent in a period (amount, visits), the biggest spender first",
            (
                Option("from", "start", "first day (YYYY-MM-DD, default the 1st of this month)"),
                Option("to", "end", "last day (YYYY-MM-DD, default today; never past today)"),
            ),
        ),
    )
}


def run_report(
    session: Session, name: str, *, shop_id: int, options: Mapping[str, str | None] | None = None
) -> Report:
    """Compute report ``name`` with ``options`` given by their outside names (strings, as typed)."""
    spec = REPORTS.get(name)
    if spec is None:
        raise Invalid(f"no report called {name!r}; the reports are {', '.join(REPORTS)}", field="report")
    given = {k: v for k, v in (options or {}).items() if v not in (None, "")}
    known = {o.name for o in spec.options}
    unknown = sorted(set(given) - known)
    if unknown:
        raise Invalid(
            f"report {name} takes no option {', '.join(unknown)}; it takes "
            f"{', '.join(sorted(known)) or 'none'}",
            field=unknown[0],
        )
    arguments = {}
    for option in spec.options:
        value = given.get(option.name)
        if value is None:
            if option.required:
                raise Invalid(f"report {name} needs --{option.name}: {option.help}", field=option.name)
            continue
        if option.choices and value not in option.choices:
            raise Invalid(
                f"--{option.name} {value!r} is not one of {', '.join(option.choices)}", field=option.name
            )
        arguments[option.argument] = value
    return spec.function(session, shop_id=shop_id, **arguments)


def summarise(report: Report, lang: str = "zh") -> str:
    """The short spoken answer for any report, in ``zh`` or ``en``."""
    return report.summary(lang)


__all__ = [
    "REPORTS",
    "ArrivalReport",
    "BirthdayReport",
    "CampaignReport",
    "CommissionReport",
    "CreditReport",
    "DailyTasksReport",
    "InactiveReport",
    "ListPlace",
    "ListReport",
    "Option",
    "ReorderReport",
    "Report",
    "ReportSpec",
    "RestockReport",
    "SalesReport",
    "StockReport",
    "TaggedReport",
    "TopCustomersReport",
    "arrival_targets",
    "birthdays",
    "campaigns",
    "commissions",
    "continue_list",
    "credit",
    "daily_tasks",
    "inactive",
    "page",
    "reorder",
    "restock_due",
    "run_report",
    "sales_summary",
    "stock",
    "summarise",
    "tagged",
    "top_customers",
]
