"""A delivery read back can be corrected before it is written: "不对不对,是十二桶" (as the sale's "不对,是两桶")."""

from decimal import Decimal

from sqlalchemy import select

from actions.confirm import ActionAffirm, ActionDeny
from actions.stock import ActionProposeStockIn
from assistant.db import session_scope
from assistant.db.models import Product


def _stock(engine, name) -> Decimal:
    with session_scope(engine) as session:
        return session.execute(select(Product.stock).where(Product.name == name)).scalar()


def test_a_new_quantity_after_no_edits_the_delivery(shop_db, conversation):
    before = _stock(shop_db, "花生油")
    said = conversation.run(ActionProposeStockIn, text="到了二十桶花生油", intent="log_stock_in",
                            entities={"product": "花生油", "quantity": "20"})
    assert said == ["花生油进货20桶。对吗?"]
    said = conversation.run(ActionDeny, text="不对不对是12桶", intent="deny", entities={"quantity": "12", "unit": "桶"})
    assert said == ["花生油进货12桶。对吗?"]
    assert _stock(shop_db, "花生油") == before  # nothing before "对"
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    assert _stock(shop_db, "花生油") == before + 12


def test_change_to_a_number_and_a_plain_no(shop_db, conversation):
    conversation.run(ActionProposeStockIn, text="进了三十袋东北大米", intent="log_stock_in",
                     entities={"product": "东北大米", "quantity": "30"})
    assert conversation.run(ActionProposeStockIn, text="改成25", intent="log_stock_in") == ["东北大米进货25袋。对吗?"]
    assert conversation.run(ActionDeny, text="不对", intent="deny") == ["好,不记了。"]
    assert conversation.slot("pending") is None
