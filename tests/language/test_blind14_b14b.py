"""Blind 14, helper b14b: "sorry, 12" puts a waiting delivery right, "行,入库吧" says yes, "添了个小孙子" is the
有小孩 tag, "接下来七天" asks the coming days."""

from decimal import Decimal

from assistant.language.answers import says_yes
from assistant.language.corrections_said import figure_instead
from assistant.language.dates import says_coming_days
from assistant.shop.tags import tags_meant, tags_said


def test_a_figure_after_a_lead_in_is_the_figure_instead():
    assert figure_instead("sorry, 12") == Decimal("12")
    assert figure_instead("oops 9 bottles") == Decimal("9")
    assert figure_instead("等等 是12袋") == Decimal("12")


def test_no_lead_in_or_more_words_is_no_figure_instead():
    assert figure_instead("12") is None
    assert figure_instead("sorry, 12 bags of rice for auntie wang") is None
    assert figure_instead("sorry") is None


def test_put_in_stock_says_yes():
    assert says_yes("行,入库吧")
    assert says_yes("可以,入库了")
    assert not says_yes("入库多少")


def test_so_many_coming_days_are_the_coming_days():
    assert says_coming_days("接下来七天谁过生日?")
    assert says_coming_days("未来五天有哪些顾客过生日")
    assert says_coming_days("who has a birthday in the next 7 days")
    assert not says_coming_days("接下来三十天谁过生日")
    assert not says_coming_days("今天谁过生日")


def test_a_child_come_into_the_household_is_the_child_tag():
    known = ["有小孩", "素食"]
    assert tags_meant(["添了个"], "刘女士家里添了个小孙子", known) == ["有小孩"]
    assert tags_said("孙阿姨家生了个大胖小子", known) == ["有小孩"]
    assert tags_said("她家没生孩子", known) == []


def test_a_figure_said_as_money_is_instead_only_where_money_is_meant() -> None:
    """One reading of "a word of second thoughts, then a figure": a delivery's count never takes yuan, a
    repayment's amount does (the cue that makes it a correction asks with money)."""
    from assistant.language.corrections_said import figure_instead

    assert figure_instead("actually 30 yuan") is None
    assert figure_instead("actually 30 yuan", money=True) == 30
    assert figure_instead("其实是三十块", money=True) == 30
    assert figure_instead("sorry, 12 bags") == 12
