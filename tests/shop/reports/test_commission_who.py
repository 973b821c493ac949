"""Which customers a group leader's commission came from ("陈团长这个月佣金是哪些人带来的")."""

from decimal import Decimal

import pytest

from assistant.language.questions import asks_who_brought
from assistant.shop.reports import commissions


def test_the_commission_names_the_people_it_came_from(shop, pin_today):
    pin_today("2026-03-15")
    shop.product("东北大米", category="米", price="60")
    leader = shop.customer("陈团长")
    leader.is_group_leader, leader.commission_rate = True, Decimal("0.05")
    for name in ("张三", "李四", "王五"):
        shop.customer(name).referred_by_id = leader.id
    shop.sale("张三", "东北大米", 1, "2026-03-02", amount="100")
    shop.sale("李四", "东北大米", 3, "2026-03-10", amount="300")
    shop.sale("王五", "东北大米", 1, "2026-02-10", amount="60")  # last month: not this month's
    shop.session.commit()
    march = commissions(shop.session, shop_id=shop.shop_id).only(leader.id)
    assert march.who_brought("zh") == (
        "2026年3月陈团长的佣金20元,来自她带来的2位顾客买的400元:李四300元、张三100元;另有1位她带来的顾客没买东西。")
    english = march.who_brought("en")
    assert "陈团长's commission for March 2026 is 20 yuan" in english and "李四 300 yuan, 张三 100 yuan" in english
    february = commissions(shop.session, shop_id=shop.shop_id, month="2026-02").only(leader.id)
    assert "王五60元" in february.who_brought("zh") and "李四" not in february.who_brought("zh")


def test_a_leader_whose_people_bought_nothing_is_said_so(shop, pin_today):
    pin_today("2026-03-15")
    leader = shop.customer("刘团长")
    leader.is_group_leader, leader.commission_rate = True, Decimal("0.03")
    shop.session.commit()
    report = commissions(shop.session, shop_id=shop.shop_id).only(leader.id)
    assert report.who_brought("zh") == "2026年3月刘团长的佣金0元:她还没带来顾客。"


@pytest.mark.parametrize(("text", "asks"), [
    ("陈团长这个月佣金是哪些人带来的", True),
    ("陈团长的佣金都是谁买的", True),
    ("which customers did chen's commission come from this month", True),
    ("who brought in leader chen's commission", True),
    ("陈团长这个月佣金多少", False),
    ("how much commission does leader chen get this month", False),
])
def test_a_who_question_is_told_from_a_how_much_one(text, asks):
    assert asks_who_brought(text) is asks


def test_a_rate_said_works_the_commission_out_at_that_rate(shop, pin_today):
    pin_today("2026-03-15")
    shop.product("东北大米", category="米", price="60")
    leader = shop.customer("陈团长")
    leader.is_group_leader, leader.commission_rate = True, Decimal("0.05")
    shop.customer("张三").referred_by_id = leader.id
    shop.sale("张三", "东北大米", 5, "2026-03-02", amount="250")
    shop.session.commit()
    report = commissions(shop.session, shop_id=shop.shop_id).only(leader.id)
    eight = report.at_rate(Decimal("0.08"))
    assert eight.summary("zh") == "按8%算,2026年3月的佣金:陈团长20元(带来的顾客买了250元)。"
    assert eight.summary("en").startswith("Commissions for March 2026 at 8%: 陈团长 20 yuan")
    assert eight.who_brought("zh").startswith("按8%算,2026年3月陈团长的佣金20元")
    assert report.summary("zh") == "2026年3月的佣金:陈团长12.5元(带来的顾客买了250元)。"  # the kept report unchanged
