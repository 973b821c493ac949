"""Small inline SVG charts for the pages: geometry computed here, drawn by the templates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    """One bar: position, size and its labels."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: str


def bar_chart(values: list[tuple[str, Decimal]], *, width: int = 320, height: int = 140) -> list[Bar]:
    """Bars for ``(label, value)`` pairs scaled to the tallest, leaving room for labels below."""
    if not values:
        return []
    top = max((v for _, v in values), default=Decimal(0)) or Decimal(1)
    plot = height - 34  # room for the value above and the label below each bar
    slot = width / len(values)
    bars = []
    for index, (label, value) in enumerate(values):
        bar_height = float(value / top) * plot if value > 0 else 0.0
        bars.append(
            Bar(
                x=index * slot + slot * 0.15,
                y=16 + plot - bar_height,
                width=slot * 0.7,
                height=bar_height,
                label=label,
                value=f"{value:.0f}",
            )
        )
    return bars


@dataclass(frozen=True)
class Dot:
    """One purchase on the rhythm line."""

    x: float
    day: dt.date


def rhythm_dots(days: list[dt.date], *, end: dt.date, span_days: int = 365, width: int = 320) -> list[Dot]:
    """Purchase dates within ``span_days`` before ``end`` placed on a line ``width`` wide (oldest left)."""
    start = end - dt.timedelta(days=span_days)
    return [
        Dot(x=round(8 + (day - start).days / span_days * (width - 16), 1), day=day)
        for day in sorted(set(days))
        if start <= day <= end
    ]
