# ruff: noqa
"""Generate nlu/*.yml (training) and the dev (tuning) set tests/nlu/dev_*.yml from templates and pools.

Run from the repository root: `.venv/bin/python tests/nlu/datagen/gen.py` (seeded: same output every
time). Training and dev templates and value pools are disjoint (see templates_train.py's last lines
and pools.py's _broaden). The blind held-out set is written by hand, apart from all this.
"""

import random
import re
import sys
from pathlib import Path

import cn2an
import jieba

sys.path.insert(0, str(Path(__file__).parent))
from pools import EN_HONORIFICS, HELDOUT, TRAIN, ZH_HONORIFICS  # noqa: E402
from templates_dev import H  # noqa: E402
from templates_train import TOPICS, T  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
EN_SINGULAR = {"bags": "bag", "bottles": "bottle", "kilos": "kilo", "jin": "jin", "boxes": "box", "packs": "pack",
               "cans": "can", "sacks": "sack", "tubs": "tub", "cases": "case", "jars": "jar", "cartons": "carton",
               "tins": "tin", "crates": "crate"}
ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
       "seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
EN_DIGIT = "zero one two three four five six seven eight nine".split()
ZH_DIGIT = "零一二三四五六七八九"
SLOT = re.compile(r"\{(\w+)\}")
ENTITY_OF = {"leader": "customer", "promo": None, "promo2": None}


def en_words(n, rng):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        head = rng.choice(["one hundred", "a hundred"]) if n // 100 == 1 else ONES[n // 100] + " hundred"
        rest = n % 100
        return head if rest == 0 else head + rng.choice([" and ", " "]) + en_words(rest, rng)
    return en_words(n // 1000, rng) + " thousand" + ("" if n % 1000 == 0 else " " + en_words(n % 1000, rng))


def zh_words(n, rng, measure=False):
    if n == 2 and measure:
        return "两"
    text = cn2an.an2cn(n)
    # Speakers drop the trailing 十 in round amounts: 一百二十 → 一百二.
    if n >= 110 and n % 10 == 0 and n % 100 != 0 and rng.random() < 0.5:
        text = text[:-1]
    if text.startswith("一十"):
        text = text[1:]
    return text


class Filler:
    def __init__(self, lang, pools, rng, speech):
        self.lang, self.p, self.rng, self.speech = lang, pools, rng, speech

    def customer(self):
        r, p = self.rng, self.p
        # The dev pools (no given names) keep the original mix, so the dev set stays what it was.
        broad = "given_names" in p
        if self.lang == "zh":
            kind = r.random()
            if kind < (0.55 if broad else 0.6):
                return r.choice(p["surnames"]) + r.choice(ZH_HONORIFICS)
            if not broad or kind < 0.93:
                return r.choice(p["full_names"] if kind < (0.8 if broad else 0.82) else p["prefix_names"])
            return r.choice(p["given_names"])
        if r.random() < (0.65 if broad else 0.75):
            return f"{r.choice(EN_HONORIFICS)} {r.choice(p['en_surnames'])}"
        return r.choice(p["en_full"])

    def pick(self, key):
        return self.rng.choice(self.p[f"{self.lang}_{key}"])

    def number(self, n, measure=False):
        if self.lang == "zh":
            if self.speech or self.rng.random() < 0.5:
                return zh_words(n, self.rng, measure)
            return str(n)
        if self.speech or self.rng.random() < 0.4:
            return en_words(n, self.rng)
        return str(n)

    def phone(self):
        digits = self.rng.choice(["13", "15", "18", "17", "19"]) + "".join(
            str(self.rng.randrange(10)) for _ in range(9))
        if not self.speech:
            return digits
        if self.lang == "zh":
            return "".join(ZH_DIGIT[int(d)] for d in digits)
        return " ".join(EN_DIGIT[int(d)] for d in digits)


def render(template, lang, pools, rng, speech):
    """Segments [(text, entity or None)] of one filled template."""
    f = Filler(lang, pools, rng, speech)
    segments = []
    pos = 0
    quantity = None
    for m in SLOT.finditer(template):
        segments.append((template[pos:m.start()], None))
        slot = m.group(1)
        after = template[m.end():m.end() + 1]
        if slot == "customer":
            value = f.customer()
        elif slot == "leader":
            value = f.pick("leaders")
        elif slot in ("promo", "promo2"):
            value = f.pick("promos")
            while slot == "promo2" and any(value == s for s, _ in segments):
                value = f.pick("promos")
        elif slot == "quantity":
            quantity = rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 50])
            value = f.number(quantity, measure=True)
        elif slot == "unit":
            value = f.pick("units")
            if lang == "en" and quantity == 1:
                value = EN_SINGULAR.get(value, value)
        elif slot == "amount":
            n = rng.choice([12, 25, 38, 45, 60, 88, 120, 150, 199, 240, 300, 36, 75, 18])
            if lang == "zh" and after not in ("元", "块") and rng.random() < 0.25:
                value = rng.choice(["五块五", "十二块五", "八块八", "三十六块五"])
            else:
                value = f.number(n)
        elif slot == "days":
            value = f.number(rng.choice([7, 10, 14, 15, 20, 30, 45, 60, 90]))
        elif slot == "phone":
            value = f.phone()
        else:
            value = f.pick(slot + "s")
        entity = ENTITY_OF.get(slot, slot)
        if slot == "unit" and quantity is None:
            entity = None  # "how many bags of rice": a measure word without a count is not an entity
        segments.append((value, entity))
        pos = m.end()
    segments.append((template[pos:], None))
    segments = [(t, e) for t, e in segments if t]
    if lang == "en" and not speech:
        # Typed English: a capital at the start and sometimes a question mark / full stop.
        first, ent = segments[0]
        segments[0] = (first[:1].upper() + first[1:], ent)
        if rng.random() < 0.3:
            segments.append((rng.choice(["?", ".", "!"]), None))
    if lang == "zh" and not speech and rng.random() < 0.3:
        segments.append((rng.choice(["?", "。", "!", "？", "，谢谢"]), None))
    if speech:
        segments = to_speech(segments, lang, rng)
    return segments


def to_speech(segments, lang, rng):
    out = []
    for text, ent in segments:
        if lang == "zh":
            text = re.sub(r"[,，。!！?？、]", " ", text)
            text = " ".join(w for w in jieba.lcut(text) if w.strip())
        else:
            text = re.sub(r"[,.!?]", " ", text).lower()
            text = re.sub(r"\s+", " ", text)
        if ent:
            text = text.strip()
        if text:
            out.append((text, ent))
    if rng.random() < 0.35:
        filler = rng.choice(["嗯", "那个", "嗯 那个", "呃"] if lang == "zh" else ["um", "uh", "um so", "uh"])
        out.insert(0, (filler + " ", None))
    return out




def render_line(template, lang, pools, rng, speech):
    segments = render(template, lang, pools, rng, speech)
    if lang == "zh" and speech:
        return " ".join(f"[{t}]({e})" if e else t.strip() for t, e in segments if t.strip())
    if lang == "en":
        line = ""
        for t, e in segments:
            piece = f"[{t}]({e})" if e else t
            line += piece
        return re.sub(r"\s+", " ", line).strip()
    return "".join(f"[{t}]({e})" if e else t for t, e in segments).strip()


def examples_for(table, intent, lang, pools, rng, per_template, target):
    lines = []
    templates = table[intent][lang]
    has_slots = any(SLOT.search(t) for t in templates)
    rounds = 0
    while len(set(lines)) < target and rounds < 20:
        for i, template in enumerate(templates):
            for k in range(per_template if SLOT.search(template) else 1):
                speech = (k + i + rounds) % 2 == 1
                lines.append(render_line(template, lang, pools, rng, speech))
        rounds += 1
        if not has_slots and rounds >= 2:
            break
    seen, unique = set(), []
    for line in lines:
        if line not in seen:
            seen.add(line)
            unique.append(line)
    return unique


def write_yaml(path, blocks, header):
    out = ['version: "3.1"', "", *[f"# {h}" for h in header], "nlu:"]
    for intent, lines in blocks:
        out.append(f"  - intent: {intent}")
        out.append("    examples: |")
        out.extend(f"      - {line}" for line in lines)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main():
    rng = random.Random(20260315)
    for topic, intents in TOPICS.items():
        blocks = []
        for intent in intents:
            for lang in ("zh", "en"):
                blocks.append((intent, examples_for(T, intent, lang, TRAIN, rng, 3, 36)))
        merged = {}
        for intent, lines in blocks:
            merged.setdefault(intent, []).extend(lines)
        write_yaml(ROOT / "nlu" / f"{topic}.yml", list(merged.items()),
                   [f"Training examples: {', '.join(intents)}.",
                    "Chinese and English, typed and as a speech recogniser writes them (no punctuation,",
                    "number words, Chinese with spaces between words, fillers)."])
    held = {"zh": [], "en": []}
    rng = random.Random(99)
    for intent in H:
        for lang in ("zh", "en"):
            lines = []
            for template in H[intent][lang]:
                lines.append(render_line(template, lang, HELDOUT, rng, speech=False))
                lines.append(render_line(template, lang, HELDOUT, rng, speech=True))
            seen = []
            for line in lines:
                if line not in seen:
                    seen.append(line)
            held[lang].append((intent, seen))
    (ROOT / "tests" / "nlu").mkdir(parents=True, exist_ok=True)
    for lang, blocks in held.items():
        write_yaml(ROOT / "tests" / "nlu" / f"dev_{lang}.yml", blocks,
                   ["Dev (tuning) set: never trained on, but its mistakes were used to tune nlu/. Other customers,",
                    "products and phrasings than nlu/; half in speech-recogniser form.",
                    "`assistant evaluate nlu --set dev` scores it."])


if __name__ == "__main__":
    main()
