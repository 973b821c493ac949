"""``run_report``: the one entry the command line, the web API and the chat share."""

import pytest

from assistant.errors import Invalid
from assistant.shop.reports import REPORTS, run_report, summarise


def test_every_contract_report_is_registered():
    contract = {
        "restock-due",
        "birthdays",
        "inactive",
        "arrival-targets",
        "reorder",
        "sales",
        "daily-tasks",
        "campaigns",
        "commissions",
    }
    assert contract <= set(REPORTS) and "stock" in REPORTS


def test_options_by_their_outside_names(shop, pin_today):
    pin_today("2026-03-15")
    shop.product("东北大米", category="米", price="60")
    shop.customer("王秀英")
    shop.sale("王秀英", "东北大米", 2, "2026-03-14")
    shop.session.commit()
    report = run_report(
        shop.session, "sales", shop_id=shop.shop_id, options={"from": "2026-03-14", "to": None}
    )
    assert (report.start.isoformat(), report.end.isoformat(), str(report.takings)) == (
        "2026-03-14",
        "2026-03-15",
        "120.00",
    )
    assert (
        summarise(report, "en") == "Takings March 14 to March 15: 120 yuan from 1 sale: 2 袋 东北大米."
    )


def test_bad_requests_say_what_to_do(session, shop_id):
    with pytest.raises(Invalid, match="no report called 'best-friends'; the reports are restock-due"):
        run_report(session, "best-friends", shop_id=shop_id)
    with pytest.raises(Invalid, match="report arrival-targets needs --product"):
        run_report(session, "arrival-targets", shop_id=shop_id, options={})
    with pytest.raises(Invalid, match="report reorder takes no option product; it takes none"):
        run_report(session, "reorder", shop_id=shop_id, options={"product": "米"})
    with pytest.raises(Invalid, match="--period 'year' is not one of today, tomorrow, week, next_week, month, next_month"):
        run_report(session, "birthdays", shop_id=shop_id, options={"period": "year"})
    with pytest.raises(Invalid, match="language 'fr' is not supported"):
        summarise(run_report(session, "reorder", shop_id=shop_id), "fr")
