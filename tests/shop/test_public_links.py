"""Links customers open themselves (CONTRACT §8), the shop's side: signed, expiring, one thing each; her own
"no more messages"; counter sign-ups confirmed by the owner; her personal data and her erasure request.
Both databases (``shop_db``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.db import session_scope
from assistant.db.models import Consent, Customer, Greeting, Shop, Signup
from assistant.errors import ConsentRequired, Invalid, NotFound
from assistant.shop import public
from assistant.shop.credit_reminders import may_remind
from assistant.shop.customers import add_customer, find_customer
from assistant.shop.greetings import create_greeting, mark_sent
from assistant.shop.public.links import PERSONAL, SHARE, make_token, read_token
from assistant.shop.shops import get_or_create_shop

# After the fixture's own consents, which are recorded at the real time.
NOW = dt.datetime.now().replace(microsecond=0) + dt.timedelta(hours=1)


def _greeting(session, name: str = "王秀英", *, created: dt.datetime = NOW, insist: bool = False,
              occasion: str = "生日") -> Greeting:
    customer = find_customer(session, shop_id=_shop(session), name=name)
    return create_greeting(session, customer=customer, occasion=occasion, text=f"{name},生日快乐!", source="composed",
                           channel="cli", data_dir=Path("/nonexistent"), now=created, insist=insist)


def _shop(session) -> int:
    return get_or_create_shop(session).id


def _token(path: str) -> str:
    return path.rsplit("/", 1)[1]


def test_a_share_link_opens_its_greeting_and_nothing_once_tampered_expired_or_cancelled(shop_db):
    with session_scope(shop_db) as session:
        greeting = _greeting(session)
        path = public.share_path(session, greeting=greeting)
        shop_id, token = _shop(session), _token(path)
        assert path.startswith("/g/") and len(token) > 40
        shared = public.open_share(session, shop_id=shop_id, token=token, now=NOW)
        assert (shared.greeting_id, shared.shop_name, shared.language) == (greeting.id, "禾香粮油", "zh")
        assert "生日快乐" in shared.text and not shared.opted_out
        # One character of the signature changed (not the last: its low bits are base64 padding).
        middle = len(token) - 10
        flipped = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1:]
        tampered = [flipped, token.replace(".", ".x", 1), "", "x" * 300, token + token]
        for bad in tampered:
            with pytest.raises(NotFound):
                public.open_share(session, shop_id=shop_id, token=bad, now=NOW)
        with pytest.raises(NotFound):  # valid for SHARE_DAYS from when it was made
            public.open_share(session, shop_id=shop_id, token=token, now=NOW + dt.timedelta(days=public.SHARE_DAYS))
        public.open_share(session, shop_id=shop_id, token=token, now=NOW + dt.timedelta(days=public.SHARE_DAYS - 1))
        greeting.status = "cancelled"
        session.flush()
        assert public.share_path(session, greeting=greeting) is None
        with pytest.raises(NotFound):
            public.open_share(session, shop_id=shop_id, token=token, now=NOW)


def test_a_token_opens_only_its_own_kind_and_its_own_shop(shop_db):
    with session_scope(shop_db) as session:
        shop_id = _shop(session)
        wang = find_customer(session, shop_id=shop_id, name="王秀英")
        personal = make_token(session, shop_id=shop_id, kind=PERSONAL, subject=wang.id, expires=NOW + dt.timedelta(1))
        assert read_token(session, shop_id=shop_id, kind=PERSONAL, token=personal, now=NOW) == wang.id
        with pytest.raises(NotFound):  # a personal link is not a share link, though both name an id
            read_token(session, shop_id=shop_id, kind=SHARE, token=personal, now=NOW)
        other = get_or_create_shop(session, "隔壁粮油")
        with pytest.raises(NotFound):  # another shop's key
            read_token(session, shop_id=other.id, kind=PERSONAL, token=personal, now=NOW)
        keys = session.execute(select(Shop.link_secret)).scalars().all()
        assert len(set(keys)) == 2 and all(len(k) >= 40 for k in keys)  # each shop its own random key


def test_a_new_key_retires_every_link(shop_db):
    with session_scope(shop_db) as session:
        greeting = _greeting(session)
        token = _token(public.share_path(session, greeting=greeting))
        session.get(Shop, _shop(session)).link_secret = None  # e.g. the owner wants every old link dead
        session.flush()
        with pytest.raises(NotFound):
            public.open_share(session, shop_id=_shop(session), token=token, now=NOW)
        assert session.get(Shop, _shop(session)).link_secret  # a new key was made on first use


def test_her_own_no_is_recorded_once_and_nothing_can_be_sent_to_her_after_it(shop_db):
    with session_scope(shop_db) as session:
        shop_id = _shop(session)
        first = _greeting(session)
        second = _greeting(session, created=NOW - dt.timedelta(days=1), occasion="新品到货")  # one birthday a year
        token = _token(public.share_path(session, greeting=first))
        shared = public.opt_out(session, shop_id=shop_id, token=token, now=NOW)
        public.opt_out(session, shop_id=shop_id, token=token, now=NOW + dt.timedelta(minutes=1))  # again: nothing new
        assert shared.opted_out
        wang = find_customer(session, shop_id=shop_id, name="王秀英")
        decisions = session.execute(select(Consent).where(Consent.customer_id == wang.id,
                                                          Consent.source == "link")).scalars().all()
        assert [(d.purpose, d.granted, d.recorded_at) for d in decisions] == [("marketing", False, NOW)]
        assert wang.marketing_consent is False
        # The owner cannot insist past her own no: not a new greeting, not the ones waiting.
        with pytest.raises(ConsentRequired, match="through her link"):
            _greeting(session, insist=True, occasion="新品到货")
        with pytest.raises(ConsentRequired):
            mark_sent(session, shop_id=shop_id, greeting_id=second.id, channel="web", insist=True, now=NOW)
        assert not may_remind(session, customer=wang, days_owed=30, now=NOW)


def test_an_owner_override_still_works_for_someone_who_never_said_no_herself(shop_db):
    with session_scope(shop_db) as session:
        greeting = _greeting(session, "李建国", insist=True)  # never asked: the owner insists, it is logged
        assert greeting.consent_overridden


def _form(**fields) -> public.SignupForm:
    values = {"name": "周小梅", "phone": "138 5710 9999", "birthday": "八月十五", "lunar": True,
              "household": "7栋, 家里三口人", "marketing_consent": True}
    return public.SignupForm(**{**values, **fields})


def test_a_sign_up_shows_every_mistake_and_keeps_sensitive_notes_only_with_their_own_consent(shop_db):
    with session_scope(shop_db) as session:
        shop_id = _shop(session)
        with pytest.raises(public.SignupInvalid) as refused:
            public.submit_signup(session, shop_id=shop_id, now=NOW, form=_form(
                name=" ", phone="12345", birthday="13月40日", sensitive_notes="孩子花生过敏"))
        assert set(refused.value.problems) == {"name", "phone", "birthday", "sensitive_notes"}
        assert refused.value.problems["sensitive_notes"].zh.startswith("要保存这些健康或孩子的信息")
        assert session.execute(select(Signup)).first() is None


def test_a_confirmed_sign_up_is_a_customer_with_her_consents_at_the_time_she_gave_them(shop_db):
    with session_scope(shop_db) as session:
        shop_id = _shop(session)
        public.submit_signup(session, shop_id=shop_id, now=NOW, form=_form(
            sensitive_notes="孩子花生过敏", sensitive_consent=True))
        waiting = public.waiting_signups(session, shop_id=shop_id)
        assert [(w.signup.name, w.signup.phone, w.signup.birthday, w.same_person) for w in waiting] == [
            ("周小梅", "13857109999", "农历08-15", None)]
        customer = public.confirm_signup(session, shop_id=shop_id, signup_id=waiting[0].signup.id, channel="web",
                                         merge_into=None)
        assert (customer.name, customer.phone, customer.birthday_lunar, customer.birthday_month,
                customer.household, customer.marketing_consent) == ("周小梅", "13857109999", True, 8,
                                                                    "7栋, 家里三口人", True)
        assert "孩子花生过敏" in customer.notes
        consents = session.execute(select(Consent).where(Consent.customer_id == customer.id)
                                   .order_by(Consent.purpose)).scalars().all()
        assert [(c.purpose, c.granted, c.source, c.recorded_at) for c in consents] == [
            ("marketing", True, "signup", NOW), ("sensitive_data", True, "signup", NOW)]
        assert public.waiting_signups(session, shop_id=shop_id) == []


def test_a_sign_up_with_her_name_and_phone_joins_the_customer_she_already_is(shop_db):
    with session_scope(shop_db) as session:
        shop_id = _shop(session)
        known = add_customer(session, shop_id=shop_id, name="周小梅", phone="13857109999", household="旧地址",
                             channel="cli", marketing_consent=True)
        public.submit_signup(session, shop_id=shop_id, now=NOW, form=_form(marketing_consent=False))
        public.submit_signup(session, shop_id=shop_id, now=NOW, form=_form(marketing_consent=False))  # sent twice
        [waiting] = public.waiting_signups(session, shop_id=shop_id)
        assert waiting.same_person.id == known.id
        joined = public.confirm_signup(session, shop_id=shop_id, signup_id=waiting.signup.id, channel="web")
        assert joined.id == known.id and joined.household == "7栋, 家里三口人"
        assert joined.marketing_consent is False  # her own latest answer
        assert session.execute(select(Customer).where(Customer.name == "周小梅")).scalars().all() == [joined]


def test_a_sign_up_with_a_known_name_but_another_phone_waits_for_the_owner_to_choose(shop_db):
    with session_scope(shop_db) as session:
        shop_id = _shop(session)
        public.submit_signup(session, shop_id=shop_id, now=NOW, form=_form(name="王秀英"))
        [waiting] = public.waiting_signups(session, shop_id=shop_id)
        assert waiting.same_person is None and waiting.same_name.name == "王秀英"
        with pytest.raises(Invalid):  # a second 王秀英 cannot be made
            public.confirm_signup(session, shop_id=shop_id, signup_id=waiting.signup.id, channel="web")
    with session_scope(shop_db) as session:
        shop_id = _shop(session)
        [waiting] = public.waiting_signups(session, shop_id=shop_id)
        joined = public.confirm_signup(session, shop_id=shop_id, signup_id=waiting.signup.id, channel="web",
                                       merge_into=waiting.same_name.id)
        assert joined.id == waiting.same_name.id and joined.phone == "13857109999"
        public.submit_signup(session, shop_id=shop_id, now=NOW, form=_form(name="捣乱的"))
        [spam] = public.waiting_signups(session, shop_id=shop_id)
        public.refuse_signup(session, shop_id=shop_id, signup_id=spam.signup.id, channel="web")
        assert session.execute(select(Signup)).first() is None and find_customer(
            session, shop_id=shop_id, name="捣乱的") is None


def test_her_personal_data_names_nobody_else_and_her_erasure_waits_for_the_owner(shop_db, tmp_path):
    with session_scope(shop_db) as session:
        shop_id = _shop(session)
        wang = find_customer(session, shop_id=shop_id, name="王秀英")
        wang.referred_by_id = find_customer(session, shop_id=shop_id, name="李建国").id
        path = public.personal_path(session, shop_id=shop_id, customer=wang, now=NOW, channel="web")
        token = _token(path)
        assert path.startswith("/me/")
        assert public.open_personal(session, shop_id=shop_id, token=token, now=NOW).id == wang.id
        with pytest.raises(NotFound):
            public.open_personal(session, shop_id=shop_id, token=token,
                                 now=NOW + dt.timedelta(days=public.PERSONAL_DAYS))
        data = public.personal_data(session, customer=wang, now=NOW)
        assert data["profile"]["name"] == "王秀英" and "李建国" not in str(data) and "汪桂兰" not in str(data)
        assert data["erasure_requested_at"] is None
        first = public.request_erasure(session, shop_id=shop_id, customer=wang, now=NOW)
        again = public.request_erasure(session, shop_id=shop_id, customer=wang, now=NOW + dt.timedelta(hours=1))
        assert first.id == again.id and public.personal_data(session, customer=wang, now=NOW)[
            "erasure_requested_at"] == NOW.isoformat(timespec="seconds")
        assert public.waiting_for_owner(session, shop_id=shop_id) == {"signups": 0, "erasures": 1}
        wang_id = wang.id
    with session_scope(shop_db) as session:
        public.decline_erasure(session, shop_id=_shop(session), customer_id=wang_id, channel="web")
        assert session.get(Customer, wang_id) is not None
        with pytest.raises(NotFound):  # nothing to confirm any more
            public.confirm_erasure(session, shop_id=_shop(session), customer_id=wang_id, channel="web",
                                   data_dir=tmp_path)
        public.request_erasure(session, shop_id=_shop(session), customer=session.get(Customer, wang_id), now=NOW)
    with session_scope(shop_db) as session:
        counts = public.confirm_erasure(session, shop_id=_shop(session), customer_id=wang_id, channel="web",
                                        data_dir=tmp_path)
        assert counts["consents"] >= 1
    with session_scope(shop_db) as session:
        assert session.get(Customer, wang_id) is None
        assert public.waiting_for_owner(session, shop_id=_shop(session)) == {"signups": 0, "erasures": 0}
        with pytest.raises(NotFound):  # her link opens nothing now
            public.open_personal(session, shop_id=_shop(session), token=token, now=NOW)
