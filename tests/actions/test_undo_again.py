""""撤销" said again after an undo: the entry before it that still stands is offered, never taken back
without a yes (owner trial 13, A1: it said nothing had been recorded in this conversation)."""

from __future__ import annotations

import asyncio
import inspect
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from actions.confirm import ActionAffirm
from actions.sales import ActionProposeSale, ActionProposeUndo
from actions.stock import ActionProposeStockIn
from assistant.brain.proposals.undo import writes_so_far
from assistant.db import session_scope
from assistant.db.models import Product
from assistant.shop.sales_query import active_sale_items


class _Recorded:
    """An action run with the conversation's events so far in its tracker (as the action server gets them);
    the events it returns are added to them."""

    def __init__(self, action: Any, log: list[dict[str, Any]]) -> None:
        self.action, self.log = action, log

    def run(self, dispatcher: Any, tracker: Any, domain: dict[str, Any]) -> list[dict[str, Any]]:
        tracker.events = list(self.log)
        events = self.action.run(dispatcher, tracker, domain)
        if inspect.iscoroutine(events):
            events = asyncio.run(events)
        self.log.extend(events or [])
        return events


def _sales(engine) -> int:
    with session_scope(engine) as session:
        return session.execute(select(func.count()).select_from(active_sale_items().subquery())).scalar()


def _oil(engine) -> Decimal:
    with session_scope(engine) as session:
        return session.execute(select(Product.stock).where(Product.name == "花生油")).scalar()


def test_undo_said_again_offers_the_entry_before_and_takes_it_back_only_on_yes(shop_db, conversation,
                                                                                 shop_context):
    log: list[dict[str, Any]] = []

    def run(action, **kwargs: Any) -> list[str]:
        return conversation.run(_Recorded(action(shop_context), log), **kwargs)

    run(ActionProposeSale, sale_customer="王阿姨", sale_product="东北大米", sale_quantity="2", sale_unit="袋")
    run(ActionAffirm, intent="affirm")
    oil = _oil(shop_db)
    run(ActionProposeStockIn, intent="log_stock_in", entities={"product": "花生油", "quantity": "10", "unit": "桶"})
    run(ActionAffirm, intent="affirm")
    assert run(ActionProposeUndo, intent="undo_last")[0].startswith("撤销刚才那笔(花生油")
    assert run(ActionAffirm, intent="affirm") == ["已撤销。"]
    assert _oil(shop_db) == oil

    again = run(ActionProposeUndo, intent="undo_last")
    assert again[0].startswith("刚才那笔已经撤销了。把再往前那笔也撤销(王秀英 买 东北大米 2袋")
    assert _sales(shop_db) == 1  # offered, not done
    assert run(ActionAffirm, intent="affirm") == ["已撤销。"]
    assert _sales(shop_db) == 0
    assert run(ActionProposeUndo, intent="undo_last") == ["这次对话记的都已经撤销了,没有别的可撤销的。"]


def test_nothing_written_yet_is_still_said_so(shop_db, conversation, shop_context):
    said = conversation.run(_Recorded(ActionProposeUndo(shop_context), []), intent="undo_last")
    assert said == ["这次对话还没记过东西,没有可撤销的。"]


def test_writes_so_far_follow_the_slots_an_undo_clears():
    first = {"kind": "sale", "id": "a", "data": {}, "written": {"sale_id": 1}}
    second = {"kind": "stock_in", "id": "b", "data": {}, "written": {"movement_id": 2}}
    undo_b = {"kind": "undo", "id": "u", "data": {"target": second}, "written": None}
    events = [{"event": "slot", "name": "last_write", "value": first},
              {"event": "slot", "name": "last_write", "value": second},
              {"event": "slot", "name": "pending", "value": undo_b},
              {"event": "slot", "name": "pending", "value": None},
              {"event": "slot", "name": "last_write", "value": None}]
    so_far = writes_so_far(events)
    assert [entry["id"] for entry in so_far.standing] == ["a"] and so_far.undone == 1
    assert writes_so_far([*events, {"event": "restart"}]).standing == []
    # an undo offered and refused takes nothing back
    assert [e["id"] for e in writes_so_far(events[:4]).standing] == ["a", "b"]
