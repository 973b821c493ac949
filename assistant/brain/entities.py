"""A pipeline component that settles overlapping entities from DIET and the regex extractor.

DIET learns entities from examples and may cut an unseen name short (``master`` of ``master song``,
``oil`` of ``camellia oil``); the regex extractor knows the catalogue and the honorific + surname
patterns but nothing else. Both report what they found. A learned span that swallows a vocabulary
match of another type (unit ``桶黑米`` around the catalogue's ``黑米``) is cut back to what lies beside
it; then, where spans still overlap, the longest wins (a tie goes to DIET, whose answer carries a
confidence, except on exactly a catalogue match, where the catalogue's type wins) and duplicates are
dropped. Lone function words ("the") are never entities.

Last, customer names are completed (``customer_spans``: 董 + 小英 joined, 秀兰 extended over 郑, the s of
"master zhous phone" dropped) and values made canonical (``canonical_values``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from assistant import clock
from assistant.brain.allergen_tags import with_allergens
from assistant.brain.calendar_spans import with_calendar_days
from assistant.brain.customer_spans import complete_customer_names
from assistant.brain.entity_values import (
    as_meant,
    with_paid_amount,
    with_price_off_products,
    with_spoken_tens,
    with_yuan_and_fen,
    without_meaningless,
)
from assistant.brain.goods_spans import articles_counted, colloquial_counts, goods_read_again
from assistant.brain.half_yuan import with_half_yuan
from assistant.brain.implied_counts import (
    bare_measures_counted,
    counts_before_measures,
    measure_not_product,
    units_cut_to_measure,
    with_implied_counts,
    without_uncounted_units,
)
from assistant.brain.spoken_figures import with_spoken_figures
from assistant.brain.whole_spans import with_whole_goods, with_whole_years, without_bare_negations
from assistant.language.dates import canonical_date, with_year_said
from assistant.language.durations import UNIT_AFTER, parse_duration
from assistant.language.net_slang import in_net_slang
from assistant.language.quantities import amount_said, first_number
from assistant.language.repayment import fraction_spans
from assistant.language.tense import day_as_told

# Function words DIET sometimes tags on its own ("the" before a period): never an entity by themselves.
NEVER_ENTITIES = frozenset({"the", "a", "an", "of", "to", "for", "on", "in", "is", "got", "and", "it", "me"})
# Words that point at a count without being one (这 of "陈团长这三袋米", "these"): never a quantity or amount.
NOT_A_COUNT = frozenset({"这", "那", "哪", "几", "这个", "那个", "这些", "那些", "每", "些",
                         "this", "that", "these", "those", "some", "few"})
DAYS_WITH_WORD = re.compile(r"^([0-9]+)\s*(?:days?|天)$")


def resolve_overlaps(entities: list[dict[str, Any]], text: str | None = None,
                     today: dt.date | None = None) -> list[dict[str, Any]]:
    """Entities without overlaps (see the module docstring for who wins), with canonical values when
    ``today`` is given (``canonical_values``)."""
    entities = [dict(entity) for entity in entities]
    if text is not None:
        entities = with_spoken_tens(_trim_around_vocabulary(with_price_off_products(entities, text), text), text)
        entities = counts_before_measures(with_spoken_figures(entities, text), text)  # "3元7毛五" one amount, 2袋
        days = with_calendar_days(_with_day_before_after(_join_pieces(entities, text), text), text)  # on march 18
        entities = [_without_wish(_with_week_before(_with_month_end(measure_not_product(e, text), text), text), text)
                    for e in _with_years(_with_day_of_month(days, text), text)
                    if not _is_function_word(e, text) and _is_possible_phone(e, text) and not in_net_slang(e, text)]
        entities = without_uncounted_units(goods_read_again(units_cut_to_measure(entities, text), text), text)
    # On exactly a vocabulary match of another type the catalogue knows better (DIET calls an unseen
    # "olive oil" a customer).
    vocabulary = {(e["start"], e["end"], e["entity"]) for e in entities if "confidence_entity" not in e}
    spans = {(start, end) for start, end, _ in vocabulary}
    entities = [e for e in entities if "confidence_entity" not in e or (e["start"], e["end"]) not in spans
                or (e["start"], e["end"], e["entity"]) in vocabulary]
    # Longest first; on equal length the one with a confidence (DIET) first; then by position.
    ranked = sorted(
        enumerate(entities),
        key=lambda item: (-(item[1]["end"] - item[1]["start"]),
                          "confidence_entity" not in item[1], item[1]["start"]),
    )
    kept: list[tuple[int, dict[str, Any]]] = []
    for index, entity in ranked:
        if all(entity["end"] <= other["start"] or entity["start"] >= other["end"] for _, other in kept):
            kept.append((index, entity))
    resolved = [entity for _, entity in sorted(kept, key=lambda item: item[1]["start"])]
    if text is None:
        return resolved
    completed = with_allergens(complete_customer_names([_without_day_word(entity, text) for entity in resolved], text),
                               text)  # "对芒果过敏" tagged 过敏: 芒果过敏
    completed = bare_measures_counted(with_whole_years(without_bare_negations(with_whole_goods(
        completed, text, spans), text), text), text)  # "chow mein", "不吃葱蒜", 去年一年, 拿了袋
    amounts = as_meant(with_paid_amount(with_yuan_and_fen(trailing_number_as_amount(completed, text), text),
                                        text), text)  # "一瓶生抽哦不对是老抽": 老抽
    if today is None:
        return amounts
    return without_meaningless(articles_counted(colloquial_counts(with_half_yuan(canonical_values(amounts, text, today),
                               text), text), text), text, today)  # 俩袋: 2 bags; 四十块半: 40.5


# What may follow a price at the end of a sale: the currency word, punctuation, a closing politeness.
_AFTER_PRICE = re.compile(r"^\s*(?:元|块钱|块|yuan|rmb|kuai|dollars?)?\s*(?:谢谢|thanks|thank you)?[\s.,!?。，！？]*$",
                          re.IGNORECASE)


def trailing_number_as_amount(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A bare number ending a sale after a counted quantity is its price: "王阿姨 两 袋 米 一百二"
    (2袋米120) is 2 bags for 120, not two quantities. Only when no amount was found and nothing but a
    currency word follows the number."""
    quantities = [e for e in entities if e["entity"] == "quantity"]
    if len(quantities) < 2 or any(e["entity"] == "amount" for e in entities):
        return entities
    last = quantities[-1]
    if any(e["start"] >= last["end"] for e in entities) or not _AFTER_PRICE.match(text[last["end"]:]):
        return entities
    return [dict(e, entity="amount") if e is last else e for e in entities]


def _as_told(value: str | None, text: str, today: dt.date) -> str | None:
    """An ISO day of a message that tells the past, never ahead of today when no year was said (``tense``)."""
    if value is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value
    return day_as_told(dt.date.fromisoformat(value), text, today).isoformat()


_PHONE_DIGITS = str.maketrans("零〇一幺二两三四五六七八九", "0011223456789")


def canonical_values(entities: list[dict[str, Any]], text: str, today: dt.date) -> list[dict[str, Any]]:
    """Values the actions can use as they are, spans unchanged: ``days`` a whole number of days
    (一个月 → "30", whether the span is "1" or "1个月"), ``date`` an ISO day (明天 → "2026-03-16") or
    "农历MM-DD", ``amount`` and ``quantity`` plain decimals ("a"/"an"/"one" → "1"); a unit after "a" /
    "an" with no count, or a Chinese one straight after a verb of buying, gets its quantity 1
    (``implied_counts``: "a bottle of dark soy sauce", "孔磊买了桶花生油")."""
    result = []
    for entity in entities:
        kind, span = entity["entity"], text[entity["start"]:entity["end"]]
        value: str | None = None
        if kind == "days":
            unit = UNIT_AFTER.match(text[entity["end"]:])
            days = parse_duration(span + (unit.group(0) if unit else ""))
            value = str(days) if days is not None else None
        elif kind == "date":
            value = _as_told(canonical_date(with_year_said(text, entity["start"], entity["end"]), today), text, today)
        elif kind == "period" and (_ONE_DAY.fullmatch(span.strip().lower())
                                   or _OTHER_DAY.fullmatch(span.strip().lower())):
            # One calendar day ("5月6日", "June 12") is a date, whichever label the model gave it; so are
            # 昨天 / yesterday / 后天 / 月底 (today and tomorrow are the periods the reports take by name).
            value = _as_told(canonical_date(with_year_said(text, entity["start"], entity["end"]), today), text, today)
            entity = dict(entity, entity="date") if value is not None else entity
        elif kind == "phone":  # "幺五八六…" read out: the normaliser leaves a leading 幺 and digit words among digits
            value = "".join(c for c in span.translate(_PHONE_DIGITS) if c.isdigit()) or None
        elif kind in {"amount", "quantity"}:
            number = Decimal(1) if span.strip().lower() in {"a", "an", "one"} else \
                (amount_said if kind == "amount" else first_number)(span)  # "12 50" (twelve fifty) is 12.50
            value = format(number.normalize(), "f") if number is not None else None
        result.append(dict(entity, value=value) if value is not None else entity)
    return with_implied_counts(result, text)


_MONTH_WORDS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ONE_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[号日]?|" + _MONTH_WORDS + r"\s*\d{1,2}(?:st|nd|rd|th)?|"
                      r"\d{1,2}(?:st|nd|rd|th)?\s*(?:of\s+)?" + _MONTH_WORDS)
_OTHER_DAY = re.compile(r"昨天|昨儿|前天|后天|大后天|月底|yesterday|(?:the )?day (?:before yesterday|after tomorrow)|"
                        r"(?:the )?end of (?:the )?month")
# A year said right before a day (1958年 of 1958年3月18号) or after it (march 18th, 1958) belongs to it.
_YEAR_BEFORE = re.compile(r"(?:19|20)\d\d\s*年\s*$")
_YEAR_AFTER = re.compile(r"^,?\s*(?:19|20)\d\d(?![0-9])")


def _with_years(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Date spans extended over the year said with them; whatever else was tagged there is dropped."""
    for date in [e for e in entities if e["entity"] == "date"]:
        before, after = _YEAR_BEFORE.search(text[:date["start"]]), _YEAR_AFTER.match(text[date["end"]:])
        if not before and not after:
            continue
        start = before.start() if before else date["start"]
        end = date["end"] + after.end() if after else date["end"]
        extended = _with_span(date, start, end, text)
        entities = [extended if e is date else e for e in entities
                    if e is date or e["end"] <= start or e["start"] >= end]
    return entities


# Entities that are words, not numbers: a lone English function word is never one of them.
WORD_ENTITIES = frozenset({"customer", "product", "period", "date", "tag", "occasion"})


def _is_function_word(entity: dict[str, Any], text: str) -> bool:
    """A lone English function word ("he", "so", "they", "the") DIET tagged as a name, a product, a
    period...; a demonstrative (这, these) tagged as a count; a fraction (half, 一半) tagged as money."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    word = text[entity["start"]:entity["end"]].lower()
    if word in NEVER_ENTITIES or (entity["entity"] in {"quantity", "amount"} and word.strip() in NOT_A_COUNT):
        return True
    if entity["entity"] == "amount" and any(start <= entity["start"] and entity["end"] <= end
                                            for start, end in fraction_spans(text)):
        return True  # "paid off half": a part of what she owes, worked out from her tab, not 0.5 yuan
    return entity["entity"] in WORD_ENTITIES and word in ENGLISH_STOP_WORDS


def _is_possible_phone(entity: dict[str, Any], text: str) -> bool:
    """A phone number has at least 7 digits (a landline); "1" of 一个 is not one."""
    if entity["entity"] != "phone":
        return True
    return sum(c.isdigit() for c in text[entity["start"]:entity["end"]].translate(_PHONE_DIGITS)) >= 7


# Entities DIET may cut into pieces that are still one: a phone number read out in groups
# ("188 5710 2233"), a day ("next" + "friday", "下" + "周五", "the 17th" of "march"), a period ("these" +
# "2 weeks"), a length of time ("half" + "a month").
JOINABLE = frozenset({"phone", "date", "period", "days"})
# What may stand between two pieces of one day: nothing, or the "of" of "the 17th of march".
_BETWEEN_PIECES = re.compile(r"^\s*(?:of\s+)?$", re.IGNORECASE)


def _join_pieces(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Adjacent pieces of one phone number, date, period or length of time joined into one entity."""
    joined: list[dict[str, Any]] = []
    for entity in sorted(entities, key=lambda e: e["start"]):
        previous = joined[-1] if joined else None
        if (previous is not None and entity["entity"] == previous["entity"] and entity["entity"] in JOINABLE
                and _BETWEEN_PIECES.match(text[previous["end"]:entity["start"]])
                and (entity["entity"] == "date" or not text[previous["end"]:entity["start"]].strip())):
            joined[-1] = _with_span(previous, previous["start"], entity["end"], text)
            continue
        joined.append(entity)
    return joined


_MONTH_ONLY = re.compile(_MONTH_WORDS + r"$", re.IGNORECASE)
_ORDINAL_WORDS = (r"(?:twenty[- ]|thirty[- ])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|"
                  r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
                  r"twentieth|thirtieth")
_DAY_AFTER_MONTH = re.compile(r"^\s+(?:\d{1,2}(?:st|nd|rd|th)?(?![0-9])|(?:" + _ORDINAL_WORDS + r")\b)", re.IGNORECASE)


def _with_day_of_month(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A month name tagged alone ("march" of "march eighteenth", "march 20") is a day with the day said after
    it: one date, and whatever was tagged on the day number (an amount, a quantity) is dropped."""
    result = list(entities)
    for month in [e for e in entities if e["entity"] in {"period", "date"}]:
        day = _DAY_AFTER_MONTH.match(text[month["end"]:])
        if not _MONTH_ONLY.match(text[month["start"]:month["end"]].strip()) or not day:
            continue
        end = month["end"] + day.end()
        date = _with_span(dict(month, entity="date"), month["start"], end, text)
        result = [date if e is month else e for e in result
                  if e is month or e["end"] <= month["start"] or e["start"] >= end]
    return result


_WEEK_BEFORE = re.compile(r"(?:下|上|这|本)\s*(?:个\s*)?$")


def _with_week_before(entity: dict[str, Any], text: str) -> dict[str, Any]:
    """"下周五" tagged as "周五": the week word before a weekday is part of the day (a week later)."""
    if entity["entity"] not in {"date", "period"} or not re.match(r"周|星期|礼拜", text[entity["start"]:entity["end"]]):
        return entity
    before = _WEEK_BEFORE.search(text[:entity["start"]])
    return _with_span(entity, before.start(), entity["end"], text) if before else entity


_DAY_BEFORE_AFTER = re.compile(r"(?:the\s+)?day\s+(?:before|after)\s+$", re.IGNORECASE)


def _with_day_before_after(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """"the day before yesterday" / "the day after tomorrow" is one date: DIET tags only "yesterday" (or
    "tomorrow" as a period) and often calls "day" an occasion, which is dropped."""
    result = list(entities)
    for day in [e for e in entities if e["entity"] in {"period", "date"}]:
        before = _DAY_BEFORE_AFTER.search(text[:day["start"]])
        if not before or text[day["start"]:day["end"]].strip().lower() not in {"yesterday", "tomorrow"}:
            continue
        date = _with_span(dict(day, entity="date"), before.start(), day["end"], text)
        result = [date if e is day else e for e in result
                  if e is day or e["end"] <= before.start() or e["start"] >= day["end"]]
    return result


_END_OF = re.compile(r"end\s+of\s+$", re.IGNORECASE)
_THE_MONTH = re.compile(r"^(?:the\s+)?month$", re.IGNORECASE)


def _with_month_end(entity: dict[str, Any], text: str) -> dict[str, Any]:
    """"the month" of "paying at the end of the month" is the month's last day (月底), not the month."""
    before = _END_OF.search(text[:entity["start"]])
    if entity["entity"] not in {"period", "date"} or not before \
            or not _THE_MONTH.match(text[entity["start"]:entity["end"]]):
        return entity
    return _with_span(dict(entity, entity="date"), before.start(), entity["end"], text)


_WISH = re.compile(r"\s*快乐$")


def _without_wish(entity: dict[str, Any], text: str) -> dict[str, Any]:
    """The occasion of "祝她生日快乐" is 生日: the wish word 快乐 is left out, as the annotations do."""
    span = text[entity["start"]:entity["end"]]
    wish = _WISH.search(span)
    if entity["entity"] != "occasion" or not wish or wish.start() == 0:
        return entity
    return _with_span(entity, entity["start"], entity["start"] + wish.start(), text)


def _without_day_word(entity: dict[str, Any], text: str) -> dict[str, Any]:
    # A day count is the number alone ("30" of "30 days"), as the other number entities are.
    match = DAYS_WITH_WORD.match(text[entity["start"]:entity["end"]])
    if entity["entity"] != "days" or not match:
        return entity
    return _with_span(entity, entity["start"], entity["start"] + len(match.group(1)), text)


def _with_span(entity: dict[str, Any], start: int, end: int, text: str) -> dict[str, Any]:
    return dict(entity, start=start, end=end, value=text[start:end])


def _trim_around_vocabulary(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    # DIET sometimes runs a unit on into an unseen product (桶黑米 as one unit) while the catalogue
    # knows 黑米: a vocabulary match of another type cuts the learned span back to what lies beside it.
    vocabulary = [e for e in entities if "confidence_entity" not in e]
    trimmed = []
    for entity in entities:
        for known in vocabulary:
            if entity is known or known["entity"] == entity["entity"]:
                continue
            inside = entity["start"] <= known["start"] and known["end"] <= entity["end"]
            if not inside or (known["start"], known["end"]) == (entity["start"], entity["end"]):
                continue
            if known["start"] > entity["start"]:
                entity = dict(entity, end=known["start"])
            else:
                entity = dict(entity, start=known["end"])
            piece = text[entity["start"]:entity["end"]]
            stripped = piece.strip()
            entity["start"] += len(piece) - len(piece.lstrip())
            entity["end"] = entity["start"] + len(stripped)
            entity["value"] = stripped
        if entity["end"] > entity["start"]:
            trimmed.append(entity)
    return trimmed


class UsesContext:
    """A pipeline component given the shop context after the model loads (``shop_names.attach_context``)."""

    context: Any = None

    def attach(self, context: Any) -> None:
        """Use ``context`` (a ``ShopContext``) from now on."""
        self.context = context

    def today(self) -> dt.date:
        """The attached shop's today (a pinned day included); the settings' when nothing is attached."""
        return self.context.today() if self.context is not None else clock.today()


class EntityPostProcessor(GraphComponent):
    """A pipeline step after the extractors with no options and nothing to train, store or load."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """No options."""
        return {}

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> EntityPostProcessor:
        """A new instance (nothing to train or load)."""
        return cls()


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class EntityOverlapResolver(UsesContext, EntityPostProcessor):
    """Keeps one entity per stretch of text (the longest), whichever extractor found it."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Drop the shorter of overlapping entities in each message."""
        for message in messages:
            entities = message.get(ENTITIES)
            if entities and all("start" in e and "end" in e for e in entities):
                message.set(ENTITIES, resolve_overlaps(entities, message.get(TEXT), today=self.today()),
                            add_to_output=True)
        return messages
