"""A typical day with tabs (赊账) through the trained model on a fresh SQLite shop: prints the transcript
kept in docs/credit.md. Run from the repository: ``PYTHONPATH=$PWD python scripts/credit_day.py``."""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from assistant.brain.dialogue import Brain
from assistant.context import ShopContext
from assistant.db import make_engine, session_scope, upgrade
from assistant.db.models import Customer, Product
from assistant.shop import credit
from assistant.shop.customers import add_customer
from assistant.shop.products import add_product
from assistant.shop.sales import SaleLine
from assistant.shop.shops import get_or_create_shop
from assistant.shop.stock import stock_in
from assistant.speech.tts import make_synthesizer

DAY = [("counter", "李 叔 先 拿 一 桶 花生 油 记账"), ("counter", "对"),
       ("chat", "李叔先拿两桶花生油,记账"), ("chat", "不对"),
       ("counter", "李 叔 还 了 五十"), ("counter", "是的"),
       ("chat", "王阿姨欠多少"), ("chat", "好"),
       ("chat", "谁还欠钱"),
       ("phone", "李 叔 把 账 结清 了"), ("phone", "对"),
       ("phone", "撤销刚才那笔"), ("phone", "好的"),
       ("chat", "Auntie Wang paid 50"), ("chat", "yes"), ("chat", "who owes me money")]


def main() -> None:
    """Build the shop, put 王阿姨's rice on her tab 10 days ago, then say the day's lines."""
    engine = make_engine(f"sqlite:///{Path(tempfile.mkdtemp()) / 'shop.db'}")
    upgrade(engine)
    with session_scope(engine) as s:
        shop = get_or_create_shop(s)
        add_customer(s, shop_id=shop.id, name="王秀英", aliases=["王阿姨", "Auntie Wang"], channel="cli",
                     marketing_consent=True)
        li = add_customer(s, shop_id=shop.id, name="李建国", aliases=["李叔", "Uncle Li"], channel="cli")
        li.credit_limit = Decimal("100")
        for name, alias, unit, price in (("东北大米", "northeast rice", "袋", "60"), ("花生油", "peanut oil", "桶", "89")):
            product = add_product(s, shop_id=shop.id, name=name, aliases=[alias], unit=unit, price=Decimal(price),
                                  channel="cli")
            stock_in(s, product=product, quantity=Decimal("20"), channel="cli")
        shop_name = shop.name
    context = ShopContext.build(engine=engine)
    context.synthesizer = make_synthesizer(settings=context.settings, offline=True)
    brain = Brain.load(context)
    with context.session() as s:
        wang = s.query(Customer).filter_by(name="王秀英").one()
        rice = s.query(Product).filter_by(name="东北大米").one()
        credit.charge(s, shop_id=context.shop_id, customer=wang, channel="counter",
                      now=context.now() - dt.timedelta(days=10), lines=[SaleLine(product=rice, quantity=Decimal("2"))])
    print(f"(shop: {shop_name}; 王阿姨 took 2 bags of rice on her tab 10 days ago; 李叔's own limit is 100)")
    for channel, text in DAY:
        reply = asyncio.run(brain.handle(text, sender=channel, channel=channel)).text
        print(f"  [{channel:7}] owner: {text}\n            掌柜: {reply}")


if __name__ == "__main__":
    main()
