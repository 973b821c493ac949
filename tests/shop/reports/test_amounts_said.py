""""two fifty" / "one twenty" said of goods: 250 / 120 yuan, not 2.50 / 1.20; "nine eighty" of vinegar stays 9.80."""

from decimal import Decimal

import pytest

from assistant.shop.amounts_said import hundreds_reading, meant_amount, meant_amounts


@pytest.fixture
def shelf(shop):
    shop.product("东北大米", category="米", price="59")
    shop.product("食盐", category="调料", price="3")
    shop.product("香醋", category="调料", unit="瓶", price="9.8")
    shop.session.commit()
    return shop


def test_the_hundreds_a_short_price_could_mean():
    assert hundreds_reading(Decimal("2.5"), "put two fifty on auntie wang's tab") == Decimal(250)
    assert hundreds_reading(Decimal("1.2"), "auntie wang bought rice one twenty") == Decimal(120)
    assert hundreds_reading(Decimal("12.5"), "soy sauce twelve fifty") is None  # two digits: yuan and fen
    assert hundreds_reading(Decimal("2.5"), "2.5元") is None


def test_with_no_goods_the_cheapest_product_decides(shelf):
    meant = lambda said, text: meant_amount(shelf.session, shop_id=shelf.shop_id, said=Decimal(said), text=text)  # noqa: E731
    assert meant("2.5", "put two fifty on auntie wang's tab") == Decimal(250)
    assert meant("1.2", "uncle li owes one twenty") == Decimal(120)
    assert meant("9.8", "sister zhang paid nine eighty") == Decimal("9.8")  # vinegar costs that
    assert meant("250", "王阿姨赊了250") == Decimal(250)


def test_with_goods_the_nearer_reading_to_their_list_price(shelf):
    said = meant_amounts(shelf.session, shop_id=shelf.shop_id, said=[Decimal("1.2")],
                         text="auntie wang bought rice one twenty", listed=[Decimal(59)])
    assert said == [Decimal(120)]
    said = meant_amounts(shelf.session, shop_id=shelf.shop_id, said=[Decimal("9.8")],
                         text="a bottle of vinegar nine eighty", listed=[Decimal("9.8")])
    assert said == [Decimal("9.8")]
