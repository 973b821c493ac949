"""Yes and no: carry out or drop what the assistant read back."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import DataError, SQLAlchemyError

from actions.common import ShopAction, channel, language, read_back, say
from actions.corrections import correct_sale
from actions.sale_form import clear_sale
from actions.sales import ActionProposeUndo
from actions.tagged import answer_who_has
from actions.whom_corrected import correct_whom
from assistant.brain.clarify import question
from assistant.brain.confirmation import confirm
from assistant.brain.current_customer import SLOT as CURRENT_CUSTOMER
from assistant.brain.current_customer import CurrentCustomer
from assistant.brain.proposals import EraseCustomerProposal, NewCustomerProposal, Proposal, UndoProposal
from assistant.brain.proposals.price import PriceProposal
from assistant.errors import AssistantError, NotFound, message_in
from assistant.language.answers import asks_to_take_back, says_yes
from assistant.language.corrections_said import puts_question_right
from assistant.language.intent_cues import asks
from assistant.language.keyboard_mash import says_nothing
from assistant.language.normalize import normalize
from assistant.language.price_talk import price_put_right
from assistant.language.questions import asks_what_was_recorded

logger = logging.getLogger(__name__)


class ActionAffirm(ShopAction):
    """The owner said yes: write what was proposed, remember it for undo, say it is done."""

    def name(self) -> str:
        return "action_affirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        pending = tracker.get_slot("pending")
        if pending and pending.get("kind") == "choose":
            if not tracker.active_loop.get("name"):  # a form asks again by itself
                dispatcher.utter_message(text=question(pending["options"], lang))
            return []
        if pending and pending.get("kind") == "record_greeting":
            from assistant.brain.greetings import still_asked

            if not still_asked(tracker.events, pending["summary"]):  # asked long ago: this yes answers nothing
                dispatcher.utter_message(text=say("现在没有要确认的内容。", "Nothing is waiting for a yes.", lang))
                return [SlotSet("pending", None)]
            dispatcher.utter_message(text=pending["summary"])
            return []
        proposal = Proposal.from_slot(pending)
        text = tracker.latest_message.get("text") or ""
        if proposal is not None and not text.startswith("/") and not says_yes(text):
            corrected = correct_sale(self.context, dispatcher, tracker, only_if_worded=True)
            if corrected is None:  # "是汪桂兰" heard as "是": her opt-out read back for 汪桂兰, not a yes
                corrected = correct_whom(self.context, dispatcher, tracker)
            if corrected is not None:  # "是五" heard as "是": a new figure to read back, not a yes
                return corrected
        if proposal is None:
            if says_nothing(text):  # "🙂🙂🙂" heard as a yes with nothing waiting: not understood, in her language
                from actions.fallback import not_understood  # (actions.fallback imports this module's peers)

                return not_understood(self.context, dispatcher, tracker)
            if (who := answer_who_has(self.context, dispatcher, tracker)) is not None:  # "谁是团购的" heard as "是的"
                return who
            dispatcher.utter_message(text=say("现在没有要确认的内容。", "Nothing is waiting for a yes.", lang))
            return []
        try:
            done, already = await confirm(self.context, proposal, channel=channel(tracker),
                                          conversation_id=tracker.sender_id)
        except NotFound:
            # Erased or removed between the read-back and the yes: nothing to write it to.
            dispatcher.utter_message(text=say(
                "没记上:要记的顾客或商品已经找不到了(可能刚被删除),请重新说一遍。",
                "Not recorded: the customer or product is no longer there (perhaps just erased); say it again.", lang))
            return [SlotSet("pending", None)]
        except AssistantError as error:
            undo = isinstance(proposal, UndoProposal)
            dispatcher.utter_message(text=say(f"{'没撤销' if undo else '没记上'}:{message_in(error, 'zh')}",
                                              f"{'Not undone' if undo else 'Not recorded'}: {error}", lang))
            return [SlotSet("pending", None)]
        except DataError:
            # A number or text the database cannot hold: saying "yes" again would fail the same way forever.
            logger.exception("a confirmed %s does not fit the database", proposal.kind)
            dispatcher.utter_message(text=say("没记上:这笔里的数字或文字太大、太长,记不下。请核对后重新说。",
                                              "Not recorded: a number or text in it is too large to keep. "
                                              "Check it and say it again.", lang))
            return [SlotSet("pending", None)]
        except SQLAlchemyError:
            logger.exception("a confirmed %s could not be written", proposal.kind)
            dispatcher.utter_message(text=say("没记上:数据库出了问题。再说一次“对”就行。",
                                              "Not saved: the database had a problem. Say \"yes\" again to retry.",
                                              lang))
            return []  # the read-back still waits: "对" again tries again
        if done.changes_names and not already:
            self.context.names_changed()
        if isinstance(done, UndoProposal):
            dispatcher.utter_message(text=say("已撤销。", "Undone.", lang) if not already
                                     else say("刚才那笔已经撤销了。", "That was already undone.", lang))
            return [SlotSet("pending", None), SlotSet("last_write", None)]
        if isinstance(done, EraseCustomerProposal):  # nothing to undo, and no "她" may point at her any more
            dispatcher.utter_message(text=say("已删除。", "Erased.", lang))
            return [SlotSet("pending", None), SlotSet("last_write", None), SlotSet(CURRENT_CUSTOMER, None)]
        dispatcher.utter_message(text=say("记好了。", "Done, it's recorded.", lang) if not already
                                 else say("这笔已经记好了。", "That's already recorded.", lang))
        events = [SlotSet("pending", None), SlotSet("last_write", done.to_slot())]
        if isinstance(done, NewCustomerProposal) and done.written:
            # the customer just added is the one "her birthday is May 3rd" goes on about
            events.append(SlotSet(CURRENT_CUSTOMER, CurrentCustomer(id=done.written["customer_id"], name=done.name).to_slot()))
            follow = done.carried_on() if not already else None
            if follow is not None:  # she was added for a write ("马老师不想收消息了"): now read that back
                events += read_back(dispatcher, follow, lang=lang)
        return events


class ActionDeny(ShopAction):
    """The owner said no: drop what was proposed (nothing was written) — or, when she said what is right
    instead ("不对,是两桶", "no, 3 bags"), read the corrected sale back."""

    def name(self) -> str:
        return "action_deny"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        pending = tracker.get_slot("pending")
        proposal = Proposal.from_slot(pending)
        corrected = correct_sale(self.context, dispatcher, tracker)
        if corrected is None and isinstance(proposal, PriceProposal) \
                and (price := price_put_right(tracker.latest_message.get("text"))) is not None:
            corrected = read_back(dispatcher, dataclasses.replace(proposal, price=str(price)), lang=lang)  # "不对 是 七十 三"
        if corrected is None:
            corrected = correct_whom(self.context, dispatcher, tracker)  # "不对,是汪阿姨": her, not dropped
        if corrected is not None:
            return corrected
        busy = pending or tracker.active_loop.get("name")
        from actions.lists import ActionListMore, retellable  # (actions.lists imports this module's peers)

        if not busy and puts_question_right(tracker.latest_message.get("text")) and retellable(tracker):
            # "不对 我 问 的 是 油" after the rice takings: the last question, about oil
            return ActionListMore(self.context).run(dispatcher, tracker, domain)
        if not busy and asks_to_take_back(tracker.latest_message.get("text")):
            # "cancel that order", "no, take it back" with nothing waiting: the last entry, to undo
            return ActionProposeUndo(self.context).run(dispatcher, tracker, domain)
        if not busy and asks(normalize(tracker.latest_message.get("text") or "").text.lower()):
            # "她多久没来了" heard as a no (没) with nothing waiting: a question, answered as an unsure one is
            from actions.fallback import ActionFallback  # (actions.fallback imports this module's peers)

            return ActionFallback(self.context).run(dispatcher, tracker, domain)
        if proposal is not None:
            with self.context.session() as session:
                proposal.drop(self.context, session, channel=channel(tracker))
        dispatcher.utter_message(text=say("好,不记了。", "OK, nothing recorded.", lang) if busy
                                 else say("好的。", "OK.", lang))
        return [SlotSet("pending", None), *clear_sale()]


class ActionStopSale(ActionDeny):
    """The owner said no (or "undo") while the sale form was asking: stop it, nothing written."""

    def name(self) -> str:
        return "action_stop_sale"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        stopped = [*super().run(dispatcher, tracker, domain), ActiveLoop(None), SlotSet("requested_slot", None)]
        if asks_what_was_recorded(tracker.latest_message.get("text")):  # "刚才记的是什么" while asked what was bought
            return [*stopped, *ActionProposeUndo(self.context).run(dispatcher, tracker, domain)]
        return stopped

