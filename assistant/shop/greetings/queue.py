"""The greeting queue: storing a composed or recorded greeting, listing it, marking it sent, cancelling it.

A greeting is marketing, so it needs the customer's marketing consent: without it the service refuses
(``ConsentRequired`` naming the customer) unless the owner insists, which is stored on the greeting and
written to the audit log. A customer gets one composed greeting per yearly occasion and year: a second is
refused (``AlreadyGreeted``, carrying the first), and a sent one can be put back in the queue to be sent
again (``resend``). The caller says where the data folder is (``data_dir``) and what time it is
(``now``); nothing here reads the settings or the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import GREETING_STATUSES, Customer, Greeting
from assistant.errors import ConsentRequired, Invalid, NotFound
from assistant.shop import audit
from assistant.shop.channels import CHANNELS
from assistant.shop.consent import withdrawn_by_customer
from assistant.shop.greetings.audio import new_audio_path, write_audio
from assistant.shop.greetings.compose import OCCASIONS, normalise_occasion, with_opt_out
from assistant.speech.greeting_audio import prepare_greeting_audio
from assistant.speech.tts import Synthesizer, detect_language

SOURCES = ("recorded", "composed")
# Occasions that come once a year: one greeting each per customer and year. A new arrival, a payment
# reminder or an occasion of the owner's own words may come any number of times.
YEARLY_OCCASIONS = frozenset(OCCASIONS) - {"new_arrival"}


class AlreadyGreeted(Invalid):
    """This year's greeting for the customer and occasion exists already (``greeting``)."""

    def __init__(self, greeting: Greeting) -> None:
        super().__init__(f"{greeting.customer.name} already has this year's {greeting.occasion} greeting "
                         f"(made {greeting.created_at:%Y-%m-%d}, {greeting.status})", field="occasion",
                         zh=f"今年已经给{greeting.customer.name}做过这条祝福了({greeting.created_at.month}月"
                            f"{greeting.created_at.day}日做的)")
        self.greeting = greeting


def this_years_greeting(session: Session, *, customer: Customer, occasion: str, today: dt.date) -> Greeting | None:
    """The greeting (waiting or sent, the latest) already made for ``customer`` for this yearly occasion in
    ``today``'s year; None when there is none or the occasion is not a yearly one."""
    occasion_key = normalise_occasion(occasion)
    if occasion_key not in YEARLY_OCCASIONS:
        return None
    return session.execute(
        select(Greeting)
        .where(Greeting.shop_id == customer.shop_id, Greeting.customer_id == customer.id,
               Greeting.occasion == occasion_key, Greeting.status != "cancelled",
               Greeting.created_at >= dt.datetime(today.year, 1, 1),
               Greeting.created_at < dt.datetime(today.year + 1, 1, 1))
        .order_by(Greeting.created_at.desc(), Greeting.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def require_consent(session: Session, customer: Customer, *, insist: bool,
                    doing: str = "make a greeting for them") -> bool:
    """Whether this needs the owner's override; refuses with ``ConsentRequired`` unless she insists, and
    always when the customer withdrew through her own link (only she can agree again)."""
    if customer.marketing_consent:
        return False
    if withdrawn_by_customer(session, customer_id=customer.id):
        raise ConsentRequired(
            f"{customer.name} said herself, through her link, that she wants no more messages from the shop; "
            "nothing can be sent to her unless she agrees again.",
            zh=f"{customer.name}自己通过链接说过不想再收店里的消息;除非她重新同意,什么都不能发给她。",
        )
    if not insist:
        raise ConsentRequired(
            f"{customer.name} has not agreed to receive messages from the shop; ask them first, "
            f"or insist to {doing} anyway (that choice is logged).",
            zh=f"{customer.name}还没同意接收店里的消息:先问问她;一定要做的话请选“坚持”(会记录下来)。",
        )
    return True


def _log_override(session: Session, *, greeting: Greeting, channel: str) -> None:
    audit.record(session, shop_id=greeting.shop_id, channel=channel, action="consent_override",
                 entity="customer", entity_id=greeting.customer_id,
                 detail={"purpose": "marketing", "reason": "owner insisted", "greeting_id": greeting.id,
                         "occasion": greeting.occasion})


def create_greeting(
    session: Session,
    *,
    customer: Customer,
    occasion: str,
    text: str,
    source: str,
    channel: str,
    data_dir: Path,
    now: dt.datetime,
    audio: bytes | None = None,
    audio_suffix: str = ".mp3",
    insist: bool = False,
) -> Greeting:
    """Store a waiting greeting (text and optional audio under ``data_dir``) after the consent check; audited.
    A composed one for a yearly occasion the customer was already greeted for this year is refused."""
    if source not in SOURCES:
        raise Invalid(f"unknown greeting source {source!r}; use recorded or composed", field="source")
    if channel not in CHANNELS:
        raise Invalid(f"unknown channel {channel!r}", field="channel")
    if not re.fullmatch(r"\.[a-z0-9]{2,4}", audio_suffix):
        raise Invalid(f"audio suffix {audio_suffix!r} is not a file extension like .mp3", field="audio")
    overridden = require_consent(session, customer, insist=insist)
    occasion_key = normalise_occasion(occasion)
    if source == "composed":
        if not text.strip():
            raise Invalid("a composed greeting needs its text", field="text")
        earlier = this_years_greeting(session, customer=customer, occasion=occasion_key, today=now.date())
        if earlier is not None:
            raise AlreadyGreeted(earlier)
        text = with_opt_out(text, language=detect_language(text))
    relative = None
    if audio is not None:
        if not audio:
            raise Invalid("the greeting's audio is empty; synthesize or record it again", field="audio")
        path, relative = new_audio_path(data_dir=data_dir, shop_id=customer.shop_id, suffix=audio_suffix)
        write_audio(path, audio)
    return _add_greeting(session, customer=customer, occasion=occasion_key, text=text.strip(), source=source,
                         audio_path=relative, overridden=overridden, channel=channel, now=now)


def _add_greeting(session: Session, *, customer: Customer, occasion: str, text: str, source: str,
                  audio_path: str | None, overridden: bool, channel: str, now: dt.datetime) -> Greeting:
    greeting = Greeting(shop_id=customer.shop_id, customer_id=customer.id, occasion=occasion, text=text,
                        audio_path=audio_path, source=source, status="waiting", consent_overridden=overridden,
                        created_at=now)
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
    data_dir: Path,
    now: dt.datetime,
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
    overridden = require_consent(session, customer, insist=insist)
    occasion_key = normalise_occasion(occasion)
    path, relative = new_audio_path(data_dir=data_dir, shop_id=customer.shop_id, suffix=".m4a")
    prepare_greeting_audio(audio, destination=path, pcm_sample_rate=pcm_sample_rate)
    try:
        return _add_greeting(session, customer=customer, occasion=occasion_key,
                             text=(transcript or "").strip(), source="recorded", audio_path=relative,
                             overridden=overridden, channel=channel, now=now)
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
    data_dir: Path,
    now: dt.datetime,
    language: str | None = None,
    voice: str | None = None,
    insist: bool = False,
) -> Greeting:
    """Speak an approved composed text with the shop's voice and queue it (consent checked first)."""
    require_consent(session, customer, insist=insist)
    earlier = this_years_greeting(session, customer=customer, occasion=occasion, today=now.date())
    if earlier is not None:  # before the voice is asked for anything
        raise AlreadyGreeted(earlier)
    language = language or detect_language(text)
    text = with_opt_out(text, language=language)
    spoken = await synthesizer.synthesize(text, language=language, voice=voice)
    return create_greeting(session, customer=customer, occasion=occasion, text=text, source="composed",
                           channel=channel, audio=spoken.data, audio_suffix=f".{spoken.format}",
                           insist=insist, data_dir=data_dir, now=now)


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
    session: Session, *, shop_id: int, greeting_id: int, channel: str, insist: bool = False,
    now: dt.datetime,
) -> Greeting:
    """Record that the owner sent a waiting greeting at ``now``; consent is checked again (it may be withdrawn)."""
    greeting = get_greeting(session, shop_id=shop_id, greeting_id=greeting_id)
    if greeting.status != "waiting":
        raise Invalid(f"greeting {greeting_id} is already {greeting.status}", field="status")
    # Her own withdrawal stops even a greeting the owner once insisted on.
    if (not greeting.consent_overridden or withdrawn_by_customer(session, customer_id=greeting.customer_id)) \
            and require_consent(session, greeting.customer, insist=insist, doing="mark this greeting sent"):
        greeting.consent_overridden = True
        _log_override(session, greeting=greeting, channel=channel)
    greeting.status = "sent"
    greeting.sent_at = now
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


def resend(session: Session, *, shop_id: int, greeting_id: int, channel: str, insist: bool = False) -> Greeting:
    """Put a sent greeting back in the queue, to be sent again (consent is checked again); audited with
    when it was sent before."""
    greeting = get_greeting(session, shop_id=shop_id, greeting_id=greeting_id)
    if greeting.status != "sent":
        raise Invalid(f"greeting {greeting_id} is {greeting.status}, not sent", field="status")
    # A withdrawal through her own link outranks an override made before it.
    if (not greeting.consent_overridden or withdrawn_by_customer(session, customer_id=greeting.customer_id)) \
            and require_consent(session, greeting.customer, insist=insist, doing="send this greeting again"):
        greeting.consent_overridden = True
        _log_override(session, greeting=greeting, channel=channel)
    sent_at, greeting.status, greeting.sent_at = greeting.sent_at, "waiting", None
    audit.record(session, shop_id=shop_id, channel=channel, action="greeting_resend", entity="greeting",
                 entity_id=greeting.id, detail={"customer_id": greeting.customer_id,
                                                "sent_at": sent_at.isoformat() if sent_at else None})
    session.flush()
    return greeting


def take_back_resend(session: Session, *, shop_id: int, greeting_id: int, sent_at: dt.datetime | None,
                     channel: str) -> Greeting:
    """Undo ``resend``: the greeting is sent again as it was, at ``sent_at``; audited."""
    greeting = get_greeting(session, shop_id=shop_id, greeting_id=greeting_id)
    if greeting.status != "waiting":
        raise Invalid(f"greeting {greeting_id} is already {greeting.status}", field="status")
    greeting.status, greeting.sent_at = "sent", sent_at
    audit.record(session, shop_id=shop_id, channel=channel, action="greeting_resend_undone", entity="greeting",
                 entity_id=greeting.id, detail={"customer_id": greeting.customer_id})
    session.flush()
    return greeting


def unmark_sent(session: Session, *, shop_id: int, greeting_id: int, channel: str) -> Greeting:
    """Undo ``mark_sent``: the greeting waits to be sent again; audited."""
    greeting = get_greeting(session, shop_id=shop_id, greeting_id=greeting_id)
    if greeting.status != "sent":
        raise Invalid(f"greeting {greeting_id} is {greeting.status}, not sent", field="status")
    greeting.status, greeting.sent_at = "waiting", None
    audit.record(session, shop_id=shop_id, channel=channel, action="greeting_sent_undone", entity="greeting",
                 entity_id=greeting.id, detail={"customer_id": greeting.customer_id})
    session.flush()
    return greeting


def held_for_consent(session: Session, greeting: Greeting) -> bool:
    """Whether a waiting greeting may not be sent as it is: she takes no messages now and the owner did not
    insist on this one (or she withdrew through her own link, which outranks the owner's insisting)."""
    if greeting.customer.marketing_consent:
        return False
    return not greeting.consent_overridden or withdrawn_by_customer(session, customer_id=greeting.customer_id)


def waiting_to_send(session: Session, *, shop_id: int) -> tuple[list[Greeting], list[Greeting]]:
    """The waiting greetings that may be sent, and those held because she no longer takes messages; oldest
    first."""
    waiting = list_greetings(session, shop_id=shop_id, status="waiting")
    held = [g for g in waiting if held_for_consent(session, g)]
    return [g for g in waiting if g not in held], held
