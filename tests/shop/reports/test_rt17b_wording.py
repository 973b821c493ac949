"""Red team 17 (helper rt17b): an English "no sales" names the product asked about (A1); the profile's tab is
"his" / "their" as the customer's titles say (A2)."""

from decimal import Decimal

from assistant.shop.profile import Profile
from assistant.shop.reports import sales_summary, summarise


def test_no_sales_of_a_product_names_it_in_english(shop, pin_today):
    pin_today("2026-03-15")
    shop.product("低筋面粉", category="面", unit="袋", price="24")
    shop.session.commit()
    flour = sales_summary(shop.session, shop_id=shop.shop_id, start="2026-03-01", end="2026-03-15", product="低筋面粉")
    assert summarise(flour, "en") == "No 低筋面粉 sold March 1 to March 15."  # the chat says it "cake flour"
    assert summarise(flour, "zh") == "3月1日到3月15日没卖低筋面粉。"
    everything = sales_summary(shop.session, shop_id=shop.shop_id)
    assert summarise(everything, "en") == "No sales today."


def _profile(name: str, aliases: list[str]) -> Profile:
    return Profile(customer_id=1, name=name, aliases=aliases, household=None, phone=None, birthday=None, tags=[],
                   notes=None, marketing_consent=True, tab={"balance": "13.6"}, spent=Decimal("0"))


def test_the_tab_in_a_profile_is_his_hers_or_theirs():
    assert "On his tab: 13.6 yuan." in _profile("Uncle Li", ["李叔", "Uncle Li"]).summarise("en")
    assert "On her tab: 13.6 yuan." in _profile("Mrs Liu", ["刘女士", "Mrs Liu"]).summarise("en")
    assert "On their tab: 13.6 yuan." in _profile("Master Zhou", ["周师傅"]).summarise("en")
