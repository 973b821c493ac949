"""The synthetic shop of ``benchmarks/reports.py``: customers, products and two years of sales, bulk-inserted.

Customers with solar and lunar birthdays, tags, consent, group leaders and referrals; products in
categories; sales by customers with their own rhythms, walk-ins, promotions and voids; requests and
greetings. Written with Core inserts and explicit ids, seeded, so every run makes the same shop; "today"
is the last day of the history.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import insert, text
from sqlalchemy.engine import Engine

TODAY = dt.date(2026, 3, 15)
HISTORY_DAYS = 730

PRODUCTS = [  # name, category, unit, price, suits
    ("东北大米", "米", "袋", 59, ""),
    ("泰国香米", "米", "袋", 75, ""),
    ("五常大米", "米", "袋", 98, ""),
    ("糙米", "米", "袋", 35, "糖尿病"),
    ("中筋面粉", "面粉", "袋", 22, ""),
    ("高筋面粉", "面粉", "袋", 26, "烘焙"),
    ("低筋面粉", "面粉", "袋", 24, "烘焙"),
    ("花生油", "油", "桶", 90, ""),
    ("菜籽油", "油", "桶", 70, "花生过敏"),
    ("玉米油", "油", "桶", 65, "花生过敏"),
    ("橄榄油", "油", "瓶", 88, "高血压"),
    ("低钠酱油", "酱油", "瓶", 16, "高血压"),
    ("生抽", "酱油", "瓶", 12, ""),
    ("老抽", "酱油", "瓶", 14, ""),
    ("香醋", "醋", "瓶", 10, ""),
    ("小米", "杂粮", "斤", 7, "糖尿病"),
    ("红豆", "杂粮", "斤", 8, ""),
    ("绿豆", "杂粮", "斤", 8, ""),
    ("燕麦片", "杂粮", "袋", 18, "糖尿病"),
    ("挂面", "挂面", "袋", 7, ""),
    ("鸡蛋", "鸡蛋", "盒", 16, ""),
    ("食盐", "调味", "袋", 3, ""),
    ("白糖", "调味", "袋", 6, ""),
    ("芝麻油", "油", "瓶", 30, ""),
]
TAGS = [
    ("高血压", "health", True),
    ("糖尿病", "health", True),
    ("花生过敏", "health", True),
    ("有小孩", "household", True),
    ("烘焙", "interest", False),
    ("老人", "household", False),
]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "秀英桂兰建国志强明华丽娟玉梅淑珍国强文军海燕春梅红霞晓东立新建华金凤美玲小红子涵雨轩浩然欣怡梓萱俊杰"


def _generate(engine: Engine, *, customers: int, sale_items: int) -> None:
    """A synthetic shop written with bulk Core inserts and explicit ids (no ORM, no RETURNING)."""
    from assistant.db.models import (
        Customer,
        CustomerName,
        CustomerRequest,
        Greeting,
        Product,
        Promotion,
        Sale,
        SaleItem,
        Shop,
        Tag,
        customer_tags,
        product_suits,
    )

    rng = random.Random(7)
    start = TODAY - dt.timedelta(days=HISTORY_DAYS)
    now = dt.datetime.combine(TODAY, dt.time(12))
    with engine.begin() as conn:
        conn.execute(insert(Shop), [{"id": 1, "name": "禾香粮油", "created_at": now}])
        conn.execute(
            insert(Tag),
            [
                {"id": i + 1, "shop_id": 1, "name": n, "kind": k, "sensitive": s}
                for i, (n, k, s) in enumerate(TAGS)
            ],
        )
        tag_ids = {n: i + 1 for i, (n, _, _) in enumerate(TAGS)}
        conn.execute(
            insert(Product),
            [
                {
                    "id": i + 1,
                    "shop_id": 1,
                    "name": n,
                    "aliases": [],
                    "category": c,
                    "unit": u,
                    "price": Decimal(p),
                    "stock": Decimal(rng.choice([0, 2, 5, 20, 80, 300, 1000])),
                    "created_at": now,
                }
                for i, (n, c, u, p, _) in enumerate(PRODUCTS)
            ],
        )
        conn.execute(
            insert(product_suits),
            [
                {"product_id": i + 1, "tag_id": tag_ids[t]}
                for i, p in enumerate(PRODUCTS)
                for t in p[4].split("|")
                if t
            ],
        )
        conn.execute(
            insert(Promotion),
            [
                {"id": 1, "shop_id": 1, "name": "满减券"},
                {"id": 2, "shop_id": 1, "name": "试用装"},
                {"id": 3, "shop_id": 1, "name": "新客礼"},
            ],
        )

        leaders = list(range(1, 41))
        people, names, tags = [], [], []
        for cid in range(1, customers + 1):
            name = f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(GIVEN)}{cid}"
            has_birthday = rng.random() < 0.8
            lunar = has_birthday and rng.random() < 0.15
            month = rng.randint(1, 12)
            people.append(
                {
                    "id": cid,
                    "shop_id": 1,
                    "name": name,
                    "aliases": [],
                    "phone": f"138{cid:08d}",
                    "birthday_year": rng.randint(1940, 2005) if has_birthday and rng.random() < 0.5 else None,
                    "birthday_month": month if has_birthday else None,
                    "birthday_day": rng.randint(1, 30 if lunar else 28) if has_birthday else None,
                    "birthday_lunar": lunar,
                    "marketing_consent": rng.random() < 0.7,
                    "referred_by_id": rng.choice(leaders) if cid > 40 and rng.random() < 0.05 else None,
                    "is_group_leader": cid <= 40,
                    "commission_rate": Decimal("0.05") if cid <= 40 else None,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            names.append({"shop_id": 1, "customer_id": cid, "key": name})
            for tag, share in (
                ("高血压", 0.06),
                ("糖尿病", 0.04),
                ("花生过敏", 0.02),
                ("有小孩", 0.1),
                ("烘焙", 0.05),
            ):
                if rng.random() < share:
                    tags.append({"customer_id": cid, "tag_id": tag_ids[tag]})
        for table, rows in ((Customer, people), (CustomerName, names), (customer_tags, tags)):
            for batch in _batches(rows):
                conn.execute(insert(table), batch)

        # Each customer: one to three staples, a rhythm, an active stretch of the two years.
        sale_rows, item_rows = [], []
        sale_id = item_id = 0
        per_customer = sale_items * 0.92 / customers  # the rest are walk-ins
        for cid in range(1, customers + 1):
            staples = rng.sample(range(1, len(PRODUCTS) + 1), rng.randint(1, 3))
            gap = rng.choice([7, 10, 14, 20, 30, 30, 30, 45, 60])
            visits = max(1, int(rng.expovariate(1 / per_customer) / 1.5))
            first = start + dt.timedelta(days=rng.randint(0, HISTORY_DAYS - 1))
            day = first
            for _ in range(visits):
                if day > TODAY:
                    break
                sale_id += 1
                when = dt.datetime.combine(day, dt.time(rng.randint(8, 19), rng.randint(0, 59)))
                chosen = staples if rng.random() < 0.5 else staples[:1]
                total = Decimal(0)
                for pid in chosen:
                    item_id += 1
                    qty = Decimal(rng.choice([1, 1, 1, 2]))
                    amount = qty * PRODUCTS[pid - 1][3]
                    total += amount
                    item_rows.append(
                        {
                            "id": item_id,
                            "shop_id": 1,
                            "sale_id": sale_id,
                            "product_id": pid,
                            "customer_id": cid,
                            "sold_at": when,
                            "quantity": qty,
                            "unit": PRODUCTS[pid - 1][2],
                            "amount": amount,
                        }
                    )
                sale_rows.append(
                    {
                        "id": sale_id,
                        "shop_id": 1,
                        "kind": "sale",
                        "customer_id": cid,
                        "sold_at": when,
                        "channel": "import",
                        "amount": total,
                        "recorded_at": when,
                        "promotion_id": rng.choice((1, 2)) if rng.random() < 0.05 else None,
                    }
                )
                day += dt.timedelta(days=max(1, round(rng.gauss(gap, gap * 0.15))))
            if len(item_rows) >= 50_000:
                _flush(conn, Sale, SaleItem, sale_rows, item_rows)
        while item_id < sale_items:  # walk-ins fill the rest, spread over the two years
            sale_id += 1
            item_id += 1
            when = dt.datetime.combine(
                start + dt.timedelta(days=rng.randint(0, HISTORY_DAYS)),
                dt.time(rng.randint(8, 19), rng.randint(0, 59)),
            )
            pid = rng.randint(1, len(PRODUCTS))
            amount = Decimal(PRODUCTS[pid - 1][3])
            sale_rows.append(
                {
                    "id": sale_id,
                    "shop_id": 1,
                    "kind": "sale",
                    "customer_id": None,
                    "sold_at": when,
                    "channel": "import",
                    "amount": amount,
                    "recorded_at": when,
                    "promotion_id": 3 if rng.random() < 0.02 else None,
                }
            )
            item_rows.append(
                {
                    "id": item_id,
                    "shop_id": 1,
                    "sale_id": sale_id,
                    "product_id": pid,
                    "customer_id": None,
                    "sold_at": when,
                    "quantity": Decimal(1),
                    "unit": PRODUCTS[pid - 1][2],
                    "amount": amount,
                }
            )
            if len(item_rows) >= 50_000:
                _flush(conn, Sale, SaleItem, sale_rows, item_rows)
        _flush(conn, Sale, SaleItem, sale_rows, item_rows)
        voided = rng.sample(range(1, sale_id + 1), sale_id // 200)
        voids = [
            {
                "id": sale_id + n + 1,
                "shop_id": 1,
                "kind": "void",
                "customer_id": None,
                "sold_at": now,
                "channel": "counter",
                "amount": Decimal(0),
                "voids_sale_id": original,
                "recorded_at": now,
            }
            for n, original in enumerate(voided)
        ]
        for batch in _batches(voids):
            conn.execute(insert(Sale), batch)
        conn.execute(
            insert(CustomerRequest),
            [
                {
                    "shop_id": 1,
                    "customer_id": rng.randint(1, customers),
                    "product_id": rng.randint(1, len(PRODUCTS)),
                    "asked_at": now - dt.timedelta(days=rng.randint(0, 90)),
                }
                for _ in range(1000)
            ],
        )
        conn.execute(
            insert(Greeting),
            [
                {
                    "shop_id": 1,
                    "customer_id": rng.randint(1, customers),
                    "occasion": "生日",
                    "text": "生日快乐",
                    "source": "composed",
                    "status": "waiting",
                    "consent_overridden": False,
                    "created_at": now,
                }
                for _ in range(200)
            ],
        )
        if engine.dialect.name == "postgresql":
            for table in ("shops", "tags", "products", "promotions", "customers", "sales", "sale_items"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )


def _flush(conn, sale_table, item_table, sales: list[dict], items: list[dict]) -> None:  # noqa: ANN001
    for batch in _batches(sales):
        conn.execute(insert(sale_table), batch)
    for batch in _batches(items):
        conn.execute(insert(item_table), batch)
    sales.clear()
    items.clear()


def _batches(rows: list[dict], size: int = 10_000):  # noqa: ANN202 (a generator of lists)
    for i in range(0, len(rows), size):
        yield rows[i : i + size]
