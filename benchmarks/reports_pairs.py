"""Two timings of ``benchmarks/reports.py``'s shop, small enough to run before and after a change back to back.

    PYTHONPATH=<code> .venv/bin/python benchmarks/reports_pairs.py campaigns [--runs 3]
    PYTHONPATH=<code> .venv/bin/python benchmarks/reports_pairs.py daily-tasks [--runs 12] [--freeze]

``campaigns``: the report computed from the database by a plain session (cold) ``--runs`` times, then a
hash of its items (the same hash before and after: the same answer). ``daily-tasks``: Today computed once
through a shop context, then ``--runs`` sales each followed by Today (patched, as the benchmark's "after
a sale"); the sales are taken back at the end. Uses ``data/bench/reports.sqlite`` (build it with
``benchmarks/reports.py``).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Print each run's milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", choices=["campaigns", "daily-tasks"])
    parser.add_argument("--runs", type=int, default=0)
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() after the first answer")
    parser.add_argument("--database", default=str(ROOT / "data" / "bench" / "reports.sqlite"))
    args = parser.parse_args()
    os.environ["ASSISTANT_TODAY"] = "2026-03-15"
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import reports as bench  # noqa: PLC0415 (its sale helpers)
    from sqlalchemy.orm import Session

    from assistant.context import ShopContext
    from assistant.db import make_engine
    from assistant.shop.reports import run_report

    engine = make_engine(f"sqlite:///{args.database}")
    timings = []
    if args.report == "campaigns":
        with Session(engine) as session:
            for _ in range(args.runs or 3):
                started = time.perf_counter()
                report = run_report(session, "campaigns", shop_id=1, options={})
                timings.append((time.perf_counter() - started) * 1000)
        print("items", hashlib.sha1(repr(report.items).encode()).hexdigest())
    else:
        context = ShopContext.build(engine=engine)
        rng = random.Random(5)
        with context.sessions() as session, context.sessions() as writer:
            run_report(session, "daily-tasks", shop_id=1, options={})
            if args.freeze:
                gc.collect()
                gc.freeze()
            sales = []
            for _ in range(args.runs or 12):
                sales.append(bench._log_sale(writer, rng, 100_000))
                session.rollback()
                started = time.perf_counter()
                run_report(session, "daily-tasks", shop_id=1, options={})
                timings.append((time.perf_counter() - started) * 1000)
            bench._void(writer, sales)
    print("ms", [round(t) for t in timings], "load", os.getloadavg()[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
