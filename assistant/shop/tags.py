"""Customer tags and what kind of fact each is; health and children's facts are sensitive (PIPL)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Tag

# Words that say what a tag is about. Order matters: the first kind whose word occurs wins.
_KIND_WORDS: list[tuple[str, bool, tuple[str, ...]]] = [
    ("health", True, ("过敏", "高血压", "血压", "糖尿病", "血糖", "痛风", "孕", "病", "allerg", "diabet",
                      "blood pressure", "hypertension", "pregnan", "gout", "health")),
    ("household", True, ("小孩", "孩子", "儿童", "宝宝", "婴", "child", "kid", "baby", "infant")),
    ("diet", False, ("低钠", "低盐", "少油", "素食", "吃素", "清真", "低糖", "无糖", "有机", "减肥",
                     "vegetarian", "vegan", "halal", "low sodium", "low-sodium", "low salt", "organic")),
    ("household", False, ("老人", "独居", "家庭", "大家庭", "household", "elderly", "family")),
    ("interest", False, ("烘焙", "面食", "做饭", "团购", "baking", "cook", "noodle")),
]


def classify_tag(name: str) -> tuple[str, bool]:
    """The kind of a tag (health, diet, household, interest, other) and whether it is sensitive."""
    lowered = name.lower()
    for kind, sensitive, words in _KIND_WORDS:
        if any(word in lowered for word in words):
            return kind, sensitive
    return "other", False


def get_or_create_tags(session: Session, *, shop_id: int, names: list[str]) -> list[Tag]:
    """The shop's tags with these names, creating (and classifying) the missing ones."""
    wanted = [n.strip() for n in names if n and n.strip()]
    if not wanted:
        return []
    existing = {
        tag.name: tag
        for tag in session.execute(
            select(Tag).where(Tag.shop_id == shop_id, Tag.name.in_(wanted))
        ).scalars()
    }
    tags = []
    for name in dict.fromkeys(wanted):
        tag = existing.get(name)
        if tag is None:
            kind, sensitive = classify_tag(name)
            tag = Tag(shop_id=shop_id, name=name, kind=kind, sensitive=sensitive)
            session.add(tag)
            existing[name] = tag
        tags.append(tag)
    session.flush()
    return tags
