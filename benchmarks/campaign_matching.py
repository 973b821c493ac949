"""How much the campaigns comparison depends on how non-users are chosen, on an imported database.

    ASSISTANT_TODAY=2018-01-01 PYTHONPATH=. .venv/bin/python benchmarks/campaign_matching.py sqlite:///cj/shop.db

For every promotion with at least ``--min-users`` judged users, the users-weighted difference and the
permutation p-value of ``assistant.shop.promotion_effect`` against non-users chosen four ways:
everyone who shopped while it ran from their first visit then, in one stratum (the report before strata);
a random one of their visits then; the visit at the users' positions since it began (the report's, with
three seeds). The database is one ``benchmarks/import_real.py --keep DIR`` wrote (or any shop).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import importlib
import random
from dataclasses import replace

from sqlalchemy import func, select

from assistant import clock
from assistant.db import make_engine, session_scope
from assistant.db.models import Promotion, PromotionUse
from assistant.shop.promotion_effect import Judged, comparable_others, compare, judge, visit_stratum
from assistant.shop.purchase_stats import RETURN_DAYS

# The package re-exports the report function under the module's name.
campaigns_module = importlib.import_module("assistant.shop.reports.campaigns")


def main() -> None:
    """Print one table row per promotion and way of choosing the non-users."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--min-users", type=int, default=30)
    args = parser.parse_args()
    today = clock.today()
    with session_scope(make_engine(args.url)) as session:
        spans = session.execute(
            select(PromotionUse.promotion_id, Promotion.name, func.min(PromotionUse.first_day),
                   func.max(PromotionUse.last_day), func.count())
            .join(Promotion, Promotion.id == PromotionUse.promotion_id)
            .group_by(PromotionUse.promotion_id, Promotion.name)
        ).all()
        shop_id = session.execute(select(Promotion.shop_id)).scalars().first()
        visits = campaigns_module._visits(session, shop_id=shop_id, figures=[
            type("Span", (), {"first_used": first, "last_used": last}) for _, _, first, last, _ in spans])
        used = {}
        for promotion_id, customer_id, start, came_back in session.execute(
            select(PromotionUse.promotion_id, PromotionUse.customer_id, PromotionUse.first_day,
                   PromotionUse.came_back)
        ):
            used.setdefault(promotion_id, {})[customer_id] = (start, bool(came_back))
    print("| campaign | users | non-users chosen | their rate | difference (95 % interval) | p |")
    print("| --- | ---: | --- | ---: | --- | ---: |")
    for promotion_id, name, first, last, _ in sorted(spans, key=lambda s: -s[4]):
        users_of = used[promotion_id]
        users = [Judged(visit_stratum(visits.get(c, []), start), back) for c, (start, back) in users_of.items()
                 if back or start + dt.timedelta(days=RETURN_DAYS) < today]
        if len(users) < args.min_users:
            continue
        positions = [bisect.bisect_left(visits.get(c, []), start) - bisect.bisect_left(visits.get(c, []), first)
                     for c, (start, _) in users_of.items()]
        ways = {"everyone, first visit then, no strata": (
            [replace(u, stratum=0) for u in users], [replace(o, stratum=0) for o in _drawn(
                visits, set(users_of), first, last, today, lambda during, draw: during[0])])}
        ways["a random visit of theirs then"] = (users, _drawn(visits, set(users_of), first, last, today,
                                                               lambda during, draw: draw.choice(during)))
        for seed in (14, 1, 2):
            ways[f"same visit since it began (seed {seed})"] = (users, comparable_others(
                user_ids=set(users_of), visits=visits, positions=positions, first=first, last=last, today=today,
                return_days=RETURN_DAYS, seed=seed))
        for way, (mine, others) in ways.items():
            found = compare(mine, others)
            print(f"| {name} | {found.users_matched} | {way} ({found.others:,}) | {found.others_rate:.3f} | "
                  f"{found.difference:+.3f} ({found.low:+.3f} to {found.high:+.3f}) | {found.p_value:.3f} |")


def _drawn(visits, user_ids, first, last, today, pick) -> list[Judged]:  # noqa: ANN001
    """Non-users who shopped from ``first`` to ``last``, each judged from the visit ``pick`` chooses."""
    draw = random.Random(14)
    judged = []
    for customer_id in sorted(visits):
        days = visits[customer_id]
        during = days[bisect.bisect_left(days, first) : bisect.bisect_right(days, last)]
        if customer_id in user_ids or not during:
            continue
        found = judge(days, pick(during, draw), today=today, return_days=RETURN_DAYS)
        if found is not None:
            judged.append(found)
    return judged


if __name__ == "__main__":
    main()
