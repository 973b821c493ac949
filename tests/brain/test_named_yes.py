""""好,李叔那笔记上吧" after a question asked meanwhile is a yes to 李建国's waiting tab; another name is none."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from assistant.brain.proposals import CreditProposal
from assistant.brain.waiting_write import named_yes_to_waiting
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import Customer


@pytest.fixture(scope="module")
def context(read_only_demo):
    return ShopContext.build(engine=read_only_demo)


def _tab_for(read_only_demo, name: str) -> dict:
    with session_scope(read_only_demo) as session:
        customer_id = session.execute(select(Customer.id).where(Customer.name == name)).scalar_one()
    return CreditProposal(language="zh", customer_id=customer_id, customer_name=name, amount="118").to_slot()


@pytest.mark.parametrize(("text", "yes"), [("好,李叔那笔记上吧", True), ("行 李 叔 那 笔 记 上", True),
                                           ("好,张姐那笔记上吧", False), ("李叔欠多少", False)])
def test_a_yes_by_the_read_backs_customer(read_only_demo, context, text, yes):
    assert named_yes_to_waiting(context, _tab_for(read_only_demo, "李建国"), text) is yes


def test_nothing_waiting_is_no_yes(context):
    assert not named_yes_to_waiting(context, None, "好,李叔那笔记上吧")
