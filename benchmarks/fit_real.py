"""Fit and choose the restock forecast on The Complete Journey's April-July Mondays, offline.

    .venv/bin/python benchmarks/fit_real.py [--fit] [--weekly] [--anchors]

The same pure functions the product runs (``assistant.shop.forecast`` over ``shop.rhythm``'s paces, the
customer's visits as ``purchase_stats``' "*" row computes them) over the same histories
``benchmarks/backtest_real.py`` imports, without the ten imports and sixty CLI reports that make that run
take most of an hour. ``--fit`` refits the logistic model's coefficients on every Monday from 3 April to
31 July; the scores are the four-weekly April-July cutoffs of ``backtest_real.py`` only (the held-out
August-December months are that script's job, run once after the choices are fixed). ``--anchors`` fits
BG/NBD on the same April-July cutoffs and scores it on the customers restock-due may name (three purchases
or more, not erratic, not lapsed) as well as on everyone, and counts each week's buyers by group: where the
anchor's lead comes from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from backtest_real import BGNBD_THRESHOLDS, FIRST_CUTOFF, STAPLES, TUNE_UNTIL, _load, _score  # noqa: E402

from assistant.shop.forecast import chance as forecast  # noqa: E402
from assistant.shop.forecast.pace import gap_spread, pace_from  # noqa: E402
from assistant.shop.rhythm import Purchase, rhythm  # noqa: E402

CACHE = Path("/tmp/zhanggui-fit-real.pickle")


def mondays(step: int) -> list[dt.date]:
    """Mondays from 3 April to 31 July, every ``step`` weeks."""
    days, day = [], FIRST_CUTOFF
    while day <= TUNE_UNTIL:
        days.append(day)
        day += dt.timedelta(weeks=step)
    return days


def cases(households: dict[int, str], histories: dict, days: list[dt.date] | None = None) -> dict:
    """Per (staple, Monday): [(household, item pace, visits pace, size, bought that week)], for ``days``
    (every April-July Monday unless given)."""
    purchases: dict[str, dict[int, list[Purchase]]] = {}
    visits: dict[int, list[Purchase]] = {}
    for staple, per in histories.items():
        mine = purchases[staple] = {}
        for h, rows in per.items():
            bought = [Purchase(day=ts.date(), quantity=float(max(q, 1)), amount=max(a, 0.0)) for ts, _, q, a in rows]
            mine[h] = bought
            visits.setdefault(h, []).extend(bought)
    found: dict = {}
    for monday in days or mondays(1):
        end = monday + dt.timedelta(days=7)
        visit_paces = {}
        for h, bought in visits.items():
            before = [p for p in bought if p.day < monday]
            if before:
                visit_paces[h] = _pace(before, weigh=False)
        for staple in histories:
            rows = []
            for h, vpace in visit_paces.items():
                bought = purchases[staple].get(h, [])
                before = [p for p in bought if p.day < monday]
                took = any(monday <= p.day < end for p in bought)
                rows.append((h, _pace(before, weigh=True) if before else None, vpace, households.get(h, ""), took))
            # buyers with no history at all in the shop (first visit that week) count too
            newcomers = sum(
                1 for h, bought in purchases[staple].items()
                if h not in visit_paces and any(monday <= p.day < end for p in bought)
            )
            found[staple, monday] = (rows, newcomers)
        print(monday, flush=True)
    return found


def load(cache: Path = CACHE) -> dict:
    """The cases, built once and kept in ``cache``."""
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    households, histories = _load(list(STAPLES))
    data = cases(households, histories)
    cache.write_bytes(pickle.dumps(data))
    return data


def _pace(purchases: list[Purchase], *, weigh: bool) -> forecast.Pace:
    found = rhythm(purchases, weigh_quantity=weigh)
    spread = gap_spread(purchases, weigh_quantity=weigh)
    return pace_from(found, None if spread is None else round(spread, 3))


def main() -> int:
    """Build (or read) the cases, optionally refit, and print April-July scores."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--weekly", action="store_true", help="score every April-July Monday, not four-weekly")
    parser.add_argument("--no-unnamed", action="store_true", help="the cut over the named chances only")
    parser.add_argument("--anchors", action="store_true", help="BG/NBD on restock-due's population, and buyers by group")
    args = parser.parse_args()
    data = load()
    coefficients = forecast.COEFFICIENTS
    if args.fit:
        coefficients = fit(data)
        print("COEFFICIENTS =", tuple(round(c, 4) for c in coefficients))
    evaluate(data, coefficients, unnamed=not args.no_unnamed, step=1 if args.weekly else 4)
    if args.anchors:
        anchors(data, step=1 if args.weekly else 4)
    return 0


def fit(data: dict) -> tuple[float, ...]:
    """Logistic regression of bought-that-week on the features, every April-July Monday, six staples."""
    from sklearn.linear_model import LogisticRegression

    x, y = [], []
    for (_staple, monday), (rows, _new) in data.items():
        for _h, pace, visits, _size, took in rows:
            if pace is None or not forecast.eligible(pace, monday):
                continue
            x.append(forecast.features(pace, monday, visits))
            y.append(took)
    model = LogisticRegression(C=100.0, max_iter=2000, fit_intercept=False)
    model.fit(np.array(x), np.array(y))
    print(f"fitted on {len(y):,} household-weeks")
    return tuple(float(c) for c in model.coef_[0])


def evaluate(data: dict, coefficients: tuple[float, ...], *, unnamed: bool = True, step: int = 4) -> None:
    """Mean F1 and precision@10 per staple over the four-weekly April-July cutoffs, as the report lists."""
    cutoffs = mondays(step)
    totals = []
    for staple in STAPLES:
        scores = []
        for monday in cutoffs:
            rows, newcomers = data[staple, monday]
            buyers = {h for h, *_rest, took in rows if took} | set(range(-newcomers, 0))
            listed = product_list(rows, monday, coefficients, unnamed=unnamed)
            scores.append(_score(listed, buyers))
        f1 = np.mean([s[2] for s in scores])
        p10 = np.mean([s[3] for s in scores])
        totals.append((f1, p10))
        print(f"| {staple} | {np.mean([s[0] for s in scores]):.3f} | {np.mean([s[1] for s in scores]):.3f} "
              f"| {f1:.3f} | {p10:.2f} |")
    print(f"| all six | | | {np.mean([t[0] for t in totals]):.3f} | {np.mean([t[1] for t in totals]):.2f} |")


def product_list(
    rows: list, monday: dt.date, coefficients: tuple[float, ...] = forecast.COEFFICIENTS, *, unnamed: bool = True
) -> list[int]:
    """restock-due's list for the week from ``monday``, in the report's order and with its cut."""
    chances, unnamed_total = {}, forecast.unnamed_expected(unnamed_recent(rows, monday))
    order = {}
    for h, pace, visits, _size, _took in rows:
        if pace is None:
            continue
        p = forecast.weekly_chance(pace, monday, visits, coefficients)
        if p > 0:
            chances[h] = round(p, 3)
            # the report's order: surest first (the near-certain by purchases a week), then the due date
            # and the customer's name
            rank = forecast.list_order(chances[h], pace.purchases, forecast.weekly_rate(pace, monday))
            order[h] = (*rank, pace.last_day + dt.timedelta(days=pace.expected_gap), f"household {h}")
    cut = forecast.select_due(chances, unnamed_total if unnamed else 0.0)
    bar = min(cut, forecast.CONFIDENT)
    return [h for h, p in sorted(chances.items(), key=lambda kv: order[kv[0]]) if p >= bar]


def unnamed_recent(rows: list, monday: dt.date) -> int:
    """What the report counts for ``forecast.unnamed_expected``: customers who started buying the staple in
    the last ``UNNAMED_WEEKS`` weeks, or whose last purchase then was at most their ``MIN_PURCHASES``th."""
    since = monday - dt.timedelta(weeks=forecast.UNNAMED_WEEKS)
    return sum(
        1
        for _h, pace, *_rest in rows
        if pace is not None
        and pace.last_day >= since
        and (pace.first_day >= since or pace.purchases <= forecast.MIN_PURCHASES)
    )


def _erratic(pace: forecast.Pace) -> bool:
    return pace.spread is not None and pace.spread > forecast.ERRATIC_SPREAD


def _lapsed(pace: forecast.Pace, monday: dt.date) -> bool:
    return (monday - pace.last_day).days > forecast.LAPSE_CYCLES * max(1.0, pace.expected_gap) + 7


POPULATIONS = {
    "everyone (the anchor)": lambda pace, monday: True,
    "three purchases or more": lambda pace, monday: pace.purchases >= forecast.MIN_PURCHASES,
    "three or more, not erratic": lambda pace, monday: pace.purchases >= forecast.MIN_PURCHASES and not _erratic(pace),
    "three or more, not lapsed": lambda pace, monday: pace.purchases >= forecast.MIN_PURCHASES
    and not _lapsed(pace, monday),
    "restock-due's (eligible)": forecast.eligible,
}


def anchors(data: dict, step: int = 4) -> None:
    """BG/NBD (as backtest_real fits it) listing only each population, its threshold chosen per staple on
    these cutoffs; then each week's buyers by group (what no list under the issue's rules may name)."""
    from backtest_real import _bgnbd

    cutoffs = mondays(step)
    expected = {}
    for staple in STAPLES:
        for monday in cutoffs:
            rows = data[staple, monday][0]
            before = {h: [pace.first_day] * (pace.purchases - 1) + [pace.last_day] for h, pace, *_ in rows if pace}
            expected[staple, monday] = _bgnbd(before, monday)
    for label, keep in POPULATIONS.items():
        f1s, p10s = [], []
        for staple in STAPLES:
            best = None
            for threshold in BGNBD_THRESHOLDS:
                scores = []
                for monday in cutoffs:
                    rows, newcomers = data[staple, monday]
                    buyers = {h for h, *_rest, took in rows if took} | set(range(-newcomers, 0))
                    paces = {h: pace for h, pace, *_ in rows if pace}
                    ranked = sorted(expected[staple, monday].items(), key=lambda kv: -kv[1])
                    scores.append(_score([h for h, e in ranked if e >= threshold and keep(paces[h], monday)], buyers))
                if best is None or np.mean([s[2] for s in scores]) > np.mean([s[2] for s in best]):
                    best = scores
            f1s.append(np.mean([s[2] for s in best]))
            p10s.append(np.mean([s[3] for s in best]))
        print(f"| BG/NBD, {label} | " + " | ".join(f"{f:.3f} / {p:.2f}" for f, p in zip(f1s, p10s, strict=True))
              + f" | {np.mean(f1s):.3f} / {np.mean(p10s):.2f} |")
    for staple in STAPLES:
        groups = dict.fromkeys(("new or 1-2 purchases", "erratic", "lapsed", "eligible"), 0)
        for monday in cutoffs:
            rows, newcomers = data[staple, monday]
            groups["new or 1-2 purchases"] += newcomers
            for _h, pace, *_rest, took in rows:
                if took:
                    group = ("new or 1-2 purchases" if pace is None or pace.purchases < forecast.MIN_PURCHASES
                             else "erratic" if _erratic(pace) else "lapsed" if _lapsed(pace, monday) else "eligible")
                    groups[group] += 1
        print(f"{staple}: buyers a week " + ", ".join(f"{k} {v / len(cutoffs):.1f}" for k, v in groups.items()))


if __name__ == "__main__":
    sys.exit(main())
