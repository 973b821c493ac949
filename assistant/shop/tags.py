"""Customer tags and what kind of fact each is; health and children's facts are sensitive (PIPL)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Tag
from assistant.language.questions import asks_who_has
from assistant.shop.english import TAG_WORDS
from assistant.shop.health_said import health_tags_told

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


# Everyday ways of saying a fact → the tag it is kept under, so one fact is one tag whichever words she
# used ("吃素了" and "vegetarian" are both 素食; "血压高" is 高血压).
TAG_PHRASES: dict[str, str] = {
    "吃素": "素食", "吃斋": "素食", "素食": "素食", "vegetarian": "素食", "vegan": "素食",
    "血压高": "高血压", "高血压": "高血压", "high blood pressure": "高血压", "hypertension": "高血压",
    "血糖高": "糖尿病", "糖尿病": "糖尿病", "diabetes": "糖尿病", "diabetic": "糖尿病",
    "花生过敏": "花生过敏", "peanut allergy": "花生过敏", "allergic to peanuts": "花生过敏",
    "低钠": "低钠", "低盐": "低钠", "少盐": "低钠", "low sodium": "低钠", "low-sodium": "低钠", "low salt": "低钠",
    "痛风": "痛风", "gout": "痛风", "清真": "清真", "halal": "清真",
    # a child in the household (a sensitive fact: the tag, not the story, is kept)
    "有小孩": "有小孩", "有孩子": "有小孩", "有宝宝": "有小孩", "添了个小孩": "有小孩", "添了小孩": "有小孩",
    "添了个宝宝": "有小孩", "添了宝宝": "有小孩", "添了个孩子": "有小孩", "添丁": "有小孩", "生了个孩子": "有小孩",
    "生了孩子": "有小孩", "生了个宝宝": "有小孩", "生了宝宝": "有小孩", "生了个小孩": "有小孩",
    "had a baby": "有小孩", "has a baby": "有小孩", "new baby": "有小孩", "has a child": "有小孩",
    "has children": "有小孩", "has kids": "有小孩", "has a kid": "有小孩",
    # as a question asks it ("which customers have children", "who's allergic to peanuts")
    "have children": "有小孩", "have kids": "有小孩", "with children": "有小孩", "with kids": "有小孩",
    "peanut allergies": "花生过敏", "allergic to peanut": "花生过敏", "对花生过敏": "花生过敏",
}


# A word the model may tag out of a phrase ("吃[素]", "添了个[小孩]"): its tag when it stands alone as the
# tag, never looked for inside sentences (素 is in 维生素, 小孩 in 小孩花生过敏).
TAG_CHARACTERS: dict[str, str] = {"素": "素食", "斋": "素食", "小孩": "有小孩", "孩子": "有小孩", "宝宝": "有小孩",
                                  "baby": "有小孩", "a baby": "有小孩", "kids": "有小孩", "children": "有小孩"}


# A child come into the household, as the owner tells it ("家里添了个小孙子", "生了个大胖小子", "抱上外孙女了"): the
# 有小孩 tag, whichever child it is. The model may tag only the verb ("添了个"), which is no tag of its own.
_CHILD_ARRIVED = re.compile(r"(?<![没无不])(?:添|生|抱上?)了?(?:个|一个|位)?(?:大胖|小)?"
                            r"(?:外?孙(?:子|女)|儿子|女儿|孩子|小孩|宝宝|娃娃?|小子|千金|闺女|二胎|老二|曾孙(?:子|女)?)")


def _child_arrived(lowered: str) -> str | None:
    """The words telling a child came into the household ("添了个小孙子"), or None."""
    found = _CHILD_ARRIVED.search(lowered)
    return found.group(0) if found else None


# The English word of a tag the replies use ("baking" for 烘焙, ``english.TAG_WORDS``) said back to us.
ENGLISH_TAGS: dict[str, str] = {english: tag for tag, english in TAG_WORDS.items()}


def canonical_tag(name: str) -> str:
    """The tag a said fact is kept under (吃素 → 素食, a tagged 素 too, "baking" → 烘焙); other names unchanged."""
    stripped = name.strip().lower()
    return TAG_PHRASES.get(stripped) or ENGLISH_TAGS.get(stripped) or TAG_CHARACTERS.get(stripped, name.strip())


def tags_said(text: str, known: list[str]) -> list[str]:
    """The tags a sentence states ("刘女士现在吃素了" → 素食, "sister zhang likes baking" → 烘焙): the shop's own
    tag names and their English words, then the everyday phrasings above, longest first, each once."""
    lowered = text.lower().replace(" ", "") if not text.isascii() else text.lower()
    english = [word for word, tag in ENGLISH_TAGS.items() if tag in known]
    found: list[str] = []
    for phrase in sorted({*known, *english, *TAG_PHRASES}, key=len, reverse=True):
        if re.search(f"(?<![没无不]){re.escape(phrase.lower())}", lowered):  # not "没有小孩"
            tag = canonical_tag(phrase)
            if tag not in found:
                found.append(tag)
            lowered = lowered.replace(phrase.lower(), " ")
    found += [tag for tag in health_tags_told(lowered) if tag not in found]  # "血压也高了" (blind #15)
    if _child_arrived(lowered) and "有小孩" not in found:
        found.append("有小孩")
    return found


def tags_meant(tagged: Sequence[str], text: str, known: list[str]) -> list[str]:
    """The tags a fact about a customer gives: each word the model tagged, as kept (``canonical_tag``), or
    the shop's known tag inside it ("likes baking" → 烘焙); when it tagged none, the tags the words say
    (``tags_said``: "sister zhang likes baking" → 烘焙)."""
    meant: list[str] = []
    arrived = _child_arrived(text.lower().replace(" ", ""))
    for word in (w for w in tagged if w.strip()):
        # "添了个" tagged out of "添了个小孙子": the child's arrival, so 有小孩
        tag = "有小孩" if arrived and word.replace(" ", "") in arrived else canonical_tag(word)
        inside = [] if tag in known or tag in TAG_PHRASES.values() else tags_said(word, known)
        meant += [t for t in inside or [tag] if t not in meant]
    return meant or tags_said(text, known)


def who_has_asked(text: str, *, known: list[str], tagged: Sequence[str] = (), product: str | None = None) -> str | None:
    """The tag a question asks who has ("谁家有小孩" → 有小孩, "who has a peanut allergy" → 花生过敏), or None
    when ``text`` asks (or tells) something else. ``tagged``: the words the model tagged as a tag; ``product``:
    the one it tagged as a product, which only a tag's own word may be (花生 of 花生过敏)."""
    said = tags_said(text, known)
    # the shop's own tag words said first: the model may tag a fragment ("有" of "谁家里有小孩")
    tags = list(dict.fromkeys(said + [canonical_tag(t) for t in tagged if t.strip()]))
    if not asks_who_has(text, tags):
        return None
    if product and canonical_tag(product) not in tags and not _inside_a_tag(product, text, known):
        return None  # "谁要低钠酱油": a product is asked about
    return tags[0]


def _inside_a_tag(word: str, text: str, known: list[str]) -> bool:
    """Whether ``word`` is part of a tag said in ``text`` (花生 in 花生过敏, peanut in "peanut allergy")."""
    lowered = text.lower().replace(" ", "") if not text.isascii() else text.lower()
    word = word.lower().replace(" ", "") if not word.isascii() else word.lower()
    return any(word in phrase.lower() and phrase.lower() in lowered for phrase in {*known, *TAG_PHRASES})


def classify_tag(name: str) -> tuple[str, bool]:
    """The kind of a tag (health, diet, household, interest, other) and whether it is sensitive."""
    lowered = name.lower()
    for kind, sensitive, words in _KIND_WORDS:
        if any(word in lowered for word in words):
            return kind, sensitive
    return "other", False


def get_or_create_tags(session: Session, *, shop_id: int, names: list[str]) -> list[Tag]:
    """The shop's tags with these names, creating (and classifying) the missing ones."""
    wanted = [canonical_tag(n) for n in names if n and n.strip()]
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


def shop_tag_names(session: Session, *, shop_id: int) -> list[str]:
    """The names of every tag the shop uses."""
    return list(session.execute(select(Tag.name).where(Tag.shop_id == shop_id)).scalars())


def already_noted(customer_tags: Sequence[str], said: Sequence[str]) -> list[str]:
    """The tags of ``said`` the customer already has ("孙阿姨有糖尿病吧" when 糖尿病 is on record), by their
    canonical names."""
    noted = {canonical_tag(name) for name in customer_tags}
    return [tag for tag in said if canonical_tag(tag) in noted]


def tag_answer(name: str, customer_tags: Sequence[str], asked: Sequence[str], lang: str) -> str:
    """Whether the customer has the facts asked about ("刘淑珍没有记素食。" / "刘淑珍:素食,记着的。")."""
    noted = already_noted(customer_tags, asked)
    missing = [tag for tag in asked if tag not in noted]
    if lang == "en":
        said = [f"{name}: {', '.join(noted)} is on record."] if noted else []
        said += [f"Nothing on record about {name}: {', '.join(missing)}."] if missing else []
        return " ".join(said)
    said = [f"{name}:{'、'.join(noted)},记着的。"] if noted else []
    said += [f"没有记{name}{'、'.join(missing)}。"] if missing else []
    return "".join(said)
