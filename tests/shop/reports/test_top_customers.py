"""top-customers: "这个月谁买得最多" / "who spent the most this month" — ranked by what they spent, with
their visits, a page at a time; figures checked against the demo shop with plain SQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import text

from assistant.db import session_scope
from assistant.errors import Invalid
from assistant.shop.reports import ListPlace, continue_list, run_report
from assistant.shop.reports.top_customers import top_customers
from assistant.shop.shops import default_shop_id

# Every sale that counts (not a void row, not taken back) of a named customer in [start, stop).
SPENT_SQL = """
SELECT c.name, SUM(s.amount) AS spent, COUNT(*) AS visits
FROM sales s JOIN customers c ON c.id = s.customer_id
WHERE s.kind = 'sale' AND s.sold_at >= :start AND s.sold_at < :stop
  AND NOT EXISTS (SELECT 1 FROM sales v WHERE v.voids_sale_id = s.id)
GROUP BY c.id, c.name ORDER BY spent DESC, visits DESC, c.name
"""


@pytest.fixture
def demo_session(read_only_demo, pin_today):
    pin_today("2026-03-15")
    with session_scope(read_only_demo) as session:
        yield session, default_shop_id(session)


def _by_sql(session, start: str, stop: str) -> list[tuple[str, Decimal, int]]:
    found = session.execute(text(SPENT_SQL), {"start": start, "stop": stop})
    return [(name, Decimal(str(spent)).quantize(Decimal("0.01")), int(visits)) for name, spent, visits in found]


def test_this_month_is_the_1st_to_today_and_matches_the_books(demo_session):
    session, shop_id = demo_session
    report = top_customers(session, shop_id=shop_id)  # default: this month, up to today
    assert (report.start, report.end) == (dt.date(2026, 3, 1), dt.date(2026, 3, 15))
    expected = _by_sql(session, "2026-03-01", "2026-03-16")
    assert len(expected) >= 5  # the demo has a month of regulars: enough for a ranking and "还有呢"
    assert [(i.customer, i.amount, i.visits) for i in report.items] == expected


def test_a_period_into_the_future_stops_at_today(demo_session):
    session, shop_id = demo_session
    report = top_customers(session, shop_id=shop_id, start="2026-03-01", end="2026-03-31")
    assert report.end == dt.date(2026, 3, 15)
    assert [(i.customer, i.amount, i.visits) for i in report.items] == _by_sql(session, "2026-03-01", "2026-03-16")
    with pytest.raises(Invalid) as refused:
        top_customers(session, shop_id=shop_id, start="2026-04-01", end="2026-04-30")
    assert "还没到" in refused.value.zh


def test_last_month_is_answered_in_two_sentences_with_names_amounts_and_visits(demo_session):
    session, shop_id = demo_session
    report = run_report(session, "top-customers", shop_id=shop_id, options={"from": "2026-02-01", "to": "2026-02-28"})
    expected = _by_sql(session, "2026-02-01", "2026-03-01")
    answer = report.summary("zh")
    first, second, third = expected[:3]
    assert answer.startswith(f"2月买过东西的顾客有{len(expected)}位,花钱最多的是:")
    assert f"{first[0]}({first[1].normalize():f}元,{first[2]}次)" in answer.replace(".00元", "元")
    assert second[0] in answer and third[0] in answer and expected[3][0] not in answer
    assert answer.count("。") == 2 and "还有呢" in answer
    english = report.summary("en")
    assert english.startswith(f"{len(expected)} customers bought something in February; the top spenders:")
    assert "visits" in english and "more" in english


def test_more_goes_on_down_the_ranking(demo_session):
    session, shop_id = demo_session
    report = top_customers(session, shop_id=shop_id, start="2026-02-01", end="2026-02-28")
    first = report.opening("zh")
    place = ListPlace("top-customers", {"from": "2026-02-01", "to": "2026-02-28"}, first.said)
    more, place = continue_list(report, place, "zh", spoken=True, everything=False)
    names = [i.customer for i in report.items]
    assert more.text.startswith("接着是:" + names[3])
    assert all(name in more.text for name in names[3:8]) and names[2] not in more.text
    assert place.said == min(8, len(names))


def test_no_sales_and_walk_ins_name_nobody(shop, pin_today):
    pin_today("2026-03-15")
    shop.product("东北大米", price="60")
    shop.customer("王秀英")
    shop.sale(None, "东北大米", 5, "2026-03-10")  # a walk-in: nobody to rank
    shop.sale("王秀英", "东北大米", 1, "2026-02-10")  # last month
    shop.session.commit()
    report = top_customers(shop.session, shop_id=shop.shop_id)
    assert report.items == [] and report.summary("zh") == "3月1日到3月15日还没有记名的顾客买过东西。"
    assert report.summary("en") == "No named customer bought anything March 1 to March 15."
