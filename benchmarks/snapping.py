"""What name snapping gains: ``snap_transcript`` on transcripts with SIMULATED recogniser errors.

Run: ``.venv/bin/python benchmarks/snapping.py [--customers N] [--per-form 2] [--seed 7] [--show 0]``.

No Chinese or English Vosk model can be downloaded here, so the recogniser's mistakes on names are
simulated, seeded, from every customer and product of the demo shop 禾香粮油 (``assistant/shop/demo/``,
loaded into a temporary SQLite database the way ``make run`` loads it; ``--customers N`` adds N generated
neighbours, the homophones a big shop has):

- Chinese, in Vosk's spaced form (王 秀英 / 王 秀 英): the right characters; a character replaced by
  another of the same pinyin and tone (王秀英 → 汪秀英, 王秀影), built from pypinyin over the 3,755
  GB2312 level-1 characters; the same syllable in another tone (王 → 网); a zh/z, ch/c, sh/s or -n/-ng
  confusion (陈 → 程); an l/n or f/h confusion (刘 → 牛), which the sound key does not merge; a form of
  address (王阿姨 → 汪 阿姨, 老罗 → 老 萝).
- English, as a recogniser writes it (lower case, words from its dictionary): the right words; a
  common romanisation of the surname (wang → wong, li → lee, chen → chan); a phonetic respelling a
  recogniser's English dictionary would produce (zhang → jang, xiuying → shoe ying); a given name
  split into syllables (binglan → bing lan); the honorific respelt (auntie → aunty, mrs → missus).

Each goes into one of a handful of request shapes per language. Also: names that are NOT in the shop
(they must not become a customer), and the dev set's sentences without a customer or product
(``tests/nlu/dev_*.yml``, never the blind held-out files; they must not change).

The name is then resolved through ``names.resolve_customer`` / ``resolve_product`` (what
``brain.resolution.lookup_*`` calls) with ``typed=False`` as for speech, once on the raw transcript
and once on the snapped one. The name's span is known from the generator (an oracle for the NLU's
entity extraction), so this measures snapping + resolution, not the NLU; ``--nlu`` takes the name from
the trained Rasa model's entities instead (``models/``, loaded once, ~15 ms a parse). Outcomes: ``right`` (the one
meant), ``asked`` ("which one?" with the one meant among the choices), ``wrong`` (another customer,
silently), ``missed`` (unknown, or a question without the one meant). For names not in the shop,
``right`` is unknown and ``wrong`` is any customer.

The simulated transcripts are made by ``benchmarks/snapping_errors.py``; this script builds the
shop, snaps and resolves each transcript, and prints the table and the timings.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import jieba

from assistant.db import make_engine, session_factory, upgrade
from assistant.language.names import NameIndex, Resolution, resolve_customer, resolve_product, snap_transcript
from assistant.shop.demo import build_demo, load_demo
from assistant.shop.demo.benchmark import generate_demo_csv
from assistant.shop.importer import import_csv
from assistant.shop.name_index import load_name_index
from assistant.shop.shops import default_shop_id

sys.path.insert(0, str(Path(__file__).resolve().parent))
from snapping_errors import _PINYIN_SYLLABLES, Case, _pinyin_syllables, make_cases  # noqa: E402

# --------------------------------------------------------------------------------------------------
# The shop


def build_shop(folder: Path, extra_customers: int, seed: int) -> NameIndex:
    """The demo shop in a temporary SQLite database (plus ``extra_customers`` generated ones), indexed."""
    engine = make_engine(f"sqlite:///{folder / 'shop.db'}")
    upgrade(engine)
    load_demo(engine, seed=seed)
    if extra_customers:
        generated = folder / "generated"
        customers_csv, _, _ = generate_demo_csv(generated, customers=extra_customers, sale_items=0, seed=seed + 1)
        with session_factory(engine)() as session:
            demo_names = {f for f in load_name_index(session, shop_id=default_shop_id(session)).customers.forms}
        rows = list(csv.reader(customers_csv.open(encoding="utf-8")))
        kept = [rows[0]] + [r[:8] + [""] for r in rows[1:] if r[0] not in demo_names]  # the demo's people stay
        with customers_csv.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(kept)
        import_csv(engine, customers=customers_csv, rebuild_stats=False)
    with session_factory(engine)() as session:
        index = load_name_index(session, shop_id=default_shop_id(session))
    engine.dispose()
    return index


# --------------------------------------------------------------------------------------------------
# Scoring


def span_after_snap(case: Case, snapped: str) -> tuple[str, bool]:
    """The name's text in the snapped transcript, and whether snapping changed the words around it."""
    if snapped.startswith(case.prefix) and snapped.endswith(case.suffix) and (
            len(snapped) >= len(case.prefix) + len(case.suffix)):
        return snapped[len(case.prefix):len(snapped) - len(case.suffix)], False
    # The words around the name changed too: find the name's span by aligning the two texts.
    start, end = len(case.prefix), len(case.prefix) + len(case.heard)
    new_start, new_end = None, None
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, case.text, snapped, autojunk=False).get_opcodes():
        if new_start is None and i2 > start:
            new_start = j1 + (start - i1 if tag == "equal" else 0)
        if i2 >= end:
            new_end = j1 + (end - i1 if tag == "equal" else j2 - j1)
            break
    return snapped[new_start or 0:new_end if new_end is not None else len(snapped)], True


def outcome(resolution: Resolution, target: int | None) -> str:
    """right / asked / wrong / missed (see the module docstring)."""
    ids = [c.id for c in resolution.candidates]
    confident = resolution.status in {"exact", "match"} or (
        resolution.status == "category" and len(ids) == 1)
    if target is None:
        if confident:
            return "wrong"
        return "asked" if ids else "right"
    if confident:
        return "right" if ids == [target] else "wrong"
    return "asked" if target in ids else "missed"


def resolve(index: NameIndex, case: Case, name: str) -> Resolution:
    """The resolution the dialogue would make of ``name`` heard in speech."""
    if case.kind == "product":
        return resolve_product(index, name, typed=False)
    return resolve_customer(index, name, typed=False)


def nlu_outcome(index: NameIndex, case: Case, name: str | None) -> str:
    """``outcome`` of the name the NLU found; no name found is a miss (and right for absent names)."""
    if name is None:
        return "right" if case.target is None else "missed"
    return outcome(resolve(index, case, name), case.target)


@dataclass
class Row:
    """Counts for one table row."""

    n: int = 0
    raw: Counter | None = None
    snapped: Counter | None = None
    changed: int = 0  # snapping changed the transcript
    bad_snaps: int = 0  # snapping made a silent wrong answer (or changed a sentence without names)
    context_changed: int = 0  # snapping changed words outside the name

    def __post_init__(self) -> None:
        self.raw, self.snapped = Counter(), Counter()


class NluNames:
    """The name the trained Rasa model finds in a transcript (``--nlu``): what the dialogue would resolve."""

    def __init__(self) -> None:
        from assistant.brain.nlu import NluParser

        self.parser = NluParser()

    def name(self, text: str, kind: str) -> str | None:
        """The first entity of the kind asked for (absent names are looked for as customers)."""
        wanted = "product" if kind == "product" else "customer"
        found = [e for e in self.parser.parse(text).get("entities", []) if e["entity"] == wanted]
        return str(found[0]["value"]) if found else None


def measure(index: NameIndex, cases: list[Case], show: int, nlu: NluNames | None = None
            ) -> tuple[dict[tuple[str, str, str], Row], dict]:
    """Snap every case, resolve the name with and without snapping, and count."""
    rows: dict[tuple[str, str, str], Row] = defaultdict(Row)
    times: dict[str, list[float]] = defaultdict(list)
    examples: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        started = time.perf_counter()
        snapped = snap_transcript(index, case.text, case.language)
        times[case.language].append(time.perf_counter() - started)
        row = rows[(case.language, case.kind, case.error)]
        row.n += 1
        row.changed += snapped != case.text
        if case.kind == "no name":
            row.bad_snaps += snapped != case.text
            if snapped != case.text:
                examples["changed"].append(f"{case.text}  →  {snapped}")
            continue
        heard_after, context = span_after_snap(case, snapped)
        if nlu is not None:  # the name as the NLU cuts it out of each transcript, not the generator's span
            before = nlu_outcome(index, case, nlu.name(case.text, case.kind))
            after = nlu_outcome(index, case, nlu.name(snapped, case.kind))
        else:
            before = outcome(resolve(index, case, case.heard), case.target)
            after = outcome(resolve(index, case, heard_after), case.target)
        row.raw[before] += 1
        row.snapped[after] += 1
        row.context_changed += context
        if after == "wrong" and before != "wrong" or context:
            row.bad_snaps += 1
            examples["bad"].append(f"[{case.said}] {case.text}  →  {snapped}  ({before} → {after})")
        if before != after or (after != "right" and case.kind != "absent"):
            examples[f"{case.language} {case.error}: {before}→{after}"].append(f"[{case.said}] {case.text}  →  {snapped}")
    if show:
        for what, lines in sorted(examples.items()):
            print(f"\n{what} ({len(lines)}):")
            for line in lines[:show]:
                print("  ", line)
    return rows, times


def percent(count: int, total: int) -> str:
    """``count`` as a percentage of ``total``."""
    return f"{100 * count / total:.0f}%" if total else "–"


def table(rows: dict[tuple[str, str, str], Row]) -> str:
    """The Markdown table of outcomes without and with snapping."""
    lines = ["| lang | names | simulated error | n | right: raw → snapped | asked which | wrong | missed "
             "| snapped text changed | bad snaps |",
             "| --- | --- | --- | ---: | --- | --- | --- | --- | ---: | ---: |"]
    kinds = ["customer", "product", "absent", "no name"]
    for (language, kind, error), row in sorted(rows.items(), key=lambda kv: (kv[0][0] != "zh", kinds.index(
            kv[0][1]), kv[0][2] != "right characters" and kv[0][2] != "right words", kv[0][2])):
        if kind == "no name":
            lines.append(f"| {language} | none | {error} | {row.n} | – | – | – | – | {row.changed} | {row.bad_snaps} |")
            continue
        cells = [f"{percent(row.raw[o], row.n)} → {percent(row.snapped[o], row.n)}"
                 for o in ("right", "asked", "wrong", "missed")]
        label = "not in shop" if kind == "absent" else kind
        lines.append(f"| {language} | {label} | {error} | {row.n} | {' | '.join(cells)} | {row.changed} "
                     f"| {row.bad_snaps} |")
    return "\n".join(lines)


def main() -> None:
    """Build the shop, simulate, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=0, help="generated customers added to the demo's 80")
    parser.add_argument("--per-form", type=int, default=2, help="simulated mistakes per name form and error")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--nlu", action="store_true",
                        help="take the name from the trained Rasa model's entities instead of the known span")
    parser.add_argument("--show", type=int, default=0, help="print this many examples of each change")
    args = parser.parse_args()
    jieba.setLogLevel(60)
    jieba.initialize()
    _PINYIN_SYLLABLES.update(_pinyin_syllables())
    with tempfile.TemporaryDirectory(prefix="zhanggui-snapping-") as folder:
        index = build_shop(Path(folder), args.customers, args.seed)
    demo_names = {c.name for c in build_demo(seed=args.seed).customers}
    demo_ids = {e.id for e in index.customers.entries if e.name in demo_names}
    cases = make_cases(index, demo_ids, random.Random(args.seed), args.per_form)
    for case in cases[:50]:  # warm up: jieba's dictionary, pypinyin, rapidfuzz
        snap_transcript(index, case.text, case.language)
    nlu = NluNames() if args.nlu else None
    load = os.getloadavg()
    rows, times = measure(index, cases, args.show, nlu)
    print(f"SIMULATED recogniser errors (not real speech). Shop: demo 禾香粮油, "
          f"{len(index.customers.entries):,} customers, {len(index.products.entries)} products; "
          f"{len(cases):,} transcripts, seed {args.seed}, {args.per_form} per name form and error.")
    print("Names found by " + (f"the trained NLU ({nlu.parser.model_path.name})" if nlu else
                               "the generator (known span: the NLU is not measured)") + ".")
    print("Cells: share of transcripts resolved that way without snapping → with snapping.\n")
    print(table(rows))
    print()
    for language, samples in sorted(times.items(), key=lambda kv: kv[0] != "zh"):
        cuts = statistics.quantiles(samples, n=100)
        print(f"snap_transcript {language}: p50 {cuts[49] * 1000:.2f} ms, p95 {cuts[94] * 1000:.2f} ms "
              f"per transcript ({len(samples)} transcripts)")
    print(f"load average before the timed run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
