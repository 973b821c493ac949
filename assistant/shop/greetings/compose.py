"""Composing a greeting's text in the shop's voice: occasions, templates, names and the opt-out line.

Every composed text ends with an opt-out line (Advertising Law art. 43), and an owner's edit that drops
it gets it back (``with_opt_out``).
"""

from __future__ import annotations

import datetime as dt
import random

from pypinyin import lazy_pinyin
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Product, SaleItem, Shop
from assistant.errors import Invalid
from assistant.shop.sales_query import active_sale_items
from assistant.speech.tts import detect_language

OPT_OUT = {"zh": "回复T退订", "en": "Reply STOP to opt out."}


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
        "birthday": (
            "{name}，生日快乐！祝您身体健康，天天开心。",
            "{name}，今天是您的生日，{shop}祝您福寿安康、笑口常开！",
            "{name}，生日快乐！愿您新的一岁平安顺遂，胃口好，心情好。",
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
_USUAL = {
    "zh": ("您常买的{product}我们一直给您备着，随时来拿。", "下次来店里，{product}给您挑新鲜的。"),
    "en": ("We always keep your {product} in stock for you.",
           "Next time you drop by, we'll pick the freshest {product} for you."),
}
_OFFER = {
    "zh": ("店里为您准备了一份小心意：{offer}，来店里报名字就行。",
           "给您留了一份小礼物：{offer}，有空来拿。"),
    "en": ("As a small thank-you, we have {offer} waiting for you at the shop.",
           "We've set aside {offer} for you; just mention your name at the counter."),
}
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


def opt_out_line(language: str) -> str:
    """The opt-out line every marketing message ends with."""
    return OPT_OUT["en" if language == "en" else "zh"]


def with_opt_out(text: str, *, language: str) -> str:
    """``text`` ending with the opt-out line (added when the owner's edit dropped it)."""
    line = opt_out_line(language)
    text = text.rstrip()
    if text.endswith(line):
        return text
    return f"{text}{'' if text.endswith(('。', '！', '？')) else ' '}{line}"


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


def usual_product(session: Session, *, customer: Customer) -> Product | None:
    """The product a customer buys most often (most purchases, then most quantity), or None."""
    items = active_sale_items().where(SaleItem.customer_id == customer.id).subquery()
    row = session.execute(
        select(items.c.product_id)
        .group_by(items.c.product_id)
        .order_by(func.count(items.c.id).desc(), func.sum(items.c.quantity).desc(), items.c.product_id)
        .limit(1)
    ).first()
    return session.get(Product, row[0]) if row else None


def _product_name(product: Product, *, language: str) -> str:
    if language == "en":
        return next((a for a in product.aliases or [] if a and detect_language(a) == "en"), product.name)
    return product.name


def compose_greeting(
    session: Session,
    *,
    customer: Customer,
    occasion: str,
    language: str,
    offer: str | None = None,
    arrival: str | None = None,
    seed: int | str | None = None,
    today: dt.date | None = None,
) -> str:
    """A short warm greeting in the shop's voice, ending with the opt-out line.

    Uses what the shop knows: the name the owner calls her, the occasion, what she usually buys, and an
    optional small ``offer`` the owner confirmed, as a noun phrase (一小瓶香油 / a small bottle of sesame
    oil); ``arrival`` names the new goods for 新品到货. The
    template choice is random but fixed by ``seed`` (default: customer, occasion and ``today``'s year).
    """
    if language not in OPT_OUT:
        raise Invalid(f"language {language!r} is not zh or en", field="language")
    occasion_key = normalise_occasion(occasion)
    if seed is None:
        if today is None:
            raise ValueError("compose_greeting needs today (or a seed) to choose this year's wording")
        year = today.year
        seed = f"{customer.id}:{occasion_key}:{year}"
    rng = random.Random(seed)
    shop = session.get(Shop, customer.shop_id)
    fields = {
        "name": called_name(customer, language=language),
        "shop": shop.name if shop else "",
        "occasion": occasion_key,
        "arrival": (arrival or "").strip(_TRAILING_PUNCTUATION) or _ARRIVAL_DEFAULT[language],
    }
    openings = _OPENINGS[language].get(occasion_key, _OPENINGS[language]["other"])
    sentences = [rng.choice(openings).format(**fields)]
    product = usual_product(session, customer=customer)
    if product is not None and not (arrival and occasion_key == "new_arrival"):
        usual = _product_name(product, language=language)
        sentences.append(rng.choice(_USUAL[language]).format(product=usual))
    if offer and offer.strip(_TRAILING_PUNCTUATION):
        sentences.append(rng.choice(_OFFER[language]).format(offer=offer.strip(_TRAILING_PUNCTUATION)))
    if shop and shop.name not in sentences[0]:
        # The shop names itself once: in the wishes, or else as the signature.
        sentences.append(_SIGN_OFF[language].format(shop=shop.name))
    body = ("" if language == "zh" else " ").join(sentences)
    return with_opt_out(body, language=language)

