"""Every kind of write: read back, committed on "yes", taken back by undo — against both databases."""

from __future__ import annotations

import asyncio
import shutil
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from assistant.brain.proposals import (
    KINDS,
    ConsentProposal,
    CustomerUpdateProposal,
    GreetingProposal,
    KeepRecordingProposal,
    NewCustomerProposal,
    Proposal,
    SaleProposal,
    StockInProposal,
    UndoProposal,
)
from assistant.db.models import AuditEntry, Customer, Greeting, Product
from assistant.errors import AssistantError
from assistant.shop.customers import Birthday
from assistant.shop.greetings import create_greeting
from assistant.shop.sales_query import active_sale_items


def _commit(context, proposal: Proposal) -> Proposal:
    """Commit as the "yes" does: in its own transaction; then round-trip through the conversation's slot."""
    with context.session() as session:
        asyncio.run(proposal.commit(context, session, channel="chat", conversation_id="test"))
    return Proposal.from_slot(proposal.to_slot())


def _undo(context, committed: Proposal) -> None:
    undo = Proposal.from_slot(UndoProposal(target=committed.to_slot()).to_slot())
    _commit(context, undo)


def _customer(context, name: str) -> Customer | None:
    with context.session() as session:
        return session.execute(select(Customer).where(Customer.name == name)).scalar_one_or_none()


def _product(context, name: str) -> Product:
    with context.session() as session:
        return session.execute(select(Product).where(Product.name == name)).scalar_one()


def _active_items(context) -> int:
    with context.session() as session:
        return session.execute(select(func.count()).select_from(active_sale_items().subquery())).scalar()


def test_every_kind_is_registered_once():
    assert set(KINDS) == {"sale", "stock_in", "add_customer", "update_customer", "consent", "greeting",
                          "keep_greeting", "resend_greeting", "mark_greeting_sent", "undo", "credit", "payment",
                          "credit_reminder",
                          "credit_limit", "erase_customer", "price"}


def test_a_sale_says_itself_commits_and_undoes(shop_context):
    wang, rice = _customer(shop_context, "王秀英"), _product(shop_context, "东北大米")
    sale = SaleProposal(customer_id=wang.id, customer_name="王秀英", lines=[
        {"product_id": rice.id, "product": "东北大米", "aliases": ["northeast rice"], "quantity": "2", "unit": "袋",
         "amount": "120"}])
    assert sale.describe("zh") == "王秀英 买 东北大米 2袋,共 120元。对吗?"
    assert sale.describe("en") == "王秀英 bought 2 bags of northeast rice for 120 yuan. Right?"
    assert _active_items(shop_context) == 0
    committed = _commit(shop_context, sale)
    assert committed.id == sale.id and committed.written["sale_id"]
    assert _active_items(shop_context) == 1
    assert _product(shop_context, "东北大米").stock == Decimal("18")
    _undo(shop_context, committed)
    assert _active_items(shop_context) == 0
    assert _product(shop_context, "东北大米").stock == Decimal("20")


def test_undo_names_the_entry_without_the_read_backs_warning_or_aside():
    sale = SaleProposal(customer_id=3, customer_name="张丽", warnings=["花生过敏"], others=["章丽"], lines=[
        {"product_id": 7, "product": "花生油", "quantity": "1", "unit": "桶", "amount": "89.9"}])
    assert sale.describe("zh").startswith("注意:张丽家里有花生过敏。张丽 买 花生油 1桶")
    undo = UndoProposal(target=sale.to_slot())
    assert undo.describe("zh") == "撤销刚才那笔(张丽 买 花生油 1桶,共 89.9元)?"
    assert undo.describe("en") == "Undo the last entry (张丽 bought 1 jug of 花生油 for 89.9 yuan)?"


def test_a_sale_to_someone_new_adds_her_and_keeps_her_after_undo(shop_context):
    rice = _product(shop_context, "东北大米")
    sale = SaleProposal(language="en", new_customer="Mrs Gao", lines=[
        {"product_id": rice.id, "product": "东北大米", "aliases": ["northeast rice"], "quantity": "1", "unit": "袋",
         "amount": "60"}])
    assert "Mrs Gao is new" in sale.describe()
    assert sale.changes_names
    committed = _commit(shop_context, sale)
    assert _customer(shop_context, "Mrs Gao").id == committed.written["new_customer_id"]
    _undo(shop_context, committed)
    assert _active_items(shop_context) == 0 and _customer(shop_context, "Mrs Gao") is not None


def test_stock_in_and_its_undo(shop_context):
    oil = _product(shop_context, "花生油")
    delivery = StockInProposal(product_id=oil.id, product="花生油", aliases=["peanut oil"], unit="桶", quantity="12")
    assert delivery.describe("zh") == "花生油进货12桶。对吗?"
    assert delivery.describe("en") == "12 jugs of peanut oil arrived. Right?"
    committed = _commit(shop_context, delivery)
    assert _product(shop_context, "花生油").stock == Decimal("12")
    _undo(shop_context, committed)
    assert _product(shop_context, "花生油").stock == Decimal("0")


def test_a_new_customer_and_its_undo(shop_context):
    new = NewCustomerProposal(name="陈女士", phone="13800001111", tags=["高血压"])
    assert new.describe("zh") == "添加新顾客陈女士,电话13800001111,高血压。对吗?"
    committed = _commit(shop_context, new)
    assert _customer(shop_context, "陈女士").phone == "13800001111"
    _undo(shop_context, committed)
    assert _customer(shop_context, "陈女士") is None


def test_undo_refuses_a_row_that_is_not_the_one_it_wrote(shop_context):
    committed = _commit(shop_context, NewCustomerProposal(name="陈女士"))
    with shop_context.session() as session:  # the row now holds someone else (renamed)
        session.get(Customer, committed.written["customer_id"]).name = "陈美玲"
    with pytest.raises(AssistantError):
        _undo(shop_context, committed)
    assert _customer(shop_context, "陈美玲") is not None


def test_a_customer_update_and_its_undo(shop_context):
    li = _customer(shop_context, "李建国")
    update = CustomerUpdateProposal(customer_id=li.id, customer_name="李建国", add_tags=["高血压"],
                                    note="喜欢低钠酱油")
    assert update.describe("zh") == "给李建国记上:高血压;备注“喜欢低钠酱油”。对吗?"
    committed = _commit(shop_context, update)
    with shop_context.session() as session:
        customer = session.get(Customer, li.id)
        assert [t.name for t in customer.tags] == ["高血压"] and "喜欢低钠酱油" in customer.notes
    _undo(shop_context, committed)
    with shop_context.session() as session:
        customer = session.get(Customer, li.id)
        assert customer.tags == [] and not customer.notes


def _set_phone_and_birthday(context, name: str, phone: str, birthday: str) -> None:
    with context.session() as session:
        customer = session.execute(select(Customer).where(Customer.name == name)).scalar_one()
        customer.phone = phone
        born = Birthday.parse(birthday)
        customer.birthday_year, customer.birthday_month, customer.birthday_day = born.year, born.month, born.day


def _undo_rows(context, customer_id: int) -> list[AuditEntry]:
    with context.session() as session:
        return list(session.execute(select(AuditEntry).where(AuditEntry.action == "undo_update",
                                                             AuditEntry.entity_id == customer_id)).scalars())


def test_undo_of_a_phone_change_puts_the_old_number_back_and_logs_it(shop_context):
    # Owner trial 13 (W1): "撤销" answered "已撤销" but the new number stayed and the old one was lost.
    li = _customer(shop_context, "李建国")
    _set_phone_and_birthday(shop_context, "李建国", "13657104567", "1958-03-18")
    committed = _commit(shop_context, CustomerUpdateProposal(customer_id=li.id, customer_name="李建国",
                                                             phone="13912345678"))
    assert _customer(shop_context, "李建国").phone == "13912345678"
    _undo(shop_context, committed)
    assert _customer(shop_context, "李建国").phone == "13657104567"
    assert [row.detail for row in _undo_rows(shop_context, li.id)] == [{"phone": "13657104567"}]


def test_a_new_birthday_keeps_the_birth_year_and_its_undo_puts_the_old_day_back(shop_context):
    # Owner trial 13 (W2, W3): "小赵生日改成5月4号" erased 1992; its undo left 5月4日 standing.
    wang = _customer(shop_context, "王秀英")
    _set_phone_and_birthday(shop_context, "王秀英", "13800001111", "1992-02-29")
    committed = _commit(shop_context, CustomerUpdateProposal(customer_id=wang.id, customer_name="王秀英",
                                                             birthday="05-04"))
    after = _customer(shop_context, "王秀英")
    assert (after.birthday_year, after.birthday_month, after.birthday_day) == (1992, 5, 4)
    _undo(shop_context, committed)
    back = _customer(shop_context, "王秀英")
    assert (back.birthday_year, back.birthday_month, back.birthday_day, back.phone) == (1992, 2, 29, "13800001111")
    assert len(_undo_rows(shop_context, wang.id)) == 1


def test_a_birthday_with_no_year_on_record_is_restored_without_one(shop_context):
    li = _customer(shop_context, "李建国")
    committed = _commit(shop_context, CustomerUpdateProposal(customer_id=li.id, customer_name="李建国",
                                                             birthday="1960-05-04", note="爱喝茶"))
    _undo(shop_context, committed)
    back = _customer(shop_context, "李建国")
    assert (back.birthday_year, back.birthday_month, back.birthday_day, back.notes) == (None, None, None, None)


def test_undo_of_an_old_phone_change_that_kept_nothing_says_so_instead_of_undone(shop_context):
    li = _customer(shop_context, "李建国")
    committed = _commit(shop_context, CustomerUpdateProposal(customer_id=li.id, customer_name="李建国",
                                                             phone="13912345678"))
    committed.written.pop("before")  # as an entry written before the old values were kept
    with pytest.raises(AssistantError):
        _undo(shop_context, committed)
    assert _customer(shop_context, "李建国").phone == "13912345678"


def test_a_move_changes_her_address_and_undo_puts_it_back(shop_context):
    wang = _customer(shop_context, "王秀英")
    move = CustomerUpdateProposal(customer_id=wang.id, customer_name="王秀英", household="8栋1单元",
                                  household_before="3栋")
    # Owner trial 9: "孙阿姨搬到八栋一单元了" was kept as a note beside the old address.
    assert move.describe("zh") == "给王秀英记上:住址改为8栋1单元(原来是3栋)。对吗?"
    assert move.describe("en") == "Note for 王秀英: new address 8栋1单元 (was 3栋). Right?"
    committed = _commit(shop_context, move)
    with shop_context.session() as session:
        customer = session.get(Customer, wang.id)
        assert customer.household == "8栋1单元" and not customer.notes
    _undo(shop_context, committed)
    with shop_context.session() as session:
        assert session.get(Customer, wang.id).household == "3栋"


def test_a_fact_of_her_husband_is_read_back_as_his_and_kept_on_her_household(shop_context):
    li = _customer(shop_context, "李建国")
    update = CustomerUpdateProposal(customer_id=li.id, customer_name="李建国", add_tags=["糖尿病"],
                                    note="老伴有糖尿病", member="老伴")
    # Owner trial 2026-12-06: "给李建国记上:糖尿病" said the customer himself had it.
    assert update.describe("zh") == "给李建国记上:李建国的老伴有糖尿病(家里人的情况,标签:糖尿病)。对吗?"
    english = CustomerUpdateProposal(language="en", customer_id=li.id, customer_name="Uncle Li", add_tags=["糖尿病"],
                                     note="wife is diabetic", member="wife")
    assert english.describe() == "Note for Uncle Li: Uncle Li's wife is diabetic (someone in the household; tag: diabetes). Right?"
    with shop_context.session() as session:
        assert session.get(Customer, li.id).tags == []  # nothing written before the yes
    committed = _commit(shop_context, update)
    assert committed.member == "老伴"  # kept through the conversation's slot
    with shop_context.session() as session:
        customer = session.get(Customer, li.id)
        assert [t.name for t in customer.tags] == ["糖尿病"] and customer.notes.endswith("老伴有糖尿病")
    _undo(shop_context, committed)
    with shop_context.session() as session:
        customer = session.get(Customer, li.id)
        assert customer.tags == [] and not customer.notes


def test_consent_and_its_undo(shop_context):
    wang = _customer(shop_context, "王秀英")
    assert wang.marketing_consent
    refusal = ConsentProposal(customer_id=wang.id, customer_name="王秀英", granted=False, note="不想收消息")
    assert refusal.describe("zh") == "王秀英以后不再收店里的消息。对吗?"
    committed = _commit(shop_context, refusal)
    assert not _customer(shop_context, "王秀英").marketing_consent
    _undo(shop_context, committed)
    assert _customer(shop_context, "王秀英").marketing_consent


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng (the offline voice) is not installed")
def test_a_composed_greeting_is_spoken_queued_and_undone(shop_context):
    from assistant.speech.tts import make_synthesizer

    shop_context.synthesizer = make_synthesizer(settings=shop_context.settings, offline=True)
    wang = _customer(shop_context, "王秀英")
    greeting = GreetingProposal(customer_id=wang.id, customer_name="王秀英", text="王阿姨生日快乐!")
    assert "王阿姨生日快乐" in greeting.describe("zh")
    committed = _commit(shop_context, greeting)
    with shop_context.session() as session:
        assert session.get(Greeting, committed.written["greeting_id"]).status == "waiting"
    _undo(shop_context, committed)
    with shop_context.session() as session:
        assert session.get(Greeting, committed.written["greeting_id"]).status == "cancelled"


def test_a_kept_recording_stays_queued_and_a_refused_one_is_cancelled(shop_context):
    wang = _customer(shop_context, "王秀英")
    with shop_context.session() as session:
        where = {"data_dir": shop_context.settings.data_dir, "now": shop_context.now()}
        kept = create_greeting(session, customer=session.get(Customer, wang.id), occasion="生日", text="生日快乐",
                               source="recorded", channel="counter", **where).id
        refused = create_greeting(session, customer=session.get(Customer, wang.id), occasion="春节", text="过年好",
                                  source="recorded", channel="counter", **where).id
    committed = _commit(shop_context, KeepRecordingProposal(greeting_id=kept, summary="要保留吗?"))
    with shop_context.session() as session:
        KeepRecordingProposal(greeting_id=refused).drop(shop_context, session, channel="counter")
    with shop_context.session() as session:
        assert session.get(Greeting, kept).status == "waiting"
        assert session.get(Greeting, refused).status == "cancelled"
    _undo(shop_context, committed)
    with shop_context.session() as session:
        assert session.get(Greeting, kept).status == "cancelled"


def test_a_slot_that_is_not_a_proposal_is_none():
    assert Proposal.from_slot({"kind": "choose", "options": []}) is None
    assert Proposal.from_slot(None) is None


def _sale(quantity: str, amount: str, language: str = "zh") -> SaleProposal:
    return SaleProposal(language=language, customer_id=1, customer_name="王秀英",
                        lines=[{"product_id": 1, "product": "东北大米", "aliases": [], "quantity": quantity,
                                "unit": "袋", "amount": amount, "price": "60"}])


@pytest.mark.parametrize(("quantity", "amount", "said"), [
    ("1000000000000", "60", "数量 1000000000000"),  # 一万亿袋
    ("2", "100000000", "金额 100000000"),  # 一亿元: one entry stays under it
])
def test_a_number_past_the_bound_is_refused_instead_of_read_back(quantity, amount, said):
    refusal = _sale(quantity, amount).refusal()
    assert refusal is not None and refusal.startswith("没记") and said in refusal and "重新说" in refusal
    english = _sale(quantity, amount, "en").refusal()
    assert english is not None and english.startswith("Not recorded") and "say it again" in english


def test_an_ordinary_entry_is_not_refused():
    assert _sale("2", "120").refusal() is None
    assert _sale("99999999", "99999999.99").refusal() is None  # just under 一亿
    delivery = StockInProposal(product_id=1, product="东北大米", unit="袋", quantity="30",
                               others=[{"product_id": 2, "product": "花生油", "aliases": [], "unit": "桶",
                                        "quantity": "100000000"}])
    assert "数量 100000000" in (delivery.refusal() or "")
    assert StockInProposal(product_id=1, product="东北大米", unit="袋", quantity="30").refusal() is None
