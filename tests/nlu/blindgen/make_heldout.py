# ruff: noqa
"""Generate the blind held-out set tests/nlu/heldout_{zh,en}.yml from blindgen/templates.py.

Run from the repository root: `.venv/bin/python tests/nlu/blindgen/make_heldout.py` (seeded). It borrows only the
rendering (numbers as words, speech form, annotation) from the training generator; its templates and
values are its own. Each template is rendered once typed and once as a recogniser writes it.
"""

import random
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "datagen"))
sys.path.insert(0, str(HERE))
import gen as render_lib  # noqa: E402  (tests/nlu/datagen/gen.py)
from templates import B, EN_HONORIFICS, POOLS, ZH_HONORIFICS  # noqa: E402

ROOT = HERE.resolve().parents[2]


class BlindFiller(render_lib.Filler):
    """Customer names in more shapes than training: given names alone and pinyin full names too."""

    def customer(self):
        r, p = self.rng, self.p
        kind = r.random()
        if self.lang == "zh":
            if kind < 0.45:
                return r.choice(p["surnames"]) + r.choice(ZH_HONORIFICS)
            if kind < 0.7:
                return r.choice(p["full_names"])
            return r.choice(p["prefix_names"] if kind < 0.85 else p["given_names"])
        if kind < 0.55:
            return f"{r.choice(EN_HONORIFICS)} {r.choice(p['en_surnames'])}"
        return r.choice(p["en_full"])


def main():
    render_lib.Filler = BlindFiller
    rng = random.Random(424242)
    for lang in ("zh", "en"):
        blocks = []
        for intent, langs in B.items():
            lines = []
            for template in langs[lang]:
                for speech in (False, True):
                    line = render_lib.render_line(template, lang, POOLS, rng, speech)
                    if line not in lines:
                        lines.append(line)
            blocks.append((intent, lines))
        render_lib.write_yaml(
            ROOT / "tests" / "nlu" / f"heldout_{lang}.yml", blocks,
            ["Blind held-out test data (tests/nlu/blindgen/): never trained or tuned on. Customers, products",
             "and phrasings occur neither in nlu/ nor in dev_*.yml; half in speech-recogniser form.",
             "`assistant evaluate nlu --set heldout` scores it."])


if __name__ == "__main__":
    main()
