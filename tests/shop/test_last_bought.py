""""她上次买的什么米": the last day one customer bought a product or any of a category, and what of it
(owner trial 4: the answer was her last visit's goods, a tin of rapeseed oil)."""

import datetime as dt
from decimal import Decimal

from assistant.shop.customer_purchases import last_bought
from assistant.shop.customers import add_customer
from assistant.shop.products import add_product
from assistant.shop.sales import SaleLine, log_sale, void_sale

TODAY = dt.date(2026, 3, 15)


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day} 10:00")


def test_her_last_rice_is_the_last_day_she_bought_any_rice_not_her_last_visit(session, shop_id):
    def product(name: str, category: str, unit: str, price: str):  # noqa: ANN202
        return add_product(session, shop_id=shop_id, name=name, category=category, unit=unit,
                           price=Decimal(price), channel="cli")

    jasmine, wuchang = product("泰国香米", "米", "袋", "75"), product("五常大米", "米", "袋", "98")
    oil = product("菜籽油", "油", "桶", "69.9")
    zhang = add_customer(session, shop_id=shop_id, name="张丽", channel="cli")
    other = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")

    def sell(who, day: str, *lines: SaleLine):  # noqa: ANN001, ANN202
        return log_sale(session, shop_id=shop_id, customer=who, channel="counter", sold_at=_at(day), lines=list(lines))

    sell(zhang, "2026-01-12", SaleLine(product=wuchang, quantity=Decimal("1")))
    sell(zhang, "2026-02-22", SaleLine(product=jasmine, quantity=Decimal("2")), SaleLine(product=oil, quantity=Decimal("1")))
    wrong = sell(zhang, "2026-03-01", SaleLine(product=wuchang, quantity=Decimal("3")))
    void_sale(session, shop_id=shop_id, sale_id=wrong.id, channel="counter")  # taken back: it does not count
    sell(zhang, "2026-03-15", SaleLine(product=oil, quantity=Decimal("1")))
    sell(other, "2026-03-10", SaleLine(product=jasmine, quantity=Decimal("2")))  # someone else's rice
    session.commit()

    rice = last_bought(session, shop_id=shop_id, customer=zhang, product="米", today=TODAY)
    assert rice.day == dt.date(2026, 2, 22)
    assert [(i.product, i.quantity, i.amount) for i in rice.items] == [("泰国香米", Decimal("2"), Decimal("150.00"))]
    assert rice.summary("zh") == "张丽上次买米是2月22号,买了泰国香米2袋(150元)。"
    # the chat's English rewrite turns the shop's names into English afterwards
    assert rice.summary("en") == "张丽 last bought 米 on February 22: 2 袋 泰国香米 (150 yuan)."
    oil_said = last_bought(session, shop_id=shop_id, customer=zhang, product="菜籽油", today=TODAY).summary("zh")
    assert oil_said == "张丽上次买菜籽油是今天,买了菜籽油1桶(69.9元)。"
    assert last_bought(session, shop_id=shop_id, customer=other, product="菜籽油", today=TODAY).summary("zh") \
        == "王秀英还没在店里买过菜籽油。"
