"""NLU evaluation: every example goes through ``NluParser.parse``, so normalisation counts.

Sets of files in ``tests/nlu/``: ``dev_<lang>.yml`` is the tuning set (look at its mistakes freely),
``heldout_<lang>.yml`` the blind set (written by hand by someone who never saw the training data or the
dev set; score it once, at the end of a round); ``blind4_<lang>.yml`` to ``blind19_<lang>.yml`` the
fourth to nineteenth blind sets, whose annotations carry canonical values
(days, amount, quantity, date, period, phone) with today = 2026-03-15 (each scored once).
Scores, per language file:
- intent accuracy: the top intent equals the annotated one;
- entity F1 (micro): an entity counts as found when its type AND its span on the normalised text are
  exactly the annotated ones. The annotation (made on the original text) is moved onto the normalised
  text through the normaliser's offset map. Spans rather than values, because the synonym mapper may
  rewrite a value, while a span says exactly what the model picked out of the sentence. On a set with
  canonical values (``VALUE_SETS``) the values of the numeric and date entities must also agree, both
  sides put in one form first (``comparable``): 一个月 found as "30" days, 明天 as 2026-03-16, 这周 as week.
  A day count is one mention with or without its unit word: the sets differ on whether "30 days" or
  "30" is the span (dev and heldout take the number, blind4 the whole length, as 一个月 must be), so both
  sides' ``days`` spans are taken over the unit word that follows (``mention_span``) before comparing.

The sets talk about the demo shop (its customers and products, and people and goods it does not
know), so parsing runs against the demo shop's database (``demo_shop_database``), as in a shop: the
pipeline's ShopNameExtractor reads the names from it.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from assistant.config import ROOT, get_settings
from assistant.context import ShopContext
from assistant.language.dates import canonical_date, parse_period
from assistant.language.durations import UNIT_AFTER
from assistant.language.normalize import normalize
from assistant.language.quantities import first_number
from assistant.language.tense import day_as_told

HELDOUT_DIR = ROOT / "tests" / "nlu"
SETS = ("heldout", "dev", *(f"blind{n}" for n in range(4, 20)))
# Sets annotated with canonical values, and the day their relative dates were written for.
VALUE_SETS = {name: dt.date(2026, 3, 15)
              for name in SETS[2:]}
VALUE_ENTITIES = frozenset({"days", "amount", "quantity", "date", "period", "phone"})
INTENT_GOAL = 0.95
ENTITY_GOAL = 0.90
# A period's canonical name in the annotations (this_week is "week", as the report options say).
_PERIOD_NAMES = {"this_week": "week", "this_month": "month"}


@contextmanager
def demo_shop_database(today: dt.date | None = None) -> Iterator[ShopContext]:
    """The context of a fresh SQLite database holding the demo shop, for as long as the block runs
    (its day pinned to ``today`` when given)."""
    from assistant.db import make_engine, upgrade
    from assistant.shop.demo import load_demo

    with tempfile.TemporaryDirectory(prefix="zhanggui-eval-") as folder:
        update: dict[str, Any] = {"db_url": f"sqlite:///{folder}/demo.sqlite"}
        if today is not None:
            update["today"] = today
        settings = get_settings().copy(update=update)
        engine = make_engine(settings.db_url)
        upgrade(engine)
        context = ShopContext.build(settings, engine=engine)
        load_demo(engine, now=context.now())  # the demo's year ends on the context's day, not the process's
        try:
            yield context
        finally:
            engine.dispose()


class Parser(Protocol):
    """Anything with ``parse(text) -> Rasa parse dict`` (``NluParser``, or a test's fake)."""

    def parse(self, text: str) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Example:
    """One held-out message with its expected intent and entities (type, start, end on normalised text)."""

    text: str
    intent: str
    entities: frozenset[tuple[str, int, int, str | None]]  # type, start, end, comparable value (or None)


@dataclass
class Score:
    """The result of one language's held-out file."""

    language: str
    examples: int = 0
    intents_right: int = 0
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0
    mistakes: list[str] = field(default_factory=list)
    confusions: Counter = field(default_factory=Counter)

    @property
    def intent_accuracy(self) -> float:
        """Share of examples whose top intent is right."""
        return self.intents_right / self.examples if self.examples else 0.0

    @property
    def entity_f1(self) -> float:
        """Micro F1 over (type, span) of all entities; 1.0 when there are none on either side."""
        if not self.predicted and not self.expected:
            return 1.0
        precision = self.true_positives / self.predicted if self.predicted else 0.0
        recall = self.true_positives / self.expected if self.expected else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    @property
    def passed(self) -> bool:
        """Whether both goals (intent accuracy ≥ 95 %, entity F1 ≥ 90 %) are met."""
        return self.intent_accuracy >= INTENT_GOAL and self.entity_f1 >= ENTITY_GOAL


def comparable(kind: str, value: Any, today: dt.date) -> str | None:
    """An entity value in the one form both sides are compared in (None: compared by span only)."""
    if kind not in VALUE_ENTITIES or value is None:
        return None
    text = str(value).strip()
    if kind == "phone":
        return re.sub(r"\D", "", text)
    if kind in {"days", "amount", "quantity"}:
        number = first_number(text)
        return format(number.normalize(), "f") if number is not None else text.lower()
    if kind == "date":
        if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
            return text
        if text.startswith("农历") and re.fullmatch(r"农历\d\d-\d\d", text):
            return _lunar_in(today.year, int(text[2:4]), int(text[5:7]))
        canonical = canonical_date(text, today)
        if canonical and canonical.startswith("农历"):
            return _lunar_in(today.year, int(canonical[2:4]), int(canonical[5:7]))
        return canonical or text.lower()
    _start, _end, name = parse_period(text, today)
    return text if text in _PERIOD_NAMES.values() or text in {"today", "tomorrow", "next_week", "next_month"} \
        else _PERIOD_NAMES.get(name, name)


def _lunar_in(year: int, month: int, day: int) -> str:
    """The solar day of a lunar month-day in ``year`` (an annotation may give either form)."""
    from lunardate import LunarDate

    try:
        return LunarDate(year, month, day).toSolarDate().isoformat()
    except ValueError:
        return f"农历{month:02d}-{day:02d}"


def mention_span(kind: str, start: int, end: int, text: str) -> tuple[int, int]:
    """The span an entity is compared on: a day count with the unit word after it ("30" of "30 days"
    and "30 days" are one mention), every other entity as it is."""
    if kind == "days":
        unit = UNIT_AFTER.match(text[end:])
        if unit:
            end += unit.end()
    return start, end


def load_examples(path: Path, *, today: dt.date | None = None) -> list[Example]:
    """The examples of a Rasa NLU YAML file, entity spans moved onto the normalised text (with their
    comparable values when ``today`` is given: a set annotated with canonical values)."""
    from rasa.shared.nlu.training_data.loading import load_data

    examples = []
    for message in load_data(str(path)).intent_examples:
        text = message.get("text")
        normalized = normalize(text)
        entities = set()
        for entity in message.get("entities") or []:
            span = normalized.to_normalized_span(entity["start"], entity["end"])
            if span is not None:
                value = comparable(entity["entity"], entity.get("value"), today) if today else None
                if today and entity["entity"] == "date" and value and re.fullmatch(r"\d{4}-\d\d-\d\d", value) \
                        and value != str(entity.get("value")):  # a day said in a sentence that tells the past
                    value = day_as_told(dt.date.fromisoformat(value), text, today).isoformat()
                entities.add((entity["entity"], *mention_span(entity["entity"], *span, normalized.text), value))
        examples.append(Example(text=text, intent=message.get("intent"), entities=frozenset(entities)))
    return examples


def score_examples(parser: Parser, examples: list[Example], *, language: str,
                   today: dt.date | None = None) -> Score:
    """Parse every example and count what the parser got right (values too when ``today`` is given)."""
    score = Score(language=language)
    for example in examples:
        result = parser.parse(example.text)
        intent = (result.get("intent") or {}).get("name")
        text = result.get("text", "")
        found = frozenset((e["entity"], *mention_span(e["entity"], e["start"], e["end"], text),
                           comparable(e["entity"], e.get("value"), today) if today else None)
                          for e in result.get("entities") or [])
        score.examples += 1
        score.intents_right += intent == example.intent
        score.expected += len(example.entities)
        score.predicted += len(found)
        score.true_positives += len(found & example.entities)
        if intent != example.intent:
            score.confusions[(example.intent, intent)] += 1
            score.mistakes.append(f"intent  {example.text!r}: expected {example.intent}, got {intent}")
        if found != example.entities:
            shown = sorted(f"{t}={text[s:e]}" + (f"({v})" if v else "") for t, s, e, v in found)
            wanted = sorted(f"{t}={text[s:e]}" + (f"({v})" if v else "") for t, s, e, v in example.entities)
            score.mistakes.append(f"entity  {example.text!r}: expected {wanted}, got {shown}")
    return score


def heldout_files(folder: Path = HELDOUT_DIR, *, set_name: str = "heldout") -> dict[str, Path]:
    """The files of one set by language (``heldout_zh.yml`` → ``zh``; ``dev_en.yml`` → ``en``)."""
    if set_name not in SETS:
        raise ValueError(f"unknown evaluation set {set_name!r}: use one of {', '.join(SETS)}")
    prefix = f"{set_name}_"
    return {path.stem.removeprefix(prefix): path for path in sorted(folder.glob(f"{prefix}*.yml"))}


def evaluate(parser: Parser, folder: Path = HELDOUT_DIR, *, set_name: str = "heldout") -> list[Score]:
    """Score every file of one set (``heldout``, ``dev``, ``blind4`` … ``blind19``) in ``folder``."""
    today = VALUE_SETS.get(set_name)
    return [score_examples(parser, load_examples(path, today=today), language=language, today=today)
            for language, path in heldout_files(folder, set_name=set_name).items()]


def report(scores: list[Score], *, verbose: bool = False) -> str:
    """A short human-readable table of the scores (and the mistakes when ``verbose``)."""
    lines = [f"{'language':<9}{'examples':>9}{'intent acc.':>13}{'entity F1':>11}   goal 95 % / 90 %"]
    for score in scores:
        verdict = "ok" if score.passed else "BELOW GOAL"
        lines.append(f"{score.language:<9}{score.examples:>9}{score.intent_accuracy:>12.1%}"
                     f"{score.entity_f1:>11.1%}   {verdict}")
        if verbose:
            lines += [f"  {mistake}" for mistake in score.mistakes]
    return "\n".join(lines)
