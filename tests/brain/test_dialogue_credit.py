"""Tabs (赊账) in whole conversations through the trained model, the in-process actions and a real
database (both): goods on the tab, payments, balances, who owes, undo, the limit warning, the reminder."""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from assistant.brain.dialogue import Brain
from assistant.context import ShopContext
from assistant.db.models import Customer, Greeting, Product
from assistant.shop import credit
from assistant.shop.english import in_english
from assistant.shop.reports import run_report

pytestmark = pytest.mark.slow


def _say(brain: Brain, text: str, sender: str, channel: str = "chat") -> str:
    return asyncio.run(brain.handle(text, sender=sender, channel=channel)).text


def _customer(context: ShopContext, name: str) -> Customer:
    with context.session() as session:
        return session.execute(select(Customer).where(Customer.name == name)).scalar_one()


def _owes(context: ShopContext, name: str) -> Decimal:
    with context.session() as session:
        return credit.tab_of(session, shop_id=context.shop_id, customer_id=_customer(context, name).id).balance


def _stock(context: ShopContext, name: str) -> Decimal:
    with context.session() as session:
        return session.execute(select(Product.stock).where(Product.name == name)).scalar_one()


def _stock_up(context: ShopContext, name: str, amount: int = 10) -> None:
    """Goods on the shelf, so a tab of them reads back without the short-stock warning."""
    with context.session() as session:
        session.execute(select(Product).where(Product.name == name)).scalar_one().stock = Decimal(amount)


def _report(context: ShopContext, lang: str) -> str:
    """The credit report's answer as the chat says it (in English, with the shop's names in English)."""
    with context.session() as session:
        said = run_report(session, "credit", shop_id=context.shop_id).summary(lang)
        return in_english(said, session=session, shop_id=context.shop_id) if lang == "en" else said


def test_typed_chinese_tab_balance_and_undo(brain, shop_context):
    reply = _say(brain, "王阿姨先拿两袋东北大米,记账", "c-zh")
    assert reply == "王秀英 赊 东北大米 2袋,120元,记在账上。对吗?"
    assert _owes(shop_context, "王秀英") == 0  # nothing written before yes
    assert _say(brain, "对", "c-zh") == "记好了。"
    assert _owes(shop_context, "王秀英") == 120 and _stock(shop_context, "东北大米") == 18
    assert _say(brain, "王阿姨欠多少", "c-zh") == "王秀英欠120元,都是今天记的。"
    assert _say(brain, "谁还欠钱", "c-zh") == _report(shop_context, "zh") == (
        "有1位欠账,一共120元:王秀英120元(今天记的)。")
    assert _say(brain, "撤销刚才那笔", "c-zh").startswith("撤销刚才那笔(王秀英 赊 东北大米")
    assert _say(brain, "好的", "c-zh") == "已撤销。"
    assert _owes(shop_context, "王秀英") == 0 and _stock(shop_context, "东北大米") == 20
    assert _say(brain, "谁欠我钱", "c-zh") == "现在没有人欠账。"


def test_spoken_chinese_tab_payment_and_settling(brain, shop_context):
    _stock_up(shop_context, "花生油")
    reply = _say(brain, "李 叔 先 拿 一 桶 花生 油 记账", "c-voice", channel="counter")
    assert reply == "李建国 赊 花生油 1桶,89元,记在账上。对吗?"
    assert _say(brain, "对", "c-voice", channel="counter") == "记好了。"
    assert _say(brain, "李 叔 还 了 五十", "c-voice", channel="counter") == "李建国 还了 50元,还欠 39元。对吗?"
    assert _say(brain, "是的", "c-voice", channel="counter") == "记好了。"
    assert _owes(shop_context, "李建国") == 39
    assert _say(brain, "李 叔 把 账 结清 了", "c-voice", channel="counter") == "李建国 结清了账,一共 39元。对吗?"
    assert _say(brain, "对", "c-voice", channel="counter") == "记好了。"
    assert _owes(shop_context, "李建国") == 0


def test_typed_english_tab_payment_who_owes_and_undo(brain, shop_context):
    reply = _say(brain, "Put two bags of northeast rice on Auntie Wang's tab", "c-en")
    assert reply == "Put 2 bags of northeast rice for 120 yuan on Auntie Wang's tab. Right?"
    assert _say(brain, "yes", "c-en") == "Done, it's recorded."
    assert _say(brain, "Auntie Wang paid 50", "c-en") == "Auntie Wang paid 50 yuan; 70 yuan still owed. Right?"
    assert _say(brain, "yes", "c-en") == "Done, it's recorded."
    assert _say(brain, "Who owes me money?", "c-en") == _report(shop_context, "en") == (
        "1 customer owes 70 yuan in all: Auntie Wang 70 yuan (from today).")
    assert _say(brain, "undo that", "c-en").startswith("Undo the last entry (Auntie Wang paid 50 yuan")
    assert _say(brain, "yes", "c-en") == "Undone."
    assert _owes(shop_context, "王秀英") == 120


def test_spoken_english_tab_and_balance(brain, shop_context):
    _stock_up(shop_context, "花生油")
    reply = _say(brain, "uncle li took peanut oil on credit", "c-en-voice", channel="phone")
    assert reply.startswith("Put 1 ") and reply.endswith("of peanut oil for 89 yuan on Uncle Li's tab. Right?")
    assert _say(brain, "yes", "c-en-voice", channel="phone") == "Done, it's recorded."
    assert _say(brain, "how much does uncle li owe", "c-en-voice", channel="phone") == (
        "Uncle Li owes 89 yuan, all of it from today.")
    assert _say(brain, "no", "c-en-voice", channel="phone") == "OK."


def test_the_read_back_warns_before_the_limit_is_passed(brain, shop_context):
    _stock_up(shop_context, "花生油")
    with shop_context.session() as session:
        li = session.get(Customer, _customer(shop_context, "李建国").id)
        credit.set_limit(session, shop_id=shop_context.shop_id, customer=li, amount=Decimal("100"))
    reply = _say(brain, "李叔先拿两桶花生油,记账", "c-limit")
    assert reply == "李建国 赊 花生油 2桶,178元,记在账上。注意:这样一共欠178元,超过额度100元。对吗?"
    assert _say(brain, "不对", "c-limit") == "好,不记了。"
    assert _owes(shop_context, "李建国") == 0


def test_a_polite_reminder_is_read_first_and_not_offered_twice_a_week(brain, shop_context):
    from assistant.speech.tts import make_synthesizer

    shop_context.synthesizer = make_synthesizer(settings=shop_context.settings, offline=True)
    with shop_context.session() as session:
        wang = session.get(Customer, _customer(shop_context, "王秀英").id)
        rice = session.execute(select(Product).where(Product.name == "东北大米")).scalar_one()
        from assistant.shop.sales import SaleLine

        credit.charge(session, shop_id=shop_context.shop_id, customer=wang, channel="counter",
                      now=shop_context.now() - dt.timedelta(days=10), lines=[SaleLine(rice, Decimal("2"))])
    reply = _say(brain, "王阿姨欠多少", "c-remind")
    assert reply.startswith("王秀英欠120元,最早一笔欠了10天。要给她发个提醒吗?“王阿姨,")
    assert "上次的东北大米2袋,120元,方便的时候来结一下就行" in reply
    assert _say(brain, "好", "c-remind") == "记好了。"
    with shop_context.session() as session:
        queued = session.execute(select(Greeting).where(Greeting.occasion == "还款提醒")).scalar_one()
        assert queued.status == "waiting" and queued.text.startswith("王阿姨,")
    assert _say(brain, "王阿姨还欠多少", "c-remind") == "王秀英欠120元,最早一笔欠了10天。"


def _limit(context: ShopContext, name: str | None = None) -> Decimal | None:
    """Her own tab limit (None: the shop's), or the shop's default when no name is given."""
    from assistant.db.models import Shop

    with context.session() as session:
        if name is None:
            return Decimal(session.get(Shop, context.shop_id).credit_limit)
        limit = _customer(context, name).credit_limit
        return None if limit is None else Decimal(limit)


def test_a_tab_limit_set_by_voice_is_read_back_confirmed_and_undone(brain, shop_context):
    assert _say(brain, "王阿姨的赊账上限改成三百", "l-zh") == "把王秀英的赊账额度改成300元(原来500元)。对吗?"
    assert _limit(shop_context, "王秀英") is None  # nothing written before yes
    assert _say(brain, "对", "l-zh") == "记好了。"
    assert _limit(shop_context, "王秀英") == 300
    reply = _say(brain, "王阿姨先拿六袋东北大米,记账", "l-zh")
    assert "超过额度300元" in reply  # the new limit is what the next read-back warns about
    assert _say(brain, "不对", "l-zh") == "好,不记了。"
    assert _say(brain, "撤销刚才那笔", "l-zh").startswith("撤销刚才那笔(把王秀英的赊账额度改成300元")
    assert _say(brain, "好的", "l-zh") == "已撤销。"
    assert _limit(shop_context, "王秀英") is None


def test_a_spoken_limit_the_shops_default_and_an_english_one(brain, shop_context):
    spoken = _say(brain, "李 叔 的 额度 调 到 两百", "l-voice", channel="counter")
    assert spoken == "把李建国的赊账额度改成200元(原来500元)。对吗?"
    assert _say(brain, "对", "l-voice", channel="counter") == "记好了。"
    assert _limit(shop_context, "李建国") == 200
    assert _say(brain, "店里的赊账额度改成八百", "l-shop") == "把店里的赊账额度改成800元(原来500元)。对吗?"
    assert _say(brain, "对", "l-shop") == "记好了。"
    assert _limit(shop_context) == 800
    assert _say(brain, "set Auntie Wang's credit limit to 250", "l-en") == (
        "Set Auntie Wang's tab limit to 250 yuan (was 800). Right?")
    assert _say(brain, "yes", "l-en") == "Done, it's recorded."
    assert _limit(shop_context, "王秀英") == 250
    assert _say(brain, "undo that", "l-en").startswith("Undo the last entry (Set Auntie Wang's tab limit")
    assert _say(brain, "yes", "l-en") == "Undone."
    assert _limit(shop_context, "王秀英") is None and _limit(shop_context) == 800
