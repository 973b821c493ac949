"""Kept-aside conversations #11: a correction said with a filler in front or nothing tagged still puts the waiting
read-back right ("哦 不 对 三 袋", "说错了,是一袋", "sorry, only 2 bags", "哦 不 是 十五 是 十二 桶")."""

from actions.confirm import ActionDeny
from actions.sales import ActionProposeUndo
from actions.stock import ActionProposeStockIn


def _sale_of_two(conversation):
    from actions.sales import ActionProposeSale

    return conversation.run(ActionProposeSale, text="李叔两袋东北大米", intent="log_sale",
                            entities={"customer": "李叔", "product": "东北大米", "quantity": "2", "unit": "袋"},
                            sale_customer="李叔", sale_product="东北大米", sale_quantity="2", sale_unit="袋")


def test_a_no_with_a_filler_and_an_untagged_count_corrects_the_sale(shop_db, conversation):
    assert "2袋" in _sale_of_two(conversation)[0]
    said = conversation.run(ActionDeny, text="哦 不 对 三 袋", intent="deny")
    assert "3袋" in said[0] and "对吗" in said[0]


def test_said_wrong_heard_as_undo_corrects_the_waiting_sale(shop_db, conversation):
    _sale_of_two(conversation)
    said = conversation.run(ActionProposeUndo, text="说错了,是一袋", intent="undo_last",
                            entities={"quantity": "1", "unit": "袋"})
    assert "1袋" in said[0] and "对吗" in said[0]


def test_sorry_only_two_heard_as_a_delivery_corrects_the_sale(shop_db, conversation):
    _sale_of_two(conversation)
    said = conversation.run(ActionProposeStockIn, text="sorry, only 1 bag", intent="log_stock_in")
    assert "1袋" in said[0] and "对吗" in said[0]


def test_a_delivery_corrected_after_a_filler(shop_db, conversation):
    conversation.run(ActionProposeStockIn, text="进了15桶花生油", intent="log_stock_in",
                     entities={"product": "花生油", "quantity": "15", "unit": "桶"})
    said = conversation.run(ActionDeny, text="哦 不 是 十五 是 十二 桶", intent="deny")
    assert said == ["花生油进货12桶。对吗?"]
