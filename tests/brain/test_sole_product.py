"""A waiting write names the one product a question without goods asks about ("现在还有几桶?" while a delivery waits)."""

from assistant.brain.proposals import CreditProposal, Proposal, SaleProposal, StockInProposal
from assistant.language.goods_asked import goods_asked_about


def _line(product: str) -> dict:
    return {"product_id": 1, "product": product, "aliases": [], "quantity": "1", "unit": "桶", "amount": "69.9"}


def test_a_delivery_or_sale_of_one_product_names_it_and_of_several_names_none():
    one = StockInProposal(product_id=2, product="花生油", unit="桶", quantity="6")
    assert one.sole_product() == "花生油"
    assert Proposal.from_slot(one.to_slot()).sole_product() == "花生油"
    several = StockInProposal(product_id=2, product="花生油", unit="桶", quantity="6",
                              others=[{"product_id": 3, "product": "菜籽油", "aliases": [], "unit": "桶", "quantity": "2"}])
    assert several.sole_product() is None
    assert SaleProposal(customer_id=1, customer_name="王秀英", lines=[_line("菜籽油")]).sole_product() == "菜籽油"
    assert SaleProposal(customer_id=1, customer_name="王秀英", lines=[_line("菜籽油"), _line("花生油")]).sole_product() is None
    assert CreditProposal(customer_id=1, customer_name="王秀英", lines=[_line("菜籽油")]).sole_product() is None


def test_a_time_word_where_the_goods_would_stand_names_no_goods():
    for text in ["现在还有几桶?", "目前还剩几桶", "now how many are left"]:
        assert goods_asked_about(text) is None, text
    assert goods_asked_about("榴莲还有多少") == "榴莲"
