"""Yes and no: carry out or drop what the assistant read back."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import channel, language, say, shop
from actions.names import names_changed
from actions.sales import clear_sale
from assistant.brain.clarify import question
from assistant.brain.proposals import commit, commit_greeting, drop, undo
from assistant.errors import AssistantError


class ActionAffirm(Action):
    """The owner said yes: write what was proposed, remember it for undo, say it is done."""

    def name(self) -> str:
        return "action_affirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        pending = tracker.get_slot("pending")
        if not pending:
            dispatcher.utter_message(text=say("好的。", "OK.", lang))
            return []
        if pending["kind"] == "choose":
            dispatcher.utter_message(text=question(pending["options"], lang))
            return []
        if pending["kind"] == "record_greeting":
            dispatcher.utter_message(text=pending["summary"])
            return []
        try:
            with shop() as s:
                if pending["kind"] == "greeting":
                    written = await commit_greeting(s.session, shop_id=s.shop_id, pending=pending,
                                                    channel=channel(tracker))
                elif pending["kind"] == "undo":
                    undo(s.session, shop_id=s.shop_id, last_write=pending["data"]["last_write"],
                         channel=channel(tracker), conversation_id=tracker.sender_id)
                    written = None
                else:
                    written = commit(s.session, shop_id=s.shop_id, pending=pending, channel=channel(tracker),
                                     conversation_id=tracker.sender_id)
                    if pending["kind"] == "add_customer" or pending["data"].get("new_customer"):
                        s.session.flush()
                        names_changed(s)
        except AssistantError as error:
            dispatcher.utter_message(text=say(f"没记上:{error}", f"Not recorded: {error}", lang))
            return [SlotSet("pending", None)]
        if written is None:
            dispatcher.utter_message(text=say("已撤销。", "Undone.", lang))
            return [SlotSet("pending", None), SlotSet("last_write", None)]
        dispatcher.utter_message(text=say("记好了。", "Done, it's recorded.", lang))
        summary = pending["summary"].removesuffix("对吗?").removesuffix(" Right?")
        return [SlotSet("pending", None), SlotSet("last_write", {**written, "summary": summary})]


class ActionDeny(Action):
    """The owner said no: drop what was proposed (nothing was written)."""

    def name(self) -> str:
        return "action_deny"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        pending = tracker.get_slot("pending")
        if pending:
            with shop() as s:
                drop(s.session, shop_id=s.shop_id, pending=pending, channel=channel(tracker))
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
