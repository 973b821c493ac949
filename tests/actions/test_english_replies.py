"""English replies are fully English (issue 13 item 8): names, units, tags, plurals, "which one?" questions."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from actions.credit import ActionBalance
from actions.greetings import ActionGreetings
from assistant.brain.proposals import SaleProposal, StockInProposal
from assistant.brain.resolution import lookup_customer, lookup_product
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import Customer
from assistant.language.wording import person_name
from assistant.shop.credit import charge
from assistant.shop.greetings import create_greeting
from assistant.shop.shops import default_shop_id

CHINESE = re.compile(r"[\u4e00-\u9fff]")
NOW = dt.datetime(2026, 3, 15, 9, 0)


@pytest.fixture
def shop_context(demo):
    return ShopContext.build(engine=demo)


@pytest.fixture
def english(conversation):
    conversation.slots["language"] = "en"
    return conversation


def test_one_of_a_unit_is_said_in_the_singular():
    sale = SaleProposal(customer_name="Uncle Li", lines=[{"product": "老抽", "aliases": ["dark soy sauce"],
                                                          "quantity": "1", "unit": "瓶", "amount": "13.5"}])
    assert sale.describe("en") == "Uncle Li bought 1 bottle of dark soy sauce for 13.5 yuan. Right?"
    two = SaleProposal(customer_name="Uncle Li", lines=[{"product": "老抽", "aliases": ["dark soy sauce"],
                                                         "quantity": "2", "unit": "瓶", "amount": "27"}])
    assert "2 bottles of dark soy sauce" in two.describe("en")
    stock = StockInProposal(product="鸡蛋", aliases=["土鸡蛋", "eggs"], quantity="1", unit="盒")
    assert stock.describe("en").startswith("1 box of eggs arrived.")


def test_an_allergy_warning_names_the_allergy_in_english():
    sale = SaleProposal(customer_name="Sister Zhang", warnings=["花生过敏"], lines=[
        {"product": "花生油", "aliases": ["peanut oil"], "quantity": "1", "unit": "桶", "amount": "89.9"}])
    said = sale.describe("en")
    assert said.startswith("Careful: Sister Zhang's household: peanut allergy. Sister Zhang bought 1 jug of peanut oil")
    assert not CHINESE.search(said)


def test_which_one_questions_name_the_choices_in_english(shop_context):
    with shop_context.session() as session:
        index = shop_context.name_index(session)
        rice = lookup_product(session, index, "米", intent="log_sale", slot="product", entities={})
        assert rice.question("en") == "Do you mean northeast rice, wuchang rice or jasmine rice?"
        assert rice.question("zh") == "您说的是东北大米、五常大米还是泰国香米?"
        wang = lookup_customer(session, index, "王阿姨", intent="log_sale", slot="customer", entities={})
        assert wang.question("en") == "Do you mean Auntie Wang (Building 3, Unit 2) or Auntie Wang Guilan (Building 5, Unit 1)?"


def test_a_customer_without_an_english_name_is_said_in_pinyin():
    assert person_name("邓海", [], "en") == "Deng Hai"
    assert person_name("李建国", ["李叔", "Uncle Li"], "en") == "Uncle Li"
    assert person_name("邓海", [], "zh") == "邓海"


def _customer(session, name: str) -> Customer:
    return session.execute(select(Customer).where(Customer.name == name)).scalar_one()


def test_greetings_waiting_in_english(demo, english):
    with session_scope(demo) as session:
        create_greeting(session, customer=_customer(session, "邓海"), occasion="birthday", source="composed",
                        text="Happy birthday, Deng Hai!", channel="chat", now=NOW,
                        data_dir=ShopContext.build(engine=demo).settings.data_dir)
    assert english.run(ActionGreetings, text="any greetings left to send", intent="ask_greetings") == [
        "1 greeting waiting: Deng Hai (birthday)."]


def test_who_owes_in_english_says_names_in_english(demo, english):
    with session_scope(demo) as session:
        for name, amount in (("张丽", "120"), ("邓海", "35.5")):
            charge(session, shop_id=default_shop_id(session), customer=_customer(session, name), channel="chat",
                   now=NOW, amount=Decimal(amount))
    said = english.run(ActionBalance, text="who owes me money", intent="ask_balance")
    assert "Sister Zhang 120 yuan" in said[0] and "Deng Hai 35.5 yuan" in said[0]
    assert not CHINESE.search(said[0])
