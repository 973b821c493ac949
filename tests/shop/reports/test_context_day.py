"""A shop context answers for its own day: the reports read the day of the context whose session they are
given, not the process settings' (a test's, an evaluation's or another shop's context in one process)."""

import datetime as dt

import pytest

from assistant.config import get_settings
from assistant.context import ShopContext
from assistant.shop.reports import (
    birthdays,
    daily_tasks,
    inactive,
    restock_due,
    sales_summary,
    summarise,
)

SHOP_DAY = dt.date(2026, 3, 15)  # the day the shop's own context is pinned to
PROCESS_DAY = "2026-06-20"  # ASSISTANT_TODAY of the process, three months on


@pytest.fixture
def march_shop(shop, engine, monkeypatch):
    """A shop whose answers on 15 March differ from those of 20 June; the process is pinned to June."""
    shop.product("东北大米", category="米", price="60", stock=100)
    shop.customer("王秀英", birthday="03-15")
    shop.customer("周阿姨")
    shop.customer("吴师傅")
    for day in ("2025-11-15", "2025-12-15", "2026-01-15", "2026-02-15"):  # monthly, due on the 15th
        shop.sale("王秀英", "东北大米", 1, day)
    for day in ("2026-01-01", "2026-01-08", "2026-01-15"):  # weekly, quiet since mid-January
        shop.sale("周阿姨", "东北大米", 1, day)
    for day in ("2025-06-01", "2025-06-08", "2025-06-15"):  # gone since June
        shop.sale("吴师傅", "东北大米", 1, day)
    shop.sale(None, "东北大米", 2, "2026-03-15", hour=9)  # a passer-by on the shop's day
    shop.session.commit()
    monkeypatch.setenv("ASSISTANT_TODAY", PROCESS_DAY)
    get_settings.cache_clear()
    march = ShopContext.build(get_settings().copy(update={"today": SHOP_DAY}), engine=engine)
    return march, shop.shop_id


def test_a_context_pinned_to_its_day_answers_for_that_day(march_shop):
    march, shop_id = march_shop
    with march.session() as session:
        away = inactive(session, shop_id=shop_id, days=30)
        assert [(i.customer, i.days_away) for i in away.items] == [("吴师傅", 273), ("周阿姨", 59)]

        born = birthdays(session, shop_id=shop_id, period="today")
        assert [(i.customer, i.date) for i in born.items] == [("王秀英", SHOP_DAY)]
        assert summarise(born, "zh") == "今天过生日的有1位:王秀英。"
        in_two_days = birthdays(session, shop_id=shop_id, day=SHOP_DAY + dt.timedelta(days=2))
        assert summarise(in_two_days, "zh") == "后天没有顾客过生日。"

        due = restock_due(session, shop_id=shop_id)
        assert [(i.customer, i.due_date) for i in due.items] == [("王秀英", SHOP_DAY)]

        takings = sales_summary(session, shop_id=shop_id)
        assert (takings.start, takings.end, takings.sales) == (SHOP_DAY, SHOP_DAY, 1)
        assert summarise(takings, "zh") == "今天卖了120元,共1笔:东北大米2袋。"

        tasks = daily_tasks(session, shop_id=shop_id)
        assert [(i.kind, i.customer) for i in tasks.items] == [
            ("birthday", "王秀英"), ("restock", "王秀英"), ("win_back", "周阿姨")]
        assert summarise(tasks, "zh").startswith("今天:1位过生日(王秀英),1位该来买常买的东西")


def test_a_context_on_the_process_day_shares_the_database_but_not_the_day(march_shop):
    march, shop_id = march_shop
    june = ShopContext.build(engine=march.engine)  # the process settings' day: 20 June
    assert june.today() == dt.date.fromisoformat(PROCESS_DAY)
    with june.session() as session:
        assert birthdays(session, shop_id=shop_id, period="today").items == []
        assert sales_summary(session, shop_id=shop_id).sales == 0
        away = inactive(session, shop_id=shop_id, days=30)
        assert [(i.customer, i.days_away) for i in away.items] == [("吴师傅", 370), ("周阿姨", 156), ("王秀英", 125)]
    with march.session() as session:  # and March, asked again, still answers for its own day
        assert [i.customer for i in birthdays(session, shop_id=shop_id, period="today").items] == ["王秀英"]
