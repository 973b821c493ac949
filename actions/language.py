"""The reply language, set from the owner's own words on every message."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions.common import UsesContext
from assistant.language.detect import reply_language


class ValidateSlotMappings(UsesContext, ValidationAction):
    """Fills the ``language`` slot: the language of the latest message (or the fixed setting)."""

    def extract_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: dict[str, Any]) -> dict[str, Any]:
        """``zh`` or ``en`` for the message just received; an intent trigger keeps the current one."""
        text = tracker.latest_message.get("text") or ""
        if text.startswith("/"):
            return {}
        return {"language": reply_language(text, self.context.settings.language, tracker.get_slot("language"))}

    def validate_language(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                          domain: dict[str, Any]) -> dict[str, Any]:
        """The extracted language is already one of ``zh`` / ``en``: nothing to check (without this,
        rasa_sdk warns on every message that the slot has no validation method)."""
        return {"language": slot_value}
