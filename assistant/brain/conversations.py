"""The acceptance corpus: whole conversations as the owner has them, checked for what a person would check.

Files: ``tests/conversations/<topic>.yml`` (the main set, tuned against), ``tests/conversations/blind/``
(kept aside, scored once; read since, so no longer blind), ``tests/conversations/blind2/``,
``tests/conversations/blind3/`` to ``tests/conversations/blind10/`` (the second to tenth sets kept
aside, each scored once at the end). The format is in ``tests/conversations/README.md``. Every conversation runs
through the real trained model and the in-process actions (the path of ``assistant ask``), in its own
conversation id, against its own fresh copy of one prepared demo shop database with today pinned to
``DEMO_TODAY``. A turn passes when every
``has`` string is in the reply, at least one ``has_any`` string is, and no ``lacks`` string is; a
conversation passes when every turn and every database check after the last turn does.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shutil
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from sqlalchemy import text

from assistant.config import ROOT
from assistant.errors import AssistantError

CORPUS_DIR = ROOT / "tests" / "conversations"
# Every set but main is the folder of its name.
SETS = ("main", "blind", *(f"blind{n}" for n in range(2, 16)))
DEMO_TODAY = dt.date(2026, 3, 15)


class _Yaml12Loader(yaml.SafeLoader):
    """YAML as version 1.2 reads booleans: only true/false, so the owner's "yes", "no", "on" stay words."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))


class CorpusError(AssistantError):
    """A corpus file that does not follow the format."""


@dataclass(frozen=True)
class Turn:
    """One message of the owner's and what its reply must (``has``, ``has_any``) and must not say."""

    say: str
    has: tuple[str, ...] = ()
    has_any: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()


@dataclass(frozen=True)
class DbCheck:
    """A query run after the last turn and the value its first column of the first row must have."""

    sql: str
    equals: str


@dataclass(frozen=True)
class Conversation:
    """One conversation of the corpus."""

    id: str
    intent: str
    language: str
    style: str
    channel: str
    turns: tuple[Turn, ...]
    db: tuple[DbCheck, ...] = ()
    pending: str | None = None  # the issue that must land before it can pass ("credit")
    source: str = ""


@dataclass
class Result:
    """What happened in one conversation: the replies and every check that failed."""

    conversation: Conversation
    replies: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Whether every turn and database check passed."""
        return not self.failures


class Answerer(Protocol):
    """Anything that answers a message of a conversation (``Brain.handle``'s shape, returning text)."""

    async def __call__(self, text: str, *, sender: str, channel: str) -> str: ...


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, int, float)):
        return (str(value),)
    return tuple(str(item) for item in value)


def parse_conversation(raw: dict[str, Any], *, source: str = "") -> Conversation:
    """One conversation from its YAML mapping (see the module docstring for the fields)."""
    try:
        style = raw.get("style", "typed")
        turns = tuple(Turn(say=str(turn["say"]), has=_strings(turn.get("has")),
                           has_any=_strings(turn.get("has_any")), lacks=_strings(turn.get("lacks")))
                      for turn in raw["turns"])
        checks = tuple(DbCheck(sql=check["sql"], equals=str(check["equals"])) for check in raw.get("db") or [])
        conversation = Conversation(
            id=str(raw["id"]), intent=str(raw["intent"]), language=str(raw["language"]), style=style,
            channel=raw.get("channel") or ("chat" if style == "typed" else "counter"),
            turns=turns, db=checks, pending=raw.get("pending"), source=source)
    except (KeyError, TypeError) as error:
        raise CorpusError(f"{source}: conversation {raw.get('id', '?')!r} lacks or misuses {error}") from error
    if conversation.language not in {"zh", "en"} or conversation.style not in {"typed", "spoken"}:
        raise CorpusError(f"{source}: {conversation.id}: language must be zh|en and style typed|spoken")
    if not turns:
        raise CorpusError(f"{source}: {conversation.id}: no turns")
    return conversation


def corpus_files(set_name: str = "main", folder: Path = CORPUS_DIR) -> list[Path]:
    """The YAML files of one set: ``main`` (the folder's own files), or a kept-aside set (its sub-folder)."""
    if set_name not in SETS:
        raise ValueError(f"unknown conversation set {set_name!r}: use one of {', '.join(SETS)}")
    where = folder if set_name == "main" else folder / set_name
    return sorted(where.glob("*.yml"))


def load_corpus(set_name: str = "main", folder: Path = CORPUS_DIR) -> list[Conversation]:
    """Every conversation of one set, in file order; ids must be unique."""
    conversations: list[Conversation] = []
    for path in corpus_files(set_name, folder):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader) or {}
        for raw in document.get("conversations") or []:
            conversations.append(parse_conversation(raw, source=path.name))
    seen: set[str] = set()
    for conversation in conversations:
        if conversation.id in seen:
            raise CorpusError(f"conversation id {conversation.id!r} is used twice")
        seen.add(conversation.id)
    return conversations


def check_reply(turn: Turn, reply: str, *, number: int) -> list[str]:
    """What the reply to ``turn`` lacks or wrongly says (empty when it is right); case-insensitive."""
    folded = reply.casefold()
    failures = [f"turn {number} {turn.say!r}: missing {wanted!r}"
                for wanted in turn.has if wanted.casefold() not in folded]
    if turn.has_any and not any(option.casefold() in folded for option in turn.has_any):
        failures.append(f"turn {number} {turn.say!r}: none of {list(turn.has_any)!r}")
    failures += [f"turn {number} {turn.say!r}: should not say {unwanted!r}"
                 for unwanted in turn.lacks if unwanted.casefold() in folded]
    if failures:
        failures.append(f"turn {number} reply: {reply!r}")
    return failures


def check_database(checks: tuple[DbCheck, ...], engine: Any) -> list[str]:
    """The database checks whose query does not give the expected value."""
    failures = []
    with engine.connect() as connection:
        for check in checks:
            try:
                row = connection.execute(text(check.sql)).first()
            except Exception as error:  # noqa: BLE001 (a wrong query is one failed check, not a crash)
                failures.append(f"db {check.sql!r}: {type(error).__name__}: {error}")
                continue
            value = None if row is None else row[0]
            if _shown(value) != check.equals:
                failures.append(f"db {check.sql!r}: expected {check.equals!r}, got {_shown(value)!r}")
    return failures


def _shown(value: Any) -> str:
    """A query value as the corpus writes it (12.0 → "12", Decimal('1.50') → "1.5")."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "normalize") and not isinstance(value, str):  # Decimal
        return format(value.normalize(), "f")
    return str(value)


async def run_conversation(answer: Answerer, conversation: Conversation, engine: Any) -> Result:
    """Say every turn in a new conversation id and check the replies, then the database."""
    result = Result(conversation)
    sender = f"corpus-{conversation.id}-{uuid.uuid4().hex[:8]}"
    for number, turn in enumerate(conversation.turns, start=1):
        try:
            reply = await answer(turn.say, sender=sender, channel=conversation.channel)
        except Exception as error:  # noqa: BLE001 (a crash is this conversation's failure, the run goes on)
            result.failures.append(f"turn {number} {turn.say!r}: {type(error).__name__}: {error}")
            return result
        result.replies.append(reply)
        result.failures += check_reply(turn, reply, number=number)
    result.failures += check_database(conversation.db, engine)
    return result


class DemoShops:
    """One prepared demo shop SQLite file, and a fresh copy of it (with its own shop context) per conversation."""

    def __init__(self, folder: Path, *, today: dt.date = DEMO_TODAY, settings: Any = None) -> None:
        from assistant.config import get_settings
        from assistant.db import make_engine, upgrade
        from assistant.shop.demo import load_demo

        self.folder = folder
        self.today = today
        self.settings = (settings or get_settings()).copy(update={"today": today})
        self.template = folder / "demo-template.sqlite"
        engine = make_engine(f"sqlite:///{self.template}")
        try:
            upgrade(engine)
            load_demo(engine, now=dt.datetime.combine(today, dt.time(12)))
        finally:
            engine.dispose()  # the last connection closing folds the WAL into the file we copy

    @contextmanager
    def fresh(self) -> Iterator[Any]:
        """The ``ShopContext`` of a new copy of the demo shop (its engine disposed, the copy deleted after)."""
        from assistant.context import ShopContext
        from assistant.db import make_engine

        path = self.folder / f"shop-{uuid.uuid4().hex[:10]}.sqlite"
        shutil.copyfile(self.template, path)
        settings = self.settings.copy(update={"db_url": f"sqlite:///{path}"})
        engine = make_engine(settings.db_url)
        try:
            yield ShopContext.build(settings, engine=engine)
        finally:
            engine.dispose()
            for leftover in path.parent.glob(path.name + "*"):
                leftover.unlink(missing_ok=True)


def brain_answerer(brain: Any) -> Answerer:
    """``Brain.handle`` as an ``Answerer`` (the reply's text only)."""

    async def answer(text_: str, *, sender: str, channel: str) -> str:
        return (await brain.handle(text_, sender=sender, channel=channel)).text

    return answer


def run_corpus(answer: Answerer, conversations: list[Conversation], shops: DemoShops,
               bind: Callable[[Any], None] | None = None) -> list[Result]:
    """Run each conversation on its own fresh copy of the demo shop; ``bind`` (``Brain.rebind``) is
    handed each copy's context before its conversation starts."""
    results = []
    for conversation in conversations:
        with shops.fresh() as context:
            if bind is not None:
                bind(context)
            results.append(asyncio.run(run_conversation(answer, conversation, context.engine)))
    return results


def pass_rates(results: list[Result]) -> dict[tuple[str, str], tuple[int, int]]:
    """(passed, total) per (intent, language), pending conversations left out."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for result in results:
        if result.conversation.pending:
            continue
        key = (result.conversation.intent, result.conversation.language)
        counts[key][0] += result.passed
        counts[key][1] += 1
    return {key: (passed, total) for key, (passed, total) in sorted(counts.items())}


def report(results: list[Result], *, verbose: bool = False) -> str:
    """The pass rate overall, per language and per intent × language, then every failure."""
    counted = [r for r in results if not r.conversation.pending]
    pending = [r for r in results if r.conversation.pending]
    lines = [_rate_line("all", counted)]
    for language in ("zh", "en"):
        lines.append(_rate_line(f"  {language}", [r for r in counted if r.conversation.language == language]))
    lines.append(f"{'intent':<24}{'zh':>9}{'en':>9}")
    intents = sorted({r.conversation.intent for r in counted})
    rates = pass_rates(results)
    for intent in intents:
        cells = [f"{rates[(intent, lang)][0]}/{rates[(intent, lang)][1]}" if (intent, lang) in rates else "-"
                 for lang in ("zh", "en")]
        lines.append(f"{intent:<24}{cells[0]:>9}{cells[1]:>9}")
    if pending:
        by_issue: dict[str, list[Result]] = defaultdict(list)
        for result in pending:
            by_issue[result.conversation.pending].append(result)
        for issue, items in sorted(by_issue.items()):
            lines.append(f"pending {issue}: {sum(r.passed for r in items)}/{len(items)} pass (not counted)")
    failed = [r for r in counted if not r.passed] + ([r for r in pending if not r.passed] if verbose else [])
    for result in failed:
        c = result.conversation
        lines.append(f"FAIL {c.id} [{c.intent} {c.language} {c.style}] ({c.source})")
        lines += [f"    {failure}" for failure in result.failures]
    if verbose:
        for result in (r for r in results if r.passed):
            lines.append(f"ok   {result.conversation.id}: {' | '.join(result.replies)[:200]!r}")
    return "\n".join(lines)


def _rate_line(label: str, results: list[Result]) -> str:
    passed = sum(r.passed for r in results)
    share = passed / len(results) if results else 0.0
    return f"{label:<24}{passed:>4}/{len(results):<4} {share:6.1%}"
