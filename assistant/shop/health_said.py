"""Health facts told loosely ("她血压也高了", "血压有点高", "her blood pressure is high"): the tag they are kept
under (高血压, 糖尿病), not a free note of the sentence (blind #15)."""

from __future__ import annotations

import re

# words between the measure and "high" that keep it high (也, 有点, 偏): never 不 ("血压不高")
_KEEPS_HIGH = r"(?:也|又|还|都|就|有点儿?|有些|一直|比较|偏|太|挺|很|蛮|老|变|升)*"
_HEALTH_TOLD: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"血压{_KEEPS_HIGH}(?:偏)?高"), "高血压"),
    (re.compile(rf"血糖{_KEEPS_HIGH}(?:偏)?高"), "糖尿病"),
    (re.compile(r"blood pressure(?:'s| is| has been| got| has gotten| went| gone)?(?: up)?"
                r"(?: a bit| a little| quite| very| too| pretty| really)? high"), "高血压"),
    (re.compile(r"blood sugar(?:'s| is| has been| got| has gotten| went| gone)?(?: up)?"
                r"(?: a bit| a little| quite| very| too| pretty| really)? high"), "糖尿病"),
)


def health_tags_told(lowered: str) -> list[str]:
    """The health tags a lowered sentence tells in loose words ("血压也高了" → 高血压), in order, each once."""
    found = [tag for pattern, tag in _HEALTH_TOLD if pattern.search(lowered)]
    return list(dict.fromkeys(found))
