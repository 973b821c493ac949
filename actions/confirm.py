"""Yes and no: carry out or drop what the assistant read back."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import ShopAction, channel, language, say
from actions.sales import clear_sale
from assistant.brain.clarify import question
from assistant.brain.proposals import Proposal, UndoProposal
from assistant.errors import AssistantError


class ActionAffirm(ShopAction):
    """The owner said yes: write what was proposed, remember it for undo, say it is done."""

    def name(self) -> str:
        return "action_affirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        pending = tracker.get_slot("pending")
        if pending and pending.get("kind") == "choose":
            dispatcher.utter_message(text=question(pending["options"], lang))
            return []
        if pending and pending.get("kind") == "record_greeting":
            dispatcher.utter_message(text=pending["summary"])
            return []
        proposal = Proposal.from_slot(pending)
        if proposal is None:
            dispatcher.utter_message(text=say("好的。", "OK.", lang))
            return []
        try:
            with self.context.session() as session:
                await proposal.commit(self.context, session, channel=channel(tracker),
                                      conversation_id=tracker.sender_id)
        except AssistantError as error:
            dispatcher.utter_message(text=say(f"没记上:{error}", f"Not recorded: {error}", lang))
            return [SlotSet("pending", None)]
        if proposal.changes_names:
            self.context.names_changed()
        if isinstance(proposal, UndoProposal):
            dispatcher.utter_message(text=say("已撤销。", "Undone.", lang))
            return [SlotSet("pending", None), SlotSet("last_write", None)]
        dispatcher.utter_message(text=say("记好了。", "Done, it's recorded.", lang))
        return [SlotSet("pending", None), SlotSet("last_write", proposal.to_slot())]


class ActionDeny(ShopAction):
    """The owner said no: drop what was proposed (nothing was written)."""

    def name(self) -> str:
        return "action_deny"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        pending = tracker.get_slot("pending")
        proposal = Proposal.from_slot(pending)
        if proposal is not None:
            with self.context.session() as session:
                proposal.drop(self.context, session, channel=channel(tracker))
        busy = pending or tracker.active_loop.get("name")
        dispatcher.utter_message(text=say("好,不记了。", "OK, nothing recorded.", lang) if busy
                                 else say("好的。", "OK.", lang))
        return [SlotSet("pending", None), *clear_sale()]


class ActionStopSale(ActionDeny):
    """The owner said no (or "undo") while the sale form was asking: stop it, nothing written."""

    def name(self) -> str:
        return "action_stop_sale"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        return [*super().run(dispatcher, tracker, domain), ActiveLoop(None), SlotSet("requested_slot", None)]
