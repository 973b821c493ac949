"""A scaled, synthetic shop in the contract CSV format, for the import and chat benchmarks (and the
tests that need a big shop): customers and receipts by the hundred thousand, deterministic per seed."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from assistant import clock
from assistant.shop.demo.data import (
    GIVEN,
    HOUSEHOLD_TAGS,
    PRICES,
    PRODUCTS,
    PROMOTIONS,
    SURNAMES,
    pinyin_name,
    random_phone,
)
from assistant.shop.importer import CUSTOMER_COLUMNS, PRODUCT_COLUMNS, SALE_COLUMNS


def generate_demo_csv(
    folder: Path,
    *,
    customers: int = 100_000,
    sale_items: int = 2_000_000,
    seed: int = 7,
    today: dt.date | None = None,
) -> tuple[Path, Path, Path]:
    """Write a scaled synthetic shop (contract CSV format) into ``folder``: for the import benchmark."""
    rng = random.Random(seed)
    today = today or clock.today()
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / "customers.csv", folder / "products.csv", folder / "sales.csv"
    names = _unique_names(rng, customers)
    with paths[0].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*CUSTOMER_COLUMNS, "referred_by"])
        for number, name in enumerate(names):
            tags = "|".join(tag for tag, share in HOUSEHOLD_TAGS if rng.random() < share)
            birthday = f"{rng.randrange(1945, 2005)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            writer.writerow(
                [
                    name,
                    pinyin_name(name),
                    random_phone(rng),
                    birthday,
                    f"{rng.randrange(1, 40)}栋{rng.randrange(1, 4)}单元",
                    tags,
                    "",
                    rng.choice(("yes", "yes", "yes", "no", "")),
                    names[0] if number % 50 == 1 else "",
                ]
            )
    with paths[1].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PRODUCT_COLUMNS)
        writer.writerows(PRODUCTS)
    products = [(name, PRICES[name]) for name, *_ in PRODUCTS]
    start = dt.datetime.combine(today - dt.timedelta(days=364), dt.time(8))
    with paths[2].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*SALE_COLUMNS, "promotion"])
        written, minute = 0, 0
        while written < sale_items:
            # Receipts in time order, 1-4 lines each, a fifth of them walk-ins.
            minute += rng.randrange(0, 2)
            at = (start + dt.timedelta(minutes=minute % (365 * 24 * 60))).strftime("%Y-%m-%d %H:%M")
            customer = "" if rng.random() < 0.2 else names[rng.randrange(customers)]
            promotion = PROMOTIONS[rng.randrange(2)] if rng.random() < 0.03 else ""
            for product, price in rng.sample(products, min(rng.randrange(1, 5), sale_items - written)):
                quantity = rng.randrange(1, 4)
                writer.writerow([at, customer, product, quantity, "", price * quantity, promotion])
                written += 1
    return paths


def _unique_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct Chinese-looking names (a numbered suffix once the combinations run out)."""
    given = [a + b for a in GIVEN for b in GIVEN] + list(GIVEN)
    pool = [s + g for s in SURNAMES for g in given]
    rng.shuffle(pool)
    return [pool[i % len(pool)] + (str(i // len(pool)) if i >= len(pool) else "") for i in range(count)]
