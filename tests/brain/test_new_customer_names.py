"""A nickname right after 新顾客 is the new customer's name; "lim" of "an account for fatty lim" is cut short
(red team 17, M3 and M4)."""

from __future__ import annotations

from assistant.brain.unseen_names import with_new_customer_name, with_unseen_name


def _found(entities: list[dict]) -> list[tuple[str, str]]:
    return [(entity["entity"], entity["value"]) for entity in entities]


def test_a_nickname_after_the_new_customer_words_is_her_name() -> None:
    text = "新顾客大嘴电话13600006666"
    phone = {"entity": "phone", "start": 7, "end": 18, "value": "13600006666"}
    assert _found(with_unseen_name([phone], text, {})) == [("customer", "大嘴"), ("phone", "13600006666")]
    assert _found(with_new_customer_name([], "新来的二丫住5栋", {})) == [("customer", "二丫")]


def test_a_name_cut_short_after_the_new_customer_words_is_made_whole() -> None:
    text = "open an account for fatty lim, phone 13911113333"
    lim = {"entity": "customer", "start": 26, "end": 29, "value": "lim", "confidence_entity": 0.9}
    whole = with_new_customer_name([lim], text, {})
    assert _found(whole) == [("customer", "fatty lim")] and whole[0]["start"] == 20


def test_the_model_s_own_name_another_entity_or_a_known_word_is_left_alone() -> None:
    chen = {"entity": "customer", "start": 3, "end": 6, "value": "陈女士"}
    assert with_new_customer_name([chen], "新顾客陈女士,电话13800001111", {}) == [chen]
    product = {"entity": "product", "start": 3, "end": 5, "value": "小米"}
    assert with_new_customer_name([product], "新来的小米 多少钱", {}) == [product]
    assert with_new_customer_name([], "新顾客大嘴", {"大嘴": "product"}) == []
    # a Latin name is added too since kept-aside #15 ("New customer: Emma Clarke, phone …"), but never a phone word
    assert with_new_customer_name([], "new customer, phone 13911113333", {}) == []


def test_the_new_customer_words_are_not_part_of_her_name() -> None:
    # "新来的顾客阿京" was added as 顾客阿京, and "新来的顾客 钱多多" found no name at all (lead, session 18)
    text = "新来的顾客阿京手机13600001111"
    model = {"entity": "customer", "start": 3, "end": 7, "value": "顾客阿京"}
    assert _found(with_new_customer_name([model], text, {})) == [("customer", "阿京")]
    assert _found(with_new_customer_name([], "新来的顾客钱多多电话13600001111", {})) == [("customer", "钱多多")]
    assert _found(with_new_customer_name([], "又来了个新顾客叫胖婶", {})) == [("customer", "胖婶")]
    assert _found(with_new_customer_name([], "新来的1位顾客钱多多电话13600002222", {})) == [("customer", "钱多多")]


def test_an_english_name_after_new_customer_is_hers() -> None:
    # kept-aside #15: "New customer: Emma Clarke, phone …" asked for the name she had just said
    text = "new customer: emma clarke, phone 13944445555"
    assert _found(with_new_customer_name([], text, {})) == [("customer", "emma clarke")]
    assert _found(with_new_customer_name([], "new customer anna phone 13912345678", {})) == [("customer", "anna")]
    assert with_new_customer_name([], "new customer who lives in block 5", {}) == []
