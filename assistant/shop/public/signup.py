"""Counter sign-up: the QR code on the counter opens a form a customer fills in on her own phone; the owner
confirms each sign-up into a customer (joined with the one she already is when name and phone match).

Consent is asked per purpose: messages (``marketing``), and, separately, keeping health or children's
notes (``sensitive_data``, sensitive personal information under PIPL art. 28–29): the notes are refused
without that second tick. Both decisions are recorded with source ``signup`` at the time she sent the
form, when the owner confirms. Until then the sign-up waits in ``signups``; a refused one is deleted.
Nothing she sees says whether the shop knows her already: every sign-up gets the same thanks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Signup
from assistant.errors import AssistantError, Invalid, NotFound
from assistant.shop import audit
from assistant.shop.consent import record_consent
from assistant.shop.customers import (
    Birthday,
    add_customer,
    customers_named,
    get_customer,
    name_key,
    update_customer,
    validate_name,
    validate_phone,
)
from assistant.shop.public.links import SIGNUP, make_token, read_token

SIGNUP_PREFIX = "/join/"
# Past this many waiting sign-ups the form asks her to tell the owner instead (a flood fills nothing).
MAX_WAITING = 200
MAX_TEXT = 300
SENSITIVE_NOTE = "健康/孩子(本人登记,单独同意保存):"


@dataclass(frozen=True)
class SignupForm:
    """What she typed and ticked."""

    name: str = ""
    phone: str = ""
    birthday: str = ""
    lunar: bool = False
    household: str = ""
    sensitive_notes: str = ""
    marketing_consent: bool = False
    sensitive_consent: bool = False
    language: str = "zh"


class SignupInvalid(AssistantError):
    """A sign-up form with mistakes: ``problems`` maps each field to its ``Invalid``."""

    def __init__(self, problems: dict[str, Invalid]) -> None:
        super().__init__("; ".join(str(p) for p in problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class WaitingSignup:
    """A sign-up as the owner sees it: the customer it joins when name and phone match, or one that has
    her name with another phone (the owner decides)."""

    signup: Signup
    same_person: Customer | None
    same_name: Customer | None


def signup_path(session: Session, *, shop_id: int) -> str:
    """The sign-up page's path (what the counter's QR code opens); it does not expire."""
    return f"{SIGNUP_PREFIX}{make_token(session, shop_id=shop_id, kind=SIGNUP, subject=shop_id)}"


def check_signup_link(session: Session, *, shop_id: int, token: str, now: dt.datetime) -> None:
    """``NotFound`` unless ``token`` is this shop's sign-up link."""
    if read_token(session, shop_id=shop_id, kind=SIGNUP, token=token, now=now) != shop_id:
        raise NotFound("no such link")


def _birthday(form: SignupForm) -> Birthday | None:
    text = form.birthday.strip()
    if not text:
        return None
    lunar_said = any(text.lower().startswith(p) for p in ("农历", "阴历", "lunar"))
    return Birthday.parse(f"农历{text}" if form.lunar and not lunar_said else text)


def _short(text: str, field: str) -> str:
    text = " ".join(text.split())
    if len(text) > MAX_TEXT:
        raise Invalid(f"at most {MAX_TEXT} characters, please", field=field, zh=f"最多{MAX_TEXT}个字")
    return text


def signup_problems(form: SignupForm) -> dict[str, Invalid]:
    """Every mistake of the form at once, by field (the page shows them all)."""
    checks = {
        "name": lambda: validate_name(form.name),
        "phone": lambda: validate_phone(form.phone) if form.phone.strip() else _missing_phone(),
        "birthday": lambda: _birthday(form),
        "household": lambda: _short(form.household, "household"),
        "sensitive_notes": lambda: _sensitive(form),
    }
    problems: dict[str, Invalid] = {}
    for field, check in checks.items():
        try:
            check()
        except Invalid as error:
            problems[field] = error
    return problems


def _missing_phone() -> None:
    raise Invalid("a phone number, please: the shop knows you by it", field="phone",
                  zh="请写上电话号码:店里靠它认出您")


def _sensitive(form: SignupForm) -> None:
    _short(form.sensitive_notes, "sensitive_notes")
    if form.sensitive_notes.strip() and not form.sensitive_consent:
        raise Invalid("tick the separate consent to let the shop keep these notes, or leave them empty",
                      field="sensitive_notes", zh="要保存这些健康或孩子的信息,请单独勾选同意;不同意就空着")


def submit_signup(session: Session, *, shop_id: int, form: SignupForm, now: dt.datetime) -> Signup:
    """Keep a valid sign-up for the owner (the same name and phone sent again replaces the waiting one)."""
    problems = signup_problems(form)
    if problems:
        raise SignupInvalid(problems)
    name, phone = validate_name(form.name), validate_phone(form.phone)
    signup = session.execute(select(Signup).where(Signup.shop_id == shop_id, Signup.name == name,
                                                  Signup.phone == phone)).scalars().first()
    if signup is None:
        waiting = session.execute(select(func.count(Signup.id)).where(Signup.shop_id == shop_id)).scalar()
        if waiting >= MAX_WAITING:
            raise SignupInvalid({"form": Invalid("the shop has many sign-ups to look at: please tell the owner "
                                                 "at the counter", field="form",
                                                 zh="店里待确认的登记太多了,请直接跟店主说")})
        signup = Signup(shop_id=shop_id, name=name, phone=phone)
        session.add(signup)
    birthday = _birthday(form)
    signup.created_at = now
    signup.birthday = str(birthday) if birthday else None
    signup.household = _short(form.household, "household") or None
    signup.sensitive_notes = _short(form.sensitive_notes, "sensitive_notes") or None
    signup.marketing_consent = form.marketing_consent
    signup.sensitive_consent = form.sensitive_consent
    signup.language = "en" if form.language == "en" else "zh"
    session.flush()
    audit.record(session, shop_id=shop_id, channel="signup", action="signup", entity="signup",
                 entity_id=signup.id, actor="customer")
    return signup


def waiting_signups(session: Session, *, shop_id: int) -> list[WaitingSignup]:
    """The shop's waiting sign-ups, oldest first, each with the customer it matches."""
    return [_matched(session, shop_id, signup) for signup in session.execute(
        select(Signup).where(Signup.shop_id == shop_id).order_by(Signup.created_at, Signup.id)).scalars()]


def _matched(session: Session, shop_id: int, signup: Signup) -> WaitingSignup:
    same_name = [c for c in customers_named(session, shop_id=shop_id, name=signup.name)
                 if name_key(c.name) == name_key(signup.name)]
    same_person = next((c for c in same_name if c.phone == signup.phone), None)
    return WaitingSignup(signup=signup, same_person=same_person,
                         same_name=None if same_person else next(iter(same_name), None))


def _signup(session: Session, shop_id: int, signup_id: int) -> Signup:
    signup = session.get(Signup, signup_id)
    if signup is None or signup.shop_id != shop_id:
        raise NotFound(f"no sign-up with id {signup_id}")
    return signup


def confirm_signup(session: Session, *, shop_id: int, signup_id: int, channel: str,
                   merge_into: int | None = None) -> Customer:
    """Make the sign-up a customer: joined with the customer of the same name and phone (or the one the
    owner chose), else a new one; her consents recorded with source ``signup`` at the time she gave them."""
    signup = _signup(session, shop_id, signup_id)
    match = _matched(session, shop_id, signup).same_person
    customer = match or (get_customer(session, shop_id=shop_id, customer_id=merge_into) if merge_into else None)
    birthday = Birthday.parse(signup.birthday) if signup.birthday else None
    note = f"{SENSITIVE_NOTE}{signup.sensitive_notes}" if signup.sensitive_notes and signup.sensitive_consent else None
    if customer is None:
        customer = add_customer(session, shop_id=shop_id, name=signup.name, channel=channel, phone=signup.phone,
                                birthday=birthday, household=signup.household, notes=note)
    else:
        update_customer(session, customer, channel=channel,
                        phone=signup.phone if signup.phone != customer.phone else None, birthday=birthday,
                        household=signup.household, add_note=note)
    session.flush()
    record_consent(session, customer=customer, purpose="marketing", granted=signup.marketing_consent,
                   source="signup", at=signup.created_at, note="counter sign-up")
    record_consent(session, customer=customer, purpose="sensitive_data", granted=signup.sensitive_consent,
                   source="signup", at=signup.created_at, note="counter sign-up")
    audit.record(session, shop_id=shop_id, channel=channel, action="signup_confirmed", entity="customer",
                 entity_id=customer.id, detail={"signup_id": signup.id, "joined": match is not None or
                                                bool(merge_into)})
    session.delete(signup)
    session.flush()
    return customer


def refuse_signup(session: Session, *, shop_id: int, signup_id: int, channel: str) -> None:
    """Delete a sign-up the owner does not want (spam, a joke); what it said is not kept."""
    signup = _signup(session, shop_id, signup_id)
    audit.record(session, shop_id=shop_id, channel=channel, action="signup_refused", entity="signup",
                 entity_id=signup.id)
    session.delete(signup)
    session.flush()
