""""店里一共有多少顾客": the shop's customers, and the regulars among them."""

from __future__ import annotations

from assistant.shop.headcount import Headcount, headcount


def test_the_shop_counts_its_customers(shop_context):
    with shop_context.session() as session:
        counted = headcount(session, shop_id=shop_context.shop_id)
    assert counted == Headcount(customers=3, regulars=0)  # the fixture's three, none with a visit yet


def test_the_count_is_said_with_its_regulars():
    said = Headcount(customers=80, regulars=62)
    assert said.summary("zh") == "店里一共有80位顾客,其中常来的老顾客(来过3天以上)62位。"
    assert said.summary("en").startswith("The shop has 80 customers on record; 62 of them are regulars")
