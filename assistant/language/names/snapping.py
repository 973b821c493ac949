"""A recogniser's transcript with misheard names snapped to the one known name they sound like."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz, process

from assistant.language import phonetic
from assistant.language.names.grammar import COMMAND_WORDS_ZH
from assistant.language.names.index import EnglishForms, NameIndex
from assistant.language.names.matching import resolve_customer, resolve_product
from assistant.language.phonetic import parse_person, sound_key

# A window of a transcript that is a word this common in jieba's dictionary (今天 16,000, 什么
# 59,000, 时候 32,000) is an ordinary word, never a misheard name.
COMMON_WORD_FREQ = 1000

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
# Romanised surnames that are everyday English words: "to feng" in a sentence is not Du Feng.
_ENGLISH_WORD_ROMANISATIONS = frozenset({"to", "so", "law", "young", "lo", "ho", "tan", "chin", "ko"})
# Words a recogniser writes around names, never the first or last word of one.
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "to", "of", "for", "and", "or", "at", "in", "on", "by", "with", "from", "is", "was",
    "are", "has", "have", "had", "did", "does", "do", "what", "when", "who", "how", "much", "many", "that",
    "this"})
# One-character command words (买, 要, 袋, 两, ...): snapping never rewrites them into part of a name.
_COMMAND_CHARS = frozenset(w for w in COMMAND_WORDS_ZH if len(w) == 1)


def snap_transcript(index: NameIndex, text: str, language: str) -> str:
    """``text`` with misheard names replaced by the one known name they sound like; else unchanged.

    Chinese (``language`` "zh"): every window of 2 or more characters (spaces between them allowed,
    as Vosk writes) whose sound equals a known name of the same length is rewritten character by
    character, keeping the spacing. Two-character windows need the exact toneless pinyin, longer ones
    the merged sound (see ``phonetic.sound_key``). A window is left alone when it already is a known
    name; when it starts or ends inside a word (the recogniser's spaces mark them; jieba cuts unspaced
    text), or is or cuts through an ordinary word (jieba frequency ≥ ``COMMON_WORD_FREQ``): 生 过敏 of
    "花生 过敏" is not 沈国敏, nor 时间没 of "好长时间没来" 石建美; when it sounds like two different
    names; or when snapping would rewrite a one-character command word (赵燕买了 is not 赵燕麦了: 买,
    要, 袋, 两 are what the owner says around names, and the recogniser knows them well).
    English ("en"): windows of 1–4 words are replaced by a known Latin form (a Latin alias, or an
    English form of address of a Chinese one: auntie wang) with the same surname sound and honorific,
    the same name with its surname romanised (wong xiuying), or a spelling with a rapidfuzz ratio ≥ 88
    to which both edge words of the window contribute; again only when exactly one fits and
    ``resolve_customer`` / ``resolve_product`` would not ask which one the words mean.
    """
    if language.startswith("zh"):
        return _snap_chinese(index, text)
    if language.startswith("en"):
        return _snap_english(index, text)
    return _snap_english(index, _snap_chinese(index, text))


def _cjk_runs(text: str) -> Iterator[list[int]]:
    """Positions of the Chinese characters of ``text``, in runs separated by anything but spaces."""
    run: list[int] = []
    for i, ch in enumerate(text):
        if phonetic.is_cjk(ch):
            run.append(i)
        elif not ch.isspace() and run:
            yield run
            run = []
    if run:
        yield run


def is_common_word(word: str) -> bool:
    """Whether jieba's dictionary counts ``word`` as an everyday word (高山: a name, and a mountain)."""
    import jieba  # jieba's own shared dictionary, loaded on first use (the NLU loads it too)

    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word, 0) >= COMMON_WORD_FREQ


def _snap_chinese(index: NameIndex, text: str) -> str:
    chars = list(text)
    longest = index.longest_form
    for run in _cjk_runs(text):
        run_text = "".join(text[p] for p in run)
        boundaries = _word_boundaries(run, run_text)
        i = 0
        while i < len(run):
            step = 1
            sizes = [n for n in range(min(longest, len(run) - i), 1, -1) if {i, i + n} <= boundaries]
            known = next((n for n in sizes if any(run_text[i:i + n] in t.by_key
                                                  for t in (index.customers, index.products))), 0)
            if known:  # a known name as said (食盐) is kept whole, never read into a longer sound-alike
                i += known
                continue
            for size in sizes:
                window = run_text[i:i + size]
                replacements = _sounds_like(index, window)
                if not replacements:
                    continue
                step = size
                replacement = next(iter(replacements))
                if (len(replacements) == 1 and not is_common_word(window)
                        and not _cuts_a_word(run_text, i, i + size)
                        and not any(a != b and a in _COMMAND_CHARS
                                    for a, b in zip(window, replacement, strict=True))):
                    for position, char in zip(run[i:i + size], replacement, strict=True):
                        chars[position] = char
                break
            i += step
    return "".join(chars)


def _word_boundaries(run: list[int], run_text: str) -> set[int]:
    """Where words start and end in a run of Chinese characters: a name starts and ends on one (生过敏
    in "花生 过敏" is not the customer 沈国敏). The recogniser's spaces mark them; unspaced text is cut
    by jieba's dictionary (without its guesses at unknown words, which a misheard name is)."""
    import jieba

    spaces = {k for k in range(1, len(run)) if run[k] - run[k - 1] > 1}
    if not spaces:
        lengths = [len(word) for word in jieba.lcut(run_text, HMM=False)]
        spaces = {sum(lengths[:n]) for n in range(1, len(lengths))}
    return spaces | {0, len(run)}


def _cuts_a_word(run_text: str, start: int, end: int) -> bool:
    """Whether a window's first character ends, or its last one starts, an ordinary word (时|间没)."""
    return (start > 0 and is_common_word(run_text[start - 1:start + 1])) or (
        end < len(run_text) and is_common_word(run_text[end - 1:end + 1]))


def _sounds_like(index: NameIndex, window: str) -> set[str]:
    """The known names of ``window``'s length and sound (exact pinyin for two characters)."""
    found: set[str] = set()
    for table in (index.customers, index.products):
        for f in table.by_sound.get(sound_key(window, as_name=table.as_name), ()):
            form = table.forms[f]
            if len(form) != len(window) or not phonetic.is_all_cjk(form):
                continue
            if len(window) == 2 and (phonetic.syllables(form, as_name=table.as_name)
                                     != phonetic.syllables(window, as_name=table.as_name)):
                continue
            found.add(form)
    return found


def _snap_english(index: NameIndex, text: str) -> str:
    words = list(_LATIN_WORD.finditer(text))
    english = index.english_forms
    if not words or not english.forms:
        return text
    pieces: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        step = 1
        for size in range(min(4, len(words) - i), 0, -1):
            window = " ".join(w.group().lower() for w in words[i:i + size])
            if window in english.forms:
                step = size
                break
            if len(window.replace(" ", "")) < 4:
                continue
            said = [w.group().lower() for w in words[i:i + size]]
            if said[0] in _FUNCTION_WORDS or said[-1] in _FUNCTION_WORDS:
                continue  # "to liang" is not Tao Ligang: a name neither starts nor ends with "to"
            fits = _english_fits(said, english)
            if fits:
                step = size
                # Never decide by spelling what resolution would ask about ("which Guo Lanjing?").
                if len(fits) == 1 and "ambiguous" not in (resolve_customer(index, window).status,
                                                          resolve_product(index, window).status):
                    pieces.append((words[i].start(), words[i + size - 1].end(), fits.pop()))
                break
        i += step
    for start, end, form in reversed(pieces):
        text = text[:start] + form + text[end:]
    return text


def _english_fits(words: list[str], english: EnglishForms) -> set[str]:
    """Known Latin forms the ``words`` may be: same surname sound and honorific, or a near spelling."""
    window = " ".join(words)
    fits: set[str] = set()
    asked = parse_person(window)
    if asked is not None:
        for sound in asked.sounds:
            fits |= english.by_person.get((sound, asked.honorific), set())
        # "mrs wong" → "mrs wang" rather than "ms wang": keep the honorific word that was said.
        same_word = {f for f in fits if f.split()[0] == window.split()[0]}
        fits = same_word or fits
        # "missus liu" fits "mrs liu" and "ms liu": one name with two words for one honorific, so
        # take the class's first word rather than call it a tie.
        if len(fits) > 1 and len({f.split(" ", 1)[-1] for f in fits}) == 1:
            words = phonetic.HONORIFIC_BY_NAME[asked.honorific].english
            fits = {min(fits, key=lambda f: words.index(f.split()[0]) if f.split()[0] in words else len(words))}
    if words[0] not in _ENGLISH_WORD_ROMANISATIONS:
        fits.update(r for r in phonetic.pinyin_readings(window) if r in english.forms)  # wong xiuying
    for form, ratio, _ in process.extract(window, english.choices, scorer=fuzz.ratio, limit=4, score_cutoff=88):
        # "to auntie wang guilan" is near "auntie wang guilan" only because the name is in it: a word at
        # the window's edge that does not make the match closer belongs to the sentence, not the name.
        if len(words) > 1 and any(fuzz.ratio(" ".join(part), form) >= ratio for part in (words[1:], words[:-1])):
            continue
        fits.add(form)
    return fits

