"""campaigns against comparable customers: the owner hears whether the difference could be chance."""

from assistant.shop.reports import campaigns, summarise


def test_campaigns_tell_whether_the_difference_could_be_chance(shop, pin_today):
    pin_today("2026-04-30")
    shop.product("东北大米", category="米", price="60")
    coupon = shop.promotion("满减券")
    for n in range(12):  # twelve users, ten came back within a week
        shop.customer(f"用券{n}")
        shop.sale(f"用券{n}", "东北大米", 1, "2026-02-02", promotion=coupon)
        if n < 10:
            shop.sale(f"用券{n}", "东北大米", 1, "2026-02-09")
    for n in range(12):  # twelve who shopped then without it, two came back
        shop.customer(f"没用{n}")
        shop.sale(f"没用{n}", "东北大米", 1, "2026-02-02")
        if n < 2:
            shop.sale(f"没用{n}", "东北大米", 1, "2026-02-20")
    shop.session.commit()
    item = campaigns(shop.session, shop_id=shop.shop_id).items[0]
    assert (item.customers, item.came_back, item.others, item.others_came_back) == (12, 10, 12, 2)
    assert not item.could_be_chance and item.difference_low > 0
    report = campaigns(shop.session, shop_id=shop.shop_id)
    assert summarise(report, "zh").endswith("同期没用满减券的12位顾客里17%30天内回来了,差别不像是巧合。")
    assert summarise(report, "en").endswith(
        "Of 12 customers who shopped then without it, 17% came back within 30 days; unlikely to be chance."
    )
