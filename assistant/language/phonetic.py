"""How names sound: toneless pinyin, the sounds a Hangzhou ear and a recogniser confuse, honorifics.

Everything here is a pure function of its text, used by ``language.names`` to compare what was said
with the names in the shop's database:

- ``clean``: the comparison form of any text (NFKC, lower case, punctuation dropped, Vosk's spaces
  between Chinese characters removed).
- ``syllables`` / ``sound_key``: toneless pinyin per Chinese character (pypinyin ``lazy_pinyin``, with
  the surname readings of polyphonic surnames: 曾 zeng, 单 shan, 仇 qiu, ...), Latin words as written.
  ``sound_key`` also merges the contrasts southern Mandarin speakers and small recognisers blur:
  zh/z, ch/c, sh/s and the nasal endings -ng/-n (so 陈 chen and 程 cheng, 王 and 汪, sound alike).
- ``parse_person``: a form of address, Chinese or English: 王阿姨, 李叔叔, 老王, 小李, 陈大姐,
  Mrs Wang, Auntie Wong, wang ayi. Each honorific belongs to a class (阿姨 ≈ 姨 ≈ auntie) and a gender,
  so "Mrs Wang" is 王女士 (same class) and, less surely, 王阿姨 (same gender); never 王先生.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
_ALL_CJK = re.compile(f"[{CJK}]+")
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")
_NOT_WORD = re.compile(rf"[^0-9a-z{CJK}\s]+")
_SPACES = re.compile(r"\s+")
_SPACE_BETWEEN_CJK_AND_LATIN = re.compile(rf"(?<=[{CJK}])\s+(?=[a-z0-9])|(?<=[a-z0-9])\s+(?=[{CJK}])")
_TOKEN = re.compile(rf"[{CJK}]|[a-z0-9]+")

# Polyphonic characters read differently as a surname (the first character of a name).
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha", "覃": "qin",
    "乐": "yue", "解": "xie", "盖": "ge", "缪": "miao", "繁": "po", "秘": "bi", "尉": "yu", "员": "yun",
    "藏": "zang", "翟": "zhai", "万": "wan", "沈": "shen", "种": "chong", "重": "chong", "长": "chang",
}
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "夏侯", "尉迟", "公孙",
        "长孙", "宇文", "司徒", "端木", "南宫", "西门", "独孤", "轩辕",
    ]
)

# Cantonese, Hokkien and Wade-Giles spellings of common surnames, as customers write them in English
# ("Auntie Wong", "Mrs Chan", "Uncle Lee"), mapped to the pinyin they stand for.
ROMANISED_SURNAMES: dict[str, tuple[str, ...]] = {
    "wong": ("wang", "huang"), "vong": ("wang", "huang"), "chan": ("chen",), "tan": ("chen", "tan"),
    "chin": ("chen",), "lee": ("li",), "lei": ("li",), "cheung": ("zhang",), "chang": ("zhang", "chang"),
    "chiang": ("jiang",), "chow": ("zhou",), "chou": ("zhou",), "chau": ("zhou",), "ng": ("wu",),
    "woo": ("wu",), "lau": ("liu",), "lao": ("liu",), "lim": ("lin",), "lam": ("lin",), "ho": ("he",),
    "hsu": ("xu",), "tsui": ("xu",), "hui": ("xu",), "yip": ("ye",), "tsang": ("zeng",), "tseng": ("zeng",),
    "kwok": ("guo",), "kuo": ("guo",), "leung": ("liang",), "tsai": ("cai",), "choi": ("cai",),
    "chua": ("cai",), "ma": ("ma",), "mak": ("mai",), "yeung": ("yang",), "young": ("yang",),
    "chu": ("zhu",), "chiu": ("zhao",), "chao": ("zhao",), "siu": ("xiao",), "hsiao": ("xiao",),
    "so": ("su",), "soo": ("su",), "tang": ("tang", "deng"), "teng": ("deng",), "fung": ("feng",),
    "kong": ("kong", "jiang"), "koh": ("xu",), "goh": ("wu",), "ong": ("wang",), "yu": ("yu",),
    "hu": ("hu",), "foo": ("hu",), "lo": ("luo",), "law": ("luo",), "lu": ("lu", "lv"), "shih": ("shi",),
    "sze": ("shi",), "sung": ("song",), "chen": ("chen",), "cheng": ("zheng", "cheng"), "ting": ("ding",),
    "kao": ("gao",), "ko": ("gao", "ge"), "ku": ("gu",), "koo": ("gu",), "pan": ("pan",), "poon": ("pan",),
    "yuen": ("yuan",), "tse": ("xie",), "hsieh": ("xie",), "tao": ("tao",), "to": ("du",), "tu": ("du",),
}


@dataclass(frozen=True)
class Honorific:
    """A class of honorifics that mean the same to the owner (阿姨 / 姨 / auntie)."""

    name: str
    gender: str  # "f", "m" or "" (either: 老王, 小李, 王师傅)
    chinese_suffixes: tuple[str, ...] = ()
    chinese_prefixes: tuple[str, ...] = ()
    english: tuple[str, ...] = ()  # spoken before the surname: "auntie wang"
    pinyin: tuple[str, ...] = ()  # typed pinyin after the surname: "wang ayi"
    role: bool = False  # names what someone does (老板, 师傅): another role means another person


HONORIFICS: tuple[Honorific, ...] = (
    Honorific("aunt", "f", ("阿姨", "姨", "大妈", "大娘", "婶婶", "婶", "阿婶", "姨妈"),
              english=("auntie", "aunty", "aunt"), pinyin=("ayi", "yi", "dama")),
    Honorific("uncle", "m", ("叔叔", "叔", "大叔", "伯伯", "大伯", "伯", "阿叔", "阿伯", "大爷"),
              english=("uncle",), pinyin=("shushu", "shu", "dashu", "bobo", "dabo", "daye")),
    Honorific("sister", "f", ("大姐", "姐姐", "姐", "阿姐", "大嫂", "嫂子", "嫂"),
              english=("sister", "sis"), pinyin=("jie", "dajie", "jiejie", "sao", "dasao")),
    Honorific("brother", "m", ("大哥", "哥哥", "哥", "阿哥"), english=("brother", "bro"),
              pinyin=("ge", "dage", "gege")),
    Honorific("madam", "f", ("女士", "太太", "小姐", "夫人"),
              english=("mrs", "ms", "miss", "madam", "madame", "mme", "missus"), pinyin=("nvshi", "taitai", "xiaojie")),
    Honorific("mister", "m", ("先生",), english=("mr", "mister", "sir"), pinyin=("xiansheng",)),
    Honorific("grandma", "f", ("奶奶", "阿婆", "婆婆", "外婆", "阿嬷"),
              english=("granny", "grandma", "nana"), pinyin=("nainai", "apo", "popo")),
    Honorific("grandpa", "m", ("爷爷", "阿公", "老爷子", "外公"), english=("grandpa", "gramps"),
              pinyin=("yeye", "agong")),
    Honorific("boss_lady", "f", ("老板娘",), english=("bosslady",), pinyin=("laobanniang",), role=True),
    Honorific("boss", "", ("老板", "总"), english=("boss",), pinyin=("laoban", "zong"), role=True),
    Honorific("master", "", ("师傅", "老师", "医生", "团长"), english=("master", "teacher", "doctor", "dr"),
              pinyin=("shifu", "laoshi", "tuanzhang"), role=True),
    Honorific("old", "", chinese_prefixes=("老",), english=("lao", "old")),
    Honorific("young", "", chinese_prefixes=("小", "阿"), english=("xiao", "little", "young")),
)
HONORIFIC_BY_NAME = {h.name: h for h in HONORIFICS}
_SUFFIXES = sorted(((s, h) for h in HONORIFICS for s in h.chinese_suffixes), key=lambda sh: -len(sh[0]))
_SUFFIXES_BY_LAST_CHAR: dict[str, list[tuple[str, Honorific]]] = {}
for _suffix, _honorific in _SUFFIXES:
    _SUFFIXES_BY_LAST_CHAR.setdefault(_suffix[-1], []).append((_suffix, _honorific))
_PREFIXES = {p: h for h in HONORIFICS for p in h.chinese_prefixes}
_ENGLISH = {w: h for h in HONORIFICS for w in h.english}
_PINYIN_AFTER = {w: h for h in HONORIFICS for w in h.pinyin}
# Words that are honorifics on their own, never "surname + honorific" (老板 is not Mr 板).
HONORIFIC_WORDS = frozenset(
    [s for s, _ in _SUFFIXES]
    + ["老板", "小姐", "阿姨", "老师", "老人", "小孩", "老婆", "老公", "小伙", "阿哥"]
)


class Person(NamedTuple):
    """A form of address split into surname and honorific: 王阿姨 → surname 王 (wang), class aunt.

    ``surname`` is the Chinese surname as written (None when it came from English or pinyin);
    ``sounds`` the fuzzy sound keys it may stand for (Wong → wang or huang); ``honorific`` the name of
    its ``Honorific`` class; ``full`` the full name when one was said with the honorific (王秀英阿姨 →
    王秀英). A NamedTuple because an index of 100,000 customers makes 50,000 of them.
    """

    surname: str | None
    sounds: tuple[str, ...]
    honorific: str
    full: str | None = None


def clean(text: str) -> str:
    """The comparison form of a text: NFKC, lower case, no punctuation, no spaces between Chinese."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _NOT_WORD.sub(" ", text)
    text = _SPACE_BETWEEN_CJK.sub("", text)
    # A space between Chinese and Latin carries no meaning either ("mrs 王" and "mrs王" are one name).
    text = _SPACE_BETWEEN_CJK_AND_LATIN.sub("", text)
    return _SPACES.sub(" ", text).strip()


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a Chinese character."""
    return bool(_CJK_CHAR.match(char))


def is_all_cjk(text: str) -> bool:
    """Whether ``text`` is one or more Chinese characters and nothing else."""
    return _ALL_CJK.fullmatch(text) is not None


all_cjk_match = _ALL_CJK.fullmatch


def has_cjk(text: str) -> bool:
    """Whether ``text`` contains a Chinese character."""
    return bool(_CJK_CHAR.search(text))


@cache
def char_pinyin(char: str) -> str:
    """Toneless pinyin of one Chinese character (its most common reading)."""
    from pypinyin import lazy_pinyin  # imported here: loading its dictionaries takes a quarter second

    return lazy_pinyin(char)[0]


@cache
def fuzzy_syllable(syllable: str) -> str:
    """A syllable with zh/ch/sh and -ng merged into z/c/s and -n (陈 chen = 程 cheng → cen)."""
    if syllable[:2] in ("zh", "ch", "sh"):
        syllable = syllable[0] + syllable[2:]
    if len(syllable) > 2 and syllable.endswith("ng"):
        syllable = syllable[:-1]
    return syllable


def syllables(text: str, *, as_name: bool = False) -> list[str]:
    """Toneless pinyin of each Chinese character, and each Latin word as it is, of a cleaned text.

    With ``as_name``, a first character that is a polyphonic surname gets its surname reading.
    """
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if len(token) == 1 and not token.isascii():  # the pattern's only non-ASCII tokens are Chinese
            reading = SURNAME_READINGS.get(token) if as_name and not out else None
            out.append(reading or char_pinyin(token))
        else:
            out.append(token)
    return out


class _SoundTable(dict[int, str]):
    """Code point → fuzzy sound, filled on first use; a ``str.translate`` table, so a whole name is
    turned into its sound key in C (this is most of the cost of indexing 100,000 names)."""

    def __missing__(self, code: int) -> str:
        sound = self[code] = fuzzy_syllable(char_pinyin(chr(code)))
        return sound


_SOUNDS = _SoundTable()


def char_sound(char: str) -> str:
    """The fuzzy sound of one Chinese character (陈 → cen)."""
    return _SOUNDS[ord(char)]


def cjk_sound_key(text: str, as_name: bool) -> str:
    """``sound_key`` of a text known to be only Chinese characters (the fast path for indexing)."""
    if as_name and text[0] in SURNAME_READINGS:
        return fuzzy_syllable(SURNAME_READINGS[text[0]]) + text[1:].translate(_SOUNDS)
    return text.translate(_SOUNDS)


def sound_key(text: str, *, as_name: bool = False) -> str:
    """The fuzzy sound of a cleaned text, syllables run together: 王 阿姨 / 汪阿姨 / wang ayi → wanayi."""
    if _ALL_CJK.fullmatch(text):
        return cjk_sound_key(text, as_name)
    return "".join(fuzzy_syllable(s) for s in syllables(text, as_name=as_name))


def surname_sound(surname: str) -> str:
    """The fuzzy sound of a Chinese surname (surname readings of polyphonic characters)."""
    return sound_key(surname, as_name=True)


def parse_person(text: str) -> Person | None:
    """A cleaned form of address split into surname and honorific, or None when it is not one."""
    if not text or text in HONORIFIC_WORDS:
        return None
    if has_cjk(text):
        return _parse_chinese(text)
    return _parse_latin(text.split())


def may_be_person(text: str) -> bool:
    """A quick test that rules out most full names before ``parse_person`` looks closer."""
    return text[-1] in _SUFFIXES_BY_LAST_CHAR or text[0] in _PREFIXES or text.isascii()


def _split_surname(rest: str) -> tuple[str, str | None] | None:
    """(surname, full name or None) of the part of a Chinese address that is not the honorific."""
    if not 1 <= len(rest) <= 4 or not is_all_cjk(rest):
        return None
    if len(rest) == 1 or rest in COMPOUND_SURNAMES:
        return rest, None
    surname = rest[:2] if rest[:2] in COMPOUND_SURNAMES else rest[0]
    return surname, rest


def _parse_chinese(text: str) -> Person | None:
    for suffix, honorific in _SUFFIXES_BY_LAST_CHAR.get(text[-1], ()):
        if text.endswith(suffix) and len(text) > len(suffix):
            split = _split_surname(text[: -len(suffix)])
            if split:
                surname, full = split
                return Person(surname, (surname_sound(surname),), honorific.name, full)
    honorific = _PREFIXES.get(text[0])
    if honorific is not None and 2 <= len(text) <= 3:
        split = _split_surname(text[1:])
        if split and split[1] is None:
            # 阿英 / 阿芳 name a person by a given-name character, not a surname: keep it as written.
            return Person(split[0], (surname_sound(split[0]),), honorific.name)
    return None


def pinyin_readings(text: str) -> list[str]:
    """A Latin full name with a romanised surname in pinyin (wong xiuying → wang xiuying, huang
    xiuying); empty when its first word is no known romanisation or the text is not Latin words."""
    words = text.split()
    if len(words) < 2 or has_cjk(text) or words[0] in _ENGLISH:
        return []
    return [" ".join([reading, *words[1:]]) for reading in ROMANISED_SURNAMES.get(words[0], ())
            if reading != words[0]]


def _latin_surname_sounds(word: str) -> tuple[str, ...]:
    known = ROMANISED_SURNAMES.get(word)
    spellings = known if known else (word,)
    return tuple(dict.fromkeys(fuzzy_syllable(s) for s in spellings))


def _parse_latin(words: list[str]) -> Person | None:
    if len(words) == 2 and words[0] in _ENGLISH and words[1] not in _ENGLISH:
        return Person(None, _latin_surname_sounds(words[1]), _ENGLISH[words[0]].name)
    if len(words) == 2 and words[1] in _PINYIN_AFTER and words[0] not in _ENGLISH:
        return Person(None, _latin_surname_sounds(words[0]), _PINYIN_AFTER[words[1]].name)
    if len(words) == 1 and words[0].startswith(("lao", "xiao")) and len(words[0]) > 4:
        # Typed pinyin run together: laowang, xiaoli.
        prefix = "lao" if words[0].startswith("lao") else "xiao"
        return Person(None, _latin_surname_sounds(words[0][len(prefix):]), _ENGLISH[prefix].name)
    return None


_FAMILIAR = frozenset({"old", "young"})  # 老王, 小李: said of anyone


def honorific_score(asked: str, known: str) -> float:
    """How well honorific class ``asked`` fits ``known``: 1 same class, 0.9 same gender, 0.88 when one
    side says nothing of gender (老王 and 王阿姨), 0 for opposite genders and for two different roles
    or a role and a kinship term (赵老板 is not 赵叔). ``language.names`` multiplies it into a score."""
    if asked == known:
        return 1.0
    a, k = HONORIFIC_BY_NAME[asked], HONORIFIC_BY_NAME[known]
    if a.role or k.role:
        return 0.88 if a.name in _FAMILIAR or k.name in _FAMILIAR else 0.0
    if a.gender and k.gender:
        return 0.9 if a.gender == k.gender else 0.0
    return 0.88


# How many of a class's honorifics (the most used come first) the variants of a name include: every
# variant is one more grammar phrase per customer, and 100,000 customers make a big grammar.
VARIANTS_PER_NAME = 3


def chinese_variants(person: Person) -> list[str]:
    """The commonest ways to say a Chinese form of address in its honorific class (李叔 → 李叔叔, 李大叔)."""
    if person.surname is None:
        return []
    honorific = HONORIFIC_BY_NAME[person.honorific]
    base = person.full or person.surname
    suffixes = [base + s for s in honorific.chinese_suffixes[:VARIANTS_PER_NAME]]
    return suffixes + [p + person.surname for p in honorific.chinese_prefixes[:VARIANTS_PER_NAME]]


def english_variants(person: Person) -> list[str]:
    """English forms of address for a Chinese one, with the surname in pinyin (王阿姨 → auntie wang,
    aunty wang; 王女士 → mrs wang, ms wang)."""
    if person.surname is None:
        return []
    honorific = HONORIFIC_BY_NAME[person.honorific]
    surname = "".join(syllables(person.surname, as_name=True))
    return [f"{word} {surname}" for word in honorific.english[:2]]
