"""Composing a greeting's text in the shop's voice: occasions, templates, names and the opt-out line.

A greeting is a wish, not an advertisement: it names a product only when the owner adds something to say
(an offer, "顺便说新米到了"). A birthday greeting says when the birthday is by its date (3月17日 / 农历二月初七),
never 明天 / 后天, which are wrong on the day it is shared: one made two days early never says "今天是您的生日".

Every composed text ends with an opt-out line (Advertising Law art. 43) that fits how it is sent: by
WeChat, "不想收到这类消息跟我说一声就行"; only an SMS gets "回复T退订". An owner's edit that drops the line
gets it back (``with_opt_out``).
"""

from __future__ import annotations

import datetime as dt
import random

from pypinyin import lazy_pinyin
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Shop
from assistant.errors import Invalid
from assistant.shop.channels import DEFAULT_MESSAGE_ROUTE, MESSAGE_ROUTES
from assistant.shop.greetings.when import BirthdayDay, birthday_day
from assistant.speech.tts import detect_language

# The opt-out line by how the message reaches her, then by language.
OPT_OUT = {
    "wechat": {"zh": "不想收到这类消息跟我说一声就行。",
               "en": "If you'd rather not get messages like this, just let us know."},
    "sms": {"zh": "回复T退订", "en": "Reply STOP to opt out."},
}


# Occasions the templates know, by key, with the words the owner may use for them.
OCCASIONS: dict[str, tuple[str, ...]] = {
    "birthday": ("生日", "生日祝福", "过生日", "birthday"),
    "spring_festival": ("春节", "过年", "新春", "chinese new year", "spring festival", "lunar new year"),
    "mid_autumn": ("中秋", "中秋节", "mid-autumn", "mid autumn", "mid-autumn festival"),
    "new_arrival": ("新品到货", "新品", "到货", "新货", "new arrival", "new arrivals", "new stock"),
    "new_year": ("元旦", "新年", "new year", "new year's day"),
    "dragon_boat": ("端午", "端午节", "dragon boat", "dragon boat festival"),
}
OCCASION_LABELS = {
    "birthday": ("生日", "birthday"),
    "spring_festival": ("春节", "Spring Festival"),
    "mid_autumn": ("中秋", "Mid-Autumn Festival"),
    "new_arrival": ("新品到货", "new arrivals"),
    "new_year": ("元旦", "New Year"),
    "dragon_boat": ("端午", "Dragon Boat Festival"),
}

_OPENINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "zh": {
        "birthday": (  # the day is not known: no word of when
            "{name}，生日快乐！祝您身体健康，天天开心。",
            "{name}，生日快乐！愿您新的一岁平安顺遂，胃口好，心情好。",
        ),
        "birthday_today": (
            "{name}，生日快乐！祝您身体健康，天天开心。",
            "{name}，今天是您的生日，{shop}祝您福寿安康、笑口常开！",
            "{name}，生日快乐！愿您新的一岁平安顺遂，胃口好，心情好。",
        ),
        "birthday_ahead": (
            "{name}，{when}就是您的生日了，{shop}提前祝您生日快乐，身体健康，天天开心！",
            "{name}，{when}是您的生日，先给您道一声生日快乐！愿您新的一岁平安顺遂。",
        ),
        "birthday_belated": (
            "{name}，{when}是您的生日，{shop}补祝您生日快乐，身体健康，天天开心！",
        ),
        "spring_festival": (
            "{name}，新春快乐！祝您阖家团圆，万事如意。",
            "{name}，过年好！{shop}给您拜年啦，祝您新的一年身体棒、福气满满。",
        ),
        "mid_autumn": (
            "{name}，中秋快乐！月圆人团圆，祝您家里和和美美。",
            "{name}，中秋节到了，{shop}祝您阖家幸福，花好月圆。",
        ),
        "new_arrival": (
            "{name}，店里新到了{arrival}，第一个就想到您，有空来看看。",
            "{name}，跟您说一声，{arrival}到货了，新鲜着呢。",
        ),
        "new_year": (
            "{name}，元旦快乐！祝您新年平安健康，顺顺利利。",
            "{name}，新年好！{shop}谢谢您一年的照顾，祝您新年万事顺心。",
        ),
        "dragon_boat": (
            "{name}，端午安康！祝您和家人身体健康。",
            "{name}，端午节到了，{shop}祝您端午安康，粽香满屋。",
        ),
        "other": (
            "{name}，{occasion}快乐！祝您和家人平安健康。",
            "{name}，{occasion}到了，{shop}祝您万事顺心。",
        ),
    },
    "en": {
        "birthday": (
            "Happy birthday, {name}! Wishing you good health and a wonderful year.",
            "{name}, happy birthday from all of us at {shop}!",
            "Happy birthday, {name}! May the year ahead bring you good appetite and good cheer.",
        ),
        "birthday_today": (
            "Happy birthday, {name}! Wishing you good health and a wonderful year.",
            "{name}, happy birthday from all of us at {shop}!",
            "Happy birthday, {name}! May the year ahead bring you good appetite and good cheer.",
        ),
        "birthday_ahead": (
            "{name}, your birthday is {when}: an early happy birthday from all of us at {shop}!",
            "{name}, happy birthday in advance (it's {when})! May the year ahead bring you good health.",
        ),
        "birthday_belated": (
            "{name}, your birthday was {when}: a belated happy birthday from all of us at {shop}!",
        ),
        "spring_festival": (
            "Happy Spring Festival, {name}! Wishing your family a year of health and luck.",
            "{name}, Happy New Year from {shop}! May the Year bring you joy and good fortune.",
        ),
        "mid_autumn": (
            "Happy Mid-Autumn Festival, {name}! May your family be together under the full moon.",
            "{name}, {shop} wishes you and your family a happy Mid-Autumn Festival.",
        ),
        "new_arrival": (
            "{name}, {arrival} just arrived at the shop and we thought of you first.",
            "Good news, {name}: {arrival} is in, fresh this week.",
        ),
        "new_year": (
            "Happy New Year, {name}! Wishing you health and an easy year.",
            "{name}, thank you for a year of visits. Happy New Year from {shop}!",
        ),
        "dragon_boat": (
            "Happy Dragon Boat Festival, {name}! Wishing you and your family good health.",
            "{name}, {shop} wishes you a peaceful Dragon Boat Festival.",
        ),
        "other": (
            "Happy {occasion}, {name}! Wishing you and your family good health.",
            "{name}, {shop} wishes you a happy {occasion}.",
        ),
    },
}
_OFFER = {
    "zh": ("店里为您准备了一份小心意：{offer}，来店里报名字就行。",
           "给您留了一份小礼物：{offer}，有空来拿。"),
    "en": ("As a small thank-you, we have {offer} waiting for you at the shop.",
           "We've set aside {offer} for you; just mention your name at the counter."),
}
_NOTE = {"zh": "顺便跟您说一声：{note}。", "en": "By the way, {note}."}
_SIGN_OFF = {"zh": "——{shop}", "en": "— {shop}"}
_ARRIVAL_DEFAULT = {"zh": "一批好货", "en": "some new stock"}
_TRAILING_PUNCTUATION = "。.!！,，;；、 "


def normalise_occasion(occasion: str) -> str:
    """The template key of an occasion the owner named (生日 → birthday); other occasions kept as said."""
    cleaned = " ".join((occasion or "").split()).strip(_TRAILING_PUNCTUATION)
    if not cleaned:
        raise Invalid("which occasion is the greeting for (生日, 春节, 中秋...)?", field="occasion")
    key = cleaned.lower()
    if key in OCCASIONS:
        return key
    for name, words in OCCASIONS.items():
        if key in words:
            return name
    return cleaned


def occasion_label(occasion: str, *, language: str) -> str:
    """How to say a stored occasion to the owner (birthday → 生日 / birthday)."""
    labels = OCCASION_LABELS.get(occasion)
    if labels is None:
        return occasion
    return labels[0] if language == "zh" else labels[1]


def opt_out_line(language: str, *, via: str = DEFAULT_MESSAGE_ROUTE) -> str:
    """The opt-out line a message sent ``via`` WeChat or SMS ends with."""
    if via not in MESSAGE_ROUTES:
        raise Invalid(f"messages go by {' or '.join(sorted(MESSAGE_ROUTES))}, not {via!r}", field="via")
    return OPT_OUT[via]["en" if language == "en" else "zh"]


def with_opt_out(text: str, *, language: str, via: str = DEFAULT_MESSAGE_ROUTE) -> str:
    """``text`` ending with the opt-out line for ``via`` (added when the owner's edit dropped it, and put in
    place of another route's line)."""
    line = opt_out_line(language, via=via)
    text = text.rstrip()
    if text.endswith(line):
        return text
    for lines in OPT_OUT.values():
        other = lines["en" if language == "en" else "zh"]
        if text.endswith(other):
            text = text[: -len(other)].rstrip()
            break
    # Chinese runs on after a sentence's end; anything else (English, a signature) gets a space first.
    ended = language != "en" and text.endswith(("。", "！", "？", "!", "?"))
    return f"{text}{'' if ended else ' '}{line}"


def called_name(customer: Customer, *, language: str) -> str:
    """The name the owner calls a customer by: a Chinese alias (王阿姨) for zh, a Latin one for en."""
    aliases = [a.strip() for a in customer.aliases or [] if a and a.strip()]
    if language == "zh":
        return next((a for a in aliases if detect_language(a) == "zh"), customer.name)
    latin = next((a for a in aliases if detect_language(a) == "en"), None)
    if latin:
        return latin
    if detect_language(customer.name) == "en":
        return customer.name
    # Surname first, as Chinese names are said; pinyin so an English message has no Chinese in the name.
    syllables = lazy_pinyin(customer.name)
    return " ".join(filter(None, [syllables[0].capitalize(), "".join(syllables[1:]).capitalize()]))


def compose_greeting(
    session: Session,
    *,
    customer: Customer,
    occasion: str,
    language: str,
    offer: str | None = None,
    note: str | None = None,
    arrival: str | None = None,
    seed: int | str | None = None,
    today: dt.date | None = None,
    via: str = DEFAULT_MESSAGE_ROUTE,
) -> str:
    """A short warm greeting in the shop's voice, ending with the opt-out line for ``via``.

    Uses the name the owner calls her and the occasion; a birthday says when it is, counted from
    ``today``. Goods are named only when the owner adds them: ``note``, what she asked to add (香醋打八折,
    新米到了), ``offer``, a small gift she confirmed, as a noun phrase (一小瓶香油 / a small bottle of
    sesame oil), and ``arrival``, the new goods of a 新品到货 greeting. The template choice is random but
    fixed by ``seed`` (default: customer, occasion and ``today``'s year).
    """
    if language not in ("zh", "en"):
        raise Invalid(f"language {language!r} is not zh or en", field="language")
    occasion_key = normalise_occasion(occasion)
    if seed is None:
        if today is None:
            raise ValueError("compose_greeting needs today (or a seed) to choose this year's wording")
        seed = f"{customer.id}:{occasion_key}:{today.year}"
    rng = random.Random(seed)
    shop = session.get(Shop, customer.shop_id)
    fields = {
        "name": called_name(customer, language=language),
        "shop": shop.name if shop else "",
        "occasion": occasion_key,
        "arrival": (arrival or "").strip(_TRAILING_PUNCTUATION) or _ARRIVAL_DEFAULT[language],
    }
    template = occasion_key
    day = birthday_day(customer, today) if occasion_key == "birthday" and today is not None else None
    if day is not None:
        # the date, not "后天": the text is sent, and read, on another day than it is made (owner trial 17, A3)
        template, fields["when"] = _birthday_template(day), day.date_words(language)
    openings = _OPENINGS[language].get(template, _OPENINGS[language]["other"])
    sentences = [rng.choice(openings).format(**fields)]
    if note and note.strip(_TRAILING_PUNCTUATION):
        sentences.append(_NOTE[language].format(note=note.strip(_TRAILING_PUNCTUATION)))
    if offer and offer.strip(_TRAILING_PUNCTUATION):
        sentences.append(rng.choice(_OFFER[language]).format(offer=offer.strip(_TRAILING_PUNCTUATION)))
    if shop and shop.name not in sentences[0]:
        # The shop names itself once: in the wishes, or else as the signature.
        sentences.append(_SIGN_OFF[language].format(shop=shop.name))
    body = ("" if language == "zh" else " ").join(sentences)
    return with_opt_out(body, language=language, via=via)


def occasion_when(customer: Customer, *, occasion: str, today: dt.date, language: str) -> str | None:
    """When the occasion is, for the owner's read-back (后天(3月17日) / on March 18), if the shop knows."""
    if normalise_occasion(occasion) != "birthday":
        return None
    day = birthday_day(customer, today)
    if day is None:
        return None
    # a birthday months away may not be what she meant: say how far, so she can tell before it is made
    far = day.days_ahead > _FAR_AHEAD
    ahead = (f" (in {day.days_ahead} days)" if language == "en" else f"(还有{day.days_ahead}天)") if far else ""
    # past, with no 昨天/前天 to say so: how long ago, so a belated greeting is not taken for next year's
    ago = -day.days_ahead if day.days_ahead < -2 else 0
    past = (f" ({ago} days ago)" if language == "en" else f"({ago}天前)") if ago else ""
    return day.owner_note(language) + ahead + past


_FAR_AHEAD = 14  # days: a birthday further off than two weeks is said with its distance


def birthday_passed(customer: Customer, *, occasion: str, today: dt.date) -> bool:
    """Whether the greeting is for a birthday just passed (a belated one, 补祝), not one ahead."""
    day = birthday_day(customer, today) if normalise_occasion(occasion) == "birthday" else None
    return day is not None and day.days_ahead < 0


def _birthday_template(day: BirthdayDay) -> str:
    if day.days_ahead == 0:
        return "birthday_today"
    return "birthday_ahead" if day.days_ahead > 0 else "birthday_belated"
