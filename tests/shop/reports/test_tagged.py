"""``tagged``: the customers noted with a tag, on the demo shop of 2026-03-15, asked the ways the owner says it."""

from __future__ import annotations

import pytest

from assistant.db import session_scope
from assistant.errors import Invalid
from assistant.shop.english import in_english
from assistant.shop.reports import REPORTS, ListPlace, continue_list, run_report
from assistant.shop.shops import default_shop_id

# The demo shop's customers with each tag (seed 7), as the database has them.
DEMO = {
    "高血压": {"李建国", "罗兵兰", "龚玉", "杜丽海", "崔志玲", "唐磊华", "向玲", "梁美玉", "孙芳刚", "崔春军",
               "丁平浩", "熊萍燕", "崔华建"},
    "花生过敏": {"张丽", "邱玲玉", "熊萍燕"},
    "素食": {"何国", "戴勇", "段磊芳", "黎波"},
    "低钠": {"李建国", "任梅磊", "曾国", "孙芳刚"},
}


@pytest.fixture(scope="module")
def demo(read_only_demo):
    """The demo shop of 2026-03-15 (read only)."""
    return read_only_demo


@pytest.fixture
def ask(demo, pin_today):
    pin_today("2026-03-15")
    with session_scope(demo) as session:
        shop_id = default_shop_id(session)
        yield lambda tag: run_report(session, "tagged", shop_id=shop_id, options={"tag": tag}), session, shop_id


@pytest.mark.parametrize("tag", sorted(DEMO))
def test_everyone_with_the_tag_and_nobody_else(ask, tag):
    report = ask[0](tag)
    assert {item.customer for item in report.items} == DEMO[tag]
    assert all(item.tag == tag for item in report.items)


def test_items_carry_what_the_owner_needs_most_recent_visit_first(ask):
    body = ask[0]("高血压").to_json()
    assert body["report"] == "tagged" and body["tag"] == "高血压" and body["count"] == 13 and body["sensitive"]
    uncle_li = next(item for item in body["items"] if item["customer"] == "李建国")
    assert uncle_li["aliases"] == ["李叔", "Uncle Li"] and uncle_li["phone"] == "13657104567"
    visits = [item["last_visit"] for item in body["items"]]
    assert visits == sorted(visits, reverse=True)  # ISO dates: the most recent first
    assert body["items"][0]["customer"] == "龚玉" and body["items"][0]["last_visit"] == "2026-03-15"


@pytest.mark.parametrize(("said", "tag"), [
    ("高血压", "高血压"), ("血压高", "高血压"), ("high blood pressure", "高血压"), ("吃素", "素食"),
    ("vegetarian", "素食"), ("有孩子", "有小孩"), ("小孩", "有小孩"), ("has children", "有小孩"),
    ("peanut allergy", "花生过敏"), ("allergic to peanuts", "花生过敏"), ("elderly", "老人"), ("baking", "烘焙"),
])
def test_the_tag_as_said(ask, said, tag):
    report = ask[0](said)
    assert report.tag == tag and report.items


def test_the_spoken_answer_and_more(ask):
    report = ask[0]("高血压")
    first = report.opening("zh")
    names = [item.customer for item in report.items]
    assert first.text == f"有高血压的顾客有13位:{'、'.join(names[:3])}等。还有10位,说“还有呢”接着听。"
    place = ListPlace("tagged", {"tag": "高血压"}, first.said)
    more, place = continue_list(run_report(ask[1], "tagged", shop_id=ask[2], options=place.options), place, "zh",
                                spoken=True, everything=False)
    assert more.text.startswith(f"接着是:{'、'.join(names[3:8])}。还有5位")


def test_the_answer_in_english(ask):
    _, session, shop_id = ask
    said = in_english(ask[0]("peanut allergy").summary("en"), session=session, shop_id=shop_id)
    assert said == "3 customers with a peanut allergy: Qiu Lingyu, Xiong Pingyan, Sister Zhang."


def test_a_tag_nobody_has_is_said_plainly(ask):
    report = ask[0]("火龙果")
    assert report.items == [] and not report.known
    assert report.summary("zh") == "店里没有顾客记着“火龙果”。"
    assert ask[0]("gout").summary("en") == 'No customer is noted as "gout".'


def test_the_tag_is_required(ask):
    _, session, shop_id = ask
    assert REPORTS["tagged"].options[0].required
    with pytest.raises(Invalid, match="report tagged needs --tag"):
        run_report(session, "tagged", shop_id=shop_id, options={})
