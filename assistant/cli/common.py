"""Helpers the command modules share."""

from __future__ import annotations

import json
import sys
from typing import Any

from sqlalchemy.engine import Engine

from assistant.context import ShopContext
from assistant.db import default_engine, upgrade
from assistant.shop import purchase_stats


def open_database() -> Engine:
    """The engine for ``ASSISTANT_DB_URL``, migrated to the newest schema first."""
    engine = default_engine()
    upgrade(engine)
    return engine


def open_context() -> ShopContext:
    """The shop context of this command: the configured database, migrated to the newest schema first,
    its figures recomputed if an earlier method computed them."""
    engine = open_database()
    refresh_figures(engine)
    return ShopContext.build(engine=engine)


def refresh_figures(engine: Engine) -> None:
    """Recompute the reports' figures of every shop an earlier forecast computed them for (once, after
    an upgrade; ``purchase_stats.refresh_outdated``), saying so on standard error."""
    for shop_id, rows in purchase_stats.refresh_outdated(engine).items():
        if rows:
            print(f"recomputed the reports' figures of shop {shop_id} with the current forecast ({rows} rows)",
                  file=sys.stderr)


def print_json(value: Any) -> None:
    """Print ``value`` as UTF-8 JSON (Chinese kept readable), one object per line."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
