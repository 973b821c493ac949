"""Composing a greeting's text on both databases: what the shop knows of her, the seed, the opt-out line."""

from __future__ import annotations

import datetime as dt

from assistant.shop.greetings.compose import compose_greeting


def test_composed_greeting_uses_what_the_shop_knows(session, shop):
    today = dt.date(2026, 3, 15)
    text = compose_greeting(session, customer=shop["liu"], occasion="生日", language="zh", offer="一小瓶香油",
                            today=today)
    assert text.startswith("刘女士") and "生日" in text
    assert "东北大米" in text and "花生油" not in text  # her habit; voided sales do not count
    assert "一小瓶香油" in text and "测试粮油" in text
    assert text.endswith("回复T退订")

    english = compose_greeting(session, customer=shop["liu"], occasion="birthday", language="en", today=today)
    assert "Mrs Liu" in english and "birthday" in english.lower() and "rice" in english
    assert english.endswith("Reply STOP to opt out.")


def test_template_choice_is_fixed_by_the_seed(session, shop):
    def compose(seed):
        return compose_greeting(session, customer=shop["liu"], occasion="中秋", language="zh", seed=seed)

    assert compose(7) == compose(7)
    assert len({compose(seed) for seed in range(12)}) > 1
    assert all("中秋" in compose(seed) for seed in range(12))


def test_without_a_seed_the_choice_is_fixed_for_the_year(session, shop):
    def compose(day: dt.date) -> str:
        return compose_greeting(session, customer=shop["liu"], occasion="生日", language="zh", today=day)

    assert compose(dt.date(2026, 3, 15)) == compose(dt.date(2026, 11, 2))  # asked again later that year
    assert len({compose(dt.date(year, 3, 15)) for year in range(2020, 2032)}) > 1  # a new one next year


def test_greeting_for_a_new_customer_and_an_unlisted_occasion(session, shop):
    text = compose_greeting(session, customer=shop["li"], occasion="国庆", language="zh", seed=1)
    assert text.startswith("李叔") and "国庆" in text and text.endswith("回复T退订")
    english = compose_greeting(session, customer=shop["li"], occasion="新品到货", arrival="sesame oil",
                               language="en", seed=1)
    assert english.startswith(("Li Jianguo", "Good news, Li Jianguo")) and "sesame oil" in english
