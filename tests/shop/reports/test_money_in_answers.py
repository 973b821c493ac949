"""Big takings are said the way the owner says them (the red team heard "3.04076e+07元")."""

from assistant.shop.reports import sales_summary, summarise


def test_a_million_yuan_day_is_read_out_in_wan(shop, pin_today):
    pin_today("2026-03-15")
    shop.product("茅台", category="酒", unit="箱", price="30407600")
    shop.sale(None, "茅台", 1, "2026-03-15")
    shop.sale(None, "茅台", 1, "2026-03-14", amount="1234.5")
    shop.session.commit()
    today = sales_summary(shop.session, shop_id=shop.shop_id)
    assert summarise(today, "zh") == "今天卖了3040万7600元,共1笔:茅台1箱。"
    assert summarise(today, "en") == "Takings today: 30,407,600 yuan from 1 sale: 1 箱 茅台."
    yesterday = sales_summary(shop.session, shop_id=shop.shop_id, start="2026-03-14", end="2026-03-14")
    assert "1234.5元" in summarise(yesterday, "zh") and "1234.5 yuan" in summarise(yesterday, "en")
