"""Greetings: a composed one spoken with the shop's voice on "yes", and the owner's own recording kept."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from assistant.brain.proposals.base import Proposal, register
from assistant.context import ShopContext
from assistant.shop.customers import get_customer
from assistant.shop.greetings import cancel, make_composed_greeting


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

    def statement(self, language: str) -> str:
        """The greeting and for whom."""
        if language == "en":
            return f"the greeting for {self.customer_name}: \"{self.text}\""
        return f"给{self.customer_name}的祝福“{self.text}”"

    def describe(self, language: str | None = None) -> str:
        """The greeting itself, with a consent warning first when she has not agreed to messages."""
        language = language or self.language
        warning = ""
        if self.insist:
            warning = (f"Note: {self.customer_name} has not agreed to messages; going ahead is logged as your "
                       "decision. " if language == "en"
                       else f"注意:{self.customer_name}没有同意接收店里的消息,若坚持会记录在案。")
        if language == "en":
            return warning + f"Greeting for {self.customer_name}: \"{self.text}\" Make it?"
        return warning + f"给{self.customer_name}的祝福:“{self.text}” 要生成语音放进待发吗?"

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
