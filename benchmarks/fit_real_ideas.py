"""Ideas for the restock forecast tried on The Complete Journey's April-July Mondays (issue 14, fourth round).

    .venv/bin/python benchmarks/fit_real_ideas.py [--quantity]

Each idea is scored as ``fit_real.py`` scores the product (the report's cut and order, April-July only),
on the four-weekly cutoffs of ``backtest_real.py`` and on every Monday; every idea that changes the
model's inputs is refitted on every April-July Monday first. Mean F1 and precision@10 per staple, then the
mean over the six. None of these is in the product (docs/benchmarks.md says why).
- pooling across households: the customer's expected gap, or the spread of her gaps, shrunk toward the
  staple's population (empirical Bayes: her own figure weighs as many gaps as she has, the population's
  ``k``); and, as the most pooling could give, BG/NBD's expected purchases (a gamma-prior model fitted
  across all households) as a fourteenth input;
- per staple: the model refitted per staple, and a fixed chance threshold per staple (chosen in hindsight
  on the same cutoffs);
- ``--quantity``: quantity counted as ``quantity ** beta`` (1: the product, a bag lasts its size; 0: not
  at all), which rebuilds the cases for each beta (about a minute each).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import math
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fit_real  # noqa: E402
from backtest_real import STAPLES, _bgnbd, _score  # noqa: E402

from assistant.shop.forecast import chance as forecast  # noqa: E402
from assistant.shop.rhythm import Purchase, merge_days  # noqa: E402

Chance = Callable[[str, dt.date, int, forecast.Pace, forecast.Pace], float]
Extra = Callable[[str, dt.date, int, forecast.Pace, forecast.Pace], tuple[float, ...]]


def score(data: dict, chance_of: Chance, step: int) -> tuple[list[float], list[float]]:
    """Mean F1 and precision@10 per staple of the report's lists (its cut and order) under ``chance_of``."""
    f1s, p10s = [], []
    for staple in STAPLES:
        scores = []
        for monday in fit_real.mondays(step):
            rows, newcomers = data[staple, monday]
            buyers = {h for h, *_rest, took in rows if took} | set(range(-newcomers, 0))
            chances, order = {}, {}
            for h, pace, visits, _size, _took in rows:
                if pace is None or not forecast.eligible(pace, monday):
                    continue
                p = round(chance_of(staple, monday, h, pace, visits), 3)
                if p > 0:
                    chances[h] = p
                    rank = forecast.list_order(p, pace.purchases, forecast.weekly_rate(pace, monday))
                    order[h] = (*rank, pace.last_day + dt.timedelta(days=pace.expected_gap), f"household {h}")
            unnamed = forecast.unnamed_expected(fit_real.unnamed_recent(rows, monday))
            bar = min(forecast.select_due(chances, unnamed), forecast.CONFIDENT)
            scores.append(_score([h for h in sorted(chances, key=order.get) if chances[h] >= bar], buyers))
        f1s.append(float(np.mean([s[2] for s in scores])))
        p10s.append(float(np.mean([s[3] for s in scores])))
    return f1s, p10s


def show(label: str, data: dict, chance_of: Chance) -> None:
    """One row per cutoff set: F1 per staple | mean, precision@10 per staple | mean."""
    for step, name in ((4, "four-weekly"), (1, "every Monday")):
        f1s, p10s = score(data, chance_of, step)
        print(f"| {label} | {name} | " + " ".join(f"{f:.3f}" for f in f1s) + f" | {np.mean(f1s):.3f} | "
              + " ".join(f"{p:.2f}" for p in p10s) + f" | {np.mean(p10s):.3f} |", flush=True)


def product(staple: str, monday: dt.date, h: int, pace: forecast.Pace, visits: forecast.Pace) -> float:
    """The product's chance."""
    return forecast.weekly_chance(pace, monday, visits)


def _blend(pace: forecast.Pace, monday: dt.date, fitted: float) -> float:
    """``weekly_chance``'s clockwork blend over another fitted chance."""
    if not (pace.purchases >= forecast.REGULAR_PURCHASES and pace.spread is not None
            and pace.spread <= forecast.REGULAR_SPREAD):
        return fitted
    since, gap, spread = (monday - pace.last_day).days, max(1.0, pace.expected_gap), max(forecast.MIN_SPREAD, pace.spread)
    survive = forecast._survival(since, gap, spread)
    still = forecast.STILL_BUYING * survive / (forecast.STILL_BUYING * survive + 1 - forecast.STILL_BUYING)
    timing = forecast.timing_chance(since, gap, spread)
    return (1 - forecast.TIMING_WEIGHT) * fitted + forecast.TIMING_WEIGHT * still * timing


def refitted(data: dict, transform: Callable = lambda s, m, pace: pace, extra: Extra | None = None,
             per_staple: bool = False) -> Chance:
    """The model refitted on every April-July Monday with the pace transformed and/or extra inputs."""
    from sklearn.linear_model import LogisticRegression

    def inputs(staple: str, monday: dt.date, h: int, pace: forecast.Pace, visits: forecast.Pace) -> tuple:
        more = extra(staple, monday, h, pace, visits) if extra else ()
        return forecast.features(transform(staple, monday, pace), monday, visits) + tuple(more)

    groups = {staple: staple if per_staple else "all" for staple in STAPLES}
    x: dict[str, list] = {}
    y: dict[str, list] = {}
    for (staple, monday), (rows, _new) in data.items():
        for h, pace, visits, _size, took in rows:
            if pace is not None and forecast.eligible(pace, monday):
                x.setdefault(groups[staple], []).append(inputs(staple, monday, h, pace, visits))
                y.setdefault(groups[staple], []).append(took)
    weights = {
        g: LogisticRegression(C=100.0, max_iter=3000, fit_intercept=False).fit(np.array(x[g]), np.array(y[g])).coef_[0]
        for g in x
    }

    def chance_of(staple: str, monday: dt.date, h: int, pace: forecast.Pace, visits: forecast.Pace) -> float:
        z = float(np.dot(weights[groups[staple]], inputs(staple, monday, h, pace, visits)))
        return _blend(transform(staple, monday, pace), monday, 1 / (1 + math.exp(-max(-30.0, min(30.0, z)))))

    return chance_of


def shrink(data: dict, k_gap: float, k_spread: float) -> Callable:
    """Empirical Bayes: the expected gap (log) and the gaps' spread pulled toward the staple's eligible
    customers that Monday, the customer's own figure weighing her number of recent gaps, the population's
    ``k``."""
    population = {}
    for (staple, monday), (rows, _new) in data.items():
        paces = [p for _h, p, *_rest in rows if p is not None and forecast.eligible(p, monday)]
        population[staple, monday] = (
            float(np.median([math.log(max(1.0, p.expected_gap)) for p in paces])),
            float(np.sqrt(np.mean([p.spread**2 for p in paces if p.spread is not None]))),
        )

    def transform(staple: str, monday: dt.date, pace: forecast.Pace) -> forecast.Pace:
        log_gap, spread = population[staple, monday]
        n = min(pace.purchases - 1, 6)
        gap = math.exp((n * math.log(max(1.0, pace.expected_gap)) + k_gap * log_gap) / (n + k_gap))
        own = pace.spread
        if k_spread:
            own = spread if own is None else math.sqrt(((n - 1) * own**2 + k_spread * spread**2) / (n - 1 + k_spread))
        return dataclasses.replace(pace, expected_gap=gap, spread=own)

    return transform


def fixed_thresholds(data: dict) -> None:
    """The product's chances with a fixed threshold per staple in place of the cut, best in hindsight."""
    for step, name in ((4, "four-weekly"), (1, "every Monday")):
        f1s, p10s, chosen = [], [], []
        for staple in STAPLES:
            best = None
            for threshold in (0.05, 0.07, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
                scores = []
                for monday in fit_real.mondays(step):
                    rows, newcomers = data[staple, monday]
                    buyers = {h for h, *_rest, took in rows if took} | set(range(-newcomers, 0))
                    keyed = {}
                    for h, pace, visits, _size, _took in rows:
                        p = round(forecast.weekly_chance(pace, monday, visits), 3) if pace else 0.0
                        if p > 0 and p >= threshold:
                            keyed[h] = forecast.list_order(p, pace.purchases, forecast.weekly_rate(pace, monday))
                    scores.append(_score(sorted(keyed, key=keyed.get), buyers))
                if best is None or np.mean([s[2] for s in scores]) > np.mean([s[2] for s in best[1]]):
                    best = (threshold, scores)
            chosen.append(best[0])
            f1s.append(float(np.mean([s[2] for s in best[1]])))
            p10s.append(float(np.mean([s[3] for s in best[1]])))
        print(f"| per-staple threshold {chosen} | {name} | " + " ".join(f"{f:.3f}" for f in f1s)
              + f" | {np.mean(f1s):.3f} | " + " ".join(f"{p:.2f}" for p in p10s) + f" | {np.mean(p10s):.3f} |")


def quantity(beta: float) -> dict:
    """The cases with each day's quantity counted as ``quantity ** beta``."""
    plain = fit_real._pace

    def damped(purchases: list[Purchase], *, weigh: bool) -> forecast.Pace:
        days = [Purchase(day=p.day, quantity=p.quantity**beta, amount=p.amount) for p in merge_days(purchases)]
        return plain(days, weigh=weigh)

    fit_real._pace = damped
    try:
        return fit_real.load(Path(f"/tmp/zhanggui-fit-real-quantity-{beta}.pickle"))
    finally:
        fit_real._pace = plain


def main() -> int:
    """Print every idea's scores."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quantity", action="store_true", help="also quantity ** beta, beta 0, 0.25, 0.5")
    args = parser.parse_args()
    data = fit_real.load()
    print("| idea | cutoffs | F1: " + " ".join(STAPLES) + " | mean | precision@10 | mean |")
    show("the product", data, product)
    for k_gap, k_spread in ((1, 0), (2, 0), (0, 1), (0, 3)):
        show(f"shrunk toward the staple: gap k={k_gap}, spread k={k_spread}", data,
             refitted(data, shrink(data, k_gap, k_spread)))
    expected = {(s, m): _bgnbd({h: [p.first_day] * (p.purchases - 1) + [p.last_day] for h, p, *_ in rows if p}, m)
                for (s, m), (rows, _new) in data.items()}
    show("BG/NBD's expected purchases as an input", data,
         refitted(data, extra=lambda s, m, h, pace, visits: (math.log(expected[s, m][h] + 1e-3),)))
    show("coefficients per staple", data, refitted(data, per_staple=True))
    fixed_thresholds(data)
    if args.quantity:
        for beta in (0.0, 0.25, 0.5):
            show(f"quantity ** {beta}", quantity(beta), product)
    return 0


if __name__ == "__main__":
    sys.exit(main())
