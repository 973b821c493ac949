"""Red team 14 (M1, W6, M8, M13): a customer's data asked in chat, an address and a lunar birthday said of a new
customer, a full name after a form of address, and "小石家谁有高血压" asked, not told."""

from assistant.language.addresses import moved_to
from assistant.language.called_name import called_name
from assistant.language.lunar_days import lunar_month_day, said_lunar
from assistant.language.privacy_asked import privacy_asked
from assistant.language.questions import asks_who_at_home


def test_erase_export_phone_off_and_opted_out_are_told_apart() -> None:
    assert privacy_asked("邓海说他的资料都要删掉") == "erase"
    assert privacy_asked("Deng Hai wants us to delete his info") == "erase"
    assert privacy_asked("李叔想看看我们记了他哪些东西,导出来给他") == "export"
    assert privacy_asked("把小赵的电话删掉") == "remove_phone"
    assert privacy_asked("谁不收消息") == "opted_out"
    assert privacy_asked("谁退订了") == "opted_out"


def test_an_undo_a_sale_or_a_phone_question_is_no_privacy_request() -> None:
    for text in ("撤销", "删掉刚才那笔", "王阿姨买了两袋米", "李叔电话多少", "小石家谁有高血压"):
        assert privacy_asked(text) is None, text


def test_where_she_lives_is_her_address() -> None:
    assert moved_to("陈小红住5栋3单元") == "5栋3单元"
    assert moved_to("她住在八栋一单元") == "8栋1单元"
    assert moved_to("她住哪") is None
    assert moved_to("住院了") is None


def test_a_lunar_day_is_read_and_known_lunar() -> None:
    assert lunar_month_day("她生日是腊月初八") == (12, 8)
    assert lunar_month_day("正月十五") == (1, 15)
    assert lunar_month_day("冬月廿三") == (11, 23)
    assert said_lunar("她生日是腊月初八")
    assert not said_lunar("她生日是3月5号")
    assert lunar_month_day("她生日是3月5号") is None


def test_the_name_said_after_jiao_is_her_full_name() -> None:
    assert called_name("又来了个王阿姨,叫王美华,住8栋1单元") == "王美华"
    assert called_name("新来个顾客叫陈小红,电话13805712233") == "陈小红"
    assert called_name("王阿姨买了米") is None


def test_who_in_a_named_household_is_a_question() -> None:
    assert asks_who_at_home("小石家谁有高血压")
    assert asks_who_at_home("who in xiao shi's family has high blood pressure")
    assert not asks_who_at_home("小石的老婆有高血压")
    assert not asks_who_at_home("王阿姨家有小孩")
