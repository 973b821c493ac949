"""The action that asks each report again, for an elliptical follow-up ("昨天呢", "高筋面粉呢")."""

from __future__ import annotations

from actions.commission import ActionCommission
from actions.common import ShopAction
from actions.customer_lists import ActionArrivalTargets, ActionBirthdays, ActionInactive
from actions.reports import (
    ActionReorder,
    ActionRestockDue,
    ActionSalesSummary,
    ActionStock,
)
from actions.top_customers import TopCustomersAgain

ACTIONS_BY_REPORT: dict[str, type[ShopAction] | type[TopCustomersAgain]] = {
    "restock-due": ActionRestockDue, "birthdays": ActionBirthdays, "inactive": ActionInactive,
    "arrival-targets": ActionArrivalTargets, "sales": ActionSalesSummary, "reorder": ActionReorder,
    "stock": ActionStock, "commissions": ActionCommission, "top-customers": TopCustomersAgain,
}
