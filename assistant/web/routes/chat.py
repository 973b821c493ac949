"""Chat: the Rasa REST-channel webhook (CONTRACT §4), the conversation so far, and the chat page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from assistant.shop.channels import CHAT_API_CHANNELS
from assistant.web.buttons import reply_extras, shown_text
from assistant.web.deps import CurrentOwner
from assistant.web.i18n import language_of
from assistant.web.templating import templates

router = APIRouter(tags=["chat"])


class IncomingMessage(BaseModel):
    """The body Rasa's REST channel accepts."""

    sender: str = Field("owner", max_length=100)
    message: str = Field(..., max_length=2000)
    metadata: dict[str, Any] | None = None


def _brain(request: Request) -> Any:
    brain = request.app.state.brain
    if brain is None:
        raise HTTPException(503, "the dialogue model is not trained yet: run `assistant train`")
    return brain


@router.post("/webhooks/rest/webhook")
async def rest_webhook(body: IncomingMessage, request: Request, _owner: CurrentOwner) -> list[dict[str, Any]]:
    """Answer a message like Rasa's REST channel: a list of ``{"recipient_id", "text", ...}``; the last
    one carries ``awaiting_confirmation`` and ``buttons`` when a read-back waits for yes or no."""
    brain = _brain(request)
    channel = (body.metadata or {}).get("channel", "chat")
    turn = await brain.handle(body.message, sender=body.sender, channel=channel if channel in CHAT_API_CHANNELS else "chat")
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
