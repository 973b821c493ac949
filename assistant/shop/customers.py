"""Customers: add, update, look up by exact name or alias. (Fuzzy spoken names: ``language.resolve``.)"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, CustomerName
from assistant.errors import Invalid, NotFound
from assistant.shop import audit
from assistant.shop.consent import record_consent
from assistant.shop.tags import get_or_create_tags

ISO_BIRTHDAY = re.compile(r"^\d{1,4}-\d{1,2}(?:-\d{1,2})?$")
LUNAR_MONTH_NAMES = {"正月": "1月", "冬月": "11月", "腊月": "12月"}
CHINESE_MONTH_DAY = re.compile(r"([0-9一二两三四五六七八九十]{1,3})\s*月\s*([0-9一二三四五六七八九十]{1,3})\s*[日号]?")
# Mainland numbers: a mobile is 11 digits starting 13–19; a landline is its area code (010, 02x, 0xxx)
# and 7–8 digits. A country code +86 / 0086 in front is dropped.
MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0(?:10|2\d|[3-9]\d{2})[1-9]\d{6,7}$")
COUNTRY_CODE = re.compile(r"^(?:\+86|0086)")


@dataclass(frozen=True)
class Birthday:
    """A birthday: month and day, maybe a year, on the solar (公历) or lunar (农历) calendar."""

    month: int
    day: int
    year: int | None = None
    lunar: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise Invalid(f"birthday month {self.month} is not between 1 and 12", field="birthday",
                          zh=f"生日的月份{self.month}不在1到12之间")
        limit = 30 if self.lunar else (29 if self.month == 2 else 30 if self.month in (4, 6, 9, 11) else 31)
        if not 1 <= self.day <= limit:
            raise Invalid(f"birthday {self.month}-{self.day} is not a real date", field="birthday",
                          zh=f"{self.month}月{self.day}日不是真实的日期")

    @classmethod
    def parse(cls, text: str) -> Birthday:
        """``YYYY-MM-DD`` or ``MM-DD``, optionally prefixed ``农历`` / ``lunar:`` for a lunar birthday; also
        the ways people write one: ``3月18日``, ``1958年3月18日``, ``3/18``, ``农历八月十五``, ``腊月初八``."""
        raw = text.strip()
        lunar = False
        for prefix in ("农历", "阴历", "lunar:", "lunar "):
            if raw.lower().startswith(prefix):
                lunar, raw = True, raw[len(prefix):].strip()
        if ISO_BIRTHDAY.match(raw):
            return cls._from_numbers(text, [int(p) for p in raw.split("-")], lunar=lunar)
        return cls._from_words(text, raw, lunar=lunar)

    @classmethod
    def _from_numbers(cls, text: str, numbers: list[int], *, lunar: bool) -> Birthday:
        if len(numbers) == 3:
            year, month, day = numbers
            if not lunar:
                try:
                    dt.date(year, month, day)
                except ValueError:
                    raise Invalid(f"birthday {text!r} is not a real date", field="birthday",
                                  zh=f"“{text}”不是真实的日期") from None
            return cls(month=month, day=day, year=year, lunar=lunar)
        return cls(month=numbers[0], day=numbers[1], lunar=lunar)

    @classmethod
    def _from_words(cls, text: str, raw: str, *, lunar: bool) -> Birthday:
        """Written forms: month and day as digits or Chinese numerals, the lunar month names, a year."""
        from assistant.language.dates import parse_month_day

        words = raw
        for name, month in LUNAR_MONTH_NAMES.items():
            if name in words:
                words, lunar = words.replace(name, month), True
        words = words.replace("月初", "月").replace("廿", "二十").replace("卅", "三十")
        written = CHINESE_MONTH_DAY.search(words)
        month_day = (_numeral(written.group(1)), _numeral(written.group(2))) if written else parse_month_day(words)
        if month_day is None:
            raise Invalid(f"birthday {text!r} is not a date: write 3月18日, 1958-03-18, 03-18 or 农历八月十五",
                          field="birthday", zh=f"生日“{text}”看不懂:可以写 3月18日、1958-03-18、03-18 或 农历八月十五")
        year = re.search(r"(\d{4})\s*(?:年|[-/.])", raw)
        return cls._from_numbers(text, [int(year.group(1)), *month_day] if year else list(month_day),
                                 lunar=lunar or "农历" in raw or "阴历" in raw)

    def __str__(self) -> str:
        core = f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else f"{self.month:02d}-{self.day:02d}"
        return f"农历{core}" if self.lunar else core


def _numeral(text: str) -> int:
    """``18``, ``十八``, ``二十一`` as a number."""
    import cn2an

    return int(text) if text.isdigit() else int(cn2an.cn2an(text, "smart"))


def birthday_of(customer: Customer) -> Birthday | None:
    """A customer's birthday, or None when unknown."""
    if customer.birthday_month is None or customer.birthday_day is None:
        return None
    return Birthday(
        month=customer.birthday_month,
        day=customer.birthday_day,
        year=customer.birthday_year,
        lunar=bool(customer.birthday_lunar),
    )


def validate_phone(phone: str) -> str:
    """A mainland mobile (11 digits, 1[3-9]…) or a landline with its area code, as digits only; refuses
    anything else (a 10-digit "mobile" is a typo, not a number to call)."""
    digits = COUNTRY_CODE.sub("", re.sub(r"[\s\-()()]", "", phone.strip()))
    if MOBILE.match(digits) or LANDLINE.match(digits):
        return digits
    raise Invalid(
        f"{phone!r} is not a phone number: a mobile has 11 digits starting with 1, a landline needs its "
        "area code (0571-87654321)",
        field="phone",
        zh=f"“{phone}”不是电话号码:手机是1开头的11位数字,座机要带区号(如0571-87654321)",
    )


def validate_name(name: str) -> str:
    """A customer name, trimmed; refuses an empty or over-long one."""
    cleaned = (name or "").strip()
    if not cleaned:
        raise Invalid("a customer needs a name", field="name", zh="请写上顾客的名字")
    if len(cleaned) > 100:
        raise Invalid("a name is at most 100 characters", field="name", zh="名字最多100个字")
    return cleaned


def heard_name(name: str) -> str:
    """A name as heard, written the way the shop writes names: a Latin one the recogniser and the NLU
    lowercased ("linda chen") capitalised ("Linda Chen"); any other left as it is."""
    cleaned = " ".join((name or "").split())
    return cleaned.title() if cleaned.isascii() and cleaned == cleaned.lower() else cleaned


def name_key(name: str) -> str:
    """The lookup form of a name or alias: trimmed, single-spaced, lower-case."""
    return " ".join(name.split()).lower()


def customers_named(session: Session, *, shop_id: int, name: str) -> list[Customer]:
    """Every customer whose name or an alias is exactly ``name`` (case-insensitive), name matches first."""
    key = name_key(name)
    found = session.execute(
        select(Customer)
        .join(CustomerName, CustomerName.customer_id == Customer.id)
        .where(CustomerName.shop_id == shop_id, CustomerName.key == key)
        .order_by(Customer.id)
    ).scalars().all()
    unique = list({c.id: c for c in found}.values())
    return sorted(unique, key=lambda c: name_key(c.name) != key)


_CHILD_TAG = ("小孩", "孩子", "儿童", "宝宝", "child", "kid")


def with_a_child(session: Session, *, shop_id: int, customer_ids: list[int]) -> list[Customer]:
    """Those of ``customer_ids`` whose household has a child, by their tags (有小孩, 孩子花生过敏)."""
    found = [session.get(Customer, customer_id) for customer_id in customer_ids]
    return [customer for customer in found if customer is not None and customer.shop_id == shop_id
            and any(word in tag.name.lower() for tag in customer.tags for word in _CHILD_TAG)]


def find_customer(session: Session, *, shop_id: int, name: str) -> Customer | None:
    """The customer called ``name``: an exact name match first, else the only alias match, else None."""
    found = customers_named(session, shop_id=shop_id, name=name)
    if found and (name_key(found[0].name) == name_key(name) or len(found) == 1):
        return found[0]
    return None


def sync_names(session: Session, customer: Customer) -> None:
    """Rewrite the lookup index rows of ``customer`` from its name and aliases."""
    session.flush()
    session.execute(delete(CustomerName).where(CustomerName.customer_id == customer.id))
    keys = dict.fromkeys(name_key(n) for n in [customer.name, *(customer.aliases or [])] if n.strip())
    session.add_all(CustomerName(shop_id=customer.shop_id, customer_id=customer.id, key=k) for k in keys)


def get_customer(session: Session, *, shop_id: int, customer_id: int) -> Customer:
    """The customer with this id in this shop, or ``NotFound``."""
    customer = session.get(Customer, customer_id)
    if customer is None or customer.shop_id != shop_id:
        raise NotFound(f"no customer with id {customer_id}", zh=f"找不到编号{customer_id}的顾客(可能已被删除)")
    return customer


def add_customer(
    session: Session,
    *,
    shop_id: int,
    name: str,
    channel: str,
    aliases: list[str] | None = None,
    phone: str | None = None,
    birthday: Birthday | None = None,
    household: str | None = None,
    notes: str | None = None,
    tags: list[str] | None = None,
    marketing_consent: bool | None = None,
) -> Customer:
    """Create a customer after validating every field; refuses a name the shop already has."""
    name = validate_name(name)
    if find_customer(session, shop_id=shop_id, name=name) is not None:
        raise Invalid(f"there is already a customer called {name}", field="name", zh=f"已经有一位叫{name}的顾客")
    customer = Customer(
        shop_id=shop_id,
        name=name,
        aliases=[a.strip() for a in aliases or [] if a.strip()],
        phone=validate_phone(phone) if phone else None,
        household=household or None,
        notes=notes or None,
        marketing_consent=False,
    )
    if birthday is not None:
        _set_birthday(customer, birthday)
    customer.tags = get_or_create_tags(session, shop_id=shop_id, names=tags or [])
    session.add(customer)
    sync_names(session, customer)
    audit.record(session, shop_id=shop_id, channel=channel, action="add", entity="customer",
                 entity_id=customer.id, detail={"name": name})
    if marketing_consent is not None:
        record_consent(session, customer=customer, purpose="marketing", granted=marketing_consent,
                       source=channel)
    return customer


def update_customer(
    session: Session,
    customer: Customer,
    *,
    channel: str,
    phone: str | None = None,
    birthday: Birthday | None = None,
    household: str | None = None,
    add_note: str | None = None,
    add_tags: list[str] | None = None,
    remove_tags: list[str] | None = None,
    add_aliases: list[str] | None = None,
    keep_birth_year: bool = False,
    clear_phone: bool = False,
) -> dict[str, object]:
    """Change the given facts of a customer; returns what changed (also written to the audit log). With
    ``keep_birth_year`` a birthday said without its year keeps the year on record (said in chat); a form's field
    holds the whole birthday, so there a year left out is no year."""
    changes: dict[str, object] = {}
    if phone is not None:
        customer.phone = changes["phone"] = validate_phone(phone)
    elif clear_phone and customer.phone:  # "把小赵的电话删掉": audited like any change
        customer.phone = changes["phone"] = None
    if birthday is not None:
        _set_birthday(customer, birthday, keep_year=keep_birth_year)
        changes["birthday"] = str(birthday_of(customer))
    if household is not None:
        customer.household = changes["household"] = household.strip() or None
    if add_note:
        customer.notes = f"{customer.notes}\n{add_note}" if customer.notes else add_note
        changes["note"] = add_note
    if add_tags:
        new = [t for t in get_or_create_tags(session, shop_id=customer.shop_id, names=add_tags)
               if t not in customer.tags]
        customer.tags = [*customer.tags, *new]
        changes["tags_added"] = [t.name for t in new]
    if remove_tags:
        drop = {t.strip() for t in remove_tags}
        customer.tags = [t for t in customer.tags if t.name not in drop]
        changes["tags_removed"] = sorted(drop)
    if add_aliases:
        fresh = [a for a in add_aliases if a and a not in (customer.aliases or [])]
        customer.aliases = [*(customer.aliases or []), *fresh]
        changes["aliases_added"] = fresh
        sync_names(session, customer)
    if changes:
        session.flush()
        audit.record(session, shop_id=customer.shop_id, channel=channel, action="update",
                     entity="customer", entity_id=customer.id, detail=changes)
    return changes


def customer_facts(customer: Customer) -> dict[str, Any]:
    """What an update may change of a customer, as plain values: kept before it so its undo restores them."""
    born = birthday_of(customer)
    return {"phone": customer.phone, "birthday": str(born) if born else None, "household": customer.household,
            "notes": customer.notes, "tags": sorted(tag.name for tag in customer.tags)}


def restore_customer(session: Session, customer: Customer, *, channel: str, before: dict[str, Any],
                     remove_tags: list[str] | None = None) -> dict[str, object]:
    """Put back the facts ``before`` holds (``customer_facts`` keys; a None value: none on record) exactly, and
    take off ``remove_tags``; the undo is appended to the audit log like every change."""
    restored: dict[str, object] = {}
    if "phone" in before:
        customer.phone = restored["phone"] = before["phone"]
    if "birthday" in before:
        born = Birthday.parse(before["birthday"]) if before["birthday"] else None
        customer.birthday_month, customer.birthday_day = (born.month, born.day) if born else (None, None)
        customer.birthday_year = born.year if born else None
        customer.birthday_lunar = bool(born and born.lunar)
        restored["birthday"] = before["birthday"]
    if "household" in before:
        customer.household = restored["household"] = before["household"] or None
    if "notes" in before:
        customer.notes = restored["notes"] = before["notes"] or None
    if remove_tags:
        drop = set(remove_tags)
        customer.tags = [tag for tag in customer.tags if tag.name not in drop]
        restored["tags_removed"] = sorted(drop)
    session.flush()
    audit.record(session, shop_id=customer.shop_id, channel=channel, action="undo_update", entity="customer",
                 entity_id=customer.id, detail=restored)
    return restored


def _set_birthday(customer: Customer, birthday: Birthday, *, keep_year: bool = False) -> None:
    """Write ``birthday``; with ``keep_year``, a new day and month said without a year keep the birth year on
    record ("小赵生日改成5月4号" changes the day, not her age), unless that year lacks the day (29 Feb)."""
    year = birthday.year
    if year is None and keep_year and customer.birthday_year is not None:
        year = customer.birthday_year if birthday.lunar or _real_date(customer.birthday_year, birthday) else None
    customer.birthday_month = birthday.month
    customer.birthday_day = birthday.day
    customer.birthday_year = year
    customer.birthday_lunar = birthday.lunar


def _real_date(year: int, birthday: Birthday) -> bool:
    try:
        dt.date(year, birthday.month, birthday.day)
    except ValueError:
        return False
    return True
