"""Reports at scale: p50 / p95 time of every report on 100,000 customers and 2,000,000 sale items.

    .venv/bin/python benchmarks/reports.py [--customers N] [--sale-items M] [--databases sqlite,postgres]
                                          [--runs 10] [--regenerate] [--append-docs]
                                          [--reports campaigns,daily-tasks]

Generates a synthetic shop with bulk Core inserts (customers with solar and lunar birthdays, tags, consent,
group leaders and referrals; products in categories; two years of sales by customers with their own
rhythms, walk-ins, promotions and voids), rebuilds the precomputed figures once
(``shop.purchase_stats.rebuild``, what an import does), then times each report through ``run_report``,
the function behind the command line, the web API and the chat, after one warm-up run: warm (its answer
kept: nothing changed), after a sale this process logged (the answer patched for that customer) and cold
(after a write through another connection: the answer computed again); then what keeping the data
version adds to logging a sale. The benchmark's own sales are taken back at the end of each case.
The databases are kept for the next run (SQLite ``data/bench/reports.sqlite``; PostgreSQL database
``zhanggui_bench_reports`` on ``--postgres``); ``--regenerate`` builds them again. "Today" is pinned to
the last day of the generated history.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2026, 3, 15)
HISTORY_DAYS = 730
GOAL_MS = 50.0
PG_NAME = "zhanggui_bench_reports"

# (report, options): each line of the table.
CASES: list[tuple[str, dict[str, str]]] = [
    ("restock-due", {}),
    ("restock-due", {"product": "米"}),
    ("restock-due", {"product": "东北大米"}),
    ("birthdays", {"period": "today"}),
    ("birthdays", {"period": "week"}),
    ("birthdays", {"period": "month"}),
    ("inactive", {}),
    ("inactive", {"days": "90"}),
    ("arrival-targets", {"product": "低钠酱油"}),
    ("reorder", {}),
    ("stock", {"product": "米"}),
    ("sales", {}),
    ("sales", {"from": (TODAY - dt.timedelta(days=29)).isoformat(), "to": TODAY.isoformat()}),
    ("sales", {"product": "米", "from": (TODAY - dt.timedelta(days=6)).isoformat()}),
    ("daily-tasks", {}),
    ("campaigns", {}),
    ("commissions", {}),
]

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


def main() -> int:
    """Build (or reuse) the databases and print the timing table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--sale-items", type=int, default=2_000_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--append-docs", action="store_true", help="append the table to docs/benchmarks.md")
    parser.add_argument("--reports", default="", help="only these reports, comma-separated (e.g. campaigns)")
    args = parser.parse_args()
    os.environ["ASSISTANT_TODAY"] = TODAY.isoformat()

    from assistant.config import get_settings

    get_settings.cache_clear()
    tables = []
    for kind in args.databases.split(","):
        engine = _database(kind.strip(), args)
        sizes = _ensure_data(engine, args)
        load_before = os.getloadavg()[0]
        only = {name.strip() for name in args.reports.split(",") if name.strip()}
        rows = _time_reports(engine, runs=args.runs, only=only)
        writes = _sale_write_cost(engine, runs=args.runs)
        tables.append((kind, sizes, rows, writes, (load_before, os.getloadavg()[0])))
        engine.dispose()
    markdown = _markdown(tables, args)
    print(markdown)
    if args.append_docs:
        with (ROOT / "docs" / "benchmarks.md").open("a", encoding="utf-8") as docs:
            docs.write("\n" + markdown)
    return 0


def _database(kind: str, args: argparse.Namespace) -> Engine:
    from assistant.db import make_engine, upgrade

    if kind == "sqlite":
        path = ROOT / "data" / "bench" / "reports.sqlite"
        if args.regenerate and path.exists():
            path.unlink()
        engine = make_engine(f"sqlite:///{path}")
    elif kind == "postgres":
        admin = make_engine(args.postgres).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": PG_NAME}
            ).first()
            if exists and args.regenerate:
                conn.execute(text(f'DROP DATABASE "{PG_NAME}" WITH (FORCE)'))
                exists = None
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{PG_NAME}"'))
        admin.dispose()
        engine = make_engine(args.postgres.rsplit("/", 1)[0] + f"/{PG_NAME}")
    else:
        raise SystemExit(f"unknown database {kind!r}: use sqlite or postgres")
    upgrade(engine)
    return engine


def _ensure_data(engine: Engine, args: argparse.Namespace) -> dict[str, int]:
    """The row counts of the benchmark shop, generating it first when the database is empty."""
    from assistant.db import session_scope
    from assistant.db.models import Customer, PurchaseStat, SaleItem, ShopDailySales
    from assistant.shop import purchase_stats

    with engine.connect() as conn:
        customers = conn.execute(select(func.count(Customer.id))).scalar()
        daily = conn.execute(select(func.count()).select_from(ShopDailySales)).scalar()
    if not customers:
        started = time.perf_counter()
        _generate(engine, customers=args.customers, sale_items=args.sale_items)
        print(f"[{engine.dialect.name}] generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        started = time.perf_counter()
        with session_scope(engine) as session:
            purchase_stats.rebuild(session, shop_id=1)
        print(
            f"[{engine.dialect.name}] purchase_stats.rebuild in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    elif not daily:  # a database generated before the daily takings table existed
        with session_scope(engine) as session:
            purchase_stats.rebuild_daily(session, shop_id=1)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    with engine.connect() as conn:
        return {
            "customers": conn.execute(select(func.count(Customer.id))).scalar(),
            "sale_items": conn.execute(select(func.count(SaleItem.id))).scalar(),
            "purchase_stats": conn.execute(select(func.count(PurchaseStat.id))).scalar(),
        }


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


def _time_reports(engine: Engine, *, runs: int, only: set[str] | None = None) -> list[tuple]:
    """(report, options, items, warm, after a sale, cold) for every case; each timing is (p50, p95) ms.

    Warm: nothing changed since the last answer (it is kept). After a sale: a sale logged and committed
    by this process just before (the answer is patched for that customer). Cold: a write committed
    through another connection just before (a version this process did not make: computed again).
    """
    from assistant.context import ShopContext
    from assistant.shop.reports import run_report

    # The shop context's sessions, as the server's: they share its kept answers (a plain session of
    # ``session_factory`` has none, and every call would compute).
    context = ShopContext.build(engine=engine)
    other = _other_engine(engine)
    rng = random.Random(11)
    results = []
    with context.sessions() as session, context.sessions() as writer:
        customers = session.execute(text("SELECT count(*) FROM customers")).scalar()
        for name, options in CASES:
            if only and name not in only:
                continue

            def report(name: str = name, options: dict[str, str] = options) -> None:
                run_report(session, name, shop_id=1, options=options)

            count = len(run_report(session, name, shop_id=1, options=options).items)  # warm-up
            warm = _timed(runs * 2, lambda: None, report, session)
            sales: list[int] = []
            after_sale = _timed(runs, lambda sales=sales: sales.append(_log_sale(writer, rng, customers)), report, session)
            cold = _timed(runs, lambda: _foreign_write(other, rng, customers), report, session)
            _void(writer, sales)
            label = " ".join(f"--{k} {v}" for k, v in options.items())
            results.append((name, label, count, warm, after_sale, cold))
    other.dispose()
    return results


def _timed(runs: int, before, call, session) -> tuple[float, float]:  # noqa: ANN001 (callables, a Session)
    """p50 and p95 ms of ``call`` over ``runs`` runs, ``before`` (untimed) ahead of each."""
    timings = []
    for _ in range(runs):
        before()
        session.rollback()  # a fresh transaction per run, as each request has
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    session.rollback()
    return _p50_p95(timings)


def _p50_p95(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]


def _other_engine(engine: Engine) -> Engine:
    from assistant.db import make_engine

    return make_engine(engine.url.render_as_string(hide_password=False))


def _log_sale(writer, rng: random.Random, customers: int) -> int:  # noqa: ANN001 (a Session)
    """A sale of one unit to a random customer, committed; its id."""
    from assistant.db.models import Customer, Product
    from assistant.shop.sales import SaleLine, log_sale

    customer = writer.get(Customer, rng.randint(1, customers))
    product = writer.get(Product, rng.randint(1, len(PRODUCTS)))
    sale = log_sale(
        writer, shop_id=1, lines=[SaleLine(product=product, quantity=Decimal(1))], channel="cli", customer=customer
    )
    writer.commit()
    return sale.id


def _void(writer, sales: list[int]) -> None:  # noqa: ANN001 (a Session)
    """Take the benchmark's sales back: every answer is as generated again."""
    from assistant.shop.sales import void_sale

    for sale_id in sales:
        void_sale(writer, shop_id=1, sale_id=sale_id, channel="cli")
    writer.commit()


def _foreign_write(other: Engine, rng: random.Random, customers: int) -> None:
    """A write committed through another engine's plain connection: a note, which changes no answer,
    but this process cannot know that."""
    with other.begin() as connection:
        connection.execute(
            text("UPDATE customers SET notes = :note WHERE id = :id"),
            {"note": f"bench {rng.random()}", "id": rng.randint(1, customers)},
        )


def _sale_write_cost(engine: Engine, *, runs: int) -> dict[str, tuple[float, float]]:
    """p50 / p95 ms of logging and committing one sale with the data version kept and without it (its
    listeners removed), alternating; the sales are taken back afterwards."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from assistant.db import data_version, session_factory

    listeners = [
        (Session, "after_begin", data_version._track_connection),
        (Session, "after_flush", data_version._after_flush),
        (Engine, "before_execute", data_version._before_execute),
        (Session, "before_commit", data_version._before_commit),
        (Session, "after_commit", data_version._after_commit),
        (Session, "after_transaction_end", data_version._after_transaction_end),
    ]
    rng = random.Random(5)
    timings: dict[str, list[float]] = {"with the data version": [], "without it": []}
    sales: list[int] = []
    with session_factory(engine)() as writer:
        customers = writer.execute(text("SELECT count(*) FROM customers")).scalar()
        writer.rollback()
        for run in range(runs * 2):
            tracked = run % 2 == 0
            if not tracked:
                for target, name, function in listeners:
                    event.remove(target, name, function)
            try:
                started = time.perf_counter()
                sales.append(_log_sale(writer, rng, customers))
                label = "with the data version" if tracked else "without it"
                timings[label].append((time.perf_counter() - started) * 1000)
            finally:
                if not tracked:
                    for target, name, function in listeners:
                        event.listen(target, name, function)
        _void(writer, sales)
    return {label: _p50_p95(values) for label, values in timings.items()}


def _markdown(tables: list, args: argparse.Namespace) -> str:
    lines = [
        "## Reports at scale",
        "",
        f"Command: `.venv/bin/python benchmarks/reports.py --runs {args.runs}` (2 shared cores; each "
        "report through `run_report`, as the command line, the API and the chat call it; today pinned to "
        f"{TODAY}; goal p95 ≤ {GOAL_MS:.0f} ms). Per report: **warm**: nothing changed since the last "
        f"answer ({args.runs * 2} runs); **after a sale**: a sale to a random customer logged and "
        f"committed by this process just before each run ({args.runs} runs); **cold**: a write committed "
        f"through another connection just before each run, so the answer is computed again ({args.runs} "
        "runs). The goal column judges warm and after a sale.",
        "",
    ]
    for kind, sizes, rows, writes, load in tables:
        lines.append(
            f"**{kind}**: {sizes['customers']:,} customers, {sizes['sale_items']:,} sale items, "
            f"{sizes['purchase_stats']:,} purchase_stats rows; load average {load[0]:.1f} before, "
            f"{load[1]:.1f} after."
        )
        lines.append("")
        lines.append(
            "| report | options | items | warm p50 | warm p95 | after a sale p50 | after a sale p95 | "
            "cold p50 | cold p95 | goal |"
        )
        lines.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for name, label, count, warm, after, cold in rows:
            ok = max(warm[1], after[1]) <= GOAL_MS
            lines.append(
                f"| {name} | {label} | {count:,} | {warm[0]:.1f} | {warm[1]:.1f} | {after[0]:.1f} | "
                f"{after[1]:.1f} | {cold[0]:.0f} | {cold[1]:.0f} | {'ok' if ok else 'over'} |"
            )
        lines.append("")
        lines.append(
            "Logging and committing one sale, ms p50 / p95: "
            + "; ".join(f"{label} {p50:.1f} / {p95:.1f}" for label, (p50, p95) in writes.items())
            + "."
        )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
