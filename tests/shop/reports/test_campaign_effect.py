"""campaigns against customers who shopped as often: the owner hears whether the difference could be chance,
and no promotion is called best on a gap that only says who uses coupons."""

import datetime as dt

import pytest

from assistant.shop.reports import campaigns, summarise


def _days(first: str, every: int, count: int) -> list[str]:
    start = dt.date.fromisoformat(first)
    return [(start + dt.timedelta(days=every * n)).isoformat() for n in range(count)]


def test_a_coupon_only_regulars_use_is_not_called_best(shop, pin_today):
    pin_today("2026-06-30")
    shop.product("东北大米", category="米", price="60")
    coupon = shop.promotion("满减券")
    weekly = _days("2026-01-05", 7, 13)  # Mondays to 30 March: 4 visits in the 30 days before 2 February
    for n in range(24):  # regulars: half use the coupon on 2 February, all come back the next week anyway
        shop.customer(f"熟客{n}")
        for day in weekly:
            shop.sale(f"熟客{n}", "东北大米", 1, day, promotion=coupon if n < 12 and day == "2026-02-02" else None)
    for n in range(36):  # one-off shoppers that day, who do not come back
        shop.customer(f"路过{n}")
        shop.sale(f"路过{n}", "东北大米", 1, "2026-02-02")
    shop.session.commit()
    report = campaigns(shop.session, shop_id=shop.shop_id)
    item = report.items[0]
    # Against everyone who shopped then, 12 of 12 against 12 of 48 would look like a coupon that works.
    assert (item.customers, item.came_back, item.users_matched, item.users_unmatched) == (12, 12, 12, 0)
    assert (item.others, item.others_came_back) == (12, 12)  # only the regulars are comparable
    assert item.difference == 0 and item.could_be_chance
    assert summarise(report, "zh") == (
        "还说不准哪个活动效果好:跟平时来得一样勤却没用过活动的顾客比,差别都可能只是巧合。"
        "满减券:12位里12位30天内回来了(100%),可比的没用过的顾客是100%(一样,可能只是巧合)。"
    )
    assert summarise(report, "en") == (
        "No promotion can be said to work best yet: against customers who had shopped as often and did not "
        "use it, every difference could be chance. 满减券: 12 of 12 came back within 30 days (100%), "
        "comparable non-users 100% (the same, could be chance)."
    )


def test_a_coupon_that_brings_people_back_is_called_best(shop, pin_today):
    pin_today("2026-06-30")
    shop.product("东北大米", category="米", price="60")
    coupon, sample = shop.promotion("满减券"), shop.promotion("试用装")
    for n in range(30):  # in on 10 and 25 January, then 2 February; the coupon's users come back on the 9th
        name = f"顾客{n}"
        shop.customer(name)
        for day in ("2026-01-10", "2026-01-25"):
            shop.sale(name, "东北大米", 1, day)
        shop.sale(name, "东北大米", 1, "2026-02-02", promotion=coupon if n < 15 else None)
        if n < 15 or n >= 28:  # and two who did not use it
            shop.sale(name, "东北大米", 1, "2026-02-09")
    shop.customer("常客")  # in every other day of January: no one else shops like that
    for day in _days("2026-01-03", 2, 15):
        shop.sale("常客", "东北大米", 1, day)
    shop.sale("常客", "东北大米", 1, "2026-02-02", promotion=coupon)
    shop.sale("常客", "东北大米", 1, "2026-02-04")
    for n in range(2):  # a sample two newcomers used, neither came back
        shop.customer(f"新客{n}")
        shop.sale(f"新客{n}", "东北大米", 1, "2026-02-03", promotion=sample)
    shop.session.commit()
    report = campaigns(shop.session, shop_id=shop.shop_id)
    item = next(i for i in report.items if i.promotion == "满减券")
    assert (item.customers, item.came_back, item.users_matched, item.users_unmatched) == (16, 16, 15, 1)
    assert (item.others, item.others_came_back) == (15, 2)
    assert float(item.difference) == round(1 - 2 / 15, 3) and not item.could_be_chance
    assert item.difference_low > 0 and item.p_value < 0.001
    said = summarise(report, "zh")
    assert said.startswith(
        "满减券效果最好:跟平时来得一样勤却没用过它的顾客比,用过的顾客回来得更多,不像是巧合。"
        "满减券:16位里16位30天内回来了(100%),可比的没用过的顾客是13%(高87个百分点,不像是巧合),"
        "另有1位找不到可比的顾客;试用装:2位里0位30天内回来了(0%)"
    )
    assert summarise(report, "en").startswith("满减券 worked best: more of its users came back than customers")


def test_few_users_could_be_chance(shop, pin_today):
    pin_today("2026-04-30")
    shop.product("东北大米", category="米", price="60")
    coupon = shop.promotion("满减券")
    for n in range(3):  # three users, all back; four who shopped that day without it, one back
        shop.customer(f"用券{n}")
        shop.sale(f"用券{n}", "东北大米", 1, "2026-02-02", promotion=coupon)
        shop.sale(f"用券{n}", "东北大米", 1, "2026-02-09")
    for n in range(4):
        shop.customer(f"没用{n}")
        shop.sale(f"没用{n}", "东北大米", 1, "2026-02-02")
        if n == 0:
            shop.sale(f"没用{n}", "东北大米", 1, "2026-02-20")
    shop.session.commit()
    item = campaigns(shop.session, shop_id=shop.shop_id).items[0]
    assert (item.others, item.others_came_back, float(item.difference)) == (4, 1, 0.75)
    # At these counts the score interval just clears zero (+0.03 to +0.95); the exact test does not
    # (3 of 3 against 1 of 4 happens 1 time in 7 by chance), and the owner hears the cautious verdict.
    assert float(item.p_value) == pytest.approx(5 / 35, abs=0.01) and item.difference_low > 0
    assert item.could_be_chance
    assert summarise(campaigns(shop.session, shop_id=shop.shop_id), "zh").startswith("还说不准哪个活动效果好")
