"""While a sale waits for its yes, its figures said again are about that read-back, not a new sale; and "no just
one box" is a correction like "no it's one box" (saleform11)."""

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.corrections import correct_sale, only_a_change, only_figures, restates_pending
from assistant.brain.proposals import SaleProposal

SALE = SaleProposal(customer_id=1, customer_name="李建国", lines=[
    {"product_id": 7, "product": "花生油", "quantity": "1", "unit": "桶", "amount": "89.9"}])


def _tracker(text: str, entities: dict[str, str], pending: dict | None) -> Tracker:
    latest = {"text": text, "intent": {"name": "log_sale"},
              "entities": [{"entity": name, "value": value} for name, value in entities.items()]}
    return Tracker("t", {"language": "zh", "pending": pending}, latest, [], False, None, {}, "action_listen")


def test_the_price_said_again_restates_the_waiting_sale():
    assert restates_pending(_tracker("八 十 九 块 九", {"amount": "89.9"}, SALE.to_slot()))
    assert restates_pending(_tracker("两桶", {"quantity": "2", "unit": "桶"}, SALE.to_slot()))


def test_a_new_sale_or_nothing_waiting_is_no_restatement():
    assert not restates_pending(_tracker("八十九块九", {"amount": "89.9"}, None))
    assert not restates_pending(_tracker("王阿姨买了两袋米", {"customer": "王阿姨", "quantity": "2"}, SALE.to_slot()))
    assert not restates_pending(_tracker("花生油", {"product": "花生油"}, SALE.to_slot()))


def test_only_figures():
    assert only_figures("89.9元") and only_figures("2 bags for 150")
    assert not only_figures("") and not only_figures("五常大米到了 进了二十袋")


def test_just_and_only_say_the_figure_instead():
    for said in ["no just one box", "no only 1 box", "不对 就一盒", "不对,只1盒", "no it's one box"]:
        assert only_a_change(said), said
    assert not only_a_change("no just one box of eggs for Mrs Wang please")


def test_a_no_with_a_wait_and_the_one_is_a_correction():
    for said in ["no wait, just the one bag, 75", "no, wait, it was 2 bags for 150", "不对,等等,是3袋"]:
        assert only_a_change(said), said
    assert not only_a_change("no wait, Mrs Wang bought the one bag")


def test_back_to_the_figure_before_is_a_correction_and_a_plain_never_mind_is_not():
    assert only_a_change("算了,还是两袋") and only_a_change("还是2袋")
    assert not only_a_change("算了") and not only_a_change("算了 还是不买了")


def test_back_to_two_bags_reads_the_waiting_sale_back_with_two_bags():
    three = SaleProposal(language="zh", customer_id=1, customer_name="赵敏", lines=[
        {"product_id": 3, "product": "挂面", "quantity": "3", "unit": "袋", "amount": "20.4", "price": "6.8"}])
    dispatcher = CollectingDispatcher()
    events = correct_sale(None, dispatcher, _tracker("算了,还是两袋", {"quantity": "2", "unit": "袋"}, three.to_slot()),
                          only_if_worded=True)
    assert events is not None
    said = " ".join(message["text"] for message in dispatcher.messages)
    assert "2袋" in said and "13.6" in said
