"""Reports at scale: p50 / p95 time of every report on 100,000 customers and 2,000,000 sale items.

    .venv/bin/python benchmarks/reports.py [--customers N] [--sale-items M] [--databases sqlite,postgres]
                                          [--runs 10] [--regenerate] [--append-docs]
                                          [--reports campaigns,daily-tasks]

Generates a synthetic shop with bulk Core inserts (customers with solar and lunar birthdays, tags, consent,
group leaders and referrals; products in categories; two years of sales by customers with their own
rhythms, walk-ins, promotions and voids; ``benchmarks/reports_shop.py``), rebuilds the precomputed figures once
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

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from reports_shop import PRODUCTS, TODAY, _generate  # noqa: E402

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
