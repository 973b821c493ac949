"""Greetings: a composed one spoken with the shop's voice on "yes", a sent one put back to be sent again,
the owner's own recording kept, and one she says she sent marked sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from assistant.brain.proposals.base import Proposal, register
from assistant.context import ShopContext
from assistant.shop.customers import get_customer
from assistant.shop.greetings import (
    cancel,
    get_greeting,
    make_composed_greeting,
    mark_sent,
    resend,
    take_back_resend,
    unmark_sent,
)


@register
@dataclass
class GreetingProposal(Proposal):
    """A composed greeting read to the owner; on yes it is spoken and queued."""

    kind = "greeting"

    customer_id: int = 0
    customer_name: str = ""
    occasion: str = "生日"
    text: str = ""
    insist: bool = False  # she has not agreed to messages: going ahead is logged as the owner's decision
    when: str | None = None  # when the occasion is, for the owner (后天(3月17日)); None when not known
    past: bool = False  # the birthday has just passed: a belated greeting (补祝), not next year's

    def statement(self, language: str) -> str:
        """The greeting and for whom."""
        if language == "en":
            return f"the greeting for {self.customer_name}: \"{self.text}\""
        return f"给{self.customer_name}的祝福“{self.text}”"

    def entry(self, language: str) -> str:
        """"给王秀英的生日祝福": the greeting named, not read out again in every later answer's note."""
        if language == "en":
            occasion = "birthday" if self.occasion in {"生日", "birthday"} else self.occasion
            return f"the {occasion} greeting for {self.customer_name}"
        return f"给{self.customer_name}的{self.occasion}祝福"

    def describe(self, language: str | None = None) -> str:
        """The greeting itself, with a consent warning first when she has not agreed to messages."""
        language = language or self.language
        warning = ""
        if self.insist:
            warning = (f"Note: {self.customer_name} has not agreed to messages; going ahead is logged as your "
                       "decision. " if language == "en"
                       else f"注意:{self.customer_name}没有同意接收店里的消息,若坚持会记录在案。")
        news = self.occasion in {"新品到货", "new_arrival"}  # "告诉李叔低钠酱油到了" is news, not wishes
        if language == "en":
            when = f"{self.customer_name}'s birthday is {self.when}. " if self.when else ""
            if self.when and self.past:
                when = f"{self.customer_name}'s birthday was {self.when}: this is a belated greeting. "
            kind = "Message" if news else "Greeting"
            return warning + when + f"{kind} for {self.customer_name}: \"{self.text}\" Make it?"
        when = f"{self.customer_name}{self.when}过生日。" if self.when else ""
        if self.when and self.past:
            when = f"{self.customer_name}的生日是{self.when},已经过了,这是补祝。"
        return warning + when + f"给{self.customer_name}的{'消息' if news else '祝福'}:“{self.text}” 要生成语音放进待发吗?"

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Speak it with the context's voice and queue it."""
        customer = get_customer(session, shop_id=context.shop_id, customer_id=self.customer_id)
        greeting = await make_composed_greeting(session, customer=customer, occasion=self.occasion, text=self.text,
                                                synthesizer=context.synthesizer, channel=channel,
                                                language=self.language, insist=self.insist,
                                                data_dir=context.settings.data_dir, now=context.now())
        self.written = {"greeting_id": greeting.id}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Take it out of the queue."""
        cancel(session, shop_id=context.shop_id, greeting_id=self.written["greeting_id"], channel=channel)


@register
@dataclass
class ResendGreetingProposal(Proposal):
    """This year's greeting for the occasion was sent already; on yes it goes back in the queue to be sent
    again (no second greeting is made)."""

    kind = "resend_greeting"

    greeting_id: int = 0
    customer_name: str = ""
    occasion: str = "生日"  # as said to the owner (生日 / birthday)
    made_on: str = ""  # ISO dates
    sent_on: str = ""
    insist: bool = False  # she has since withdrawn consent: going ahead is logged as the owner's decision

    def statement(self, language: str) -> str:
        """Sending the greeting again."""
        if language == "en":
            return f"sending the {self.occasion} greeting for {self.customer_name} again"
        return f"再发一遍给{self.customer_name}的{self.occasion}祝福"

    def describe(self, language: str | None = None) -> str:
        """It exists, made and sent when; send it again?"""
        language = language or self.language
        made, sent = dt.date.fromisoformat(self.made_on), dt.date.fromisoformat(self.sent_on)
        if language == "en":
            warning = (f" Note: {self.customer_name} has not agreed to messages; going ahead is logged as your "
                       "decision." if self.insist else "")
            return (f"This year's {self.occasion} greeting for {self.customer_name} was already made on "
                    f"{made:%B} {made.day} and sent on {sent:%B} {sent.day}.{warning} Send it again?")
        warning = f"注意:{self.customer_name}没有同意接收店里的消息,若坚持会记录在案。" if self.insist else ""
        return (f"今年给{self.customer_name}的{self.occasion}祝福已经做过了:{made.month}月{made.day}日做的,"
                f"{sent.month}月{sent.day}日发出去了。{warning}要再发一遍吗?")

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Put it back among the greetings waiting to be sent."""
        greeting = get_greeting(session, shop_id=context.shop_id, greeting_id=self.greeting_id)
        sent_at = greeting.sent_at
        resend(session, shop_id=context.shop_id, greeting_id=self.greeting_id, channel=channel, insist=self.insist)
        self.written = {"greeting_id": self.greeting_id, "sent_at": sent_at.isoformat() if sent_at else None}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """It was sent as before."""
        sent_at = self.written.get("sent_at")
        take_back_resend(session, shop_id=context.shop_id, greeting_id=self.greeting_id, channel=channel,
                         sent_at=dt.datetime.fromisoformat(sent_at) if sent_at else None)


@register
@dataclass
class KeepRecordingProposal(Proposal):
    """The owner's recorded greeting is already queued; "yes" keeps it there, "no" cancels it."""

    kind = "keep_greeting"

    greeting_id: int = 0
    summary: str = ""  # the reply that played the recording back

    def statement(self, language: str) -> str:
        """The recorded greeting."""
        return "the recorded greeting" if language == "en" else "录好的祝福"

    def describe(self, language: str | None = None) -> str:
        """The play-back question as it was asked."""
        return self.summary

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Nothing to write: keeping it is leaving it queued."""
        self.written = {"greeting_id": self.greeting_id}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Take it out of the queue."""
        cancel(session, shop_id=context.shop_id, greeting_id=self.greeting_id, channel=channel)

    def drop(self, context: ShopContext, session: Session, *, channel: str) -> None:
        """She did not want it: cancel the queued recording."""
        cancel(session, shop_id=context.shop_id, greeting_id=self.greeting_id, channel=channel)


@register
@dataclass
class MarkSentProposal(Proposal):
    """"刘女士的祝福发过去了": the owner sent a waiting greeting herself; on yes it is marked sent."""

    kind = "mark_greeting_sent"

    greeting_id: int = 0
    customer_name: str = ""
    occasion: str = "生日"  # as said to the owner (生日 / birthday)
    insist: bool = False  # she has since withdrawn consent: marking it sent is logged as the owner's decision

    def statement(self, language: str) -> str:
        """Marking the greeting sent."""
        if language == "en":
            return f"the {self.occasion} greeting for {self.customer_name} marked sent"
        return f"给{self.customer_name}的{self.occasion}祝福记成已发"

    def describe(self, language: str | None = None) -> str:
        """Mark it sent?"""
        language = language or self.language
        if language == "en":
            warning = (f" Note: {self.customer_name} has not agreed to messages; this is logged as your decision."
                       if self.insist else "")
            return f"I'll mark the {self.occasion} greeting for {self.customer_name} as sent.{warning} Right?"
        warning = f"注意:{self.customer_name}没有同意接收店里的消息,会记录在案。" if self.insist else ""
        return f"把给{self.customer_name}的{self.occasion}祝福记成已发出,不再算待发。{warning}对吗?"

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Mark it sent now."""
        mark_sent(session, shop_id=context.shop_id, greeting_id=self.greeting_id, channel=channel,
                  insist=self.insist, now=context.now())
        self.written = {"greeting_id": self.greeting_id}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """It waits to be sent again."""
        unmark_sent(session, shop_id=context.shop_id, greeting_id=self.greeting_id, channel=channel)
