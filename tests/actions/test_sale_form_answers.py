"""What the owner says while the sale form asks: a bare quantity answers "买了多少?" (owner trial 12, M2); a whole
new sale or nonsense said while it asks which product is not that product's name (M8)."""

from actions.sales import ActionProposeSale


def test_a_bare_quantity_the_model_took_for_a_delivery_answers_how_many(shop_db, conversation):
    said = conversation.run(ActionProposeSale, text="两袋", intent="log_stock_in",
                            entities={"quantity": "2", "unit": "袋"}, sale_customer="王阿姨",
                            sale_product="东北大米", sale_quantity="2", sale_unit="袋")
    assert said == ["王秀英 买 东北大米 2袋,共 120元。对吗?"]


def test_a_delivery_said_in_full_while_the_form_asks_is_still_a_delivery(shop_db, conversation):
    said = conversation.run(ActionProposeSale, text="五常大米到了 进了二十袋", intent="log_stock_in",
                            entities={"product": "五常大米", "quantity": "20", "unit": "袋"},
                            sale_product="五常大米", sale_quantity="20", sale_unit="袋")
    assert said[0] == "刚才那笔销售没记。" and "五常大米" in said[1]
