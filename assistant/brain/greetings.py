"""The recording turn of ``record_greeting``: the owner's utterance becomes the customer's greeting."""

from __future__ import annotations

from typing import Any

from assistant.brain.proposals import KeepRecordingProposal
from assistant.context import ShopContext
from assistant.errors import AssistantError
from assistant.shop.customers import get_customer
from assistant.shop.greetings import occasion_label, save_recorded_greeting


def store_recording(context: ShopContext, pending: dict[str, Any] | None, *, audio: bytes, transcript: str,
                    channel: str,
                    pcm_sample_rate: int | None, language: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Save the recording the conversation was waiting for; returns the reply and the new ``pending``.

    The reply carries the greeting's audio link so the owner hears it back, then chooses: keep it ("好"),
    record again ("重录"), or cancel ("不要").
    """
    if not pending or pending.get("kind") != "record_greeting":
        return {"text": "现在没有在录祝福。" if language == "zh" else "I wasn't recording a greeting."}, pending
    data = pending["data"]
    try:
        with context.session() as session:
            customer = get_customer(session, shop_id=context.shop_id, customer_id=data["customer_id"])
            greeting = save_recorded_greeting(session, customer=customer, occasion=data["occasion"], audio=audio,
                                              transcript=transcript, channel=channel, insist=data.get("insist", False),
                                              pcm_sample_rate=pcm_sample_rate, data_dir=context.settings.data_dir,
                                              now=context.now())
            name, occasion = customer.name, occasion_label(greeting.occasion, language=language)
            greeting_id = greeting.id
    except AssistantError as error:
        text = f"没录上:{error}" if language == "zh" else f"That didn't record: {error}"
        return {"text": text}, pending
    summary = (f"给{name}的{occasion}祝福录好了,听一下。要保留吗?(说“重录”可以再录一遍)" if language == "zh"
               else f"Here is your {occasion} greeting for {name}. Keep it? (Say \"record again\" to redo it.)")
    reply = {"text": summary, "custom": {"greeting_id": greeting_id, "audio_url": f"/api/greetings/{greeting_id}/audio"}}
    keep = KeepRecordingProposal(language=language, greeting_id=greeting_id, summary=summary)
    return reply, keep.to_slot()


def still_asked(events: list[dict[str, Any]], prompt: str) -> bool:
    """Whether ``prompt`` ("好,请说给邓海的生日祝福…") is the last thing the assistant said before the owner's latest
    message (tracker events): a yes answers it; said after other requests in between, a yes answers nothing
    (red team 16, A5: a stray "yes" brought an old recording prompt back, half in English)."""
    said = [event.get("text") for event in events if event.get("event") == "bot"]
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    if len(users) < 2:
        return bool(said) and said[-1] == prompt
    between = events[users[-2] + 1:users[-1]]
    return any(event.get("event") == "bot" and event.get("text") == prompt for event in between)
