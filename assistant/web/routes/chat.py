"""Chat: the Rasa REST-channel webhook (CONTRACT §4), the conversation so far, and the chat page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field, validator

from assistant.shop.channels import CHAT_API_CHANNELS
from assistant.web.brain_loader import unavailable
from assistant.web.buttons import reply_extras, shown_text
from assistant.web.deps import CurrentOwner
from assistant.web.i18n import language_of
from assistant.web.templating import templates

router = APIRouter(tags=["chat"])
MAX_MESSAGE = 2000  # characters: a spoken or typed request is a sentence or two, never a pasted page
TOO_LONG = (f"消息太长了(最多{MAX_MESSAGE}个字),请分几次说 / "
            f"The message is too long (at most {MAX_MESSAGE} characters): say it in parts")


class IncomingMessage(BaseModel):
    """The body Rasa's REST channel accepts."""

    sender: str = Field("owner", max_length=100)
    message: str
    metadata: dict[str, Any] | None = None

    @validator("metadata")
    def _channel_is_text(cls, metadata: dict[str, Any] | None) -> dict[str, Any] | None:
        # Other metadata passes through as Rasa's channel allows; the channel we read must be a name.
        if metadata and "channel" in metadata and not isinstance(metadata["channel"], str):
            raise ValueError(f"metadata.channel must be a string, one of {', '.join(sorted(CHAT_API_CHANNELS))}")
        return metadata

    @property
    def channel(self) -> str:
        """Where the message came from; an unknown name counts as the chat."""
        channel = (self.metadata or {}).get("channel", "chat")
        return channel if channel in CHAT_API_CHANNELS else "chat"


def _brain(request: Request) -> Any:
    state = request.app.state
    if state.brain is None:
        # 503 with Retry-After while the model loads: a client knows to try again; the page shows why.
        raise HTTPException(503, unavailable(state), headers={"Retry-After": "5"} if not state.brain_ready else None)
    return state.brain


@router.post("/webhooks/rest/webhook")
async def rest_webhook(body: IncomingMessage, request: Request, _owner: CurrentOwner) -> list[dict[str, Any]]:
    """Answer a message like Rasa's REST channel: a list of ``{"recipient_id", "text", ...}``; the last
    one carries ``awaiting_confirmation`` and ``buttons`` when a read-back waits for yes or no."""
    if len(body.message) > MAX_MESSAGE:
        # One plain sentence in both languages (the page shows hers), not a validation error in English.
        raise HTTPException(422, TOO_LONG)
    brain = _brain(request)
    turn = await brain.handle(body.message, sender=body.sender, channel=body.channel)
    replies = [{"recipient_id": body.sender, **message} for message in turn.messages]
    extras = await reply_extras(brain, body.sender, language_of(request))
    if replies and extras.get("buttons"):
        replies[-1] = {**replies[-1], **extras}
    return replies


@router.get("/api/conversation")
async def conversation(request: Request, _owner: CurrentOwner,
                       sender: str = Query(..., max_length=100)) -> list[dict[str, Any]]:
    """The conversation ``sender`` had so far, oldest first, as ``{"from", "text"}`` turns; the last
    assistant turn carries the buttons still waiting for an answer."""
    brain = request.app.state.brain
    history = getattr(brain, "history", None)
    if history is None:
        return []
    language = language_of(request)
    turns = []
    for turn in await history(sender):
        text = shown_text(turn["text"], language) if turn["from"] == "owner" else turn["text"]
        if text:
            turns.append({"from": turn["from"], "text": text})
    extras = await reply_extras(brain, sender, language)
    if turns and turns[-1]["from"] == "assistant" and extras.get("buttons"):
        turns[-1] = {**turns[-1], **extras}
    return turns


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request, owner: CurrentOwner) -> Response:
    """The chat page."""
    return templates.TemplateResponse(request, "chat.html", {"owner": owner, "nav": "chat"})
