"""A sale is read back, written only on "yes", and can be taken back — on both databases."""

from decimal import Decimal

from sqlalchemy import func, select

from actions.confirm import ActionAffirm, ActionDeny
from actions.consent import ActionProposeConsent
from actions.customers import ActionCustomerProfile
from actions.sale_form import ValidateSaleForm
from actions.sales import ActionProposeSale, ActionProposeUndo
from actions.stock import ActionProposeStockIn
from assistant.db import session_scope
from assistant.db.models import Customer, Product, Sale
from assistant.shop.sales_query import active_sale_items


def _stocked(engine, *names: str) -> None:
    """Ten of each product on the shelf: a read-back of a sale within the stock ends "对吗?"."""
    from assistant.shop.stock import stock_in

    with session_scope(engine) as session:
        for name in names:
            product = session.execute(select(Product).where(Product.name == name)).scalar_one()
            stock_in(session, product=product, quantity=Decimal("10"), channel="cli")


def _count_active(engine) -> int:
    with session_scope(engine) as session:
        return session.execute(select(func.count()).select_from(active_sale_items().subquery())).scalar()


def test_sale_read_back_written_on_yes_and_undone(shop_db, conversation):
    said = conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="东北大米", sale_quantity="2",
                            sale_unit="袋")
    assert said == ["王秀英 买 东北大米 2袋,共 120元。对吗?"]
    assert _count_active(shop_db) == 0  # nothing is written before the owner confirms

    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    assert _count_active(shop_db) == 1
    with session_scope(shop_db) as session:
        assert session.execute(select(Product.stock).where(Product.name == "东北大米")).scalar() == Decimal("18")

    assert conversation.run(ActionProposeUndo, intent="undo_last")[0].startswith("撤销刚才那笔(王秀英 买 东北大米")
    assert conversation.run(ActionAffirm, intent="affirm") == ["已撤销。"]
    assert _count_active(shop_db) == 0
    with session_scope(shop_db) as session:
        assert session.execute(select(func.count(Sale.id))).scalar() == 2  # the sale and its void


def test_said_amount_wins_over_price(shop_db, conversation):
    said = conversation.run(ActionProposeSale, sale_customer="Auntie Wang", sale_product="东北大米",
                            sale_quantity="2", sale_amount="110")
    assert said == ["王秀英 买 东北大米 2袋,共 110元。对吗?"]


def test_no_means_nothing_written(shop_db, conversation):
    conversation.run(ActionProposeSale, sale_product="东北大米", sale_quantity="1")
    assert conversation.run(ActionDeny, intent="deny") == ["好,不记了。"]
    assert conversation.slot("pending") is None
    assert conversation.run(ActionAffirm, intent="affirm") == ["现在没有要确认的内容。"]  # never "好的" without a write
    assert _count_active(shop_db) == 0


def test_spoken_homophones_are_asked_about(shop_db, conversation):
    said = conversation.run(ActionCustomerProfile, text="汪 阿姨 平时 买 什么", intent="ask_customer_profile",
                            entities={"customer": "汪 阿姨"}, channel="phone")
    pending = conversation.slot("pending")  # speech cannot tell 王 from 汪: ask instead of guessing
    assert pending["kind"] == "choose" and {o["value"] for o in pending["options"]} == {"王秀英", "汪桂兰"}
    assert "3栋" in said[0] and "5栋" in said[0]


def test_typed_exact_alias_wins_over_a_homophone(shop_db, conversation):
    said = conversation.run(ActionCustomerProfile, text="汪阿姨平时买什么", intent="ask_customer_profile",
                            entities={"customer": "汪阿姨"})
    assert said[0].startswith("汪桂兰") and conversation.slot("pending") is None


def test_unknown_customer_offers_to_add(shop_db, conversation):
    said = conversation.run(ActionCustomerProfile, text="赵老板平时买什么", intent="ask_customer_profile",
                            entities={"customer": "赵老板"})
    assert said == ["没找到叫“赵老板”的顾客。要添加为新顾客吗?"]
    conversation.run(ActionAffirm, intent="affirm")
    with session_scope(shop_db) as session:
        assert session.execute(select(Customer.name).where(Customer.name == "赵老板")).scalar() == "赵老板"


def test_opt_out_recorded_after_yes(shop_db, conversation):
    said = conversation.run(ActionProposeConsent, text="王阿姨不想收消息了", intent="opt_out",
                            entities={"customer": "王阿姨"})
    assert said == ["王秀英以后不再收店里的消息。对吗?"]
    conversation.run(ActionAffirm, intent="affirm")
    with session_scope(shop_db) as session:
        assert session.execute(select(Customer.marketing_consent).where(Customer.name == "王秀英")).scalar() is False


def test_stock_in_english(shop_db, conversation):
    conversation.slots["language"] = "en"
    said = conversation.run(ActionProposeStockIn, text="20 bottles of peanut oil arrived", intent="log_stock_in",
                            entities={"product": "peanut oil", "quantity": "20"})
    assert said == ["20 jugs of peanut oil arrived. Right?"]
    assert conversation.run(ActionAffirm, intent="affirm") == ["Done, it's recorded."]
    with session_scope(shop_db) as session:
        assert session.execute(select(Product.stock).where(Product.name == "花生油")).scalar() == Decimal("20")


def test_a_repeated_yes_writes_once(shop_db, conversation):
    """A "yes" that arrives twice for the same read-back (a retried request, a reply lost in a restart)."""
    conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="东北大米", sale_quantity="1")
    waiting = conversation.slot("pending")
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    conversation.slots["pending"] = waiting  # the conversation's record of the answer was lost
    assert conversation.run(ActionAffirm, intent="affirm") == ["这笔已经记好了。"]
    assert _count_active(shop_db) == 1
    assert conversation.slot("last_write")["written"]["sale_id"]  # "undo" still knows what to take back


def test_nothing_waiting_in_english(shop_db, conversation):
    conversation.slots["language"] = "en"
    assert conversation.run(ActionAffirm, intent="affirm") == ["Nothing is waiting for a yes."]


def _history(engine, customer: str, product: str, visits: int) -> None:
    from assistant.shop.sales import SaleLine, log_sale

    with session_scope(engine) as session:
        who = session.execute(select(Customer).where(Customer.name == customer)).scalar_one()
        goods = session.execute(select(Product).where(Product.name == product)).scalar_one()
        for _ in range(visits):
            log_sale(session, shop_id=who.shop_id, customer=who, lines=[SaleLine(product=goods, quantity=Decimal(1))],
                     channel="cli")


def _product_answer(context, value: str, *, text: str = "", intent: str = "log_sale", **slots) -> dict:
    """What the sale form makes of ``value`` said while it asks which product."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    latest = {"text": text or value, "intent": {"name": intent, "confidence": 1.0}, "entities": [],
              "metadata": {"channel": "chat"}}
    tracker = Tracker("t", {"language": "zh", **slots}, latest, [], False, None, {}, "action_listen")
    return ValidateSaleForm(context).validate_sale_product(value, CollectingDispatcher(), tracker, {})


def test_a_category_means_what_she_usually_buys(shop_db, shop_context, conversation):
    _history(shop_db, "王秀英", "东北大米", 3)
    found = _product_answer(shop_context, "米", sale_customer="王阿姨")
    assert found == {"sale_product": "米"}  # no "which rice?": she has a habit
    said = conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="米", sale_quantity="2",
                            sale_unit="袋")
    assert said == ["王秀英 买 东北大米 2袋(平时买的就是这个),共 120元。对吗?"]


def test_without_a_habit_a_category_is_asked(shop_context):
    found = _product_answer(shop_context, "米", sale_customer="李叔")
    assert found["sale_product"] is None and found["pending"]["kind"] == "choose"


def test_yes_is_never_a_product(shop_context):
    for answer, said_intent in (("对", "affirm"), ("好的", "log_sale"), ("yes", "affirm"), ("嗯", "nlu_fallback")):
        assert _product_answer(shop_context, answer, intent=said_intent) == {"sale_product": None}


def test_an_allergy_is_said_before_anything_is_written(shop_db, conversation):
    from assistant.shop.customers import update_customer

    with session_scope(shop_db) as session:
        li = session.execute(select(Customer).where(Customer.name == "李建国")).scalar_one()
        update_customer(session, li, channel="cli", add_tags=["花生过敏"])
    said = conversation.run(ActionProposeSale, sale_customer="李叔", sale_product="花生油", sale_quantity="1")
    assert said[0].startswith("注意:李建国家里有花生过敏。") and said[0].endswith(("对吗?", "确定吗?"))  # (the fixture has no oil in stock)
    assert _count_active(shop_db) == 0


def test_a_no_with_the_right_quantity_corrects_the_read_back(shop_db, conversation):
    _stocked(shop_db, "花生油")
    conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="花生油", sale_quantity="1")
    first = conversation.slot("pending")
    said = conversation.run(ActionDeny, text="不对,是两桶", intent="deny", entities={"quantity": "2", "unit": "桶"})
    assert said == ["王秀英 买 花生油 2桶,共 178元。对吗?"]
    assert conversation.slot("pending")["id"] != first["id"]  # a new read-back: the old "yes" cannot confirm it
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    with session_scope(shop_db) as session:
        assert session.execute(select(func.sum(Sale.amount))).scalar() == Decimal("178")


def test_a_no_naming_someone_else_moves_the_sale_to_her(shop_db, conversation):
    conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="东北大米", sale_quantity="1")
    said = conversation.run(ActionDeny, text="不是王阿姨,是汪阿姨", intent="deny", entities={"customer": "汪阿姨"})
    assert said == ["汪桂兰 买 东北大米 1袋,共 60元。对吗?"]
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    with session_scope(shop_db) as session:
        sale = session.execute(select(Sale)).scalar_one()
        assert session.get(Customer, sale.customer_id).name == "汪桂兰"


def test_a_plain_no_cancels(shop_db, conversation):
    conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="东北大米", sale_quantity="1")
    assert conversation.run(ActionDeny, text="算了", intent="deny") == ["好,不记了。"]
    assert conversation.slot("pending") is None and _count_active(shop_db) == 0


def test_corrections_whatever_the_model_made_of_them(shop_db, conversation):
    from actions.customers import ActionProposeUpdateCustomer
    from actions.fallback import ActionFallback

    _stocked(shop_db, "花生油")
    conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="花生油", sale_quantity="1")
    said = conversation.run(ActionFallback, text="不对,是2桶", intent="nlu_fallback",
                            entities={"quantity": "2", "unit": "桶"})
    assert said == ["王秀英 买 花生油 2桶,共 178元。对吗?"]
    said = conversation.run(ActionProposeUpdateCustomer, text="改成100", intent="update_customer")
    assert said == ["王秀英 买 花生油 2桶,共 100元。对吗?"]
    assert _count_active(shop_db) == 0


def test_a_no_naming_another_product_changes_the_goods(shop_db, conversation):
    # owner trial #3: "嗯 不是花生油 是菜籽油" on a read-back dropped the sale 
    _stocked(shop_db, "泰国香米")
    conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="东北大米", sale_quantity="2")
    first = conversation.slot("pending")["id"]
    said = conversation.run(ActionDeny, text="嗯 不是东北大米 是泰国香米", intent="deny",
                            entities=[{"entity": "product", "value": "东北大米", "start": 4, "end": 8},
                                      {"entity": "product", "value": "泰国香米", "start": 10, "end": 14}])
    assert said == ["王秀英 买 泰国香米 2袋,共 150元。对吗?"]
    assert conversation.slot("pending")["id"] != first
    assert _count_active(shop_db) == 0
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    assert _count_active(shop_db) == 1


def test_a_correction_naming_the_right_one_first_and_the_wrong_one_after(shop_db, conversation):
    # kept-aside conversations #3: "不 对 是 汪 阿姨 不 是 王 阿姨" took the denied name and asked back
    conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="东北大米", sale_quantity="1")
    text = "不 对 是 汪 阿姨 不 是 王 阿姨"
    said = conversation.run(ActionDeny, text=text, intent="deny", entities=[
        {"entity": "customer", "value": "汪 阿姨", "start": text.index("汪"), "end": text.index("汪") + 4},
        {"entity": "customer", "value": "王 阿姨", "start": text.index("王"), "end": text.index("王") + 4}])
    assert said[0].startswith("汪桂兰 买 东北大米 1袋"), said


def test_a_sale_of_more_than_the_shelf_holds_is_read_back_with_the_stock(shop_db, conversation):
    said = conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="花生油", sale_quantity="1")
    assert said == ["王秀英 买 花生油 1桶,共 89元。店里记录的库存只有0桶,确定吗?"]
    said = conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="东北大米", sale_quantity="2")
    assert said == ["王秀英 买 东北大米 2袋,共 120元。对吗?"]  # 20 on the shelf


def test_a_bare_number_changes_the_figure_it_is_nearer(shop_db, conversation):
    """"make it 5" of 4 bags is 5 bags; "改成一百" of 2 bags for 120 is 100 yuan; "是五" heard as a yes, and "不对,是五"
    heard as a no, are the same correction, not a yes or a no."""
    from actions.customers import ActionProposeUpdateCustomer
    from actions.fallback import ActionFallback

    _stocked(shop_db, "东北大米")
    conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="东北大米", sale_quantity="4")
    said = conversation.run(ActionFallback, text="make it 5", intent="nlu_fallback", entities={"amount": "5"})
    assert said == ["王秀英 买 东北大米 5袋,共 300元。对吗?"]
    said = conversation.run(ActionAffirm, text="是三", intent="affirm", entities={"amount": "三"})
    assert said == ["王秀英 买 东北大米 3袋,共 180元。对吗?"] and _count_active(shop_db) == 0
    said = conversation.run(ActionDeny, text="不对,是二", intent="deny", entities={"amount": "二"})
    assert said == ["王秀英 买 东北大米 2袋,共 120元。对吗?"]
    said = conversation.run(ActionProposeUpdateCustomer, text="改成一百", intent="update_customer",
                            entities={"amount": "100"})
    assert said == ["王秀英 买 东北大米 2袋,共 100元。对吗?"]
    said = conversation.run(ActionProposeUpdateCustomer, text="改成五", intent="update_customer",
                            entities={"amount": "五"})
    assert said == ["王秀英 买 东北大米 5袋,共 300元。对吗?"]
    said = conversation.run(ActionProposeUpdateCustomer, text="改成五块", intent="update_customer",
                            entities={"amount": "五块"})
    assert said == ["王秀英 买 东北大米 5袋,共 5元。对吗?"]  # a currency said: the amount, however near
    assert _count_active(shop_db) == 0
    assert conversation.run(ActionAffirm, text="是的", intent="affirm") == ["记好了。"]
