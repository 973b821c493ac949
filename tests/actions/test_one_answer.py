"""One answer everywhere (issue 13 item 5), on the demo shop on 2026-03-15: the Today page, the chat and
the API name the same people in the same numbers, nobody twice, and "还有呢" goes on with the last list."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from actions.customer_lists import ActionInactive
from actions.lists import ActionListMore
from actions.reports import ActionRestockDue
from assistant import auth
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.web.app import create_app


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


@pytest.fixture
def client(demo):
    with session_scope(demo) as session:
        token = auth.ensure_owner(session).token
    with TestClient(create_app(engine=demo, load_brain=False)) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


def today_cards(client: TestClient) -> dict[str, list[tuple[int, str]]]:
    """The Today page's cards by kind: (customer id, product shown) in the page's order."""
    html = client.get("/today").text
    cards: dict[str, list[tuple[int, str]]] = {}
    for kind, body in re.findall(r'<li class="card task task-(\w+)[^>]*>(.*?)</li>', html, re.S):
        customer = re.search(r'href="/customers/(\d+)"', body)
        product = re.search(r"<strong>(.*?)</strong>", body)
        if customer:
            cards.setdefault(kind, []).append((int(customer.group(1)), product.group(1) if product else ""))
    return cards


def api(client: TestClient, name: str, **options: str) -> dict:
    response = client.get(f"/api/reports/{name}", params=options)
    assert response.status_code == 200, response.text
    return response.json()


def ids(items: list[dict]) -> list[int]:
    return [item["customer_id"] for item in items]


def said_names(text: str) -> list[str]:
    """The names a list answer reads: 姜志玲(17号左右)、王建林(...)."""
    listed = re.sub(r"\(.*?\)", "", text.split(":", 1)[1].split("。", 1)[0])
    return [re.sub(r"等$", "", part) for part in listed.split("、")]


def count_said(text: str) -> int:
    return int(re.search(r"有(\d+)位", text).group(1))


def test_restock_today_chat_and_api_name_the_same_people(client, conversation, demo):
    cards = today_cards(client)["restock"]
    everyone = api(client, "restock-due")
    confident = [item for item in everyone["items"] if item["confident"]]
    assert len(set(ids(everyone["items"]))) == everyone["count"]  # nobody twice
    assert ids(confident) == [customer for customer, _ in cards] and everyone["confident_count"] == len(cards)

    first = conversation.run(ActionRestockDue, text="这周谁该来补货了", intent="ask_restock_due")[0]
    assert count_said(first) == len(cards)
    whole = conversation.run(ActionListMore, text="全部列出来", intent="ask_more")[0]
    assert said_names(whole) == [item["customer"] for item in confident]

    rice_cards = [customer for customer, products in cards if "米" in products.split("、")]
    rice = api(client, "restock-due", product="米")
    assert ids([item for item in rice["items"] if item["confident"]]) == rice_cards
    asked = conversation.run(ActionRestockDue, text="这周谁该补米了", intent="ask_restock_due",
                             entities={"product": "米"})[0]
    assert count_said(asked) == len(rice_cards) == rice["confident_count"] == 10
    assert len(set(ids(rice["items"]))) == rice["count"]


def test_inactive_today_chat_and_api_agree(client, conversation):
    month = api(client, "inactive", days="30")
    assert len(set(ids(month["items"]))) == month["count"] == 20  # every regular away more than 30 days
    assert all(item["days_away"] > 30 for item in month["items"])
    win_back = api(client, "inactive", **{"win-back": "yes"})
    flagged = [item["customer_id"] for item in month["items"] if item["win_back"]]
    assert ids(win_back["items"]) == flagged == [customer for customer, _ in today_cards(client)["win_back"]]

    said = conversation.run(ActionInactive, text="谁一个月没来了", intent="ask_inactive", entities={"days": "30"})[0]
    assert count_said(said) == month["count"]
    whole = conversation.run(ActionListMore, text="全部列出来", intent="ask_more")[0]
    assert said_names(whole) == [item["customer"] for item in month["items"]]
    asked = conversation.run(ActionInactive, text="哪些熟客不来了", intent="ask_inactive")[0]
    assert said_names(asked) == [item["customer"] for item in win_back["items"]]


def test_a_long_time_without_a_number_is_a_month(conversation, client):
    said = conversation.run(ActionInactive, text="好久没来的老顾客有哪些", intent="ask_inactive")[0]
    assert said.startswith("超过30天没来的老顾客有20位:") and conversation.slot("last_list") == {
        "report": "inactive", "options": {"days": "30"}, "said": 3}


def test_more_goes_on_spoken_at_the_counter_and_survives_a_restart(conversation, demo):
    first = conversation.run(ActionInactive, text="谁 一 个 月 没 来 了", intent="ask_inactive",
                             entities={"days": "30"}, channel="counter")[0]
    assert said_names(first) == ["张红建", "唐磊华", "许丽燕"] and first.count("。") == 2
    # A new process: a fresh context and action, only the conversation's slots kept (tracker store).
    restarted = ActionListMore(ShopContext.build(engine=demo))
    more = conversation.run(restarted, text="还有 呢", intent="ask_more", channel="counter")[0]
    assert more.startswith("接着是:石勇(137天)、曾国(160天)、") and more.count("。") == 2
    assert len(said_names(more)) == 5 and conversation.slot("last_list")["said"] == 8


def test_more_without_a_list_says_so_and_a_non_list_answer_ends_the_list(conversation):
    said = conversation.run(ActionListMore, text="还有呢", intent="ask_more")
    assert said == ["刚才没有在说名单。想听哪个?比如“谁一个月没来了”。"]
    conversation.run(ActionInactive, text="谁一个月没来了", intent="ask_inactive", entities={"days": "30"})
    assert conversation.slot("last_list") is not None
    from actions.reports import ActionStock

    conversation.run(ActionStock, text="花生油还剩多少", intent="ask_stock", entities={"product": "花生油"})
    # The stock answer is no list: "还有呢" says so (the question is kept for "玉米油呢").
    assert "名单" in conversation.run(ActionListMore, text="还有呢", intent="ask_more")[0]


def test_the_rest_in_english(conversation):
    conversation.slots["language"] = "en"
    first = conversation.run(ActionRestockDue, text="who needs rice this week?", intent="ask_restock_due",
                             entities={"product": "米"})[0]
    assert first.startswith("10 due for rice: Jiang Zhiling") and not re.search(r"[\u4e00-\u9fff]", first)
    rest = conversation.run(ActionListMore, text="and the rest?", intent="ask_more")[0]
    assert rest.startswith("Next: Liang Minna") and "Jiang Zhiling" not in rest
    assert not re.search(r"[\u4e00-\u9fff]", rest) and rest.endswith("That's all of them.")


def test_todays_list_goes_on_task_by_task_in_todays_order(conversation, client):
    from actions.reports import ActionDailyTasks

    first = conversation.run(ActionDailyTasks, text="今天要做什么", intent="ask_daily_tasks")[0]
    assert first.startswith("今天:1位过生日(邓海),20位该来买常买的东西,1位老顾客最近不来了")
    more = conversation.run(ActionListMore, text="还有呢", intent="ask_more", channel="counter")[0]
    assert more.startswith("今天要做的事有25件:邓海(生日)、任梅磊(该补面粉、鸡蛋)、邵平(该补面粉、鸡蛋)、夏华(该补面粉、鸡蛋)、")
    assert more.count("。") == 2


def test_an_elliptical_follow_up_asks_the_last_question_again(conversation):
    """"今天卖了多少钱" then "昨天呢": the takings of yesterday, not "there is no list"."""
    from actions.reports import ActionSalesSummary

    today = conversation.run(ActionSalesSummary, text="今天卖了多少钱", intent="ask_sales_summary")[0]
    assert "577.7" in today
    yesterday = conversation.run(ActionListMore, text="昨天呢", intent="ask_more", entities={"period": "昨天"})[0]
    assert "3月14日" in yesterday and "577.7" not in yesterday and "名单" not in yesterday
    more = conversation.run(ActionListMore, text="还有呢", intent="ask_more")[0]
    assert "名单" in more  # takings are no list to go on with


def test_is_there_more_heard_as_a_stock_question_goes_on_with_the_list(conversation):
    """"还有吗" right after a list reads like "any left?" with no product: it is "go on"."""
    from actions.reports import ActionStock

    conversation.run(ActionRestockDue, text="这周谁该补米了", intent="ask_restock_due", entities={"product": "米"})
    more = conversation.run(ActionStock, text="还有吗", intent="ask_stock")[0]
    assert more.startswith("接着是:") and "哪个商品" not in more
    # With no list being read, it still asks which product.
    conversation.run(ActionStock, text="花生油还剩多少", intent="ask_stock", entities={"product": "花生油"})
    assert conversation.run(ActionStock, text="还有吗", intent="ask_stock") == ["哪个商品?"]


@pytest.mark.parametrize("action, intent", [(ActionListMore, "ask_more"), ("sales", "ask_sales_summary")])
def test_a_product_named_after_last_months_takings_keeps_last_month(conversation, action, intent):
    """"上个月一共卖了多少钱" then "那花生油呢": last month's peanut oil (12 jugs, 1078.8), not today's."""
    from actions.reports import ActionSalesSummary

    month = conversation.run(ActionSalesSummary, text="上个月一共卖了多少钱", intent="ask_sales_summary",
                             entities={"period": "上个月"})[0]
    assert "13273.2" in month
    oil = conversation.run(ActionSalesSummary if action == "sales" else action, text="那花生油呢", intent=intent,
                           entities={"product": "花生油"})[0]
    assert "花生油" in oil and "1078.8" in oil and "今天" not in oil and "89.9" not in oil
    yesterday = conversation.run(ActionListMore, text="昨天呢", intent="ask_more", entities={"period": "昨天"})[0]
    assert "花生油" in yesterday and "3月14日" in yesterday


def test_a_length_after_takings_is_answered_without_going_round(conversation):
    """"那半个月呢" heard as takings right after takings: answered (the list's retelling and the takings once sent
    it to each other for ever)."""
    from actions.reports import ActionSalesSummary

    assert "577.7" in conversation.run(ActionSalesSummary, text="今天卖了多少钱", intent="ask_sales_summary")[0]
    for action, intent in ((ActionSalesSummary, "ask_sales_summary"), (ActionListMore, "ask_more")):
        assert conversation.run(action, text="那半个月呢", intent=intent)[0]
