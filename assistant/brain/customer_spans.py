"""Customer spans made whole: DIET often cuts an unseen name short, or runs it on by a letter.

- Adjacent customer pieces are joined (``董`` + ``小英``, ``liang`` + ``meiling``).
- A given name is extended over the surname right before it (``秀兰`` of 郑秀兰, ``zhigang`` of song
  zhigang, ``guo`` of he guo); a bare English honorific takes the unseen surname after it (mrs patel).
- A lone pinyin surname takes the given name after it when that name carries a possessive
  (``deng`` of "deng hais birthday", ``shi`` of "shi yong's tab") or both are typed with capitals
  (``Lin`` of "New customer Lin Na").
- A possessive written without its apostrophe, as a speech recogniser writes it ("master zhous phone
  number", "chen meilings commission"), loses its s: romanised Chinese never ends in s.
- 家 after a name is her household, not her name: jieba glues 赵家 / 王家 into one word, so DIET
  takes "小赵家" of "小赵家孩子花生过敏"; the 家 is given back, and so is the 说 of 秦文说 (文说 is a word too),
  and a member of her household glued onto a form of address ("张姐小孩").
- A verb stuck on a form of address is given back: "汪阿姨转" of "汪阿姨转了九十八", "李叔同" of "李叔同意",
  "小赵还" of "小赵还了五十", "小何不" of "小何不想收消息了"; and so is 家里 ("小赵家里" of "小赵家里有老人"). A shop that knows a 李叔同 still gets him: its names are matched after this
  (``shop_names``), and a known name wins over the trimmed span.
- A form of address alone takes the character before it when that sounds like a surname (留女士 for 刘女士,
  as a recogniser writes it); left alone (女士), like a role ("the group leader", 团长) or a lone hanzi, it
  names nobody.
- A compound surname is a surname too (欧阳春, as Vosk writes it: 欧阳 春). Jieba cuts 欧阳春买了 into 欧阳 / 春买,
  so DIET takes 欧阳 alone or 欧阳春买: the one given-name character after 欧阳 joins it when a word that
  follows names comes next, and a verb stuck on the given name is given back.
- What a measure counts is goods, not a person: "durian" of "old wang bought two bags of durian", 榴莲 of
  "老王买了2袋榴莲" (the model takes unseen goods for a name).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from assistant.brain.glued_words import unglued
from assistant.language.phonetic import COMPOUND_SURNAMES, HONORIFIC_WORDS

# Common surnames (the lists of nlu/lookups/vocabulary.yml plus compound surnames), used only to extend
# a customer span that DIET has already found; not to find names.
ZH_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "柳章柯葛阮凌裴留"  # less common, and what a recogniser writes for 刘 / 张 (柳女士, 留女士, 章姐)
    "应喻濮滕钭芮庞冉储"  # Zhejiang surnames the model leaves off (应师傅 → 师傅, 喻婷婷 → 婷婷)
) | {"欧阳", "司马", "诸葛", "上官"}
# "he" (何) is a surname too, and an English pronoun: it is taken only before a given name DIET found.
PINYIN_SURNAMES = frozenset(
    "bai cai cao chen cheng cui dai deng ding dong du duan fan fang feng fu gao gong gu guo han hao he hou hu "
    "huang jia jiang jin kong lei li liang liao lin liu long lu luo lv ma mao meng mo pan peng qian qin qiu ren "
    "shao shen shi song su sun tan tang tao tian wan wang wei wu xia xiang xiao xie xiong xu xue yan yang yao ye "
    "yin yu yuan zeng zhang zhao zheng zhong zhou zhu zou".split()
)
HONORIFIC_START = re.compile(
    r"^(?:老|小|阿|群主|mrs|mr|ms|miss|madam|uncle|auntie|aunt|sister|brother|grandma|grandpa|granny|master|"
    r"doctor|teacher|boss|group leader|leader)", re.IGNORECASE)
# English honorifics: a customer span that is only one of these ("mrs" of "mrs patel") takes the word after.
EN_HONORIFICS = frozenset(
    "mrs mr ms miss madam mister uncle auntie aunty aunt sister brother grandma grandpa granny master doctor dr "
    "teacher boss".split())
# Words of a role: a span made of them alone ("the group leader") is nobody in particular.
_ROLE_ONLY = re.compile(r"^(?:the |our |my )?(?:(?:group|team)(?:[- ]buying)? )?leaders?$|^group-?$|"
                        r"^(?:团购)?(?:团长|群主)$", re.IGNORECASE)
_ROLE_WORDS = frozenset({"team", "group", "leader", "old", "little", "young"})  # old yang = 老杨
_NEXT_WORD = re.compile(r"^ ([a-z][a-z'’\-]*)", re.IGNORECASE)
HANZI = re.compile(r"^[\u4e00-\u9fff]+$")
# One toneless pinyin syllable (a little looser than the real table; a name is checked word by word).
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
             r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|"
             r"er|a|o|e|i|u|v)")
_PINYIN_WORD = re.compile(rf"(?:{_SYLLABLE}){{1,3}}")
_ONE_SYLLABLE = re.compile(_SYLLABLE)
# English verbs that read like a pinyin syllable plus s: "zhang runs a noodle shop" is not "zhang run".
_ENGLISH_S_WORDS = frozenset("runs wins lies ties dies hangs pins bans fans tans hens pens tens guns buns".split())


def complete_customer_names(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Customer spans joined where split, extended over a surname or given name, freed of a possessive s;
    role-only spans, lone hanzi and the "old" of "how old" dropped."""
    joined: list[dict[str, Any]] = []
    for entity in map(lambda e: _goods_not_person(_person_not_product(e, text), text), entities):
        previous = joined[-1] if joined else None
        if (previous is not None and entity["entity"] == previous["entity"] == "customer"
                and not text[previous["end"]:entity["start"]].strip()):
            # 董 + 小英, liang + meiling: one name cut in two.
            joined[-1] = _with_span(previous, previous["start"], entity["end"], text)
            continue
        joined.append(dict(entity))
    completed = []
    for entity in joined:
        if entity["entity"] == "customer":
            entity = _without_how_old(entity, text)
            if entity is None:
                continue
            others = [e for e in joined if e is not entity]
            entity = _extend_over_given_name(_extend_over_surname(entity, text, others), text, others)
            entity = _compound_surname_given_name(entity, text, others)
            entity = _without_verb(_without_household(_without_possessive_s(_without_hello(entity, text), text), text), text)
            entity = unglued(_with_courtesy_title(_without_figures(entity, text), text), text,
                             is_surname=_sounds_like_surname)  # 为臧先生, 一下张姐, liao
            name = text[entity["start"]:entity["end"]] if entity is not None else ""
            if entity is None or (HANZI.match(name) and len(name) == 1) or _ROLE_ONLY.match(name.strip()) or name in HONORIFIC_WORDS:
                continue  # a lone hanzi, a role, a form of address alone (女士): nobody in particular
        completed.append(entity)
    return completed


def _person_not_product(entity: dict[str, Any], text: str) -> dict[str, Any]:
    # DIET calls an unseen 柳女士 (a recogniser's 刘女士) a product: a surname with a form of address is a
    # person. Only the model's guesses (the catalogue's own matches carry no confidence), and not 小X / 老X,
    # which are goods as often as people (小米).
    from assistant.language.phonetic import parse_person

    if entity["entity"] != "product" or "confidence_entity" not in entity:
        return entity
    person = parse_person(text[entity["start"]:entity["end"]].replace(" ", ""))
    if person is None or person.full is not None or person.honorific in {"young", "old"}:
        return entity
    return dict(entity, entity="customer")


# A count's measure right before a span: what follows "two bags of", "a bottle of the", "两袋" is goods.
_MEASURE_BEFORE = re.compile(r"(?:\b(?:bag|bottle|jug|box|pack|packet|carton|case|jar|jin|kilo|kg|tub|bucket|sack|"
                             r"can|tin|piece|plate|bowl|portion|serving)(?:s|es)?\s+of\s+(?:the\s+)?|[0-9两一二三四五六七八九十几][袋瓶桶包盒箱斤罐]\s*)$",
                             re.IGNORECASE)


# A buyer named, then a verb of buying right before the span: "auntie wang bought chow mein" bought goods.
_BOUGHT_BEFORE = re.compile(r"^(?:mrs|mr|ms|miss|madam|uncle|auntie|aunty|aunt|sister|brother|grandma|grandpa|granny|"
                            r"master|old|little|young)\s+[a-z]+(?:'s)?\s+(?:bought|buys|took|got|ordered|wants|wanted)"
                            r"\s+(?:some\s+|the\s+|a\s+|an\s+)?$", re.IGNORECASE)


def _goods_not_person(entity: dict[str, Any], text: str) -> dict[str, Any]:
    # DIET calls unseen goods a person ("durian" of "old wang bought two bags of durian", "chow mein"): what is
    # counted by a measure, or what a named buyer bought, is goods, whoever it sounds like. Only the model's
    # guesses (a catalogue match is what it is).
    if entity["entity"] != "customer" or "confidence_entity" not in entity:
        return entity
    before = text[:entity["start"]]
    if not _MEASURE_BEFORE.search(before) and not _BOUGHT_BEFORE.match(before):
        return entity
    return dict(entity, entity="product")


def is_pinyin(word: str) -> bool:
    """Whether ``word`` reads as one to three toneless pinyin syllables (zhou, meiling, hai)."""
    return _PINYIN_WORD.fullmatch(word.lower()) is not None


def _extend_over_surname(entity: dict[str, Any], text: str, others: list[dict[str, Any]]) -> dict[str, Any]:
    value = text[entity["start"]:entity["end"]]
    if value.lower() in EN_HONORIFICS:
        # DIET knows "mrs" but not an unseen surname after it (mrs patel, mrs o'brien).
        match = _NEXT_WORD.match(text[entity["end"]:])
        if match and not _taken(entity["end"] + 1, others) and not _is_common_english(match.group(1)):
            word = match.group(1)
            possessive = 2 if word[-2:] in ("'s", "’s") else 0  # mrs o'brien's order
            return _with_span(entity, entity["start"], entity["end"] + match.end(1) - possessive, text)
        return entity
    before = text[:entity["start"]]
    taken = [(e["start"], e["end"]) for e in others]
    if re.fullmatch(r"小[\u4e00-\u9fff]", value):
        # "小英" of "董小英": a given name that starts like a form of address, after a surname, is a full name
        start = len(before.rstrip()) - 1
        if start >= 0 and before.rstrip()[start] in ZH_SURNAMES and not any(s <= start < e for s, e in taken):
            return _with_span(entity, start, entity["end"], text)
        return entity
    if HONORIFIC_START.match(value):
        return entity
    if HANZI.match(value) and value in HONORIFIC_WORDS:
        # "留 女士" / "里叔": a recogniser writes a surname as any character of its sound; DIET keeps only
        # the form of address. The character before it joins when it sounds like a surname.
        stripped = before.rstrip()
        start = len(stripped) - 1
        if start >= 0 and _sounds_like_surname(stripped[start]) and not any(s <= start < e for s, e in taken):
            return _with_span(entity, start, entity["end"], text)
        return entity
    if HANZI.match(value) and len(value) <= 2:
        stripped = before.rstrip()
        for size in (2, 1):
            start = len(stripped) - size
            candidate = stripped[start:] if start >= 0 else ""
            # A character before it that is a surname, and not itself the end of a longer word span.
            if candidate in ZH_SURNAMES and not any(s <= start < e for s, e in taken):
                return _with_span(entity, start, entity["end"], text)
    elif re.fullmatch(r"[a-z]+", value, re.IGNORECASE):
        match = re.search(r"([a-z]+) $", before, re.IGNORECASE)
        surname = match.group(1).lower() if match else ""
        if surname in EN_HONORIFICS and value.lower() in PINYIN_SURNAMES and not any(
                s <= match.start(1) < e for s, e in taken):
            # "xu" of "let boss xu owe me": the form of address before a lone surname is part of the name.
            return _with_span(entity, match.start(1), entity["end"], text)
        # "he" only before a given name that reads as pinyin ("he wei"), never before "mary".
        if surname in PINYIN_SURNAMES and (surname != "he" or is_pinyin(value.rstrip("s"))) and not any(
                s <= match.start(1) < e for s, e in taken):
            return _with_span(entity, match.start(1), entity["end"], text)
    return entity


# Characters that stand before a form of address without being a surname, though some sound like one
# (那位女士: 位 sounds like 魏; 找阿姨: 找 like 赵; 和/是/向 like 何/史/向).
_NOT_SURNAMES_BEFORE_ADDRESS = frozenset("位个那这哪某的给跟和与同问找叫让请帮是对向替被把说有名")


def _sounds_like_surname(char: str) -> bool:
    """Whether a Chinese character has the sound of a common surname (留 → 刘, 里 → 李)."""
    from assistant.language.phonetic import char_sound  # pypinyin's dictionaries load on first use

    if not HANZI.match(char) or char in _NOT_SURNAMES_BEFORE_ADDRESS:
        return False
    return char in ZH_SURNAMES or char_sound(char) in _surname_sounds()


@cache
def _surname_sounds() -> frozenset[str]:
    """The fuzzy sounds of the common one-character surnames."""
    from assistant.language.phonetic import char_sound

    return frozenset(char_sound(surname) for surname in ZH_SURNAMES if len(surname) == 1)


def _extend_over_given_name(entity: dict[str, Any], text: str, others: list[dict[str, Any]]) -> dict[str, Any]:
    # "deng" of "deng hais birthday", "shi" of "shi yong's tab": the given name after a lone surname,
    # taken when it carries a possessive, so "zhang took two bags" stays "zhang".
    value = text[entity["start"]:entity["end"]].lower()
    match = _NEXT_WORD.match(text[entity["end"]:])
    if value not in PINYIN_SURNAMES or match is None or _taken(entity["end"] + 1, others):
        return entity
    word = match.group(1).lower()
    if _both_capitalised(text[entity["start"]:entity["end"]], match.group(1)) and "'" not in word and "’" not in word:
        stem = word  # "New customer Lin Na": typed with capitals, the two words are one name
    elif word[-2:] in ("'s", "’s"):
        stem = word[:-2]
    elif word.endswith("s") and word not in _ENGLISH_S_WORDS and _ONE_SYLLABLE.fullmatch(word[:-1]):
        stem = word[:-1]
    else:
        return entity
    if not is_pinyin(stem) or _is_common_english(stem):
        return entity
    return _with_span(entity, entity["start"], entity["end"] + 1 + len(stem), text)


def _both_capitalised(surname: str, given: str) -> bool:
    return surname[:1].isupper() and given[:1].isupper() and given[1:].islower()


def _without_possessive_s(entity: dict[str, Any], text: str) -> dict[str, Any]:
    # "master zhous", "team leader chens", "chen meilings": a romanised Chinese name with an s stuck on;
    # "auntie wang's" with its apostrophe: the possessive is never part of any name.
    span = text[entity["start"]:entity["end"]]
    if len(span) > 2 and span[-2:].lower() in ("'s", "’s"):
        return _with_span(entity, entity["start"], entity["end"] - 2, text)
    words = span.lower().split()
    if not words or not words[-1].endswith("s") or len(words[-1]) < 3:
        return entity
    name = [w for w in words if w not in EN_HONORIFICS and w not in _ROLE_WORDS]
    if not name or name[-1] != words[-1]:
        return entity
    stems = name[:-1] + [name[-1][:-1]]
    if stems[0] not in PINYIN_SURNAMES or not all(is_pinyin(w) for w in stems):
        return entity
    return _with_span(entity, entity["start"], entity["end"] - 1, text)


# What follows "X家" when 家 is her household: 孩子, 小孩, 里, 人, 的, 老人... and a question about it ("小赵家有几口人",
# "小赵家住哪", "小赵家几口人": owner trial 10 found 小赵家 looked up as a name).
_AFTER_HOUSEHOLD = re.compile(r"^\s*(?:孩子|小孩|儿子|女儿|闺女|孙子|孙女|老人|老伴|媳妇|里|人|的|有几|有多少|几口|多少人|"
                              r"住|在哪|一共|总共)")


# A member of her household glued onto a form of address: "张姐小孩" of "张 姐 小孩 有 没有 过敏".
_MEMBER_END = re.compile(r"家?(?:孩子|小孩|儿子|女儿|闺女|孙子|孙女|老人|老伴|老公|媳妇|爱人|宝宝)$")


def _without_household(entity: dict[str, Any], text: str) -> dict[str, Any]:
    name = text[entity["start"]:entity["end"]]
    if HANZI.match(name) and name.endswith(("家里", "家中")) and _is_address(name[:-2]):
        return _with_span(entity, entity["start"], entity["end"] - 2, text)  # "小赵家里有老人": her household
    if len(name) >= 3 and HANZI.match(name) and (
            name.endswith("说") or (name.endswith("家") and _AFTER_HOUSEHOLD.match(text[entity["end"]:]))):
        return _with_span(entity, entity["start"], entity["end"] - 1, text)
    member = _MEMBER_END.search(name) if HANZI.match(name) else None
    rest = name[:member.start()] if member else ""
    if member and (_ADDRESS_END.search(rest) or (len(rest) == 2 and rest[0] in "小老阿")):
        return _with_span(entity, entity["start"], entity["start"] + len(rest), text)
    return entity


# Forms of address a name ends with (汪阿姨, 李叔, 许老板) and verbs jieba glues onto them (转了, 同意, 还了).
_ADDRESS_END = re.compile(r"(?:阿姨|叔叔|叔|婶|伯|姐|哥|嫂|姨|奶奶|爷爷|大爷|大妈|婆婆|阿婆|师傅|师父|老板|老师|女士|先生|小姐|"
                          r"团长|群主|医生)$")
_STUCK_VERBS = frozenset("转同还给说买拿付欠要刚又也都来把吃不没")  # 小何不想…, 小王没来


# A call's or a sigh's opening glued onto the name: "喂周师父" of "喂 周 师父 刚才 拿 走 了…".
_HELLO = frozenset("喂哎诶嗨唉")


# "how old is deng hai": "old" of "how old" asks an age; it is not the 老 of "old wu".
_HOW_BEFORE = re.compile(r"\bhow\s+$", re.IGNORECASE)
_OLD_WORD = re.compile(r"^old\b\s*", re.IGNORECASE)


def _without_how_old(entity: dict[str, Any], text: str) -> dict[str, Any] | None:
    name = text[entity["start"]:entity["end"]]
    old = _OLD_WORD.match(name)
    if old is None or not _HOW_BEFORE.search(text[:entity["start"]]):
        return entity
    if old.end() == len(name):
        return None  # "old" alone: no name at all
    return _with_span(entity, entity["start"] + old.end(), entity["end"], text)


def _without_hello(entity: dict[str, Any], text: str) -> dict[str, Any]:
    name = text[entity["start"]:entity["end"]]
    if len(name) >= 3 and HANZI.match(name) and name[0] in _HELLO and _ADDRESS_END.search(name[1:]):
        return _with_span(entity, entity["start"] + 1, entity["end"], text)
    return entity


def _without_figures(entity: dict[str, Any], text: str) -> dict[str, Any]:
    # "张姐3月20号" of "张姐3月20号还了五十": a name holds no figures; the day after it is not part of it.
    name = text[entity["start"]:entity["end"]]
    digit = re.search(r"\d", name)
    if digit is None or not name[:digit.start()].strip():
        return entity
    return _with_span(entity, entity["start"], entity["start"] + len(name[:digit.start()].rstrip()), text)


def _without_verb(entity: dict[str, Any], text: str) -> dict[str, Any]:
    name = text[entity["start"]:entity["end"]]
    if len(name) < 3 or not HANZI.match(name) or name[-1] not in _STUCK_VERBS:
        return entity
    rest = name[:-1]
    # 汪阿姨 + 转, or a two-character 小赵 / 老郑 / 阿芳 + 还: the rest is a whole form of address; 欧阳春 + 买: a
    # compound surname with its given name.
    if _is_address(rest) or (rest[:2] in COMPOUND_SURNAMES and 3 <= len(rest) <= 4):
        return _with_span(entity, entity["start"], entity["end"] - 1, text)
    return entity


def _is_address(name: str) -> bool:
    """Whether ``name`` is a whole form of address: 汪阿姨, 李叔, or a two-character 小赵 / 老郑 / 阿芳."""
    return bool(_ADDRESS_END.search(name)) or (len(name) == 2 and name[0] in "小老阿")


# What follows a name the owner says (买, 欠, 电话, 的, ...): after 欧阳 + one character, that character is the given name.
_AFTER_A_GIVEN_NAME = re.compile(r"^(?:电话|手机|生日|的|有|是|[买拿欠还付赊要说来想刚又也都给转把])")


def _compound_surname_given_name(entity: dict[str, Any], text: str, others: list[dict[str, Any]]) -> dict[str, Any]:
    # "欧阳" of "欧阳春买了2袋米" (jieba: 欧阳 / 春买): the given name is the character after it, when a word that
    # follows a name comes next; "欧阳娜娜" DIET finds in two pieces, which are joined above.
    if text[entity["start"]:entity["end"]] not in COMPOUND_SURNAMES or _taken(entity["end"], others):
        return entity
    given = text[entity["end"]:entity["end"] + 1]
    if not HANZI.match(given) or given in _STUCK_VERBS or not _AFTER_A_GIVEN_NAME.match(text[entity["end"] + 1:]):
        return entity
    return _with_span(entity, entity["start"], entity["end"] + 1, text)


def _taken(position: int, others: list[dict[str, Any]]) -> bool:
    return any(e["start"] <= position < e["end"] for e in others)


# Words that follow a bare honorific without being a name ("the lady mrs bought", "uncle said").
_NOT_NAMES_AFTER_HONORIFIC = frozenset(
    "bought got took paid wants want wanted said says asked is has had was will would can could just "
    "from who came comes needs paid".split())


def _is_common_english(word: str) -> bool:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    word = word.lower()
    return word in ENGLISH_STOP_WORDS or word in _NOT_NAMES_AFTER_HONORIFIC


# A courtesy title right before the name ("sir zhou", "ma'am wang", "kuya li"): part of how she named him, and
# what says who is meant (``names.titles``); the model often tags the surname alone.
_COURTESY_BEFORE = re.compile(r"\b(?:sir|kuya|manong|ma['’]?am|mam|ate|manang)\s+$", re.IGNORECASE)


def _with_courtesy_title(entity: dict[str, Any], text: str) -> dict[str, Any]:
    """The span taken back over a courtesy title said right before it ("zhou" of "sir zhou")."""
    title = _COURTESY_BEFORE.search(text[:entity["start"]])
    return _with_span(entity, title.start(), entity["end"], text) if title else entity


def _with_span(entity: dict[str, Any], start: int, end: int, text: str) -> dict[str, Any]:
    return dict(entity, start=start, end=end, value=text[start:end])
