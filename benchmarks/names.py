"""Name resolution at shop scale: index build time and resolve / snap latency at 100,000 customers.

Run: ``.venv/bin/python benchmarks/names.py [--customers 100000] [--queries 2000] [--append-docs]``.
It builds a SQLite database in a temporary folder with that many customers (Chinese names, about half
with a form of address such as 王阿姨 as alias, households) and 200 products, then measures
``NameIndex.from_records``, ``load_name_index`` (database read included) and the p50 / p95 of
``resolve_customer``, ``resolve_product`` and ``snap_transcript`` over a fixed mix of queries.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert

from assistant.db import make_engine, session_factory, upgrade
from assistant.db.models import Customer, Product
from assistant.language.names import (
    CustomerRecord,
    NameIndex,
    ProductRecord,
    resolve_customer,
    resolve_product,
    snap_transcript,
)
from assistant.shop.name_index import load_name_index
from assistant.shop.shops import get_or_create_shop

SURNAMES = (
    "王汪陈程李张刘赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧曹袁邓许傅沈曾彭吕苏卢蒋"
    "蔡贾丁魏薛叶余潘杜戴夏钟田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱"
    "汤尹黎易常武乔贺赖龚文"
)
GIVEN = "秀桂建国志明丽红芳英华兰军强伟敏静玉珍凤云霞平刚海燕林梅娟琴雪荣春德福宝庆文武金银淑慧嘉佳晓小卫东"
HONORIFICS = ["阿姨", "叔", "大姐", "女士", "先生", "师傅", "大哥", "奶奶"]
PRODUCT_WORDS = [
    ("东北", "米"), ("泰国香", "米"), ("五常", "米"), ("花生", "油"), ("菜籽", "油"), ("玉米", "油"),
    ("低钠", "酱油"), ("生抽", "酱油"), ("高筋", "面粉"), ("荞麦", "面条"), ("小", "米"), ("绿", "豆"),
]


def make_customers(count: int, rng: random.Random) -> list[CustomerRecord]:
    """``count`` customers with unique names, about half also called by surname + honorific."""
    records, seen = [], set()
    while len(records) < count:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
        if name in seen:
            continue  # names are unique in a shop, as the database requires
        seen.add(name)
        aliases = (name[0] + rng.choice(HONORIFICS),) if rng.random() < 0.5 else ()
        household = f"{rng.randint(1, 30)}栋" if rng.random() < 0.7 else None
        records.append(CustomerRecord(id=len(records) + 1, name=name, aliases=aliases, household=household))
    return records


def make_products(count: int, rng: random.Random) -> list[ProductRecord]:
    """``count`` products in a dozen categories."""
    records = []
    for i in range(count):
        prefix, category = PRODUCT_WORDS[i % len(PRODUCT_WORDS)]
        name = f"{prefix}{category}{i // len(PRODUCT_WORDS) or ''}"
        records.append(ProductRecord(id=i + 1, name=name, aliases=(), category=category))
    return records


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def timed_cpu(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call of ``fn`` (CPU time shows the cost on a busy machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    cuts = statistics.quantiles(samples, n=100)
    return cuts[49] * 1000, cuts[94] * 1000


def main() -> None:
    """Build, measure, print a Markdown table (and append it to docs/benchmarks.md if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--append-docs", action="store_true", help="append the table to docs/benchmarks.md")
    args = parser.parse_args()
    rng = random.Random(7)
    customers = make_customers(args.customers, rng)
    products = make_products(200, rng)

    build = min(timed_cpu(lambda: NameIndex.from_records(customers, products)) for _ in range(3))
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'shop.db'}")
        upgrade(engine)
        with session_factory(engine)() as session:
            shop_id = get_or_create_shop(session, "基准粮油").id
            session.execute(insert(Customer), [
                {"id": c.id, "shop_id": shop_id, "name": c.name, "aliases": list(c.aliases),
                 "household": c.household}
                for c in customers])
            session.execute(insert(Product), [
                {"id": p.id, "shop_id": shop_id, "name": p.name, "aliases": [], "category": p.category}
                for p in products])
            session.commit()
            load = min(timed_cpu(lambda: load_name_index(session, shop_id=shop_id)) for _ in range(3))
            index = load_name_index(session, shop_id=shop_id)
        engine.dispose()

    sample = rng.sample(customers, args.queries // 4)
    queries = (
        [c.name for c in sample]  # exact names
        + [c.aliases[0] if c.aliases else c.name[0] + "阿姨" for c in sample]  # forms of address
        + ["汪" + c.name[1:] if c.name[0] == "王" else c.name[0] + "x" for c in sample]  # misheard / unknown
        + [rng.choice(["Auntie Wong", "Mrs Chan", "Uncle Lee", "lao wang", "wang xiuying", "赵老板"])
           for _ in sample]
    )
    customer_times = [timed(lambda q=q: resolve_customer(index, q)) for q in queries]
    product_queries = ["米", "rice", "花生油", "酱油", "hua sheng you", "东北米3", "面粉", "绿豆"]
    product_queries *= args.queries // 8
    product_times = [timed(lambda q=q: resolve_product(index, q)) for q in product_queries]
    transcripts = [f"{c.aliases[0] if c.aliases else c.name} 买 了 两 袋 米" for c in sample]
    snap_zh = [timed(lambda t=t: snap_transcript(index, t, "zh")) for t in transcripts]
    snap_en = [timed(lambda: snap_transcript(index, "auntie wong bought two bags of rice", "en"))
               for _ in range(200)]

    rows = [
        ("build `NameIndex.from_records`", f"{build[0]:.2f} s wall, {build[1]:.2f} s CPU", ""),
        ("build `load_name_index` (SQLite read included)", f"{load[0]:.2f} s wall, {load[1]:.2f} s CPU", ""),
        ("`resolve_customer`", *(f"{v:.2f} ms" for v in percentiles(customer_times))),
        ("`resolve_product`", *(f"{v:.2f} ms" for v in percentiles(product_times))),
        ("`snap_transcript` zh", *(f"{v:.2f} ms" for v in percentiles(snap_zh))),
        ("`snap_transcript` en", *(f"{v:.2f} ms" for v in percentiles(snap_en))),
    ]
    table = "\n".join([
        f"{args.customers:,} customers ({sum(len(c.aliases) for c in customers):,} aliases), {len(products)} "
        f"products; {len(queries)} customer queries. Command: `.venv/bin/python benchmarks/names.py`.",
        "",
        "| measure | value / p50 | p95 |",
        "| --- | --- | --- |",
        *[f"| {name} | {a} | {b} |" for name, a, b in rows],
    ])
    print(table)
    if args.append_docs:
        docs = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
        with docs.open("a", encoding="utf-8") as out:
            out.write(f"\n## Name resolution\n\n{table}\n")


if __name__ == "__main__":
    main()
