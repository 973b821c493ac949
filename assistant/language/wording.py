"""Small pieces of how replies say things: names in the reply's language, units, numbers."""

from __future__ import annotations

from decimal import Decimal

from pypinyin import lazy_pinyin

# 桶 of cooking oil is the plastic jug of a few litres (a 瓶 is the glass or plastic bottle of soy sauce, vinegar).
UNITS_EN = {  # the shop's measure words said in English
    "袋": "bags", "桶": "jugs", "瓶": "bottles", "斤": "jin", "公斤": "kg", "盒": "boxes", "包": "packs",
    "个": "pieces", "箱": "cases", "把": "bundles", "罐": "jars", "枚": "eggs", "打": "dozen"}


def shown_name(name: str, aliases: list[str] | None, lang: str) -> str:
    """How to say a name: in English the first English alias when there is one."""
    if lang == "en":
        for alias in aliases or []:
            if alias.isascii():
                return alias
    return name


# The English units said of one: "1 bag", not "1 bags" (jin, kg and dozen are the same either way).
_ONE_EN = {"bags": "bag", "bottles": "bottle", "jugs": "jug", "boxes": "box", "packs": "pack", "pieces": "piece",
           "cases": "case", "bundles": "bundle", "jars": "jar", "eggs": "egg"}


def person_name(name: str, aliases: list[str] | None, lang: str) -> str:
    """How to say a customer's name: in English her first English alias, else her name in pinyin, surname
    first (邓海 → Deng Hai), so an English reply carries no Chinese."""
    shown = shown_name(name, aliases, lang)
    if lang != "en" or shown.isascii():
        return shown
    surname, *given = lazy_pinyin(name)
    return " ".join(part.title() for part in [surname, "".join(given)] if part)


def unit_word(unit: str | None, lang: str, quantity: Decimal | str | int | float | None = None) -> str:
    """A unit as spoken in the reply language (袋 → bags in English; of a ``quantity`` of 1, bag)."""
    unit = unit or ""
    if lang != "en":  # "2 bags" told in English, named in a Chinese reply: 2袋
        return _CHINESE_UNITS.get(unit.lower(), unit)
    said = UNITS_EN.get(unit, unit)
    if quantity is not None and Decimal(str(quantity)) == 1:
        return _ONE_EN.get(said, said)
    # an English measure word she said herself ("2 bucket" → "2 buckets"), not one of the shop's units
    singular = {one: many for many, one in _ONE_EN.items()}
    if said in singular:
        return singular[said]
    if quantity is not None and said.isascii() and said.isalpha() and said not in _SAME_EITHER_WAY \
            and not said.endswith("s"):
        return said + ("es" if said.endswith(("x", "ch", "sh")) else "s")
    return said


_SAME_EITHER_WAY = frozenset({"jin", "kg", "dozen", "catty"})
_CHINESE_UNITS = {**{many: unit for unit, many in UNITS_EN.items()},
                  **{one: next(unit for unit, many_ in UNITS_EN.items() if many_ == many) for many, one in _ONE_EN.items()},
                  **{word: unit for unit, words in {"桶": ("bucket", "barrel", "drum"), "袋": ("sack",),
                                                    "包": ("packet",), "箱": ("carton",), "罐": ("can", "tin")}.items()
                     for one in words for word in (one, one + "s")}}


def shop_unit(said: str | None, product_unit: str) -> str:
    """The unit to keep on record for goods said with ``said``: a Chinese measure word as said, an English
    weight as the shop's (2 jin → 斤), any other English word the product's own unit (a tub of oil → 桶)."""
    if not said:
        return product_unit
    if not said.isascii():
        return said
    chinese = _CHINESE_UNITS.get(said.lower().strip())
    # "tub", "bags", "bottle" name the container the goods come in: the shop's unit for it is the product's
    return chinese if chinese in _WEIGHTS else product_unit


_WEIGHTS = frozenset({"斤", "公斤"})


def number(value: Decimal | str | int | float) -> str:
    """A number as spoken: no trailing zeros, never an exponent (2, 120, 5.5, 30407600)."""
    return format(Decimal(str(value)).normalize(), "f")


def others_aside(others: list[str], language: str) -> str:
    """Who else a spoken name could be, and how to say so ("(如果是汪桂兰,说“是汪桂兰”。)"); empty for nobody."""
    if not others:
        return ""
    if language == "en":
        return f" (If you meant {' or '.join(others)}, say so.)"
    return f"(如果是{'或'.join(others)},说“是{others[0]}”。)"


def price_said(name: str, price: Decimal | str, unit: str | None, language: str) -> str:
    """A product's price as a reply says it ("东北大米 59元一袋", "northeast rice, 59 yuan a bag")."""
    if language == "en":
        return f"{name}, {number(price)} yuan a {unit_word(unit, 'en', 1)}"
    return f"{name} {number(price)}元一{unit_word(unit, 'zh')}"
