"""Import at scale: 100,000 customers and 2,000,000 sale items into fresh SQLite and PostgreSQL databases.

    .venv/bin/python benchmarks/import_scale.py [--customers N] [--sale-items M] [--databases sqlite,postgres]

Generates the CSV files once (``assistant.shop.demo.benchmark.generate_demo_csv``), then imports them into each
database in a separate child process, so each figure of peak memory is that import's alone: the child's
peak resident set size from ``resource.getrusage(RUSAGE_SELF).ru_maxrss``. The PostgreSQL database is
created on the server of ``--postgres`` (default postgresql://postgres@127.0.0.1:5432/test) and dropped
at the end. ``--reimport`` also times a second import of the same files and checks it changed no row.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

GOAL_SECONDS = 180
GOAL_BYTES = 1 << 30


def main() -> int:
    """Parse arguments; run the benchmark or (in a child process) one import."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--sale-items", type=int, default=2_000_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--reimport", action="store_true", help="also time an idempotent second import")
    parser.add_argument(
        "--skip-stats", action="store_true", help="import only: leave out rebuilding the reports' figures"
    )
    parser.add_argument("--child", nargs=2, metavar=("URL", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args.child[0], Path(args.child[1]), reimport=args.reimport, stats=not args.skip_stats)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from assistant.shop.demo.benchmark import generate_demo_csv

    results = []
    with tempfile.TemporaryDirectory(prefix="zhanggui-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        paths = generate_demo_csv(folder, customers=args.customers, sale_items=args.sale_items)
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(
            f"generated {args.customers:,} customers and {args.sale_items:,} sale items "
            f"({size:.0f} MB of CSV) in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        for database in args.databases.split(","):
            with _fresh_database(database, folder, args.postgres) as url:
                command = [sys.executable, __file__, "--child", url, str(folder)]
                command += ["--reimport"] * args.reimport + ["--skip-stats"] * args.skip_stats
                child = subprocess.run(command, capture_output=True, text=True)
                if child.returncode:
                    raise SystemExit(f"the {database} import failed:\n{child.stderr[-3000:]}")
                output = child.stdout
                result = json.loads(output.strip().splitlines()[-1])
                result["database"] = database
                results.append(result)
                print(_line(result), flush=True)
    print()
    print(_table(results))
    # Memory counts the importing process together with the stats workers that run beside it.
    ok = all(
        r["total_s"] < GOAL_SECONDS and max(r["peak_rss_bytes"], r["tree_rss_bytes"]) < GOAL_BYTES
        for r in results
    )
    print(f"\ngoal (< {GOAL_SECONDS} s and < 1 GiB each): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


class _fresh_database:
    """A migrated, empty database for one run: a SQLite file, or a PostgreSQL database dropped after."""

    def __init__(self, kind: str, folder: Path, admin_url: str) -> None:
        self.kind, self.folder, self.admin_url = kind, folder, admin_url
        self.name = f"zhanggui_bench_{uuid.uuid4().hex[:8]}"

    def __enter__(self) -> str:
        from sqlalchemy import text

        from assistant.db import make_engine, upgrade

        if self.kind == "sqlite":
            url = f"sqlite:///{self.folder / 'bench.db'}"
        elif self.kind == "postgres":
            self.admin = make_engine(self.admin_url).execution_options(isolation_level="AUTOCOMMIT")
            with self.admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{self.name}"'))
            url = self.admin_url.rsplit("/", 1)[0] + f"/{self.name}"
        else:
            raise SystemExit(f"unknown database {self.kind!r}: use sqlite or postgres")
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        return url

    def __exit__(self, *_exc: object) -> None:
        from sqlalchemy import text

        if self.kind == "postgres":
            with self.admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            self.admin.dispose()
        else:
            for path in self.folder.glob("bench.db*"):
                path.unlink()


class _TreeMemory:
    """Peak of the resident memory of this process plus its children (the stats rebuild's workers),
    sampled from /proc every 0.2 s: ``ru_maxrss`` of children counts the parent's pages at fork."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> int:
        """Stop sampling; the peak in bytes."""
        self._stop.set()
        self._thread.join()
        return self.peak

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, sum(_rss(pid) for pid in _tree(os.getpid())))


def _tree(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in _tree(int(child)))]


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(url: str, folder: Path, *, reimport: bool, stats: bool) -> int:
    from assistant.db import make_engine, session_scope
    from assistant.shop.importer import count_rows, import_csv

    engine = make_engine(url)
    memory = _TreeMemory()
    result: dict = {}
    rows = 0
    cpu_started = time.process_time()
    for name in ("customers", "products", "sales"):
        report = import_csv(engine, **{name: folder / f"{name}.csv"}, rebuild_stats=stats)
        result[f"{name}_s"] = round(report.seconds - report.stats_seconds, 1)
        result["stats_s"] = round(report.stats_seconds, 1) if stats else "skipped"
        rows += report.rows_read
    seconds = sum(v for k, v in result.items() if k.endswith("_s") and v != "skipped")
    result.update(
        total_s=round(seconds, 1),
        cpu_s=round(time.process_time() - cpu_started, 1),
        rows=rows,
        rows_per_s=round(rows / seconds),
        peak_rss_bytes=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        # With the stats rebuild's worker processes, which run beside it.
        tree_rss_bytes=memory.stop(),
        load=round(os.getloadavg()[0], 1),
    )
    if reimport:
        with session_scope(engine) as session:
            before = count_rows(session)
        started = time.perf_counter()
        files = {name: folder / f"{name}.csv" for name in ("customers", "products", "sales")}
        again = import_csv(engine, **files)
        result["reimport_s"] = round(time.perf_counter() - started, 1)
        with session_scope(engine) as session:
            result["reimport_unchanged"] = count_rows(session) == before and not again.changed
        result["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps(result))
    return 0


def _line(result: dict) -> str:
    return (
        f"{result['database']}: {result['total_s']} s ({result['rows_per_s']:,} rows/s, "
        f"{result['cpu_s']} s CPU in the importing process), "
        f"peak RSS {result['peak_rss_bytes'] / 2**20:.0f} MiB "
        f"({result['tree_rss_bytes'] / 2**20:.0f} MiB with the stats workers), "
        f"load average {result['load']} at the end"
    )


def _table(results: list[dict]) -> str:
    columns = [
        "database",
        "customers",
        "products",
        "sales",
        "reports' stats rebuild",
        "total (wall)",
        "importer CPU",
        "rows/s",
        "peak RSS",
        "peak RSS with stats workers",
        "load at end",
    ]
    if results and "reimport_s" in results[0]:
        columns.append("re-import (changes nothing)")
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    for r in results:
        cells = [
            r["database"],
            f"{r['customers_s']} s",
            f"{r['products_s']} s",
            f"{r['sales_s']} s",
            f"{r['stats_s']} s" if r["stats_s"] != "skipped" else "skipped",
            f"{r['total_s']} s",
            f"{r['cpu_s']} s",
            f"{r['rows_per_s']:,}",
            f"{r['peak_rss_bytes'] / 2**20:.0f} MiB",
            f"{r['tree_rss_bytes'] / 2**20:.0f} MiB",
            str(r["load"]),
        ]
        if "reimport_s" in r:
            cells.append(f"{r['reimport_s']} s ({'yes' if r['reimport_unchanged'] else 'NO'})")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
