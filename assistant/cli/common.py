"""Helpers the command modules share."""

from __future__ import annotations

import json
import sys
from typing import Any

from sqlalchemy.engine import Engine

from assistant.context import ShopContext
from assistant.db import default_engine, upgrade


def open_database() -> Engine:
    """The engine for ``ASSISTANT_DB_URL``, migrated to the newest schema first."""
    engine = default_engine()
    upgrade(engine)
    return engine


def open_context() -> ShopContext:
    """The shop context of this command: the configured database, migrated to the newest schema first."""
    return ShopContext.build(engine=open_database())


def print_json(value: Any) -> None:
    """Print ``value`` as UTF-8 JSON (Chinese kept readable), one object per line."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
