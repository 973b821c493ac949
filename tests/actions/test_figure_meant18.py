"""Kept-aside conversations #15: "不 是 六 袋 是 九 袋" while a sale is read back takes the figure after 是 (nine
bags), never the one denied, whatever order the model tagged the two counts in."""

from actions.sales import ActionProposeSale


def _sale_of_three(conversation):
    return conversation.run(ActionProposeSale, text="李叔三袋东北大米", intent="log_sale",
                            entities={"customer": "李叔", "product": "东北大米", "quantity": "3", "unit": "袋"},
                            sale_customer="李叔", sale_product="东北大米", sale_quantity="3", sale_unit="袋")


def test_not_three_bags_but_five_reads_back_five(shop_db, conversation):
    assert "3袋" in _sale_of_three(conversation)[0]
    said = conversation.run(ActionProposeSale, text="不是3袋是5袋", intent="log_sale",
                            entities=[{"entity": "quantity", "value": "3"}, {"entity": "unit", "value": "袋"},
                                      {"entity": "quantity", "value": "5"}, {"entity": "unit", "value": "袋"}])
    assert "5袋" in said[0] and "对吗" in said[0]


def test_five_bags_not_three_reads_back_five(shop_db, conversation):
    _sale_of_three(conversation)
    said = conversation.run(ActionProposeSale, text="是5袋不是3袋", intent="log_sale",
                            entities=[{"entity": "quantity", "value": "5"}, {"entity": "unit", "value": "袋"},
                                      {"entity": "quantity", "value": "3"}, {"entity": "unit", "value": "袋"}])
    assert "5袋" in said[0]


def test_a_name_denied_for_another_still_corrects_the_customer(shop_db, conversation):
    _sale_of_three(conversation)
    said = conversation.run(ActionProposeSale, text="不是李叔是王阿姨", intent="log_sale",
                            entities=[{"entity": "customer", "value": "李叔", "start": 2, "end": 4},
                                      {"entity": "customer", "value": "王阿姨", "start": 5, "end": 8}])
    assert "王秀英" in said[0] and "3袋" in said[0]
