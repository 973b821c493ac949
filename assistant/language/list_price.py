"""A sale's price said far below the list ("邓海买了十袋东北大米一百块": 100 for 590): more likely a slip (一百 for
五百九, 十袋 for 两袋) than a discount, so the read-back names the list price and she decides."""

from __future__ import annotations

from decimal import Decimal

from assistant.language.wording import number

# Below half the list price a discount is rare enough to mention; a little off (rounding, a regular's price) is not.
_FAR_BELOW = Decimal("0.5")


def list_price_note(listed: list[Decimal], said: list[Decimal], language: str) -> str | None:
    """The list price named when the sum said is under half of it ("按价目是590元,确定吗?"); None otherwise."""
    total_listed, total_said = sum(listed, Decimal(0)), sum(said, Decimal(0))
    if not said or total_listed <= 0 or total_said <= 0 or total_said >= total_listed * _FAR_BELOW:
        return None
    if language == "en":
        return f"At the list price that is {number(total_listed)} yuan, not {number(total_said)}: is that right?"
    return f"按价目是{number(total_listed)}元,不是{number(total_said)}元,确定吗?"
