"""The customer a follow-up means: the current one for "她" (or nothing named at all, where allowed),
never when a name is said; a list of one makes her current, a list of several nobody."""

import json
from dataclasses import dataclass

from assistant.brain.current_customer import CurrentCustomer, after_list, customers_listed, meant_customer

WANG = CurrentCustomer(id=3, name="王秀英")


def test_she_means_the_current_customer():
    assert meant_customer("她电话多少", WANG.to_slot(), named=False) == WANG
    assert meant_customer("what's her number", WANG.to_slot(), named=False) == WANG


def test_a_name_said_wins_over_the_current_customer():
    assert meant_customer("她和李叔谁欠得多", WANG.to_slot(), named=True) is None


def test_nobody_current_means_nobody():
    assert meant_customer("她电话多少", None, named=False) is None
    assert meant_customer("她电话多少", {"kind": "choose"}, named=False) is None  # not a customer


def test_a_message_naming_nobody_means_her_only_where_allowed():
    assert meant_customer("上次什么时候来的", WANG.to_slot(), named=False) is None
    assert meant_customer("上次什么时候来的", WANG.to_slot(), named=False, unnamed_means_her=True) == WANG


def test_the_slot_value_survives_json():
    assert CurrentCustomer.from_slot(json.loads(json.dumps(WANG.to_slot()))) == WANG


@dataclass
class _Item:
    customer_id: int | None
    customer: str | None


@dataclass
class _Product:
    product: str


def test_a_list_of_one_customer_makes_her_current():
    listed = customers_listed([_Item(7, "邓海"), _Item(7, "邓海")])  # one customer, twice
    assert after_list(listed) == (True, CurrentCustomer(7, "邓海"))


def test_a_list_of_several_leaves_nobody_current():
    assert after_list(customers_listed([_Item(7, "邓海"), _Item(3, "王秀英")])) == (True, None)


def test_a_product_list_or_an_empty_one_changes_nothing():
    assert after_list(customers_listed([_Product("鸡蛋"), _Item(None, None)])) == (False, None)
    assert after_list(customers_listed([])) == (False, None)


def test_an_elliptical_fact_of_hers():
    from assistant.brain.current_customer import asks_her_fact

    for text in ("她电话呢", "她 电话 呢", "那他生日呢", "and her phone?", "what about his birthday"):
        assert asks_her_fact(text), text
    for text in ("那李叔呢", "她电话多少", "电话呢", "and last month?", "还有呢"):
        assert not asks_her_fact(text), text
