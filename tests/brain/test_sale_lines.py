"""Several goods in one spoken sale: each product with its own quantity, a total shared by list prices."""

from decimal import Decimal

from assistant.brain.proposals import SaleProposal
from assistant.brain.sale_lines import SpokenItem, split_total, spoken_items


def _e(entity, value, start):
    return {"entity": entity, "value": value, "start": start, "end": start + len(str(value))}


def test_each_quantity_goes_with_the_product_after_it():
    # "王阿姨买了2包挂面还有1袋盐", as the model tags it (positions in the normalised text)
    found = [_e("customer", "王阿姨", 0), _e("quantity", "2", 5), _e("unit", "包", 6), _e("product", "挂面", 7),
             _e("quantity", "1", 11), _e("unit", "袋", 12), _e("product", "盐", 13)]
    assert spoken_items(found) == [SpokenItem("挂面", Decimal("2"), "包"), SpokenItem("盐", Decimal("1"), "袋")]


def test_a_quantity_said_after_its_product():
    found = [_e("product", "挂面", 0), _e("quantity", "2包", 2), _e("product", "盐", 5), _e("quantity", "1袋", 6)]
    assert spoken_items(found) == [SpokenItem("挂面", Decimal("2"), "包"), SpokenItem("盐", Decimal("1"), "袋")]


def test_a_product_without_a_quantity_and_one_named_twice():
    found = [_e("quantity", "2", 0), _e("unit", "袋", 1), _e("product", "米", 2), _e("product", "油", 5),
             _e("product", "油", 5)]  # two extractors, one span
    assert spoken_items(found) == [SpokenItem("米", Decimal("2"), "袋"), SpokenItem("油", None, None)]


def test_english_goods_in_order():
    found = [_e("customer", "auntie wang", 0), _e("quantity", "2", 19), _e("unit", "bags", 21),
             _e("product", "northeast rice", 29), _e("unit", "box", 50), _e("product", "eggs", 57)]
    assert spoken_items(found) == [SpokenItem("northeast rice", Decimal("2"), "bags"), SpokenItem("eggs", None, "box")]


def test_no_product_no_items():
    assert spoken_items([_e("quantity", "2", 0)]) == []


def test_a_total_is_shared_by_list_prices_to_the_cent():
    assert split_total([Decimal("118"), Decimal("69.9")], Decimal("200")) == [Decimal("125.60"), Decimal("74.40")]
    shares = split_total([Decimal("1"), Decimal("1"), Decimal("1")], Decimal("10"))
    assert sum(shares) == Decimal("10") and shares[0] == Decimal("3.33")
    assert split_total([], Decimal("5")) == []


def _two_goods() -> SaleProposal:
    return SaleProposal(customer_id=1, customer_name="王秀英", lines=[
        {"product_id": 1, "product": "东北大米", "quantity": "2", "unit": "袋", "amount": "118", "price": "59",
         "usual": True},
        {"product_id": 2, "product": "菜籽油", "quantity": "1", "unit": "桶", "amount": "69.9", "price": "69.9"}])


def test_two_goods_are_read_back_together():
    sale = _two_goods()
    assert sale.describe() == "王秀英 买 东北大米 2袋(平时买的)、菜籽油 1桶,共 187.9元。对吗?"
    assert "bought 2 bags of 东北大米 (the usual one) and 1 " in sale.describe("en")  # names: the chat's rewrite


def test_a_total_said_for_two_goods_and_one_amount_each():
    total = _two_goods().with_amounts([Decimal("200")])
    assert total.total == Decimal("200") and [line["amount"] for line in total.lines] == ["125.60", "74.40"]
    each = _two_goods().with_amounts([Decimal("110"), Decimal("60")])
    assert [line["amount"] for line in each.lines] == ["110", "60"] and each.total == Decimal("170")


def test_a_correction_of_two_goods_edits_the_one_sold_by_that_unit():
    sale = _two_goods().corrected(quantity=Decimal("2"), unit="桶")
    assert [line["quantity"] for line in sale.lines] == ["2", "2"] and sale.total == Decimal("257.80")


def test_several_goods_resume_after_which_one():
    from assistant.brain.clarify import choice, chosen_entities
    from assistant.brain.sale_lines import goods_entities

    said = [SpokenItem("东北大米", Decimal("2"), "袋"), SpokenItem("油", Decimal("1"), "桶"), SpokenItem("盐", None, None)]
    pending = choice(intent="log_sale", slot="product", entities={"customer": "王秀英", **goods_entities(said)},
                     options=[{"value": "菜籽油", "label": "菜籽油"}, {"value": "花生油", "label": "花生油"}], index=1)
    resumed = chosen_entities(pending, "菜籽油")
    assert resumed["product"] == ["东北大米", "菜籽油", "盐"] and resumed["customer"] == "王秀英"
    trigger = [{"entity": kind, "value": value, "start": 9, "end": 80}  # as Rasa parses "/log_sale{...}"
               for kind, values in resumed.items() if kind != "customer" for value in values]
    assert spoken_items(trigger) == [SpokenItem("东北大米", Decimal("2"), "袋"), SpokenItem("菜籽油", Decimal("1"), "桶"),
                                     SpokenItem("盐", None, None)]


def test_a_plain_choice_replaces_the_value():
    from assistant.brain.clarify import choice, chosen_entities

    pending = choice(intent="ask_customer_profile", slot="customer", entities={"customer": "王阿姨"}, options=[])
    assert chosen_entities(pending, "汪桂兰") == {"customer": "汪桂兰"}


def test_a_unit_before_the_first_product_says_quantities_come_first():
    # "a bottle of dark soy sauce and two packs of noodles": "a" is no tagged quantity
    found = [_e("unit", "bottle", 2), _e("product", "dark soy sauce", 12), _e("quantity", "2", 31),
             _e("unit", "packs", 33), _e("product", "noodles", 42)]
    assert spoken_items(found) == [SpokenItem("dark soy sauce", None, "bottle"), SpokenItem("noodles", Decimal("2"), "packs")]


def test_every_amount_said_counts_even_twice_the_same():
    from assistant.brain.sale_lines import said_amounts

    found = [_e("product", "挂面", 0), _e("amount", "10", 2), _e("product", "盐", 5), _e("amount", "10", 6),
             _e("amount", "10", 6)]  # two extractors, one span
    assert said_amounts(found) == [Decimal("10"), Decimal("10")]
    trigger = [{"entity": kind, "value": value, "start": 9, "end": 70} for kind, value in
               [("product", "挂面"), ("product", "食盐"), ("amount", "10"), ("amount", "10")]]
    assert said_amounts(trigger) == [Decimal("10"), Decimal("10")]  # a resumed sale: one place for all


def test_a_bare_number_goes_to_the_figure_it_is_nearer_in_ratio():
    from assistant.brain.sale_lines import nearer_figure

    assert nearer_figure(Decimal("5"), Decimal("4"), Decimal("27.2")) == "quantity"
    assert nearer_figure(Decimal("100"), Decimal("2"), Decimal("118")) == "amount"
    assert nearer_figure(Decimal("50"), Decimal("1"), Decimal("59")) == "amount"
    assert nearer_figure(Decimal("3"), Decimal("1"), Decimal("59")) == "quantity"
    assert nearer_figure(Decimal("30"), None, Decimal("59")) == "amount"  # a tab of an amount only


def test_goods_only_named_in_a_question_or_advice_are_not_bought():
    # the long English message on the phone page: rice bought; soy sauce asked about; salt the doctor's advice
    text = ("auntie wang came in and she bought 2 bags of the northeast rice and also she was asking whether we "
            "would be getting any more of the low sodium soy sauce because her husband has high blood pressure "
            "and the doctor told him to cut down on salt and she paid 118 in cash")
    found = [_e("customer", "auntie wang", 0), _e("quantity", "2", 35), _e("unit", "bags", 37),
             _e("product", "northeast rice", 49), _e("product", "low sodium soy sauce", 132),
             _e("product", "salt", 236), _e("quantity", "118", 254)]
    assert [text[f["start"]:f["end"]] for f in found] == [f["value"] for f in found]
    assert spoken_items(found, text) == [SpokenItem("northeast rice", Decimal("2"), "bags")]


def test_bare_goods_joined_to_goods_bought_are_bought():
    text = "王阿姨买了2袋米还有油"
    found = [_e("quantity", "2", 5), _e("unit", "袋", 6), _e("product", "米", 7), _e("product", "油", 10)]
    assert spoken_items(found, text) == [SpokenItem("米", Decimal("2"), "袋"), SpokenItem("油", None, None)]
    text = "2 bags of rice and some salt"
    found = [_e("quantity", "2", 0), _e("unit", "bags", 2), _e("product", "rice", 10), _e("product", "salt", 24)]
    assert spoken_items(found, text) == [SpokenItem("rice", Decimal("2"), "bags"), SpokenItem("salt", None, None)]


def _tagged(text: str, *said: tuple[str, str]) -> list[dict]:
    """Entities at their places in ``text``, each found after the one before."""
    found, place = [], 0
    for kind, value in said:
        start = text.index(value, place)
        found.append({"entity": kind, "value": value, "start": start, "end": start + len(value)})
        place = start + len(value)
    return found


def test_goods_taken_back_and_said_again_are_left_out():
    # Red team 16 W1: the neighbour's oil "先别记这个", and "就记王阿姨的两袋米" (the rice again) were both sold.
    text = ("王阿姨买了2袋东北大米118块她说下次还要再来买的时候顺便帮她楼下的邻居张大妈带1桶花生油但是张大妈还没确定要不要"
            "所以你先别记这个就记王阿姨的2袋米就可以了谢谢")
    found = _tagged(text, ("customer", "王阿姨"), ("quantity", "2"), ("unit", "袋"), ("product", "东北大米"),
                    ("amount", "118"), ("customer", "张大妈"), ("quantity", "1"), ("unit", "桶"), ("product", "花生油"),
                    ("customer", "王阿姨"), ("quantity", "2"), ("unit", "袋"), ("product", "米"))
    assert spoken_items(found) == [SpokenItem("东北大米", Decimal("2"), "袋"), SpokenItem("花生油", Decimal("1"), "桶"),
                                   SpokenItem("米", Decimal("2"), "袋")]  # the model's goods, as tagged
    assert spoken_items(found, text) == [SpokenItem("东北大米", Decimal("2"), "袋")]


def test_goods_taken_back_in_english_and_goods_kept():
    text = "auntie wang bought 2 bags of northeast rice and 1 jug of peanut oil, but don't record that, and 1 box of eggs"
    found = _tagged(text, ("quantity", "2"), ("unit", "bags"), ("product", "northeast rice"), ("quantity", "1"),
                    ("unit", "jug"), ("product", "peanut oil"), ("quantity", "1"), ("unit", "box"), ("product", "eggs"))
    assert spoken_items(found, text) == [SpokenItem("northeast rice", Decimal("2"), "bags"),
                                         SpokenItem("eggs", Decimal("1"), "box")]


def test_the_same_goods_twice_without_taking_back_stay_two_lines():
    # no goods taken back and no "就记": two bags of northeast rice and two of rice are two lines, as said
    text = "王阿姨买了2袋东北大米还有2袋米"
    found = _tagged(text, ("quantity", "2"), ("unit", "袋"), ("product", "东北大米"), ("quantity", "2"), ("unit", "袋"),
                    ("product", "米"))
    assert len(spoken_items(found, text)) == 2
