"""inactive and arrival-targets on hand-made shops, on both databases."""

import datetime as dt
from decimal import Decimal

import pytest

from assistant.db.models import CustomerRequest
from assistant.shop.reports import arrival_targets, inactive, summarise


@pytest.fixture
def quiet_shop(shop, pin_today):
    pin_today("2026-03-15")
    shop.product("东北大米", category="米", price="100")
    for name in ("王秀英", "李建国", "陈女士", "赵先生", "周阿姨", "孙老师"):
        shop.customer(name)
    for day in ("2025-12-01", "2025-12-15", "2026-01-01"):  # every ~15 days, gone 73 days
        shop.sale("王秀英", "东北大米", 1, day)
    shop.void(shop.sale("王秀英", "东北大米", 1, "2026-03-01"))  # taken back: she did not come
    for day in ("2025-09-01", "2025-10-16", "2025-11-30", "2026-01-14"):  # every 45 days: not late yet
        shop.sale("李建国", "东北大米", 1, day, amount="50")
    shop.sale("陈女士", "东北大米", 1, "2025-12-01")  # one-off customer: not a regular
    for day in ("2026-02-01", "2026-02-20", "2026-03-10"):
        shop.sale("赵先生", "东北大米", 1, day)
    for day in ("2025-10-01", "2025-10-08", "2025-10-15"):  # big spender, gone since October
        shop.sale("周阿姨", "东北大米", 5, day, amount="500")
    for day in ("2026-01-10", "2026-01-17", "2026-01-24", "2026-01-31", "2026-02-07"):  # weekly, stopped lately
        shop.sale("孙老师", "东北大米", 1, day, amount="20")
    shop.session.commit()
    return shop


def test_every_regular_away_more_than_30_days_biggest_spender_first(quiet_shop):
    report = inactive(quiet_shop.session, shop_id=quiet_shop.shop_id)
    # A month said is a month: 李建国 (every 45 days) counts although the forecast still expects him back.
    assert [
        (i.customer, i.last_visit.isoformat(), i.days_away, i.visits, i.total_spent, i.monthly_spend)
        for i in report.items
    ] == [
        ("周阿姨", "2025-10-15", 151, 3, Decimal("1500.00"), Decimal("1500.00")),
        ("王秀英", "2026-01-01", 73, 3, Decimal("300.00"), Decimal("193.55")),
        ("孙老师", "2026-02-07", 36, 5, Decimal("100.00"), Decimal("85.71")),
        ("李建国", "2026-01-14", 60, 4, Decimal("200.00"), Decimal("33.33")),
    ]
    assert summarise(report, "zh") == (
        "超过30天没来的老顾客有4位:周阿姨(151天)、王秀英(73天)、孙老师(36天)等。还有1位,说“还有呢”接着听。"
    )
    assert summarise(report, "en") == (
        '4 regulars away for over 30 days: 周阿姨 (151 days), 王秀英 (73 days), 孙老师 (36 days) and 1 more. '
        'Say "more" to hear them.'
    )


def test_the_win_back_list_is_the_lapsed_ones_of_the_last_two_months(quiet_shop):
    report = inactive(quiet_shop.session, shop_id=quiet_shop.shop_id)
    flags = {i.customer: (i.lapsed, i.win_back) for i in report.items}
    # Weekly 孙老师 missed five weeks: lapsed lately. 李建国 may still come; the others left too long ago.
    assert flags == {"周阿姨": (True, False), "王秀英": (True, False), "孙老师": (True, True), "李建国": (False, False)}
    win_back = inactive(quiet_shop.session, shop_id=quiet_shop.shop_id, win_back="yes")
    assert [i.customer for i in win_back.items] == ["孙老师"]
    assert summarise(win_back, "zh") == "最近不来了的老顾客有1位:孙老师(36天)。"
    assert win_back.to_json()["win_back"] is True and report.to_json()["items"][2]["win_back"] is True


def test_a_duration_is_more_than_that_many_days(quiet_shop):
    assert [i.customer for i in inactive(quiet_shop.session, shop_id=quiet_shop.shop_id, days=60).items] == [
        "周阿姨", "王秀英"]  # 李建国 is exactly 60 days away: not more than 60
    assert [i.customer for i in inactive(quiet_shop.session, shop_id=quiet_shop.shop_id, days=59).items] == [
        "周阿姨", "王秀英", "李建国"]


def test_inactive_days_option(quiet_shop):
    assert [
        i.customer for i in inactive(quiet_shop.session, shop_id=quiet_shop.shop_id, days="100").items
    ] == ["周阿姨"]


def test_inactive_no_data(session, shop_id, pin_today):
    pin_today("2026-03-15")
    report = inactive(session, shop_id=shop_id)
    assert report.items == [] and summarise(report, "zh") == "没有超过30天没来的老顾客。"


@pytest.fixture
def arrival_shop(shop, pin_today):
    pin_today("2026-03-15")
    low_sodium = shop.product("低钠酱油", category="酱油", unit="瓶", suits=["高血压"])
    shop.product("老抽", category="酱油", unit="瓶")
    shop.product("东北大米", category="米")
    shop.customer("李建国", tags=["高血压"])
    shop.customer("王秀英")
    asker = shop.customer("陈女士")
    shop.customer("赵先生", tags=["高血压"], consent=False)
    shop.customer("孙老师")
    shop.customer("周阿姨")
    shop.sale("王秀英", "老抽", 1, "2026-01-05")
    shop.sale("王秀英", "老抽", 1, "2026-02-05")
    shop.sale("孙老师", "东北大米", 1, "2026-02-05")
    shop.sale("周阿姨", "低钠酱油", 1, "2026-02-01")
    shop.session.add(
        CustomerRequest(
            shop_id=shop.shop_id,
            customer_id=asker.id,
            product_id=low_sodium.id,
            asked_at=dt.datetime(2026, 3, 1, 9),
        )
    )
    shop.session.commit()
    return shop


def test_arrival_targets_are_askers_suited_and_buyers_not_the_category(arrival_shop):
    report = arrival_targets(arrival_shop.session, shop_id=arrival_shop.shop_id, product="低钠酱油")
    # 王秀英 only bought 老抽, another soy sauce: not a reason to tell her about the low-sodium one.
    assert [(i.customer, i.reasons_zh, i.sensitive) for i in report.items] == [
        ("陈女士", ["3月1日要过"], False),
        ("周阿姨", ["买过1次,上次2月1日"], False),
        ("李建国", ["高血压"], True),
    ]
    assert report.items[0].reasons == ["asked for it on March 1"]
    assert report.left_out_no_consent == 1  # 赵先生 has 高血压 but refused messages
    assert report.to_json()["left_out_no_consent"] == 1
    assert summarise(report, "zh") == (
        "低钠酱油到了,可以告诉3位:陈女士(要过)、周阿姨(买过1次)、李建国(高血压)。另有1位没同意收消息。"
    )
    assert summarise(report, "en") == (
        "3 customers to tell about 低钠酱油: 陈女士 (asked for it); 周阿姨 (bought it once); "
        "李建国 (high blood pressure). 1 other has not agreed to messages."
    )


def test_arrival_targets_ranked_by_reasons_then_purchases(arrival_shop):
    shop = arrival_shop
    shop.customer("钱阿姨", tags=["高血压"])
    for day in ("2025-12-01", "2026-01-01", "2026-02-01"):
        shop.sale("钱阿姨", "低钠酱油", 1, day)  # suits her and she buys it: before the single reasons
    for day in ("2025-11-01", "2025-12-02"):
        shop.sale("孙老师", "低钠酱油", 1, day)  # bought it twice: before 周阿姨's once
    shop.session.commit()
    report = arrival_targets(shop.session, shop_id=shop.shop_id, product="低钠酱油")
    assert [(i.customer, i.why("zh")) for i in report.items] == [
        ("陈女士", "要过"),
        ("钱阿姨", "高血压,买过3次"),
        ("孙老师", "买过2次"),
        ("周阿姨", "买过1次"),
        ("李建国", "高血压"),
    ]
    assert summarise(report, "zh").startswith("低钠酱油到了,可以告诉5位:陈女士(要过)、钱阿姨(高血压,买过3次)、孙老师(买过2次)等。")
    assert "and 2 more" in summarise(report, "en")


def test_a_request_met_by_a_later_purchase_is_no_longer_a_reason(arrival_shop):
    arrival_shop.sale("陈女士", "低钠酱油", 1, "2026-03-05")
    arrival_shop.session.commit()
    report = arrival_targets(arrival_shop.session, shop_id=arrival_shop.shop_id, product="低钠酱油")
    chen = next(i for i in report.items if i.customer == "陈女士")
    assert (chen.asked_on, chen.why("zh")) == (None, "买过1次")


def test_nobody_to_tell_says_so_and_still_counts_the_left_out(shop, pin_today):
    pin_today("2026-03-15")
    shop.product("玉米油", category="油", suits=["花生过敏"])
    shop.customer("赵先生", tags=["花生过敏"], consent=False)
    shop.session.commit()
    report = arrival_targets(shop.session, shop_id=shop.shop_id, product="玉米油")
    assert report.items == []
    assert summarise(report, "zh") == "玉米油到了,没有要通知的顾客。另有1位没同意收消息。"
    assert summarise(report, "en") == "Nobody to tell about 玉米油. 1 other has not agreed to messages."


def test_arrival_targets_by_category(arrival_shop):
    report = arrival_targets(arrival_shop.session, shop_id=arrival_shop.shop_id, product="酱油")
    # Asked about the whole category, its buyers are everyone who bought any soy sauce.
    assert [i.customer for i in report.items] == ["陈女士", "王秀英", "周阿姨", "李建国"]
    assert report.items[1].reasons_zh == ["买过2次,上次2月5日"]
    assert report.products == ["低钠酱油", "老抽"]


def test_a_visit_takes_her_off_both_lists_at_once(quiet_shop):
    shop_id = quiet_shop.shop_id
    assert [i.customer for i in inactive(quiet_shop.session, shop_id=shop_id, win_back="yes").items] == ["孙老师"]
    quiet_shop.sale("孙老师", "东北大米", 1, "2026-03-15")
    quiet_shop.session.commit()
    assert inactive(quiet_shop.session, shop_id=shop_id, win_back="yes").items == []
    assert "孙老师" not in [i.customer for i in inactive(quiet_shop.session, shop_id=shop_id).items]
