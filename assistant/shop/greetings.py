"""Greetings for customers: composed in the shop's voice or recorded by the owner, queued until sent.

A greeting is marketing, so it needs the customer's marketing consent: without it the service refuses
(``ConsentRequired`` naming the customer) unless the owner insists, which is stored on the greeting and
written to the audit log. Every composed text ends with an opt-out line (Advertising Law art. 43).
Audio files live under ``<data_dir>/greetings/<shop_id>/``; the row keeps the path relative to the data
folder so the folder can move.
"""

from __future__ import annotations

import random
import re
import uuid
from pathlib import Path

from pypinyin import lazy_pinyin
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.config import get_settings
from assistant.db.models import GREETING_STATUSES, Customer, Greeting, Product, SaleItem, Shop
from assistant.errors import ConsentRequired, Invalid, NotFound
from assistant.shop import audit
from assistant.shop.channels import CHANNELS
from assistant.shop.sales_query import active_sale_items
from assistant.speech.greeting_audio import prepare_greeting_audio
from assistant.speech.tts import Synthesizer, detect_language

SOURCES = ("recorded", "composed")
OPT_OUT = {"zh": "回复T退订", "en": "Reply STOP to opt out."}
AUDIO_FOLDER = "greetings"

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
) -> str:
    """A short warm greeting in the shop's voice, ending with the opt-out line.

    Uses what the shop knows: the name the owner calls her, the occasion, what she usually buys, and an
    optional small ``offer`` the owner confirmed, as a noun phrase (一小瓶香油 / a small bottle of sesame
    oil); ``arrival`` names the new goods for 新品到货. The
    template choice is random but fixed by ``seed`` (default: customer, occasion and year).
    """
    if language not in OPT_OUT:
        raise Invalid(f"language {language!r} is not zh or en", field="language")
    occasion_key = normalise_occasion(occasion)
    rng = random.Random(seed if seed is not None else f"{customer.id}:{occasion_key}:{clock.today().year}")
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


def require_consent(customer: Customer, *, insist: bool, doing: str = "make a greeting for them") -> bool:
    """Whether this needs the owner's override; refuses with ``ConsentRequired`` unless she insists."""
    if customer.marketing_consent:
        return False
    if not insist:
        raise ConsentRequired(
            f"{customer.name} has not agreed to receive messages from the shop; ask them first, "
            f"or insist to {doing} anyway (that choice is logged)."
        )
    return True


def _log_override(session: Session, *, greeting: Greeting, channel: str) -> None:
    audit.record(session, shop_id=greeting.shop_id, channel=channel, action="consent_override",
                 entity="customer", entity_id=greeting.customer_id,
                 detail={"purpose": "marketing", "reason": "owner insisted", "greeting_id": greeting.id,
                         "occasion": greeting.occasion})


def _new_audio_path(shop_id: int, suffix: str) -> tuple[Path, str]:
    """An absolute path for a new audio file and the form stored in the row (relative to data_dir)."""
    relative = f"{AUDIO_FOLDER}/{shop_id}/{uuid.uuid4().hex}{suffix}"
    return get_settings().data_dir / relative, relative


def create_greeting(
    session: Session,
    *,
    customer: Customer,
    occasion: str,
    text: str,
    source: str,
    channel: str,
    audio: bytes | None = None,
    audio_suffix: str = ".mp3",
    insist: bool = False,
) -> Greeting:
    """Store a waiting greeting (text and optional audio) after the consent check; audited."""
    if source not in SOURCES:
        raise Invalid(f"unknown greeting source {source!r}; use recorded or composed", field="source")
    if channel not in CHANNELS:
        raise Invalid(f"unknown channel {channel!r}", field="channel")
    if not re.fullmatch(r"\.[a-z0-9]{2,4}", audio_suffix):
        raise Invalid(f"audio suffix {audio_suffix!r} is not a file extension like .mp3", field="audio")
    overridden = require_consent(customer, insist=insist)
    occasion_key = normalise_occasion(occasion)
    if source == "composed":
        if not text.strip():
            raise Invalid("a composed greeting needs its text", field="text")
        text = with_opt_out(text, language=detect_language(text))
    relative = None
    if audio is not None:
        if not audio:
            raise Invalid("the greeting's audio is empty; synthesize or record it again", field="audio")
        path, relative = _new_audio_path(customer.shop_id, audio_suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.partial")
        temporary.write_bytes(audio)
        temporary.replace(path)
    return _add_greeting(session, customer=customer, occasion=occasion_key, text=text.strip(), source=source,
                         audio_path=relative, overridden=overridden, channel=channel)


def _add_greeting(session: Session, *, customer: Customer, occasion: str, text: str, source: str,
                  audio_path: str | None, overridden: bool, channel: str) -> Greeting:
    greeting = Greeting(shop_id=customer.shop_id, customer_id=customer.id, occasion=occasion, text=text,
                        audio_path=audio_path, source=source, status="waiting", consent_overridden=overridden,
                        created_at=clock.now())
    session.add(greeting)
    session.flush()
    audit.record(session, shop_id=customer.shop_id, channel=channel, action="add_greeting", entity="greeting",
                 entity_id=greeting.id, detail={"customer_id": customer.id, "occasion": occasion,
                                                "source": source, "consent_overridden": overridden})
    if overridden:
        _log_override(session, greeting=greeting, channel=channel)
    return greeting


def save_recorded_greeting(
    session: Session,
    *,
    customer: Customer,
    occasion: str,
    audio: bytes | Path,
    transcript: str = "",
    channel: str = "counter",
    insist: bool = False,
    pcm_sample_rate: int | None = None,
) -> Greeting:
    """The owner's recording, trimmed, levelled and stored as M4A, queued as a waiting greeting.

    ``audio`` is an audio file or its bytes (voice memo, browser recording), or raw 16-bit mono PCM at
    ``pcm_sample_rate`` (counter microphone, phone voice socket). Consent is checked before any work.
    """
    if channel not in CHANNELS:
        raise Invalid(f"unknown channel {channel!r}", field="channel")
    overridden = require_consent(customer, insist=insist)
    occasion_key = normalise_occasion(occasion)
    path, relative = _new_audio_path(customer.shop_id, ".m4a")
    prepare_greeting_audio(audio, destination=path, pcm_sample_rate=pcm_sample_rate)
    try:
        return _add_greeting(session, customer=customer, occasion=occasion_key,
                             text=(transcript or "").strip(), source="recorded", audio_path=relative,
                             overridden=overridden, channel=channel)
    except Exception:
        path.unlink(missing_ok=True)
        raise


async def make_composed_greeting(
    session: Session,
    *,
    customer: Customer,
    occasion: str,
    text: str,
    synthesizer: Synthesizer,
    channel: str,
    language: str | None = None,
    voice: str | None = None,
    insist: bool = False,
) -> Greeting:
    """Speak an approved composed text with the shop's voice and queue it (consent checked first)."""
    require_consent(customer, insist=insist)
    language = language or detect_language(text)
    text = with_opt_out(text, language=language)
    spoken = await synthesizer.synthesize(text, language=language, voice=voice)
    return create_greeting(session, customer=customer, occasion=occasion, text=text, source="composed",
                           channel=channel, audio=spoken.data, audio_suffix=f".{spoken.format}",
                           insist=insist)


def get_greeting(session: Session, *, shop_id: int, greeting_id: int) -> Greeting:
    """The greeting with this id in this shop, or ``NotFound``."""
    greeting = session.get(Greeting, greeting_id)
    if greeting is None or greeting.shop_id != shop_id:
        raise NotFound(f"no greeting with id {greeting_id}")
    return greeting


def list_greetings(session: Session, *, shop_id: int, status: str | None = None) -> list[Greeting]:
    """The shop's greetings, oldest first; only those with ``status`` (waiting, sent, cancelled) if given."""
    query = select(Greeting).where(Greeting.shop_id == shop_id)
    if status is not None:
        if status not in GREETING_STATUSES:
            raise Invalid(f"unknown greeting status {status!r}; use one of {', '.join(GREETING_STATUSES)}",
                          field="status")
        query = query.where(Greeting.status == status)
    return list(session.execute(query.order_by(Greeting.created_at, Greeting.id)).scalars())


def mark_sent(
    session: Session, *, shop_id: int, greeting_id: int, channel: str, insist: bool = False
) -> Greeting:
    """Record that the owner sent a waiting greeting; consent is checked again (it may be withdrawn)."""
    greeting = get_greeting(session, shop_id=shop_id, greeting_id=greeting_id)
    if greeting.status != "waiting":
        raise Invalid(f"greeting {greeting_id} is already {greeting.status}", field="status")
    if not greeting.consent_overridden and require_consent(greeting.customer, insist=insist,
                                                           doing="mark this greeting sent"):
        greeting.consent_overridden = True
        _log_override(session, greeting=greeting, channel=channel)
    greeting.status = "sent"
    greeting.sent_at = clock.now()
    audit.record(session, shop_id=shop_id, channel=channel, action="greeting_sent", entity="greeting",
                 entity_id=greeting.id, detail={"customer_id": greeting.customer_id})
    session.flush()
    return greeting


def cancel(session: Session, *, shop_id: int, greeting_id: int, channel: str) -> Greeting:
    """Cancel a waiting greeting (a sent one cannot be taken back); its audio is kept for the record."""
    greeting = get_greeting(session, shop_id=shop_id, greeting_id=greeting_id)
    if greeting.status != "waiting":
        raise Invalid(f"greeting {greeting_id} is already {greeting.status}", field="status")
    greeting.status = "cancelled"
    audit.record(session, shop_id=shop_id, channel=channel, action="greeting_cancelled", entity="greeting",
                 entity_id=greeting.id, detail={"customer_id": greeting.customer_id})
    session.flush()
    return greeting


def greeting_audio_path(greeting: Greeting) -> Path:
    """The greeting's audio file, to play or download; ``NotFound`` when it has none or it is gone."""
    if not greeting.audio_path:
        raise NotFound(f"greeting {greeting.id} has no audio; it is text only")
    folder = (get_settings().data_dir / AUDIO_FOLDER).resolve()
    path = (get_settings().data_dir / greeting.audio_path).resolve()
    if folder not in path.parents:
        raise NotFound(f"greeting {greeting.id} points outside the greetings folder")
    if not path.is_file():
        raise NotFound(f"the audio of greeting {greeting.id} is missing from {path.parent}; "
                       "record or make the greeting again")
    return path
