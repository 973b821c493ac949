"""Customers: a new one, a new fact about one, and her consent to messages, each read back first."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from assistant.brain.proposals.base import Proposal, register
from assistant.context import ShopContext
from assistant.errors import Invalid, NotFound
from assistant.language.dates import spoken_day
from assistant.shop import audit
from assistant.shop.consent import record_consent
from assistant.shop.customers import (
    Birthday,
    add_customer,
    customer_facts,
    get_customer,
    restore_customer,
    update_customer,
)
from assistant.shop.english import tag_in_english


@register
@dataclass
class NewCustomerProposal(Proposal):
    """"添加新顾客陈女士,电话13800001111。对吗?" — with ``then``, the write she asked for with this unknown
    name ("马老师不想收消息了": the opt-out), read back for the new customer once she is added."""

    kind = "add_customer"
    changes_names = True

    name: str = ""
    phone: str | None = None
    tags: list[str] = field(default_factory=list)
    birthday: str | None = None
    notes: str | None = None
    household: str | None = None
    then: dict[str, Any] | None = None  # the slot of the write waiting for her (its customer_id still 0)

    def statement(self, language: str) -> str:
        """The new customer and what is known of her (and the write that comes next, if any)."""
        day = Birthday.parse(self.birthday) if self.birthday else None
        born = spoken_day(day.month, day.day, language, lunar=day.lunar) if day else None
        then = self._then()
        if language == "en":
            return (f"Add new customer {self.name}" + (f", phone {self.phone}" if self.phone else "")
                    + (f", birthday {born}" if born else "")
                    + (f", {', '.join(self.tags)}" if self.tags else "")
                    + (f", address {self.household}" if self.household else "")
                    + (f", note \"{self.notes}\"" if self.notes else "") + "."
                    + (f" Then I'll read back: {then.entry('en').rstrip('. ')}." if then else ""))
        details = "".join(filter(None, [f",电话{self.phone}" if self.phone else "",
                                        f",生日{born}" if born else "",
                                        f",{'、'.join(self.tags)}" if self.tags else "",
                                        f",住{self.household}" if self.household else "",
                                        f",备注“{self.notes}”" if self.notes else ""]))
        follow = f"加好以后再跟您确认:{then.entry('zh').rstrip('。')}。" if then else ""
        return f"添加新顾客{self.name}{details}。{follow}"

    def with_phone(self, phone: str) -> NewCustomerProposal:
        """The same new customer with the phone the owner corrected ("电话不对,是…"): a new read-back (a new id)."""
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, phone=phone)

    def entry(self, language: str) -> str:
        """Once written, the customer added (an undo names her, not the write that came after)."""
        return dataclasses.replace(self, then=None).statement(language) if self.written else self.statement(language)

    def offer(self, language: str | None = None) -> str:
        """Said when a request names someone the shop does not know: she is not found, add her?"""
        lang = language or self.language
        if not (self.then or self.phone or self.tags or self.birthday or self.notes or self.household):
            if lang == "en":
                return f"I don't know a customer called \"{self.name}\". Add them as a new customer?"
            return f"没找到叫“{self.name}”的顾客。要添加为新顾客吗?"
        if lang == "en":
            return f"I don't know a customer called \"{self.name}\". {self.describe('en')}"
        return f"没找到叫“{self.name}”的顾客。{self.describe('zh')}"

    def carried_on(self) -> Proposal | None:
        """Once she is added, the write she was added for, now hers: a new read-back (None: there is none)."""
        then = self._then()
        if then is None or not self.written:
            return None
        return dataclasses.replace(then, id=uuid.uuid4().hex, written=None, customer_id=self.written["customer_id"])

    def _then(self) -> Proposal | None:
        then = Proposal.from_slot(self.then)
        return then if then is not None and hasattr(then, "customer_id") else None

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Add her."""
        customer = add_customer(session, shop_id=context.shop_id, channel=channel, name=self.name, phone=self.phone,
                                tags=self.tags or None, notes=self.notes, household=self.household,
                                birthday=Birthday.parse(self.birthday) if self.birthday else None)
        session.flush()
        self.written = {"customer_id": customer.id}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Remove the customer this proposal added (only her: the id and the name must both match)."""
        customer = get_customer(session, shop_id=context.shop_id, customer_id=self.written["customer_id"])
        if customer.name != self.name:
            raise NotFound("the customer to remove is not the one this entry added")
        session.delete(customer)
        audit.record(session, shop_id=context.shop_id, channel=channel, action="undo_add", entity="customer",
                     entity_id=self.written["customer_id"])


@register
@dataclass
class CustomerUpdateProposal(Proposal):
    """"给李建国记上:高血压。对吗?" — tags, a phone, a birthday or a note. A fact of someone in her household
    (``member``: "小吴她老公有糖尿病") is said as theirs: the note says whom, the tags mark the household."""

    kind = "update_customer"

    customer_id: int = 0
    customer_name: str = ""
    add_tags: list[str] = field(default_factory=list)
    phone: str | None = None
    birthday: str | None = None
    note: str | None = None
    member: str | None = None  # who in her household the note is about (老公, grandson), if not herself
    household: str | None = None  # where she lives now ("搬到八栋一单元了": 8栋1单元)
    household_before: str | None = None  # where the records had her, said in the read-back and kept for undo
    clear_phone: str | None = None  # "把小赵的电话删掉": the phone on record, taken off on yes (undo puts it back)

    def statement(self, language: str) -> str:
        """The facts to note, in the order the owner would check them."""
        said = []
        if self.member and self.note:
            said.append(self._household(language))
        elif self.add_tags:
            said.append(", ".join(self.add_tags) if language == "en" else "、".join(self.add_tags))
        if self.household:
            said.append(self._address(language))
        if self.phone:
            said.append(f"phone {self.phone}" if language == "en" else f"电话{self.phone}")
        if self.clear_phone:
            said.append(f"remove phone {self.clear_phone}" if language == "en" else f"删掉电话{self.clear_phone}")
        if self.birthday:
            day = Birthday.parse(self.birthday)
            spoken = spoken_day(day.month, day.day, language, lunar=day.lunar)
            said.append(f"birthday {spoken}" if language == "en" else f"生日{spoken}")
        if self.note and not self.member:
            said.append(f"note \"{self.note}\"" if language == "en" else f"备注“{self.note}”")
        if self.clear_phone and len(said) == 1:  # a removal is no note ("Note for Uncle Li: remove phone")
            return (f"Remove {self.customer_name}'s phone number {self.clear_phone} from the records." if language == "en"
                    else f"删掉{self.customer_name}的电话{self.clear_phone}。")
        if language == "en":
            return f"Note for {self.customer_name}: {'; '.join(said)}."
        return f"给{self.customer_name}记上:{';'.join(said)}。"

    def corrected(self, *, tags: list[str] | None = None, birthday: str | None = None,
                  phone: str | None = None) -> CustomerUpdateProposal | None:
        """The same update with the fact it reads back put right ("不对,是十月九号": the birthday; "不对 是高血压":
        the tag instead), a new read-back (a new id); None when the correction says nothing of a kind it reads back
        (or the same again), which is no correction of it."""
        changes: dict[str, Any] = {}
        instead = [tag for tag in tags or [] if tag not in self.add_tags]  # "不是糖尿病,是高血压": the one meant
        if instead and self.add_tags and not self.member:
            changes["add_tags"] = instead
        if birthday and self.birthday and birthday != self.birthday:
            changes["birthday"] = birthday
        if phone and self.phone and phone != self.phone:
            changes["phone"] = phone
        if not changes:
            return None
        return dataclasses.replace(self, id=uuid.uuid4().hex, written=None, **changes)

    def for_new_customer(self, name: str) -> NewCustomerProposal:
        """The same facts told of a name the shop does not know yet: one read-back adds her with them."""
        return NewCustomerProposal(language=self.language, name=name, phone=self.phone, tags=list(self.add_tags),
                                   birthday=self.birthday, notes=self.note, household=self.household)

    def _address(self, language: str) -> str:
        """"住址改为8栋1单元(原来是6栋2单元)": the move, with where the records had her."""
        if language == "en":
            before = f" (was {self.household_before})" if self.household_before else ""
            return f"new address {self.household}{before}"
        before = f"(原来是{self.household_before})" if self.household_before else ""
        return f"住址改为{self.household}{before}"

    def _household(self, language: str) -> str:
        """"吴敏萍的老公有糖尿病(家里人的情况,标签:糖尿病)": whose fact it is, never hers."""
        if language == "en":
            tags = f"; tag: {', '.join(tag_in_english(t) for t in self.add_tags)}" if self.add_tags else ""
            return f"{self.customer_name}'s {self.note} (someone in the household{tags})"
        tags = f",标签:{'、'.join(self.add_tags)}" if self.add_tags else ""
        return f"{self.customer_name}的{self.note}(家里人的情况{tags})"

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Save the new facts, keeping what they replace so that an undo can put it back."""
        customer = get_customer(session, shop_id=context.shop_id, customer_id=self.customer_id)
        facts = customer_facts(customer)
        changes = update_customer(session, customer, channel=channel, phone=self.phone,
                                  birthday=Birthday.parse(self.birthday) if self.birthday else None,
                                  household=self.household, add_tags=self.add_tags or None, add_note=self.note,
                                  keep_birth_year=True,  # "小赵生日改成5月4号" changes the day, not her age
                                  clear_phone=bool(self.clear_phone))  # kept in "before": an undo puts it back
        replaced = {"phone": "phone", "birthday": "birthday", "household": "household", "note": "notes"}
        self.written = {"customer_id": customer.id, "tags_added": changes.get("tags_added", []),
                        "note": changes.get("note"),
                        "before": {fact: facts[fact] for change, fact in replaced.items() if change in changes}}
        if "household" in changes:
            self.written["household_before"] = facts["household"] or ""

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Put back exactly what this entry replaced (phone, birthday with its year, address, notes) and take
        off the tags it added; refuses, rather than half-undo, an entry written before that was kept."""
        customer = get_customer(session, shop_id=context.shop_id, customer_id=self.customer_id)
        before = self.written.get("before")
        if before is None:  # written by an older version, which kept no old phone or birthday
            if self.phone or self.birthday:
                raise Invalid("the phone or birthday this entry replaced was not kept, so it cannot be put back",
                              zh="这笔改之前的电话或生日没有留底,没法改回去,请直接说原来的")
            household = self.written.get("household_before")
            before = {"household": household} if household is not None else {}
            if self.written.get("note") and customer.notes:
                before["notes"] = customer.notes.removesuffix(self.written["note"]).rstrip("\n") or None
        restore_customer(session, customer, channel=channel, before=before,
                         remove_tags=self.written.get("tags_added") or None)


@register
@dataclass
class ConsentProposal(Proposal):
    """"王秀英以后不再收店里的消息。对吗?" — recorded with time and channel."""

    kind = "consent"

    customer_id: int = 0
    customer_name: str = ""
    granted: bool = False
    note: str | None = None

    def statement(self, language: str) -> str:
        """Her choice, as the owner reported it."""
        if language == "en":
            return (f"{self.customer_name} agrees to get the shop's messages." if self.granted
                    else f"{self.customer_name} gets no more messages from the shop.")
        return f"{self.customer_name}同意接收店里的消息。" if self.granted else f"{self.customer_name}以后不再收店里的消息。"

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Record the consent (or its withdrawal)."""
        customer = get_customer(session, shop_id=context.shop_id, customer_id=self.customer_id)
        before = bool(customer.marketing_consent)
        record_consent(session, customer=customer, purpose="marketing", granted=self.granted, source=channel,
                       note=self.note)
        self.written = {"customer_id": customer.id, "before": before}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Restore what she had agreed to before, as a new consent record."""
        customer = get_customer(session, shop_id=context.shop_id, customer_id=self.customer_id)
        record_consent(session, customer=customer, purpose="marketing", granted=self.written["before"],
                       source=channel, note="undo")
