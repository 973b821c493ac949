"""A year of the demo shop, simulated and deterministic per seed: the example people and about 70
generated neighbours with real rhythms (monthly rice regulars, weekly flour buyers, people who stopped
coming, walk-ins) and two promotions.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from assistant import clock
from assistant.shop.demo.data import (
    ADD_ONS,
    GIVEN,
    HOUSEHOLD_TAGS,
    PRICES,
    RICE,
    SURNAMES,
    DemoCustomer,
    example_people,
    pinyin_name,
    random_phone,
)


@dataclass
class DemoShop:
    """Everything ``load_demo`` writes."""

    customers: list[DemoCustomer]
    sales: list[list[str]] = field(default_factory=list)
    voids: int = 5
    requests: list[tuple[str, str, int]] = field(default_factory=list)  # customer, product, days ago


def build_demo(*, seed: int = 7, today: dt.date | None = None) -> DemoShop:
    """The demo shop for ``seed`` with one year of sales ending at ``today`` (default: the clock's)."""
    rng = random.Random(seed)
    today = today or clock.today()
    people = _customers(rng, today)
    shop = DemoShop(customers=people)
    shop.sales = _sales(rng, today, people)
    shop.requests = [
        ("李建国", "低钠酱油", 9),
        ("汪桂兰", "低钠酱油", 4),
        ("张丽", "玉米油", 6),
        (people[-1].name, "五常大米", 3),
    ]
    return shop


def _customers(rng: random.Random, today: dt.date) -> list[DemoCustomer]:
    """The people of the examples and about 70 generated neighbours, each with a way of shopping."""

    def in_days(days: int) -> str:
        day = today + dt.timedelta(days=days)
        return (
            f"{rng.randrange(1950, 1995)}-{day:%m-%d}"
            if not (day.month == 2 and day.day == 29)
            else "1988-02-29"
        )

    people = example_people(in_days)
    taken = {p.name for p in people}
    consent_choices = ["yes"] * 17 + ["no"] * 2 + [""]
    while len(people) < 80:
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
        if name in taken:
            continue
        taken.add(name)
        tags = [tag for tag, share in HOUSEHOLD_TAGS if rng.random() < share]
        aliases = [pinyin_name(name)]
        if rng.random() < 0.4:
            aliases.insert(0, ("老" if rng.random() < 0.5 else "小") + name[0])
        birthday = ""
        if rng.random() < 0.7:
            month, day = rng.randrange(1, 13), rng.randrange(1, 29)
            birthday = (
                f"农历{month:02d}-{day:02d}"
                if rng.random() < 0.15
                else f"{rng.randrange(1945, 2000)}-{month:02d}-{day:02d}"
            )
        person = DemoCustomer(
            name,
            aliases,
            random_phone(rng) if rng.random() < 0.85 else "",
            birthday,
            f"{rng.randrange(1, 13)}栋{rng.randrange(1, 4)}单元",
            tags,
            consent=rng.choice(consent_choices),
        )
        roll = rng.random()
        if roll < 0.35:
            person.habit, person.rice = "rice_regular", rng.choice(RICE)
            person.bags, person.days_per_bag = rng.choice((1, 1, 2, 2, 3)), rng.uniform(10, 18)
        elif roll < 0.45:
            person.habit, person.rice, person.habit_day = (
                "monthly_day",
                rng.choice(RICE),
                rng.randrange(1, 29),
            )
            person.bags = rng.choice((1, 2))
        elif roll < 0.55:
            person.habit, person.bags = "weekly_flour", rng.choice((1, 1, 2))
        if rng.random() < 0.15:
            person.stopped_days_ago = rng.randrange(60, 121)
        people.append(person)
    # Birthdays this week (relative to today), so the birthday list is never empty in a demo.
    for person, days in zip(people[10:12], (0, 5), strict=True):
        person.birthday = in_days(days)
    # 陈团长's group: neighbours who came through her group-buying chat.
    for person in people[20:28]:
        person.referred_by = "陈美玲"
        person.tags = [*person.tags, "团购"]
    return people


def _sales(rng: random.Random, today: dt.date, people: list[DemoCustomer]) -> list[list[str]]:
    """A year of sales.csv rows up to ``today``, oldest first: habits, promotions and walk-ins."""
    start = today - dt.timedelta(days=364)
    rows: list[tuple[dt.datetime, int, list[str]]] = []  # sort key, order, row
    promotion_windows = {
        "满减券": (today - dt.timedelta(days=150), 21),
        "试用装": (today - dt.timedelta(days=100), 21),
    }
    comeback = {"满减券": 0.3, "试用装": 0.65}

    def visit(
        day: dt.date, person: DemoCustomer | None, lines: list[tuple[str, int]], promotion: str = ""
    ) -> None:
        if day < start or day > today:
            return
        at = dt.datetime.combine(day, dt.time(rng.randrange(8, 20), rng.randrange(0, 60)))
        for number, (product, quantity) in enumerate(lines):
            amount = PRICES[product] * quantity
            if promotion == "满减券" and number == 0:
                amount -= Decimal("10")
            if promotion == "试用装" and number == len(lines) - 1:
                amount = Decimal("0")
            rows.append(
                (
                    at,
                    len(rows),
                    [
                        at.strftime("%Y-%m-%d %H:%M"),
                        person.name if person else "",
                        product,
                        str(quantity),
                        "",
                        f"{amount:.2f}",
                        promotion,
                    ],
                )
            )

    def extras() -> list[tuple[str, int]]:
        return [(rng.choice(ADD_ONS), rng.choice((1, 1, 2)))] if rng.random() < 0.45 else []

    def oil_for(person: DemoCustomer) -> str:
        return "菜籽油" if "花生过敏" in person.tags else rng.choice(("花生油", "菜籽油", "玉米油"))

    for person in people:
        last = today - dt.timedelta(days=person.stopped_days_ago) if person.stopped_days_ago else today
        if person.habit == "monthly_day":
            month = dt.date(start.year, start.month, 1)
            while month <= last:
                day = month.replace(day=min(person.habit_day, 28)) + dt.timedelta(days=rng.randint(-2, 2))
                if day <= last:
                    visit(day, person, [(person.rice, person.bags), *extras()])
                month = (month + dt.timedelta(days=32)).replace(day=1)
        elif person.habit == "rice_regular":
            day = start + dt.timedelta(days=rng.randrange(0, 20))
            while day <= last:
                bags = max(1, person.bags + rng.choice((-1, 0, 0, 0, 1)))
                lines = [(person.rice, bags), *extras()]
                if rng.random() < 0.25:
                    lines.append((oil_for(person), 1))
                visit(day, person, lines)
                # Gaps follow quantity: two bags last about twice as long as one.
                day += dt.timedelta(days=max(3, round(bags * person.days_per_bag + rng.gauss(0, 2))))
        elif person.habit == "weekly_flour":
            day = start + dt.timedelta(days=rng.randrange(0, 7))
            while day <= last:
                visit(
                    day, person, [("中筋面粉", person.bags), *([("鸡蛋", 1)] if rng.random() < 0.5 else [])]
                )
                day += dt.timedelta(days=7 + rng.choice((-1, 0, 0, 0, 1)))
        else:
            day = start + dt.timedelta(days=rng.randrange(0, 40))
            while day <= last:
                visit(day, person, [(rng.choice(RICE + ADD_ONS), 1), *extras()])
                day += dt.timedelta(days=rng.randrange(20, 60))

    # Promotions: occasional customers tried one; trial packs brought more of them back than the voucher.
    occasional = [p for p in people if p.habit == "occasional" and not p.stopped_days_ago]
    rng.shuffle(occasional)
    half = len(occasional) // 2
    for promotion, group in (("满减券", occasional[:half]), ("试用装", occasional[half:])):
        opens, length = promotion_windows[promotion]
        for person in group:
            day = opens + dt.timedelta(days=rng.randrange(0, length))
            lines = (
                [(rng.choice(RICE), 2)] if promotion == "满减券" else [(rng.choice(RICE), 1), ("低钠酱油", 1)]
            )
            visit(day, person, lines, promotion)
            if rng.random() < comeback[promotion]:
                visit(
                    day + dt.timedelta(days=rng.randrange(10, 30)), person, [(rng.choice(RICE), 1), *extras()]
                )
    # Walk-ins: a few a day, more at the weekend.
    day = start
    while day <= today:
        for _ in range(rng.randrange(2, 6) + (2 if day.weekday() >= 5 else 0)):
            visit(day, None, [(rng.choice(RICE + ADD_ONS + ("中筋面粉",)), rng.choice((1, 1, 2)))])
        day += dt.timedelta(days=1)
    rows.sort(key=lambda r: (r[0], r[1]))
    return [row for _, _, row in rows]
